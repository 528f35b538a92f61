-- Factor analysis: values against R (psych), aggregate vs window, parallel
-- plans, and every awkward input with its SQLSTATE.
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;

CREATE TABLE usa (s text, x float8[]);
INSERT INTO usa VALUES
 ('Alabama', '{13.2,236,58,21.2}'), ('Alaska', '{10,263,48,44.5}'), ('Arizona', '{8.1,294,80,31}'),
 ('Arkansas', '{8.8,190,50,19.5}'), ('California', '{9,276,91,40.6}'), ('Colorado', '{7.9,204,78,38.7}'),
 ('Connecticut', '{3.3,110,77,11.1}'), ('Delaware', '{5.9,238,72,15.8}'), ('Florida', '{15.4,335,80,31.9}'),
 ('Georgia', '{17.4,211,60,25.8}');

-- R: psych::principal(x, 2, rotate = "varimax") (stats::varimax, as the
-- default rotation), KMO, cortest.bartlett, as R prints them: to 1e-10
WITH fa AS (SELECT factor_analysis(x) AS j FROM usa)
SELECT (j->>'factors')::int AS factors,
       abs((j->'rotated_loadings'->0->>0)::float8 - 0.6036985117622616) < 1e-10 AS rl11,
       abs((j->'rotated_loadings'->0->>1)::float8 + 0.64750688091748598) < 1e-10 AS rl12,
       abs((j->'rotated_loadings'->2->>1)::float8 - 0.89550670447713621) < 1e-10 AS rl32,
       abs((j->>'kmo')::float8 - 0.481757776982661) < 1e-10 AS kmo,
       abs((j->'bartlett'->>'chi2')::float8 - 6.51343128515163) < 1e-10 AS chi2,
       abs((j->'bartlett'->>'p_value')::float8 - 0.368193240515398) < 1e-10 AS p,
       (j->'bartlett'->>'df')::int AS df,
       j->>'criterion' AS criterion, (j->>'singular')::boolean AS singular
FROM fa;

-- the keys of the result
SELECT array_agg(k ORDER BY k) FROM (SELECT jsonb_object_keys(factor_analysis(x)) k FROM usa) s;

-- scores from the window function are the standardized rows times the
-- aggregate's coefficients; the composite weights them by variance share
WITH fa AS (SELECT factor_analysis(x) AS j FROM usa),
w AS (SELECT s, x, factor_scores(x) OVER () AS f, factor_composite(x) OVER () AS c FROM usa)
SELECT bool_and(abs(f[1] - z.f1) < 1e-12 AND abs(f[2] - z.f2) < 1e-12) AS scores_match,
       bool_and(abs(c - (f[1] * (j->'composite_weights'->>0)::float8 + f[2] * (j->'composite_weights'->>1)::float8)) < 1e-12) AS composite_match
FROM w, fa, LATERAL (
  SELECT sum((x[i] - (j->'means'->>(i - 1))::float8) / (j->'sds'->>(i - 1))::float8 * (j->'score_coefficients'->(i - 1)->>0)::float8) AS f1,
         sum((x[i] - (j->'means'->>(i - 1))::float8) / (j->'sds'->>(i - 1))::float8 * (j->'score_coefficients'->(i - 1)->>1)::float8) AS f2
  FROM generate_series(1, 4) i) z;

-- scores have mean 0 and variance 1; shifted composite: min is the shift, order kept
SELECT round(avg(f[1])::numeric, 12) AS mean1, round(var_samp(f[1])::numeric, 12) AS var1,
       round(var_samp(f[2])::numeric, 12) AS var2, round(min(cs)::numeric, 12) AS min_shifted,
       bool_and(abs(cs - (c - cmin + 1)) < 1e-12) AS shifted_by_min
FROM (SELECT *, min(c) OVER () AS cmin
      FROM (SELECT factor_scores(x) OVER () f, factor_composite(x) OVER () c,
                   factor_composite(x, shift => 1) OVER () cs FROM usa) s0) s;

-- the varimax optimum ('varimax_converged') is near R's stats::varimax (the default) but not equal
SELECT max(abs(a - b)) > 0 AS differs, max(abs(a - b)) < 1e-2 AS close
FROM (SELECT factor_scores(x) OVER () f, factor_scores(x, rotation => 'varimax_converged') OVER () g FROM usa) s,
     unnest(f, g) u(a, b);
-- no rotation: the scores are the principal components divided by sqrt(lambda)
SELECT bool_and(abs(f[1] - y[1] / sqrt(1.913049526607618)) < 1e-9) AS unrotated_is_pca_scaled
FROM (SELECT factor_scores(x, rotation => 'none') OVER () f, pca_scores(x) OVER () y FROM usa) s;

-- fixed number of factors; NULL rows are left out (and get NULL scores)
INSERT INTO usa VALUES ('Nowhere', NULL);
SELECT (factor_analysis(x, 1)->>'factors')::int AS one, (factor_analysis(x, 3)->>'factors')::int AS three,
       (factor_analysis(x, NULL)->>'factors')::int AS kaiser, (factor_analysis(x)->>'n')::int AS n
FROM usa;
SELECT s, null_scores, null_pca
FROM (SELECT s, factor_scores(x, 1) OVER () IS NULL AS null_scores, pca_composite(x) OVER () IS NULL AS null_pca
      FROM usa) t
WHERE s IN ('Nowhere', 'Alabama') ORDER BY s;
DELETE FROM usa WHERE x IS NULL;

