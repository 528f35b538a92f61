/*
 * test_forecast.c - unit tests of the forecasting core (bp.c, gm11.c,
 * forecast_eval.c), no server.
 *
 * GM(1,1) values come from test/reference/vectors.md and an independent numpy
 * implementation (test/reference/gm11_reference.py); the network is checked
 * for properties that hold whatever the random starts: determinism, the
 * continuation of a straight line, bounds, model checks and interrupts.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sy_exp.h"
#include "sy_core_forecast.h"
#include "test_check.h"

/* a test generator behind the core's sy_host (xorshift128+) */
typedef struct
{
	uint64_t	s0,
				s1;
} xs128;

static uint64_t
xs_next(xs128 *s)
{
	uint64_t	a = s->s0,
				b = s->s1,
				r = a + b;

	b ^= a;
	s->s0 = ((a << 24) | (a >> 40)) ^ b ^ (b << 16);
	s->s1 = (b << 37) | (b >> 27);
	return r;
}

static void
xs_seed(void *state, uint64_t seed)
{
	xs128	   *s = state;

	s->s0 = seed ^ UINT64_C(0x243f6a8885a308d3);
	s->s1 = seed * UINT64_C(0x9e3779b97f4a7c15) + 1;
	for (int i = 0; i < 8; i++)
		xs_next(s);
}

static double
xs_uniform(void *state)
{
	return (double) (xs_next(state) >> 11) * 0x1.0p-53;
}

static xs128 xs_state;
static int	interrupt_calls = 0;

static void
count_interrupts(void *ctx)
{
	(void) ctx;
	interrupt_calls++;
}

static const sy_host test_host = {&xs_state, count_interrupts, xs_seed, xs_uniform, NULL};

static sy_bp_options
default_options(void)
{
	sy_bp_options o;

	memset(&o, 0, sizeof(o));
	o.lags = 2;
	o.hidden = 0;
	o.ensemble = 10;
	o.epochs = 20;
	o.learning_rate = 0.15;
	o.decay = 1.0;
	o.dropout = 0.0;
	o.seed = 0;
	o.transform = SY_BP_DIFFERENCE;
	o.activation = SY_BP_TANH;
	o.lower = NAN;
	o.upper = NAN;
	o.host = &test_host;
	return o;
}

/* fit and forecast; returns the status, model weights malloc'd into *w */
static sy_status
fit_forecast(const double *y, int n, const sy_bp_options *o, int h,
			 sy_bp_model *m, double *out)
{
	double	   *work = malloc(sizeof(double) * sy_bp_work_size(n, o));
	double	   *fw;
	sy_status	st;

	m->weights = malloc(sizeof(double) * sy_bp_weights_size(o));
	st = sy_bp_fit(y, n, o, work, m);
	free(work);
	if (st != SY_OK)
		return st;
	fw = malloc(sizeof(double) * sy_bp_forecast_work_size(m, n, h));
	sy_bp_forecast(m, y, n, h, NULL, fw, out);
	free(fw);
	return st;
}

static void
test_exp(void)
{
	double		worst = 0.0;
	uint64_t	z = 88172645463325252ULL;

	for (int i = 0; i < 2000000; i++)
	{
		double		y,
					rel;

		z ^= z << 13;
		z ^= z >> 7;
		z ^= z << 17;
		y = (i < 1000000 ? 700.0 : 2.0) * (double) (z >> 11) * 0x1.0p-53;
		rel = fabs(sy_exp_neg(y) - exp(-y)) / exp(-y);
		if (rel > worst)
			worst = rel;
	}
	CHECK(worst < 5e-16, "sy_exp_neg worst relative error %g", worst);
	CHECK(sy_exp_neg(0.0) == 1.0, "e^0 = %g", sy_exp_neg(0.0));
	CHECK(sy_exp_neg(701.0) == 0.0 && sy_exp_neg(INFINITY) == 0.0, "beyond 700: 0");
	CHECK(sy_exp_neg(1e-300) == 1.0, "tiny y");
}

