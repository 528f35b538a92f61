-- 22_xcheck_edges.sql: the awkward inputs an outside reviewer tries on the
-- weighting and evaluation family (weights aggregates, TOPSIS, composite
-- index, normalization, obstacle degree, coupling coordination, factor
-- analysis): each gives the value docs/reference.md (or docs/delimitation.md)
-- documents, an identity the formulas imply, or a clean ERROR with its exact
-- SQLSTATE.  The values against R on public data are in
-- 22_xcheck_weights.sql.  Expected numbers here are either exact (0, 1, NULL,
-- s / (1 + s)), written out from the formulas, or computed by a plain-SQL
-- implementation in this file; tolerances are stated per test.
BEGIN;
SET client_min_messages = warning;
SELECT plan(132);

CREATE FUNCTION pg_temp.close(a float8[], b float8[], tol float8) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT a IS NOT NULL AND b IS NOT NULL AND cardinality(a) = cardinality(b)
     AND (SELECT bool_and((a[i] IS NULL AND b[i] IS NULL)
                          OR abs(a[i] - b[i]) <= tol * greatest(abs(b[i]), 1e-300) + 1e-15)
          FROM generate_subscripts(b, 1) i)
$$;

CREATE TEMP TABLE e (r int, x float8[]);
INSERT INTO e VALUES (1, '{9.2, 0.52, 41.0, 7}'), (2, '{6.1, 0.81, 38.5, 7}'), (3, '{12.4, 0.47, 44.2, 7}'),
                     (4, '{3.3, 1.10, 36.0, 7}'), (5, '{7.7, 0.66, 40.1, 7}');
-- the same rows without the constant fourth indicator
CREATE TEMP VIEW e3 AS SELECT r, x[1:3] AS x FROM e;

-- ===================================================== weights: awkward rows
SELECT is(ARRAY[entropy_weights(x) IS NULL, critic_weights(x) IS NULL, stddev_weights(x) IS NULL, cv_weights(x) IS NULL], '{t,t,t,t}'::bool[],
          'one row: entropy, CRITIC, stddev and CV weights are NULL')
FROM (VALUES (ARRAY[1.0, 2.0])) t(x);
SELECT is(entropy_weights_detail(x)::text, '(1,"{NULL,NULL}","{NULL,NULL}","{NULL,NULL}")',
          'one row: entropy_weights_detail keeps n = 1 with NULL elements')
FROM (VALUES (ARRAY[1.0, 2.0])) t(x);
SELECT is(ARRAY[entropy_weights(x) IS NULL, critic_weights(x) IS NULL, stddev_weights(x) IS NULL, cv_weights(x) IS NULL], '{t,t,t,t}'::bool[],
          'all rows equal: every weight method is NULL (no indicator varies)')
FROM (VALUES (ARRAY[1.0, 2.0]), (ARRAY[1.0, 2.0]), (ARRAY[1.0, 2.0])) t(x);
SELECT is(entropy_weights(x), '{0.5,0.5}', 'two rows: every varying indicator has p = (0, 1), e = 0, equal weights')
FROM (VALUES (ARRAY[1.0, 20.0]), (ARRAY[3.0, 10.0])) t(x);
SELECT is(critic_weights(x), NULL, 'two rows: correlations are +1, no conflict, CRITIC undefined (NULL)')
FROM (VALUES (ARRAY[1.0, 2.0]), (ARRAY[2.0, 5.0])) t(x);
SELECT ok(pg_temp.close(critic_weights(x, '{1,-1}'::int[]), '{0.5,0.5}', 1e-15), 'two rows, benefit and cost rising together: r = -1, conflict 2 each, equal weights (1e-15)')
FROM (VALUES (ARRAY[1.0, 2.0]), (ARRAY[2.0, 5.0])) t(x);
SELECT is(critic_weights(x), NULL, 'CRITIC with a single varying indicator: no conflict, NULL as documented')
FROM (VALUES (ARRAY[1.0, 2.0]), (ARRAY[2.0, 2.0]), (ARRAY[4.0, 2.0])) t(x);

-- a column with zero range: weight 0, the others those of the matrix without it
SELECT is((SELECT entropy_weights(x, '{1,-1,1,1}'::int[]) FROM e)[4], 0::float8, 'zero-range indicator: entropy weight exactly 0');
SELECT ok(pg_temp.close((SELECT entropy_weights(x, '{1,-1,1,1}'::int[]) FROM e)[1:3], (SELECT entropy_weights(x, '{1,-1,1}'::int[]) FROM e3), 1e-14),
          'zero-range indicator: the other entropy weights are those without it (1e-14)');
SELECT ok(pg_temp.close((SELECT critic_weights(x, '{1,-1,1,1}'::int[]) FROM e), (SELECT critic_weights(x, '{1,-1,1}'::int[]) FROM e3) || 0::float8, 1e-13),
          'zero-range indicator: CRITIC weight 0 and left out of the others'' conflict (1e-13)');
SELECT is((SELECT ARRAY[(d).sd[4], (d).conflict[4], (d).information[4], (d).weight[4]] FROM (SELECT critic_weights_detail(x) d FROM e) s),
          '{0,0,0,0}'::float8[], 'zero-range indicator: its CRITIC sd, conflict, information and weight are 0');
SELECT ok(pg_temp.close((SELECT stddev_weights(x) FROM e), (SELECT stddev_weights(x) FROM e3) || 0::float8, 1e-13),
          'zero-range indicator: stddev weight 0, the others unchanged (1e-13)');
