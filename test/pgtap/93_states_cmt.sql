-- 93_states_cmt.sql: partial states as values (issue 17, item 3) for
-- coupling_coordination, moran_i and trend_analysis: F_state, F_merge and
-- F_final.  These aggregates give the same bits in any row order
-- (90_order.sql), so every comparison here is exact: results are compared
-- as text with extra_float_digits = 3 (shortest-exact: the same text is
-- the same bits).  Also: golden states (the documented byte format of
-- docs/reference.md, "Partial states"), hostile states with their
-- SQLSTATEs, states stored in a table and merged later, parallel plans.
BEGIN;
SET client_min_messages = warning;
SET extra_float_digits = 3;
SELECT plan(69);

-- 4 years x 400 regions: a score, a weight, a location, a ring of
-- neighbours (some outside the group), and a part (5 parts per year) whose
-- states are merged into the year.  Regular tables: parallel workers
-- cannot read temporary ones.
DO $$ BEGIN PERFORM setseed(0.93); END $$;
CREATE TABLE public.cmt_obs AS
SELECT y AS grp, g::bigint AS id, g % 5 AS part,
       0.05 + 0.9 * random() AS u, 0.5 + random() AS w,
       ST_SetSRID(ST_MakePoint(110.0 + 6.0 * random(), 28.0 + 5.0 * random()), 4326) AS geom,
       ARRAY[g - 1, g + 1, g + 13]::bigint[] AS nb
FROM generate_series(2016, 2019) y, generate_series(1, 400) g;
-- a region without a value, a row without a geometry: left out by both sides
UPDATE public.cmt_obs SET u = NULL WHERE grp = 2017 AND id = 7;
UPDATE public.cmt_obs SET geom = NULL WHERE grp = 2018 AND id = 9;
ANALYZE public.cmt_obs;

