-- Forecasting: GM(1,1) against an independent numpy implementation
-- (test/reference/gm11_reference.py), properties of the BP network
-- (determinism, stored models, trend, bounds, a forward pass re-done in SQL
-- from the stored weights), backtests, and the error codes of bad input.
BEGIN;
SET client_min_messages = warning;
SELECT plan(147);

-- public signatures (parameter names, defaults, results) as documented in docs/forecasting.md
SELECT is((SELECT pg_get_function_arguments(p) || ' -> ' || pg_get_function_result(p) FROM to_regprocedure(e.sig) p),
          e.want, 'signature of ' || e.sig)
FROM (VALUES
  ('bp_forecast(float8[], int, int, int, int, int, float8, float8, float8, bigint, float8, float8, text, text)',
   'history double precision[], horizon integer, lags integer DEFAULT 2, hidden integer DEFAULT NULL::integer, '
   'ensemble integer DEFAULT 10, epochs integer DEFAULT 20, learning_rate double precision DEFAULT 0.15, '
   'decay double precision DEFAULT 1, dropout double precision DEFAULT 0, seed bigint DEFAULT 0, '
   'lower double precision DEFAULT NULL::double precision, upper double precision DEFAULT NULL::double precision, '
   'transform text DEFAULT ''auto''::text, activation text DEFAULT ''tanh''::text '
   '-> TABLE(step integer, forecast double precision, lower_80 double precision, '
   'upper_80 double precision, lower_95 double precision, upper_95 double precision)'),
  ('bp_fit(float8[], int, int, int, int, float8, float8, float8, bigint, float8, float8, text, text)',
   'history double precision[], lags integer DEFAULT 2, hidden integer DEFAULT NULL::integer, '
   'ensemble integer DEFAULT 10, epochs integer DEFAULT 20, learning_rate double precision DEFAULT 0.15, '
   'decay double precision DEFAULT 1, dropout double precision DEFAULT 0, seed bigint DEFAULT 0, '
   'lower double precision DEFAULT NULL::double precision, upper double precision DEFAULT NULL::double precision, '
   'transform text DEFAULT ''auto''::text, activation text DEFAULT ''tanh''::text -> jsonb'),
  ('bp_forecast(jsonb, float8[], int)',
   'model jsonb, history double precision[], horizon integer -> TABLE(step integer, forecast double precision, lower_80 double precision, '
   'upper_80 double precision, lower_95 double precision, upper_95 double precision)'),
  ('gm11_fit(float8[])', 'history double precision[] -> gm11_model'),
  ('gm11_forecast(float8[], int)',
   'history double precision[], horizon integer -> TABLE(step integer, forecast double precision, lower_80 double precision, '
   'upper_80 double precision, lower_95 double precision, upper_95 double precision)'),
  ('forecast_backtest(float8[], int, text, int, int, int, int, float8, float8, float8, bigint, float8, float8, text, text)',
   'history double precision[], holdout integer, method text DEFAULT ''bp''::text, lags integer DEFAULT 2, '
   'hidden integer DEFAULT NULL::integer, ensemble integer DEFAULT 10, epochs integer DEFAULT 20, '
   'learning_rate double precision DEFAULT 0.15, decay double precision DEFAULT 1, dropout double precision DEFAULT 0, '
   'seed bigint DEFAULT 0, lower double precision DEFAULT NULL::double precision, '
   'upper double precision DEFAULT NULL::double precision, transform text DEFAULT ''auto''::text, '
   'activation text DEFAULT ''tanh''::text -> forecast_accuracy')
) AS e(sig, want);
SELECT is((SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute
           WHERE attrelid = to_regtype('gm11_model')::oid::regtype::text::regclass AND attnum > 0),
          ARRAY['a', 'b', 'fitted', 'c', 'p', 'grade', 'grade_label', 'mean_relative_error', 'class_ratio_min',
                'class_ratio_max', 'class_ratio_lower', 'class_ratio_upper', 'class_ratio_ok'],
          'columns of type gm11_model');

------------------------------------------------------------------------------
-- GM(1,1) vs numpy (lstsq on B = [-z, 1]), relative tolerance 1e-9
------------------------------------------------------------------------------
CREATE TEMP TABLE gm_ref (name text, x float8[], a float8, b float8, fitted float8[],
                          fc float8[], c float8, p float8);
