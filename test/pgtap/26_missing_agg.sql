-- Missing-value policies of the weights aggregates and of coupling
-- coordination (issue 12): weight_options(...), every policy on every
-- aggregate against an independent computation (R, on the same convention:
-- test/reference/make_missing_reference.R, whose output is pasted below and
-- kept in test/reference/missing_agg_expected.csv), states carrying the
-- policy, parallel plans, and the errors with their exact SQLSTATEs.
BEGIN;
SET client_min_messages = warning;
SET extra_float_digits = 3;
SELECT plan(101);

CREATE TABLE public.ma (o int, x float8[]);
INSERT INTO public.ma VALUES
  (1, '{3.2, 41, 0.52}'), (2, '{4.8, NULL, 0.61}'), (3, '{2.1, 35, 0.47}'), (4, '{NULL, 50, 0.80}'),
  (5, '{5.5, 28, NULL}'), (6, '{3.9, 44, 0.55}'), (7, '{4.4, 39, 0.70}'), (8, '{2.7, 47, NULL}'),
  (9, '{6.1, 31, 0.66}'), (10, '{3.5, NULL, 0.58}');
CREATE TABLE public.ma_ref (c text PRIMARY KEY, w float8[]);
INSERT INTO public.ma_ref VALUES
  ('entropy_skip', ARRAY[0.30793698435245298, 0.33556417488898244, 0.35649884075856464]::float8[]),
  ('entropy_shift_skip', ARRAY[0.30677498929002989, 0.33539532555113216, 0.3578296851588379]::float8[]),
  ('entropy_mean', ARRAY[0.33185152642294052, 0.33162264988163026, 0.33652582369542922]::float8[]),
  ('entropy_shift_mean', ARRAY[0.33253358232395397, 0.33230163816396663, 0.3351647795120794]::float8[]),
  ('entropy_median', ARRAY[0.3288670753914571, 0.33058107255782937, 0.34055185205071353]::float8[]),
  ('entropy_shift_median', ARRAY[0.32959450687100456, 0.33127702550869309, 0.33912846762030235]::float8[]),
  ('bounded_skip', ARRAY[0.28984315915731912, 0.10837831195518853, 0.60177852888749239]::float8[]),
  ('stddev_skip', ARRAY[0.31347437705756126, 0.33135849760744179, 0.35516712533499689]::float8[]),
  ('cv_skip', ARRAY[0.55594070039106824, 0.19802522731768066, 0.24603407229125115]::float8[]),
  ('critic_skip', ARRAY[0.23858685527602458, 0.44137604377010625, 0.32003710095386911]::float8[]),
  ('bounded_mean', ARRAY[0.236124018240119, 0.2739999659582491, 0.48987601580163187]::float8[]),
  ('stddev_mean', ARRAY[0.34220215847768648, 0.34253106528979194, 0.31526677623252158]::float8[]),
  ('cv_mean', ARRAY[0.4848437858332531, 0.27266364627850476, 0.24249256788824219]::float8[]),
  ('critic_mean', ARRAY[0.22485745714554375, 0.40163641614690326, 0.37350612670755307]::float8[]);

CREATE FUNCTION pg_temp.close(a float8[], b float8[], tol float8) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT a IS NOT NULL AND b IS NOT NULL AND cardinality(a) = cardinality(b)
     AND (SELECT bool_and(abs(a[i] - b[i]) <= tol) FROM generate_subscripts(a, 1) i)
$$;
CREATE FUNCTION pg_temp.ref(c text) RETURNS float8[] LANGUAGE sql STABLE AS $$ SELECT w FROM public.ma_ref WHERE ma_ref.c = $1 $$;

-- 1-7: weight_options
SELECT is(weight_options()::text, '(,,error)', 'weight_options(): all defaults, missing spelled error');
SELECT is((weight_options(missing => 'MeAn', directions => '{1,-1,1}', shift => 0.01)).missing, 'mean',
          'missing is parsed in any case and stored in lower case');
