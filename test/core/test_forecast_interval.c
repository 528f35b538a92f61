/*
 * test_forecast_interval.c - unit tests of src/core/forecast_interval.c:
 * Student t and incomplete beta against R (qt, pt, pbeta), the naive and
 * drift intervals against R's forecast package (test/reference/), the
 * bounds, MASE's scale and coverage, and the BP network's simulated
 * intervals (same seed same bits, order, bounds, 'auto' models, NaN when
 * too short).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sy_core_interval.h"
#include "test_check.h"

/* a test generator behind the core's sy_host (splitmix64) */
static uint64_t sm_state;

static void
sm_seed(void *ctx, uint64_t seed)
{
	(void) ctx;
	sm_state = seed;
}

static double
sm_uniform(void *ctx)
{
	uint64_t	z = (sm_state += UINT64_C(0x9e3779b97f4a7c15));

	(void) ctx;
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return (double) ((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
}

static const sy_host test_host = {NULL, NULL, sm_seed, sm_uniform, NULL};

static void
test_t(void)
{
	/* R 4.2.2: qt, pt, pbeta */
	check_rel("qt(0.9, 1)", sy_t_quantile(0.9, 1), 3.07768353717525445, 1e-13);
	check_rel("qt(0.975, 1)", sy_t_quantile(0.975, 1), 12.70620473617469415, 1e-13);
	check_rel("qt(0.9, 4)", sy_t_quantile(0.9, 4), 1.53320627405894294, 1e-13);
	check_rel("qt(0.975, 4)", sy_t_quantile(0.975, 4), 2.77644510519779342, 1e-13);
	check_rel("qt(0.975, 1000)", sy_t_quantile(0.975, 1000), 1.96233908082640762, 1e-13);
	check_rel("qt(0.975, 2.5)", sy_t_quantile(0.975, 2.5), 3.57465484200369188, 1e-13);
	check_rel("qt(0.1, 7)", sy_t_quantile(0.1, 7), -1.41492392765050834, 1e-13);
	check_rel("qt(0.999999, 3)", sy_t_quantile(0.999999, 3), 103.29946777942895153, 1e-10);
	check_close("qt(0.5, 3)", sy_t_quantile(0.5, 3), 0.0, 0.0);
	check_rel("pt(2, 3)", sy_t_cdf(2, 3), 0.93033701572057836, 1e-14);
	check_rel("pt(-0.5, 10)", sy_t_cdf(-0.5, 10), 0.31394680287148646, 1e-14);
	check_rel("pbeta(0.3, 2, 5)", sy_incomplete_beta(0.3, 2, 5), 0.579825, 1e-14);
	CHECK(isnan(sy_t_quantile(0.0, 3)) && isnan(sy_t_quantile(1.0, 3)) && isnan(sy_t_quantile(0.9, 0)),
		  "qt outside its domain is NaN");
	CHECK(isnan(sy_t_quantile(0.9, NAN)) && isnan(sy_t_quantile(NAN, 3)) && isnan(sy_t_quantile(0.9, -1)),
		  "qt of NaN p or df, or negative df, is NaN");

	/*
	 * Many degrees of freedom (the Cornish-Fisher expansion from df = 1e5
	 * on; the incomplete beta function lost 1e-10 at 1e5 and every digit
	 * at 1e15), infinite df the normal distribution.  References: mpmath
	 * 1.3 at 50 digits (betainc, erfinv; R's pt approximates beyond df =
	 * 4e5), qnorm and pnorm for infinite df.
	 */
	check_rel("qt(0.975, 1e5)", sy_t_quantile(0.975, 1e5), 1.9599877075346092587, 1e-14);
	check_rel("qt(0.975, 1e8)", sy_t_quantile(0.975, 1e8), 1.9599640082627664408, 1e-14);
	check_rel("qt(0.9, 1e15)", sy_t_quantile(0.9, 1e15), 1.2815515655446014401, 1e-14);
	check_rel("qt(0.975, Inf)", sy_t_quantile(0.975, INFINITY), 1.9599639845400542355, 1e-14);
	check_rel("qt(0.1, 1e6)", sy_t_quantile(0.1, 1e6), -1.2815524121299384488, 1e-14);
	check_rel("qt(1e-10, 1e7): the small tail keeps its digits", sy_t_quantile(1e-10, 1e7),
			  -6.361347496998615474, 1e-14);
	check_rel("qt(0.999999, 1e5)", sy_t_quantile(0.999999, 1e5), 4.7537047163854760717, 1e-14);
	check_rel("pt(2, 1e10)", sy_t_cdf(2, 1e10), 0.97724986803832305117, 1e-15);
	check_rel("pt(2, Inf)", sy_t_cdf(2, INFINITY), 0.9772498680518207928, 1e-15);
	check_rel("pt(-3, 1e6)", sy_t_cdf(-3, 1e6), 0.0013499312707108985294, 1e-13);
	check_rel("pt(-8, 2e5)", sy_t_cdf(-8, 2e5), 6.2538801784301555954e-16, 1e-12);
	check_rel("pt(-30, 1e5)", sy_t_cdf(-30, 1e5), 3.6892684361111168436e-197, 1e-10);
	CHECK(sy_t_cdf(-50, 1e6) == 0.0 && sy_t_cdf(50, 1e6) == 1.0, "pt(-+50, 1e6): 0 and 1");

	/*
	 * Few df: tails so heavy that t^2 / df overflows within them, and
	 * quantiles beyond the largest double (R: Inf).  mpmath 1.3, 50 and
	 * 60 digits (qt(0.975, 0.01) from the leading term of I_x at x ~
	 * 1e-259; its condition number is 2 / df, hence 1e-11).
	 */
	check_rel("pt(1e200, 0.001)", sy_t_cdf(1e200, 0.001), 0.68582678751388493101, 1e-14);
	check_rel("pt(-1e200, 0.001)", sy_t_cdf(-1e200, 0.001), 0.31417321248611506899, 1e-14);
	check_rel("pt(1e300, 0.01)", sy_t_cdf(1e300, 0.01), 0.99951473671424412996, 1e-14);
	check_rel("qt(0.975, 0.01)", sy_t_quantile(0.975, 0.01), 6.364181928400541385e+128, 1e-11);
	CHECK(sy_t_quantile(0.975, 0.001) == INFINITY && sy_t_quantile(0.025, 0.001) == -INFINITY
		  && sy_t_quantile(0.9, 1e-300) == INFINITY,
		  "qt beyond the largest double: -+Inf (%g %g)", sy_t_quantile(0.975, 0.001), sy_t_quantile(0.9, 1e-300));
	{
		const double dfs[3] = {1e5, 3e9, INFINITY};
		const double ps[5] = {0.6, 0.9, 0.975, 0.999, 0.02};

		for (int i = 0; i < 3; i++)
			for (int k = 0; k < 5; k++)
				check_close("pt(qt(p, df), df) = p", sy_t_cdf(sy_t_quantile(ps[k], dfs[i]), dfs[i]), ps[k],
							4e-16);
	}

	/*
	 * The quantile cache: the values computed first (mostly on a cold
	 * cache) come back with the same bits after 2400 other (p, df) pairs
	 * have gone through its 64 entries, in the other order and both tails;
	 * df integer and not.
	 */
	{
		const double p[4] = {0.9, 0.975, 0.6, 0.999};
		static double first[300][4];

		for (int i = 0; i < 300; i++)
			for (int k = 0; k < 4; k++)
				first[i][k] = sy_t_quantile(p[k], i < 150 ? i + 1 : (i - 150) * 0.37 + 0.05);
		for (int rep = 0; rep < 2; rep++)
			for (int i = 299; i >= 0; i--)
				for (int k = 0; k < 4; k++)
				{
					double		df = i < 150 ? i + 1 : (i - 150) * 0.37 + 0.05,
								q = rep ? -sy_t_quantile(1.0 - p[k], df) : sy_t_quantile(p[k], df);

					CHECK(memcmp(&q, &first[i][k], sizeof(q)) == 0,
						  "qt(%g, %g) again (pass %d): %.17g, first %.17g", p[k], df, rep, q, first[i][k]);
				}
		check_rel("qt(0.975, 4) after the cache churned", sy_t_quantile(0.975, 4), 2.77644510519779342, 1e-13);
		check_rel("qt(0.025, 4) after the cache churned", sy_t_quantile(0.025, 4), -2.77644510519779342, 1e-13);
	}
}

static void
test_simple(void)
{
	const double air[] = {3362, 5948, 6109, 5981, 6753, 8003, 10566, 12528, 14760, 16769};
	double		fc[6];
	sy_pi		pi[6];

	/* test/reference/forecast_interval_reference.csv (R's naive / rwf with t quantiles) */
	sy_forecast_naive(air, 10, 6, fc);
	sy_pi_naive(air, 10, fc, 6, pi);
	check_rel("naive lower_80 step 1", pi[0].lower_80, 14315.471546070446, 1e-12);
	check_rel("naive upper_95 step 6", pi[5].upper_95, 26599.108099663958, 1e-12);
	sy_forecast_drift(air, 10, 6, fc);
	sy_pi_drift(air, 10, fc, 6, pi);
	check_rel("drift lower_80 step 1", pi[0].lower_80, 16754.201723570146, 1e-12);
	check_rel("drift upper_95 step 6", pi[5].upper_95, 33158.16914709314, 1e-12);
	/* too short: NaN */
	sy_pi_naive(air, 1, fc, 2, pi);
	CHECK(isnan(pi[0].lower_80) && isnan(pi[1].upper_95), "naive of one value: NaN bounds");
	sy_pi_drift(air, 2, fc, 2, pi);
	CHECK(isnan(pi[0].lower_80), "drift of two values: NaN bounds");

	/* clamp: ordered and within the bounds */
	{
		double		f[2] = {0.5, 0.9};
		sy_pi		b[2] = {{0.6, 0.7, 0.2, 1.3}, {0.8, 1.2, 0.7, 1.5}};

		sy_pi_clamp(f, 2, 0.0, 1.0, b);
		CHECK(b[0].lower_80 == 0.5 && b[0].upper_80 == 0.7 && b[0].lower_95 == 0.2 && b[0].upper_95 == 1.0,
			  "clamp step 1: %g %g %g %g", b[0].lower_80, b[0].upper_80, b[0].lower_95, b[0].upper_95);
		CHECK(b[1].upper_80 == 1.0 && b[1].upper_95 == 1.0 && b[1].lower_95 == 0.7,
			  "clamp step 2: %g %g %g", b[1].upper_80, b[1].upper_95, b[1].lower_95);
	}
	/* MASE's scale and coverage */
	{
		const double y[] = {1, 2, 4, 7};
		const double act[] = {11, 16};
		sy_pi		b[2] = {{3, 10, 0, 12}, {2, 17, 1, 18}};

		check_close("naive MAE scale", sy_naive_mae(y, 4), 2.0, 0.0);
		CHECK(isnan(sy_naive_mae(y, 1)), "naive MAE of one value: NaN");
		check_close("coverage 80", sy_pi_coverage(act, b, 2, 0), 0.5, 0.0);
		check_close("coverage 95", sy_pi_coverage(act, b, 2, 1), 1.0, 0.0);
	}
}

/* fit a model with the test host */
static void
fit(const double *y, int n, sy_bp_transform tr, double lower, double upper, sy_bp_model *m)
{
	sy_bp_options o;
	double	   *work;

	memset(&o, 0, sizeof(o));
	o.lags = 2;
	o.ensemble = 10;
	o.epochs = 20;
	o.learning_rate = 0.15;
	o.decay = 1.0;
	o.transform = tr;
	o.activation = SY_BP_TANH;
	o.lower = lower;
	o.upper = upper;
	o.host = &test_host;
	work = malloc(sizeof(double) * sy_bp_work_size(n, &o));
	m->weights = malloc(sizeof(double) * sy_bp_weights_size(&o));
	CHECK(sy_bp_fit(y, n, &o, work, m) == SY_OK, "fit");
	free(work);
}

static void
bp_intervals(const sy_bp_model *m, const double *y, int n, int h, uint64_t seed,
			 double *fc, sy_pi *pi)
{
	double	   *fw = malloc(sizeof(double) * sy_bp_forecast_work_size(m, n, h));
	double	   *work = malloc(sizeof(double) * sy_pi_bp_work_size(m, n, h, SY_PI_BP_PATHS));

	sy_bp_forecast(m, y, n, h, &test_host, fw, fc);
	sy_pi_bp(m, y, n, h, SY_PI_BP_PATHS, seed, &test_host, work, pi);
	sy_pi_clamp(fc, h, m->lower, m->upper, pi);
	free(fw);
	free(work);
}

static void
test_bp(void)
{
	const double y[] = {3, 4, 4, 6, 7, 9, 8, 10, 12, 13};
	const double ccd[] = {0.62, 0.68, 0.71, 0.77, 0.8, 0.86, 0.9, 0.93, 0.96, 0.98};
	sy_bp_transform tr[] = {SY_BP_DIFFERENCE, SY_BP_LEVEL, SY_BP_DETREND, SY_BP_AUTO};
	double		fc[6],
				fc2[6];
	sy_pi		a[6],
				b[6],
				c[6];
	sy_bp_model m;

	for (int t = 0; t < 4; t++)
	{
		fit(y, 10, tr[t], NAN, NAN, &m);
		bp_intervals(&m, y, 10, 6, 0, fc, a);
		bp_intervals(&m, y, 10, 6, 0, fc2, b);
		bp_intervals(&m, y, 10, 6, 1, fc2, c);
		CHECK(memcmp(a, b, sizeof(a)) == 0, "%s: same seed, same bits", sy_bp_transform_name(tr[t]));
		CHECK(memcmp(a, c, sizeof(a)) != 0, "%s: another seed, other bounds", sy_bp_transform_name(tr[t]));
		for (int k = 0; k < 6; k++)
			CHECK(a[k].lower_95 <= a[k].lower_80 && a[k].lower_80 <= fc[k] && fc[k] <= a[k].upper_80
				  && a[k].upper_80 <= a[k].upper_95 && a[k].lower_95 < a[k].upper_95,
				  "%s step %d: ordered bounds", sy_bp_transform_name(tr[t]), k + 1);
		CHECK(a[5].upper_95 - a[5].lower_95 > a[0].upper_95 - a[0].lower_95,
			  "%s: the interval widens", sy_bp_transform_name(tr[t]));
		free(m.weights);
	}
	/* bounds */
	fit(ccd, 10, SY_BP_AUTO, 0.0, 1.0, &m);
	bp_intervals(&m, ccd, 10, 6, 0, fc, a);
	for (int k = 0; k < 6; k++)
		CHECK(a[k].lower_95 >= 0.0 && a[k].upper_95 <= 1.0, "bounded step %d: [%g, %g]", k + 1,
			  a[k].lower_95, a[k].upper_95);
	CHECK(a[5].upper_95 == 1.0, "bounded: the upper bound reached");
	free(m.weights);
	/* too few one-step errors (5 values, differences, 2 lags: 2 errors, 3 parameters) */
	fit(y, 5, SY_BP_DIFFERENCE, NAN, NAN, &m);
	bp_intervals(&m, y, 5, 2, 0, fc, a);
	CHECK(isnan(a[0].lower_80) && isnan(a[1].upper_95), "too short: NaN bounds");
	free(m.weights);
}

/* which one-step errors the network's intervals take relative to the forecast */
static void
test_errors_relative(void)
{
	const double y[] = {30, 40, 50, 60, 70, 80, 90, 100};
	const double f[] = {40, 50, 60, 70, 80, 90};
	/* 5 % errors: scale 0.05 sqrt((6 + 2) / (6 - 2)) = 0.0707, t(0.975, 4) = 2.776 */
	const double e5[] = {2, -2.5, 3, -3.5, 4, -4.5};
	/* 25 % errors: scale 0.354, times t 0.98 (relative); 26 %: 1.02 (in the units) */
	double		e25[6],
				e26[6],
				y0[] = {30, 0, 50, 60, 70, 80, 90, 100},
				yn[] = {30, 40, NAN, 60, 70, 80, 90, 100},
				fneg[] = {40, 50, -60, 70, 80, 90},
				en[] = {2, -2.5, NAN, -3.5, 4, -4.5};

	for (int i = 0; i < 6; i++)
	{
		e25[i] = (i % 2 ? -0.25 : 0.25) * f[i];
		e26[i] = (i % 2 ? -0.26 : 0.26) * f[i];
	}
	CHECK(sy_pi_errors_relative(y, 8, f, e5, 6, 2), "positive values and forecasts, 5 %% errors: relative");
	CHECK(sy_pi_errors_relative(y, 8, f, e25, 6, 2), "25 %% errors: 95 %% range above 0, relative");
	CHECK(!sy_pi_errors_relative(y, 8, f, e26, 6, 2), "26 %% errors: 95 %% range below 0, in the units");
	CHECK(!sy_pi_errors_relative(y0, 8, f, e5, 6, 2), "a value of 0: in the units");
	CHECK(!sy_pi_errors_relative(yn, 8, f, e5, 6, 2), "a NaN value: in the units");
	CHECK(!sy_pi_errors_relative(y, 8, fneg, e5, 6, 2), "a negative forecast: in the units");
	CHECK(!sy_pi_errors_relative(y, 8, f, en, 6, 2), "a NaN error: in the units");
	CHECK(!sy_pi_errors_relative(y, 8, f, e5, 2, 2), "no degree of freedom: in the units");
}

static int
cmp(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

/*
 * selection against sorting, with ties (few distinct values; most values
 * equal, as paths clamped at a bound), sorted and reversed input, several
 * sizes, and 41 probabilities (more than one batch, 0 and 1, repeated)
 */
static void
test_quantiles(void)
{
	double		p41[41];
	const double p4[4] = {0.025, 0.1, 0.9, 0.975};

	for (int k = 0; k < 41; k++)
		p41[k] = k < 40 ? k / 39.0 : 1.0;
	p41[20] = p41[19];			/* a repeated probability */
	sm_seed(NULL, 42);
	for (int n = 1; n <= 300; n += 13)
		for (int kind = 0; kind < 5; kind++)
			for (int many = 0; many < 2; many++)
			{
				const double *p = many ? p41 : p4;
				int			m = many ? 41 : 4;
				double	   *v = malloc(sizeof(double) * n),
						   *s = malloc(sizeof(double) * n),
							q[41];

				for (int i = 0; i < n; i++)
					v[i] = kind == 0 ? sm_uniform(NULL)
						: kind == 1 ? floor(sm_uniform(NULL) * 5)
						: kind == 2 ? (sm_uniform(NULL) < 0.8 ? 1.0 : sm_uniform(NULL))
						: kind == 3 ? (double) i : (double) (n - i);
				memcpy(s, v, sizeof(double) * n);
				qsort(s, n, sizeof(double), cmp);
				sy_quantiles7(v, n, p, m, q);
				for (int k = 0; k < m; k++)
				{
					double		h = (n - 1) * p[k];
					int			lo = (int) floor(h);
					double		want = lo >= n - 1 ? s[n - 1] : s[lo] + (h - lo) * (s[lo + 1] - s[lo]);

					CHECK(q[k] == want, "quantile %g of %d values (kind %d): got %.17g want %.17g",
						  p[k], n, kind, q[k], want);
				}
				qsort(v, n, sizeof(double), cmp);
				CHECK(memcmp(v, s, sizeof(double) * n) == 0, "%d values (kind %d): v is a permutation", n, kind);
				free(v);
				free(s);
			}
	/* NaN among the values: the selection ends, within the array */
	{
		double		v[100],
					q[4];

		for (int i = 0; i < 100; i++)
			v[i] = i % 3 == 0 ? NAN : sm_uniform(NULL);
		sy_quantiles7(v, 100, p4, 4, q);
		for (int k = 0; k < 4; k++)
			CHECK(isnan(q[k]) || (q[k] >= 0.0 && q[k] < 1.0),
				  "NaN values: quantile %g is NaN or within the values: %g", p4[k], q[k]);
	}
}

int
main(void)
{
	test_quantiles();
	test_t();
	test_simple();
	test_bp();
	test_errors_relative();
	printf("test_forecast_interval: %d checks, %d failures\n", checks, failures);
	return failures > 0;
}
