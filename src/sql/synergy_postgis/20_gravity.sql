-- The gravity model with geometries: distances in km on the spheroid
-- (ST_Distance on geography).  The geometries are checked first, so a NULL,
-- empty or SRID-less geometry gets a clear error rather than PostGIS's
-- internal one from ST_Transform.  STABLE, not IMMUTABLE: ST_Transform reads
-- spatial_ref_sys.  The SQL-standard bodies are bound to PostGIS's functions
-- when the extension is created; the PL/pgSQL helper keeps the search_path
-- of CREATE EXTENSION (this schema and PostGIS's), whatever the caller's.

-- Availability: 0.2.0
CREATE FUNCTION @extschema@._gravity_lonlat(fname text, geoms geometry[])
RETURNS geography[]
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $$
DECLARE
	out geography[] := '{}';
	g geometry;
	pos int := 0;
BEGIN
	IF geoms IS NULL THEN
		RETURN NULL;
	END IF;
	FOREACH g IN ARRAY geoms LOOP
		pos := pos + 1;
		IF g IS NULL THEN
			RAISE EXCEPTION '%: geometry % is NULL', fname, pos
				USING ERRCODE = '22004', DETAIL = format('Element %s of the geometries is NULL.', pos),
					  HINT = 'Give every city a location, or leave it out.';
		END IF;
		IF ST_IsEmpty(g) THEN
			RAISE EXCEPTION '%: geometry % is empty', fname, pos
				USING ERRCODE = '22023', DETAIL = format('Element %s is %s.', pos, ST_AsText(g)),
					  HINT = 'Give every city a location, or leave it out.';
		END IF;
		IF ST_SRID(g) = 0 THEN
			RAISE EXCEPTION '%: geometry % has no SRID', fname, pos
				USING ERRCODE = '22023', DETAIL = format('Element %s is %s with SRID 0.', pos, ST_AsText(g)),
					  HINT = 'Set the coordinate system, e.g. ST_SetSRID(geom, 4326) for longitude and latitude.';
		END IF;
		out := out || ST_Transform(g, 4326)::geography;
	END LOOP;
	RETURN out;
END
$$;

COMMENT ON FUNCTION @extschema@._gravity_lonlat(text, geometry[]) IS
'Internal to the gravity functions of synergy_postgis: the geometries as WGS84 geography, after checking that none is NULL, empty or without an SRID (errors name fname).';

-- Availability: 0.2.0
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
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT @extschema@.gravity_strength(q_i, q_j,
		ST_Distance(g[1], g[2]) / 1000.0, k, alpha, beta, r)
	FROM (SELECT @extschema@._gravity_lonlat('gravity_strength', ARRAY[geom_i, geom_j]) AS g) s;
END;

COMMENT ON FUNCTION @extschema@.gravity_strength(float8, float8, geometry, geometry, float8, float8, float8, float8) IS
'Gravity linkage T_ij = k q_i^alpha q_j^beta / d^r with d the distance in km between the two geometries on the WGS84 spheroid (ST_Distance on geography); geometries need an SRID. Pass ST_Centroid(geom) for polygons.';

-- Availability: 0.2.0
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
LANGUAGE sql STABLE PARALLEL SAFE ROWS 1000
BEGIN ATOMIC
	SELECT l.i, l.j, l.distance, l.strength, l.membership, l.total, l.strongest
	FROM (SELECT @extschema@._gravity_lonlat('gravity_linkage', geoms) AS gg) s,
	LATERAL @extschema@.gravity_linkage(ids, masses,
		(SELECT pg_catalog.array_agg(d.rw ORDER BY d.o)
		 FROM (SELECT a.o,
		              pg_catalog.array_agg(CASE WHEN a.o = b.o THEN NULL::float8
		                  ELSE ST_Distance(a.g, b.g) / 1000.0 END ORDER BY b.o) AS rw
		       FROM pg_catalog.unnest(s.gg) WITH ORDINALITY a(g, o),
		            pg_catalog.unnest(s.gg) WITH ORDINALITY b(g, o)
		       GROUP BY a.o) d),
		k, alpha, beta, r, directional) l;
END;

COMMENT ON FUNCTION @extschema@.gravity_linkage(text[], float8[], geometry[], float8, float8, float8, float8, float8[]) IS
'gravity_linkage with distances in km on the WGS84 spheroid between the geometries (ST_Distance on geography), in the order of ids; geometries need an SRID.';
