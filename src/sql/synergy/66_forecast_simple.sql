-- The simple benchmark forecasts as set-returning functions, with the same
-- rows as bp_forecast and gm11_forecast: (step, forecast, lower_80,
-- upper_80, lower_95, upper_95).  New in 0.3.0.

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.naive_forecast(
	history float8[],
	horizon int,
	lower float8 DEFAULT NULL,
	upper float8 DEFAULT NULL)
RETURNS TABLE(step int, forecast float8, lower_80 float8, upper_80 float8,
              lower_95 float8, upper_95 float8)
AS 'MODULE_PATHNAME', 'naive_forecast'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 6;

COMMENT ON FUNCTION @extschema@.naive_forecast(float8[], int, float8, float8) IS
'Naive (random walk) forecast: the last value of history, repeated horizon times, with prediction intervals last +- t(n - 1) sigma sqrt(h), sigma^2 the mean squared one-step change (R''s forecast::naive with Student t instead of normal quantiles). Intervals NULL for a single value. Forecasts and bounds kept in [lower, upper]. NULL history or horizon: no rows.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.drift_forecast(
	history float8[],
	horizon int,
	lower float8 DEFAULT NULL,
	upper float8 DEFAULT NULL)
RETURNS TABLE(step int, forecast float8, lower_80 float8, upper_80 float8,
              lower_95 float8, upper_95 float8)
AS 'MODULE_PATHNAME', 'drift_forecast'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 6;

COMMENT ON FUNCTION @extschema@.drift_forecast(float8[], int, float8, float8) IS
'Drift forecast: the line through the first and last values of history, extended horizon steps, with prediction intervals +- t(n - 2) s sqrt(h (1 + h / (n - 1))), s the standard deviation of the one-step changes (R''s forecast::rwf(drift = TRUE) with Student t quantiles). Needs 2 values; intervals NULL for 2. Forecasts and bounds kept in [lower, upper]. NULL history or horizon: no rows.';
