
-- Region ids of any integer or text type (issue 12) for the PostGIS forms:
-- spatial_weights with id_type => NULL::text (or NULL::int, NULL::bigint),
-- spatial_weights_array and local_moran over arrays with ids => array_agg(code)
-- (explicit int[], bigint[] and text[] overloads: a polymorphic one could be
-- outmatched by a concrete overload that another role creates in the
-- extension's schema; spatial_weights needs anyelement, as a text id_type
-- would make its positional calls ambiguous: docs/spatial.md).
-- Every check of spatial_weights is made here, before any query on the
-- table runs, so that a missing relation or column, a column of the wrong
-- type or a table the caller may not read gives synergy's own error, never
-- an internal query (docs/spatial.md, "Region ids").

-- Availability: 0.3.0
CREATE FUNCTION @extschema@._spatial_weights_query(
	fname text,
	rel regclass,
	id_column name,
	geom_column name,
	method text,
	k int,
	distance float8,
	style text,
	id_type regtype)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
-- Every name is qualified, in the generated query too: the table's columns
-- may have types made by any role, so operators are written
-- OPERATOR(schema.op) and PostGIS's functions get geometry arguments
-- (an exact match no overload can beat); the band ($1) and k ($2) are
-- parameters.  id_type NULL: the bigint form (integer id columns only).
DECLARE
	col text;
	coltype oid;
	idbase oid;
	basetype oid;
	out_type text;
	idexpr text;
	pair text;
	srids text;
	lmethod text := pg_catalog.lower(method);
	lstyle text := pg_catalog.lower(style);
	textual oid[] := ARRAY['pg_catalog.text'::pg_catalog.regtype, 'pg_catalog.varchar'::pg_catalog.regtype,
						   'pg_catalog.bpchar'::pg_catalog.regtype, 'pg_catalog.name'::pg_catalog.regtype]::pg_catalog.oid[];
	integral oid[] := ARRAY['pg_catalog.int2'::pg_catalog.regtype, 'pg_catalog.int4'::pg_catalog.regtype,
							'pg_catalog.int8'::pg_catalog.regtype]::pg_catalog.oid[];
