/*
 * entropy_agg.c - the entropy_weights and entropy_weights_detail aggregates.
 *
 * The entropy of a min-max score needs the column's global minimum and
 * maximum, which are only known once every row is in, so the state keeps
 * the rows themselves: 8 bytes per indicator per row, in blocks of about
 * 1 MB so that growth never copies what is already stored.  Partial states
 * (parallel workers, partition-wise plans) ship their rows to the leader,
 * which deserializes them straight into the aggregate's memory and links
 * the blocks in without copying.  The final function sorts references to
 * the rows into the canonical order of sy_order.h and sums in that order,
 * so any order of the rows, serial or parallel, gives the same bits; it
 * does not change the state, so the same state serves entropy_weights and
 * entropy_weights_detail in one query.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "sy_pg.h"
#include "sy_limits.h"
#include "sy_order.h"

#define ENTROPY_MAGIC	0x31455953	/* "SYE1" */
#define ENTROPY_VERSION 1
#define BLOCK_BYTES		(1024 * 1024)

typedef struct RowBlock
{
	double	   *rows;
	int64		nrows;
	int64		cap;
} RowBlock;

typedef struct EntropyState
{
	const char *fname;			/* the aggregate's name, for messages */
	int32		m;
	int64		n;				/* rows stored */
	double		shift;
	int		   *dir;			/* m directions, or NULL = all benefit */
	ArrayType  *dir_raw;		/* the directions argument as last seen */
	double	   *lo;				/* column minima */
	double	   *hi;				/* column maxima */
	RowBlock   *blocks;			/* the rows, row-major, block by block */
	int			nblocks;
	int			maxblocks;
	int			rows_per_block; /* capacity of a new block */
	double		bytes;			/* the blocks' size, for synergy.max_group_memory */
	MemoryContext own;			/* deserialized state's own context, or NULL */
} EntropyState;

/* Serialized header; the arrays follow in the order of the struct. */
typedef struct EntropyHeader
{
	uint32		magic;
	uint16		version;
	uint16		have_dir;
	int32		m;
	int32		pad;
	int64		n;
	double		shift;
} EntropyHeader;

static EntropyState *
entropy_state_new(const char *fname, int m, int *dir, double shift)
{
	EntropyState *st = palloc0(sizeof(EntropyState));

	st->fname = fname;		/* query-lifetime string (sy_agg_name) */
	st->m = m;
	st->shift = shift;
	if (dir)
	{
		st->dir = palloc(sizeof(int) * m);
		memcpy(st->dir, dir, sizeof(int) * m);
	}
	st->lo = palloc(sizeof(double) * m);
	st->hi = palloc(sizeof(double) * m);
	sy_range_init(m, st->lo, st->hi);
	st->rows_per_block = Max(1, BLOCK_BYTES / (int) (sizeof(double) * m));
	st->maxblocks = 16;
	st->blocks = palloc(sizeof(RowBlock) * st->maxblocks);
	return st;
}

static void
add_block(EntropyState *st, double *rows, int64 nrows, int64 cap)
{
	/* checked per block, so about once per MB of rows */
	st->bytes += (double) cap * st->m * sizeof(double);
	sy_group_memory_check(st->fname, st->bytes, st->n + nrows);
	if (st->nblocks == st->maxblocks)
	{
		st->maxblocks *= 2;
		st->blocks = repalloc(st->blocks, sizeof(RowBlock) * st->maxblocks);
	}
	st->blocks[st->nblocks].rows = rows;
	st->blocks[st->nblocks].nrows = nrows;
	st->blocks[st->nblocks].cap = cap;
	st->nblocks++;
}

