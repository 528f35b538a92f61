-- Security properties of both extensions in a shared database
-- (docs/security.md), from the catalog; and synergy's own errors for the
-- arguments that used to reach PostgreSQL's or PostGIS's (issue 16, item 6).
-- The attacks themselves are test/stages/25_attack.sh.
BEGIN;
SET client_min_messages = warning;
SELECT plan(33);

CREATE TEMP VIEW sec_proc AS
SELECT p.oid, e.extname, p.proname, p.prokind, p.prosecdef, p.proconfig, l.lanname,
       p.proname || '(' || oidvectortypes(p.proargtypes) || ')' AS sig
FROM pg_depend d
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname IN ('synergy', 'synergy_postgis')
JOIN pg_proc p ON p.oid = d.objid
JOIN pg_language l ON l.oid = p.prolang
WHERE d.classid = 'pg_proc'::regclass AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e';

------------------------------------------------------------------------------
-- The catalog
------------------------------------------------------------------------------

SELECT cmp_ok((SELECT count(*) FROM sec_proc WHERE lanname IN ('sql', 'plpgsql')), '>=', 19::bigint,
              'the SQL and PL/pgSQL functions of both extensions are found through pg_depend');
-- Exactly this setting: no FROM CURRENT (which would store the creating
-- session's path, public among it), no schema another role may write in.
SELECT is_empty($$ SELECT sig FROM sec_proc
                   WHERE lanname IN ('sql', 'plpgsql') AND prokind <> 'p'
                     AND proconfig IS DISTINCT FROM ARRAY['search_path=pg_catalog, pg_temp'] $$,
                'every SQL and PL/pgSQL function of both extensions has proconfig exactly {search_path=pg_catalog, pg_temp}');
-- A procedure that COMMITs cannot have a SET clause: it qualifies every name.
SELECT is((SELECT array_agg(sig ORDER BY sig) FROM sec_proc WHERE prokind = 'p'),
          ARRAY['refresh_pipeline(name, boolean, bigint)'],
          'the only procedure is refresh_pipeline (no SET clause: it commits)');
-- ... and pins the path itself at the start of each of its transactions
SELECT is((SELECT regexp_count(f.prosrc, 'PERFORM pg_catalog\.set_config\(''search_path'', ''pg_catalog, pg_temp'', true\);')
                  || '/' || (regexp_count(f.prosrc, '\mCOMMIT;') + 1)
           FROM sec_proc p JOIN pg_proc f ON f.oid = p.oid WHERE p.prokind = 'p'),
          '3/3', 'refresh_pipeline sets search_path = pg_catalog, pg_temp in each of its transactions');
SELECT is_empty($$ SELECT sig FROM sec_proc WHERE proconfig IS NOT NULL
                   AND proconfig IS DISTINCT FROM ARRAY['search_path=pg_catalog, pg_temp'] $$,
                'no function of either extension sets anything else');
SELECT is_empty($$ SELECT sig FROM sec_proc WHERE prosecdef $$,
                'no function of either extension is SECURITY DEFINER');
SELECT is_empty($$ SELECT sig FROM sec_proc WHERE lanname NOT IN ('c', 'sql', 'plpgsql', 'internal') $$,
                'the functions are in C, SQL or PL/pgSQL only');
-- The PL/pgSQL bodies, string literals and comments removed (the dynamic
-- SQL in literals is what test/stages/25_attack.sh exercises): no PostGIS
-- function without its schema, no ||, / or * outside OPERATOR(pg_catalog.x).
CREATE TEMP VIEW sec_code AS
SELECT p.sig,
       regexp_replace(regexp_replace(regexp_replace(f.prosrc, '''([^'']|'''')*''', '''''', 'g'),
                                     '--[^\n]*', '', 'g'),
                      'OPERATOR\([a-z_]+\.[^)]+\)', ' OP ', 'gi') AS code
FROM sec_proc p JOIN pg_proc f ON f.oid = p.oid
WHERE p.lanname = 'plpgsql';
SELECT cmp_ok((SELECT count(*) FROM sec_code WHERE code ~ ' OP '), '>=', 10::bigint,
              'the PL/pgSQL bodies are read (they use OPERATOR(pg_catalog.x))');
SELECT is_empty($$ SELECT sig FROM sec_code WHERE code ~* '(^|[^._a-z0-9])st_[a-z_]+\s*\(' $$,
                'no PL/pgSQL body calls a PostGIS ST_ function without its schema');
SELECT is_empty($$ SELECT sig FROM sec_code WHERE code ~ '(\|\||[^(]\*|/)' AND sig !~ 'refresh' $$,
                'no PL/pgSQL body writes ||, * or / without OPERATOR(pg_catalog.x)');
SELECT is_empty($$ SELECT sig FROM sec_code WHERE code ~ '(\|\||[^(]\*|/)' AND sig ~ 'refresh' $$,
                'no PL/pgSQL body of the run log writes ||, * or / without OPERATOR(pg_catalog.x)');
-- SQL-standard bodies are stored parsed: every function and operator they
-- use is fixed at CREATE time; none may be outside pg_catalog, the
-- extensions' schemas and PostGIS's.
SELECT is_empty($$
  SELECT p.sig || ' uses ' || pg_describe_object(d.refclassid, d.refobjid, 0)
  FROM sec_proc p
  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'n'
  WHERE d.refclassid IN ('pg_proc'::regclass, 'pg_operator'::regclass)
    AND NOT EXISTS (SELECT 1 FROM pg_depend x
                    JOIN pg_extension e ON e.oid = x.refobjid
                    WHERE x.classid = d.refclassid AND x.objid = d.refobjid AND x.deptype = 'e'
                      AND e.extname IN ('synergy', 'synergy_postgis', 'postgis'))
    AND NOT (d.refclassid = 'pg_proc'::regclass
             AND (SELECT pronamespace FROM pg_proc WHERE oid = d.refobjid) = 'pg_catalog'::regnamespace)
    AND NOT (d.refclassid = 'pg_operator'::regclass
             AND (SELECT oprnamespace FROM pg_operator WHERE oid = d.refobjid) = 'pg_catalog'::regnamespace) $$,
  'the SQL-standard bodies use only functions and operators of pg_catalog, PostGIS and the extensions');
SELECT is((SELECT count(*) FROM pg_extension WHERE extname IN ('synergy', 'synergy_postgis')), 2::bigint,
          'both extensions are installed');
SELECT is((SELECT array_agg(x ORDER BY x) FROM (
             SELECT (SELECT trusted FROM pg_available_extension_versions v
                     WHERE v.name = e.extname AND v.version = e.extversion)::text AS x
             FROM pg_extension e WHERE e.extname IN ('synergy', 'synergy_postgis')) s),
          ARRAY['false', 'false'], 'neither extension is trusted (CREATE EXTENSION needs a superuser)');

------------------------------------------------------------------------------
-- Own errors instead of PostgreSQL's or PostGIS's
------------------------------------------------------------------------------

CREATE TEMP TABLE sec_regions (id bigint, geom geometry, v float8);
INSERT INTO sec_regions
SELECT g, ST_MakeEnvelope(g % 3, g / 3, g % 3 + 1, g / 3 + 1, 4326), g
FROM generate_series(0, 8) g;
CREATE TEMP TABLE sec_pts AS
SELECT g AS id, ST_SetSRID(ST_MakePoint(114 + g % 3, 30 + g / 3), 4326) AS geom, g * 1.5 AS z
FROM generate_series(1, 9) g;

SELECT throws_ok($$ SELECT * FROM spatial_weights('sec_regions', 'id', 'geom', 'distance', distance => 'NaN') $$,
                 '22023', 'spatial_weights: distance must be a finite number >= 0',
                 'spatial_weights: a NaN band is rejected with 22023 (NaN >= 0 holds in PostgreSQL)');
SELECT throws_ok($$ SELECT * FROM spatial_weights_array(ARRAY(SELECT geom FROM sec_regions), 'distance', distance => 'NaN') $$,
                 '22023', 'spatial_weights_array: distance must be a finite number >= 0',
                 'spatial_weights_array: a NaN band is rejected with 22023 (it returned empty lists)');
SELECT throws_ok($$ SELECT * FROM spatial_weights('sec_regions', 'id', 'geom', 'distance', distance => '-Infinity') $$,
                 '22023', NULL, 'spatial_weights: a -Infinity band is rejected with 22023');
SELECT throws_ok($$ SELECT * FROM spatial_weights(4000000000::oid::regclass, 'id', 'geom') $$,
                 '42P01', 'spatial_weights: relation with OID 4000000000 does not exist',
                 'spatial_weights: a missing relation oid gives 42P01 (not syntax error 42601)');
SELECT throws_ok($$ SELECT * FROM spatial_weights('sec_regions', 'id', 'nosuch') $$,
                 '42703', NULL, 'spatial_weights: a missing column gives 42703');
SELECT throws_ok($$ SELECT * FROM spatial_weights('sec_regions', 'id', 'v') $$,
                 '42804', NULL, 'spatial_weights: a column that is not a geometry gives 42804');
SELECT throws_ok($$ SELECT * FROM spatial_weights(NULL, 'id', 'geom') $$,
                 '22004', NULL, 'spatial_weights: a NULL relation gives 22004');
-- k => 2147483647: every other region is a neighbour (k + 16 is computed in bigint)
SELECT is((SELECT array_agg(DISTINCT cardinality(neighbours)) FROM spatial_weights('sec_regions', 'id', 'geom', 'knn', k => 2147483647)),
          ARRAY[8], 'spatial_weights: k => 2147483647 gives every other region as neighbour (no integer out of range)');
SELECT is((SELECT array_agg(DISTINCT cardinality(neighbours))
           FROM spatial_weights_array(ARRAY(SELECT geom FROM sec_regions ORDER BY id), 'knn', k => 2147483647)),
          ARRAY[8], 'spatial_weights_array: k => 2147483647 gives every other region as neighbour');
-- target_srid: PostGIS's XX000 errors become 22023 with DETAIL and HINT
SELECT throws_ok($$ SELECT trend_analysis(geom, z, 1, 0, 999999) FROM sec_pts $$,
                 '22023', 'trend_analysis: cannot transform row 1 from SRID 4326 to target_srid 999999',
                 'trend_analysis: an invalid reserved target_srid gives 22023');
SELECT throws_ok($$ SELECT trend_analysis(geom, z, 1, 0, 12345) FROM sec_pts $$,
                 '22023', 'trend_analysis: cannot transform row 1 from SRID 4326 to target_srid 12345',
                 'trend_analysis: a target_srid missing from spatial_ref_sys gives 22023');
SELECT throws_ok($$ SELECT trend_analysis(ST_SetSRID(geom, 0), z, 1, 0, 32650) FROM sec_pts $$,
                 '22023', 'trend_analysis: cannot transform a geometry without SRID to target_srid 32650',
                 'trend_analysis: geometries without SRID and a target_srid give 22023');
SELECT throws_ok($$ SELECT trend_surface(geom, z, 1, 999999) FROM sec_pts $$,
                 '22023', 'trend_surface: cannot transform row 1 from SRID 4326 to target_srid 999999',
                 'trend_surface: an invalid reserved target_srid gives 22023');
SELECT throws_ok($$ SELECT trend_surface(ST_SetSRID(geom, 0), z, 1, 32650) FROM sec_pts $$,
                 '22023', 'trend_surface: cannot transform a geometry without SRID to target_srid 32650',
                 'trend_surface: geometries without SRID and a target_srid give 22023');
-- the DETAIL carries PostGIS's message, the HINT the fix
CREATE FUNCTION pg_temp.sec_err(q text, OUT det text, OUT hnt text) LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT;
END
$$;
SELECT is((SELECT det FROM pg_temp.sec_err('SELECT trend_surface(geom, z, 1, 12345) FROM sec_pts')),
          'PostGIS''s ST_Transform: Cannot find SRID (12345) in spatial_ref_sys',
          'trend_surface: the DETAIL quotes PostGIS''s message');
SELECT matches((SELECT hnt FROM pg_temp.sec_err('SELECT trend_analysis(geom, z, 1, 0, 12345) FROM sec_pts')),
               'spatial_ref_sys', 'trend_analysis: the HINT says where SRIDs come from');
-- and a valid target_srid still works
SELECT is((SELECT (trend_surface(geom, z, 1, 32650)).srid FROM sec_pts), 32650,
          'trend_surface: a valid target_srid still transforms');

------------------------------------------------------------------------------
-- Stored models: sizes declared before they are read
------------------------------------------------------------------------------

-- A model of 9 KB that declares 1,000 empty networks of lags 100 and hidden
-- 200 (40.8 million weights, 311 MB to hold them) is refused from its size,
-- before anything is allocated: not 54000 from the memory limit (nor, under
-- the default 1 GB limit, a 311 MB allocation for a few KB of input).
SET LOCAL synergy.max_group_memory = '64MB';
SELECT throws_ok($$ SELECT count(*) FROM bp_forecast(
                      jsonb_set(jsonb_set(jsonb_set(bp_fit('{1,2,3,5,8,13,21,34}', ensemble => 1, epochs => 1),
                                                    '{lags}', '100'), '{hidden}', '200'),
                                '{networks}', (SELECT jsonb_agg('{}'::jsonb) FROM generate_series(1, 1000))),
                      ARRAY(SELECT g::float8 FROM generate_series(1, 200) g), 3) $$,
                 '22023', 'bp_forecast: model is not a valid bp_fit() model',
                 'bp_forecast: a model declaring more weights than its jsonb can hold gives 22023 before any allocation');
RESET synergy.max_group_memory;
-- ... while the largest networks a real model has are read (2 x 20,401 weights)
SELECT is((SELECT count(*) FROM bp_forecast(bp_fit(ARRAY(SELECT sin(g) FROM generate_series(1, 300) g),
                                                   lags => 100, hidden => 200, ensemble => 2, epochs => 1),
                                            ARRAY(SELECT sin(g) FROM generate_series(1, 300) g), 3)),
          3::bigint, 'bp_forecast: a model of lags 100 and hidden 200 (auto) is read');

SELECT * FROM finish();
ROLLBACK;
