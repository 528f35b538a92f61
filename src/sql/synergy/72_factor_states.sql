-- Partial states as values for factor_analysis (docs/reference.md,
-- "Partial states"): the co-moment matrix as bytea, merged as the parallel
-- plans do.  nfactors, when given to factor_analysis_state, is recorded in
-- the state; factor_analysis_final may also take it, since the co-moments do
-- not depend on it (store the states once, choose the factors later).

CREATE FUNCTION @extschema@.factor_analysis_merge_transfn(internal, bytea)
RETURNS internal AS 'MODULE_PATHNAME', 'factor_analysis_merge_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.factor_analysis_merge_transfn(internal, bytea) IS
'Transition function of factor_analysis_merge: merges one state (NULL skipped).';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.factor_analysis_state(x float8[]) (
	SFUNC = @extschema@.factor_analysis_transfn,
	STYPE = internal,
	SSPACE = 8192,
	FINALFUNC = @extschema@.factor_analysis_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.factor_analysis_combinefn,
	SERIALFUNC = @extschema@.factor_analysis_serialfn,
	DESERIALFUNC = @extschema@.factor_analysis_deserialfn,
	PARALLEL = SAFE
);
-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.factor_analysis_state(x float8[], nfactors int) (
	SFUNC = @extschema@.factor_analysis_transfn,
	STYPE = internal,
	SSPACE = 8192,
	FINALFUNC = @extschema@.factor_analysis_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.factor_analysis_combinefn,
	SERIALFUNC = @extschema@.factor_analysis_serialfn,
	DESERIALFUNC = @extschema@.factor_analysis_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.factor_analysis_state(float8[]) IS
'The state of factor_analysis over the rows (means, ranges, co-moments; Kaiser''s criterion recorded), as a storable bytea; NULL without rows.';
COMMENT ON AGGREGATE @extschema@.factor_analysis_state(float8[], int) IS
'The state of factor_analysis keeping nfactors factors (recorded in the state; NULL: Kaiser''s criterion), as a storable bytea; NULL without rows.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.factor_analysis_merge(state bytea) (
	SFUNC = @extschema@.factor_analysis_merge_transfn,
	STYPE = internal,
	SSPACE = 8192,
	FINALFUNC = @extschema@.factor_analysis_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.factor_analysis_combinefn,
	SERIALFUNC = @extschema@.factor_analysis_serialfn,
	DESERIALFUNC = @extschema@.factor_analysis_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.factor_analysis_merge(bytea) IS
'Merges factor_analysis states (NULL skipped) into the state of all their rows, as the parallel plans of factor_analysis do; states recording different nfactors are an error.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.factor_analysis_final(state bytea)
RETURNS jsonb AS 'MODULE_PATHNAME', 'factor_analysis_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.factor_analysis_final(bytea) IS
'factor_analysis of the rows behind a state, keeping the number of factors the state records; NULL for fewer than 2 rows.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.factor_analysis_final(state bytea, nfactors int)
RETURNS jsonb AS 'MODULE_PATHNAME', 'factor_analysis_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.factor_analysis_final(bytea, int) IS
'factor_analysis of the rows behind a state keeping nfactors factors instead of the number the state records (NULL: eigenvalue > 1); NULL for a NULL state or fewer than 2 rows.';