BEGIN
	IF lmethod IS NULL OR NOT lmethod OPERATOR(pg_catalog.=) ANY ('{queen,rook,knn,distance}'::pg_catalog.text[]) THEN
		RAISE EXCEPTION '%: unknown method %', fname, pg_catalog.quote_nullable(method)
			USING ERRCODE = '22023',
				  DETAIL = pg_catalog.format('The method is %s.', pg_catalog.quote_nullable(method)),
				  HINT = CASE WHEN method IS NULL
							  THEN 'Use ''queen'', ''rook'' (polygons), ''knn'' or ''distance''; to ask for text or int ids, pass id_type by name: spatial_weights(rel, id_column, geom_column, id_type => NULL::text).'
							  ELSE 'Use ''queen'', ''rook'' (polygons), ''knn'' or ''distance'' (in any case).' END;
	END IF;
	IF lstyle IS NULL OR NOT lstyle OPERATOR(pg_catalog.=) ANY ('{row,binary}'::pg_catalog.text[]) THEN
		RAISE EXCEPTION '%: unknown style %', fname, pg_catalog.quote_nullable(style)
			USING ERRCODE = '22023',
				  DETAIL = pg_catalog.format('The style is %s.', pg_catalog.quote_nullable(style)),
				  HINT = 'Use ''row'' (row-standardised, the default) or ''binary'' (in any case).';
	END IF;
	IF lmethod OPERATOR(pg_catalog.=) 'knn' AND (k IS NULL OR k OPERATOR(pg_catalog.<) 1) THEN
		RAISE EXCEPTION '%: k must be at least 1', fname
			USING ERRCODE = '22023', DETAIL = pg_catalog.format('k = %s.', pg_catalog.quote_nullable(k)),
				  HINT = 'Give the number of nearest neighbours, e.g. k => 4.';
	END IF;
	-- NaN >= 0 holds in PostgreSQL (NaN sorts above every number): test the range
	IF lmethod OPERATOR(pg_catalog.=) 'distance'
	   AND (distance IS NULL OR NOT (distance OPERATOR(pg_catalog.>=) 0::pg_catalog.float8
	                                 AND distance OPERATOR(pg_catalog.<) 'Infinity'::pg_catalog.float8)) THEN
		RAISE EXCEPTION '%: distance must be a finite number >= 0', fname
			USING ERRCODE = '22023', DETAIL = pg_catalog.format('distance = %s.', pg_catalog.quote_nullable(distance)),
				  HINT = 'Give the band in the units of the SRID (degrees for 4326), e.g. distance => 50000.';
	END IF;
	IF rel IS NULL OR id_column IS NULL OR geom_column IS NULL THEN
		RAISE EXCEPTION '%: rel, id_column and geom_column must not be NULL', fname
			USING ERRCODE = '22004',
				  DETAIL = pg_catalog.format('rel = %s, id_column = %s, geom_column = %s.', pg_catalog.quote_nullable(rel),
											 pg_catalog.quote_nullable(id_column), pg_catalog.quote_nullable(geom_column)),
				  HINT = 'Name the table and its id and geometry columns, e.g. spatial_weights(''regions'', ''id'', ''geom'').';
	END IF;
	-- a regclass is only an oid: a dropped or made-up one has no table behind it
	IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) rel::pg_catalog.oid
					  AND c.relkind OPERATOR(pg_catalog.=) ANY ('{r,v,m,f,p}'::pg_catalog."char"[])) THEN
		RAISE EXCEPTION '%: relation with OID % does not exist', fname, rel::pg_catalog.oid
			USING ERRCODE = '42P01',
				  DETAIL = 'The rel argument names no table, view or materialized view (dropped, or a number cast to regclass).',
				  HINT = 'Pass the table by name, e.g. ''public.regions''::regclass.';
	END IF;
	FOREACH col IN ARRAY ARRAY[id_column, geom_column]::pg_catalog.text[] LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
					   WHERE a.attrelid OPERATOR(pg_catalog.=) rel::pg_catalog.oid
						 AND a.attname OPERATOR(pg_catalog.=) col::pg_catalog.name
						 AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped) THEN
			RAISE EXCEPTION '%: column % of % does not exist', fname, pg_catalog.quote_ident(col), rel
				USING ERRCODE = '42703',
					  DETAIL = pg_catalog.format('id_column = %s, geom_column = %s; the columns of %s are %s.',
												 pg_catalog.quote_ident(id_column), pg_catalog.quote_ident(geom_column), rel,
												 (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum)
													FROM pg_catalog.pg_attribute a
												   WHERE a.attrelid OPERATOR(pg_catalog.=) rel::pg_catalog.oid
													 AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped)),
					  HINT = 'Give the names of the table''s id and geometry columns (case matters for quoted names).';
		END IF;
	END LOOP;
	-- the caller reads the table: say so before a query fails on it
	IF NOT (pg_catalog.has_column_privilege(rel::pg_catalog.oid, id_column::pg_catalog.text, 'SELECT')
			AND pg_catalog.has_column_privilege(rel::pg_catalog.oid, geom_column::pg_catalog.text, 'SELECT')) THEN
		RAISE EXCEPTION '%: permission denied to read %', fname, rel
			USING ERRCODE = '42501',
				  DETAIL = pg_catalog.format('Role %s may not SELECT %s of %s.', CURRENT_USER,
											 (SELECT pg_catalog.string_agg('column ' OPERATOR(pg_catalog.||) pg_catalog.quote_ident(c.col), ' and ')
												FROM pg_catalog.unnest(ARRAY[id_column, geom_column]::pg_catalog.text[]) AS c(col)
											   WHERE NOT pg_catalog.has_column_privilege(rel::pg_catalog.oid, c.col, 'SELECT')), rel),
				  HINT = pg_catalog.format('Ask the owner for GRANT SELECT (%s, %s) ON %s TO %s.',
										   pg_catalog.quote_ident(id_column), pg_catalog.quote_ident(geom_column), rel,
										   pg_catalog.quote_ident(CURRENT_USER));
	END IF;
	-- the id column: an integer or a string type (or a domain over one)
	SELECT a.atttypid INTO coltype FROM pg_catalog.pg_attribute a
	 WHERE a.attrelid OPERATOR(pg_catalog.=) rel::pg_catalog.oid AND a.attname OPERATOR(pg_catalog.=) id_column;
	idbase := coltype;
	WHILE (SELECT t.typtype FROM pg_catalog.pg_type t WHERE t.oid OPERATOR(pg_catalog.=) idbase) OPERATOR(pg_catalog.=) 'd' LOOP
		SELECT t.typbasetype INTO idbase FROM pg_catalog.pg_type t WHERE t.oid OPERATOR(pg_catalog.=) idbase;
	END LOOP;
	IF id_type IS NULL THEN
		IF idbase OPERATOR(pg_catalog.=) ANY (textual) THEN
			RAISE EXCEPTION '%: id column %.% is %, not an integer', fname, rel, pg_catalog.quote_ident(id_column),
				pg_catalog.format_type(coltype, NULL)
				USING ERRCODE = '42804',
					  DETAIL = 'This form of spatial_weights returns bigint ids.',
					  HINT = pg_catalog.format('For text ids, ask for them: spatial_weights(%L, %L, %L, id_type => NULL::text).',
											   rel::pg_catalog.text, id_column, geom_column);
		END IF;
		id_type := 'pg_catalog.int8'::pg_catalog.regtype;
	END IF;
	IF NOT id_type::pg_catalog.oid OPERATOR(pg_catalog.=) ANY (ARRAY['pg_catalog.int4'::pg_catalog.regtype,
			'pg_catalog.int8'::pg_catalog.regtype, 'pg_catalog.text'::pg_catalog.regtype]::pg_catalog.oid[]) THEN
		RAISE EXCEPTION '%: id_type % is not supported', fname, id_type
			USING ERRCODE = '42804',
				  DETAIL = pg_catalog.format('id_type => NULL::%s.', id_type),
				  HINT = 'Pass id_type => NULL::int, NULL::bigint or NULL::text: the types that moran_i and local_moran take.';
	END IF;
	IF NOT (idbase OPERATOR(pg_catalog.=) ANY (integral)
			AND (id_type::pg_catalog.oid OPERATOR(pg_catalog.<>) 'pg_catalog.int4'::pg_catalog.regtype::pg_catalog.oid
				 OR idbase OPERATOR(pg_catalog.<>) 'pg_catalog.int8'::pg_catalog.regtype::pg_catalog.oid)
			OR idbase OPERATOR(pg_catalog.=) ANY (textual)
			   AND id_type::pg_catalog.oid OPERATOR(pg_catalog.=) 'pg_catalog.text'::pg_catalog.regtype::pg_catalog.oid) THEN
		RAISE EXCEPTION '%: id column %.% is %, which gives no % ids', fname, rel, pg_catalog.quote_ident(id_column),
			pg_catalog.format_type(coltype, NULL), id_type
			USING ERRCODE = '42804',
				  DETAIL = pg_catalog.format('id_column = %s, id_type => NULL::%s.', pg_catalog.quote_ident(id_column), id_type),
				  HINT = CASE WHEN idbase OPERATOR(pg_catalog.=) ANY (textual)
							  THEN pg_catalog.format('Use id_type => NULL::text for a %s column.', pg_catalog.format_type(coltype, NULL))
							  WHEN idbase OPERATOR(pg_catalog.=) ANY (integral)
							  THEN 'Use id_type => NULL::bigint (or NULL::text) for a bigint column.'
							  ELSE 'Region ids are integers (smallint, int, bigint) or text; make a view with a column of one of these types.' END;
	END IF;
	out_type := CASE id_type::pg_catalog.oid
		WHEN 'pg_catalog.int4'::pg_catalog.regtype::pg_catalog.oid THEN 'pg_catalog.int4'
		WHEN 'pg_catalog.int8'::pg_catalog.regtype::pg_catalog.oid THEN 'pg_catalog.int8'
		ELSE 'pg_catalog.text' END;
	-- text ids compare and sort byte by byte (COLLATE "C"), as moran_i matches them
	idexpr := CASE WHEN out_type OPERATOR(pg_catalog.=) 'pg_catalog.text'
				   THEN '(%1$s.%2$I::pg_catalog.text COLLATE pg_catalog."C")'
				   ELSE '%1$s.%2$I::' OPERATOR(pg_catalog.||) out_type END;
	-- the geometry column: PostGIS's geometry, or a domain over it
	SELECT a.atttypid INTO coltype FROM pg_catalog.pg_attribute a
	 WHERE a.attrelid OPERATOR(pg_catalog.=) rel::pg_catalog.oid AND a.attname OPERATOR(pg_catalog.=) geom_column;
	basetype := coltype;
	WHILE (SELECT t.typtype FROM pg_catalog.pg_type t WHERE t.oid OPERATOR(pg_catalog.=) basetype) OPERATOR(pg_catalog.=) 'd' LOOP
		SELECT t.typbasetype INTO basetype FROM pg_catalog.pg_type t WHERE t.oid OPERATOR(pg_catalog.=) basetype;
	END LOOP;
	IF basetype OPERATOR(pg_catalog.<>) '@extschema:postgis@.geometry'::pg_catalog.regtype::pg_catalog.oid THEN
		RAISE EXCEPTION '%: column %.% is not a geometry', fname, rel, pg_catalog.quote_ident(geom_column)
			USING ERRCODE = '42804',
				  DETAIL = pg_catalog.format('Its type is %s.', pg_catalog.format_type(coltype, NULL)),
				  HINT = 'Pass a geometry column; for geography, a view with geog::geometry (and ST_Transform to a projected system for distances in metres).';
	END IF;
	-- one coordinate system, or PostGIS's predicates fail with an internal
	-- error (a column typed geometry(..., srid) is checked by PostgreSQL)
	EXECUTE pg_catalog.format('SELECT pg_catalog.string_agg(DISTINCT @extschema:postgis@.st_srid(%1$I::@extschema:postgis@.geometry)::pg_catalog.text, '', '') FROM %2$s',
							  geom_column, rel)
		INTO srids;
	IF srids OPERATOR(pg_catalog.~~) '%,%' THEN
		RAISE EXCEPTION '%: the geometries of %.% have different SRIDs', fname, rel, pg_catalog.quote_ident(geom_column)
			USING ERRCODE = '22023', DETAIL = pg_catalog.format('SRIDs %s.', srids),
				  HINT = 'Bring them to one system first, e.g. ST_Transform(geom, 4326), or ST_SetSRID for geometries without one.';
	END IF;
	-- the table is joined to itself directly, so its GiST index serves the
	-- predicate (a CTE would hide it); a column cast to its own type stays a
	-- plain column reference, which the index matches
	pair := CASE
		WHEN lmethod OPERATOR(pg_catalog.=) 'queen' THEN
			'JOIN %3$s AS b ON @extschema:postgis@.st_intersects(a.%2$I::@extschema:postgis@.geometry, b.%2$I::@extschema:postgis@.geometry)
			   AND %5$s OPERATOR(pg_catalog.<>) %6$s'
		WHEN lmethod OPERATOR(pg_catalog.=) 'rook' THEN
			'JOIN %3$s AS b ON @extschema:postgis@.st_intersects(a.%2$I::@extschema:postgis@.geometry, b.%2$I::@extschema:postgis@.geometry)
			   AND %5$s OPERATOR(pg_catalog.<>) %6$s
			   AND @extschema:postgis@.st_relate(a.%2$I::@extschema:postgis@.geometry, b.%2$I::@extschema:postgis@.geometry, ''****1****''::pg_catalog.text)'
		WHEN lmethod OPERATOR(pg_catalog.=) 'distance' THEN
			'JOIN %3$s AS b ON @extschema:postgis@.st_dwithin(a.%2$I::@extschema:postgis@.geometry, b.%2$I::@extschema:postgis@.geometry, $1)
			   AND %5$s OPERATOR(pg_catalog.<>) %6$s'
		ELSE
			-- the inner ORDER BY is the distance alone, so the GiST index
			-- returns the nearest first; ties are then broken by id.  k + 16
			-- as bigint: k may be as large as an int goes
			'CROSS JOIN LATERAL (SELECT s.nb FROM (
			   SELECT %7$s AS nb, c.%2$I::@extschema:postgis@.geometry OPERATOR(@extschema:postgis@.<->) a.%2$I::@extschema:postgis@.geometry AS dist
			     FROM %3$s AS c
			    WHERE %7$s OPERATOR(pg_catalog.<>) %5$s AND c.%2$I IS NOT NULL
			      AND NOT @extschema:postgis@.st_isempty(c.%2$I::@extschema:postgis@.geometry)
			    ORDER BY c.%2$I::@extschema:postgis@.geometry OPERATOR(@extschema:postgis@.<->) a.%2$I::@extschema:postgis@.geometry
			    LIMIT $2::pg_catalog.int8 OPERATOR(pg_catalog.+) 16::pg_catalog.int8) AS s
			  ORDER BY s.dist, s.nb LIMIT $2) AS b'
	END;
	RETURN pg_catalog.format(
		'WITH links AS (
		   SELECT %5$s AS id, ' OPERATOR(pg_catalog.||)
		   CASE WHEN lmethod OPERATOR(pg_catalog.=) 'knn' THEN 'b.nb' ELSE '%6$s' END OPERATOR(pg_catalog.||)
		   ' AS nb FROM %3$s AS a ' OPERATOR(pg_catalog.||) pair OPERATOR(pg_catalog.||) '
		    WHERE a.%2$I IS NOT NULL AND NOT @extschema:postgis@.st_isempty(a.%2$I::@extschema:postgis@.geometry)),
		 lists AS (
		   SELECT l.id, pg_catalog.array_agg(l.nb ORDER BY l.nb) AS nbs,
		          pg_catalog.array_fill(%4$s, ARRAY[pg_catalog.count(*)::pg_catalog.int4]) AS ws
		     FROM links AS l GROUP BY l.id)
		 SELECT r.id, coalesce(lists.nbs, ''{}''::%8$s[]), coalesce(lists.ws, ''{}''::pg_catalog.float8[])
		   FROM (SELECT DISTINCT %9$s AS id FROM %3$s AS t WHERE t.%1$I IS NOT NULL) AS r
		   LEFT JOIN lists ON lists.id OPERATOR(pg_catalog.=) r.id
		  ORDER BY r.id',
		id_column, geom_column, rel,
		CASE WHEN lstyle OPERATOR(pg_catalog.=) 'row' THEN '1.0::pg_catalog.float8 OPERATOR(pg_catalog./) pg_catalog.count(*)::pg_catalog.float8'
			ELSE '1.0::pg_catalog.float8' END,
		pg_catalog.format(idexpr, 'a', id_column), pg_catalog.format(idexpr, 'b', id_column),
		pg_catalog.format(idexpr, 'c', id_column), out_type, pg_catalog.format(idexpr, 't', id_column));
