
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
SET search_path FROM CURRENT
AS $fn$
DECLARE
	pair text;
BEGIN
	IF method IS NULL OR method NOT IN ('queen', 'rook', 'knn', 'distance') THEN
		RAISE EXCEPTION 'spatial_weights: unknown method %', coalesce(quote_literal(method), 'NULL')
			USING ERRCODE = '22023',
				  DETAIL = 'The method is ' || coalesce(quote_literal(method), 'NULL') || '.',
				  HINT = 'Use ''queen'', ''rook'' (polygons), ''knn'' or ''distance''.';
	END IF;
	IF style IS NULL OR style NOT IN ('row', 'binary') THEN
		RAISE EXCEPTION 'spatial_weights: unknown style %', coalesce(quote_literal(style), 'NULL')
			USING ERRCODE = '22023',
				  DETAIL = 'The style is ' || coalesce(quote_literal(style), 'NULL') || '.',
				  HINT = 'Use ''row'' (row-standardised, the default) or ''binary''.';
	END IF;
	IF method = 'knn' AND (k IS NULL OR k < 1) THEN
		RAISE EXCEPTION 'spatial_weights: k must be at least 1'
			USING ERRCODE = '22023', DETAIL = format('k = %s.', k),
				  HINT = 'Give the number of nearest neighbours, e.g. k => 4.';
	END IF;
	IF method = 'distance' AND (distance IS NULL OR NOT distance >= 0 OR distance = 'Infinity') THEN
		RAISE EXCEPTION 'spatial_weights: distance must be a finite number >= 0'
			USING ERRCODE = '22023', DETAIL = format('distance = %s.', distance),
				  HINT = 'Give the band in the units of the SRID (degrees for 4326), e.g. distance => 50000.';
	END IF;
	-- one coordinate system, or PostGIS's predicates fail with an internal
	-- error (a column typed geometry(..., srid) is checked by PostgreSQL)
	EXECUTE format('SELECT pg_catalog.string_agg(DISTINCT ST_SRID(%1$I)::text, '', '') FROM %2$s', geom_column, rel)
		INTO pair;
	IF pair LIKE '%,%' THEN
		RAISE EXCEPTION 'spatial_weights: the geometries of %.% have different SRIDs', rel, geom_column
			USING ERRCODE = '22023', DETAIL = 'SRIDs ' || pair || '.',
				  HINT = 'Bring them to one system first, e.g. ST_Transform(geom, 4326), or ST_SetSRID for geometries without one.';
	END IF;
	-- the table is joined to itself directly, so its GiST index serves the
	-- predicate (a CTE would hide it)
	pair := CASE method
		WHEN 'queen' THEN
			'JOIN %3$s AS b ON ST_Intersects(a.%2$I, b.%2$I) AND a.%1$I <> b.%1$I'
		WHEN 'rook' THEN
			'JOIN %3$s AS b ON ST_Intersects(a.%2$I, b.%2$I) AND a.%1$I <> b.%1$I
			   AND ST_Relate(a.%2$I, b.%2$I, ''****1****'')'
		WHEN 'distance' THEN
			'JOIN %3$s AS b ON ST_DWithin(a.%2$I, b.%2$I, %4$s) AND a.%1$I <> b.%1$I'
		ELSE
			-- the inner ORDER BY is the distance alone, so the GiST index
			-- returns the nearest first; ties are then broken by id
			'CROSS JOIN LATERAL (SELECT s.%1$I FROM (
			   SELECT c.%1$I, c.%2$I <-> a.%2$I AS dist FROM %3$s AS c
			    WHERE c.%1$I <> a.%1$I AND c.%2$I IS NOT NULL AND NOT ST_IsEmpty(c.%2$I)
			    ORDER BY c.%2$I <-> a.%2$I LIMIT %5$s + 16) AS s
			  ORDER BY s.dist, s.%1$I LIMIT %5$s) AS b'
	END;
	RETURN QUERY EXECUTE format(
		'WITH links AS (
		   SELECT a.%1$I::bigint AS id, b.%1$I::bigint AS nb FROM %3$s AS a ' || pair || '
		    WHERE a.%2$I IS NOT NULL AND NOT ST_IsEmpty(a.%2$I)),
		 lists AS (
		   SELECT l.id, array_agg(l.nb ORDER BY l.nb) AS nbs,
		          array_fill(%6$s, ARRAY[count(*)::int]) AS ws
		     FROM links AS l GROUP BY l.id)
		 SELECT r.id, coalesce(lists.nbs, ''{}''::bigint[]), coalesce(lists.ws, ''{}''::float8[])
		   FROM (SELECT DISTINCT %1$I::bigint AS id FROM %3$s WHERE %1$I IS NOT NULL) AS r
		   LEFT JOIN lists ON lists.id = r.id
		  ORDER BY r.id',
		id_column, geom_column, rel, distance, k,
		CASE style WHEN 'row' THEN '1.0::float8 / count(*)' ELSE '1.0::float8' END);
