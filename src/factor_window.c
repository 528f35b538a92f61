/*
 * factor_window.c - factor_scores, factor_composite, pca_scores and
 * pca_composite: window functions that run the factor analysis of their
 * whole partition once and give each row its scores.
 *
 * Scores use the partition's means and standard deviations (n - 1
 * divisor, as SPSS and R's scale()), computed by two passes.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "windowapi.h"

#include "sy_factor.h"
#include "sy_window.h"
#include "sy_limits.h"

typedef enum ScoreKind
{
	SCORE_FACTOR,				/* regression factor scores (float8[]) */
	SCORE_FACTOR_COMPOSITE,		/* sum of variance share x factor score */
	SCORE_PCA,					/* principal component values z V_k */
	SCORE_PCA_COMPOSITE			/* sum of eigenvalue share x component */
} ScoreKind;

typedef struct ScoreCache
{
	bool		ready;
	SyMatrix	mx;
	int			k;
	double	   *scores;			/* nvalid x k, or NULL: every row NULL */
	double	   *composite;		/* nvalid */
} ScoreCache;

static double
partition_shift(FunctionCallInfo fcinfo, WindowObject winobj, int argno, SyWhere w,
				MemoryContext keep, bool *given)
{
	bool		isnull;
	Datum		d;
	double		s;

	w.argname = "shift";
	d = sy_partition_constant(fcinfo, winobj, argno, sizeof(float8), w, keep, &isnull);
	*given = !isnull;
	if (isnull)
		return 0.0;
	s = DatumGetFloat8(d);
	if (!(isfinite(s) && s > 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: shift must be a positive finite number", w.fname),
				 errdetail("shift is %g.", s),
				 errhint("The shifted composite is composite - min(composite) + shift, so the weakest row gets shift; pass NULL for no shift.")));
	return s;
}

static void
score_partition(FunctionCallInfo fcinfo, WindowObject winobj, ScoreCache *c,
				ScoreKind kind, const char *fname)
{
	MemoryContext keep = sy_partition_context(c);
	MemoryContext old = MemoryContextSwitchTo(keep);
	SyWhere		w = {fname, "x", 0};
	SyMatrix   *mx = &c->mx;
	bool		pca = kind == SCORE_PCA || kind == SCORE_PCA_COMPOSITE;
	sy_rotation rot = pca ? SY_ROTATE_NONE : SY_ROTATE_VARIMAX;
	double		shift = 0.0;
	bool		shifted = false;
	int			nfactors,
				p,
				k;
	int64		n;
	bool		isnull;
	Datum		d;
	double	   *mean,
			   *sd,
			   *r,
			   *coef,
			   *weight,
			   *z;
	size_t		bad = 0;
	sy_factor  *f;
	sy_host		host = sy_server_host(NULL);

	sy_read_matrix(winobj, 0, w, keep, mx);
	c->ready = true;
	p = mx->m;
	n = mx->nvalid;
	if (n == 0)
	{
		MemoryContextSwitchTo(old);
		return;
	}
	sy_factor_check_size(fname, p);
	w.argname = pca ? "ncomponents" : "nfactors";
	d = sy_partition_constant(fcinfo, winobj, 1, sizeof(int32), w, keep, &isnull);
	nfactors = sy_factor_nfactors(fname, w.argname, d, isnull, p);
	if (kind == SCORE_FACTOR || kind == SCORE_FACTOR_COMPOSITE)
	{
		w.argname = "rotation";
		d = sy_partition_constant(fcinfo, winobj, 2, -1, w, keep, &isnull);
		if (!isnull)
			rot = (sy_rotation) sy_choice(DatumGetTextPP(d), &sy_rotations, fname);
	}
	if (kind == SCORE_FACTOR_COMPOSITE)
		shift = partition_shift(fcinfo, winobj, 3, w, keep, &shifted);
	else if (kind == SCORE_PCA_COMPOSITE)
		shift = partition_shift(fcinfo, winobj, 2, w, keep, &shifted);
	if (n < 2)
	{
		MemoryContextSwitchTo(old);
		return;					/* one row: no correlation, NULL scores */
	}

	/* the partition's copy (sy_read_matrix), the correlations, the eigenproblem */
	sy_group_memory_check(fname, sizeof(double) * (((double) p + 1.0) * mx->nrows + (double) p * p +
												   (double) sy_factor_doubles(p) +
												   (double) sy_factor_finish_doubles(p, p)), n);
	mean = palloc(sizeof(double) * p);
	sd = palloc(sizeof(double) * p);
	r = palloc(sizeof(double) * p * p);
	for (int j = 0; j < p; j++)
		if (mx->lo[j] == mx->hi[j])
			sy_factor_constant_indicator(fname, j, mx->lo[j]);
	/* a sum of squares that underflows or overflows is an error (22003) */
	if (sy_correlation(mx->x, n, p, mean, sd, r, &bad, &host) != SY_OK)
		sy_check_finite_stat(fname, bad, 0.0, mx->lo[bad], mx->hi[bad]);
	for (int j = 0; j < p; j++)
		sy_check_finite_stat(fname, j, sd[j] * sd[j], mx->lo[j], mx->hi[j]);
	f = sy_factor_run(fname, r, p, (double) n, nfactors, rot);
	k = f->k;
	c->k = k;

	/* coefficients and composite weights of the kind asked for */
	coef = palloc(sizeof(double) * p * k);
	weight = palloc(sizeof(double) * k);
	sy_shares(pca ? f->eigenvalues : f->ss_rotated, k, weight);
	for (int i = 0; i < p; i++)
		for (int j = 0; j < k; j++)
			coef[i * k + j] = pca ? f->eigenvectors[i * p + j] : f->coef[i * k + j];

	/* and the scores and composites it keeps */
	sy_group_memory_check(fname, sizeof(double) * (((double) p + 1.0) * mx->nrows + (double) p * p +
												   (double) sy_factor_doubles(p) +
												   (double) sy_factor_finish_doubles(p, p) +
												   ((double) k + 1.0) * n), n);
	c->scores = MemoryContextAllocHuge(keep, sizeof(double) * (Size) n * k);
	c->composite = MemoryContextAllocHuge(keep, sizeof(double) * n);
	z = palloc(sizeof(double) * p);
	sy_factor_scores(mx->x, n, p, k, mean, sd, coef, weight, z, c->scores, c->composite, &host);
	if (shifted)
		sy_shift_to_min(c->composite, n, shift);
	MemoryContextSwitchTo(old);
}

