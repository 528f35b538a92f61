-- Forecasting short annual series: a back-propagation (BP) network, the
-- grey model GM(1,1), and backtests against the naive and drift methods.
-- Every function is deterministic (the network's random starts and the
-- simulated paths of its intervals come from pg_prng seeded by the seed
-- argument), hence IMMUTABLE.  Since 0.3.0 every set-returning form returns
-- the rows (step, forecast, lower_80, upper_80, lower_95, upper_95).

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.bp_forecast(
	history float8[],
	horizon int,
	lags int DEFAULT 2,
	hidden int DEFAULT NULL,
	ensemble int DEFAULT 10,
	epochs int DEFAULT 20,
	learning_rate float8 DEFAULT 0.15,
	decay float8 DEFAULT 1,
	dropout float8 DEFAULT 0,
	seed bigint DEFAULT 0,
	lower float8 DEFAULT NULL,
	upper float8 DEFAULT NULL,
	transform text DEFAULT 'auto',
	activation text DEFAULT 'tanh')
RETURNS TABLE(step int, forecast float8, lower_80 float8, upper_80 float8,
              lower_95 float8, upper_95 float8)
AS 'MODULE_PATHNAME', 'bp_forecast_pi'
LANGUAGE C IMMUTABLE PARALLEL SAFE COST 100000 ROWS 6;

COMMENT ON FUNCTION @extschema@.bp_forecast(float8[], int, int, int, int, int, float8, float8, float8, bigint, float8, float8, text, text) IS
'Forecast horizon steps after history (in time order) with an ensemble of BP networks: lags inputs -> hidden tanh nodes -> 1 linear output, trained by back-propagation (Adam, weight decay, optional dropout) on sliding windows of the transformed, scaled series and fed back recursively. transform ''auto'' (the default): networks on differences and on levels and simple exponential smoothing, weighted by their errors at the history''s last origins; ''difference'', ''level'', ''detrend'': one ensemble on that transform (''difference'' was the default before 0.3.0). hidden NULL: the paper''s rule k = round(sqrt(lags + 1)) + a, a = 1..10, chosen on the last windows. lower_80 .. upper_95: prediction intervals, quantiles of 250 simulated future paths (per path a network of the ensemble, for ''auto'' one of its parts, and the centre of the training signal drawn around its estimate; per step a Student t innovation scaled by the model''s one-step errors on the history, taken relative to the forecast for a positive series whose relative errors keep a step''s 95 % range above 0); NULL when the history gives too few one-step errors. Forecasts and bounds are kept in [lower, upper]. Same arguments, same bits. NULL history or horizon: no rows.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.bp_fit(
	history float8[],
	lags int DEFAULT 2,
	hidden int DEFAULT NULL,
	ensemble int DEFAULT 10,
	epochs int DEFAULT 20,
	learning_rate float8 DEFAULT 0.15,
	decay float8 DEFAULT 1,
	dropout float8 DEFAULT 0,
	seed bigint DEFAULT 0,
	lower float8 DEFAULT NULL,
	upper float8 DEFAULT NULL,
	transform text DEFAULT 'auto',
	activation text DEFAULT 'tanh')
RETURNS jsonb
AS 'MODULE_PATHNAME', 'bp_fit'
LANGUAGE C IMMUTABLE PARALLEL SAFE COST 100000;

COMMENT ON FUNCTION @extschema@.bp_fit(float8[], int, int, int, int, float8, float8, float8, bigint, float8, float8, text, text) IS
'Train the networks bp_forecast would train on history and return the model as jsonb: architecture, transform and scaling, bounds, every weight (shortest exact decimals), and the training record (options, windows, training RMSE, hidden sizes tried with their validation RMSE). Store it and forecast later with bp_forecast(model, history, horizon).';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.bp_forecast(model jsonb, history float8[], horizon int)
RETURNS TABLE(step int, forecast float8, lower_80 float8, upper_80 float8,
              lower_95 float8, upper_95 float8)
AS 'MODULE_PATHNAME', 'bp_forecast_model_pi'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000 ROWS 6;

COMMENT ON FUNCTION @extschema@.bp_forecast(jsonb, float8[], int) IS
'Forecast horizon steps after history with a model stored from bp_fit(). The transform is applied to the history given (which may be longer than the training history); scaling, bounds and weights are the model''s. The intervals are simulated as bp_forecast does, from the model''s one-step errors on the history given, with seed 0. A model that is not an unchanged bp_fit() result is rejected with SQLSTATE 22023.';

