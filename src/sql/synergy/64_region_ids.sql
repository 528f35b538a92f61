
-- Region ids of any integer or text type (issue 12): moran_i, moran_i_state
-- and local_moran take int and text ids besides bigint ones, gravity_linkage
-- takes int and bigint ids besides text ones.  The C functions are those of
-- the bigint (text) forms: they read the ids by the type of the argument.
-- Explicit overloads, not polymorphic ones, so that calls with literals and
-- untyped NULLs resolve as before (docs/spatial.md, "Region ids").

CREATE FUNCTION @extschema@.moran_i_transfn(internal, float8, int, int[], float8[])
RETURNS internal AS 'MODULE_PATHNAME', 'moran_i_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.moran_i_transfn(internal, float8, int, int[], float8[], int, bigint)
RETURNS internal AS 'MODULE_PATHNAME', 'moran_i_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.moran_i_transfn(internal, float8, text, text[], float8[])
RETURNS internal AS 'MODULE_PATHNAME', 'moran_i_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.moran_i_transfn(internal, float8, text, text[], float8[], int, bigint)
RETURNS internal AS 'MODULE_PATHNAME', 'moran_i_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.moran_i_transfn(internal, float8, int, int[], float8[]) IS
'Internal: transition function of moran_i and moran_i_state with int region ids.';
COMMENT ON FUNCTION @extschema@.moran_i_transfn(internal, float8, int, int[], float8[], int, bigint) IS
'Internal: transition function of moran_i and moran_i_state with int region ids and a permutation test.';
COMMENT ON FUNCTION @extschema@.moran_i_transfn(internal, float8, text, text[], float8[]) IS
'Internal: transition function of moran_i and moran_i_state with text region ids.';
COMMENT ON FUNCTION @extschema@.moran_i_transfn(internal, float8, text, text[], float8[], int, bigint) IS
'Internal: transition function of moran_i and moran_i_state with text region ids and a permutation test.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.moran_i(value float8, id int, neighbours int[], weights float8[]) (
	SFUNC = @extschema@.moran_i_transfn, STYPE = internal,
	FINALFUNC = @extschema@.moran_i_finalfn, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moran_i_combinefn,
	SERIALFUNC = @extschema@.moran_i_serialfn, DESERIALFUNC = @extschema@.moran_i_deserialfn,
	PARALLEL = SAFE);
-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.moran_i(value float8, id int, neighbours int[], weights float8[],
									 permutations int, seed bigint) (
	SFUNC = @extschema@.moran_i_transfn, STYPE = internal,
	FINALFUNC = @extschema@.moran_i_finalfn, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moran_i_combinefn,
	SERIALFUNC = @extschema@.moran_i_serialfn, DESERIALFUNC = @extschema@.moran_i_deserialfn,
	PARALLEL = SAFE);
-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.moran_i(value float8, id text, neighbours text[], weights float8[]) (
	SFUNC = @extschema@.moran_i_transfn, STYPE = internal,
	FINALFUNC = @extschema@.moran_i_finalfn, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moran_i_combinefn,
	SERIALFUNC = @extschema@.moran_i_serialfn, DESERIALFUNC = @extschema@.moran_i_deserialfn,
	PARALLEL = SAFE);
-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.moran_i(value float8, id text, neighbours text[], weights float8[],
									 permutations int, seed bigint) (
	SFUNC = @extschema@.moran_i_transfn, STYPE = internal,
	FINALFUNC = @extschema@.moran_i_finalfn, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moran_i_combinefn,
	SERIALFUNC = @extschema@.moran_i_serialfn, DESERIALFUNC = @extschema@.moran_i_deserialfn,
	PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.moran_i(float8, int, int[], float8[]) IS
'Global Moran''s I as moran_i(value, bigint id, bigint[] neighbours, weights), with int region ids: the same result, bit for bit.';
COMMENT ON AGGREGATE @extschema@.moran_i(float8, int, int[], float8[], int, bigint) IS
'Global Moran''s I with a permutation test, with int region ids.';
COMMENT ON AGGREGATE @extschema@.moran_i(float8, text, text[], float8[]) IS
'Global Moran''s I with text region ids (ISO codes, names, zero-padded codes), matched as exact strings; the regions are summed in the byte order of their ids.';
COMMENT ON AGGREGATE @extschema@.moran_i(float8, text, text[], float8[], int, bigint) IS
'Global Moran''s I with a permutation test, with text region ids.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.moran_i_state(value float8, id int, neighbours int[], weights float8[]) (
	SFUNC = @extschema@.moran_i_transfn, STYPE = internal,
	FINALFUNC = @extschema@.moran_i_serialfn, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moran_i_combinefn,
	SERIALFUNC = @extschema@.moran_i_serialfn, DESERIALFUNC = @extschema@.moran_i_deserialfn,
	PARALLEL = SAFE);
-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.moran_i_state(value float8, id int, neighbours int[], weights float8[],
										   permutations int, seed bigint) (
	SFUNC = @extschema@.moran_i_transfn, STYPE = internal,
	FINALFUNC = @extschema@.moran_i_serialfn, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moran_i_combinefn,
	SERIALFUNC = @extschema@.moran_i_serialfn, DESERIALFUNC = @extschema@.moran_i_deserialfn,
	PARALLEL = SAFE);
