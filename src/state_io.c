/*
 * state_io.c - aggregate states as bytes (sy_state.h): the portable
 * header, the bounds-checked writer and reader, and the serialize,
 * deserialize, combine and merge functions every aggregate shares.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "port/pg_bswap.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "sy_pg.h"
#include "sy_state.h"

/* Family names of the kinds, for a state given to the wrong function. */
static const char *const kind_names[SY_KIND_MAX + 1] = {
	[SY_KIND_ENTROPY] = "entropy_weights",
	[SY_KIND_MOMENTS] = "stddev_weights/cv_weights",
	[SY_KIND_CRITIC] = "critic_weights",
	[SY_KIND_FACTOR] = "factor_analysis",
	[SY_KIND_COUPLING] = "coupling_coordination",
	[SY_KIND_MORAN] = "moran_i",
	[SY_KIND_TREND] = "trend_analysis",
};

/* ---- little-endian encoding ---- */

static inline uint16
to_le16(uint16 v)
{
#ifdef WORDS_BIGENDIAN
	return pg_bswap16(v);
#else
	return v;
#endif
}

static inline uint32
to_le32(uint32 v)
{
#ifdef WORDS_BIGENDIAN
	return pg_bswap32(v);
#else
	return v;
#endif
}

static inline uint64
to_le64(uint64 v)
{
#ifdef WORDS_BIGENDIAN
	return pg_bswap64(v);
#else
	return v;
#endif
}

/* ---- writer ---- */

static inline char *
wr_room(SyStateWriter *w, Size n)
{
	char	   *p = w->p;

	if ((Size) (w->end - w->p) < n)
		elog(ERROR, "%s: state writer overran the announced size", w->fname);
	w->p += n;
	return p;
}

void
sy_wr_u8(SyStateWriter *w, uint8 v)
{
	*wr_room(w, 1) = (char) v;
}

void
sy_wr_u16(SyStateWriter *w, uint16 v)
{
	uint16		le = to_le16(v);

	memcpy(wr_room(w, 2), &le, 2);
}

void
sy_wr_i32(SyStateWriter *w, int32 v)
{
	uint32		le = to_le32((uint32) v);

	memcpy(wr_room(w, 4), &le, 4);
}

void
sy_wr_i64(SyStateWriter *w, int64 v)
{
	uint64		le = to_le64((uint64) v);

	memcpy(wr_room(w, 8), &le, 8);
}

void
sy_wr_f64(SyStateWriter *w, double v)
{
	uint64		bits;

	memcpy(&bits, &v, 8);
	bits = to_le64(bits);
	memcpy(wr_room(w, 8), &bits, 8);
}

void
sy_wr_f64s(SyStateWriter *w, const double *v, Size n)
{
	char	   *p;

	if (n > (Size) (w->end - w->p) / 8)
		elog(ERROR, "%s: state writer overran the announced size", w->fname);
	p = wr_room(w, n * 8);
#ifdef WORDS_BIGENDIAN
	for (Size i = 0; i < n; i++)
	{
		uint64		bits;

		memcpy(&bits, &v[i], 8);
		bits = pg_bswap64(bits);
		memcpy(p + 8 * i, &bits, 8);
	}
#else
	memcpy(p, v, n * 8);
#endif
}

double
sy_dirs_payload(const int *dir, int m)
{
	return 1.0 + (dir ? (double) m : 0.0);
}

void
sy_wr_dirs(SyStateWriter *w, const int *dir, int m)
{
	sy_wr_u8(w, dir != NULL);
	if (dir)
		for (int j = 0; j < m; j++)
			sy_wr_u8(w, (uint8) (int8) dir[j]);
}

/* ---- reader ---- */

void
sy_state_corrupt(const char *fname, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("%s: invalid aggregate state", fname),
			 errdetail("%s", what),
			 errhint("States come from synergy's *_state and *_merge aggregates or from parallel workers of the same synergy version; this one is damaged or was changed. Compute it again from the rows.")));
}

static inline const char *
rd_take(SyStateReader *r, Size n)
{
	const char *p = r->p;

	if ((Size) (r->end - r->p) < n)
		sy_state_corrupt(r->fname, "The state ends before its last value.");
	r->p += n;
	return p;
}

Size
sy_rd_remaining(const SyStateReader *r)
{
	return (Size) (r->end - r->p);
}

uint8
sy_rd_u8(SyStateReader *r)
{
	return (uint8) *rd_take(r, 1);
}

uint16
sy_rd_u16(SyStateReader *r)
{
	uint16		v;

	memcpy(&v, rd_take(r, 2), 2);
	return to_le16(v);
}

int32
sy_rd_i32(SyStateReader *r)
{
	uint32		v;

	memcpy(&v, rd_take(r, 4), 4);
	return (int32) to_le32(v);
}

int64
sy_rd_i64(SyStateReader *r)
{
	uint64		v;

	memcpy(&v, rd_take(r, 8), 8);
	return (int64) to_le64(v);
}

