/*
 * sy_moments_state.h - the column moments (sy_moments) of stddev_weights,
 * cv_weights, critic_weights and factor_analysis as state bytes: one
 * allocator, one writer and one reader, shared by moments_agg.c and
 * factor_agg.c (sy_state.h describes the layer around them).
 */
#ifndef SY_MOMENTS_STATE_H
#define SY_MOMENTS_STATE_H

#include "sy_state.h"
#include "sy_core.h"

/* Cells of the second moments: m sums of squares, or m (m + 1) / 2 co-moments. */
extern Size sy_moments_cells(int m, bool comoment);

/*
 * Arrays for m columns (co-moments or sums of squares) in
 * CurrentMemoryContext, reset to no rows.  Checks synergy.max_group_memory
 * first, naming fname, for the moments and extra_per_column bytes per column
 * that the caller keeps besides (e.g. directions).
 */
extern void sy_moments_alloc(sy_moments *mom, int m, bool comoment, double extra_per_column,
							 const char *fname);

/*
 * Gap mode (missing => 'mean'): the per-column counts and, with co-moments,
 * the pairwise counts and means (sy_moments), zeroed, after sy_moments_alloc
 * and before any row.
 */
extern void sy_moments_alloc_gaps(sy_moments *mom, const char *fname);

/*
 * The moments block of a payload:
 *   int64 m, float64 n, then m values each of ref, mean, lo, hi, then the
 *   m sums of squares (m2) or the m (m + 1) / 2 packed co-moments.
 */
extern double sy_moments_payload(const sy_moments *mom);
extern void sy_wr_moments(SyStateWriter *w, const sy_moments *mom);

/*
 * Reads a block written by sy_wr_moments into mom (arrays allocated here by
 * sy_moments_alloc, after m is checked against 1..max_m and the bytes left).  Checks that the
 * row count is a whole number of at least 1, every value finite, lo <= hi
 * and every sum of squares non-negative; else the corrupt-state error.
 */
extern void sy_rd_moments(SyStateReader *r, sy_moments *mom, bool comoment, int max_m,
						  double extra_per_column, const char *fname);

#endif							/* SY_MOMENTS_STATE_H */