END
$fn$;
COMMENT ON FUNCTION @extschema@._spatial_weights_query(text, regclass, name, name, text, int, float8, text, regtype) IS
'Internal to spatial_weights: checks the arguments, the table, its columns and the caller''s SELECT privilege (errors name fname), and returns the query that builds the neighbour lists ($1 distance, $2 k), with ids of id_type (NULL: bigint from an integer column).';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.spatial_weights(
	rel regclass,
	id_column name,
	geom_column name,
	id_type anyelement,
	method text DEFAULT 'queen',
	k int DEFAULT 4,
	distance float8 DEFAULT NULL,
	style text DEFAULT 'row')
RETURNS TABLE(id anyelement, neighbours anyarray, weights float8[])
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	RETURN QUERY EXECUTE @extschema@._spatial_weights_query('spatial_weights'::pg_catalog.text, rel, id_column,
		geom_column, method, k, distance, style, pg_catalog.pg_typeof(id_type)::pg_catalog.regtype)
		USING distance, k;
END
$fn$;
COMMENT ON FUNCTION @extschema@.spatial_weights(regclass, name, name, anyelement, text, int, float8, text) IS
'spatial_weights with ids of the type of id_type (pass it by name: id_type => NULL::text, NULL::int or NULL::bigint): text ids from a text, varchar, char or name column (or an integer one), int ids from a smallint or int column, bigint ids from any integer column; the neighbour lists are arrays of that type.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@._region_ids_check(fname text, ngeom int, nvalue int, nids int, ndims int,
											  first_null int, ndistinct bigint)
RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
-- Called twice: first with first_null (the position of the first NULL id,
-- NULL for none; from the array's bitmap: array_position(ids, NULL)) and
-- ndistinct NULL, before the ids are unpacked or cast; then, the lengths and
-- the NULLs being right, with ndistinct counted (no more ids than geometries).  nvalue: the length of
-- local_moran's value (NULL for spatial_weights_array), checked against
-- geom first; the ids are then checked against value.
DECLARE
	against text := CASE WHEN nvalue IS NULL THEN 'geom' ELSE 'value' END;
BEGIN
	-- a NULL array (ngeom or nids NULL; local_moran passes ngeom NULL for a
	-- NULL value) gives no rows, as the forms without ids
	IF ngeom IS NULL OR nids IS NULL THEN
		RETURN;
	END IF;
	IF nvalue OPERATOR(pg_catalog.<>) ngeom THEN
		RAISE EXCEPTION '%: value and geom must have the same length', fname
			USING ERRCODE = '2202E',
				  DETAIL = pg_catalog.format('value has %s elements, geom %s.', nvalue, ngeom),
				  HINT = 'Aggregate both in the same order: array_agg(v ORDER BY id), array_agg(geom ORDER BY id).';
	END IF;
	IF ndims OPERATOR(pg_catalog.>) 1 OR nids OPERATOR(pg_catalog.<>) ngeom THEN
		RAISE EXCEPTION '%: ids and % must have the same length', fname, against
			USING ERRCODE = '2202E',
				  DETAIL = pg_catalog.format('ids has %s element%s%s, %s %s.', nids,
											 CASE WHEN nids OPERATOR(pg_catalog.=) 1 THEN '' ELSE 's' END,
											 CASE WHEN ndims OPERATOR(pg_catalog.>) 1 THEN pg_catalog.format(' in %s dimensions', ndims) ELSE '' END,
											 against, ngeom),
				  HINT = 'Aggregate both in the same order: array_agg(code ORDER BY code), array_agg(geom ORDER BY code).';
	END IF;
	IF first_null IS NOT NULL THEN
		RAISE EXCEPTION '%: ids must not contain NULL', fname
			USING ERRCODE = '22004',
				  DETAIL = pg_catalog.format('Element %s of the %s ids is NULL.', first_null, nids),
				  HINT = 'Every region needs an id; leave the rows without one out.';
	END IF;
	IF ndistinct OPERATOR(pg_catalog.<>) nids THEN
		RAISE EXCEPTION '%: ids must be unique', fname
			USING ERRCODE = '22023',
				  DETAIL = pg_catalog.format('%s ids, %s distinct.', nids, ndistinct),
				  HINT = 'Aggregate one row per region (GROUP BY the period).';
	END IF;
END
$fn$;
COMMENT ON FUNCTION @extschema@._region_ids_check(text, int, int, int, int, int, bigint) IS
'Internal to the array forms with ids: value (nvalue, local_moran; NULL for spatial_weights_array) and ids have one element per geometry (ngeom; errors name fname), no id is NULL (first_null: the position of the first NULL, or NULL), and ndistinct (when not NULL) are distinct.';

-- Availability: 0.3.0
-- The body of the three spatial_weights_array forms with ids (int, bigint,
-- text), on the ids as text: the int and bigint forms cast them there and
-- back (exact for integers).  Not polymorphic: an anyarray parameter would
-- let a more specific function of the same name capture the forms' calls.
CREATE FUNCTION @extschema@._spatial_weights_array_ids(
	geom @extschema:postgis@.geometry[],
	ids text[],
	method text,
	k int,
	distance float8,
	style text)
RETURNS TABLE(id text, neighbours text[], weights float8[])
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	IF geom IS NULL OR ids IS NULL THEN
		RETURN;
	END IF;
	-- the shape and the NULLs from the array's header and bitmap first: the
	-- count of distinct ids then walks no more elements than geom has
	PERFORM @extschema@._region_ids_check('spatial_weights_array'::pg_catalog.text, pg_catalog.cardinality(geom), NULL,
		pg_catalog.cardinality(ids), pg_catalog.array_ndims(ids), CASE WHEN pg_catalog.array_ndims(ids) OPERATOR(pg_catalog.=) 1
		THEN pg_catalog.array_position(ids, NULL) OPERATOR(pg_catalog.-) pg_catalog.array_lower(ids, 1) OPERATOR(pg_catalog.+) 1 END, NULL);
	PERFORM @extschema@._region_ids_check('spatial_weights_array'::pg_catalog.text, pg_catalog.cardinality(geom), NULL,
		pg_catalog.cardinality(ids), pg_catalog.array_ndims(ids), NULL,
		(SELECT pg_catalog.count(DISTINCT u.x) FROM pg_catalog.unnest(ids) AS u(x)));
	RETURN QUERY
	SELECT m.x, coalesce((SELECT pg_catalog.array_agg(n.x ORDER BY q.o)
							FROM pg_catalog.unnest(w.neighbours) WITH ORDINALITY AS q(p, o)
							JOIN pg_catalog.unnest(ids) WITH ORDINALITY AS n(x, o2) ON n.o2 OPERATOR(pg_catalog.=) q.p),
						   '{}'::pg_catalog.text[]),
		   w.weights
	  FROM @extschema@.spatial_weights_array(geom, method, k, distance, style) AS w
	  JOIN pg_catalog.unnest(ids) WITH ORDINALITY AS m(x, o) ON m.o OPERATOR(pg_catalog.=) w.id
	 ORDER BY w.id;
END
$fn$;
COMMENT ON FUNCTION @extschema@._spatial_weights_array_ids(@extschema:postgis@.geometry[], text[], text, int, float8, text) IS
'Internal to spatial_weights_array(geom, ids, ...): the rows of spatial_weights_array(geom, ...) named by ids (checked by _region_ids_check).';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.spatial_weights_array(
	geom @extschema:postgis@.geometry[],
	ids int[],
	method text DEFAULT 'queen',
	k int DEFAULT 4,
	distance float8 DEFAULT NULL,
	style text DEFAULT 'row')
RETURNS TABLE(id int, neighbours int[], weights float8[])
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
-- checked before the ids are cast to text (a body runs its statements in order)
SELECT @extschema@._region_ids_check('spatial_weights_array'::pg_catalog.text, pg_catalog.cardinality(geom), NULL,
	pg_catalog.cardinality(ids), pg_catalog.array_ndims(ids), CASE WHEN pg_catalog.array_ndims(ids) OPERATOR(pg_catalog.=) 1
		THEN pg_catalog.array_position(ids, NULL) OPERATOR(pg_catalog.-) pg_catalog.array_lower(ids, 1) OPERATOR(pg_catalog.+) 1 END, NULL);
SELECT w.id::int, w.neighbours::int[], w.weights
  FROM @extschema@._spatial_weights_array_ids(geom, ids::pg_catalog.text[], method, k, distance, style) AS w
$fn$;
COMMENT ON FUNCTION @extschema@.spatial_weights_array(@extschema:postgis@.geometry[], int[], text, int, float8, text) IS
'spatial_weights_array with the regions named by ids (one unique non-NULL id per geometry, in the same order, e.g. array_agg(code ORDER BY code)): ids and neighbour lists of the type of ids, ready for moran_i and local_moran.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.spatial_weights_array(
	geom @extschema:postgis@.geometry[],
	ids bigint[],
	method text DEFAULT 'queen',
	k int DEFAULT 4,
	distance float8 DEFAULT NULL,
	style text DEFAULT 'row')
