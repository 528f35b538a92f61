-- The same bits whatever the order of the rows (issue 11, item 5).
--
-- Every aggregate and window function that keeps its rows must give
-- identical bits for any order of its input: rows are shuffled many times
-- (ORDER BY random() under setseed, and other physical orders), and run
-- through parallel and partition-wise plans, whose partial states reach
-- the final function in another order.  Results are compared as text with
-- extra_float_digits = 3, which prints every float8 shortest-exact: the
-- same text is the same bits.  The aggregates that keep only moments
-- (stddev_weights, cv_weights, critic_weights, factor_analysis) give the
-- same bits when their input is ordered (agg(x ORDER BY x)), and otherwise
-- agree to the documented 1e-12 (docs/reference.md, "Row order").
BEGIN;
SET client_min_messages = warning;
SET extra_float_digits = 3;
SELECT plan(48);

-- Real-looking panel: 4 years x 400 regions x 6 indicators (a count with
-- ties first, then log-normal magnitudes as in statistical yearbooks, a
-- share, a cost), a coupling score, a weight, a location and a ring of
-- neighbours.  Regular tables: parallel workers cannot read temporary ones.
DO $$ BEGIN PERFORM setseed(0.2026); END $$;
CREATE TABLE public.ord_obs AS
WITH r AS (
	SELECT y AS grp, g AS id, random() AS u1, random() AS u2, random() AS u3, random() AS u4,
	       random() AS u5, random() AS u6, random() AS u7, random() AS u8, random() AS u9
	FROM generate_series(2016, 2019) y, generate_series(1, 400) g
)
SELECT grp, id::bigint AS id,
       ARRAY[floor(5 + 20 * u1)::float8,                                         -- hospitals: ties
             exp(10.6 + 0.45 * sqrt(-2 * ln(u2)) * cos(2 * pi() * u3)),          -- GDP per capita
             exp(7.2 + 0.8 * sqrt(-2 * ln(u2)) * sin(2 * pi() * u3)) / 3.0,       -- fiscal revenue
             0.35 + 0.4 * u4,                                                     -- urbanisation share
             exp(2.1 + 0.3 * sqrt(-2 * ln(u5)) * cos(2 * pi() * u6)),            -- energy per GDP (cost)
             1000.0 * u7 / 7.0] AS x,
       0.05 + 0.9 * u8 AS u,
       0.5 + u9 AS w,
       ST_SetSRID(ST_MakePoint(110.0 + 6.0 * u5, 28.0 + 5.0 * u6), 4326) AS geom,
       ARRAY[id - 1, id + 1, id + 13]::bigint[] AS nb
FROM r;
ANALYZE public.ord_obs;