SELECT ok(pg_temp.close((SELECT cv_weights(x) FROM e), (SELECT cv_weights(x) FROM e3) || 0::float8, 1e-13),
          'zero-range indicator: CV weight 0, the others unchanged (1e-13)');
SELECT is(cv_weights(x), '{0,1}', 'CV: an all-zero indicator (mean 0 but no variation) has weight 0, no error')
FROM (VALUES (ARRAY[0.0, 2.0]), (ARRAY[0.0, 3.0])) t(x);
SELECT throws_ok($$ SELECT cv_weights(x) FROM (VALUES (ARRAY[-1.0, 2.0]), (ARRAY[1.0, 3.0])) t(x) $$, '22023', NULL,
                 'CV of an indicator varying around mean 0: 22023');

-- negative values, translation, scale, direction
SELECT ok(pg_temp.close((SELECT entropy_weights(ARRAY[x[1] - 100, -x[2], x[3] - 1e3], '{1,1,1}'::int[]) FROM e3),
                        (SELECT entropy_weights(x, '{1,-1,1}'::int[]) FROM e3), 1e-13),
          'entropy of negative values: min-max scores, so translated data and a negated cost indicator give the same weights (1e-13)');
SELECT is((SELECT entropy_weights(ARRAY[x[1], -x[2], x[3]], '{1,1,1}'::int[]) FROM e3)::text,
          (SELECT entropy_weights(x, '{1,-1,1}'::int[]) FROM e3)::text,
          'cost vs benefit: entropy of a cost indicator is that of its negation as a benefit, to the bit');
SELECT ok(pg_temp.close((SELECT critic_weights(ARRAY[x[1], -x[2], x[3]]) FROM e3),
                        (SELECT critic_weights(x, '{1,-1,1}'::int[]) FROM e3), 1e-13),
          'cost vs benefit: CRITIC of a cost indicator is that of its negation as a benefit (1e-13)');
SELECT isnt((SELECT critic_weights(x, '{1,-1,1}'::int[]) FROM e3)::text, (SELECT critic_weights(x) FROM e3)::text,
            'cost vs benefit: the direction changes the CRITIC weights (the correlations'' signs)');
SELECT ok(pg_temp.close((SELECT stddev_weights(ARRAY[1e3 * x[1] - 5, -x[2], x[3] + 1e4]) FROM e3),
                        (SELECT stddev_weights(x) FROM e3), 1e-12),
          'stddev weights do not depend on units, offsets or sign (1e-12)');
SELECT ok(pg_temp.close((SELECT cv_weights(ARRAY[1e3 * x[1], x[2], x[3]]) FROM e3),
                        (SELECT cv_weights(x) FROM e3), 1e-13),
          'CV weights do not depend on units (ratio scale) (1e-13)');
SELECT ok(pg_temp.close((SELECT cv_weights(ARRAY[-x[1], x[2], -x[3]]) FROM e3), (SELECT cv_weights(x) FROM e3), 1e-13),
          'CV of an indicator with a negative mean uses |mean|: negated indicators keep their weights (1e-13)');
SELECT isnt((SELECT cv_weights(ARRAY[x[1] + 100, x[2], x[3]]) FROM e3)::text, (SELECT cv_weights(x) FROM e3)::text,
            'CV weights do depend on an offset, as documented (raw values)');

-- NULL rows and non-finite values
SELECT is((SELECT ARRAY[entropy_weights(x), critic_weights(x), stddev_weights(x)]::text
           FROM (SELECT x FROM e3 UNION ALL SELECT NULL UNION ALL SELECT NULL) s),
          (SELECT ARRAY[entropy_weights(x), critic_weights(x), stddev_weights(x)]::text FROM e3),
          'NULL rows take no part in the weights aggregates');
SELECT throws_ok($$ SELECT entropy_weights(x) FROM (VALUES (ARRAY[1.0, 'NaN']::float8[]), (ARRAY[2.0, 3.0])) t(x) $$,
                 '22023', NULL, 'entropy_weights: NaN is 22023');
SELECT throws_ok($$ SELECT entropy_weights(x, '{0,0}', '{5,5}') FROM (VALUES (ARRAY[1.0, 'Infinity']::float8[]), (ARRAY[2.0, 3.0])) t(x) $$,
                 '22023', NULL, 'bounded entropy_weights: Infinity is 22023');
SELECT throws_ok($$ SELECT critic_weights(x) FROM (VALUES (ARRAY[1.0, '-Infinity']::float8[]), (ARRAY[2.0, 3.0])) t(x) $$,
                 '22023', NULL, 'critic_weights: -Infinity is 22023');
SELECT throws_ok($$ SELECT stddev_weights(x) FROM (VALUES (ARRAY['NaN', 1.0]::float8[]), (ARRAY[2.0, 3.0])) t(x) $$,
                 '22023', NULL, 'stddev_weights: NaN is 22023');
SELECT throws_ok($$ SELECT cv_weights(x, weight_options(missing => 'mean')) FROM (VALUES (ARRAY['NaN', NULL]::float8[]), (ARRAY[2.0, 3.0])) t(x) $$,
                 '22023', NULL, 'cv_weights under missing => mean: NaN is still 22023 (a gap is NULL)');
