/*
 * impute.c - the missing-value policies of sy_core_missing.h.
 *
 * Imputed statistics come from the observed values only, in row order, so
 * the same matrix gives the same bits.  The median sorts a copy.
 */
#include <math.h>
#include <stdlib.h>

#include "sy_core_missing.h"

const char *const sy_missing_names[SY_NMISSING] = {"error", "skip", "mean", "median"};

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return (x > y) - (x < y);
}

/* Mean of the observed values of column j, with one correction pass (the
 * mean of the residuals), as exact as a two-pass mean. */
static bool
column_mean(const double *x, size_t n, size_t m, size_t j, double *out)
{
	double		sum = 0.0;
	double		corr = 0.0;
	size_t		k = 0;
	double		mean;

	for (size_t i = 0; i < n; i++)
		if (!isnan(x[i * m + j]))
		{
			sum += x[i * m + j];
			k++;
		}
	if (k == 0)
		return false;
	mean = sum / (double) k;
	for (size_t i = 0; i < n; i++)
		if (!isnan(x[i * m + j]))
			corr += x[i * m + j] - mean;
	*out = mean + corr / (double) k;
	return true;
}

static bool
column_median(const double *x, size_t n, size_t m, size_t j, double *work, double *out)
{
	size_t		k = 0;

	for (size_t i = 0; i < n; i++)
		if (!isnan(x[i * m + j]))
			work[k++] = x[i * m + j];
	if (k == 0)
		return false;
	qsort(work, k, sizeof(double), cmp_double);
	*out = (k % 2) ? work[k / 2] : work[k / 2 - 1] / 2.0 + work[k / 2] / 2.0;
	return true;
}

sy_status
sy_missing_apply(double *x, size_t n, size_t m, sy_missing policy,
				 bool *keep, double *work, size_t *bad_col)
{
	if (keep)
		for (size_t i = 0; i < n; i++)
			keep[i] = true;
	if (policy == SY_MISSING_ERROR)
		return SY_OK;
	if (policy == SY_MISSING_SKIP)
	{
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < m; j++)
				if (isnan(x[i * m + j]))
				{
					if (keep)
						keep[i] = false;
					break;
				}
		return SY_OK;
	}
	for (size_t j = 0; j < m; j++)
	{
		bool		any = false;
		double		fill = 0.0;

		for (size_t i = 0; i < n && !any; i++)
			any = isnan(x[i * m + j]);
		if (!any)
			continue;
		if (!(policy == SY_MISSING_MEAN
			  ? column_mean(x, n, m, j, &fill)
			  : column_median(x, n, m, j, work, &fill)))
		{
			if (bad_col)
				*bad_col = j;
			return SY_UNDEFINED;
		}
		for (size_t i = 0; i < n; i++)
			if (isnan(x[i * m + j]))
				x[i * m + j] = fill;
	}
	return SY_OK;
}

size_t
sy_missing_kept(const bool *keep, size_t n)
{
	size_t		k = 0;

	for (size_t i = 0; i < n; i++)
		k += keep[i] ? 1 : 0;
	return k;
}
