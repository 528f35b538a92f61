/*
 * sy_limits.h - synergy.max_group_memory: the most memory one group (an
 * aggregate's state, a window partition's copy) may keep before synergy
 * stops with a clear error instead of letting the OS kill the backend.
 */
#ifndef SY_LIMITS_H
#define SY_LIMITS_H

#include "postgres.h"

/* The GUC, in MB (GUC_UNIT_MB). */
extern int	sy_max_group_memory;

/* Defines the GUC; called from _PG_init. */
extern void sy_limits_init(void);

/*
 * Throws 54000 when a group would hold more than synergy.max_group_memory:
 * bytes is what the group will keep once the allocation about to be made
 * succeeds, rows how many rows (or regions, points) it holds so far.  Call
 * it where the state grows by a block, not per value.
 */
extern void sy_group_memory_check(const char *fname, double bytes, int64 rows);

#endif							/* SY_LIMITS_H */