SELECT throws_ok($$ SELECT entropy_weights(x) FROM (VALUES (ARRAY[1.0, NULL]::float8[]), (ARRAY[2.0, 3.0])) t(x) $$,
                 '22004', NULL, 'a NULL element without a policy: 22004');
SELECT throws_ok($$ SELECT entropy_weights(x) FROM (VALUES (ARRAY[1.7e308, 1]), (ARRAY[-1.7e308, 2])) t(x) $$,
                 '22003', NULL, 'entropy_weights: a range that overflows float8 is 22003');
SELECT throws_ok($$ SELECT critic_weights(x) FROM (VALUES (ARRAY[1e300, 1]), (ARRAY[-1e300, 2])) t(x) $$,
                 '22003', NULL, 'critic_weights: squares that overflow are 22003');

-- arguments
SELECT throws_ok($$ SELECT entropy_weights(x, '{1,1}'::int[], 0.01::float8) FROM e3 $$, '2202E', NULL,
                 'directions shorter than x: 2202E');
SELECT throws_ok($$ SELECT entropy_weights(x, '{1,1,1}'::int[], 'NaN') FROM e3 $$, '22023', NULL, 'shift NaN: 22023');
SELECT throws_ok($$ SELECT entropy_weights(x, '{1,1,1}'::int[], '-0.01') FROM e3 $$, '22023', NULL, 'negative shift: 22023');
SELECT throws_ok($$ SELECT entropy_weights(x, '{1,1,1}'::int[], 'Infinity') FROM e3 $$, '22023', NULL, 'infinite shift: 22023');
SELECT throws_ok($$ SELECT entropy_weights(x, '{1,1,1}'::int[], r * 0.01) FROM e3 $$, '22023', NULL, 'a shift changing between rows: 22023');
SELECT throws_ok($$ SELECT entropy_weights(x, '{1,0,1}'::int[]) FROM e3 $$, '22023', NULL, 'a direction of 0: 22023');
SELECT throws_ok($$ SELECT critic_weights(x, '{1,NULL,1}'::int[]) FROM e3 $$, '22004', NULL, 'a NULL direction: 22004');
SELECT throws_ok($$ SELECT critic_weights(x, CASE WHEN r = 3 THEN '{1,1,1}' ELSE '{1,-1,1}' END::int[]) FROM e3 $$,
                 '22023', NULL, 'directions changing between rows: 22023');
SELECT throws_ok($$ SELECT stddev_weights(x) FROM (VALUES (ARRAY[1.0, 2.0]), (ARRAY[1.0, 2.0, 3.0])) t(x) $$,
                 '2202E', NULL, 'rows of different lengths: 2202E');
SELECT throws_ok($$ SELECT entropy_weights(x) FROM (VALUES ('{}'::float8[])) t(x) $$, '2202E', NULL, 'an empty x: 2202E');
SELECT throws_ok($$ SELECT entropy_weights(x) FROM (VALUES ('{{1,2},{3,4}}'::float8[])) t(x) $$, '2202E', NULL, 'a 2-D x: 2202E');

-- an x whose every element is NULL is no unit, under every policy that
-- allows NULL elements: the aggregates agree with the window functions
-- (the aggregates used to impute such a row whole, at the means or
-- medians, which changed the median weights, n and the entropies)
CREATE TEMP TABLE g (r int, x float8[]);
INSERT INTO g VALUES (1, '{1.0, 2.0, 7}'), (2, '{NULL, NULL, NULL}'), (3, '{2.0, 1.0, 3}'), (4, '{3.0, 1.5, 4}'),
                     (5, '{9.0, NULL, 1}'), (6, '{4.0, 2.5, NULL}');
SELECT is((SELECT entropy_weights(x, weight_options(missing => 'median')) FROM g)::text,
          (SELECT entropy_weights(x, weight_options(missing => 'median')) FROM g WHERE r <> 2)::text,
          'entropy_weights, missing median: an all-NULL x is left out (same bits as without it)');
SELECT is((SELECT entropy_weights_detail(x, weight_options(missing => 'mean')) FROM g)::text,
          (SELECT entropy_weights_detail(x, weight_options(missing => 'mean')) FROM g WHERE r <> 2)::text,
          'entropy_weights_detail, missing mean: an all-NULL x is left out (n = 5, the same entropies)');
SELECT is((SELECT entropy_weights_detail(x, '{0,0,0}', '{10,10,10}', weight_options(missing => 'mean')) FROM g)::text,
          (SELECT entropy_weights_detail(x, '{0,0,0}', '{10,10,10}', weight_options(missing => 'mean')) FROM g WHERE r <> 2)::text,
          'bounded entropy_weights_detail, missing mean: an all-NULL x is left out');
SELECT is((SELECT critic_weights_detail(x, weight_options(missing => 'mean')) FROM g)::text,
          (SELECT critic_weights_detail(x, weight_options(missing => 'mean')) FROM g WHERE r <> 2)::text,
          'critic_weights_detail, missing mean: an all-NULL x is left out (n and sd)');
SELECT is((SELECT stddev_weights_final(stddev_weights_state(x, weight_options(missing => 'mean'))) FROM g)::text,
          (SELECT stddev_weights(x, weight_options(missing => 'mean')) FROM g WHERE r <> 2)::text,
          'stddev_weights state, missing mean: an all-NULL x is left out');
