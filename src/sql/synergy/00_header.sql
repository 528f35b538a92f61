-- synergy: coordinated-development analytics for urban agglomerations.
-- This install script is assembled by the Makefile from src/sql/synergy/*.sql.

\echo Use "CREATE EXTENSION synergy" to load this file. \quit

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.synergy_version()
RETURNS text
AS 'MODULE_PATHNAME', 'synergy_lib_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.synergy_version() IS
'Version of the synergy shared library (compare with the extension version in pg_extension after an upgrade).';