SELECT throws_ok($$ SELECT weight_options(missing => 'average') $$, '22023', NULL, 'an unknown policy: 22023');
SELECT throws_ok($$ SELECT weight_options(shift => -1) $$, '22023', NULL, 'a negative shift: 22023');
SELECT throws_ok($$ SELECT weight_options(directions => '{1,2}') $$, '22023', NULL, 'a direction of 2: 22023');
SELECT throws_ok($$ SELECT entropy_weights(x, ROW(NULL, NULL, 'bogus')::weight_options) FROM public.ma $$, '22023', NULL,
                 'a hand-made options value is checked by the aggregate too: 22023');
SELECT throws_ok($$ SELECT entropy_weights(x, ROW(NULL, 'NaN', 'mean')::weight_options) FROM public.ma $$, '22023', NULL,
                 'a hand-made NaN shift: 22023');

-- 8-21: every policy on every aggregate against R (1e-12)
SELECT ok(pg_temp.close((SELECT entropy_weights(x, weight_options(directions => '{1,-1,1}', missing => p)) FROM public.ma),
                        pg_temp.ref('entropy_' || p), 1e-12), 'entropy_weights, missing ' || p || ': R within 1e-12')
FROM unnest(ARRAY['skip', 'mean', 'median']) p;
SELECT ok(pg_temp.close((SELECT entropy_weights(x, weight_options(directions => '{1,-1,1}', shift => 0.01, missing => p)) FROM public.ma),
                        pg_temp.ref('entropy_shift_' || p), 1e-12), 'entropy_weights with shift 0.01, missing ' || p || ': R within 1e-12')
FROM unnest(ARRAY['skip', 'mean', 'median']) p;
SELECT ok(pg_temp.close((SELECT entropy_weights(x, '{0,20,0.4}', '{8,60,1}', weight_options(directions => '{1,-1,1}', missing => p)) FROM public.ma),
                        pg_temp.ref('bounded_' || p), 1e-12), 'bounded entropy_weights, missing ' || p || ': R within 1e-12')
FROM unnest(ARRAY['skip', 'mean']) p;
SELECT ok(pg_temp.close((SELECT stddev_weights(x, weight_options(missing => p)) FROM public.ma),
                        pg_temp.ref('stddev_' || p), 1e-12), 'stddev_weights, missing ' || p || ': R within 1e-12')
FROM unnest(ARRAY['skip', 'mean']) p;
SELECT ok(pg_temp.close((SELECT cv_weights(x, weight_options(missing => p)) FROM public.ma),
                        pg_temp.ref('cv_' || p), 1e-12), 'cv_weights, missing ' || p || ': R within 1e-12')
FROM unnest(ARRAY['skip', 'mean']) p;
SELECT ok(pg_temp.close((SELECT critic_weights(x, weight_options(directions => '{1,-1,1}', missing => p)) FROM public.ma),
                        pg_temp.ref('critic_' || p), 1e-12), 'critic_weights, missing ' || p || ': R within 1e-12')
FROM unnest(ARRAY['skip', 'mean']) p;

-- 22-27: the detail forms and what they count
SELECT is((SELECT (entropy_weights_detail(x, weight_options(missing => 'skip'))).n FROM public.ma), 5::bigint,
          'entropy_weights_detail, skip: n counts the 5 complete rows');
SELECT is((SELECT (entropy_weights_detail(x, weight_options(missing => 'mean'))).n FROM public.ma), 10::bigint,
          'entropy_weights_detail, mean: n counts every row');
SELECT is((SELECT (critic_weights_detail(x, weight_options(missing => 'mean'))).n FROM public.ma), 10::bigint,
          'critic_weights_detail, mean: n counts every row');