RETURNS TABLE(id bigint, neighbours bigint[], weights float8[])
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
-- checked before the ids are cast to text (a body runs its statements in order)
SELECT @extschema@._region_ids_check('spatial_weights_array'::pg_catalog.text, pg_catalog.cardinality(geom), NULL,
	pg_catalog.cardinality(ids), pg_catalog.array_ndims(ids), CASE WHEN pg_catalog.array_ndims(ids) OPERATOR(pg_catalog.=) 1
		THEN pg_catalog.array_position(ids, NULL) OPERATOR(pg_catalog.-) pg_catalog.array_lower(ids, 1) OPERATOR(pg_catalog.+) 1 END, NULL);
SELECT w.id::bigint, w.neighbours::bigint[], w.weights
  FROM @extschema@._spatial_weights_array_ids(geom, ids::pg_catalog.text[], method, k, distance, style) AS w
$fn$;
COMMENT ON FUNCTION @extschema@.spatial_weights_array(@extschema:postgis@.geometry[], bigint[], text, int, float8, text) IS
'spatial_weights_array with the regions named by ids (one unique non-NULL id per geometry, in the same order, e.g. array_agg(code ORDER BY code)): ids and neighbour lists of the type of ids, ready for moran_i and local_moran.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.spatial_weights_array(
	geom @extschema:postgis@.geometry[],
	ids text[],
	method text DEFAULT 'queen',
	k int DEFAULT 4,
	distance float8 DEFAULT NULL,
	style text DEFAULT 'row')
