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

#define FACTOR_MAGIC	0x31465953	/* "SYF1" */
#define FACTOR_VERSION	1

typedef struct FactorState
{
	const char *fname;
	int32		nfactors;		/* 0 = Kaiser's criterion */
	sy_moments	mom;
} FactorState;

typedef struct FactorHeader
{
	uint32		magic;
	uint16		version;
	uint16		pad;
	int32		m;
	int32		nfactors;
	double		n;
} FactorHeader;

static Size
cells(int m)
{
	return (Size) m * (m + 1) / 2;
}

static FactorState *
factor_state_new(const char *fname, int m, int nfactors)
{
	FactorState *st = palloc0(sizeof(FactorState));

	st->fname = fname;
	st->nfactors = nfactors;
	st->mom.m = m;
	sy_group_memory_check(fname, sizeof(double) * (4.0 * m + (double) cells(m)), -1);
	st->mom.ref = palloc(sizeof(double) * m);
	st->mom.mean = palloc(sizeof(double) * m);
	st->mom.lo = palloc(sizeof(double) * m);
	st->mom.hi = palloc(sizeof(double) * m);
	st->mom.comoment = palloc_extended(sizeof(double) * cells(m), MCXT_ALLOC_HUGE);
	sy_moments_reset(&st->mom);
	return st;
}

/* factor_analysis_transfn(internal, x float8[] [, nfactors int]) */
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
	x = sy_indicator_row(PG_GETARG_ARRAYTYPE_P(1), w, st ? (int) st->mom.m : -1, &m);
	if (st == NULL)
		sy_factor_check_size(fname, m);
	nfactors = PG_NARGS() > 2 ?
		sy_factor_nfactors(fname, "nfactors", PG_GETARG_DATUM(2), PG_ARGISNULL(2), m) : 0;
	if (st == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(aggcxt);

		st = factor_state_new(fname, m, nfactors);
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

PG_FUNCTION_INFO_V1(factor_analysis_combinefn);
Datum
factor_analysis_combinefn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt,
				old;
	FactorState *a = PG_ARGISNULL(0) ? NULL : (FactorState *) PG_GETARG_POINTER(0);
	FactorState *b = PG_ARGISNULL(1) ? NULL : (FactorState *) PG_GETARG_POINTER(1);

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "factor_analysis_combinefn called in non-aggregate context");
	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	old = MemoryContextSwitchTo(aggcxt);
	if (a == NULL)
		a = factor_state_new(sy_agg_name(fcinfo, b->fname), b->mom.m, b->nfactors);
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
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(factor_analysis_serialfn);
Datum
factor_analysis_serialfn(PG_FUNCTION_ARGS)
{
	FactorState *st = (FactorState *) PG_GETARG_POINTER(0);
	int			m = st->mom.m;
	Size		size = VARHDRSZ + sizeof(FactorHeader) + sizeof(double) * (4 * (Size) m + cells(m));
	FactorHeader h = {0};
	bytea	   *out = palloc_extended(size, MCXT_ALLOC_HUGE);
	char	   *p;

	SET_VARSIZE(out, size);
	p = VARDATA(out);
	h.magic = FACTOR_MAGIC;
	h.version = FACTOR_VERSION;
	h.m = m;
	h.nfactors = st->nfactors;
	h.n = st->mom.n;
	memcpy(p, &h, sizeof(h));
	p += sizeof(h);
	memcpy(p, st->mom.ref, sizeof(double) * m);
	p += sizeof(double) * m;
	memcpy(p, st->mom.mean, sizeof(double) * m);
	p += sizeof(double) * m;
	memcpy(p, st->mom.lo, sizeof(double) * m);
	p += sizeof(double) * m;
	memcpy(p, st->mom.hi, sizeof(double) * m);
	p += sizeof(double) * m;
	memcpy(p, st->mom.comoment, sizeof(double) * cells(m));
	PG_RETURN_BYTEA_P(out);
}

PG_FUNCTION_INFO_V1(factor_analysis_deserialfn);
Datum
factor_analysis_deserialfn(PG_FUNCTION_ARGS)
{
	bytea	   *in = PG_GETARG_BYTEA_PP(0);
	const char *p = VARDATA_ANY(in);
	Size		len = VARSIZE_ANY_EXHDR(in);
	const char *fname = sy_agg_name(fcinfo, "factor_analysis");
	FactorHeader h;
	FactorState *st;

	if (len < sizeof(h))
		sy_corrupt_state(fname, "The state is shorter than its header.");
	memcpy(&h, p, sizeof(h));
	if (h.magic != FACTOR_MAGIC || h.version != FACTOR_VERSION)
		sy_corrupt_state(fname, "Unknown magic number or version.");
	if (h.m < 1 || h.m > SY_FACTOR_MAX_INDICATORS || h.nfactors < 0 || h.nfactors > h.m)
		sy_corrupt_state(fname, "Indicator or factor count out of range.");
	if (!(h.n >= 1.0) || h.n != floor(h.n) || h.n > 9.0e15)
		sy_corrupt_state(fname, "Row count out of range.");
	if (len != sizeof(h) + sizeof(double) * (4 * (Size) h.m + cells(h.m)))
		sy_corrupt_state(fname, "The state's length does not match its counts.");
	p += sizeof(h);
	st = factor_state_new(fname, h.m, h.nfactors);
	st->mom.n = h.n;
	memcpy(st->mom.ref, p, sizeof(double) * h.m);
	p += sizeof(double) * h.m;
	memcpy(st->mom.mean, p, sizeof(double) * h.m);
	p += sizeof(double) * h.m;
	memcpy(st->mom.lo, p, sizeof(double) * h.m);
	p += sizeof(double) * h.m;
	memcpy(st->mom.hi, p, sizeof(double) * h.m);
	p += sizeof(double) * h.m;
	memcpy(st->mom.comoment, p, sizeof(double) * cells(h.m));
	for (int j = 0; j < h.m; j++)
		if (!isfinite(st->mom.ref[j]) || !isfinite(st->mom.mean[j]) || !isfinite(st->mom.lo[j]) ||
			!isfinite(st->mom.hi[j]) || st->mom.lo[j] > st->mom.hi[j] ||
			!(sy_moments_m2(&st->mom, j) >= 0.0))
			sy_corrupt_state(fname, "Invalid column moments.");
	for (Size c = 0; c < cells(h.m); c++)
		if (!isfinite(st->mom.comoment[c]))
			sy_corrupt_state(fname, "A co-moment is not finite.");
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(factor_analysis_finalfn);
Datum
factor_analysis_finalfn(PG_FUNCTION_ARGS)
{
	FactorState *st;
	sy_moments *mom;
	int			p;
	double	   *r,
			   *mean,
			   *sd;
	size_t		bad = 0;
	sy_factor  *f;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (FactorState *) PG_GETARG_POINTER(0);
	mom = &st->mom;
	p = mom->m;
	if (mom->n < 2.0)
		PG_RETURN_NULL();
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
	f = sy_factor_run(st->fname, r, p, mom->n, st->nfactors, SY_ROTATE_VARIMAX);
	PG_RETURN_DATUM(sy_factor_jsonb(f, st->nfactors, mean, sd));
}
