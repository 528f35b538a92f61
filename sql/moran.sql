-- Moran's I: spatial_weights (synergy_postgis), moran_i and local_moran
-- (synergy).  Columbus (Ohio) from spData reproduces test/reference/vectors.md;
-- tolerances are stated inline; errors by SQLSTATE.
CREATE EXTENSION postgis;
CREATE EXTENSION synergy_postgis;
\set VERBOSITY sqlstate
\i test/data/columbus.sql

-- queen and rook contiguity: spdep's poly2nb gives 236 and 200 links
SELECT count(*) AS regions, sum(cardinality(neighbours)) AS links,
       bool_and(abs(1 - (SELECT sum(w) FROM unnest(weights) w)) < 1e-12) AS rows_sum_to_1
FROM spatial_weights('sy_columbus', 'polyid', 'geom', 'queen');
SELECT sum(cardinality(neighbours)) AS rook_links
FROM spatial_weights('sy_columbus', 'polyid', 'geom', 'rook');
SELECT id, neighbours, weights FROM spatial_weights('sy_columbus', 'polyid', 'geom', 'queen', style => 'binary')
WHERE id IN (1, 5);

-- vectors.md: I = 0.5001885572, E[I] = -0.0208333, var_rand 0.008689289,
-- z_rand 5.5894, var_norm 0.008563413, z_norm 5.6303
SELECT n, islands, round(i::numeric, 10) AS i, round(expected::numeric, 7) AS expected,
       round(variance_randomisation::numeric, 9) AS var_rand, round(z_randomisation::numeric, 4) AS z_rand,
       round(variance_normal::numeric, 9) AS var_norm, round(z_normal::numeric, 4) AS z_norm
FROM (SELECT (moran_i(c.crime, c.polyid, w.neighbours, w.weights)).*
      FROM sy_columbus c JOIN spatial_weights('sy_columbus', 'polyid', 'geom') w ON w.id = c.polyid) m;

-- NULL weights mean row-standardised: the same I
SELECT round((moran_i(c.crime, c.polyid, w.neighbours, NULL)).i::numeric, 10) AS i
FROM sy_columbus c JOIN spatial_weights('sy_columbus', 'polyid', 'geom') w ON w.id = c.polyid;

-- permutation test: seeded and deterministic
SELECT permutations, p_permutation, p_permutation = (
         SELECT (moran_i(c.crime, c.polyid, w.neighbours, w.weights, 999, 7)).p_permutation
         FROM sy_columbus c JOIN spatial_weights('sy_columbus', 'polyid', 'geom') w ON w.id = c.polyid) AS same_again
FROM (SELECT (moran_i(c.crime, c.polyid, w.neighbours, w.weights, 999, 7)).*
      FROM sy_columbus c JOIN spatial_weights('sy_columbus', 'polyid', 'geom') w ON w.id = c.polyid) m;

-- local Moran (spdep localmoran, conditional): first rows, and the
-- identity sum(I_i) / n = I for row-standardised weights
SELECT c.polyid, round((l).i::numeric, 6) AS ii, round((l).z::numeric, 4) AS z,
       round((l).p::numeric, 4) AS p, (l).quadrant
FROM (SELECT c.polyid, local_moran(c.crime, c.polyid, w.neighbours, w.weights) OVER () AS l
      FROM sy_columbus c JOIN spatial_weights('sy_columbus', 'polyid', 'geom') w ON w.id = c.polyid) c
ORDER BY c.polyid LIMIT 5;
SELECT abs(avg((l).i) - 0.5001885572) < 1e-9 AS mean_is_global_i,
       count(*) FILTER (WHERE (l).quadrant = 'HH') AS hh, count(*) FILTER (WHERE (l).quadrant = 'LL') AS ll,
       count(*) FILTER (WHERE (l).quadrant = 'not significant') AS not_significant
FROM (SELECT local_moran(c.crime, c.polyid, w.neighbours, w.weights) OVER () AS l
      FROM sy_columbus c JOIN spatial_weights('sy_columbus', 'polyid', 'geom') w ON w.id = c.polyid) s;
-- permutation p values, seeded
SELECT count(*) FILTER (WHERE (l).p <= 0.05) AS significant, min((l).p) AS min_p
FROM (SELECT local_moran(c.crime, c.polyid, w.neighbours, w.weights, 499, 3) OVER () AS l
      FROM sy_columbus c JOIN spatial_weights('sy_columbus', 'polyid', 'geom') w ON w.id = c.polyid) s;