INSERT INTO gm_ref VALUES
  ('vectors', '{71.1,72.4,72.4,72.1,71.4,72.0,71.6}', 0.0023437864785233286, 72.6572696036787, '{71.1,72.40574144042694,72.23623656189375,72.06712850138865,71.89841632994285,71.73009912077396,71.56217594925329}', '{71.39464589292038,71.22750803147937,71.06076144678809}', 0.4807397363420026, 0.8571428571428571),
  ('growth', '{2.87,3.28,3.34,3.62,3.91,4.12,4.48,4.75,5.11,5.43}', -0.06658403544930054, 2.892988436617179, '{2.87,3.189077310152612,3.4086477757207803,3.643335839472094,3.894182359858192,4.16229985924879,4.4488774580483295,4.755186148530541,5.082584431780745,5.4325243427458645}', '{5.806557890113837,6.206343939584002,6.633655571055684}', 0.05199702576979166, 1.0),
  ('decline', '{120.0,112.5,104.1,99.0,91.7,86.2,80.9}', 0.06557462164307187, 123.63205611137823, '{120.0,112.04916243599246,104.9373078412616,98.27684864009666,92.03913438715881,86.1973331049735,80.72631586424814}', '{75.60254868997004,70.80399132831826,66.3100024389214}', 0.03624456304903945, 1.0),
  ('ccd', '{0.412,0.437,0.455,0.478,0.502,0.519,0.547,0.566,0.583,0.604}', -0.04055177450730066, 0.4151365272347621, '{0.412,0.4407194427598693,0.45895871628677476,0.47795282626179514,0.49773301176156615,0.5183318046989491,0.5397830833273591,0.5621221279593591,0.5853856789912157,0.6096119973287806}', '{0.6348409273141051,0.6611139622563513,0.6884743126746073}', 0.06351039785438653, 1.0),
  ('gdp_yuan', '{320000000000.0,350000000000.0,390000000000.0,440000000000.0,480000000000.0,530000000000.0}', -0.10259479998958952, 302061890013.7939, '{320000000000.0,352674204992.26074,390777951122.0962,432998515121.1572,479780687622.6426,531617315480.2783}', '{589054493874.7949,652697319387.7549,723216264650.9077}', 0.04289685817229048, 1.0);

CREATE FUNCTION pg_temp.rel_close(x float8[], y float8[], tol float8) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT cardinality(x) = cardinality(y)
     AND bool_and(abs(a - b) <= tol * greatest(abs(a), abs(b), 1e-300))
  FROM unnest(x, y) u(a, b)
$$;

SELECT ok(abs(f.a - r.a) <= 1e-9 * abs(r.a) AND abs(f.b - r.b) <= 1e-9 * abs(r.b),
          'gm11_fit a, b match numpy: ' || r.name)
FROM gm_ref r, gm11_fit(r.x) f ORDER BY r.name;
SELECT ok(pg_temp.rel_close(f.fitted, r.fitted, 1e-9), 'gm11_fit fitted values match numpy: ' || r.name)
FROM gm_ref r, gm11_fit(r.x) f ORDER BY r.name;
SELECT ok(pg_temp.rel_close((SELECT array_agg(forecast ORDER BY step) FROM gm11_forecast(r.x, 3)), r.fc, 1e-9),
          'gm11_forecast matches numpy: ' || r.name)
FROM gm_ref r ORDER BY r.name;
SELECT ok(abs(f.c - r.c) <= 1e-9 * r.c AND f.p = r.p, 'gm11_fit C and P match numpy: ' || r.name)
FROM gm_ref r, gm11_fit(r.x) f ORDER BY r.name;

-- vectors.md: grade 2 "qualified", class ratios inside (e^-2/8, e^2/8)
SELECT is((SELECT (grade, grade_label, class_ratio_ok)::text FROM gm11_fit('{71.1,72.4,72.4,72.1,71.4,72.0,71.6}')),
          '(2,qualified,t)', 'gm11_fit: the vectors.md example is grade 2, qualified, class ratios pass');
SELECT is((SELECT round(class_ratio_lower::numeric, 6) || ' ' || round(class_ratio_upper::numeric, 6)
           FROM gm11_fit('{71.1,72.4,72.4,72.1,71.4,72.0,71.6}')),
          round(exp(-2.0 / 8)::numeric, 6) || ' ' || round(exp(2.0 / 8)::numeric, 6),
          'gm11_fit: class-ratio interval is (exp(-2/(n+1)), exp(2/(n+1)))');
SELECT is((SELECT class_ratio_ok FROM gm11_fit('{1,10,100,1000,10000}')), false,
          'gm11_fit: a tenfold growth fails the class-ratio check');
SELECT is((SELECT grade FROM gm11_fit('{5,9,2,14,1,11,3}')), 4, 'gm11_fit: an erratic series is grade 4');
-- constant series: a = 0 exactly, the fit is the constant, C and P undefined
SELECT is((SELECT (a, b, fitted, c, p, grade)::text FROM gm11_fit('{3,3,3,3,3}')),
          '(0,3,"{3,3,3,3,3}",,,)', 'gm11_fit: constant series gives a = 0, b = c, C and P NULL');
SELECT is((SELECT array_agg(forecast) FROM gm11_forecast('{3,3,3,3,3}', 2)), '{3,3}'::float8[],
          'gm11_forecast: a constant series stays constant');
