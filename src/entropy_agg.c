/*
 * entropy_agg.c - the entropy_weights and entropy_weights_detail aggregates,
 * row-keeping form.
 *
 * The entropy of a min-max score needs the column's global minimum and
 * maximum, which are only known once every row is in, so the state keeps
 * the rows themselves: 8 bytes per indicator per row, in blocks of about
 * 1 MB so that growth never copies what is already stored.  The final
 * function sums the rows in the canonical order of sy_order.h, so any order
 * of the rows, serial or parallel, gives the same bits; it does not change
 * the state, so the same state serves entropy_weights and
 * entropy_weights_detail in one query.
 *
 * Partial states (parallel workers, partition-wise plans, the *_state
 * values) go through the state layer (sy_state.h) as kind SY_KIND_ENTROPY.
 * The writer puts the rows into the canonical order first, so a parallel
 * worker sorts its own rows (work done in parallel) and the leader only
 * merges sorted runs in linear time; the reader copies each run into one
 * block of the aggregate's memory (one memcpy on little-endian hosts),
 * checks it, and the combine function links the block in without copying.
 *
 * The bounded form (lower and upper bound per indicator given, O(m) state)
 * is the same kind with another mode: entropy_bounded_agg.c.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "sy_pg.h"
#include "sy_limits.h"
#include "sy_order.h"
#include "sy_entropy_pg.h"
#include "sy_weight_options.h"

#define BLOCK_BYTES		(1024 * 1024)

/* sorted runs merged by the final function; more are sorted as a whole */
#define MERGE_MAX_RUNS	16

EntropyState *
entropy_state_new(const char *fname, int m, const int *dir, double shift)
{
	EntropyState *st = palloc0(sizeof(EntropyState));

	st->fname = fname;		/* query-lifetime string (sy_agg_name) */
	st->mode = ENTROPY_ROWS;
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
add_block(EntropyState *st, double *rows, int64 nrows, int64 cap, bool sorted)
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
	st->blocks[st->nblocks].sorted = sorted;
	st->nblocks++;
}

/* Room for one more row; returns where to write it. */
static double *
entropy_next_row(EntropyState *st)
{
	RowBlock   *last = st->nblocks > 0 ? &st->blocks[st->nblocks - 1] : NULL;

	if (last == NULL || last->nrows == last->cap || last->sorted)
	{
		int64		cap = last ? Min(last->cap * 2, st->rows_per_block) : Min(8, st->rows_per_block);

		/* the limit is checked before the block is allocated */
		sy_group_memory_check(st->fname, st->bytes + (double) cap * st->m * sizeof(double), st->n);
		add_block(st, palloc(sizeof(double) * (Size) st->m * cap), 0, cap, false);
		last = &st->blocks[st->nblocks - 1];
	}
	return last->rows + (Size) last->nrows++ * st->m;
}

/* Directions argument of this row equals the state's? Cheap when unchanged. */
bool
entropy_directions_unchanged(EntropyState *st, ArrayType *dirarr, SyWhere w)
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
 * One row into a row-keeping state (created when st is NULL); the
 * transition function of entropy_weights without bounds, and of the bounded
 * form given NULL bounds.  Returns the state.
 */
