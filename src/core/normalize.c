/*
 * normalize.c - min-max scores and column ranges.
 */
#include <math.h>

#include "sy_core.h"

double
sy_minmax_score(double x, double lo, double hi, int dir)
{
	/* A column without variation carries no information: score it 0. */
	if (!(hi > lo))
		return 0.0;
	if (dir == SY_COST)
		return (hi - x) / (hi - lo);
	return (x - lo) / (hi - lo);
}

void
sy_range_init(size_t m, double *lo, double *hi)
{
	for (size_t j = 0; j < m; j++)
	{
		lo[j] = INFINITY;
		hi[j] = -INFINITY;
	}
}

void
sy_range_update(const double *x, size_t nrows, size_t m, double *lo, double *hi)
{
	for (size_t i = 0; i < nrows; i++)
	{
		const double *row = x + i * m;

		for (size_t j = 0; j < m; j++)
		{
			if (row[j] < lo[j])
				lo[j] = row[j];
			if (row[j] > hi[j])
				hi[j] = row[j];
		}
	}
}

void
sy_minmax_matrix(const double *x, size_t n, size_t m, const int *dir, double *out)
{
	for (size_t j = 0; j < m; j++)
	{
		double		lo = INFINITY,
					hi = -INFINITY;

		for (size_t i = 0; i < n; i++)
		{
			double		v = x[i * m + j];

			if (v < lo)
				lo = v;
			if (v > hi)
				hi = v;
		}
		for (size_t i = 0; i < n; i++)
			out[i * m + j] = sy_minmax_score(x[i * m + j], lo, hi, sy_dir(dir, j));
	}
}

int
sy_row_ingest(const double *x, size_t m, double *dst, double *lo, double *hi)
{
	int			finite = 1;

	for (size_t j = 0; j < m; j++)
	{
		double		v = x[j];

		/* v - v is 0 for finite v and NaN for NaN and infinities */
		finite &= (v - v == 0.0);
		dst[j] = v;
		lo[j] = v < lo[j] ? v : lo[j];
		hi[j] = v > hi[j] ? v : hi[j];
	}
	return finite;
}
