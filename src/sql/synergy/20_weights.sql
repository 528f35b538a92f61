-- Objective weights: aggregates over rows of indicator arrays, returning
-- float8[] weights that sum to 1.  PostgreSQL aggregates take neither
-- default values nor named arguments, so the optional arguments are
-- overloads.  SSPACE is the typical size of a group's state (for 25
-- indicators), which the planner uses to size hash aggregation.

CREATE TYPE @extschema@.entropy_detail AS (
	n bigint,
	entropy float8[],
	divergence float8[],
	weight float8[]
);
COMMENT ON TYPE @extschema@.entropy_detail IS
'Result of entropy_weights_detail: rows used, entropy e_j, divergence d_j = 1 - e_j and weight w_j = d_j / sum(d) per indicator.';

CREATE TYPE @extschema@.critic_detail AS (
	n bigint,
	sd float8[],
	conflict float8[],
	information float8[],
	weight float8[]
);
COMMENT ON TYPE @extschema@.critic_detail IS
'Result of critic_weights_detail: rows used, standard deviation of the min-max scores, conflict sum(1 - r_jk), information C_j = sd_j * conflict_j and weight per indicator.';

-- entropy_weights ----------------------------------------------------------

CREATE FUNCTION @extschema@.entropy_weights_transfn(internal, float8[])
RETURNS internal AS 'MODULE_PATHNAME', 'entropy_weights_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.entropy_weights_transfn(internal, float8[], int[])
RETURNS internal AS 'MODULE_PATHNAME', 'entropy_weights_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.entropy_weights_transfn(internal, float8[], int[], float8)
RETURNS internal AS 'MODULE_PATHNAME', 'entropy_weights_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.entropy_weights_combinefn(internal, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'entropy_weights_combinefn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.entropy_weights_serialfn(internal)
RETURNS bytea AS 'MODULE_PATHNAME', 'entropy_weights_serialfn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.entropy_weights_deserialfn(bytea, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'entropy_weights_deserialfn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.entropy_weights_finalfn(internal)
RETURNS float8[] AS 'MODULE_PATHNAME', 'entropy_weights_finalfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.entropy_weights_detail_finalfn(internal)
RETURNS @extschema@.entropy_detail AS 'MODULE_PATHNAME', 'entropy_weights_detail_finalfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- Availability: 0.1.0
CREATE AGGREGATE @extschema@.entropy_weights(x float8[]) (
	SFUNC = @extschema@.entropy_weights_transfn,
	STYPE = internal,
	SSPACE = 2048,
	FINALFUNC = @extschema@.entropy_weights_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_deserialfn,
	PARALLEL = SAFE
);
-- Availability: 0.1.0
CREATE AGGREGATE @extschema@.entropy_weights(x float8[], directions int[]) (
	SFUNC = @extschema@.entropy_weights_transfn,
	STYPE = internal,
	SSPACE = 2048,
	FINALFUNC = @extschema@.entropy_weights_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_deserialfn,
	PARALLEL = SAFE
);
-- Availability: 0.1.0
CREATE AGGREGATE @extschema@.entropy_weights(x float8[], directions int[], shift float8) (
	SFUNC = @extschema@.entropy_weights_transfn,
	STYPE = internal,
	SSPACE = 2048,
	FINALFUNC = @extschema@.entropy_weights_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.entropy_weights(float8[]) IS
'Entropy weights of the indicators (all benefit): min-max scores z, p = z/sum(z), e = -sum(p ln p)/ln n, w = (1-e)/sum(1-e). NULL for fewer than 2 rows or no variation.';
COMMENT ON AGGREGATE @extschema@.entropy_weights(float8[], int[]) IS
'Entropy weights with directions (1 benefit, -1 cost; NULL = all benefit).';
COMMENT ON AGGREGATE @extschema@.entropy_weights(float8[], int[], float8) IS
'Entropy weights with directions and a shift added to the min-max scores before p = z/sum(z) (e.g. 0.0001 keeps every p positive).';

-- Availability: 0.1.0
CREATE AGGREGATE @extschema@.entropy_weights_detail(x float8[]) (
	SFUNC = @extschema@.entropy_weights_transfn,
	STYPE = internal,
	SSPACE = 2048,
	FINALFUNC = @extschema@.entropy_weights_detail_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_deserialfn,
	PARALLEL = SAFE
);
-- Availability: 0.1.0
CREATE AGGREGATE @extschema@.entropy_weights_detail(x float8[], directions int[]) (
	SFUNC = @extschema@.entropy_weights_transfn,
	STYPE = internal,
	SSPACE = 2048,
	FINALFUNC = @extschema@.entropy_weights_detail_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_deserialfn,
	PARALLEL = SAFE
);
-- Availability: 0.1.0
CREATE AGGREGATE @extschema@.entropy_weights_detail(x float8[], directions int[], shift float8) (
	SFUNC = @extschema@.entropy_weights_transfn,
	STYPE = internal,
	SSPACE = 2048,
	FINALFUNC = @extschema@.entropy_weights_detail_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.entropy_weights_detail(float8[]) IS
'Entropy weights with what lies behind them: (n, entropy[], divergence[], weight[]).';
COMMENT ON AGGREGATE @extschema@.entropy_weights_detail(float8[], int[]) IS
'Entropy weights with directions, and what lies behind them: (n, entropy[], divergence[], weight[]).';
COMMENT ON AGGREGATE @extschema@.entropy_weights_detail(float8[], int[], float8) IS
'Entropy weights with directions and shift, and what lies behind them: (n, entropy[], divergence[], weight[]).';

-- stddev_weights and cv_weights (shared moments state) ----------------------

CREATE FUNCTION @extschema@.moments_weights_transfn(internal, float8[])
RETURNS internal AS 'MODULE_PATHNAME', 'moments_weights_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.moments_weights_combinefn(internal, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'moments_weights_combinefn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.moments_weights_serialfn(internal)
RETURNS bytea AS 'MODULE_PATHNAME', 'moments_weights_serialfn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.moments_weights_deserialfn(bytea, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'moments_weights_deserialfn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.stddev_weights_finalfn(internal)
RETURNS float8[] AS 'MODULE_PATHNAME', 'stddev_weights_finalfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.cv_weights_finalfn(internal)
RETURNS float8[] AS 'MODULE_PATHNAME', 'cv_weights_finalfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- Availability: 0.1.0
CREATE AGGREGATE @extschema@.stddev_weights(x float8[]) (
	SFUNC = @extschema@.moments_weights_transfn,
	STYPE = internal,
	SSPACE = 1024,
	FINALFUNC = @extschema@.stddev_weights_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.stddev_weights(float8[]) IS
'Standard-deviation weights: w_j proportional to the standard deviation of indicator j''s min-max scores, sd(x_j)/range(x_j). NULL for fewer than 2 rows or no variation.';

-- Availability: 0.1.0
CREATE AGGREGATE @extschema@.cv_weights(x float8[]) (
	SFUNC = @extschema@.moments_weights_transfn,
	STYPE = internal,
	SSPACE = 1024,
	FINALFUNC = @extschema@.cv_weights_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.cv_weights(float8[]) IS
'Coefficient-of-variation weights: w_j proportional to sd(x_j)/|mean(x_j)| of the raw values (ratio-scale data). NULL for fewer than 2 rows or no variation; an error for a varying indicator with mean 0.';

-- critic_weights -----------------------------------------------------------

CREATE FUNCTION @extschema@.critic_weights_transfn(internal, float8[])
RETURNS internal AS 'MODULE_PATHNAME', 'critic_weights_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.critic_weights_transfn(internal, float8[], int[])
RETURNS internal AS 'MODULE_PATHNAME', 'critic_weights_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.critic_weights_finalfn(internal)
RETURNS float8[] AS 'MODULE_PATHNAME', 'critic_weights_finalfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.critic_weights_detail_finalfn(internal)
RETURNS @extschema@.critic_detail AS 'MODULE_PATHNAME', 'critic_weights_detail_finalfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- Availability: 0.1.0
CREATE AGGREGATE @extschema@.critic_weights(x float8[]) (
	SFUNC = @extschema@.critic_weights_transfn,
	STYPE = internal,
	SSPACE = 4096,
	FINALFUNC = @extschema@.critic_weights_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
-- Availability: 0.1.0
CREATE AGGREGATE @extschema@.critic_weights(x float8[], directions int[]) (
	SFUNC = @extschema@.critic_weights_transfn,
	STYPE = internal,
	SSPACE = 4096,
	FINALFUNC = @extschema@.critic_weights_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.critic_weights(float8[]) IS
'CRITIC weights (Diakoulaki 1995): C_j = sd_j * sum_k (1 - r_jk) on min-max scores, w = C/sum(C). NULL for fewer than 2 rows or when every C_j is 0.';
COMMENT ON AGGREGATE @extschema@.critic_weights(float8[], int[]) IS
'CRITIC weights with directions (1 benefit, -1 cost): a cost indicator''s correlations change sign.';

-- Availability: 0.1.0
CREATE AGGREGATE @extschema@.critic_weights_detail(x float8[]) (
	SFUNC = @extschema@.critic_weights_transfn,
	STYPE = internal,
	SSPACE = 4096,
	FINALFUNC = @extschema@.critic_weights_detail_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
-- Availability: 0.1.0
CREATE AGGREGATE @extschema@.critic_weights_detail(x float8[], directions int[]) (
	SFUNC = @extschema@.critic_weights_transfn,
	STYPE = internal,
	SSPACE = 4096,
	FINALFUNC = @extschema@.critic_weights_detail_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moments_weights_combinefn,
	SERIALFUNC = @extschema@.moments_weights_serialfn,
	DESERIALFUNC = @extschema@.moments_weights_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.critic_weights_detail(float8[]) IS
'CRITIC weights with what lies behind them: (n, sd[], conflict[], information[], weight[]).';
COMMENT ON AGGREGATE @extschema@.critic_weights_detail(float8[], int[]) IS
'CRITIC weights with directions, and what lies behind them: (n, sd[], conflict[], information[], weight[]).';
