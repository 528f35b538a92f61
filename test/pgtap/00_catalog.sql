-- Catalog properties of every object of the synergy extension.
--
-- Objects are found through pg_depend (deptype 'e') on the extension, so a
-- function added later is checked without touching this file.
BEGIN;
SET client_min_messages = warning;
-- the extension's own schema first, wherever it was installed (pgTAP lives in public)
DO $$
BEGIN
  PERFORM set_config('search_path',
                     (SELECT quote_ident(n.nspname) FROM pg_extension e
                      JOIN pg_namespace n ON n.oid = e.extnamespace
                      WHERE e.extname = 'synergy') || ', public, pg_catalog', true);
END
$$;

SELECT plan(77);

-- Every function and aggregate of the extension, with its signature.
CREATE TEMP VIEW sy_proc AS
SELECT p.oid, p.proname, p.prokind, p.provolatile, p.proparallel, p.proisstrict,
       p.prosecdef, p.prorettype, p.proargtypes,
       p.proname || '(' || oidvectortypes(p.proargtypes) || ')' AS sig,
       p.proname ~ '_(transfn|combinefn|serialfn|deserialfn|finalfn)$' AS support
FROM pg_depend d
JOIN pg_proc p ON p.oid = d.objid
WHERE d.classid = 'pg_proc'::regclass
  AND d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'synergy')
  AND d.deptype = 'e';

CREATE TEMP VIEW sy_agg AS
SELECT p.sig, a.*
FROM sy_proc p JOIN pg_aggregate a ON a.aggfnoid = p.oid;

-- Functions that may be other than IMMUTABLE, with the reason in a comment.
CREATE TEMP TABLE sy_not_immutable (sig text PRIMARY KEY);
-- Scheduled refresh (90_refresh.sql): they read the catalog or write.
INSERT INTO sy_not_immutable VALUES
  ('refresh_order(name)'),                                  -- STABLE: reads pg_class, pg_depend
  ('_refresh_cron_schema(text)'),                            -- STABLE: reads pg_extension
  ('_refresh_may(name)'),                                    -- STABLE: reads pg_class, role membership
  ('_refresh_lock_held(bigint)'),                            -- STABLE: reads pg_locks
  ('_refresh_schema_check(text)'),                           -- STABLE: reads pg_namespace, pg_roles, a setting
  ('_refresh_run_guard()'),                                  -- trigger of refresh_run
  ('_refresh_start(name, boolean)'),                         -- writes the run log, takes a lock
  ('_refresh_views(bigint, name, boolean)'),                 -- refreshes, writes the run log
  ('refresh_pipeline(name, boolean, bigint)'),              -- procedure: refreshes, writes the log
  ('schedule_refresh(text, text, name, boolean)'),          -- writes cron.job
  ('unschedule_refresh(text)');                             -- writes cron.job

-- Functions that may be other than PARALLEL SAFE, with the reason.
CREATE TEMP TABLE sy_not_parallel_safe (sig text PRIMARY KEY);
INSERT INTO sy_not_parallel_safe VALUES
  ('refresh_pipeline(name, boolean, bigint)'),              -- writes (and commits)
  ('_refresh_run_guard()'),                                  -- trigger of refresh_run
  ('_refresh_start(name, boolean)'),                         -- writes the run log, takes a lock
  ('_refresh_views(bigint, name, boolean)'),                 -- refreshes, writes the run log
  ('schedule_refresh(text, text, name, boolean)'),          -- writes cron.job
  ('unschedule_refresh(text)');                             -- writes cron.job

------------------------------------------------------------------------------
-- Volatility, parallel safety, comments
------------------------------------------------------------------------------

SELECT cmp_ok((SELECT count(*) FROM sy_proc), '>=', 20::bigint,
              'the synergy extension owns its functions (found through pg_depend)');

SELECT is_empty($$ SELECT sig FROM sy_proc
                   WHERE proparallel <> 's' AND sig NOT IN (SELECT sig FROM sy_not_parallel_safe) $$,
                'every function and aggregate of synergy is PARALLEL SAFE (but the listed exceptions)');