RETURNS TABLE(id text, neighbours text[], weights float8[])
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
-- checked here too, before the PL/pgSQL body takes its copy of ids
SELECT @extschema@._region_ids_check('spatial_weights_array'::pg_catalog.text, pg_catalog.cardinality(geom), NULL,
	pg_catalog.cardinality(ids), pg_catalog.array_ndims(ids), CASE WHEN pg_catalog.array_ndims(ids) OPERATOR(pg_catalog.=) 1
		THEN pg_catalog.array_position(ids, NULL) OPERATOR(pg_catalog.-) pg_catalog.array_lower(ids, 1) OPERATOR(pg_catalog.+) 1 END, NULL);
SELECT * FROM @extschema@._spatial_weights_array_ids(geom, ids, method, k, distance, style)
$fn$;
COMMENT ON FUNCTION @extschema@.spatial_weights_array(@extschema:postgis@.geometry[], text[], text, int, float8, text) IS
'spatial_weights_array with the regions named by ids (one unique non-NULL id per geometry, in the same order, e.g. array_agg(code ORDER BY code)): ids and neighbour lists of the type of ids, ready for moran_i and local_moran.';

-- Availability: 0.3.0
-- The body of the three local_moran forms with ids, on the ids as text (as above).
CREATE FUNCTION @extschema@._local_moran_ids(
	value float8[],
	geom @extschema:postgis@.geometry[],
	ids text[],
	method text,
	k int,
	distance float8,
	style text,
	permutations int,
	seed bigint,
	significance float8)