-- partitions are analysed separately
SELECT g, count(*), round(sum(c)::numeric, 10) AS sum_composite
FROM (SELECT s < 'D' AS g, factor_composite(x) OVER (PARTITION BY s < 'D') c FROM usa) t GROUP BY g ORDER BY g;

-- parallel and partial aggregation give the serial answer
CREATE TABLE big AS
SELECT i, ARRAY[sin(i), cos(i * 0.7) + sin(i) * 0.5, (i % 97)::float8, sin(i) * 2 + (i % 13), 1e6 + (i % 7)]::float8[] AS x
FROM generate_series(1, 30000) i;
ANALYZE big;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS SELECT factor_analysis(x) j FROM big;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT factor_analysis(x) FROM big;
SELECT (SELECT bool_and(abs(a.v::float8 - b.v::float8) <= 1e-9 * (1 + abs(b.v::float8)))
        FROM jsonb_array_elements_text(p.j->'eigenvalues') WITH ORDINALITY a(v, o)
        JOIN jsonb_array_elements_text(s.j->'eigenvalues') WITH ORDINALITY b(v, o) USING (o)) AS eigen_same,
       abs((p.j->>'kmo')::float8 - (s.j->>'kmo')::float8) < 1e-12 AS kmo_same,
       p.j->>'n' AS n
FROM (SELECT factor_analysis(x) j FROM big) p, serial s;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

-- singular: perfectly correlated indicators, more indicators than rows
CREATE TABLE sing (r int, x float8[]);
INSERT INTO sing SELECT i, ARRAY[i, 2 * i + 3, (i * 7) % 5, (i * 3) % 4]::float8[] FROM generate_series(1, 8) i;
SELECT (j->>'singular')::boolean AS singular, j->'kmo' AS kmo, j->'bartlett'->'chi2' AS chi2,
       j->'determinant' AS det, (j->>'factors')::int AS factors
FROM (SELECT factor_analysis(x) j FROM sing) s;
SELECT count(*) FILTER (WHERE f IS NOT NULL) AS scored
FROM (SELECT factor_scores(x) OVER () f FROM sing) s;
SELECT pg_temp.err($$SELECT factor_analysis(x, 4) FROM sing$$);
SELECT (j->>'singular')::boolean AS singular, (j->>'factors')::int AS factors, (j->>'n')::int AS n
FROM (SELECT factor_analysis(ARRAY[i, i * i, sqrt(i), i % 3, ln(i), cos(i)]::float8[]) j FROM generate_series(1, 4) i) s;
-- two rows: every correlation is +-1, one factor
SELECT (factor_analysis(x)->>'factors')::int FROM (VALUES ('{1,2,3}'::float8[]), ('{2,1,5}')) t(x);

-- empty input, one row: NULL
SELECT factor_analysis(x) IS NULL AS empty FROM usa WHERE false;
SELECT factor_analysis(x) IS NULL AS one_row FROM usa WHERE s = 'Alabama';
SELECT factor_scores(x) OVER () IS NULL AS one_row_window FROM usa WHERE s = 'Alabama';

-- errors
SELECT pg_temp.err($$SELECT factor_analysis(ARRAY[i, 5]::float8[]) FROM generate_series(1, 5) i$$);
SELECT pg_temp.err($$SELECT factor_composite(ARRAY[i, 5]::float8[]) OVER () FROM generate_series(1, 5) i$$);
SELECT pg_temp.err($$SELECT factor_analysis(ARRAY[i, 'NaN']::float8[]) FROM generate_series(1, 5) i$$);
SELECT pg_temp.err($$SELECT factor_analysis(ARRAY[i, NULL]::float8[]) FROM generate_series(1, 5) i$$);
SELECT pg_temp.err($$SELECT factor_analysis(CASE WHEN i < 3 THEN ARRAY[i, 1] ELSE ARRAY[i, 1, 2] END::float8[]) FROM generate_series(1, 5) i$$);
SELECT pg_temp.err($$SELECT factor_analysis('{}'::float8[]) FROM generate_series(1, 5) i$$);
SELECT pg_temp.err($$SELECT factor_analysis(x, 0) FROM usa$$);
SELECT pg_temp.err($$SELECT factor_analysis(x, 5) FROM usa$$);
SELECT pg_temp.err($$SELECT factor_analysis(x, (length(s) % 2) + 1) FROM usa$$);
SELECT pg_temp.err($$SELECT factor_scores(x, 7) OVER () FROM usa$$);
SELECT pg_temp.err($$SELECT factor_scores(x, rotation => 'promax') OVER () FROM usa$$);
SELECT pg_temp.err($$SELECT factor_composite(x, shift => 0) OVER () FROM usa$$);
SELECT pg_temp.err($$SELECT factor_composite(x, shift => 'Infinity') OVER () FROM usa$$);
SELECT pg_temp.err($$SELECT pca_composite(x, shift => -1) OVER () FROM usa$$);
SELECT pg_temp.err($$SELECT factor_analysis(array_fill(i::float8, ARRAY[1001])) FROM generate_series(1, 3) i$$);
SELECT pg_temp.err($$SELECT factor_analysis(ARRAY[i * 1e200, i]::float8[]) FROM generate_series(1, 3) i$$);
SELECT pg_temp.err($$SELECT factor_scores(ARRAY[i * 1e200, i]::float8[]) OVER () FROM generate_series(1, 3) i$$);
-- the full message of a constant indicator
\set VERBOSITY default
SELECT factor_analysis(ARRAY[i, 5, i * i]::float8[]) FROM generate_series(1, 5) i;
\set VERBOSITY terse
