-- Prediction intervals of the forecast rows (step, forecast, lower_80,
-- upper_80, lower_95, upper_95): naive, drift and GM(1,1) against numbers
-- computed independently in R (test/reference/make_forecast_interval_reference.R),
-- the BP network's simulated intervals (determinism, order, bounds, stored
-- models), coverage on a fixed set of random walks and on the forecasting
-- benchmark's real windows (bench/data/), forecast_backtest's
-- MASE and coverage, and the error codes of hostile input.
-- The NOTICE of GM(1,1) on a series failing the class-ratio check is
-- checked with its SQLSTATE, DETAIL and HINT in sql/forecast_notice.sql.
BEGIN;
SET client_min_messages = warning;
SELECT plan(66);

-- signatures of the new functions
SELECT is((SELECT pg_get_function_arguments(p) || ' -> ' || pg_get_function_result(p) FROM to_regprocedure(e.sig) p),
          e.want, 'signature of ' || e.sig)
FROM (VALUES
  ('naive_forecast(float8[], int, float8, float8)',
   'history double precision[], horizon integer, lower double precision DEFAULT NULL::double precision, '
   'upper double precision DEFAULT NULL::double precision -> TABLE(step integer, forecast double precision, '
   'lower_80 double precision, upper_80 double precision, lower_95 double precision, upper_95 double precision)'),
  ('drift_forecast(float8[], int, float8, float8)',
   'history double precision[], horizon integer, lower double precision DEFAULT NULL::double precision, '
   'upper double precision DEFAULT NULL::double precision -> TABLE(step integer, forecast double precision, '
   'lower_80 double precision, upper_80 double precision, lower_95 double precision, upper_95 double precision)')
) AS e(sig, want);
SELECT is((SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute
           WHERE attrelid = (SELECT typrelid FROM pg_type WHERE oid = to_regtype('forecast_accuracy')) AND attnum > 0),
          ARRAY['method', 'holdout', 'mae', 'rmse', 'mape', 'smape', 'forecast', 'actual', 'mase',
                'coverage_80', 'coverage_95', 'lower_80', 'upper_80', 'lower_95', 'upper_95'],
          'forecast_accuracy: the new attributes at the end');

-- ---- naive, drift and GM(1,1) against R (relative tolerance 1e-10) ----
CREATE TEMP TABLE ref(series text, method text, step int, forecast float8, lower_80 float8,
                      upper_80 float8, lower_95 float8, upper_95 float8);
