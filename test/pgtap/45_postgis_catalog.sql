-- Catalog properties of every object of the synergy_postgis extension (the
-- equivalent of 00_catalog.sql for synergy), found through pg_depend.
BEGIN;
SET client_min_messages = warning;
SELECT plan(14);

CREATE TEMP VIEW syp_proc AS
SELECT p.oid, p.proname, p.prokind, p.provolatile, p.proparallel, p.proisstrict, p.prosecdef,
       p.proname || '(' || oidvectortypes(p.proargtypes) || ')' AS sig,
       p.proname ~ '_(transfn|combinefn|serialfn|deserialfn|finalfn)$' AS support,
       p.proconfig
FROM pg_depend d
JOIN pg_proc p ON p.oid = d.objid
WHERE d.classid = 'pg_proc'::regclass
  AND d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'synergy_postgis')
  AND d.deptype = 'e';

CREATE TEMP VIEW syp_agg AS
SELECT p.sig, a.* FROM syp_proc p JOIN pg_aggregate a ON a.aggfnoid = p.oid;

-- STABLE, with the reason: spatial_weights reads the table it is given; the
-- transition functions of the target_srid forms and the gravity functions
-- over geometries call ST_Transform, whose result depends on the table
-- spatial_ref_sys.
CREATE TEMP TABLE syp_not_immutable (sig text PRIMARY KEY);
INSERT INTO syp_not_immutable VALUES
  ('spatial_weights(regclass, name, name, text, integer, double precision, text)'),
  ('spatial_weights(regclass, name, name, anyelement, text, integer, double precision, text)'),
  ('_spatial_weights_query(text, regclass, name, name, text, integer, double precision, text, regtype)'),
  ('trend_analysis_transfn(internal, geometry, double precision, integer, double precision, integer)'),
  ('trend_surface_transfn(internal, geometry, double precision, integer, integer)'),
  ('_gravity_lonlat(text, geometry[])'),
  ('gravity_strength(double precision, double precision, geometry, geometry, double precision, double precision, double precision, double precision)'),
  ('gravity_linkage(text[], double precision[], geometry[], double precision, double precision, double precision, double precision, double precision[])'),
  ('gravity_linkage(integer[], double precision[], geometry[], double precision, double precision, double precision, double precision, double precision[])'),
  ('gravity_linkage(bigint[], double precision[], geometry[], double precision, double precision, double precision, double precision, double precision[])'),
  ('_gravity_km_matrix(geometry[])');

SELECT cmp_ok((SELECT count(*) FROM syp_proc), '>=', 10::bigint,
              'synergy_postgis owns its functions (found through pg_depend)');
SELECT is_empty($$ SELECT sig FROM syp_proc WHERE proparallel <> 's' $$,
                'every function and aggregate of synergy_postgis is PARALLEL SAFE');
SELECT is_empty($$ SELECT sig FROM syp_proc
                   WHERE provolatile <> 'i' AND sig NOT IN (SELECT sig FROM syp_not_immutable) $$,
                'every function of synergy_postgis is IMMUTABLE except the listed ones');
SELECT is((SELECT array_agg(provolatile::text) FROM syp_proc WHERE sig IN (SELECT sig FROM syp_not_immutable)),
          ARRAY['s', 's', 's', 's', 's', 's', 's', 's', 's', 's', 's'], 'the listed exceptions are STABLE (they read tables), not VOLATILE');
SELECT is_empty($$ SELECT sig FROM syp_proc WHERE prosecdef $$,
                'no function of synergy_postgis is SECURITY DEFINER');
SELECT is_empty($$ SELECT sig FROM syp_proc WHERE NOT support AND obj_description(oid, 'pg_proc') IS NULL $$,
                'every public function and aggregate of synergy_postgis has a COMMENT');
SELECT is_empty($$ SELECT sig FROM syp_proc WHERE NOT support AND prokind = 'f'
                   AND proname NOT IN ('spatial_weights', 'spatial_weights_array', 'moran_i', 'local_moran', 'synergy_postgis_version',
                                       'gravity_linkage', '_gravity_lonlat', '_gravity_km_matrix', '_spatial_weights_query', '_region_ids_check',
                                       '_spatial_weights_array_ids', '_local_moran_ids')
                   AND NOT proisstrict $$,
                'the trend helpers are STRICT (the weights, Moran and gravity-linkage functions handle NULL explicitly)');
SELECT is_empty($$ SELECT sig FROM syp_agg WHERE aggcombinefn = 0 OR aggserialfn = 0 OR aggdeserialfn = 0 $$,
                'every aggregate has combine, serialize and deserialize functions');
SELECT is_empty($$ SELECT sig FROM syp_agg WHERE aggfinalmodify <> 'r' $$,
                'every aggregate''s final function is READ_ONLY');
SELECT set_eq($$ SELECT sig FROM syp_proc WHERE prokind = 'a' $$,
              ARRAY['trend_analysis(geometry, double precision)',
                    'trend_analysis(geometry, double precision, integer)',
                    'trend_analysis(geometry, double precision, integer, double precision)',
                    'trend_analysis(geometry, double precision, integer, double precision, integer)',
                    'trend_surface(geometry, double precision)',
                    'trend_surface(geometry, double precision, integer)',
                    'trend_surface(geometry, double precision, integer, integer)',
                    'trend_analysis_state(geometry, double precision)',
                    'trend_analysis_state(geometry, double precision, integer)',
                    'trend_analysis_state(geometry, double precision, integer, double precision)',
                    'trend_analysis_state(geometry, double precision, integer, double precision, integer)',
                    'trend_analysis_merge(bytea)'],
              'the aggregates of synergy_postgis');
SELECT ok((SELECT bool_and(coalesce(proconfig[1] LIKE 'search_path=%', false)) FROM syp_proc
           WHERE proname IN ('spatial_weights', 'spatial_weights_array', 'moran_i', 'local_moran')),
          'the PL/pgSQL functions pin their search_path (they call PostGIS functions at run time)');
SELECT is((SELECT pg_get_function_arguments(to_regprocedure('spatial_weights(regclass, name, name, text, integer, double precision, text)'))),
          'rel regclass, id_column name, geom_column name, method text DEFAULT ''queen''::text, k integer DEFAULT 4, distance double precision DEFAULT NULL::double precision, style text DEFAULT ''row''::text',
          'spatial_weights: parameter names and defaults');
SELECT is((SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute
           WHERE attrelid = 'trend_analysis_result'::regclass AND attnum > 0),
          ARRAY['n', 'order', 'rotation', 'srid',
                'ew_coefficients', 'ew_scaled_coefficients', 'ew_center', 'ew_scale', 'ew_min', 'ew_max',
                'ew_r2', 'ew_fit_min', 'ew_fit_max', 'ew_shape',
                'ns_coefficients', 'ns_scaled_coefficients', 'ns_center', 'ns_scale', 'ns_min', 'ns_max',
                'ns_r2', 'ns_fit_min', 'ns_fit_max', 'ns_shape'],
          'columns of trend_analysis_result');
SELECT is((SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute
           WHERE attrelid = 'trend_surface_result'::regclass AND attnum > 0),
          ARRAY['n', 'order', 'srid', 'center_x', 'center_y', 'scale_x', 'scale_y', 'terms',
                'coefficients', 'scaled_coefficients', 'r2'],
          'columns of trend_surface_result');

SELECT * FROM finish();
ROLLBACK;