SELECT is(gm11_fit('{4,0,0,0}'), NULL, 'gm11_fit: zeros after the first value: undefined, NULL');
SELECT is((SELECT count(*) FROM gm11_forecast('{4,0,0,0}', 3)), 0::bigint, 'gm11_forecast: undefined model: no rows');
SELECT is((SELECT (mean_relative_error, class_ratio_ok)::text FROM gm11_fit('{1,0,2,3}')), '(,)',
          'gm11_fit: a zero value leaves the ratio check and relative error NULL');

SELECT throws_ok($$SELECT gm11_fit('{1,2,3}')$$, '22023', NULL, 'gm11_fit: 3 values -> 22023');
SELECT throws_ok($$SELECT gm11_fit('{1,2,-3,4}')$$, '22023', NULL, 'gm11_fit: negative value -> 22023');
SELECT throws_ok($$SELECT gm11_fit('{1,2,NULL,4}')$$, '22004', NULL, 'gm11_fit: NULL element -> 22004');
SELECT throws_ok($$SELECT gm11_fit('{1,2,NaN,4}')$$, '22023', NULL, 'gm11_fit: NaN -> 22023');
SELECT throws_ok($$SELECT gm11_fit('{1,2,Infinity,4}')$$, '22023', NULL, 'gm11_fit: Infinity -> 22023');
SELECT throws_ok($$SELECT gm11_fit('{{1,2},{3,4}}')$$, '2202E', NULL, 'gm11_fit: 2-D array -> 2202E');
SELECT throws_ok($$SELECT * FROM gm11_forecast('{1,2,3,4}', 0)$$, '22023', NULL, 'gm11_forecast: horizon 0 -> 22023');
SELECT throws_ok($$SELECT * FROM gm11_forecast('{1,2,3,4}', 10001)$$, '22023', NULL, 'gm11_forecast: horizon 10001 -> 22023');
SELECT throws_ok($$SELECT * FROM gm11_forecast('{1,2,4,8,16}', 10000)$$, '22003', NULL,
                 'gm11_forecast: overflowing model -> 22003');
SELECT is((SELECT round(a::numeric, 12) || ' ' || (b / 1e290)::numeric(20,10) FROM gm11_fit('{1e290,2e290,3e290,4e290,5e290}')),
          (SELECT round(a::numeric, 12) || ' ' || b::numeric(20,10) FROM gm11_fit('{1,2,3,4,5}')),
          'gm11_fit: values near the float8 limit give the same a and a scaled b');
SELECT throws_ok($$SELECT * FROM gm11_forecast(array_fill(1.0::float8, ARRAY[100001]), 1)$$, '54000', NULL,
                 'gm11_forecast: 100001 values -> 54000');

------------------------------------------------------------------------------
-- BP network: determinism, stored models, the forward pass in SQL
------------------------------------------------------------------------------
CREATE TEMP TABLE series (id int PRIMARY KEY, y float8[]);
INSERT INTO series
SELECT g, array_agg(0.3 + 0.04 * t + 0.02 * g * sin(t * g) + 0.001 * t * t ORDER BY t)
FROM generate_series(1, 40) g, generate_series(1, 10) t GROUP BY g;

SELECT is((SELECT array_agg(forecast ORDER BY step) FROM bp_forecast('{0.41,0.44,0.46,0.50,0.51,0.55,0.58,0.60,0.63,0.66}', 6)),
          (SELECT array_agg(forecast ORDER BY step) FROM bp_forecast('{0.41,0.44,0.46,0.50,0.51,0.55,0.58,0.60,0.63,0.66}', 6)),
          'bp_forecast: same call, same bits');
SELECT isnt((SELECT array_agg(forecast ORDER BY step) FROM bp_forecast('{0.41,0.44,0.46,0.50,0.51,0.55,0.58,0.60,0.63,0.66}', 6, seed => 1)),
            (SELECT array_agg(forecast ORDER BY step) FROM bp_forecast('{0.41,0.44,0.46,0.50,0.51,0.55,0.58,0.60,0.63,0.66}', 6, seed => 2)),
            'bp_forecast: another seed, other starts');

-- the same forecasts in parallel workers as in the leader
CREATE TEMP TABLE serial_fc AS
SELECT id, step, forecast FROM series, bp_forecast(y, 6);
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
-- force_parallel_mode was renamed debug_parallel_query in PostgreSQL 16
DO $$ BEGIN
  PERFORM set_config(CASE WHEN current_setting('server_version_num')::int >= 160000
                          THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END, 'on', true);
END $$;
CREATE TABLE pg_temp.par_series AS SELECT * FROM series;
SELECT is((SELECT count(*) FROM (SELECT id, step, forecast FROM par_series, bp_forecast(y, 6)
                                 EXCEPT SELECT * FROM serial_fc) d),
          0::bigint, 'bp_forecast: parallel workers give the same bits as a serial run');
DO $$ BEGIN
  EXECUTE CASE WHEN current_setting('server_version_num')::int >= 160000
               THEN 'RESET debug_parallel_query' ELSE 'RESET force_parallel_mode' END;
END $$;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;

