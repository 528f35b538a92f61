-- synergy 0.1.0 as released (commit 0595447), the first version: frozen, never edited.
-- Newer versions are reached with ALTER EXTENSION synergy UPDATE through the
-- scripts synergy--0.1.0--*.sql (Makefile: RELEASED and UPGRADES).
-- synergy: coordinated-development analytics for urban agglomerations.
-- This install script is assembled by the Makefile from src/sql/synergy/*.sql.

\echo Use "CREATE EXTENSION synergy" to load this file. \quit

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.synergy_version()
RETURNS text
AS 'MODULE_PATHNAME', 'synergy_lib_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.synergy_version() IS
'Version of the synergy shared library (compare with the extension version in pg_extension after an upgrade).';
-- Min-max normalization as window functions over the whole partition.

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.minmax_normalize(x float8, direction int DEFAULT 1)
RETURNS float8
AS 'MODULE_PATHNAME', 'minmax_normalize_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.minmax_normalize(float8, int) IS
'Window function: min-max score of x within its partition, (x - min)/(max - min) for direction 1 (benefit) and (max - x)/(max - min) for -1 (cost); 0 when the partition has no range; NULL x gives NULL. The frame is ignored.';

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.minmax_normalize(x float8[], directions int[] DEFAULT NULL)
RETURNS float8[]
AS 'MODULE_PATHNAME', 'minmax_normalize_array_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.minmax_normalize(float8[], int[]) IS
'Window function: min-max scores of each indicator of x within the partition, cost indicators (direction -1) reversed; NULL directions mean all benefit. The frame is ignored.';
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
-- Evaluation over a partition: TOPSIS and the composite index, as window
-- functions that read their partition once.

CREATE TYPE @extschema@.topsis_detail AS (
	d_plus float8,
	d_minus float8,
	closeness float8
);
COMMENT ON TYPE @extschema@.topsis_detail IS
'Result of topsis_detail: distance to the ideal (D+), to the anti-ideal (D-) and closeness D-/(D+ + D-).';

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.topsis(
	x float8[],
	weights float8[] DEFAULT NULL,
	directions int[] DEFAULT NULL,
	normalization text DEFAULT 'minmax')
RETURNS float8
AS 'MODULE_PATHNAME', 'topsis_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.topsis(float8[], float8[], int[], text) IS
'Window function: TOPSIS closeness D-/(D+ + D-) of each row within the partition. NULL weights mean the entropy weights of the partition (E-TOPSIS); normalization ''minmax'' or ''vector''. The frame is ignored.';

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.topsis_detail(
	x float8[],
	weights float8[] DEFAULT NULL,
	directions int[] DEFAULT NULL,
	normalization text DEFAULT 'minmax')
RETURNS @extschema@.topsis_detail
AS 'MODULE_PATHNAME', 'topsis_detail_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.topsis_detail(float8[], float8[], int[], text) IS
'Window function: TOPSIS with its distances, (d_plus, d_minus, closeness), same arguments as topsis.';

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.composite_index(
	x float8[],
	weights float8[] DEFAULT NULL,
	directions int[] DEFAULT NULL)
RETURNS float8
AS 'MODULE_PATHNAME', 'composite_index_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.composite_index(float8[], float8[], int[]) IS
'Window function: weighted sum of min-max scores, sum_j w_j z_ij, within the partition; weights rescaled to sum 1, NULL weights mean entropy weights of the partition. The frame is ignored.';
-- Gap filling.

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.interpolate(x float8, t float8, edges text DEFAULT 'none')
RETURNS float8
AS 'MODULE_PATHNAME', 'interpolate_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.interpolate(float8, float8, text) IS
'Window function: x with NULLs filled linearly in t between the nearest observations of the partition; edges ''none'' (leave leading/trailing gaps NULL), ''nearest'' (carry the first/last observation) or ''linear'' (extend the line through the two outermost observations). Rows are ordered by t, whatever the window''s ORDER BY.';
-- Presentation helpers.

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.array_round(x float8[], digits int DEFAULT 4)
RETURNS float8[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
	SELECT coalesce(pg_catalog.array_agg(pg_catalog.round(v::pg_catalog.numeric, digits)::pg_catalog.float8 ORDER BY i),
					'{}'::pg_catalog.float8[])
	FROM pg_catalog.unnest(x) WITH ORDINALITY AS u(v, i)
$$;

COMMENT ON FUNCTION @extschema@.array_round(float8[], int) IS
'Each element of x rounded to digits decimal places (for reading weights and scores); NULL elements stay NULL, NaN and infinities pass through.';
-- Coupling coordination degree (耦合协调度), its grades, and two companions
-- of CCD studies: the relative development degree and the obstacle degree.

CREATE TYPE @extschema@.ccd AS (
	c float8,
	t float8,
	d float8
);
COMMENT ON TYPE @extschema@.ccd IS
'Coupling coordination result: coupling degree C, comprehensive development T = sum(w U) and coordination degree D = sqrt(C T).';

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.coupling_coordination(
	u float8[],
	weights float8[] DEFAULT NULL,
	variant text DEFAULT 'classic')
RETURNS @extschema@.ccd
AS 'MODULE_PATHNAME', 'coupling_coordination_array'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.coupling_coordination(float8[], float8[], text) IS
'Coupling coordination of the subsystem scores u (each in [0, 1]): classic C = n [prod(U) / sum(U)^n]^(1/n), or Wang et al. 2021''s corrected C (variant => ''wang2021''); T = sum(w U) with weights rescaled to sum 1 (NULL: equal); D = sqrt(C T). C and D are NULL for fewer than two scores.';

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.coupling_degree(u float8[], variant text DEFAULT 'classic')
RETURNS float8
AS 'MODULE_PATHNAME', 'coupling_degree_array'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.coupling_degree(float8[], text) IS
'The coupling degree C of coupling_coordination(u, variant => variant).';

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.coordination_degree(
	u float8[],
	weights float8[] DEFAULT NULL,
	variant text DEFAULT 'classic')
RETURNS float8
AS 'MODULE_PATHNAME', 'coordination_degree_array'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.coordination_degree(float8[], float8[], text) IS
'The coordination degree D of coupling_coordination(u, weights, variant).';

-- The aggregate form: one row per system (e.g. the cities of an
-- agglomeration for one indicator and year).

CREATE FUNCTION @extschema@.coupling_coordination_transfn(internal, float8)
RETURNS internal AS 'MODULE_PATHNAME', 'coupling_coordination_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.coupling_coordination_transfn(internal, float8, float8)
RETURNS internal AS 'MODULE_PATHNAME', 'coupling_coordination_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.coupling_coordination_transfn(internal, float8, float8, text)
RETURNS internal AS 'MODULE_PATHNAME', 'coupling_coordination_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.coupling_coordination_combinefn(internal, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'coupling_coordination_combinefn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.coupling_coordination_serialfn(internal)
RETURNS bytea AS 'MODULE_PATHNAME', 'coupling_coordination_serialfn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.coupling_coordination_deserialfn(bytea, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'coupling_coordination_deserialfn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.coupling_coordination_finalfn(internal)
RETURNS @extschema@.ccd AS 'MODULE_PATHNAME', 'coupling_coordination_finalfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- Availability: 0.1.0
CREATE AGGREGATE @extschema@.coupling_coordination(u float8) (
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
-- Availability: 0.1.0
CREATE AGGREGATE @extschema@.coupling_coordination(u float8, weight float8) (
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
-- Availability: 0.1.0
CREATE AGGREGATE @extschema@.coupling_coordination(u float8, weight float8, variant text) (
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
COMMENT ON AGGREGATE @extschema@.coupling_coordination(float8) IS
'Coupling coordination over rows, one row per system, equal weights, classic variant. NULL rows are ignored; C and D are NULL for a single row.';
COMMENT ON AGGREGATE @extschema@.coupling_coordination(float8, float8) IS
'Coupling coordination over rows, one row (score, weight) per system; weights are rescaled to sum 1 (they enter T only).';
COMMENT ON AGGREGATE @extschema@.coupling_coordination(float8, float8, text) IS
'Coupling coordination over rows with weights and variant (''classic'' or ''wang2021'').';

-- Grades of the uniform ten-level scale, and custom scales.

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.ccd_level(d float8)
RETURNS int
AS 'MODULE_PATHNAME', 'ccd_level'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ccd_level(float8) IS
'Level 1..10 of a coordination degree on the uniform scale: [0, 0.1) is 1, ..., [0.8, 0.9) is 9, [0.9, 1] is 10 (intervals closed below; 1 is in the top level).';

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.ccd_grade(d float8, lang text DEFAULT 'zh')
RETURNS text
AS 'MODULE_PATHNAME', 'ccd_grade'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ccd_grade(float8, text) IS
'Label of the uniform ten-level scale, from 极度失调 / extreme disorder [0, 0.1) to 优质协调 / high-quality coordination [0.9, 1]; lang ''zh'' or ''en''.';

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.ccd_grade(d float8, breaks float8[], labels text[])
RETURNS text
AS 'MODULE_PATHNAME', 'ccd_grade_custom'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ccd_grade(float8, float8[], text[]) IS
'Label of a custom scale: labels[k] for breaks[k] <= d < breaks[k+1], the last interval closed at both ends; k labels need k + 1 increasing breaks.';

-- Companions.

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.relative_development(u1 float8, u2 float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'relative_development'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.relative_development(float8, float8) IS
'Relative development degree E = U1 / U2 of two subsystem scores in [0, 1]; NULL when U2 = 0.';

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.relative_development_grade(
	u1 float8,
	u2 float8,
	lower float8 DEFAULT 0.8,
	upper float8 DEFAULT 1.2,
	lang text DEFAULT 'en')
RETURNS text
AS 'MODULE_PATHNAME', 'relative_development_grade'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.relative_development_grade(float8, float8, float8, float8, text) IS
'Type of relative development, E = U1/U2: E <= lower ''U1 lagging'' (U1滞后型), lower < E <= upper ''synchronous'' (同步型), E > upper ''U2 lagging'' (U2滞后型); U2 = 0 is U2 lagging unless U1 = 0 too.';

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.obstacle_degree(
	x float8[],
	weights float8[] DEFAULT NULL,
	directions int[] DEFAULT NULL)
RETURNS float8[]
AS 'MODULE_PATHNAME', 'obstacle_degree_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.obstacle_degree(float8[], float8[], int[]) IS
'Window function: obstacle degree of each indicator for each row, O_j = w_j (1 - z_j) / sum_k w_k (1 - z_k) with z the min-max scores in the partition; NULL weights mean entropy weights; NULL for a row at the ideal on every indicator.';

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.obstacle_shares(z float8[], weights float8[])
RETURNS float8[]
AS 'MODULE_PATHNAME', 'obstacle_shares'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.obstacle_shares(float8[], float8[]) IS
'Obstacle degree of one row of scores z in [0, 1]: w_j (1 - z_j) / sum_k w_k (1 - z_k), weights rescaled to sum 1; NULL when the row is at the ideal.';