SELECT is((SELECT (entropy_weights_detail(x, weight_options(directions => '{1,-1,1}', missing => 'median'))).weight FROM public.ma),
          (SELECT entropy_weights(x, weight_options(directions => '{1,-1,1}', missing => 'median')) FROM public.ma),
          'entropy_weights_detail and entropy_weights agree (median)');
SELECT is((SELECT (critic_weights_detail(x, weight_options(directions => '{1,-1,1}', missing => 'mean'))).weight FROM public.ma),
          (SELECT critic_weights(x, weight_options(directions => '{1,-1,1}', missing => 'mean')) FROM public.ma),
          'critic_weights_detail and critic_weights agree (mean)');
SELECT is((SELECT (entropy_weights_detail(x, '{0,20,0.4}', '{8,60,1}', weight_options(missing => 'mean'))).weight FROM public.ma),
          (SELECT entropy_weights(x, '{0,20,0.4}', '{8,60,1}', weight_options(missing => 'mean')) FROM public.ma),
          'bounded detail and weights agree (mean)');

-- 28-32: 'error' is the default and today's behaviour; whole NULL rows are still left out
SELECT throws_ok($$ SELECT entropy_weights(x, weight_options()) FROM public.ma $$, '22004', NULL,
                 'entropy_weights, missing error: a NULL element is 22004');
SELECT throws_ok($$ SELECT stddev_weights(x, weight_options(missing => 'error')) FROM public.ma $$, '22004', NULL,
                 'stddev_weights, missing error: 22004');
SELECT throws_ok($$ SELECT entropy_weights(x, '{0,20,0.4}', '{8,60,1}', weight_options()) FROM public.ma $$, '22004', NULL,
                 'bounded entropy_weights, missing error: 22004');
SELECT is((SELECT entropy_weights(x, weight_options(missing => 'mean')) FROM (SELECT x FROM public.ma UNION ALL SELECT NULL) s),
          (SELECT entropy_weights(x, weight_options(missing => 'mean')) FROM public.ma),
          'a whole NULL x row takes no part, as before');
SELECT is((SELECT entropy_weights(x, weight_options(missing => 'skip')) FROM public.ma),
          (SELECT entropy_weights(x) FROM public.ma WHERE array_position(x, NULL) IS NULL),
          'skip = the aggregate over the complete rows (bit for bit)');

-- 33-40: what is refused
SELECT throws_ok($$ SELECT stddev_weights(x, weight_options(missing => 'median')) FROM public.ma $$, '0A000', NULL,
                 'stddev_weights (O(m) sums): median is 0A000');
SELECT throws_ok($$ SELECT cv_weights(x, weight_options(missing => 'median')) FROM public.ma $$, '0A000', NULL,
                 'cv_weights: median is 0A000');
SELECT throws_ok($$ SELECT critic_weights(x, weight_options(missing => 'median')) FROM public.ma $$, '0A000', NULL,
                 'critic_weights: median is 0A000');
SELECT throws_ok($$ SELECT entropy_weights(x, '{0,20,0.4}', '{8,60,1}', weight_options(missing => 'median')) FROM public.ma $$, '0A000', NULL,
                 'bounded entropy_weights: median is 0A000');
SELECT throws_ok($$ SELECT stddev_weights(x, weight_options(directions => '{1,-1,1}')) FROM public.ma $$, '22023', NULL,
                 'stddev_weights takes no directions: 22023');
SELECT throws_ok($$ SELECT critic_weights(x, weight_options(shift => 0.1)) FROM public.ma $$, '22023', NULL,
                 'critic_weights takes no shift: 22023');
SELECT throws_ok($$ SELECT entropy_weights(x, weight_options(missing => CASE WHEN o < 5 THEN 'mean' ELSE 'median' END)) FROM public.ma $$,
                 '22023', NULL, 'the policy must be the same in every row: 22023');
SELECT throws_ok($$ SELECT entropy_weights(x, weight_options(directions => '{1,-1}', missing => 'mean')) FROM public.ma $$, '2202E', NULL,
                 'directions of the wrong length: 2202E');

