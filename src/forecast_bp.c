/*
 * forecast_bp.c - bp_forecast(), bp_fit() and bp_forecast(model, ...): the
 * back-propagation network of src/core/bp.c as SQL functions.
 *
 * Random numbers come from pg_prng, seeded per network from the seed
 * argument, so the same call gives the same bits in any backend or parallel
 * worker; training calls CHECK_FOR_INTERRUPTS.  Both through the core's
 * sy_host (sy_server_host).
 */
#include "postgres.h"

#include <math.h>

#include "common/pg_prng.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "sy_pg.h"
#include "sy_forecast.h"
#include "sy_limits.h"

/* ---- the network's options ---- */

static const char *const option_names[] = {
	"lags", "hidden", "ensemble", "epochs", "learning_rate", "decay",
	"dropout", "seed", "lower", "upper", "transform", "activation"
};

static void
option_not_null(FunctionCallInfo fcinfo, int first, int k, const char *fname)
{
	if (PG_ARGISNULL(first + k))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: %s must not be NULL", fname, option_names[k]),
				 errhint("Leave the argument out to use its default.")));
}

static void
bad_option(const char *fname, const char *msg, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: %s", fname, msg),
			 errdetail("%s", detail),
			 errhint("See the defaults and ranges in the reference: docs/forecasting.md.")));
}

static int
int_option(FunctionCallInfo fcinfo, int first, int k, const char *fname)
{
	option_not_null(fcinfo, first, k, fname);
	return PG_GETARG_INT32(first + k);
}

static double
float_option(FunctionCallInfo fcinfo, int first, int k, const char *fname)
{
	double		v;

	option_not_null(fcinfo, first, k, fname);
	v = PG_GETARG_FLOAT8(first + k);
	if (!isfinite(v))
		bad_option(fname, psprintf("%s must be a finite number", option_names[k]),
				   psprintf("%s is %g.", option_names[k], v));
	return v;
}

static double
bound_option(FunctionCallInfo fcinfo, int first, int k, const char *fname)
{
	double		v;

	if (PG_ARGISNULL(first + k))
		return NAN;
	v = PG_GETARG_FLOAT8(first + k);
	if (!isfinite(v))
		bad_option(fname, psprintf("%s must be a finite number or NULL", option_names[k]),
				   psprintf("%s is %g.", option_names[k], v));
	return v;
}

static const SyChoices transforms = {
	"transform", sy_bp_transform_names, SY_BP_NTRANSFORMS,
	"Use 'auto', 'difference', 'level' or 'detrend'."
};

static const SyChoices activations = {
	"activation", sy_bp_activation_names, SY_BP_NACTIVATIONS,
	"Use 'tanh' (the default) or 'sigmoid'."
};

void
sy_bp_options_from_args(FunctionCallInfo fcinfo, int first, const char *fname,
						sy_bp_options *opt)
{
	sy_host    *host;

	memset(opt, 0, sizeof(*opt));
	opt->lags = int_option(fcinfo, first, 0, fname);
	opt->hidden = PG_ARGISNULL(first + 1) ? 0 : PG_GETARG_INT32(first + 1);
	if (!PG_ARGISNULL(first + 1) && opt->hidden < 1)
		bad_option(fname, psprintf("hidden must be between 1 and %d, or NULL to search", SY_BP_MAX_HIDDEN),
				   psprintf("hidden is %d.", opt->hidden));
	opt->ensemble = int_option(fcinfo, first, 2, fname);
	opt->epochs = int_option(fcinfo, first, 3, fname);
	opt->learning_rate = float_option(fcinfo, first, 4, fname);
	opt->decay = float_option(fcinfo, first, 5, fname);
	opt->dropout = float_option(fcinfo, first, 6, fname);
	option_not_null(fcinfo, first, 7, fname);
	opt->seed = (uint64_t) PG_GETARG_INT64(first + 7);
	opt->lower = bound_option(fcinfo, first, 8, fname);
	opt->upper = bound_option(fcinfo, first, 9, fname);
	option_not_null(fcinfo, first, 10, fname);
	opt->transform = (sy_bp_transform) sy_choice(PG_GETARG_TEXT_PP(first + 10), &transforms, fname);
	option_not_null(fcinfo, first, 11, fname);
	opt->activation = (sy_bp_activation) sy_choice(PG_GETARG_TEXT_PP(first + 11), &activations, fname);

	host = palloc(sizeof(sy_host));
	*host = sy_server_host(palloc(sizeof(pg_prng_state)));
	opt->host = host;
}

