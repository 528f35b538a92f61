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

static const SyVectorKind history_kind = {
	SY_FC_MAX_HISTORY, true,
	"Pass the series in time order, e.g. array_agg(d ORDER BY year).",
	"Forecast from the most recent part of the series.",
	"Fill gaps first, e.g. with interpolate(value, year) OVER (PARTITION BY region ORDER BY year).",
	"Replace NaN and infinite values (e.g. with NULLIF) and fill the gaps."
};

const double *
sy_history(ArrayType *a, const char *fname, int *n)
{
	SyWhere		w = {fname, "history", 0};

	return sy_float8_vector(a, w, &history_kind, -1, true, n);
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
