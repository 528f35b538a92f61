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

/* Weighted normalized value of a cell of column j. */
static inline double
weighted_value(double x, double w, int dir, sy_normalization norm,
			   double lo, double hi, double scale)
{
	if (norm == SY_NORM_VECTOR)
		return scale > 0.0 ? w * (x / scale) : 0.0;
	return w * sy_minmax_score(x, lo, hi, dir);
}

void
sy_topsis(const double *x, size_t n, size_t m, const double *w,
		  const int *dir, sy_normalization norm, double *work,
		  double *dplus, double *dminus, double *closeness)
{
	double	   *lo = work;
	double	   *hi = work + m;
	double	   *scale = work + 2 * m;
	double	   *ideal = work + 3 * m;
	double	   *anti = work + 4 * m;

	sy_range_init(m, lo, hi);
	sy_range_update(x, n, m, lo, hi);
	for (size_t j = 0; j < m; j++)
	{
		double		a,
					b;

		scale[j] = norm == SY_NORM_VECTOR ? column_norm(x, n, m, j) : 0.0;

		/*
		 * Both normalizations are monotone in x within a column, so the
		 * extremes of the weighted column come from the raw extremes.
		 */
		a = weighted_value(lo[j], w[j], sy_dir(dir, j), norm, lo[j], hi[j], scale[j]);
		b = weighted_value(hi[j], w[j], sy_dir(dir, j), norm, lo[j], hi[j], scale[j]);
		if (norm == SY_NORM_VECTOR && sy_dir(dir, j) == SY_COST)
		{
			/* vector scores keep their orientation: a cost's ideal is its minimum */
			ideal[j] = a < b ? a : b;
			anti[j] = a < b ? b : a;
		}
		else
		{
			ideal[j] = a > b ? a : b;
			anti[j] = a > b ? b : a;
		}
	}

	for (size_t i = 0; i < n; i++)
	{
		const double *row = x + i * m;
		double		sp = 0.0,
					sm = 0.0;

		for (size_t j = 0; j < m; j++)
		{
			double		v = weighted_value(row[j], w[j], sy_dir(dir, j), norm,
										   lo[j], hi[j], scale[j]);

			sp += (v - ideal[j]) * (v - ideal[j]);
			sm += (v - anti[j]) * (v - anti[j]);
		}
		dplus[i] = sqrt(sp);
		dminus[i] = sqrt(sm);
		closeness[i] = dplus[i] + dminus[i] > 0.0
			? dminus[i] / (dplus[i] + dminus[i]) : NAN;
	}
}

void
sy_composite_index(const double *x, size_t n, size_t m, const double *w,
				   const int *dir, double *work, double *out)
{
	double	   *lo = work;
	double	   *hi = work + m;

	sy_range_init(m, lo, hi);
	sy_range_update(x, n, m, lo, hi);
	for (size_t i = 0; i < n; i++)
	{
		const double *row = x + i * m;
		double		s = 0.0;

		for (size_t j = 0; j < m; j++)
			s += w[j] * sy_minmax_score(row[j], lo[j], hi[j], sy_dir(dir, j));
		out[i] = s;
	}
}
