/*
 * moments_agg.c - aggregates built on streaming column moments:
 * stddev_weights, cv_weights, critic_weights and critic_weights_detail.
 *
 * The state is O(m) (O(m^2) for CRITIC's co-moments) whatever the number of
 * rows, and partial states merge with Chan et al.'s formulas.
 * stddev_weights and cv_weights share a transition function, so a query
 * asking for both scans the moments once.
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

#define MOMENTS_MAGIC	0x314d5953	/* "SYM1" */
#define MOMENTS_VERSION 1

typedef struct MomentsState
{
	const char *fname;			/* for messages: the aggregate's name */
	int		   *dir;			/* m directions or NULL (CRITIC only) */
	sy_moments	mom;
} MomentsState;

typedef struct MomentsHeader
{
	uint32		magic;
	uint16		version;
	uint16		flags;			/* 1: has directions, 2: has co-moments */
	int32		m;
	int32		pad;
	double		n;
} MomentsHeader;

static Size
moments_cells(int m, bool comoment)
{
	return comoment ? (Size) m * (m + 1) / 2 : (Size) m;
}

static MomentsState *
moments_state_new(const char *fname, int m, const int *dir, bool comoment)
{
	MomentsState *st = palloc0(sizeof(MomentsState));

	st->fname = fname;		/* query-lifetime string (sy_agg_name) */
	/* CRITIC keeps m (m + 1) / 2 co-moments: 40 GB for 100,000 indicators */
	sy_group_memory_check(fname, sizeof(double) * (5.0 * m + (double) moments_cells(m, comoment)), -1);
	if (dir)
	{
		st->dir = palloc(sizeof(int) * m);
		memcpy(st->dir, dir, sizeof(int) * m);
	}
	st->mom.m = m;
	st->mom.ref = palloc(sizeof(double) * m);
	st->mom.mean = palloc(sizeof(double) * m);
	st->mom.lo = palloc(sizeof(double) * m);
	st->mom.hi = palloc(sizeof(double) * m);
	if (comoment)
		st->mom.comoment = palloc_extended(sizeof(double) * moments_cells(m, true), MCXT_ALLOC_HUGE);
	else
		st->mom.m2 = palloc(sizeof(double) * m);
	sy_moments_reset(&st->mom);
	return st;
}

/* Shared transition: args (state, x [, directions]); comoment for CRITIC. */
static Datum
moments_transfn(FunctionCallInfo fcinfo, const char *fallback, bool comoment)
{
	MemoryContext aggcxt;
	MomentsState *st = PG_ARGISNULL(0) ? NULL : (MomentsState *) PG_GETARG_POINTER(0);
	const char *fname = st ? st->fname : sy_agg_name(fcinfo, fallback);
	SyWhere		w = {fname, "x", 0};
	const double *x;
	int		   *dir = NULL;
	int			m;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "%s called in non-aggregate context", fname);
	if (PG_ARGISNULL(1))
	{
		if (st == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(st);
	}
	x = sy_indicator_row(PG_GETARG_ARRAYTYPE_P(1), w, st ? (int) st->mom.m : -1, &m);
	if (PG_NARGS() > 2 && !PG_ARGISNULL(2))
	{
		w.argname = "directions";
		dir = sy_directions(PG_GETARG_ARRAYTYPE_P(2), w, m);
	}
	if (st == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(aggcxt);

		if (comoment && m > SY_CRITIC_MAX_INDICATORS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("%s: too many indicators", fname),
					 errdetail("x has %d elements; CRITIC keeps an m x m correlation matrix and supports at most %d.",
							   m, SY_CRITIC_MAX_INDICATORS),
					 errhint("Evaluate each subsystem separately, or use entropy_weights.")));
		st = moments_state_new(fname, m, dir, comoment);
		MemoryContextSwitchTo(old);
	}
	else if (comoment)
	{
		w.argname = "directions";
		sy_must_be_constant(sy_same_directions(st->dir, dir, m), w);
	}
	sy_moments_add(&st->mom, x);
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(moments_weights_transfn);
Datum
moments_weights_transfn(PG_FUNCTION_ARGS)
{
	return moments_transfn(fcinfo, "stddev_weights", false);
}

PG_FUNCTION_INFO_V1(critic_weights_transfn);
Datum
critic_weights_transfn(PG_FUNCTION_ARGS)
{
	return moments_transfn(fcinfo, "critic_weights", true);
}