SELECT ok(pg_temp.close(ARRAY(SELECT topsis(x, (SELECT entropy_weights(x, weight_options(missing => 'median')) FROM g),
                                                missing => 'median') OVER () FROM g ORDER BY r),
                            ARRAY(SELECT topsis(x, missing => 'median') OVER () FROM g ORDER BY r), 1e-14),
          'E-TOPSIS (missing median) equals TOPSIS with entropy_weights(x, missing median) given (1e-14)');
SELECT is(ARRAY[(SELECT entropy_weights(x, weight_options(missing => 'mean')) FROM g WHERE r = 2) IS NULL,
                (SELECT stddev_weights(x, weight_options(missing => 'mean')) FROM g WHERE r = 2) IS NULL,
                (SELECT entropy_weights(x, '{0,0,0}', '{10,10,10}', weight_options(missing => 'mean')) FROM g WHERE r = 2) IS NULL],
          '{t,t,t}'::bool[],
          'a group of all-NULL x only: NULL weights (no unit), not an error');
SELECT is((SELECT ARRAY[entropy_weights_final(entropy_weights_merge(es))::text,
                        entropy_weights_detail_final(entropy_weights_merge(bs))::text]
           FROM (SELECT r % 3 AS part, entropy_weights_state(x, weight_options(missing => 'median')) es,
                        entropy_weights_state(x, '{0,0,0}', '{10,10,10}', weight_options(missing => 'mean')) bs
                 FROM g GROUP BY r % 3) s),
          ARRAY[(SELECT entropy_weights(x, weight_options(missing => 'median')) FROM g WHERE r <> 2)::text,
                (SELECT entropy_weights_detail(x, '{0,0,0}', '{10,10,10}', weight_options(missing => 'mean')) FROM g WHERE r <> 2)::text],
          'partial states merged (row-keeping median, bounded mean): an all-NULL x is left out there too');
SELECT throws_ok($$ SELECT entropy_weights(x) FROM g $$, '22004', NULL, 'an all-NULL x without a policy: 22004');

-- the weights aggregates as window aggregates with a running frame (ORDER BY
-- in OVER): each row's weights are those of the rows up to it (the final
-- functions leave the state as it was)
SELECT is((SELECT bool_and(ok) FROM (
  SELECT entropy_weights(x, weight_options(missing => 'median')) OVER w::text
           IS NOT DISTINCT FROM (SELECT entropy_weights(x, weight_options(missing => 'median'))::text FROM g g2 WHERE g2.r <= g.r)
     AND critic_weights(x, weight_options(missing => 'mean')) OVER w::text
           IS NOT DISTINCT FROM (SELECT critic_weights(x, weight_options(missing => 'mean'))::text FROM g g2 WHERE g2.r <= g.r)
     AND entropy_weights(x, '{0,0,0}', '{10,10,10}', weight_options(missing => 'mean')) OVER w::text
           IS NOT DISTINCT FROM (SELECT entropy_weights(x, '{0,0,0}', '{10,10,10}', weight_options(missing => 'mean'))::text
                                 FROM g g2 WHERE g2.r <= g.r) AS ok
  FROM g WINDOW w AS (ORDER BY r)) s), true,
  'running window aggregates (entropy median, CRITIC mean, bounded mean): each row the bits of its prefix');

-- ================================================== evaluation: awkward rows
SELECT is(ARRAY(SELECT topsis(x) OVER () FROM (VALUES (ARRAY[1.0, 2.0])) t(x)), ARRAY[NULL]::float8[],
          'one row: E-TOPSIS is NULL (entropy weights undefined)');
SELECT is(ARRAY(SELECT topsis_detail(x, '{1,1}') OVER ()::text FROM (VALUES (ARRAY[1.0, 2.0]), (ARRAY[1.0, 2.0])) t(x)),
          ARRAY['(0,0,)', '(0,0,)'], 'all rows equal, given weights: D+ = D- = 0, closeness NULL');
SELECT is(ARRAY(SELECT composite_index(x, '{1,1}') OVER () FROM (VALUES (ARRAY[1.0, 2.0]), (ARRAY[1.0, 2.0])) t(x)),
          '{0,0}'::float8[], 'all rows equal, given weights: composite index 0 (no range scores 0)');
SELECT is(ARRAY(SELECT composite_index(x, '{1,1}', shift => 0.1) OVER () FROM (VALUES (ARRAY[1.0, 2.0]), (ARRAY[1.0, 2.0])) t(x)),
          '{0.1,0.1}'::float8[], 'all rows equal, given weights, shift 0.1: composite index = shift');
SELECT is(ARRAY(SELECT composite_index(x) OVER () FROM (VALUES (ARRAY[1.0, 2.0]), (ARRAY[1.0, 2.0])) t(x)),
          ARRAY[NULL, NULL]::float8[], 'all rows equal, entropy weights: composite index NULL (weights undefined)');
SELECT is(ARRAY(SELECT minmax_normalize(x, shift => 0.25) OVER ()::text FROM (VALUES (ARRAY[1.0, 2.0]), (ARRAY[1.0, 2.0])) t(x)),
          ARRAY['{0.25,0.25}', '{0.25,0.25}'], 'minmax_normalize of rows without range: 0 + shift');
SELECT is(ARRAY(SELECT obstacle_degree(x, '{3,1}') OVER ()::text FROM (VALUES (ARRAY[1.0, 2.0]), (ARRAY[1.0, 2.0])) t(x)),
          ARRAY['{0.75,0.25}', '{0.75,0.25}'],
          'obstacle_degree, indicators without range: score 0, so each is a full obstacle (1 - 0), shares = weights');
