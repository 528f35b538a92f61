/*
 * factor_common.c - argument checks, the analysis and its jsonb form,
 * shared by factor_analysis (aggregate) and the score window functions.
 */
#include "postgres.h"

#include <math.h>

#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "sy_factor.h"
#include "sy_limits.h"

void
sy_factor_check_size(const char *fname, int p)
{
	if (p > SY_FACTOR_MAX_INDICATORS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s: too many indicators", fname),
				 errdetail("x has %d elements; factor analysis keeps a p x p correlation matrix and supports at most %d.",
						   p, SY_FACTOR_MAX_INDICATORS),
				 errhint("Analyse fewer indicators, e.g. one subsystem at a time.")));
}

void
sy_factor_constant_indicator(const char *fname, size_t bad, double value)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: indicator %d does not vary", fname, (int) bad + 1),
			 errdetail("Every row has the value %g; its correlation with the other indicators is undefined.", value),
			 errhint("Leave the constant indicator out of x (SPSS and R refuse it too).")));
}

int
sy_factor_nfactors(const char *fname, const char *argname, Datum d, bool isnull, int p)
{
	int32		k;

	if (isnull)
		return 0;
	k = DatumGetInt32(d);
	if (k < 1 || k > p)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %s must be between 1 and the number of indicators", fname, argname),
				 errdetail("%s is %d and x has %d elements.", argname, k, p),
				 errhint("Pass NULL to keep the factors whose eigenvalue exceeds 1 (Kaiser's criterion).")));
	return k;
}

static const char *const rotation_names[] = {"varimax", "none", "varimax_converged"};
const SyChoices sy_rotations = {
	"rotation", rotation_names, lengthof(rotation_names),
	"Use rotation => 'varimax' (the default, as R's psych and stats::varimax), 'varimax_converged' (run to the optimum) or 'none'."
};

sy_factor *
sy_factor_run(const char *fname, double *r, int p, double n, int nfactors, sy_rotation rot)
{
	sy_factor  *f;
	double	   *space;
	sy_host    *host;
	size_t		k;

	/* the correlation matrix (the caller's), the eigenproblem, the rotation */
	sy_group_memory_check(fname, sizeof(double) * ((double) p * p + (double) sy_factor_doubles(p) +
												   (double) sy_factor_finish_doubles(p, p)), -1);
	f = palloc(sizeof(sy_factor));
	space = palloc_extended(sizeof(double) * sy_factor_doubles(p), MCXT_ALLOC_HUGE);

	sy_factor_init(f, p, space);
	host = palloc(sizeof(sy_host));
	*host = sy_server_host(NULL);
	f->host = host;
	CHECK_FOR_INTERRUPTS();
	if (sy_factor_eigen(f, r, n) != SY_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("%s: LAPACK's dsyevr failed on the correlation matrix", fname),
				 errdetail("%d indicators, %.0f rows.", p, n),
				 errhint("Check the indicators for extreme values; report the data if they look fine.")));
	k = sy_factor_count(f, nfactors);
	if (k == 0)
	{
		int			rank = 0;

		while (rank < p && f->eigenvalues[rank] > SY_FACTOR_SINGULAR_TOL * p)
			rank++;
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: cannot extract %d factors from a correlation matrix of rank %d",
						fname, nfactors, rank),
				 errdetail("Eigenvalue %d is %g; a factor's scores divide by the square root of its eigenvalue.",
						   nfactors, f->eigenvalues[nfactors - 1]),
				 errhint("Ask for at most %d factors, or pass NULL for Kaiser's criterion.", rank)));
	}
	sy_factor_finish(f, k, rot, palloc(sizeof(double) * sy_factor_finish_doubles(p, k)), host);
	return f;
}

/* ---- jsonb ---- */

static void
put_num(StringInfo s, double v)
{
	if (isfinite(v))
	{
		char		buf[32];

		/* the shortest of 15, 16, 17 digits that reads back as the same
		 * double (15 keeps 0.1 as 0.1) */
		for (int prec = 15; prec <= 17; prec++)
		{
			snprintf(buf, sizeof(buf), "%.*g", prec, v);
			if (strtod(buf, NULL) == v)
				break;
		}
		appendStringInfoString(s, buf);
	}
	else
		appendStringInfoString(s, "null");
}

