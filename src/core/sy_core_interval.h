/*
 * sy_core_interval.h - prediction intervals of the forecasting methods
 * (forecast_interval.c): Student t quantiles, analytic intervals of the
 * naive and drift methods and of GM(1,1), simulated intervals of the BP
 * network, the bounds every interval is kept in, and the backtest's MASE
 * and coverage.
 *
 * Plain C99 like the rest of src/core.  An interval that is not defined
 * (too few values to estimate a spread) is NaN, which the glue returns as
 * NULL.
 */
#ifndef SY_CORE_INTERVAL_H
#define SY_CORE_INTERVAL_H

#include <stdbool.h>

#include "sy_core_forecast.h"

/* The two levels every forecast row carries. */
#define SY_PI_LEVEL_80 0.80
#define SY_PI_LEVEL_95 0.95

/* Paths simulated for the BP network's intervals (nnetar's npaths). */
#define SY_PI_BP_PATHS 250

/* Bounds of one forecast step. */
typedef struct sy_pi
{
	double		lower_80;
	double		upper_80;
	double		lower_95;
	double		upper_95;
} sy_pi;

/*
 * Student t distribution function and quantile, df > 0, any size (from df
 * = 1e5 on through the normal distribution and the Cornish-Fisher
 * expansion in 1 / df; infinite df: the normal distribution).  NaN for p
 * outside (0, 1), NaN p, t or df, df <= 0.  The quantile (bisection on the
 * distribution function) is cached per process for the (p, df) pairs last
 * asked for: not thread-safe.
 */
double		sy_t_cdf(double t, double df);
double		sy_t_quantile(double p, double df);

/* Regularised incomplete beta function I_x(a, b), a, b > 0, 0 <= x <= 1. */
double		sy_incomplete_beta(double x, double a, double b);

/*
 * Naive method (random walk): sigma^2 = mean of the squared one-step
 * differences (n - 1 of them), se_h = sigma sqrt(h), t quantiles with
 * n - 1 degrees of freedom.  NaN intervals when n < 2.
 */
void		sy_pi_naive(const double *y, int n, const double *fc, int horizon,
						sy_pi *pi);

/*
 * Drift method (random walk with drift, the slope being the mean step):
 * s^2 = variance of the n - 1 steps (divisor n - 2), se_h = s sqrt(h (1 +
 * h / (n - 1))), t quantiles with n - 2 degrees of freedom.  NaN when n < 3.
 */
void		sy_pi_drift(const double *y, int n, const double *fc, int horizon,
						sy_pi *pi);

/*
 * GM(1,1): empirical intervals from its own out-of-sample errors.  GM(1,1)
 * is refitted on x[0..o-1] at the last origins o (at most 20, o >= 4) and
 * its forecasts of x[o..n-1] compared with the values: e = log(x / f) (on
 * the original scale, x - f, when a value or forecast is not positive).
 * s^2 = mean of e^2 / h over every origin and step h (the errors taken to
 * grow like a random walk's), se_h = s sqrt(h), bounds fc * exp(-+ t se_h)
 * (fc -+ t se_h) with t of (origins - 1) degrees of freedom.  NaN when
 * fewer than 2 origins can be fitted (n < 6).  work: sy_pi_gm11_work_size.
 */
size_t		sy_pi_gm11_work_size(int n);
void		sy_pi_gm11(const double *x, int n, const double *fc, int horizon,
					   double *work, sy_pi *pi);

/*
 * BP network: paths simulated after y[0..n-1].  Each path takes one network
 * of the ensemble (drawn at random: the ensemble's spread) and adds, at each
 * step, to its one-step forecast f from the path so far an innovation
 * s T, T Student t with df degrees of freedom.  s and df come from the
 * one-step errors of the whole model on the history itself (each value from
 * the values before it), with the divisor m - (lags + 1), m errors, as for
 * a linear autoregression with the same inputs; df = m - lags - 1 (at
 * least 1).  When sy_pi_errors_relative says so, the errors are relative
 * (error / forecast) and the innovation is |f| s T: multiplicative errors.  The bounds are the quantiles of the paths (R's type 7).
 * Random numbers from host, seeded from seed.  work: sy_pi_bp_work_size
 * doubles.  The caller orders the bounds around its forecasts and keeps
 * them in the model's bounds with sy_pi_clamp.  NaN intervals when fewer than lags + 2 one-step errors exist.
 */
size_t		sy_pi_bp_work_size(const sy_bp_model *model, int n, int horizon,
							   int npaths);
void		sy_pi_bp(const sy_bp_model *model, const double *y, int n,
					 int horizon, int npaths, uint64_t seed,
					 const sy_host *host, double *work, sy_pi *pi);

/*
 * Whether sy_pi_bp takes the one-step errors e[0..m-1] of the forecasts
 * f[0..m-1] relative to the forecasts: the values y[0..n-1] the forecasts
 * use and every forecast positive, and the relative errors' scale s (as
 * sy_pi_bp computes it, p parameters) small enough that a step's 95 %
 * range stays above 0: s t(0.975, m - p) < 1.  NaN anywhere, or m <= p: no.
 */
bool		sy_pi_errors_relative(const double *y, int n, const double *f,
								  const double *e, int m, int p);

/*
 * Keep every interval within [lower, upper] (NaN: no bound) and ordered:
 * lower_95 <= lower_80 <= fc <= upper_80 <= upper_95.
 */
void		sy_pi_clamp(const double *fc, int horizon, double lower, double upper,
						sy_pi *pi);

/*
 * R's type 7 quantiles of v[0..n-1] (n >= 1) at the increasing
 * probabilities p[0..m-1] into q, by selection; v is reordered.
 */
void		sy_quantiles7(double *v, int n, const double *p, int m, double *q);

/* Mean absolute one-step naive error of y[0..n-1]; NaN when n < 2. */
double		sy_naive_mae(const double *y, int n);

/* Share of actual[k] within [lo_k, hi_k]; NaN when an interval is NaN. */
double		sy_pi_coverage(const double *actual, const sy_pi *pi, int h, int level95);

#endif							/* SY_CORE_INTERVAL_H */
