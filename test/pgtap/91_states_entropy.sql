-- Partial states of the entropy_weights family as values (issue 17 item 3,
-- STATES.md): entropy_weights_state, entropy_weights_merge,
-- entropy_weights_final and entropy_weights_detail_final, for the
-- row-keeping and the bounded form.  Results are compared as text with
-- extra_float_digits = 3 (shortest-exact: the same text is the same bits).
BEGIN;
SET client_min_messages = warning;
SET extra_float_digits = 3;
SELECT plan(53);

-- 10 years x 60 regions x 4 indicators; a regular table for parallel workers
DO $$ BEGIN PERFORM setseed(0.917); END $$;
CREATE TABLE public.es_obs AS
SELECT y AS year, r AS region,
       ARRAY[exp(8 + random()), 50 * random(), floor(6 * random())::float8, 0.1 + random()] AS x
FROM generate_series(2010, 2019) y, generate_series(1, 60) r;
ANALYZE public.es_obs;
CREATE TABLE public.es_bounds AS
SELECT array_agg(lo ORDER BY j) AS lo, array_agg(hi ORDER BY j) AS hi
FROM (SELECT j, min(v) AS lo, max(v) AS hi FROM public.es_obs, unnest(x) WITH ORDINALITY u(v, j) GROUP BY j) s;
SELECT lo AS es_lo, hi AS es_hi FROM public.es_bounds \gset

-- 1-8: F_final(F_state(...)) is F(...), bit for bit, every overload
SELECT is((SELECT entropy_weights_final(entropy_weights_state(x))::text FROM public.es_obs),
          (SELECT entropy_weights(x)::text FROM public.es_obs), 'final(state(x)) = entropy_weights(x)');
SELECT is((SELECT entropy_weights_final(entropy_weights_state(x, ARRAY[1, -1, 1, 1]))::text FROM public.es_obs),
          (SELECT entropy_weights(x, ARRAY[1, -1, 1, 1])::text FROM public.es_obs), 'with directions');
SELECT is((SELECT entropy_weights_final(entropy_weights_state(x, ARRAY[1, -1, 1, 1], 0.001))::text FROM public.es_obs),
          (SELECT entropy_weights(x, ARRAY[1, -1, 1, 1], 0.001)::text FROM public.es_obs), 'with directions and shift');
SELECT is((SELECT entropy_weights_final(entropy_weights_state(x, :'es_lo', :'es_hi'))::text FROM public.es_obs),
          (SELECT entropy_weights(x, :'es_lo', :'es_hi')::text FROM public.es_obs), 'bounded');
SELECT is((SELECT entropy_weights_final(entropy_weights_state(x, :'es_lo', :'es_hi', ARRAY[1, -1, 1, 1]))::text FROM public.es_obs),
          (SELECT entropy_weights(x, :'es_lo', :'es_hi', ARRAY[1, -1, 1, 1])::text FROM public.es_obs), 'bounded, directions');
SELECT is((SELECT entropy_weights_final(entropy_weights_state(x, :'es_lo', :'es_hi', ARRAY[1, -1, 1, 1], 0.001))::text FROM public.es_obs),
          (SELECT entropy_weights(x, :'es_lo', :'es_hi', ARRAY[1, -1, 1, 1], 0.001)::text FROM public.es_obs), 'bounded, directions, shift');
SELECT is((SELECT entropy_weights_detail_final(entropy_weights_state(x, ARRAY[1, -1, 1, 1]))::text FROM public.es_obs),
          (SELECT entropy_weights_detail(x, ARRAY[1, -1, 1, 1])::text FROM public.es_obs), 'detail_final = entropy_weights_detail');
SELECT is((SELECT entropy_weights_detail_final(entropy_weights_state(x, :'es_lo', :'es_hi'))::text FROM public.es_obs),
          (SELECT entropy_weights_detail(x, :'es_lo', :'es_hi')::text FROM public.es_obs), 'detail_final, bounded');

-- 9-12: states of a split of the rows, merged: F over all rows, bit for bit
SELECT is((SELECT entropy_weights_final(entropy_weights_merge(s))::text
           FROM (SELECT entropy_weights_state(x, ARRAY[1, -1, 1, 1]) AS s FROM public.es_obs GROUP BY year) t),
          (SELECT entropy_weights(x, ARRAY[1, -1, 1, 1])::text FROM public.es_obs), 'row form: yearly states merged');