-- stored model: same bits as the direct call, also after a text round trip
CREATE TEMP TABLE models AS SELECT id, y, bp_fit(y) AS m FROM series;
-- the networks on differences alone (transform 'difference', the default before 0.3.0)
CREATE TEMP TABLE models_d AS SELECT id, y, bp_fit(y, transform => 'difference') AS m FROM series;
SELECT is((SELECT count(*) FROM models, bp_forecast(m, y, 6) f
           JOIN serial_fc s ON s.step = f.step WHERE s.id = models.id AND s.forecast <> f.forecast),
          0::bigint, 'bp_forecast(model): same bits as bp_forecast(history) for 40 series');
SELECT is((SELECT count(*) FROM models, bp_forecast(m::text::jsonb, y, 6) f
           JOIN serial_fc s ON s.step = f.step WHERE s.id = models.id AND s.forecast <> f.forecast),
          0::bigint, 'bp_forecast(model): same bits after jsonb -> text -> jsonb');
SELECT is((SELECT count(*) FROM models_d WHERE (m ->> 'hidden')::int NOT BETWEEN 3 AND 12
                                          OR jsonb_array_length(m -> 'training' -> 'hidden_search') <> 10),
          0::bigint, 'bp_fit: hidden chosen among round(sqrt(2 + 1)) + 1 .. + 10, all ten recorded');
SELECT is((SELECT m ->> 'hidden' FROM models_d WHERE id = 1),
          (SELECT s ->> 'hidden' FROM models_d, jsonb_array_elements(m -> 'training' -> 'hidden_search') s
           WHERE id = 1 ORDER BY (s ->> 'validation_rmse')::float8, (s ->> 'hidden')::int LIMIT 1),
          'bp_fit: the chosen size has the lowest validation RMSE');
SELECT is((SELECT (m -> 'training' ->> 'hidden_chosen_by') || ' ' || (m ->> 'hidden')
           FROM (SELECT bp_fit('{1,2,3,5,8,13,21,34}', hidden => 4) m) s),
          'argument 4', 'bp_fit: hidden passed is kept');
SELECT is((SELECT jsonb_array_length(m -> 'networks') FROM (SELECT bp_fit('{1,2,3,5,8,13,21,34}', ensemble => 3) m) s),
          3, 'bp_fit: one network per ensemble member');

-- one step recomputed in SQL from the stored weights (the documented format)
CREATE FUNCTION pg_temp.step1(m jsonb, y float8[]) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
  l int := (m ->> 'lags')::int;
  h int := (m ->> 'hidden')::int;
  c float8 := (m ->> 'center')::float8;
  s float8 := (m ->> 'scale')::float8;
  n int := cardinality(y);
  x float8[];
  net jsonb;
  a float8;
  o float8;
  total float8 := 0;
BEGIN
  -- inputs: the last l differences, scaled
  FOR i IN 1 .. l LOOP
    x[i] := ((y[n - l + i] - y[n - l + i - 1]) - c) / s;
  END LOOP;
  FOR net IN SELECT * FROM jsonb_array_elements(m -> 'networks') LOOP
    o := (net ->> 'b2')::float8;
    FOR j IN 0 .. h - 1 LOOP
      a := (net -> 'b1' ->> j)::float8;
      FOR i IN 1 .. l LOOP
        a := a + (net -> 'w1' -> j ->> (i - 1))::float8 * x[i];
      END LOOP;
      o := o + (net -> 'w2' ->> j)::float8 * tanh(a);
    END LOOP;
    total := total + o;
  END LOOP;
  RETURN y[n] + c + s * total / jsonb_array_length(m -> 'networks');
END
$$;
SELECT ok(bool_and(abs(pg_temp.step1(m, y) - f.forecast) < 1e-12), 'bp_forecast: step 1 equals the network written out in SQL from the stored weights (40 series)')
FROM models_d, bp_forecast(m, y, 1) f;

-- a straight line is continued (differences constant: the network predicts the mean step)
SELECT ok(bool_and(abs(forecast - (2.5 + 0.5 * (10 + step))) < 1e-3),
          'bp_forecast: a straight line is continued to 1e-3')
FROM bp_forecast(ARRAY(SELECT 2.5 + 0.5 * t FROM generate_series(1, 10) t)::float8[], 6);
-- a growing series is not forecast flat (a saturated network on levels would be)
SELECT ok(min(forecast) > 0.66 AND max(forecast) - min(forecast) > 0.1,
          'bp_forecast: a growing CCD series keeps growing')
FROM bp_forecast('{0.41,0.44,0.46,0.50,0.51,0.55,0.58,0.60,0.63,0.66}', 6);
-- bounds: a CCD close to 1 stays in [0, 1]
SELECT ok(max(forecast) <= 1 AND bool_or(forecast = 1), 'bp_forecast: upper => 1 caps the forecasts at 1')
FROM bp_forecast('{0.71,0.75,0.79,0.83,0.86,0.89,0.92,0.95,0.97,0.99}', 6, lower => 0, upper => 1, transform => 'difference');
SELECT is((SELECT m ->> 'upper' FROM (SELECT bp_fit('{0.71,0.75,0.79,0.83,0.86,0.89,0.92,0.95,0.97,0.99}', upper => 1) m) s),
          '1', 'bp_fit: the bounds are stored with the model');
