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
#include "sy_moments_state.h"
#include "sy_weight_options.h"

typedef struct MomentsState
{
	const char *fname;			/* for messages: the aggregate's name */
	int		   *dir;			/* m directions or NULL (CRITIC only) */
	sy_missing	missing;		/* error, skip or mean (gap mode) */
	struct varlena *opt_raw;	/* the weight_options argument as first seen */
	sy_moments	mom;
} MomentsState;

/* bytes per column besides the moments, for synergy.max_group_memory (directions) */
#define MOMENTS_EXTRA	8.0

static MomentsState *
moments_state_new(const char *fname, int m, const int *dir, bool comoment, sy_missing missing)
{
	MomentsState *st = palloc0(sizeof(MomentsState));

	st->fname = fname;		/* query-lifetime string (sy_agg_name) */
	st->missing = missing;
	if (dir)
	{
		st->dir = palloc(sizeof(int) * m);
		memcpy(st->dir, dir, sizeof(int) * m);
	}
	sy_moments_alloc(&st->mom, m, comoment, MOMENTS_EXTRA, fname);
	if (missing == SY_MISSING_MEAN)
		sy_moments_alloc_gaps(&st->mom, fname);
	return st;
}

/*
 * One row (x not NULL) into the state (created when st is NULL): dirarr the
 * directions (CRITIC) or NULL, missing the policy (never 'median').
 */
static MomentsState *
moments_step(MomentsState *st, MemoryContext aggcxt, const char *fname, ArrayType *xarr,
			 ArrayType *dirarr, bool comoment, sy_missing missing, bool dirs_checked)
{
	SyWhere		w = {fname, "x", 0};
	const double *x;
	double	   *buf = NULL;
	int		   *dir = NULL;
	int			gaps = 0;
	int			m;

	if (missing == SY_MISSING_ERROR)
		x = sy_indicator_row(xarr, w, st ? (int) st->mom.m : -1, &m);
	else
	{
		x = buf = palloc(sizeof(double) * sy_indicator_row_room(xarr));
		gaps = sy_indicator_row_gaps(xarr, w, st ? (int) st->mom.m : -1, missing, buf, &m);
	}
	if (dirarr != NULL)
	{
		w.argname = "directions";
		dir = sy_directions(dirarr, w, m);
	}
	if (gaps > 0 && (missing == SY_MISSING_SKIP || gaps == m))
		return st;				/* the unit takes no part (no state before a kept row);
								 * no value at all is no unit under mean too */
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
		st = moments_state_new(fname, m, dir, comoment, missing);
		MemoryContextSwitchTo(old);
	}
	else if (comoment && !dirs_checked)
	{
		w.argname = "directions";
		sy_must_be_constant(sy_same_directions(st->dir, dir, m), w);
	}
	if (st->mom.nobs)
		sy_moments_add_gaps(&st->mom, x);
	else
		sy_moments_add(&st->mom, x);
	return st;
}

/* Shared transition: args (state, x [, directions]); comoment for CRITIC. */
static Datum
moments_transfn(FunctionCallInfo fcinfo, const char *fallback, bool comoment)
{
	MemoryContext aggcxt;
	MomentsState *st = PG_ARGISNULL(0) ? NULL : (MomentsState *) PG_GETARG_POINTER(0);
	const char *fname = st ? st->fname : sy_agg_name(fcinfo, fallback);

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "%s called in non-aggregate context", fname);
	if (PG_ARGISNULL(1))
	{
		if (st == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(st);
	}
	st = moments_step(st, aggcxt, fname, PG_GETARG_ARRAYTYPE_P(1),
					  PG_NARGS() > 2 && !PG_ARGISNULL(2) ? PG_GETARG_ARRAYTYPE_P(2) : NULL,
					  comoment, SY_MISSING_ERROR, false);
	PG_RETURN_POINTER(st);
}

/*
 * Transition with options: args (state, x, options weight_options).
 * stddev_weights and cv_weights take only missing (their weights do not
 * depend on directions, and they have no shift); critic_weights takes
 * directions and missing.  'median' is refused: the state is O(m) sums.
 */