SELECT is_empty($$ SELECT sig FROM sy_proc
                   WHERE provolatile <> 'i' AND sig NOT IN (SELECT sig FROM sy_not_immutable) $$,
                'every function and aggregate of synergy is IMMUTABLE (but the listed exceptions)');

SELECT is_empty($$ SELECT sig FROM sy_proc WHERE prosecdef $$,
                'no function of synergy is SECURITY DEFINER');

SELECT is_empty($$ SELECT sig FROM sy_proc
                   WHERE NOT support AND obj_description(oid, 'pg_proc') IS NULL $$,
                'every function and aggregate other than aggregate support functions has a COMMENT');

SELECT is_empty($$ SELECT sig FROM sy_proc
                   WHERE NOT support AND obj_description(oid, 'pg_proc') !~ '\w{3}' $$,
                'no COMMENT is blank');

-- The comment rule above relies on the naming of support functions: every
-- function that takes or returns internal must be named like one.
SELECT is_empty($$ SELECT sig FROM sy_proc
                   WHERE NOT support
                     AND ('internal'::regtype = prorettype OR 'internal'::regtype = ANY (proargtypes)) $$,
                'every function taking or returning internal is named *_transfn/_combinefn/_serialfn/_deserialfn/_finalfn');

SELECT is_empty($$ SELECT sig FROM sy_proc WHERE support AND prokind <> 'f' $$,
                'support functions are plain functions');

------------------------------------------------------------------------------
-- Aggregates: partial aggregation
------------------------------------------------------------------------------

SELECT cmp_ok((SELECT count(*) FROM sy_agg WHERE aggtranstype = 'internal'::regtype), '>=', 12::bigint,
              'synergy has its internal-state weight aggregates (entropy, critic, stddev, cv and _detail forms)');

SELECT is_empty($$ SELECT sig FROM sy_agg WHERE aggcombinefn = 0 $$,
                'every aggregate has a COMBINEFUNC');

SELECT is_empty($$ SELECT sig FROM sy_agg WHERE aggtranstype = 'internal'::regtype AND aggserialfn = 0 $$,
                'every internal-state aggregate has a SERIALFUNC');

SELECT is_empty($$ SELECT sig FROM sy_agg WHERE aggtranstype = 'internal'::regtype AND aggdeserialfn = 0 $$,
                'every internal-state aggregate has a DESERIALFUNC');

SELECT is_empty($$ SELECT sig FROM sy_agg WHERE aggtranstype = 'internal'::regtype AND aggfinalmodify <> 'r' $$,
                'every internal-state aggregate has FINALFUNC_MODIFY = READ_ONLY');

SELECT is_empty($$ SELECT a.sig FROM sy_agg a
                   WHERE NOT EXISTS (SELECT 1 FROM sy_proc p WHERE p.oid = a.aggtransfn)
                      OR NOT EXISTS (SELECT 1 FROM sy_proc p WHERE p.oid = a.aggcombinefn)
                      OR (a.aggfinalfn <> 0 AND NOT EXISTS (SELECT 1 FROM sy_proc p WHERE p.oid = a.aggfinalfn))
                      OR (a.aggserialfn <> 0 AND NOT EXISTS (SELECT 1 FROM sy_proc p WHERE p.oid = a.aggserialfn))
                      OR (a.aggdeserialfn <> 0 AND NOT EXISTS (SELECT 1 FROM sy_proc p WHERE p.oid = a.aggdeserialfn)) $$,
                'every aggregate support function belongs to the extension');

------------------------------------------------------------------------------
-- Window functions
------------------------------------------------------------------------------

