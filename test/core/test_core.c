/*
 * test_core.c - unit tests of the numeric core (src/core), no server.
 *
 * Values come from test/reference/vectors.md (the printed digits are the
 * tolerance) and from straightforward two-pass reimplementations of the
 * formulas written here, independent of the core's streaming code.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sy_core.h"
#include "sy_core_missing.h"
#include "test_check.h"
#include "sy_log.h"

/* deterministic pseudo-random numbers for the tests (splitmix64) */
static uint64_t rng_state = 12345;

static double
urand(void)
{
	uint64_t	z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	z ^= z >> 31;
	return (double) (z >> 11) / 9007199254740992.0;
}

/* Column ranges for the whole-matrix functions, which take them as input. */
static double lo_[64],
			hi_[64];

static void
ranges(const double *x, size_t n, size_t m)
{
	sy_range_init(m, lo_, hi_);
	sy_range_update(x, n, m, lo_, hi_);
}

/* ---- fast logarithm ---- */

static void
test_log(void)
{
	double		worst = 0.0;

	for (int i = 0; i < 2000000; i++)
	{
		/* log-uniform over 1e-300 .. 1e300, plus values near 1 */
		double		z = i % 2 ? exp((urand() - 0.5) * 1380.0) : 1.0 + (urand() - 0.5) * 1e-3;
		double		want = log(z);
		/* relative error, or absolute where |log z| < 1 (what sums need) */
		double		err = fabs(sy_log(z) - want) / fmax(fabs(want), 1.0);

		if (err > worst)
			worst = err;
	}
	CHECK(worst < 4e-16, "sy_log worst error %g", worst);
	CHECK(sy_log(1.0) == 0.0, "sy_log(1) = %g", sy_log(1.0));
	check_rel("sy_log(2)", sy_log(2.0), log(2.0), 2e-16);
	check_rel("sy_log(DBL_MIN)", sy_log(2.2250738585072014e-308), log(2.2250738585072014e-308), 2e-16);
	check_rel("sy_log(DBL_MAX)", sy_log(1.7976931348623157e308), log(1.7976931348623157e308), 2e-16);

	/* the two-lane version computes exactly what the scalar one does */
	for (int i = 0; i < 100000; i++)
	{
		sy_v2d		z = {exp((urand() - 0.5) * 100), urand() + 0.5};
		sy_v2d		l = sy_log2(z);

		CHECK(l[0] == sy_log(z[0]) && l[1] == sy_log(z[1]), "sy_log2 lane differs at %d", i);
		if (failures)
			break;
	}
}

/* ---- entropy ---- */

/* Straight from the definition, two passes, libm log. */
static void
entropy_reference(const double *x, int n, int m, const int *dir, double shift, double *w)
{
	double		dsum = 0.0,
				d[64];

	for (int j = 0; j < m; j++)
	{
		double		lo = INFINITY,
					hi = -INFINITY,
					s = 0.0,
					e = 0.0;

		for (int i = 0; i < n; i++)
		{
			lo = fmin(lo, x[i * m + j]);
			hi = fmax(hi, x[i * m + j]);
		}
		for (int i = 0; i < n; i++)
			s += (dir && dir[j] < 0 ? hi - x[i * m + j] : x[i * m + j] - lo) / (hi - lo) + shift;
		for (int i = 0; i < n; i++)
		{
			double		p = ((dir && dir[j] < 0 ? hi - x[i * m + j] : x[i * m + j] - lo) / (hi - lo) + shift) / s;

			if (p > 0)
				e -= p * log(p);
		}
		d[j] = 1.0 - e / log(n);
		dsum += d[j];
	}
	for (int j = 0; j < m; j++)
		w[j] = d[j] / dsum;
}