static Datum
moments_options_transfn(FunctionCallInfo fcinfo, const char *fallback, bool comoment)
{
	MemoryContext aggcxt;
	MomentsState *st = PG_ARGISNULL(0) ? NULL : (MomentsState *) PG_GETARG_POINTER(0);
	const char *fname = st ? st->fname : sy_agg_name(fcinfo, fallback);
	SyWeightOptions o;
	bool		fresh = st == NULL || st->opt_raw == NULL;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "%s called in non-aggregate context", fname);
	if (PG_ARGISNULL(1))
	{
		if (st == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(st);
	}
	if (st != NULL && sy_weight_options_same_bytes(PG_GETARG_DATUM(2), PG_ARGISNULL(2), st->opt_raw))
	{
		/* the options of the state's first row: checked then */
		st = moments_step(st, aggcxt, fname, PG_GETARG_ARRAYTYPE_P(1), NULL, comoment,
						  st->missing, true);
		PG_RETURN_POINTER(st);
	}
	sy_weight_options_read(PG_GETARG_DATUM(2), PG_ARGISNULL(2), fname, &o);
	if (!comoment && o.directions != NULL)
		sy_weight_option_unused(fname, "directions",
								"Standard deviations and coefficients of variation do not depend on the direction of an indicator.");
	if (o.shift_given)
		sy_weight_option_unused(fname, "shift",
								"shift translates the scores of entropy_weights, where a score of 0 has no logarithm; these weights need none.");
	sy_missing_no_median(fname, o.missing);
	if (st != NULL)
	{
		SyWhere		w = {fname, "missing", 0};

		sy_must_be_constant(o.missing == st->missing, w);
	}
	st = moments_step(st, aggcxt, fname, PG_GETARG_ARRAYTYPE_P(1),
					  o.directions, comoment, o.missing, false);
	if (st == NULL)
		PG_RETURN_NULL();		/* 'skip' before any kept row: still no state */
	if (fresh && !PG_ARGISNULL(2) && st->opt_raw == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(aggcxt);

		st->opt_raw = sy_weight_options_keep(PG_GETARG_DATUM(2), false);
		MemoryContextSwitchTo(old);
	}
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(moments_weights_options_transfn);
Datum
moments_weights_options_transfn(PG_FUNCTION_ARGS)
{
	return moments_options_transfn(fcinfo, "stddev_weights", false);
}

PG_FUNCTION_INFO_V1(critic_weights_options_transfn);
Datum
critic_weights_options_transfn(PG_FUNCTION_ARGS)
{
	return moments_options_transfn(fcinfo, "critic_weights", true);
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

/*
 * States as bytes (sy_state.h).  Two kinds share MomentsState: the column
 * moments of stddev_weights and cv_weights (SY_KIND_MOMENTS), and the
 * co-moments and directions of critic_weights (SY_KIND_CRITIC).
 *   moments payload:  the moments block (sy_wr_moments, sums of squares),
 *                     then the policy (u8: 0 error, 1 skip, 2 mean)
 *   critic payload:   the moments block (packed co-moments), then the
 *                     directions (sy_wr_dirs), then the policy
 * and under 'mean' (gap mode, sy_moments) the per-column counts f64
 * nobs[m], for CRITIC then the pairwise f64 pn[P], pmj[P], pmk[P] (P = m
 * (m + 1) / 2, packed as the co-moments, which are then pairwise).  The
 * moments block of a column with no value yet holds 0 for its ref, mean,
 * m2, lo and hi (its range is empty: +Inf, -Inf in memory).
 * Version 1 (0.3.0 development) had no policy byte.
 */
static double
moments_payload(const void *p)
{
	const MomentsState *st = p;
	double		cells = (double) sy_moments_cells(st->mom.m, st->mom.comoment != NULL);

	return sy_moments_payload(&st->mom) + 1.0 +
		(st->mom.comoment ? sy_dirs_payload(st->dir, st->mom.m) : 0.0) +
		(st->mom.nobs ? 8.0 * st->mom.m + (st->mom.pn ? 24.0 * cells : 0.0) : 0.0);
}

static void
moments_write(SyStateWriter *w, const void *p)
{
	const MomentsState *st = p;
	sy_moments	mom = st->mom;
	int			m = mom.m;

	if (mom.nobs)
	{
		/* an empty column's infinite range is written as 0, 0 */
		mom.lo = palloc(sizeof(double) * m);
		mom.hi = palloc(sizeof(double) * m);
		for (int j = 0; j < m; j++)
		{
			mom.lo[j] = st->mom.nobs[j] > 0.0 ? st->mom.lo[j] : 0.0;
			mom.hi[j] = st->mom.nobs[j] > 0.0 ? st->mom.hi[j] : 0.0;
		}
	}
	sy_wr_moments(w, &mom);
	if (mom.comoment)
		sy_wr_dirs(w, st->dir, m);
	sy_wr_u8(w, (uint8) st->missing);
	if (mom.nobs)
	{
		Size		cells = sy_moments_cells(m, mom.comoment != NULL);

		sy_wr_f64s(w, mom.nobs, m);
		if (mom.pn)
		{
			sy_wr_f64s(w, mom.pn, cells);
			sy_wr_f64s(w, mom.pmj, cells);
			sy_wr_f64s(w, mom.pmk, cells);
		}
	}
}

static bool
whole_count(double c, double most)
{
	return c >= 0.0 && c <= most && c == floor(c);
}

/* The policy byte and, under 'mean', the gap arrays, checked. */
static void
read_policy(SyStateReader *r, MomentsState *st, const char *fname)
{
	sy_moments *mom = &st->mom;
	int			m = mom->m;
	uint8		missing = sy_rd_u8(r);

	if (missing > SY_MISSING_MEAN)
		sy_state_corrupt(fname, "Unknown missing-value policy.");
	st->missing = (sy_missing) missing;
	if (missing != SY_MISSING_MEAN)
		return;
	sy_moments_alloc_gaps(mom, fname);
	sy_rd_f64s(r, mom->nobs, m, true, "A count of values");
	for (int j = 0; j < m; j++)
	{
		if (!whole_count(mom->nobs[j], mom->n))
			sy_state_corrupt(fname, "A count of values is out of range.");
		if (mom->nobs[j] == 0.0)
		{
			if (mom->lo[j] != 0.0 || mom->hi[j] != 0.0 || mom->ref[j] != 0.0 ||
				mom->mean[j] != 0.0 || sy_moments_m2(mom, j) != 0.0)
				sy_state_corrupt(fname, "A column with no value has moments.");
			mom->lo[j] = INFINITY;
			mom->hi[j] = -INFINITY;
		}
	}
	if (mom->pn)
	{
		Size		cells = sy_moments_cells(m, true);

		sy_rd_f64s(r, mom->pn, cells, true, "A pair count");
		sy_rd_f64s(r, mom->pmj, cells, true, "A pair mean");
		sy_rd_f64s(r, mom->pmk, cells, true, "A pair mean");
		for (int j = 0; j < m; j++)
			for (int k = j; k < m; k++)
			{
				Size		p = sy_packed_index(m, j, k);

				if (!whole_count(mom->pn[p], Min(mom->nobs[j], mom->nobs[k])) ||
					(j == k && (mom->pn[p] != mom->nobs[j] || mom->pmj[p] != mom->pmk[p] ||
								mom->pmj[p] != mom->mean[j])) ||
					(mom->pn[p] == 0.0 && (mom->pmj[p] != 0.0 || mom->pmk[p] != 0.0 ||
										   mom->comoment[p] != 0.0)))
					sy_state_corrupt(fname, "Invalid pairwise moments.");
			}
	}
}

static void *
moments_read(SyStateReader *r, const char *fname)
{
	MomentsState *st = palloc0(sizeof(MomentsState));

	st->fname = fname;
	sy_rd_moments(r, &st->mom, false, SY_MAX_INDICATORS, MOMENTS_EXTRA, fname);
	read_policy(r, st, fname);
	return st;
}

static void *
critic_read(SyStateReader *r, const char *fname)
{
	MomentsState *st = palloc0(sizeof(MomentsState));

	st->fname = fname;
	sy_rd_moments(r, &st->mom, true, SY_CRITIC_MAX_INDICATORS, MOMENTS_EXTRA, fname);
	st->dir = sy_rd_dirs(r, st->mom.m);
	read_policy(r, st, fname);
	return st;
}

/* Both kinds: Chan et al.'s merge of b into a (a NULL: a copy of b). */
static void *
moments_combine(void *pa, void *pb, const char *fname)
{
	MomentsState *a = pa;
	MomentsState *b = pb;
	int			m = b->mom.m;

	if (a != NULL && (a->mom.comoment != NULL) != (b->mom.comoment != NULL))
		sy_state_corrupt(a->fname, "A state with co-moments met one without.");
	if (a == NULL)
		a = moments_state_new(fname, m, b->dir, b->mom.comoment != NULL, b->missing);
	else
	{
		SyWhere		w = {a->fname, "directions", 0};

		if (a->missing != b->missing)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: cannot merge states made with different missing-value policies", a->fname),
					 errdetail("One state was made with missing => '%s', the other with missing => '%s'.",
							   sy_missing_names[a->missing], sy_missing_names[b->missing]),
					 errhint("Make every state of a merge with the same weight_options(missing => ...).")));

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
	return a;
}

static const SyStateKind moments_kind = {SY_KIND_MOMENTS, 2, "stddev_weights",
	moments_payload, moments_write, moments_read, moments_combine};
static const SyStateKind critic_kind = {SY_KIND_CRITIC, 2, "critic_weights",
	moments_payload, moments_write, critic_read, moments_combine};

/*
 * The support functions below serve stddev_weights, cv_weights and
 * critic_weights alike (one SQL declaration each since 0.1.0): the kind is
 * the state's, co-moments or not.
 */
static const SyStateKind *
kind_of(const MomentsState *st)
{
	return st && st->mom.comoment ? &critic_kind : &moments_kind;
}

PG_FUNCTION_INFO_V1(moments_weights_combinefn);
Datum
moments_weights_combinefn(PG_FUNCTION_ARGS)
{
	return sy_state_combinefn(fcinfo, kind_of((MomentsState *) (PG_ARGISNULL(1) ? NULL : PG_GETARG_POINTER(1))));
}

PG_FUNCTION_INFO_V1(moments_weights_serialfn);
Datum
moments_weights_serialfn(PG_FUNCTION_ARGS)
{
	return sy_state_serialfn(fcinfo, kind_of((MomentsState *) (PG_ARGISNULL(0) ? NULL : PG_GETARG_POINTER(0))));
}

/* Bytes of this server's own parallel workers: the header names the kind. */
PG_FUNCTION_INFO_V1(moments_weights_deserialfn);
Datum
moments_weights_deserialfn(PG_FUNCTION_ARGS)
{
	bytea	   *in = PG_GETARG_BYTEA_PP(0);
	bool		critic = VARSIZE_ANY_EXHDR(in) > 3 && VARDATA_ANY(in)[3] == SY_KIND_CRITIC;

	return sy_state_deserialfn(fcinfo, critic ? &critic_kind : &moments_kind);
}

/* *_merge(state bytea): the transition functions of the two kinds */
PG_FUNCTION_INFO_V1(moments_weights_merge_transfn);
Datum
moments_weights_merge_transfn(PG_FUNCTION_ARGS)
{
	return sy_state_merge_transfn(fcinfo, &moments_kind);
}

PG_FUNCTION_INFO_V1(critic_weights_merge_transfn);
Datum
critic_weights_merge_transfn(PG_FUNCTION_ARGS)
{
	return sy_state_merge_transfn(fcinfo, &critic_kind);
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

	if (mom->nobs)
		for (size_t j = 0; j < mom->m; j++)
			if (mom->nobs[j] == 0.0)
				sy_missing_all_gaps(st->fname, (int) j, st->missing);
	sy_check_ranges(st->fname, mom->m, mom->lo, mom->hi);
	for (size_t j = 0; j < mom->m; j++)
		sy_check_finite_stat(st->fname, j, sy_moments_m2(mom, j), mom->lo[j], mom->hi[j]);
}

/* The results, from a state: NULL where the aggregate gives NULL. */
static ArrayType *
stddev_result(MomentsState *st)
{
	double	   *sd,
			   *w;

	check_moments(st);
	sd = new_doubles(st->mom.m);
	w = new_doubles(st->mom.m);
	if (sy_stddev_weights(&st->mom, sd, w) != SY_OK)
		return NULL;
	return sy_float8_array(w, st->mom.m);
}

/* fname: cv_weights, or cv_weights_final (st->fname may name stddev_weights, whose state it shares) */
static ArrayType *
cv_result(MomentsState *st, const char *fname)
{
	double	   *cv,
			   *w;
	size_t		bad = 0;
	sy_status	rc;

	check_moments(st);
	cv = new_doubles(st->mom.m);
	w = new_doubles(st->mom.m);
	rc = sy_cv_weights(&st->mom, cv, w, &bad);
	if (rc == SY_EDOMAIN)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the coefficient of variation is undefined for an indicator with mean zero", fname),
				 errdetail("Indicator %d varies but its mean is 0.", (int) bad + 1),
				 errhint("CV needs ratio-scale data with a non-zero mean; use stddev_weights or entropy_weights for indicators that change sign.")));
	if (rc != SY_OK)
		return NULL;
	return sy_float8_array(w, st->mom.m);
}

