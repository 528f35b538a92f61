
-- Spatial weights from geometries, with PostGIS's index-backed predicates,
-- in the shape that moran_i() and local_moran() take.

-- Availability: 0.1.0
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
