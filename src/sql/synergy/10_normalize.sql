-- Min-max normalization as window functions over the whole partition.

-- Availability: 0.1.0; shift and missing since 0.3.0
CREATE FUNCTION @extschema@.minmax_normalize(
	x float8,
	direction int DEFAULT 1,
	shift float8 DEFAULT NULL,
	missing text DEFAULT 'error')
RETURNS float8
AS 'MODULE_PATHNAME', 'minmax_normalize_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.minmax_normalize(float8, int, float8, text) IS
'Window function: min-max score of x within its partition, (x - min)/(max - min) for direction 1 (benefit) and (max - x)/(max - min) for -1 (cost), plus shift (NULL: 0); 0 when the partition has no range. A NULL x gives NULL (missing => ''error'' or ''skip'') or the score of the partition''s mean or median value (missing => ''mean'', ''median''). The frame is ignored.';

-- Availability: 0.1.0; shift and missing since 0.3.0
CREATE FUNCTION @extschema@.minmax_normalize(
	x float8[],
	directions int[] DEFAULT NULL,
	shift float8 DEFAULT NULL,
	missing text DEFAULT 'error')
RETURNS float8[]
AS 'MODULE_PATHNAME', 'minmax_normalize_array_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.minmax_normalize(float8[], int[], float8, text) IS
'Window function: min-max scores (plus shift, NULL: 0) of each indicator of x within the partition, cost indicators (direction -1) reversed; NULL directions mean all benefit. NULL elements: missing => ''error'' (default), ''skip'' (the row takes no part, NULL result), ''mean'' or ''median'' (imputed from the partition''s observed values). The frame is ignored.';