EntropyState *
entropy_rows_step(EntropyState *st, MemoryContext aggcxt, const char *fname,
				  ArrayType *xarr, ArrayType *dirarr, double shift, sy_missing missing)
{
	MemoryContext old;
	SyWhere		w = {fname, "x", 0};
	const double *x;
	double	   *buf = NULL;
	int			gaps = 0;
	int			m;

	if (st == NULL)
	{
		int		   *dir;

		if (missing == SY_MISSING_ERROR)
			x = sy_indicator_row(xarr, w, -1, &m);
		else
		{
			x = buf = palloc(sizeof(double) * sy_indicator_row_room(xarr));
			gaps = sy_indicator_row_gaps(xarr, w, -1, missing, buf, &m);
		}
		w.argname = "directions";
		dir = sy_directions(dirarr, w, m);
		old = MemoryContextSwitchTo(aggcxt);
		st = entropy_state_new(fname, m, dir, shift);
		st->missing = missing;
		if (dirarr)
			st->dir_raw = (ArrayType *) PG_DETOAST_DATUM_COPY(PointerGetDatum(dirarr));
	}
	else
	{
		/* checked in the per-row context: nothing they allocate outlives the row */
		w.argname = "directions";
		sy_must_be_constant(entropy_directions_unchanged(st, dirarr, w), w);
		w.argname = "shift";
		sy_must_be_constant(st->shift == shift, w);
		w.argname = "x";
		if (st->missing == SY_MISSING_ERROR)
			x = sy_indicator_shape(xarr, w, st->m, &m);
		else
		{
			x = buf = palloc(sizeof(double) * st->m);
			gaps = sy_indicator_row_gaps(xarr, w, st->m, st->missing, buf, &m);
		}
		old = MemoryContextSwitchTo(aggcxt);
	}
	if (gaps > 0 && (st->missing == SY_MISSING_SKIP || gaps == st->m))
	{
		/* the unit takes no part; under mean and median too when it has no
		 * value at all (an x of NULLs is no unit, as a NULL x: imputing a
		 * whole row would invent one, and the window functions leave it
		 * out likewise) */
		MemoryContextSwitchTo(old);
		return st;
	}
	if (gaps > 0)
	{
		/* mean, median: the row is kept with NaN where it has no value, and
		 * the ranges are those of the observed values */
		double	   *dst = entropy_next_row(st);

		for (int j = 0; j < m; j++)
		{
			dst[j] = x[j];
			if (isnan(x[j]))
			{
				dst[j] = NAN;	/* one NaN, for the canonical order */
				continue;
			}
			st->lo[j] = Min(st->lo[j], x[j]);
			st->hi[j] = Max(st->hi[j], x[j]);
		}
		st->gaps += gaps;
	}
	else if (!sy_row_ingest(x, m, entropy_next_row(st), st->lo, st->hi))
		sy_indicator_row(xarr, w, m, &m);	/* reports the non-finite value */
	st->n++;
	MemoryContextSwitchTo(old);
	return st;
}

/*
 * entropy_weights_transfn(internal, x float8[] [, directions int[] [, shift float8]])
 */
PG_FUNCTION_INFO_V1(entropy_weights_transfn);
Datum
entropy_weights_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	EntropyState *st = PG_ARGISNULL(0) ? NULL : (EntropyState *) PG_GETARG_POINTER(0);
	SyWhere		w = {NULL, "shift", 0};
	ArrayType  *dirarr;
	double		shift;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "entropy_weights_transfn called in non-aggregate context");
	w.fname = st ? st->fname : sy_agg_name(fcinfo, "entropy_weights");
	if (PG_ARGISNULL(1))
	{
		if (st == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(st);
	}
	dirarr = PG_NARGS() > 2 && !PG_ARGISNULL(2) ? PG_GETARG_ARRAYTYPE_P(2) : NULL;
	shift = PG_NARGS() > 3 ? sy_shift(PG_GETARG_DATUM(3), PG_ARGISNULL(3), w) : 0.0;
	PG_RETURN_POINTER(entropy_rows_step(st, aggcxt, w.fname, PG_GETARG_ARRAYTYPE_P(1),
										dirarr, shift, SY_MISSING_ERROR));
}

void
entropy_row_options(const EntropyState *st, Datum d, bool isnull, const char *fname,
					SyWeightOptions *o)
{
	if (st != NULL && sy_weight_options_same_bytes(d, isnull, st->opt_raw))
	{
		o->directions = st->dir_raw;
		o->shift_given = st->shift != 0.0;
		o->shift = st->shift;
		o->missing = st->missing;
		return;
	}
	sy_weight_options_read(d, isnull, fname, o);
	if (st != NULL)
	{
		SyWhere		w = {fname, "missing", 0};

		sy_must_be_constant(o->missing == st->missing, w);
	}
}

void
entropy_keep_options(EntropyState *st, MemoryContext aggcxt, Datum d, bool isnull)
{
	if (st->opt_raw == NULL && !isnull)
	{
		MemoryContext old = MemoryContextSwitchTo(aggcxt);

		st->opt_raw = sy_weight_options_keep(d, false);
		MemoryContextSwitchTo(old);
	}
}

/*
 * entropy_weights_options_transfn(internal, x float8[], options weight_options)
 * The options (directions, shift, missing) are read from the first row and
 * must be the same in every row.
 */
