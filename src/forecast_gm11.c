/*
 * forecast_gm11.c - gm11_fit() and gm11_forecast(): the grey model of
 * src/core/gm11.c as SQL functions.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "utils/builtins.h"

#include "sy_forecast.h"
#include "sy_pg.h"

static const char *const grade_labels[] = {
	NULL, "good", "qualified", "barely qualified", "unqualified"
};

/*
 * Checks shared by both functions; false when the model is undefined (the
 * values after the first are all zero), which gives NULL / no rows.
 */
static bool
gm11_prepare(ArrayType *a, const char *fname, const double **y, int *n,
			 sy_gm11 *fit, double **fitted)
{
	*y = sy_history(a, fname, n);
	if (*n < SY_GM11_MIN_HISTORY)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: history must have at least %d values", fname, SY_GM11_MIN_HISTORY),
				 errdetail_plural("history has %d value.", "history has %d values.", *n, *n),
				 errhint("GM(1,1) needs four or more consecutive observations.")));
	for (int i = 0; i < *n; i++)
		if ((*y)[i] < 0.0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: history must not be negative", fname),
					 errdetail("Element %d is %g.", i + 1, (*y)[i]),
					 errhint("GM(1,1) models non-negative series; add a constant c to the series and subtract it from the forecasts.")));
	*fitted = palloc(sizeof(double) * *n);
	if (sy_gm11_fit(*y, *n, fit, *fitted) != SY_OK)
		return false;
	for (int i = 0; i < *n; i++)
		if (!isfinite((*fitted)[i]))
			sy_forecast_overflow(fname, i + 1 - *n);
	return true;
}

static Datum
nullable_float8(double v, bool *isnull)
{
	*isnull = isnan(v);
	return Float8GetDatum(*isnull ? 0.0 : v);
}

PG_FUNCTION_INFO_V1(gm11_fit);
Datum
gm11_fit(PG_FUNCTION_ARGS)
{
	const double *y;
	double	   *fitted;
	int			n;
	sy_gm11		fit;
	TupleDesc	tupdesc;
	Datum		values[13];
	bool		nulls[13] = {0};

	if (!gm11_prepare(PG_GETARG_ARRAYTYPE_P(0), "gm11_fit", &y, &n, &fit, &fitted))
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);

	values[0] = Float8GetDatum(fit.a);
	values[1] = Float8GetDatum(fit.b);
	values[2] = PointerGetDatum(sy_float8_array(fitted, n));
	values[3] = nullable_float8(fit.c, &nulls[3]);
	values[4] = nullable_float8(fit.p, &nulls[4]);
	values[5] = Int32GetDatum(fit.grade);
	nulls[5] = fit.grade == 0;
	if (fit.grade == 0)
		nulls[6] = true;
	else
		values[6] = CStringGetTextDatum(grade_labels[fit.grade]);
	values[7] = nullable_float8(fit.mean_relative_error, &nulls[7]);
	values[8] = nullable_float8(fit.ratio_min, &nulls[8]);
	values[9] = nullable_float8(fit.ratio_max, &nulls[9]);
	values[10] = Float8GetDatum(fit.ratio_lower);
	values[11] = Float8GetDatum(fit.ratio_upper);
	if (isnan(fit.ratio_min))
		nulls[12] = true;
	else
		values[12] = BoolGetDatum(fit.ratio_min > fit.ratio_lower && fit.ratio_max < fit.ratio_upper);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/*
 * The class-ratio check fails: the forecast rows still come, and a NOTICE
 * (SQLSTATE 01000) says so, once per call, so that a caller who does not
 * look at gm11_fit(...).class_ratio_ok is still told.
 */
void
sy_gm11_ratio_notice(const sy_gm11 *fit, const char *fname)
{
	if (isnan(fit->ratio_min))
		ereport(NOTICE,
				(errcode(ERRCODE_WARNING),
				 errmsg("%s: the series fails GM(1,1)'s class-ratio check", fname),
				 errdetail("A value after the first is 0, so the class ratios x(k-1)/x(k) are not defined; the admissible range is (%.6g, %.6g).",
						   fit->ratio_lower, fit->ratio_upper),
				 errhint("Treat the forecasts and intervals with caution: compare with forecast_backtest(history, holdout, 'naive'), or add a constant c to the series and subtract it from the forecasts.")));
	else if (!(fit->ratio_min > fit->ratio_lower && fit->ratio_max < fit->ratio_upper))
		ereport(NOTICE,
				(errcode(ERRCODE_WARNING),
				 errmsg("%s: the series fails GM(1,1)'s class-ratio check", fname),
				 errdetail("The class ratios x(k-1)/x(k) range over [%.6g, %.6g]; the admissible range is (%.6g, %.6g).",
						   fit->ratio_min, fit->ratio_max, fit->ratio_lower, fit->ratio_upper),
				 errhint("Treat the forecasts and intervals with caution: compare with forecast_backtest(history, holdout, 'naive'), or add a constant c to the series and subtract it from the forecasts so that the ratios fall in the range.")));
}

static void
gm11_forecast_compute(FunctionCallInfo fcinfo, sy_forecast_result *res)
{
	const char *fname = "gm11_forecast";
	const double *y;
	double	   *fitted,
			   *out;
	int			n,
				h;
	sy_gm11		fit;

	if (!gm11_prepare(PG_GETARG_ARRAYTYPE_P(0), fname, &y, &n, &fit, &fitted))
		return;
	h = sy_horizon(PG_GETARG_INT32(1), fname, "horizon");
	out = palloc(sizeof(double) * h);
	sy_gm11_forecast(&fit, y[0], n, h, out);
	for (int k = 0; k < h; k++)
		if (!isfinite(out[k]))
			sy_forecast_overflow(fname, k + 1);
	res->horizon = h;
	res->forecast = out;
	res->pi = palloc(sizeof(sy_pi) * h);
	sy_pi_gm11(y, n, out, h, palloc(sizeof(double) * sy_pi_gm11_work_size(n)), res->pi);
	sy_pi_clamp(out, h, NAN, NAN, res->pi);
	for (int k = 0; k < h; k++)
		if (!isfinite(res->pi[k].lower_95) || !isfinite(res->pi[k].upper_95))
			res->pi[k].lower_80 = res->pi[k].upper_80 =
				res->pi[k].lower_95 = res->pi[k].upper_95 = NAN;
	sy_gm11_ratio_notice(&fit, fname);
}

PG_FUNCTION_INFO_V1(gm11_forecast);
Datum
gm11_forecast(PG_FUNCTION_ARGS)
{
	return sy_forecast_rows_pi(fcinfo, gm11_forecast_compute);
}