INSERT INTO ref VALUES
  ('airmiles', 'naive', 1, 16769, 14315.471546070446, 19222.528453929554, 12755.875173237211, 20782.124826762789),
  ('airmiles', 'naive', 2, 16769, 13299.186784784539, 20238.813215215461, 11093.584442495892, 22444.415557504108),
  ('airmiles', 'naive', 3, 16769, 12519.364059978103, 21018.635940021897, 9818.0639029308077, 23719.936097069192),
  ('airmiles', 'naive', 4, 16769, 11861.9430921409, 21676.0569078591, 8742.7503464744314, 24795.24965352557),
  ('airmiles', 'naive', 5, 16769, 11282.743592283565, 22255.256407716435, 7795.3800851663491, 25742.619914833653),
  ('airmiles', 'naive', 6, 16769, 10759.107218472895, 22778.892781527105, 6938.891900336037, 26599.108099663965),
  ('airmiles', 'drift', 1, 18258.666666666668, 16754.201723570146, 19763.13160976319, 15774.943617635623, 20742.389715697715),
  ('airmiles', 'drift', 2, 19748.333333333332, 17516.851206357154, 21979.81546030951, 16064.376709615593, 23432.289957051071),
  ('airmiles', 'drift', 3, 21238, 18383.478471963626, 24092.521528036374, 16525.466852802296, 25950.533147197704),
  ('airmiles', 'drift', 4, 22727.666666666668, 19296.958754583015, 26158.374578750321, 17063.906700151667, 28391.426633181669),
  ('airmiles', 'drift', 5, 24217.333333333336, 20236.893237684999, 28197.773428981673, 17646.019820038098, 30788.646846628573),
  ('airmiles', 'drift', 6, 25707, 21193.605170710434, 30220.394829289566, 18255.830852906856, 33158.16914709314),
  ('lake', 'naive', 1, 581.67999999999995, 580.76379548455816, 582.59620451544174, 580.20097132105423, 583.15902867894567),
  ('lake', 'naive', 2, 581.67999999999995, 580.38429114835469, 582.97570885164521, 579.58833758309629, 583.77166241690361),
  ('lake', 'naive', 3, 581.67999999999995, 580.09308722913079, 583.26691277086911, 579.11824718221465, 584.24175281778525),
  ('lake', 'naive', 4, 581.67999999999995, 579.84759096911637, 583.51240903088353, 578.72194264210873, 584.63805735789117),
  ('lake', 'naive', 5, 581.67999999999995, 579.63130442217994, 583.72869557781996, 578.3727913332059, 584.987208666794),
  ('lake', 'naive', 6, 581.67999999999995, 579.43576643713357, 583.92423356286633, 578.0571344216404, 585.3028655783595),
  ('lake', 'drift', 1, 581.79818181818177, 580.80383044752114, 582.79253318884241, 580.18356344268364, 583.41280019367991),
  ('lake', 'drift', 2, 581.9163636363636, 580.45271804923368, 583.38000922349352, 579.53970973923401, 584.29301753349318),
  ('lake', 'drift', 3, 582.03454545454542, 580.17428437900503, 583.89480653008582, 579.01387106879383, 585.05521984029701),
  ('lake', 'drift', 4, 582.15272727272725, 579.92929001441018, 584.37616453104431, 578.54233082739324, 585.76312371806125),
  ('lake', 'drift', 5, 582.27090909090907, 579.70350489167788, 584.83831329014026, 578.10198237171937, 586.43983581009877),
  ('lake', 'drift', 6, 582.38909090909078, 579.4900834046432, 585.28809841353836, 577.68170987105952, 587.09647194712204),
  ('airmiles', 'gm11', 1, 19414.572711097651, 13385.12132259158, 28160.046104200617, 10158.506886218862, 37104.432548629651),
  ('airmiles', 'gm11', 2, 22750.202169257118, 13445.654791846518, 38493.60308253103, 9102.6925406108221, 56859.187150721933),
  ('airmiles', 'gm11', 3, 26658.928138357624, 13999.318985328178, 50766.644451130443, 8682.0109585571281, 81858.736746426264),
  ('airmiles', 'gm11', 4, 31239.214675924908, 14848.721373270924, 65722.058420815418, 8552.7187887737346, 114102.72659139332),
  ('airmiles', 'gm11', 5, 36606.443008651433, 15937.500048466269, 84080.418238154118, 8601.1431650193244, 155796.92652896736),
  ('airmiles', 'gm11', 6, 42895.818081443846, 17250.78364993924, 106664.78962437197, 8777.6547230845426, 209629.02585324238),
  ('growth', 'gm11', 1, 5.8574537667676569, 5.6396799362366581, 6.0836368406955064, 5.4833988255624657, 6.2570251993846622),
  ('growth', 'gm11', 2, 6.2666387278473419, 5.9397013074719949, 6.6115716788577439, 5.708272048081402, 6.8796232230304071),
  ('growth', 'gm11', 3, 6.7044081795676016, 6.2785675336829527, 7.159131250418552, 5.9802803405556153, 7.516217715318148),
  ('growth', 'gm11', 4, 7.1727589526600131, 6.6493227344178374, 7.7374001906479553, 6.2859101192251137, 8.1847290236638965),
  ('growth', 'gm11', 5, 7.6738273707378175, 7.0504825459288272, 8.3522831426465221, 6.6210745132983648, 8.8939682520729306),
  ('growth', 'gm11', 6, 8.2098989948695316, 7.4822618220937818, 9.0082976389482106, 6.9845398993850072, 9.6502335840181193);
