
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

-- Availability: 0.3.0
CREATE FUNCTION @extschema@._trend_result_check(fname text, trend @extschema@.trend_analysis_result)
RETURNS void
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- A trend_analysis_result made or changed by hand: every field that
-- trend_analysis() fills, checked before a curve is sampled from it (a zero
-- scale was a bare 'division by zero', a long coefficient list took
-- seconds per sample).  A direction with NULL coefficients (an undefined
-- fit) has no curve and is not checked further.
DECLARE
	dir text;
	coefs pg_catalog.float8[];
	vals pg_catalog.float8[];
	names text[] := '{center,scale,min,max}';
	bad text;
BEGIN
	IF trend."order" IS NULL OR trend."order" OPERATOR(pg_catalog.<) 1 OR trend."order" OPERATOR(pg_catalog.>) 6 THEN
		bad := pg_catalog.format('The order is %s; trend_analysis() fits orders 1 to 6.', coalesce(trend."order"::pg_catalog.text, 'NULL'));
	ELSIF NOT (trend.rotation OPERATOR(pg_catalog.>) '-Infinity'::pg_catalog.float8
			   AND trend.rotation OPERATOR(pg_catalog.<) 'Infinity'::pg_catalog.float8) OR trend.rotation IS NULL THEN
		bad := pg_catalog.format('The rotation is %s; it must be a finite number of degrees.', coalesce(trend.rotation::pg_catalog.text, 'NULL'));
	ELSIF trend.srid IS NULL THEN
		bad := 'The srid is NULL (0 for none).';
	END IF;
	FOREACH dir IN ARRAY '{ew,ns}'::text[] LOOP
		EXIT WHEN bad IS NOT NULL;
		IF dir OPERATOR(pg_catalog.=) 'ew' THEN
			coefs := trend.ew_scaled_coefficients;
			vals := ARRAY[trend.ew_center, trend.ew_scale, trend.ew_min, trend.ew_max];
		ELSE
			coefs := trend.ns_scaled_coefficients;
			vals := ARRAY[trend.ns_center, trend.ns_scale, trend.ns_min, trend.ns_max];
		END IF;
		CONTINUE WHEN coefs IS NULL;
		-- the length first, from the header: at most 7 elements are read
		IF (pg_catalog.array_ndims(coefs) IS DISTINCT FROM 1)
		   OR pg_catalog.cardinality(coefs) OPERATOR(pg_catalog.<>) (trend."order" OPERATOR(pg_catalog.+) 1) THEN
			bad := pg_catalog.format('%s_scaled_coefficients has %s element%s%s; order %s has %s.', dir,
									 pg_catalog.cardinality(coefs),
									 CASE WHEN pg_catalog.cardinality(coefs) OPERATOR(pg_catalog.=) 1 THEN '' ELSE 's' END,
									 CASE WHEN pg_catalog.array_ndims(coefs) OPERATOR(pg_catalog.=) 1 THEN ''
										  ELSE pg_catalog.format(' in %s dimensions', coalesce(pg_catalog.array_ndims(coefs), 0)) END,
									 trend."order", trend."order" OPERATOR(pg_catalog.+) 1);
		ELSE
			-- NaN sorts above Infinity: the range test excludes it
			SELECT pg_catalog.format('Element %s of %s_scaled_coefficients is %s.', u.k, dir, coalesce(u.x::pg_catalog.text, 'NULL'))
			  INTO bad
			  FROM pg_catalog.unnest(coefs) WITH ORDINALITY AS u(x, k)
			 WHERE NOT (u.x OPERATOR(pg_catalog.>) '-Infinity'::pg_catalog.float8
						AND u.x OPERATOR(pg_catalog.<) 'Infinity'::pg_catalog.float8) OR u.x IS NULL
			 ORDER BY u.k LIMIT 1;
		END IF;
		FOR i IN 1..4 LOOP
			EXIT WHEN bad IS NOT NULL;
			IF vals[i] IS NULL OR NOT (vals[i] OPERATOR(pg_catalog.>) '-Infinity'::pg_catalog.float8
									   AND vals[i] OPERATOR(pg_catalog.<) 'Infinity'::pg_catalog.float8)
			   OR (i OPERATOR(pg_catalog.=) 2 AND vals[i] OPERATOR(pg_catalog.<=) 0::pg_catalog.float8) THEN
				bad := pg_catalog.format('%s_%s is %s; it must be %s.', dir, names[i], coalesce(vals[i]::pg_catalog.text, 'NULL'),
										 CASE WHEN i OPERATOR(pg_catalog.=) 2 THEN 'a finite number > 0' ELSE 'finite' END);
			END IF;
		END LOOP;
		IF bad IS NULL AND vals[3] OPERATOR(pg_catalog.>) vals[4] THEN
			bad := pg_catalog.format('%s_min is %s, above %s_max %s.', dir, vals[3], dir, vals[4]);
		END IF;
	END LOOP;
	IF bad IS NOT NULL THEN
		RAISE EXCEPTION '%: the trend is not a result of trend_analysis', fname
			USING ERRCODE = '22023', DETAIL = bad,
				  HINT = 'Pass a result of trend_analysis() unchanged (its fields are checked against each other).';
	END IF;
END
$$;

COMMENT ON FUNCTION @extschema@._trend_result_check(text, @extschema@.trend_analysis_result) IS
'Internal to trend_curve and trend_lines: the fields of a trend_analysis_result are as trend_analysis() makes them (order 1-6, finite rotation, an srid, per fitted direction order + 1 finite scaled coefficients, finite center, min <= max and scale > 0); else ERROR 22023 naming fname.';

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
	PERFORM @extschema@._trend_result_check('trend_curve'::pg_catalog.text, trend);
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
	SELECT @extschema@._trend_result_check('trend_lines'::pg_catalog.text, trend);
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
