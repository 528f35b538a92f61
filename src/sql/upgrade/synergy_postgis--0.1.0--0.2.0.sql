-- synergy_postgis 0.1.0 -> 0.2.0: trend analysis and trend surfaces,
-- spatial weights and Moran's I over geometries, gravity linkage on the
-- spheroid.  Update synergy first (ALTER EXTENSION synergy UPDATE): these
-- objects use its types and functions.  The Makefile appends the feature
-- files new in 0.2.0 (POSTGIS_NEW_0_2_0) to this header.

\echo Use "ALTER EXTENSION synergy_postgis UPDATE TO '0.2.0'" to load this file. \quit

CREATE OR REPLACE FUNCTION @extschema@.synergy_postgis_version()
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT '0.2.0'::pg_catalog.text $$;
