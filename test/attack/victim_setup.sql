-- test/attack/victim_setup.sql: the victim superuser's own data, made with a
-- safe search_path after the first round of traps (so every call into public
-- passes its arguments in the exact types: public.st_makepoint(int, int)
-- would reach the attacker's st_makepoint(int, float8)): the arguments of
-- test/attack/calls.sql come from these tables, so the calls themselves
-- contain no operator or unqualified function that a trap could capture.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET search_path = pg_catalog;
CREATE SCHEMA victim;
CREATE TABLE victim.x (id int8 PRIMARY KEY, x float8[], d int4[], w float8[], s float8, t float8, u float8,
                       g public.geometry(Point, 4326), z float8, nb int8[], txt text, tarr text[], g8 float8[]);
INSERT INTO victim.x
SELECT i, ARRAY[i, (i * 7) % 5 + 1, (i * 3) % 4 + 2]::float8[], '{1,-1,1}', '{0.5,0.3,0.2}',
       i * 0.15, 2000 + i, 1 - i * 0.12,
       public.st_setsrid(public.st_makepoint((114 + i % 3)::float8, (30 + i / 3)::float8), 4326), i * 1.5 + i % 2,
       ARRAY(SELECT j FROM generate_series(1, 6) j WHERE abs(j - i) = 1)::int8[], 'c' || i,
       ARRAY['c1', 'c2', 'c3', 'c4', 'c5', 'c6'], '{0.41,0.44,0.46,0.50,0.51,0.55,0.58,0.60}'
FROM generate_series(1, 6) i;
CREATE TABLE victim.regions (id int8 PRIMARY KEY, geom public.geometry(Polygon, 4326), v float8);
INSERT INTO victim.regions
SELECT g, public.st_makeenvelope((g % 3)::float8, (g / 3)::float8, (g % 3 + 1)::float8, (g / 3 + 1)::float8, 4326), g * 1.5 + g % 2
FROM generate_series(0, 8) g;
CREATE INDEX ON victim.regions USING gist (geom);
ANALYZE victim.x, victim.regions;
-- a pipeline of one materialized view for refresh_pipeline and schedule_refresh
CREATE SCHEMA victim_pipe;
CREATE MATERIALIZED VIEW victim_pipe.ccd AS
SELECT x.id, public.coupling_degree(x.w, 'classic'::text) AS c FROM victim.x;
CREATE UNIQUE INDEX ON victim_pipe.ccd (id);
-- the functions to call, from the catalog, named without schema
CREATE TABLE victim.funcs AS
SELECT p.oid, e.extname, p.prokind,
       p.proname || '(' || pg_catalog.oidvectortypes(p.proargtypes) || ')' AS key
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname IN ('synergy', 'synergy_postgis')
WHERE NOT ('internal'::regtype = ANY (p.proargtypes::regtype[])) AND p.prorettype <> 'internal'::regtype;
-- oidvectortypes qualifies the types that are not visible: drop the schema of PostGIS's and the extensions'
UPDATE victim.funcs SET key = replace(replace(key, 'public.', ''), 'pg_catalog.', '');