SELECT is((SELECT entropy_weights_final(entropy_weights_merge(s))::text
           FROM (SELECT entropy_weights_state(x, :'es_lo', :'es_hi', ARRAY[1, -1, 1, 1]) AS s FROM public.es_obs GROUP BY region % 7) t),
          (SELECT entropy_weights(x, :'es_lo', :'es_hi', ARRAY[1, -1, 1, 1])::text FROM public.es_obs), 'bounded: states of 7 groups merged');
SELECT is((SELECT entropy_weights_merge(s)
           FROM (SELECT entropy_weights_state(x) AS s FROM public.es_obs GROUP BY year ORDER BY year DESC) t),
          (SELECT entropy_weights_state(x) FROM public.es_obs), 'row form: the merged state is the whole state, byte for byte');
SELECT is((SELECT entropy_weights_final(entropy_weights_merge(s))
           FROM (SELECT entropy_weights_merge(s) AS s
                 FROM (SELECT year, entropy_weights_state(x) AS s FROM public.es_obs GROUP BY year) y
                 GROUP BY year / 5) t)::text,
          (SELECT entropy_weights(x)::text FROM public.es_obs), 'merges of merges');

-- 13-15: states stored in a table and merged later (yearly into a decade)
CREATE TABLE public.es_states (year int, form text, s bytea);
INSERT INTO public.es_states
SELECT year, 'rows', entropy_weights_state(x, ARRAY[1, -1, 1, 1], 0.001) FROM public.es_obs GROUP BY year
UNION ALL
SELECT year, 'bounded', entropy_weights_state(x, :'es_lo', :'es_hi', ARRAY[1, -1, 1, 1], 0.001) FROM public.es_obs GROUP BY year;
INSERT INTO public.es_states VALUES (2020, 'rows', NULL), (2020, 'bounded', NULL);
ANALYZE public.es_states;
SELECT is((SELECT entropy_weights_detail_final(entropy_weights_merge(s))::text FROM public.es_states WHERE form = 'rows'),
          (SELECT entropy_weights_detail(x, ARRAY[1, -1, 1, 1], 0.001)::text FROM public.es_obs),
          'stored yearly row states, merged into the decade (a NULL state skipped)');
SELECT is((SELECT entropy_weights_detail_final(entropy_weights_merge(s))::text FROM public.es_states WHERE form = 'bounded'),
          (SELECT entropy_weights_detail(x, :'es_lo', :'es_hi', ARRAY[1, -1, 1, 1], 0.001)::text FROM public.es_obs),
          'stored yearly bounded states, merged into the decade');
SELECT is((SELECT entropy_weights_final(entropy_weights_merge(s))::text FROM public.es_states WHERE form = 'rows' AND year < 2015),
          (SELECT entropy_weights(x, ARRAY[1, -1, 1, 1], 0.001)::text FROM public.es_obs WHERE year < 2015),
          'a subset of the stored states: the weights of its rows');

