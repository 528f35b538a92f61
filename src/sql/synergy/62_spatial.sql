
-- Spatial autocorrelation on neighbour lists: global Moran's I (aggregate)
-- and local Moran's I (window function).  Regions name their neighbours by
-- id; synergy_postgis's spatial_weights() builds the lists from geometries.
-- Formulas and conventions: docs/spatial.md.

CREATE TYPE @extschema@.moran_result AS (
	n bigint,
	islands bigint,
	i float8,
	expected float8,
	variance_normal float8,
	z_normal float8,
	p_normal float8,
	variance_randomisation float8,
	z_randomisation float8,
	p_randomisation float8,
	permutations int,
	p_permutation float8,
	s0 float8
);
COMMENT ON TYPE @extschema@.moran_result IS
'Global Moran''s I: regions n and islands among them, I, E[I] = -1/(n'' - 1) with n'' = n - islands, variance, z and one-sided (greater) p under normality and under randomisation, the permutation count and pseudo p value (1 + #{I_perm >= I}) / (1 + permutations), and the sum of the weights S0.';

CREATE FUNCTION @extschema@.moran_i_transfn(internal, float8, bigint, bigint[], float8[])
RETURNS internal AS 'MODULE_PATHNAME', 'moran_i_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.moran_i_transfn(internal, float8, bigint, bigint[], float8[], int, bigint)
RETURNS internal AS 'MODULE_PATHNAME', 'moran_i_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.moran_i_combinefn(internal, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'moran_i_combinefn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.moran_i_serialfn(internal)
RETURNS bytea AS 'MODULE_PATHNAME', 'moran_i_serialfn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.moran_i_deserialfn(bytea, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'moran_i_deserialfn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.moran_i_finalfn(internal)
RETURNS @extschema@.moran_result AS 'MODULE_PATHNAME', 'moran_i_finalfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- Availability: 0.2.0
CREATE AGGREGATE @extschema@.moran_i(value float8, id bigint, neighbours bigint[], weights float8[]) (
	SFUNC = @extschema@.moran_i_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.moran_i_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moran_i_combinefn,
	SERIALFUNC = @extschema@.moran_i_serialfn,
	DESERIALFUNC = @extschema@.moran_i_deserialfn,
	PARALLEL = SAFE
);
-- Availability: 0.2.0
CREATE AGGREGATE @extschema@.moran_i(value float8, id bigint, neighbours bigint[], weights float8[],
									 permutations int, seed bigint) (
	SFUNC = @extschema@.moran_i_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.moran_i_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.moran_i_combinefn,
	SERIALFUNC = @extschema@.moran_i_serialfn,
	DESERIALFUNC = @extschema@.moran_i_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.moran_i(float8, bigint, bigint[], float8[]) IS
'Global Moran''s I of value over the regions of the group (one row each: id, neighbour ids, their weights or NULL for row-standardised), with its moments under normality and randomisation as spdep''s moran.test; a NULL value leaves the region out and neighbours outside the group are dropped, as spdep''s subset.listw: given weights of a row that sum to 1 are re-standardised over the neighbours that remain, other weights (binary) stay as given; islands are kept as spdep (zero.policy, adjust.n).';
COMMENT ON AGGREGATE @extschema@.moran_i(float8, bigint, bigint[], float8[], int, bigint) IS
'Global Moran''s I with a permutation test: permutations random relabellings (0 to 1000000) drawn from a generator seeded with seed (same seed, same p value).';

CREATE TYPE @extschema@.local_moran_result AS (
	i float8,
	expected float8,
	variance float8,
	z float8,
	p float8,
	quadrant text
);
COMMENT ON TYPE @extschema@.local_moran_result IS
'Local Moran''s I_i with its conditional expectation, variance and z-score (spdep''s localmoran), the two-sided p value (normal, or folded permutation), and the quadrant HH, LL, HL, LH (sign of z_i and of its spatial lag), ''not significant'' when p > significance, ''island'' without neighbours.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.local_moran(
	value float8,
	id bigint,
	neighbours bigint[],
	weights float8[] DEFAULT NULL,
	permutations int DEFAULT 0,
	seed bigint DEFAULT 1,
	significance float8 DEFAULT 0.05)
RETURNS @extschema@.local_moran_result
AS 'MODULE_PATHNAME', 'local_moran_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.local_moran(float8, bigint, bigint[], float8[], int, bigint, float8) IS
'Local Moran''s I (LISA) of each region of the window partition (use OVER (PARTITION BY year)); weights NULL means row-standardised; NULL values and missing neighbours as moran_i (row-standardised weights re-standardised over the neighbours that remain); permutations > 0 replaces the normal p value by a seeded conditional permutation p value; significance sets the level below which a quadrant is reported.';
