-- synergy.max_group_memory: a group whose stored rows would pass the limit
-- stops with SQLSTATE 54000 before the memory is taken (checked per block of
-- rows, so the error comes at a block boundary, not at the exact byte).
-- Messages whose text differs between PostgreSQL versions are shown by
-- SQLSTATE only (\set VERBOSITY sqlstate), so this file holds on 15 to 18.
\set SHOW_CONTEXT never

-- Only superusers, and roles granted SET on it, may change the limit
-- (PGC_SUSET).  Before the library is loaded the name is a placeholder any
-- role may SET; loading it (the first synergy call of the session) discards
-- the value a plain role set, with a WARNING (42501).
SET client_min_messages = warning;
DROP ROLE IF EXISTS regress_synergy_limits;
RESET client_min_messages;
CREATE ROLE regress_synergy_limits;
SET ROLE regress_synergy_limits;
SET synergy.max_group_memory = '2GB';
\set VERBOSITY sqlstate
SELECT synergy_version() <> '' AS loaded;
\set VERBOSITY default
SHOW synergy.max_group_memory;
\set VERBOSITY sqlstate
SET synergy.max_group_memory = '2GB';
\echo :LAST_ERROR_SQLSTATE
SELECT set_config('synergy.max_group_memory', '2GB', false);
\echo :LAST_ERROR_SQLSTATE
ALTER ROLE regress_synergy_limits SET synergy.max_group_memory = '2GB';
\echo :LAST_ERROR_SQLSTATE
-- nor through a function's SET clause
CREATE FUNCTION pg_temp.lift() RETURNS text LANGUAGE sql SET synergy.max_group_memory = '2GB'
AS $$SELECT current_setting('synergy.max_group_memory')$$;
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default
RESET ROLE;
-- a superuser may grant it (PostgreSQL 15+)
GRANT SET ON PARAMETER synergy.max_group_memory TO regress_synergy_limits;
SET ROLE regress_synergy_limits;
SET synergy.max_group_memory = '2GB';
SHOW synergy.max_group_memory;
RESET synergy.max_group_memory;
RESET ROLE;
REVOKE SET ON PARAMETER synergy.max_group_memory FROM regress_synergy_limits;
DROP ROLE regress_synergy_limits;

SHOW synergy.max_group_memory;
SET synergy.max_group_memory = '1MB';
SHOW synergy.max_group_memory;

-- entropy_weights keeps 8 bytes per indicator per row: 100,000 rows of two
-- indicators are 1.6 MB
SELECT entropy_weights(ARRAY[g, g % 7]::float8[]) FROM generate_series(1, 100000) g;
\echo :LAST_ERROR_SQLSTATE
-- under the limit it runs (16 bytes a row kept, 32 to sort them at the end)
SELECT array_round(entropy_weights(ARRAY[g, g % 7]::float8[]), 4) FROM generate_series(1, 10000) g;

-- window functions copy their partition: topsis and composite_index 8 bytes
-- per indicator per row and 8 for the row index
SELECT count(r) FROM (SELECT topsis(ARRAY[g, g % 7]::float8[]) OVER () AS r FROM generate_series(1, 100000) g) s;
\echo :LAST_ERROR_SQLSTATE
SELECT count(r) FROM (SELECT factor_scores(ARRAY[g, g % 7, sqrt(g)]::float8[], 1) OVER () AS r FROM generate_series(1, 100000) g) s;
\echo :LAST_ERROR_SQLSTATE
SELECT count(r) FROM (SELECT minmax_normalize(g::float8) OVER () AS r FROM generate_series(1, 30000) g) s;
\echo :LAST_ERROR_SQLSTATE
SELECT count(r) FROM (SELECT interpolate(NULLIF(g % 5, 0)::float8, g) OVER () AS r FROM generate_series(1, 30000) g) s;
\echo :LAST_ERROR_SQLSTATE
-- a partition under the limit, the same query
SELECT count(r) FROM (SELECT topsis(ARRAY[g, g % 7]::float8[]) OVER (PARTITION BY g % 10) AS r FROM generate_series(1, 100000) g) s;

-- the coupling_coordination aggregate keeps each row's score
SELECT (coupling_coordination(0.5 + 0.4 * sin(g))).d IS NOT NULL FROM generate_series(1, 150000) g;
\echo :LAST_ERROR_SQLSTATE

-- Moran's I keeps every region and its neighbour ids
SELECT (moran_i(sin(g), g, ARRAY[g + 1], NULL)).i IS NOT NULL FROM generate_series(1, 50000) g;
\echo :LAST_ERROR_SQLSTATE
SELECT count(r) FROM (SELECT local_moran(sin(g), g, ARRAY[g + 1]) OVER () AS r FROM generate_series(1, 20000) g) s;
\echo :LAST_ERROR_SQLSTATE