SELECT is(ARRAY(SELECT obstacle_degree(x, '{1,1}') OVER ()::text FROM (VALUES (1, ARRAY[3.0, 2.0]), (2, ARRAY[1.0, 1.0])) t(r, x) ORDER BY r),
          ARRAY[NULL, '{0.5,0.5}'], 'obstacle_degree: a row at the ideal on every indicator has NULL shares');

-- ties
SELECT is(ARRAY(SELECT topsis(x, '{1,1}') OVER () FROM (VALUES (1, ARRAY[3.0, 2.0]), (2, ARRAY[3.0, 2.0]), (3, ARRAY[1.0, 1.0]),
                                                             (4, ARRAY[2.0, 1.5])) t(r, x) ORDER BY r),
          '{1,1,0,0.5}'::float8[], 'ties at the top: both ideal rows get 1; the midpoint row gets 0.5 exactly');
SELECT is((SELECT array_agg(c ORDER BY r) FROM (SELECT r, topsis(x, directions => '{1,-1,1}') OVER () c FROM e3) s)::text,
          (SELECT array_agg(c ORDER BY r) FROM (SELECT r, topsis(x, directions => '{1,-1,1}') OVER () c
                                                FROM (SELECT * FROM e3 ORDER BY r DESC) q) s)::text,
          'E-TOPSIS: the same bits whatever order the rows arrive in');
SELECT is((SELECT count(DISTINCT c) FROM (SELECT topsis(x, directions => '{1,-1,1}') OVER () c
                                           FROM (SELECT x FROM e3 UNION ALL SELECT x FROM e3 WHERE r = 2) q) s
           WHERE c = (SELECT c FROM (SELECT r, topsis(x, directions => '{1,-1,1}') OVER () c
                                     FROM (SELECT r, x FROM e3 UNION ALL SELECT r, x FROM e3 WHERE r = 2) q) s2 WHERE r = 2 LIMIT 1)),
          1::bigint, 'E-TOPSIS: duplicated rows get the same closeness, to the bit');

-- NULL rows, all-NULL rows, non-finite values
SELECT is((SELECT array_agg(c ORDER BY r) FROM (SELECT r, topsis(x, directions => '{1,-1,1}') OVER () c
                                               FROM (SELECT * FROM e3 UNION ALL SELECT 9, NULL) q) s)::text,
          (SELECT (array_agg(c ORDER BY r) || NULL::float8) FROM (SELECT r, topsis(x, directions => '{1,-1,1}') OVER () c FROM e3) s)::text,
          'a NULL x gets NULL and changes no other row''s closeness');
SELECT throws_ok($$ SELECT topsis(x) OVER () FROM (SELECT x FROM e3 UNION ALL SELECT '{NULL,NULL,NULL}') s $$,
                 '22004', NULL, 'an all-NULL x without a policy: 22004, as any NULL element (the error policy)');
SELECT is(ARRAY(SELECT c FROM (SELECT r, topsis(x, missing => p) OVER () c FROM (SELECT * FROM e3 UNION ALL SELECT 9, '{NULL,NULL,NULL}') q) s
                WHERE r = 9), ARRAY[NULL]::float8[], 'an all-NULL x under missing => ' || p || ': NULL, no unit')
FROM unnest(ARRAY['skip', 'mean', 'median']) p;
SELECT throws_ok($$ SELECT topsis(x) OVER () FROM (VALUES (ARRAY[0.0, 'NaN']::float8[]), (ARRAY[1.0, 2.0])) t(x) $$,
                 '22023', NULL, 'topsis: NaN is 22023');
SELECT throws_ok($$ SELECT composite_index(x, missing => 'mean') OVER () FROM (VALUES (ARRAY[0.0, 'Infinity']::float8[]), (ARRAY[1.0, NULL])) t(x) $$,
                 '22023', NULL, 'composite_index under missing => mean: Infinity is 22023');
SELECT throws_ok($$ SELECT minmax_normalize(x) OVER () FROM (VALUES ('NaN'::float8), (1.0)) t(x) $$,
                 '22023', NULL, 'minmax_normalize(float8): NaN is 22023');
SELECT throws_ok($$ SELECT topsis(x) OVER () FROM (VALUES (ARRAY[1.7e308, 1]), (ARRAY[-1.7e308, 2])) t(x) $$,
                 '22003', NULL, 'topsis: a range that overflows is 22003');

-- arguments
SELECT throws_ok($$ SELECT topsis(x, '{-1,1,1}') OVER () FROM e3 $$, '22023', NULL, 'topsis: a negative weight is 22023');
SELECT throws_ok($$ SELECT topsis(x, '{0,0,0}') OVER () FROM e3 $$, '22023', NULL, 'topsis: all-zero weights are 22023');
SELECT throws_ok($$ SELECT topsis(x, '{1,NaN,1}') OVER () FROM e3 $$, '22023', NULL, 'topsis: a NaN weight is 22023');
SELECT throws_ok($$ SELECT composite_index(x, '{1,NULL,1}') OVER () FROM e3 $$, '22004', NULL, 'composite_index: a NULL weight is 22004');
SELECT throws_ok($$ SELECT composite_index(x, '{1,1}') OVER () FROM e3 $$, '2202E', NULL, 'composite_index: weights of the wrong length are 2202E');
SELECT throws_ok($$ SELECT obstacle_degree(x, directions => '{1,2,1}') OVER () FROM e3 $$, '22023', NULL, 'obstacle_degree: a direction of 2 is 22023');
SELECT throws_ok($$ SELECT topsis(x, normalization => 'zscore') OVER () FROM e3 $$, '22023', NULL, 'topsis: an unknown normalization is 22023');
SELECT throws_ok($$ SELECT topsis(x, '{1,1,1}', normalization => 'vector', shift => 0.1) OVER () FROM e3 $$, '22023', NULL,
                 'topsis: a shift with vector normalization is 22023');
