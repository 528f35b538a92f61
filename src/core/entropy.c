/*
 * entropy.c - entropy weight method.
 *
 * z = min-max score by direction + shift, p = z / sum(z),
 * e = -sum(p ln p) / ln n with 0 ln 0 = 0, d = 1 - e, w = d / sum(d).
 *
 * One pass over the rows gives S = sum(z) and Q = sum(z ln z) per column;
 * then sum(p ln p) = Q/S - ln S, so d = (Q/S - ln(S/n)) / ln n.  Once the
 * column range is known the score is z = (x - c) a + shift, with c the
 * column's worst value: no division or branch in the inner loop, and
 * exactly 0 at the worst value.
 */
#include <float.h>
#include <math.h>

#include "sy_core.h"
#include "sy_log.h"

void
sy_entropy_coefs(size_t m, const double *lo, const double *hi, const int *dir,
				 double *a, double *c)
{
	for (size_t j = 0; j < m; j++)
	{
		double		range = hi[j] - lo[j];

		if (!(range > 0.0))
		{
			a[j] = 0.0;			/* no variation: every score is 0 */
			c[j] = 0.0;
		}
		else if (sy_dir(dir, j) == SY_COST)
		{
			a[j] = -1.0 / range;
			c[j] = hi[j];
		}
		else
		{
			a[j] = 1.0 / range;
			c[j] = lo[j];
		}
	}
}

static inline void
accum_one(double x, double a, double c, double shift, double *sumz, double *sumzlogz)
{
	double		z = (x - c) * a + shift;

	/* 0 ln 0 = 0; subnormal z would add less than 1e-305 */
	if (z >= DBL_MIN)
	{
		*sumz += z;
		*sumzlogz += z * sy_log(z);
	}
}

void
sy_entropy_accum_block(const double *x, size_t nrows, size_t m,
					   const double *a, const double *c, double shift,
					   double *sumz, double *sumzlogz)
{
	size_t		m2 = m - m % 2;

	for (size_t i = 0; i < nrows; i++)
	{
		const double *row = x + i * m;

		/* two columns at a time in vector lanes, an odd last one alone */
		for (size_t j = 0; j < m2; j += 2)
		{
			sy_v2d		vx,
						va,
						vc,
						z,
						zl,
						acc;
			sy_v2u		keep,
						bits;

			memcpy(&vx, row + j, sizeof(vx));
			memcpy(&va, a + j, sizeof(va));
			memcpy(&vc, c + j, sizeof(vc));
			z = (vx - vc) * va + shift;
			keep = z >= DBL_MIN;	/* all-ones lanes where z is normal */
			zl = z * sy_log2(z);
			memcpy(&bits, &z, sizeof(bits));
			bits &= keep;
			memcpy(&z, &bits, sizeof(z));
			memcpy(&bits, &zl, sizeof(bits));
			bits &= keep;
			memcpy(&zl, &bits, sizeof(zl));
			memcpy(&acc, sumz + j, sizeof(acc));
			acc += z;
			memcpy(sumz + j, &acc, sizeof(acc));
			memcpy(&acc, sumzlogz + j, sizeof(acc));
			acc += zl;
			memcpy(sumzlogz + j, &acc, sizeof(acc));
		}
		if (m2 < m)
			accum_one(row[m2], a[m2], c[m2], shift, &sumz[m2], &sumzlogz[m2]);
	}
}

sy_status
sy_entropy_finish(int64_t n, size_t m, const double *lo, const double *hi,
				  const double *sumz, const double *sumzlogz,
				  double *entropy, double *divergence, double *weight)
{
	double		total = 0.0;
	double		logn;

	if (n < 2)
	{
		for (size_t j = 0; j < m; j++)
			entropy[j] = divergence[j] = weight[j] = NAN;
		return SY_UNDEFINED;
	}
	logn = log((double) n);
	for (size_t j = 0; j < m; j++)
	{
		double		d;

		if (!(hi[j] > lo[j]) || !(sumz[j] > 0.0))
			d = 0.0;			/* no variation: p is uniform, e = 1 */
		else
		{
			d = (sumzlogz[j] / sumz[j] - log(sumz[j] / (double) n)) / logn;
			/* rounding can leave d a hair outside [0, 1] */
			if (d < 0.0)
				d = 0.0;
			else if (d > 1.0)
				d = 1.0;
		}
		divergence[j] = d;
		entropy[j] = 1.0 - d;
		total += d;
	}
	if (!(total > 0.0))
	{
		for (size_t j = 0; j < m; j++)
			weight[j] = NAN;
		return SY_UNDEFINED;
	}
	for (size_t j = 0; j < m; j++)
		weight[j] = divergence[j] / total;
	return SY_OK;
}

sy_status
sy_entropy_weights(const double *x, size_t n, size_t m,
				   const double *lo, const double *hi, const int *dir,
				   double shift, double *work,
				   double *entropy, double *divergence, double *weight)
{
	double	   *a = work;
	double	   *c = work + m;
	double	   *sumz = work + 2 * m;
	double	   *sumzlogz = work + 3 * m;

	sy_entropy_coefs(m, lo, hi, dir, a, c);
	for (size_t j = 0; j < m; j++)
		sumz[j] = sumzlogz[j] = 0.0;
	sy_entropy_accum_block(x, n, m, a, c, shift, sumz, sumzlogz);
	return sy_entropy_finish((int64_t) n, m, lo, hi, sumz, sumzlogz,
							 entropy, divergence, weight);
}
