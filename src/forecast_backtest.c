/*
 * forecast_backtest.c - forecast_backtest(): hold out the end of a series,
 * forecast it with one method and measure the errors, so users can see on
 * their own data whether the network beats the simple methods.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "utils/builtins.h"

#include "sy_forecast.h"
#include "sy_pg.h"

typedef enum BacktestMethod
{
	METHOD_BP,
	METHOD_GM11,
	METHOD_NAIVE,
	METHOD_DRIFT
} BacktestMethod;

static const char *const method_names[] = {"bp", "gm11", "naive", "drift"};
static const SyChoices methods = {
	"method", method_names, lengthof(method_names),
	"Use 'bp' (the default), 'gm11', 'naive' or 'drift'."
};

static void
too_short(int n, int holdout, int need, const char *method)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("forecast_backtest: history is too short to hold out %d values", holdout),
			 errdetail_plural("history has %d value, leaving %d to train on; %s needs at least %d.",
							  "history has %d values, leaving %d to train on; %s needs at least %d.",
							  n, n, n - holdout, method, need),
			 errhint("Hold out fewer values or pass a longer history.")));
}

PG_FUNCTION_INFO_V1(forecast_backtest);
Datum
forecast_backtest(PG_FUNCTION_ARGS)
{
	const char *fname = "forecast_backtest";
	const double *y;
	double	   *fc;
	const char *mname;
	int			n,
				h,
				ntrain,
				need;
	sy_bp_options opt = {0};
	BacktestMethod method;
	sy_accuracy acc;
	sy_pi	   *pi;
	double		lower = NAN,
				upper = NAN,
				scale;
	TupleDesc	tupdesc;
	Datum		values[15];
	bool		nulls[15] = {0};

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	y = sy_history(PG_GETARG_ARRAYTYPE_P(0), fname, &n);
	h = sy_horizon(PG_GETARG_INT32(1), fname, "holdout");
	method = (BacktestMethod) sy_choice(PG_GETARG_TEXT_PP(2), &methods, fname);
	mname = method_names[method];	/* as spelled here, whatever the case given */
	if (method == METHOD_BP)
		sy_bp_options_from_args(fcinfo, 3, fname, &opt);
	/* name the part before the holdout, not the whole history */
	need = method == METHOD_DRIFT ? 2 : method == METHOD_GM11 ? SY_GM11_MIN_HISTORY : 1;
	if (method == METHOD_BP && opt.lags >= 1 && opt.lags <= SY_BP_MAX_LAGS)
		need = sy_bp_min_training(&opt);
	if (n - h < need)
		too_short(n, h, need, mname);
	ntrain = n - h;
	fc = palloc(sizeof(double) * h);
	pi = palloc(sizeof(sy_pi) * h);
	if (method != METHOD_BP)
		sy_forecast_bounds(fcinfo, 11, fname, &lower, &upper);

	switch (method)
	{
		case METHOD_NAIVE:
			sy_forecast_naive(y, ntrain, h, fc);
			sy_pi_naive(y, ntrain, fc, h, pi);
			break;
		case METHOD_DRIFT:
			sy_forecast_drift(y, ntrain, h, fc);
			sy_pi_drift(y, ntrain, fc, h, pi);
			break;
		case METHOD_GM11:
			{
				sy_gm11		fit;
				double	   *fitted = palloc(sizeof(double) * ntrain);

				for (int i = 0; i < ntrain; i++)
					if (y[i] < 0.0)
						ereport(ERROR,
								(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
								 errmsg("%s: history must not be negative for method gm11", fname),
								 errdetail("Element %d is %g.", i + 1, y[i]),
								 errhint("Add a constant to the series, or use another method.")));
				if (sy_gm11_fit(y, ntrain, &fit, fitted) != SY_OK)
					PG_RETURN_NULL();	/* undefined model, as gm11_fit() */
				sy_gm11_forecast(&fit, y[0], ntrain, h, fc);
				sy_pi_gm11(y, ntrain, fc, h, palloc(sizeof(double) * sy_pi_gm11_work_size(ntrain)), pi);
			}
			break;
		case METHOD_BP:
			{
				sy_bp_model model;

				sy_bp_train(y, ntrain, &opt, fname, &model);
				sy_bp_predict(&model, y, ntrain, h, fname, fc);
				pi = sy_bp_intervals(&model, y, ntrain, fc, h, opt.seed, fname);
			}
			break;
	}
	for (int k = 0; k < h; k++)
		if (!isfinite(fc[k]))
			sy_forecast_overflow(fname, k + 1);
	if (method != METHOD_BP)
	{
		/* the simple methods and GM(1,1) are kept in the bounds too */
		for (int k = 0; k < h; k++)
		{
			if (!isnan(lower) && fc[k] < lower)
				fc[k] = lower;
			if (!isnan(upper) && fc[k] > upper)
				fc[k] = upper;
		}
		sy_pi_clamp(fc, h, lower, upper, pi);
	}
	for (int k = 0; k < h; k++)
		if (!isfinite(pi[k].lower_95) || !isfinite(pi[k].upper_95))
			pi[k].lower_80 = pi[k].upper_80 = pi[k].lower_95 = pi[k].upper_95 = NAN;
	sy_forecast_accuracy(y + ntrain, fc, h, &acc);
	if (!isfinite(acc.mae) || !isfinite(acc.rmse))
		sy_forecast_overflow(fname, 1);

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = CStringGetTextDatum(mname);
	values[1] = Int32GetDatum(h);
	values[2] = Float8GetDatum(acc.mae);
	values[3] = Float8GetDatum(acc.rmse);
	values[4] = Float8GetDatum(acc.mape);
	nulls[4] = isnan(acc.mape);
	values[5] = Float8GetDatum(acc.smape);
	values[6] = PointerGetDatum(sy_float8_array(fc, h));
	values[7] = PointerGetDatum(sy_float8_array(y + ntrain, h));
	/* MASE: scaled by the training part's mean absolute one-step naive error */
	scale = sy_naive_mae(y, ntrain);
	nulls[8] = !(scale > 0.0) || !isfinite(acc.mae / scale);
	values[8] = Float8GetDatum(nulls[8] ? 0.0 : acc.mae / scale);
	{
		double		c80 = sy_pi_coverage(y + ntrain, pi, h, 0),
					c95 = sy_pi_coverage(y + ntrain, pi, h, 1);
		double	   *b = palloc(sizeof(double) * h);

		nulls[9] = isnan(c80);
		values[9] = Float8GetDatum(nulls[9] ? 0.0 : c80);
		nulls[10] = isnan(c95);
		values[10] = Float8GetDatum(nulls[10] ? 0.0 : c95);
		for (int i = 0; i < 4; i++)
		{
			for (int k = 0; k < h; k++)
				b[k] = i == 0 ? pi[k].lower_80 : i == 1 ? pi[k].upper_80 :
					i == 2 ? pi[k].lower_95 : pi[k].upper_95;
			nulls[11 + i] = isnan(b[0]);
			if (!nulls[11 + i])
				values[11 + i] = PointerGetDatum(sy_float8_array(b, h));
		}
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