PG_FUNCTION_INFO_V1(entropy_weights_options_transfn);
Datum
entropy_weights_options_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	EntropyState *st = PG_ARGISNULL(0) ? NULL : (EntropyState *) PG_GETARG_POINTER(0);
	const char *fname;
	SyWeightOptions o;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "entropy_weights_options_transfn called in non-aggregate context");
	fname = st ? st->fname : sy_agg_name(fcinfo, "entropy_weights");
	if (PG_ARGISNULL(1))
	{
		if (st == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(st);
	}
	entropy_row_options(st, PG_GETARG_DATUM(2), PG_ARGISNULL(2), fname, &o);
	st = entropy_rows_step(st, aggcxt, fname, PG_GETARG_ARRAYTYPE_P(1),
						   o.directions, o.shift, o.missing);
	entropy_keep_options(st, aggcxt, PG_GETARG_DATUM(2), PG_ARGISNULL(2));
	PG_RETURN_POINTER(st);
}

/* ---- the canonical order of the rows ---- */

/* Compare two rows in the canonical order (sy_order.h), from element j on. */
static inline int
row_cmp_from(const double *a, const double *b, int m, int j)
{
	for (; j < m; j++)
	{
		uint64		ka = sy_f8_key(a[j]),
					kb = sy_f8_key(b[j]);

		if (ka != kb)
			return ka < kb ? -1 : 1;
	}
	return 0;
}

/* Every block a sorted run, and few enough of them to merge? */
static bool
sorted_runs(const EntropyState *st)
{
	if (st->nblocks > MERGE_MAX_RUNS)
		return false;
	for (int k = 0; k < st->nblocks; k++)
		if (!st->blocks[k].sorted && st->blocks[k].nrows > 1)
			return false;
	return true;
}

/* Receives nrows consecutive rows. */
typedef void (*RowSink) (void *arg, const double *rows, int64 nrows);

/*
 * Rows on their way to a sink: passed one by one where they lie, or (when
 * buf is set) gathered into slices first, which a sink that computes on the
 * rows reads faster than rows scattered over memory.
 */
typedef struct RowFeed
{
	RowSink		sink;
	void	   *arg;
	int			m;
	double	   *buf;			/* NULL: pass rows one by one */
	int64		len;
	int64		slice;
} RowFeed;

static inline void
feed_row(RowFeed *f, const double *row)
{
	if (f->buf == NULL)
	{
		f->sink(f->arg, row, 1);
		return;
	}
	memcpy(f->buf + (Size) f->len * f->m, row, sizeof(double) * f->m);
	if (++f->len == f->slice)
	{
		f->sink(f->arg, f->buf, f->len);
		f->len = 0;
	}
}

static void
feed_flush(RowFeed *f)
{
	if (f->buf != NULL && f->len > 0)
		f->sink(f->arg, f->buf, f->len);
	f->len = 0;
}

/*
 * Feeds every row of st to sink in the canonical order.  Sorted runs (the
 * blocks of deserialized states) are merged in linear time, a single run
 * passed on in slices; other rows are sorted by reference.  Rows are passed
 * where they lie, never copied.  Leaves the state as it is.
 */
