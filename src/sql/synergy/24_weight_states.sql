-- Partial states as values for stddev_weights, cv_weights and
-- critic_weights (docs/reference.md, "Partial states"): F_state returns the
-- aggregate's state as bytea, F_merge merges states as the parallel plans
-- do, F_final turns a state into F's result.  stddev_weights and cv_weights
-- share one kind of state (the column moments): a state made by either
-- finalizes either way.  critic_weights' state records its directions.

CREATE FUNCTION @extschema@.moments_weights_merge_transfn(internal, bytea)
RETURNS internal AS 'MODULE_PATHNAME', 'moments_weights_merge_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.moments_weights_merge_transfn(internal, bytea) IS
'Transition function of stddev_weights_merge and cv_weights_merge: merges one state (NULL skipped).';
CREATE FUNCTION @extschema@.critic_weights_merge_transfn(internal, bytea)
RETURNS internal AS 'MODULE_PATHNAME', 'critic_weights_merge_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.critic_weights_merge_transfn(internal, bytea) IS
'Transition function of critic_weights_merge: merges one state (NULL skipped).';

-- stddev_weights, cv_weights -------------------------------------------------

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.stddev_weights_state(x float8[]) (
	SFUNC = @extschema@.moments_weights_transfn,
	STYPE = internal,
	SSPACE = 1024,
	FINALFUNC = @extschema@.moments_weights_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.stddev_weights_state(float8[]) IS
'The state of stddev_weights (and cv_weights: the same column moments) over the rows, as a storable bytea; NULL without rows. Merge with stddev_weights_merge, finish with stddev_weights_final or cv_weights_final.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.cv_weights_state(x float8[]) (
	SFUNC = @extschema@.moments_weights_transfn,
	STYPE = internal,
	SSPACE = 1024,
	FINALFUNC = @extschema@.moments_weights_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.cv_weights_state(float8[]) IS
'The state of cv_weights over the rows, as a storable bytea (the same value as stddev_weights_state); NULL without rows.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.stddev_weights_merge(state bytea) (
	SFUNC = @extschema@.moments_weights_merge_transfn,
	STYPE = internal,
	SSPACE = 1024,
	FINALFUNC = @extschema@.moments_weights_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.stddev_weights_merge(bytea) IS
'Merges stddev_weights/cv_weights states (NULL skipped) into the state of all their rows, as the parallel plans of stddev_weights do.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.cv_weights_merge(state bytea) (
	SFUNC = @extschema@.moments_weights_merge_transfn,
	STYPE = internal,
	SSPACE = 1024,
	FINALFUNC = @extschema@.moments_weights_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.cv_weights_merge(bytea) IS
'Merges stddev_weights/cv_weights states (NULL skipped) into the state of all their rows; the same as stddev_weights_merge.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.stddev_weights_final(state bytea)
RETURNS float8[] AS 'MODULE_PATHNAME', 'stddev_weights_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stddev_weights_final(bytea) IS
'stddev_weights of the rows behind a stddev_weights/cv_weights state (from *_state or *_merge).';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.cv_weights_final(state bytea)
RETURNS float8[] AS 'MODULE_PATHNAME', 'cv_weights_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cv_weights_final(bytea) IS
'cv_weights of the rows behind a stddev_weights/cv_weights state (from *_state or *_merge).';

-- critic_weights, critic_weights_detail --------------------------------------

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.critic_weights_state(x float8[]) (
	SFUNC = @extschema@.critic_weights_transfn,
	STYPE = internal,
	SSPACE = 4096,
	FINALFUNC = @extschema@.moments_weights_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.critic_weights_state(x float8[], directions int[]) (
	SFUNC = @extschema@.critic_weights_transfn,
	STYPE = internal,
	SSPACE = 4096,
	FINALFUNC = @extschema@.moments_weights_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.critic_weights_state(float8[]) IS
'The state of critic_weights and critic_weights_detail over the rows (co-moments), as a storable bytea; NULL without rows.';
COMMENT ON AGGREGATE @extschema@.critic_weights_state(float8[], int[]) IS
'The state of critic_weights and critic_weights_detail with directions (recorded in the state), as a storable bytea; NULL without rows.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.critic_weights_merge(state bytea) (
	SFUNC = @extschema@.critic_weights_merge_transfn,
	STYPE = internal,
	SSPACE = 4096,
	FINALFUNC = @extschema@.moments_weights_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.critic_weights_merge(bytea) IS
'Merges critic_weights states (NULL skipped) into the state of all their rows, as the parallel plans of critic_weights do; states with other directions are an error.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.critic_weights_final(state bytea)
RETURNS float8[] AS 'MODULE_PATHNAME', 'critic_weights_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.critic_weights_final(bytea) IS
'critic_weights of the rows behind a critic_weights state, with the directions it records.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.critic_weights_detail_final(state bytea)
RETURNS @extschema@.critic_detail AS 'MODULE_PATHNAME', 'critic_weights_detail_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.critic_weights_detail_final(bytea) IS
'critic_weights_detail of the rows behind a critic_weights state: (n, sd, conflict, information, weight).';
