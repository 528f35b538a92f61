-- gravity_linkage over geometries with int and bigint city ids: the distance
-- matrix in km on the WGS84 spheroid (as the text form computes it), handed
-- to the core's int[] / bigint[] forms, so i and j keep the ids' type.

-- Availability: 0.3.0
CREATE FUNCTION @extschema@._gravity_km_matrix(geoms @extschema:postgis@.geometry[])
RETURNS float8[]
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT pg_catalog.array_agg(d.rw ORDER BY d.o)
	FROM (SELECT a.o,
	             pg_catalog.array_agg(CASE WHEN a.o OPERATOR(pg_catalog.=) b.o THEN NULL::pg_catalog.float8
	                 ELSE @extschema:postgis@.st_distance(a.g, b.g, true) OPERATOR(pg_catalog./) 1000.0::pg_catalog.float8
	                 END ORDER BY b.o) AS rw
	      FROM pg_catalog.unnest(@extschema@._gravity_lonlat('gravity_linkage'::pg_catalog.text, geoms)) WITH ORDINALITY a(g, o),
	           pg_catalog.unnest(@extschema@._gravity_lonlat('gravity_linkage'::pg_catalog.text, geoms)) WITH ORDINALITY b(g, o)
	      GROUP BY a.o) d;
END;
COMMENT ON FUNCTION @extschema@._gravity_km_matrix(@extschema:postgis@.geometry[]) IS
'Internal to gravity_linkage over geometries: the n x n distances in km on the WGS84 spheroid (diagonal NULL), after _gravity_lonlat''s checks.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.gravity_linkage(
	ids int[],
	masses float8[],
	geoms @extschema:postgis@.geometry[],
	k float8 DEFAULT 1,
	alpha float8 DEFAULT 1,
	beta float8 DEFAULT 1,
	r float8 DEFAULT 2,
	directional float8[] DEFAULT NULL)
RETURNS TABLE (i int, j int, distance float8, strength float8, membership float8,
			   total float8, strongest boolean)
LANGUAGE sql STABLE PARALLEL SAFE ROWS 1000
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT @extschema@._gravity_lengths('gravity_linkage'::pg_catalog.text, pg_catalog.cardinality(ids),
		pg_catalog.array_ndims(ids), pg_catalog.cardinality(geoms));
	SELECT l.i, l.j, l.distance, l.strength, l.membership, l.total, l.strongest
	FROM @extschema:synergy@.gravity_linkage(ids, masses, @extschema@._gravity_km_matrix(geoms),
		k, alpha, beta, r, directional) l;
END;
COMMENT ON FUNCTION @extschema@.gravity_linkage(int[], float8[], @extschema:postgis@.geometry[], float8, float8, float8, float8, float8[]) IS
'gravity_linkage(ids, masses, geoms, ...) with int city ids: i and j are int; distances in km on the WGS84 spheroid as in the text form.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.gravity_linkage(
	ids bigint[],
	masses float8[],
	geoms @extschema:postgis@.geometry[],
	k float8 DEFAULT 1,
	alpha float8 DEFAULT 1,
	beta float8 DEFAULT 1,
	r float8 DEFAULT 2,
	directional float8[] DEFAULT NULL)
RETURNS TABLE (i bigint, j bigint, distance float8, strength float8, membership float8,
			   total float8, strongest boolean)
LANGUAGE sql STABLE PARALLEL SAFE ROWS 1000
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT @extschema@._gravity_lengths('gravity_linkage'::pg_catalog.text, pg_catalog.cardinality(ids),
		pg_catalog.array_ndims(ids), pg_catalog.cardinality(geoms));
	SELECT l.i, l.j, l.distance, l.strength, l.membership, l.total, l.strongest
	FROM @extschema:synergy@.gravity_linkage(ids, masses, @extschema@._gravity_km_matrix(geoms),
		k, alpha, beta, r, directional) l;
END;
COMMENT ON FUNCTION @extschema@.gravity_linkage(bigint[], float8[], @extschema:postgis@.geometry[], float8, float8, float8, float8, float8[]) IS
'gravity_linkage(ids, masses, geoms, ...) with bigint city ids: i and j are bigint; distances in km on the WGS84 spheroid as in the text form.';