static void
test_entropy(void)
{
	/* vectors.md: 4 regions x 3 indicators, the third a cost */
	double		x[] = {1, 10, 5, 2, 15, 3, 3, 20, 4, 4, 40, 1};
	int			dir[] = {1, 1, -1};
	double		work[4 * 3],
				e[16],
				d[16],
				w[16];
	double		want0[] = {0.279124, 0.400277, 0.320599};
	double		want1[] = {0.279128, 0.400277, 0.320594};
	double		want2[] = {0.279976, 0.399425, 0.320599};
	double		ref[64];

	ranges(x, 4, 3);
	CHECK(sy_entropy_weights(x, 4, 3, lo_, hi_, dir, 0.0, work, e, d, w) == SY_OK, "entropy status");
	for (int j = 0; j < 3; j++)
		check_close("entropy shift 0", w[j], want0[j], 5e-7);
	ranges(x, 4, 3);
	sy_entropy_weights(x, 4, 3, lo_, hi_, dir, 0.0001, work, e, d, w);
	for (int j = 0; j < 3; j++)
		check_close("entropy shift 1e-4", w[j], want1[j], 5e-7);
	ranges(x, 4, 3);
	sy_entropy_weights(x, 4, 3, lo_, hi_, dir, 0.01, work, e, d, w);
	for (int j = 0; j < 3; j++)
		check_close("entropy shift 0.01", w[j], want2[j], 5e-7);
	for (int j = 0; j < 3; j++)
		check_close("entropy + divergence", e[j] + d[j], 1.0, 1e-15);

	/* random panels against the two-pass definition, to 1e-12 relative */
	for (int rep = 0; rep < 50; rep++)
	{
		int			n = 2 + rep * 7,
					m = 1 + rep % 9;
		double	   *xr = malloc(sizeof(double) * n * m);
		double	   *wk = malloc(sizeof(double) * 4 * m);
		int			dr[9];
		double		shift = rep % 3 == 0 ? 0.0 : (rep % 3 == 1 ? 1e-4 : 0.01);

		for (int j = 0; j < m; j++)
			dr[j] = (rep + j) % 3 == 0 ? -1 : 1;
		for (int i = 0; i < n * m; i++)
			xr[i] = 1e6 * urand() + (i % m) * 1e5;
		ranges(xr, n, m);
		sy_entropy_weights(xr, n, m, lo_, hi_, dr, shift, wk, e, d, w);
		entropy_reference(xr, n, m, dr, shift, ref);
		for (int j = 0; j < m; j++)
			check_rel("entropy vs definition", w[j], ref[j], 1e-12);
		free(xr);
		free(wk);
	}

	/* one row: undefined; a constant column gets weight 0 */
	ranges(x, 1, 3);
	CHECK(sy_entropy_weights(x, 1, 3, lo_, hi_, dir, 0.0, work, e, d, w) == SY_UNDEFINED, "n = 1 undefined");
	CHECK(isnan(w[0]), "n = 1 gives NaN weights");
	{
		double		xc[] = {1, 7, 2, 7, 3, 7};

		ranges(xc, 3, 2);
		CHECK(sy_entropy_weights(xc, 3, 2, lo_, hi_, NULL, 0.0, work, e, d, w) == SY_OK, "constant column ok");
		check_close("constant column weight", w[1], 0.0, 0.0);
		check_close("other column weight", w[0], 1.0, 1e-15);
		check_close("constant column entropy", e[1], 1.0, 0.0);
	}
	{
		double		xc[] = {7, 7, 7, 7};

		ranges(xc, 2, 2);
		CHECK(sy_entropy_weights(xc, 2, 2, lo_, hi_, NULL, 0.01, work, e, d, w) == SY_UNDEFINED,
			  "no variation anywhere is undefined");
	}
}

/* ---- moments, stddev, cv, CRITIC ---- */

static void
moments_alloc(sy_moments *s, size_t m, int comoment)
{
	s->m = m;
	s->ref = malloc(sizeof(double) * m);
	s->mean = malloc(sizeof(double) * m);
	s->lo = malloc(sizeof(double) * m);
	s->hi = malloc(sizeof(double) * m);
	s->m2 = comoment ? NULL : malloc(sizeof(double) * m);
	s->comoment = comoment ? malloc(sizeof(double) * m * (m + 1) / 2) : NULL;
	s->nobs = s->pn = s->pmj = s->pmk = NULL;
	sy_moments_reset(s);
}