PG_FUNCTION_INFO_V1(moments_weights_combinefn);
Datum
moments_weights_combinefn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt,
				old;
	MomentsState *a = PG_ARGISNULL(0) ? NULL : (MomentsState *) PG_GETARG_POINTER(0);
	MomentsState *b = PG_ARGISNULL(1) ? NULL : (MomentsState *) PG_GETARG_POINTER(1);
	int			m;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "moments_weights_combinefn called in non-aggregate context");
	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	m = b->mom.m;
	if (a != NULL && (a->mom.comoment != NULL) != (b->mom.comoment != NULL))
		sy_corrupt_state(a->fname, "A state with co-moments met one without.");
	old = MemoryContextSwitchTo(aggcxt);
	if (a == NULL)
		a = moments_state_new(sy_agg_name(fcinfo, b->fname), m, b->dir, b->mom.comoment != NULL);
	else
	{
		SyWhere		w = {a->fname, "directions", 0};

		if ((int) a->mom.m != m)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("%s: x has %d elements in some rows and %d in others",
							a->fname, m, (int) a->mom.m),
					 errdetail("Partial aggregates of the same group saw arrays of different lengths."),
					 errhint("Every row of a group must carry the same indicators in the same order.")));
		sy_must_be_constant(sy_same_directions(a->dir, b->dir, m), w);
	}
	sy_moments_merge(&a->mom, &b->mom);
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(moments_weights_serialfn);
Datum
moments_weights_serialfn(PG_FUNCTION_ARGS)
{
	MomentsState *st = (MomentsState *) PG_GETARG_POINTER(0);
	int			m = st->mom.m;
	bool		comoment = st->mom.comoment != NULL;
	Size		dirbytes = sy_dirs_bytes(st->dir, m);
	Size		cells = moments_cells(m, comoment);
	Size		size = VARHDRSZ + sizeof(MomentsHeader) + dirbytes + sizeof(double) * (4 * (Size) m + cells);
	MomentsHeader h = {0};
	bytea	   *out = palloc_extended(size, MCXT_ALLOC_HUGE);
	char	   *p;

	SET_VARSIZE(out, size);
	p = VARDATA(out);
	h.magic = MOMENTS_MAGIC;
	h.version = MOMENTS_VERSION;
	h.flags = (st->dir ? 1 : 0) | (comoment ? 2 : 0);
	h.m = m;
	h.n = st->mom.n;
	memcpy(p, &h, sizeof(h));
	p += sizeof(h);
	p = sy_put_dirs(p, st->dir, m);
	memcpy(p, st->mom.ref, sizeof(double) * m);
	p += sizeof(double) * m;
	memcpy(p, st->mom.mean, sizeof(double) * m);
	p += sizeof(double) * m;
	memcpy(p, st->mom.lo, sizeof(double) * m);
	p += sizeof(double) * m;
	memcpy(p, st->mom.hi, sizeof(double) * m);
	p += sizeof(double) * m;
	memcpy(p, comoment ? st->mom.comoment : st->mom.m2, sizeof(double) * cells);
	PG_RETURN_BYTEA_P(out);
}

PG_FUNCTION_INFO_V1(moments_weights_deserialfn);
Datum
moments_weights_deserialfn(PG_FUNCTION_ARGS)
{
	bytea	   *in = PG_GETARG_BYTEA_PP(0);
	const char *p = VARDATA_ANY(in);
	Size		len = VARSIZE_ANY_EXHDR(in);
	const char *fname = sy_agg_name(fcinfo, "synergy");
	MomentsHeader h;
	MomentsState *st;
	int		   *dir = NULL;
	bool		comoment;
	Size		dirbytes,
				cells;
	double	   *target;

	if (len < sizeof(h))
		sy_corrupt_state(fname, "The state is shorter than its header.");
	memcpy(&h, p, sizeof(h));
	if (h.magic != MOMENTS_MAGIC || h.version != MOMENTS_VERSION || (h.flags & ~3) != 0)
		sy_corrupt_state(fname, "Unknown magic number, version or flags.");
	comoment = (h.flags & 2) != 0;
	if (h.m < 1 || h.m > (comoment ? SY_CRITIC_MAX_INDICATORS : SY_MAX_INDICATORS))
		sy_corrupt_state(fname, "Indicator count out of range.");
	if (!(h.n >= 1.0) || h.n != floor(h.n) || h.n > 9.0e15)
		sy_corrupt_state(fname, "Row count out of range.");
	dirbytes = (h.flags & 1) ? MAXALIGN(sizeof(int32) * h.m) : 0;
	cells = moments_cells(h.m, comoment);
	if (len != sizeof(h) + dirbytes + sizeof(double) * (4 * (Size) h.m + cells))
		sy_corrupt_state(fname, "The state's length does not match its counts.");
	p += sizeof(h);
	p = sy_get_dirs(p, (h.flags & 1) != 0, h.m, &dir, fname);
	st = moments_state_new(fname, h.m, dir, comoment);
	st->mom.n = h.n;
	memcpy(st->mom.ref, p, sizeof(double) * h.m);
	p += sizeof(double) * h.m;
	memcpy(st->mom.mean, p, sizeof(double) * h.m);
	p += sizeof(double) * h.m;
	memcpy(st->mom.lo, p, sizeof(double) * h.m);
	p += sizeof(double) * h.m;
	memcpy(st->mom.hi, p, sizeof(double) * h.m);
	p += sizeof(double) * h.m;
	target = comoment ? st->mom.comoment : st->mom.m2;
	memcpy(target, p, sizeof(double) * cells);
	for (int j = 0; j < h.m; j++)
		if (!isfinite(st->mom.ref[j]) || !isfinite(st->mom.mean[j]) || !isfinite(st->mom.lo[j]) ||
			!isfinite(st->mom.hi[j]) || st->mom.lo[j] > st->mom.hi[j] ||
			!(sy_moments_m2(&st->mom, j) >= 0.0))
			sy_corrupt_state(fname, "Invalid column moments.");
	for (Size c = 0; c < cells; c++)
		if (!isfinite(target[c]))
			sy_corrupt_state(fname, "A co-moment is not finite.");
	PG_RETURN_POINTER(st);
}

