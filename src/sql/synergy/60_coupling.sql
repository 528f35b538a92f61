-- Coupling coordination degree (CCD), its grades, and two companions
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
	variant text DEFAULT 'classic',
	missing text DEFAULT 'error')
RETURNS @extschema@.ccd
AS 'MODULE_PATHNAME', 'coupling_coordination_array'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.coupling_coordination(float8[], float8[], text, text) IS
'Coupling coordination of the subsystem scores u (each in [0, 1]): classic C = n [prod(U) / sum(U)^n]^(1/n), or Wang et al. 2021''s corrected C (variant => ''wang2021''); T = sum(w U) with weights rescaled to sum 1 (NULL: equal); D = sqrt(C T). C and D are NULL for fewer than two scores. A NULL score: missing => ''error'' (default) or ''skip'' (the result is NULL); ''mean'' and ''median'' are refused (0A000): a score imputed from other units or subsystems would be counted as coupling.';

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.coupling_degree(u float8[], variant text DEFAULT 'classic', missing text DEFAULT 'error')
RETURNS float8
AS 'MODULE_PATHNAME', 'coupling_degree_array'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.coupling_degree(float8[], text, text) IS
'The coupling degree C of coupling_coordination(u, variant => variant, missing => missing).';

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.coordination_degree(
	u float8[],
	weights float8[] DEFAULT NULL,
	variant text DEFAULT 'classic',
	missing text DEFAULT 'error')
RETURNS float8
AS 'MODULE_PATHNAME', 'coordination_degree_array'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.coordination_degree(float8[], float8[], text, text) IS
'The coordination degree D of coupling_coordination(u, weights, variant, missing).';

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
'Label of the uniform ten-level scale, from extreme disorder [0, 0.1) to high-quality coordination [0.9, 1]; lang ''zh'' (Chinese, in the database encoding) or ''en''.';

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
'Type of relative development, E = U1/U2: E <= lower ''U1 lagging'', lower < E <= upper ''synchronous'', E > upper ''U2 lagging''; U2 = 0 is U2 lagging unless U1 = 0 too; lang ''en'' or ''zh'' (Chinese, in the database encoding).';

-- Availability: 0.1.0; missing since 0.3.0
CREATE FUNCTION @extschema@.obstacle_degree(
	x float8[],
	weights float8[] DEFAULT NULL,
	directions int[] DEFAULT NULL,
	missing text DEFAULT 'error')
RETURNS float8[]
AS 'MODULE_PATHNAME', 'obstacle_degree_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.obstacle_degree(float8[], float8[], int[], text) IS
'Window function: obstacle degree of each indicator for each row, O_j = w_j (1 - z_j) / sum_k w_k (1 - z_k) with z the min-max scores in the partition; NULL weights mean entropy weights; NULL for a row at the ideal on every indicator; missing ''error'' (default), ''skip'', ''mean'' or ''median'' for NULL elements.';

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.obstacle_shares(z float8[], weights float8[])
RETURNS float8[]
AS 'MODULE_PATHNAME', 'obstacle_shares'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.obstacle_shares(float8[], float8[]) IS
'Obstacle degree of one row of scores z in [0, 1]: w_j (1 - z_j) / sum_k w_k (1 - z_k), weights rescaled to sum 1; NULL when the row is at the ideal.';
