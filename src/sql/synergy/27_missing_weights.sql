-- Missing values in the weights aggregates (issue 12): the options value
-- weight_options(directions, shift, missing) and the aggregate overloads
-- that take it (aggregates cannot take named arguments).  The policy
-- travels in the partial states (kind versions 2), so F_final takes only
-- the state.

-- Availability: 0.3.0
CREATE TYPE @extschema@.weight_options AS (
	directions int[],
	shift float8,
	missing text
);
COMMENT ON TYPE @extschema@.weight_options IS
'Options of the weights aggregates, built by weight_options(directions, shift, missing): directions (1 benefit, -1 cost; NULL = all benefit), shift added to the entropy scores (NULL = 0) and the missing-value policy for NULL elements of x (''error'', ''skip'', ''mean'', ''median'').';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.weight_options(directions int[] DEFAULT NULL, shift float8 DEFAULT NULL,
										   missing text DEFAULT 'error')
RETURNS @extschema@.weight_options
AS 'MODULE_PATHNAME', 'weight_options'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weight_options(int[], float8, text) IS
'Options for the weights aggregates, e.g. entropy_weights(x, weight_options(missing => ''mean'', directions => ''{1,-1,1}'')). Checks directions (+-1), shift (finite, >= 0) and missing (''error'' default, ''skip'', ''mean'', ''median''; any case; spelled in lower case in the result).';