-- trend_analysis and trend_surface (synergy_postgis) keep 24 bytes a point,
-- and at the end a least-squares work space of up to 29 doubles a point:
-- 50,000 points pass the limit while they are read (the doubling from
-- 32,768 points is clamped to the 43,690 that fit in 1 MB, so the state
-- never holds more than the limit), 5,000 surface points (an order-6
-- surface, 1.2 MB of work) at the end
CREATE EXTENSION postgis;
CREATE EXTENSION synergy_postgis;
SELECT (trend_analysis(ST_MakePoint(g % 300, g / 300), sin(g), 2)).n FROM generate_series(1, 50000) g;
\echo :LAST_ERROR_SQLSTATE
SELECT (trend_surface(ST_MakePoint(g % 70, g / 70), sin(g), 6)).n FROM generate_series(1, 5000) g;
\echo :LAST_ERROR_SQLSTATE
SELECT (trend_surface(ST_MakePoint(g % 70, g / 70), sin(g), 1)).n FROM generate_series(1, 5000) g;
DROP EXTENSION synergy_postgis;
DROP EXTENSION postgis;

-- sizes that come from the arguments rather than from rows are checked
-- before anything is allocated: CRITIC keeps m (m + 1) / 2 co-moments
-- (4 MB for 1,000 indicators), factor_analysis the same and, at the end,
-- the eigenproblem (about 9 p^2 doubles)
SELECT critic_weights(array_fill(g::float8, ARRAY[1000])) FROM generate_series(1, 3) g;
\echo :LAST_ERROR_SQLSTATE
SELECT factor_analysis(array_fill(g::float8, ARRAY[1000])) FROM generate_series(1, 3) g;
\echo :LAST_ERROR_SQLSTATE
SELECT factor_analysis(ARRAY(SELECT sin(g * j) FROM generate_series(1, 300) j)) FROM generate_series(1, 5) g;
\echo :LAST_ERROR_SQLSTATE
-- bp_fit: 1,000 networks of 100 lags and 200 hidden units are 163 MB of weights
SELECT bp_fit(ARRAY(SELECT sin(g / 5.0) FROM generate_series(1, 150) g), lags => 100, hidden => 200, ensemble => 1000) IS NOT NULL;
\echo :LAST_ERROR_SQLSTATE
-- a stored model declares its size: 1,000 (empty) networks of that shape
-- are refused before their weights are allocated, not after; from the
-- size of the jsonb, which cannot hold them (22023, docs/security.md)
SELECT count(*) FROM bp_forecast(jsonb_build_object('model', 'synergy.bp', 'format', 1, 'lags', 100, 'hidden', 200,
         'transform', 'level', 'activation', 'sigmoid', 'center', 0, 'scale', 1,
         'networks', (SELECT jsonb_agg('{}'::jsonb) FROM generate_series(1, 1000))),
       ARRAY(SELECT g::float8 FROM generate_series(1, 200) g), 3);
\echo :LAST_ERROR_SQLSTATE
-- ... and 7 networks that are there (142,807 weights, 1.1 MB) by the limit,
-- before they are read
SELECT count(*) FROM bp_forecast(jsonb_build_object('model', 'synergy.bp', 'format', 1, 'lags', 100, 'hidden', 200,
         'transform', 'level', 'activation', 'sigmoid', 'center', 0, 'scale', 1,
         'networks', (SELECT jsonb_agg(jsonb_build_object(
                        'w1', (SELECT jsonb_agg(array_fill(0, ARRAY[100])) FROM generate_series(1, 200)),
                        'b1', array_fill(0, ARRAY[200]), 'w2', array_fill(0, ARRAY[200]), 'b2', 0))
                      FROM generate_series(1, 7))),
       ARRAY(SELECT g::float8 FROM generate_series(1, 200) g), 3);
\echo :LAST_ERROR_SQLSTATE
-- gravity_linkage expands a distance matrix with NULLs on its diagonal: 400 x 400 is 1.2 MB
SELECT count(*) FROM gravity_linkage(ARRAY(SELECT 'c' || g FROM generate_series(1, 400) g),
         array_fill(1::float8, ARRAY[400]),
         (SELECT array_agg(r ORDER BY i) FROM
            (SELECT i, array_agg(CASE WHEN i = j THEN NULL ELSE abs(i - j)::float8 END ORDER BY j) AS r
               FROM generate_series(1, 400) i, generate_series(1, 400) j GROUP BY i) rows));
\echo :LAST_ERROR_SQLSTATE

-- the limit is a setting: raised, the same group runs
SET synergy.max_group_memory = '8MB';
SELECT array_round(entropy_weights(ARRAY[g, g % 7]::float8[]), 4) FROM generate_series(1, 100000) g;
RESET synergy.max_group_memory;
SHOW synergy.max_group_memory;
-- out of range (PostgreSQL 16+ prints the range with units: SQLSTATE only)
\set VERBOSITY sqlstate
SET synergy.max_group_memory = 0;
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default