END
$fn$;

COMMENT ON FUNCTION @extschema@.spatial_weights(regclass, name, name, text, int, float8, text) IS
'Neighbour lists of the rows of a table, one row per region (id, neighbour ids, weights; islands get empty arrays): method ''queen'' (geometries share a point, ST_Intersects), ''rook'' (share a boundary line, ST_Relate ****1****), ''knn'' (k nearest by <->, ties by id among the k + 16 nearest) or ''distance'' (ST_DWithin distance, in the SRID''s units); style ''row'' (weights 1/|N_i|) or ''binary''.  Uses the table''s GiST index.';

-- The same neighbour lists for geometries passed as an array (ids are the
-- array positions, 1-based; a name of its own, as an overload of
-- spatial_weights would make calls with literal arguments ambiguous), and Moran's I of (value, geometry) pairs in
-- one call: what GROUP BY year ... array_agg() gives.  No index serves an
-- array: the pairs are tested by bounding box first (inside ST_Intersects,
-- ST_DWithin), so a few thousand geometries take seconds; for more, build
-- the lists from a table with spatial_weights(rel, ...).

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.spatial_weights_array(
	geom geometry[],
	method text DEFAULT 'queen',
	k int DEFAULT 4,
	distance float8 DEFAULT NULL,
	style text DEFAULT 'row')
RETURNS TABLE(id bigint, neighbours bigint[], weights float8[])
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $fn$
BEGIN
	IF method IS NULL OR method NOT IN ('queen', 'rook', 'knn', 'distance') THEN
		RAISE EXCEPTION 'spatial_weights_array: unknown method %', coalesce(quote_literal(method), 'NULL')
			USING ERRCODE = '22023',
				  DETAIL = 'The method is ' || coalesce(quote_literal(method), 'NULL') || '.',
				  HINT = 'Use ''queen'', ''rook'' (polygons), ''knn'' or ''distance''.';
	END IF;
	IF style IS NULL OR style NOT IN ('row', 'binary') THEN
		RAISE EXCEPTION 'spatial_weights_array: unknown style %', coalesce(quote_literal(style), 'NULL')
			USING ERRCODE = '22023',
				  DETAIL = 'The style is ' || coalesce(quote_literal(style), 'NULL') || '.',
				  HINT = 'Use ''row'' (row-standardised, the default) or ''binary''.';
	END IF;
	IF method = 'knn' AND (k IS NULL OR k < 1) THEN
		RAISE EXCEPTION 'spatial_weights_array: k must be at least 1'
			USING ERRCODE = '22023', DETAIL = format('k = %s.', k),
				  HINT = 'Give the number of nearest neighbours, e.g. k => 4.';
	END IF;
	IF method = 'distance' AND (distance IS NULL OR NOT distance >= 0 OR distance = 'Infinity') THEN
		RAISE EXCEPTION 'spatial_weights_array: distance must be a finite number >= 0'
			USING ERRCODE = '22023', DETAIL = format('distance = %s.', distance),
				  HINT = 'Give the band in the units of the SRID (degrees for 4326), e.g. distance => 50000.';
	END IF;
	-- one coordinate system, or PostGIS's predicates fail with an internal error
	IF (SELECT pg_catalog.count(DISTINCT ST_SRID(u.g)) FROM pg_catalog.unnest(geom) AS u(g)) > 1 THEN
		RAISE EXCEPTION 'spatial_weights_array: the geometries have different SRIDs'
			USING ERRCODE = '22023',
				  DETAIL = 'SRIDs ' || (SELECT pg_catalog.string_agg(DISTINCT ST_SRID(u.g)::text, ', ')
										FROM pg_catalog.unnest(geom) AS u(g)) || '.',
				  HINT = 'Bring them to one system first, e.g. ST_Transform(geom, 4326), or ST_SetSRID for geometries without one.';
	END IF;
	RETURN QUERY
	WITH g AS (
		SELECT u.ord AS gid, u.g FROM pg_catalog.unnest(geom) WITH ORDINALITY AS u(g, ord)),
	links AS (
		SELECT a.gid, b.gid AS nb FROM g AS a JOIN g AS b ON a.gid <> b.gid
		 WHERE method IN ('queen', 'rook') AND ST_Intersects(a.g, b.g)
		   AND (method = 'queen' OR ST_Relate(a.g, b.g, '****1****'))
		UNION ALL
		SELECT a.gid, b.gid FROM g AS a JOIN g AS b ON a.gid <> b.gid
		 WHERE method = 'distance' AND ST_DWithin(a.g, b.g, distance)
		UNION ALL
		SELECT a.gid, s.gid FROM g AS a
		 CROSS JOIN LATERAL (
			SELECT b.gid FROM g AS b
			 WHERE b.gid <> a.gid AND b.g IS NOT NULL AND NOT ST_IsEmpty(b.g)
			 ORDER BY a.g <-> b.g, b.gid LIMIT k) AS s
		 WHERE method = 'knn' AND a.g IS NOT NULL AND NOT ST_IsEmpty(a.g)),
	lists AS (
		SELECT l.gid, pg_catalog.array_agg(l.nb ORDER BY l.nb) AS nbs,
			   pg_catalog.array_fill(CASE style WHEN 'row' THEN 1.0::float8 / pg_catalog.count(*) ELSE 1.0::float8 END,
									 ARRAY[pg_catalog.count(*)::int]) AS ws
		  FROM links AS l GROUP BY l.gid)
	SELECT g.gid, coalesce(lists.nbs, '{}'::bigint[]), coalesce(lists.ws, '{}'::float8[])
	  FROM g LEFT JOIN lists ON lists.gid = g.gid
	 ORDER BY g.gid;
