/*
 * normalize.c - min-max scores and column ranges.
 */
#include <math.h>
#include <string.h>

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
sy_range_update(const double *restrict x, size_t nrows, size_t m,
				double *restrict lo, double *restrict hi)
{
	for (size_t i = 0; i < nrows; i++)
	{
		const double *restrict row = x + i * m;

		for (size_t j = 0; j < m; j++)
		{
			lo[j] = row[j] < lo[j] ? row[j] : lo[j];
			hi[j] = row[j] > hi[j] ? row[j] : hi[j];
		}
	}
}

void
sy_minmax_matrix(const double *x, size_t n, size_t m,
				 const double *lo, const double *hi, const int *dir, double *out)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < m; j++)
			out[i * m + j] = sy_minmax_score(x[i * m + j], lo[j], hi[j], sy_dir(dir, j));
}

int
sy_row_ingest(const double *x, size_t m, double *dst, double *lo, double *hi)
{
	int			finite = 1;

	/* a separate loop per job, so each vectorizes: no aliasing doubts */
	for (size_t j = 0; j < m; j++)
		finite &= (x[j] - x[j] == 0.0); /* 0 for finite, NaN for NaN and inf */
	if (dst != x)
		memcpy(dst, x, sizeof(double) * m);
	sy_range_update(dst, 1, m, lo, hi);
	return finite;
}

sy_status
sy_rescale_weights(const double *w, size_t n, double *out)
{
	double		biggest = 0.0,
				total = 0.0;

	for (size_t j = 0; j < n; j++)
		if (w[j] > biggest)
			biggest = w[j];
	if (!(biggest > 0.0))
		return SY_UNDEFINED;
	/* divide by the largest first, so that huge weights cannot overflow the sum */
	for (size_t j = 0; j < n; j++)
	{
		out[j] = w[j] / biggest;
		total += out[j];
	}
	for (size_t j = 0; j < n; j++)
		out[j] /= total;
	return SY_OK;
}