CREATE FUNCTION @extschema@.entropy_weights_options_transfn(internal, float8[], @extschema@.weight_options)
RETURNS internal AS 'MODULE_PATHNAME', 'entropy_weights_options_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.entropy_weights_options_transfn(internal, float8[], @extschema@.weight_options) IS
'Transition function of entropy_weights(x, options) and its _detail and _state forms.';
CREATE FUNCTION @extschema@.entropy_weights_bounded_options_transfn(internal, float8[], float8[], float8[], @extschema@.weight_options)
RETURNS internal AS 'MODULE_PATHNAME', 'entropy_weights_bounded_options_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.entropy_weights_bounded_options_transfn(internal, float8[], float8[], float8[], @extschema@.weight_options) IS
'Transition function of entropy_weights(x, lower, upper, options) and its _detail and _state forms.';
CREATE FUNCTION @extschema@.moments_weights_options_transfn(internal, float8[], @extschema@.weight_options)
RETURNS internal AS 'MODULE_PATHNAME', 'moments_weights_options_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.moments_weights_options_transfn(internal, float8[], @extschema@.weight_options) IS
'Transition function of stddev_weights(x, options) and cv_weights(x, options) and their _state forms.';
CREATE FUNCTION @extschema@.critic_weights_options_transfn(internal, float8[], @extschema@.weight_options)
RETURNS internal AS 'MODULE_PATHNAME', 'critic_weights_options_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.critic_weights_options_transfn(internal, float8[], @extschema@.weight_options) IS
'Transition function of critic_weights(x, options), critic_weights_detail(x, options) and critic_weights_state(x, options).';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.entropy_weights(x float8[], options @extschema@.weight_options) (
	SFUNC = @extschema@.entropy_weights_options_transfn,
	STYPE = internal,
	SSPACE = 2048,
	FINALFUNC = @extschema@.entropy_weights_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.entropy_weights(float8[], @extschema@.weight_options) IS
'Entropy weights with options (directions, shift, missing) in one value: entropy_weights(x, weight_options(missing => mean)). NULL elements of x follow options.missing: ''error'' (default), ''skip'' (the row takes no part), ''mean'' or ''median'' (imputed by the indicator''s mean or median over the group''s observed values).';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.entropy_weights_detail(x float8[], options @extschema@.weight_options) (
	SFUNC = @extschema@.entropy_weights_options_transfn,
	STYPE = internal,
	SSPACE = 2048,
	FINALFUNC = @extschema@.entropy_weights_detail_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.entropy_weights_detail(float8[], @extschema@.weight_options) IS
'Entropy weights with options, and what lies behind them: (n, entropy[], divergence[], weight[]); n counts the rows used (skipped rows not, imputed rows yes).';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.entropy_weights_state(x float8[], options @extschema@.weight_options) (
	SFUNC = @extschema@.entropy_weights_options_transfn,
	STYPE = internal,
	SSPACE = 2048,
	FINALFUNC = @extschema@.entropy_weights_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.entropy_weights_state(float8[], @extschema@.weight_options) IS
'The state of entropy_weights(x, options) as a storable bytea (the options, the policy included, are part of it); NULL without rows.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.entropy_weights(x float8[], lower float8[], upper float8[], options @extschema@.weight_options) (
	SFUNC = @extschema@.entropy_weights_bounded_options_transfn,
	STYPE = internal,
	SSPACE = 1600,
	FINALFUNC = @extschema@.entropy_weights_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_small_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.entropy_weights(float8[], float8[], float8[], @extschema@.weight_options) IS
'Entropy weights in constant memory with each indicators bounds, and options (directions, shift, missing). NULL elements of x follow options.missing: ''error'' (default), ''skip'' (the row takes no part) or ''mean'' (imputed by the indicator''s mean over the group''s observed values, exactly, from O(m) sums); ''median'' is refused (0A000).';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.entropy_weights_detail(x float8[], lower float8[], upper float8[], options @extschema@.weight_options) (
	SFUNC = @extschema@.entropy_weights_bounded_options_transfn,
	STYPE = internal,
	SSPACE = 1600,
	FINALFUNC = @extschema@.entropy_weights_detail_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_small_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.entropy_weights_detail(float8[], float8[], float8[], @extschema@.weight_options) IS
'Bounded entropy weights with options, and what lies behind them: (n, entropy[], divergence[], weight[]).';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.entropy_weights_state(x float8[], lower float8[], upper float8[], options @extschema@.weight_options) (
	SFUNC = @extschema@.entropy_weights_bounded_options_transfn,
	STYPE = internal,
	SSPACE = 1600,
	FINALFUNC = @extschema@.entropy_weights_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_small_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.entropy_weights_state(float8[], float8[], float8[], @extschema@.weight_options) IS
'The state of entropy_weights(x, lower, upper, options) as a storable bytea (bounds and options included); NULL without rows.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.stddev_weights(x float8[], options @extschema@.weight_options) (
	SFUNC = @extschema@.moments_weights_options_transfn,
	STYPE = internal,
	SSPACE = 1024,
	FINALFUNC = @extschema@.stddev_weights_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.stddev_weights(float8[], @extschema@.weight_options) IS
'Standard-deviation weights with a missing-value policy: stddev_weights(x, weight_options(missing => mean)). NULL elements of x follow options.missing: ''error'' (default), ''skip'' (the row takes no part) or ''mean'' (imputed by the indicator''s mean over the group''s observed values, exactly, from O(m) sums); ''median'' is refused (0A000); under mean sd_j = sqrt(SS_j / (n - 1)) with SS_j over the observed values and n all rows. directions and shift must be NULL.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.cv_weights(x float8[], options @extschema@.weight_options) (
	SFUNC = @extschema@.moments_weights_options_transfn,
	STYPE = internal,
	SSPACE = 1024,
	FINALFUNC = @extschema@.cv_weights_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.cv_weights(float8[], @extschema@.weight_options) IS
'Coefficient-of-variation weights with a missing-value policy. NULL elements of x follow options.missing: ''error'' (default), ''skip'' (the row takes no part) or ''mean'' (imputed by the indicator''s mean over the group''s observed values, exactly, from O(m) sums); ''median'' is refused (0A000). directions and shift must be NULL.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.stddev_weights_state(x float8[], options @extschema@.weight_options) (
	SFUNC = @extschema@.moments_weights_options_transfn,
	STYPE = internal,
	SSPACE = 1024,
	FINALFUNC = @extschema@.moments_weights_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.stddev_weights_state(float8[], @extschema@.weight_options) IS
'The state of stddev_weights(x, options) (and cv_weights(x, options)) as a storable bytea, the policy included; NULL without rows.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.cv_weights_state(x float8[], options @extschema@.weight_options) (
	SFUNC = @extschema@.moments_weights_options_transfn,
	STYPE = internal,
	SSPACE = 1024,
	FINALFUNC = @extschema@.moments_weights_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.cv_weights_state(float8[], @extschema@.weight_options) IS
'The state of cv_weights(x, options) as a storable bytea (the same value as stddev_weights_state(x, options)); NULL without rows.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.critic_weights(x float8[], options @extschema@.weight_options) (
	SFUNC = @extschema@.critic_weights_options_transfn,
	STYPE = internal,
	SSPACE = 4096,
	FINALFUNC = @extschema@.critic_weights_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.critic_weights(float8[], @extschema@.weight_options) IS
'CRITIC weights with options (directions, missing): critic_weights(x, weight_options(missing => mean, directions => ARRAY[1, -1])). NULL elements of x follow options.missing: ''error'' (default), ''skip'' (the row takes no part) or ''mean'' (imputed by the indicator''s mean over the group''s observed values, exactly, from O(m) sums); ''median'' is refused (0A000); under mean the co-moments are exact from pairwise sums (docs/reference.md). shift must be NULL.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.critic_weights_detail(x float8[], options @extschema@.weight_options) (
	SFUNC = @extschema@.critic_weights_options_transfn,
	STYPE = internal,
	SSPACE = 4096,
	FINALFUNC = @extschema@.critic_weights_detail_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.critic_weights_detail(float8[], @extschema@.weight_options) IS
'CRITIC weights with options, and what lies behind them: (n, sd[], conflict[], information[], weight[]).';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.critic_weights_state(x float8[], options @extschema@.weight_options) (
	SFUNC = @extschema@.critic_weights_options_transfn,
	STYPE = internal,
	SSPACE = 4096,
	FINALFUNC = @extschema@.moments_weights_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.critic_weights_state(float8[], @extschema@.weight_options) IS
'The state of critic_weights(x, options) as a storable bytea (directions and policy included); NULL without rows.';