static void
test_gm11(void)
{
	const double x[] = {71.1, 72.4, 72.4, 72.1, 71.4, 72.0, 71.6};
	const double want_fit[] = {71.1, 72.40574144042694, 72.23623656189375, 72.06712850138865,
	71.89841632994285, 71.73009912077396, 71.56217594925329};
	const double want_fc[] = {71.39464589292038, 71.22750803147937, 71.06076144678809};
	double		fitted[7],
				fc[3];
	sy_gm11		g;

	CHECK(sy_gm11_fit(x, 7, &g, fitted) == SY_OK, "gm11 fit ok");
	check_rel("gm11 a", g.a, 0.0023437864785233286, 1e-9);
	check_rel("gm11 b", g.b, 72.6572696036787, 1e-12);
	for (int k = 0; k < 7; k++)
		check_rel("gm11 fitted", fitted[k], want_fit[k], 1e-12);
	sy_gm11_forecast(&g, x[0], 7, 3, fc);
	for (int k = 0; k < 3; k++)
		check_rel("gm11 forecast", fc[k], want_fc[k], 1e-12);
	check_rel("gm11 C", g.c, 0.4807397363420026, 1e-9);
	CHECK(g.p == 6.0 / 7.0 && g.grade == 2, "gm11 P %g grade %d", g.p, g.grade);
	CHECK(g.ratio_min > g.ratio_lower && g.ratio_max < g.ratio_upper, "gm11 class ratios pass");

	/* scale equivariance: a unchanged, b and the fit scale */
	{
		double		xs[7],
					fs[7];
		sy_gm11		gs;

		for (int k = 0; k < 7; k++)
			xs[k] = x[k] * 1e250;
		CHECK(sy_gm11_fit(xs, 7, &gs, fs) == SY_OK, "gm11 fit of huge values ok");
		check_rel("gm11 a at 1e250", gs.a, g.a, 1e-12);
		check_rel("gm11 b at 1e250", gs.b, g.b * 1e250, 1e-12);
		check_rel("gm11 fitted at 1e250", fs[6], fitted[6] * 1e250, 1e-12);
	}
	/* constant: a = 0 (not -0), exact fit, C undefined */
	{
		const double c[] = {3, 3, 3, 3, 3};
		double		f[5];
		sy_gm11		gc;

		CHECK(sy_gm11_fit(c, 5, &gc, f) == SY_OK, "gm11 constant ok");
		CHECK(gc.a == 0.0 && !signbit(gc.a) && gc.b == 3.0, "gm11 constant a %g b %g", gc.a, gc.b);
		CHECK(f[4] == 3.0 && isnan(gc.c) && isnan(gc.p) && gc.grade == 0, "gm11 constant fit");
	}
	/* zeros after the first value: undefined */
	{
		const double z[] = {4, 0, 0, 0};
		double		f[4];
		sy_gm11		gz;

		CHECK(sy_gm11_fit(z, 4, &gz, f) == SY_UNDEFINED, "gm11 zeros undefined");
	}
}

static void
test_benchmarks_and_accuracy(void)
{
	const double y[] = {1, 2, 3, 4};
	const double actual[] = {6, 8};
	double		f[2];
	sy_accuracy acc;

	sy_forecast_naive(y, 4, 2, f);
	CHECK(f[0] == 4 && f[1] == 4, "naive repeats the last value");
	sy_forecast_accuracy(actual, f, 2, &acc);
	CHECK(acc.mae == 3 && acc.rmse == sqrt(10.0), "naive MAE %g RMSE %g", acc.mae, acc.rmse);
	check_rel("naive MAPE", acc.mape, 100.0 * (2.0 / 6 + 4.0 / 8) / 2, 1e-15);
	check_rel("naive sMAPE", acc.smape, 100.0 * (2.0 / 10 + 4.0 / 12), 1e-15);
	sy_forecast_drift(y, 4, 2, f);
	CHECK(f[0] == 5 && f[1] == 6, "drift extends the first-last line");
	{
		const double zeros[] = {0, 0};
		const double zf[] = {0, 1};

		sy_forecast_accuracy(zeros, zf, 2, &acc);
		CHECK(isnan(acc.mape) && acc.smape == 100.0, "MAPE NaN at zero actuals, sMAPE %g", acc.smape);
	}
}

