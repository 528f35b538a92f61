/*
 * coupling_agg.c - coupling_coordination(u [, weight [, variant]]) as an
 * aggregate over rows, one row per system: the paper's "comprehensive
 * synergy", where the cities of an agglomeration are the systems of one
 * indicator and year.
 *
 * Groups are small (the cities of an agglomeration), and wang2021 needs all
 * pairwise differences, so the state keeps the scores (16 bytes per row
 * with weights, 8 without); partial states concatenate.  The final
 * function puts the (score, weight) rows in the canonical order of
 * sy_order.h before it computes, so any order of the rows, serial or
 * parallel, gives the same bits.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "sy_coupling.h"
#include "sy_limits.h"
#include "sy_order.h"
#include "sy_state.h"

#define CCD_MAX_ROWS (MaxAllocSize / (2 * sizeof(double)) - 64)

typedef struct CcdState
{
	const char *fname;
	sy_ccd_variant variant;
	sy_missing	missing;		/* error or skip (0.3.0 four-argument form) */
	bool		gap;			/* skip: a row had u = NULL, the result is NULL */
	bool		weighted;
	int64		n;
	int64		cap;
	double	   *u;
	double	   *w;				/* NULL unless weighted */
} CcdState;

static CcdState *
ccd_state_new(const char *fname, sy_ccd_variant variant, bool weighted, int64 cap)
{
	CcdState   *st = palloc0(sizeof(CcdState));

	st->fname = fname;		/* query-lifetime string (sy_agg_name) */
	st->variant = variant;
	st->weighted = weighted;
	st->cap = Max(cap, 8);
	sy_group_memory_check(fname, sizeof(double) * (weighted ? 2.0 : 1.0) * st->cap, cap);
	st->u = palloc_extended(sizeof(double) * st->cap, MCXT_ALLOC_HUGE);
	if (weighted)
		st->w = palloc_extended(sizeof(double) * st->cap, MCXT_ALLOC_HUGE);
	return st;
}

static void
ccd_push(CcdState *st, double u, double w)
{
	if (st->n == st->cap)
	{
		if (st->cap >= (int64) CCD_MAX_ROWS / 2)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("%s: too many systems in one group", st->fname),
					 errdetail("The group has more than " INT64_FORMAT " rows.", st->n),
					 errhint("Each row is one system (city or subsystem); group by indicator and year.")));
		st->cap = sy_group_grow(st->fname, st->cap, st->n + 1, (int64) CCD_MAX_ROWS,
								sizeof(double) * (st->weighted ? 2.0 : 1.0), 0.0, st->n);
		st->u = repalloc_huge(st->u, sizeof(double) * st->cap);
		if (st->weighted)
			st->w = repalloc_huge(st->w, sizeof(double) * st->cap);
	}
	st->u[st->n] = u;
	if (st->weighted)
		st->w[st->n] = w;
	st->n++;
}

/*
 * coupling_coordination_transfn(internal, u float8 [, weight float8 [, variant text
 *                                [, missing text]]])
 * Without missing a row with u = NULL is left out (as SQL aggregates do);
 * with it, such a row is an error ('error') or makes the group's result
 * NULL ('skip').
 */
PG_FUNCTION_INFO_V1(coupling_coordination_transfn);
Datum
coupling_coordination_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt,
				old;
	CcdState   *st = PG_ARGISNULL(0) ? NULL : (CcdState *) PG_GETARG_POINTER(0);
	SyWhere		w = {NULL, "u", 0};
	bool		weighted = PG_NARGS() > 2;
	sy_ccd_variant variant = SY_CCD_CLASSIC;
	bool		policy = PG_NARGS() > 4;
	sy_missing	missing = SY_MISSING_ERROR;
	double		u,
				wt = 1.0;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "coupling_coordination_transfn called in non-aggregate context");
	w.fname = st ? st->fname : sy_agg_name(fcinfo, "coupling_coordination");
	if (policy)
	{
		missing = st ? st->missing
			: sy_ccd_missing(PG_ARGISNULL(4) ? NULL : PG_GETARG_TEXT_PP(4), w.fname);
		if (st && !(PG_ARGISNULL(4) ? missing == SY_MISSING_ERROR
					: sy_ccd_missing(PG_GETARG_TEXT_PP(4), w.fname) == missing))
		{
			w.argname = "missing";
			sy_must_be_constant(false, w);
		}
	}
	if (PG_ARGISNULL(1))
	{
		if (policy && missing == SY_MISSING_ERROR)
			sy_ccd_null_score(w.fname, 0, true);
		if (policy)
		{
			/* skip: the group's result is NULL */
			if (st == NULL)
			{
				old = MemoryContextSwitchTo(aggcxt);
				st = ccd_state_new(w.fname, variant, weighted, 8);
				st->missing = missing;
				if (PG_NARGS() > 3 && !PG_ARGISNULL(3))
					st->variant = (sy_ccd_variant) sy_choice(PG_GETARG_TEXT_PP(3), &sy_ccd_variants, w.fname);
				MemoryContextSwitchTo(old);
			}
			st->gap = true;
		}
		if (st == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(st);
	}
	u = sy_unit_score(PG_GETARG_FLOAT8(1), w, 0);
	if (weighted)
	{
		if (PG_ARGISNULL(2))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: weight must not be NULL", w.fname),
					 errdetail("A row with u = %g has a NULL weight.", u),
					 errhint("Give every system a weight, or use coupling_coordination(u) for equal weights.")));
		wt = PG_GETARG_FLOAT8(2);
		if (!(wt >= 0.0) || !isfinite(wt))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: weight must be finite and not negative", w.fname),
					 errdetail("A row has weight = %g.", wt),
					 errhint("Weights are importance shares; they are rescaled to sum to 1.")));
	}
	if (PG_NARGS() > 3 && !PG_ARGISNULL(3))
		variant = (sy_ccd_variant) sy_choice(PG_GETARG_TEXT_PP(3), &sy_ccd_variants, w.fname);

	old = MemoryContextSwitchTo(aggcxt);
	if (st == NULL)
	{
		st = ccd_state_new(w.fname, variant, weighted, 8);
		st->missing = missing;
	}
	else
	{
		w.argname = "variant";
		sy_must_be_constant(st->variant == variant, w);
	}
	ccd_push(st, u, wt);
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(st);
}

