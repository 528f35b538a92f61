-- entropy_weights with bounds (issue 17, item 1): the bounded form keeps
-- O(m) state, gives the row-keeping form's weights to 1e-12 when the bounds
-- are the columns' min and max, the same bits for any row order and plan,
-- and rejects bad bounds with exact SQLSTATEs.
BEGIN;
SET client_min_messages = warning;
SET extra_float_digits = 3;
SELECT plan(48);

-- 3 groups x 500 rows x 5 indicators of log-normal-ish magnitudes, a share
-- with ties, a cost.  A regular table: parallel workers cannot read
-- temporary ones.
DO $$ BEGIN PERFORM setseed(0.1717); END $$;
CREATE TABLE public.eb_obs AS
SELECT g AS grp, i AS id,
       ARRAY[exp(9 + random()), 100 * random(), floor(10 * random())::float8,
             0.2 + 0.5 * random(), exp(2 + 0.3 * random())] AS x
FROM generate_series(1, 3) g, generate_series(1, 500) i;
ANALYZE public.eb_obs;

-- each group's bounds: min and max per indicator, by unnest WITH ORDINALITY
CREATE TABLE public.eb_bounds AS
SELECT grp, array_agg(lo ORDER BY j) AS lo, array_agg(hi ORDER BY j) AS hi
FROM (SELECT grp, j, min(v) AS lo, max(v) AS hi
      FROM public.eb_obs, unnest(x) WITH ORDINALITY AS u(v, j) GROUP BY grp, j) s
GROUP BY grp;

CREATE FUNCTION pg_temp.maxdiff(a float8[], b float8[]) RETURNS float8
LANGUAGE sql IMMUTABLE AS $$ SELECT max(abs(x - y)) FROM unnest(a, b) AS u(x, y) $$;

-- 1-4: equality with the row-keeping form, every overload, detail too
SELECT ok(bool_and(pg_temp.maxdiff(b, r) < 1e-12), 'bounds = min/max: the row form''s weights to 1e-12')
FROM (SELECT o.grp, entropy_weights(x, lo, hi) AS b, entropy_weights(x) AS r
      FROM public.eb_obs o JOIN public.eb_bounds USING (grp) GROUP BY o.grp) t;
SELECT ok(bool_and(pg_temp.maxdiff(b, r) < 1e-12), 'with directions: to 1e-12')
FROM (SELECT o.grp, entropy_weights(x, lo, hi, ARRAY[1, 1, 1, 1, -1]) AS b,
             entropy_weights(x, ARRAY[1, 1, 1, 1, -1]) AS r
      FROM public.eb_obs o JOIN public.eb_bounds USING (grp) GROUP BY o.grp) t;
SELECT ok(bool_and(pg_temp.maxdiff(b, r) < 1e-12), 'with directions and shift: to 1e-12')
FROM (SELECT o.grp, entropy_weights(x, lo, hi, ARRAY[1, 1, 1, 1, -1], 0.0001) AS b,
             entropy_weights(x, ARRAY[1, 1, 1, 1, -1], 0.0001) AS r
      FROM public.eb_obs o JOIN public.eb_bounds USING (grp) GROUP BY o.grp) t;
SELECT ok(bool_and((b).n = (r).n AND pg_temp.maxdiff((b).entropy, (r).entropy) < 1e-12
                   AND pg_temp.maxdiff((b).divergence, (r).divergence) < 1e-12
                   AND pg_temp.maxdiff((b).weight, (r).weight) < 1e-12),
          'entropy_weights_detail with bounds: n, entropy, divergence, weight to 1e-12')
FROM (SELECT o.grp, entropy_weights_detail(x, lo, hi, ARRAY[1, 1, 1, 1, -1]) AS b,
             entropy_weights_detail(x, ARRAY[1, 1, 1, 1, -1]) AS r
      FROM public.eb_obs o JOIN public.eb_bounds USING (grp) GROUP BY o.grp) t;

-- 5: the sample panel (complete city-years, 25 indicators, their directions)
CREATE TEMP TABLE eb_sample AS
SELECT p.region_code, p.year, array_agg(p.value ORDER BY p.indicator_code) AS x,
       array_agg(i.direction ORDER BY p.indicator_code) AS dirs