SELECT ok(max(forecast) <= 1, 'bp_forecast(model): a stored model keeps its bounds')
FROM bp_forecast(bp_fit('{0.71,0.75,0.79,0.83,0.86,0.89,0.92,0.95,0.97,0.99}', upper => 1),
                 '{0.71,0.75,0.79,0.83,0.86,0.89,0.92,0.95,0.97,0.99}', 6);
-- other transforms, activation and dropout run and differ
SELECT is((SELECT count(DISTINCT f) FROM (
             SELECT array_agg(forecast ORDER BY step) f FROM bp_forecast('{3,4,4,6,7,9,8,10,12,13}', 3) UNION ALL
             SELECT array_agg(forecast ORDER BY step) FROM bp_forecast('{3,4,4,6,7,9,8,10,12,13}', 3, transform => 'level') UNION ALL
             SELECT array_agg(forecast ORDER BY step) FROM bp_forecast('{3,4,4,6,7,9,8,10,12,13}', 3, transform => 'detrend') UNION ALL
             SELECT array_agg(forecast ORDER BY step) FROM bp_forecast('{3,4,4,6,7,9,8,10,12,13}', 3, activation => 'sigmoid') UNION ALL
             SELECT array_agg(forecast ORDER BY step) FROM bp_forecast('{3,4,4,6,7,9,8,10,12,13}', 3, dropout => 0.2)) s),
          5::bigint, 'bp_forecast: transforms, activation and dropout each change the forecast');
-- a model fitted on 10 values forecasts from a longer history
SELECT is((SELECT count(*) FROM bp_forecast(bp_fit('{3,4,4,6,7,9,8,10,12,13}'), '{3,4,4,6,7,9,8,10,12,13,15,16}', 4)),
          4::bigint, 'bp_forecast(model): forecasts from a longer history');
SELECT is((SELECT count(*) FROM bp_forecast(NULL::float8[], 6)), 0::bigint, 'bp_forecast: NULL history: no rows');
SELECT is(bp_fit(NULL), NULL, 'bp_fit: NULL history: NULL');

------------------------------------------------------------------------------
-- Backtests
------------------------------------------------------------------------------
SELECT is((SELECT (mae, rmse, mape, forecast, actual)::text FROM forecast_backtest('{1,2,3,4,6,8}', 2, 'naive')),
          '(3,3.1622776601683795,41.666666666666664,"{4,4}","{6,8}")', 'forecast_backtest naive: hand-computed errors');
SELECT is((SELECT (mae, forecast)::text FROM forecast_backtest('{1,2,3,4,6,8}', 2, 'drift')),
          '(1.5,"{5,6}")', 'forecast_backtest drift: the line through the first and last training values');
SELECT ok(abs((SELECT smape FROM forecast_backtest('{1,2,3,4,6,8}', 2, 'drift')) - 100 * (1.0 / 11 + 2.0 / 14)) < 1e-12,
          'forecast_backtest: sMAPE = mean 200 |F - A| / (|F| + |A|)');
SELECT is((SELECT mape FROM forecast_backtest('{1,2,3,4,0,8}', 2, 'naive')), NULL, 'forecast_backtest: MAPE NULL when an actual is 0');
SELECT is((SELECT forecast FROM forecast_backtest('{71.1,72.4,72.4,72.1,71.4,72.0,71.6,71.5,71.2}', 2, 'gm11')),
          (SELECT array_agg(forecast ORDER BY step) FROM gm11_forecast('{71.1,72.4,72.4,72.1,71.4,72.0,71.6}', 2)),
          'forecast_backtest gm11: the forecasts of gm11_forecast on the training part');
SELECT is((SELECT forecast FROM forecast_backtest('{0.41,0.44,0.46,0.50,0.51,0.55,0.58,0.60,0.63,0.66,0.69}', 1, seed => 5)),
          (SELECT array_agg(forecast ORDER BY step) FROM bp_forecast('{0.41,0.44,0.46,0.50,0.51,0.55,0.58,0.60,0.63,0.66}', 1, seed => 5)),
          'forecast_backtest bp: the forecasts of bp_forecast on the training part, options passed on');
