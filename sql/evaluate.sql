-- TOPSIS, composite index and min-max normalization as window functions.
\set VERBOSITY terse

-- vectors.md: Hwang & Yoon vector normalization, weights (0.3, 0.4, 0.3)
SELECT r, round(topsis(x, '{0.3,0.4,0.3}', normalization => 'vector') OVER ()::numeric, 4)
FROM (VALUES (1, '{5,8,4}'::float8[]), (2, '{7,6,8}'), (3, '{8,8,6}'), (4, '{7,4,6}')) t(r, x)
ORDER BY r;

-- vectors.md: min-max, weights (0.5, 0.5), directions (cost, benefit)
SELECT r, round(topsis(x, '{0.5,0.5}', '{-1,1}') OVER ()::numeric, 3) AS closeness,
       (topsis_detail(x, '{0.5,0.5}', '{-1,1}') OVER ()).*,
       composite_index(x, '{0.5,0.5}', '{-1,1}') OVER () AS composite
FROM (VALUES (1, '{1,3000}'::float8[]), (2, '{2,3750}'), (3, '{5,4500}')) t(r, x)
ORDER BY r;

-- by hand: row 2 has D+ = sqrt(0.125^2 + 0.25^2), D- = sqrt(0.375^2 + 0.25^2)
SELECT abs((d).d_plus - sqrt(0.125^2 + 0.25^2)) < 1e-15 AS d_plus_ok,
       abs((d).d_minus - sqrt(0.375^2 + 0.25^2)) < 1e-15 AS d_minus_ok,
       abs((d).closeness - sqrt(0.375^2 + 0.25^2) / (sqrt(0.125^2 + 0.25^2) + sqrt(0.375^2 + 0.25^2))) < 1e-15 AS c_ok
FROM (SELECT r, topsis_detail(x, '{0.5,0.5}', '{-1,1}') OVER () AS d
      FROM (VALUES (1, '{1,3000}'::float8[]), (2, '{2,3750}'), (3, '{5,4500}')) t(r, x)) s
WHERE r = 2;

-- weights are rescaled: (1, 1) acts as (0.5, 0.5)
SELECT bool_and(a = b) AS rescaled_topsis, bool_and(abs(c - d) < 1e-15) AS rescaled_composite
FROM (SELECT topsis(x, '{1,1}', '{-1,1}') OVER () AS a, topsis(x, '{0.5,0.5}', '{-1,1}') OVER () AS b,
             composite_index(x, '{2,2}', '{-1,1}') OVER () AS c, composite_index(x, '{0.5,0.5}', '{-1,1}') OVER () AS d
      FROM (VALUES ('{1,3000}'::float8[]), ('{2,3750}'), ('{5,4500}')) t(x)) s;

-- E-TOPSIS: NULL weights are the entropy weights of the partition
WITH t(g, r, x) AS (VALUES (1, 1, '{1,10,5}'::float8[]), (1, 2, '{2,15,3}'), (1, 3, '{3,20,4}'), (1, 4, '{4,40,1}'),
                           (2, 1, '{9,1,1}'), (2, 2, '{3,2,2}'), (2, 3, '{5,5,5}')),
w AS (SELECT g, entropy_weights(x, '{1,1,-1}'::int[]) AS w FROM t GROUP BY g)
SELECT t.g, t.r,
       abs(topsis(x, directions => '{1,1,-1}') OVER (PARTITION BY t.g) -
           topsis(x, w.w, '{1,1,-1}') OVER (PARTITION BY t.g)) < 1e-15 AS same,
       round(topsis(x, directions => '{1,1,-1}') OVER (PARTITION BY t.g)::numeric, 6) AS e_topsis,
       round(composite_index(x, directions => '{1,1,-1}') OVER (PARTITION BY t.g)::numeric, 6) AS e_composite
FROM t JOIN w USING (g)
ORDER BY t.g, t.r;

