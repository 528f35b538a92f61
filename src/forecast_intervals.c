/*
 * forecast_intervals.c - prediction intervals in the server: the
 * network's simulated intervals (sy_bp_intervals, for bp_forecast in
 * forecast_bp.c) and naive_forecast and drift_forecast.  The intervals
 * themselves are computed in src/core/forecast_interval.c.
 *
 * The network's intervals use the model only as a one-step forecaster
 * (sy_bp_forecast), so they follow whatever the model does.
 */
#include "postgres.h"

#include <math.h>

#include "common/pg_prng.h"
#include "utils/memutils.h"

#include "sy_pg.h"
#include "sy_forecast.h"
#include "sy_limits.h"

sy_pi *
sy_bp_intervals(const sy_bp_model *model, const double *y, int n,
				const double *fc, int horizon, uint64_t seed, const char *fname)
{
	size_t		nwork = sy_pi_bp_work_size(model, n, horizon, SY_PI_BP_PATHS);
	double	   *work;
	sy_pi	   *pi = palloc(sizeof(sy_pi) * horizon);
	sy_host		host = sy_server_host(palloc(sizeof(pg_prng_state)));

	sy_group_memory_check(fname, sizeof(double) * (double) nwork, -1);
	work = palloc_extended(sizeof(double) * nwork, MCXT_ALLOC_HUGE);
	sy_pi_bp(model, y, n, horizon, SY_PI_BP_PATHS, seed, &host, work, pi);
	sy_pi_clamp(fc, horizon, model->lower, model->upper, pi);
	pfree(work);
	return pi;
}

/* ---- naive_forecast and drift_forecast ---- */

static void
simple_compute(FunctionCallInfo fcinfo, sy_forecast_result *res, bool drift)
{
	const char *fname = drift ? "drift_forecast" : "naive_forecast";
	const double *y;
	double		lower,
				upper;
	int			n,
				h;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		return;
	y = sy_history(PG_GETARG_ARRAYTYPE_P(0), fname, &n);
	h = sy_horizon(PG_GETARG_INT32(1), fname, "horizon");
	sy_forecast_bounds(fcinfo, 2, fname, &lower, &upper);
	if (n < (drift ? 2 : 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: history must have at least %d %s", fname, drift ? 2 : 1,
						drift ? "values" : "value"),
				 errdetail_plural("history has %d value.", "history has %d values.", n, n),
				 errhint(drift ? "The drift method draws a line through the first and last values."
						 : "Pass the series in time order, e.g. array_agg(d ORDER BY year); the forecast is its last value.")));
	sy_history_in_bounds(y, n, lower, upper, fname);
	res->horizon = h;
	res->forecast = palloc(sizeof(double) * h);
	res->pi = palloc(sizeof(sy_pi) * h);
	if (drift)
	{
		sy_forecast_drift(y, n, h, res->forecast);
		for (int k = 0; k < h; k++)
			if (!isfinite(res->forecast[k]))
				sy_forecast_overflow(fname, k + 1);
		sy_pi_drift(y, n, res->forecast, h, res->pi);
	}
	else
	{
		sy_forecast_naive(y, n, h, res->forecast);
		sy_pi_naive(y, n, res->forecast, h, res->pi);
	}
	for (int k = 0; k < h; k++)
	{
		if (!isnan(lower) && res->forecast[k] < lower)
			res->forecast[k] = lower;
		if (!isnan(upper) && res->forecast[k] > upper)
			res->forecast[k] = upper;
	}
	sy_pi_clamp(res->forecast, h, lower, upper, res->pi);
	/* a spread too large for float8 gives NULL bounds rather than infinities */
	for (int k = 0; k < h; k++)
		if (!isfinite(res->pi[k].lower_95) || !isfinite(res->pi[k].upper_95))
			res->pi[k].lower_80 = res->pi[k].upper_80 =
				res->pi[k].lower_95 = res->pi[k].upper_95 = NAN;
}

static void
naive_compute(FunctionCallInfo fcinfo, sy_forecast_result *res)
{
	simple_compute(fcinfo, res, false);
}

static void
drift_compute(FunctionCallInfo fcinfo, sy_forecast_result *res)
{
	simple_compute(fcinfo, res, true);
}

PG_FUNCTION_INFO_V1(naive_forecast);
Datum
naive_forecast(PG_FUNCTION_ARGS)
{
	return sy_forecast_rows_pi(fcinfo, naive_compute);
}

PG_FUNCTION_INFO_V1(drift_forecast);
Datum
drift_forecast(PG_FUNCTION_ARGS)
{
	return sy_forecast_rows_pi(fcinfo, drift_compute);
}