CREATE TEMP TABLE hist(series text, y float8[]);
INSERT INTO hist VALUES
  ('airmiles', '{3362, 5948, 6109, 5981, 6753, 8003, 10566, 12528, 14760, 16769}'),
  ('lake', '{580.38, 581.86, 580.97, 580.8, 579.79, 580.39, 580.42, 580.82, 581.4, 581.32, 581.44, 581.68}'),
  ('growth', '{2.87, 3.28, 3.34, 3.62, 3.95, 4.12, 4.5, 4.83, 5.06, 5.51}');
CREATE TEMP TABLE got AS
SELECT c.series, c.method, f.*
FROM (SELECT DISTINCT series, method FROM ref) c JOIN hist USING (series),
LATERAL (SELECT * FROM naive_forecast(hist.y, 6) WHERE c.method = 'naive'
         UNION ALL SELECT * FROM drift_forecast(hist.y, 6) WHERE c.method = 'drift'
         UNION ALL SELECT * FROM gm11_forecast(hist.y, 6) WHERE c.method = 'gm11') f;
SELECT ok(count(*) = 6 AND max(greatest(abs(g.forecast - r.forecast) / abs(r.forecast),
                          abs(g.lower_80 - r.lower_80) / abs(r.lower_80), abs(g.upper_80 - r.upper_80) / abs(r.upper_80),
                          abs(g.lower_95 - r.lower_95) / abs(r.lower_95), abs(g.upper_95 - r.upper_95) / abs(r.upper_95))) <= 1e-10,
          r.method || ' on ' || r.series || ': forecasts and 80/95 % bounds as R computes them')
FROM ref r JOIN got g USING (series, method, step)
GROUP BY r.series, r.method ORDER BY r.series, r.method;

-- the simple methods' bounds are symmetric, widen with the step, and 95 % is wider than 80 %
SELECT ok(bool_and(upper_80 - forecast = forecast - lower_80 OR abs((upper_80 - forecast) - (forecast - lower_80)) <= 1e-9 * abs(forecast))
          AND bool_and(lower_95 < lower_80 AND upper_95 > upper_80),
          'naive and drift: symmetric bounds, 95 % outside 80 %')
FROM got WHERE method IN ('naive', 'drift');
SELECT ok(bool_and(w > 0), 'every interval widens with the step')
FROM (SELECT (upper_95 - lower_95) - lag(upper_95 - lower_95) OVER (PARTITION BY series, method ORDER BY step) AS w
      FROM got) s WHERE w IS NOT NULL;

-- too few values for a spread: NULL bounds, forecasts still there
SELECT is((SELECT array_agg(ROW(forecast, lower_80, upper_95)::text ORDER BY step) FROM naive_forecast('{5}', 2)),
          ARRAY['(5,,)', '(5,,)'], 'naive_forecast of one value: NULL bounds');
SELECT is((SELECT array_agg(ROW(forecast, lower_80, upper_95)::text ORDER BY step) FROM drift_forecast('{1, 2}', 2)),
          ARRAY['(3,,)', '(4,,)'], 'drift_forecast of two values: NULL bounds');
-- a constant series: zero-width intervals
SELECT ok(bool_and(lower_95 = 7 AND upper_95 = 7 AND forecast = 7), 'naive_forecast of a constant series: zero width')
FROM naive_forecast('{7, 7, 7, 7}', 3);

-- bounds: forecasts and intervals kept in [lower, upper]
SELECT ok(bool_and(lower_95 >= 0 AND upper_95 <= 1 AND lower_95 <= lower_80 AND lower_80 <= forecast
                   AND forecast <= upper_80 AND upper_80 <= upper_95) AND bool_or(upper_95 = 1) AND bool_or(forecast = 1),
          'drift_forecast with upper => 1: forecasts and bounds clamped, in order')
