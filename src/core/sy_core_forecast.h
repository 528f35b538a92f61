/*
 * sy_core_forecast.h - forecasting in the numeric core: a back-propagation
 * network on sliding windows (bp.c), the grey model GM(1,1) (gm11.c) and
 * the simple benchmarks and accuracy measures (forecast_eval.c).
 *
 * Plain C99 like the rest of src/core.  Random numbers and interrupt
 * checks come from the caller's sy_host (sy_core.h), so the server uses
 * pg_prng and the unit tests their own generator.
 */
#ifndef SY_CORE_FORECAST_H
#define SY_CORE_FORECAST_H

#include <stdbool.h>

#include "sy_core.h"

/* Limits, so a hostile call cannot ask for unbounded memory or time. */
#define SY_FC_MAX_HISTORY 100000
#define SY_FC_MAX_HORIZON 10000
#define SY_BP_MAX_LAGS 100
#define SY_BP_MAX_HIDDEN 200
#define SY_BP_MAX_ENSEMBLE 1000
#define SY_BP_MAX_EPOCHS 1000000
#define SY_BP_SEARCH_SIZES 10	/* a = 1..10 in k = round(sqrt(m + h)) + a */

/* How the series is turned into the network's training signal. */
typedef enum sy_bp_transform
{
	SY_BP_DIFFERENCE = 0,		/* first differences; output shrinks to drift */
	SY_BP_LEVEL,				/* the values; output shrinks to the mean */
	SY_BP_DETREND,				/* residuals of a straight line; shrinks to it */
	SY_BP_AUTO					/* networks on differences and on levels,
								 * exponential smoothing and drift, weighted
								 * by their errors on the history's last
								 * origins */
} sy_bp_transform;
#define SY_BP_NTRANSFORMS 4

/*
 * transform 'auto': the parts it combines, the origins it validates on and
 * the networks per validation fit.
 */
#define SY_BP_AUTO_PARTS 4		/* difference network, level network, SES, drift */
#define SY_BP_AUTO_ORIGINS 5	/* rolling origins: the last 5 the history allows */
#define SY_BP_AUTO_VAL_ENSEMBLE 2	/* networks per part and origin */
#define SY_BP_SES_GRID 20		/* SES smoothing alpha = 1/20, 2/20, ..., 1 */

typedef enum sy_bp_activation
{
	SY_BP_TANH = 0,
	SY_BP_SIGMOID
} sy_bp_activation;
#define SY_BP_NACTIVATIONS 2

/* The names of the transforms and activations, indexed by value. */
extern const char *const sy_bp_transform_names[SY_BP_NTRANSFORMS];
extern const char *const sy_bp_activation_names[SY_BP_NACTIVATIONS];

typedef struct sy_bp_options
{
	int			lags;			/* inputs per window */
	int			hidden;			/* hidden nodes; 0 = search the paper's rule */
	int			ensemble;		/* networks averaged */
	int			epochs;			/* full-batch training passes */
	double		learning_rate;	/* Adam step size */
	double		decay;			/* L2 penalty on every weight */
	double		dropout;		/* share of hidden nodes dropped per pass */
	uint64_t	seed;
	sy_bp_transform transform;
	sy_bp_activation activation;
	double		lower;			/* bounds of the forecast; NaN = none */
	double		upper;
	const sy_host *host;		/* seed, random_double, check_interrupts */
} sy_bp_options;

/* Parameters of one network with L inputs and H hidden nodes. */
static inline size_t
sy_bp_nparam(int lags, int hidden)
{
	return (size_t) hidden * (size_t) (lags + 2) + 1;
}

/*
 * A trained model.  weights holds ensemble networks one after the other,
 * each laid out as W1 (hidden x lags, row-major), b1 (hidden), w2 (hidden),
 * b2.  The transformed series t is scaled as (t - center) / scale.  The
 * transform itself (differences, or residuals of a straight line) is applied
 * to whatever history is forecast from; center and scale are the model's.
 */
typedef struct sy_bp_model
{
	int			lags;
	int			hidden;
	int			ensemble;
	sy_bp_transform transform;
	sy_bp_activation activation;
	double		center;
	double		scale;
	double		lower;
	double		upper;
	double	   *weights;
	/* training record */
	int			samples;		/* training windows */
	double		train_rmse;		/* one-step, transformed units, all windows */
	int			n_search;		/* hidden sizes tried (0: fixed or too short) */
	int			search_hidden[SY_BP_SEARCH_SIZES];
	double		search_rmse[SY_BP_SEARCH_SIZES];	/* validation, per size */
	int			validation_windows;
	double		validation_rmse;	/* of the chosen size; NaN if no search */

	/*
	 * transform SY_BP_AUTO only (zero otherwise): weights, center and scale
	 * above are the networks on differences; level_* the networks on levels
	 * (same lags, hidden and ensemble); ses_alpha the smoothing of the
	 * exponential smoothing part; combine the weights of the parts
	 * (difference, level, SES, drift; they sum to 1).  The forecast is
	 * combine[0] * difference + combine[1] * level + combine[2] * SES
	 * + combine[3] * drift, parts of weight 0 left out.
	 */
	double		level_center;
	double		level_scale;
	double	   *level_weights;
	double		ses_alpha;
	double		combine[SY_BP_AUTO_PARTS];
	/* training record of 'auto': origins validated on and, per part, the
	 * sum over them of the sMAPE of its forecasts (NaN if no origin) */
	int			auto_origins;
	double		auto_smape[SY_BP_AUTO_PARTS];
} sy_bp_model;

