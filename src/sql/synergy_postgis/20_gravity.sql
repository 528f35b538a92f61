-- The gravity model with geometries: distances in km on the spheroid
-- (ST_Distance on geography).  The geometries are checked first, so a NULL,
-- empty or SRID-less geometry gets a clear error rather than PostGIS's
-- internal one from ST_Transform.  STABLE, not IMMUTABLE: ST_Transform reads
-- spatial_ref_sys.  Every name is qualified (the extension's schema,
-- PostGIS's, pg_catalog's operators) and every PostGIS function gets its
-- full argument list in its exact types, so that no overload made later by
-- another role can match better; the search_path is pinned as well.

-- Availability: 0.2.0
CREATE FUNCTION @extschema@._gravity_lonlat(fname text, geoms @extschema:postgis@.geometry[])
RETURNS @extschema:postgis@.geography[]
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	out @extschema:postgis@.geography[] := '{}';
	g @extschema:postgis@.geometry;
	pos int := 0;
BEGIN
	IF geoms IS NULL THEN
		RETURN NULL;
	END IF;
	FOREACH g IN ARRAY geoms LOOP
		pos := pos OPERATOR(pg_catalog.+) 1;
		IF g IS NULL THEN
			RAISE EXCEPTION '%: geometry % is NULL', fname, pos
				USING ERRCODE = '22004', DETAIL = pg_catalog.format('Element %s of the geometries is NULL.', pos),
					  HINT = 'Give every city a location, or leave it out.';
		END IF;
		IF @extschema:postgis@.st_isempty(g) THEN
			RAISE EXCEPTION '%: geometry % is empty', fname, pos
				USING ERRCODE = '22023',
					  DETAIL = pg_catalog.format('Element %s is %s.', pos, @extschema:postgis@.st_astext(g)),
					  HINT = 'Give every city a location, or leave it out.';
		END IF;
		IF @extschema:postgis@.st_srid(g) OPERATOR(pg_catalog.=) 0 THEN
			RAISE EXCEPTION '%: geometry % has no SRID', fname, pos
				USING ERRCODE = '22023',
					  DETAIL = pg_catalog.format('Element %s is %s with SRID 0.', pos, @extschema:postgis@.st_astext(g)),
					  HINT = 'Set the coordinate system, e.g. ST_SetSRID(geom, 4326) for longitude and latitude.';
		END IF;
		out := pg_catalog.array_append(out,
			@extschema:postgis@.st_transform(g, 4326)::@extschema:postgis@.geography);
	END LOOP;
	RETURN out;
END
$$;

COMMENT ON FUNCTION @extschema@._gravity_lonlat(text, @extschema:postgis@.geometry[]) IS
'Internal to the gravity functions of synergy_postgis: the geometries as WGS84 geography, after checking that none is NULL, empty or without an SRID (errors name fname).';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.gravity_strength(
	q_i float8,
	q_j float8,
	geom_i @extschema:postgis@.geometry,
	geom_j @extschema:postgis@.geometry,
	k float8 DEFAULT 1,
	alpha float8 DEFAULT 1,
	beta float8 DEFAULT 1,
	r float8 DEFAULT 2)
RETURNS float8
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT @extschema:synergy@.gravity_strength(q_i, q_j,
		@extschema:postgis@.st_distance(s.g[1], s.g[2], true) OPERATOR(pg_catalog./) 1000.0::pg_catalog.float8,
		k, alpha, beta, r)
	FROM (SELECT @extschema@._gravity_lonlat('gravity_strength'::pg_catalog.text, ARRAY[geom_i, geom_j]) AS g) s;
END;

COMMENT ON FUNCTION @extschema@.gravity_strength(float8, float8, @extschema:postgis@.geometry, @extschema:postgis@.geometry, float8, float8, float8, float8) IS
'Gravity linkage T_ij = k q_i^alpha q_j^beta / d^r with d the distance in km between the two geometries on the WGS84 spheroid (ST_Distance on geography); geometries need an SRID. Pass ST_Centroid(geom) for polygons.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@._gravity_lengths(fname text, nids int, ids_ndims int, ngeoms int)
RETURNS void
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- From the arrays' headers, before the n x n distances are computed (n
-- the number of geometries): the core's own checks of ids come after them.
BEGIN
	IF ids_ndims OPERATOR(pg_catalog.>) 1 THEN
		RAISE EXCEPTION '%: ids must be a one-dimensional array', fname
			USING ERRCODE = '2202E', DETAIL = pg_catalog.format('The array has %s dimensions.', ids_ndims),
				  HINT = 'Pass array_agg(code ORDER BY code) and the other arrays in the same order.';
	END IF;
	IF ngeoms OPERATOR(pg_catalog.<>) nids THEN
		RAISE EXCEPTION '%: geoms has % elements but ids has %', fname, ngeoms, nids
			USING ERRCODE = '2202E', DETAIL = 'Every array argument has one element per city, in the order of ids.',
				  HINT = 'Build the arrays with array_agg(... ORDER BY id) over the same rows.';
	END IF;
END
$$;

COMMENT ON FUNCTION @extschema@._gravity_lengths(text, int, int, int) IS
'Internal to gravity_linkage over geometries: ids is one-dimensional with one element per geometry (errors name fname), checked before the distances are computed.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.gravity_linkage(
	ids text[],
	masses float8[],
	geoms @extschema:postgis@.geometry[],
	k float8 DEFAULT 1,
	alpha float8 DEFAULT 1,
	beta float8 DEFAULT 1,
	r float8 DEFAULT 2,
	directional float8[] DEFAULT NULL)
RETURNS TABLE (i text, j text, distance float8, strength float8, membership float8,
			   total float8, strongest boolean)
LANGUAGE sql STABLE PARALLEL SAFE ROWS 1000
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT @extschema@._gravity_lengths('gravity_linkage'::pg_catalog.text, pg_catalog.cardinality(ids),
		pg_catalog.array_ndims(ids), pg_catalog.cardinality(geoms));
	SELECT l.i, l.j, l.distance, l.strength, l.membership, l.total, l.strongest
	FROM (SELECT @extschema@._gravity_lonlat('gravity_linkage'::pg_catalog.text, geoms) AS gg) s,
	LATERAL @extschema:synergy@.gravity_linkage(ids, masses,
		(SELECT pg_catalog.array_agg(d.rw ORDER BY d.o)
		 FROM (SELECT a.o,
		              pg_catalog.array_agg(CASE WHEN a.o OPERATOR(pg_catalog.=) b.o THEN NULL::pg_catalog.float8
		                  ELSE @extschema:postgis@.st_distance(a.g, b.g, true) OPERATOR(pg_catalog./) 1000.0::pg_catalog.float8
		                  END ORDER BY b.o) AS rw
		       FROM pg_catalog.unnest(s.gg) WITH ORDINALITY a(g, o),
		            pg_catalog.unnest(s.gg) WITH ORDINALITY b(g, o)
		       GROUP BY a.o) d),
		k, alpha, beta, r, directional) l;
END;

COMMENT ON FUNCTION @extschema@.gravity_linkage(text[], float8[], @extschema:postgis@.geometry[], float8, float8, float8, float8, float8[]) IS
'gravity_linkage with distances in km on the WGS84 spheroid between the geometries (ST_Distance on geography), in the order of ids; geometries need an SRID.';