CREATE TYPE @extschema@.gm11_model AS (
	a float8,
	b float8,
	fitted float8[],
	c float8,
	p float8,
	grade int,
	grade_label text,
	mean_relative_error float8,
	class_ratio_min float8,
	class_ratio_max float8,
	class_ratio_lower float8,
	class_ratio_upper float8,
	class_ratio_ok boolean
);
COMMENT ON TYPE @extschema@.gm11_model IS
'GM(1,1) fit: development coefficient a, grey input b, restored values, posterior variance ratio C, small error probability P, grade 1-4 (good, qualified, barely qualified, unqualified), mean relative error, and the class-ratio check x(k-1)/x(k) against (exp(-2/(n+1)), exp(2/(n+1))).';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.gm11_fit(history float8[])
RETURNS @extschema@.gm11_model
AS 'MODULE_PATHNAME', 'gm11_fit'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.gm11_fit(float8[]) IS
'Fit the grey model GM(1,1) to a non-negative series of at least 4 values. C and P use residuals for k = 1..n (the first is 0) and standard deviations with divisor n. NULL when the values after the first are all zero.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.gm11_forecast(history float8[], horizon int)
RETURNS TABLE(step int, forecast float8, lower_80 float8, upper_80 float8,
              lower_95 float8, upper_95 float8)
AS 'MODULE_PATHNAME', 'gm11_forecast'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 6;

COMMENT ON FUNCTION @extschema@.gm11_forecast(float8[], int) IS
'Forecast horizon steps after history with GM(1,1) (see gm11_fit), with prediction intervals from its own out-of-sample errors: refitted at the last origins (at most 20), the log ratios of the later values to its forecasts give s^2 = mean of e^2 / h, and the bounds are forecast * exp(-+ t s sqrt(h)), t with origins - 1 degrees of freedom (NULL for fewer than 6 values). A series failing the class-ratio check still gets its rows, with a NOTICE (SQLSTATE 01000) giving the ratios and the admissible range. No rows when the model is undefined.';

CREATE TYPE @extschema@.forecast_accuracy AS (
	method text,
	holdout int,
	mae float8,
	rmse float8,
	mape float8,
	smape float8,
	forecast float8[],
	actual float8[],
	mase float8,
	coverage_80 float8,
	coverage_95 float8,
	lower_80 float8[],
	upper_80 float8[],
	lower_95 float8[],
	upper_95 float8[]
);
COMMENT ON TYPE @extschema@.forecast_accuracy IS
'Backtest of one method on the last holdout values: MAE, RMSE, MAPE (percent; NULL when an actual value is 0), sMAPE (percent, 200 |F - A| / (|F| + |A|), 0 when both are 0), the forecasts next to the actual values, MASE (MAE over the mean absolute one-step naive error of the training part; NULL when that is 0), the shares of actual values inside the 80 % and 95 % prediction intervals, and the intervals.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.forecast_backtest(
	history float8[],
	holdout int,
	method text DEFAULT 'bp',
	lags int DEFAULT 2,
	hidden int DEFAULT NULL,
	ensemble int DEFAULT 10,
	epochs int DEFAULT 20,
	learning_rate float8 DEFAULT 0.15,
	decay float8 DEFAULT 1,
	dropout float8 DEFAULT 0,
	seed bigint DEFAULT 0,
	lower float8 DEFAULT NULL,
	upper float8 DEFAULT NULL,
	transform text DEFAULT 'auto',
	activation text DEFAULT 'tanh')
RETURNS @extschema@.forecast_accuracy
AS 'MODULE_PATHNAME', 'forecast_backtest'
LANGUAGE C IMMUTABLE PARALLEL SAFE COST 100000;

COMMENT ON FUNCTION @extschema@.forecast_backtest(float8[], int, text, int, int, int, int, float8, float8, float8, bigint, float8, float8, text, text) IS
'Hold out the last holdout values of history, forecast them from the rest with method ''bp'' (options as bp_forecast), ''gm11'', ''naive'' (last value) or ''drift'' (line through the first and last values), and return the errors, MASE and the coverage of the prediction intervals. lower and upper bound the forecasts and intervals of every method. NULL history, holdout or method: NULL.';