FROM drift_forecast('{0.5, 0.6, 0.7, 0.8, 0.9}', 4, lower => 0, upper => 1);
SELECT ok(bool_and(lower_95 >= 0.9 AND upper_95 <= 1) AND bool_or(lower_95 = 0.9) AND bool_or(upper_95 = 1),
          'naive_forecast with both bounds: clamped at both ends')
FROM naive_forecast('{0.92, 0.97, 0.91, 0.99, 0.93}', 5, lower => 0.9, upper => 1);

-- ---- the BP network ----
CREATE TEMP TABLE bp_a AS SELECT * FROM bp_forecast('{3362, 5948, 6109, 5981, 6753, 8003, 10566, 12528, 14760, 16769}', 6);
CREATE TEMP TABLE bp_b AS SELECT * FROM bp_forecast('{3362, 5948, 6109, 5981, 6753, 8003, 10566, 12528, 14760, 16769}', 6);
CREATE TEMP TABLE bp_c AS SELECT * FROM bp_forecast('{3362, 5948, 6109, 5981, 6753, 8003, 10566, 12528, 14760, 16769}', 6, seed => 7);
SELECT is((SELECT array_agg(float8send(v)::text ORDER BY step, k) FROM bp_a, unnest(ARRAY[forecast, lower_80, upper_80, lower_95, upper_95]) WITH ORDINALITY u(v, k)),
          (SELECT array_agg(float8send(v)::text ORDER BY step, k) FROM bp_b, unnest(ARRAY[forecast, lower_80, upper_80, lower_95, upper_95]) WITH ORDINALITY u(v, k)),
          'bp_forecast: same arguments, same bits (forecasts and bounds)');
SELECT isnt((SELECT array_agg(lower_80 ORDER BY step) FROM bp_a), (SELECT array_agg(lower_80 ORDER BY step) FROM bp_c),
            'bp_forecast: another seed, other bounds');
SELECT ok(bool_and(lower_95 <= lower_80 AND lower_80 <= forecast AND forecast <= upper_80 AND upper_80 <= upper_95
                   AND lower_95 < upper_95), 'bp_forecast: lower_95 <= lower_80 <= forecast <= upper_80 <= upper_95')
FROM bp_a;
SELECT ok(bool_and(w > 0), 'bp_forecast: the 95 % interval widens with the step')
FROM (SELECT (upper_95 - lower_95) - lag(upper_95 - lower_95) OVER (ORDER BY step) AS w FROM bp_a) s WHERE w IS NOT NULL;
-- the stored model gives the same rows (seed 0) as the history form
SELECT is((SELECT array_agg(float8send(v)::text ORDER BY step, k)
           FROM bp_forecast(bp_fit('{3362, 5948, 6109, 5981, 6753, 8003, 10566, 12528, 14760, 16769}'),
                            '{3362, 5948, 6109, 5981, 6753, 8003, 10566, 12528, 14760, 16769}', 6),
                unnest(ARRAY[forecast, lower_80, upper_80, lower_95, upper_95]) WITH ORDINALITY u(v, k)),
          (SELECT array_agg(float8send(v)::text ORDER BY step, k) FROM bp_a, unnest(ARRAY[forecast, lower_80, upper_80, lower_95, upper_95]) WITH ORDINALITY u(v, k)),
          'bp_forecast(bp_fit(h), h, 6) = bp_forecast(h, 6), bounds included');
-- bounds
SELECT ok(bool_and(lower_95 >= 0 AND upper_95 <= 1 AND lower_95 <= lower_80 AND lower_80 <= forecast
                   AND forecast <= upper_80 AND upper_80 <= upper_95) AND bool_or(upper_95 = 1),
          'bp_forecast with lower => 0, upper => 1: every bound within, the upper one reached')
FROM bp_forecast('{0.62, 0.68, 0.71, 0.77, 0.8, 0.86, 0.9, 0.93, 0.96, 0.98}', 6, lower => 0, upper => 1);
SELECT ok(bool_and(lower_95 >= 0) AND bool_or(lower_95 = 0),
          'bp_forecast with lower => 0 on a falling series: the lower bound reached, not passed')
