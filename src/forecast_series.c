/*
 * forecast_series.c - what every forecasting function does with a series,
 * whatever the model (bp_forecast, gm11_forecast, forecast_backtest): the
 * history and horizon arguments, the overflow error, and the (step,
 * forecast) rows of the set-returning forms.
 */
#include "postgres.h"

#include <math.h>

#include "utils/memutils.h"

#include "sy_pg.h"
#include "sy_forecast.h"

const double *
sy_history(ArrayType *a, const char *fname, int *n)
{
	const double *v;
	bits8	   *nulls = ARR_NULLBITMAP(a);
	int			len;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s: history must be a one-dimensional array", fname),
				 errdetail("The array has %d dimensions.", ARR_NDIM(a)),
				 errhint("Pass the series in time order, e.g. array_agg(d ORDER BY year).")));
	len = ARR_NDIM(a) == 0 ? 0 : ARR_DIMS(a)[0];
	if (len > SY_FC_MAX_HISTORY)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s: history is too long", fname),
				 errdetail("It has %d values; the limit is %d.", len, SY_FC_MAX_HISTORY),
				 errhint("Forecast from the most recent part of the series.")));
	v = (const double *) ARR_DATA_PTR(a);
	for (int i = 0; i < len; i++)
	{
		if (nulls && !(nulls[i / 8] & (1 << (i % 8))))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: history contains a NULL element", fname),
					 errdetail("Element %d is NULL.", i + 1),
					 errhint("Fill gaps first, e.g. with interpolate(value, year) OVER (PARTITION BY region ORDER BY year).")));
	}
	for (int i = 0; i < len; i++)
		if (!isfinite(v[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: history contains a non-finite value", fname),
					 errdetail("Element %d is %s.", i + 1,
							   isnan(v[i]) ? "NaN" : (v[i] > 0 ? "Infinity" : "-Infinity")),
					 errhint("Replace NaN and infinite values (e.g. with NULLIF) and fill the gaps.")));
	*n = len;
	return v;
}

int
sy_horizon(int32 h, const char *fname, const char *argname)
{
	if (h < 1 || h > SY_FC_MAX_HORIZON)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %s must be between 1 and %d", fname, argname, SY_FC_MAX_HORIZON),
				 errdetail("%s is %d.", argname, h),
				 errhint("Ask for the number of future periods you need, e.g. 6 for 2020-2025.")));
	return h;
}

void
sy_forecast_overflow(const char *fname, int step)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s: forecast out of range for float8", fname),
			 errdetail("The forecast for step %d is not finite.", step),
			 errhint("Rescale the series or forecast fewer steps.")));
}

/* ---- (step, forecast) rows ---- */

typedef struct ForecastRows
{
	double	   *v;
	int			n;
} ForecastRows;

Datum
sy_forecast_rows(FunctionCallInfo fcinfo, sy_forecast_compute compute)
{
	FuncCallContext *funcctx;
	ForecastRows *rows;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldctx,
					workctx;
		TupleDesc	tupdesc;
		double	   *v;
		int			n;

		funcctx = SRF_FIRSTCALL_INIT();
		/* training scratch goes away before the first row is returned */
		workctx = AllocSetContextCreate(CurrentMemoryContext, "synergy forecast",
										ALLOCSET_DEFAULT_SIZES);
		oldctx = MemoryContextSwitchTo(workctx);
		v = compute(fcinfo, &n);
		MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		rows = palloc(sizeof(ForecastRows));
		rows->n = n;
		rows->v = palloc(sizeof(double) * Max(n, 1));
		if (n > 0)
			memcpy(rows->v, v, sizeof(double) * n);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);
		funcctx->user_fctx = rows;
		MemoryContextSwitchTo(oldctx);
		MemoryContextDelete(workctx);
	}
	funcctx = SRF_PERCALL_SETUP();
	rows = (ForecastRows *) funcctx->user_fctx;
	if (funcctx->call_cntr < (uint64) rows->n)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};
		int			k = (int) funcctx->call_cntr;

		values[0] = Int32GetDatum(k + 1);
		values[1] = Float8GetDatum(rows->v[k]);
		SRF_RETURN_NEXT(funcctx,
						HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}
