
-- Partial states of trend_analysis (docs/spatial.md, "Partial states"):
-- trend_analysis_state keeps a group's points as a bytea value (x, y, z,
-- order, rotation, SRID and target SRID), trend_analysis_merge merges such
-- values as the parallel combine does, trend_analysis_final gives the
-- aggregate's result from one.  The C functions belong to synergy's library.

CREATE FUNCTION @extschema@.trend_analysis_merge_transfn(internal, bytea)
RETURNS internal AS 'MODULE_PATHNAME', 'trend_analysis_merge_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.trend_analysis_state(geom @extschema:postgis@.geometry, z float8) (
	SFUNC = @extschema@.trend_analysis_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.trend_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.trend_combinefn,
	SERIALFUNC = @extschema@.trend_serialfn,
	DESERIALFUNC = @extschema@.trend_deserialfn,
	PARALLEL = SAFE
);
-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.trend_analysis_state(geom @extschema:postgis@.geometry, z float8, "order" int) (
	SFUNC = @extschema@.trend_analysis_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.trend_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.trend_combinefn,
	SERIALFUNC = @extschema@.trend_serialfn,
	DESERIALFUNC = @extschema@.trend_deserialfn,
	PARALLEL = SAFE
);
-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.trend_analysis_state(geom @extschema:postgis@.geometry, z float8, "order" int, rotation float8) (
	SFUNC = @extschema@.trend_analysis_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.trend_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.trend_combinefn,
	SERIALFUNC = @extschema@.trend_serialfn,
	DESERIALFUNC = @extschema@.trend_deserialfn,
	PARALLEL = SAFE
);
-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.trend_analysis_state(geom @extschema:postgis@.geometry, z float8, "order" int, rotation float8,
												  target_srid int) (
	SFUNC = @extschema@.trend_analysis_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.trend_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.trend_combinefn,
	SERIALFUNC = @extschema@.trend_serialfn,
	DESERIALFUNC = @extschema@.trend_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.trend_analysis_state(@extschema:postgis@.geometry, float8) IS
'The state of trend_analysis(geom, z) over the rows, as a storable bytea value (the points, order 2); NULL when no row has a point and a z. Merge states with trend_analysis_merge, finish with trend_analysis_final.';
COMMENT ON AGGREGATE @extschema@.trend_analysis_state(@extschema:postgis@.geometry, float8, int) IS
'The state of trend_analysis(geom, z, order), as a storable bytea value (the points and the order).';
COMMENT ON AGGREGATE @extschema@.trend_analysis_state(@extschema:postgis@.geometry, float8, int, float8) IS
'The state of trend_analysis(geom, z, order, rotation), as a storable bytea value (the points, order and rotation).';
COMMENT ON AGGREGATE @extschema@.trend_analysis_state(@extschema:postgis@.geometry, float8, int, float8, int) IS
'The state of trend_analysis(geom, z, order, rotation, target_srid), as a storable bytea value (the points transformed to target_srid, order, rotation and target_srid).';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.trend_analysis_merge(state bytea) (
	SFUNC = @extschema@.trend_analysis_merge_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.trend_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.trend_combinefn,
	SERIALFUNC = @extschema@.trend_serialfn,
	DESERIALFUNC = @extschema@.trend_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.trend_analysis_merge(bytea) IS
'Merges trend_analysis states (NULLs skipped) into the state of all their points; the states must agree on order, rotation, target_srid and SRID (ERROR 22023). Damaged states are ERROR 22P03.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.trend_analysis_final(state bytea)
RETURNS @extschema@.trend_analysis_result
AS 'MODULE_PATHNAME', 'trend_analysis_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.trend_analysis_final(bytea) IS
'The trend_analysis result of the points behind a state made by trend_analysis_state or trend_analysis_merge: the same bits as the aggregate over those rows.';