-- 41-46: an indicator with no value under mean or median: a clear error (22004,
-- as in the window functions)
CREATE TABLE public.ma_hole AS SELECT o, ARRAY[x[1], NULL, x[3]] AS x FROM public.ma;
SELECT throws_ok($$ SELECT entropy_weights(x, weight_options(missing => 'mean')) FROM public.ma_hole $$, '22004',
                 'entropy_weights: indicator 2 has no value to impute from', 'entropy_weights, mean, an empty indicator: 22004');
SELECT throws_ok($$ SELECT entropy_weights(x, weight_options(missing => 'median')) FROM public.ma_hole $$, '22004',
                 'entropy_weights: indicator 2 has no value to impute from', 'entropy_weights, median: 22004');
SELECT throws_ok($$ SELECT entropy_weights(x, '{0,20,0.4}', '{8,60,1}', weight_options(missing => 'mean')) FROM public.ma_hole $$, '22004',
                 'entropy_weights: indicator 2 has no value to impute from', 'bounded, mean: 22004');
SELECT throws_ok($$ SELECT stddev_weights(x, weight_options(missing => 'mean')) FROM public.ma_hole $$, '22004',
                 'stddev_weights: indicator 2 has no value to impute from', 'stddev_weights, mean: 22004');
SELECT throws_ok($$ SELECT critic_weights(x, weight_options(missing => 'mean')) FROM public.ma_hole $$, '22004',
                 'critic_weights: indicator 2 has no value to impute from', 'critic_weights, mean: 22004');
SELECT is((SELECT entropy_weights(x, weight_options(missing => 'skip')) FROM public.ma_hole), NULL,
          'skip with every row incomplete: NULL (no rows)');
SELECT is((SELECT critic_weights(x, weight_options(missing => 'skip')) FROM public.ma_hole), NULL,
          'critic_weights, skip with every row incomplete: NULL (no state is made)');
SELECT is((SELECT stddev_weights_state(x, weight_options(missing => 'skip')) FROM public.ma_hole), NULL,
          'stddev_weights_state, skip with every row incomplete: NULL');
SELECT is((SELECT entropy_weights(x, '{0,20,0.4}', '{8,60,1}', weight_options(missing => 'skip')) FROM public.ma_hole), NULL,
          'bounded, skip with every row incomplete: NULL');

-- 47-55: states carry the policy: final(state) = F, bit for bit
SELECT is((SELECT entropy_weights_final(entropy_weights_state(x, weight_options(directions => '{1,-1,1}', missing => p))) FROM public.ma),
          (SELECT entropy_weights(x, weight_options(directions => '{1,-1,1}', missing => p)) FROM public.ma),
          'entropy_weights_final(state), missing ' || p || ': the same bits')
FROM unnest(ARRAY['skip', 'mean', 'median']) p;
SELECT is((SELECT entropy_weights_final(entropy_weights_state(x, '{0,20,0.4}', '{8,60,1}', weight_options(missing => 'mean'))) FROM public.ma),
          (SELECT entropy_weights(x, '{0,20,0.4}', '{8,60,1}', weight_options(missing => 'mean')) FROM public.ma),
          'bounded final(state), mean: the same bits');
SELECT is((SELECT stddev_weights_final(stddev_weights_state(x, weight_options(missing => 'mean'))) FROM public.ma),
          (SELECT stddev_weights(x, weight_options(missing => 'mean')) FROM public.ma), 'stddev final(state), mean: the same bits');
SELECT is((SELECT cv_weights_final(cv_weights_state(x, weight_options(missing => 'mean'))) FROM public.ma),
          (SELECT cv_weights(x, weight_options(missing => 'mean')) FROM public.ma), 'cv final(state), mean: the same bits');
SELECT is((SELECT critic_weights_final(critic_weights_state(x, weight_options(directions => '{1,-1,1}', missing => 'mean'))) FROM public.ma),
          (SELECT critic_weights(x, weight_options(directions => '{1,-1,1}', missing => 'mean')) FROM public.ma),
          'critic final(state), mean: the same bits');
