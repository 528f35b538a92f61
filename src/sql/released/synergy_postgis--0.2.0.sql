-- synergy_postgis: PostGIS wrappers for synergy.
-- This install script is assembled by the Makefile from src/sql/synergy_postgis/*.sql.
-- Geometries are turned into coordinates and distances with PostGIS's own SQL
-- functions; nothing links against PostGIS internals.

\echo Use "CREATE EXTENSION synergy_postgis" to load this file. \quit

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.synergy_postgis_version()
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT '0.2.0'::pg_catalog.text $$;

COMMENT ON FUNCTION @extschema@.synergy_postgis_version() IS
'Version of the synergy_postgis extension script.';

-- Trend analysis (ArcGIS's Trend Analysis as a query): each geometry is a
-- stick of height z at its point; the sticks are projected on the
-- east-west (x, z) and north-south (y, z) planes and a least-squares
-- polynomial is fitted through each projection.  See docs/spatial.md.

CREATE TYPE @extschema@.trend_analysis_result AS (
	n bigint,
	"order" int,
	rotation float8,
	srid int,
	ew_coefficients float8[],
	ew_scaled_coefficients float8[],
	ew_center float8,
	ew_scale float8,
	ew_min float8,
	ew_max float8,
	ew_r2 float8,
	ew_fit_min float8,
	ew_fit_max float8,
	ew_shape text,
	ns_coefficients float8[],
	ns_scaled_coefficients float8[],
	ns_center float8,
	ns_scale float8,
	ns_min float8,
	ns_max float8,
	ns_r2 float8,
	ns_fit_min float8,
	ns_fit_max float8,
	ns_shape text
);
COMMENT ON TYPE @extschema@.trend_analysis_result IS
'Result of trend_analysis: per direction (ew_ east-west on x'' = x cos d + y sin d, ns_ north-south on y'' = -x sin d + y cos d) the coefficients b_k of x''^k, the coefficients a_k of t^k with t = (x'' - center) / scale, the range [min, max] of the positions, R-squared, the range of the fitted curve over [min, max] and its shape label.';

CREATE FUNCTION @extschema@.trend_analysis_transfn(internal, @extschema:postgis@.geometry, float8)
RETURNS internal AS 'MODULE_PATHNAME', 'trend_analysis_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.trend_analysis_transfn(internal, @extschema:postgis@.geometry, float8, int)
RETURNS internal AS 'MODULE_PATHNAME', 'trend_analysis_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.trend_analysis_transfn(internal, @extschema:postgis@.geometry, float8, int, float8)
RETURNS internal AS 'MODULE_PATHNAME', 'trend_analysis_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
-- STABLE: ST_Transform's result depends on the table spatial_ref_sys.
CREATE FUNCTION @extschema@.trend_analysis_transfn(internal, @extschema:postgis@.geometry, float8, int, float8, int)
RETURNS internal AS 'MODULE_PATHNAME', 'trend_analysis_transfn'
LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.trend_combinefn(internal, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'trend_combinefn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.trend_serialfn(internal)
RETURNS bytea AS 'MODULE_PATHNAME', 'trend_serialfn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trend_deserialfn(bytea, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'trend_deserialfn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trend_analysis_finalfn(internal)
RETURNS @extschema@.trend_analysis_result AS 'MODULE_PATHNAME', 'trend_analysis_finalfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- Availability: 0.2.0
CREATE AGGREGATE @extschema@.trend_analysis(geom @extschema:postgis@.geometry, z float8) (
	SFUNC = @extschema@.trend_analysis_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.trend_analysis_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.trend_combinefn,
	SERIALFUNC = @extschema@.trend_serialfn,
	DESERIALFUNC = @extschema@.trend_deserialfn,
	PARALLEL = SAFE
);
-- Availability: 0.2.0
CREATE AGGREGATE @extschema@.trend_analysis(geom @extschema:postgis@.geometry, z float8, "order" int) (
	SFUNC = @extschema@.trend_analysis_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.trend_analysis_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.trend_combinefn,
	SERIALFUNC = @extschema@.trend_serialfn,
	DESERIALFUNC = @extschema@.trend_deserialfn,
	PARALLEL = SAFE
);
-- Availability: 0.2.0
CREATE AGGREGATE @extschema@.trend_analysis(geom @extschema:postgis@.geometry, z float8, "order" int, rotation float8) (
	SFUNC = @extschema@.trend_analysis_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.trend_analysis_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.trend_combinefn,
	SERIALFUNC = @extschema@.trend_serialfn,
	DESERIALFUNC = @extschema@.trend_deserialfn,
	PARALLEL = SAFE
);

-- Availability: 0.2.0
CREATE AGGREGATE @extschema@.trend_analysis(geom @extschema:postgis@.geometry, z float8, "order" int, rotation float8,
											target_srid int) (
	SFUNC = @extschema@.trend_analysis_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.trend_analysis_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.trend_combinefn,
	SERIALFUNC = @extschema@.trend_serialfn,
	DESERIALFUNC = @extschema@.trend_deserialfn,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.trend_analysis(@extschema:postgis@.geometry, float8) IS
'Trend analysis of z over the points of the geometries (ST_PointOnSurface for non-points; NULL and empty rows ignored): quadratic least-squares fits of z on the east-west and the north-south coordinate, with R-squared and shape labels.';
COMMENT ON AGGREGATE @extschema@.trend_analysis(@extschema:postgis@.geometry, float8, int) IS
'Trend analysis of z with polynomials of the given order (1-6) on the east-west and north-south coordinates; see trend_analysis(geometry, float8).';
COMMENT ON AGGREGATE @extschema@.trend_analysis(@extschema:postgis@.geometry, float8, int, float8) IS
'Trend analysis of z with polynomials of the given order (1-6) after rotating the axes by rotation degrees counter-clockwise from east (x'' = x cos d + y sin d, y'' = -x sin d + y cos d, as ArcGIS Pro''s Directional Trend).';
COMMENT ON AGGREGATE @extschema@.trend_analysis(@extschema:postgis@.geometry, float8, int, float8, int) IS
'Trend analysis of z after transforming the geometries to target_srid (ST_Transform; e.g. a UTM zone to fit in metres instead of degrees; NULL: as they are), with polynomials of the given order and rotation in degrees.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.trend_curve(trend @extschema@.trend_analysis_result, samples int DEFAULT 50)
RETURNS TABLE(direction text, "position" float8, z float8)
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
BEGIN
	-- bounded, so a typo cannot ask for billions of rows
	IF samples OPERATOR(pg_catalog.>) 100000 THEN
		RAISE EXCEPTION 'trend_curve: samples must be at most 100000'
			USING ERRCODE = '22023', DETAIL = pg_catalog.format('samples is %s.', samples),
				  HINT = 'A chart needs a few hundred points at most; the default is 50.';
	END IF;
	RETURN QUERY
	SELECT d.direction, p.pos,
		(SELECT pg_catalog.sum(u.a OPERATOR(pg_catalog.*)
							   pg_catalog.power((p.pos OPERATOR(pg_catalog.-) d.center) OPERATOR(pg_catalog./) d.scale,
												(u.k OPERATOR(pg_catalog.-) 1)::pg_catalog.float8))
		   FROM pg_catalog.unnest(d.coefs) WITH ORDINALITY AS u(a, k))
	  FROM (VALUES (1, 'east-west'::pg_catalog.text, (trend).ew_scaled_coefficients, (trend).ew_center,
					(trend).ew_scale, (trend).ew_min, (trend).ew_max),
				   (2, 'north-south'::pg_catalog.text, (trend).ns_scaled_coefficients, (trend).ns_center,
					(trend).ns_scale, (trend).ns_min, (trend).ns_max))
		   AS d(ord, direction, coefs, center, scale, lo, hi)
	 CROSS JOIN LATERAL (
		-- OPERATOR(...) has one precedence for all: every product is in parentheses
		SELECT s, d.lo OPERATOR(pg_catalog.+)
				  (((d.hi OPERATOR(pg_catalog.-) d.lo) OPERATOR(pg_catalog.*) s::pg_catalog.float8)
				   OPERATOR(pg_catalog./) GREATEST(samples OPERATOR(pg_catalog.-) 1, 1)::pg_catalog.float8) AS pos
		  FROM pg_catalog.generate_series(0, GREATEST(samples, 2) OPERATOR(pg_catalog.-) 1) AS s) AS p
	 WHERE d.coefs IS NOT NULL
	 ORDER BY d.ord, p.s;
END
$$;

COMMENT ON FUNCTION @extschema@.trend_curve(@extschema@.trend_analysis_result, int) IS
'The fitted trend curves of a trend_analysis result, sampled at samples evenly spaced positions over the data''s range: one row per direction (''east-west'', ''north-south'') and position (the rotated coordinate), with the fitted z; for line charts.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.trend_lines(trend @extschema@.trend_analysis_result, samples int DEFAULT 50)
RETURNS TABLE(direction text, geom @extschema:postgis@.geometry)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	-- back from the rotated axes to the data's coordinates; the east-west
	-- line runs through the middle of the north-south range and vice versa
	SELECT c.direction,
		@extschema:postgis@.st_setsrid(@extschema:postgis@.st_makeline(
			@extschema:postgis@.st_makepoint(
				(c.x OPERATOR(pg_catalog.*) pg_catalog.cosd((trend).rotation))
					OPERATOR(pg_catalog.-) (c.y OPERATOR(pg_catalog.*) pg_catalog.sind((trend).rotation)),
				(c.x OPERATOR(pg_catalog.*) pg_catalog.sind((trend).rotation))
					OPERATOR(pg_catalog.+) (c.y OPERATOR(pg_catalog.*) pg_catalog.cosd((trend).rotation)),
				c.z)
			ORDER BY c."position"), (trend).srid)
	  FROM (SELECT t.direction, t."position", t.z,
				   CASE WHEN t.direction OPERATOR(pg_catalog.=) 'east-west'::pg_catalog.text
						THEN t."position" ELSE (trend).ew_center END AS x,
				   CASE WHEN t.direction OPERATOR(pg_catalog.=) 'east-west'::pg_catalog.text
						THEN (trend).ns_center ELSE t."position" END AS y
			  FROM @extschema@.trend_curve(trend, samples) AS t) AS c
	 GROUP BY c.direction
	 ORDER BY c.direction;
END;

COMMENT ON FUNCTION @extschema@.trend_lines(@extschema@.trend_analysis_result, int) IS
'The fitted trend curves of a trend_analysis result as LINESTRING Z geometries in the data''s SRID, one per direction: the east-west curve runs along the (rotated) x axis through the middle of the north-south range, the north-south curve along y through the middle of the east-west range, with z the fitted value; draw them in QGIS (2D: the axes; 3D view or profile: the curves).';

-- Global polynomial trend surface z = sum b_ij x^i y^j (i + j <= order).

CREATE TYPE @extschema@.trend_surface_result AS (
	n bigint,
	"order" int,
	srid int,
	center_x float8,
	center_y float8,
	scale_x float8,
	scale_y float8,
	terms text[],
	coefficients float8[],
	scaled_coefficients float8[],
	r2 float8
);
COMMENT ON TYPE @extschema@.trend_surface_result IS
'Result of trend_surface: the terms (1, x, y, x^2, xy, y^2, ...), their coefficients on raw coordinates, the coefficients on t = (x - center_x) / scale_x and u = (y - center_y) / scale_y (use these to evaluate), and R-squared.';

CREATE FUNCTION @extschema@.trend_surface_transfn(internal, @extschema:postgis@.geometry, float8)
RETURNS internal AS 'MODULE_PATHNAME', 'trend_surface_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.trend_surface_transfn(internal, @extschema:postgis@.geometry, float8, int)
RETURNS internal AS 'MODULE_PATHNAME', 'trend_surface_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
-- STABLE: ST_Transform's result depends on the table spatial_ref_sys.
CREATE FUNCTION @extschema@.trend_surface_transfn(internal, @extschema:postgis@.geometry, float8, int, int)
RETURNS internal AS 'MODULE_PATHNAME', 'trend_surface_transfn'
LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.trend_surface_finalfn(internal)
RETURNS @extschema@.trend_surface_result AS 'MODULE_PATHNAME', 'trend_surface_finalfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- Availability: 0.2.0
CREATE AGGREGATE @extschema@.trend_surface(geom @extschema:postgis@.geometry, z float8) (
	SFUNC = @extschema@.trend_surface_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.trend_surface_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.trend_combinefn,
	SERIALFUNC = @extschema@.trend_serialfn,
	DESERIALFUNC = @extschema@.trend_deserialfn,
	PARALLEL = SAFE
);
-- Availability: 0.2.0
CREATE AGGREGATE @extschema@.trend_surface(geom @extschema:postgis@.geometry, z float8, "order" int) (
	SFUNC = @extschema@.trend_surface_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.trend_surface_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.trend_combinefn,
	SERIALFUNC = @extschema@.trend_serialfn,
	DESERIALFUNC = @extschema@.trend_deserialfn,
	PARALLEL = SAFE
);
-- Availability: 0.2.0
CREATE AGGREGATE @extschema@.trend_surface(geom @extschema:postgis@.geometry, z float8, "order" int, target_srid int) (
	SFUNC = @extschema@.trend_surface_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.trend_surface_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.trend_combinefn,
	SERIALFUNC = @extschema@.trend_serialfn,
	DESERIALFUNC = @extschema@.trend_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.trend_surface(@extschema:postgis@.geometry, float8, int, int) IS
'Least-squares trend surface of the given order after transforming the geometries to target_srid (ST_Transform; NULL: as they are).';
COMMENT ON AGGREGATE @extschema@.trend_surface(@extschema:postgis@.geometry, float8) IS
'Quadratic least-squares trend surface of z over the points of the geometries (ST_PointOnSurface for non-points; NULL and empty rows ignored).';
COMMENT ON AGGREGATE @extschema@.trend_surface(@extschema:postgis@.geometry, float8, int) IS
'Least-squares trend surface z = sum b_ij x^i y^j, i + j <= order (1-6), over the points of the geometries.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.trend_surface_value(surface @extschema@.trend_surface_result, geom @extschema:postgis@.geometry)
RETURNS float8
AS 'MODULE_PATHNAME', 'trend_surface_value'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.trend_surface_value(@extschema@.trend_surface_result, @extschema:postgis@.geometry) IS
'The fitted trend surface at the point of geom (same SRID as the fit; NULL for an empty geometry or an undefined fit); z - trend_surface_value(...) maps the residuals.';

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
-- Every name is qualified, in the generated query too: the table's columns
-- may have types made by any role, so operators are written
-- OPERATOR(schema.op) and PostGIS's functions get geometry arguments
-- (an exact match no overload can beat); the band and k are parameters.
DECLARE
	pair text;
	coltype oid;
	basetype oid;
BEGIN
	IF method IS NULL OR NOT method OPERATOR(pg_catalog.=) ANY ('{queen,rook,knn,distance}'::pg_catalog.text[]) THEN
		RAISE EXCEPTION 'spatial_weights: unknown method %', pg_catalog.quote_nullable(method)
			USING ERRCODE = '22023',
				  DETAIL = pg_catalog.format('The method is %s.', pg_catalog.quote_nullable(method)),
				  HINT = 'Use ''queen'', ''rook'' (polygons), ''knn'' or ''distance''.';
	END IF;
	IF style IS NULL OR NOT style OPERATOR(pg_catalog.=) ANY ('{row,binary}'::pg_catalog.text[]) THEN
		RAISE EXCEPTION 'spatial_weights: unknown style %', pg_catalog.quote_nullable(style)
			USING ERRCODE = '22023',
				  DETAIL = pg_catalog.format('The style is %s.', pg_catalog.quote_nullable(style)),
				  HINT = 'Use ''row'' (row-standardised, the default) or ''binary''.';
	END IF;
	IF method OPERATOR(pg_catalog.=) 'knn' AND (k IS NULL OR k OPERATOR(pg_catalog.<) 1) THEN
		RAISE EXCEPTION 'spatial_weights: k must be at least 1'
			USING ERRCODE = '22023', DETAIL = pg_catalog.format('k = %s.', pg_catalog.quote_nullable(k)),
				  HINT = 'Give the number of nearest neighbours, e.g. k => 4.';
	END IF;
	-- NaN >= 0 holds in PostgreSQL (NaN sorts above every number): test the range
	IF method OPERATOR(pg_catalog.=) 'distance'
	   AND (distance IS NULL OR NOT (distance OPERATOR(pg_catalog.>=) 0::pg_catalog.float8
	                                 AND distance OPERATOR(pg_catalog.<) 'Infinity'::pg_catalog.float8)) THEN
		RAISE EXCEPTION 'spatial_weights: distance must be a finite number >= 0'
			USING ERRCODE = '22023', DETAIL = pg_catalog.format('distance = %s.', pg_catalog.quote_nullable(distance)),
				  HINT = 'Give the band in the units of the SRID (degrees for 4326), e.g. distance => 50000.';
	END IF;
	IF rel IS NULL OR id_column IS NULL OR geom_column IS NULL THEN
		RAISE EXCEPTION 'spatial_weights: rel, id_column and geom_column must not be NULL'
			USING ERRCODE = '22004',
				  DETAIL = pg_catalog.format('rel = %s, id_column = %s, geom_column = %s.', pg_catalog.quote_nullable(rel),
											 pg_catalog.quote_nullable(id_column), pg_catalog.quote_nullable(geom_column)),
				  HINT = 'Name the table and its id and geometry columns, e.g. spatial_weights(''regions'', ''id'', ''geom'').';
	END IF;
	-- a regclass is only an oid: a dropped or made-up one has no table behind it
	IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) rel::pg_catalog.oid) THEN
		RAISE EXCEPTION 'spatial_weights: relation with OID % does not exist', rel::pg_catalog.oid
			USING ERRCODE = '42P01',
				  DETAIL = 'The rel argument names no table, view or materialized view (dropped, or a number cast to regclass).',
				  HINT = 'Pass the table by name, e.g. ''public.regions''::regclass.';
	END IF;
	FOREACH pair IN ARRAY ARRAY[id_column, geom_column]::pg_catalog.text[] LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
					   WHERE a.attrelid OPERATOR(pg_catalog.=) rel::pg_catalog.oid
						 AND a.attname OPERATOR(pg_catalog.=) pair::pg_catalog.name
						 AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped) THEN
			RAISE EXCEPTION 'spatial_weights: column % of % does not exist', pg_catalog.quote_ident(pair), rel
				USING ERRCODE = '42703',
					  DETAIL = pg_catalog.format('id_column = %s, geom_column = %s.', pg_catalog.quote_ident(id_column),
												 pg_catalog.quote_ident(geom_column)),
					  HINT = 'Give the names of the table''s id and geometry columns.';
		END IF;
	END LOOP;
	-- the geometry column: PostGIS's geometry, or a domain over it
	SELECT a.atttypid INTO coltype FROM pg_catalog.pg_attribute a
	 WHERE a.attrelid OPERATOR(pg_catalog.=) rel::pg_catalog.oid AND a.attname OPERATOR(pg_catalog.=) geom_column;
	basetype := coltype;
	WHILE (SELECT t.typtype FROM pg_catalog.pg_type t WHERE t.oid OPERATOR(pg_catalog.=) basetype) OPERATOR(pg_catalog.=) 'd' LOOP
		SELECT t.typbasetype INTO basetype FROM pg_catalog.pg_type t WHERE t.oid OPERATOR(pg_catalog.=) basetype;
	END LOOP;
	IF basetype OPERATOR(pg_catalog.<>) '@extschema:postgis@.geometry'::pg_catalog.regtype::pg_catalog.oid THEN
		RAISE EXCEPTION 'spatial_weights: column %.% is not a geometry', rel, pg_catalog.quote_ident(geom_column)
			USING ERRCODE = '42804',
				  DETAIL = pg_catalog.format('Its type is %s.', pg_catalog.format_type(coltype, NULL)),
				  HINT = 'Pass a geometry column; for geography, a view with geog::geometry (and ST_Transform to a projected system for distances in metres).';
	END IF;
	-- one coordinate system, or PostGIS's predicates fail with an internal
	-- error (a column typed geometry(..., srid) is checked by PostgreSQL)
	EXECUTE pg_catalog.format('SELECT pg_catalog.string_agg(DISTINCT @extschema:postgis@.st_srid(%1$I::@extschema:postgis@.geometry)::pg_catalog.text, '', '') FROM %2$s',
							  geom_column, rel)
		INTO pair;
	IF pair OPERATOR(pg_catalog.~~) '%,%' THEN
		RAISE EXCEPTION 'spatial_weights: the geometries of %.% have different SRIDs', rel, pg_catalog.quote_ident(geom_column)
			USING ERRCODE = '22023', DETAIL = pg_catalog.format('SRIDs %s.', pair),
				  HINT = 'Bring them to one system first, e.g. ST_Transform(geom, 4326), or ST_SetSRID for geometries without one.';
	END IF;
	-- the table is joined to itself directly, so its GiST index serves the
	-- predicate (a CTE would hide it); a column cast to its own type stays a
	-- plain column reference, which the index matches
	pair := CASE
		WHEN method OPERATOR(pg_catalog.=) 'queen' THEN
			'JOIN %3$s AS b ON @extschema:postgis@.st_intersects(a.%2$I::@extschema:postgis@.geometry, b.%2$I::@extschema:postgis@.geometry)
			   AND a.%1$I::pg_catalog.int8 OPERATOR(pg_catalog.<>) b.%1$I::pg_catalog.int8'
		WHEN method OPERATOR(pg_catalog.=) 'rook' THEN
			'JOIN %3$s AS b ON @extschema:postgis@.st_intersects(a.%2$I::@extschema:postgis@.geometry, b.%2$I::@extschema:postgis@.geometry)
			   AND a.%1$I::pg_catalog.int8 OPERATOR(pg_catalog.<>) b.%1$I::pg_catalog.int8
			   AND @extschema:postgis@.st_relate(a.%2$I::@extschema:postgis@.geometry, b.%2$I::@extschema:postgis@.geometry, ''****1****''::pg_catalog.text)'
		WHEN method OPERATOR(pg_catalog.=) 'distance' THEN
			'JOIN %3$s AS b ON @extschema:postgis@.st_dwithin(a.%2$I::@extschema:postgis@.geometry, b.%2$I::@extschema:postgis@.geometry, $1)
			   AND a.%1$I::pg_catalog.int8 OPERATOR(pg_catalog.<>) b.%1$I::pg_catalog.int8'
		ELSE
			-- the inner ORDER BY is the distance alone, so the GiST index
			-- returns the nearest first; ties are then broken by id.  k + 16
			-- as bigint: k may be as large as an int goes
			'CROSS JOIN LATERAL (SELECT s.%1$I FROM (
			   SELECT c.%1$I, c.%2$I::@extschema:postgis@.geometry OPERATOR(@extschema:postgis@.<->) a.%2$I::@extschema:postgis@.geometry AS dist
			     FROM %3$s AS c
			    WHERE c.%1$I::pg_catalog.int8 OPERATOR(pg_catalog.<>) a.%1$I::pg_catalog.int8 AND c.%2$I IS NOT NULL
			      AND NOT @extschema:postgis@.st_isempty(c.%2$I::@extschema:postgis@.geometry)
			    ORDER BY c.%2$I::@extschema:postgis@.geometry OPERATOR(@extschema:postgis@.<->) a.%2$I::@extschema:postgis@.geometry
			    LIMIT $2::pg_catalog.int8 OPERATOR(pg_catalog.+) 16::pg_catalog.int8) AS s
			  ORDER BY s.dist, s.%1$I::pg_catalog.int8 LIMIT $2) AS b'
	END;
	RETURN QUERY EXECUTE pg_catalog.format(
		'WITH links AS (
		   SELECT a.%1$I::pg_catalog.int8 AS id, b.%1$I::pg_catalog.int8 AS nb FROM %3$s AS a ' OPERATOR(pg_catalog.||) pair OPERATOR(pg_catalog.||) '
		    WHERE a.%2$I IS NOT NULL AND NOT @extschema:postgis@.st_isempty(a.%2$I::@extschema:postgis@.geometry)),
		 lists AS (
		   SELECT l.id, pg_catalog.array_agg(l.nb ORDER BY l.nb) AS nbs,
		          pg_catalog.array_fill(%4$s, ARRAY[pg_catalog.count(*)::pg_catalog.int4]) AS ws
		     FROM links AS l GROUP BY l.id)
		 SELECT r.id, coalesce(lists.nbs, ''{}''::pg_catalog.int8[]), coalesce(lists.ws, ''{}''::pg_catalog.float8[])
		   FROM (SELECT DISTINCT %1$I::pg_catalog.int8 AS id FROM %3$s WHERE %1$I IS NOT NULL) AS r
		   LEFT JOIN lists ON lists.id OPERATOR(pg_catalog.=) r.id
		  ORDER BY r.id',
		id_column, geom_column, rel,
		CASE WHEN style OPERATOR(pg_catalog.=) 'row' THEN '1.0::pg_catalog.float8 OPERATOR(pg_catalog./) pg_catalog.count(*)::pg_catalog.float8'
			ELSE '1.0::pg_catalog.float8' END)
		USING distance, k;
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
