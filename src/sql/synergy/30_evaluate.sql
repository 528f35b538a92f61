-- Evaluation over a partition: TOPSIS and the composite index, as window
-- functions that read their partition once.

CREATE TYPE @extschema@.topsis_detail AS (
	d_plus float8,
	d_minus float8,
	closeness float8
);
COMMENT ON TYPE @extschema@.topsis_detail IS
'Result of topsis_detail: distance to the ideal (D+), to the anti-ideal (D-) and closeness D-/(D+ + D-).';

-- Availability: 0.1.0; shift and missing since 0.3.0
CREATE FUNCTION @extschema@.topsis(
	x float8[],
	weights float8[] DEFAULT NULL,
	directions int[] DEFAULT NULL,
	normalization text DEFAULT 'minmax',
	shift float8 DEFAULT NULL,
	missing text DEFAULT 'error')
RETURNS float8
AS 'MODULE_PATHNAME', 'topsis_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.topsis(float8[], float8[], int[], text, float8, text) IS
'Window function: TOPSIS closeness D-/(D+ + D-) of each row within the partition. NULL weights mean the entropy weights of the partition (E-TOPSIS); normalization ''minmax'' or ''vector''; shift s > 0 (minmax only) scores z + s against the ideal 1 + s and the anti-ideal 0, so no row gets 0; missing ''error'' (default), ''skip'', ''mean'' or ''median'' for NULL elements. The frame is ignored.';

-- Availability: 0.1.0; shift and missing since 0.3.0
CREATE FUNCTION @extschema@.topsis_detail(
	x float8[],
	weights float8[] DEFAULT NULL,
	directions int[] DEFAULT NULL,
	normalization text DEFAULT 'minmax',
	shift float8 DEFAULT NULL,
	missing text DEFAULT 'error')
RETURNS @extschema@.topsis_detail
AS 'MODULE_PATHNAME', 'topsis_detail_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.topsis_detail(float8[], float8[], int[], text, float8, text) IS
'Window function: TOPSIS with its distances, (d_plus, d_minus, closeness), same arguments as topsis.';

-- Availability: 0.1.0; shift and missing since 0.3.0
CREATE FUNCTION @extschema@.composite_index(
	x float8[],
	weights float8[] DEFAULT NULL,
	directions int[] DEFAULT NULL,
	shift float8 DEFAULT NULL,
	missing text DEFAULT 'error')
RETURNS float8
AS 'MODULE_PATHNAME', 'composite_index_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.composite_index(float8[], float8[], int[], float8, text) IS
'Window function: weighted sum of min-max scores, sum_j w_j (z_ij + shift), within the partition; weights rescaled to sum 1, NULL weights mean entropy weights of the partition (with the same shift); missing ''error'' (default), ''skip'', ''mean'' or ''median'' for NULL elements. The frame is ignored.';