/* Gap mode (missing => 'mean'): counts per column and, with co-moments, per pair. */
static void
moments_alloc_gaps(sy_moments *s, size_t m, int comoment)
{
	size_t		cells = m * (m + 1) / 2;

	moments_alloc(s, m, comoment);
	s->nobs = calloc(m, sizeof(double));
	if (comoment)
	{
		s->pn = calloc(cells, sizeof(double));
		s->pmj = calloc(cells, sizeof(double));
		s->pmk = calloc(cells, sizeof(double));
	}
}

static void
moments_free(sy_moments *s)
{
	free(s->ref);
	free(s->mean);
	free(s->lo);
	free(s->hi);
	free(s->m2);
	free(s->comoment);
	free(s->nobs);
	free(s->pn);
	free(s->pmj);
	free(s->pmk);
}

/*
 * Mean imputation from the gap-mode moments equals the moments of the
 * matrix imputed first (sd, CV, CRITIC), also after merging partial states
 * that each lack some values (one lacks a column entirely).
 */
static void
test_moments_gaps(void)
{
	int			n = 400,
				m = 4;
	double	   *x = malloc(sizeof(double) * n * m);
	double	   *y = malloc(sizeof(double) * n * m);
	int			dir[] = {1, -1, 1, 1};
	sy_moments	full,
				g,
				a,
				b,
				fs,
				gs;
	double		sd[4],
				conflict[4],
				info[4],
				w[4],
				wg[4],
				wa[4],
				cv[4],
				cvg[4];
	size_t		bad = 99;

	for (int i = 0; i < n; i++)
		for (int j = 0; j < m; j++)
		{
			x[i * m + j] = 5e6 + 1e3 * urand() + (j == 2 ? 0.5 * x[i * m] : 0.0);
			if ((j == 1 && i % 7 == 3) || (j == 3 && i % 5 == 1) || (j == 0 && i % 11 == 0) ||
				(j == 2 && i < 150))	/* the first partial state has no column 2 */
				x[i * m + j] = NAN;
		}
	memcpy(y, x, sizeof(double) * n * m);
	CHECK(sy_missing_apply(y, n, m, SY_MISSING_MEAN, NULL, NULL, NULL) == SY_OK, "impute");
	moments_alloc(&full, m, 1);
	moments_alloc(&fs, m, 0);
	moments_alloc_gaps(&g, m, 1);
	moments_alloc_gaps(&gs, m, 0);
	moments_alloc_gaps(&a, m, 1);
	moments_alloc_gaps(&b, m, 1);
	for (int i = 0; i < n; i++)
	{
		sy_moments_add(&full, y + i * m);
		sy_moments_add(&fs, y + i * m);
		sy_moments_add_gaps(&g, x + i * m);
		sy_moments_add_gaps(&gs, x + i * m);
		sy_moments_add_gaps(i < 150 ? &a : &b, x + i * m);
	}
	sy_moments_merge(&a, &b);
	CHECK(sy_critic_weights(&full, dir, sd, conflict, info, w) == SY_OK, "critic of the imputed matrix");
	CHECK(sy_critic_weights(&g, dir, sd, conflict, info, wg) == SY_OK, "critic, gap mode");
	CHECK(sy_critic_weights(&a, dir, sd, conflict, info, wa) == SY_OK, "critic, gap mode merged");
	for (int j = 0; j < m; j++)
	{
		check_rel("gap sd = sd of the imputed column", sy_moments_sd(&g, j), sy_moments_sd(&full, j), 1e-12);
		check_rel("gap sd (sums of squares) = imputed", sy_moments_sd(&gs, j), sy_moments_sd(&fs, j), 1e-12);
		check_rel("gap mean = imputed mean", sy_moments_mean(&gs, j), sy_moments_mean(&fs, j), 1e-13);
	}
	sy_critic_weights(&full, dir, sd, conflict, info, w);
	for (int j = 0; j < m; j++)
	{
		check_rel("critic gap = critic of the imputed matrix", wg[j], w[j], 1e-12);
		check_rel("critic gap merged = critic of the imputed matrix", wa[j], w[j], 1e-12);
	}
	CHECK(sy_cv_weights(&fs, cv, w, &bad) == SY_OK, "cv of the imputed matrix");
	CHECK(sy_cv_weights(&gs, cvg, wg, &bad) == SY_OK, "cv, gap mode");
	for (int j = 0; j < m; j++)
		check_rel("cv gap = cv of the imputed matrix", wg[j], w[j], 1e-12);
	moments_free(&full);
	moments_free(&fs);
	moments_free(&g);
	moments_free(&gs);
	moments_free(&a);
	moments_free(&b);
	free(x);
	free(y);
}