SELECT set_eq($$ SELECT sig FROM sy_proc WHERE prokind = 'w' $$,
              ARRAY['minmax_normalize(double precision, integer, double precision, text)',
                    'minmax_normalize(double precision[], integer[], double precision, text)',
                    'topsis(double precision[], double precision[], integer[], text, double precision, text)',
                    'topsis_detail(double precision[], double precision[], integer[], text, double precision, text)',
                    'composite_index(double precision[], double precision[], integer[], double precision, text)',
                    'interpolate(double precision, double precision, text)',
                    'obstacle_degree(double precision[], double precision[], integer[], text)',
                    'local_moran(double precision, bigint, bigint[], double precision[], integer, bigint, double precision)',
                    'local_moran(double precision, integer, integer[], double precision[], integer, bigint, double precision)',
                    'local_moran(double precision, text, text[], double precision[], integer, bigint, double precision)',
                    'factor_scores(double precision[], integer, text)',
                    'factor_composite(double precision[], integer, text, double precision)',
                    'pca_scores(double precision[], integer)',
                    'pca_composite(double precision[], integer, double precision)'],
              'the window functions are exactly minmax_normalize (2), topsis, topsis_detail, composite_index, interpolate, obstacle_degree, local_moran, factor_scores, factor_composite, pca_scores, pca_composite');

SELECT is_empty($$ SELECT sig FROM sy_proc WHERE prokind = 'w' AND proisstrict $$,
                'no window function is STRICT (NULL rows and NULL options are handled explicitly)');

------------------------------------------------------------------------------
-- Public signatures: parameter names, defaults and result types, as in
-- README.md and docs/reference.md
------------------------------------------------------------------------------

SELECT is((SELECT pg_get_function_arguments(p) || ' -> ' || pg_get_function_result(p)
           FROM to_regprocedure(e.sig) p),
          e.want,
          'signature of ' || e.sig)
