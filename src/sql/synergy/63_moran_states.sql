
-- Partial states of moran_i (docs/spatial.md, "Partial states"):
-- moran_i_state keeps a group's regions as a bytea value (values, ids,
-- neighbour lists, weights, and the permutation test's count and seed),
-- moran_i_merge merges such values as the parallel combine does,
-- moran_i_final gives the aggregate's result from one.

CREATE FUNCTION @extschema@.moran_i_merge_transfn(internal, bytea)
RETURNS internal AS 'MODULE_PATHNAME', 'moran_i_merge_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.moran_i_state(value float8, id bigint, neighbours bigint[], weights float8[]) (
	SFUNC = @extschema@.moran_i_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.moran_i_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moran_i_combinefn,
	SERIALFUNC = @extschema@.moran_i_serialfn,
	DESERIALFUNC = @extschema@.moran_i_deserialfn,
	PARALLEL = SAFE
);
-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.moran_i_state(value float8, id bigint, neighbours bigint[], weights float8[],
										   permutations int, seed bigint) (
	SFUNC = @extschema@.moran_i_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.moran_i_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moran_i_combinefn,
	SERIALFUNC = @extschema@.moran_i_serialfn,
	DESERIALFUNC = @extschema@.moran_i_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.moran_i_state(float8, bigint, bigint[], float8[]) IS
'The state of moran_i(value, id, neighbours, weights) over the regions of the group, as a storable bytea value; NULL when no region has a value. Merge states with moran_i_merge, finish with moran_i_final.';
COMMENT ON AGGREGATE @extschema@.moran_i_state(float8, bigint, bigint[], float8[], int, bigint) IS
'The state of moran_i(value, id, neighbours, weights, permutations, seed), as a storable bytea value: permutations and seed are kept, so moran_i_final gives the same permutation p value as moran_i.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.moran_i_merge(state bytea) (
	SFUNC = @extschema@.moran_i_merge_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.moran_i_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moran_i_combinefn,
	SERIALFUNC = @extschema@.moran_i_serialfn,
	DESERIALFUNC = @extschema@.moran_i_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.moran_i_merge(bytea) IS
'Merges moran_i states (NULLs skipped) into the state of all their regions, so that neighbours in different states link up; the states must agree on permutations and seed (ERROR 22023). Damaged states are ERROR 22P03.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.moran_i_final(state bytea)
RETURNS @extschema@.moran_result
AS 'MODULE_PATHNAME', 'moran_i_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.moran_i_final(bytea) IS
'The moran_i result of the regions behind a state made by moran_i_state or moran_i_merge, with the permutation test of the state''s permutations and seed: the same bits as the aggregate over those regions.';
