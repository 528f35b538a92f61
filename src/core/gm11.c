/*
 * gm11.c - the grey model GM(1,1).
 *
 * The accumulated series x1(k) = x(1) + ... + x(k) is taken to follow
 * dx1/dt + a x1 = b.  a and b come from least squares of x(k) on the
 * background values z(k) = (x1(k) + x1(k-1)) / 2, k = 2..n, written on
 * centred sums (the two-column QR solution, without forming normal
 * equations).  The restored values are
 *   x^(k+1) = (b - a x(1)) (1 - e^-a) / a  e^(-a (k-1)),  k >= 1,
 * with (1 - e^-a) / a taken through expm1 so that a -> 0 stays exact.
 *
 * Posterior-error check (the usual grey-system convention): residuals
 * e(k) = x(k) - x^(k) for k = 1..n (the first is 0), S1 and S2 the standard
 * deviations of x and e with divisor n, C = S2 / S1 and
 * P = share of k with |e(k) - mean(e)| < 0.6745 S1.
 *
 * The model is scale-equivariant (a is unchanged and b scales with x), so
 * the least squares run on x / max(x): sums of squares of yuan-sized values
 * would overflow long before the model does.
 */
#include <math.h>

#include "sy_core_forecast.h"

/* (1 - e^-a) / a, continuous at a = 0 */
static double
restore_factor(double a)
{
	return a == 0.0 ? 1.0 : -expm1(-a) / a;
}

static double
restored(const sy_gm11 *fit, double x0, int k)
{
	/* value at position k (0-based), k >= 1 */
	return (fit->b - fit->a * x0) * restore_factor(fit->a) * exp(-fit->a * (k - 1));
}

sy_status
sy_gm11_fit(const double *x, int n, sy_gm11 *fit, double *fitted)
{
	double		x1,
				top = 0.0,
				zbar = 0.0,
				ybar = 0.0,
				szz = 0.0,
				szy = 0.0,
				xbar = 0.0,
				ebar = 0.0,
				s1 = 0.0,
				s2 = 0.0,
				mre = 0.0;
	int			good = 0;

	for (int k = 0; k < n; k++)
		top = fmax(top, x[k]);
	if (!(top > 0.0))
		return SY_UNDEFINED;

	/* means first, then centred sums, on x / top */
	x1 = x[0] / top;
	for (int k = 1; k < n; k++)
	{
		double		z = x1 + x[k] / top / 2.0;

		x1 += x[k] / top;
		zbar += z;
		ybar += x[k] / top;
	}
	zbar /= n - 1;
	ybar /= n - 1;
	x1 = x[0] / top;
	for (int k = 1; k < n; k++)
	{
		double		z = x1 + x[k] / top / 2.0;

		x1 += x[k] / top;
		szz += (z - zbar) * (z - zbar);
		szy += (z - zbar) * (x[k] / top - ybar);
	}
	if (!(szz > 0.0))
		return SY_UNDEFINED;
	fit->a = -szy / szz;
	if (fit->a == 0.0)
		fit->a = 0.0;			/* no negative zero */
	fit->b = (ybar + fit->a * zbar) * top;

	fitted[0] = x[0];
	for (int k = 1; k < n; k++)
		fitted[k] = restored(fit, x[0], k);

	for (int k = 0; k < n; k++)
	{
		xbar += x[k];
		ebar += x[k] - fitted[k];
	}
	xbar /= n;
	ebar /= n;
	for (int k = 0; k < n; k++)
	{
		double		e = x[k] - fitted[k];

		s1 += (x[k] - xbar) * (x[k] - xbar);
		s2 += (e - ebar) * (e - ebar);
	}
	s1 = sqrt(s1 / n);
	s2 = sqrt(s2 / n);
	if (s1 > 0.0)
	{
		for (int k = 0; k < n; k++)
			if (fabs(x[k] - fitted[k] - ebar) < 0.6745 * s1)
				good++;
		fit->c = s2 / s1;
		fit->p = (double) good / n;
		if (fit->p > 0.95 && fit->c < 0.35)
			fit->grade = 1;
		else if (fit->p > 0.80 && fit->c < 0.50)
			fit->grade = 2;
		else if (fit->p > 0.70 && fit->c < 0.65)
			fit->grade = 3;
		else
			fit->grade = 4;
	}
	else
	{
		fit->c = NAN;
		fit->p = NAN;
		fit->grade = 0;
	}

	fit->ratio_lower = exp(-2.0 / (n + 1));
	fit->ratio_upper = exp(2.0 / (n + 1));
	fit->ratio_min = INFINITY;
	fit->ratio_max = -INFINITY;
	for (int k = 1; k < n; k++)
	{
		double		r;

		if (x[k] == 0.0)
		{
			fit->ratio_min = fit->ratio_max = NAN;
			mre = NAN;
			break;
		}
		r = x[k - 1] / x[k];
		fit->ratio_min = fmin(fit->ratio_min, r);
		fit->ratio_max = fmax(fit->ratio_max, r);
		mre += fabs(x[k] - fitted[k]) / x[k];
	}
	fit->mean_relative_error = mre / (n - 1);
	return SY_OK;
}

void
sy_gm11_forecast(const sy_gm11 *fit, double x0, int n, int horizon, double *out)
{
	for (int h = 0; h < horizon; h++)
		out[h] = restored(fit, x0, n + h);
}