-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.moran_i_state(value float8, id text, neighbours text[], weights float8[]) (
	SFUNC = @extschema@.moran_i_transfn, STYPE = internal,
	FINALFUNC = @extschema@.moran_i_serialfn, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moran_i_combinefn,
	SERIALFUNC = @extschema@.moran_i_serialfn, DESERIALFUNC = @extschema@.moran_i_deserialfn,
	PARALLEL = SAFE);
-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.moran_i_state(value float8, id text, neighbours text[], weights float8[],
										   permutations int, seed bigint) (
	SFUNC = @extschema@.moran_i_transfn, STYPE = internal,
	FINALFUNC = @extschema@.moran_i_serialfn, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moran_i_combinefn,
	SERIALFUNC = @extschema@.moran_i_serialfn, DESERIALFUNC = @extschema@.moran_i_deserialfn,
	PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.moran_i_state(float8, int, int[], float8[]) IS
'The state of moran_i with int region ids, as a storable bytea value (kept as integer ids: it merges with states of bigint ids).';
COMMENT ON AGGREGATE @extschema@.moran_i_state(float8, int, int[], float8[], int, bigint) IS
'The state of moran_i with int region ids and a permutation test, as a storable bytea value.';
COMMENT ON AGGREGATE @extschema@.moran_i_state(float8, text, text[], float8[]) IS
'The state of moran_i with text region ids, as a storable bytea value: the ids travel in the state as strings, so states of different groups link up by id when merged (not with states of integer ids: ERROR 22023).';
COMMENT ON AGGREGATE @extschema@.moran_i_state(float8, text, text[], float8[], int, bigint) IS
'The state of moran_i with text region ids and a permutation test, as a storable bytea value.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.local_moran(
	value float8,
	id int,
	neighbours int[],
	weights float8[] DEFAULT NULL,
	permutations int DEFAULT 0,
	seed bigint DEFAULT 1,
	significance float8 DEFAULT 0.05)
RETURNS @extschema@.local_moran_result
AS 'MODULE_PATHNAME', 'local_moran_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.local_moran(float8, int, int[], float8[], int, bigint, float8) IS
'Local Moran''s I (LISA) as local_moran(value, bigint id, bigint[] neighbours, ...), with int region ids: the same result, bit for bit.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.local_moran(
	value float8,
	id text,
	neighbours text[],
	weights float8[] DEFAULT NULL,
	permutations int DEFAULT 0,
	seed bigint DEFAULT 1,
	significance float8 DEFAULT 0.05)
RETURNS @extschema@.local_moran_result
AS 'MODULE_PATHNAME', 'local_moran_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.local_moran(float8, text, text[], float8[], int, bigint, float8) IS
'Local Moran''s I (LISA) with text region ids (matched as exact strings; the regions are evaluated in the byte order of their ids).';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.gravity_linkage(
	ids int[],
	masses float8[],
	lon float8[],
	lat float8[],
	k float8 DEFAULT 1,
	alpha float8 DEFAULT 1,
	beta float8 DEFAULT 1,
	r float8 DEFAULT 2,
	directional float8[] DEFAULT NULL)
RETURNS TABLE (i int, j int, distance float8, strength float8, membership float8,
			   total float8, strongest boolean)
AS 'MODULE_PATHNAME', 'gravity_linkage_coords'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.gravity_linkage(int[], float8[], float8[], float8[], float8, float8, float8, float8, float8[]) IS
'gravity_linkage(ids, masses, lon, lat, ...) with int city ids: i and j are int.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.gravity_linkage(
	ids bigint[],
	masses float8[],
	lon float8[],
	lat float8[],
	k float8 DEFAULT 1,
	alpha float8 DEFAULT 1,
	beta float8 DEFAULT 1,
	r float8 DEFAULT 2,
	directional float8[] DEFAULT NULL)
RETURNS TABLE (i bigint, j bigint, distance float8, strength float8, membership float8,
			   total float8, strongest boolean)
AS 'MODULE_PATHNAME', 'gravity_linkage_coords'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.gravity_linkage(bigint[], float8[], float8[], float8[], float8, float8, float8, float8, float8[]) IS
'gravity_linkage(ids, masses, lon, lat, ...) with bigint city ids: i and j are bigint.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.gravity_linkage(
	ids int[],
	masses float8[],
	distances float8[],
	k float8 DEFAULT 1,
	alpha float8 DEFAULT 1,
	beta float8 DEFAULT 1,
	r float8 DEFAULT 2,
	directional float8[] DEFAULT NULL)
RETURNS TABLE (i int, j int, distance float8, strength float8, membership float8,
			   total float8, strongest boolean)
AS 'MODULE_PATHNAME', 'gravity_linkage_matrix'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.gravity_linkage(int[], float8[], float8[], float8, float8, float8, float8, float8[]) IS
'gravity_linkage(ids, masses, distances, ...) with int city ids: i and j are int.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.gravity_linkage(
	ids bigint[],
	masses float8[],
	distances float8[],
	k float8 DEFAULT 1,
	alpha float8 DEFAULT 1,
	beta float8 DEFAULT 1,
	r float8 DEFAULT 2,
	directional float8[] DEFAULT NULL)
RETURNS TABLE (i bigint, j bigint, distance float8, strength float8, membership float8,
			   total float8, strongest boolean)
AS 'MODULE_PATHNAME', 'gravity_linkage_matrix'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.gravity_linkage(bigint[], float8[], float8[], float8, float8, float8, float8, float8[]) IS
'gravity_linkage(ids, masses, distances, ...) with bigint city ids: i and j are bigint.';
