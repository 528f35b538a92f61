/*
 * sy_entropy_bounded.h - entropy weights in constant memory when each
 * indicator's bounds [lo_j, hi_j] are known in advance.
 *
 * The method is that of entropy.c (sy_entropy_coefs / _finish): score
 * z = (x - c) a + shift, S_j = sum z, T_j = sum z ln z (terms with
 * z < DBL_MIN left out, as there), then
 * d_j = (T_j / S_j - ln(S_j / n)) / ln n, e_j = 1 - d_j, w_j = d_j / sum d.
 * S and T are exact sums (sy_xsum), so a state is the same bytes whatever
 * the order of the rows and of the merges, and the result the same bits.
 * With the data's own minima and maxima as bounds the scores are the very
 * bits the row-keeping form computes; only its rounding of the sums
 * differs.
 *
 * The state also keeps each indicator's observed minimum and maximum: a
 * column whose values are all equal has d = 0 exactly, as in the
 * row-keeping form, whatever bounds were given.
 *
 * Plain C99, no server headers.
 */
#ifndef SY_ENTROPY_BOUNDED_H
#define SY_ENTROPY_BOUNDED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sy_core.h"
#include "sy_exact_sum.h"

typedef struct sy_entropy_bounded
{
	size_t		m;
	double		shift;			/* finite, >= 0 (the glue checks) */
	int64_t		n;				/* rows added */
	int64_t		pending;		/* rows since the sums were last normalized */
	double	   *lo;				/* m: the bounds */
	double	   *hi;				/* m */
	int		   *dir;			/* m: SY_BENEFIT or SY_COST (never NULL) */
	double	   *omin;			/* m: observed minimum (+Inf when n = 0) */
	double	   *omax;			/* m: observed maximum (-Inf when n = 0) */
	double	   *a;				/* m: score coefficients, from lo, hi, dir */
	double	   *c;				/* m */
	sy_xsum    *s;				/* m: exact sum of z */
	sy_xsum    *t;				/* m: exact sum of z ln z */
} sy_entropy_bounded;

/* What sy_entropy_bounds_check found wrong with an indicator's bounds. */
typedef enum sy_bounds_error
{
	SY_BOUNDS_OK = 0,
	SY_BOUNDS_NONFINITE,		/* lo or hi is NaN or infinite */
	SY_BOUNDS_REVERSED,			/* lo > hi */
	SY_BOUNDS_RANGE_OVERFLOW,	/* hi - lo overflows (as sy_check_ranges) */
	SY_BOUNDS_RANGE_TINY		/* 1 / (hi - lo) overflows (as sy_check_ranges) */
} sy_bounds_error;

/*
 * Check m pairs of bounds; on error *bad (when not NULL) is the 0-based
 * index of the first bad indicator.  lo_j == hi_j is allowed: that
 * indicator then only accepts the value lo_j and has divergence 0.
 */
sy_bounds_error sy_entropy_bounds_check(size_t m, const double *lo, const double *hi,
										size_t *bad);

/* Bytes of the arrays of a state with m indicators (for one allocation). */
size_t		sy_entropy_bounded_bytes(size_t m);

/*
 * Set up an empty state in mem, sy_entropy_bounded_bytes(m) bytes aligned
 * for int64_t/double (palloc, malloc): lo, hi and dir are copied (dir NULL:
 * all benefit).  The bounds must pass sy_entropy_bounds_check.
 */
void		sy_entropy_bounded_init(sy_entropy_bounded *st, size_t m,
									const double *lo, const double *hi,
									const int *dir, double shift, void *mem);

/*
 * Add one row of m values: returns -1, or the 0-based index of the first
 * value outside [lo_j, hi_j] (NaN and infinities included), the state then
 * being unchanged.
 */
int			sy_entropy_bounded_add(sy_entropy_bounded *st, const double *x);

/*
 * Missing values (issue 12, policy 'mean'): a row with gaps (NaN = no
 * value).  The other values are checked against their bounds and added as
 * by sy_entropy_bounded_add; nobs[j] counts the values indicator j has.
 * Returns -1, or the 0-based index of the first observed value outside its
 * bounds (the state then unchanged).
 */
int			sy_entropy_bounded_add_gaps(sy_entropy_bounded *st, const double *x,
										int64_t *nobs);

/*
 * The result with each indicator's n - nobs[j] gaps imputed by its mean
 * (mean imputation): the imputed score is the mean observed score
 * zbar = S_j / nobs_j (the score is linear in x), so
 *   S'_j = S_j + (n - nobs_j) zbar,  T'_j = T_j + (n - nobs_j) zbar ln zbar,
 * and the observed ranges stay the ranges (the mean lies within them).
 * SY_UNDEFINED with *bad set when an indicator has no value; else as
 * sy_entropy_bounded_result (SY_OK when defined).
 */
sy_status	sy_entropy_bounded_result_imputed(const sy_entropy_bounded *st, const int64_t *nobs,
											  double *entropy, double *divergence,
											  double *weight, size_t *bad);

/* sy_entropy_bounded_valid for a state with gaps: per indicator, nobs[j]
 * (0..n) values in place of n. */
bool		sy_entropy_bounded_valid_gaps(const sy_entropy_bounded *st, const int64_t *nobs);

/* Merge from into into: same m, bounds, dirs and shift (the glue checks). */
void		sy_entropy_bounded_merge(sy_entropy_bounded *into,
									 const sy_entropy_bounded *from);

/* Put the sums in canonical form (before serializing a state). */
void		sy_entropy_bounded_normalize(sy_entropy_bounded *st);

/*
 * A state whose n, observed ranges and sums were read from outside (after
 * sy_entropy_bounded_init with the stored bounds): n >= 0, every sum valid
 * (sy_xsum_valid) and S >= 0, observed ranges within the bounds (n > 0) or
 * +Inf/-Inf (n = 0, with zero sums).
 */
bool		sy_entropy_bounded_valid(const sy_entropy_bounded *st);

/*
 * Entropy, divergence and weight per indicator (m each); false when
 * undefined (n < 2, or no indicator varies), the outputs then being NaN as
 * sy_entropy_finish leaves them.
 */
bool		sy_entropy_bounded_result(const sy_entropy_bounded *st, double *entropy,
									  double *divergence, double *weight);

/*
 * The row-keeping form's accumulation and finish (sy_entropy_accum_block,
 * sy_entropy_finish) with exact sums in place of running double sums: the
 * same scores and z ln z bits, summed exactly, so the result no longer
 * depends on the order of the rows (no canonical sort needed) and equals
 * the bounded form's bits when the bounds are the data's own ranges.
 * s and t are m sums each (sy_xsum_init); additions are counted in their
 * pending fields and carries propagated as needed.
 */
void		sy_entropy_accum_block_exact(const double *x, size_t nrows, size_t m,
										 const double *a, const double *c, double shift,
										 sy_xsum *s, sy_xsum *t);
sy_status	sy_entropy_finish_exact(int64_t n, size_t m, const double *lo, const double *hi,
									const sy_xsum *s, const sy_xsum *t,
									double *entropy, double *divergence, double *weight);

#endif							/* SY_ENTROPY_BOUNDED_H */