FROM (VALUES
  ('synergy_version()', ' -> text'),
  ('array_round(float8[], int)',
   'x double precision[], digits integer DEFAULT 4 -> double precision[]'),
  ('minmax_normalize(float8, int, float8, text)',
   'x double precision, direction integer DEFAULT 1, shift double precision DEFAULT NULL::double precision, '
   'missing text DEFAULT ''error''::text -> double precision'),
  ('minmax_normalize(float8[], int[], float8, text)',
   'x double precision[], directions integer[] DEFAULT NULL::integer[], shift double precision DEFAULT NULL::double precision, '
   'missing text DEFAULT ''error''::text -> double precision[]'),
  ('topsis(float8[], float8[], int[], text, float8, text)',
   'x double precision[], weights double precision[] DEFAULT NULL::double precision[], '
   'directions integer[] DEFAULT NULL::integer[], normalization text DEFAULT ''minmax''::text, '
   'shift double precision DEFAULT NULL::double precision, missing text DEFAULT ''error''::text -> double precision'),
  ('topsis_detail(float8[], float8[], int[], text, float8, text)',
   'x double precision[], weights double precision[] DEFAULT NULL::double precision[], '
   'directions integer[] DEFAULT NULL::integer[], normalization text DEFAULT ''minmax''::text, '
   'shift double precision DEFAULT NULL::double precision, missing text DEFAULT ''error''::text -> topsis_detail'),
  ('composite_index(float8[], float8[], int[], float8, text)',
   'x double precision[], weights double precision[] DEFAULT NULL::double precision[], '
   'directions integer[] DEFAULT NULL::integer[], shift double precision DEFAULT NULL::double precision, '
   'missing text DEFAULT ''error''::text -> double precision'),
  ('indicator_vector(text, float8, text[])',
   'code text, value double precision, codes text[] -> double precision[]'),
  ('interpolate(float8, float8, text)',
   'x double precision, t double precision, edges text DEFAULT ''none''::text -> double precision'),
  ('entropy_weights(float8[])', 'x double precision[] -> double precision[]'),
  ('entropy_weights(float8[], int[])', 'x double precision[], directions integer[] -> double precision[]'),
  ('entropy_weights(float8[], int[], float8)',
   'x double precision[], directions integer[], shift double precision -> double precision[]'),
  ('entropy_weights_detail(float8[])', 'x double precision[] -> entropy_detail'),
  ('entropy_weights_detail(float8[], int[])', 'x double precision[], directions integer[] -> entropy_detail'),
  ('entropy_weights_detail(float8[], int[], float8)',
   'x double precision[], directions integer[], shift double precision -> entropy_detail'),
  ('critic_weights(float8[])', 'x double precision[] -> double precision[]'),
  ('critic_weights(float8[], int[])', 'x double precision[], directions integer[] -> double precision[]'),
  ('critic_weights_detail(float8[])', 'x double precision[] -> critic_detail'),
  ('critic_weights_detail(float8[], int[])', 'x double precision[], directions integer[] -> critic_detail'),
  ('stddev_weights(float8[])', 'x double precision[] -> double precision[]'),
  ('cv_weights(float8[])', 'x double precision[] -> double precision[]'),
  ('coupling_coordination(float8[], float8[], text, text)',
   'u double precision[], weights double precision[] DEFAULT NULL::double precision[], '
   'variant text DEFAULT ''classic''::text, missing text DEFAULT ''error''::text -> ccd'),
  ('coupling_degree(float8[], text, text)',
   'u double precision[], variant text DEFAULT ''classic''::text, missing text DEFAULT ''error''::text -> double precision'),
  ('coordination_degree(float8[], float8[], text, text)',
   'u double precision[], weights double precision[] DEFAULT NULL::double precision[], '
   'variant text DEFAULT ''classic''::text, missing text DEFAULT ''error''::text -> double precision'),
  ('coupling_coordination(float8)', 'u double precision -> ccd'),
  ('coupling_coordination(float8, float8)', 'u double precision, weight double precision -> ccd'),
  ('coupling_coordination(float8, float8, text)',
   'u double precision, weight double precision, variant text -> ccd'),
  ('ccd_level(float8)', 'd double precision -> integer'),
  ('ccd_grade(float8, text)', 'd double precision, lang text DEFAULT ''zh''::text -> text'),
  ('ccd_grade(float8, float8[], text[])', 'd double precision, breaks double precision[], labels text[] -> text'),
  ('relative_development(float8, float8)', 'u1 double precision, u2 double precision -> double precision'),
  ('relative_development_grade(float8, float8, float8, float8, text)',
   'u1 double precision, u2 double precision, lower double precision DEFAULT 0.8, '
   'upper double precision DEFAULT 1.2, lang text DEFAULT ''en''::text -> text'),
  ('obstacle_degree(float8[], float8[], int[], text)',
   'x double precision[], weights double precision[] DEFAULT NULL::double precision[], '
   'directions integer[] DEFAULT NULL::integer[], missing text DEFAULT ''error''::text -> double precision[]'),
  ('obstacle_shares(float8[], float8[])', 'z double precision[], weights double precision[] -> double precision[]'),
  ('factor_analysis(float8[])', 'x double precision[] -> jsonb'),
  ('factor_analysis(float8[], int)', 'x double precision[], nfactors integer -> jsonb'),
  ('factor_scores(float8[], int, text)',
   'x double precision[], nfactors integer DEFAULT NULL::integer, rotation text DEFAULT ''varimax''::text -> double precision[]'),
  ('factor_composite(float8[], int, text, float8)',
   'x double precision[], nfactors integer DEFAULT NULL::integer, rotation text DEFAULT ''varimax''::text, '
   'shift double precision DEFAULT NULL::double precision -> double precision'),
  ('pca_scores(float8[], int)',
   'x double precision[], ncomponents integer DEFAULT NULL::integer -> double precision[]'),
  ('pca_composite(float8[], int, float8)',
   'x double precision[], ncomponents integer DEFAULT NULL::integer, shift double precision DEFAULT NULL::double precision -> double precision'),
  ('gravity_strength(float8, float8, float8, float8, float8, float8, float8)',
   'q_i double precision, q_j double precision, distance double precision, k double precision DEFAULT 1, '
   'alpha double precision DEFAULT 1, beta double precision DEFAULT 1, r double precision DEFAULT 2 -> double precision'),
  ('gravity_mass(float8, float8)', 'population double precision, gdp double precision -> double precision'),
  ('gravity_coefficient(float8, float8)', 'g_i double precision, g_j double precision -> double precision'),
  ('gravity_tier(float8, float8[])',
   'membership double precision, thresholds double precision[] DEFAULT ''{0.3,0.1,0.05}''::double precision[] -> integer'),
  ('gravity_linkage(text[], float8[], float8[], float8[], float8, float8, float8, float8, float8[])',
   'ids text[], masses double precision[], lon double precision[], lat double precision[], k double precision DEFAULT 1, '
   'alpha double precision DEFAULT 1, beta double precision DEFAULT 1, r double precision DEFAULT 2, '
   'directional double precision[] DEFAULT NULL::double precision[] -> TABLE(i text, j text, distance double precision, '
   'strength double precision, membership double precision, total double precision, strongest boolean)'),
  ('gravity_linkage(text[], float8[], float8[], float8, float8, float8, float8, float8[])',
   'ids text[], masses double precision[], distances double precision[], k double precision DEFAULT 1, '
   'alpha double precision DEFAULT 1, beta double precision DEFAULT 1, r double precision DEFAULT 2, '
   'directional double precision[] DEFAULT NULL::double precision[] -> TABLE(i text, j text, distance double precision, '
   'strength double precision, membership double precision, total double precision, strongest boolean)'),
  ('gravity_delimit(text[], float8[], float8[], float8[], text[], float8[], float8, float8, float8, float8, float8[])',
   'ids text[], masses double precision[], lon double precision[], lat double precision[], centres text[], '
   'thresholds double precision[] DEFAULT ''{0.3,0.1,0.05}''::double precision[], k double precision DEFAULT 1, '
   'alpha double precision DEFAULT 1, beta double precision DEFAULT 1, r double precision DEFAULT 2, '
   'directional double precision[] DEFAULT NULL::double precision[] -> TABLE(id text, centre text, membership double precision, tier integer)'),
  ('gravity_delimit(text[], float8[], float8[], text[], float8[], float8, float8, float8, float8, float8[])',
   'ids text[], masses double precision[], distances double precision[], centres text[], '
   'thresholds double precision[] DEFAULT ''{0.3,0.1,0.05}''::double precision[], k double precision DEFAULT 1, '
   'alpha double precision DEFAULT 1, beta double precision DEFAULT 1, r double precision DEFAULT 2, '
   'directional double precision[] DEFAULT NULL::double precision[] -> TABLE(id text, centre text, membership double precision, tier integer)')
) AS e(sig, want);