/* This row's index in the cache, or -1 when its result is NULL. */
static int64
current_row(FunctionCallInfo fcinfo, ScoreKind kind, const char *fname, ScoreCache **cache)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	ScoreCache *c = WinGetPartitionLocalMemory(winobj, sizeof(ScoreCache));

	if (!c->ready)
		score_partition(fcinfo, winobj, c, kind, fname);
	*cache = c;
	if (c->scores == NULL)
		return -1;
	return c->mx.index[WinGetCurrentPosition(winobj)];
}

static Datum
scores_datum(FunctionCallInfo fcinfo, ScoreKind kind, const char *fname)
{
	ScoreCache *c;
	int64		k = current_row(fcinfo, kind, fname, &c);

	if (k < 0)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(sy_float8_array(c->scores + (Size) k * c->k, c->k));
}

static Datum
composite_datum(FunctionCallInfo fcinfo, ScoreKind kind, const char *fname)
{
	ScoreCache *c;
	int64		k = current_row(fcinfo, kind, fname, &c);

	if (k < 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(c->composite[k]);
}

PG_FUNCTION_INFO_V1(factor_scores_window);
Datum
factor_scores_window(PG_FUNCTION_ARGS)
{
	return scores_datum(fcinfo, SCORE_FACTOR, "factor_scores");
}

PG_FUNCTION_INFO_V1(factor_composite_window);
Datum
factor_composite_window(PG_FUNCTION_ARGS)
{
	return composite_datum(fcinfo, SCORE_FACTOR_COMPOSITE, "factor_composite");
}

PG_FUNCTION_INFO_V1(pca_scores_window);
Datum
pca_scores_window(PG_FUNCTION_ARGS)
{
	return scores_datum(fcinfo, SCORE_PCA, "pca_scores");
}

PG_FUNCTION_INFO_V1(pca_composite_window);
Datum
pca_composite_window(PG_FUNCTION_ARGS)
{
	return composite_datum(fcinfo, SCORE_PCA_COMPOSITE, "pca_composite");
}
