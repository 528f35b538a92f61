-- bp_forecast / bp_fit with transform => 'auto': the networks on differences
-- and on levels, simple exponential smoothing and drift, weighted by
-- rolling-origin validation on the history (src/core/bp.c, docs/forecasting.md).  Values
-- pinned with tolerances, determinism, the parts being the plain networks,
-- the stored model (format 2), and that the older transforms and format-1
-- models give what they gave.  Every call names its transform, so the tests
-- hold whatever the SQL default is.
BEGIN;
SET client_min_messages = warning;
SELECT plan(29);

CREATE TEMP TABLE s(id int, y float8[]);
INSERT INTO s VALUES
  (1, '{3,4,4,6,7,9,8,10,12,13}'),                                                     -- trending
  (2, '{576.75,576.75,577.82,578.64,580.58,579.48,577.38,576.9,576.94,576.24}'),       -- LakeHuron window: stationary
  (3, '{9,11,9,11,9,11,9,11,9,11,9,11}'),                                              -- alternating about 10
  (4, '{2.5,3,3.5,4,4.5,5,5.5,6,6.5,7}');                                              -- a straight line

-- pinned values (same bits on every IEEE-754 machine; tolerance for the record)
SELECT ok((SELECT bool_and(abs(f.forecast - w.v) <= 1e-9 * abs(w.v))
           FROM bp_forecast('{3,4,4,6,7,9,8,10,12,13}', 6, transform => 'auto') f
           JOIN unnest('{14.096938110607038,15.191613958996204,16.277447488517414,17.357652459209135,18.453202586133212,19.5318895816228}'::float8[])
                WITH ORDINALITY w(v, k) ON w.k = f.step),
          'auto: pinned forecasts of a trending series (1e-9 relative)');
SELECT ok((SELECT bool_and(abs(f.forecast - w.v) <= 1e-9 * abs(w.v))
           FROM bp_forecast('{576.75,576.75,577.82,578.64,580.58,579.48,577.38,576.9,576.94,576.24}', 6, transform => 'auto') f
           JOIN unnest('{576.4433001785371,576.7048281463235,576.8492529247118,576.8556409760611,576.7827405309749,576.703786762777}'::float8[])
                WITH ORDINALITY w(v, k) ON w.k = f.step),
          'auto: pinned forecasts of a stationary series (1e-9 relative)');
SELECT is((SELECT count(*) FROM bp_forecast('{3,4,4,6,7,9,8,10,12,13}', 6, transform => 'auto')), 6::bigint,
          'auto: one row per step');

-- the weights validation chose, as bp_fit records them
CREATE FUNCTION pg_temp.weights(m jsonb) RETURNS text LANGUAGE sql AS $$
  SELECT round(((m -> 'combination' ->> 'difference')::float8)::numeric, 6) || ' '
      || round(((m -> 'combination' ->> 'level')::float8)::numeric, 6) || ' '
      || round(((m -> 'combination' ->> 'ses')::float8)::numeric, 6) || ' '
      || round(((m -> 'combination' ->> 'drift')::float8)::numeric, 6) $$;
SELECT is((SELECT pg_temp.weights(bp_fit(y, transform => 'auto')) FROM s WHERE id = 1),
          '0.427732 0.000000 0.072134 0.500134', 'auto, trending: the level networks dropped; the difference networks and drift weigh most');
SELECT is((SELECT pg_temp.weights(bp_fit(y, transform => 'auto')) FROM s WHERE id = 2),
          '0.000000 0.296068 0.504536 0.199395', 'auto, stationary: the difference networks dropped; SES weighs most');
SELECT ok((SELECT bool_and(abs((m -> 'combination' ->> 'difference')::float8 + (m -> 'combination' ->> 'level')::float8
                               + (m -> 'combination' ->> 'ses')::float8 + (m -> 'combination' ->> 'drift')::float8 - 1) <= 1e-12
                           AND (m -> 'training' ->> 'validation_origins')::int = 5
                           AND m ->> 'format' = '2' AND m ->> 'transform' = 'auto' AND m ->> 'hidden' = '3'
                           AND jsonb_array_length(m -> 'level' -> 'networks') = 10)
           FROM (SELECT bp_fit(y, transform => 'auto') m FROM s) x),
          'bp_fit auto: format 2, hidden 3, ten level networks, five origins, weights summing to 1');