SELECT is((SELECT critic_weights_detail_final(critic_weights_state(x, weight_options(missing => 'skip'))) FROM public.ma),
          (SELECT critic_weights_detail(x, weight_options(missing => 'skip')) FROM public.ma), 'critic detail_final(state), skip');
SELECT is((SELECT state_info(entropy_weights_state(x, weight_options(missing => 'mean'))) FROM public.ma)::text,
          '(entropy_weights,2,' || (SELECT octet_length(entropy_weights_state(x, weight_options(missing => 'mean'))) - 12 FROM public.ma) || ',t)',
          'the entropy state is format version 2');

-- 56-62: states of a split of the rows merge to F over all of them; different policies do not merge
SELECT ok(pg_temp.close((SELECT entropy_weights_final(entropy_weights_merge(s)) FROM
                           (SELECT entropy_weights_state(x, weight_options(missing => 'mean')) s FROM public.ma GROUP BY o % 3) t),
                        (SELECT entropy_weights(x, weight_options(missing => 'mean')) FROM public.ma), 0),
          'entropy, mean: three states merged = the whole (exactly: imputed in the canonical order)');
SELECT ok(pg_temp.close((SELECT entropy_weights_final(entropy_weights_merge(s)) FROM
                           (SELECT entropy_weights_state(x, weight_options(missing => 'median')) s FROM public.ma GROUP BY o % 3) t),
                        (SELECT entropy_weights(x, weight_options(missing => 'median')) FROM public.ma), 0),
          'entropy, median: three states merged = the whole');
SELECT ok(pg_temp.close((SELECT entropy_weights_final(entropy_weights_merge(s)) FROM
                           (SELECT entropy_weights_state(x, '{0,20,0.4}', '{8,60,1}', weight_options(missing => 'mean')) s FROM public.ma GROUP BY o % 4) t),
                        (SELECT entropy_weights(x, '{0,20,0.4}', '{8,60,1}', weight_options(missing => 'mean')) FROM public.ma), 0),
          'bounded, mean: four states merged = the whole (exact sums)');
SELECT ok(pg_temp.close((SELECT stddev_weights_final(stddev_weights_merge(s)) FROM
                           (SELECT stddev_weights_state(x, weight_options(missing => 'mean')) s FROM public.ma GROUP BY o % 4) t),
                        pg_temp.ref('stddev_mean'), 1e-12), 'stddev, mean: four states merged = R within 1e-12 (a state may lack an indicator)');
SELECT ok(pg_temp.close((SELECT critic_weights_final(critic_weights_merge(s)) FROM
                           (SELECT critic_weights_state(x, weight_options(directions => '{1,-1,1}', missing => 'mean')) s FROM public.ma GROUP BY o % 4) t),
                        pg_temp.ref('critic_mean'), 1e-12), 'critic, mean: four states merged = R within 1e-12 (pairwise moments)');
SELECT throws_ok($$ SELECT entropy_weights_merge(s) FROM (SELECT entropy_weights_state(x, weight_options(missing => 'mean')) s FROM public.ma
                      UNION ALL SELECT entropy_weights_state(x, weight_options(missing => 'median')) FROM public.ma) t $$, '22023',
                 'entropy_weights_merge: cannot merge states made with different missing-value policies', 'entropy: different policies do not merge: 22023');
SELECT throws_ok($$ SELECT stddev_weights_merge(s) FROM (SELECT stddev_weights_state(x, weight_options(missing => 'mean')) s FROM public.ma
                      UNION ALL SELECT stddev_weights_state(x, weight_options(missing => 'skip')) FROM public.ma) t $$, '22023',
                 NULL, 'moments: different policies do not merge: 22023');