FROM synergy_sample.panel p JOIN synergy_sample.indicator i ON i.code = p.indicator_code
GROUP BY p.region_code, p.year HAVING count(p.value) = count(*);
SELECT ok(pg_temp.maxdiff(
            (WITH b AS (SELECT array_agg(lo ORDER BY j) AS lo, array_agg(hi ORDER BY j) AS hi
                        FROM (SELECT j, min(v) AS lo, max(v) AS hi
                              FROM eb_sample, unnest(x) WITH ORDINALITY AS u(v, j) GROUP BY j) s)
             SELECT entropy_weights(x, b.lo, b.hi, dirs) FROM eb_sample, b),
            (SELECT entropy_weights(x, dirs) FROM eb_sample)) < 1e-12
          AND (SELECT count(*) FROM eb_sample) >= 20,
          'sample panel: the row form''s weights to 1e-12');

-- 6: wider bounds than the data: min-max scores of those bounds, as plain SQL computes them
SELECT ok(pg_temp.maxdiff(
            (SELECT entropy_weights(x, ARRAY[0, 0]::float8[], ARRAY[10, 4]::float8[])
             FROM (VALUES (ARRAY[1.0, 2]), (ARRAY[3.0, 1]), (ARRAY[6.0, 4])) v(x)),
            (WITH z AS (SELECT j, v / CASE j WHEN 1 THEN 10.0 ELSE 4.0 END AS z
                        FROM (VALUES (ARRAY[1.0, 2]), (ARRAY[3.0, 1]), (ARRAY[6.0, 4])) v(x),
                             unnest(x) WITH ORDINALITY u(v, j)),
                  d AS (SELECT j, 1 + sum(z / s * ln(z / s)) / ln(3) AS d
                        FROM z JOIN (SELECT j, sum(z) AS s FROM z GROUP BY j) t USING (j) GROUP BY j)
             SELECT array_agg(d / (SELECT sum(d) FROM d) ORDER BY j) FROM d)) < 1e-12,
          'bounds wider than the data: scores against the bounds, to 1e-12 of plain SQL');

-- 7-8: NULL bounds are the row-keeping form; NULL x rows are skipped
SELECT is((SELECT entropy_weights(x, NULL, NULL) FROM public.eb_obs WHERE grp = 1),
          (SELECT entropy_weights(x) FROM public.eb_obs WHERE grp = 1),
          'entropy_weights(x, NULL, NULL) is entropy_weights(x)');
SELECT is((SELECT (entropy_weights_detail(x, ARRAY[0, 0]::float8[], ARRAY[9, 9]::float8[])).n
           FROM (VALUES (ARRAY[1.0, 2]), (NULL), (ARRAY[3.0, 1])) v(x)), 2::bigint,
          'rows with NULL x are skipped');

-- 9-10: the same bits for any row order
SELECT (SELECT entropy_weights(x, lo, hi, ARRAY[1, 1, 1, 1, -1])::text
        FROM public.eb_obs o JOIN public.eb_bounds USING (grp) WHERE grp = 2) AS eb_ref \gset
SELECT is(count(DISTINCT w), 1::bigint, 'five shuffled orders: the same bits')
FROM (SELECT k, (SELECT entropy_weights(x, lo, hi, ARRAY[1, 1, 1, 1, -1])::text
                 FROM (SELECT x FROM public.eb_obs WHERE grp = 2 ORDER BY md5(id::text || k)) s,
                      public.eb_bounds WHERE eb_bounds.grp = 2) AS w
      FROM generate_series(1, 5) k) t;
SELECT is((SELECT entropy_weights(x, lo, hi, ARRAY[1, 1, 1, 1, -1])::text
           FROM (SELECT x FROM public.eb_obs WHERE grp = 2 ORDER BY id DESC) s, public.eb_bounds
           WHERE eb_bounds.grp = 2), :'eb_ref', 'reversed order: the same bits');

-- 11-13: constant memory: the state's size does not depend on the row count
SELECT ok((SELECT bool_and(length(s) <= 12 + 31 + 5 * (32 + 2 * (2 + 8 * 67)))
           FROM (SELECT entropy_weights_state(x, ARRAY[0, 0, 0, 0, 0]::float8[], ARRAY[1e6, 1e6, 1e6, 1e6, 1e6]::float8[]) AS s
                 FROM public.eb_obs WHERE id <= 10
                 UNION ALL
                 SELECT entropy_weights_state(x, ARRAY[0, 0, 0, 0, 0]::float8[], ARRAY[1e6, 1e6, 1e6, 1e6, 1e6]::float8[])
                 FROM public.eb_obs) t),
          'bounded state: within the format''s bound for 5 indicators, for 10 rows and for 1,500');
SELECT cmp_ok((SELECT length(entropy_weights_state(x, lo, hi)) FROM public.eb_obs o JOIN public.eb_bounds USING (grp)
               WHERE grp = 1), '<', 2000, 'bounded state of 500 rows x 5 indicators: under 2 kB');
