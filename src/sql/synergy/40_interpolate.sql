-- Gap filling.

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.interpolate(x float8, t float8, edges text DEFAULT 'none')
RETURNS float8
AS 'MODULE_PATHNAME', 'interpolate_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.interpolate(float8, float8, text) IS
'Window function: x with NULLs filled linearly in t between the nearest observations of the partition; edges ''none'' (leave leading/trailing gaps NULL), ''nearest'' (carry the first/last observation) or ''linear'' (extend the line through the two outermost observations). Rows are ordered by t, whatever the window''s ORDER BY.';