FROM bp_forecast('{0.9, 0.7, 0.75, 0.5, 0.45, 0.3, 0.32, 0.2, 0.12, 0.08}', 6, lower => 0);
-- too few one-step errors: NULL bounds
SELECT ok(bool_and(forecast IS NOT NULL AND lower_80 IS NULL AND upper_95 IS NULL),
          'bp_forecast on 5 values (2 one-step errors for 3 parameters): NULL bounds')
FROM bp_forecast('{1, 2, 3, 4, 5.5}', 2);
-- a horizon too long to simulate within the budget: NULL bounds, forecasts there
SELECT ok(count(*) = 3000 AND bool_and(lower_80 IS NULL) AND bool_and(forecast IS NOT NULL),
          'bp_forecast, horizon 3000: forecasts with NULL bounds')
FROM bp_forecast('{1, 2, 3, 5, 4, 6, 7, 9, 8, 10}', 3000, ensemble => 2);

-- ---- coverage on a fixed set: 300 random walks of 16 values, 10 fitted, 6 held out ----
SELECT setseed(0.25);
CREATE TEMP TABLE rw AS
SELECT i, array_agg(50 + s ORDER BY t) AS y FROM (
  SELECT i, t, sum(e) OVER (PARTITION BY i ORDER BY t) AS s FROM (
    SELECT i, t, sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS e
    FROM generate_series(1, 300) i, generate_series(1, 16) t ORDER BY i, t) a) b
GROUP BY i;
CREATE TEMP TABLE rw_cov AS
SELECT m, avg(b.coverage_80) * 100 AS c80, avg(b.coverage_95) * 100 AS c95
FROM rw, unnest(ARRAY['naive', 'drift', 'bp']) m, LATERAL forecast_backtest(rw.y, 6, m) b GROUP BY m;
-- naive and drift are exact for a random walk with normal steps: 80 and 95 within sampling error
SELECT ok(c80 BETWEEN 76 AND 84 AND c95 BETWEEN 92.5 AND 97.5, m || ' on random walks: coverage 80/95 within sampling error (' || round(c80::numeric, 1) || ', ' || round(c95::numeric, 1) || ')')
FROM rw_cov WHERE m IN ('naive', 'drift') ORDER BY m;
SELECT ok(c80 BETWEEN 75 AND 90 AND c95 >= 92, 'bp on random walks: 80 % coverage in [75, 90], 95 % at least 92 (' || round(c80::numeric, 1) || ', ' || round(c95::numeric, 1) || ')')
FROM rw_cov WHERE m = 'bp';

-- ---- forecast_backtest: MASE and coverage ----
-- train {1, 2, 4, 7}: naive 7, 7 against 11, 16: MAE 6.5, mean |step| 2, MASE 3.25;
-- sigma = sqrt((1 + 4 + 9) / 3), t(3): 80 %: 7 -+ 3.54, 7 -+ 5.00 (both out); 95 %: 7 -+ 6.88, 7 -+ 9.72 (both in)
SELECT is(ROW(b.mase, b.coverage_80, b.coverage_95)::text, '(3.25,0,1)', 'forecast_backtest naive: MASE and coverage by hand')
FROM forecast_backtest('{1, 2, 4, 7, 11, 16}', 2, 'naive') b;
SELECT ok(abs(b.lower_80[1] - (7 - 1.6377443536962091 * sqrt(14.0 / 3))) <= 1e-9
          AND abs(b.upper_95[2] - (7 + 3.1824463052837078 * sqrt(14.0 / 3) * sqrt(2))) <= 1e-9,
          'forecast_backtest naive: the bound arrays (t(3) quantiles from R)')