double
sy_rd_f64(SyStateReader *r)
{
	uint64		bits;
	double		v;

	memcpy(&bits, rd_take(r, 8), 8);
	bits = to_le64(bits);
	memcpy(&v, &bits, 8);
	return v;
}

double
sy_rd_finite(SyStateReader *r, const char *what)
{
	double		v = sy_rd_f64(r);

	if (!isfinite(v))
		sy_state_corrupt(r->fname, psprintf("%s is not finite.", what));
	return v;
}

int64
sy_rd_count(SyStateReader *r, int64 lo, int64 hi, const char *what)
{
	int64		v = sy_rd_i64(r);

	if (v < lo || v > hi)
		sy_state_corrupt(r->fname, psprintf("%s " INT64_FORMAT " is out of range.", what, v));
	return v;
}

void
sy_rd_f64s(SyStateReader *r, double *dst, Size n, bool finite, const char *what)
{
	const char *p;

	if (n > sy_rd_remaining(r) / 8)
		sy_state_corrupt(r->fname, "The state ends before its last value.");
	p = rd_take(r, n * 8);
	memcpy(dst, p, n * 8);
#ifdef WORDS_BIGENDIAN
	for (Size i = 0; i < n; i++)
	{
		uint64		bits;

		memcpy(&bits, &dst[i], 8);
		bits = pg_bswap64(bits);
		memcpy(&dst[i], &bits, 8);
	}
#endif
	if (finite)
		for (Size i = 0; i < n; i++)
			if (!isfinite(dst[i]))
				sy_state_corrupt(r->fname, psprintf("%s is not finite.", what));
}

int *
sy_rd_dirs(SyStateReader *r, int m)
{
	uint8		present = sy_rd_u8(r);
	int		   *dir;

	if (present > 1)
		sy_state_corrupt(r->fname, "Invalid directions flag.");
	if (!present)
		return NULL;
	if ((Size) m > sy_rd_remaining(r))
		sy_state_corrupt(r->fname, "The state ends before its last value.");
	dir = palloc(sizeof(int) * m);
	for (int j = 0; j < m; j++)
	{
		int8		d = (int8) sy_rd_u8(r);

		if (d != 1 && d != -1)
			sy_state_corrupt(r->fname, "Invalid direction.");
		dir[j] = d;
	}
	return dir;
}

/* ---- header ---- */

bytea *
sy_state_to_bytea(const void *st, const SyStateKind *kind, const char *fname)
{
	double		payload = kind->payload_bytes(st);
	SyStateWriter w;
	bytea	   *out;
	Size		size;

	/* a bytea holds less than 1 GB */
	if (payload + SY_STATE_HEADER_BYTES + VARHDRSZ > (double) MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s: aggregate state too large to turn into bytes", fname),
				 errdetail("The state needs %.0f bytes; a bytea holds at most %zu.",
						   payload + SY_STATE_HEADER_BYTES, (Size) MaxAllocSize - VARHDRSZ),
				 errhint("Parallel plans pass states as bytes: SET max_parallel_workers_per_gather = 0 for this query. For *_state values, group the rows more finely and merge the states.")));
	size = VARHDRSZ + SY_STATE_HEADER_BYTES + (Size) payload;
	out = palloc_extended(size, MCXT_ALLOC_HUGE);
	SET_VARSIZE(out, size);
	w.p = VARDATA(out);
	w.end = w.p + SY_STATE_HEADER_BYTES + (Size) payload;
	w.fname = fname;
	sy_wr_u8(&w, 'S');
	sy_wr_u8(&w, 'Y');
	sy_wr_u8(&w, SY_STATE_LAYOUT);
	sy_wr_u8(&w, (uint8) kind->id);
	sy_wr_u16(&w, kind->version);
	sy_wr_u16(&w, 0);
	sy_wr_i32(&w, (int32) payload);
	kind->write(&w, st);
	if (w.p != w.end)
		elog(ERROR, "%s: state writer wrote %zu bytes of the %zu announced",
			 fname, (Size) (w.p - VARDATA(out)), (Size) (w.end - VARDATA(out)));
	return out;
}