-- one signature per query result: md5 of its rows' text, sorted
CREATE FUNCTION pg_temp.ord_sig(q text, src text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE s text;
BEGIN
	EXECUTE format('SELECT md5(string_agg(t::text, E''\n'' ORDER BY t::text)) FROM (%s) t',
	               replace(q, '$src', src)) INTO s;
	RETURN s;
END $$;

-- The queries; $src is the rows, in one order or another.
CREATE TEMP TABLE ord_q (name text PRIMARY KEY, q text);
INSERT INTO ord_q VALUES
('entropy_weights(x)', 'SELECT grp, entropy_weights(x) FROM $src GROUP BY grp'),
('entropy_weights(x, directions)', 'SELECT grp, entropy_weights(x, ARRAY[1,1,1,1,-1,1]) FROM $src GROUP BY grp'),
('entropy_weights(x, directions, shift)', 'SELECT grp, entropy_weights(x, ARRAY[1,1,1,1,-1,1], 0.0001) FROM $src GROUP BY grp'),
('entropy_weights_detail', 'SELECT grp, entropy_weights_detail(x, ARRAY[1,1,1,1,-1,1]) FROM $src GROUP BY grp'),
('coupling_coordination(u)', 'SELECT grp, coupling_coordination(u) FROM $src GROUP BY grp'),
('coupling_coordination(u, weight)', 'SELECT grp, coupling_coordination(u, w) FROM $src GROUP BY grp'),
('coupling_coordination(u, weight, wang2021)', 'SELECT grp, coupling_coordination(u, w, ''wang2021'') FROM $src GROUP BY grp'),
('moran_i', 'SELECT grp, moran_i(u, id, nb, NULL) FROM $src GROUP BY grp'),
('moran_i with permutations', 'SELECT grp, moran_i(u, id, nb, NULL, 99, 7) FROM $src GROUP BY grp'),
('trend_analysis', 'SELECT grp, trend_analysis(geom, u) FROM $src GROUP BY grp'),
('trend_analysis order 3, rotated', 'SELECT grp, trend_analysis(geom, x[2], 3, 30.0) FROM $src GROUP BY grp'),
('trend_surface', 'SELECT grp, trend_surface(geom, u, 2) FROM $src GROUP BY grp'),
('topsis (E-TOPSIS)', 'SELECT id, grp, topsis(x, directions => ARRAY[1,1,1,1,-1,1]) OVER (PARTITION BY grp) FROM $src'),
('topsis vector', 'SELECT id, grp, topsis(x, ARRAY[1,2,3,1,2,1], ARRAY[1,1,1,1,-1,1], ''vector'') OVER (PARTITION BY grp) FROM $src'),
('topsis_detail', 'SELECT id, grp, topsis_detail(x, NULL, ARRAY[1,1,1,1,-1,1]) OVER (PARTITION BY grp) FROM $src'),
('composite_index', 'SELECT id, grp, composite_index(x, directions => ARRAY[1,1,1,1,-1,1]) OVER (PARTITION BY grp) FROM $src'),
('minmax_normalize(x[])', 'SELECT id, grp, minmax_normalize(x, ARRAY[1,1,1,1,-1,1]) OVER (PARTITION BY grp) FROM $src'),
('minmax_normalize(x)', 'SELECT id, grp, minmax_normalize(x[3] - 100.0, -1) OVER (PARTITION BY grp) FROM $src'),
('obstacle_degree', 'SELECT id, grp, obstacle_degree(x, ARRAY[1,2,3,1,2,1], ARRAY[1,1,1,1,-1,1]) OVER (PARTITION BY grp) FROM $src'),
('factor_scores', 'SELECT id, grp, factor_scores(x, 2) OVER (PARTITION BY grp) FROM $src'),
('factor_composite', 'SELECT id, grp, factor_composite(x, 2, ''varimax'', 1.0) OVER (PARTITION BY grp) FROM $src'),
('pca_scores', 'SELECT id, grp, pca_scores(x, 3) OVER (PARTITION BY grp) FROM $src'),
('pca_composite', 'SELECT id, grp, pca_composite(x) OVER (PARTITION BY grp) FROM $src'),
('local_moran', 'SELECT id, grp, local_moran(u, id, nb, NULL, 99, 7) OVER (PARTITION BY grp) FROM $src'),
('interpolate', 'SELECT id, grp, interpolate(CASE WHEN grp = 2017 THEN NULL ELSE u END, grp, ''linear'') OVER (PARTITION BY id) FROM $src'),
('entropy_weights, one group of 1600 rows', 'SELECT entropy_weights(x) FROM $src'),
('topsis, one partition of 1600 rows', 'SELECT id, grp, topsis(x) OVER () FROM $src'),
('minmax_normalize(x[]), signed values, zeros and ties', 'SELECT id, grp, minmax_normalize(ARRAY[x[1] - 15, -x[2], 0.0 * (x[1] - 15), round(x[4] * 10) - 5]) OVER () FROM $src'),
('factor_scores, one partition of 1600 rows', 'SELECT id, grp, factor_scores(ARRAY[x[1] - 15, -x[2], x[3], x[4] - 0.55, x[5]], 2) OVER () FROM $src'),
('critic_weights(x ORDER BY x)', 'SELECT grp, critic_weights(x, ARRAY[1,1,1,1,-1,1] ORDER BY x) FROM $src GROUP BY grp'),
('critic_weights_detail(x ORDER BY x)', 'SELECT grp, critic_weights_detail(x ORDER BY x) FROM $src GROUP BY grp'),
('stddev_weights(x ORDER BY x)', 'SELECT grp, stddev_weights(x ORDER BY x) FROM $src GROUP BY grp'),
('cv_weights(x ORDER BY x)', 'SELECT grp, cv_weights(x ORDER BY x) FROM $src GROUP BY grp'),
('factor_analysis(x ORDER BY x)', 'SELECT grp, factor_analysis(x, 2 ORDER BY x) FROM $src GROUP BY grp');

-- Each query on the rows as stored, then in 24 shuffled orders (a
-- shuffled subquery and shuffled physical copies, alternately) and in
-- reverse: 26 orders, each compared with the first.
CREATE TEMP TABLE ord_run (name text, k int, same bool);
DO $$
DECLARE
	qq record;
	base text;
BEGIN
	PERFORM setseed(0.77);
	FOR k IN 1..25 LOOP
		DROP TABLE IF EXISTS public.ord_shuf;
		IF k = 25 THEN
			CREATE TABLE public.ord_shuf AS SELECT * FROM public.ord_obs ORDER BY grp DESC, id DESC;
		ELSE
			CREATE TABLE public.ord_shuf AS SELECT * FROM public.ord_obs ORDER BY random();
		END IF;
		FOR qq IN SELECT * FROM ord_q ORDER BY name LOOP
			base := pg_temp.ord_sig(qq.q, 'public.ord_obs');
			INSERT INTO ord_run VALUES
				(qq.name, k, pg_temp.ord_sig(qq.q, CASE WHEN k % 2 = 0 THEN '(SELECT * FROM public.ord_obs ORDER BY random()) s'
				                                       ELSE 'public.ord_shuf' END) IS NOT DISTINCT FROM base);
			IF k = 1 THEN
				INSERT INTO ord_run VALUES (qq.name, 0, base IS NOT NULL);
			END IF;
		END LOOP;
	END LOOP;
END $$;

SELECT is(format('%s: %s of %s orders differ', name, count(*) FILTER (WHERE NOT same), count(*)),
          format('%s: 0 of 26 orders differ', name),
          name || ': the same bits in 25 other row orders')
FROM ord_run GROUP BY name ORDER BY name;

-- The moment aggregates in arrival order: within the documented 1e-12.
SELECT ok(max(abs(a.w - b.w) / abs(b.w)) < 1e-12,
          'critic_weights, stddev_weights and cv_weights in shuffled orders agree to 1e-12')
FROM (SELECT grp, unnest(critic_weights(x) || stddev_weights(x) || cv_weights(x)) AS w, generate_series(1, 18) AS j
      FROM public.ord_obs GROUP BY grp) b
JOIN (SELECT grp, unnest(critic_weights(x) || stddev_weights(x) || cv_weights(x)) AS w, generate_series(1, 18) AS j
      FROM (SELECT * FROM public.ord_obs ORDER BY random()) s GROUP BY grp) a USING (grp, j);

-- Parallel and partition-wise plans: a larger table, 3 groups of 6400 rows.
CREATE TABLE public.ord_big AS
SELECT o.grp, o.id * 100 + c AS id, o.x, o.u, o.w, o.geom,
       ARRAY[(o.id - 1) * 100 + c, (o.id + 1) * 100 + c]::bigint[] AS nb
FROM public.ord_obs o, generate_series(0, 15) c
WHERE o.grp < 2019;
ANALYZE public.ord_big;
CREATE TABLE public.ord_part (LIKE public.ord_big) PARTITION BY HASH (id);
CREATE TABLE public.ord_part_0 PARTITION OF public.ord_part FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE public.ord_part_1 PARTITION OF public.ord_part FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE public.ord_part_2 PARTITION OF public.ord_part FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO public.ord_part SELECT * FROM public.ord_big ORDER BY random();
ANALYZE public.ord_part;

CREATE FUNCTION pg_temp.ord_partial(q text) RETURNS bool
LANGUAGE plpgsql AS $$
DECLARE j text;
BEGIN
	EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO j;
	RETURN j LIKE '%"Partial Mode": "Partial"%';
END $$;

-- serial signatures
SET max_parallel_workers_per_gather = 0;
SET enable_partitionwise_aggregate = off;
SELECT md5(string_agg(t::text, E'\n' ORDER BY t::text)) AS s_entropy
FROM (SELECT grp, entropy_weights_detail(x, ARRAY[1,1,1,1,-1,1]) FROM public.ord_big GROUP BY grp) t \gset
SELECT md5(string_agg(t::text, E'\n' ORDER BY t::text)) AS s_ccd
FROM (SELECT grp, coupling_coordination(u, w, 'wang2021') FROM public.ord_big GROUP BY grp) t \gset
SELECT md5(string_agg(t::text, E'\n' ORDER BY t::text)) AS s_moran
FROM (SELECT grp, moran_i(u, id, nb, NULL, 19, 3) FROM public.ord_big GROUP BY grp) t \gset
SELECT md5(string_agg(t::text, E'\n' ORDER BY t::text)) AS s_trend
FROM (SELECT grp, trend_analysis(geom, u), trend_surface(geom, u) FROM public.ord_big GROUP BY grp) t \gset
SELECT md5(string_agg(t::text, E'\n' ORDER BY t::text)) AS s_window
FROM (SELECT id, topsis(x, directions => ARRAY[1,1,1,1,-1,1]) OVER w, factor_scores(x, 2) OVER w,
             local_moran(u, id, nb) OVER w
      FROM public.ord_big WINDOW w AS (PARTITION BY grp)) t \gset

-- parallel: every table scanned by workers, partial states combined in the leader
-- (the row-keeping entropy_weights is priced out of parallel plans: price it back in)
ALTER FUNCTION entropy_weights_deserialfn(bytea, internal) COST 1;
DO $$ BEGIN PERFORM set_config(CASE WHEN current_setting('server_version_num')::int >= 160000
                       THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END, 'on', true); END $$;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 4;
SET parallel_leader_participation = on;
SET enable_hashagg = off;

SELECT ok(pg_temp.ord_partial('SELECT grp, entropy_weights_detail(x) FROM public.ord_big GROUP BY grp'),
          'the parallel plan aggregates in partial states');
SELECT is(md5(string_agg(t::text, E'\n' ORDER BY t::text)), :'s_entropy',
          'entropy_weights_detail: the parallel plan gives the serial bits')
FROM (SELECT grp, entropy_weights_detail(x, ARRAY[1,1,1,1,-1,1]) FROM public.ord_big GROUP BY grp) t;
SELECT is(md5(string_agg(t::text, E'\n' ORDER BY t::text)), :'s_ccd',
          'coupling_coordination: the parallel plan gives the serial bits')
FROM (SELECT grp, coupling_coordination(u, w, 'wang2021') FROM public.ord_big GROUP BY grp) t;
SELECT is(md5(string_agg(t::text, E'\n' ORDER BY t::text)), :'s_moran',
          'moran_i: the parallel plan gives the serial bits')
FROM (SELECT grp, moran_i(u, id, nb, NULL, 19, 3) FROM public.ord_big GROUP BY grp) t;
SELECT is(md5(string_agg(t::text, E'\n' ORDER BY t::text)), :'s_trend',
          'trend_analysis and trend_surface: the parallel plan gives the serial bits')
FROM (SELECT grp, trend_analysis(geom, u), trend_surface(geom, u) FROM public.ord_big GROUP BY grp) t;
SELECT is(md5(string_agg(t::text, E'\n' ORDER BY t::text)), :'s_window',
          'topsis, factor_scores, local_moran over rows gathered from workers: the serial bits')
FROM (SELECT id, topsis(x, directions => ARRAY[1,1,1,1,-1,1]) OVER w, factor_scores(x, 2) OVER w,
             local_moran(u, id, nb) OVER w
      FROM public.ord_big WINDOW w AS (PARTITION BY grp)) t;

-- partition-wise: partial aggregates per partition, combined, no workers
SET max_parallel_workers_per_gather = 0;
DO $$ BEGIN PERFORM set_config(CASE WHEN current_setting('server_version_num')::int >= 160000
                       THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END, 'off', true); END $$;
SET enable_partitionwise_aggregate = on;
SELECT ok(pg_temp.ord_partial('SELECT grp, entropy_weights(x) FROM public.ord_part GROUP BY grp'),
          'the partition-wise plan aggregates in partial states');
SELECT is(md5(string_agg(t::text, E'\n' ORDER BY t::text)), :'s_entropy',
          'entropy_weights_detail: the partition-wise plan gives the serial bits')
FROM (SELECT grp, entropy_weights_detail(x, ARRAY[1,1,1,1,-1,1]) FROM public.ord_part GROUP BY grp) t;
SELECT is(md5(string_agg(t::text, E'\n' ORDER BY t::text)), :'s_ccd',
          'coupling_coordination: the partition-wise plan gives the serial bits')
FROM (SELECT grp, coupling_coordination(u, w, 'wang2021') FROM public.ord_part GROUP BY grp) t;
SELECT is(md5(string_agg(t::text, E'\n' ORDER BY t::text)), :'s_moran',
          'moran_i: the partition-wise plan gives the serial bits')
FROM (SELECT grp, moran_i(u, id, nb, NULL, 19, 3) FROM public.ord_part GROUP BY grp) t;
SELECT is(md5(string_agg(t::text, E'\n' ORDER BY t::text)), :'s_trend',
          'trend_analysis and trend_surface: the partition-wise plan gives the serial bits')
FROM (SELECT grp, trend_analysis(geom, u), trend_surface(geom, u) FROM public.ord_part GROUP BY grp) t;
SELECT is(md5(string_agg(t::text, E'\n' ORDER BY t::text)), :'s_window',
          'topsis, factor_scores, local_moran over a partitioned table: the serial bits')
FROM (SELECT id, topsis(x, directions => ARRAY[1,1,1,1,-1,1]) OVER w, factor_scores(x, 2) OVER w,
             local_moran(u, id, nb) OVER w
      FROM public.ord_part WINDOW w AS (PARTITION BY grp)) t;

-- signed zeros: -0 and +0 are different bits, and the range does not
-- depend on which of them comes first
SELECT is((SELECT string_agg(v::text, ',' ORDER BY k) FROM (
             SELECT k, minmax_normalize(x) OVER () AS v
             FROM (VALUES (1, ARRAY[-0.0::float8, 1]), (2, ARRAY[0.0::float8, 2]), (3, ARRAY[1.0::float8, 3])) t(k, x)) s),
          (SELECT string_agg(v::text, ',' ORDER BY k) FROM (
             SELECT k, minmax_normalize(x) OVER () AS v
             FROM (VALUES (3, ARRAY[1.0::float8, 3]), (2, ARRAY[0.0::float8, 2]), (1, ARRAY[-0.0::float8, 1])) t(k, x)) s),
          'minmax_normalize(x[]): -0 and +0 in either order, the same bits');

SELECT * FROM finish();
ROLLBACK;
