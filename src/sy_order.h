/*
 * sy_order.h - one canonical order for the rows an aggregate or a window
 * function keeps, so that its result has the same bits whatever the order
 * in which the rows arrive (physical order, parallel workers, partitions).
 *
 * Rows are compared element by element by their bits, read as a total
 * order (-NaN < -Inf < ... < -0 < +0 < ... < +Inf < +NaN): two rows
 * compare equal only when they are the same bits, so where ties remain
 * the tied rows are interchangeable and the computation over the sorted
 * rows depends on the multiset of rows alone.
 */
#ifndef SY_ORDER_H
#define SY_ORDER_H

#include "postgres.h"

#include "sy_moran.h"

/* The bits of v as an unsigned key whose order is the total order above. */
static inline uint64
sy_f8_key(double v)
{
	uint64		b;

	memcpy(&b, &v, sizeof(b));
	return (b >> 63) ? ~b : (b | (UINT64CONST(1) << 63));
}

/* A row to sort: its first element's key (filled by the sort) and where it is. */
typedef struct SyRowRef
{
	uint64		key;
	const double *row;
} SyRowRef;

/*
 * Sorts refs[0 .. n-1] (each with .row set; rows of m doubles) into the
 * canonical order.  CHECK_FOR_INTERRUPTS runs during the sort.
 */
extern void sy_sort_rows(SyRowRef *refs, int64 n, int m);

/*
 * Working memory of the canonical sorts, per row, for the callers' checks
 * against synergy.max_group_memory: sy_sort_rows' references and radix
 * buffer; sy_canonical_matrix's as well as its row map and the caller's
 * newpos; sy_sort_tuples' as well as its sorted copy of m doubles.
 */
#define SY_SORT_ROWS_BYTES 32.0
#define SY_CANONICAL_MATRIX_BYTES 48.0
#define SY_SORT_TUPLES_BYTES(m) (32.0 + 8.0 * (double) (m))

/*
 * Puts the n rows of the row-major n x m matrix x into the canonical order,
 * in place (with 24 bytes a row of working memory, freed on return).  When newpos is not NULL it receives, for each old row index,
 * the row's new index.
 */
extern void sy_canonical_matrix(double *x, int64 n, int m, int64 *newpos);

/*
 * Sorts the n rows of a row-major n x m matrix into the canonical order, in
 * place, through a sorted copy: for narrow rows (the coupling aggregate's
 * (u, weight), trend points), where the copy is small.
 */
extern void sy_sort_tuples(double *x, int64 n, int m);

/*
 * Column ranges that do not depend on the order the rows came in: min and
 * max agree on every order except between -0 and +0, so a column whose
 * lo or hi is a zero gets the total-order minimum / maximum of its
 * elements (-0 if some element is -0, and so on).  refs are the rows.
 */
extern void sy_canonical_ranges(const SyRowRef *refs, int64 n, int m,
								double *lo, double *hi);

/* The same for the rows of a row-major n x m matrix. */
extern void sy_canonical_ranges_matrix(const double *x, int64 n, int m,
									   double *lo, double *hi);

/*
 * Regions in ascending id order (ids are unique in a valid group; equal
 * ids keep their order, and sy_regions_graph reports them as an error).
 * newpos, when not NULL, receives each old region index's new index.  The
 * arrays are rebuilt in the current memory context; the old ones are freed
 * when free_old (never an aggregate state's: its final function must leave
 * the state as it is).  Both copies, the sort and newpos are checked against
 * synergy.max_group_memory first, with held bytes the caller keeps besides.
 */
extern void sy_regions_canonical(SyRegions *r, int64 *newpos, bool free_old,
								 const char *fname, double held);

#endif							/* SY_ORDER_H */
