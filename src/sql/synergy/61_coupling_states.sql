
-- Partial states of coupling_coordination (docs/reference.md, "Partial
-- states"): coupling_coordination_state keeps a group's rows as a bytea
-- value (scores, weights, variant), coupling_coordination_merge merges such
-- values as the parallel combine does, coupling_coordination_final gives
-- the aggregate's result from one.

CREATE FUNCTION @extschema@.coupling_coordination_merge_transfn(internal, bytea)
RETURNS internal AS 'MODULE_PATHNAME', 'coupling_coordination_merge_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.coupling_coordination_state(u float8) (
	SFUNC = @extschema@.coupling_coordination_transfn,
	STYPE = internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.coupling_coordination_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.coupling_coordination_combinefn,
	SERIALFUNC = @extschema@.coupling_coordination_serialfn,
	DESERIALFUNC = @extschema@.coupling_coordination_deserialfn,
	PARALLEL = SAFE
);
-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.coupling_coordination_state(u float8, weight float8) (
	SFUNC = @extschema@.coupling_coordination_transfn,
	STYPE = internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.coupling_coordination_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.coupling_coordination_combinefn,
	SERIALFUNC = @extschema@.coupling_coordination_serialfn,
	DESERIALFUNC = @extschema@.coupling_coordination_deserialfn,
	PARALLEL = SAFE
);
-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.coupling_coordination_state(u float8, weight float8, variant text) (
	SFUNC = @extschema@.coupling_coordination_transfn,
	STYPE = internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.coupling_coordination_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.coupling_coordination_combinefn,
	SERIALFUNC = @extschema@.coupling_coordination_serialfn,
	DESERIALFUNC = @extschema@.coupling_coordination_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.coupling_coordination_state(float8) IS
'The state of coupling_coordination(u) over the rows, as a storable bytea value (equal weights, classic variant); NULL when no row has a score. Merge states with coupling_coordination_merge, finish with coupling_coordination_final.';
COMMENT ON AGGREGATE @extschema@.coupling_coordination_state(float8, float8) IS
'The state of coupling_coordination(u, weight) over the rows, as a storable bytea value (the weights are kept; classic variant).';
COMMENT ON AGGREGATE @extschema@.coupling_coordination_state(float8, float8, text) IS
'The state of coupling_coordination(u, weight, variant) over the rows, as a storable bytea value (weights and variant are kept).';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.coupling_coordination_merge(state bytea) (
	SFUNC = @extschema@.coupling_coordination_merge_transfn,
	STYPE = internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.coupling_coordination_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.coupling_coordination_combinefn,
	SERIALFUNC = @extschema@.coupling_coordination_serialfn,
	DESERIALFUNC = @extschema@.coupling_coordination_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.coupling_coordination_merge(bytea) IS
'Merges coupling_coordination states (NULLs skipped) into the state of all their rows; the states must agree on weights and variant (ERROR 22023). Damaged states are ERROR 22P03.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.coupling_coordination_final(state bytea)
RETURNS @extschema@.ccd
AS 'MODULE_PATHNAME', 'coupling_coordination_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.coupling_coordination_final(bytea) IS
'The coupling_coordination result of the rows behind a state made by coupling_coordination_state or coupling_coordination_merge: the same bits as the aggregate over those rows.';