SELECT is((SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute
           WHERE attrelid = (SELECT typrelid FROM pg_type WHERE oid = to_regtype(t.typ))
             AND attnum > 0 AND NOT attisdropped),
          t.cols,
          'columns of type ' || t.typ)
FROM (VALUES
  ('entropy_detail', ARRAY['n', 'entropy', 'divergence', 'weight']),
  ('critic_detail', ARRAY['n', 'sd', 'conflict', 'information', 'weight']),
  ('topsis_detail', ARRAY['d_plus', 'd_minus', 'closeness']),
  ('ccd', ARRAY['c', 't', 'd'])
) AS t(typ, cols);

SELECT is_empty($$ SELECT t.oid::regtype::text
                   FROM pg_depend d JOIN pg_type t ON t.oid = d.objid
                        JOIN pg_class c ON c.oid = t.typrelid
                   WHERE d.classid = 'pg_type'::regclass
                     AND d.refclassid = 'pg_extension'::regclass
                     AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'synergy')
                     AND d.deptype = 'e'
                     AND t.typtype = 'c'
                     -- CREATE TYPE ... AS only: the row type of a table (17+ records it as an
                     -- extension member too) is described by the table's own COMMENT
                     AND c.relkind = 'c'
                     AND obj_description(t.oid, 'pg_type') IS NULL $$,
                'every composite type of synergy has a COMMENT');

------------------------------------------------------------------------------
-- Named-argument calls give the positional result
------------------------------------------------------------------------------

CREATE TEMP TABLE sy_cat_rows (r int, x float8[]);
INSERT INTO sy_cat_rows VALUES
  (1, ARRAY[5, 8, 4]), (2, ARRAY[7, 6, 8]), (3, ARRAY[8, 8, 6]), (4, ARRAY[7, 4, 6]);