/* History values must lie within the bounds the forecasts are kept in. */
static void
check_history_bounds(const double *y, int n, double lower, double upper,
					 const char *fname)
{
	for (int i = 0; i < n; i++)
	{
		if ((!isnan(lower) && y[i] < lower) || (!isnan(upper) && y[i] > upper))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: history lies outside [lower, upper]", fname),
					 errdetail("Element %d is %g; the bounds are [%g, %g].", i + 1, y[i],
							   isnan(lower) ? -INFINITY : lower,
							   isnan(upper) ? INFINITY : upper),
					 errhint("Widen the bounds or leave them NULL.")));
	}
}

void
sy_bp_train(const double *y, int n, const sy_bp_options *opt,
			const char *fname, sy_bp_model *model)
{
	const char *msg;
	int			need = sy_bp_min_training(opt);
	size_t		nweights;
	double	   *work;

	/* two training windows at least: lags inputs and a target, twice */
	if (opt->lags >= 1 && opt->lags <= SY_BP_MAX_LAGS && n < need)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: history is too short for %d lags", fname, opt->lags),
				 errdetail_plural("history has %d value; with transform '%s' at least %d are needed.",
								  "history has %d values; with transform '%s' at least %d are needed.",
								  n, n, sy_bp_transform_name(opt->transform), need),
				 errhint("Pass fewer lags or a longer history.")));
	if ((msg = sy_bp_check(n, opt)) != NULL)
		bad_option(fname, msg,
				   psprintf("The options are lags = %d, hidden = %d, ensemble = %d, epochs = %d, "
							"learning_rate = %g, decay = %g, dropout = %g, lower = %g, upper = %g.",
							opt->lags, opt->hidden, opt->ensemble, opt->epochs,
							opt->learning_rate, opt->decay, opt->dropout, opt->lower, opt->upper));
	check_history_bounds(y, n, opt->lower, opt->upper, fname);

	nweights = sy_bp_weights_size(opt);
	/* the ensemble's weights and the training work space */
	sy_group_memory_check(fname, sizeof(double) * ((double) nweights + (double) sy_bp_work_size(n, opt)), -1);
	model->weights = palloc_extended(sizeof(double) * nweights, MCXT_ALLOC_HUGE);
	work = palloc(sizeof(double) * sy_bp_work_size(n, opt));
	if (sy_bp_fit(y, n, opt, work, model) != SY_OK)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: history values are too large to transform", fname),
				 errdetail("Differences or deviations of the history overflow float8."),
				 errhint("Rescale the series (e.g. to thousands or millions) before forecasting.")));
	pfree(work);
}

void
sy_bp_predict(const sy_bp_model *model, const double *y, int n, int horizon,
			  const char *fname, double *out)
{
	double	   *work;
	sy_host		host = sy_server_host(NULL);

	if (n < sy_bp_min_history(model))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: history is too short for the model", fname),
				 errdetail_plural("history has %d value; a model with %d lags needs at least %d.",
								  "history has %d values; a model with %d lags needs at least %d.",
								  n, n, model->lags, sy_bp_min_history(model)),
				 errhint("Pass the whole recent history, in time order.")));
	check_history_bounds(y, n, model->lower, model->upper, fname);
	work = palloc(sizeof(double) * sy_bp_forecast_work_size(model, n, horizon));
	sy_bp_forecast(model, y, n, horizon, &host, work, out);
	for (int k = 0; k < horizon; k++)
		if (!isfinite(out[k]))
			sy_forecast_overflow(fname, k + 1);
	pfree(work);
}