SELECT throws_ok($$ SELECT topsis(x, shift => -0.1) OVER () FROM e3 $$, '22023', NULL, 'topsis: a negative shift is 22023');
SELECT throws_ok($$ SELECT topsis(x, missing => 'zero') OVER () FROM e3 $$, '22023', NULL, 'topsis: an unknown missing policy is 22023');
SELECT throws_ok($$ SELECT topsis(x) OVER () FROM (VALUES (ARRAY[0.0, 2.0]), (ARRAY[1.0, -2.0, 3])) t(x) $$, '2202E', NULL,
                 'topsis: rows of different lengths are 2202E');

-- shift: the worst unit on every weighted indicator gets s / (1 + s)
SELECT ok(abs((SELECT c FROM (SELECT r, topsis(x, '{2,1,1}', '{1,-1,1}', shift => 0.01) OVER () c FROM e3) s WHERE r = 4)
              - 0.01 / 1.01) <= 1e-15, 'topsis shift 0.01: the worst row on every indicator gets s / (1 + s) (1e-15)');
SELECT is((SELECT c FROM (SELECT r, topsis(x, '{2,1,1}', '{1,-1,1}', shift => 0.01) OVER () c FROM e3) s WHERE r = 3), 1::float8,
          'topsis shift 0.01: the best row on every indicator still gets 1');
SELECT is((SELECT array_agg(c ORDER BY r) FROM (SELECT r, topsis(x, directions => '{1,-1,1}', shift => 0) OVER () c FROM e3) s)::text,
          (SELECT array_agg(c ORDER BY r) FROM (SELECT r, topsis(x, directions => '{1,-1,1}') OVER () c FROM e3) s)::text,
          'topsis shift => 0 is the same bits as no shift');

-- a zero-range indicator under a shift, given and entropy weights: it
-- takes no part in TOPSIS (it separates no row), adds w s to the composite
-- index and is a full obstacle; expected values from the R functions of
-- test/reference/make_xcheck_weights.R on the rows of table e (1e-13)
SELECT ok(pg_temp.close(ARRAY(SELECT topsis(x, '{2,1,1,1}', '{1,-1,1,1}', shift => 0.05) OVER () FROM e ORDER BY r),
                        '{0.69299070283406705, 0.36614608709632096, 1, 0.047619047619047623, 0.54383522207524693}', 1e-13),
          'TOPSIS shift 0.05, given weights, a zero-range indicator: R (1e-13)');
SELECT ok(pg_temp.close(ARRAY(SELECT topsis(x, directions => '{1,-1,1,1}', shift => 0.05) OVER () FROM e ORDER BY r),
                        '{0.70774697026443278, 0.38215409649765042, 1, 0.047619047619047616, 0.56833639194289143}', 1e-13),
          'E-TOPSIS shift 0.05, a zero-range indicator: R (1e-13)');
SELECT ok(pg_temp.close(ARRAY(SELECT composite_index(x, '{2,1,1,1}', '{1,-1,1,1}', shift => 0.05) OVER () FROM e ORDER BY r),
                        '{0.6154188629798385, 0.3261160248965127, 0.85000000000000009, 0.05000000000000001, 0.48308913308913315}', 1e-13),
          'composite_index shift 0.05, given weights, a zero-range indicator: R (1e-13)');
SELECT ok(pg_temp.close((SELECT obstacle_degree(x, '{2,1,1,1}', '{1,-1,1,1}') OVER () FROM e ORDER BY r LIMIT 1),
                        '{0.32366646565429535, 0.036524861575571527, 0.17959541691793221, 0.46021325585220096}', 1e-13),
          'obstacle_degree, given weights, a zero-range indicator: R (1e-13)');

-- vector normalization with negative values, against plain SQL (Hwang & Yoon:
-- r = x / sqrt(sum x^2), v = w r, ideal max for a benefit, min for a cost)
CREATE TEMP TABLE vneg (r int, x float8[]);
INSERT INTO vneg VALUES (1, '{-1.5, 2.0, 10}'), (2, '{1.0, -2.5, 12}'), (3, '{3.0, 1.0, 9}'), (4, '{-0.5, 0.5, 15}');
SELECT ok(pg_temp.close(
  ARRAY(SELECT topsis(x, '{0.5,0.3,0.2}', '{1,1,-1}', 'vector') OVER () FROM vneg ORDER BY r),
  ARRAY(WITH cells AS (SELECT r, j, x[j] AS v, (ARRAY[0.5, 0.3, 0.2])[j] AS w, (ARRAY[1, 1, -1])[j] AS d FROM vneg, generate_series(1, 3) j),
             norm AS (SELECT j, sqrt(sum(v * v)) AS nv FROM cells GROUP BY j),
             vv AS (SELECT r, c.j, d, w * v / nv AS v FROM cells c JOIN norm USING (j)),
             ideal AS (SELECT j, CASE WHEN min(d) = 1 THEN max(v) ELSE min(v) END AS best,
                              CASE WHEN min(d) = 1 THEN min(v) ELSE max(v) END AS worst FROM vv GROUP BY j),
             dist AS (SELECT r, sqrt(sum((v - best) ^ 2)) AS dp, sqrt(sum((v - worst) ^ 2)) AS dm FROM vv JOIN ideal USING (j) GROUP BY r)
        SELECT dm / (dp + dm) FROM dist ORDER BY r), 1e-13),
  'TOPSIS vector normalization with negative values: plain SQL''s Hwang & Yoon (1e-13)');