static void
rows_in_order(const EntropyState *st, RowSink sink, void *arg, bool gather)
{
	int			m = st->m;
	/* an interrupt check every 2^16 values or so, a fraction of a
	 * millisecond of work */
	int64		slice = Max(1, (1 << 16) / m);
	RowFeed		feed = {sink, arg, m, NULL, 0, slice};

	if (st->n == 0)
		return;
	if (sorted_runs(st))
	{
		int			k = st->nblocks;
		int64		pos[MERGE_MAX_RUNS];
		uint64		key[MERGE_MAX_RUNS];
		int			live = 0,
					only = -1;
		int64		done = 0;

		for (int r = 0; r < k; r++)
		{
			pos[r] = 0;
			key[r] = 0;
			if (st->blocks[r].nrows > 0)
			{
				key[r] = sy_f8_key(st->blocks[r].rows[0]);
				live++;
				only = r;
			}
		}
		if (live == 1)
		{
			/* one run: straight from the block */
			const RowBlock *b = &st->blocks[only];

			for (int64 i = 0; i < b->nrows; i += slice)
			{
				CHECK_FOR_INTERRUPTS();
				sink(arg, b->rows + (Size) i * m, Min(slice, b->nrows - i));
			}
			return;
		}
		if (gather)
			feed.buf = palloc(sizeof(double) * (Size) m * slice);
		while (live > 0)
		{
			int			best = -1;
			const double *row = NULL;

			if ((++done & 0xfff) == 0)
				CHECK_FOR_INTERRUPTS();
			for (int r = 0; r < k; r++)
			{
				const double *cand;

				if (pos[r] >= st->blocks[r].nrows)
					continue;
				cand = st->blocks[r].rows + (Size) pos[r] * m;
				if (best < 0 || key[r] < key[best] ||
					(key[r] == key[best] && row_cmp_from(cand, row, m, 1) < 0))
				{
					best = r;
					row = cand;
				}
			}
			feed_row(&feed, row);
			if (++pos[best] < st->blocks[best].nrows)
				key[best] = sy_f8_key(row[m]);
			else
				live--;
		}
		feed_flush(&feed);
	}
	else
	{
		SyRowRef   *refs;
		int64		n = 0;

		/* the order lives in an array of references, checked with the rows
		 * against synergy.max_group_memory */
		sy_group_memory_check(st->fname, st->bytes + SY_SORT_ROWS_BYTES * (double) st->n, st->n);
		refs = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(SyRowRef) * st->n);
		for (int k = 0; k < st->nblocks; k++)
			for (int64 i = 0; i < st->blocks[k].nrows; i++)
				refs[n++].row = st->blocks[k].rows + (Size) i * m;
		Assert(n == st->n);
		sy_sort_rows(refs, n, m);
		if (gather)
			feed.buf = palloc(sizeof(double) * (Size) m * Min(slice, n));
		for (int64 i = 0; i < n; i++)
		{
			if ((i & 0xfff) == 0)
				CHECK_FOR_INTERRUPTS();
			feed_row(&feed, refs[i].row);
		}
		feed_flush(&feed);
		pfree(refs);
	}
}

/*
 * Column ranges that do not depend on the order of the rows: min and max
 * agree on every order except between -0 and +0, so a zero bound becomes the
 * column's least (greatest) element in the total order of sy_order.h.
 */
static void
canonical_ranges(const EntropyState *st, double *lo, double *hi)
{
	memcpy(lo, st->lo, sizeof(double) * st->m);
	memcpy(hi, st->hi, sizeof(double) * st->m);
	for (int j = 0; j < st->m; j++)
	{
		uint64		kmin = PG_UINT64_MAX,
					kmax = 0;

		if (lo[j] != 0.0 && hi[j] != 0.0)
			continue;
		for (int k = 0; k < st->nblocks; k++)
			for (int64 i = 0; i < st->blocks[k].nrows; i++)
			{
				double		v = st->blocks[k].rows[(Size) i * st->m + j];
				uint64		key = sy_f8_key(v);

				if (isnan(v))
					continue;	/* a gap (mean, median) */
				kmin = Min(kmin, key);
				kmax = Max(kmax, key);
			}
		if (lo[j] == 0.0)
			lo[j] = kmin == sy_f8_key(-0.0) ? -0.0 : 0.0;
		if (hi[j] == 0.0)
			hi[j] = kmax == sy_f8_key(-0.0) ? -0.0 : 0.0;
	}
}

/* ---- the state layer (sy_state.h) ---- */

static double
entropy_payload_bytes(const void *p)
{
	const EntropyState *st = p;
	/* mode, m, n, shift, directions, missing */
	double		common = 1.0 + 4.0 + 8.0 + 8.0 + sy_dirs_payload(st->dir, st->m) + 1.0;

	if (st->mode == ENTROPY_BOUNDED)
		return common + entropy_bounded_payload(st);
	return common + 1.0 + 16.0 * st->m + 8.0 * (double) st->n * st->m;
}

typedef struct WrRows
{
	SyStateWriter *w;
	int			m;
} WrRows;

static void
wr_rows(void *arg, const double *rows, int64 nrows)
{
	WrRows	   *wr = arg;

	sy_wr_f64s(wr->w, rows, (Size) nrows * wr->m);
}

