/*
 * sy_core_missing.h - missing values in an indicator matrix (impute.c).
 *
 * A missing value is NaN in the matrix the glue hands over (an SQL NULL
 * element).  The policies are those a statistician chooses between for a
 * cross-section: refuse, leave the unit out, or impute the indicator's mean
 * or median over the units that have it.
 */
#ifndef SY_CORE_MISSING_H
#define SY_CORE_MISSING_H

#include <stdbool.h>
#include <stddef.h>

#include "sy_core.h"

typedef enum sy_missing
{
	SY_MISSING_ERROR = 0,		/* a missing value is an error (default) */
	SY_MISSING_SKIP,			/* the unit takes no part; its result is NULL */
	SY_MISSING_MEAN,			/* the indicator's mean over observed units */
	SY_MISSING_MEDIAN			/* the indicator's median over observed units */
} sy_missing;

#define SY_NMISSING 4
extern const char *const sy_missing_names[SY_NMISSING];

/*
 * Apply policy to the n x m row-major matrix x (NaN = missing), in place.
 * keep (n bools, may be NULL for imputations) is set: false for a unit
 * that SKIP leaves out (any NaN in its row), true otherwise.  MEAN and
 * MEDIAN replace each NaN by the statistic of the column's observed values
 * (work: n doubles, for MEDIAN).  Returns SY_UNDEFINED when a column has no
 * observed value to impute from (*bad_col is set, 0-based), else SY_OK.
 * ERROR leaves x alone and returns SY_OK (the glue rejects NaN first).
 */
sy_status	sy_missing_apply(double *x, size_t n, size_t m, sy_missing policy,
							 bool *keep, double *work, size_t *bad_col);

/* Units kept by sy_missing_apply: the count of true in keep. */
size_t		sy_missing_kept(const bool *keep, size_t n);

#endif							/* SY_CORE_MISSING_H */