-- the rows of a query as one text, in a fixed order
CREATE FUNCTION pg_temp.sig(q text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE s text;
BEGIN
	EXECUTE format('SELECT string_agg(t::text, E''\n'' ORDER BY t::text) FROM (%s) t', q) INTO s;
	IF s IS NULL THEN
		RAISE EXCEPTION 'no rows: %', q;	-- two NULLs would compare equal
	END IF;
	RETURN s;
END $$;

------------------------------------------------------------------------------
-- F_final(F_state(...)) is F(...), every overload
------------------------------------------------------------------------------

SELECT is(pg_temp.sig('SELECT grp, coupling_coordination_final(coupling_coordination_state(u)) FROM public.cmt_obs GROUP BY grp'),
          pg_temp.sig('SELECT grp, coupling_coordination(u) FROM public.cmt_obs GROUP BY grp'),
          'coupling_coordination_final(coupling_coordination_state(u)): the aggregate''s bits');
SELECT is(pg_temp.sig('SELECT grp, coupling_coordination_final(coupling_coordination_state(u, w)) FROM public.cmt_obs GROUP BY grp'),
          pg_temp.sig('SELECT grp, coupling_coordination(u, w) FROM public.cmt_obs GROUP BY grp'),
          'coupling_coordination_final(coupling_coordination_state(u, weight)): the aggregate''s bits');
SELECT is(pg_temp.sig($$SELECT grp, coupling_coordination_final(coupling_coordination_state(u, w, 'wang2021')) FROM public.cmt_obs GROUP BY grp$$),
          pg_temp.sig($$SELECT grp, coupling_coordination(u, w, 'wang2021') FROM public.cmt_obs GROUP BY grp$$),
          'coupling_coordination_final(coupling_coordination_state(u, weight, ''wang2021'')): the aggregate''s bits (variant kept)');
SELECT isnt(pg_temp.sig($$SELECT grp, coupling_coordination(u, w, 'wang2021') FROM public.cmt_obs GROUP BY grp$$),
            pg_temp.sig($$SELECT grp, coupling_coordination(u, w) FROM public.cmt_obs GROUP BY grp$$),
            'the variant changes the result (so the test above sees it)');
SELECT is(pg_temp.sig('SELECT grp, moran_i_final(moran_i_state(u, id, nb, NULL)) FROM public.cmt_obs GROUP BY grp'),
          pg_temp.sig('SELECT grp, moran_i(u, id, nb, NULL) FROM public.cmt_obs GROUP BY grp'),
          'moran_i_final(moran_i_state(value, id, neighbours, weights)): the aggregate''s bits');
SELECT is(pg_temp.sig('SELECT grp, moran_i_final(moran_i_state(u, id, nb, ARRAY[1, 2, 0.5], 99, 7)) FROM public.cmt_obs GROUP BY grp'),
          pg_temp.sig('SELECT grp, moran_i(u, id, nb, ARRAY[1, 2, 0.5], 99, 7) FROM public.cmt_obs GROUP BY grp'),
          'moran_i_final(moran_i_state(..., 99, 7)): the aggregate''s bits, permutation p value included');
SELECT isnt(pg_temp.sig('SELECT grp, (moran_i(u, id, nb, NULL, 99, 7)).p_permutation FROM public.cmt_obs GROUP BY grp'),
            pg_temp.sig('SELECT grp, (moran_i(u, id, nb, NULL, 99, 8)).p_permutation FROM public.cmt_obs GROUP BY grp'),
            'another seed gives other permutation p values (so the seed in the state matters)');
SELECT is(pg_temp.sig('SELECT grp, trend_analysis_final(trend_analysis_state(geom, u)) FROM public.cmt_obs GROUP BY grp'),
          pg_temp.sig('SELECT grp, trend_analysis(geom, u) FROM public.cmt_obs GROUP BY grp'),
          'trend_analysis_final(trend_analysis_state(geom, z)): the aggregate''s bits');
SELECT is(pg_temp.sig('SELECT grp, trend_analysis_final(trend_analysis_state(geom, u, 3)) FROM public.cmt_obs GROUP BY grp'),
          pg_temp.sig('SELECT grp, trend_analysis(geom, u, 3) FROM public.cmt_obs GROUP BY grp'),
          'trend_analysis_final(trend_analysis_state(geom, z, 3)): the aggregate''s bits (order kept)');
SELECT is(pg_temp.sig('SELECT grp, trend_analysis_final(trend_analysis_state(geom, u, 2, 30.0)) FROM public.cmt_obs GROUP BY grp'),
          pg_temp.sig('SELECT grp, trend_analysis(geom, u, 2, 30.0) FROM public.cmt_obs GROUP BY grp'),
          'trend_analysis_final(trend_analysis_state(geom, z, 2, 30)): the aggregate''s bits (rotation kept)');
SELECT is(pg_temp.sig('SELECT grp, trend_analysis_final(trend_analysis_state(geom, u, 2, 0.0, 32649)) FROM public.cmt_obs GROUP BY grp'),
          pg_temp.sig('SELECT grp, trend_analysis(geom, u, 2, 0.0, 32649) FROM public.cmt_obs GROUP BY grp'),
          'trend_analysis_final(trend_analysis_state(geom, z, 2, 0, 32649)): the aggregate''s bits (target SRID kept)');
SELECT is((SELECT (trend_analysis_final(trend_analysis_state(geom, u, 2, 0.0, 32649))).srid FROM public.cmt_obs), 32649,
          'a state of transformed points finishes in the target SRID');

------------------------------------------------------------------------------
-- NULL states
------------------------------------------------------------------------------

SELECT ok((SELECT coupling_coordination_state(u) IS NULL AND moran_i_state(u, id, nb, NULL) IS NULL
                  AND trend_analysis_state(geom, u) IS NULL FROM public.cmt_obs WHERE false),
          'no rows: every F_state is NULL');
SELECT ok((SELECT coupling_coordination_state(NULL::float8) IS NULL AND moran_i_state(NULL, id, nb, NULL) IS NULL
                  AND trend_analysis_state(NULL, u) IS NULL FROM public.cmt_obs),
          'only NULL values: every F_state is NULL');
SELECT ok((SELECT coupling_coordination_merge(s) IS NULL AND moran_i_merge(s) IS NULL AND trend_analysis_merge(s) IS NULL
           FROM (VALUES (NULL::bytea), (NULL)) v(s)),
          'merging only NULL states: NULL');
SELECT ok(coupling_coordination_final(NULL) IS NULL AND moran_i_final(NULL) IS NULL AND trend_analysis_final(NULL) IS NULL,
          'F_final(NULL) is NULL');

------------------------------------------------------------------------------
-- Merging the states of a split of the rows is F over all of them
------------------------------------------------------------------------------

SELECT is(pg_temp.sig($$SELECT grp, coupling_coordination_final(coupling_coordination_merge(s)) FROM
                        (SELECT grp, part, coupling_coordination_state(u, w, 'wang2021') AS s FROM public.cmt_obs GROUP BY grp, part) p
                        GROUP BY grp$$),
          pg_temp.sig($$SELECT grp, coupling_coordination(u, w, 'wang2021') FROM public.cmt_obs GROUP BY grp$$),
          'coupling_coordination: states of 5 parts merged into the year, the bits of the whole year');
SELECT is(pg_temp.sig($$SELECT grp, moran_i_final(moran_i_merge(s)) FROM
                        (SELECT grp, part, moran_i_state(u, id, nb, NULL, 99, 7) AS s FROM public.cmt_obs GROUP BY grp, part) p
                        GROUP BY grp$$),
          pg_temp.sig($$SELECT grp, moran_i(u, id, nb, NULL, 99, 7) FROM public.cmt_obs GROUP BY grp$$),
          'moran_i: states of 5 sets of regions merged (neighbours across the sets link up), the bits of the whole map');
SELECT cmp_ok((SELECT sum(islands) FROM (SELECT (moran_i(u, id, nb, NULL)).islands FROM public.cmt_obs GROUP BY grp, part) p),
              '>', (SELECT sum(islands) FROM (SELECT (moran_i(u, id, nb, NULL)).islands FROM public.cmt_obs GROUP BY grp) p),
              'the parts alone have more islands than the whole map (merging links the parts'' regions up)');
SELECT is(pg_temp.sig($$SELECT grp, trend_analysis_final(trend_analysis_merge(s)) FROM
                        (SELECT grp, part, trend_analysis_state(geom, u, 3, 15.0) AS s FROM public.cmt_obs GROUP BY grp, part) p
                        GROUP BY grp$$),
          pg_temp.sig($$SELECT grp, trend_analysis(geom, u, 3, 15.0) FROM public.cmt_obs GROUP BY grp$$),
          'trend_analysis: states of 5 parts merged into the year, the bits of the whole year');
SELECT is(pg_temp.sig($$SELECT coupling_coordination_final(coupling_coordination_merge(s)) FROM
                        (SELECT coupling_coordination_merge(s) AS s FROM
                           (SELECT grp, part, coupling_coordination_state(u) AS s FROM public.cmt_obs GROUP BY grp, part) p
                         GROUP BY grp) y$$),
          pg_temp.sig($$SELECT coupling_coordination(u) FROM public.cmt_obs$$),
          'coupling_coordination: merged states merge again (parts into years into all years)');

------------------------------------------------------------------------------
-- States stored in a table, merged later
------------------------------------------------------------------------------

CREATE TABLE public.cmt_states AS
SELECT grp, part, coupling_coordination_state(u, w) AS ccd, moran_i_state(u, id, nb, NULL, 49, 11) AS moran,
       trend_analysis_state(geom, u) AS trend
FROM public.cmt_obs GROUP BY grp, part;
SELECT is((SELECT count(*) FROM public.cmt_states), 20::bigint, 'twenty stored states of each family');
SELECT is(pg_temp.sig('SELECT coupling_coordination_final(coupling_coordination_merge(ccd ORDER BY grp DESC, part)) FROM public.cmt_states'),
          pg_temp.sig('SELECT coupling_coordination(u, w) FROM public.cmt_obs'),
          'coupling_coordination: the stored states of four years merged later, in another order: the bits over all the rows');
SELECT is(pg_temp.sig('SELECT grp, moran_i_final(moran_i_merge(moran ORDER BY part DESC)) FROM public.cmt_states GROUP BY grp'),
          pg_temp.sig('SELECT grp, moran_i(u, id, nb, NULL, 49, 11) FROM public.cmt_obs GROUP BY grp'),
          'moran_i: stored states merged later per year: the bits of each year');
SELECT is(pg_temp.sig('SELECT trend_analysis_final(trend_analysis_merge(trend)) FROM public.cmt_states'),
          pg_temp.sig('SELECT trend_analysis(geom, u) FROM public.cmt_obs'),
          'trend_analysis: the yearly states merged into the four years: the bits over all the rows');
SELECT is((SELECT (state_info(moran)).family FROM public.cmt_states LIMIT 1), 'moran_i', 'state_info reads a stored state''s family');

------------------------------------------------------------------------------
-- Golden states: the exact bytes over a tiny input (the format is
-- documented and portable; changing it needs a kind version bump)
------------------------------------------------------------------------------

-- header SY, layout 1, kind 5, version 2, payload 44 bytes; variant 1
-- (wang2021), weighted 1, missing 0 (error), gap 0, n = 2, u = 0.25 0.5, w = 1 3 (little-endian IEEE)
SELECT is(coupling_coordination_state(u, w, 'wang2021'),
          '\x5359010502000000 2c000000 0101 0000 0200000000000000 000000000000d03f 000000000000e03f 000000000000f03f 0000000000000840'::bytea,
          'golden coupling_coordination state')
FROM (VALUES (0.25::float8, 1::float8), (0.5, 3)) v(u, w);
-- kind 6 version 2, payload 136 bytes: permutations 9, seed 42, rows 2,
-- regions 2, links 2; ids 1 2; values 1.5 -2; offsets 0 1 2; neighbours 2 1;
-- weights NaN NaN (none given: row-standardised); names -1 (integer ids)
SELECT is(moran_i_state(v, id, nb, NULL, 9, 42),
          ('\x5359010602000000 88000000 0900000000000000 2a00000000000000 0200000000000000 0200000000000000 0200000000000000'
           ' 0100000000000000 0200000000000000 000000000000f83f 00000000000000c0'
           ' 0000000000000000 0100000000000000 0200000000000000 0200000000000000 0100000000000000'
           ' 000000000000f87f 000000000000f87f ffffffffffffffff')::bytea,
          'golden moran_i state')
FROM (VALUES (1.5::float8, 1::bigint, '{2}'::bigint[]), (-2, 2, '{1}')) v(v, id, nb);
-- kind 7, payload 85 bytes: kind 0 (trend_analysis), order 1, rotation 0,
-- SRID 4326, target SRID 0, rows 2, points 2; x 1 4, y 2 5, z 3 6
SELECT is(trend_analysis_state(g, z, 1),
          ('\x5359010701000000 55000000 00 01000000 0000000000000000 e6100000 00000000 0200000000000000 0200000000000000'
           ' 000000000000f03f 0000000000001040 0000000000000040 0000000000001440 0000000000000840 0000000000001840')::bytea,
          'golden trend_analysis state')
FROM (VALUES ('SRID=4326;POINT(1 2)'::geometry, 3::float8), ('SRID=4326;POINT(4 5)', 6)) v(g, z);
SELECT is(coupling_coordination_final('\x53590105020000002c00000001010000020000000000000000000000
                                        0000d03f000000000000e03f000000000000f03f0000000000000840'::bytea),
          coupling_coordination(u, w, 'wang2021'), 'the golden coupling state finishes to the aggregate''s result')
FROM (VALUES (0.25::float8, 1::float8), (0.5, 3)) v(u, w);

------------------------------------------------------------------------------
-- Hostile states: damaged 22P03, another family 22023, NULL NULL
------------------------------------------------------------------------------

CREATE TEMP TABLE good AS
SELECT (SELECT coupling_coordination_state(u, w, 'wang2021') FROM (VALUES (0.25::float8, 1::float8), (0.5, 3)) v(u, w)) AS ccd,
       (SELECT moran_i_state(v, id, nb, NULL, 9, 42) FROM (VALUES (1.5::float8, 1::bigint, '{2}'::bigint[]), (-2, 2, '{1}')) v(v, id, nb)) AS moran,
       (SELECT trend_analysis_state(g, z, 1) FROM (VALUES ('SRID=4326;POINT(1 2)'::geometry, 3::float8), ('SRID=4326;POINT(4 5)', 6)) v(g, z)) AS trend;
SELECT ok((SELECT ccd IS NOT NULL AND moran IS NOT NULL AND trend IS NOT NULL FROM good), 'the states the hostile ones are made from');

-- coupling_coordination: n at bytes 16-23, the first score at 24-31
SELECT throws_ok($$ SELECT coupling_coordination_final(substr(ccd, 1, length(ccd) - 1)) FROM good $$, '22P03',
                 'coupling_coordination_final: invalid aggregate state', 'coupling: truncated state: 22P03');
SELECT throws_ok($$ SELECT coupling_coordination_final(ccd || '\x00'::bytea) FROM good $$, '22P03',
                 'coupling_coordination_final: invalid aggregate state', 'coupling: one byte longer: 22P03');
SELECT throws_ok($$ SELECT coupling_coordination_final(set_byte(ccd, 0, 0)) FROM good $$, '22P03',
                 'coupling_coordination_final: invalid aggregate state', 'coupling: header flipped: 22P03');
SELECT throws_ok($$ SELECT coupling_coordination_final(overlay(ccd PLACING '\xffffffffffffff7f'::bytea FROM 17 FOR 8)) FROM good $$, '22P03',
                 'coupling_coordination_final: invalid aggregate state', 'coupling: row count huge: 22P03');
SELECT throws_ok($$ SELECT coupling_coordination_final(overlay(ccd PLACING '\x0000100000000000'::bytea FROM 17 FOR 8)) FROM good $$, '22P03',
                 'coupling_coordination_final: invalid aggregate state', 'coupling: row count in range, beyond the bytes: 22P03 (not an allocation)');
SELECT throws_ok($$ SELECT coupling_coordination_final(overlay(ccd PLACING '\x000000000000f87f'::bytea FROM 25 FOR 8)) FROM good $$, '22P03',
                 'coupling_coordination_final: invalid aggregate state', 'coupling: NaN score inside: 22P03');
SELECT throws_ok($$ SELECT coupling_coordination_final(set_byte(ccd, 12, 7)) FROM good $$, '22P03',
                 'coupling_coordination_final: invalid aggregate state', 'coupling: unknown variant: 22P03');
SELECT throws_ok($$ SELECT coupling_coordination_final(moran) FROM good $$, '22023',
                 'coupling_coordination_final: the state is a moran_i state, not a coupling_coordination state',
                 'coupling: a moran_i state: 22023');
SELECT throws_ok($$ SELECT coupling_coordination_final('\xdeadbeef'::bytea) $$, '22P03',
                 'coupling_coordination_final: invalid aggregate state', 'coupling: garbage: 22P03');
SELECT throws_ok($$ SELECT coupling_coordination_merge(s) FROM good, LATERAL (VALUES (ccd), (substr(ccd, 1, 20))) v(s) $$, '22P03',
                 'coupling_coordination_merge: invalid aggregate state', 'coupling_coordination_merge: a truncated state among good ones: 22P03');

-- moran_i: regions n at bytes 36-43, the first value at 68-75
SELECT throws_ok($$ SELECT moran_i_final(substr(moran, 1, length(moran) - 1)) FROM good $$, '22P03',
                 'moran_i_final: invalid aggregate state', 'moran: truncated state: 22P03');
SELECT throws_ok($$ SELECT moran_i_final(moran || '\x00'::bytea) FROM good $$, '22P03',
                 'moran_i_final: invalid aggregate state', 'moran: one byte longer: 22P03');
SELECT throws_ok($$ SELECT moran_i_final(set_byte(moran, 1, 0)) FROM good $$, '22P03',
                 'moran_i_final: invalid aggregate state', 'moran: header flipped: 22P03');
SELECT throws_ok($$ SELECT moran_i_final(overlay(moran PLACING '\xffffffffffffff7f'::bytea FROM 37 FOR 8)) FROM good $$, '22P03',
                 'moran_i_final: invalid aggregate state', 'moran: region count huge: 22P03');
SELECT throws_ok($$ SELECT moran_i_final(overlay(moran PLACING '\x000000000000f87f'::bytea FROM 69 FOR 8)) FROM good $$, '22P03',
                 'moran_i_final: invalid aggregate state', 'moran: NaN value inside: 22P03');
SELECT throws_ok($$ SELECT moran_i_final(overlay(moran PLACING '\x0300000000000000'::bytea FROM 93 FOR 8)) FROM good $$, '22P03',
                 'moran_i_final: invalid aggregate state', 'moran: neighbour offsets out of order: 22P03');
SELECT throws_ok($$ SELECT moran_i_final(trend) FROM good $$, '22023',
                 'moran_i_final: the state is a trend_analysis state, not a moran_i state', 'moran: a trend_analysis state: 22023');
SELECT throws_ok($$ SELECT moran_i_final('\x5359'::bytea) $$, '22P03',
                 'moran_i_final: invalid aggregate state', 'moran: garbage: 22P03');

-- trend_analysis: points n at bytes 41-48, the first x at 49-56
SELECT throws_ok($$ SELECT trend_analysis_final(substr(trend, 1, length(trend) - 1)) FROM good $$, '22P03',
                 'trend_analysis_final: invalid aggregate state', 'trend: truncated state: 22P03');
SELECT throws_ok($$ SELECT trend_analysis_final(trend || '\x00'::bytea) FROM good $$, '22P03',
                 'trend_analysis_final: invalid aggregate state', 'trend: one byte longer: 22P03');
SELECT throws_ok($$ SELECT trend_analysis_final(set_byte(trend, 2, 9)) FROM good $$, '22P03',
                 'trend_analysis_final: invalid aggregate state', 'trend: header (layout) flipped: 22P03');
SELECT throws_ok($$ SELECT trend_analysis_final(overlay(trend PLACING '\xffffffffffffff7f'::bytea FROM 42 FOR 8)) FROM good $$, '22P03',
                 'trend_analysis_final: invalid aggregate state', 'trend: point count huge: 22P03');
SELECT throws_ok($$ SELECT trend_analysis_final(overlay(trend PLACING '\x000000000000f87f'::bytea FROM 50 FOR 8)) FROM good $$, '22P03',
                 'trend_analysis_final: invalid aggregate state', 'trend: NaN coordinate inside: 22P03');
SELECT throws_ok($$ SELECT trend_analysis_final(overlay(trend PLACING '\x09000000'::bytea FROM 14 FOR 4)) FROM good $$, '22P03',
                 'trend_analysis_final: invalid aggregate state', 'trend: order 9: 22P03');
SELECT throws_ok($$ SELECT trend_analysis_final(set_byte(trend, 12, 1)) FROM good $$, '22023',
                 'trend_analysis_final: the state is a trend_surface state, not a trend_analysis state',
                 'trend: a trend_surface state: 22023');
SELECT throws_ok($$ SELECT trend_analysis_final(ccd) FROM good $$, '22023',
                 'trend_analysis_final: the state is a coupling_coordination state, not a trend_analysis state',
                 'trend: a coupling_coordination state: 22023');
SELECT throws_ok($$ SELECT trend_analysis_final('garbage'::bytea) $$, '22P03',
                 'trend_analysis_final: invalid aggregate state', 'trend: garbage: 22P03');
SELECT throws_ok($$ SELECT trend_analysis_merge(s) FROM good, LATERAL (VALUES (trend), (moran)) v(s) $$, '22023',
                 'trend_analysis_merge: the state is a moran_i state, not a trend_analysis state',
                 'trend_analysis_merge: a moran_i state among trend states: 22023');

------------------------------------------------------------------------------
-- States that disagree cannot be merged: the combine functions' errors
------------------------------------------------------------------------------

SELECT throws_ok($$ SELECT coupling_coordination_merge(s) FROM (
                      SELECT coupling_coordination_state(u, w) FROM public.cmt_obs WHERE grp = 2016
                      UNION ALL SELECT coupling_coordination_state(u, w, 'wang2021') FROM public.cmt_obs WHERE grp = 2017) v(s) $$,
                 '22023', 'coupling_coordination_merge: variant must be the same in every row',
                 'coupling: a classic and a wang2021 state: 22023');
SELECT throws_ok($$ SELECT coupling_coordination_merge(s) FROM (
                      SELECT coupling_coordination_state(u) FROM public.cmt_obs WHERE grp = 2016
                      UNION ALL SELECT coupling_coordination_state(u, w) FROM public.cmt_obs WHERE grp = 2017) v(s) $$,
                 '22023', 'coupling_coordination_merge: variant must be the same in every row',
                 'coupling: an unweighted and a weighted state: 22023');
SELECT throws_ok($$ SELECT moran_i_merge(s) FROM (
                      SELECT moran_i_state(u, id, nb, NULL, 99, 1) FROM public.cmt_obs WHERE grp = 2016 AND part = 0
                      UNION ALL SELECT moran_i_state(u, id, nb, NULL, 99, 2) FROM public.cmt_obs WHERE grp = 2016 AND part = 1) v(s) $$,
                 '22023', 'moran_i_merge: seed must be the same in every row', 'moran: states of two seeds: 22023');
SELECT throws_ok($$ SELECT moran_i_final(moran_i_merge(s)) FROM (
                      SELECT moran_i_state(u, id, nb, NULL) FROM public.cmt_obs WHERE grp = 2016
                      UNION ALL SELECT moran_i_state(u, id, nb, NULL) FROM public.cmt_obs WHERE grp = 2017) v(s) $$,
                 '22023', NULL, 'moran: the same region in two merged states is the duplicate-id error of moran_i: 22023');
SELECT throws_ok($$ SELECT trend_analysis_merge(s) FROM (
                      SELECT trend_analysis_state(geom, u, 1) FROM public.cmt_obs WHERE grp = 2016
                      UNION ALL SELECT trend_analysis_state(geom, u, 2) FROM public.cmt_obs WHERE grp = 2017) v(s) $$,
                 '22023', 'trend_analysis_merge: order must be the same in every row', 'trend: states of two orders: 22023');
SELECT throws_ok($$ SELECT trend_analysis_merge(s) FROM (
                      SELECT trend_analysis_state(geom, u) FROM public.cmt_obs WHERE grp = 2016
                      UNION ALL SELECT trend_analysis_state(ST_Transform(geom, 3857), u) FROM public.cmt_obs WHERE grp = 2017) v(s) $$,
                 '22023', 'trend_analysis_merge: geometries of one group must share one SRID', 'trend: states of two SRIDs: 22023');

------------------------------------------------------------------------------
-- Parallel plans: F_state in partial mode, and F_merge too
------------------------------------------------------------------------------

-- 3 groups of 6400 rows, region ids unique in a group
CREATE TABLE public.cmt_big AS
SELECT o.grp, o.id * 100 + c AS id, (o.id * 100 + c) % 7 AS part, o.u, o.w, o.geom,
       ARRAY[(o.id - 1) * 100 + c, (o.id + 1) * 100 + c]::bigint[] AS nb
FROM public.cmt_obs o, generate_series(0, 15) c
WHERE o.grp < 2019;
ANALYZE public.cmt_big;

CREATE FUNCTION pg_temp.partial(q text) RETURNS bool
LANGUAGE plpgsql AS $$
DECLARE j text;
BEGIN
	EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO j;
	RETURN j LIKE '%"Partial Mode": "Partial"%';
END $$;

SET max_parallel_workers_per_gather = 0;
SELECT pg_temp.sig($$SELECT grp, coupling_coordination(u, w, 'wang2021'), moran_i(u, id, nb, NULL, 19, 3),
                            trend_analysis(geom, u, 2, 10.0) FROM public.cmt_big GROUP BY grp$$) AS serial \gset

DO $$ BEGIN PERFORM set_config(CASE WHEN current_setting('server_version_num')::int >= 160000
                       THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END, 'on', true); END $$;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 4;
SET enable_hashagg = off;

SELECT ok(pg_temp.partial($$SELECT grp, coupling_coordination_state(u, w, 'wang2021'), moran_i_state(u, id, nb, NULL, 19, 3),
                                  trend_analysis_state(geom, u, 2, 10.0) FROM public.cmt_big GROUP BY grp$$),
          'the F_state aggregates run in partial mode (parallel workers, states combined in the leader)');
SELECT is(pg_temp.sig($$SELECT grp, coupling_coordination_final(coupling_coordination_state(u, w, 'wang2021')),
                               moran_i_final(moran_i_state(u, id, nb, NULL, 19, 3)),
                               trend_analysis_final(trend_analysis_state(geom, u, 2, 10.0)) FROM public.cmt_big GROUP BY grp$$),
          :'serial', 'F_final of states made by a parallel plan: the serial aggregates'' bits');
CREATE TABLE public.cmt_big_states AS
SELECT grp, part, coupling_coordination_state(u, w, 'wang2021') AS ccd, moran_i_state(u, id, nb, NULL, 19, 3) AS moran,
       trend_analysis_state(geom, u, 2, 10.0) AS trend
FROM public.cmt_big GROUP BY grp, part;
ANALYZE public.cmt_big_states;
SELECT ok(pg_temp.partial('SELECT grp, coupling_coordination_merge(ccd), moran_i_merge(moran), trend_analysis_merge(trend) FROM public.cmt_big_states GROUP BY grp'),
          'the F_merge aggregates run in partial mode too');
SELECT is(pg_temp.sig($$SELECT grp, coupling_coordination_final(coupling_coordination_merge(ccd)), moran_i_final(moran_i_merge(moran)),
                               trend_analysis_final(trend_analysis_merge(trend)) FROM public.cmt_big_states GROUP BY grp$$),
          :'serial', 'stored states of 7 parts merged by a parallel plan: the serial aggregates'' bits');

SELECT * FROM finish();
ROLLBACK;