/*
 * Payload (kind version 2), both modes:
 *   u8 mode (0 rows, 1 bounded), i32 m, i64 n, f64 shift, directions,
 *   u8 missing (the policy: 0 error, 1 skip, 2 mean, 3 median);
 * rows mode:
 *   u8 sorted (1: the rows are in the canonical order), f64 lo[m], f64 hi[m]
 *   (the columns' ranges over their values, zero bounds canonical),
 *   f64 rows[n][m], where a NULL cell kept under 'mean' or 'median' is the
 *   quiet NaN 0x7ff8000000000000 (the ranges of a column with no value are
 *   +Infinity and -Infinity).
 * Version 1 (0.3.0 development) had no missing byte.
 * bounded mode: entropy_bounded_agg.c.
 */
static void
entropy_write(SyStateWriter *w, const void *p)
{
	const EntropyState *st = p;

	sy_wr_u8(w, st->mode);
	sy_wr_i32(w, st->m);
	sy_wr_i64(w, st->n);
	sy_wr_f64(w, st->shift);
	sy_wr_dirs(w, st->dir, st->m);
	sy_wr_u8(w, (uint8) st->missing);
	if (st->mode == ENTROPY_ROWS)
	{
		WrRows		wr = {w, st->m};
		double	   *lo = palloc(sizeof(double) * st->m);
		double	   *hi = palloc(sizeof(double) * st->m);

		sy_wr_u8(w, 1);
		canonical_ranges(st, lo, hi);
		sy_wr_f64s(w, lo, st->m);
		sy_wr_f64s(w, hi, st->m);
		rows_in_order(st, wr_rows, &wr, false);
	}
	else
		entropy_bounded_write(w, st);
}

/*
 * The bytes come from another process or from a user, and are parsed as if
 * from a stranger: every count is checked before it is used, every value
 * must be finite, the ranges must be those of the rows and sorted rows in
 * order.  The rows go into one block of a memory context of the state's own,
 * which the combine function re-parents under the aggregate's memory (a
 * state never combined, e.g. a spilled hash-aggregate input, goes with the
 * per-tuple memory).
 */
