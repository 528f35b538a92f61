-- A missing-value policy for factor_analysis (issue 12): a third argument,
-- 'error' (as without it) or 'skip' (a row with a NULL element takes no
-- part: the analysis of the complete rows).  'mean' and 'median' are
-- refused (0A000).  Skipped rows never reach the state, so states made with
-- and without the policy merge as before.

CREATE FUNCTION @extschema@.factor_analysis_transfn(internal, float8[], int, text)
RETURNS internal AS 'MODULE_PATHNAME', 'factor_analysis_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.factor_analysis_transfn(internal, float8[], int, text) IS
'Transition function of factor_analysis(x, nfactors, missing) and factor_analysis_state(x, nfactors, missing).';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.factor_analysis(x float8[], nfactors int, missing text) (
	SFUNC = @extschema@.factor_analysis_transfn,
	STYPE = internal,
	SSPACE = 8192,
	FINALFUNC = @extschema@.factor_analysis_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.factor_analysis_combinefn,
	SERIALFUNC = @extschema@.factor_analysis_serialfn,
	DESERIALFUNC = @extschema@.factor_analysis_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.factor_analysis(float8[], int, text) IS
'factor_analysis(x, nfactors) with a policy for NULL elements of x: ''error'' (default behaviour) or ''skip'' (complete rows only); ''mean'' and ''median'' are refused (0A000).';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.factor_analysis_state(x float8[], nfactors int, missing text) (
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
COMMENT ON AGGREGATE @extschema@.factor_analysis_state(float8[], int, text) IS
'The state of factor_analysis(x, nfactors, missing) as a storable bytea: the co-moments of the rows it kept; NULL without rows.';
