-- Long panels: a unit's indicator vector from rows keyed by indicator code
-- (issue 12).  The state is a plain float8[] (see src/indicator_vector.c),
-- so parallel plans need no serialization.

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.indicator_vector_transfn(float8[], text, float8, text[])
RETURNS float8[] AS 'MODULE_PATHNAME', 'indicator_vector_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.indicator_vector_transfn(float8[], text, float8, text[]) IS
'Transition function of indicator_vector: the state with one more row (code, value); called directly it returns a changed copy.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.indicator_vector_combinefn(float8[], float8[])
RETURNS float8[] AS 'MODULE_PATHNAME', 'indicator_vector_combinefn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.indicator_vector_combinefn(float8[], float8[]) IS
'Combine function of indicator_vector (parallel plans): merges two partial states of a group.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.indicator_vector_finalfn(float8[])
RETURNS float8[] AS 'MODULE_PATHNAME', 'indicator_vector_finalfn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.indicator_vector_finalfn(float8[]) IS
'Final function of indicator_vector: the vector in the order of codes, NULL where the group has no value.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.indicator_vector(code text, value float8, codes text[]) (
	SFUNC = @extschema@.indicator_vector_transfn,
	STYPE = float8[],
	FINALFUNC = @extschema@.indicator_vector_finalfn,
	COMBINEFUNC = @extschema@.indicator_vector_combinefn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.indicator_vector(text, float8, text[]) IS
'A unit''s indicator vector from long rows (one per indicator): element j is the value of the row whose code is codes[j] (matched exactly), NULL when the group has no such row or its value is NULL. codes must be the same in every row of the group; a code not in codes is an error (22023), two rows with the same code too (21000). Feed it to topsis(x, missing => ...) and the other functions with a missing-value policy.';