END
$fn$;

COMMENT ON FUNCTION @extschema@.spatial_weights_array(geometry[], text, int, float8, text) IS
'Neighbour lists of the geometries of an array (ids are the 1-based positions; NULL or empty geometries are islands), with the methods and styles of spatial_weights(rel, ...); pairs are tested without an index (bounding boxes first), so use the table form beyond a few thousand geometries.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.moran_i(
	value float8[],
	geom geometry[],
	method text DEFAULT 'queen',
	k int DEFAULT 4,
	distance float8 DEFAULT NULL,
	style text DEFAULT 'row',
	permutations int DEFAULT 0,
	seed bigint DEFAULT 1)
RETURNS @extschema@.moran_result
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $fn$
DECLARE
	result @extschema@.moran_result;
BEGIN
	IF value IS NULL OR geom IS NULL THEN
		RETURN NULL;
	END IF;
	IF pg_catalog.cardinality(value) <> pg_catalog.cardinality(geom) THEN
		RAISE EXCEPTION 'moran_i: value and geom must have the same length'
			USING ERRCODE = '2202E',
				  DETAIL = format('value has %s elements, geom %s.', pg_catalog.cardinality(value), pg_catalog.cardinality(geom)),
				  HINT = 'Aggregate both in the same order: array_agg(v ORDER BY id), array_agg(geom ORDER BY id).';
	END IF;
	result := (SELECT moran_i(v.x, v.ord, w.neighbours, w.weights, moran_i.permutations, moran_i.seed)
				 FROM pg_catalog.unnest(value) WITH ORDINALITY AS v(x, ord)
				 JOIN spatial_weights_array(geom, method, k, distance, style) AS w ON w.id = v.ord);
	RETURN result;
END
$fn$;

COMMENT ON FUNCTION @extschema@.moran_i(float8[], geometry[], text, int, float8, text, int, bigint) IS
'Global Moran''s I of value over the geometries at the same positions (e.g. array_agg per year), with the neighbour lists of spatial_weights_array(geom, method, k, distance, style); NULL values leave their region out.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.local_moran(
	value float8[],
	geom geometry[],
	method text DEFAULT 'queen',
	k int DEFAULT 4,
	distance float8 DEFAULT NULL,
	style text DEFAULT 'row',
	permutations int DEFAULT 0,
	seed bigint DEFAULT 1,
	significance float8 DEFAULT 0.05)
RETURNS TABLE(ord bigint, i float8, expected float8, variance float8, z float8, p float8, quadrant text)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $fn$
BEGIN
	IF value IS NULL OR geom IS NULL THEN
		RETURN;
	END IF;
	IF pg_catalog.cardinality(value) <> pg_catalog.cardinality(geom) THEN
		RAISE EXCEPTION 'local_moran: value and geom must have the same length'
			USING ERRCODE = '2202E',
				  DETAIL = format('value has %s elements, geom %s.', pg_catalog.cardinality(value), pg_catalog.cardinality(geom)),
				  HINT = 'Aggregate both in the same order: array_agg(v ORDER BY id), array_agg(geom ORDER BY id).';
	END IF;
	RETURN QUERY
	SELECT s.ord, (s.l).i, (s.l).expected, (s.l).variance, (s.l).z, (s.l).p, (s.l).quadrant
	  FROM (SELECT v.ord, local_moran(v.x, v.ord, w.neighbours, w.weights, local_moran.permutations,
									  local_moran.seed, local_moran.significance) OVER () AS l
			  FROM pg_catalog.unnest(value) WITH ORDINALITY AS v(x, ord)
			  JOIN spatial_weights_array(geom, method, k, distance, style) AS w ON w.id = v.ord) AS s
	 ORDER BY s.ord;
END
$fn$;

COMMENT ON FUNCTION @extschema@.local_moran(float8[], geometry[], text, int, float8, text, int, bigint, float8) IS
'Local Moran''s I (LISA) of value over the geometries at the same positions: one row per position (ord, 1-based) with I_i, E, Var, z, p and the quadrant, as local_moran(value, id, neighbours, ...) OVER ().';
