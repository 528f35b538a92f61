/*
 * forecast_eval.c - the simple benchmarks a forecaster must beat, and the
 * accuracy measures of a backtest.
 */
#include <math.h>

#include "sy_core_forecast.h"

void
sy_forecast_naive(const double *y, int n, int horizon, double *out)
{
	for (int h = 0; h < horizon; h++)
		out[h] = y[n - 1];
}

void
sy_forecast_drift(const double *y, int n, int horizon, double *out)
{
	/* mean step (y_n - y_1) / (n - 1); n >= 2 */
	double		slope = (y[n - 1] - y[0]) / (n - 1);

	for (int h = 0; h < horizon; h++)
		out[h] = y[n - 1] + slope * (h + 1);
}

void
sy_forecast_accuracy(const double *actual, const double *forecast,
					 int h, sy_accuracy *acc)
{
	double		ae = 0.0,
				se = 0.0,
				pe = 0.0,
				spe = 0.0,
				big = 0.0;
	int			pe_defined = 1;

	/* RMSE on errors scaled by the largest, so squares cannot overflow */
	for (int i = 0; i < h; i++)
		big = fmax(big, fabs(forecast[i] - actual[i]));

	for (int i = 0; i < h; i++)
	{
		double		e = forecast[i] - actual[i];

		/* sMAPE's term in halves, which cannot overflow near the float8 limit */
		double		half_e = fabs(forecast[i] / 2.0 - actual[i] / 2.0);
		double		den = fabs(forecast[i]) / 2.0 + fabs(actual[i]) / 2.0;

		ae += fabs(e);
		if (big > 0.0)
			se += (e / big) * (e / big);
		if (actual[i] == 0.0)
			pe_defined = 0;
		else
			pe += fabs(e / actual[i]);
		if (den > 0.0)
			spe += 2.0 * (half_e / den);
	}
	acc->mae = ae / h;
	acc->rmse = big * sqrt(se / h);
	acc->mape = pe_defined ? 100.0 * pe / h : NAN;
	acc->smape = 100.0 * spe / h;
}
