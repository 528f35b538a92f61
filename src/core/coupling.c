/*
 * coupling.c - coupling coordination degree (耦合协调度) and companions.
 *
 * classic:   C = n [prod(U) / sum(U)^n]^(1/n), i.e. the geometric mean over
 *            the arithmetic mean of the U_i; C = 0 when any U_i = 0.
 * wang2021:  C = sqrt([1 - sum_{i>j} |U_i - U_j| / sum_{m=1}^{n-1} m]
 *                     * [prod(U_i / max U)]^(1/(n-1)))
 *            (Wang Shujia et al. 2021, 自然资源学报 36(3)).
 * T = sum(w_i U_i) with w summing to 1, D = sqrt(C T).
 */
#include <math.h>
#include <stdlib.h>

#include "sy_core.h"

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

/*
 * log of the product of the factors f[i] * scale, all in (0, 1], with one
 * logarithm instead of n and no underflow: factors and the running product
 * are kept at or above 2^-500 by exact power-of-two rescaling, so each
 * product stays a normal number.
 */
static double
log_product(const double *f, size_t n, double scale)
{
	double		p = 1.0;
	double		shifts = 0.0;

	for (size_t i = 0; i < n; i++)
	{
		double		v = f[i] * scale;

		while (v < 0x1p-500)
		{
			v *= 0x1p500;
			shifts += 500.0;
		}
		p *= v;
		if (p < 0x1p-500)
		{
			p *= 0x1p500;
			shifts += 500.0;
		}
	}
	return log(p) - shifts * 0.69314718055994530942;
}

static double
classic_c(const double *u, size_t n)
{
	double		sum = 0.0,
				c;

	for (size_t i = 0; i < n; i++)
	{
		if (u[i] == 0.0)
			return 0.0;
		sum += u[i];
	}
	/* geometric mean / arithmetic mean */
	c = exp(log_product(u, n, 1.0) / (double) n) / (sum / (double) n);
	return c > 1.0 ? 1.0 : c;
}

static double
wang2021_c(const double *u, size_t n, double *work)
{
	double		pairs = 0.0,
				biggest,
				logsum,
				spread,
				c;

	/* sum over pairs of |U_i - U_j| = sum_k (2k - n - 1) U_(k), sorted */
	for (size_t i = 0; i < n; i++)
		work[i] = u[i];
	qsort(work, n, sizeof(double), cmp_double);
	for (size_t k = 0; k < n; k++)
		pairs += (2.0 * (double) k - (double) n + 1.0) * work[k];
	biggest = work[n - 1];
	if (biggest == 0.0 || work[0] == 0.0)
		return 0.0;
	logsum = log_product(u, n, 1.0 / biggest);
	spread = 1.0 - pairs / ((double) n * (double) (n - 1) / 2.0);
	if (spread < 0.0)
		spread = 0.0;
	c = sqrt(spread * exp(logsum / (double) (n - 1)));
	return c > 1.0 ? 1.0 : c;
}

sy_status
sy_coupling(const double *u, const double *w, size_t n, sy_ccd_variant variant,
			double *work, double *c, double *t, double *d)
{
	double		tt = 0.0;

	for (size_t i = 0; i < n; i++)
		tt += (w ? w[i] : 1.0 / (double) n) * u[i];
	*t = tt > 1.0 ? 1.0 : tt;
	if (n < 2)
	{
		/* coupling needs two systems at least */
		*c = *d = NAN;
		return SY_UNDEFINED;
	}
	*c = variant == SY_CCD_WANG2021 ? wang2021_c(u, n, work) : classic_c(u, n);
	*d = sqrt(*c * *t);
	return SY_OK;
}

int
sy_ccd_level(double d)
{
	/* [0, 0.1) is level 1 ... [0.9, 1] is level 10: compare with the
	 * doubles nearest 0.1 .. 0.9, never d * 10, whose rounding moves them */
	static const double edges[9] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
	int			level = 1;

	for (int k = 0; k < 9; k++)
		if (d >= edges[k])
			level = k + 2;
	return level;
}

sy_status
sy_obstacle_shares(const double *z, const double *w, size_t m, double *out)
{
	double		total = 0.0;

	for (size_t j = 0; j < m; j++)
	{
		out[j] = w[j] * (1.0 - z[j]);
		total += out[j];
	}
	if (!(total > 0.0))
	{
		/* at the ideal on every weighted indicator: nothing to share */
		for (size_t j = 0; j < m; j++)
			out[j] = NAN;
		return SY_UNDEFINED;
	}
	for (size_t j = 0; j < m; j++)
		out[j] /= total;
	return SY_OK;
}

double
sy_relative_development(double u1, double u2)
{
	return u2 == 0.0 ? NAN : u1 / u2;
}

int
sy_relative_class(double u1, double u2, double lower, double upper)
{
	if (u2 == 0.0)
		return u1 == 0.0 ? 1 : 2;
	if (u1 / u2 <= lower)
		return 0;
	if (u1 / u2 <= upper)
		return 1;
	return 2;
}
