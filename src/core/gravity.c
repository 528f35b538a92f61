/*
 * gravity.c - the gravity model of inter-city linkage,
 * T_ij = k Q_i^alpha Q_j^beta / d_ij^r, and great-circle distances.
 */
#include <math.h>

#include "sy_core_spatial.h"

#define EARTH_RADIUS_KM 6371.0088

double
sy_gravity(double qi, double qj, double d, double k,
		   double alpha, double beta, double r)
{
	/* the usual k = alpha = beta = 1, r = 2 without pow() */
	double		a = alpha == 1.0 ? qi : pow(qi, alpha);
	double		b = beta == 1.0 ? qj : pow(qj, beta);
	double		c = r == 2.0 ? d * d : pow(d, r);

	double		ab = a * b;

	/*
	 * Q_i^alpha Q_j^beta first, when it is a normal number: with alpha =
	 * beta (and no directional k) T_ij is then T_ji bit for bit, as the model
	 * is symmetric; else a / c first, which neither overflows nor underflows
	 * where the product would.
	 */
	double		t = isnormal(ab) ? k * (ab / c) : k * (a / c) * b;

	/* an intermediate power that overflows or underflows: in logarithms,
	 * so that e.g. 1e300 x 1e300 / (1e300)^2 is 1 */
	if (!(isfinite(a) && isfinite(b) && isfinite(c) && c > 0.0 && a > 0.0 && b > 0.0 && t > 0.0))
		t = exp(log(k) + alpha * log(qi) + beta * log(qj) - r * log(d));
	return t;
}

double
sy_gravity_mass(double pop, double gdp)
{
	return sqrt(pop) * sqrt(gdp);
}

double
sy_gravity_coefficient(double gi, double gj)
{
	return 1.0 / (1.0 + gj / gi);
}

double
sy_haversine_km(double lon1, double lat1, double lon2, double lat2)
{
	const double rad = 3.14159265358979323846 / 180.0;
	double		sdlat = sin((lat2 - lat1) * rad / 2.0);
	double		sdlon = sin((lon2 - lon1) * rad / 2.0);
	double		h = sdlat * sdlat + cos(lat1 * rad) * cos(lat2 * rad) * sdlon * sdlon;

	if (h > 1.0)
		h = 1.0;
	return 2.0 * EARTH_RADIUS_KM * asin(sqrt(h));
}

double
sy_gravity_row(const double *q, const double *kcoef, size_t n, size_t i,
			   const double *d, double k, double alpha, double beta,
			   double r, double *t, long *best)
{
	double		total = 0.0,
				top = -1.0;

	*best = -1;
	for (size_t j = 0; j < n; j++)
	{
		double		kij = k;

		if (j == i)
		{
			t[j] = 0.0;
			continue;
		}
		if (kcoef)
			kij *= kcoef[i] / (kcoef[i] + kcoef[j]);
		t[j] = sy_gravity(q[i], q[j], d[j], kij, alpha, beta, r);
		total += t[j];
		if (t[j] > top)
		{
			top = t[j];
			*best = (long) j;
		}
	}
	return total;
}