static void *
entropy_read(SyStateReader *r, const char *fname)
{
	uint8		mode = sy_rd_u8(r);
	int			m;
	int64		n;
	double		shift;
	int		   *dir;
	uint8		sorted;
	uint8		missing;
	bool		gaps_ok;
	double	   *lo,
			   *hi;
	EntropyState *st;
	MemoryContext own,
				old;

	if (mode > ENTROPY_BOUNDED)
		sy_state_corrupt(fname, "Unknown entropy state mode.");
	m = sy_rd_i32(r);
	if (m < 1 || m > SY_MAX_INDICATORS)
		sy_state_corrupt(fname, "Indicator or row count out of range.");
	n = sy_rd_i64(r);
	if (n < 0)
		sy_state_corrupt(fname, "Indicator or row count out of range.");
	shift = sy_rd_f64(r);
	if (!isfinite(shift) || shift < 0.0)
		sy_state_corrupt(fname, "Invalid shift.");
	dir = sy_rd_dirs(r, m);
	missing = sy_rd_u8(r);
	if (missing >= SY_NMISSING)
		sy_state_corrupt(fname, "Unknown missing-value policy.");
	if (mode == ENTROPY_BOUNDED)
		return entropy_bounded_read(r, fname, m, n, shift, dir, (sy_missing) missing);

	sorted = sy_rd_u8(r);
	if (sorted > 1)
		sy_state_corrupt(fname, "Invalid sorted flag.");
	lo = palloc(sizeof(double) * m);
	hi = palloc(sizeof(double) * m);
	sy_rd_f64s(r, lo, m, false, "A range");
	sy_rd_f64s(r, hi, m, false, "A range");
	gaps_ok = missing == SY_MISSING_MEAN || missing == SY_MISSING_MEDIAN;
	if ((double) n * m * sizeof(double) != (double) sy_rd_remaining(r))
		sy_state_corrupt(fname, "The state's length does not match its counts.");

	own = AllocSetContextCreate(CurrentMemoryContext, "synergy entropy partial",
								ALLOCSET_SMALL_SIZES);
	old = MemoryContextSwitchTo(own);
	st = entropy_state_new(fname, m, dir, shift);
	st->missing = (sy_missing) missing;
	st->own = own;
	if (n > 0)
	{
		double	   *rows;
		double	   *clo = palloc(sizeof(double) * m);
		double	   *chi = palloc(sizeof(double) * m);

		sy_group_memory_check(fname, (double) n * m * sizeof(double), n);
		rows = palloc_extended(sizeof(double) * (Size) n * m, MCXT_ALLOC_HUGE);
		/* one copy into aligned memory, then one pass checks every value
		 * finite, takes the ranges and checks the order */
		sy_rd_f64s(r, rows, (Size) n * m, false, "A stored value");
		for (int64 i = 0; i < n; i++)
		{
			double	   *row = rows + (Size) i * m;

			if ((i & 0xffff) == 0)
				CHECK_FOR_INTERRUPTS();
			if (!sy_row_ingest(row, m, row, st->lo, st->hi))
			{
				/* gaps: only the one NaN, only where the policy keeps them */
				for (int j = 0; j < m; j++)
				{
					uint64		bits;

					memcpy(&bits, &row[j], sizeof(bits));
					if (isfinite(row[j]))
					{
						st->lo[j] = Min(st->lo[j], row[j]);
						st->hi[j] = Max(st->hi[j], row[j]);
					}
					else if (gaps_ok && bits == UINT64CONST(0x7ff8000000000000))
						st->gaps++;
					else
						sy_state_corrupt(fname, "A stored value is not finite.");
				}
			}
			if (sorted && i > 0 && row_cmp_from(row - m, row, m, 0) > 0)
				sy_state_corrupt(fname, "The rows are not in the order the state says.");
		}
		add_block(st, rows, n, n, sorted);
		st->n = n;
		/* the stored ranges must be exactly those of the stored rows */
		canonical_ranges(st, clo, chi);
		if (memcmp(clo, lo, sizeof(double) * m) != 0 ||
			memcmp(chi, hi, sizeof(double) * m) != 0)
			sy_state_corrupt(fname, "The stored ranges do not match the stored rows.");
	}
	MemoryContextSwitchTo(old);
	return st;
}

static void
check_same_shape(EntropyState *a, EntropyState *b, const char *fname)
{
	SyWhere		w = {fname, "x", 0};

	if (a->mode != b->mode)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: cannot merge a bounded entropy state with a row-keeping one", fname),
				 errdetail("One state was made with lower and upper bounds, the other without."),
				 errhint("Merge states made by the same form of entropy_weights_state: all with the same bounds, or all without.")));
	if (a->m != b->m)
	{
		/* rows of different lengths landed in different partial groups */
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s: x has %d elements in some rows and %d in others",
						fname, b->m, a->m),
				 errdetail("Partial aggregates of the same group saw arrays of different lengths."),
				 errhint("Every row of a group must carry the same indicators in the same order.")));
	}
	w.argname = "directions";
	sy_must_be_constant(sy_same_directions(a->dir, b->dir, a->m), w);
	w.argname = "shift";
	sy_must_be_constant(a->shift == b->shift, w);
	if (a->missing != b->missing)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: cannot merge states made with different missing-value policies", fname),
				 errdetail("One state was made with missing => '%s', the other with missing => '%s'.",
						   sy_missing_names[a->missing], sy_missing_names[b->missing]),
				 errhint("Make every state of a merge with the same weight_options(missing => ...).")));
}

