-- entropy_weights at scale (issue 17): the bounded form, which takes each
-- indicator's lower and upper bound and keeps O(m) state instead of the rows,
-- and partial states as values (docs/reference.md, "Entropy weights at
-- scale"; the state format: "Partial states").  Both forms share one state
-- kind, so entropy_weights_merge and the *_final functions take either.

-- The row-keeping form's parallel plan moves every row through the leader
-- (8 bytes per indicator per row, copied several times by the executor) and
-- is slower than its serial plan; its deserialize function is priced so that
-- the planner does not prefer it.  The bounded form and the merge aggregate,
-- whose states are small, get a deserialize function of ordinary cost.
ALTER FUNCTION @extschema@.entropy_weights_deserialfn(bytea, internal) COST 1000000000;

CREATE FUNCTION @extschema@.entropy_weights_small_deserialfn(bytea, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'entropy_weights_deserialfn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.entropy_weights_small_deserialfn(bytea, internal) IS
'Deserialize function of the bounded entropy_weights aggregates and of entropy_weights_merge: entropy_weights_deserialfn at an ordinary cost, so that their parallel plans are chosen.';

-- bounded form --------------------------------------------------------------

CREATE FUNCTION @extschema@.entropy_weights_bounded_transfn(internal, float8[], float8[], float8[])
RETURNS internal AS 'MODULE_PATHNAME', 'entropy_weights_bounded_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.entropy_weights_bounded_transfn(internal, float8[], float8[], float8[], int[])
RETURNS internal AS 'MODULE_PATHNAME', 'entropy_weights_bounded_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.entropy_weights_bounded_transfn(internal, float8[], float8[], float8[], int[], float8)
RETURNS internal AS 'MODULE_PATHNAME', 'entropy_weights_bounded_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.entropy_weights_bounded_transfn(internal, float8[], float8[], float8[]) IS
'Transition function of entropy_weights(x, lower, upper) and its overloads.';
COMMENT ON FUNCTION @extschema@.entropy_weights_bounded_transfn(internal, float8[], float8[], float8[], int[]) IS
'Transition function of entropy_weights(x, lower, upper, directions) and its overloads.';
COMMENT ON FUNCTION @extschema@.entropy_weights_bounded_transfn(internal, float8[], float8[], float8[], int[], float8) IS
'Transition function of entropy_weights(x, lower, upper, directions, shift) and its overloads.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.entropy_weights(x float8[], lower float8[], upper float8[]) (
	SFUNC = @extschema@.entropy_weights_bounded_transfn,
	STYPE = internal,
	SSPACE = 1600,
	FINALFUNC = @extschema@.entropy_weights_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_small_deserialfn,
	PARALLEL = SAFE
);

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.entropy_weights(x float8[], lower float8[], upper float8[], directions int[]) (
	SFUNC = @extschema@.entropy_weights_bounded_transfn,
	STYPE = internal,
	SSPACE = 1600,
	FINALFUNC = @extschema@.entropy_weights_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_small_deserialfn,
	PARALLEL = SAFE
);

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.entropy_weights(x float8[], lower float8[], upper float8[], directions int[], shift float8) (
	SFUNC = @extschema@.entropy_weights_bounded_transfn,
	STYPE = internal,
	SSPACE = 1600,
	FINALFUNC = @extschema@.entropy_weights_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_small_deserialfn,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.entropy_weights(float8[], float8[], float8[]) IS
'Entropy weights in constant memory: min-max scores against the given lower and upper bound of each indicator (the same in every row; every value must lie within them), O(m) state whatever the row count. Equals entropy_weights without bounds to 1e-12 when the bounds are the columns'' min and max. NULL lower and upper: the row-keeping form.';

COMMENT ON AGGREGATE @extschema@.entropy_weights(float8[], float8[], float8[], int[]) IS
'Entropy weights with directions (1 benefit, -1 cost; NULL = all benefit) in constant memory: min-max scores against the given lower and upper bound of each indicator (the same in every row; every value must lie within them), O(m) state whatever the row count. Equals entropy_weights without bounds to 1e-12 when the bounds are the columns'' min and max. NULL lower and upper: the row-keeping form.';

COMMENT ON AGGREGATE @extschema@.entropy_weights(float8[], float8[], float8[], int[], float8) IS
'Entropy weights with directions and a shift added to the min-max scores in constant memory: min-max scores against the given lower and upper bound of each indicator (the same in every row; every value must lie within them), O(m) state whatever the row count. Equals entropy_weights without bounds to 1e-12 when the bounds are the columns'' min and max. NULL lower and upper: the row-keeping form.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.entropy_weights_detail(x float8[], lower float8[], upper float8[]) (
	SFUNC = @extschema@.entropy_weights_bounded_transfn,
	STYPE = internal,
	SSPACE = 1600,
	FINALFUNC = @extschema@.entropy_weights_detail_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_small_deserialfn,
	PARALLEL = SAFE
);

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.entropy_weights_detail(x float8[], lower float8[], upper float8[], directions int[]) (
	SFUNC = @extschema@.entropy_weights_bounded_transfn,
	STYPE = internal,
	SSPACE = 1600,
	FINALFUNC = @extschema@.entropy_weights_detail_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_small_deserialfn,
	PARALLEL = SAFE
);

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.entropy_weights_detail(x float8[], lower float8[], upper float8[], directions int[], shift float8) (
	SFUNC = @extschema@.entropy_weights_bounded_transfn,
	STYPE = internal,
	SSPACE = 1600,
	FINALFUNC = @extschema@.entropy_weights_detail_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_small_deserialfn,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.entropy_weights_detail(float8[], float8[], float8[]) IS
'entropy_weights with bounds, and what lies behind the weights: (n, entropy[], divergence[], weight[]); O(m) state.';

COMMENT ON AGGREGATE @extschema@.entropy_weights_detail(float8[], float8[], float8[], int[]) IS
'entropy_weights with directions (1 benefit, -1 cost; NULL = all benefit) with bounds, and what lies behind the weights: (n, entropy[], divergence[], weight[]); O(m) state.';

COMMENT ON AGGREGATE @extschema@.entropy_weights_detail(float8[], float8[], float8[], int[], float8) IS
'entropy_weights with directions and a shift added to the min-max scores with bounds, and what lies behind the weights: (n, entropy[], divergence[], weight[]); O(m) state.';


-- partial states as values -------------------------------------------------

CREATE FUNCTION @extschema@.entropy_weights_merge_transfn(internal, bytea)
RETURNS internal AS 'MODULE_PATHNAME', 'entropy_weights_merge_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.entropy_weights_merge_transfn(internal, bytea) IS
'Transition function of entropy_weights_merge: merges one stored state (NULL states are skipped).';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.entropy_weights_state(x float8[]) (
	SFUNC = @extschema@.entropy_weights_transfn,
	STYPE = internal,
	SSPACE = 2048,
	FINALFUNC = @extschema@.entropy_weights_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_deserialfn,
	PARALLEL = SAFE
);

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.entropy_weights_state(x float8[], directions int[]) (
	SFUNC = @extschema@.entropy_weights_transfn,
	STYPE = internal,
	SSPACE = 2048,
	FINALFUNC = @extschema@.entropy_weights_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_deserialfn,
	PARALLEL = SAFE
);

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.entropy_weights_state(x float8[], directions int[], shift float8) (
	SFUNC = @extschema@.entropy_weights_transfn,
	STYPE = internal,
	SSPACE = 2048,
	FINALFUNC = @extschema@.entropy_weights_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_deserialfn,
	PARALLEL = SAFE
);

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.entropy_weights_state(x float8[], lower float8[], upper float8[]) (
	SFUNC = @extschema@.entropy_weights_bounded_transfn,
	STYPE = internal,
	SSPACE = 1600,
	FINALFUNC = @extschema@.entropy_weights_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_small_deserialfn,
	PARALLEL = SAFE
);

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.entropy_weights_state(x float8[], lower float8[], upper float8[], directions int[]) (
	SFUNC = @extschema@.entropy_weights_bounded_transfn,
	STYPE = internal,
	SSPACE = 1600,
	FINALFUNC = @extschema@.entropy_weights_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_small_deserialfn,
	PARALLEL = SAFE
);

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.entropy_weights_state(x float8[], lower float8[], upper float8[], directions int[], shift float8) (
	SFUNC = @extschema@.entropy_weights_bounded_transfn,
	STYPE = internal,
	SSPACE = 1600,
	FINALFUNC = @extschema@.entropy_weights_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_small_deserialfn,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.entropy_weights_state(float8[]) IS
'The partial state of entropy_weights(float8[]) over the rows, as a storable bytea (a synergy state, docs/reference.md): merge states with entropy_weights_merge, turn one into weights with entropy_weights_final or entropy_weights_detail_final. NULL when no row has x. Keeps the rows, in the canonical order: 8 bytes per indicator per row.';

COMMENT ON AGGREGATE @extschema@.entropy_weights_state(float8[], int[]) IS
'The partial state of entropy_weights(float8[], int[]) over the rows, as a storable bytea (a synergy state, docs/reference.md): merge states with entropy_weights_merge, turn one into weights with entropy_weights_final or entropy_weights_detail_final. NULL when no row has x. Keeps the rows, in the canonical order: 8 bytes per indicator per row.';

COMMENT ON AGGREGATE @extschema@.entropy_weights_state(float8[], int[], float8) IS
'The partial state of entropy_weights(float8[], int[], float8) over the rows, as a storable bytea (a synergy state, docs/reference.md): merge states with entropy_weights_merge, turn one into weights with entropy_weights_final or entropy_weights_detail_final. NULL when no row has x. Keeps the rows, in the canonical order: 8 bytes per indicator per row.';

COMMENT ON AGGREGATE @extschema@.entropy_weights_state(float8[], float8[], float8[]) IS
'The partial state of entropy_weights(float8[], float8[], float8[]) over the rows, as a storable bytea (a synergy state, docs/reference.md): merge states with entropy_weights_merge, turn one into weights with entropy_weights_final or entropy_weights_detail_final. NULL when no row has x. O(m) bytes.';

COMMENT ON AGGREGATE @extschema@.entropy_weights_state(float8[], float8[], float8[], int[]) IS
'The partial state of entropy_weights(float8[], float8[], float8[], int[]) over the rows, as a storable bytea (a synergy state, docs/reference.md): merge states with entropy_weights_merge, turn one into weights with entropy_weights_final or entropy_weights_detail_final. NULL when no row has x. O(m) bytes.';

COMMENT ON AGGREGATE @extschema@.entropy_weights_state(float8[], float8[], float8[], int[], float8) IS
'The partial state of entropy_weights(float8[], float8[], float8[], int[], float8) over the rows, as a storable bytea (a synergy state, docs/reference.md): merge states with entropy_weights_merge, turn one into weights with entropy_weights_final or entropy_weights_detail_final. NULL when no row has x. O(m) bytes.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.entropy_weights_merge(state bytea) (
	SFUNC = @extschema@.entropy_weights_merge_transfn,
	STYPE = internal,
	SSPACE = 2048,
	FINALFUNC = @extschema@.entropy_weights_serialfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.entropy_weights_combinefn,
	SERIALFUNC = @extschema@.entropy_weights_serialfn,
	DESERIALFUNC = @extschema@.entropy_weights_small_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.entropy_weights_merge(bytea) IS
'Merges states made by entropy_weights_state (or by this aggregate) into one, exactly as a parallel plan combines partial states: the states must be of the same form, with the same indicators, directions, shift and bounds. NULL states are skipped; NULL when all are.';

CREATE FUNCTION @extschema@.entropy_weights_final(state bytea)
RETURNS float8[] AS 'MODULE_PATHNAME', 'entropy_weights_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.entropy_weights_final(bytea) IS
'The entropy weights of the rows behind a state made by entropy_weights_state or entropy_weights_merge: equal, bit for bit, to entropy_weights over those rows with the same arguments.';

CREATE FUNCTION @extschema@.entropy_weights_detail_final(state bytea)
RETURNS @extschema@.entropy_detail AS 'MODULE_PATHNAME', 'entropy_weights_detail_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.entropy_weights_detail_final(bytea) IS
'entropy_weights_detail of the rows behind a state made by entropy_weights_state or entropy_weights_merge: (n, entropy[], divergence[], weight[]).';

-- the bounds' first pass ----------------------------------------------------

CREATE FUNCTION @extschema@.indicator_min_transfn(float8[], float8[])
RETURNS float8[] AS 'MODULE_PATHNAME', 'indicator_min_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.indicator_min_combinefn(float8[], float8[])
RETURNS float8[] AS 'MODULE_PATHNAME', 'indicator_min_combinefn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.indicator_max_transfn(float8[], float8[])
RETURNS float8[] AS 'MODULE_PATHNAME', 'indicator_max_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.indicator_max_combinefn(float8[], float8[])
RETURNS float8[] AS 'MODULE_PATHNAME', 'indicator_max_combinefn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.indicator_min_transfn(float8[], float8[]) IS 'Transition function of indicator_min.';
COMMENT ON FUNCTION @extschema@.indicator_min_combinefn(float8[], float8[]) IS 'Combine function of indicator_min.';
COMMENT ON FUNCTION @extschema@.indicator_max_transfn(float8[], float8[]) IS 'Transition function of indicator_max.';
COMMENT ON FUNCTION @extschema@.indicator_max_combinefn(float8[], float8[]) IS 'Combine function of indicator_max.';

-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.indicator_min(x float8[]) (
	SFUNC = @extschema@.indicator_min_transfn,
	STYPE = float8[],
	COMBINEFUNC = @extschema@.indicator_min_combinefn,
	PARALLEL = SAFE
);
-- Availability: 0.3.0
CREATE AGGREGATE @extschema@.indicator_max(x float8[]) (
	SFUNC = @extschema@.indicator_max_transfn,
	STYPE = float8[],
	COMBINEFUNC = @extschema@.indicator_max_combinefn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.indicator_min(float8[]) IS
'Each indicator''s least value over the rows (element-wise min of the indicator rows, -0 below +0): the lower bounds for entropy_weights(x, lower, upper). O(m) state, parallel.';
COMMENT ON AGGREGATE @extschema@.indicator_max(float8[]) IS
'Each indicator''s greatest value over the rows (element-wise max of the indicator rows, +0 above -0): the upper bounds for entropy_weights(x, lower, upper). O(m) state, parallel.';