FROM forecast_backtest('{1, 2, 4, 7, 11, 16}', 2, 'naive') b;
SELECT ok(b.mase IS NULL AND b.mae = 2, 'forecast_backtest: MASE NULL when the training part is constant')
FROM forecast_backtest('{4, 4, 4, 4, 6}', 1, 'naive') b;
SELECT ok(abs(b.mase - b.mae / 2.0) <= 1e-12, 'forecast_backtest drift: MASE = MAE / mean |step| of the training part')
FROM forecast_backtest('{1, 3, 5, 7, 9, 10, 12}', 2, 'drift') b;
SELECT ok(bool_and(b.coverage_80 = (SELECT avg((b.actual[k] BETWEEN b.lower_80[k] AND b.upper_80[k])::int) FROM generate_subscripts(b.actual, 1) k)
                   AND b.coverage_95 = (SELECT avg((b.actual[k] BETWEEN b.lower_95[k] AND b.upper_95[k])::int) FROM generate_subscripts(b.actual, 1) k)),
          'forecast_backtest: coverage is the share of actual values within the bound arrays, every method')
FROM unnest(ARRAY['bp', 'gm11', 'naive', 'drift']) m,
     LATERAL forecast_backtest('{3362, 5948, 6109, 5981, 6753, 8003, 10566, 12528, 14760, 16769, 20000, 19000}', 3, m) b;
SELECT ok(bool_and(b.forecast = f.fc AND b.lower_80 = f.lo AND b.upper_95 = f.hi),
          'forecast_backtest bp: forecasts and bounds as bp_forecast on the training part')
FROM forecast_backtest('{3362, 5948, 6109, 5981, 6753, 8003, 10566, 12528, 14760, 16769, 20000, 19000}', 2) b,
     (SELECT array_agg(forecast ORDER BY step) fc, array_agg(lower_80 ORDER BY step) lo, array_agg(upper_95 ORDER BY step) hi
      FROM bp_forecast('{3362, 5948, 6109, 5981, 6753, 8003, 10566, 12528, 14760, 16769}', 2)) f;
SELECT ok(b.upper_95[1] <= 1 AND b.forecast[1] <= 1 AND b.lower_95[2] >= 0,
          'forecast_backtest drift: forecasts and bounds kept in [lower, upper]')
FROM forecast_backtest('{0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.97}', 2, 'drift', lower => 0, upper => 1) b;

-- ---- GM(1,1) on a series failing the class-ratio check: rows still come ----
SELECT is((SELECT count(*) FROM gm11_forecast('{3362, 5948, 6109, 5981, 6753, 8003, 10566, 12528, 14760, 16769}', 6)
           WHERE lower_80 < forecast AND forecast < upper_80), 6::bigint,
          'gm11_forecast: rows and intervals for a series failing the class-ratio check');
SELECT ok(bool_and(lower_95 <= lower_80 AND lower_80 <= forecast AND forecast <= upper_80 AND upper_80 <= upper_95),
          'gm11_forecast with a zero value (intervals on the original scale): in order')
FROM gm11_forecast('{5, 0, 6, 7, 8, 9}', 3);