SELECT ok((SELECT bool_and((SELECT c.value::float8 = 0
                            FROM jsonb_each(m -> 'training' -> 'validation_smape') v
                            JOIN jsonb_each(m -> 'combination') c USING (key)
                            ORDER BY v.value::float8 DESC LIMIT 1))
           FROM (SELECT bp_fit(y, transform => 'auto') m FROM s) x),
          'bp_fit auto: the part with the largest validation sMAPE gets weight 0');
SELECT is((SELECT m -> 'combination' FROM (SELECT bp_fit(y, transform => 'auto') m FROM s WHERE id = 4) x),
          '{"difference": 0.5, "level": 0, "ses": 0, "drift": 0.5}'::jsonb,
          'auto, a straight line: the difference networks and drift validate without error and share the weight');

-- the forecast is the weighted sum of the plain networks (hidden 3), SES and drift
CREATE TEMP TABLE parts AS
SELECT s.id, m, d.step, d.forecast AS fd, l.forecast AS fl, a.forecast AS fa
FROM s, LATERAL (SELECT bp_fit(s.y, transform => 'auto') m) x,
     bp_forecast(s.y, 6, hidden => 3, transform => 'difference') d
     JOIN bp_forecast(s.y, 6, hidden => 3, transform => 'level') l USING (step)
     JOIN bp_forecast(s.y, 6, transform => 'auto') a USING (step);
CREATE FUNCTION pg_temp.ses(y float8[], alpha float8) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE l float8 := y[1];
BEGIN
  FOR i IN 2 .. cardinality(y) LOOP l := l + alpha * (y[i] - l); END LOOP;
  RETURN l;
END $$;
SELECT is((SELECT count(*) FROM parts p JOIN s USING (id)
           WHERE abs(p.fa - ((m -> 'combination' ->> 'difference')::float8 * fd
                             + (m -> 'combination' ->> 'level')::float8 * fl
                             + (m -> 'combination' ->> 'ses')::float8 * pg_temp.ses(s.y, (m ->> 'ses_alpha')::float8)
                             + (m -> 'combination' ->> 'drift')::float8
                               * (s.y[cardinality(s.y)] + p.step * (s.y[cardinality(s.y)] - s.y[1]) / (cardinality(s.y) - 1))))
                 > 1e-12 * abs(p.fa)),
          0::bigint, 'auto = weighted sum of transform ''difference'' and ''level'' (hidden 3), SES and drift, 4 series x 6 steps');
SELECT is((SELECT count(*) FROM s, LATERAL (SELECT bp_fit(s.y, transform => 'auto') m) x,
                  LATERAL (SELECT bp_fit(s.y, hidden => 3, transform => 'difference') d) z
           WHERE m -> 'networks' <> d -> 'networks'),
          0::bigint, 'auto''s difference networks are those of transform ''difference'', hidden 3');

-- properties
SELECT ok((SELECT bool_and(forecast BETWEEN 9 AND 11) FROM bp_forecast('{9,11,9,11,9,11,9,11,9,11,9,11}', 6, transform => 'auto')),
          'auto: an alternating series is forecast within its range');
SELECT ok((SELECT bool_and(abs(forecast - (7 + 0.5 * step)) < 0.05) FROM bp_forecast('{2.5,3,3.5,4,4.5,5,5.5,6,6.5,7}', 6, transform => 'auto')),
          'auto: a straight line is continued (0.05)');
SELECT ok((SELECT bool_and(forecast <= 13.5) FROM bp_forecast('{3,4,4,6,7,9,8,10,12,13}', 6, upper => 13.5, transform => 'auto')),
          'auto: forecasts respect upper');
SELECT is((SELECT array_agg(forecast ORDER BY step) FROM bp_forecast('{3,4,4,6,7,9,8,10,12,13}', 6, transform => 'Auto')),
          (SELECT array_agg(forecast ORDER BY step) FROM bp_forecast('{3,4,4,6,7,9,8,10,12,13}', 6, transform => 'auto')),
          'auto: the name is case-insensitive');
SELECT is((SELECT (m -> 'training' ->> 'validation_origins') || ' ' || (m -> 'combination' ->> 'ses')
           FROM (SELECT bp_fit('{1,2,4,5,7}', transform => 'auto') m) x),
          '0 0.25', 'auto on 5 values (2 lags): no origin to validate on, a quarter each');
SELECT throws_ok($$SELECT * FROM bp_forecast('{1,2,4,5}', 2, transform => 'auto')$$, '22023', NULL,
                 'auto: 4 values, 2 lags -> 22023 (the difference networks need 5)');

