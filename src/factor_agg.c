/*
 * factor_agg.c - the factor_analysis aggregate.
 *
 * The state is the streaming co-moment matrix of sy_moments (Welford per
 * row, Chan et al.'s merge for partial states): O(p^2) whatever the number
 * of rows.  The final function turns it into a correlation matrix and runs
 * the analysis of factor.c.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "sy_factor.h"
#include "sy_limits.h"
#include "sy_moments_state.h"

typedef struct FactorState
{
	const char *fname;
	int32		nfactors;		/* 0 = Kaiser's criterion */
	int8		missing;		/* in memory only: -1 none given, else 'error' or 'skip' */
	sy_moments	mom;
} FactorState;

static FactorState *
factor_state_new(const char *fname, int m, int nfactors)
{
	FactorState *st = palloc0(sizeof(FactorState));

	st->fname = fname;
	st->nfactors = nfactors;
	st->missing = -1;
	sy_moments_alloc(&st->mom, m, true, 0.0, fname);
	return st;
}

/*
 * factor_analysis_transfn(internal, x float8[] [, nfactors int [, missing text]])
 * missing (0.3.0): 'error' (as without it) or 'skip' (a row with a NULL
 * element takes no part); 'mean' and 'median' are refused (0A000).  Skipped
 * rows never reach the state, so the state does not record the policy.
 */
PG_FUNCTION_INFO_V1(factor_analysis_transfn);
Datum
factor_analysis_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	FactorState *st = PG_ARGISNULL(0) ? NULL : (FactorState *) PG_GETARG_POINTER(0);
	const char *fname = st ? st->fname : sy_agg_name(fcinfo, "factor_analysis");
	SyWhere		w = {fname, "x", 0};
	const double *x;
	int			m,
				nfactors;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "factor_analysis_transfn called in non-aggregate context");
	if (PG_ARGISNULL(1))
	{
		if (st == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(st);
	}
	if (PG_NARGS() > 3)
	{
		ArrayType  *xarr = PG_GETARG_ARRAYTYPE_P(1);
		sy_missing	policy = PG_ARGISNULL(3) ? SY_MISSING_ERROR
			: (sy_missing) sy_choice(PG_GETARG_TEXT_PP(3), &sy_missing_choices, fname);

		if (policy == SY_MISSING_MEAN || policy == SY_MISSING_MEDIAN)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("%s: missing => '%s' is not supported", fname, sy_missing_names[policy]),
					 errdetail("factor_analysis takes 'error' or 'skip'."),
					 errhint("Use 'skip' (complete rows only), or impute the indicators first.")));
		if (st != NULL && st->missing >= 0 && st->missing != (int8) policy)
		{
			w.argname = "missing";
			sy_must_be_constant(false, w);
		}
		if (policy == SY_MISSING_SKIP && ARR_NDIM(xarr) == 1 && ARR_HASNULL(xarr) &&
			sy_first_null(xarr, ARR_DIMS(xarr)[0]) != 0)
		{
			if (st == NULL)
				PG_RETURN_NULL();
			PG_RETURN_POINTER(st);	/* the row takes no part */
		}
		if (st != NULL)
			st->missing = (int8) policy;
	}
	x = sy_indicator_row(PG_GETARG_ARRAYTYPE_P(1), w, st ? (int) st->mom.m : -1, &m);
	if (st == NULL)
		sy_factor_check_size(fname, m);
	nfactors = PG_NARGS() > 2 ?
		sy_factor_nfactors(fname, "nfactors", PG_GETARG_DATUM(2), PG_ARGISNULL(2), m) : 0;
	if (st == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(aggcxt);

		st = factor_state_new(fname, m, nfactors);
		if (PG_NARGS() > 3)
			st->missing = PG_ARGISNULL(3) ? SY_MISSING_ERROR
				: (int8) sy_choice(PG_GETARG_TEXT_PP(3), &sy_missing_choices, fname);
		MemoryContextSwitchTo(old);
	}
	else
	{
		w.argname = "nfactors";
		sy_must_be_constant(st->nfactors == nfactors, w);
	}
	sy_moments_add(&st->mom, x);
	PG_RETURN_POINTER(st);
}

/*
 * The state as bytes (sy_state.h, SY_KIND_FACTOR): the moments block
 * (sy_wr_moments, packed co-moments), then nfactors as int32 (0: Kaiser).
 */
static double
factor_payload(const void *p)
{
	return sy_moments_payload(&((const FactorState *) p)->mom) + 4.0;
}

static void
factor_write(SyStateWriter *w, const void *p)
{
	const FactorState *st = p;

	sy_wr_moments(w, &st->mom);
	sy_wr_i32(w, st->nfactors);
}

static void *
factor_read(SyStateReader *r, const char *fname)
{
	FactorState *st = palloc0(sizeof(FactorState));

	st->fname = fname;
	sy_rd_moments(r, &st->mom, true, SY_FACTOR_MAX_INDICATORS, 0.0, fname);
	st->nfactors = sy_rd_i32(r);
	if (st->nfactors < 0 || st->nfactors > (int) st->mom.m)
		sy_state_corrupt(fname, "Factor count out of range.");
	return st;
}