-- ---- hostile input ----
SELECT throws_ok($$SELECT * FROM naive_forecast('{}', 3)$$, '22023', NULL, 'naive_forecast of an empty array: 22023');
SELECT throws_ok($$SELECT * FROM naive_forecast('{1, NaN}', 3)$$, '22023', NULL, 'NaN in history: 22023');
SELECT throws_ok($$SELECT * FROM drift_forecast('{1, Infinity}', 3)$$, '22023', NULL, 'Infinity in history: 22023');
SELECT throws_ok($$SELECT * FROM naive_forecast('{1, NULL}', 3)$$, '22004', NULL, 'NULL element: 22004');
SELECT throws_ok($$SELECT * FROM naive_forecast('{{1, 2}, {3, 4}}', 3)$$, '2202E', NULL, 'two-dimensional history: 2202E');
SELECT throws_ok($$SELECT * FROM naive_forecast('{1, 2}', 0)$$, '22023', NULL, 'horizon 0: 22023');
SELECT throws_ok($$SELECT * FROM drift_forecast('{1, 2}', 10001)$$, '22023', NULL, 'horizon 10001: 22023');
SELECT throws_ok($$SELECT * FROM naive_forecast('{1, 2}', 3, 'NaN')$$, '22023', NULL, 'lower NaN: 22023');
SELECT throws_ok($$SELECT * FROM drift_forecast('{1, 2}', 3, upper => 'Infinity')$$, '22023', NULL, 'upper Infinity: 22023');
SELECT throws_ok($$SELECT * FROM naive_forecast('{1, 2}', 3, 2, 1)$$, '22023', NULL, 'lower above upper: 22023');
SELECT throws_ok($$SELECT * FROM naive_forecast('{1, 2}', 3, 0, 1.5)$$, '22023', NULL, 'history outside the bounds: 22023');
SELECT throws_ok($$SELECT * FROM drift_forecast('{1}', 3)$$, '22023', NULL, 'drift_forecast of one value: 22023');
SELECT throws_ok($$SELECT forecast_backtest('{1, 2, 3, 4}', 2, 'naive', lower => 3, upper => 1)$$, '22023', NULL,
                 'forecast_backtest, lower above upper: 22023');
SELECT throws_ok($$SELECT forecast_backtest('{1, 2, 3, 4}', 2, 'drift', lower => 'NaN')$$, '22023', NULL,
                 'forecast_backtest, lower NaN: 22023');
SELECT is((SELECT count(*) FROM naive_forecast(NULL, 3)), 0::bigint, 'naive_forecast(NULL, 3): no rows');
SELECT is((SELECT count(*) FROM drift_forecast('{1, 2}', NULL)), 0::bigint, 'drift_forecast(h, NULL): no rows');
SELECT is((SELECT count(*) FROM naive_forecast('{1, 2}', 3, NULL, NULL)), 3::bigint, 'NULL bounds: none');
SELECT throws_ok($$SELECT * FROM drift_forecast('{1e308, -1e308}', 2)$$, '22003', NULL, 'drift beyond float8: 22003');
SELECT ok(bool_and(lower_80 IS NULL), 'naive_forecast with steps too large for float8 bounds: NULL bounds, no infinities')
FROM naive_forecast('{1.7e308, -1.7e308, 1.7e308}', 2);

-- ---- a training signal that does not vary (constant history; exact line on differences) ----
-- The centre's standard error is the signal's spread (0 here), not the fallback divisor 1 of its
-- scaling: the bounds were +-0.4 .. +-1.2 in the units of the values, whatever those were.
SELECT ok(bool_and(upper_95 - lower_95 <= 1e-12), 'bp_forecast of a constant history of 1e-6: bounds within 1e-12 of each other (were 1.2 apart)')
FROM bp_forecast(array_fill(1e-6::float8, ARRAY[8]), 3);
SELECT ok(bool_and(upper_95 - lower_95 <= 1e-9), 'bp_forecast of a constant history of 3: bounds within 1e-9')
FROM bp_forecast(array_fill(3::float8, ARRAY[8]), 3);
SELECT ok(bool_and(upper_95 - lower_95 <= 1e-9 AND forecast BETWEEN lower_95 AND upper_95),
          'bp_forecast of the exact line 1..12 on differences: bounds within 1e-9 of the forecast')
FROM bp_forecast(ARRAY[1,2,3,4,5,6,7,8,9,10,11,12]::float8[], 3, transform => 'difference');
SELECT ok(bool_and(abs(upper_95 - lower_95) <= 1e-320), 'bp_forecast of denormals: bounds of the order of the values, not of 1')
FROM bp_forecast('{5e-324, 1e-323, 5e-324, 2e-323, 5e-324, 1e-323, 5e-324, 1.5e-323}', 3);