SELECT is(forecast_backtest(NULL, 2), NULL, 'forecast_backtest: NULL history: NULL');
SELECT throws_ok($$SELECT forecast_backtest('{1,2,3}', 3, 'naive')$$, '22023', NULL, 'forecast_backtest: holdout = n -> 22023');
SELECT throws_ok($$SELECT forecast_backtest('{1,2,3}', 2, 'drift')$$, '22023', NULL, 'forecast_backtest: drift on 1 value -> 22023');
SELECT throws_ok($$SELECT forecast_backtest('{1,2,3,4,5}', 2, 'gm11')$$, '22023', NULL, 'forecast_backtest: gm11 on 3 values -> 22023');
SELECT throws_ok($$SELECT forecast_backtest('{1,2,3,4,5}', 2, 'arima')$$, '22023', NULL, 'forecast_backtest: unknown method -> 22023');
SELECT throws_ok($$SELECT forecast_backtest('{1,2,3,4,5}', 0)$$, '22023', NULL, 'forecast_backtest: holdout 0 -> 22023');
-- the detail names the values left before the holdout and the method's own minimum
CREATE FUNCTION pg_temp.backtest_detail(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE st text; det text;
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, det = PG_EXCEPTION_DETAIL;
  RETURN st || ': ' || det;
END $f$;
SELECT is(pg_temp.backtest_detail($$SELECT forecast_backtest('{1,2,3,4,5,6,7,8,9,10}', 8, 'bp')$$),
          '22023: history has 10 values, leaving 2 to train on; bp needs at least 5.',
          'forecast_backtest: bp with 2 values before the holdout -> its minimum of lags + 3 in DETAIL');
SELECT is(pg_temp.backtest_detail($$SELECT forecast_backtest('{1,2,3,4,5,6,7,8,9,10}', 10, 'bp', lags => 1, transform => 'level')$$),
          '22023: history has 10 values, leaving 0 to train on; bp needs at least 3.',
          'forecast_backtest: holdout = n with bp -> the minimum of its transform (lags + 2 on levels)');
SELECT is(pg_temp.backtest_detail($$SELECT forecast_backtest('{1,2,3,4,5}', 5, 'gm11')$$),
          '22023: history has 5 values, leaving 0 to train on; gm11 needs at least 4.',
          'forecast_backtest: holdout = n with gm11 -> its minimum of 4');

------------------------------------------------------------------------------
-- Bad input to the network
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,NULL,4,5,6}', 2)$$, '22004', NULL, 'bp_forecast: NULL element -> 22004');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,NaN,4,5,6}', 2)$$, '22023', NULL, 'bp_forecast: NaN -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,-Infinity,4,5,6}', 2)$$, '22023', NULL, 'bp_forecast: -Infinity -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{{1,2,3},{4,5,6}}', 2)$$, '2202E', NULL, 'bp_forecast: 2-D -> 2202E');
SELECT throws_ok($$SELECT * FROM bp_forecast('{}', 2)$$, '22023', NULL, 'bp_forecast: empty history -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4}', 2)$$, '22023', 'bp_forecast: history is too short for 2 lags',
                 'bp_forecast: 4 values for 2 lags on differences -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 0)$$, '22023', NULL, 'bp_forecast: horizon 0 -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 10001)$$, '22023', NULL, 'bp_forecast: horizon 10001 -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 2, lags => 0)$$, '22023', NULL, 'bp_forecast: lags 0 -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 2, lags => 101)$$, '22023', NULL, 'bp_forecast: lags 101 -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 2, lags => NULL)$$, '22004', NULL, 'bp_forecast: lags NULL -> 22004');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 2, hidden => 0)$$, '22023', NULL, 'bp_forecast: hidden 0 -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 2, hidden => 201)$$, '22023', NULL, 'bp_forecast: hidden 201 -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 2, ensemble => 0)$$, '22023', NULL, 'bp_forecast: ensemble 0 -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 2, ensemble => 1001)$$, '22023', NULL, 'bp_forecast: ensemble 1001 -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 2, epochs => 0)$$, '22023', NULL, 'bp_forecast: epochs 0 -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 2, learning_rate => 0)$$, '22023', NULL, 'bp_forecast: learning_rate 0 -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 2, learning_rate => 'NaN')$$, '22023', NULL, 'bp_forecast: learning_rate NaN -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 2, decay => -1)$$, '22023', NULL, 'bp_forecast: decay -1 -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 2, dropout => 1)$$, '22023', NULL, 'bp_forecast: dropout 1 -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 2, seed => NULL)$$, '22004', NULL, 'bp_forecast: seed NULL -> 22004');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 2, lower => 1, upper => 1)$$, '22023', NULL, 'bp_forecast: lower = upper -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 2, upper => 'Infinity')$$, '22023', NULL, 'bp_forecast: upper Infinity -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 2, upper => 5)$$, '22023', 'bp_forecast: history lies outside [lower, upper]',
                 'bp_forecast: history above upper -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 2, transform => 'log')$$, '22023', NULL, 'bp_forecast: unknown transform -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,3,4,5,6}', 2, activation => 'relu')$$, '22023', NULL, 'bp_forecast: unknown activation -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast(array_fill(1.0::float8, ARRAY[100001]), 1)$$, '54000', NULL, 'bp_forecast: 100001 values -> 54000');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1e308,-1e308,1e308,-1e308,1e308,-1e308}', 2)$$, '22003', NULL,
                 'bp_forecast: differences overflow float8 -> 22003');