-- 16-19: through parallel plans
CREATE FUNCTION pg_temp.es_partial(q text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE j text;
BEGIN
	EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO j;
	RETURN j LIKE '%"Partial Mode": "Partial"%';
END $$;
SELECT (SELECT entropy_weights_state(x, ARRAY[1, -1, 1, 1]) FROM public.es_obs) AS es_row_state \gset
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = on;
-- (enough rows that every major, 15 to 18, plans the merge in parallel)
CREATE TABLE public.es_states_many AS
SELECT s FROM public.es_states, generate_series(1, 100) WHERE form = 'bounded';
ANALYZE public.es_states_many;
SELECT ok(pg_temp.es_partial($$ SELECT entropy_weights_merge(s) FROM public.es_states_many $$),
          'entropy_weights_merge: a parallel plan with partial states');
SELECT is((SELECT entropy_weights_detail_final(entropy_weights_merge(s))::text FROM public.es_states WHERE form = 'bounded'),
          (SELECT entropy_weights_detail(x, :'es_lo', :'es_hi', ARRAY[1, -1, 1, 1], 0.001)::text FROM public.es_obs),
          'bounded states merged through a parallel plan: the same bits');
SELECT is((SELECT entropy_weights_final(entropy_weights_merge(s))::text FROM public.es_states WHERE form = 'rows'),
          (SELECT entropy_weights(x, ARRAY[1, -1, 1, 1], 0.001)::text FROM public.es_obs),
          'row states merged through a parallel plan: the same bits');
-- the row form's partial states, priced back into parallel plans
ALTER FUNCTION entropy_weights_deserialfn(bytea, internal) COST 1;
SELECT is((SELECT entropy_weights_state(x, ARRAY[1, -1, 1, 1]) FROM public.es_obs), :'es_row_state'::bytea,
          'a row state made through a parallel plan: the serial state, byte for byte');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- 20-21: golden state: the documented, portable format (docs/reference.md);
-- a change must be deliberate, with a kind version bump
SELECT is((SELECT entropy_weights_state(x, ARRAY[1, -1]) FROM (VALUES (ARRAY[3.0, 0.5]), (ARRAY[1.0, 2.0])) v(x)),
          '\x53590101020000005a0000000002000000020000000000000000000000000000000101ff0001000000000000f03f000000000000e03f00000000000008400000000000000040000000000000f03f00000000000000400000000000000840000000000000e03f'::bytea,
          'golden row-keeping state of two rows (rows in the canonical order)');
SELECT is(entropy_weights_final('\x53590101020000005a0000000002000000020000000000000000000000000000000101ff0001000000000000f03f000000000000e03f00000000000008400000000000000040000000000000f03f00000000000000400000000000000840000000000000e03f'::bytea),
          ARRAY[0.5, 0.5]::float8[], 'the golden state''s weights');

-- 22-37: hostile states
\set golden '\'\\x53590101020000005a0000000002000000020000000000000000000000000000000101ff0001000000000000f03f000000000000e03f00000000000008400000000000000040000000000000f03f00000000000000400000000000000840000000000000e03f\'::bytea'
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', substr(:golden, 1, 101)), '22P03',
                 'entropy_weights_final: invalid aggregate state', 'truncated by one byte: 22P03');
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', :golden || '\x00'::bytea), '22P03',
                 'entropy_weights_final: invalid aggregate state', 'one byte longer: 22P03');
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', overlay(:golden placing '\x5a'::bytea from 2 for 1)), '22P03',
                 'entropy_weights_final: invalid aggregate state', 'header flipped: 22P03');
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', overlay(:golden placing '\xffffffffffffff7f'::bytea from 18 for 8)), '22P03',
                 'entropy_weights_final: invalid aggregate state', 'row count huge: 22P03, before allocating');
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', overlay(:golden placing '\x00000100'::bytea from 14 for 4)), '22P03',
                 'entropy_weights_final: invalid aggregate state', 'indicator count huge: 22P03');
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', overlay(:golden placing '\x000000000000f87f'::bytea from 87 for 8)), '22P03',
                 'entropy_weights_final: invalid aggregate state', 'NaN inside: 22P03');
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', overlay(:golden placing '\x02'::bytea from 4 for 1)), '22023',
                 NULL, 'a state of another family: 22023');
SELECT throws_ok($$ SELECT entropy_weights_final('\xdeadbeef'::bytea) $$, '22P03',
                 'entropy_weights_final: invalid aggregate state', 'garbage: 22P03');
SELECT is(entropy_weights_final(NULL), NULL, 'NULL state: NULL');
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)',
                        overlay(:golden placing '\x0000000000000840000000000000e03f000000000000f03f0000000000000040'::bytea from 71 for 32)), '22P03',
                 'entropy_weights_final: invalid aggregate state', 'rows out of the order the state claims: 22P03');
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', overlay(:golden placing '\x0000000000000000'::bytea from 39 for 8)), '22P03',
                 'entropy_weights_final: invalid aggregate state', 'a range that is not the rows'': 22P03');
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', overlay(:golden placing '\x02'::bytea from 36 for 1)), '22P03',
                 'entropy_weights_final: invalid aggregate state', 'a direction of 2: 22P03');
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', overlay(:golden placing '\x07'::bytea from 13 for 1)), '22P03',
                 'entropy_weights_final: invalid aggregate state', 'unknown mode: 22P03');
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', overlay(:golden placing '\x000000000000f0bf'::bytea from 26 for 8)), '22P03',
                 'entropy_weights_final: invalid aggregate state', 'a negative shift: 22P03');
SELECT throws_ok(format('SELECT entropy_weights_merge(s) FROM (VALUES (%L::bytea)) v(s)', substr(:golden, 1, 60)), '22P03',
                 'entropy_weights_merge: invalid aggregate state', 'entropy_weights_merge of a truncated state: 22P03');
SELECT throws_ok(format('SELECT entropy_weights_detail_final(%L::bytea)', overlay(:golden placing '\x0100'::bytea from 5 for 2)), '22P03',
                 'entropy_weights_detail_final: invalid aggregate state', 'another format version (1, before the missing-value policy): 22P03');

