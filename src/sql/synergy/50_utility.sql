-- Presentation helpers.

-- Availability: 0.1.0
CREATE FUNCTION @extschema@.array_round(x float8[], digits int DEFAULT 4)
RETURNS float8[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT coalesce(pg_catalog.array_agg(pg_catalog.round(v::pg_catalog.numeric, digits)::pg_catalog.float8 ORDER BY i),
					'{}'::pg_catalog.float8[])
	FROM pg_catalog.unnest(x) WITH ORDINALITY AS u(v, i)
$$;

COMMENT ON FUNCTION @extschema@.array_round(float8[], int) IS
'Each element of x rounded to digits decimal places (for reading weights and scores); NULL elements stay NULL, NaN and infinities pass through.';