static void *
factor_combine(void *pa, void *pb, const char *fname)
{
	FactorState *a = pa;
	FactorState *b = pb;

	if (a == NULL)
		a = factor_state_new(fname, b->mom.m, b->nfactors);
	else
	{
		SyWhere		w = {a->fname, "nfactors", 0};

		if (a->mom.m != b->mom.m)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("%s: x has %d elements in some rows and %d in others",
							a->fname, (int) b->mom.m, (int) a->mom.m),
					 errdetail("Partial aggregates of the same group saw arrays of different lengths."),
					 errhint("Every row of a group must carry the same indicators in the same order.")));
		sy_must_be_constant(a->nfactors == b->nfactors, w);
	}
	sy_moments_merge(&a->mom, &b->mom);
	return a;
}

static const SyStateKind factor_kind = {SY_KIND_FACTOR, 1, "factor_analysis",
	factor_payload, factor_write, factor_read, factor_combine};

PG_FUNCTION_INFO_V1(factor_analysis_combinefn);
Datum
factor_analysis_combinefn(PG_FUNCTION_ARGS)
{
	return sy_state_combinefn(fcinfo, &factor_kind);
}

PG_FUNCTION_INFO_V1(factor_analysis_serialfn);
Datum
factor_analysis_serialfn(PG_FUNCTION_ARGS)
{
	return sy_state_serialfn(fcinfo, &factor_kind);
}

PG_FUNCTION_INFO_V1(factor_analysis_deserialfn);
Datum
factor_analysis_deserialfn(PG_FUNCTION_ARGS)
{
	return sy_state_deserialfn(fcinfo, &factor_kind);
}

PG_FUNCTION_INFO_V1(factor_analysis_merge_transfn);
Datum
factor_analysis_merge_transfn(PG_FUNCTION_ARGS)
{
	return sy_state_merge_transfn(fcinfo, &factor_kind);
}

/* The analysis of the rows behind st, keeping nfactors factors (0: Kaiser). */
static Datum
factor_result(FactorState *st, int nfactors, bool *isnull)
{
	sy_moments *mom = &st->mom;
	int			p = mom->m;
	double	   *r,
			   *mean,
			   *sd;
	size_t		bad = 0;
	sy_factor  *f;

	*isnull = mom->n < 2.0;
	if (*isnull)
		return (Datum) 0;
	sy_check_ranges(st->fname, p, mom->lo, mom->hi);
	for (int j = 0; j < p; j++)
	{
		if (mom->hi[j] == mom->lo[j])
			sy_factor_constant_indicator(st->fname, j, mom->lo[j]);
		sy_check_finite_stat(st->fname, j, sy_moments_m2(mom, j), mom->lo[j], mom->hi[j]);
	}
	r = palloc(sizeof(double) * p * p);
	/* constant indicators are caught above: a failure here is a sum of
	 * squares too small to carry precision (subnormal; the core refuses it
	 * as sy_correlation does): 22003, as in the window functions */
	if (sy_correlation_packed(mom->comoment, p, r, &bad) != SY_OK)
		sy_check_finite_stat(st->fname, bad, 0.0, mom->lo[bad], mom->hi[bad]);
	mean = palloc(sizeof(double) * p);
	sd = palloc(sizeof(double) * p);
	for (int j = 0; j < p; j++)
	{
		mean[j] = sy_moments_mean(mom, j);
		sd[j] = sy_moments_sd(mom, j);
	}
	f = sy_factor_run(st->fname, r, p, mom->n, nfactors, SY_ROTATE_VARIMAX);
	return sy_factor_jsonb(f, nfactors, mean, sd);
}

PG_FUNCTION_INFO_V1(factor_analysis_finalfn);
Datum
factor_analysis_finalfn(PG_FUNCTION_ARGS)
{
	FactorState *st;
	bool		isnull;
	Datum		d;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (FactorState *) PG_GETARG_POINTER(0);
	d = factor_result(st, st->nfactors, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(d);
}

/*
 * factor_analysis_final(state bytea [, nfactors int]): the analysis of the
 * rows behind a state.  Without nfactors, the number the state recorded
 * (factor_analysis_state's argument); with it, that number instead (NULL:
 * eigenvalue > 1), since the co-moments do not depend on it.  Not STRICT:
 * a NULL state gives NULL, a NULL nfactors Kaiser's criterion.
 */
PG_FUNCTION_INFO_V1(factor_analysis_final);
Datum
factor_analysis_final(PG_FUNCTION_ARGS)
{
	const char *fname = "factor_analysis_final";
	FactorState *st;
	int			nfactors;
	bool		isnull;
	Datum		d;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = sy_state_arg(fcinfo, &factor_kind, fname);
	nfactors = PG_NARGS() > 1 ?
		sy_factor_nfactors(fname, "nfactors", PG_GETARG_DATUM(1), PG_ARGISNULL(1), st->mom.m) :
		st->nfactors;
	d = factor_result(st, nfactors, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(d);
}
