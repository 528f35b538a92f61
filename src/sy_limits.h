/*
 * sy_limits.h - synergy.max_group_memory: the most memory one group (an
 * aggregate's state, a window partition's copy) may keep before synergy
 * stops with a clear error instead of letting the OS kill the backend.
 */
#ifndef SY_LIMITS_H
#define SY_LIMITS_H

#include "postgres.h"

/*
 * Cities in one call of gravity_linkage: its pairs are n (n - 1) rows.  (The
 * same number as SY_MAX_INDICATORS today, but a limit of its own.)
 */
#define SY_MAX_CITIES 100000

/* The GUC, in MB (GUC_UNIT_MB). */
extern int	sy_max_group_memory;

/* Defines the GUC; called from _PG_init. */
extern void sy_limits_init(void);

/*
 * Throws 54000 when a group would hold more than synergy.max_group_memory:
 * bytes is what the group will keep once the allocation about to be made
 * succeeds, rows how many rows (or regions, points) it holds so far, or -1
 * when the size comes from the arguments (indicators, lags, networks), not
 * from rows.  Call it where the state grows by a block, not per value.
 */
extern void sy_group_memory_check(const char *fname, double bytes, int64 rows);

/*
 * Sizes are computed in double (int64 x int64 x 8 cannot overflow a double,
 * and is exact to 2^53), so a hostile count cannot wrap a Size into a small
 * allocation; once the check has passed, the size is below the limit
 * (< 2^51 bytes) and the Size arithmetic of the allocation cannot overflow.
 */

/*
 * The next capacity of an array that grows by doubling: 2 * cap, but at
 * least need and no more than the limit leaves, where each unit of capacity
 * costs unit_bytes (all the arrays that grow together) and the group keeps
 * other_bytes besides.  54000 when even need does not fit.  The result is
 * also capped at max_cap (a count limit of the caller, checked by it).
 */
extern int64 sy_group_grow(const char *fname, int64 cap, int64 need, int64 max_cap,
						   double unit_bytes, double other_bytes, int64 rows);

#endif							/* SY_LIMITS_H */
