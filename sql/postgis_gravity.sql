-- synergy_postgis gravity: distances on the spheroid from geometries.
CREATE EXTENSION postgis;
CREATE EXTENSION synergy_postgis;
CREATE TABLE gcity (id text, q float8, geom geometry(Point, 4326));
INSERT INTO gcity VALUES
  ('W', 5, ST_SetSRID(ST_MakePoint(114.30, 30.59), 4326)),
  ('C', 4, ST_SetSRID(ST_MakePoint(112.94, 28.23), 4326)),
  ('N', 2, ST_SetSRID(ST_MakePoint(115.86, 28.68), 4326));
-- T with the spheroid distance equals the core function given ST_Distance
SELECT a.id, b.id,
       abs(gravity_strength(a.q, b.q, a.geom, b.geom)
           - gravity_strength(a.q, b.q, ST_Distance(a.geom::geography, b.geom::geography) / 1000)) < 1e-18 AS same,
       round((ST_Distance(a.geom::geography, b.geom::geography) / 1000)::numeric, 3) AS km_spheroid
FROM gcity a JOIN gcity b ON a.id < b.id ORDER BY 1, 2;
-- a projected geometry gives the same distance once transformed
SELECT abs(gravity_strength(5, 4, ST_Transform(a.geom, 3857), b.geom) - gravity_strength(5, 4, a.geom, b.geom)) < 1e-12 AS srid_ok
FROM gcity a, gcity b WHERE a.id = 'W' AND b.id = 'C';
-- the linkage over geometries: spheroid vs the core's haversine differ by < 0.5 %
SELECT g.i, g.j, round(g.distance::numeric, 3) AS km, abs(g.distance / h.distance - 1) < 0.005 AS near_sphere,
       round(g.membership::numeric, 4) AS f, g.strongest
FROM gravity_linkage((SELECT array_agg(id ORDER BY id) FROM gcity), (SELECT array_agg(q ORDER BY id) FROM gcity),
                     (SELECT array_agg(geom ORDER BY id) FROM gcity)) g
JOIN gravity_linkage((SELECT array_agg(id ORDER BY id) FROM gcity), (SELECT array_agg(q ORDER BY id) FROM gcity),
                     (SELECT array_agg(ST_X(geom) ORDER BY id) FROM gcity),
                     (SELECT array_agg(ST_Y(geom) ORDER BY id) FROM gcity)) h USING (i, j)
ORDER BY 1, 2;
-- a hostile search_path does not break the SQL bodies
SET search_path = pg_catalog;
SELECT round(public.gravity_strength(5, 4, public.ST_SetSRID(public.ST_MakePoint(114.30, 30.59), 4326),
                                     public.ST_SetSRID(public.ST_MakePoint(112.94, 28.23), 4326))::numeric, 8) AS t;
RESET search_path;
-- same point: zero distance
\set VERBOSITY terse
SELECT gravity_strength(5, 4, geom, geom) FROM gcity WHERE id = 'W';
\set VERBOSITY default
-- no SRID (no CONTEXT: its line numbers are the helper's)
\set SHOW_CONTEXT never
SELECT gravity_strength(5, 4, ST_MakePoint(114, 30), ST_MakePoint(113, 29));
DROP TABLE gcity;
DROP EXTENSION synergy_postgis;
DROP EXTENSION postgis;
