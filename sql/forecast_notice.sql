-- GM(1,1) on a series failing the class-ratio check: the forecast rows
-- still come, with a NOTICE (SQLSTATE 01000) that says so, its DETAIL
-- giving the ratios and the admissible range and its HINT what to do.
-- (pgTAP cannot see notices; test/pgtap/37_forecast_intervals.sql checks
-- the rows.)
\set VERBOSITY sqlstate
SELECT count(*) FROM gm11_forecast('{3362, 5948, 6109, 5981, 6753, 8003, 10566, 12528, 14760, 16769}', 6);
\set VERBOSITY default
SELECT step, round(forecast::numeric, 1) AS forecast, round(lower_95::numeric, 1) AS lower_95,
       round(upper_95::numeric, 1) AS upper_95
FROM gm11_forecast('{3362, 5948, 6109, 5981, 6753, 8003, 10566, 12528, 14760, 16769}', 3);
-- a zero after the first value: the ratios are not defined
SELECT count(*) FROM gm11_forecast('{5, 0, 6, 7, 8, 9}', 2);
-- a series passing the check: no notice
SELECT count(*) FROM gm11_forecast('{2.87, 3.28, 3.34, 3.62, 3.95, 4.12, 4.5, 4.83, 5.06, 5.51}', 6);
-- once per call, not per row; forecast_backtest(..., 'gm11') raises none
SELECT method, round(smape::numeric, 2) AS smape
FROM forecast_backtest('{3362, 5948, 6109, 5981, 6753, 8003, 10566, 12528, 14760, 16769}', 3, 'gm11');
