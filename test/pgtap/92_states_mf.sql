-- 92_states_mf.sql: partial states as values for stddev_weights,
-- cv_weights, critic_weights (and _detail) and factor_analysis (issue 17
-- item 3; the state layer of sy_state.h).
--   * F_final(F_state(...)) is F(...) bit for bit, every overload; with
--     ordered input (agg(x ORDER BY x)) too, as 90_order.sql promises.
--   * merging the states of a split of the rows (GROUP BY, states stored in
--     a table and merged later, a parallel plan) is F over all the rows to
--     1e-12 (relative to max(|value|, 1)): these aggregates keep moments,
--     and Chan et al.'s merge rounds otherwise than one pass (90_order.sql).
--   * golden states: the exact bytes over a tiny input (a format change
--     must come with a kind version bump).
--   * hostile states: exact SQLSTATEs (22P03 damaged, 22023 another family,
--     2202E / 22023 for states that cannot merge), NULL gives NULL.
BEGIN;
SET client_min_messages = warning;
SET extra_float_digits = 3;
SELECT plan(81);

-- 6 years x 300 regions x 5 positive indicators (CV needs a non-zero mean),
-- correlated so that factor analysis finds structure.  A regular table:
-- parallel workers cannot read temporary ones.
DO $$ BEGIN PERFORM setseed(0.917); END $$;
CREATE TABLE public.mf_obs AS
WITH r AS (SELECT y, g, random() AS a, random() AS b, random() AS c, random() AS d, random() AS e
           FROM generate_series(2015, 2020) y, generate_series(1, 300) g)
SELECT y AS yr, g AS id,
       ARRAY[10 + 5 * a + b, 200 * exp(2 * a) + 30 * c, 0.2 + 0.5 * b + 0.1 * c,
             40 - 8 * a + 3 * d, 1 + 9 * e]::float8[] AS x
FROM r;
ANALYZE public.mf_obs;

-- |a - b| <= tol * max(|b|, 1) element by element, lengths equal
CREATE FUNCTION pg_temp.close(a float8[], b float8[], tol float8) RETURNS bool
LANGUAGE sql IMMUTABLE AS $$
  SELECT cardinality(a) = cardinality(b) AND
         bool_and(abs(u - v) <= tol * greatest(abs(v), 1))
  FROM unnest(a, b) AS t(u, v)
$$;
-- every number of two jsonb values of the same shape, as above
CREATE FUNCTION pg_temp.jclose(a jsonb, b jsonb, tol float8) RETURNS bool
LANGUAGE sql IMMUTABLE AS $$
  SELECT pg_temp.close(ARRAY(SELECT v::text::float8 FROM jsonb_path_query(a, 'strict $.**') WITH ORDINALITY q(v, o)
                             WHERE jsonb_typeof(v) = 'number' ORDER BY o),
                       ARRAY(SELECT v::text::float8 FROM jsonb_path_query(b, 'strict $.**') WITH ORDINALITY q(v, o)
                             WHERE jsonb_typeof(v) = 'number' ORDER BY o), tol)
$$;
CREATE FUNCTION pg_temp.dclose(a critic_detail, b critic_detail, tol float8) RETURNS bool
LANGUAGE sql IMMUTABLE AS $$
  SELECT a.n = b.n AND pg_temp.close(a.sd, b.sd, tol) AND pg_temp.close(a.conflict, b.conflict, tol)
     AND pg_temp.close(a.information, b.information, tol) AND pg_temp.close(a.weight, b.weight, tol)
$$;