-- Values whose squares overflow (above about 1e154) but whose deviations do not: scaled by 2^520
-- (3.4e156), the same forecasts and bounds times 2^520 (were 22003 'too large to transform').
SELECT ok(bool_and(abs(b.forecast / power(2::float8, 520) - a.forecast) <= 1e-9 * abs(a.forecast)
                   AND abs(b.upper_95 / power(2::float8, 520) - a.upper_95) <= 1e-9 * abs(a.upper_95)
                   AND abs(b.lower_80 / power(2::float8, 520) - a.lower_80) <= 1e-9 * abs(a.lower_80)),
          'bp_forecast, transform level, a history of 3.4e156 .. 3.8e157: the forecasts and bounds of the history / 2^520, times 2^520, within 1e-9')
FROM bp_forecast('{1, 3, 2, 5, 4, 6, 8, 7, 9, 11}', 3, transform => 'level') a
JOIN bp_forecast(ARRAY(SELECT v * power(2::float8, 520) FROM unnest('{1, 3, 2, 5, 4, 6, 8, 7, 9, 11}'::float8[]) v),
                 3, transform => 'level') b USING (step);
SELECT ok(bool_and(abs(b.forecast / power(2::float8, 520) - a.forecast) <= 1e-9 * abs(a.forecast)
                   AND abs(b.upper_95 / power(2::float8, 520) - a.upper_95) <= 1e-9 * abs(a.upper_95)),
          'bp_forecast, transform auto, a history of 3.4e156 .. 3.8e157: as the history / 2^520, times 2^520, within 1e-9')
FROM bp_forecast('{1, 3, 2, 5, 4, 6, 8, 7, 9, 11}', 3) a
JOIN bp_forecast(ARRAY(SELECT v * power(2::float8, 520) FROM unnest('{1, 3, 2, 5, 4, 6, 8, 7, 9, 11}'::float8[]) v),
                 3) b USING (step);
SELECT ok((SELECT (m ->> 'scale')::float8 > 1e156 FROM bp_fit(ARRAY(SELECT v * 1e300 FROM unnest('{1, 3, 2, 5, 4, 6, 8, 7, 9, 11}'::float8[]) v),
                                                            transform => 'detrend') m),
          'bp_fit, transform detrend, a history of 1e300 .. 1.1e301: a finite model');
-- Values whose squares underflow (below about 1e-162): scaled by 2^-560 (2.6e-169), the same
-- forecasts and bounds times 2^-560 (the spread fell to 0 and the scaling to 1: forecasts of 1e-41).
SELECT ok(bool_and(abs(b.forecast / power(2::float8, -560) - a.forecast) <= 1e-9 * abs(a.forecast)
                   AND abs(b.upper_95 / power(2::float8, -560) - a.upper_95) <= 1e-9 * abs(a.upper_95)
                   AND abs(b.lower_80 / power(2::float8, -560) - a.lower_80) <= 1e-9 * abs(a.lower_80)),
          'bp_forecast, transform level, a history of 2.6e-169 .. 2.9e-168: as the history / 2^-560, times 2^-560, within 1e-9')
FROM bp_forecast('{1, 3, 2, 5, 4, 6, 8, 7, 9, 11}', 3, transform => 'level') a
JOIN bp_forecast(ARRAY(SELECT v * power(2::float8, -560) FROM unnest('{1, 3, 2, 5, 4, 6, 8, 7, 9, 11}'::float8[]) v),
                 3, transform => 'level') b USING (step);
SELECT ok(bool_and(abs(b.forecast / power(2::float8, -560) - a.forecast) <= 1e-9 * abs(a.forecast)
                   AND abs(b.upper_95 / power(2::float8, -560) - a.upper_95) <= 1e-9 * abs(a.upper_95)),
          'bp_forecast, transform auto, a history of 2.6e-169 .. 2.9e-168: as the history / 2^-560, times 2^-560, within 1e-9')
FROM bp_forecast('{1, 3, 2, 5, 4, 6, 8, 7, 9, 11}', 3) a
JOIN bp_forecast(ARRAY(SELECT v * power(2::float8, -560) FROM unnest('{1, 3, 2, 5, 4, 6, 8, 7, 9, 11}'::float8[]) v),
                 3) b USING (step);
SELECT throws_ok($$SELECT bp_fit('{1,2,3,4,5,6}', ensemble => -5)$$, '22023', NULL, 'bp_fit: ensemble -5 -> 22023');

------------------------------------------------------------------------------
-- Hostile models
------------------------------------------------------------------------------
CREATE TEMP TABLE good AS SELECT bp_fit('{3,4,4,6,7,9,8,10,12,13}', ensemble => 2, hidden => 3, transform => 'difference') AS m;
SELECT lives_ok($$SELECT * FROM bp_forecast((SELECT m FROM good), '{3,4,4,6,7,9,8,10,12,13}', 3)$$, 'the unmodified model works');
SELECT throws_ok(format($$SELECT * FROM bp_forecast(%L::jsonb, '{3,4,4,6,7,9,8,10,12,13}', 3)$$, bad), '22023', NULL,
                 'hostile model rejected: ' || what)