static ArrayType *
critic_result(MomentsState *st)
{
	int			m = st->mom.m;
	double	   *sd = new_doubles(m),
			   *conflict = new_doubles(m),
			   *info = new_doubles(m),
			   *w = new_doubles(m);

	check_moments(st);
	if (sy_critic_weights(&st->mom, st->dir, sd, conflict, info, w) != SY_OK)
		return NULL;
	return sy_float8_array(w, m);
}

/* critic_detail: (n bigint, sd float8[], conflict float8[], information float8[], weight float8[]) */
static Datum
critic_detail_result(FunctionCallInfo fcinfo, MomentsState *st)
{
	TupleDesc	tupdesc;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};
	int			m = st->mom.m;
	double	   *sd = new_doubles(m),
			   *conflict = new_doubles(m),
			   *info = new_doubles(m),
			   *w = new_doubles(m);

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "critic_weights_detail: return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	check_moments(st);
	sy_critic_weights(&st->mom, st->dir, sd, conflict, info, w);
	values[0] = Int64GetDatum((int64) st->mom.n);
	values[1] = PointerGetDatum(sy_float8_array(sd, m));
	values[2] = PointerGetDatum(sy_float8_array(conflict, m));
	values[3] = PointerGetDatum(sy_float8_array(info, m));
	values[4] = PointerGetDatum(sy_float8_array(w, m));
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