-- ---- 1. F_final(F_state(x)) = F(x), bit for bit -------------------------
-- (each side its own query: aggregates of one query with the same
-- transition function would share their state)
CREATE FUNCTION pg_temp.same(a text, b text, what text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE l text; r text;
BEGIN
	EXECUTE format('SELECT (%s)::text FROM public.mf_obs', a) INTO l;
	EXECUTE format('SELECT (%s)::text FROM public.mf_obs', b) INTO r;
	RETURN is(l, r, what) || CASE WHEN l IS NULL THEN E'\n# (NULL)' ELSE '' END;
END $$;
SELECT pg_temp.same('stddev_weights_final(stddev_weights_state(x))', 'stddev_weights(x)',
                    'stddev_weights_final(stddev_weights_state(x)) = stddev_weights(x), same bits');
SELECT pg_temp.same('cv_weights_final(cv_weights_state(x))', 'cv_weights(x)',
                    'cv_weights_final(cv_weights_state(x)) = cv_weights(x), same bits');
SELECT pg_temp.same('cv_weights_final(stddev_weights_state(x))', 'cv_weights(x)',
                    'a stddev_weights state finalizes as cv_weights: same bits');
SELECT pg_temp.same('stddev_weights_final(cv_weights_state(x))', 'stddev_weights(x)',
                    'a cv_weights state finalizes as stddev_weights: same bits');
SELECT pg_temp.same('stddev_weights_state(x)', 'cv_weights_state(x)',
                    'stddev_weights_state and cv_weights_state: the same bytes');
SELECT pg_temp.same('critic_weights_final(critic_weights_state(x))', 'critic_weights(x)',
                    'critic_weights_final(critic_weights_state(x)) = critic_weights(x), same bits');
SELECT pg_temp.same('critic_weights_final(critic_weights_state(x, ARRAY[1,1,-1,-1,1]))', 'critic_weights(x, ARRAY[1,1,-1,-1,1])',
                    'critic_weights with directions: the state records them, same bits');
SELECT pg_temp.same('critic_weights_detail_final(critic_weights_state(x))', 'critic_weights_detail(x)',
                    'critic_weights_detail_final = critic_weights_detail(x), same bits');
SELECT pg_temp.same('critic_weights_detail_final(critic_weights_state(x, ARRAY[1,1,-1,-1,1]))',
                    'critic_weights_detail(x, ARRAY[1,1,-1,-1,1])',
                    'critic_weights_detail_final with directions, same bits');
SELECT pg_temp.same('factor_analysis_final(factor_analysis_state(x))', 'factor_analysis(x)',
                    'factor_analysis_final(factor_analysis_state(x)) = factor_analysis(x), same bits');
SELECT pg_temp.same('factor_analysis_final(factor_analysis_state(x, 2))', 'factor_analysis(x, 2)',
                    'factor_analysis_state(x, 2): nfactors recorded, same bits');
SELECT pg_temp.same('factor_analysis_final(factor_analysis_state(x), 3)', 'factor_analysis(x, 3)',
                    'factor_analysis_final(state, 3) chooses the factors at the end: factor_analysis(x, 3)');
SELECT pg_temp.same('factor_analysis_final(factor_analysis_state(x, 2), NULL)', 'factor_analysis(x)',
                    'factor_analysis_final(state, NULL): Kaiser''s criterion whatever the state recorded');
SELECT pg_temp.same('factor_analysis_final(factor_analysis_state(x, NULL))', 'factor_analysis(x)',
                    'factor_analysis_state(x, NULL) records Kaiser''s criterion');
SELECT isnt((SELECT factor_analysis(x, 3)::text FROM public.mf_obs), (SELECT factor_analysis(x)::text FROM public.mf_obs),
            'control: 3 factors are not Kaiser''s choice on this panel');
-- ordered input: the same bits as the ordered aggregate (90_order.sql)
SELECT pg_temp.same('stddev_weights_final(stddev_weights_state(x ORDER BY x))', 'stddev_weights(x ORDER BY x)',
                    'stddev_weights_state(x ORDER BY x): same bits as stddev_weights(x ORDER BY x)');
SELECT pg_temp.same('critic_weights_final(critic_weights_state(x, ARRAY[1,1,-1,-1,1] ORDER BY x))',
                    'critic_weights(x, ARRAY[1,1,-1,-1,1] ORDER BY x)',
                    'critic_weights_state(x, dirs ORDER BY x): same bits as critic_weights(x, dirs ORDER BY x)');
SELECT pg_temp.same('factor_analysis_final(factor_analysis_state(x, 2 ORDER BY x))', 'factor_analysis(x, 2 ORDER BY x)',
                    'factor_analysis_state(x, 2 ORDER BY x): same bits as factor_analysis(x, 2 ORDER BY x)');
-- per group
SELECT is(count(*) FILTER (WHERE s IS DISTINCT FROM f), 0::bigint,
          'per year: critic_weights_detail_final(critic_weights_state) is critic_weights_detail, same bits')
FROM (SELECT critic_weights_detail_final(critic_weights_state(x, ARRAY[-1,1,1,1,-1]))::text AS s,
             critic_weights_detail(x, ARRAY[-1,1,1,1,-1])::text AS f
      FROM public.mf_obs GROUP BY yr) t;
-- no rows, NULL rows
SELECT is(stddev_weights_state(x), NULL, 'stddev_weights_state over no rows: NULL') FROM public.mf_obs WHERE false;
SELECT is(critic_weights_state(x, ARRAY[1,1,1,1,1]), NULL, 'critic_weights_state over no rows: NULL') FROM public.mf_obs WHERE false;
SELECT is(factor_analysis_state(x), NULL, 'factor_analysis_state over NULL rows only: NULL')
FROM (VALUES (NULL::float8[]), (NULL)) v(x);
SELECT is(stddev_weights_final(stddev_weights_state(x)), NULL, 'one row: stddev_weights_final is NULL, as stddev_weights')
FROM (VALUES ('{1,2,3}'::float8[])) v(x);
SELECT is(factor_analysis_final(factor_analysis_state(x)), NULL, 'one row: factor_analysis_final is NULL, as factor_analysis')
FROM (VALUES ('{1,2,3}'::float8[])) v(x);

-- ---- 2. merging the states of a split of the rows -----------------------
SELECT ok(pg_temp.close(stddev_weights_final(s), (SELECT stddev_weights(x) FROM public.mf_obs), 1e-12),
          'stddev_weights_merge of yearly states = stddev_weights over all rows (1e-12)')
FROM (SELECT stddev_weights_merge(s) AS s FROM (SELECT stddev_weights_state(x) AS s FROM public.mf_obs GROUP BY yr) q) m;
SELECT ok(pg_temp.close(cv_weights_final(s), (SELECT cv_weights(x) FROM public.mf_obs), 1e-12),
          'cv_weights_merge of yearly states = cv_weights over all rows (1e-12)')
FROM (SELECT cv_weights_merge(s) AS s FROM (SELECT cv_weights_state(x) AS s FROM public.mf_obs GROUP BY yr) q) m;
SELECT ok(pg_temp.close(critic_weights_final(s), (SELECT critic_weights(x, ARRAY[1,1,-1,-1,1]) FROM public.mf_obs), 1e-12),
          'critic_weights_merge of yearly states (directions) = critic_weights over all rows (1e-12)')
FROM (SELECT critic_weights_merge(s) AS s
      FROM (SELECT critic_weights_state(x, ARRAY[1,1,-1,-1,1]) AS s FROM public.mf_obs GROUP BY yr) q) m;
SELECT ok(pg_temp.dclose(critic_weights_detail_final(s), (SELECT critic_weights_detail(x) FROM public.mf_obs), 1e-12),
          'critic_weights_detail_final of merged states = critic_weights_detail over all rows (1e-12)')
FROM (SELECT critic_weights_merge(s) AS s FROM (SELECT critic_weights_state(x) AS s FROM public.mf_obs GROUP BY id % 7) q) m;
SELECT ok(pg_temp.jclose(factor_analysis_final(s), (SELECT factor_analysis(x, 2) FROM public.mf_obs), 1e-12),
          'factor_analysis_merge of yearly states = factor_analysis over all rows (every number, 1e-12)')
FROM (SELECT factor_analysis_merge(s) AS s FROM (SELECT factor_analysis_state(x, 2) AS s FROM public.mf_obs GROUP BY yr) q) m;
SELECT is((SELECT stddev_weights_merge(s) FROM (VALUES (NULL::bytea), (NULL)) v(s)), NULL,
          'stddev_weights_merge of NULL states only: NULL');
SELECT is(stddev_weights_final(stddev_weights_merge(s))::text, stddev_weights(x)::text,
          'stddev_weights_merge of one state and NULLs: the same bits')
FROM (SELECT stddev_weights_state(x) AS s, NULL::float8[] AS x FROM public.mf_obs
      UNION ALL SELECT NULL, x FROM public.mf_obs) u;
SELECT is(factor_analysis_merge(s), (SELECT factor_analysis_state(x) FROM public.mf_obs),
          'factor_analysis_merge of a single state: the same bytes')
FROM (SELECT factor_analysis_state(x) AS s FROM public.mf_obs UNION ALL SELECT NULL) u;

-- states stored in a table and merged later: yearly states into the period,
-- and merges of merges
CREATE TABLE public.mf_states AS
SELECT yr, stddev_weights_state(x) AS sd, critic_weights_state(x, ARRAY[1,-1,1,-1,1]) AS cr,
       factor_analysis_state(x) AS fa
FROM public.mf_obs GROUP BY yr;
SELECT is((SELECT count(*) FROM public.mf_states WHERE sd IS NOT NULL AND cr IS NOT NULL AND fa IS NOT NULL), 6::bigint,
          'six yearly states of each family stored');
SELECT results_eq($$ SELECT DISTINCT (state_info(sd)).family, (state_info(cr)).family, (state_info(fa)).family,
                            (state_info(fa)).length_ok FROM public.mf_states $$,
                  $$ VALUES ('stddev_weights/cv_weights'::text, 'critic_weights'::text, 'factor_analysis'::text, true) $$,
                  'state_info names the stored states'' families');
SELECT ok(pg_temp.close(stddev_weights_final(stddev_weights_merge(sd)), (SELECT stddev_weights(x) FROM public.mf_obs), 1e-12)
          AND pg_temp.close(cv_weights_final(stddev_weights_merge(sd)), (SELECT cv_weights(x) FROM public.mf_obs), 1e-12),
          'stored yearly moments states merged later: stddev_weights and cv_weights of the period (1e-12)')
FROM public.mf_states;
SELECT ok(pg_temp.close(critic_weights_final(critic_weights_merge(cr)),
                        (SELECT critic_weights(x, ARRAY[1,-1,1,-1,1]) FROM public.mf_obs), 1e-12),
          'stored yearly critic states merged later: critic_weights of the period (1e-12)')
FROM public.mf_states;
SELECT ok(pg_temp.jclose(factor_analysis_final(factor_analysis_merge(fa)), (SELECT factor_analysis(x) FROM public.mf_obs), 1e-12),
          'stored yearly factor states merged later: factor_analysis of the period (1e-12)')
FROM public.mf_states;
SELECT ok(pg_temp.jclose(factor_analysis_final(s), (SELECT factor_analysis(x) FROM public.mf_obs), 1e-12),
          'merges of merges (2015-2017, 2018-2020, then both) = factor_analysis of the period (1e-12)')
FROM (SELECT factor_analysis_merge(s) AS s
      FROM (SELECT factor_analysis_merge(fa) AS s FROM public.mf_states GROUP BY yr < 2018) h) m;
SELECT ok(pg_temp.close(critic_weights_final(s), (SELECT critic_weights(x, ARRAY[1,-1,1,-1,1]) FROM public.mf_obs), 1e-12),
          'critic merges of merges = critic_weights of the period (1e-12)')
FROM (SELECT critic_weights_merge(s) AS s
      FROM (SELECT critic_weights_merge(cr) AS s FROM public.mf_states GROUP BY yr % 3) h) m;
SELECT is(count(*) FILTER (WHERE stddev_weights_final(sd)::text IS DISTINCT FROM w), 0::bigint,
          'a stored state finalizes later to the same bits as the aggregate')
FROM public.mf_states JOIN (SELECT yr, stddev_weights(x)::text AS w FROM public.mf_obs GROUP BY yr) a USING (yr);

-- parallel plans: the states through partial aggregation, and merges of
-- many stored states through partial aggregation
CREATE TABLE public.mf_many AS
SELECT id, stddev_weights_state(x) AS sd, critic_weights_state(x) AS cr, factor_analysis_state(x, 2) AS fa
FROM public.mf_obs GROUP BY id;
ANALYZE public.mf_many;
DO $$ BEGIN PERFORM set_config(CASE WHEN current_setting('server_version_num')::int >= 160000
                       THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END, 'on', true); END $$;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
CREATE FUNCTION pg_temp.partial(q text) RETURNS bool LANGUAGE plpgsql AS $$
DECLARE j text;
BEGIN
	EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO j;
	RETURN j LIKE '%"Partial Mode": "Partial"%' AND j LIKE '%"Node Type": "Gather"%';
END $$;
SELECT ok(pg_temp.partial('SELECT stddev_weights_state(x), critic_weights_state(x), factor_analysis_state(x) FROM public.mf_obs'),
          'the *_state aggregates run as partial aggregates under Gather');
SELECT ok(pg_temp.partial('SELECT stddev_weights_merge(sd), critic_weights_merge(cr), factor_analysis_merge(fa) FROM public.mf_many'),
          'the *_merge aggregates run as partial aggregates under Gather');
-- (results kept in psql variables: a pg_temp function in the query would
-- make it parallel unsafe)
SELECT stddev_weights_final(stddev_weights_state(x))::text AS p_sd,
       critic_weights_final(critic_weights_state(x))::text AS p_cr,
       factor_analysis_final(factor_analysis_state(x, 2))::text AS p_fa
FROM public.mf_obs \gset
SELECT stddev_weights_final(stddev_weights_merge(sd))::text AS m_sd,
       critic_weights_final(critic_weights_merge(cr))::text AS m_cr,
       factor_analysis_final(factor_analysis_merge(fa))::text AS m_fa
FROM public.mf_many \gset
DO $$ BEGIN PERFORM set_config(CASE WHEN current_setting('server_version_num')::int >= 160000
                       THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END, 'off', true); END $$;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
SELECT ok(pg_temp.close(:'p_sd'::float8[], stddev_weights(x), 1e-12)
          AND pg_temp.close(:'p_cr'::float8[], critic_weights(x), 1e-12)
          AND pg_temp.jclose(:'p_fa'::jsonb, factor_analysis(x, 2), 1e-12),
          'states built by parallel workers finalize to F over all rows (1e-12)')
FROM public.mf_obs;
SELECT ok(pg_temp.close(:'m_sd'::float8[], stddev_weights(x), 1e-12)
          AND pg_temp.close(:'m_cr'::float8[], critic_weights(x), 1e-12)
          AND pg_temp.jclose(:'m_fa'::jsonb, factor_analysis(x, 2), 1e-12),
          '300 stored states merged by parallel workers = F over all rows (1e-12)')
FROM public.mf_obs;

-- ---- 3. golden states: the documented bytes ------------------------------
-- rows {1,2} then {3,5}: m = 2, n = 2, ref = {1,2}, mean of x - ref = {1,1.5},
-- lo = {1,2}, hi = {3,5}, sums of squares {2,4.5}; co-moments (packed upper
-- triangle) {2,3,4.5}; directions {1,-1}; nfactors 1.
SELECT is(stddev_weights_state(x ORDER BY o),
          '\x535901020200000061000000'
          '02000000000000000000000000000040'
          '000000000000f03f0000000000000040000000000000f03f000000000000f83f'
          '000000000000f03f000000000000004000000000000008400000000000001440'
          '0000000000000040000000000000124000'::bytea,
          'golden stddev_weights/cv_weights state (kind 2, version 2: policy byte 0 last)')
FROM (VALUES (1, '{1,2}'::float8[]), (2, '{3,5}')) v(o, x);
SELECT is(critic_weights_state(x, ARRAY[1,-1] ORDER BY o),
          '\x53590103020000006c000000'
          '02000000000000000000000000000040'
          '000000000000f03f0000000000000040000000000000f03f000000000000f83f'
          '000000000000f03f000000000000004000000000000008400000000000001440'
          '0000000000000040000000000000084000000000000012400101ff00'::bytea,
          'golden critic_weights state with directions (kind 3, version 2: policy byte 0 last)')
FROM (VALUES (1, '{1,2}'::float8[]), (2, '{3,5}')) v(o, x);
SELECT is(critic_weights_state(x ORDER BY o),
          '\x53590103020000006a000000'
          '02000000000000000000000000000040'
          '000000000000f03f0000000000000040000000000000f03f000000000000f83f'
          '000000000000f03f000000000000004000000000000008400000000000001440'
          '0000000000000040000000000000084000000000000012400000'::bytea,
          'golden critic_weights state without directions: a zero flag byte')
FROM (VALUES (1, '{1,2}'::float8[]), (2, '{3,5}')) v(o, x);
SELECT is(factor_analysis_state(x, 1 ORDER BY o),
          '\x53590104010000006c000000'
          '02000000000000000000000000000040'
          '000000000000f03f0000000000000040000000000000f03f000000000000f83f'
          '000000000000f03f000000000000004000000000000008400000000000001440'
          '00000000000000400000000000000840000000000000124001000000'::bytea,
          'golden factor_analysis state with nfactors 1 (kind 4, version 1)')
FROM (VALUES (1, '{1,2}'::float8[]), (2, '{3,5}')) v(o, x);
SELECT is(stddev_weights_final('\x535901020200000061000000'
          '02000000000000000000000000000040'
          '000000000000f03f0000000000000040000000000000f03f000000000000f83f'
          '000000000000f03f000000000000004000000000000008400000000000001440'
          '0000000000000040000000000000124000'::bytea),
          stddev_weights(x), 'the golden bytes finalize to stddev_weights of the two rows')
FROM (VALUES ('{1,2}'::float8[]), ('{3,5}')) v(x);

-- ---- 4. hostile states ---------------------------------------------------
CREATE TEMP TABLE mf_gold AS
SELECT '\x535901020200000061000000'
       '02000000000000000000000000000040'
       '000000000000f03f0000000000000040000000000000f03f000000000000f83f'
       '000000000000f03f000000000000004000000000000008400000000000001440'
       '0000000000000040000000000000124000'::bytea AS mo,
       '\x53590103020000006c000000'
       '02000000000000000000000000000040'
       '000000000000f03f0000000000000040000000000000f03f000000000000f83f'
       '000000000000f03f000000000000004000000000000008400000000000001440'
       '0000000000000040000000000000084000000000000012400101ff00'::bytea AS cr,
       '\x53590104010000006c000000'
       '02000000000000000000000000000040'
       '000000000000f03f0000000000000040000000000000f03f000000000000f83f'
       '000000000000f03f000000000000004000000000000008400000000000001440'
       '00000000000000400000000000000840000000000000124001000000'::bytea AS fa;
-- every damage, to every reader of the family (finals and merges): 22P03
CREATE TEMP TABLE mf_bad (what text, fam text, s bytea);
INSERT INTO mf_bad
SELECT what, fam, s FROM mf_gold, LATERAL (VALUES
  ('truncated', 'mo', substring(mo FROM 1 FOR length(mo) - 1)),
  ('truncated', 'cr', substring(cr FROM 1 FOR length(cr) - 1)),
  ('truncated', 'fa', substring(fa FROM 1 FOR length(fa) - 1)),
  ('truncated, header length adjusted', 'mo', overlay(substring(mo FROM 1 FOR length(mo) - 8) PLACING '\x59000000' FROM 9)),
  ('truncated, header length adjusted', 'fa', overlay(substring(fa FROM 1 FOR length(fa) - 4) PLACING '\x68000000' FROM 9)),
  ('one byte longer', 'mo', mo || '\x00'::bytea),
  ('one byte longer', 'cr', cr || '\x01'::bytea),
  ('one byte longer, header length adjusted', 'fa', overlay(fa || '\x00'::bytea PLACING '\x6d000000' FROM 9)),
  ('header flipped (magic)', 'mo', overlay(mo PLACING '\x54' FROM 1)),
  ('header flipped (layout)', 'cr', overlay(cr PLACING '\x02' FROM 3)),
  ('header flipped (kind version)', 'fa', overlay(fa PLACING '\x02' FROM 5)),
  ('header flipped (reserved)', 'mo', overlay(mo PLACING '\x01' FROM 7)),
  ('payload count huge', 'mo', overlay(mo PLACING '\x0000000000010000' FROM 13)),
  ('payload count huge', 'cr', overlay(cr PLACING '\xffffffffffffff7f' FROM 13)),
  ('payload count 0', 'fa', overlay(fa PLACING '\x0000000000000000' FROM 13)),
  ('payload count negative', 'mo', overlay(mo PLACING '\xffffffffffffffff' FROM 13)),
  ('count above the CRITIC limit', 'cr', overlay(cr PLACING '\xd107000000000000' FROM 13)),
  ('count above the factor limit', 'fa', overlay(fa PLACING '\xe903000000000000' FROM 13)),
  ('count larger than the payload', 'cr', overlay(cr PLACING '\x0300000000000000' FROM 13)),
  ('row count NaN', 'mo', overlay(mo PLACING '\x000000000000f87f' FROM 21)),
  ('row count 0.5', 'cr', overlay(cr PLACING '\x000000000000e03f' FROM 21)),
  ('row count 0', 'fa', overlay(fa PLACING '\x0000000000000000' FROM 21)),
  ('NaN inside (reference)', 'mo', overlay(mo PLACING '\x000000000000f87f' FROM 29)),
  ('infinity inside (mean)', 'cr', overlay(cr PLACING '\x000000000000f07f' FROM 45)),
  ('NaN inside (co-moment)', 'fa', overlay(fa PLACING '\x000000000000f8ff' FROM 101)),
  ('NaN inside (sum of squares)', 'mo', overlay(mo PLACING '\x000000000000f87f' FROM 101)),
  ('minimum above maximum', 'mo', overlay(mo PLACING '\x0000000000005940' FROM 61)),
  ('minimum above maximum', 'fa', overlay(fa PLACING '\x0000000000005940' FROM 61)),
  ('negative sum of squares', 'mo', overlay(mo PLACING '\x000000000000f0bf' FROM 93)),
  ('negative diagonal co-moment', 'cr', overlay(cr PLACING '\x000000000000f0bf' FROM 109)),
  ('directions flag 2', 'cr', overlay(cr PLACING '\x02' FROM 117)),
  ('direction 2', 'cr', overlay(cr PLACING '\x02' FROM 119)),
  ('direction 0', 'cr', overlay(cr PLACING '\x00' FROM 118)),
  ('nfactors above m', 'fa', overlay(fa PLACING '\x03000000' FROM 117)),
  ('nfactors negative', 'fa', overlay(fa PLACING '\xffffffff' FROM 117)),
  ('garbage', 'mo', '\xdeadbeef'::bytea),
  ('garbage', 'cr', ''::bytea),
  ('garbage', 'fa', convert_to('SY synergy state, honest', 'UTF8')),
  ('unknown kind', 'mo', overlay(mo PLACING '\x09' FROM 4))) b(what, fam, s);

CREATE FUNCTION pg_temp.readers(fam text) RETURNS SETOF text LANGUAGE sql AS $$
  SELECT unnest(CASE fam
    WHEN 'mo' THEN ARRAY['SELECT stddev_weights_final(%L::bytea)', 'SELECT cv_weights_final(%L::bytea)',
                         'SELECT stddev_weights_merge(s) FROM (VALUES (%L::bytea)) v(s)',
                         'SELECT cv_weights_merge(s) FROM (VALUES (NULL::bytea), (%L::bytea)) v(s)']
    WHEN 'cr' THEN ARRAY['SELECT critic_weights_final(%L::bytea)', 'SELECT critic_weights_detail_final(%L::bytea)',
                         'SELECT critic_weights_merge(s) FROM (VALUES (%L::bytea)) v(s)']
    ELSE ARRAY['SELECT factor_analysis_final(%L::bytea)', 'SELECT factor_analysis_final(%L::bytea, 1)',
               'SELECT factor_analysis_merge(s) FROM (VALUES (%L::bytea)) v(s)'] END)
$$;
CREATE FUNCTION pg_temp.sqlstate(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END $$;
SELECT is(string_agg(format('%s (%s): %s', what, substr(r, 8, 30), st), '; ' ORDER BY what, r), NULL,
          'every damaged state is refused with 22P03 by every final and merge of its family')
FROM (SELECT what, r, pg_temp.sqlstate(format(r, s)) AS st FROM mf_bad, pg_temp.readers(fam) r) t
WHERE st <> '22P03';
SELECT is(count(*), 131::bigint, '39 damaged states x 3 or 4 readers: 131 calls tried')
FROM mf_bad, pg_temp.readers(fam) r;

-- messages, for a few
SELECT throws_ok($$ SELECT stddev_weights_final(substring(mo FROM 1 FOR length(mo) - 1)) FROM mf_gold $$, '22P03',
                 'stddev_weights_final: invalid aggregate state', 'truncated: 22P03 naming the final');
SELECT throws_ok($$ SELECT critic_weights_merge(s) FROM (SELECT overlay(cr PLACING '\x02' FROM 119) AS s FROM mf_gold) t $$,
                 '22P03', 'critic_weights_merge: invalid aggregate state', 'a bad direction in a merge: 22P03 naming the merge');
SELECT throws_ok($$ SELECT factor_analysis_final(overlay(fa PLACING '\x000000000000f8ff' FROM 101)) FROM mf_gold $$,
                 '22P03', 'factor_analysis_final: invalid aggregate state', 'NaN co-moment: 22P03');
-- another family: 22023
SELECT throws_ok($$ SELECT stddev_weights_final(cr) FROM mf_gold $$, '22023',
                 'stddev_weights_final: the state is a critic_weights state, not a stddev_weights state',
                 'a critic state given to stddev_weights_final: 22023');
SELECT throws_ok($$ SELECT cv_weights_final(fa) FROM mf_gold $$, '22023', NULL,
                 'a factor state given to cv_weights_final: 22023');
SELECT throws_ok($$ SELECT critic_weights_final(mo) FROM mf_gold $$, '22023', NULL,
                 'a moments state given to critic_weights_final: 22023');
SELECT throws_ok($$ SELECT critic_weights_detail_final(fa) FROM mf_gold $$, '22023', NULL,
                 'a factor state given to critic_weights_detail_final: 22023');
SELECT throws_ok($$ SELECT factor_analysis_final(cr) FROM mf_gold $$, '22023', NULL,
                 'a critic state (same co-moments) given to factor_analysis_final: 22023');
SELECT throws_ok($$ SELECT factor_analysis_final('\x535901060100000000000000'::bytea, 2) $$, '22023', NULL,
                 'a moran_i state given to factor_analysis_final(state, nfactors): 22023');
SELECT throws_ok($$ SELECT stddev_weights_merge(s) FROM mf_gold, LATERAL (VALUES (mo), (cr)) v(s) $$, '22023', NULL,
                 'stddev_weights_merge meeting a critic state: 22023');
SELECT throws_ok($$ SELECT critic_weights_merge(s) FROM mf_gold, LATERAL (VALUES (cr), (fa)) v(s) $$, '22023', NULL,
                 'critic_weights_merge meeting a factor state: 22023');
SELECT throws_ok($$ SELECT factor_analysis_merge(s) FROM mf_gold, LATERAL (VALUES (mo)) v(s) $$, '22023', NULL,
                 'factor_analysis_merge meeting a moments state: 22023');
SELECT throws_ok($$ SELECT stddev_weights_final('\x535901010100000000000000'::bytea) $$, '22023', NULL,
                 'an entropy_weights header given to stddev_weights_final: 22023');
-- NULL
SELECT is(stddev_weights_final(NULL), NULL, 'stddev_weights_final(NULL): NULL');
SELECT is(cv_weights_final(NULL), NULL, 'cv_weights_final(NULL): NULL');
SELECT is(critic_weights_final(NULL), NULL, 'critic_weights_final(NULL): NULL');
SELECT is(critic_weights_detail_final(NULL), NULL, 'critic_weights_detail_final(NULL): NULL');
SELECT is(factor_analysis_final(NULL), NULL, 'factor_analysis_final(NULL): NULL');
SELECT is(factor_analysis_final(NULL, 2), NULL, 'factor_analysis_final(NULL, 2): NULL');
SELECT is(critic_weights_merge(s), NULL, 'critic_weights_merge over NULL states: NULL') FROM (VALUES (NULL::bytea)) v(s);
SELECT is(factor_analysis_merge(s), NULL, 'factor_analysis_merge over no rows: NULL') FROM (VALUES (NULL::bytea)) v(s) WHERE false;

-- states that cannot merge: the combine function's own errors
SELECT throws_ok($$ SELECT stddev_weights_merge(s) FROM (
                      SELECT stddev_weights_state(x) AS s FROM (VALUES (1, '{1,2}'::float8[]), (2, '{1,2,3}')) v(g, x) GROUP BY g) t $$,
                 '2202E', NULL, 'merging states of 2 and 3 indicators: 2202E');
SELECT throws_ok($$ SELECT factor_analysis_merge(s) FROM (
                      SELECT factor_analysis_state(x) AS s FROM (VALUES (1, '{1,2}'::float8[]), (2, '{1,2,3}')) v(g, x) GROUP BY g) t $$,
                 '2202E', NULL, 'merging factor states of 2 and 3 indicators: 2202E');
SELECT throws_ok($$ SELECT critic_weights_merge(s) FROM (
                      SELECT critic_weights_state(x, CASE g WHEN 1 THEN ARRAY[1,1] ELSE ARRAY[1,-1] END) AS s
                      FROM (VALUES (1, '{1,2}'::float8[]), (2, '{3,4}')) v(g, x) GROUP BY g) t $$,
                 '22023', 'critic_weights_merge: directions must be the same in every row',
                 'merging critic states with other directions: 22023');
SELECT throws_ok($$ SELECT factor_analysis_merge(s) FROM (
                      SELECT factor_analysis_state(x, g) AS s
                      FROM (VALUES (1, '{1,2}'::float8[]), (2, '{3,4}')) v(g, x) GROUP BY g) t $$,
                 '22023', 'factor_analysis_merge: nfactors must be the same in every row',
                 'merging factor states recording other nfactors: 22023');
SELECT ok(pg_temp.close(critic_weights_final(critic_weights_merge(s)),
                        (SELECT critic_weights(x) FROM public.mf_obs), 1e-12),
          'a state without directions merges with ones of all-benefit directions (as the aggregate)')
FROM (SELECT critic_weights_state(x) AS s FROM public.mf_obs WHERE yr = 2015
      UNION ALL SELECT critic_weights_state(x, ARRAY[1,1,1,1,1]) FROM public.mf_obs WHERE yr > 2015) u;
SELECT throws_ok($$ SELECT factor_analysis_final(fa, 3) FROM mf_gold $$, '22023',
                 'factor_analysis_final: nfactors must be between 1 and the number of indicators',
                 'factor_analysis_final(state, 3) of 2 indicators: 22023');
SELECT throws_ok($$ SELECT cv_weights_final(cv_weights_state(x)) FROM (VALUES ('{-1,2}'::float8[]), ('{1,3}')) v(x) $$,
                 '22023', 'cv_weights_final: the coefficient of variation is undefined for an indicator with mean zero',
                 'cv_weights_final: the CV error names the final');
SELECT throws_ok($$ SELECT factor_analysis_final(factor_analysis_state(x)) FROM (VALUES ('{1,2}'::float8[]), ('{1,3}')) v(x) $$,
                 '22023', NULL, 'factor_analysis_final: a constant indicator, 22023 as factor_analysis');

-- a state with the largest finite values: finite checks pass, the final's
-- own range check (22003) applies as in the aggregate
SELECT throws_ok($$ SELECT stddev_weights_final(overlay(overlay(mo PLACING '\xffffffffffffefff' FROM 61)
                                                  PLACING '\xffffffffffffef7f' FROM 77)) FROM mf_gold $$,
                 '22003', NULL, 'a state whose range overflows float8: 22003, as stddev_weights');

SELECT * FROM finish();
ROLLBACK;
