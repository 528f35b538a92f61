
-- Spatial weights from geometries, with PostGIS's index-backed predicates,
-- in the shape that moran_i() and local_moran() take.

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.spatial_weights(
	rel regclass,
	id_column name,
	geom_column name,
	method text DEFAULT 'queen',
	k int DEFAULT 4,
	distance float8 DEFAULT NULL,
	style text DEFAULT 'row')
RETURNS TABLE(id bigint, neighbours bigint[], weights float8[])
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
-- The checks and the query are _spatial_weights_query's (16_region_ids.sql):
-- integer id columns give bigint ids; a text id column is an error whose
-- HINT shows the call with id_type => NULL::text.
BEGIN
	RETURN QUERY EXECUTE @extschema@._spatial_weights_query('spatial_weights'::pg_catalog.text, rel, id_column,
		geom_column, method, k, distance, style, NULL::pg_catalog.regtype)
		USING distance, k;
END
$fn$;

COMMENT ON FUNCTION @extschema@.spatial_weights(regclass, name, name, text, int, float8, text) IS
'Neighbour lists of the rows of a table, one row per region (bigint id from an int2, int4 or int8 id column, neighbour ids, weights; islands get empty arrays; for text ids pass id_type => NULL::text): method ''queen'' (geometries share a point, ST_Intersects), ''rook'' (share a boundary line, ST_Relate ****1****), ''knn'' (k nearest by <->, ties by id among the k + 16 nearest) or ''distance'' (ST_DWithin distance, in the SRID''s units); style ''row'' (weights 1/|N_i|) or ''binary'' (both case-insensitive).  Uses the table''s GiST index.';

-- The same neighbour lists for geometries passed as an array (ids are the
-- array positions, 1-based; a name of its own, as an overload of
-- spatial_weights would make calls with literal arguments ambiguous), and Moran's I of (value, geometry) pairs in
-- one call: what GROUP BY year ... array_agg() gives.  No index serves an
-- array: the pairs are tested by bounding box first (inside ST_Intersects,
-- ST_DWithin), so a few thousand geometries take seconds; for more, build
-- the lists from a table with spatial_weights(rel, ...).

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.spatial_weights_array(
	geom @extschema:postgis@.geometry[],
	method text DEFAULT 'queen',
	k int DEFAULT 4,
	distance float8 DEFAULT NULL,
	style text DEFAULT 'row')