-- 38-42: states that do not merge
SELECT throws_ok($$ SELECT entropy_weights_merge(s) FROM (SELECT entropy_weights_state(x) AS s FROM public.es_obs
                    UNION ALL SELECT entropy_weights_state(x, lo, hi) FROM public.es_obs, public.es_bounds) t $$,
                 '22023', 'entropy_weights_merge: cannot merge a bounded entropy state with a row-keeping one',
                 'a bounded state with a row-keeping one: 22023');
SELECT throws_ok($$ SELECT entropy_weights_merge(s) FROM (SELECT entropy_weights_state(x, lo, hi) AS s FROM public.es_obs, public.es_bounds
                    UNION ALL SELECT entropy_weights_state(x, lo, array_replace(hi, hi[2], hi[2] + 1)) FROM public.es_obs, public.es_bounds) t $$,
                 '22023', 'entropy_weights_merge: cannot merge entropy states with different bounds',
                 'bounded states with different bounds: 22023');
SELECT throws_ok($$ SELECT entropy_weights_merge(s) FROM (SELECT entropy_weights_state(x, ARRAY[1, 1, 1, 1]) AS s FROM public.es_obs
                    UNION ALL SELECT entropy_weights_state(x, ARRAY[1, -1, 1, 1]) FROM public.es_obs) t $$,
                 '22023', 'entropy_weights_merge: directions must be the same in every row',
                 'states with different directions: 22023');
SELECT throws_ok($$ SELECT entropy_weights_merge(s) FROM (SELECT entropy_weights_state(x, NULL, 0.1) AS s FROM public.es_obs
                    UNION ALL SELECT entropy_weights_state(x, NULL, 0.2) FROM public.es_obs) t $$,
                 '22023', 'entropy_weights_merge: shift must be the same in every row',
                 'states with different shifts: 22023');
SELECT throws_ok($$ SELECT entropy_weights_merge(s) FROM (SELECT entropy_weights_state(x) AS s FROM public.es_obs
                    UNION ALL SELECT entropy_weights_state(x[1:3]) FROM public.es_obs) t $$,
                 '2202E', NULL, 'states of different lengths: 2202E');

-- 43-44: no rows
SELECT is((SELECT entropy_weights_state(x) FROM public.es_obs WHERE false), NULL, 'state over no rows: NULL');
SELECT is((SELECT entropy_weights_merge(s) FROM (VALUES (NULL::bytea), (NULL)) v(s)), NULL, 'merge of NULL states: NULL');

-- 45-53: the bounded form's golden state (sums whose terms need no logarithm:
-- scores 0 and 1) and its hostile variants
\set bgolden '\'\\x53590101020000006f000000010200000002000000000000000000000000000000000000000000000000000000000000000000000000000000f03f000000000000f03f0000000000000000000000000000f03f000000000000f03f000000000000f03f210100000400000000000000210100000800000000000000\'::bytea'
SELECT is((SELECT entropy_weights_state(x, '{0,0}', '{1,1}') FROM (VALUES (ARRAY[1.0, 1]), (ARRAY[0.0, 1])) v(x)),
          :bgolden, 'golden bounded state of two rows: bounds, observed ranges, exact sums 1 and 2');
SELECT is(entropy_weights_final(:bgolden), ARRAY[1, 0]::float8[], 'the golden bounded state''s weights');
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', overlay(:bgolden placing '\x43'::bytea from 100 for 1)), '22P03',
                 'entropy_weights_final: invalid aggregate state', 'a sum''s chunks beyond the last: 22P03');
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', overlay(:bgolden placing '\x0000000000000000'::bytea from 102 for 8)), '22P03',
                 'entropy_weights_final: invalid aggregate state', 'a sum not in canonical form (zero first chunk): 22P03');
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', overlay(:bgolden placing '\xffffffffffffffff'::bytea from 102 for 8)), '22P03',
                 'entropy_weights_final: invalid aggregate state', 'a chunk out of range: 22P03');
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', overlay(:bgolden placing '\x0000000000000040'::bytea from 36 for 8)), '22P03',
                 'entropy_weights_final: invalid aggregate state', 'reversed bounds: 22P03');
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', overlay(:bgolden placing '\x000000000000f0bf'::bytea from 68 for 8)), '22P03',
                 'entropy_weights_final: invalid aggregate state', 'an observed minimum below the lower bound: 22P03');
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', overlay(:bgolden placing '\x00'::bytea from 13 for 1)), '22P03',
                 'entropy_weights_final: invalid aggregate state', 'a bounded payload read as a row-keeping one: 22P03');
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', substr(:bgolden, 1, 122)), '22P03',
                 'entropy_weights_final: invalid aggregate state', 'a truncated bounded state: 22P03');

SELECT * FROM finish();
ROLLBACK;