void *
sy_state_from_bytea(bytea *in, const SyStateKind *kind, const char *fname)
{
	SyStateReader r;
	uint8		layout,
				id;
	uint16		version,
				reserved;
	int32		payload;
	void	   *st;

	r.p = VARDATA_ANY(in);
	r.end = r.p + VARSIZE_ANY_EXHDR(in);
	r.fname = fname;
	if (sy_rd_remaining(&r) < SY_STATE_HEADER_BYTES ||
		sy_rd_u8(&r) != 'S' || sy_rd_u8(&r) != 'Y')
		sy_state_corrupt(fname, "The value does not start with a synergy state header.");
	layout = sy_rd_u8(&r);
	id = sy_rd_u8(&r);
	version = sy_rd_u16(&r);
	reserved = sy_rd_u16(&r);
	payload = sy_rd_i32(&r);
	if (layout != SY_STATE_LAYOUT || reserved != 0)
		sy_state_corrupt(fname, psprintf("Unknown state layout %u.", layout));
	if (id != kind->id)
	{
		if (id >= 1 && id <= SY_KIND_MAX)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: the state is a %s state, not a %s state",
							fname, kind_names[id], kind->family),
					 errhint("Pass states made by %s_state or %s_merge of the same family.",
							 kind->family, kind->family)));
		sy_state_corrupt(fname, psprintf("Unknown state kind %u.", id));
	}
	if (version != kind->version)
		sy_state_corrupt(fname, psprintf("The state's format version %u is not %u, this synergy's.",
										 version, kind->version));
	if (payload < 0 || (Size) payload != sy_rd_remaining(&r))
		sy_state_corrupt(fname, "The state's length does not match its header.");
	st = kind->read(&r, fname);
	if (sy_rd_remaining(&r) != 0)
		sy_state_corrupt(fname, "The state has bytes after its last value.");
	return st;
}

/* ---- aggregate support ---- */

Datum
sy_state_serialfn(FunctionCallInfo fcinfo, const SyStateKind *kind)
{
	const char *fname = sy_agg_name(fcinfo, kind->family);

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_BYTEA_P(sy_state_to_bytea(PG_GETARG_POINTER(0), kind, fname));
}

Datum
sy_state_deserialfn(FunctionCallInfo fcinfo, const SyStateKind *kind)
{
	const char *fname = sy_agg_name(fcinfo, kind->family);

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "%s: deserialize function called in non-aggregate context", fname);
	PG_RETURN_POINTER(sy_state_from_bytea(PG_GETARG_BYTEA_PP(0), kind, fname));
}

/* The combine prologue of every aggregate: context, NULLs, then the kind. */
Datum
sy_state_combinefn(FunctionCallInfo fcinfo, const SyStateKind *kind)
{
	MemoryContext aggcxt,
				old;
	void	   *a = PG_ARGISNULL(0) ? NULL : PG_GETARG_POINTER(0);
	void	   *b = PG_ARGISNULL(1) ? NULL : PG_GETARG_POINTER(1);

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "%s: combine function called in non-aggregate context", kind->family);
	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	old = MemoryContextSwitchTo(aggcxt);
	a = kind->combine(a, b, sy_agg_name(fcinfo, kind->family));
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(a);
}

Datum
sy_state_merge_transfn(FunctionCallInfo fcinfo, const SyStateKind *kind)
{
	MemoryContext aggcxt,
				old;
	void	   *a = PG_ARGISNULL(0) ? NULL : PG_GETARG_POINTER(0);
	const char *fname = sy_agg_name(fcinfo, kind->family);
	void	   *b;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "%s called in non-aggregate context", fname);
	if (PG_ARGISNULL(1))
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	/* read in the per-row memory; combine copies what it keeps */
	b = sy_state_from_bytea(PG_GETARG_BYTEA_PP(1), kind, fname);
	old = MemoryContextSwitchTo(aggcxt);
	a = kind->combine(a, b, fname);
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(a);
}

void *
sy_state_arg(FunctionCallInfo fcinfo, const SyStateKind *kind, const char *fname)
{
	return sy_state_from_bytea(PG_GETARG_BYTEA_PP(0), kind, fname);
}

/*
 * state_info(state bytea): what a stored state is, from its header alone,
 * for tables of states kept by users.  Not a validation: the *_final and
 * *_merge functions check the payload.
 */
PG_FUNCTION_INFO_V1(state_info);
Datum
state_info(PG_FUNCTION_ARGS)
{
	bytea	   *in = PG_GETARG_BYTEA_PP(0);
	SyStateReader r;
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	uint8		layout,
				id;
	uint16		version;
	int32		payload;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "state_info: return type must be a row type");
	r.p = VARDATA_ANY(in);
	r.end = r.p + VARSIZE_ANY_EXHDR(in);
	r.fname = "state_info";
	if (sy_rd_remaining(&r) < SY_STATE_HEADER_BYTES ||
		sy_rd_u8(&r) != 'S' || sy_rd_u8(&r) != 'Y')
		sy_state_corrupt("state_info", "The value does not start with a synergy state header.");
	layout = sy_rd_u8(&r);
	id = sy_rd_u8(&r);
	version = sy_rd_u16(&r);
	(void) sy_rd_u16(&r);
	payload = sy_rd_i32(&r);
	if (layout != SY_STATE_LAYOUT)
		sy_state_corrupt("state_info", psprintf("Unknown state layout %u.", layout));
	if (id < 1 || id > SY_KIND_MAX)
		sy_state_corrupt("state_info", psprintf("Unknown state kind %u.", id));
	values[0] = CStringGetTextDatum(kind_names[id]);
	values[1] = Int32GetDatum(version);
	values[2] = Int64GetDatum((int64) payload);
	values[3] = BoolGetDatum(payload >= 0 && (Size) payload == sy_rd_remaining(&r));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls)));
}