/* Room for one more row; returns where to write it. */
static double *
entropy_next_row(EntropyState *st)
{
	RowBlock   *last = st->nblocks > 0 ? &st->blocks[st->nblocks - 1] : NULL;

	if (last == NULL || last->nrows == last->cap)
	{
		int64		cap = last ? Min(last->cap * 2, st->rows_per_block) : Min(8, st->rows_per_block);

		/* the limit is checked before the block is allocated */
		sy_group_memory_check(st->fname, st->bytes + (double) cap * st->m * sizeof(double), st->n);
		add_block(st, palloc(sizeof(double) * (Size) st->m * cap), 0, cap);
		last = &st->blocks[st->nblocks - 1];
	}
	return last->rows + (Size) last->nrows++ * st->m;
}

static void
merge_ranges(EntropyState *into, const EntropyState *from)
{
	for (int j = 0; j < into->m; j++)
	{
		into->lo[j] = Min(into->lo[j], from->lo[j]);
		into->hi[j] = Max(into->hi[j], from->hi[j]);
	}
	into->n += from->n;
}

/* Directions argument of this row equals the state's? Cheap when unchanged. */
static bool
directions_unchanged(EntropyState *st, ArrayType *dirarr, SyWhere w)
{
	int		   *dir;

	if (dirarr == NULL || st->dir_raw == NULL)
	{
		if (dirarr == NULL && st->dir_raw == NULL)
			return true;
	}
	else if (VARSIZE(dirarr) == VARSIZE(st->dir_raw) &&
			 memcmp(dirarr, st->dir_raw, VARSIZE(dirarr)) == 0)
		return true;
	/* different bytes may still mean the same, e.g. NULL and all 1 */
	dir = sy_directions(dirarr, w, st->m);
	return sy_same_directions(st->dir, dir, st->m);
}

/*
 * entropy_weights_transfn(internal, x float8[] [, directions int[] [, shift float8]])
 */