-- determinism
SELECT is((SELECT array_agg(forecast ORDER BY step) FROM bp_forecast('{576.75,576.75,577.82,578.64,580.58,579.48,577.38,576.9,576.94,576.24}', 6, transform => 'auto')),
          (SELECT array_agg(forecast ORDER BY step) FROM bp_forecast('{576.75,576.75,577.82,578.64,580.58,579.48,577.38,576.9,576.94,576.24}', 6, transform => 'auto')),
          'auto: same arguments, same bits');
SELECT isnt((SELECT array_agg(forecast ORDER BY step) FROM bp_forecast('{3,4,4,6,7,9,8,10,12,13}', 6, seed => 5, transform => 'auto')),
            (SELECT array_agg(forecast ORDER BY step) FROM bp_forecast('{3,4,4,6,7,9,8,10,12,13}', 6, transform => 'auto')),
            'auto: another seed, other bits');
SELECT is((SELECT count(*) FROM s, LATERAL (SELECT bp_fit(s.y, transform => 'auto') m) x,
                  bp_forecast(m, s.y, 6) f JOIN bp_forecast(s.y, 6, transform => 'auto') g USING (step)
           WHERE f.forecast <> g.forecast),
          0::bigint, 'auto: the stored model forecasts the same bits as bp_forecast(history)');
SELECT is((SELECT count(*) FROM s, LATERAL (SELECT bp_fit(s.y, transform => 'auto')::text::jsonb m) x,
                  bp_forecast(m, s.y, 6) f JOIN bp_forecast(s.y, 6, transform => 'auto') g USING (step)
           WHERE f.forecast <> g.forecast),
          0::bigint, 'auto: same bits after jsonb -> text -> jsonb');

-- the older transforms and stored format-1 models are unchanged
SELECT is((SELECT bp_fit('{3,4,4,6,7,9,8,10,12,13}', transform => 'difference') ->> 'format'), '1',
          'transform ''difference'': bp_fit still writes format 1');
SELECT is((SELECT array_agg(forecast ORDER BY step) FROM bp_forecast(
             '{"lags": 2, "lower": null, "model": "synergy.bp", "scale": 0.9938079899999066, "upper": null, "center": 1.1111111111111112, "format": 1, "hidden": 1, "networks": [{"b1": [0.13038799469492132], "b2": 0.1666475836744093, "w1": [[-0.46970863060711443, 1.1526658493997497]], "w2": [-0.39683161586294846]}], "training": {"seed": 0, "decay": 1, "epochs": 20, "dropout": 0, "windows": 7, "ensemble": 1, "train_rmse": 0.8960907270760192, "hidden_search": [], "learning_rate": 0.15, "history_length": 10, "validation_rmse": null, "hidden_chosen_by": "argument", "validation_windows": 0}, "transform": "difference", "activation": "tanh"}'::jsonb,
             '{3,4,4,6,7,9,8,10,12,13}', 3)),
          '{14.432802006789657,15.51036378593886,16.810947334535108}'::float8[],
          'a format-1 model stored by 0.2.0 forecasts the same bits');
SELECT is((SELECT bp_fit('{3,4,4,6,7,9,8,10,12,13}', hidden => 1, ensemble => 1, transform => 'difference') -> 'networks'),
          '[{"b1": [0.13038799469492132], "b2": 0.1666475836744093, "w1": [[-0.46970863060711443, 1.1526658493997497]], "w2": [-0.39683161586294846]}]'::jsonb,
          'transform ''difference'' trains the same networks as 0.2.0');

-- bad stored models
CREATE TEMP TABLE good AS SELECT bp_fit('{3,4,4,6,7,9,8,10,12,13}', ensemble => 2, transform => 'auto') m;
SELECT throws_ok(format($$SELECT * FROM bp_forecast(%L::jsonb, '{3,4,4,6,7,9,8,10,12,13}', 3)$$, bad), '22023', NULL,
                 'bp_forecast(auto model): ' || what || ' -> 22023')
FROM good, LATERAL (VALUES
  ('format 1 with transform auto', jsonb_set(m, '{format}', '1')),
  ('format 3', jsonb_set(m, '{format}', '3')),
  ('no level networks', m #- '{level}'),
  ('one level network too few', m #- '{level,networks,1}'),
  ('weights not summing to 1', jsonb_set(m, '{combination,ses}', '0.9')),
  ('ses_alpha 0', jsonb_set(m, '{ses_alpha}', '0'))) b(what, bad);

SELECT * FROM finish();
ROLLBACK;
