/*
 * sy_entropy_pg.h - the state of the entropy_weights family, shared by its
 * row-keeping form (entropy_agg.c) and its bounded form
 * (entropy_bounded_agg.c).  Both are one kind of the state layer
 * (SY_KIND_ENTROPY), told apart by a mode byte in the payload.
 */
#ifndef SY_ENTROPY_PG_H
#define SY_ENTROPY_PG_H

#include "postgres.h"

#include "utils/array.h"

#include "sy_pg.h"
#include "sy_state.h"
#include "sy_weight_options.h"

#define ENTROPY_ROWS	0		/* keeps every row */
#define ENTROPY_BOUNDED 1		/* bounds given: O(m) sums */

typedef struct RowBlock
{
	double	   *rows;
	int64		nrows;
	int64		cap;
	bool		sorted;			/* rows in the canonical order (sy_order.h) */
} RowBlock;

struct sy_entropy_bounded;

typedef struct EntropyState
{
	const char *fname;			/* the aggregate's name, for messages */
	uint8		mode;			/* ENTROPY_ROWS or ENTROPY_BOUNDED */
	int32		m;
	int64		n;				/* rows taken */
	double		shift;
	sy_missing	missing;		/* missing-value policy (weight_options) */
	int64		gaps;			/* rows mode: NULL cells kept as NaN (mean, median) */
	struct varlena *opt_raw;	/* the weight_options argument as first seen */
	int		   *dir;			/* m directions, or NULL = all benefit */
	ArrayType  *dir_raw;		/* the directions argument as last seen */
	double	   *lo;				/* rows: column minima; bounded: the lower bounds */
	double	   *hi;				/* rows: column maxima; bounded: the upper bounds */

	/* row-keeping form */
	RowBlock   *blocks;			/* the rows, row-major, block by block */
	int			nblocks;
	int			maxblocks;
	int			rows_per_block; /* capacity of a new block */
	double		bytes;			/* the blocks' size, for synergy.max_group_memory */
	MemoryContext own;			/* deserialized state's own context, or NULL */

	/* bounded form */
	ArrayType  *lo_raw;			/* the bound arguments as last seen */
	ArrayType  *hi_raw;
	struct sy_entropy_bounded *acc; /* the core's sums (entropy_bounded.c) */
	int64	   *nobs;			/* missing => 'mean': values per indicator, else NULL */
} EntropyState;

extern const SyStateKind entropy_kind;

/* entropy_agg.c */
extern EntropyState *entropy_state_new(const char *fname, int m, const int *dir, double shift);
extern bool entropy_directions_unchanged(EntropyState *st, ArrayType *dirarr, SyWhere w);
extern EntropyState *entropy_rows_step(EntropyState *st, MemoryContext aggcxt, const char *fname,
									   ArrayType *xarr, ArrayType *dirarr, double shift,
									   sy_missing missing);

/*
 * The options of a row of the weight_options forms: the state's own when
 * the argument has the bytes of the first row's (the common case, no
 * parsing), else read afresh; missing must not change between rows.
 * entropy_keep_options keeps the first row's argument in the state.
 */
extern void entropy_row_options(const EntropyState *st, Datum d, bool isnull,
								const char *fname, SyWeightOptions *o);
extern void entropy_keep_options(EntropyState *st, MemoryContext aggcxt, Datum d, bool isnull);

/* entropy_bounded_agg.c: the bounded mode's part of the kind */
extern double entropy_bounded_payload(const EntropyState *st);
extern void entropy_bounded_write(SyStateWriter *w, const EntropyState *st);
extern EntropyState *entropy_bounded_read(SyStateReader *r, const char *fname, int m, int64 n,
										  double shift, int *dir, sy_missing missing);
extern EntropyState *entropy_bounded_combine(EntropyState *a, EntropyState *b, const char *fname);
extern bool entropy_bounded_compute(const EntropyState *st, double *entropy,
									double *divergence, double *weight);

#endif							/* SY_ENTROPY_PG_H */
