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

/* ---- bounds ---- */

void
sy_forecast_bounds(FunctionCallInfo fcinfo, int arg_lower, const char *fname,
				   double *lower, double *upper)
{
	const char *names[2] = {"lower", "upper"};
	double	   *v[2] = {lower, upper};

	for (int i = 0; i < 2; i++)
	{
		*v[i] = NAN;
		if (PG_ARGISNULL(arg_lower + i))
			continue;
		*v[i] = PG_GETARG_FLOAT8(arg_lower + i);
		if (!isfinite(*v[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: %s must be a finite number or NULL", fname, names[i]),
					 errdetail("%s is %g.", names[i], *v[i]),
					 errhint("Leave the bound NULL for none.")));
	}
	if (!isnan(*lower) && !isnan(*upper) && !(*lower < *upper))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: lower must be less than upper", fname),
				 errdetail("lower is %g and upper is %g.", *lower, *upper),
				 errhint("Swap the bounds or leave one NULL.")));
}

void
sy_history_in_bounds(const double *y, int n, double lower, double upper,
					 const char *fname)
{
	for (int i = 0; i < n; i++)
		if ((!isnan(lower) && y[i] < lower) || (!isnan(upper) && y[i] > upper))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: history lies outside [lower, upper]", fname),
					 errdetail("Element %d is %g; the bounds are [%g, %g].", i + 1, y[i],
							   isnan(lower) ? -INFINITY : lower,
							   isnan(upper) ? INFINITY : upper),
					 errhint("Widen the bounds or leave them NULL.")));
}

/* ---- forecast rows ---- */

typedef struct ForecastRows
{
	double	   *v;
	sy_pi	   *pi;				/* NULL: no intervals */
	int			n;
} ForecastRows;

/*
 * The number of columns the SQL declaration of the running function returns:
 * 2 (step, forecast) under a 0.2.0 script, 6 with the intervals since 0.3.0.
 */
static int
rows_columns(FunctionCallInfo fcinfo, TupleDesc *tupdesc)
{
	if (get_call_result_type(fcinfo, NULL, tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	if ((*tupdesc)->natts != 2 && (*tupdesc)->natts != 6)
		elog(ERROR, "forecast rows must have 2 or 6 columns, not %d", (*tupdesc)->natts);
	return (*tupdesc)->natts;
}

bool
sy_forecast_wants_intervals(FunctionCallInfo fcinfo)
{
	TupleDesc	tupdesc;

	return rows_columns(fcinfo, &tupdesc) == 6;
}

/* On the first call: keep res (computed in a short-lived context) in the
 * SRF's context. */
static void
rows_first_call(FunctionCallInfo fcinfo, sy_forecast_compute_pi compute)
{
	FuncCallContext *funcctx;
	MemoryContext oldctx,
				workctx;
	TupleDesc	tupdesc;
	sy_forecast_result res = {0, NULL, NULL};
	ForecastRows *rows;

	funcctx = SRF_FIRSTCALL_INIT();
	/* training scratch goes away before the first row is returned */
	workctx = AllocSetContextCreate(CurrentMemoryContext, "synergy forecast",
									ALLOCSET_DEFAULT_SIZES);
	oldctx = MemoryContextSwitchTo(workctx);
	compute(fcinfo, &res);
	MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
	rows = palloc(sizeof(ForecastRows));
	rows->n = res.horizon;
	rows->v = palloc(sizeof(double) * Max(res.horizon, 1));
	rows->pi = NULL;
	if (res.horizon > 0)
		memcpy(rows->v, res.forecast, sizeof(double) * res.horizon);
	if (res.horizon > 0 && res.pi != NULL)
	{
		rows->pi = palloc(sizeof(sy_pi) * res.horizon);
		memcpy(rows->pi, res.pi, sizeof(sy_pi) * res.horizon);
	}
	rows_columns(fcinfo, &tupdesc);
	funcctx->tuple_desc = BlessTupleDesc(tupdesc);
	funcctx->user_fctx = rows;
	MemoryContextSwitchTo(oldctx);
	MemoryContextDelete(workctx);
}

static Datum
rows_next(FunctionCallInfo fcinfo)
{
	FuncCallContext *funcctx = SRF_PERCALL_SETUP();
	ForecastRows *rows = (ForecastRows *) funcctx->user_fctx;

	if (funcctx->call_cntr < (uint64) rows->n)
	{
		Datum		values[6];
		bool		nulls[6] = {false, false, true, true, true, true};
		int			k = (int) funcctx->call_cntr;

		values[0] = Int32GetDatum(k + 1);
		values[1] = Float8GetDatum(rows->v[k]);
		if (rows->pi != NULL)
		{
			double		b[4] = {rows->pi[k].lower_80, rows->pi[k].upper_80,
			rows->pi[k].lower_95, rows->pi[k].upper_95};

			for (int i = 0; i < 4; i++)
			{
				nulls[2 + i] = isnan(b[i]);
				values[2 + i] = Float8GetDatum(nulls[2 + i] ? 0.0 : b[i]);
			}
		}
		else
			for (int i = 2; i < 6; i++)
				values[i] = Float8GetDatum(0.0);
		SRF_RETURN_NEXT(funcctx,
						HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}

Datum
sy_forecast_rows_pi(FunctionCallInfo fcinfo, sy_forecast_compute_pi compute)
{
	if (SRF_IS_FIRSTCALL())
		rows_first_call(fcinfo, compute);
	return rows_next(fcinfo);
}
