-- test/hostile/hostile.sql: every public function of synergy and
-- synergy_postgis called with hostile arguments (NULLs, NaN, infinities,
-- empty, huge and multidimensional arrays, odd lower bounds, unknown
-- options, bad jsonb models, empty and mixed-SRID geometries, ...).
-- Plain functions and procedures are called directly, aggregates over three rows and window
-- functions over a three-row partition, each call its own statement under a
-- 5 s statement_timeout.  Every call must give a result or a clean SQL
-- error; test/stages/20_hostile.sh reads the output and fails on an internal
-- error (XX000, XX001, 58...) or a lost connection (a crash):
--   psql -X -v seed=0.25 -v per_function=60 -f test/hostile/hostile.sql > out 2>&1
\set ON_ERROR_STOP 1
SET client_min_messages = warning;

CREATE TEMP TABLE hostile_geom (id bigint, geom geometry);
INSERT INTO hostile_geom VALUES (1, 'POINT(0 0)'), (2, 'POINT(1 0)'), (3, 'POINT(0 1)'), (4, 'POINT EMPTY'),
  (5, NULL), (6, 'POLYGON((0 0,1 0,1 1,0 0))'), (6, 'POINT(5 5)');

CREATE TEMP TABLE hostile_pool (typ regtype, expr text);
INSERT INTO hostile_pool
SELECT 'float8'::regtype, e FROM unnest(ARRAY['NULL', '''NaN''', '''Infinity''', '''-Infinity''', '0', '''-0''', '1e308',
  '-1e308', '5e-324', '0.5', '1', '2', '-1', '1e-300', '0.999999999999']) e
UNION ALL SELECT 'float8[]', e FROM unnest(ARRAY['NULL', '''{}''', '''{NULL}''', '''{NaN,1}''', '''{Infinity,1}''',
  '''{1,2,3}''', '''{0.1,0.2}''', '''{{1,2},{3,4}}''', '''{1e308,-1e308,1e308}''', 'array_fill(1::float8, ARRAY[100001])',
  '''{0,0,0,0,0}''', '''{0.41,0.44,0.46,0.50,0.51,0.55,0.58,0.60,0.63,0.66}''', '''[0:2]={1,2,3}''',
  '''{0.2,0.5,0.9,0.3}''', '''{5e-324,5e-324,1e-320}''', '''{3,3,3,3,3,3,3,3}''',
  'ARRAY(SELECT sin(g) FROM generate_series(1, 2000) g)']) e
UNION ALL SELECT 'int', e FROM unnest(ARRAY['NULL', '0', '-1', '1', '2', '3', '6', '2147483647', '-2147483648', '10001', '7']) e
UNION ALL SELECT 'int[]', e FROM unnest(ARRAY['NULL', '''{}''', '''{1,-1}''', '''{NULL,1}''', '''{2,1}''', '''{1,1,1}''',
  '''{{1,-1}}''', '''{-1,-1,-1,-1,-1}''']) e
UNION ALL SELECT 'bigint', e FROM unnest(ARRAY['NULL', '0', '-1', '9223372036854775807', '42', '-9223372036854775808']) e
UNION ALL SELECT 'bigint[]', e FROM unnest(ARRAY['NULL', '''{}''', '''{1,2}''', '''{NULL}''', '''{-1}''', '''{1,1}''',
  '''{2,3,4,5,6,7}''', '''{{1,2}}''']) e
UNION ALL SELECT 'text', e FROM unnest(ARRAY['NULL', '''''', '''bogus''', '''classic''', '''wang2021''', '''en''', '''zh''',
  '''vector''', '''minmax''', '''queen''', '''rook''', '''knn''', '''distance''', '''binary''', '''row''', '''difference''',
  '''level''', '''detrend''', '''bp''', '''gm11''', '''naive''', '''drift''', '''nearest''', '''linear''', '''none''',
  '''sigmoid''', 'repeat(''x'', 10000)', '''pca''', '''varimax''', '''regression''']) e
UNION ALL SELECT 'text[]', e FROM unnest(ARRAY['NULL', '''{}''', '''{a,b}''', '''{NULL}''', '''{a,b,c,d,e,f,g,h,i,j,k}''']) e
UNION ALL SELECT 'jsonb', e FROM unnest(ARRAY['NULL', '''{}''', '''[]''', '''null''', '''1''', '''"x"''',
  '''{"model": "synergy.bp", "format": 1}''', 'bp_fit(''{1,2,3,5,8,13,21,34}'', ensemble => 2)',
  'jsonb_set(bp_fit(''{1,2,3,5,8,13,21,34}'', ensemble => 2), ''{hidden}'', ''150'')',
  'jsonb_set(bp_fit(''{1,2,3,5,8,13,21,34}'', ensemble => 2), ''{networks,0,w1}'', ''[[1e308, 1e308]]'')',
  'jsonb_set(bp_fit(''{1,2,3,5,8,13,21,34}'', ensemble => 2), ''{scale}'', ''1e308'')']) e