-- the frame and ORDER BY do not matter: the whole partition is evaluated
SELECT r, topsis(x) OVER (ORDER BY r) = topsis(x) OVER () AS frame_ignored
FROM (VALUES (1, '{1,2}'::float8[]), (2, '{3,1}'), (3, '{2,2}')) t(r, x) ORDER BY r;

-- NULL rows get NULL and take no part
SELECT r, round(topsis(x) OVER ()::numeric, 6) AS closeness, composite_index(x, '{1,1}') OVER () AS ci,
       minmax_normalize(x) OVER () AS z
FROM (VALUES (1, '{1,2}'::float8[]), (2, NULL), (3, '{3,4}')) t(r, x) ORDER BY r;

-- one-row partitions: scores 0, closeness undefined
SELECT topsis(x) OVER () AS e_topsis, topsis(x, '{1,1}') OVER () AS topsis,
       composite_index(x, '{1,1}') OVER () AS ci, composite_index(x) OVER () AS e_ci,
       minmax_normalize(x) OVER () AS z
FROM (VALUES ('{1,2}'::float8[])) t(x);

-- vector normalization with a cost column: its ideal is the smallest value
SELECT r, round(topsis(x, '{0.5,0.5}', '{-1,1}', 'vector') OVER ()::numeric, 6)
FROM (VALUES (1, '{1,10}'::float8[]), (2, '{2,20}'), (3, '{4,25}')) t(r, x) ORDER BY r;

-- minmax_normalize, both forms
SELECT r, minmax_normalize(v) OVER () AS benefit, minmax_normalize(v, -1) OVER () AS cost,
       minmax_normalize(v, d) OVER () AS per_row_direction
FROM (VALUES (1, 10.0, 1), (2, 15.0, -1), (3, 20.0, NULL), (4, NULL, 1)) t(r, v, d) ORDER BY r;
SELECT g, r, minmax_normalize(x, '{1,-1}') OVER (PARTITION BY g)
FROM (VALUES (1, 1, '{1,5}'::float8[]), (1, 2, '{3,5}'), (1, 3, '{2,6}'), (2, 1, '{7,7}')) t(g, r, x)
ORDER BY g, r;

-- weights given by a subquery (a parameter, not a constant) are accepted
SELECT r, round(topsis(x, (SELECT '{0.3,0.4,0.3}'::float8[]), normalization => 'vector') OVER ()::numeric, 4)
FROM (VALUES (1, '{5,8,4}'::float8[]), (2, '{7,6,8}')) t(r, x) ORDER BY r;

-- errors
SELECT topsis(x) OVER () FROM (VALUES ('{1,2}'::float8[]), ('{1,NULL}')) t(x);
SELECT topsis(x, '{1,1}', normalization => 'euclid') OVER () FROM (VALUES ('{1,2}'::float8[])) t(x);
SELECT topsis(x, w) OVER () FROM (VALUES ('{1,2}'::float8[], '{1,1}'::float8[]), ('{2,1}', '{1,2}')) t(x, w);
SELECT composite_index(x, '{1,-1}') OVER () FROM (VALUES ('{1,2}'::float8[])) t(x);
SELECT composite_index(x, '{0,0}') OVER () FROM (VALUES ('{1,2}'::float8[])) t(x);
SELECT minmax_normalize(x, '{1,2}') OVER () FROM (VALUES ('{1,2}'::float8[])) t(x);
SELECT minmax_normalize(v, 0) OVER () FROM (VALUES (1.0)) t(v);
SELECT minmax_normalize(v) OVER () FROM (VALUES (1.0), ('NaN')) t(v);
\set VERBOSITY default
SELECT topsis(x) OVER () FROM (VALUES ('{1,2}'::float8[]), ('{1,2,3}')) t(x);

-- huge but finite weights are rescaled without overflowing
\set VERBOSITY terse
SELECT bool_and(a = b) AS huge_weights_rescaled
FROM (SELECT topsis(x, '{1e308,1e308}') OVER () AS a, topsis(x, '{1,1}') OVER () AS b
      FROM (VALUES ('{1,2}'::float8[]), ('{3,1}'), ('{2,2}')) t(x)) s;