/* Merge b into a (CurrentMemoryContext is the aggregate's memory). */
static void *
entropy_combine(void *pa, void *pb, const char *fname)
{
	EntropyState *a = pa;
	EntropyState *b = pb;
	bool		adopt;

	if (a != NULL)
		check_same_shape(a, b, fname);
	if (b->mode == ENTROPY_BOUNDED)
		return entropy_bounded_combine(a, b, fname);

	/* deserialized states live in their own context: move it under ours */
	adopt = b->own != NULL;
	if (adopt && MemoryContextGetParent(b->own) != CurrentMemoryContext)
		MemoryContextSetParent(b->own, CurrentMemoryContext);
	if (a == NULL && adopt)
	{
		b->fname = fname;
		return b;
	}
	if (a == NULL)
	{
		a = entropy_state_new(fname, b->m, b->dir, b->shift);
		a->missing = b->missing;
	}
	for (int k = 0; k < b->nblocks; k++)
	{
		RowBlock   *blk = &b->blocks[k];

		CHECK_FOR_INTERRUPTS();
		if (blk->nrows == 0)
			continue;
		if (adopt)
			add_block(a, blk->rows, blk->nrows, blk->cap, blk->sorted);
		else
		{
			double	   *copy;

			sy_group_memory_check(fname, a->bytes + (double) blk->nrows * b->m * sizeof(double),
								  a->n);
			copy = palloc_extended(sizeof(double) * (Size) blk->nrows * b->m, MCXT_ALLOC_HUGE);
			memcpy(copy, blk->rows, sizeof(double) * (Size) blk->nrows * b->m);
			add_block(a, copy, blk->nrows, blk->nrows, blk->sorted);
		}
	}
	for (int j = 0; j < a->m; j++)
	{
		a->lo[j] = Min(a->lo[j], b->lo[j]);
		a->hi[j] = Max(a->hi[j], b->hi[j]);
	}
	a->n += b->n;
	a->gaps += b->gaps;
	return a;
}

const SyStateKind entropy_kind = {
	SY_KIND_ENTROPY, 2, "entropy_weights",
	entropy_payload_bytes, entropy_write, entropy_read, entropy_combine
};

PG_FUNCTION_INFO_V1(entropy_weights_combinefn);
Datum
entropy_weights_combinefn(PG_FUNCTION_ARGS)
{
	return sy_state_combinefn(fcinfo, &entropy_kind);
}

PG_FUNCTION_INFO_V1(entropy_weights_serialfn);
Datum
entropy_weights_serialfn(PG_FUNCTION_ARGS)
{
	return sy_state_serialfn(fcinfo, &entropy_kind);
}

PG_FUNCTION_INFO_V1(entropy_weights_deserialfn);
Datum
entropy_weights_deserialfn(PG_FUNCTION_ARGS)
{
	return sy_state_deserialfn(fcinfo, &entropy_kind);
}

PG_FUNCTION_INFO_V1(entropy_weights_merge_transfn);
Datum
entropy_weights_merge_transfn(PG_FUNCTION_ARGS)
{
	return sy_state_merge_transfn(fcinfo, &entropy_kind);
}

/* ---- results ---- */

typedef struct Accum
{
	int			m;
	const double *a;
	const double *c;
	double		shift;
	double	   *sumz;
	double	   *sumzlogz;
} Accum;

static void
accum_rows(void *arg, const double *rows, int64 nrows)
{
	Accum	   *acc = arg;

	sy_entropy_accum_block(rows, nrows, acc->m, acc->a, acc->c, acc->shift,
						   acc->sumz, acc->sumzlogz);
}

/* Rows into one matrix, in the canonical order. */
typedef struct RowGather
{
	int			m;
	double	   *dst;
	int64		len;
} RowGather;

static void
gather_rows(void *arg, const double *rows, int64 nrows)
{
	RowGather	   *g = arg;

	memcpy(g->dst + (Size) g->len * g->m, rows, sizeof(double) * (Size) nrows * g->m);
	g->len += nrows;
}

/*
 * The rows of a state with gaps, the gaps imputed by its policy (mean or
 * median of the indicator's observed values, sy_missing_apply), in the
 * canonical order: the imputed values, and so the result, do not depend
 * on the order of the rows.  The imputed value lies within the column's
 * observed range, so the ranges stay those of the observed values.
 */