/* Names of the parts of an 'auto' model, as stored models spell them. */
extern const char *const sy_bp_auto_part_names[SY_BP_AUTO_PARTS];

/* Names as the SQL functions and stored models spell them; parse is false
 * for an unknown name. */
const char *sy_bp_transform_name(sy_bp_transform t);
const char *sy_bp_activation_name(sy_bp_activation a);
bool		sy_bp_transform_parse(const char *s, sy_bp_transform *t);
bool		sy_bp_activation_parse(const char *s, sy_bp_activation *a);

/* Check options and history length; returns NULL or a message. */
const char *sy_bp_check(int n, const sy_bp_options *opt);

/* Fewest history values the transform and lags of opt can train on. */
int			sy_bp_min_training(const sy_bp_options *opt);

/* Hidden size the weights buffer must hold: opt->hidden or the largest
 * size the search may choose. */
int			sy_bp_max_hidden(const sy_bp_options *opt);

/* Doubles of work sy_bp_fit needs. */
size_t		sy_bp_work_size(int n, const sy_bp_options *opt);

/* Doubles model->weights must hold for sy_bp_fit: opt->ensemble *
 * sy_bp_nparam(lags, sy_bp_max_hidden(opt)), twice for 'auto'. */
size_t		sy_bp_weights_size(const sy_bp_options *opt);

/*
 * Train on y[0..n-1]; model->weights must hold sy_bp_weights_size(opt)
 * doubles (an 'auto' model's level_weights point into it).
 */
sy_status	sy_bp_fit(const double *y, int n, const sy_bp_options *opt,
					  double *work, sy_bp_model *model);

/* Doubles of work sy_bp_forecast needs. */
size_t		sy_bp_forecast_work_size(const sy_bp_model *model, int n, int horizon);

/*
 * Forecast horizon steps after y[0..n-1] (n >= the model's minimum, see
 * sy_bp_min_history) by feeding forecasts back as inputs, averaging the
 * networks.
 */
void		sy_bp_forecast(const sy_bp_model *model, const double *y, int n,
						   int horizon, const sy_host *host,
						   double *work, double *out);

/*
 * member: a view of network j (0 <= j < ensemble) of model alone, as a
 * model with ensemble 1 sharing model's weights; for 'auto', network j of
 * both ensembles, with the same combination.  For simulating paths.
 */
void		sy_bp_model_member(const sy_bp_model *model, int j, sy_bp_model *member);

/* Shortest history a model can forecast from. */
int			sy_bp_min_history(const sy_bp_model *model);
/* The spread of y's training signal under tr (0 when nothing varies). */
double		sy_bp_signal_spread(sy_bp_transform tr, const double *y, int n);

/* Simple exponential smoothing: the alpha of the grid k / SY_BP_SES_GRID
 * with the least sum of squared one-step errors over y[0..n-1] (level
 * starting at y[0]), and the last level of y with a given alpha. */
double		sy_ses_alpha(const double *y, int n);
double		sy_ses_level(const double *y, int n, double alpha);

/* Check a model read from outside (a stored jsonb); NULL or a message. */
const char *sy_bp_model_check(const sy_bp_model *model);

/* ---- gm11.c ---- */

typedef struct sy_gm11
{
	double		a;				/* development coefficient */
	double		b;				/* grey input */
	double		c;				/* posterior variance ratio S2 / S1; NaN if S1 = 0 */
	double		p;				/* small error probability; NaN if S1 = 0 */
	int			grade;			/* 1 good .. 4 fail; 0 if undefined */
	double		mean_relative_error;	/* mean |e_k| / x_k over k = 2..n; NaN if a zero */
	double		ratio_min;		/* class ratios x(k-1) / x(k), k = 2..n */
	double		ratio_max;		/* NaN when some x(k) = 0 */
	double		ratio_lower;	/* admissible interval exp(-+2 / (n + 1)) */
	double		ratio_upper;
} sy_gm11;

#define SY_GM11_MIN_HISTORY 4

/*
 * Fit GM(1,1) to x[0..n-1] (finite, non-negative, n >= 4); fitted[0..n-1]
 * receives the restored values (fitted[0] = x[0]).  SY_UNDEFINED when the
 * accumulated background values do not vary (all of x[1..] zero).
 */
sy_status	sy_gm11_fit(const double *x, int n, sy_gm11 *fit, double *fitted);

/* Values n+1 .. n+horizon of the fitted model. */
void		sy_gm11_forecast(const sy_gm11 *fit, double x0, int n, int horizon,
							 double *out);

/* ---- forecast_eval.c ---- */

/* Last value, repeated. */
void		sy_forecast_naive(const double *y, int n, int horizon, double *out);

/* The line through the first and last values, extended. */
void		sy_forecast_drift(const double *y, int n, int horizon, double *out);

typedef struct sy_accuracy
{
	double		mae;
	double		rmse;
	double		mape;			/* percent; NaN when an actual value is 0 */
	double		smape;			/* percent, 200 |f - a| / (|f| + |a|); 0 when both 0 */
} sy_accuracy;

void		sy_forecast_accuracy(const double *actual, const double *forecast,
								 int h, sy_accuracy *acc);

#endif							/* SY_CORE_FORECAST_H */