/* Two-pass sample sd of column j's min-max scores, sd(x) / range; its mean too. */
static double
score_sd(const double *x, int n, int m, int j, double *mean)
{
	double		lo = INFINITY,
				hi = -INFINITY,
				s = 0,
				ss = 0;

	for (int i = 0; i < n; i++)
	{
		lo = fmin(lo, x[i * m + j]);
		hi = fmax(hi, x[i * m + j]);
		s += x[i * m + j];
	}
	*mean = s / n;
	for (int i = 0; i < n; i++)
		ss += (x[i * m + j] - *mean) * (x[i * m + j] - *mean);
	return sqrt(ss / (n - 1)) / (hi - lo);
}

static void
critic_reference(const double *x, int n, int m, const int *dir, double *w)
{
	double		sd[16],
				mean[16],
				C[16],
				tot = 0.0;

	for (int j = 0; j < m; j++)
		sd[j] = score_sd(x, n, m, j, &mean[j]);
	for (int j = 0; j < m; j++)
	{
		double		conflict = 0;

		for (int k = 0; k < m; k++)
		{
			double		sjk = 0,
						sjj = 0,
						skk = 0,
						r;

			for (int i = 0; i < n; i++)
			{
				double		a = x[i * m + j] - mean[j],
							b = x[i * m + k] - mean[k];

				sjk += a * b;
				sjj += a * a;
				skk += b * b;
			}
			r = sjk / sqrt(sjj * skk) * dir[j] * dir[k];
			conflict += 1 - r;
		}
		C[j] = sd[j] * conflict;
		tot += C[j];
	}
	for (int j = 0; j < m; j++)
		w[j] = C[j] / tot;
}

static void
test_moments(void)
{
	int			n = 500,
				m = 6;
	double	   *x = malloc(sizeof(double) * n * m);
	int			dir[] = {1, -1, 1, 1, -1, 1};
	sy_moments	all,
				a,
				b;
	double		sd[6],
				conflict[6],
				info[6],
				w[6],
				w2[6],
				ref[6];
	size_t		bad = 99;

	for (int i = 0; i < n; i++)
		for (int j = 0; j < m; j++)
			x[i * m + j] = 1e8 + 1e3 * urand() + (j == 2 ? 0.5 * x[i * m] : 0.0);
	moments_alloc(&all, m, 1);
	moments_alloc(&a, m, 1);
	moments_alloc(&b, m, 1);
	for (int i = 0; i < n; i++)
	{
		sy_moments_add(&all, x + i * m);
		sy_moments_add(i < 137 ? &a : &b, x + i * m);
	}
	sy_moments_merge(&a, &b);

	CHECK(sy_critic_weights(&all, dir, sd, conflict, info, w) == SY_OK, "critic ok");
	/* sy_moments_sd: the sample standard deviation, against two passes */
	for (int j = 0; j < m; j++)
	{
		double		mean = 0.0,
					ss = 0.0;

		for (int i = 0; i < n; i++)
			mean += x[i * m + j];
		mean /= n;
		for (int i = 0; i < n; i++)
			ss += (x[i * m + j] - mean) * (x[i * m + j] - mean);
		check_rel("sy_moments_sd", sy_moments_sd(&all, j), sqrt(ss / (n - 1)), 1e-9);
	}
	sy_critic_weights(&a, dir, sd, conflict, info, w2);
	critic_reference(x, n, m, dir, ref);
	for (int j = 0; j < m; j++)
	{
		check_rel("critic vs definition", w[j], ref[j], 1e-12);
		check_rel("critic merged vs sequential", w2[j], w[j], 1e-12);
	}
	moments_free(&all);
	moments_free(&a);
	moments_free(&b);

	/* stddev and cv from the diagonal-only state */
	moments_alloc(&all, m, 0);
	for (int i = 0; i < n; i++)
		sy_moments_add(&all, x + i * m);
	CHECK(sy_stddev_weights(&all, sd, w) == SY_OK, "stddev ok");
	{
		double		tot = 0;

		for (int j = 0; j < m; j++)
		{
			double		mean;

			ref[j] = score_sd(x, n, m, j, &mean);
			tot += ref[j];
		}
		for (int j = 0; j < m; j++)
			check_rel("stddev vs definition", w[j], ref[j] / tot, 1e-12);
	}
	CHECK(sy_cv_weights(&all, sd, w, &bad) == SY_OK, "cv ok");
	moments_free(&all);

	/* cv: a varying indicator with mean exactly 0 is outside the domain */
	{
		double		xz[] = {-1, 1, 1, 2, 0, 3};

		moments_alloc(&all, 2, 0);
		for (int i = 0; i < 3; i++)
			sy_moments_add(&all, xz + 2 * i);
		CHECK(sy_cv_weights(&all, sd, w, &bad) == SY_EDOMAIN && bad == 0, "cv mean 0 is EDOMAIN (bad %zu)", bad);
		moments_free(&all);
	}
	/* one row: undefined */
	moments_alloc(&all, 2, 1);
	sy_moments_add(&all, x);
	CHECK(sy_critic_weights(&all, NULL, sd, conflict, info, w) == SY_UNDEFINED, "critic n = 1");
	CHECK(sy_stddev_weights(&all, sd, w) == SY_UNDEFINED, "stddev n = 1");
	moments_free(&all);
	free(x);
}