static void
test_bp(void)
{
	double		line[10],
				out1[6],
				out2[6];
	sy_bp_options o = default_options();
	sy_bp_model m1,
				m2;

	for (int i = 0; i < 10; i++)
		line[i] = 2.5 + 0.5 * (i + 1);

	/* a straight line is continued */
	CHECK(fit_forecast(line, 10, &o, 6, &m1, out1) == SY_OK, "bp fit of a line");
	for (int k = 0; k < 6; k++)
		CHECK(fabs(out1[k] - (2.5 + 0.5 * (11 + k))) < 1e-3, "line step %d: %g", k + 1, out1[k]);
	CHECK(m1.n_search == SY_BP_SEARCH_SIZES && m1.hidden >= 3 && m1.hidden <= 12,
		  "search over ten sizes, chose %d", m1.hidden);
	free(m1.weights);

	/* determinism: same seed same bits, another seed other bits */
	{
		const double y[] = {0.41, 0.44, 0.46, 0.50, 0.51, 0.55, 0.58, 0.60, 0.63, 0.66};
		double		out3[6];

		CHECK(fit_forecast(y, 10, &o, 6, &m1, out1) == SY_OK, "bp fit 1");
		CHECK(fit_forecast(y, 10, &o, 6, &m2, out2) == SY_OK, "bp fit 2");
		CHECK(memcmp(out1, out2, sizeof(out1)) == 0, "same seed, same bits");
		free(m2.weights);
		o.seed = 7;
		CHECK(fit_forecast(y, 10, &o, 6, &m2, out3) == SY_OK, "bp fit seed 7");
		CHECK(memcmp(out1, out3, sizeof(out1)) != 0, "another seed, other bits");
		free(m2.weights);
		for (int k = 0; k < 6; k++)
			CHECK(out1[k] > 0.66 && (k == 0 || out1[k] > out1[k - 1]), "growing series keeps growing at %d: %g",
				  k + 1, out1[k]);
		/* bounds */
		o.upper = 0.7;
		CHECK(fit_forecast(y, 10, &o, 6, &m2, out3) == SY_OK, "bp fit bounded");
		for (int k = 0; k < 6; k++)
			CHECK(out3[k] <= 0.7, "upper bound at %d: %g", k + 1, out3[k]);
		CHECK(out3[5] == 0.7, "the bound is reached: %g", out3[5]);
		free(m2.weights);
		o.upper = NAN;
		o.seed = 0;

		/* model checks */
		CHECK(sy_bp_model_check(&m1) == NULL, "a fitted model passes its check");
		m1.weights[3] = NAN;
		CHECK(sy_bp_model_check(&m1) != NULL, "NaN weight rejected");
		m1.weights[3] = 0.0;
		m1.scale = 0.0;
		CHECK(sy_bp_model_check(&m1) != NULL, "zero scale rejected");
		m1.scale = 1.0;
		m1.lower = 2.0;
		m1.upper = 1.0;
		CHECK(sy_bp_model_check(&m1) != NULL, "lower > upper rejected");
		free(m1.weights);
	}

	/* option checks */
	o = default_options();
	CHECK(sy_bp_check(10, &o) == NULL, "defaults pass");
	CHECK(sy_bp_check(4, &o) != NULL, "4 values, 2 lags on differences: too short");
	CHECK(sy_bp_check(5, &o) == NULL, "5 values, 2 lags on differences: enough");
	o.lags = 0;
	CHECK(sy_bp_check(10, &o) != NULL &&
		  strcmp(sy_bp_check(10, &o), "lags must be between 1 and 100") == 0,
		  "lags 0 rejected, the message names the limit");
	o = default_options();
	o.epochs = SY_BP_MAX_EPOCHS + 1;
	CHECK(sy_bp_check(10, &o) != NULL &&
		  strcmp(sy_bp_check(10, &o), "epochs must be between 1 and 1000000") == 0,
		  "epochs above the limit rejected, the message names it");
	o = default_options();
	o.dropout = 1.0;
	CHECK(sy_bp_check(10, &o) != NULL, "dropout 1 rejected");
	o = default_options();
	o.lower = 1.0;
	o.upper = 1.0;
	CHECK(sy_bp_check(10, &o) != NULL, "lower = upper rejected");

	/* interrupts are polled during long trainings */
	{
		double		y[2000];

		o = default_options();
		for (int i = 0; i < 2000; i++)
			y[i] = sin(i * 0.1);
		o.hidden = 20;
		o.ensemble = 1;
		o.epochs = 100;
		interrupt_calls = 0;
		CHECK(fit_forecast(y, 2000, &o, 3, &m1, out1) == SY_OK, "long fit ok");
		CHECK(interrupt_calls >= 10, "interrupts polled %d times", interrupt_calls);
		free(m1.weights);
	}

	/* each transform and activation runs and gives finite forecasts */
	for (int t = 0; t < SY_BP_NTRANSFORMS; t++)
		for (int a = 0; a < 2; a++)
		{
			const double y[] = {3, 4, 4, 6, 7, 9, 8, 10, 12, 13};

			o = default_options();
			o.transform = (sy_bp_transform) t;
			o.activation = (sy_bp_activation) a;
			o.dropout = 0.1;
			CHECK(fit_forecast(y, 10, &o, 6, &m1, out1) == SY_OK, "transform %d activation %d", t, a);
			for (int k = 0; k < 6; k++)
				CHECK(isfinite(out1[k]), "finite forecast");
			free(m1.weights);
		}
}

