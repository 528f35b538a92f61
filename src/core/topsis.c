/*
 * topsis.c - TOPSIS closeness and the weighted min-max composite index.
 */
#include <math.h>

#include "sy_core.h"

/* Euclidean norm of column j, scaled so that huge values do not overflow. */
static double
column_norm(const double *x, size_t n, size_t m, size_t j)
{
	double		big = 0.0,
				sum = 0.0;

	for (size_t i = 0; i < n; i++)
	{
		double		a = fabs(x[i * m + j]);

		if (a > big)
			big = a;
	}
	if (big == 0.0)
		return 0.0;
	for (size_t i = 0; i < n; i++)
	{
		double		a = x[i * m + j] / big;

		sum += a * a;
	}
	return big * sqrt(sum);
}

/*
 * Both normalizations make the weighted value of a cell f_j * (x - o_j) for
 * some offset o_j, so its distance to the ideal is f_j * |x - x+_j|, where
 * x+_j is the raw value of the ideal (the column's maximum for a benefit,
 * its minimum for a cost, in both normalizations) and likewise x-_j for the
 * anti-ideal.  Subtracting raw values before scaling keeps every digit the
 * data has: scaling first cancels digits when the column sits far from zero
 * (1e8 + noise).
 */
void
sy_topsis(const double *x, size_t n, size_t m, const double *lo, const double *hi,
		  const double *w, const int *dir, sy_normalization norm, double *work,
		  double *dplus, double *dminus, double *closeness)
{
	double	   *f = work;
	double	   *best = work + m;
	double	   *worst = work + 2 * m;

	for (size_t j = 0; j < m; j++)
	{
		double		scale = norm == SY_NORM_VECTOR ? column_norm(x, n, m, j) : hi[j] - lo[j];

		/* no range (min-max) or an all-zero column (vector): it separates no row */
		f[j] = scale > 0.0 && hi[j] > lo[j] ? w[j] / scale : 0.0;
		best[j] = sy_dir(dir, j) == SY_COST ? lo[j] : hi[j];
		worst[j] = sy_dir(dir, j) == SY_COST ? hi[j] : lo[j];
	}

	for (size_t i = 0; i < n; i++)
	{
		const double *row = x + i * m;
		double		sp = 0.0,
					sm = 0.0;

		for (size_t j = 0; j < m; j++)
		{
			double		a = f[j] * (row[j] - best[j]);
			double		b = f[j] * (row[j] - worst[j]);

			sp += a * a;
			sm += b * b;
		}
		dplus[i] = sqrt(sp);
		dminus[i] = sqrt(sm);
		closeness[i] = dplus[i] + dminus[i] > 0.0
			? dminus[i] / (dplus[i] + dminus[i]) : NAN;
	}
}

void
sy_composite_index(const double *x, size_t n, size_t m, const double *lo,
				   const double *hi, const double *w, const int *dir, double *out)
{
	for (size_t i = 0; i < n; i++)
	{
		const double *row = x + i * m;
		double		s = 0.0;

		for (size_t j = 0; j < m; j++)
			s += w[j] * sy_minmax_score(row[j], lo[j], hi[j], sy_dir(dir, j));
		out[i] = s;
	}
}

/*
 * TOPSIS on shifted min-max scores z + shift (the translation method, as in
 * entropy_weights): the ideal is the best shifted score 1 + shift and the
 * anti-ideal is the origin of the shifted scale, shift below the worst
 * observed value.  Moving both ideals with the data would leave every
 * distance, and so the closeness, unchanged; anchoring the anti-ideal at 0
 * is what keeps the worst row's closeness positive: shift / (1 + shift)
 * when it is the worst on every weighted indicator.  A column with no range
 * separates no row and takes no part, as in sy_topsis.
 */
void
sy_topsis_shift(const double *x, size_t n, size_t m, const double *lo, const double *hi,
				const double *w, const int *dir, double shift,
				double *dplus, double *dminus, double *closeness)
{
	for (size_t i = 0; i < n; i++)
	{
		const double *row = x + i * m;
		double		sp = 0.0,
					sm = 0.0;

		for (size_t j = 0; j < m; j++)
		{
			double		z,
						a,
						b;

			if (!(hi[j] > lo[j]))
				continue;
			z = sy_minmax_score(row[j], lo[j], hi[j], sy_dir(dir, j));
			a = w[j] * (1.0 - z);
			b = w[j] * (z + shift);
			sp += a * a;
			sm += b * b;
		}
		dplus[i] = sqrt(sp);
		dminus[i] = sqrt(sm);
		closeness[i] = dplus[i] + dminus[i] > 0.0
			? dminus[i] / (dplus[i] + dminus[i]) : NAN;
	}
}

void
sy_composite_index_shift(const double *x, size_t n, size_t m, const double *lo,
						 const double *hi, const double *w, const int *dir,
						 double shift, double *out)
{
	for (size_t i = 0; i < n; i++)
	{
		const double *row = x + i * m;
		double		s = 0.0;

		for (size_t j = 0; j < m; j++)
			s += w[j] * (sy_minmax_score(row[j], lo[j], hi[j], sy_dir(dir, j)) + shift);
		out[i] = s;
	}
}