FROM good, LATERAL (VALUES
  ('not an object', '[1, 2, 3]'::jsonb),
  ('a scalar', '42'::jsonb),
  ('empty object', '{}'::jsonb),
  ('another model name', jsonb_set(m, '{model}', '"synergy.gm11"')),
  ('future format', jsonb_set(m, '{format}', '2')),
  ('no networks', m - 'networks'),
  ('empty networks', jsonb_set(m, '{networks}', '[]')),
  ('networks not an array', jsonb_set(m, '{networks}', '{"a": 1}')),
  ('a network not an object', jsonb_set(m, '{networks,0}', '[1]')),
  ('w1 row too short', jsonb_set(m, '{networks,0,w1,0}', '[0.5]')),
  ('w1 missing a row', m #- '{networks,1,w1,2}'),
  ('b1 too long', jsonb_set(m, '{networks,0,b1}', '[1,2,3,4]')),
  ('w2 a string', jsonb_set(m, '{networks,1,w2}', '"0.1"')),
  ('b2 missing', m #- '{networks,0,b2}'),
  ('b2 a string', jsonb_set(m, '{networks,0,b2}', '"x"')),
  ('b2 beyond float8', jsonb_set(m, '{networks,0,b2}', '1e400')),
  ('a weight null', jsonb_set(m, '{networks,0,w2,0}', 'null')),
  ('hidden larger than the weights', jsonb_set(m, '{hidden}', '4')),
  ('hidden fractional', jsonb_set(m, '{hidden}', '2.5')),
  ('hidden huge', jsonb_set(m, '{hidden}', '100000000000')),
  ('lags 0', jsonb_set(m, '{lags}', '0')),
  ('lags a string', jsonb_set(m, '{lags}', '"2"')),
  ('scale 0', jsonb_set(m, '{scale}', '0')),
  ('scale negative', jsonb_set(m, '{scale}', '-1')),
  ('center missing', m - 'center'),
  ('unknown transform', jsonb_set(m, '{transform}', '"log"')),
  ('unknown activation', jsonb_set(m, '{activation}', '"relu"')),
  ('lower above upper', jsonb_set(jsonb_set(m, '{lower}', '5'), '{upper}', '1'))
) AS b(what, bad);
-- 300 random mutations of a model (a value at a random path replaced by a
-- random JSON value): every outcome is a forecast or SQLSTATE 22023
CREATE FUNCTION pg_temp.mutation_outcomes(m jsonb) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
  paths text[] := ARRAY['lags', 'hidden', 'center', 'scale', 'lower', 'upper', 'transform', 'networks',
                        'networks,0', 'networks,1,w1', 'networks,0,b1', 'networks,1,w2', 'networks,0,b2',
                        'format', 'model'];
  vals jsonb[] := ARRAY['null', '0', '-1', '1', '2.5', '1e300', '-1e300', '1e-320', '"x"', '[]', '{}',
                        '[1, 2, 3]', '[[1, 2], [3, 4], [5, 6]]', 'true', '100000000000000000000',
                        '[null, null, null]', '{"w1": [], "b1": [], "w2": [], "b2": 0}']::jsonb[];
  outcomes text[] := '{}';
  p text[];
  bad jsonb;
BEGIN
  PERFORM setseed(0.5);
  FOR i IN 1 .. 300 LOOP
    p := string_to_array(paths[1 + floor(random() * 15)::int], ',');
    bad := jsonb_set(m, p, vals[1 + floor(random() * 17)::int]);
    BEGIN
      PERFORM count(*) FROM bp_forecast(bad, '{3,4,4,6,7,9,8,10,12,13}', 3);
      outcomes := outcomes || 'ok'::text;
    EXCEPTION WHEN OTHERS THEN
      outcomes := outcomes || SQLSTATE::text;
    END;
  END LOOP;
  RETURN outcomes;
END
$$;
SELECT is((SELECT array_agg(DISTINCT o ORDER BY o) FROM good, unnest(pg_temp.mutation_outcomes(m)) o),
          ARRAY['22023', 'ok'], 'hostile models: 300 random mutations give a forecast or 22023, nothing else');
SELECT throws_ok($$SELECT * FROM bp_forecast((SELECT m FROM good), '{3,4}', 3)$$, '22023', NULL,
                 'bp_forecast(model): history shorter than lags + 1 -> 22023');
SELECT throws_ok($$SELECT * FROM bp_forecast((SELECT jsonb_set(m, '{upper}', '5') FROM good), '{3,4,4,6,7,9,8,10,12,13}', 3)$$,
                 '22023', NULL, 'bp_forecast(model): history above the model''s upper bound -> 22023');

SELECT * FROM finish();
ROLLBACK;
