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