RETURNS TABLE(id text, i float8, expected float8, variance float8, z float8, p float8, quadrant text)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	IF value IS NULL OR geom IS NULL OR ids IS NULL THEN
		RETURN;
	END IF;
	PERFORM @extschema@._region_ids_check('local_moran'::pg_catalog.text,
		CASE WHEN value IS NOT NULL THEN pg_catalog.cardinality(geom) END, pg_catalog.cardinality(value),
		pg_catalog.cardinality(ids), pg_catalog.array_ndims(ids), CASE WHEN pg_catalog.array_ndims(ids) OPERATOR(pg_catalog.=) 1
		THEN pg_catalog.array_position(ids, NULL) OPERATOR(pg_catalog.-) pg_catalog.array_lower(ids, 1) OPERATOR(pg_catalog.+) 1 END, NULL);
	PERFORM @extschema@._region_ids_check('local_moran'::pg_catalog.text,
		CASE WHEN value IS NOT NULL THEN pg_catalog.cardinality(geom) END, pg_catalog.cardinality(value),
		pg_catalog.cardinality(ids), pg_catalog.array_ndims(ids), NULL,
		(SELECT pg_catalog.count(DISTINCT u.x) FROM pg_catalog.unnest(ids) AS u(x)));
	RETURN QUERY
	SELECT m.x, l.i, l.expected, l.variance, l.z, l.p, l.quadrant
	  FROM @extschema@.local_moran(value, geom, method, k, distance, style, permutations, seed, significance) AS l
	  JOIN pg_catalog.unnest(ids) WITH ORDINALITY AS m(x, o) ON m.o OPERATOR(pg_catalog.=) l.ord
	 ORDER BY l.ord;
END
$fn$;
COMMENT ON FUNCTION @extschema@._local_moran_ids(float8[], @extschema:postgis@.geometry[], text[], text, int, float8, text, int, bigint, float8) IS
'Internal to local_moran(value, geom, ids, ...): the rows of local_moran(value, geom, ...) named by ids (checked by _region_ids_check).';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.local_moran(
	value float8[],
	geom @extschema:postgis@.geometry[],
	ids int[],
	method text DEFAULT 'queen',
	k int DEFAULT 4,
	distance float8 DEFAULT NULL,
	style text DEFAULT 'row',
	permutations int DEFAULT 0,
	seed bigint DEFAULT 1,
	significance float8 DEFAULT 0.05)
