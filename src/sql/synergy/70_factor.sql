-- Factor analysis (principal-component extraction, varimax rotation with
-- Kaiser normalization, regression scores), as SPSS does it by default,
-- and principal-component scores.  See docs/delimitation.md.

CREATE FUNCTION @extschema@.factor_analysis_transfn(internal, float8[])
RETURNS internal AS 'MODULE_PATHNAME', 'factor_analysis_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.factor_analysis_transfn(internal, float8[], int)
RETURNS internal AS 'MODULE_PATHNAME', 'factor_analysis_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.factor_analysis_combinefn(internal, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'factor_analysis_combinefn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.factor_analysis_serialfn(internal)
RETURNS bytea AS 'MODULE_PATHNAME', 'factor_analysis_serialfn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.factor_analysis_deserialfn(bytea, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'factor_analysis_deserialfn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.factor_analysis_finalfn(internal)
RETURNS jsonb AS 'MODULE_PATHNAME', 'factor_analysis_finalfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- Availability: 0.2.0
CREATE AGGREGATE @extschema@.factor_analysis(x float8[]) (
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
-- Availability: 0.2.0
CREATE AGGREGATE @extschema@.factor_analysis(x float8[], nfactors int) (
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
COMMENT ON AGGREGATE @extschema@.factor_analysis(float8[]) IS
'Factor analysis of the rows'' indicators as SPSS (principal components of the correlation matrix, factors with eigenvalue > 1, varimax with Kaiser normalization as R''s stats::varimax computes it, regression score coefficients), with KMO and Bartlett''s test, as jsonb. NULL for fewer than 2 rows.';
COMMENT ON AGGREGATE @extschema@.factor_analysis(float8[], int) IS
'Factor analysis keeping nfactors factors (NULL: eigenvalue > 1), as jsonb; see factor_analysis(float8[]).';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.factor_scores(
	x float8[],
	nfactors int DEFAULT NULL,
	rotation text DEFAULT 'varimax')
RETURNS float8[]
AS 'MODULE_PATHNAME', 'factor_scores_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.factor_scores(float8[], int, text) IS
'Window function: each row''s factor scores (regression method on indicators standardized with the n-1 divisor, as SPSS) from the factor analysis of the partition; nfactors NULL = eigenvalue > 1; rotation ''varimax'' (as R''s stats::varimax and psych::principal), ''varimax_converged'' (to the exact optimum) or ''none''. The frame is ignored.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.factor_composite(
	x float8[],
	nfactors int DEFAULT NULL,
	rotation text DEFAULT 'varimax',
	shift float8 DEFAULT NULL)
RETURNS float8
AS 'MODULE_PATHNAME', 'factor_composite_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.factor_composite(float8[], int, text, float8) IS
'Window function: composite factor score sum_j (v_j / sum v) F_j, v_j the variance explained by factor j; with shift > 0 the composite is moved to composite - min + shift (positive, same order: gravity masses). The frame is ignored.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.pca_scores(
	x float8[],
	ncomponents int DEFAULT NULL)
RETURNS float8[]
AS 'MODULE_PATHNAME', 'pca_scores_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.pca_scores(float8[], int) IS
'Window function: each row''s principal components Y_j = z . v_j (standardized indicators times the unit eigenvectors of the correlation matrix, variance lambda_j), no rotation; ncomponents NULL = eigenvalue > 1. The frame is ignored.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.pca_composite(
	x float8[],
	ncomponents int DEFAULT NULL,
	shift float8 DEFAULT NULL)
RETURNS float8
AS 'MODULE_PATHNAME', 'pca_composite_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.pca_composite(float8[], int, float8) IS
'Window function: principal-component composite sum_j (lambda_j / sum lambda) Y_j; shift > 0 moves it to composite - min + shift. The frame is ignored.';