/* ---- SQL functions ---- */

/*
 * bp_forecast(history, horizon, options...): train, forecast, and simulate
 * the intervals when the declaration returns them.  Bound to two C symbols:
 * bp_forecast (named by the 0.2.0 script, two columns) and bp_forecast_pi
 * (0.3.0, six columns).
 */
static void
bp_forecast_compute(FunctionCallInfo fcinfo, sy_forecast_result *res)
{
	const char *fname = "bp_forecast";
	sy_bp_options opt;
	sy_bp_model model;
	const double *y;
	int			n;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		return;					/* no history or no horizon: no rows */
	y = sy_history(PG_GETARG_ARRAYTYPE_P(0), fname, &n);
	res->horizon = sy_horizon(PG_GETARG_INT32(1), fname, "horizon");
	sy_bp_options_from_args(fcinfo, 2, fname, &opt);
	sy_bp_train(y, n, &opt, fname, &model);
	res->forecast = palloc(sizeof(double) * res->horizon);
	sy_bp_predict(&model, y, n, res->horizon, fname, res->forecast);
	if (sy_forecast_wants_intervals(fcinfo))
		res->pi = sy_bp_intervals(&model, y, n, res->forecast, res->horizon, opt.seed, fname);
}

PG_FUNCTION_INFO_V1(bp_forecast);
Datum
bp_forecast(PG_FUNCTION_ARGS)
{
	return sy_forecast_rows_pi(fcinfo, bp_forecast_compute);
}

PG_FUNCTION_INFO_V1(bp_forecast_pi);
Datum
bp_forecast_pi(PG_FUNCTION_ARGS)
{
	return sy_forecast_rows_pi(fcinfo, bp_forecast_compute);
}

PG_FUNCTION_INFO_V1(bp_fit);
Datum
bp_fit(PG_FUNCTION_ARGS)
{
	const char *fname = "bp_fit";
	sy_bp_options opt;
	sy_bp_model model;
	const double *y;
	int			n;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	y = sy_history(PG_GETARG_ARRAYTYPE_P(0), fname, &n);
	sy_bp_options_from_args(fcinfo, 1, fname, &opt);
	sy_bp_train(y, n, &opt, fname, &model);
	PG_RETURN_JSONB_P(sy_bp_model_to_jsonb(&model, &opt, n));
}

/* bp_forecast(model, history, horizon): as above with a stored model; the
 * one-step errors of the intervals come from the history given, seed 0. */
static void
bp_forecast_model_compute(FunctionCallInfo fcinfo, sy_forecast_result *res)
{
	const char *fname = "bp_forecast";
	sy_bp_model model;
	const double *y;
	int			n;

	sy_bp_model_from_jsonb(PG_GETARG_JSONB_P(0), fname, &model);
	y = sy_history(PG_GETARG_ARRAYTYPE_P(1), fname, &n);
	res->horizon = sy_horizon(PG_GETARG_INT32(2), fname, "horizon");
	res->forecast = palloc(sizeof(double) * res->horizon);
	sy_bp_predict(&model, y, n, res->horizon, fname, res->forecast);
	if (sy_forecast_wants_intervals(fcinfo))
		res->pi = sy_bp_intervals(&model, y, n, res->forecast, res->horizon, 0, fname);
}

PG_FUNCTION_INFO_V1(bp_forecast_model);
Datum
bp_forecast_model(PG_FUNCTION_ARGS)
{
	return sy_forecast_rows_pi(fcinfo, bp_forecast_model_compute);
}

PG_FUNCTION_INFO_V1(bp_forecast_model_pi);
Datum
bp_forecast_model_pi(PG_FUNCTION_ARGS)
{
	return sy_forecast_rows_pi(fcinfo, bp_forecast_model_compute);
}
