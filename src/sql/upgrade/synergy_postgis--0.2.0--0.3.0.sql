-- synergy_postgis 0.2.0 -> 0.3.0 (unreleased).  This header states, in plain
-- SQL, every change to an object that 0.2.0 already has, with a comment per
-- change (CREATE OR REPLACE FUNCTION, ALTER FUNCTION / AGGREGATE / TYPE,
-- COMMENT ON).  The Makefile appends the feature files wholly new in 0.3.0
-- (POSTGIS_NEW_0_3_0) and, on PostgreSQL 15, passes the whole script through
-- tools/extschema_compat.sh.  test/stages/70_upgrade.sh checks it against a
-- fresh install (docs/releasing.md).

\echo Use "ALTER EXTENSION synergy_postgis UPDATE TO '0.3.0'" to load this file. \quit

-- Changed objects of 0.2.0:

-- synergy_postgis_version() returns the version of the script that made it
-- (00_header.sql): it changes with every version.
CREATE OR REPLACE FUNCTION @extschema@.synergy_postgis_version()
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT '0.3.0'::pg_catalog.text $$;