-- an indicator whose max - min overflows float8 is an error, not a NaN
SELECT minmax_normalize(v) OVER () FROM (VALUES (-1e308::float8), (0), (1e308)) t(v);
SELECT topsis(x) OVER () FROM (VALUES ('{-1e308,1}'::float8[]), ('{1e308,2}')) t(x);
SELECT entropy_weights(x) FROM (VALUES ('{-1e308,1}'::float8[]), ('{1e308,2}')) t(x);
SELECT stddev_weights(x) FROM (VALUES ('{-1e200,1}'::float8[]), ('{1e200,2}')) t(x);
\set VERBOSITY default
SELECT critic_weights(x) FROM (VALUES ('{-1e308,1}'::float8[]), ('{1e308,2}')) t(x);
-- vector normalization keeps its digits for columns far from zero
SELECT r, round(topsis(x, '{1,1}', normalization => 'vector') OVER ()::numeric, 12) AS offset_1e8,
       round(topsis(ARRAY[x[1] - 1e8, x[2] - 1e8], '{1,1}', normalization => 'vector') OVER ()::numeric, 6) AS unrelated_shifted
FROM (VALUES (1, ARRAY[1e8 + 1, 1e8 + 3]), (2, ARRAY[1e8 + 2, 1e8 + 1]), (3, ARRAY[1e8 + 3, 1e8 + 2])) t(r, x)
ORDER BY r;
-- missing-value policies and shift (issue 12): every path once, so that the
-- memcheck stage runs them under valgrind; values: test/pgtap/25_missing_window.sql
\set VERBOSITY terse
SELECT city, round(topsis(x, missing => 'skip') OVER ()::numeric, 6) AS skip,
       round(topsis(x, shift => 0.01, missing => 'mean') OVER ()::numeric, 6) AS mean_shift,
       round((topsis_detail(x, missing => 'median') OVER ()).closeness::numeric, 6) AS median,
       round(composite_index(x, shift => 0.1, missing => 'median') OVER ()::numeric, 6) AS ci,
       array_round(minmax_normalize(x, shift => 0.5, missing => 'mean') OVER (), 6) AS z,
       array_round(obstacle_degree(x, missing => 'skip') OVER (), 6) AS o
FROM (VALUES ('A', ARRAY[9.2, 0.52, 41.0]), ('B', ARRAY[6.1, NULL, 38.5]), ('C', ARRAY[12.4, 0.47, 44.2]),
             ('D', ARRAY[3.3, 1.10, 36.0]), ('E', NULL), ('F', ARRAY[NULL, NULL, NULL]::float8[])) t(city, x)
ORDER BY city;
SELECT i, minmax_normalize(v, missing => 'median') OVER () AS median, minmax_normalize(v, -1, 0.5, 'mean') OVER () AS mean
FROM (VALUES (1, 10.0::float8), (2, NULL), (3, 20.0), (4, 12.0)) t(i, v) ORDER BY i;
SELECT topsis(x, missing => 'mean') OVER () FROM (VALUES ('{1,NULL}'::float8[]), ('{2,NULL}')) t(x);
SELECT topsis(x, missing => 'nope') OVER () FROM (VALUES ('{1,2}'::float8[])) t(x);
SELECT region, indicator_vector(indicator, value, ARRAY['EC1', 'EC3', 'EC2']) AS x
FROM (VALUES ('a', 'EC1', 1.0::float8), ('a', 'EC2', NULL), ('b', 'EC3', 3.0), ('b', 'EC1', 'NaN')) t(region, indicator, value)
GROUP BY region ORDER BY region;
SELECT indicator_vector(indicator, value, ARRAY['EC1']) FROM (VALUES ('EC2', 1.0::float8)) t(indicator, value);
SELECT indicator_vector(indicator, value, ARRAY['EC1']) FROM (VALUES ('EC1', 1.0::float8), ('EC1', 2.0)) t(indicator, value);
\set VERBOSITY default