-- ========================================================== coupling
SELECT is(ARRAY[(coupling_coordination('{0,0,0}'::float8[]))::text, (coupling_coordination('{0,0,0}'::float8[], NULL, 'wang2021'))::text],
          ARRAY['(0,0,0)', '(0,0,0)'], 'coupling: every score 0 gives C = T = D = 0, both variants');
SELECT is(ARRAY[(coupling_coordination('{0,0.5,0.2}'::float8[])).c, (coupling_coordination('{0,0.5,0.2}'::float8[])).d,
                (coupling_coordination('{0,0.5,0.2}'::float8[], NULL, 'wang2021')).c],
          '{0,0,0}'::float8[], 'coupling: one score 0 gives C = D = 0 (classic and wang2021)');
SELECT is((coupling_coordination('{0.3}'::float8[]))::text, '(,0.3,)', 'coupling: a single score has NULL C and D, T the score');
SELECT is(ARRAY[(coupling_coordination('{0.4,0.4,0.4,0.4}'::float8[])).c, (coupling_coordination('{0.4,0.4,0.4,0.4}'::float8[], NULL, 'wang2021')).c],
          '{1,1}'::float8[], 'coupling: equal scores give C = 1 in both variants');
SELECT ok(abs((coupling_coordination('{0.2,0.7}'::float8[], NULL, 'wang2021')).c - sqrt((1 - 0.5) * (0.2 / 0.7))) <= 1e-15,
          'coupling wang2021, two scores: C = sqrt((1 - |U1 - U2|) U_min / U_max) (1e-15)');
SELECT ok(abs((coupling_coordination('{0.2,0.7,0.5,0.9}'::float8[])).c
              - 4 * power(0.2 * 0.7 * 0.5 * 0.9 / power(2.3, 4), 0.25)) <= 1e-15,
          'coupling classic, four scores: C = n (prod U / (sum U)^n)^(1/n) (1e-15)');
SELECT ok(abs((coupling_coordination('{1.0000000000001,0.5}'::float8[])).c - 2 * sqrt(0.5) / 1.5) <= 1e-15,
          'coupling: a score 1e-13 above 1 is rounding, clamped to 1');
SELECT throws_ok($$ SELECT coupling_coordination('{1.01,0.5}'::float8[]) $$, '22023', NULL, 'coupling: a score above 1 is 22023');
SELECT throws_ok($$ SELECT coupling_coordination('{-0.01,0.5}'::float8[]) $$, '22023', NULL, 'coupling: a negative score is 22023');
SELECT throws_ok($$ SELECT coupling_coordination('{NaN,0.5}'::float8[]) $$, '22023', NULL, 'coupling: NaN is 22023');
SELECT throws_ok($$ SELECT coupling_coordination('{0.5,NULL}'::float8[]) $$, '22004', NULL, 'coupling: a NULL score is 22004');
SELECT throws_ok($$ SELECT coupling_coordination('{}'::float8[]) $$, '2202E', NULL, 'coupling: an empty array is 2202E');
SELECT throws_ok($$ SELECT coupling_coordination('{0.2,0.5}'::float8[], '{1,-1}') $$, '22023', NULL, 'coupling: a negative weight is 22023');
SELECT throws_ok($$ SELECT coupling_coordination('{0.2,0.5}'::float8[], '{0,0}') $$, '22023', NULL, 'coupling: all-zero weights are 22023');
SELECT throws_ok($$ SELECT coupling_coordination('{0.2,0.5}'::float8[], NULL, 'wang2020') $$, '22023', NULL, 'coupling: an unknown variant is 22023');
SELECT throws_ok($$ SELECT coupling_coordination('{0.2,NULL}'::float8[], NULL, 'classic', 'mean') $$, '0A000', NULL,
                 'coupling: missing => mean is refused (0A000)');
SELECT is((SELECT coupling_coordination(u)::text FROM (VALUES (0.25::float8)) v(u)), '(,0.25,)',
          'coupling aggregate: one row has NULL C and D');
SELECT is((SELECT coupling_coordination(u)::text FROM (VALUES (0.25::float8), (NULL), (0.5)) v(u)),
          (coupling_coordination('{0.25,0.5}'::float8[]))::text, 'coupling aggregate: a NULL u row is left out (the array form''s bits)');
SELECT throws_ok($$ SELECT coupling_coordination(u, w) FROM (VALUES (0.25::float8, 1::float8), (0.5, NULL)) v(u, w) $$, '22004', NULL,
                 'coupling aggregate: a NULL weight is 22004');