/* ---- TOPSIS and composite index ---- */

static void
test_topsis(void)
{
	double		work[5 * 3],
				dp[4],
				dm[4],
				c[4];

	/* Hwang & Yoon vector normalization, Tzeng & Huang's example */
	{
		double		x[] = {5, 8, 4, 7, 6, 8, 8, 8, 6, 7, 4, 6};
		double		w[] = {0.3, 0.4, 0.3};
		double		want[] = {0.5037, 0.6581, 0.7482, 0.3340};

		ranges(x, 4, 3);
		sy_topsis(x, 4, 3, lo_, hi_, w, NULL, SY_NORM_VECTOR, work, dp, dm, c);
		for (int i = 0; i < 4; i++)
			check_close("topsis vector", c[i], want[i], 5e-5);
	}
	/* min-max, a cost and a benefit */
	{
		double		x[] = {1, 3000, 2, 3750, 5, 4500};
		double		w[] = {0.5, 0.5};
		int			dir[] = {-1, 1};
		double		want[] = {0.500, 0.617, 0.500};
		double		ci[3];

		ranges(x, 3, 2);
		sy_topsis(x, 3, 2, lo_, hi_, w, dir, SY_NORM_MINMAX, work, dp, dm, c);
		for (int i = 0; i < 3; i++)
			check_close("topsis minmax", c[i], want[i], 5e-4);
		check_close("topsis D+ row 2", dp[1], sqrt(0.125 * 0.125 + 0.25 * 0.25), 1e-15);
		ranges(x, 3, 2);
		sy_composite_index(x, 3, 2, lo_, hi_, w, dir, ci);
		check_close("composite row 1", ci[0], 0.5, 1e-15);
		check_close("composite row 2", ci[1], 0.625, 1e-15);
	}
	/* vector normalization with a cost column: the ideal is the minimum */
	{
		double		x[] = {1, 10, 2, 20};
		double		w[] = {0.5, 0.5};
		int			dir[] = {-1, 1};

		ranges(x, 2, 2);
		sy_topsis(x, 2, 2, lo_, hi_, w, dir, SY_NORM_VECTOR, work, dp, dm, c);
		check_close("topsis vector cost tie", c[0], 0.5, 1e-15);
		check_close("topsis vector cost tie 2", c[1], 0.5, 1e-15);
	}
	/* every column constant: closeness undefined */
	{
		double		x[] = {3, 3, 3, 3};
		double		w[] = {0.5, 0.5};

		ranges(x, 2, 2);
		sy_topsis(x, 2, 2, lo_, hi_, w, NULL, SY_NORM_MINMAX, work, dp, dm, c);
		CHECK(isnan(c[0]) && isnan(c[1]), "constant partition gives NaN closeness");
	}
	/* huge values do not overflow the vector norm */
	{
		double		x[] = {1e200, 1e300, 2e200, 2e300};
		double		w[] = {0.5, 0.5};

		ranges(x, 2, 2);
		sy_topsis(x, 2, 2, lo_, hi_, w, NULL, SY_NORM_VECTOR, work, dp, dm, c);
		check_close("topsis huge", c[1], 1.0, 1e-15);
		check_close("topsis huge", c[0], 0.0, 1e-15);
	}
}