static double *
new_doubles(int m)
{
	return palloc(sizeof(double) * m);
}

/* Ranges and sums of squares must be finite for any of the weights. */
static void
check_moments(MomentsState *st)
{
	sy_moments *mom = &st->mom;

	sy_check_ranges(st->fname, mom->m, mom->lo, mom->hi);
	for (size_t j = 0; j < mom->m; j++)
		sy_check_finite_stat(st->fname, j, sy_moments_m2(mom, j), mom->lo[j], mom->hi[j]);
}

PG_FUNCTION_INFO_V1(stddev_weights_finalfn);
Datum
stddev_weights_finalfn(PG_FUNCTION_ARGS)
{
	MomentsState *st;
	double	   *sd,
			   *w;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (MomentsState *) PG_GETARG_POINTER(0);
	check_moments(st);
	sd = new_doubles(st->mom.m);
	w = new_doubles(st->mom.m);
	if (sy_stddev_weights(&st->mom, sd, w) != SY_OK)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(sy_float8_array(w, st->mom.m));
}

PG_FUNCTION_INFO_V1(cv_weights_finalfn);
Datum
cv_weights_finalfn(PG_FUNCTION_ARGS)
{
	MomentsState *st;
	double	   *cv,
			   *w;
	size_t		bad = 0;
	sy_status	rc;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (MomentsState *) PG_GETARG_POINTER(0);
	check_moments(st);
	cv = new_doubles(st->mom.m);
	w = new_doubles(st->mom.m);
	rc = sy_cv_weights(&st->mom, cv, w, &bad);
	if (rc == SY_EDOMAIN)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cv_weights: the coefficient of variation is undefined for an indicator with mean zero"),
				 errdetail("Indicator %d varies but its mean is 0.", (int) bad + 1),
				 errhint("CV needs ratio-scale data with a non-zero mean; use stddev_weights or entropy_weights for indicators that change sign.")));
	if (rc != SY_OK)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(sy_float8_array(w, st->mom.m));
}

static sy_status
critic_compute(MomentsState *st, double *sd, double *conflict, double *info, double *w)
{
	check_moments(st);
	return sy_critic_weights(&st->mom, st->dir, sd, conflict, info, w);
}

PG_FUNCTION_INFO_V1(critic_weights_finalfn);
Datum
critic_weights_finalfn(PG_FUNCTION_ARGS)
{
	MomentsState *st;
	int			m;
	double	   *sd,
			   *conflict,
			   *info,
			   *w;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (MomentsState *) PG_GETARG_POINTER(0);
	m = st->mom.m;
	sd = new_doubles(m);
	conflict = new_doubles(m);
	info = new_doubles(m);
	w = new_doubles(m);
	if (critic_compute(st, sd, conflict, info, w) != SY_OK)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(sy_float8_array(w, m));
}

/* critic_detail: (n bigint, sd float8[], conflict float8[], information float8[], weight float8[]) */
PG_FUNCTION_INFO_V1(critic_weights_detail_finalfn);
Datum
critic_weights_detail_finalfn(PG_FUNCTION_ARGS)
{
	MomentsState *st;
	TupleDesc	tupdesc;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};
	int			m;
	double	   *sd,
			   *conflict,
			   *info,
			   *w;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "critic_weights_detail: return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	st = (MomentsState *) PG_GETARG_POINTER(0);
	m = st->mom.m;
	sd = new_doubles(m);
	conflict = new_doubles(m);
	info = new_doubles(m);
	w = new_doubles(m);
	critic_compute(st, sd, conflict, info, w);
	values[0] = Int64GetDatum((int64) st->mom.n);
	values[1] = PointerGetDatum(sy_float8_array(sd, m));
	values[2] = PointerGetDatum(sy_float8_array(conflict, m));
	values[3] = PointerGetDatum(sy_float8_array(info, m));
	values[4] = PointerGetDatum(sy_float8_array(w, m));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
