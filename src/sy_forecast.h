/*
 * sy_forecast.h - server glue shared by the forecasting functions
 * (forecast_series.c, forecast_bp.c, forecast_model.c, forecast_gm11.c,
 * forecast_backtest.c).
 */
#ifndef SY_FORECAST_H
#define SY_FORECAST_H

#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/jsonb.h"

#include "sy_core_forecast.h"
#include "sy_core_interval.h"

/* ---- forecast_series.c: series arguments and results ---- */

/*
 * The values of a history argument: one-dimensional float8[], no NULL and
 * only finite elements, at most SY_FC_MAX_HISTORY.  A pointer into the array.
 */
extern const double *sy_history(ArrayType *a, const char *fname, int *n);

/* horizon (or holdout) argument: 1 .. SY_FC_MAX_HORIZON. */
extern int	sy_horizon(int32 h, const char *fname, const char *argname);

/*
 * Rows (step, forecast, lower_80, upper_80, lower_95, upper_95) of a
 * set-returning function: on the first call, compute fills horizon,
 * forecast and pi (NULL, or NaN members: NULL bounds), all palloc'd in a
 * short-lived context; later calls hand out one row each.  The rows have as
 * many columns as the SQL declaration: 2 (step, forecast) under a 0.2.0
 * script, 6 since 0.3.0; sy_forecast_wants_intervals tells a compute
 * function whether the intervals will be returned at all.
 */
typedef struct sy_forecast_result
{
	int			horizon;
	double	   *forecast;
	sy_pi	   *pi;
} sy_forecast_result;
typedef void (*sy_forecast_compute_pi) (FunctionCallInfo fcinfo, sy_forecast_result *res);
extern Datum sy_forecast_rows_pi(FunctionCallInfo fcinfo, sy_forecast_compute_pi compute);
extern bool sy_forecast_wants_intervals(FunctionCallInfo fcinfo);

/* Bounds: NULL -> NaN; a finite number, lower < upper (22023 otherwise);
 * history within them. */
extern void sy_forecast_bounds(FunctionCallInfo fcinfo, int arg_lower,
							   const char *fname, double *lower, double *upper);
extern void sy_history_in_bounds(const double *y, int n, double lower, double upper,
								 const char *fname);

/* The intervals of a network's forecasts (forecast_intervals.c). */
extern sy_pi *sy_bp_intervals(const sy_bp_model *model, const double *y, int n,
							  const double *fc, int horizon, uint64_t seed,
							  const char *fname);

/* forecast_gm11.c: the NOTICE (01000) for a series failing the class-ratio check. */
extern void sy_gm11_ratio_notice(const sy_gm11 *fit, const char *fname);

/* The error for a non-finite forecast (values too large for float8). */
extern void sy_forecast_overflow(const char *fname, int step);

/* ---- forecast_bp.c: the BP network ---- */

/*
 * The network options of bp_forecast, bp_fit and forecast_backtest, which
 * all list them in the same order from argument first: lags, hidden,
 * ensemble, epochs, learning_rate, decay, dropout, seed, lower, upper,
 * transform, activation.  host is filled in (sy_server_host, pg_prng).
 */
extern void sy_bp_options_from_args(FunctionCallInfo fcinfo, int first,
									const char *fname, sy_bp_options *opt);

/* Train on y (checked against opt and its bounds); weights palloc'd. */
extern void sy_bp_train(const double *y, int n, const sy_bp_options *opt,
						const char *fname, sy_bp_model *model);

/* Forecast from a model; out has horizon doubles; errors name fname. */
extern void sy_bp_predict(const sy_bp_model *model, const double *y, int n,
						  int horizon, const char *fname, double *out);

/* forecast_model.c: the model as jsonb, and back (validated). */
extern Jsonb *sy_bp_model_to_jsonb(const sy_bp_model *model, const sy_bp_options *opt,
								   int history_length);
extern void sy_bp_model_from_jsonb(Jsonb *jb, const char *fname, sy_bp_model *model);

#endif							/* SY_FORECAST_H */
