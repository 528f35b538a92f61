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