SELECT is((SELECT array_agg(c ORDER BY r) FROM
             (SELECT r, topsis(x, normalization => 'vector') OVER () AS c FROM sy_cat_rows) s),
          (SELECT array_agg(c ORDER BY r) FROM
             (SELECT r, topsis(x, NULL, NULL, 'vector') OVER () AS c FROM sy_cat_rows) s),
          'topsis(x, normalization => ''vector'') equals topsis(x, NULL, NULL, ''vector'')');

SELECT is((SELECT array_agg(c ORDER BY r) FROM
             (SELECT r, topsis(normalization => 'vector', directions => ARRAY[1, -1, 1],
                               weights => ARRAY[0.3, 0.4, 0.3], x => x) OVER () AS c FROM sy_cat_rows) s),
          (SELECT array_agg(c ORDER BY r) FROM
             (SELECT r, topsis(x, ARRAY[0.3, 0.4, 0.3], ARRAY[1, -1, 1], 'vector') OVER () AS c FROM sy_cat_rows) s),
          'topsis with every argument named, in another order, equals the positional call');

SELECT is((SELECT array_agg(c ORDER BY r) FROM
             (SELECT r, topsis_detail(x, directions => ARRAY[1, -1, 1]) OVER () AS c FROM sy_cat_rows) s),
          (SELECT array_agg(c ORDER BY r) FROM
             (SELECT r, topsis_detail(x, NULL, ARRAY[1, -1, 1]) OVER () AS c FROM sy_cat_rows) s),
          'topsis_detail(x, directions => ...) equals the positional call');

SELECT is((SELECT array_agg(c ORDER BY r) FROM
             (SELECT r, composite_index(x, directions => ARRAY[1, -1, 1], weights => ARRAY[1, 2, 1]) OVER () AS c
              FROM sy_cat_rows) s),
          (SELECT array_agg(c ORDER BY r) FROM
             (SELECT r, composite_index(x, ARRAY[1, 2, 1], ARRAY[1, -1, 1]) OVER () AS c FROM sy_cat_rows) s),
          'composite_index(x, directions => ..., weights => ...) equals the positional call');

SELECT is((SELECT array_agg(c ORDER BY r) FROM
             (SELECT r, minmax_normalize(x, directions => ARRAY[1, -1, 1]) OVER () AS c FROM sy_cat_rows) s),
          (SELECT array_agg(c ORDER BY r) FROM
             (SELECT r, minmax_normalize(x, ARRAY[1, -1, 1]) OVER () AS c FROM sy_cat_rows) s),
          'minmax_normalize(x, directions => ...) equals the positional call');

-- scores by hand: v = 10, 15, 20 as a cost: 1, 0.5, 0
SELECT is((SELECT array_agg(c ORDER BY v) FROM
             (SELECT v, minmax_normalize(direction => -1, x => v) OVER () AS c
              FROM (VALUES (10.0::float8), (15), (20)) t(v)) s),
          ARRAY[1, 0.5, 0]::float8[],
          'minmax_normalize(direction => -1, x => v) scores a cost (exact)');

-- by hand: a line through (2, 4) and (4, 10), extended to t = 1 and 5
SELECT is((SELECT array_agg(c ORDER BY t) FROM
             (SELECT t, interpolate(edges => 'linear', t => t, x => v) OVER () AS c
              FROM (VALUES (1.0::float8, NULL::float8), (2, 4), (3, NULL), (4, 10), (5, NULL)) s(t, v)) s),
          ARRAY[1, 4, 7, 10, 13]::float8[],
          'interpolate(edges => ''linear'', t => ..., x => ...) fills and extends the line (exact)');

SELECT is(array_round(digits => 2, x => ARRAY[0.123, 4.567]), ARRAY[0.12, 4.57]::float8[],
          'array_round(digits => 2, x => ...) rounds (exact)');

SELECT * FROM finish();
ROLLBACK;