RETURNS TABLE(id int, i float8, expected float8, variance float8, z float8, p float8, quadrant text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
-- checked before the ids are cast to text (a body runs its statements in order)
SELECT @extschema@._region_ids_check('local_moran'::pg_catalog.text,
		CASE WHEN value IS NOT NULL THEN pg_catalog.cardinality(geom) END, pg_catalog.cardinality(value),
	pg_catalog.cardinality(ids), pg_catalog.array_ndims(ids), CASE WHEN pg_catalog.array_ndims(ids) OPERATOR(pg_catalog.=) 1
		THEN pg_catalog.array_position(ids, NULL) OPERATOR(pg_catalog.-) pg_catalog.array_lower(ids, 1) OPERATOR(pg_catalog.+) 1 END, NULL);
SELECT l.id::int, l.i, l.expected, l.variance, l.z, l.p, l.quadrant
  FROM @extschema@._local_moran_ids(value, geom, ids::pg_catalog.text[], method, k, distance, style,
									permutations, seed, significance) AS l
$fn$;
COMMENT ON FUNCTION @extschema@.local_moran(float8[], @extschema:postgis@.geometry[], int[], text, int, float8, text, int, bigint, float8) IS
'Local Moran''s I (LISA) of value over the geometries at the same positions, each row named by the element of ids at its position (unique, not NULL): local_moran(value, geom, ...) with id in place of ord, ready to join back to the regions'' table.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.local_moran(
	value float8[],
	geom @extschema:postgis@.geometry[],
	ids bigint[],
	method text DEFAULT 'queen',
	k int DEFAULT 4,
	distance float8 DEFAULT NULL,
	style text DEFAULT 'row',
	permutations int DEFAULT 0,
	seed bigint DEFAULT 1,
	significance float8 DEFAULT 0.05)
RETURNS TABLE(id bigint, i float8, expected float8, variance float8, z float8, p float8, quadrant text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
-- checked before the ids are cast to text (a body runs its statements in order)
SELECT @extschema@._region_ids_check('local_moran'::pg_catalog.text,
		CASE WHEN value IS NOT NULL THEN pg_catalog.cardinality(geom) END, pg_catalog.cardinality(value),
	pg_catalog.cardinality(ids), pg_catalog.array_ndims(ids), CASE WHEN pg_catalog.array_ndims(ids) OPERATOR(pg_catalog.=) 1
		THEN pg_catalog.array_position(ids, NULL) OPERATOR(pg_catalog.-) pg_catalog.array_lower(ids, 1) OPERATOR(pg_catalog.+) 1 END, NULL);
SELECT l.id::bigint, l.i, l.expected, l.variance, l.z, l.p, l.quadrant
  FROM @extschema@._local_moran_ids(value, geom, ids::pg_catalog.text[], method, k, distance, style,
									permutations, seed, significance) AS l
$fn$;
COMMENT ON FUNCTION @extschema@.local_moran(float8[], @extschema:postgis@.geometry[], bigint[], text, int, float8, text, int, bigint, float8) IS
'Local Moran''s I (LISA) of value over the geometries at the same positions, each row named by the element of ids at its position (unique, not NULL): local_moran(value, geom, ...) with id in place of ord, ready to join back to the regions'' table.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.local_moran(
	value float8[],
	geom @extschema:postgis@.geometry[],
	ids text[],
	method text DEFAULT 'queen',
	k int DEFAULT 4,
	distance float8 DEFAULT NULL,
	style text DEFAULT 'row',
	permutations int DEFAULT 0,
	seed bigint DEFAULT 1,
	significance float8 DEFAULT 0.05)
RETURNS TABLE(id text, i float8, expected float8, variance float8, z float8, p float8, quadrant text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
-- checked here too, before the PL/pgSQL body takes its copy of ids
SELECT @extschema@._region_ids_check('local_moran'::pg_catalog.text,
		CASE WHEN value IS NOT NULL THEN pg_catalog.cardinality(geom) END, pg_catalog.cardinality(value),
	pg_catalog.cardinality(ids), pg_catalog.array_ndims(ids), CASE WHEN pg_catalog.array_ndims(ids) OPERATOR(pg_catalog.=) 1
		THEN pg_catalog.array_position(ids, NULL) OPERATOR(pg_catalog.-) pg_catalog.array_lower(ids, 1) OPERATOR(pg_catalog.+) 1 END, NULL);
SELECT * FROM @extschema@._local_moran_ids(value, geom, ids, method, k, distance, style,
										   permutations, seed, significance)
$fn$;
COMMENT ON FUNCTION @extschema@.local_moran(float8[], @extschema:postgis@.geometry[], text[], text, int, float8, text, int, bigint, float8) IS
'Local Moran''s I (LISA) of value over the geometries at the same positions, each row named by the element of ids at its position (unique, not NULL): local_moran(value, geom, ...) with id in place of ord, ready to join back to the regions'' table.';