PG_FUNCTION_INFO_V1(entropy_weights_transfn);
Datum
entropy_weights_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt,
				old;
	EntropyState *st = PG_ARGISNULL(0) ? NULL : (EntropyState *) PG_GETARG_POINTER(0);
	SyWhere		w = {NULL, "x", 0};
	ArrayType  *xarr;
	ArrayType  *dirarr;
	const double *x;
	double		shift;
	int			m;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "entropy_weights_transfn called in non-aggregate context");
	w.fname = st ? st->fname : sy_agg_name(fcinfo, "entropy_weights");
	if (PG_ARGISNULL(1))
	{
		if (st == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(st);
	}

	xarr = PG_GETARG_ARRAYTYPE_P(1);
	dirarr = PG_NARGS() > 2 && !PG_ARGISNULL(2) ? PG_GETARG_ARRAYTYPE_P(2) : NULL;
	w.argname = "shift";
	shift = PG_NARGS() > 3 ? sy_shift(PG_GETARG_DATUM(3), PG_ARGISNULL(3), w) : 0.0;
	if (st == NULL)
	{
		int		   *dir;

		w.argname = "x";
		x = sy_indicator_row(xarr, w, -1, &m);
		w.argname = "directions";
		dir = sy_directions(dirarr, w, m);
		old = MemoryContextSwitchTo(aggcxt);
		st = entropy_state_new(w.fname, m, dir, shift);
		if (dirarr)
			st->dir_raw = (ArrayType *) PG_DETOAST_DATUM_COPY(PointerGetDatum(dirarr));
	}
	else
	{
		/* checked in the per-row context: nothing they allocate outlives the row */
		w.argname = "directions";
		sy_must_be_constant(directions_unchanged(st, dirarr, w), w);
		w.argname = "shift";
		sy_must_be_constant(st->shift == shift, w);
		w.argname = "x";
		x = sy_indicator_shape(xarr, w, st->m, &m);
		old = MemoryContextSwitchTo(aggcxt);
	}
	if (!sy_row_ingest(x, m, entropy_next_row(st), st->lo, st->hi))
		sy_indicator_row(xarr, w, m, &m);	/* reports the non-finite value */
	st->n++;
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(entropy_weights_combinefn);
Datum
entropy_weights_combinefn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt,
				old;
	EntropyState *a = PG_ARGISNULL(0) ? NULL : (EntropyState *) PG_GETARG_POINTER(0);
	EntropyState *b = PG_ARGISNULL(1) ? NULL : (EntropyState *) PG_GETARG_POINTER(1);
	SyWhere		w = {NULL, "x", 0};
	bool		adopt;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "entropy_weights_combinefn called in non-aggregate context");
	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	/* deserialized states live in their own context: move it under aggcxt */
	adopt = b->own != NULL;
	if (adopt && MemoryContextGetParent(b->own) != aggcxt)
		MemoryContextSetParent(b->own, aggcxt);
	if (a == NULL && adopt)
		PG_RETURN_POINTER(b);
	w.fname = sy_agg_name(fcinfo, "entropy_weights");
	old = MemoryContextSwitchTo(aggcxt);
	if (a == NULL)
		a = entropy_state_new(w.fname, b->m, b->dir, b->shift);
	else
	{
		if (a->m != b->m)
		{
			/* rows of different lengths landed in different partial groups */
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("%s: x has %d elements in some rows and %d in others",
							w.fname, b->m, a->m),
					 errdetail("Partial aggregates of the same group saw arrays of different lengths."),
					 errhint("Every row of a group must carry the same indicators in the same order.")));
		}
		w.argname = "directions";
		sy_must_be_constant(sy_same_directions(a->dir, b->dir, a->m), w);
		w.argname = "shift";
		sy_must_be_constant(a->shift == b->shift, w);
	}
	for (int k = 0; k < b->nblocks; k++)
	{
		RowBlock   *blk = &b->blocks[k];

		CHECK_FOR_INTERRUPTS();
		if (adopt)
			add_block(a, blk->rows, blk->nrows, blk->cap);
		else
			for (int64 i = 0; i < blk->nrows; i++)
				memcpy(entropy_next_row(a), blk->rows + i * b->m, sizeof(double) * b->m);
	}
	merge_ranges(a, b);
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(entropy_weights_serialfn);
Datum
entropy_weights_serialfn(PG_FUNCTION_ARGS)
{
	EntropyState *st = (EntropyState *) PG_GETARG_POINTER(0);
	EntropyHeader h = {0};
	Size		dirbytes = sy_dirs_bytes(st->dir, st->m);
	Size		size;
	bytea	   *out;
	char	   *p;

	/* a bytea holds at most 1 GB */
	if ((double) st->n * st->m * sizeof(double) + 2.0 * st->m * sizeof(double) +
		dirbytes + sizeof(EntropyHeader) + VARHDRSZ > (double) MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s: partial state too large to pass between processes", st->fname),
				 errdetail("A partial aggregate holds " INT64_FORMAT " rows of %d indicators.",
						   st->n, st->m),
				 errhint("Run the aggregate without parallelism: SET max_parallel_workers_per_gather = 0.")));
	size = VARHDRSZ + sizeof(EntropyHeader) + dirbytes +
		sizeof(double) * ((Size) 2 * st->m + (Size) st->n * st->m);
	out = palloc(size);
	SET_VARSIZE(out, size);
	p = VARDATA(out);

	h.magic = ENTROPY_MAGIC;
	h.version = ENTROPY_VERSION;
	h.have_dir = st->dir != NULL;
	h.m = st->m;
	h.n = st->n;
	h.shift = st->shift;
	memcpy(p, &h, sizeof(h));
	p += sizeof(h);
	p = sy_put_dirs(p, st->dir, st->m);
	memcpy(p, st->lo, sizeof(double) * st->m);
	p += sizeof(double) * st->m;
	memcpy(p, st->hi, sizeof(double) * st->m);
	p += sizeof(double) * st->m;
	for (int k = 0; k < st->nblocks; k++)
	{
		Size		bytes = sizeof(double) * (Size) st->m * st->blocks[k].nrows;

		memcpy(p, st->blocks[k].rows, bytes);
		p += bytes;
	}
	PG_RETURN_BYTEA_P(out);
}