/*
 * The state as bytes (sy_state.h), kind version 2:
 *   u8 variant, u8 weighted, u8 missing (0 error, 1 skip), u8 gap (1: a row
 *   had u = NULL under 'skip'), i64 n (rows), f64[n] u, then f64[n] w when
 *   weighted.  n may be 0 only when gap is 1.
 * Version 1 (0.3.0 development) had no missing and gap bytes.
 */
static double
ccd_payload_bytes(const void *p)
{
	const CcdState *st = p;

	return 4.0 + 8.0 + 8.0 * (double) st->n * (st->weighted ? 2.0 : 1.0);
}

static void
ccd_write(SyStateWriter *w, const void *p)
{
	const CcdState *st = p;

	sy_wr_u8(w, (uint8) st->variant);
	sy_wr_u8(w, st->weighted);
	sy_wr_u8(w, (uint8) st->missing);
	sy_wr_u8(w, st->gap);
	sy_wr_i64(w, st->n);
	sy_wr_f64s(w, st->u, (Size) st->n);
	if (st->weighted)
		sy_wr_f64s(w, st->w, (Size) st->n);
}

static void *
ccd_read(SyStateReader *r, const char *fname)
{
	uint8		variant = sy_rd_u8(r);
	uint8		weighted = sy_rd_u8(r);
	uint8		missing = sy_rd_u8(r);
	uint8		gap = sy_rd_u8(r);
	int64		n;
	CcdState   *st;

	if (variant > SY_CCD_WANG2021 || weighted > 1)
		sy_state_corrupt(fname, "Unknown variant or weights flag.");
	if (missing > SY_MISSING_SKIP || gap > 1 || (gap && missing != SY_MISSING_SKIP))
		sy_state_corrupt(fname, "Unknown missing-value policy or gap flag.");
	n = sy_rd_count(r, gap ? 0 : 1, (int64) CCD_MAX_ROWS / 2, "The row count");
	/* the length before the allocation */
	if (sy_rd_remaining(r) != 8 * (Size) n * (weighted ? 2 : 1))
		sy_state_corrupt(fname, "The state's length does not match its row count.");
	st = ccd_state_new(fname, variant, weighted, n);
	st->missing = (sy_missing) missing;
	st->gap = gap;
	sy_rd_f64s(r, st->u, (Size) n, false, "A stored score");
	if (weighted)
		sy_rd_f64s(r, st->w, (Size) n, false, "A stored weight");
	st->n = n;
	for (int64 i = 0; i < n; i++)
		if (!(st->u[i] >= 0.0 && st->u[i] <= 1.0) ||
			(weighted && !(st->w[i] >= 0.0 && isfinite(st->w[i]))))
			sy_state_corrupt(fname, "A stored score or weight is out of range.");
	return st;
}

/* Partial states concatenate; variant and weights must agree. */
static void *
ccd_combine(void *pa, void *pb, const char *fname)
{
	CcdState   *a = pa;
	CcdState   *b = pb;

	if (a == NULL)
	{
		a = ccd_state_new(fname, b->variant, b->weighted, b->n);
		a->missing = b->missing;
	}
	else
	{
		SyWhere		w = {a->fname, "variant", 0};

		sy_must_be_constant(a->variant == b->variant && a->weighted == b->weighted, w);
		if (a->missing != b->missing)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: cannot merge states made with different missing-value policies", a->fname),
					 errdetail("One state was made with missing '%s', the other with '%s'.",
							   sy_missing_names[a->missing], sy_missing_names[b->missing]),
					 errhint("Make every state of a merge with the same fourth argument of coupling_coordination_state.")));
	}
	a->gap = a->gap || b->gap;
	for (int64 i = 0; i < b->n; i++)
		ccd_push(a, b->u[i], b->weighted ? b->w[i] : 1.0);
	return a;
}