/*
 * transform 'auto': the parts are the plain networks, SES and drift, the
 * forecast their combination with the weights validation chose; the weights drop one part
 * and sum to 1; a straight line is continued; a series that alternates
 * about its mean is not extrapolated; determinism and bounds.
 */
static void
test_bp_auto(void)
{
	const double y[] = {3, 4, 4, 6, 7, 9, 8, 10, 12, 13};
	sy_bp_options o = default_options(),
				p;
	sy_bp_model ma,
				md,
				ml,
				m2;
	double		fa[6],
				fd[6],
				fl[6],
				f2[6],
				want[6],
				sum = 0.0;
	int			zeros = 0;

	o.transform = SY_BP_AUTO;
	CHECK(sy_bp_max_hidden(&o) == 3, "auto, hidden NULL: the rule's smallest size, %d", sy_bp_max_hidden(&o));
	CHECK(sy_bp_weights_size(&o) == 2 * 10 * sy_bp_nparam(2, 3), "auto holds two ensembles");
	CHECK(sy_bp_check(4, &o) != NULL && sy_bp_check(5, &o) == NULL, "auto needs the history differences need");
	CHECK(fit_forecast(y, 10, &o, 6, &ma, fa) == SY_OK, "auto fit");
	CHECK(ma.transform == SY_BP_AUTO && ma.hidden == 3 && ma.auto_origins == SY_BP_AUTO_ORIGINS,
		  "auto: hidden %d, %d origins", ma.hidden, ma.auto_origins);
	CHECK(sy_bp_model_check(&ma) == NULL, "an auto model passes its check");
	for (int j = 0; j < SY_BP_AUTO_PARTS; j++)
	{
		CHECK(ma.combine[j] >= 0.0 && ma.combine[j] <= 1.0 && isfinite(ma.auto_smape[j]),
			  "part %d: weight %g, validation sMAPE %g", j, ma.combine[j], ma.auto_smape[j]);
		sum += ma.combine[j];
		zeros += ma.combine[j] == 0.0;
	}
	check_close("auto weights sum", sum, 1.0, 1e-15);
	CHECK(zeros == 1, "the worst part is dropped (%d zero weights)", zeros);
	for (int j = 0; j < SY_BP_AUTO_PARTS; j++)
		if (ma.combine[j] == 0.0)
			for (int i = 0; i < SY_BP_AUTO_PARTS; i++)
				CHECK(ma.auto_smape[j] >= ma.auto_smape[i], "the dropped part has the largest error");

	/* the parts are the plain networks with the same hidden size */
	p = default_options();
	p.hidden = 3;
	CHECK(fit_forecast(y, 10, &p, 6, &md, fd) == SY_OK, "difference, hidden 3");
	CHECK(memcmp(md.weights, ma.weights, sizeof(double) * 10 * sy_bp_nparam(2, 3)) == 0
		  && md.center == ma.center && md.scale == ma.scale,
		  "auto's difference networks are those of transform 'difference'");
	p.transform = SY_BP_LEVEL;
	CHECK(fit_forecast(y, 10, &p, 6, &ml, fl) == SY_OK, "level, hidden 3");
	CHECK(memcmp(ml.weights, ma.level_weights, sizeof(double) * 10 * sy_bp_nparam(2, 3)) == 0
		  && ml.center == ma.level_center && ml.scale == ma.level_scale,
		  "auto's level networks are those of transform 'level'");
	CHECK(ma.ses_alpha == sy_ses_alpha(y, 10), "SES alpha from the whole history");
	for (int k = 0; k < 6; k++)
	{
		double		parts[SY_BP_AUTO_PARTS] = {fd[k], fl[k], sy_ses_level(y, 10, ma.ses_alpha),
		13.0 + (13.0 - 3.0) / 9 * (k + 1)};

		want[k] = 0.0;
		for (int j = 0; j < SY_BP_AUTO_PARTS; j++)
			if (ma.combine[j] != 0.0)
				want[k] += ma.combine[j] * parts[j];
	}
	CHECK(memcmp(want, fa, sizeof(fa)) == 0, "auto forecast = the weighted parts, bit for bit");
	free(md.weights);
	free(ml.weights);

	/* one member: network j of both ensembles */
	{
		sy_bp_model one;
		double	   *fw = malloc(sizeof(double) * sy_bp_forecast_work_size(&ma, 10, 6));

		sy_bp_model_member(&ma, 4, &one);
		CHECK(one.ensemble == 1 && one.weights == ma.weights + 4 * sy_bp_nparam(2, 3)
			  && one.level_weights == ma.level_weights + 4 * sy_bp_nparam(2, 3),
			  "member 4 of an auto model: network 4 of both ensembles");
		sy_bp_forecast(&one, y, 10, 6, NULL, fw, f2);
		for (int k = 0; k < 6; k++)
			CHECK(isfinite(f2[k]), "member forecast finite");
		free(fw);
	}

	/* determinism */
	CHECK(fit_forecast(y, 10, &o, 6, &m2, f2) == SY_OK && memcmp(fa, f2, sizeof(fa)) == 0,
		  "auto: same seed, same bits");
	free(m2.weights);

	/* model checks */
	ma.combine[0] += 0.5;
	CHECK(sy_bp_model_check(&ma) != NULL, "weights not summing to 1 rejected");
	ma.combine[0] -= 0.5;
	ma.level_weights[2] = NAN;
	CHECK(sy_bp_model_check(&ma) != NULL, "NaN level weight rejected");
	ma.level_weights[2] = 0.0;
	ma.ses_alpha = 0.0;
	CHECK(sy_bp_model_check(&ma) != NULL, "ses_alpha 0 rejected");
	free(ma.weights);

	/* a straight line is continued */
	{
		double		line[10];

		for (int i = 0; i < 10; i++)
			line[i] = 2.5 + 0.5 * (i + 1);
		CHECK(fit_forecast(line, 10, &o, 6, &ma, fa) == SY_OK, "auto fit of a line");
		for (int k = 0; k < 6; k++)
			CHECK(fabs(fa[k] - (2.5 + 0.5 * (11 + k))) < 1e-2, "auto line step %d: %g", k + 1, fa[k]);
		CHECK(ma.combine[0] + ma.combine[3] == 1.0 && ma.combine[0] > 0.0,
			  "the line: the difference networks and drift validate without error and share the weight: %g %g",
			  ma.combine[0], ma.combine[3]);
		free(ma.weights);
	}
	/* alternating about 10: forecasts stay near the mean, not beyond the range */
	{
		const double alt[] = {9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11};

		CHECK(fit_forecast(alt, 12, &o, 6, &ma, fa) == SY_OK, "auto fit of an alternating series");
		for (int k = 0; k < 6; k++)
			CHECK(fa[k] >= 9.0 && fa[k] <= 11.0, "alternating step %d: %g", k + 1, fa[k]);
		free(ma.weights);
	}
	/* bounds; too short to validate: equal weights */
	{
		o.upper = 13.5;
		CHECK(fit_forecast(y, 10, &o, 6, &ma, fa) == SY_OK, "auto bounded");
		for (int k = 0; k < 6; k++)
			CHECK(fa[k] <= 13.5, "auto upper bound at %d: %g", k + 1, fa[k]);
		free(ma.weights);
		o.upper = NAN;
		CHECK(fit_forecast(y, 5, &o, 3, &ma, fa) == SY_OK && ma.auto_origins == 0
			  && ma.combine[0] == 0.25 && ma.combine[3] == 0.25 && isnan(ma.auto_smape[1]),
			  "5 values, 2 lags: no origin, a quarter each");
		free(ma.weights);
	}
	/* SES */
	{
		const double c[] = {4, 4, 4, 4};
		const double rw[] = {1, 3, 2, 5, 4, 6};

		CHECK(sy_ses_alpha(c, 4) == 1.0 / SY_BP_SES_GRID && sy_ses_level(c, 4, 0.3) == 4.0,
			  "SES on a constant: the smallest alpha, the constant");
		CHECK(sy_ses_level(rw, 6, 1.0) == 6.0, "SES with alpha 1 is naive");
		check_rel("SES level", sy_ses_level(rw, 3, 0.5), (1.0 + 3.0) / 2 * 0.5 + 2.0 * 0.5, 1e-15);
	}
}

int
main(void)
{
	test_exp();
	test_gm11();
	test_benchmarks_and_accuracy();
	test_bp();
	test_bp_auto();
	printf("test_forecast: %d checks, %d failures\n", checks, failures);
	return failures ? 1 : 0;
}
