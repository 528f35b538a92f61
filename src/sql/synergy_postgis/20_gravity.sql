-- The gravity model with geometries: distances in km on the spheroid
-- (ST_Distance on geography).  SQL-standard bodies are parsed when the
-- extension is created, so they keep pointing at PostGIS's functions
-- whatever the caller's search_path.

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.gravity_strength(
	q_i float8,
	q_j float8,
	geom_i geometry,
	geom_j geometry,
	k float8 DEFAULT 1,
	alpha float8 DEFAULT 1,
	beta float8 DEFAULT 1,
	r float8 DEFAULT 2)
RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT @extschema@.gravity_strength(q_i, q_j,
		ST_Distance(ST_Transform(geom_i, 4326)::geography,
		            ST_Transform(geom_j, 4326)::geography) / 1000.0,
		k, alpha, beta, r);
END;

COMMENT ON FUNCTION @extschema@.gravity_strength(float8, float8, geometry, geometry, float8, float8, float8, float8) IS
'Gravity linkage T_ij = k q_i^alpha q_j^beta / d^r with d the distance in km between the two geometries on the WGS84 spheroid (ST_Distance on geography); geometries need an SRID. Pass ST_Centroid(geom) for polygons.';

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.gravity_linkage(
	ids text[],
	masses float8[],
	geoms geometry[],
	k float8 DEFAULT 1,
	alpha float8 DEFAULT 1,
	beta float8 DEFAULT 1,
	r float8 DEFAULT 2,
	directional float8[] DEFAULT NULL)
RETURNS TABLE (i text, j text, distance float8, strength float8, membership float8,
			   total float8, strongest boolean)
LANGUAGE sql IMMUTABLE PARALLEL SAFE ROWS 1000
BEGIN ATOMIC
	SELECT l.i, l.j, l.distance, l.strength, l.membership, l.total, l.strongest
	FROM @extschema@.gravity_linkage(ids, masses,
		(SELECT pg_catalog.array_agg(d.rw ORDER BY d.o)
		 FROM (SELECT a.o,
		              pg_catalog.array_agg(CASE WHEN a.o = b.o THEN NULL::float8
		                  ELSE ST_Distance(a.g, b.g) / 1000.0 END ORDER BY b.o) AS rw
		       FROM (SELECT ST_Transform(g, 4326)::geography AS g, o
		             FROM pg_catalog.unnest(geoms) WITH ORDINALITY u(g, o)) a,
		            (SELECT ST_Transform(g, 4326)::geography AS g, o
		             FROM pg_catalog.unnest(geoms) WITH ORDINALITY u(g, o)) b
		       GROUP BY a.o) d),
		k, alpha, beta, r, directional) l;
END;

COMMENT ON FUNCTION @extschema@.gravity_linkage(text[], float8[], geometry[], float8, float8, float8, float8, float8[]) IS
'gravity_linkage with distances in km on the WGS84 spheroid between the geometries (ST_Distance on geography), in the order of ids.';
