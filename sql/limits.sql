-- synergy.max_group_memory: a group whose stored rows would pass the limit
-- stops with SQLSTATE 54000 before the memory is taken (checked per block of
-- rows, so the error comes at a block boundary, not at the exact byte).
-- (the setting exists once the library is loaded, by the first call)
SELECT synergy_version() <> '' AS loaded;
SHOW synergy.max_group_memory;
SET synergy.max_group_memory = '1MB';
SHOW synergy.max_group_memory;
\set SHOW_CONTEXT never

-- entropy_weights keeps 8 bytes per indicator per row: 100,000 rows of two
-- indicators are 1.6 MB
SELECT entropy_weights(ARRAY[g, g % 7]::float8[]) FROM generate_series(1, 100000) g;
\echo :LAST_ERROR_SQLSTATE
-- under the limit it runs
SELECT array_round(entropy_weights(ARRAY[g, g % 7]::float8[]), 4) FROM generate_series(1, 50000) g;

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

-- the limit is a setting: raised, the same group runs
SET synergy.max_group_memory = '8MB';
SELECT array_round(entropy_weights(ARRAY[g, g % 7]::float8[]), 4) FROM generate_series(1, 100000) g;
RESET synergy.max_group_memory;
SHOW synergy.max_group_memory;
SET synergy.max_group_memory = 0;
\echo :LAST_ERROR_SQLSTATE