static void
put_vec(StringInfo s, const char *key, const double *v, size_t n, double scale)
{
	appendStringInfo(s, ", \"%s\": [", key);
	for (size_t i = 0; i < n; i++)
	{
		if (i)
			appendStringInfoString(s, ", ");
		put_num(s, v[i] * scale);
	}
	appendStringInfoChar(s, ']');
}

/* rows x cols row-major, as an array of rows */
static void
put_mat(StringInfo s, const char *key, const double *a, size_t rows, size_t cols)
{
	appendStringInfo(s, ", \"%s\": [", key);
	for (size_t i = 0; i < rows; i++)
	{
		appendStringInfoString(s, i ? ", [" : "[");
		for (size_t j = 0; j < cols; j++)
		{
			if (j)
				appendStringInfoString(s, ", ");
			put_num(s, a[i * cols + j]);
		}
		appendStringInfoChar(s, ']');
	}
	appendStringInfoChar(s, ']');
}

Datum
sy_factor_jsonb(const sy_factor *f, int nfactors, const double *mean, const double *sd)
{
	StringInfoData s;
	size_t		p = f->p,
				k = f->k;
	double	   *cum = palloc(sizeof(double) * p);
	double	   *rcum = palloc(sizeof(double) * k);
	double	   *share = palloc(sizeof(double) * k);
	double	   *eigk = palloc(sizeof(double) * p * k);

	sy_cumulative(f->eigenvalues, p, cum);
	sy_cumulative(f->ss_rotated, k, rcum);
	sy_shares(f->ss_rotated, k, share);
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < k; j++)
			eigk[i * k + j] = f->eigenvectors[i * p + j];

	initStringInfo(&s);
	appendStringInfo(&s, "{\"n\": %.0f, \"indicators\": %d, \"factors\": %d, \"criterion\": \"%s\"",
					 f->n, (int) p, (int) k, nfactors > 0 ? "fixed" : "kaiser");
	put_vec(&s, "eigenvalues", f->eigenvalues, p, 1.0);
	put_vec(&s, "variance_pct", f->eigenvalues, p, 100.0 / p);
	put_vec(&s, "cumulative_pct", cum, p, 100.0 / p);
	put_mat(&s, "eigenvectors", eigk, p, k);
	put_mat(&s, "loadings", f->loadings, p, k);
	put_mat(&s, "rotated_loadings", f->rotated, p, k);
	put_vec(&s, "rotated_ss", f->ss_rotated, k, 1.0);
	put_vec(&s, "rotated_variance_pct", f->ss_rotated, k, 100.0 / p);
	put_vec(&s, "rotated_cumulative_pct", rcum, k, 100.0 / p);
	put_mat(&s, "rotation_matrix", f->rotation, k, k);
	appendStringInfo(&s, ", \"varimax_iterations\": %d", f->iterations);
	put_vec(&s, "communalities", f->communality, p, 1.0);
	put_mat(&s, "score_coefficients", f->coef, p, k);
	put_vec(&s, "composite_weights", share, k, 1.0);
	appendStringInfoString(&s, ", \"kmo\": ");
	put_num(&s, f->kmo);
	put_vec(&s, "msa", f->msa, p, 1.0);
	appendStringInfoString(&s, ", \"bartlett\": {\"chi2\": ");
	put_num(&s, f->bartlett_chi2);
	appendStringInfoString(&s, ", \"df\": ");
	put_num(&s, f->bartlett_df);
	appendStringInfoString(&s, ", \"p_value\": ");
	put_num(&s, f->bartlett_p);
	appendStringInfoString(&s, "}, \"determinant\": ");
	put_num(&s, exp(f->log_det));
	appendStringInfo(&s, ", \"singular\": %s", f->singular ? "true" : "false");
	put_vec(&s, "means", mean, p, 1.0);
	put_vec(&s, "sds", sd, p, 1.0);
	appendStringInfoChar(&s, '}');
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(s.data));
}