#define RETURN_ARRAY_OR_NULL(a) \
	do { ArrayType *a_ = (a); if (a_ == NULL) PG_RETURN_NULL(); PG_RETURN_ARRAYTYPE_P(a_); } while (0)

PG_FUNCTION_INFO_V1(stddev_weights_finalfn);
Datum
stddev_weights_finalfn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	RETURN_ARRAY_OR_NULL(stddev_result((MomentsState *) PG_GETARG_POINTER(0)));
}

PG_FUNCTION_INFO_V1(cv_weights_finalfn);
Datum
cv_weights_finalfn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	RETURN_ARRAY_OR_NULL(cv_result((MomentsState *) PG_GETARG_POINTER(0), "cv_weights"));
}

PG_FUNCTION_INFO_V1(critic_weights_finalfn);
Datum
critic_weights_finalfn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	RETURN_ARRAY_OR_NULL(critic_result((MomentsState *) PG_GETARG_POINTER(0)));
}

PG_FUNCTION_INFO_V1(critic_weights_detail_finalfn);
Datum
critic_weights_detail_finalfn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(critic_detail_result(fcinfo, (MomentsState *) PG_GETARG_POINTER(0)));
}

/*
 * F_final(state bytea): the result of F over the rows behind a state made by
 * F_state or F_merge.  stddev_weights and cv_weights share their kind: a
 * moments state finalizes either way.
 */
PG_FUNCTION_INFO_V1(stddev_weights_final);
Datum
stddev_weights_final(PG_FUNCTION_ARGS)
{
	RETURN_ARRAY_OR_NULL(stddev_result(sy_state_arg(fcinfo, &moments_kind, "stddev_weights_final")));
}

PG_FUNCTION_INFO_V1(cv_weights_final);
Datum
cv_weights_final(PG_FUNCTION_ARGS)
{
	RETURN_ARRAY_OR_NULL(cv_result(sy_state_arg(fcinfo, &moments_kind, "cv_weights_final"), "cv_weights_final"));
}

PG_FUNCTION_INFO_V1(critic_weights_final);
Datum
critic_weights_final(PG_FUNCTION_ARGS)
{
	RETURN_ARRAY_OR_NULL(critic_result(sy_state_arg(fcinfo, &critic_kind, "critic_weights_final")));
}

PG_FUNCTION_INFO_V1(critic_weights_detail_final);
Datum
critic_weights_detail_final(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(critic_detail_result(fcinfo, sy_state_arg(fcinfo, &critic_kind, "critic_weights_detail_final")));
}