/* ---- interpolation ---- */

static void
test_interpolate(void)
{
	double		t[] = {2010, 2011, 2012, 2013, 2014, 2016};
	double		x[] = {0, 1, 0, 3, 0, 5};
	double		out[6];
	unsigned char known[6];
	unsigned char obs[] = {0, 1, 0, 1, 0, 0};

	memcpy(known, obs, 6);
	sy_interpolate_sorted(t, x, known, 6, SY_EDGES_NONE, out);
	CHECK(!known[0] && known[2] && !known[4] && !known[5], "none leaves edges");
	check_close("interior", out[2], 2.0, 0);

	memcpy(known, obs, 6);
	sy_interpolate_sorted(t, x, known, 6, SY_EDGES_NEAREST, out);
	check_close("nearest lead", out[0], 1.0, 0);
	check_close("nearest trail", out[5], 3.0, 0);

	memcpy(known, obs, 6);
	sy_interpolate_sorted(t, x, known, 6, SY_EDGES_LINEAR, out);
	check_close("linear lead", out[0], 0.0, 1e-15);
	check_close("linear trail", out[4], 4.0, 1e-15);
	check_close("linear trail uneven t", out[5], 6.0, 1e-15);

	/* one observation: every edge is flat */
	{
		unsigned char one[] = {0, 0, 1, 0, 0, 0};

		x[2] = 7;
		sy_interpolate_sorted(t, x, one, 6, SY_EDGES_LINEAR, out);
		CHECK(one[0] && one[5] && out[0] == 7 && out[5] == 7, "single observation flat");
	}
	/* none observed: nothing filled */
	{
		unsigned char none[] = {0, 0, 0, 0, 0, 0};

		sy_interpolate_sorted(t, x, none, 6, SY_EDGES_LINEAR, out);
		CHECK(!none[0] && !none[3], "nothing observed stays unknown");
	}
	/* uneven spacing is linear in t, not in position */
	{
		double		tu[] = {0, 1, 10};
		double		xu[] = {0, 0, 10};
		unsigned char ku[] = {1, 0, 1};

		sy_interpolate_sorted(tu, xu, ku, 3, SY_EDGES_NONE, out);
		check_close("uneven spacing", out[1], 1.0, 1e-15);
	}
}

static void
test_minmax(void)
{
	double		x[] = {1, 5, 2, 5, 3, 5};
	int			dir[] = {-1, 1};
	double		out[6];

	ranges(x, 3, 2);
	sy_minmax_matrix(x, 3, 2, lo_, hi_, dir, out);
	check_close("cost min", out[0], 1.0, 0);
	check_close("cost max", out[4], 0.0, 0);
	check_close("cost mid", out[2], 0.5, 0);
	check_close("zero range", out[1], 0.0, 0);
	check_close("score", sy_minmax_score(2, 1, 3, SY_BENEFIT), 0.5, 0);
}

/* ---- coupling coordination ---- */