/*
 * The serialized state comes from another process but is parsed as if from
 * a stranger: every length and value is checked before use.
 */
PG_FUNCTION_INFO_V1(entropy_weights_deserialfn);
Datum
entropy_weights_deserialfn(PG_FUNCTION_ARGS)
{
	bytea	   *in = PG_GETARG_BYTEA_PP(0);
	const char *p = VARDATA_ANY(in);
	Size		len = VARSIZE_ANY_EXHDR(in);
	const char *fname = sy_agg_name(fcinfo, "entropy_weights");
	EntropyHeader h;
	EntropyState *st;
	MemoryContext aggcxt,
				old;
	int		   *dir = NULL;
	Size		dirbytes;
	double		need;

	if (len < sizeof(h))
		sy_corrupt_state(fname, "The state is shorter than its header.");
	memcpy(&h, p, sizeof(h));
	if (h.magic != ENTROPY_MAGIC || h.version != ENTROPY_VERSION)
		sy_corrupt_state(fname, "Unknown magic number or version.");
	if (h.m < 1 || h.m > SY_MAX_INDICATORS || h.n < 0 || h.have_dir > 1)
		sy_corrupt_state(fname, "Indicator or row count out of range.");
	if (!isfinite(h.shift) || h.shift < 0.0)
		sy_corrupt_state(fname, "Invalid shift.");
	dirbytes = h.have_dir ? MAXALIGN(sizeof(int32) * h.m) : 0;
	need = (double) sizeof(h) + dirbytes + sizeof(double) * (2.0 * h.m + (double) h.n * h.m);
	if (need != (double) len)
		sy_corrupt_state(fname, "The state's length does not match its counts.");
	p += sizeof(h);
	p = sy_get_dirs(p, h.have_dir, h.m, &dir, fname);
	/* build the state in a context of its own, which the combine function
	 * re-parents under the aggregate's memory; a state never combined (a
	 * spilled hash-aggregate input) goes with the per-tuple memory */
	(void) aggcxt;
	{
		MemoryContext own = AllocSetContextCreate(CurrentMemoryContext, "synergy entropy partial",
												  ALLOCSET_SMALL_SIZES);
		old = MemoryContextSwitchTo(own);
		st = entropy_state_new(fname, h.m, dir, h.shift);
		st->own = own;
	}
	if (h.n > 0)
	{
		double	   *rows;

		sy_group_memory_check(fname, (double) h.n * h.m * sizeof(double), h.n);
		rows = palloc_extended(sizeof(double) * (Size) h.n * h.m, MCXT_ALLOC_HUGE);

		/* one copy into aligned memory, then check every value in place */
		memcpy(rows, p + 2 * sizeof(double) * h.m, sizeof(double) * (Size) h.n * h.m);
		for (int64 i = 0; i < h.n; i++)
		{
			double	   *row = rows + i * h.m;

			if (!sy_row_ingest(row, h.m, row, st->lo, st->hi))
				sy_corrupt_state(fname, "A stored value is not finite.");
			if ((i & 0xffff) == 0)
				CHECK_FOR_INTERRUPTS();
		}
		add_block(st, rows, h.n, h.n);
	}
	st->n = h.n;
	MemoryContextSwitchTo(old);
	/* the stored ranges must be exactly those of the stored rows */
	if (h.n > 0 && (memcmp(st->lo, p, sizeof(double) * h.m) != 0 ||
					memcmp(st->hi, p + sizeof(double) * h.m, sizeof(double) * h.m) != 0))
		sy_corrupt_state(fname, "The stored ranges do not match the stored rows.");
	PG_RETURN_POINTER(st);
}

/*
 * Entropy, divergence and weights of a state; false when undefined.  The
 * rows are summed in the canonical order (sy_order.h), whatever the order
 * they arrived in or the partial states they came through, so the result
 * is the same bits for the same rows.
 */