-- 63-66: hostile states with a policy
SELECT (SELECT entropy_weights_state(x, weight_options(missing => 'mean')) FROM public.ma) AS ma_es \gset
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', overlay(:'ma_es'::bytea placing '\x00'::bytea from 35 for 1)), '22P03',
                 NULL, 'a row state with NaN gaps relabelled missing error: 22P03');
SELECT throws_ok(format('SELECT entropy_weights_final(%L::bytea)', overlay(:'ma_es'::bytea placing '\x09'::bytea from 35 for 1)), '22P03',
                 NULL, 'an unknown policy byte: 22P03');
SELECT (SELECT stddev_weights_state(x, weight_options(missing => 'mean')) FROM public.ma) AS ma_ms \gset
SELECT throws_ok(format('SELECT stddev_weights_final(%L::bytea)', overlay(:'ma_ms'::bytea placing '\x0000000000003440'::bytea from 150 for 8)), '22P03',
                 NULL, 'a count of values above the row count: 22P03');
SELECT throws_ok(format('SELECT stddev_weights_final(%L::bytea)', overlay(:'ma_ms'::bytea placing '\x03'::bytea from 149 for 1)), '22P03',
                 NULL, 'moments state with policy median (not an O(m) policy): 22P03');

-- 67-74: parallel plans give the same result as serial ones
CREATE TABLE public.ma_big AS
SELECT i, ARRAY[CASE WHEN i % 7 = 0 THEN NULL ELSE 10 + sin(i) END,
                CASE WHEN i % 11 = 0 THEN NULL ELSE 100 + 20 * cos(i * 0.7) END,
                CASE WHEN i % 13 = 0 THEN NULL ELSE (i % 17)::float8 END] AS x
FROM generate_series(1, 20000) i;
ANALYZE public.ma_big;
CREATE TEMP TABLE ma_serial AS
SELECT entropy_weights(x, weight_options(missing => 'mean')) AS e_mean,
       entropy_weights(x, weight_options(missing => 'median')) AS e_median,
       entropy_weights(x, weight_options(missing => 'skip')) AS e_skip,
       entropy_weights(x, '{8,70,0}', '{12,130,16}', weight_options(missing => 'mean')) AS b_mean,
       stddev_weights(x, weight_options(missing => 'mean')) AS s_mean,
       critic_weights(x, weight_options(directions => '{1,-1,1}', missing => 'mean')) AS c_mean