RETURNS TABLE(id bigint, neighbours bigint[], weights float8[])
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	-- options are case-insensitive: 'Queen' is 'queen'
	method := pg_catalog.lower(method);
	style := pg_catalog.lower(style);
	IF method IS NULL OR NOT method OPERATOR(pg_catalog.=) ANY ('{queen,rook,knn,distance}'::pg_catalog.text[]) THEN
		RAISE EXCEPTION 'spatial_weights_array: unknown method %', pg_catalog.quote_nullable(method)
			USING ERRCODE = '22023',
				  DETAIL = pg_catalog.format('The method is %s.', pg_catalog.quote_nullable(method)),
				  HINT = 'Use ''queen'', ''rook'' (polygons), ''knn'' or ''distance''.';
	END IF;
	IF style IS NULL OR NOT style OPERATOR(pg_catalog.=) ANY ('{row,binary}'::pg_catalog.text[]) THEN
		RAISE EXCEPTION 'spatial_weights_array: unknown style %', pg_catalog.quote_nullable(style)
			USING ERRCODE = '22023',
				  DETAIL = pg_catalog.format('The style is %s.', pg_catalog.quote_nullable(style)),
				  HINT = 'Use ''row'' (row-standardised, the default) or ''binary''.';
	END IF;
	IF method OPERATOR(pg_catalog.=) 'knn' AND (k IS NULL OR k OPERATOR(pg_catalog.<) 1) THEN
		RAISE EXCEPTION 'spatial_weights_array: k must be at least 1'
			USING ERRCODE = '22023', DETAIL = pg_catalog.format('k = %s.', pg_catalog.quote_nullable(k)),
				  HINT = 'Give the number of nearest neighbours, e.g. k => 4.';
	END IF;
	-- NaN >= 0 holds in PostgreSQL (NaN sorts above every number): test the range
	IF method OPERATOR(pg_catalog.=) 'distance'
	   AND (distance IS NULL OR NOT (distance OPERATOR(pg_catalog.>=) 0::pg_catalog.float8
	                                 AND distance OPERATOR(pg_catalog.<) 'Infinity'::pg_catalog.float8)) THEN
		RAISE EXCEPTION 'spatial_weights_array: distance must be a finite number >= 0'
			USING ERRCODE = '22023', DETAIL = pg_catalog.format('distance = %s.', pg_catalog.quote_nullable(distance)),
				  HINT = 'Give the band in the units of the SRID (degrees for 4326), e.g. distance => 50000.';
	END IF;
	-- one coordinate system, or PostGIS's predicates fail with an internal error
	IF (SELECT pg_catalog.count(DISTINCT @extschema:postgis@.st_srid(u.g)) FROM pg_catalog.unnest(geom) AS u(g))
	   OPERATOR(pg_catalog.>) 1 THEN
		RAISE EXCEPTION 'spatial_weights_array: the geometries have different SRIDs'
			USING ERRCODE = '22023',
				  DETAIL = pg_catalog.format('SRIDs %s.',
							 (SELECT pg_catalog.string_agg(DISTINCT @extschema:postgis@.st_srid(u.g)::pg_catalog.text, ', ')
								FROM pg_catalog.unnest(geom) AS u(g))),
				  HINT = 'Bring them to one system first, e.g. ST_Transform(geom, 4326), or ST_SetSRID for geometries without one.';
	END IF;
	RETURN QUERY
	WITH g AS (
		SELECT u.ord AS gid, u.g FROM pg_catalog.unnest(geom) WITH ORDINALITY AS u(g, ord)),
	links AS (
		SELECT a.gid, b.gid AS nb FROM g AS a JOIN g AS b ON a.gid OPERATOR(pg_catalog.<>) b.gid
		 WHERE method OPERATOR(pg_catalog.=) ANY ('{queen,rook}'::pg_catalog.text[])
		   AND @extschema:postgis@.st_intersects(a.g, b.g)
		   AND (method OPERATOR(pg_catalog.=) 'queen'
				OR @extschema:postgis@.st_relate(a.g, b.g, '****1****'::pg_catalog.text))
		UNION ALL
		SELECT a.gid, b.gid FROM g AS a JOIN g AS b ON a.gid OPERATOR(pg_catalog.<>) b.gid
		 WHERE method OPERATOR(pg_catalog.=) 'distance' AND @extschema:postgis@.st_dwithin(a.g, b.g, distance)
		UNION ALL
		SELECT a.gid, s.gid FROM g AS a
		 CROSS JOIN LATERAL (
			SELECT b.gid FROM g AS b
			 WHERE b.gid OPERATOR(pg_catalog.<>) a.gid AND b.g IS NOT NULL AND NOT @extschema:postgis@.st_isempty(b.g)
			 ORDER BY a.g OPERATOR(@extschema:postgis@.<->) b.g, b.gid LIMIT k) AS s
		 WHERE method OPERATOR(pg_catalog.=) 'knn' AND a.g IS NOT NULL AND NOT @extschema:postgis@.st_isempty(a.g)),
	lists AS (
		SELECT l.gid, pg_catalog.array_agg(l.nb ORDER BY l.nb) AS nbs,
			   pg_catalog.array_fill(CASE WHEN style OPERATOR(pg_catalog.=) 'row'
										  THEN 1.0::pg_catalog.float8 OPERATOR(pg_catalog./) pg_catalog.count(*)::pg_catalog.float8
										  ELSE 1.0::pg_catalog.float8 END,
									 ARRAY[pg_catalog.count(*)::pg_catalog.int4]) AS ws
		  FROM links AS l GROUP BY l.gid)
	SELECT g.gid, coalesce(lists.nbs, '{}'::pg_catalog.int8[]), coalesce(lists.ws, '{}'::pg_catalog.float8[])
	  FROM g LEFT JOIN lists ON lists.gid OPERATOR(pg_catalog.=) g.gid
	 ORDER BY g.gid;
END
$fn$;

