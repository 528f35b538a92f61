-- synergy_postgis: PostGIS wrappers for synergy.
-- This install script is assembled by the Makefile from src/sql/synergy_postgis/*.sql.
-- Geometries are turned into coordinates and distances with PostGIS's own SQL
-- functions; nothing links against PostGIS internals.

\echo Use "CREATE EXTENSION synergy_postgis" to load this file. \quit

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.synergy_postgis_version()
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT '@EXTVERSION@'::pg_catalog.text $$;

COMMENT ON FUNCTION @extschema@.synergy_postgis_version() IS
'Version of the synergy_postgis extension script.';