SELECT cmp_ok((SELECT length(entropy_weights_state(x)) FROM public.eb_obs WHERE grp = 1), '>', 500 * 5 * 8,
              'row-keeping state of the same rows: 8 bytes per value');

-- 14-15: synergy.max_group_memory does not limit the bounded form
SET LOCAL synergy.max_group_memory = '1MB';
SELECT throws_ok($$ SELECT entropy_weights(x) FROM (SELECT ARRAY(SELECT random() FROM generate_series(1, 25) WHERE g > 0) AS x
                                                  FROM generate_series(1, 20000) g) s $$,
                 '54000', NULL, 'the row-keeping form is limited by synergy.max_group_memory');
SELECT is(array_length(entropy_weights(x, ARRAY(SELECT 0::float8 FROM generate_series(1, 25)),
                                          ARRAY(SELECT 1::float8 FROM generate_series(1, 25))), 1), 25,
          'the bounded form is not: 20,000 rows x 25 indicators under 1MB')
FROM (SELECT ARRAY(SELECT random() FROM generate_series(1, 25) WHERE g > 0) AS x
      FROM generate_series(1, 20000) g) s;
RESET synergy.max_group_memory;

-- 16-18: a parallel plan aggregates in partial states, with the serial bits
CREATE FUNCTION pg_temp.eb_partial(q text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE j text;
BEGIN
	EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO j;
	RETURN j LIKE '%"Partial Mode": "Partial"%';
END $$;
SELECT (SELECT string_agg(w::text, ';' ORDER BY grp) FROM
        (SELECT o.grp, entropy_weights_detail(x, lo, hi, ARRAY[1, 1, 1, 1, -1], 0.01) AS w
         FROM public.eb_obs o JOIN public.eb_bounds USING (grp) GROUP BY o.grp) t) AS eb_serial \gset
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = on;
SELECT ok(pg_temp.eb_partial($$ SELECT entropy_weights(x, ARRAY[0, 0, 0, 0, 0]::float8[], ARRAY[1e6, 1e6, 1e6, 1e6, 1e6]::float8[])
                               FROM public.eb_obs $$),
          'the bounded form: a parallel plan with partial states');
SELECT ok(NOT pg_temp.eb_partial($$ SELECT entropy_weights(x) FROM public.eb_obs $$),
          'the row-keeping form: no partial states (priced out of parallel plans)');
SELECT is((SELECT string_agg(w::text, ';' ORDER BY grp) FROM
           (SELECT o.grp, entropy_weights_detail(x, lo, hi, ARRAY[1, 1, 1, 1, -1], 0.01) AS w
            FROM public.eb_obs o JOIN public.eb_bounds USING (grp) GROUP BY o.grp) t),
          :'eb_serial', 'grouped, through a parallel plan: the serial bits');
SELECT is((SELECT entropy_weights(x, (SELECT lo FROM public.eb_bounds WHERE grp = 2),
                                     (SELECT hi FROM public.eb_bounds WHERE grp = 2), ARRAY[1, 1, 1, 1, -1])::text
           FROM public.eb_obs WHERE grp = 2),
          :'eb_ref', 'ungrouped with bounds from subqueries, parallel: the serial bits');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- 20-41: bad bounds, exact SQLSTATEs
SELECT throws_ok($$ SELECT entropy_weights(x, ARRAY[2, 0]::float8[], ARRAY[1, 5]::float8[]) FROM (VALUES (ARRAY[1.5, 1])) v(x) $$,
                 '22023', 'entropy_weights: lower exceeds upper for indicator 1', 'lower > upper: 22023');
SELECT throws_ok($$ SELECT entropy_weights(x, ARRAY[0, 0, 0]::float8[], ARRAY[1, 5, 1]::float8[]) FROM (VALUES (ARRAY[0.5, 1])) v(x) $$,
                 '2202E', 'entropy_weights: lower has 3 elements but there are 2 indicators', 'lower longer than x: 2202E');
SELECT throws_ok($$ SELECT entropy_weights(x, ARRAY[0, 0]::float8[], ARRAY[1]::float8[]) FROM (VALUES (ARRAY[0.5, 1])) v(x) $$,
                 '2202E', 'entropy_weights: upper has 1 elements but there are 2 indicators', 'upper shorter than x: 2202E');
SELECT throws_ok($$ SELECT entropy_weights(x, ARRAY[0, NULL]::float8[], ARRAY[1, 5]::float8[]) FROM (VALUES (ARRAY[0.5, 1])) v(x) $$,
                 '22004', 'entropy_weights: lower contains a NULL element', 'NULL element in lower: 22004');
SELECT throws_ok($$ SELECT entropy_weights(x, ARRAY[0, 0]::float8[], ARRAY[1, 'Infinity']::float8[]) FROM (VALUES (ARRAY[0.5, 1])) v(x) $$,
                 '22023', 'entropy_weights: upper contains a non-finite value', 'infinite upper: 22023');
SELECT throws_ok($$ SELECT entropy_weights(x, ARRAY[0, 0]::float8[], NULL) FROM (VALUES (ARRAY[0.5, 1])) v(x) $$,
                 '22004', 'entropy_weights: lower and upper must both be given or both be NULL', 'one bound NULL: 22004');
SELECT throws_ok($$ SELECT entropy_weights(x, ARRAY[-1e308, 0]::float8[], ARRAY[1e308, 5]::float8[]) FROM (VALUES (ARRAY[0.5, 1])) v(x) $$,
                 '22003', NULL, 'a range that overflows: 22003');
SELECT throws_ok($$ SELECT entropy_weights(x, ARRAY[0, 0]::float8[], ARRAY[1, 5]::float8[]) FROM (VALUES (ARRAY[0.5, 1]), (ARRAY[0.5, 6])) v(x) $$,
                 '22003', 'entropy_weights: x lies outside the bounds of indicator 2', 'x above upper: 22003');
SELECT throws_ok($$ SELECT entropy_weights_detail(x, ARRAY[0, 0]::float8[], ARRAY[1, 5]::float8[]) FROM (VALUES (ARRAY[-0.5, 1])) v(x) $$,
                 '22003', 'entropy_weights_detail: x lies outside the bounds of indicator 1', 'x below lower, first row: 22003');
SELECT throws_ok($$ SELECT entropy_weights(x, ARRAY[0, 0]::float8[], ARRAY[1, 5]::float8[]) FROM (VALUES (ARRAY[0.5, 1]), (ARRAY['NaN', 1]::float8[])) v(x) $$,
                 '22023', 'entropy_weights: x contains a non-finite value', 'NaN in x: 22023, not a bounds error');
SELECT throws_ok($$ SELECT entropy_weights(x, l, ARRAY[1, 5]::float8[]) FROM (VALUES (ARRAY[0.5, 1], ARRAY[0, 0]::float8[]), (ARRAY[0.5, 1], ARRAY[0, 0.5]::float8[])) v(x, l) $$,
                 '22023', 'entropy_weights: lower must be the same in every row', 'lower changing between rows: 22023');
SELECT throws_ok($$ SELECT entropy_weights(x, ARRAY[0, 0]::float8[], u) FROM (VALUES (ARRAY[0.5, 1], ARRAY[1, 5]::float8[]), (ARRAY[0.5, 1], ARRAY[1, 6]::float8[])) v(x, u) $$,
                 '22023', 'entropy_weights: upper must be the same in every row', 'upper changing between rows: 22023');
SELECT throws_ok($$ SELECT entropy_weights(x, l, l) FROM (VALUES (ARRAY[0.5, 1], ARRAY[0.5, 1]::float8[]), (ARRAY[0.5, 1], NULL)) v(x, l) $$,
                 '22004', 'entropy_weights: lower and upper must both be given or both be NULL', 'bounds NULL in some rows only: 22004');
SELECT throws_ok($$ SELECT entropy_weights(x, ARRAY[0, 0]::float8[], ARRAY[1, 5]::float8[], d) FROM (VALUES (ARRAY[0.5, 1], ARRAY[1, 1]), (ARRAY[0.5, 1], ARRAY[1, -1])) v(x, d) $$,
                 '22023', 'entropy_weights: directions must be the same in every row', 'directions changing: 22023');
SELECT throws_ok($$ SELECT entropy_weights(x, ARRAY[0, 0]::float8[], ARRAY[1, 5]::float8[], ARRAY[1, 2]) FROM (VALUES (ARRAY[0.5, 1])) v(x) $$,
                 '22023', NULL, 'a direction of 2: 22023');
SELECT throws_ok($$ SELECT entropy_weights(x, ARRAY[0, 0]::float8[], ARRAY[1, 5]::float8[], NULL, -1) FROM (VALUES (ARRAY[0.5, 1])) v(x) $$,
                 '22023', NULL, 'a negative shift: 22023');
SELECT throws_ok($$ SELECT entropy_weights(x, ARRAY[0, 0]::float8[], ARRAY[1, 5]::float8[]) FROM (VALUES (ARRAY[0.5, 1]), (ARRAY[0.5, 1, 2])) v(x) $$,
                 '2202E', NULL, 'x changing length: 2202E');
SELECT throws_ok($$ SELECT entropy_weights(x, ARRAY[[0, 0]]::float8[], ARRAY[1, 5]::float8[]) FROM (VALUES (ARRAY[0.5, 1])) v(x) $$,
                 '2202E', 'entropy_weights: lower must be a one-dimensional array', 'two-dimensional lower: 2202E');

-- 38-40: messages carry the element, value and bounds, and a hint
CREATE FUNCTION pg_temp.eb_err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE d text; h text;
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL, h = PG_EXCEPTION_HINT;
	RETURN d || ' | ' || h;
END $$;
SELECT alike(pg_temp.eb_err($$ SELECT entropy_weights(x, ARRAY[0, 0]::float8[], ARRAY[1, 5]::float8[]) FROM (VALUES (ARRAY[0.5, 7.25])) v(x) $$),
            'x[2] = 7.25 is outside [lower[2], upper[2]] = [0, 5]. | %indicator_min(x)%indicator_max(x)%',
            'outside the bounds: detail names element, value and bounds; the hint names indicator_min/indicator_max');
SELECT alike(pg_temp.eb_err($$ SELECT entropy_weights(x, ARRAY[0, 3]::float8[], ARRAY[1, 2]::float8[]) FROM (VALUES (ARRAY[0.5, 2])) v(x) $$),
            'lower[2] = 3, upper[2] = 2. | %',
            'lower > upper: detail names the position and both values');
SELECT is((SELECT entropy_weights(x, ARRAY[0, 0]::float8[], ARRAY[1, 5]::float8[]) FROM (VALUES (NULL::float8[])) v(x)),
          NULL, 'no row with x: NULL');
SELECT is((SELECT entropy_weights(x, ARRAY[0, 1]::float8[], ARRAY[1, 1]::float8[]) FROM (VALUES (ARRAY[0.5, 1]), (ARRAY[0.25, 1])) v(x)),
          ARRAY[1, 0]::float8[], 'lower = upper: no variation, weight 0');

-- 42-48: indicator_min and indicator_max, the bounds' first pass
SELECT is(ARRAY(SELECT (indicator_min(x))::text FROM public.eb_obs GROUP BY grp ORDER BY grp),
          ARRAY(SELECT lo::text FROM public.eb_bounds ORDER BY grp), 'indicator_min: each indicator''s min (unnest/min)');
SELECT is(ARRAY(SELECT (indicator_max(x))::text FROM public.eb_obs GROUP BY grp ORDER BY grp),
          ARRAY(SELECT hi::text FROM public.eb_bounds ORDER BY grp), 'indicator_max: each indicator''s max');
SELECT is((SELECT ARRAY[indicator_min(x), indicator_max(x)]::text FROM (SELECT x FROM (VALUES (1, ARRAY[0.0, 1]::float8[]),
              (2, ARRAY['-0', 2]::float8[]), (3, NULL)) v(k, x) ORDER BY k) s)
          || (SELECT ARRAY[indicator_min(x), indicator_max(x)]::text FROM (SELECT x FROM (VALUES (1, ARRAY[0.0, 1]::float8[]),
              (2, ARRAY['-0', 2]::float8[]), (3, NULL)) v(k, x) ORDER BY k DESC) s),
          '{{-0,1},{0,2}}{{-0,1},{0,2}}', '-0 below +0 in either order; NULL rows skipped');
SELECT throws_ok($$ SELECT indicator_min(x) FROM (VALUES (ARRAY[1, 'NaN']::float8[])) v(x) $$,
                 '22023', 'indicator_min: x contains a non-finite value', 'indicator_min of NaN: 22023');
SELECT throws_ok($$ SELECT indicator_max(x) FROM (VALUES (ARRAY[1, 2]::float8[]), (ARRAY[1, 2, 3]::float8[])) v(x) $$,
                 '2202E', NULL, 'indicator_max of rows of different lengths: 2202E');
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT (SELECT ARRAY[indicator_min(x), indicator_max(x)]::text FROM public.eb_obs) AS eb_mm \gset
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT ok(pg_temp.eb_partial($$ SELECT indicator_min(x), indicator_max(x) FROM public.eb_obs $$),
          'indicator_min/max: a parallel plan with partial states');
SELECT is((SELECT ARRAY[indicator_min(x), indicator_max(x)]::text FROM public.eb_obs), :'eb_mm',
          'indicator_min/max through a parallel plan: the serial bits');

SELECT * FROM finish();
ROLLBACK;