COMMENT ON FUNCTION @extschema@.spatial_weights_array(@extschema:postgis@.geometry[], text, int, float8, text) IS
'Neighbour lists of the geometries of an array (ids are the 1-based positions; NULL or empty geometries are islands), with the methods and styles of spatial_weights(rel, ...); pairs are tested without an index (bounding boxes first), so use the table form beyond a few thousand geometries.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.moran_i(
	value float8[],
	geom @extschema:postgis@.geometry[],
	method text DEFAULT 'queen',
	k int DEFAULT 4,
	distance float8 DEFAULT NULL,
	style text DEFAULT 'row',
	permutations int DEFAULT 0,
	seed bigint DEFAULT 1)
RETURNS @extschema:synergy@.moran_result
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	result @extschema:synergy@.moran_result;
BEGIN
	IF value IS NULL OR geom IS NULL THEN
		RETURN NULL;
	END IF;
	IF pg_catalog.cardinality(value) OPERATOR(pg_catalog.<>) pg_catalog.cardinality(geom) THEN
		RAISE EXCEPTION 'moran_i: value and geom must have the same length'
			USING ERRCODE = '2202E',
				  DETAIL = pg_catalog.format('value has %s elements, geom %s.', pg_catalog.cardinality(value), pg_catalog.cardinality(geom)),
				  HINT = 'Aggregate both in the same order: array_agg(v ORDER BY id), array_agg(geom ORDER BY id).';
	END IF;
	result := (SELECT @extschema:synergy@.moran_i(v.x, v.ord, w.neighbours, w.weights, moran_i.permutations, moran_i.seed)
				 FROM pg_catalog.unnest(value) WITH ORDINALITY AS v(x, ord)
				 JOIN @extschema@.spatial_weights_array(geom, method, k, distance, style) AS w
				   ON w.id OPERATOR(pg_catalog.=) v.ord);
	RETURN result;
END
$fn$;

COMMENT ON FUNCTION @extschema@.moran_i(float8[], @extschema:postgis@.geometry[], text, int, float8, text, int, bigint) IS
'Global Moran''s I of value over the geometries at the same positions (e.g. array_agg per year), with the neighbour lists of spatial_weights_array(geom, method, k, distance, style); NULL values leave their region out.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.local_moran(
	value float8[],
	geom @extschema:postgis@.geometry[],
	method text DEFAULT 'queen',
	k int DEFAULT 4,
	distance float8 DEFAULT NULL,
	style text DEFAULT 'row',
	permutations int DEFAULT 0,
	seed bigint DEFAULT 1,
	significance float8 DEFAULT 0.05)
RETURNS TABLE(ord bigint, i float8, expected float8, variance float8, z float8, p float8, quadrant text)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	IF value IS NULL OR geom IS NULL THEN
		RETURN;
	END IF;
	IF pg_catalog.cardinality(value) OPERATOR(pg_catalog.<>) pg_catalog.cardinality(geom) THEN
		RAISE EXCEPTION 'local_moran: value and geom must have the same length'
			USING ERRCODE = '2202E',
				  DETAIL = pg_catalog.format('value has %s elements, geom %s.', pg_catalog.cardinality(value), pg_catalog.cardinality(geom)),
				  HINT = 'Aggregate both in the same order: array_agg(v ORDER BY id), array_agg(geom ORDER BY id).';
	END IF;
	RETURN QUERY
	SELECT s.ord, (s.l).i, (s.l).expected, (s.l).variance, (s.l).z, (s.l).p, (s.l).quadrant
	  FROM (SELECT v.ord, @extschema:synergy@.local_moran(v.x, v.ord, w.neighbours, w.weights, local_moran.permutations,
															local_moran.seed, local_moran.significance) OVER () AS l
			  FROM pg_catalog.unnest(value) WITH ORDINALITY AS v(x, ord)
			  JOIN @extschema@.spatial_weights_array(geom, method, k, distance, style) AS w
				ON w.id OPERATOR(pg_catalog.=) v.ord) AS s
	 ORDER BY s.ord;
END
$fn$;

COMMENT ON FUNCTION @extschema@.local_moran(float8[], @extschema:postgis@.geometry[], text, int, float8, text, int, bigint, float8) IS
'Local Moran''s I (LISA) of value over the geometries at the same positions: one row per position (ord, 1-based) with I_i, E, Var, z, p and the quadrant, as local_moran(value, id, neighbours, ...) OVER ().';