FROM public.ma_big;
CREATE FUNCTION pg_temp.partial(q text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE j text;
BEGIN
	EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO j;
	RETURN j LIKE '%"Partial Mode": "Partial"%';
END $$;
-- (the row-keeping entropy state is large: its deserialization is made
-- cheap for the planner, as in 91_states_entropy.sql; rolled back at the end)
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 1;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = off;
ALTER FUNCTION entropy_weights_deserialfn(bytea, internal) COST 1;
SELECT ok(pg_temp.partial($$ SELECT entropy_weights(x, weight_options(missing => 'mean')) FROM public.ma_big $$),
          'entropy_weights with options runs in a parallel plan with partial states');
SELECT ok(pg_temp.partial($$ SELECT stddev_weights(x, weight_options(missing => 'mean')), critic_weights(x, weight_options(missing => 'mean')) FROM public.ma_big $$),
          'stddev_weights and critic_weights with options run in a parallel plan with partial states');
SELECT is((SELECT entropy_weights(x, weight_options(missing => 'mean')) FROM public.ma_big), (SELECT e_mean FROM ma_serial),
          'parallel entropy_weights, mean: the same bits');
SELECT is((SELECT entropy_weights(x, weight_options(missing => 'median')) FROM public.ma_big), (SELECT e_median FROM ma_serial),
          'parallel entropy_weights, median: the same bits');
SELECT is((SELECT entropy_weights(x, weight_options(missing => 'skip')) FROM public.ma_big), (SELECT e_skip FROM ma_serial),
          'parallel entropy_weights, skip: the same bits');
SELECT is((SELECT entropy_weights(x, '{8,70,0}', '{12,130,16}', weight_options(missing => 'mean')) FROM public.ma_big), (SELECT b_mean FROM ma_serial),
          'parallel bounded entropy_weights, mean: the same bits (exact sums)');
SELECT ok(pg_temp.close((SELECT stddev_weights(x, weight_options(missing => 'mean')) FROM public.ma_big), (SELECT s_mean FROM ma_serial), 1e-12),
          'parallel stddev_weights, mean: within 1e-12');
SELECT ok(pg_temp.close((SELECT critic_weights(x, weight_options(directions => '{1,-1,1}', missing => 'mean')) FROM public.ma_big), (SELECT c_mean FROM ma_serial), 1e-12),
          'parallel critic_weights, mean: within 1e-12');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
-- factor_analysis: 'skip' = the analysis of the complete rows; imputations refused
SELECT is((SELECT factor_analysis(x, 1, 'skip')::text FROM public.ma_big),
          (SELECT factor_analysis(x, 1)::text FROM public.ma_big WHERE array_position(x, NULL) IS NULL),
          'factor_analysis(x, 1, skip) = factor_analysis of the complete rows');
SELECT is((SELECT factor_analysis_final(factor_analysis_state(x, NULL, 'SKIP'))::text FROM public.ma_big),
          (SELECT factor_analysis(x)::text FROM public.ma_big WHERE array_position(x, NULL) IS NULL),
          'factor_analysis_state(x, NULL, skip): its final = the complete rows'' analysis');
SELECT throws_ok($$ SELECT factor_analysis(x, 1, 'mean') FROM public.ma_big $$, '0A000', NULL, 'factor_analysis, mean: 0A000');
SELECT throws_ok($$ SELECT factor_analysis(x, 1, 'error') FROM public.ma_big $$, '22004', NULL, 'factor_analysis, error: 22004');
SELECT throws_ok($$ SELECT factor_analysis(x, 1, 'nothing') FROM public.ma_big $$, '22023', NULL, 'factor_analysis, unknown policy: 22023');
-- the imputed result equals the aggregate over the rows imputed in SQL
SELECT ok(pg_temp.close((SELECT c_mean FROM ma_serial),
                        (SELECT critic_weights(ARRAY[coalesce(x[1], m1), coalesce(x[2], m2), coalesce(x[3], m3)], ARRAY[1, -1, 1])
                         FROM public.ma_big, (SELECT avg(x[1]) m1, avg(x[2]) m2, avg(x[3]) m3 FROM public.ma_big) a), 1e-12),
          'critic, mean (20000 rows): the weights of the rows imputed in SQL, within 1e-12');

-- 75-90: coupling coordination with a NULL subsystem score
SELECT throws_ok($$ SELECT coupling_coordination(ARRAY[0.5, NULL, 0.3]) $$, '22004',
                 'coupling_coordination: a subsystem score is NULL', 'array form, missing error (default): 22004');
SELECT is(coupling_coordination(ARRAY[0.5, NULL, 0.3], NULL, 'classic', 'skip'), NULL, 'coupling_coordination, skip: NULL');
SELECT is(coupling_coordination(ARRAY[0.5, NULL, 0.3], weights => NULL, variant => 'classic', missing => 'skip'), NULL,
          'coupling_coordination, skip in named notation: NULL');
SELECT is(coupling_degree(ARRAY[0.5, NULL, 0.3], 'classic', 'Skip'), NULL, 'coupling_degree, skip: NULL');
SELECT is(coordination_degree(ARRAY[0.5, NULL, 0.3], ARRAY[1, 1, 2], 'classic', 'skip'), NULL, 'coordination_degree, skip: NULL');
SELECT is(coupling_coordination(ARRAY[0.5, 0.2, 0.3], ARRAY[1, 2, 1], 'wang2021', 'skip'),
          coupling_coordination(ARRAY[0.5, 0.2, 0.3], ARRAY[1, 2, 1], 'wang2021'), 'skip without a NULL: the same result');
SELECT throws_ok($$ SELECT coupling_coordination(ARRAY[0.5, NULL, 0.3], NULL, 'classic', 'mean') $$, '0A000', NULL,
                 'array form, mean: 0A000 (imputed scores are not coupling)');
SELECT throws_ok($$ SELECT coordination_degree(ARRAY[0.5, 0.2], NULL, 'classic', 'median') $$, '0A000', NULL,
                 'coordination_degree, median: 0A000');
SELECT throws_ok($$ SELECT coupling_degree(ARRAY[0.5, 0.2], 'classic', 'drop') $$, '22023', NULL, 'an unknown policy: 22023');
SELECT is(coupling_coordination(ARRAY[0.5, 0.2], ARRAY[1, 1], 'classic'), coupling_coordination(ARRAY[0.5, 0.2], ARRAY[1, 1]),
          'the 0.2.0 forms resolve as before (defaults)');
SELECT throws_ok($$ SELECT coupling_coordination(u, 1, 'classic', 'error') FROM (VALUES (0.5), (NULL), (0.3)) v(u) $$, '22004',
                 'coupling_coordination: a subsystem score is NULL', 'aggregate, missing error: 22004');
SELECT is((SELECT coupling_coordination(u, 1, 'classic', 'skip') FROM (VALUES (0.5), (NULL), (0.3)) v(u)), NULL,
          'aggregate, skip: NULL for the group');
SELECT is((SELECT coupling_coordination(u, w, 'wang2021', 'skip') FROM (VALUES (0.5, 1.0), (0.2, 2), (0.3, 1)) v(u, w)),
          (SELECT coupling_coordination(u, w, 'wang2021') FROM (VALUES (0.5, 1.0), (0.2, 2), (0.3, 1)) v(u, w)),
          'aggregate, skip without a NULL: the three-argument result');
SELECT is((SELECT coupling_coordination(u) FROM (VALUES (0.5), (NULL), (0.3)) v(u)),
          (SELECT coupling_coordination(u) FROM (VALUES (0.5), (0.3)) v(u)),
          'the older forms still leave a NULL row out, as SQL aggregates do');
SELECT throws_ok($$ SELECT coupling_coordination(u, 1, 'classic', 'mean') FROM (VALUES (0.5), (0.3)) v(u) $$, '0A000', NULL,
                 'aggregate, mean: 0A000');
SELECT is((SELECT coupling_coordination_final(coupling_coordination_merge(s)) FROM
            (SELECT coupling_coordination_state(u, 1, 'classic', 'skip') s FROM (VALUES (1, 0.5), (2, NULL), (3, 0.3)) v(k, u) GROUP BY k) t),
          NULL, 'coupling states, skip: a state that saw a NULL makes the merged result NULL');
SELECT is((SELECT coupling_coordination_final(coupling_coordination_merge(s)) FROM
            (SELECT coupling_coordination_state(u, 1, 'classic', 'skip') s FROM (VALUES (1, 0.5), (2, 0.2), (3, 0.3)) v(k, u) GROUP BY k) t),
          (SELECT coupling_coordination(u, 1, 'classic', 'skip') FROM (VALUES (0.5), (0.2), (0.3)) v(u)),
          'coupling states, skip, no NULL: merged = the aggregate');
SELECT throws_ok($$ SELECT coupling_coordination_merge(s) FROM (SELECT coupling_coordination_state(u, 1, 'classic', 'skip') s FROM (VALUES (0.5)) v(u)
                      UNION ALL SELECT coupling_coordination_state(u, 1, 'classic', 'error') FROM (VALUES (0.3)) v(u)) t $$, '22023',
                 'coupling_coordination_merge: cannot merge states made with different missing-value policies',
                 'coupling states with different policies: 22023');

SELECT * FROM finish();
ROLLBACK;