static const SyStateKind ccd_kind = {
	SY_KIND_COUPLING, 2, "coupling_coordination",
	ccd_payload_bytes, ccd_write, ccd_read, ccd_combine
};

PG_FUNCTION_INFO_V1(coupling_coordination_combinefn);
Datum
coupling_coordination_combinefn(PG_FUNCTION_ARGS)
{
	return sy_state_combinefn(fcinfo, &ccd_kind);
}

PG_FUNCTION_INFO_V1(coupling_coordination_serialfn);
Datum
coupling_coordination_serialfn(PG_FUNCTION_ARGS)
{
	return sy_state_serialfn(fcinfo, &ccd_kind);
}

PG_FUNCTION_INFO_V1(coupling_coordination_deserialfn);
Datum
coupling_coordination_deserialfn(PG_FUNCTION_ARGS)
{
	return sy_state_deserialfn(fcinfo, &ccd_kind);
}

/* coupling_coordination_merge's transition function: (internal, bytea) */
PG_FUNCTION_INFO_V1(coupling_coordination_merge_transfn);
Datum
coupling_coordination_merge_transfn(PG_FUNCTION_ARGS)
{
	return sy_state_merge_transfn(fcinfo, &ccd_kind);
}

static Datum ccd_final(FunctionCallInfo fcinfo, const CcdState *st);

PG_FUNCTION_INFO_V1(coupling_coordination_finalfn);
Datum
coupling_coordination_finalfn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	return ccd_final(fcinfo, (CcdState *) PG_GETARG_POINTER(0));
}

/* coupling_coordination_final(state bytea): the aggregate's result from a state */
PG_FUNCTION_INFO_V1(coupling_coordination_final);
Datum
coupling_coordination_final(PG_FUNCTION_ARGS)
{
	return ccd_final(fcinfo, sy_state_arg(fcinfo, &ccd_kind, "coupling_coordination_final"));
}

static Datum
ccd_final(FunctionCallInfo fcinfo, const CcdState *st)
{
	double	   *u,
			   *raw_w = NULL,
			   *w = NULL;
	double		c,
				t,
				d;

	if (st->gap || st->n == 0)
		PG_RETURN_NULL();		/* 'skip': a system of the group has no score */
	/* the rows in canonical order, as (u, w) pairs or u alone; the state
	 * stays as it is (FINALFUNC_MODIFY = READ_ONLY).  Checked first: the
	 * state, u, the pairs and their sort, the weights and the core's work */
	sy_group_memory_check(st->fname, st->weighted ?
						  (2.0 + 1.0 + 2.0 + 1.0 + 1.0 + 1.0) * sizeof(double) * st->n + SY_SORT_TUPLES_BYTES(2) * st->n :
						  (1.0 + 1.0 + 1.0) * sizeof(double) * st->n + SY_SORT_TUPLES_BYTES(1) * st->n,
						  st->n);
	u = palloc_extended(sizeof(double) * (Size) st->n, MCXT_ALLOC_HUGE);
	if (!st->weighted)
	{
		memcpy(u, st->u, sizeof(double) * (Size) st->n);
		sy_sort_tuples(u, st->n, 1);
	}
	else
	{
		double	   *rows = palloc_extended(sizeof(double) * 2 * (Size) st->n, MCXT_ALLOC_HUGE);

		for (int64 i = 0; i < st->n; i++)
		{
			rows[2 * i] = st->u[i];
			rows[2 * i + 1] = st->w[i];
		}
		sy_sort_tuples(rows, st->n, 2);
		raw_w = palloc_extended(sizeof(double) * (Size) st->n, MCXT_ALLOC_HUGE);
		for (int64 i = 0; i < st->n; i++)
		{
			u[i] = rows[2 * i];
			raw_w[i] = rows[2 * i + 1];
		}
		pfree(rows);
	}
	if (st->weighted)
	{
		/* rescaled to sum to 1 */
		w = palloc_extended(sizeof(double) * st->n, MCXT_ALLOC_HUGE);
		if (sy_rescale_weights(raw_w, st->n, w) != SY_OK)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: weights must not all be zero", st->fname),
					 errdetail("Every one of the " INT64_FORMAT " weights is 0.", st->n),
					 errhint("Give at least one system a positive weight.")));
	}
	/* checked above, with everything else the final step takes */
	sy_coupling(u, w, st->n, st->variant, palloc_extended(sizeof(double) * st->n, MCXT_ALLOC_HUGE),
				&c, &t, &d);
	PG_RETURN_DATUM(sy_ccd_datum(fcinfo, c, t, d));
}