SELECT is(ARRAY[ccd_level(0), ccd_level(0.1), ccd_level(0.09999999999999999), ccd_level(0.3), ccd_level(0.9), ccd_level(1)],
          '{1,2,1,4,10,10}'::int[], 'ccd_level: closed at the lower end, 0.3 is level 4, 1 is level 10');
SELECT throws_ok($$ SELECT ccd_level(1.1) $$, '22023', NULL, 'ccd_level: d above 1 is 22023');
SELECT throws_ok($$ SELECT ccd_level('NaN') $$, '22023', NULL, 'ccd_level: NaN is 22023');
SELECT is(ARRAY[relative_development_grade(0, 0), relative_development_grade(0.5, 0), relative_development_grade(0.4, 0.5),
                relative_development_grade(0.6, 0.5)],
          ARRAY['synchronous', 'U2 lagging', 'U1 lagging', 'synchronous'],
          'relative_development_grade: U2 = 0 is U2 lagging unless U1 = 0; E = 0.8 is U1 lagging (<= lower), 1.2 synchronous');
SELECT is(relative_development(0.5, 0), NULL, 'relative_development: U2 = 0 gives NULL');

-- ========================================================== factor analysis
SELECT is((SELECT factor_analysis(x) FROM (VALUES (ARRAY[1.0, 2, 3])) t(x)), NULL, 'factor_analysis of one row: NULL');
SELECT is((SELECT ARRAY[fa->>'factors', fa->>'singular', fa->>'kmo'] FROM (SELECT factor_analysis(x) fa
           FROM (VALUES (ARRAY[1.0, 2, 3]), (ARRAY[2.0, 1, 5])) t(x)) s),
          ARRAY['1', 'true', NULL], 'factor_analysis of two rows: one factor, R singular, KMO null');
SELECT is(ARRAY(SELECT factor_scores(x) OVER ()::text FROM (VALUES (1, ARRAY[1.0, 2, 3]), (2, ARRAY[2.0, 1, 5])) t(r, x) ORDER BY r),
          ARRAY['{-0.7071067811865475}', '{0.7071067811865475}'], 'factor_scores of two rows: -+1/sqrt(2) (variance 1)');
SELECT throws_ok($$ SELECT factor_analysis(x) FROM (VALUES (ARRAY[1.0, 2, 3]), (ARRAY[1.0, 1, 5]), (ARRAY[1.0, 3, 1])) t(x) $$,
                 '22023', NULL, 'factor_analysis: an indicator without variation is 22023');
SELECT throws_ok($$ SELECT factor_analysis(x, 0) FROM e3 $$, '22023', NULL, 'factor_analysis: nfactors 0 is 22023');
SELECT throws_ok($$ SELECT factor_analysis(x, 4) FROM e3 $$, '22023', NULL, 'factor_analysis: nfactors above p is 22023');
SELECT throws_ok($$ SELECT factor_analysis(x, 3) FROM (VALUES (ARRAY[1.0, 2, 3]), (ARRAY[2.0, 1, 5]), (ARRAY[1.5, 3, 1])) t(x) $$,
                 '22023', NULL, 'factor_analysis: nfactors above the rank of R is 22023');
SELECT throws_ok($$ SELECT factor_analysis(x) FROM (VALUES (ARRAY[1.0, 'NaN', 3]), (ARRAY[2.0, 1, 5])) t(x) $$,
                 '22023', NULL, 'factor_analysis: NaN is 22023');
SELECT throws_ok($$ SELECT factor_analysis(x, 1, 'mean') FROM e3 $$, '0A000', NULL, 'factor_analysis: missing => mean is refused (0A000)');
SELECT throws_ok($$ SELECT factor_analysis(x) FROM (VALUES (ARRAY[1.0, NULL, 3]), (ARRAY[2.0, 1, 5])) t(x) $$,
                 '22004', NULL, 'factor_analysis: a NULL element without a policy is 22004');
SELECT is((SELECT factor_analysis(x, 1, 'skip') FROM (SELECT x FROM e3 UNION ALL SELECT '{NULL,1,2}' UNION ALL SELECT '{NULL,NULL,NULL}') s)::text,
          (SELECT factor_analysis(x, 1) FROM e3)::text, 'factor_analysis, missing skip: rows with a gap are left out (the same jsonb)');
SELECT throws_ok($$ SELECT factor_scores(x, 1, 'promax') OVER () FROM e3 $$, '22023', NULL, 'factor_scores: an unknown rotation is 22023');
SELECT throws_ok($$ SELECT factor_composite(x, 1, shift => 0) OVER () FROM e3 $$, '22023', NULL, 'factor_composite: shift 0 is 22023');
SELECT throws_ok($$ SELECT factor_composite(x, 1, shift => 'Infinity') OVER () FROM e3 $$, '22023', NULL, 'factor_composite: an infinite shift is 22023');
SELECT is((SELECT min(c) FROM (SELECT factor_composite(x, 1, shift => 0.1) OVER () c FROM e3) s), 0.1::float8,
          'factor_composite shift 0.1: the weakest row is at 0.1 exactly');
SELECT ok(pg_temp.close(ARRAY(SELECT c FROM (SELECT r, pca_composite(x, 1) OVER () c FROM e3) s ORDER BY r),
                        ARRAY(SELECT y[1] FROM (SELECT r, pca_scores(x, 1) OVER () y FROM e3) s ORDER BY r), 1e-15),
          'pca_composite of one component is its score');

SELECT * FROM finish();
ROLLBACK;