-- k nearest neighbours and a distance band on points
CREATE TABLE col_pts AS SELECT polyid, hoval, inc, ST_MakePoint(x, y) AS geom FROM sy_columbus;
CREATE INDEX ON col_pts USING gist (geom);
SELECT bool_and(cardinality(neighbours) = 4) AS four_each
FROM spatial_weights('col_pts', 'polyid', 'geom', 'knn', k => 4);
SELECT sum(cardinality(neighbours)) AS band5_links
FROM spatial_weights('col_pts', 'polyid', 'geom', 'distance', distance => 5);

-- islands: a small band leaves regions without neighbours; they are kept
-- (n' = n - islands in E[I] and the variances, as spdep with zero.policy)
SELECT n, islands, round(i::numeric, 6) AS i, round(expected::numeric, 6) AS expected
FROM (SELECT (moran_i(c.inc, c.polyid, w.neighbours, w.weights)).*
      FROM col_pts c JOIN spatial_weights('col_pts', 'polyid', 'geom', 'distance', distance => 1.2) w
      ON w.id = c.polyid) m;
SELECT (l).quadrant, (l).i, (l).z IS NULL AS z_null, count(*)
FROM (SELECT local_moran(c.inc, c.polyid, w.neighbours, w.weights) OVER () AS l
      FROM col_pts c JOIN spatial_weights('col_pts', 'polyid', 'geom', 'distance', distance => 1.2) w
      ON w.id = c.polyid) s
WHERE (l).quadrant = 'island' GROUP BY 1, 2, 3;

-- degenerate groups: constant values or fewer than 4 connected regions give NULL moments
SELECT n, i IS NULL AS i_null, z_normal IS NULL AS z_null
FROM (SELECT (moran_i(1.0, c.polyid, w.neighbours, w.weights)).*
      FROM sy_columbus c JOIN spatial_weights('sy_columbus', 'polyid', 'geom') w ON w.id = c.polyid) m;
SELECT n, i IS NULL AS i_null
FROM (SELECT (moran_i(v, id, nb, NULL)).* FROM (VALUES (1.0, 1, '{2}'::bigint[]), (2.0, 2, '{1}')) t(v, id, nb)) m;
SELECT moran_i(v, id, nb, NULL) IS NULL AS empty_group
FROM (VALUES (NULL::float8, 1, '{2}'::bigint[])) t(v, id, nb);
-- NULL values leave the region out, and links to it are dropped
SELECT (moran_i(v, id, nb, NULL)).n
FROM (VALUES (1.0, 1, '{2,3}'::bigint[]), (NULL, 2, '{1}'), (3.0, 3, '{1}')) t(v, id, nb);

-- errors
SELECT moran_i(v, id, nb, NULL) FROM (VALUES (1.0, 1, '{1}'::bigint[])) t(v, id, nb);        -- 22023 self
SELECT moran_i(v, id, nb, NULL) FROM (VALUES (1.0, 1, '{2}'::bigint[]), (2.0, 1, '{2}')) t(v, id, nb); -- 22023 duplicate id
SELECT moran_i(v, id, nb, NULL) FROM (VALUES (1.0, 1, '{2,2}'::bigint[]), (2.0, 2, '{1}')) t(v, id, nb); -- 22023 repeated neighbour
SELECT moran_i(v, id, nb, NULL) FROM (VALUES (1.0, NULL::bigint, '{2}'::bigint[])) t(v, id, nb); -- 22004 NULL id
SELECT moran_i(v, id, nb, NULL) FROM (VALUES ('NaN'::float8, 1, '{2}'::bigint[])) t(v, id, nb); -- 22003
SELECT moran_i(v, id, nb, '{1,1}') FROM (VALUES (1.0, 1, '{2}'::bigint[])) t(v, id, nb);      -- 2202E weights length
SELECT moran_i(v, id, nb, '{-1}') FROM (VALUES (1.0, 1, '{2}'::bigint[])) t(v, id, nb);       -- 22023 negative weight
SELECT moran_i(v, id, '{NULL}', NULL) FROM (VALUES (1.0, 1)) t(v, id);                       -- 22004 NULL neighbour
SELECT moran_i(v, id, nb, NULL, -1, 1) FROM (VALUES (1.0, 1, '{}'::bigint[])) t(v, id, nb);  -- 22023 permutations
SELECT local_moran(v, id, nb, significance => 2) OVER () FROM (VALUES (1.0, 1, '{}'::bigint[])) t(v, id, nb); -- 22023
SELECT * FROM spatial_weights('sy_columbus', 'polyid', 'geom', 'bishop');                     -- 22023 method
SELECT * FROM spatial_weights('sy_columbus', 'polyid', 'geom', 'queen', style => 'W');        -- 22023 style
SELECT * FROM spatial_weights('col_pts', 'polyid', 'geom', 'knn', k => 0);                    -- 22023 k
SELECT * FROM spatial_weights('col_pts', 'polyid', 'geom', 'distance');                       -- 22023 distance

-- array forms over (value, geometry) pairs: the same numbers, per group
SELECT round(m.i::numeric, 10) AS i, round(m.z_randomisation::numeric, 4) AS z_rand
FROM (SELECT array_agg(crime ORDER BY polyid) AS v, array_agg(geom ORDER BY polyid) AS g FROM sy_columbus) s,
     moran_i(s.v, s.g) m;
SELECT l.ord, round(l.i::numeric, 6) AS ii, l.quadrant
FROM (SELECT array_agg(crime ORDER BY polyid) AS v, array_agg(geom ORDER BY polyid) AS g FROM sy_columbus) s,
     local_moran(s.v, s.g, significance => 0.01) l WHERE l.quadrant <> 'not significant' ORDER BY l.ord;
SELECT count(*) AS regions, sum(cardinality(neighbours)) AS links
FROM (SELECT array_agg(geom ORDER BY polyid) AS g FROM sy_columbus) s, spatial_weights_array(s.g, 'rook') w;
SELECT id, neighbours FROM spatial_weights_array(ARRAY['POINT(0 0)', NULL, 'POINT EMPTY', 'POINT(1 0)']::geometry[], 'knn', k => 1);
SELECT moran_i(NULL::float8[], ARRAY['POINT(0 0)'::geometry]) IS NULL AS null_array;
SELECT moran_i('{1,2}'::float8[], ARRAY['POINT(0 0)'::geometry]);                  -- 2202E
SELECT * FROM spatial_weights_array(ARRAY['POINT(0 0)'::geometry], 'hexagon');      -- 22023

-- parallel partial aggregation gives the serial I
CREATE TABLE moran_par AS
SELECT c.polyid::bigint AS id, c.crime, w.neighbours, w.weights
FROM sy_columbus c JOIN spatial_weights('sy_columbus', 'polyid', 'geom') w ON w.id = c.polyid;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
SELECT round((moran_i(crime, id, neighbours, weights)).i::numeric, 10) AS parallel_i FROM moran_par;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;

-- text and int region ids (issue 12): the bigint results; text states merged
-- across groups; missing values re-standardise row weights (spdep subset:
-- I = 0.479786195568018 with CRIME missing for 2, 3, 17, 30, 41)
CREATE TABLE col_txt AS SELECT 'n' || polyid AS code, polyid, crime, geom FROM sy_columbus;
SELECT round((moran_i(c.crime, w.id, w.neighbours, w.weights)).i::numeric, 10) AS i_text
FROM col_txt c JOIN spatial_weights('col_txt', 'code', 'geom', id_type => NULL::text, method => 'Queen') w ON w.id = c.code;
SELECT round((moran_i_final(moran_i_merge(s))).i::numeric, 10) AS i_text_merged
FROM (SELECT moran_i_state(c.crime, w.id, w.neighbours, w.weights, 99, 3) AS s
      FROM col_txt c JOIN spatial_weights('col_txt', 'code', 'geom', id_type => NULL::text) w ON w.id = c.code
      GROUP BY c.polyid % 5) p;
SELECT count(*) AS rows, round(sum((l).i)::numeric, 8) AS sum_ii
FROM (SELECT local_moran(c.crime, w.id, w.neighbours, w.weights, 9, 1) OVER () AS l
      FROM col_txt c JOIN spatial_weights('col_txt', 'code', 'geom', id_type => NULL::text) w ON w.id = c.code) s;
SELECT round((moran_i(CASE WHEN c.polyid IN (2, 3, 17, 30, 41) THEN NULL ELSE c.crime END, w.id, w.neighbours, w.weights)).i::numeric, 12) AS i_missing
FROM col_txt c JOIN spatial_weights('col_txt', 'code', 'geom', id_type => NULL::text) w ON w.id = c.code;
SELECT round((moran_i(c.crime, w.id, w.neighbours, w.weights)).i::numeric, 10) AS i_int
FROM col_txt c JOIN spatial_weights('col_txt', 'polyid', 'geom', id_type => NULL::int) w ON w.id = c.polyid;
SELECT * FROM spatial_weights('col_txt', 'code', 'geom');                                -- 42804
DROP TABLE col_txt;

DROP TABLE moran_par, col_pts, sy_columbus;
DROP EXTENSION synergy_postgis;
DROP EXTENSION postgis;