-- ---- calibration on the benchmark's real windows (bench/data/annual.csv, made by
-- bench/make_annual.R from R's datasets and Debian's R data packages: 10 values fitted, 6 held
-- out) and on their longer histories (bench/data/annual_history.csv): the issue's targets are
-- 75-85 % at 80 % and at least 90 % at 95 %.  With errors in the values' units the trending
-- windows covered 76.9 / 89.7, and fitted on 30 values 58.9 / 74.8: a growing series' early
-- one-step errors are smaller than its recent ones; bp now takes them relative to the forecast
-- (82.6 / 94.8 and 76.6 / 94.0).
CREATE TEMP TABLE annual (win int, source text, kind text, t int, value float8);
\copy annual FROM 'bench/data/annual.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE annual_before (win int, t int, value float8);
\copy annual_before FROM 'bench/data/annual_history.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE annual_cov AS
SELECT a.win, a.kind, hy.history_length, f.step,
       (h.value BETWEEN f.lower_80 AND f.upper_80)::int AS in80,
       (h.value BETWEEN f.lower_95 AND f.upper_95)::int AS in95
FROM (SELECT win, min(kind) AS kind FROM annual GROUP BY win) a
CROSS JOIN LATERAL (
  SELECT len AS history_length, array_agg(v.value ORDER BY v.t) AS y
  FROM unnest('{10,30}'::int[]) len,
       LATERAL (SELECT t, value FROM annual WHERE win = a.win AND t <= 10
                UNION ALL SELECT t, value FROM annual_before WHERE win = a.win) v
  WHERE v.t > 10 - len GROUP BY len
  HAVING count(*) = len) hy
CROSS JOIN LATERAL bp_forecast(hy.y, 6) f
JOIN annual h ON h.win = a.win AND h.t = 10 + f.step;
SELECT is(count(*), 286 * 6::bigint, 'benchmark: 286 windows of 10 values, 6 steps each') FROM annual_cov WHERE history_length = 10;
SELECT ok(count(in80) = count(*) AND avg(in80) BETWEEN 0.75 AND 0.85 AND avg(in95) >= 0.90,
          'benchmark, all 286 windows: every bound given; 80 % intervals cover 75-85 %, 95 % at least 90 % (' || round(100 * avg(in80), 1) || ', ' || round(100 * avg(in95), 1) || ')')
FROM annual_cov WHERE history_length = 10;
SELECT ok(count(in80) = count(*) AND avg(in80) BETWEEN 0.75 AND 0.85 AND avg(in95) >= 0.90,
          'benchmark, 134 trending windows: every bound given; 80 % intervals cover 75-85 %, 95 % at least 90 % (' || round(100 * avg(in80), 1) || ', ' || round(100 * avg(in95), 1) || ')')
FROM annual_cov WHERE history_length = 10 AND kind = 'trending';
SELECT is(count(*) / 6, 47::bigint, 'benchmark: 47 trending windows with 30 values of history')
FROM annual_cov WHERE history_length = 30 AND kind = 'trending';
SELECT ok(count(in80) = count(*) AND avg(in80) >= 0.70 AND avg(in95) >= 0.90,
          'benchmark, trending windows fitted on 30 values: every bound given; 80 % intervals cover at least 70 %, 95 % at least 90 % (' || round(100 * avg(in80), 1) || ', ' || round(100 * avg(in95), 1) || ')')
FROM annual_cov WHERE history_length = 30 AND kind = 'trending';

-- a positive series whose relative errors are too large for a level with proportional noise keeps
-- errors in the values' units: with relative errors near 1 its paths grew like a random walk in
-- logarithms (95 % bounds at step 60 were -15619 .. 8143)
SELECT ok(upper_95 - lower_95 < 100, 'bp_forecast of 1, 1e-3 alternating: 95 % interval at step 60 narrower than 100, not a random walk in logarithms (' || round(lower_95::numeric, 1) || ' .. ' || round(upper_95::numeric, 1) || ')')
FROM bp_forecast('{1, 1e-3, 1, 1e-3, 1, 1e-3, 1, 1e-3, 1, 1e-3}', 60) WHERE step = 60;

SELECT * FROM finish();
ROLLBACK;
