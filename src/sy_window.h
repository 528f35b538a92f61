/*
 * sy_window.h - helpers for window functions that evaluate a whole partition.
 */
#ifndef SY_WINDOW_H
#define SY_WINDOW_H

#include "postgres.h"

#include "fmgr.h"
#include "windowapi.h"

#include "sy_pg.h"

/*
 * The indicator rows of a partition; rows with a NULL x are left out.  The
 * rows of x are in the canonical order of sy_order.h, not the partition's:
 * index[] says where each partition row went.
 */
typedef struct SyMatrix
{
	int64		nrows;			/* rows in the partition */
	int64		nvalid;			/* rows with a non-NULL x */
	int			m;				/* indicators, -1 when every x is NULL */
	int64	   *index;			/* per partition row: its row in x, or -1 */
	double	   *x;				/* nvalid x m, row-major, canonical order */
	double	   *lo;				/* column minima */
	double	   *hi;				/* column maxima */
} SyMatrix;

/* The memory context that lives as long as the current partition. */
extern MemoryContext sy_partition_context(void *partition_local);

/*
 * Read argument argno (float8[]) of every row of the partition into keep,
 * with the column ranges (checked not to overflow), and put the rows in
 * the canonical order.
 */
extern void sy_read_matrix(WindowObject winobj, int argno, SyWhere w,
						   MemoryContext keep, SyMatrix *out);

/*
 * The same with a missing-value policy (NULL elements allowed unless the
 * policy is SY_MISSING_ERROR): rows with a gap are left out (skip, index[]
 * -1) or filled from their indicator's observed values in the partition
 * (mean, median); a row with no observed element takes no part.
 */
extern void sy_read_matrix_missing(WindowObject winobj, int argno, SyWhere w,
								   MemoryContext keep, sy_missing policy,
								   SyMatrix *out);

/*
 * The value of an argument that must be the same in every row of the
 * partition (weights, directions, options); errors if it is not.  Varlena
 * values are copied into keep.
 */
extern Datum sy_partition_constant(FunctionCallInfo fcinfo, WindowObject winobj,
								   int argno, int16 typlen, SyWhere w,
								   MemoryContext keep, bool *isnull);

#endif							/* SY_WINDOW_H */