static bool
entropy_compute(EntropyState *st, double *entropy, double *divergence, double *weight)
{
	int			m = st->m;
	double	   *a = palloc(sizeof(double) * m);
	double	   *c = palloc(sizeof(double) * m);
	double	   *lo = palloc(sizeof(double) * m);
	double	   *hi = palloc(sizeof(double) * m);
	double	   *sumz = palloc0(sizeof(double) * m);
	double	   *sumzlogz = palloc0(sizeof(double) * m);
	/* sorted rows are copied in slices of about 2^16 values, a fraction of
	 * a millisecond of work, between interrupt checks */
	int64		slice = Max(1, (1 << 16) / m);
	double	   *buf;
	SyRowRef   *refs;
	int64		n = 0;

	/* the final function leaves the state as it is (FINALFUNC_MODIFY =
	 * READ_ONLY): the order lives in an array of references, checked with
	 * the rows against synergy.max_group_memory */
	sy_group_memory_check(st->fname, st->bytes + SY_SORT_ROWS_BYTES * (double) st->n, st->n);
	refs = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(SyRowRef) * Max(st->n, 1));
	for (int k = 0; k < st->nblocks; k++)
		for (int64 i = 0; i < st->blocks[k].nrows; i++)
			refs[n++].row = st->blocks[k].rows + (Size) i * m;
	Assert(n == st->n);
	sy_sort_rows(refs, n, m);
	memcpy(lo, st->lo, sizeof(double) * m);
	memcpy(hi, st->hi, sizeof(double) * m);
	sy_canonical_ranges(refs, n, m, lo, hi);

	sy_check_ranges(st->fname, m, lo, hi);
	sy_entropy_coefs(m, lo, hi, st->dir, a, c);
	buf = palloc(sizeof(double) * (Size) m * Min(slice, Max(n, 1)));
	for (int64 i = 0; i < n; i += slice)
	{
		int64		len = Min(slice, n - i);

		CHECK_FOR_INTERRUPTS();
		for (int64 r = 0; r < len; r++)
			memcpy(buf + (Size) r * m, refs[i + r].row, sizeof(double) * m);
		sy_entropy_accum_block(buf, len, m, a, c, st->shift, sumz, sumzlogz);
	}
	return sy_entropy_finish(st->n, m, lo, hi, sumz, sumzlogz,
							 entropy, divergence, weight) == SY_OK;
}

PG_FUNCTION_INFO_V1(entropy_weights_finalfn);
Datum
entropy_weights_finalfn(PG_FUNCTION_ARGS)
{
	EntropyState *st;
	double	   *e,
			   *d,
			   *w;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (EntropyState *) PG_GETARG_POINTER(0);
	e = palloc(sizeof(double) * st->m);
	d = palloc(sizeof(double) * st->m);
	w = palloc(sizeof(double) * st->m);
	if (!entropy_compute(st, e, d, w))
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(sy_float8_array(w, st->m));
}

/* entropy_detail: (n bigint, entropy float8[], divergence float8[], weight float8[]) */
PG_FUNCTION_INFO_V1(entropy_weights_detail_finalfn);
Datum
entropy_weights_detail_finalfn(PG_FUNCTION_ARGS)
{
	EntropyState *st;
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	double	   *e,
			   *d,
			   *w;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "entropy_weights_detail: return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	st = (EntropyState *) PG_GETARG_POINTER(0);
	e = palloc(sizeof(double) * st->m);
	d = palloc(sizeof(double) * st->m);
	w = palloc(sizeof(double) * st->m);
	entropy_compute(st, e, d, w);
	values[0] = Int64GetDatum(st->n);
	values[1] = PointerGetDatum(sy_float8_array(e, st->m));
	values[2] = PointerGetDatum(sy_float8_array(d, st->m));
	values[3] = PointerGetDatum(sy_float8_array(w, st->m));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
