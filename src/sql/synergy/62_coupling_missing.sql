-- Missing subsystem scores in the aggregate coupling_coordination (issue
-- 12): a fourth argument, the policy, 'error' or 'skip'; the array forms
-- take it as their last argument, missing => ... (60_coupling.sql).  Without it a row with
-- u = NULL is left out, as SQL aggregates do; with it, such a row is an
-- error ('error') or makes the group's result NULL ('skip').

CREATE FUNCTION @extschema@.coupling_coordination_transfn(internal, float8, float8, text, text)
RETURNS internal AS 'MODULE_PATHNAME', 'coupling_coordination_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.coupling_coordination_transfn(internal, float8, float8, text, text) IS
'Transition function of coupling_coordination(u, weight, variant, missing) and its _state form.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.coupling_coordination(u float8, weight float8, variant text, missing text) (
	SFUNC = @extschema@.coupling_coordination_transfn,
	STYPE = internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.coupling_coordination_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.coupling_coordination_combinefn,
	SERIALFUNC = @extschema@.coupling_coordination_serialfn,
	DESERIALFUNC = @extschema@.coupling_coordination_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.coupling_coordination(float8, float8, text, text) IS
'Coupling coordination over rows with a missing-value policy for the scores: missing ''error'' (a row with u = NULL is an error) or ''skip'' (the group''s result is NULL); ''mean'' and ''median'' are refused (0A000). weight NULL for equal weights is not allowed: pass 1.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.coupling_coordination_state(u float8, weight float8, variant text, missing text) (
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
COMMENT ON AGGREGATE @extschema@.coupling_coordination_state(float8, float8, text, text) IS
'The state of coupling_coordination(u, weight, variant, missing) as a storable bytea value (weights, variant and policy are kept; under ''skip'' it records that a score was NULL, and its final is NULL).';
