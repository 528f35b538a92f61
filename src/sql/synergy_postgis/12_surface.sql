
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
