-- synergy_postgis installs on top of synergy and PostGIS.
CREATE EXTENSION postgis;
CREATE EXTENSION synergy_postgis;
SELECT synergy_postgis_version() = synergy_version() AS versions_match;
SELECT extname, extversion FROM pg_extension WHERE extname LIKE 'synergy%' ORDER BY extname;
DROP EXTENSION synergy_postgis;
DROP EXTENSION postgis;