UNION ALL SELECT 'geometry', e FROM unnest(ARRAY['NULL', '''POINT EMPTY''::geometry', '''POINT(1 2)''::geometry',
  '''SRID=4326;POINT(114 30)''::geometry', '''POLYGON((0 0,1 0,1 1,0 0))''::geometry', '''LINESTRING(0 0,1 1)''::geometry',
  '''GEOMETRYCOLLECTION EMPTY''::geometry', '''SRID=3857;POINT(1e15 1e15)''::geometry', '''POINT(1e308 1e308)''::geometry',
  '''SRID=4326;POINT(181 91)''::geometry', '''POINT Z (1 2 3)''::geometry']) e
UNION ALL SELECT 'geometry[]', e FROM unnest(ARRAY['NULL', '''{}''::geometry[]',
  'ARRAY[''POINT(0 0)''::geometry, ''POINT(1 1)'', ''POINT(2 0)'']', 'ARRAY[NULL::geometry, ''POINT(1 1)'']',
  'ARRAY[''POINT(0 0)''::geometry, ''SRID=4326;POINT(1 1)'']', 'ARRAY[''POINT EMPTY''::geometry]']) e
UNION ALL SELECT 'regclass', e FROM unnest(ARRAY['NULL', '''hostile_geom''::regclass', '''pg_class''::regclass',
  '''hostile_pool''::regclass']) e
UNION ALL SELECT 'name', e FROM unnest(ARRAY['NULL', '''id''', '''geom''', '''nosuch''', '''expr''', '''typ''', '''public''', '''pg_catalog''', '''synergy_pipeline''']) e;

-- states (sy_state.h) for the *_state, *_merge and *_final functions: valid, damaged, foreign
INSERT INTO hostile_pool
SELECT 'bytea'::regtype, e FROM unnest(ARRAY[$h$NULL$h$, $h$'\xdeadbeef'::bytea$h$, $h$''::bytea$h$,
  $h$'\x5359010101000000590000000002000000020000000000000000000000000000000101ff01000000000000f03f000000000000e03f00000000000008400000000000000040000000000000f03f00000000000000400000000000000840000000000000e03f'::bytea$h$,
  $h$substr('\x5359010101000000590000000002000000020000000000000000000000000000000101ff01000000000000f03f000000000000e03f00000000000008400000000000000040000000000000f03f00000000000000400000000000000840000000000000e03f'::bytea, 1, 60)$h$,
  $h$overlay('\x5359010101000000590000000002000000020000000000000000000000000000000101ff01000000000000f03f000000000000e03f00000000000008400000000000000040000000000000f03f00000000000000400000000000000840000000000000e03f'::bytea placing '\xffffffffffffff7f'::bytea from 18 for 8)$h$,
  $h$overlay('\x5359010101000000590000000002000000020000000000000000000000000000000101ff01000000000000f03f000000000000e03f00000000000008400000000000000040000000000000f03f00000000000000400000000000000840000000000000e03f'::bytea placing '\x000000000000f87f'::bytea from 86 for 8)$h$,
  $h$overlay('\x5359010101000000590000000002000000020000000000000000000000000000000101ff01000000000000f03f000000000000e03f00000000000008400000000000000040000000000000f03f00000000000000400000000000000840000000000000e03f'::bytea placing '\x02'::bytea from 4 for 1)$h$,
  $h$(SELECT entropy_weights_state(x, '{0,0}', '{4,4}') FROM (VALUES (ARRAY[1.0, 2]), (ARRAY[3.0, 0.5])) v(x))$h$,
  $h$(SELECT entropy_weights_state(x, '{0,0,0}', '{9,9,9}', '{1,-1,1}', 0.5) FROM (VALUES (ARRAY[1.0, 2, 3])) v(x))$h$]) e;

-- composite results of the spatial aggregates, real and NULL
DO $$
BEGIN
  IF to_regtype('trend_analysis_result') IS NOT NULL THEN
    INSERT INTO hostile_pool VALUES
      ('trend_analysis_result', 'NULL'),
      ('trend_analysis_result', '(SELECT trend_analysis(g, id::float8, 1) FROM (VALUES (1, ''POINT(0 0)''::geometry), (2, ''POINT(1 2)''), (3, ''POINT(2 1)'')) v(id, g))'),
      ('trend_analysis_result', 'jsonb_populate_record(NULL::trend_analysis_result, ''{"n": 5, "order": 9}'')');
  END IF;
  IF to_regtype('trend_surface_result') IS NOT NULL THEN
    INSERT INTO hostile_pool VALUES
      ('trend_surface_result', 'NULL'),
      ('trend_surface_result', '(SELECT trend_surface(g, id::float8, 1) FROM (VALUES (1, ''POINT(0 0)''::geometry), (2, ''POINT(1 2)''), (3, ''POINT(2 1)''), (4, ''POINT(3 3)'')) v(id, g))'),
      ('trend_surface_result', 'jsonb_populate_record(NULL::trend_surface_result, ''{"order": 7}'')');
  END IF;
END
$$;

-- states (bytea): real ones of the moments, CRITIC and factor families, damaged ones, another family's
INSERT INTO hostile_pool
SELECT 'bytea', e FROM unnest(ARRAY['NULL', '''\xdeadbeef''::bytea', '''''::bytea', '''\x535901060100000000000000''::bytea',
  '(SELECT stddev_weights_state(x) FROM (VALUES (''{1,2}''::float8[]), (''{3,5}'')) v(x))',
  '(SELECT critic_weights_state(x, ''{1,-1}''::int[]) FROM (VALUES (''{1,2}''::float8[]), (''{3,5}'')) v(x))',
  '(SELECT factor_analysis_state(x, 1) FROM (VALUES (''{1,2}''::float8[]), (''{3,5}''), (''{4,4}'')) v(x))',
  '(SELECT overlay(stddev_weights_state(x) PLACING ''\x0000000000010000'' FROM 13) FROM (VALUES (''{1,2}''::float8[]), (''{3,5}'')) v(x))',
  '(SELECT overlay(critic_weights_state(x) PLACING ''\x000000000000f87f'' FROM 29) FROM (VALUES (''{1,2}''::float8[]), (''{3,5}'')) v(x))',
  '(SELECT substring(factor_analysis_state(x) FROM 1 FOR 40) FROM (VALUES (''{1,2}''::float8[]), (''{3,5}'')) v(x))',
  '(SELECT stddev_weights_state(x) FROM (VALUES (''{1,1e308}''::float8[]), (''{3,-1e308}'')) v(x))']) e;

-- missing-value policies (issue 12): options values, policy names, states with a policy
INSERT INTO hostile_pool
SELECT 'weight_options'::regtype, e FROM unnest(ARRAY['NULL', 'weight_options()', 'weight_options(missing => ''mean'')',
  'weight_options(''{1,-1,1}'', 0.01, ''median'')', 'weight_options(missing => ''skip'')',
  'ROW(''{2}'', NULL, ''mean'')::weight_options', 'ROW(NULL, ''-Infinity'', ''skip'')::weight_options',
  'ROW(NULL, NULL, ''bogus'')::weight_options', 'ROW(''{}'', NULL, NULL)::weight_options']) e
UNION ALL SELECT 'text', e FROM unnest(ARRAY['''skip''', '''MEAN''', '''median''', '''error''']) e
UNION ALL SELECT 'bytea', e FROM unnest(ARRAY[
  '(SELECT entropy_weights_state(x, weight_options(missing => ''mean'')) FROM (VALUES (''{1,NULL}''::float8[]), (''{3,5}''), (''{2,4}'')) v(x))',
  '(SELECT entropy_weights_state(x, ''{0,0}'', ''{9,9}'', weight_options(missing => ''mean'')) FROM (VALUES (''{1,NULL}''::float8[]), (''{3,5}'')) v(x))',
  '(SELECT stddev_weights_state(x, weight_options(missing => ''mean'')) FROM (VALUES (''{NULL,2}''::float8[]), (''{3,5}'')) v(x))',
  '(SELECT critic_weights_state(x, weight_options(missing => ''mean'')) FROM (VALUES (''{NULL,2}''::float8[]), (''{3,NULL}''), (''{4,4}'')) v(x))',
  '(SELECT coupling_coordination_state(u, 1, ''classic'', ''skip'') FROM (VALUES (NULL::float8), (0.5)) v(u))']) e;

-- partial states (docs/reference.md, "Partial states"): real states of
-- coupling_coordination, moran_i and trend_analysis, damaged ones, empty
-- payloads and states of another family, for every *_merge and *_final
INSERT INTO hostile_pool
SELECT 'bytea', e FROM unnest(ARRAY['NULL', '''\x''::bytea', '''\xdeadbeef''::bytea',
  '''\x535901050100000000000000''::bytea', '''\x535901060100000000000000''::bytea', '''\x535901070100000000000000''::bytea',
  '(SELECT coupling_coordination_state(u) FROM (VALUES (0.2::float8), (0.7)) v(u))',
  '(SELECT coupling_coordination_state(u, w, ''wang2021'') FROM (VALUES (0.2::float8, 0::float8), (0.7, 0)) v(u, w))',
  'overlay((SELECT coupling_coordination_state(u) FROM (VALUES (0.2::float8), (0.7)) v(u)) PLACING ''\xffffffffffffff3f''::bytea FROM 15 FOR 8)',
  '(SELECT moran_i_state(v, id, nb, NULL, 9, 1) FROM (VALUES (1.0::float8, 1::bigint, ''{2}''::bigint[]), (2, 2, ''{1}'')) v(v, id, nb))',
  '(SELECT moran_i_state(v, id, nb, ''{1}'') FROM (VALUES (1.0::float8, 1::bigint, ''{2}''::bigint[]), (2, 1, ''{1}'')) v(v, id, nb))',
  'substr((SELECT moran_i_state(v, id, nb, NULL) FROM (VALUES (1.0::float8, 1::bigint, ''{2}''::bigint[]), (2, 2, ''{1}'')) v(v, id, nb)), 1, 90)',
  'overlay((SELECT moran_i_state(v, id, nb, NULL) FROM (VALUES (1.0::float8, 1::bigint, ''{2}''::bigint[]), (2, 2, ''{1}'')) v(v, id, nb)) PLACING ''\xffffffffffffffff''::bytea FROM 93 FOR 8)',
  '(SELECT moran_i_state(v, id, nb, NULL, 9, 1) FROM (VALUES (1.0::float8, ''a''::text, ''{b}''::text[]), (2, ''b'', ''{a}'')) v(v, id, nb))',
  'overlay((SELECT moran_i_state(v, id, nb, NULL) FROM (VALUES (1.0::float8, ''a''::text, ''{b}''::text[]), (2, ''b'', ''{a}'')) v(v, id, nb)) PLACING ''\xffffff7f''::bytea FROM 149 FOR 4)',
  'overlay((SELECT moran_i_state(v, id, nb, NULL) FROM (VALUES (1.0::float8, ''a''::text, ''{b}''::text[]), (2, ''b'', ''{a}'')) v(v, id, nb)) PLACING ''\xffffffffffffff7f''::bytea FROM 141 FOR 8)']) e;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'trend_analysis_state') THEN  -- to_regproc is NULL for an overloaded name
    INSERT INTO hostile_pool VALUES
      ('bytea', '(SELECT trend_analysis_state(g, z, 1) FROM (VALUES (''SRID=4326;POINT(1 2)''::geometry, 3::float8), (''SRID=4326;POINT(4 5)'', 6)) v(g, z))'),
      ('bytea', '(SELECT trend_analysis_state(g, z, 6) FROM (VALUES (''POINT(1 2)''::geometry, 3::float8)) v(g, z))'),
      ('bytea', 'set_byte((SELECT trend_analysis_state(g, z) FROM (VALUES (''POINT(1 2)''::geometry, 3::float8)) v(g, z)), 12, 1)'),
      ('bytea', 'overlay((SELECT trend_analysis_state(g, z) FROM (VALUES (''POINT(1 2)''::geometry, 3::float8)) v(g, z)) PLACING ''\x000000000000f07f''::bytea FROM 50 FOR 8)');
  END IF;
END
$$;

CREATE TEMP TABLE hostile_call (id serial, fn text, call text);

CREATE FUNCTION pg_temp.pick(t regtype) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT coalesce((SELECT expr FROM hostile_pool WHERE typ = t ORDER BY random() LIMIT 1), 'NULL::' || t::text)
$$;

SELECT set_config('hostile.seed', :'seed', false), set_config('hostile.per_function', :'per_function', false) \gset
DO $$
DECLARE
  f record;
  args text[];
  rows text[];
  call text;
BEGIN
  PERFORM setseed(current_setting('hostile.seed')::float8);
  FOR f IN
    SELECT p.oid, p.oid::regprocedure::text AS sig, p.prokind, p.proretset,
           quote_ident(n.nspname) || '.' || quote_ident(p.proname) AS qname, p.proargtypes::regtype[] AS types
    FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace
    JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname IN ('synergy', 'synergy_postgis')
    WHERE NOT ('internal'::regtype = ANY (p.proargtypes::regtype[]))
      AND p.prorettype <> 'internal'::regtype
    ORDER BY 2
  LOOP
    FOR k IN 1 .. current_setting('hostile.per_function')::int LOOP
      IF f.prokind = 'p' THEN
        args := ARRAY(SELECT pg_temp.pick(t) || '::' || t::text FROM unnest(f.types) t);
        call := format('CALL %s(%s)', f.qname, array_to_string(args, ', '));
      ELSIF f.prokind = 'f' THEN
        args := ARRAY(SELECT pg_temp.pick(t) || '::' || t::text FROM unnest(f.types) t);
        -- count(x), not count(*): the planner drops a subquery's unused output, so
        -- count(*) over it would never call the function
        call := format('SELECT count(x) FROM (SELECT %s(%s) AS x) s', f.qname, array_to_string(args, ', '));
        IF f.proretset THEN
          call := format('SELECT count(*) FROM %s(%s)', f.qname, array_to_string(args, ', '));
        END IF;
      ELSE
        -- three rows; the same argument types in each, values drawn per row
        rows := ARRAY(SELECT '(' || (SELECT string_agg(pg_temp.pick(t) || '::' || t::text, ', ' ORDER BY o)
                                     FROM unnest(f.types) WITH ORDINALITY u(t, o)) || ')'
                      FROM generate_series(1, 3) r);
        args := ARRAY(SELECT 'c' || o FROM generate_series(1, cardinality(f.types)) o);
        IF f.prokind = 'a' THEN
          call := format('SELECT count(x) FROM (SELECT %s(%s) AS x FROM (VALUES %s) v(%s)) s', f.qname,
                         array_to_string(args, ', '), array_to_string(rows, ', '), array_to_string(args, ', '));
        ELSE
          call := format('SELECT count(x) FROM (SELECT %s(%s) OVER () AS x FROM (VALUES %s) v(%s)) s', f.qname,
                         array_to_string(args, ', '), array_to_string(rows, ', '), array_to_string(args, ', '));
        END IF;
      END IF;
      INSERT INTO hostile_call (fn, call) VALUES (f.sig, call);
    END LOOP;
  END LOOP;
END
$$;

-- Fixed cases (issue 16, item 6), each with the outcome the stage checks:
-- /* expect SQLSTATE */ for synergy's own error, /* expect ok */ for a result.
INSERT INTO hostile_call (fn, call)
SELECT 'issue 16', c FROM unnest(ARRAY[
  $c$SELECT count(*) FROM spatial_weights('hostile_geom', 'id', 'geom', 'distance', distance => 'NaN') /* expect 22023 */$c$,
  $c$SELECT count(*) FROM spatial_weights(rel => 'hostile_geom', id_column => 'id', geom_column => 'geom', method => 'distance', distance => 'NaN'::float8) /* expect 22023 */$c$,
  $c$SELECT count(*) FROM spatial_weights_array(ARRAY['POINT(0 0)'::geometry, 'POINT(1 1)'], 'distance', distance => 'NaN') /* expect 22023 */$c$,
  $c$SELECT count(*) FROM spatial_weights_array(geom => ARRAY['POINT(0 0)'::geometry, 'POINT(1 1)'], method => 'distance', distance => 'NaN'::float8) /* expect 22023 */$c$,
  $c$SELECT count(*) FROM spatial_weights(4000000000::oid::regclass, 'id', 'geom') /* expect 42P01 */$c$,
  $c$SELECT count(*) FROM spatial_weights('hostile_geom', 'id', 'geom', 'knn', k => 2147483647) /* expect ok */$c$,
  $c$SELECT count(*) FROM spatial_weights_array(ARRAY['POINT(0 0)'::geometry, 'POINT(1 1)', 'POINT(2 0)'], 'knn', k => 2147483647) /* expect ok */$c$,
  $c$SELECT trend_analysis(g, z, 1, 0, 1000000000) FROM (VALUES ('SRID=4326;POINT(114 30)'::geometry, 1.0::float8), ('SRID=4326;POINT(115 31)', 2)) v(g, z) /* expect 22023 */$c$,
  $c$SELECT trend_analysis(g, z, 1, 0, 12345) FROM (VALUES ('SRID=4326;POINT(114 30)'::geometry, 1.0::float8), ('SRID=4326;POINT(115 31)', 2)) v(g, z) /* expect 22023 */$c$,
  $c$SELECT trend_analysis(g, z, 1, 0, 32650) FROM (VALUES ('POINT(114 30)'::geometry, 1.0::float8), ('POINT(115 31)', 2)) v(g, z) /* expect 22023 */$c$,
  $c$SELECT trend_surface(g, z, 1, 999999) FROM (VALUES ('SRID=4326;POINT(114 30)'::geometry, 1.0::float8), ('SRID=4326;POINT(115 31)', 2)) v(g, z) /* expect 22023 */$c$,
  $c$SELECT trend_surface(g, z, 1, 12345) FROM (VALUES ('SRID=4326;POINT(114 30)'::geometry, 1.0::float8), ('SRID=4326;POINT(115 31)', 2)) v(g, z) /* expect 22023 */$c$,
  $c$SELECT trend_surface(g, z, 1, 32650) FROM (VALUES ('POINT(114 30)'::geometry, 1.0::float8), ('POINT(115 31)', 2)) v(g, z) /* expect 22023 */$c$,
  $c$SELECT stddev_weights_final('\xdeadbeef') /* expect 22P03 */$c$,
  $c$SELECT cv_weights_final((SELECT critic_weights_state(x) FROM (VALUES ('{1,2}'::float8[]), ('{3,5}')) v(x))) /* expect 22023 */$c$,
  $c$SELECT critic_weights_detail_final((SELECT overlay(critic_weights_state(x) PLACING '\x02' FROM 117) FROM (VALUES ('{1,2}'::float8[]), ('{3,5}')) v(x))) /* expect 22P03 */$c$,
  $c$SELECT factor_analysis_final((SELECT overlay(factor_analysis_state(x) PLACING '\xffffffffffffff7f' FROM 13) FROM (VALUES ('{1,2}'::float8[]), ('{3,5}')) v(x)), 1) /* expect 22P03 */$c$,
  $c$SELECT factor_analysis_final((SELECT factor_analysis_state(x) FROM (VALUES ('{1,2}'::float8[]), ('{3,5}'), ('{4,4}')) v(x)), 0) /* expect 22023 */$c$,
  $c$SELECT factor_analysis_final((SELECT factor_analysis_state(x) FROM (VALUES ('{1,2}'::float8[]), ('{3,5}'), ('{4,4}')) v(x)), NULL) /* expect ok */$c$,
  $c$SELECT stddev_weights_merge(s) FROM (VALUES ('\x535901020100000000000000'::bytea)) v(s) /* expect 22P03 */$c$,
  $c$SELECT critic_weights_merge(s) FROM (SELECT critic_weights_state(x, d) FROM (VALUES (1, '{1,2}'::float8[], '{1,1}'::int[]), (2, '{3,5}', '{1,-1}')) v(g, x, d) GROUP BY g) t(s) /* expect 22023 */$c$,
  $c$SELECT factor_analysis_merge(s) FROM (SELECT factor_analysis_state(x) FROM (VALUES (1, '{1,2}'::float8[]), (2, '{3,5,6}')) v(g, x) GROUP BY g) t(s) /* expect 2202E */$c$
]) c;

-- Partial states (issue 17, item 3): damaged 22P03, another family 22023
INSERT INTO hostile_call (fn, call)
SELECT 'issue 17', c FROM unnest(ARRAY[
  $c$SELECT coupling_coordination_final('\x53590105010000000a0000000000ffffffffffffff7f'::bytea) /* expect 22P03 */$c$,
  $c$SELECT coupling_coordination_final(moran_i_state(1, 1, NULL, NULL)) /* expect 22023 */$c$,
  $c$SELECT coupling_coordination_final(coupling_coordination_state(u, 0)) FROM (VALUES (0.2::float8), (0.7)) v(u) /* expect 22023 */$c$,
  $c$SELECT moran_i_final('\x535901060100000000000000'::bytea) /* expect 22P03 */$c$,
  $c$SELECT moran_i_final(moran_i_merge(s)) FROM (VALUES ((SELECT moran_i_state(1, 1, NULL, NULL))), ((SELECT moran_i_state(2, 1, NULL, NULL)))) v(s) /* expect 22023 */$c$,
  $c$SELECT moran_i_final(moran_i_state(v, id, nb, NULL, 99, 5)) FROM (VALUES (1.0::float8, 1::bigint, '{2}'::bigint[]), (2, 2, '{1}'), (4, 3, '{2}')) v(v, id, nb) /* expect ok */$c$,
  $c$SELECT moran_i_final(moran_i_state(v, id, nb, NULL, 99, 5)) FROM (VALUES (1.0::float8, 'a'::text, '{b}'::text[]), (2, 'b', '{a,c}'), (4, 'c', '{b}')) v(v, id, nb) /* expect ok */$c$,
  $c$SELECT moran_i_merge(s) FROM (VALUES ((SELECT moran_i_state(1, 1, NULL, NULL))), ((SELECT moran_i_state(2, 'b', NULL, NULL)))) v(s) /* expect 22023 */$c$,
  $c$SELECT moran_i_final(overlay(moran_i_state(v, id, nb, NULL) PLACING '\x0500000000000000'::bytea FROM 53 FOR 8)) FROM (VALUES (1.0::float8, 'a'::text, '{b}'::text[]), (2, 'b', '{a}')) v(v, id, nb) /* expect 22P03 */$c$,
  $c$SELECT trend_analysis_final(set_byte(trend_analysis_state(g, z), 12, 1)) FROM (VALUES ('POINT(1 2)'::geometry, 3::float8)) v(g, z) /* expect 22023 */$c$,
  $c$SELECT trend_analysis_final(substr(trend_analysis_state(g, z), 1, 60)) FROM (VALUES ('POINT(1 2)'::geometry, 3::float8)) v(g, z) /* expect 22P03 */$c$,
  $c$SELECT trend_analysis_merge(s) FROM (VALUES ((SELECT trend_analysis_state('SRID=4326;POINT(1 2)'::geometry, 3))), ((SELECT trend_analysis_state('SRID=3857;POINT(1 2)'::geometry, 3)))) v(s) /* expect 22023 */$c$
]) c;

SELECT count(*) AS calls, count(DISTINCT fn) AS functions FROM hostile_call;

-- one statement per call, errors expected: the SQLSTATEs are read by the stage
\set ON_ERROR_STOP 0
\set VERBOSITY verbose
\set ECHO queries
SET statement_timeout = '5s';
SELECT call FROM hostile_call ORDER BY id \gexec

-- Scale of the spatial weights: weights of 1e-320 (subnormal), 1e308 and a
-- mix give the Moran's I (global, and local z) of weights of 1, to 1e-14
-- relative; the stage fails on a 'hostile-check: FAIL' line.
\set ECHO none
SET statement_timeout = 0;
WITH grid AS (
  SELECT g AS id, sin(g) + (g / 5) AS v,
         ARRAY(SELECT n FROM unnest(ARRAY[g - 5, g + 5, CASE WHEN g % 5 > 0 THEN g - 1 END,
                                          CASE WHEN g % 5 < 4 THEN g + 1 END]) n
               WHERE n BETWEEN 0 AND 24) AS nb
  FROM generate_series(0, 24) g),
scaled AS (
  SELECT s, id, v, nb, ARRAY(SELECT CASE WHEN s = 'mixed' THEN CASE WHEN n % 2 = 0 THEN 1e308 ELSE 1e-320 END
                                         WHEN s = 'mixed ref' THEN CASE WHEN n % 2 = 0 THEN 1 ELSE 0 END
                                         ELSE s::float8 END FROM unnest(nb) n) AS w
  FROM grid, unnest(ARRAY['1', '1e-320', '5e-324', '1e308', '1.7976931348623157e308', 'mixed', 'mixed ref']) s),
glob AS (SELECT s, (moran_i(v, id, nb, w)).* FROM scaled GROUP BY s),
loc AS (SELECT s, id, (local_moran(v, id, nb, w) OVER (PARTITION BY s)).z FROM scaled),
bad AS (
  SELECT g.s FROM glob g JOIN glob r ON g.s <> 'mixed ref' AND r.s = CASE g.s WHEN 'mixed' THEN 'mixed ref' ELSE '1' END
   WHERE g.i IS NULL OR NOT abs(g.i - r.i) <= 1e-14 * abs(r.i) OR g.z_randomisation IS NULL
      OR NOT abs(g.z_randomisation - r.z_randomisation) <= 1e-14 * abs(r.z_randomisation)
  UNION ALL
  SELECT DISTINCT 'local ' || l.s FROM loc l JOIN loc r ON l.s <> 'mixed ref' AND r.id = l.id
     AND r.s = CASE l.s WHEN 'mixed' THEN 'mixed ref' ELSE '1' END
   WHERE (l.z IS NULL) <> (r.z IS NULL) OR NOT abs(l.z - r.z) <= 1e-14 * greatest(abs(r.z), 1))
SELECT CASE WHEN count(*) = 0 THEN 'hostile-check: ok Moran''s I scale-free (1e-320, 5e-324, 1e308, DBL_MAX, mixed)'
            ELSE 'hostile-check: FAIL Moran''s I depends on the weights'' scale: ' || string_agg(s, ', ') END AS moran_scale
  FROM bad;

-- Partial states byte by byte: every byte of a real state of each family
-- (with and without weights, text ids, a missing-value policy, bounds and
-- directions) set to 0, 1, 127, 128, 255, its value + 1 and its value with
-- the top bit flipped, and every truncation, given to the family's *_final,
-- to state_info and (beside the intact state) to its *_merge then *_final.
-- Each call must give a result or 22P03 / 22023 (54000 for a size over the
-- limit), the intact state a result (its merge with itself may be 22023:
-- Moran's regions twice); a crash ends the connection, which the stage reports.
CREATE TEMP TABLE hostile_states (fam text, fin text, mrg text, s bytea);
INSERT INTO hostile_states
SELECT 'entropy', 'entropy_weights_final', 'entropy_weights_merge', (SELECT entropy_weights_state(x) FROM (VALUES ('{1,2,3}'::float8[]), ('{3,5,1}'), ('{2,2,2}')) v(x))
UNION ALL SELECT 'entropy bounded', 'entropy_weights_detail_final', 'entropy_weights_merge', (SELECT entropy_weights_state(x, '{0,0,0}', '{9,9,9}', '{1,-1,1}', 0.5) FROM (VALUES ('{1,2,3}'::float8[]), ('{3,5,1}')) v(x))
UNION ALL SELECT 'entropy missing', 'entropy_weights_final', 'entropy_weights_merge', (SELECT entropy_weights_state(x, weight_options(missing => 'mean')) FROM (VALUES ('{1,NULL}'::float8[]), ('{3,5}'), ('{2,4}')) v(x))
UNION ALL SELECT 'stddev', 'stddev_weights_final', 'stddev_weights_merge', (SELECT stddev_weights_state(x) FROM (VALUES ('{1,2}'::float8[]), ('{3,5}'), ('{4,1}')) v(x))
UNION ALL SELECT 'stddev missing', 'stddev_weights_final', 'stddev_weights_merge', (SELECT stddev_weights_state(x, weight_options(missing => 'mean')) FROM (VALUES ('{NULL,2}'::float8[]), ('{3,5}'), ('{4,1}')) v(x))
UNION ALL SELECT 'cv', 'cv_weights_final', 'cv_weights_merge', (SELECT cv_weights_state(x) FROM (VALUES ('{1,2}'::float8[]), ('{3,5}'), ('{4,1}')) v(x))
UNION ALL SELECT 'critic', 'critic_weights_detail_final', 'critic_weights_merge', (SELECT critic_weights_state(x, '{1,-1}'::int[]) FROM (VALUES ('{1,2}'::float8[]), ('{3,5}'), ('{4,1}')) v(x))
UNION ALL SELECT 'critic missing', 'critic_weights_final', 'critic_weights_merge', (SELECT critic_weights_state(x, weight_options(missing => 'mean')) FROM (VALUES ('{NULL,2}'::float8[]), ('{3,NULL}'), ('{4,4}'), ('{1,7}')) v(x))
UNION ALL SELECT 'factor', 'factor_analysis_final', 'factor_analysis_merge', (SELECT factor_analysis_state(x, 1) FROM (VALUES ('{1,2,3}'::float8[]), ('{3,5,1}'), ('{4,4,2}'), ('{0,1,9}')) v(x))
UNION ALL SELECT 'coupling', 'coupling_coordination_final', 'coupling_coordination_merge', (SELECT coupling_coordination_state(u) FROM (VALUES (0.2::float8), (0.7), (0.4)) v(u))
UNION ALL SELECT 'coupling weighted', 'coupling_coordination_final', 'coupling_coordination_merge', (SELECT coupling_coordination_state(u, w, 'wang2021') FROM (VALUES (0.2::float8, 0.5::float8), (0.7, 0.5)) v(u, w))
UNION ALL SELECT 'coupling skip', 'coupling_coordination_final', 'coupling_coordination_merge', (SELECT coupling_coordination_state(u, 1, 'classic', 'skip') FROM (VALUES (NULL::float8), (0.5), (0.3)) v(u))
UNION ALL SELECT 'moran', 'moran_i_final', 'moran_i_merge', (SELECT moran_i_state(v, id, nb, NULL, 9, 1) FROM (VALUES (1.0::float8, 1::bigint, '{2}'::bigint[]), (2, 2, '{1,3}'), (4, 3, '{2}')) v(v, id, nb))
UNION ALL SELECT 'moran weighted', 'moran_i_final', 'moran_i_merge', (SELECT moran_i_state(v, id, nb, w) FROM (VALUES (1.0::float8, 1::bigint, '{2}'::bigint[], '{1}'::float8[]), (2, 2, '{1,3}', '{0.5,0.5}'), (4, 3, '{2}', '{1}')) v(v, id, nb, w))
UNION ALL SELECT 'moran text ids', 'moran_i_final', 'moran_i_merge', (SELECT moran_i_state(v, id, nb, NULL, 9, 1) FROM (VALUES (1.0::float8, 'a'::text, '{b}'::text[]), (2, 'b', '{a,c}'), (4, 'c', '{b}')) v(v, id, nb));
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'trend_analysis_state') THEN  -- to_regproc is NULL for an overloaded name
    INSERT INTO hostile_states VALUES
      ('trend', 'trend_analysis_final', 'trend_analysis_merge', (SELECT trend_analysis_state(g, z, 1) FROM (VALUES ('SRID=4326;POINT(1 2)'::geometry, 3::float8), ('SRID=4326;POINT(4 5)', 6), ('SRID=4326;POINT(2 7)', 1)) v(g, z))),
      ('trend rotated', 'trend_analysis_final', 'trend_analysis_merge', (SELECT trend_analysis_state(g, z, 2, 30, 3857) FROM (VALUES ('SRID=4326;POINT(1 2)'::geometry, 3::float8), ('SRID=4326;POINT(4 5)', 6), ('SRID=4326;POINT(2 7)', 1), ('SRID=4326;POINT(3 3)', 2)) v(g, z)));
  END IF;
END
$$;
CREATE TEMP TABLE hostile_sweep (fam text, pos int, val int, fn text, code text);
DO $$
DECLARE
  r record; m bytea; i int; v int; code text; f text;
BEGIN
  FOR r IN SELECT * FROM hostile_states LOOP
    IF r.s IS NULL THEN
      INSERT INTO hostile_sweep VALUES (r.fam, NULL, NULL, NULL, 'no state');
      CONTINUE;
    END IF;
    FOR i IN -1 .. length(r.s) - 1 LOOP
      FOREACH v IN ARRAY CASE WHEN i < 0 THEN ARRAY[-1] ELSE ARRAY[0, 1, 127, 128, 255, (get_byte(r.s, i) + 1) % 256, get_byte(r.s, i) # 128] END LOOP
        -- i = -1: the intact state
        m := CASE WHEN i < 0 THEN r.s ELSE set_byte(r.s, i, v) END;
        FOREACH f IN ARRAY ARRAY[r.fin, 'state_info', r.mrg] LOOP
          BEGIN
            -- count(x): the planner would drop an unused call
            IF f = r.mrg THEN
              EXECUTE format('SELECT count(x) FROM (SELECT %s(%s(s)) AS x FROM (VALUES ($1), ($2), ($1)) v(s)) q', r.fin, r.mrg) USING r.s, m;
            ELSE
              EXECUTE format('SELECT count(x) FROM (SELECT %s($1) AS x) q', f) USING m;
            END IF;
            code := 'ok';
          EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE;
          END;
          INSERT INTO hostile_sweep VALUES (r.fam, i, v, f, code);
        END LOOP;
      END LOOP;
    END LOOP;
    FOR i IN 0 .. length(r.s) - 1 LOOP
      BEGIN
        EXECUTE format('SELECT count(x) FROM (SELECT %s($1) AS x) q', r.fin) USING substr(r.s, 1, i);
        code := 'ok';
      EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE;
      END;
      INSERT INTO hostile_sweep VALUES (r.fam, i, NULL, 'truncated ' || r.fin, code);
    END LOOP;
  END LOOP;
END
$$;
SELECT CASE WHEN count(*) FILTER (WHERE code NOT IN ('ok', '22P03', '22023', '54000')) = 0
             AND count(*) FILTER (WHERE pos = -1 AND code <> 'ok' AND fn NOT LIKE '%merge') = 0
             AND count(DISTINCT fam) FILTER (WHERE code = '22P03') >= CASE WHEN to_regtype('trend_analysis_result') IS NULL THEN 15 ELSE 17 END
            THEN 'hostile-check: ok state byte sweep: ' || count(*) || ' calls on ' || count(DISTINCT fam) || ' states, SQLSTATEs '
                 || string_agg(DISTINCT code, ' ')
            ELSE 'hostile-check: FAIL state byte sweep: '
                 || coalesce(string_agg(DISTINCT fam || ' byte ' || pos || '=' || coalesce(val::text, '-') || ' ' || fn || ': ' || code, '; ')
                               FILTER (WHERE code NOT IN ('ok', '22P03', '22023', '54000') OR (pos = -1 AND code <> 'ok' AND fn NOT LIKE '%merge')), 'too few states')
       END AS state_sweep
  FROM hostile_sweep;

-- Arrays of NULLs declare their length for free: 134 million NULL elements
-- take 16 MB, but 9 bytes each once deconstructed, 8 in a row buffer.  Each
-- call below, in a fresh session, must stop with its error before it takes
-- memory by that length: the backend's VmPeak (/proc; a psql on the
-- server's host) may grow by less than 256 MB.  It grew by about 1 GB with
-- a buffer sized by the declared length (the weights with a missing-value
-- policy), or with the NULLs found after deconstruct_array (moran_i's
-- neighbours, gravity's ids, ccd_grade's labels).
\set ON_ERROR_STOP 0
\c
SET client_min_messages = warning;
DROP TABLE IF EXISTS hostile_nulls, hostile_vm;
CREATE TABLE hostile_nulls AS
SELECT array_fill(NULL::float8, ARRAY[134000000]) AS f8, array_fill(NULL::bigint, ARRAY[134000000]) AS i8,
       array_fill(NULL::text, ARRAY[134000000]) AS tx;
CREATE TABLE hostile_vm (call text, code text, vm0 text, vm1 text);
\set label 'entropy_weights, missing mean'
\set call 'SELECT count(w) FROM (SELECT entropy_weights(f8, weight_options(missing => ''mean'')) AS w FROM hostile_nulls) s'
\ir vm_call.psql
\set label 'entropy_weights bounded, missing mean'
\set call 'SELECT count(w) FROM (SELECT entropy_weights(f8, ''{0}'', ''{1}'', weight_options(missing => ''mean'')) AS w FROM hostile_nulls) s'
\ir vm_call.psql
\set label 'stddev_weights, missing mean'
\set call 'SELECT count(w) FROM (SELECT stddev_weights(f8, weight_options(missing => ''mean'')) AS w FROM hostile_nulls) s'
\ir vm_call.psql
\set label 'critic_weights, missing mean'
\set call 'SELECT count(w) FROM (SELECT critic_weights(f8, weight_options(missing => ''mean'')) AS w FROM hostile_nulls) s'
\ir vm_call.psql
\set label 'topsis, missing mean'
\set call 'SELECT count(w) FROM (SELECT topsis(f8, missing => ''mean'') OVER () AS w FROM hostile_nulls) s'
\ir vm_call.psql
\set label 'moran_i neighbours'
\set call 'SELECT count(w) FROM (SELECT moran_i(1.0, 1::bigint, i8, NULL) AS w FROM hostile_nulls) s'
\ir vm_call.psql
\set label 'local_moran neighbours'
\set call 'SELECT count(w) FROM (SELECT local_moran(1.0, 1::bigint, i8, NULL) OVER () AS w FROM hostile_nulls) s'
\ir vm_call.psql
\set label 'gravity_linkage ids'
\set call 'SELECT count(*) FROM hostile_nulls, gravity_linkage(i8, ''{1,2}''::float8[], ''{{0,1},{1,0}}''::float8[])'
\ir vm_call.psql
\set label 'gravity_linkage text ids'
\set call 'SELECT count(*) FROM hostile_nulls, gravity_linkage(tx, ''{1,2}''::float8[], ''{{0,1},{1,0}}''::float8[])'
\ir vm_call.psql
\set label 'ccd_grade labels'
\set call 'SELECT count(w) FROM (SELECT ccd_grade(0.5, ''{0,0.5,1}'', tx) AS w FROM hostile_nulls) s'
\ir vm_call.psql
-- spatial_weights_array and local_moran with ids (synergy_postgis): the
-- length and the NULLs are checked from the header and the bitmap before the
-- ids are cast to text or counted (they took > 20 s and about 1.2 GB)
\set label 'spatial_weights_array int ids'
\set call 'SELECT count(*) FROM spatial_weights_array(ARRAY[''POINT(0 0)''::geometry, ''POINT(1 1)''], array_fill(NULL::int, ARRAY[134000000]))'
\ir vm_call.psql
\set label 'spatial_weights_array bigint ids'
\set call 'SELECT count(*) FROM hostile_nulls, spatial_weights_array(ARRAY[''POINT(0 0)''::geometry, ''POINT(1 1)''], i8)'
\ir vm_call.psql
\set label 'spatial_weights_array text ids'
\set call 'SELECT count(*) FROM hostile_nulls, spatial_weights_array(ARRAY[''POINT(0 0)''::geometry, ''POINT(1 1)''], tx)'
\ir vm_call.psql
\set label 'local_moran int ids'
\set call 'SELECT count(*) FROM local_moran(''{1,2}''::float8[], ARRAY[''POINT(0 0)''::geometry, ''POINT(1 1)''], array_fill(NULL::int, ARRAY[134000000]))'
\ir vm_call.psql
\set label 'local_moran bigint ids'
\set call 'SELECT count(*) FROM hostile_nulls, local_moran(''{1,2}''::float8[], ARRAY[''POINT(0 0)''::geometry, ''POINT(1 1)''], i8)'
\ir vm_call.psql
\set label 'local_moran text ids'
\set call 'SELECT count(*) FROM hostile_nulls, local_moran(''{1,2}''::float8[], ARRAY[''POINT(0 0)''::geometry, ''POINT(1 1)''], tx)'
\ir vm_call.psql
SELECT CASE WHEN count(*) <> 16 OR count(*) FILTER (WHERE code !~ '^(22|54)') > 0
            THEN 'hostile-check: FAIL arrays of 134 million NULLs: ' || coalesce(string_agg(call || ': ' || code, '; ') FILTER (WHERE code !~ '^(22|54)'), count(*) || ' calls ran')
            WHEN count(*) FILTER (WHERE vm0 ~ '^[0-9]+$' AND vm1 ~ '^[0-9]+$') < count(*)
            THEN 'hostile-check: ok arrays of 134 million NULLs: ' || count(*) || ' calls, SQLSTATEs ' || string_agg(DISTINCT code, ' ')
                 || ' (VmPeak not readable: memory not measured)'
            WHEN max(vm1::bigint - vm0::bigint) < 262144
            THEN 'hostile-check: ok arrays of 134 million NULLs: ' || count(*) || ' calls, SQLSTATEs ' || string_agg(DISTINCT code, ' ')
                 || ', VmPeak grew at most ' || max(vm1::bigint - vm0::bigint) / 1024 || ' MB'
            ELSE 'hostile-check: FAIL arrays of 134 million NULLs: VmPeak grew '
                 || string_agg(call || ' ' || (vm1::bigint - vm0::bigint) / 1024 || ' MB', ', ') FILTER (WHERE vm1::bigint - vm0::bigint >= 262144)
       END AS null_arrays
  FROM hostile_vm;
DROP TABLE hostile_nulls, hostile_vm;
