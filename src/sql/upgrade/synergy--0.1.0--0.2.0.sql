-- synergy 0.1.0 -> 0.2.0: forecasting (BP networks, GM(1,1), backtests),
-- global and local Moran's I, factor analysis and PCA composites, gravity
-- linkage and delimitation, the scheduled refresh of materialized views and
-- its run log.  Every object of 0.1.0 is unchanged but for the search_path
-- that array_round pins now (docs/security.md), set below; the
-- Makefile appends the feature files new in 0.2.0 (SYNERGY_NEW_0_2_0) to
-- this header, so an upgraded database gets the very objects a fresh
-- install creates (test/stages/70_upgrade.sh compares the catalogs).

\echo Use "ALTER EXTENSION synergy UPDATE TO '0.2.0'" to load this file. \quit

ALTER FUNCTION @extschema@.array_round(float8[], int) SET search_path = pg_catalog, pg_temp;

-- 0.2.0's install scripts are ASCII, so that they install in every server
-- encoding (the Chinese labels live in the library): the two comments of
-- 0.1.0 that quoted the Chinese labels are replaced by those of 0.2.0.
COMMENT ON FUNCTION @extschema@.ccd_grade(float8, text) IS
'Label of the uniform ten-level scale, from extreme disorder [0, 0.1) to high-quality coordination [0.9, 1]; lang ''zh'' (Chinese, in the database encoding) or ''en''.';

COMMENT ON FUNCTION @extschema@.relative_development_grade(float8, float8, float8, float8, text) IS
'Type of relative development, E = U1/U2: E <= lower ''U1 lagging'', lower < E <= upper ''synchronous'', E > upper ''U2 lagging''; U2 = 0 is U2 lagging unless U1 = 0 too; lang ''en'' or ''zh'' (Chinese, in the database encoding).';