static double *
imputed_rows(EntropyState *st)
{
	RowGather		g = {st->m, NULL, 0};
	double	   *work;
	size_t		bad = 0;

	sy_group_memory_check(st->fname, 2.0 * st->bytes + 8.0 * (double) st->n, st->n);
	g.dst = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(double) * (Size) st->n * st->m);
	rows_in_order(st, gather_rows, &g, false);
	work = st->missing == SY_MISSING_MEDIAN
		? MemoryContextAllocHuge(CurrentMemoryContext, sizeof(double) * (Size) st->n) : NULL;
	if (sy_missing_apply(g.dst, (size_t) st->n, (size_t) st->m, st->missing,
						 NULL, work, &bad) != SY_OK)
		sy_missing_all_gaps(st->fname, (int) bad, st->missing);
	return g.dst;
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
	double	   *a,
			   *c,
			   *lo,
			   *hi,
			   *x;
	Accum		acc;

	if (st->mode == ENTROPY_BOUNDED)
		return entropy_bounded_compute(st, entropy, divergence, weight);
	a = palloc(sizeof(double) * m);
	c = palloc(sizeof(double) * m);
	lo = palloc(sizeof(double) * m);
	hi = palloc(sizeof(double) * m);
	/* gaps first: an indicator with no value at all is that error */
	x = st->gaps > 0 ? imputed_rows(st) : NULL;
	canonical_ranges(st, lo, hi);
	sy_check_ranges(st->fname, m, lo, hi);
	sy_entropy_coefs(m, lo, hi, st->dir, a, c);
	acc.m = m;
	acc.a = a;
	acc.c = c;
	acc.shift = st->shift;
	acc.sumz = palloc0(sizeof(double) * m);
	acc.sumzlogz = palloc0(sizeof(double) * m);
	if (x != NULL)
	{
		int64		slice = Max(1, (1 << 16) / m);

		for (int64 i = 0; i < st->n; i += slice)
		{
			CHECK_FOR_INTERRUPTS();
			accum_rows(&acc, x + (Size) i * m, Min(slice, st->n - i));
		}
		pfree(x);
	}
	else
		rows_in_order(st, accum_rows, &acc, true);
	return sy_entropy_finish(st->n, m, lo, hi, acc.sumz, acc.sumzlogz,
							 entropy, divergence, weight) == SY_OK;
}

static Datum
weights_datum(EntropyState *st, bool *isnull)
{
	double	   *e = palloc(sizeof(double) * st->m);
	double	   *d = palloc(sizeof(double) * st->m);
	double	   *w = palloc(sizeof(double) * st->m);

	*isnull = !entropy_compute(st, e, d, w);
	return *isnull ? (Datum) 0 : PointerGetDatum(sy_float8_array(w, st->m));
}

/* entropy_detail: (n bigint, entropy float8[], divergence float8[], weight float8[]) */
static Datum
detail_datum(FunctionCallInfo fcinfo, EntropyState *st)
{
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	double	   *e = palloc(sizeof(double) * st->m);
	double	   *d = palloc(sizeof(double) * st->m);
	double	   *w = palloc(sizeof(double) * st->m);

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "entropy_weights_detail: return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	entropy_compute(st, e, d, w);
	values[0] = Int64GetDatum(st->n);
	values[1] = PointerGetDatum(sy_float8_array(e, st->m));
	values[2] = PointerGetDatum(sy_float8_array(d, st->m));
	values[3] = PointerGetDatum(sy_float8_array(w, st->m));
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

PG_FUNCTION_INFO_V1(entropy_weights_finalfn);
Datum
entropy_weights_finalfn(PG_FUNCTION_ARGS)
{
	bool		isnull;
	Datum		d;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	d = weights_datum((EntropyState *) PG_GETARG_POINTER(0), &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(d);
}

PG_FUNCTION_INFO_V1(entropy_weights_detail_finalfn);
Datum
entropy_weights_detail_finalfn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(detail_datum(fcinfo, (EntropyState *) PG_GETARG_POINTER(0)));
}

/* entropy_weights_final(state bytea) RETURNS float8[] */
PG_FUNCTION_INFO_V1(entropy_weights_final);
Datum
entropy_weights_final(PG_FUNCTION_ARGS)
{
	EntropyState *st = sy_state_arg(fcinfo, &entropy_kind, "entropy_weights_final");
	bool		isnull;
	Datum		d;

	d = weights_datum(st, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(d);
}

/* entropy_weights_detail_final(state bytea) RETURNS entropy_detail */
PG_FUNCTION_INFO_V1(entropy_weights_detail_final);
Datum
entropy_weights_detail_final(PG_FUNCTION_ARGS)
{
	EntropyState *st = sy_state_arg(fcinfo, &entropy_kind, "entropy_weights_detail_final");

	PG_RETURN_DATUM(detail_datum(fcinfo, st));
}