static void
test_coupling(void)
{
	/* vectors.md: three subsystems, six cases */
	double		u1[] = {.0162, .1782, .5490, .6730, .0207, .9875};
	double		u2[] = {.2720, .6824, .0593, .4812, .8891, .5573};
	double		u3[] = {.2655, .3721, .5729, .9082, .2017, .8984};
	double		cc[] = {.571, .867, .674, .967, .418, .971};
	double		ct[] = {.185, .411, .394, .687, .370, .814};
	double		cd[] = {.325, .597, .515, .815, .393, .889};
	double		wc[] = {.447, .501, .455, .669, .175, .715};
	double		wt[] = {.168, .388, .409, .686, .336, .832};
	double		wd[] = {.274, .440, .432, .678, .242, .771};
	double		w[] = {.4, .3, .3};
	double		work[8],
				c,
				t,
				d;

	for (int k = 0; k < 6; k++)
	{
		double		u[3] = {u1[k], u2[k], u3[k]};

		CHECK(sy_coupling(u, NULL, 3, SY_CCD_CLASSIC, work, &c, &t, &d) == SY_OK, "classic ok");
		check_close("classic C", c, cc[k], 5e-4);
		check_close("classic T", t, ct[k], 5.001e-4);	/* .3705 prints as .370 */
		check_close("classic D", d, cd[k], 5e-4);
		/* the definition, written out: n [prod / sum^n]^(1/n) */
		check_rel("classic C formula", c,
				  3.0 * pow(u[0] * u[1] * u[2] / pow(u[0] + u[1] + u[2], 3), 1.0 / 3), 1e-14);
		sy_coupling(u, w, 3, SY_CCD_WANG2021, work, &c, &t, &d);
		check_close("wang2021 C", c, wc[k], 5e-4);
		check_close("wang2021 T", t, wt[k], 5e-4);
		check_close("wang2021 D", d, wd[k], 5e-4);
		{
			double		mx = fmax(u[0], fmax(u[1], u[2]));
			double		pairs = fabs(u[1] - u[0]) + fabs(u[2] - u[0]) + fabs(u[2] - u[1]);
			double		want = sqrt((1 - pairs / 3.0) * pow(u[0] / mx * u[1] / mx * u[2] / mx, 0.5));

			check_rel("wang2021 C formula", c, want, 1e-14);
		}
	}
	/* edges: a zero score, all zero, one system, all equal */
	{
		double		z[] = {0.0, 0.5, 0.7};
		double		zero[] = {0, 0, 0};
		double		same[] = {0.4, 0.4, 0.4, 0.4};
		double		one[] = {0.6};

		sy_coupling(z, NULL, 3, SY_CCD_CLASSIC, work, &c, &t, &d);
		CHECK(c == 0.0 && d == 0.0, "a zero score: classic C = D = 0");
		sy_coupling(z, NULL, 3, SY_CCD_WANG2021, work, &c, &t, &d);
		CHECK(c == 0.0, "a zero score: wang2021 C = 0");
		sy_coupling(zero, NULL, 3, SY_CCD_CLASSIC, work, &c, &t, &d);
		CHECK(c == 0.0 && t == 0.0 && d == 0.0, "all zero");
		sy_coupling(zero, NULL, 3, SY_CCD_WANG2021, work, &c, &t, &d);
		CHECK(c == 0.0 && d == 0.0, "all zero wang2021");
		sy_coupling(same, NULL, 4, SY_CCD_CLASSIC, work, &c, &t, &d);
		check_close("equal scores couple fully", c, 1.0, 1e-15);
		check_close("equal scores D", d, sqrt(0.4), 1e-15);
		sy_coupling(same, NULL, 4, SY_CCD_WANG2021, work, &c, &t, &d);
		check_close("equal scores couple fully (wang2021)", c, 1.0, 1e-15);
		/* tiny and subnormal scores: the product must not underflow */
		{
			double		tiny[] = {4.9e-324, 1e-300, 0.5, 1e-200};
			double		g = exp((log(4.9e-324) + log(1e-300) + log(0.5) + log(1e-200)) / 4);

			sy_coupling(tiny, NULL, 4, SY_CCD_CLASSIC, work, &c, &t, &d);
			check_rel("classic C with subnormal scores", c, g / ((4.9e-324 + 1e-300 + 0.5 + 1e-200) / 4), 1e-13);
		}
		CHECK(sy_coupling(one, NULL, 1, SY_CCD_CLASSIC, work, &c, &t, &d) == SY_UNDEFINED &&
			  isnan(c) && isnan(d) && t == 0.6, "one system: C, D undefined, T defined");
	}
	/* levels: lower end closed, 1 in the top level */
	CHECK(sy_ccd_level(0.0) == 1 && sy_ccd_level(0.0999) == 1 && sy_ccd_level(0.1) == 2, "levels 1-2");
	CHECK(sy_ccd_level(0.3) == 4 && sy_ccd_level(0.1 * 3) == 4 && sy_ccd_level(0.29999999999999999) == 4,
		  "0.3 (the double) is level 4");
	CHECK(sy_ccd_level(0.9) == 10 && sy_ccd_level(1.0) == 10 && sy_ccd_level(0.8999999) == 9, "levels 9-10");
	/* obstacle shares */
	{
		double		z[] = {1.0, 0.5, 0.0};
		double		ow[] = {0.2, 0.3, 0.5};
		double		o[3];

		CHECK(sy_obstacle_shares(z, ow, 3, o) == SY_OK, "obstacle ok");
		check_close("obstacle 1", o[0], 0.0, 0);
		check_close("obstacle 2", o[1], 0.15 / 0.65, 1e-15);
		check_close("obstacle 3", o[2], 0.5 / 0.65, 1e-15);
		z[1] = 1.0;
		z[2] = 1.0;
		CHECK(sy_obstacle_shares(z, ow, 3, o) == SY_UNDEFINED && isnan(o[0]), "at the ideal: undefined");
	}
}

/* Weights rescaled to sum to 1; the relative development degree. */
static void
test_weights_and_relative(void)
{
	double		w[3] = {1.0, 3.0, 0.0},
				out[3],
				huge[2] = {1e308, 1e308},
				zero[2] = {0.0, 0.0};

	CHECK(sy_rescale_weights(w, 3, out) == SY_OK, "rescale status");
	CHECK(out[0] == 0.25 && out[1] == 0.75 && out[2] == 0.0, "rescale 1 3 0: %g %g %g",
		  out[0], out[1], out[2]);
	CHECK(sy_rescale_weights(huge, 2, out) == SY_OK && out[0] == 0.5 && out[1] == 0.5,
		  "huge weights do not overflow the sum: %g %g", out[0], out[1]);
	out[0] = 42.0;
	CHECK(sy_rescale_weights(zero, 2, out) == SY_UNDEFINED && out[0] == 42.0,
		  "all zero: undefined, out untouched");
	/* in place */
	CHECK(sy_rescale_weights(w, 3, w) == SY_OK && w[1] == 0.75, "in place");

	CHECK(sy_relative_development(0.4, 0.8) == 0.5, "E = u1 / u2");
	CHECK(isnan(sy_relative_development(0.4, 0.0)), "E undefined for u2 = 0");
	CHECK(sy_relative_class(0.4, 0.8, 0.8, 1.2) == 0, "E = 0.5: U1 lags");
	CHECK(sy_relative_class(0.8, 0.8, 0.8, 1.2) == 1, "E = 1: synchronous");
	CHECK(sy_relative_class(0.8, 1.0, 0.8, 1.2) == 0, "E = lower: U1 lags (closed above)");
	CHECK(sy_relative_class(1.2, 1.0, 0.8, 1.2) == 1, "E = upper: synchronous (closed above)");
	CHECK(sy_relative_class(0.9, 0.5, 0.8, 1.2) == 2, "E = 1.8: U2 lags");
	CHECK(sy_relative_class(0.0, 0.0, 0.8, 1.2) == 1, "both 0: synchronous");
	CHECK(sy_relative_class(0.3, 0.0, 0.8, 1.2) == 2, "u2 = 0 < u1: U2 lags");
}

int
main(void)
{
	test_log();
	test_entropy();
	test_moments();
	test_moments_gaps();
	test_topsis();
	test_interpolate();
	test_minmax();
	test_coupling();
	test_weights_and_relative();
	printf("%s: %d checks, %d failures\n", failures ? "FAIL" : "ok", checks, failures);
	return failures ? 1 : 0;
}
