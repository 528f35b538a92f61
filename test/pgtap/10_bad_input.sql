-- Every row of README.md's "Bad input" table, for every function it applies
-- to, with the documented outcome and SQLSTATE; then the quality of a sample
-- of error messages (function name, position in DETAIL, a HINT).
--
-- Expected values are worked out by hand in the comments; tolerances are in
-- the test descriptions.
BEGIN;
SET client_min_messages = warning;
DO $$
BEGIN
  PERFORM set_config('search_path',
                     (SELECT quote_ident(n.nspname) FROM pg_extension e
                      JOIN pg_namespace n ON n.oid = e.extnamespace
                      WHERE e.extname = 'synergy') || ', public, pg_catalog', true);
END
$$;

SELECT plan(711);

------------------------------------------------------------------------------
-- Helpers (temporary, gone at ROLLBACK)
------------------------------------------------------------------------------

-- The error a query raises: SQLSTATE, message, detail, hint ('none' if none).
CREATE FUNCTION pg_temp.sy_err(q text, OUT state text, OUT msg text, OUT det text, OUT hnt text)
LANGUAGE plpgsql AS $f$
BEGIN
  EXECUTE q;
  state := 'none';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
                          det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT;
END
$f$;

-- The float8[] a query returns; on an error a WARNING and NULL, so that one
-- unexpected error fails one test instead of aborting the file.
CREATE FUNCTION pg_temp.sy_arr(q text) RETURNS float8[]
LANGUAGE plpgsql AS $f$
DECLARE
  r float8[];
BEGIN
  EXECUTE q INTO r;
  RETURN r;
EXCEPTION WHEN OTHERS THEN
  RAISE WARNING 'query failed: % (%): %', SQLERRM, SQLSTATE, q;
  RETURN NULL;
END
$f$;

-- The text a query returns, or 'ERROR <sqlstate>: <message>'.
CREATE FUNCTION pg_temp.sy_text(q text) RETURNS text
LANGUAGE plpgsql AS $f$
DECLARE
  r text;
BEGIN
  EXECUTE q INTO r;
  RETURN r;
EXCEPTION WHEN OTHERS THEN
  RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
END
$f$;

-- is() on the texts two queries return; an error in either fails the test
-- (two identical errors must not pass as "the same result").
CREATE FUNCTION pg_temp.sy_same(q1 text, q2 text, descr text) RETURNS text
LANGUAGE plpgsql AS $f$
DECLARE
  r1 text := pg_temp.sy_text(q1);
  r2 text := pg_temp.sy_text(q2);
BEGIN
  IF r1 LIKE 'ERROR %' OR r2 LIKE 'ERROR %' THEN
    RETURN ok(false, descr) || E'\n' || diag('    have: ' || coalesce(r1, 'NULL') || E'\n    want: ' || coalesce(r2, 'NULL'));
  END IF;
  RETURN is(r1, r2, descr);
END
$f$;

-- ok() that two float8[] agree element by element within tol (NULL elements
-- must be NULL in both), with both arrays as diagnostics on failure.
CREATE FUNCTION pg_temp.sy_close(got float8[], want float8[], tol float8, descr text) RETURNS text
LANGUAGE plpgsql AS $f$
DECLARE
  d float8;
  good boolean;
BEGIN
  IF got IS NULL OR want IS NULL OR cardinality(got) <> cardinality(want) THEN
    good := false;
  ELSE
    SELECT max(CASE WHEN p IS NULL AND q IS NULL THEN 0
                    WHEN p IS NULL OR q IS NULL THEN 'Infinity'::float8
                    ELSE abs(p - q) END)
      INTO d FROM unnest(got, want) AS u(p, q);
    good := d IS NOT NULL AND d <= tol;
  END IF;
  IF good THEN
    RETURN ok(true, descr);
  END IF;
  RETURN ok(false, descr) || E'\n'
      || diag('      got: ' || coalesce(got::text, 'NULL') || E'\n     want: '
              || coalesce(want::text, 'NULL') || E'\n max diff: ' || coalesce(d::text, '-'));
END
$f$;

-- No element of a weights array (as sy_text returns it) is defined: NULL, or
-- every element NULL.  An error is not "undefined".
CREATE FUNCTION pg_temp.sy_undefined(w text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $f$
  SELECT w IS NULL OR w ~ '^\{NULL(,NULL)*\}$'
$f$;

------------------------------------------------------------------------------
-- Data
------------------------------------------------------------------------------

-- D3: three rows, the third indicator has no range.
--   min-max scores (benefit): row 1 (0, 1, 0), row 2 (0.5, 0, 0), row 3 (1, 0.5, 0)
--   entropy: columns 1 and 2 have the same scores in another order, so the same
--   entropy; column 3 has divergence 0  => weights (0.5, 0.5, 0)
--   stddev of scores 0.5, 0.5, 0; CV 1/2, 1/2, 0 (means 2, sds 1)
--   CRITIC: r(col1, col2) = -1/2 => conflict 1.5 each, C = 0.75 each => (0.5, 0.5, 0)
CREATE TEMP TABLE d3 (i int, x float8[]);
INSERT INTO d3 VALUES (1, ARRAY[1, 3, 5]), (2, ARRAY[2, 1, 5]), (3, ARRAY[3, 2, 5]);

-- D4: the four cities of README.md (the second indicator a cost).
CREATE TEMP TABLE d4 (i int, x float8[]);
INSERT INTO d4 VALUES (1, ARRAY[9.2, 0.52, 41.0]), (2, ARRAY[6.1, 0.81, 38.5]),
                      (3, ARRAY[12.4, 0.47, 44.2]), (4, ARRAY[3.3, 1.10, 36.0]);

-- Wide rows: 10,000 identical indicators valued 0, 1, 2 in three rows, and
-- 10,000 indicators of varied values in five rows.
CREATE TEMP TABLE wide_same (i int, x float8[]);
INSERT INTO wide_same SELECT i, array_fill((i - 1)::float8, ARRAY[10000]) FROM generate_series(1, 3) i;
CREATE TEMP TABLE wide_varied (i int, x float8[]);
INSERT INTO wide_varied
SELECT i, (SELECT array_agg(((i * 7 + j * 13) % 17 + j % 5)::float8 ORDER BY j) FROM generate_series(1, 10000) j)
FROM generate_series(1, 5) i;
CREATE TEMP TABLE critic_2000 (i int, x float8[]);
INSERT INTO critic_2000
SELECT i, (SELECT array_agg(((i * 7 + j * 13) % 17 + (i * j) % 5)::float8 ORDER BY j) FROM generate_series(1, 2000) j)
FROM generate_series(1, 6) i;

------------------------------------------------------------------------------
-- 1. Bad x arrays, for every function taking float8[] indicators
--    (18 forms x 13 cases)
------------------------------------------------------------------------------

CREATE TEMP TABLE xfn (ord int, name text, tpl text);
INSERT INTO xfn VALUES
  (1,  'entropy_weights(x)',                   $q$SELECT entropy_weights(x) FROM (VALUES %s) t(x)$q$),
  (2,  'entropy_weights(x, directions)',       $q$SELECT entropy_weights(x, NULL::int[]) FROM (VALUES %s) t(x)$q$),
  (3,  'entropy_weights(x, directions, shift)', $q$SELECT entropy_weights(x, NULL::int[], 0.01) FROM (VALUES %s) t(x)$q$),
  (4,  'entropy_weights_detail(x)',            $q$SELECT entropy_weights_detail(x) FROM (VALUES %s) t(x)$q$),
  (5,  'entropy_weights_detail(x, directions)', $q$SELECT entropy_weights_detail(x, NULL::int[]) FROM (VALUES %s) t(x)$q$),
  (6,  'entropy_weights_detail(x, directions, shift)', $q$SELECT entropy_weights_detail(x, NULL::int[], 0.01) FROM (VALUES %s) t(x)$q$),
  (7,  'critic_weights(x)',                    $q$SELECT critic_weights(x) FROM (VALUES %s) t(x)$q$),
  (8,  'critic_weights(x, directions)',        $q$SELECT critic_weights(x, NULL::int[]) FROM (VALUES %s) t(x)$q$),
  (9,  'critic_weights_detail(x)',             $q$SELECT critic_weights_detail(x) FROM (VALUES %s) t(x)$q$),
  (10, 'critic_weights_detail(x, directions)', $q$SELECT critic_weights_detail(x, NULL::int[]) FROM (VALUES %s) t(x)$q$),
  (11, 'stddev_weights(x)',                    $q$SELECT stddev_weights(x) FROM (VALUES %s) t(x)$q$),
  (12, 'cv_weights(x)',                        $q$SELECT cv_weights(x) FROM (VALUES %s) t(x)$q$),
  (13, 'topsis(x)',                            $q$SELECT topsis(x) OVER () FROM (VALUES %s) t(x)$q$),
  (14, 'topsis(x, weights, normalization => vector)', $q$SELECT topsis(x, ARRAY[1, 1], normalization => 'vector') OVER () FROM (VALUES %s) t(x)$q$),
  (15, 'topsis_detail(x)',                     $q$SELECT topsis_detail(x) OVER () FROM (VALUES %s) t(x)$q$),
  (16, 'composite_index(x)',                   $q$SELECT composite_index(x) OVER () FROM (VALUES %s) t(x)$q$),
  (17, 'composite_index(x, weights)',          $q$SELECT composite_index(x, ARRAY[1, 1]) OVER () FROM (VALUES %s) t(x)$q$),
  (18, 'minmax_normalize(x float8[])',         $q$SELECT minmax_normalize(x) OVER () FROM (VALUES %s) t(x)$q$);

CREATE TEMP TABLE xcase (ord int, name text, rows text, code text);
INSERT INTO xcase VALUES
  (1,  'NULL element in a later row',  $r$('{1,2}'::float8[]), ('{3,1}'), ('{5,NULL}')$r$, '22004'),
  (2,  'NULL element in the first row', $r$('{NULL,2}'::float8[]), ('{3,1}')$r$, '22004'),
  (3,  'NaN in a later row',           $r$('{1,2}'::float8[]), ('{3,NaN}')$r$, '22023'),
  (4,  'NaN in the first row',         $r$('{NaN,2}'::float8[]), ('{3,1}')$r$, '22023'),
  (5,  'Infinity',                     $r$('{1,2}'::float8[]), ('{Infinity,1}')$r$, '22023'),
  (6,  '-Infinity',                    $r$('{1,2}'::float8[]), ('{3,-Infinity}')$r$, '22023'),
  (7,  'empty array in the first row', $r$('{}'::float8[]), ('{3,1}')$r$, '2202E'),
  (8,  'empty array in a later row',   $r$('{1,2}'::float8[]), ('{}')$r$, '2202E'),
  (9,  'two-dimensional array',        $r$('{1,2}'::float8[]), ('{{3,1},{4,2}}')$r$, '2202E'),
  (10, 'two-dimensional first row',    $r$('{{3,1},{4,2}}'::float8[]), ('{1,2}')$r$, '2202E'),
  (11, 'a longer row',                 $r$('{1,2}'::float8[]), ('{3,1,4}')$r$, '2202E'),
  (12, 'a shorter row',                $r$('{1,2,3}'::float8[]), ('{3,1}')$r$, '2202E'),
  (13, '100,001 indicators',           $r$(array_fill(1::float8, ARRAY[100001])), (array_fill(2::float8, ARRAY[100001]))$r$, '54000');

SELECT throws_ok(format(tpl, rows), code, NULL, name || ': ' || cname || ' -> ' || code)
FROM (SELECT f.tpl, f.name, c.rows, c.code, c.name AS cname
      FROM xfn f CROSS JOIN xcase c ORDER BY f.ord, c.ord) s;

------------------------------------------------------------------------------
-- 2. Bad directions (12 forms x 8 cases)
------------------------------------------------------------------------------

CREATE TEMP TABLE dfn (ord int, name text, tpl text);
INSERT INTO dfn VALUES
  (1,  'entropy_weights(x, directions)',        $q$SELECT entropy_weights(x, d) FROM (VALUES %s) t(x, d)$q$),
  (2,  'entropy_weights(x, directions, shift)', $q$SELECT entropy_weights(x, d, 0.01) FROM (VALUES %s) t(x, d)$q$),
  (3,  'entropy_weights_detail(x, directions)', $q$SELECT entropy_weights_detail(x, d) FROM (VALUES %s) t(x, d)$q$),
  (4,  'entropy_weights_detail(x, directions, shift)', $q$SELECT entropy_weights_detail(x, d, 0) FROM (VALUES %s) t(x, d)$q$),
  (5,  'critic_weights(x, directions)',         $q$SELECT critic_weights(x, d) FROM (VALUES %s) t(x, d)$q$),
  (6,  'critic_weights_detail(x, directions)',  $q$SELECT critic_weights_detail(x, d) FROM (VALUES %s) t(x, d)$q$),
  (7,  'topsis(x, directions => d)',            $q$SELECT topsis(x, directions => d) OVER () FROM (VALUES %s) t(x, d)$q$),
  (8,  'topsis(x, weights, d, vector)',         $q$SELECT topsis(x, ARRAY[1, 1], d, 'vector') OVER () FROM (VALUES %s) t(x, d)$q$),
  (9,  'topsis_detail(x, directions => d)',     $q$SELECT topsis_detail(x, directions => d) OVER () FROM (VALUES %s) t(x, d)$q$),
  (10, 'composite_index(x, directions => d)',   $q$SELECT composite_index(x, directions => d) OVER () FROM (VALUES %s) t(x, d)$q$),
  (11, 'composite_index(x, weights, d)',        $q$SELECT composite_index(x, ARRAY[1, 1], d) OVER () FROM (VALUES %s) t(x, d)$q$),
  (12, 'minmax_normalize(x, directions)',       $q$SELECT minmax_normalize(x, d) OVER () FROM (VALUES %s) t(x, d)$q$);

CREATE TEMP TABLE dcase (ord int, name text, rows text, code text);
INSERT INTO dcase VALUES
  (1, 'directions shorter than x',     $r$('{1,2}'::float8[], '{1}'::int[]), ('{3,1}', '{1}')$r$, '2202E'),
  (2, 'directions longer than x',      $r$('{1,2}'::float8[], '{1,-1,1}'::int[]), ('{3,1}', '{1,-1,1}')$r$, '2202E'),
  (3, 'directions empty',              $r$('{1,2}'::float8[], '{}'::int[]), ('{3,1}', '{}')$r$, '2202E'),
  (4, 'directions two-dimensional',    $r$('{1,2}'::float8[], '{{1,-1}}'::int[]), ('{3,1}', '{{1,-1}}')$r$, '2202E'),
  (5, 'directions with a NULL element', $r$('{1,2}'::float8[], '{1,NULL}'::int[]), ('{3,1}', '{1,NULL}')$r$, '22004'),
  (6, 'direction 0',                   $r$('{1,2}'::float8[], '{1,0}'::int[]), ('{3,1}', '{1,0}')$r$, '22023'),
  (7, 'direction 2',                   $r$('{1,2}'::float8[], '{2,-1}'::int[]), ('{3,1}', '{2,-1}')$r$, '22023'),
  (8, 'directions changing between rows', $r$('{1,2}'::float8[], '{1,-1}'::int[]), ('{3,1}', '{-1,1}'), ('{2,2}', '{1,-1}')$r$, '22023');

SELECT throws_ok(format(tpl, rows), code, NULL, name || ': ' || cname || ' -> ' || code)
FROM (SELECT f.tpl, f.name, c.rows, c.code, c.name AS cname
      FROM dfn f CROSS JOIN dcase c ORDER BY f.ord, c.ord) s;

-- the same checks with directions as a constant (the planner knows it cannot vary)
SELECT throws_ok($q$SELECT entropy_weights(x, ARRAY[1, NULL, 1]) FROM d4$q$, '22004', NULL,
                 'entropy_weights(x, ARRAY[1, NULL, 1]) -> 22004');
SELECT throws_ok($q$SELECT critic_weights(x, ARRAY[1, -1]) FROM d4$q$, '2202E', NULL,
                 'critic_weights(x, ARRAY[1, -1]) with 3 indicators -> 2202E');
SELECT throws_ok($q$SELECT topsis(x, directions => ARRAY[1, 0, 1]) OVER () FROM d4$q$, '22023', NULL,
                 'topsis(x, directions => ARRAY[1, 0, 1]) -> 22023');
SELECT throws_ok($q$SELECT composite_index(x, directions => ARRAY[1, -1]) OVER () FROM d4$q$, '2202E', NULL,
                 'composite_index(x, directions => ARRAY[1, -1]) with 3 indicators -> 2202E');
SELECT throws_ok($q$SELECT minmax_normalize(x, ARRAY[1, NULL, 1]) OVER () FROM d4$q$, '22004', NULL,
                 'minmax_normalize(x, ARRAY[1, NULL, 1]) -> 22004');

------------------------------------------------------------------------------
-- 3. Bad weights (4 forms x 11 cases)
------------------------------------------------------------------------------

CREATE TEMP TABLE wfn (ord int, name text, tpl text);
INSERT INTO wfn VALUES
  (1, 'topsis(x, weights)',           $q$SELECT topsis(x, w) OVER () FROM (VALUES %s) t(x, w)$q$),
  (2, 'topsis(x, weights, vector)',   $q$SELECT topsis(x, w, normalization => 'vector') OVER () FROM (VALUES %s) t(x, w)$q$),
  (3, 'topsis_detail(x, weights)',    $q$SELECT topsis_detail(x, w) OVER () FROM (VALUES %s) t(x, w)$q$),
  (4, 'composite_index(x, weights)',  $q$SELECT composite_index(x, w) OVER () FROM (VALUES %s) t(x, w)$q$);

CREATE TEMP TABLE wcase (ord int, name text, rows text, code text);
INSERT INTO wcase VALUES
  (1,  'a negative weight',      $r$('{1,2}'::float8[], '{1,-1}'::float8[]), ('{3,1}', '{1,-1}')$r$, '22023'),
  (2,  'all weights zero',       $r$('{1,2}'::float8[], '{0,0}'::float8[]), ('{3,1}', '{0,0}')$r$, '22023'),
  (3,  'a NaN weight',           $r$('{1,2}'::float8[], '{NaN,1}'::float8[]), ('{3,1}', '{NaN,1}')$r$, '22023'),
  (4,  'an infinite weight',     $r$('{1,2}'::float8[], '{Infinity,1}'::float8[]), ('{3,1}', '{Infinity,1}')$r$, '22023'),
  (5,  'a -Infinity weight',     $r$('{1,2}'::float8[], '{1,-Infinity}'::float8[]), ('{3,1}', '{1,-Infinity}')$r$, '22023'),
  (6,  'weights shorter than x', $r$('{1,2}'::float8[], '{1}'::float8[]), ('{3,1}', '{1}')$r$, '2202E'),
  (7,  'weights longer than x',  $r$('{1,2}'::float8[], '{1,1,1}'::float8[]), ('{3,1}', '{1,1,1}')$r$, '2202E'),
  (8,  'weights empty',          $r$('{1,2}'::float8[], '{}'::float8[]), ('{3,1}', '{}')$r$, '2202E'),
  (9,  'weights two-dimensional', $r$('{1,2}'::float8[], '{{1,1}}'::float8[]), ('{3,1}', '{{1,1}}')$r$, '2202E'),
  (10, 'a NULL weight',          $r$('{1,2}'::float8[], '{1,NULL}'::float8[]), ('{3,1}', '{1,NULL}')$r$, '22004'),
  (11, 'weights changing between rows', $r$('{1,2}'::float8[], '{1,1}'::float8[]), ('{3,1}', '{1,2}')$r$, '22023');

SELECT throws_ok(format(tpl, rows), code, NULL, name || ': ' || cname || ' -> ' || code)
FROM (SELECT f.tpl, f.name, c.rows, c.code, c.name AS cname
      FROM wfn f CROSS JOIN wcase c ORDER BY f.ord, c.ord) s;

------------------------------------------------------------------------------
-- 4. Bad shift (2 forms x 7 cases)
------------------------------------------------------------------------------

CREATE TEMP TABLE sfn (ord int, name text, tpl text);
INSERT INTO sfn VALUES
  (1, 'entropy_weights(x, directions, shift)',        $q$SELECT entropy_weights(x, NULL::int[], s) FROM (VALUES %s) t(x, s)$q$),
  (2, 'entropy_weights_detail(x, directions, shift)', $q$SELECT entropy_weights_detail(x, ARRAY[1, -1], s) FROM (VALUES %s) t(x, s)$q$);

CREATE TEMP TABLE scase (ord int, name text, rows text, code text);
INSERT INTO scase VALUES
  (1, 'shift -1',              $r$('{1,2}'::float8[], -1::float8), ('{3,1}', -1)$r$, '22023'),
  (2, 'shift -1e-300',         $r$('{1,2}'::float8[], -1e-300::float8), ('{3,1}', -1e-300)$r$, '22023'),
  (3, 'shift NaN',             $r$('{1,2}'::float8[], 'NaN'::float8), ('{3,1}', 'NaN')$r$, '22023'),
  (4, 'shift Infinity',        $r$('{1,2}'::float8[], 'Infinity'::float8), ('{3,1}', 'Infinity')$r$, '22023'),
  (5, 'shift -Infinity',       $r$('{1,2}'::float8[], '-Infinity'::float8), ('{3,1}', '-Infinity')$r$, '22023'),
  (6, 'shift negative in a later row', $r$('{1,2}'::float8[], 0.01::float8), ('{3,1}', -0.01)$r$, '22023'),
  (7, 'shift changing between rows',   $r$('{1,2}'::float8[], 0.01::float8), ('{3,1}', 0.02)$r$, '22023');

SELECT throws_ok(format(tpl, rows), code, NULL, name || ': ' || cname || ' -> ' || code)
FROM (SELECT f.tpl, f.name, c.rows, c.code, c.name AS cname
      FROM sfn f CROSS JOIN scase c ORDER BY f.ord, c.ord) s;

------------------------------------------------------------------------------
-- 5. Options: normalization and edges
------------------------------------------------------------------------------

SELECT throws_ok($q$SELECT topsis(x, normalization => 'foo') OVER () FROM d4$q$, '22023', NULL,
                 'topsis: normalization ''foo'' -> 22023');
SELECT throws_ok($q$SELECT topsis(x, normalization => '') OVER () FROM d4$q$, '22023', NULL,
                 'topsis: normalization '''' -> 22023');
SELECT throws_ok($q$SELECT topsis(x, normalization => n) OVER () FROM d4, (VALUES ('minmax'), ('vector')) o(n)$q$,
                 '22023', NULL, 'topsis: normalization changing between rows -> 22023');
SELECT throws_ok($q$SELECT topsis_detail(x, normalization => 'euclid') OVER () FROM d4$q$, '22023', NULL,
                 'topsis_detail: normalization ''euclid'' -> 22023');
SELECT throws_ok($q$SELECT topsis_detail(x, normalization => CASE WHEN i = 3 THEN 'vector' ELSE 'minmax' END) OVER () FROM d4$q$,
                 '22023', NULL, 'topsis_detail: normalization changing between rows -> 22023');
SELECT throws_ok($q$SELECT interpolate(v, t, 'cubic') OVER () FROM (VALUES (1.0::float8, 1.0::float8), (NULL, 2)) s(v, t)$q$,
                 '22023', NULL, 'interpolate: edges ''cubic'' -> 22023');
SELECT throws_ok($q$SELECT interpolate(v, t, '') OVER () FROM (VALUES (1.0::float8, 1.0::float8), (NULL, 2)) s(v, t)$q$,
                 '22023', NULL, 'interpolate: edges '''' -> 22023');
SELECT throws_ok($q$SELECT interpolate(v, t, e) OVER () FROM (VALUES (1.0::float8, 1.0::float8, 'none'), (NULL, 2, 'linear')) s(v, t, e)$q$,
                 '22023', NULL, 'interpolate: edges changing between rows -> 22023');

SELECT pg_temp.sy_same($q$SELECT array_agg(c ORDER BY i)::text FROM (SELECT i, topsis(x, NULL, ARRAY[1, -1, 1], NULL) OVER () AS c FROM d4) s$q$,
          ($q$SELECT array_agg(c ORDER BY i)::text FROM (SELECT i, topsis(x, NULL, ARRAY[1, -1, 1], 'minmax') OVER () AS c FROM d4) s$q$),
          'topsis: normalization NULL means the default ''minmax'' (exact)');
SELECT pg_temp.sy_same($q$SELECT array_agg(c ORDER BY i)::text FROM (SELECT i, topsis_detail(x, ARRAY[1, 1, 1], normalization => NULL) OVER () AS c FROM d4) s$q$,
          ($q$SELECT array_agg(c ORDER BY i)::text FROM (SELECT i, topsis_detail(x, ARRAY[1, 1, 1]) OVER () AS c FROM d4) s$q$),
          'topsis_detail: normalization NULL means the default ''minmax'' (exact)');
-- edges NULL = 'none': the leading and trailing gaps stay NULL, the inner one is filled (2)
SELECT is((SELECT array_agg(c ORDER BY t) FROM
             (SELECT t, interpolate(v, t, NULL) OVER () AS c
              FROM (VALUES (0.0::float8, NULL::float8), (1, 1), (2, NULL), (3, 3), (4, NULL)) s(t, v)) s),
          ARRAY[NULL, 1, 2, 3, NULL]::float8[],
          'interpolate: edges NULL means the default ''none'' (exact)');

------------------------------------------------------------------------------
-- 6. Size limits, and 10,000 indicators working
------------------------------------------------------------------------------

SELECT throws_ok(format('SELECT %s FROM (SELECT array_fill(1::float8, ARRAY[2001]) x UNION ALL SELECT array_fill(2::float8, ARRAY[2001])) s', f),
                 '54000', NULL, f || ' with 2,001 indicators -> 54000')
FROM unnest(ARRAY['critic_weights(x)', 'critic_weights(x, NULL::int[])',
                  'critic_weights_detail(x)', 'critic_weights_detail(x, NULL::int[])']) f;

-- 2,000 indicators are within CRITIC's limit
SELECT is(pg_temp.sy_text($q$SELECT cardinality(critic_weights(x))::text || ' ' || (abs((SELECT sum(v) FROM unnest(critic_weights(x)) v) - 1) <= 1e-12)::text FROM critic_2000$q$),
          '2000 true', 'critic_weights with 2,000 indicators: 2,000 weights summing to 1 within 1e-12');

-- 10,000 identical indicators: every weight 1/10,000 (by symmetry)
SELECT pg_temp.sy_close(pg_temp.sy_arr(format('SELECT %s FROM wide_same', f)), array_fill(1e-4::float8, ARRAY[10000]),
                        1e-12, f || ' with 10,000 identical indicators: each weight 1e-4 within 1e-12')
FROM unnest(ARRAY['entropy_weights(x)', 'entropy_weights(x, NULL::int[])', 'entropy_weights(x, NULL::int[], 0.01)',
                  '(entropy_weights_detail(x)).weight', 'stddev_weights(x)', 'cv_weights(x)']) f;

-- 10,000 varied indicators: 10,000 weights summing to 1
SELECT is(pg_temp.sy_text(format('SELECT cardinality(w)::text || '' '' || (abs((SELECT sum(v) FROM unnest(w) v) - 1) <= 1e-12)::text FROM (SELECT %s AS w FROM wide_varied) s', f)),
          '10000 true', f || ' with 10,000 varied indicators: 10,000 weights summing to 1 within 1e-12')
FROM unnest(ARRAY['entropy_weights(x)', 'entropy_weights(x, NULL::int[], 0.01)', '(entropy_weights_detail(x)).weight',
                  'stddev_weights(x)', 'cv_weights(x)']) f;

-- window functions over 10,000 identical indicators scored 0, 0.5, 1 in every column:
-- closeness and composite index 0, 0.5, 1
SELECT pg_temp.sy_close((SELECT array_agg(c ORDER BY i) FROM (SELECT i, topsis(x) OVER () AS c FROM wide_same) s),
                        ARRAY[0, 0.5, 1]::float8[], 1e-12, 'topsis(x) with 10,000 indicators: 0, 0.5, 1 within 1e-12');
SELECT pg_temp.sy_close((SELECT array_agg(c ORDER BY i) FROM (SELECT i, topsis(x, normalization => 'vector') OVER () AS c FROM wide_same) s),
                        ARRAY[0, 0.5, 1]::float8[], 1e-12, 'topsis(x, vector) with 10,000 indicators: 0, 0.5, 1 within 1e-12');
SELECT pg_temp.sy_close((SELECT array_agg((c).closeness ORDER BY i) FROM (SELECT i, topsis_detail(x, array_fill(1::float8, ARRAY[10000])) OVER () AS c FROM wide_same) s),
                        ARRAY[0, 0.5, 1]::float8[], 1e-12, 'topsis_detail(x, weights) with 10,000 indicators: 0, 0.5, 1 within 1e-12');
SELECT pg_temp.sy_close((SELECT array_agg(c ORDER BY i) FROM (SELECT i, composite_index(x) OVER () AS c FROM wide_same) s),
                        ARRAY[0, 0.5, 1]::float8[], 1e-12, 'composite_index(x) with 10,000 indicators: 0, 0.5, 1 within 1e-12');
SELECT pg_temp.sy_close((SELECT c FROM (SELECT i, minmax_normalize(x) OVER () AS c FROM wide_same) s WHERE i = 2),
                        array_fill(0.5::float8, ARRAY[10000]), 0, 'minmax_normalize(x) with 10,000 indicators: 10,000 scores of 0.5 (exact)');
SELECT is(pg_temp.sy_text($q$SELECT (count(*) FILTER (WHERE c BETWEEN 0 AND 1))::text FROM (SELECT topsis(x) OVER () AS c FROM wide_varied) s$q$),
          '5', 'topsis(x) with 10,000 varied indicators: 5 closeness values in [0, 1]');
SELECT is(pg_temp.sy_text($q$SELECT (count(*) FILTER (WHERE c BETWEEN 0 AND 1))::text FROM (SELECT composite_index(x) OVER () AS c FROM wide_varied) s$q$),
          '5', 'composite_index(x) with 10,000 varied indicators: 5 values in [0, 1]');

------------------------------------------------------------------------------
-- 7. Aggregates: NULL rows, no rows, one row, no range (12 forms each)
------------------------------------------------------------------------------

CREATE TEMP TABLE afn (ord int, name text, expr text);
INSERT INTO afn VALUES
  (1,  'entropy_weights(x)',                           'entropy_weights(x)'),
  (2,  'entropy_weights(x, directions)',               'entropy_weights(x, NULL::int[])'),
  (3,  'entropy_weights(x, directions, shift)',        'entropy_weights(x, NULL::int[], 0.01)'),
  (4,  'entropy_weights_detail(x)',                    '(entropy_weights_detail(x)).weight'),
  (5,  'entropy_weights_detail(x, directions)',        '(entropy_weights_detail(x, NULL::int[])).weight'),
  (6,  'entropy_weights_detail(x, directions, shift)', '(entropy_weights_detail(x, NULL::int[], 0.01)).weight'),
  (7,  'critic_weights(x)',                            'critic_weights(x)'),
  (8,  'critic_weights(x, directions)',                'critic_weights(x, NULL::int[])'),
  (9,  'critic_weights_detail(x)',                     '(critic_weights_detail(x)).weight'),
  (10, 'critic_weights_detail(x, directions)',         '(critic_weights_detail(x, NULL::int[])).weight'),
  (11, 'stddev_weights(x)',                            'stddev_weights(x)'),
  (12, 'cv_weights(x)',                                'cv_weights(x)');

-- no rows, every row NULL: NULL (the whole result, also for the _detail forms)
SELECT is(pg_temp.sy_text(format('SELECT (%s)::text FROM d3 WHERE false', replace(expr, '.weight', ''))), NULL,
          name || ': no rows -> NULL')
FROM (SELECT * FROM afn ORDER BY ord) f;
SELECT is(pg_temp.sy_text(format('SELECT (%s)::text FROM (VALUES (NULL::float8[]), (NULL)) t(x)', replace(expr, '.weight', ''))), NULL,
          name || ': every row NULL -> NULL')
FROM (SELECT * FROM afn ORDER BY ord) f;

-- one row, and no indicator with a range: weights undefined
SELECT ok(pg_temp.sy_undefined(pg_temp.sy_text(format($q$SELECT (%s)::text FROM (VALUES ('{1,2,3}'::float8[])) t(x)$q$, expr))),
          name || ': one row -> NULL weights')
FROM (SELECT * FROM afn ORDER BY ord) f;
SELECT ok(pg_temp.sy_undefined(pg_temp.sy_text(format($q$SELECT (%s)::text FROM (VALUES ('{1,2,3}'::float8[]), ('{1,2,3}'), (NULL), ('{1,2,3}')) t(x)$q$, expr))),
          name || ': no indicator with a range -> NULL weights')
FROM (SELECT * FROM afn ORDER BY ord) f;

-- D3 (third indicator without range): weights (0.5, 0.5, 0), see the data section
SELECT pg_temp.sy_close(pg_temp.sy_arr(format('SELECT %s FROM d3', expr)), ARRAY[0.5, 0.5, 0]::float8[], 1e-12,
                        name || ': an indicator without range gets weight 0; (0.5, 0.5, 0) within 1e-12')
FROM (SELECT * FROM afn ORDER BY ord) f;

-- NULL rows are ignored: D3 with NULL rows before, between and after
SELECT pg_temp.sy_close(pg_temp.sy_arr(format('SELECT %s FROM (SELECT NULL::float8[] AS x UNION ALL SELECT x FROM d3 UNION ALL SELECT NULL UNION ALL SELECT NULL) s', expr)),
                        ARRAY[0.5, 0.5, 0]::float8[], 1e-12, name || ': NULL rows ignored; (0.5, 0.5, 0) within 1e-12')
FROM (SELECT * FROM afn ORDER BY ord) f;

-- what lies behind the zero weight
SELECT is((SELECT (d).n FROM (SELECT entropy_weights_detail(x) AS d FROM (SELECT x FROM d3 UNION ALL SELECT NULL) s) s),
          3::bigint, 'entropy_weights_detail: n counts the non-NULL rows (3)');
SELECT is((SELECT (d).n FROM (SELECT critic_weights_detail(x) AS d FROM (SELECT x FROM d3 UNION ALL SELECT NULL) s) s),
          3::bigint, 'critic_weights_detail: n counts the non-NULL rows (3)');
-- entropy of columns 1 and 2: p = (0, 1/3, 2/3), e = 1 - 2 ln 2 / (3 ln 3); column 3: e = 1, d = 0
SELECT pg_temp.sy_close((SELECT (entropy_weights_detail(x)).entropy FROM d3),
                        ARRAY[1 - 2 * ln(2) / (3 * ln(3)), 1 - 2 * ln(2) / (3 * ln(3)), 1]::float8[], 1e-12,
                        'entropy_weights_detail: entropy (1 - 2ln2/3ln3, same, 1) within 1e-12');
SELECT is((SELECT (entropy_weights_detail(x)).divergence[3] FROM d3), 0::float8,
          'entropy_weights_detail: divergence of the indicator without range is 0 (exact)');
SELECT is((SELECT (entropy_weights_detail(x)).divergence FROM (VALUES ('{1,2}'::float8[]), ('{1,2}')) t(x)),
          ARRAY[0, 0]::float8[], 'entropy_weights_detail: no indicator with a range -> every divergence 0 (exact)');
-- CRITIC: sd of scores (0.5, 0.5, 0), conflict (1.5, 1.5, 0), information (0.75, 0.75, 0)
SELECT pg_temp.sy_close((SELECT (d).sd || (d).conflict || (d).information FROM (SELECT critic_weights_detail(x) AS d FROM d3) s),
                        ARRAY[0.5, 0.5, 0, 1.5, 1.5, 0, 0.75, 0.75, 0]::float8[], 1e-12,
                        'critic_weights_detail: sd, conflict, information of D3 within 1e-12 (0 for the indicator without range)');

-- directions NULL = all benefit (exact: the same computation).  The NULL is
-- typed: since 0.3.0 the aggregates have an (x, options weight_options)
-- overload too, so entropy_weights(x, NULL) with an untyped NULL is ambiguous.
SELECT pg_temp.sy_same(format('SELECT (%s)::text FROM d4', expr),
          (format('SELECT (%s)::text FROM d4', replace(expr, 'NULL::int[]', 'ARRAY[1, 1, 1]'))),
          name || ': directions NULL equals ARRAY[1, 1, 1]')
FROM (SELECT * FROM afn WHERE expr LIKE '%NULL::int[]%' ORDER BY ord) f;

-- shift NULL = 0 (exact)
SELECT is((SELECT entropy_weights(x, ARRAY[1, -1, 1], NULL) FROM d4), (SELECT entropy_weights(x, ARRAY[1, -1, 1], 0) FROM d4),
          'entropy_weights: shift NULL equals shift 0');
SELECT is((SELECT entropy_weights(x, NULL, NULL) FROM d4), (SELECT entropy_weights(x) FROM d4),
          'entropy_weights(x, NULL, NULL) equals entropy_weights(x)');
SELECT is((SELECT entropy_weights_detail(x, ARRAY[1, -1, 1], NULL) FROM d4), (SELECT entropy_weights_detail(x, ARRAY[1, -1, 1], 0) FROM d4),
          'entropy_weights_detail: shift NULL equals shift 0');
-- a shift is applied: scores (0, 0.5, 1) and (0, 0, 1) plus 0.1 are (0.1, 0.6, 1.1) and
-- (0.1, 0.1, 1.1); e = -sum(p ln p) / ln 3, w = (1 - e) / sum(1 - e)
SELECT pg_temp.sy_close(
  (SELECT entropy_weights(x, NULL, 0.1) FROM (VALUES ('{0,0}'::float8[]), ('{1,0}'), ('{2,4}')) t(x)),
  (WITH p AS (SELECT j, z / sum(z) OVER (PARTITION BY j) AS p
              FROM (VALUES (1, 0.1::float8), (1, 0.6), (1, 1.1), (2, 0.1), (2, 0.1), (2, 1.1)) v(j, z)),
        d AS (SELECT j, 1 + sum(p * ln(p)) / ln(3) AS d FROM p GROUP BY j)
   SELECT array_agg(d / (SELECT sum(d) FROM d) ORDER BY j) FROM d),
  1e-12, 'entropy_weights with shift 0.1 matches the formula within 1e-12');

-- cv_weights: a varying indicator with mean 0 is an error, a constant 0 is not
SELECT throws_ok($q$SELECT cv_weights(x) FROM (VALUES ('{-1,1}'::float8[]), ('{1,2}')) t(x)$q$, '22023', NULL,
                 'cv_weights: varying indicator with mean 0 (-1, 1) -> 22023');
SELECT throws_ok($q$SELECT cv_weights(x) FROM (VALUES ('{5,-2}'::float8[]), ('{6,1}'), ('{7,1}')) t(x)$q$, '22023', NULL,
                 'cv_weights: varying indicator with mean 0 (-2, 1, 1) -> 22023');
-- column 1: mean 2, sd 1, CV 0.5; column 2 constant 0: CV 0
SELECT pg_temp.sy_close((SELECT cv_weights(x) FROM (VALUES ('{1,0}'::float8[]), ('{2,0}'), ('{3,0}')) t(x)),
                        ARRAY[1, 0]::float8[], 1e-12, 'cv_weights: a constant 0 indicator is no error, weight 0 (within 1e-12)');

------------------------------------------------------------------------------
-- 8. Window functions: NULL rows, no rows, one row, no range
------------------------------------------------------------------------------

-- no rows: no result rows
SELECT is_empty(format('SELECT %s OVER () FROM d3 WHERE false', f), f || ': no rows -> no rows')
FROM unnest(ARRAY['topsis(x)', 'topsis_detail(x)', 'composite_index(x)', 'minmax_normalize(x)',
                  'minmax_normalize(x[1])', 'interpolate(x[1], i)']) f;

-- every row NULL: NULL for every row
SELECT is(pg_temp.sy_text(format('SELECT count(*)::text || '' '' || bool_and(c IS NULL)::text FROM (SELECT %s OVER () AS c FROM (VALUES (1, NULL::float8[]), (2, NULL), (3, NULL)) t(i, x)) s', f)),
          '3 true', f || ': every row NULL -> NULL for every row')
FROM unnest(ARRAY['topsis(x)', 'topsis(x, ARRAY[1, 1])', 'topsis_detail(x)', 'composite_index(x)', 'composite_index(x, ARRAY[1, 1])',
                  'minmax_normalize(x)', 'minmax_normalize(x[1])', 'minmax_normalize(x[1], -1)',
                  'interpolate(x[1], i)', 'interpolate(x[1], i, ''nearest'')', 'interpolate(x[1], i, ''linear'')']) f;

-- one row
SELECT is((SELECT minmax_normalize(x) OVER () FROM (VALUES ('{4,5,6}'::float8[])) t(x)), ARRAY[0, 0, 0]::float8[],
          'minmax_normalize(x float8[]): one row -> every score 0');
SELECT is((SELECT minmax_normalize(x, ARRAY[1, -1, 1]) OVER () FROM (VALUES ('{4,5,6}'::float8[])) t(x)), ARRAY[0, 0, 0]::float8[],
          'minmax_normalize(x, directions): one row -> every score 0, costs too');
SELECT is((SELECT minmax_normalize(v) OVER () FROM (VALUES (7.5::float8)) t(v)), 0::float8,
          'minmax_normalize(x float8): one row -> 0');
SELECT is((SELECT minmax_normalize(v, -1) OVER () FROM (VALUES (7.5::float8)) t(v)), 0::float8,
          'minmax_normalize(x float8, -1): one row -> 0');
SELECT is((SELECT topsis(x) OVER () FROM (VALUES ('{4,5,6}'::float8[])) t(x)), NULL,
          'topsis(x): one row -> NULL');
SELECT is((SELECT topsis(x, ARRAY[1, 2, 3]) OVER () FROM (VALUES ('{4,5,6}'::float8[])) t(x)), NULL,
          'topsis(x, weights): one row -> NULL');
SELECT is((SELECT topsis(x, ARRAY[1, 2, 3], normalization => 'vector') OVER () FROM (VALUES ('{4,5,6}'::float8[])) t(x)), NULL,
          'topsis(x, weights, vector): one row -> NULL');
SELECT is((SELECT (topsis_detail(x, ARRAY[1, 2, 3]) OVER ()).closeness FROM (VALUES ('{4,5,6}'::float8[])) t(x)), NULL,
          'topsis_detail(x, weights): one row -> closeness NULL');
SELECT is((SELECT composite_index(x, ARRAY[1, 2, 3]) OVER () FROM (VALUES ('{4,5,6}'::float8[])) t(x)), 0::float8,
          'composite_index(x, weights): one row -> 0');
SELECT is((SELECT composite_index(x) OVER () FROM (VALUES ('{4,5,6}'::float8[])) t(x)), NULL,
          'composite_index(x) with entropy weights: one row -> NULL');
SELECT is((SELECT interpolate(v, 2019, 'linear') OVER () FROM (VALUES (7.5::float8)) t(v)), 7.5::float8,
          'interpolate: one observed row -> its x');

-- a NULL row gets NULL and takes no part: D3 with a NULL row 4 inserted second
CREATE TEMP TABLE d3n (i int, x float8[]);
INSERT INTO d3n SELECT * FROM d3 WHERE i = 1;
INSERT INTO d3n VALUES (4, NULL);
INSERT INTO d3n SELECT * FROM d3 WHERE i > 1;
SELECT pg_temp.sy_same(format('SELECT array_agg(c::text ORDER BY i)::text FROM (SELECT i, %s OVER () AS c FROM d3n) s', f),
          (format('SELECT (array_agg(c::text ORDER BY i) || NULL::text)::text FROM (SELECT i, %s OVER () AS c FROM d3) s', f)),
          f || ': a NULL row -> NULL, the other rows as without it')
FROM unnest(ARRAY['topsis(x)', 'topsis(x, ARRAY[1, 2, 3], ARRAY[1, -1, 1], ''vector'')', 'topsis_detail(x)',
                  'composite_index(x)', 'composite_index(x, ARRAY[1, 2, 3])', 'minmax_normalize(x, ARRAY[-1, 1, 1])',
                  'minmax_normalize(x[2])', 'minmax_normalize(x[2], -1)']) f;

-- an indicator without range (D3, column 3) scores 0 and moves no row
SELECT is((SELECT array_agg(c ORDER BY i) FROM (SELECT i, minmax_normalize(x) OVER () AS c FROM d3) s),
          ARRAY[[0, 1, 0], [0.5, 0, 0], [1, 0.5, 0]]::float8[],
          'minmax_normalize(x): scores of D3, 0 for the indicator without range (exact)');
SELECT is((SELECT array_agg(c ORDER BY i) FROM (SELECT i, minmax_normalize(x, ARRAY[1, -1, -1]) OVER () AS c FROM d3) s),
          ARRAY[[0, 0, 0], [0.5, 1, 0], [1, 0.5, 0]]::float8[],
          'minmax_normalize(x, directions): costs reversed, 0 for the indicator without range even as a cost (exact)');
SELECT is((SELECT array_agg(c ORDER BY v) FROM (SELECT v, minmax_normalize(v, -1) OVER () AS c FROM (VALUES (3.0::float8), (3), (3)) t(v)) s),
          ARRAY[0, 0, 0]::float8[], 'minmax_normalize(x float8, -1): no range -> 0 (exact)');
-- weights (1/3 each): weighted scores row 1 (0, 1/3), row 2 (1/6, 0), row 3 (1/3, 1/6);
-- scaled by 2 (closeness does not change): (0, .5), (.25, 0), (.5, .25), ideal (.5, .5), anti (0, 0):
-- C1 = .5 / (.5 + .5) = 0.5, C2 = .25 / (.25 + sqrt(.3125)), C3 = sqrt(.3125) / (.25 + sqrt(.3125))
SELECT pg_temp.sy_close((SELECT array_agg(c ORDER BY i) FROM (SELECT i, topsis(x, ARRAY[1, 1, 1]) OVER () AS c FROM d3) s),
                        ARRAY[0.5, 0.25 / (0.25 + sqrt(0.3125)), sqrt(0.3125) / (0.25 + sqrt(0.3125))]::float8[], 1e-12,
                        'topsis(x, weights) on D3: closeness by hand within 1e-12');
SELECT pg_temp.sy_close((SELECT array_agg(c ORDER BY i) FROM (SELECT i, topsis(x) OVER () AS c FROM d3) s),
                        ARRAY[0.5, 0.25 / (0.25 + sqrt(0.3125)), sqrt(0.3125) / (0.25 + sqrt(0.3125))]::float8[], 1e-12,
                        'topsis(x) on D3 (entropy weights 0.5, 0.5, 0): the same closeness within 1e-12');
SELECT pg_temp.sy_close((SELECT array_agg(c ORDER BY i) FROM (SELECT i, topsis(x, ARRAY[1, 1, 1], normalization => 'vector') OVER () AS c FROM d3) s),
                        (SELECT array_agg(c ORDER BY i) FROM (SELECT i, topsis(x[1:2], ARRAY[1, 1], normalization => 'vector') OVER () AS c FROM d3) s),
                        1e-12, 'topsis(x, weights, vector): the constant indicator moves no row (as without it, within 1e-12)');
SELECT pg_temp.sy_close((SELECT array_agg((c).closeness ORDER BY i) FROM (SELECT i, topsis_detail(x, ARRAY[1, 1, 1]) OVER () AS c FROM d3) s),
                        (SELECT array_agg(c ORDER BY i) FROM (SELECT i, topsis(x[1:2], ARRAY[1, 1]) OVER () AS c FROM d3) s),
                        1e-12, 'topsis_detail(x, weights): the constant indicator moves no row (as without it, within 1e-12)');
-- composite with weights 1/3 each: (0 + 1 + 0)/3, (0.5 + 0 + 0)/3, (1 + 0.5 + 0)/3
SELECT pg_temp.sy_close((SELECT array_agg(c ORDER BY i) FROM (SELECT i, composite_index(x, ARRAY[1, 1, 1]) OVER () AS c FROM d3) s),
                        ARRAY[1.0 / 3, 1.0 / 6, 0.5]::float8[], 1e-12, 'composite_index(x, weights) on D3: (1/3, 1/6, 1/2) within 1e-12');
-- entropy weights (0.5, 0.5, 0): 0.5, 0.25, 0.75
SELECT pg_temp.sy_close((SELECT array_agg(c ORDER BY i) FROM (SELECT i, composite_index(x) OVER () AS c FROM d3) s),
                        ARRAY[0.5, 0.25, 0.75]::float8[], 1e-12, 'composite_index(x) on D3: (0.5, 0.25, 0.75) within 1e-12');

-- no indicator with a range
CREATE TEMP TABLE flat (i int, x float8[]);
INSERT INTO flat VALUES (1, ARRAY[1, 2]), (2, ARRAY[1, 2]), (3, ARRAY[1, 2]);
SELECT is(pg_temp.sy_text(format('SELECT array_agg(c ORDER BY i)::text FROM (SELECT i, %s OVER () AS c FROM flat) s', f)),
          '{NULL,NULL,NULL}', f || ': no indicator with a range -> NULL')
FROM unnest(ARRAY['topsis(x)', 'topsis(x, ARRAY[1, 3])', 'topsis(x, ARRAY[1, 3], ARRAY[-1, 1], ''vector'')',
                  'topsis(x, normalization => ''vector'')', 'composite_index(x)']) f;
SELECT is((SELECT array_agg(c ORDER BY i) FROM (SELECT i, composite_index(x, ARRAY[1, 3], ARRAY[-1, 1]) OVER () AS c FROM flat) s),
          ARRAY[0, 0, 0]::float8[], 'composite_index(x, weights): no indicator with a range -> 0 for every row');
SELECT is((SELECT array_agg(c ORDER BY i) FROM (SELECT i, minmax_normalize(x) OVER () AS c FROM flat) s),
          ARRAY[[0, 0], [0, 0], [0, 0]]::float8[], 'minmax_normalize(x): no indicator with a range -> every score 0');
SELECT is((SELECT array_agg(c::text ORDER BY i) FROM (SELECT i, topsis_detail(x, ARRAY[1, 3]) OVER () AS c FROM flat) s),
          ARRAY['(0,0,)', '(0,0,)', '(0,0,)'], 'topsis_detail: no indicator with a range -> D+ = D- = 0, closeness NULL');

-- directions NULL = all benefit (exact)
SELECT pg_temp.sy_same(format('SELECT array_agg(c ORDER BY i)::text FROM (SELECT i, %s OVER () AS c FROM d4) s', replace(f, 'DIR', 'NULL')),
          (format('SELECT array_agg(c ORDER BY i)::text FROM (SELECT i, %s OVER () AS c FROM d4) s', replace(f, 'DIR', 'ARRAY[1, 1, 1]'))),
          f || ': directions NULL equals ARRAY[1, 1, 1]')
FROM unnest(ARRAY['topsis(x, directions => DIR)', 'topsis(x, ARRAY[1, 2, 3], DIR, ''vector'')', 'topsis_detail(x, directions => DIR)',
                  'composite_index(x, directions => DIR)', 'minmax_normalize(x, DIR)']) f;

-- weights NULL = the entropy weights of the partition (within 1e-12)
SELECT pg_temp.sy_close((SELECT array_agg(c ORDER BY i) FROM (SELECT i, topsis(x, directions => ARRAY[1, -1, 1]) OVER () AS c FROM d4) s),
                        (SELECT array_agg(c ORDER BY i) FROM (SELECT i, topsis(x, (SELECT entropy_weights(x, ARRAY[1, -1, 1]) FROM d4), ARRAY[1, -1, 1]) OVER () AS c FROM d4) s),
                        1e-12, 'topsis: weights NULL equals the entropy_weights of the partition within 1e-12');
SELECT pg_temp.sy_close((SELECT array_agg(c ORDER BY i) FROM (SELECT i, composite_index(x, directions => ARRAY[1, -1, 1]) OVER () AS c FROM d4) s),
                        (SELECT array_agg(c ORDER BY i) FROM (SELECT i, composite_index(x, (SELECT entropy_weights(x, ARRAY[1, -1, 1]) FROM d4), ARRAY[1, -1, 1]) OVER () AS c FROM d4) s),
                        1e-12, 'composite_index: weights NULL equals the entropy_weights of the partition within 1e-12');
SELECT pg_temp.sy_close((SELECT array_agg(c ORDER BY i) FROM (SELECT i, topsis(x) OVER (PARTITION BY i <= 2) AS c FROM d4) s),
                        (SELECT array_agg(c ORDER BY i) FROM (
                           SELECT i, topsis(x, (SELECT entropy_weights(x) FROM d4 WHERE i <= 2)) OVER () AS c FROM d4 WHERE i <= 2
                           UNION ALL
                           SELECT i, topsis(x, (SELECT entropy_weights(x) FROM d4 WHERE i > 2)) OVER () AS c FROM d4 WHERE i > 2) s),
                        1e-12, 'topsis: weights NULL are the entropy weights of each partition, within 1e-12');

-- weights not summing to 1 are rescaled.  Weights (2, 6, 0) are (0.25, 0.75, 0):
-- composite: 0.75 * 1, 0.25 * 0.5, 0.25 * 1 + 0.75 * 0.5 = (0.75, 0.125, 0.625);
-- topsis: weighted scores (0, .75), (.125, 0), (.25, .375), ideal (.25, .75), anti (0, 0):
-- C1 = .75 / (.25 + .75), C2 = .125 / (.125 + sqrt(.578125)), C3 = sqrt(.203125) / (.375 + sqrt(.203125))
SELECT pg_temp.sy_close((SELECT array_agg(c ORDER BY i) FROM (SELECT i, composite_index(x, ARRAY[2, 6, 0]) OVER () AS c FROM d3) s),
                        ARRAY[0.75, 0.125, 0.625]::float8[], 1e-12, 'composite_index(x, ARRAY[2, 6, 0]): rescaled to (0.25, 0.75, 0); by hand within 1e-12');
SELECT pg_temp.sy_close((SELECT array_agg(c ORDER BY i) FROM (SELECT i, composite_index(x, ARRAY[2, 6, 0]) OVER () AS c FROM d3) s),
                        (SELECT array_agg(c ORDER BY i) FROM (SELECT i, composite_index(x, ARRAY[0.25, 0.75, 0]) OVER () AS c FROM d3) s),
                        1e-12, 'composite_index(x, ARRAY[2, 6, 0]) equals composite_index(x, ARRAY[0.25, 0.75, 0]) within 1e-12');
SELECT pg_temp.sy_close((SELECT array_agg(c ORDER BY i) FROM (SELECT i, topsis(x, ARRAY[2, 6, 0]) OVER () AS c FROM d3) s),
                        ARRAY[0.75, 0.125 / (0.125 + sqrt(0.578125)), sqrt(0.203125) / (0.375 + sqrt(0.203125))]::float8[], 1e-12,
                        'topsis(x, ARRAY[2, 6, 0]): by hand within 1e-12');
SELECT pg_temp.sy_close((SELECT array_agg(c ORDER BY i) FROM (SELECT i, topsis(x, ARRAY[2, 6, 0]) OVER () AS c FROM d3) s),
                        (SELECT array_agg(c ORDER BY i) FROM (SELECT i, topsis(x, ARRAY[0.25, 0.75, 0]) OVER () AS c FROM d3) s),
                        1e-12, 'topsis(x, ARRAY[2, 6, 0]) equals topsis(x, ARRAY[0.25, 0.75, 0]) within 1e-12');
SELECT pg_temp.sy_close((SELECT array_agg(c ORDER BY i) FROM (SELECT i, topsis(x, ARRAY[20, 40, 30], ARRAY[1, -1, 1], 'vector') OVER () AS c FROM d4) s),
                        (SELECT array_agg(c ORDER BY i) FROM (SELECT i, topsis(x, ARRAY[2.0 / 9, 4.0 / 9, 3.0 / 9], ARRAY[1, -1, 1], 'vector') OVER () AS c FROM d4) s),
                        1e-12, 'topsis(x, ARRAY[20, 40, 30], vector) equals the weights (2, 4, 3)/9 within 1e-12');
SELECT pg_temp.sy_close((SELECT array_agg(ARRAY[(c).d_plus, (c).d_minus, (c).closeness] ORDER BY i) FROM (SELECT i, topsis_detail(x, ARRAY[20, 40, 30], ARRAY[1, -1, 1], 'vector') OVER () AS c FROM d4) s),
                        (SELECT array_agg(ARRAY[(c).d_plus, (c).d_minus, (c).closeness] ORDER BY i) FROM (SELECT i, topsis_detail(x, ARRAY[2.0 / 9, 4.0 / 9, 3.0 / 9], ARRAY[1, -1, 1], 'vector') OVER () AS c FROM d4) s),
                        1e-12, 'topsis_detail(x, ARRAY[20, 40, 30], vector): D+, D- and closeness of the rescaled weights within 1e-12');
SELECT pg_temp.sy_close((SELECT array_agg(c ORDER BY i) FROM (SELECT i, composite_index(x, ARRAY[1e-320, 1e-320, 0]) OVER () AS c FROM d3) s),
                        ARRAY[0.5, 0.25, 0.75]::float8[], 1e-12, 'composite_index: tiny (subnormal) weights are rescaled; within 1e-12');
-- finite weights whose float8 sum overflows are still weights "not summing to 1"
SELECT pg_temp.sy_same($q$SELECT array_agg(c ORDER BY i)::text FROM (SELECT i, composite_index(x, ARRAY[1e308, 1e308, 0]) OVER () AS c FROM d3) s$q$,
          ($q$SELECT array_agg(c ORDER BY i)::text FROM (SELECT i, composite_index(x, ARRAY[1, 1, 0]) OVER () AS c FROM d3) s$q$),
          'composite_index: huge finite weights (1e308, 1e308, 0) are rescaled like (1, 1, 0)');
SELECT pg_temp.sy_same($q$SELECT array_agg(c ORDER BY i)::text FROM (SELECT i, topsis(x, ARRAY[1e308, 1e308, 1e308]) OVER () AS c FROM d4) s$q$,
          ($q$SELECT array_agg(c ORDER BY i)::text FROM (SELECT i, topsis(x, ARRAY[1, 1, 1]) OVER () AS c FROM d4) s$q$),
          'topsis: huge finite weights (1e308 x 3) are rescaled like (1, 1, 1)');

------------------------------------------------------------------------------
-- 9. minmax_normalize(x float8, direction) and interpolate
------------------------------------------------------------------------------

SELECT throws_ok(format('SELECT %s OVER () FROM (VALUES (1.0::float8, 1, 1), (%s, 2, 2)) t(v, t, d)', f, v), '22023', NULL,
                 f || ': x ' || v || ' -> 22023')
FROM unnest(ARRAY['minmax_normalize(v)', 'minmax_normalize(v, d)', 'interpolate(v, t)', 'interpolate(v, t, ''linear'')']) f,
     unnest(ARRAY['''NaN''::float8', '''Infinity''::float8', '''-Infinity''::float8']) v;
SELECT throws_ok(format('SELECT minmax_normalize(v, %s) OVER () FROM (VALUES (1.0::float8), (2)) t(v)', d), '22023', NULL,
                 'minmax_normalize(x float8, ' || d || ') -> 22023')
FROM unnest(ARRAY['0', '2', '-2']) d;
SELECT throws_ok($q$SELECT minmax_normalize(v, d) OVER () FROM (VALUES (1.0::float8, 1), (2, 1), (3, 0)) t(v, d)$q$, '22023', NULL,
                 'minmax_normalize(x float8, direction): direction 0 in a later row -> 22023');
-- the scalar form reads direction per row (docs/reference.md): NULL = benefit, costs reversed
SELECT is((SELECT array_agg(c ORDER BY v) FROM (SELECT v, minmax_normalize(v, NULL) OVER () AS c FROM (VALUES (10.0::float8), (15), (20)) t(v)) s),
          ARRAY[0, 0.5, 1]::float8[], 'minmax_normalize(x float8, NULL): NULL direction means benefit (exact)');
SELECT is((SELECT array_agg(c ORDER BY v) FROM (SELECT v, minmax_normalize(v, d) OVER () AS c FROM (VALUES (10.0::float8, -1), (15, 1), (20, NULL)) t(v, d)) s),
          ARRAY[1, 0.5, 1]::float8[], 'minmax_normalize(x float8, direction): direction read per row, (20-10)/10, (15-10)/10, (20-10)/10 (exact)');

-- interpolate: t
SELECT throws_ok(format('SELECT interpolate(v, t) OVER () FROM (VALUES (1.0::float8, 1.0::float8), (NULL, 2), (3, %s)) s(v, t)', t), '22023', NULL,
                 'interpolate: t ' || t || ' -> 22023')
FROM unnest(ARRAY['''NaN''::float8', '''Infinity''::float8', '''-Infinity''::float8']) t;
SELECT throws_ok($q$SELECT interpolate(v, t) OVER () FROM (VALUES (1.0::float8, 2010), (NULL, 2011), (3, 2010)) s(v, t)$q$, '22023', NULL,
                 'interpolate: t repeated -> 22023');
SELECT throws_ok($q$SELECT interpolate(v, t, 'nearest') OVER () FROM (VALUES (NULL::float8, 2010), (NULL, 2011), (NULL, 2010)) s(v, t)$q$, '22023', NULL,
                 'interpolate: t repeated on rows whose x is NULL -> 22023');
SELECT lives_ok($q$SELECT interpolate(v, t) OVER (PARTITION BY p) FROM (VALUES (1, 1.0::float8, 2010), (2, 2, 2010)) s(p, v, t)$q$,
                'interpolate: the same t in different partitions is fine');
-- t NULL: x returned unchanged, and the row (x = 100) takes no part in the fill,
-- so t = 2 is filled from t = 1 and t = 3 (2), and t = 0 / t = 4 by the line (0, 4)
SELECT is((SELECT array_agg(c ORDER BY id) FROM
             (SELECT id, interpolate(v, t, 'linear') OVER () AS c
              FROM (VALUES (1, 1.0::float8, 1.0::float8), (2, NULL, 100), (3, 3, 3), (4, 2, NULL),
                           (5, NULL, NULL), (6, 0, NULL), (7, 4, NULL)) s(id, t, v)) s),
          ARRAY[1, 100, 3, 2, NULL, 0, 4]::float8[],
          'interpolate: t NULL -> x unchanged (100, NULL), the row not used for filling (exact)');
SELECT is((SELECT array_agg(c ORDER BY id) FROM
             (SELECT id, interpolate(v, t, 'nearest') OVER () AS c
              FROM (VALUES (1, NULL::float8, 5.0::float8), (2, NULL, NULL)) s(id, t, v)) s),
          ARRAY[5, NULL]::float8[], 'interpolate: every t NULL -> every x unchanged');

------------------------------------------------------------------------------
-- 10. Finite values whose range exceeds float8 (max - min > 1.8e308): every
--     min-max score divides by max - min, so this is a clear 22003 (README:
--     rescale the indicator), never a NaN or a silently wrong score.
------------------------------------------------------------------------------

SELECT throws_ok($q$SELECT minmax_normalize(v) OVER () FROM (VALUES (-1e308::float8), (0), (1e308)) t(v)$q$,
                 '22003', NULL, 'minmax_normalize(x float8): -1e308 .. 1e308 -> 22003');
SELECT throws_ok($q$SELECT minmax_normalize(x) OVER () FROM (VALUES ('{-1e308,1}'::float8[]), ('{0,2}'), ('{1e308,3}')) t(x)$q$,
                 '22003', NULL, 'minmax_normalize(x float8[]): a column -1e308 .. 1e308 -> 22003');
SELECT throws_ok($q$SELECT composite_index(x, ARRAY[1, 1]) OVER () FROM (VALUES ('{-1e308,1}'::float8[]), ('{0,2}'), ('{1e308,3}')) t(x)$q$,
                 '22003', NULL, 'composite_index: a column -1e308 .. 1e308 -> 22003');
SELECT throws_ok($q$SELECT entropy_weights(x) FROM (VALUES ('{-1e308,1}'::float8[]), ('{0,2}'), ('{1e308,3}')) t(x)$q$,
                 '22003', NULL, 'entropy_weights: a column -1e308 .. 1e308 -> 22003');
SELECT throws_ok($q$SELECT interpolate(v, t) OVER () FROM (VALUES (-1e308::float8, 1::float8), (0, NULL), (1e308, 3)) s(t, v)$q$,
                 '22003', NULL, 'interpolate: t spanning -1e308 .. 1e308 -> 22003');

------------------------------------------------------------------------------
-- 11. Message quality: SQLSTATE, message names the function, DETAIL gives
--     the position or value, HINT is not empty
------------------------------------------------------------------------------

CREATE TEMP TABLE msg (ord int, q text, code text, fname text, detail text);
INSERT INTO msg VALUES
  (1,  $q$SELECT topsis(x) OVER () FROM (VALUES ('{1,2}'::float8[]), ('{3,1}'), ('{5,NULL}')) t(x)$q$,
       '22004', 'topsis', '^Element 2 is NULL in row 3 of the partition\.$'),
  (2,  $q$SELECT entropy_weights(x) FROM (VALUES ('{1,2}'::float8[]), ('{3,NULL}')) t(x)$q$,
       '22004', 'entropy_weights', 'Element 2 is NULL'),
  (3,  $q$SELECT entropy_weights_detail(x, ARRAY[1, -1]) FROM (VALUES ('{1,2}'::float8[]), ('{NaN,1}')) t(x)$q$,
       '22023', 'entropy_weights_detail', 'Element 1 is NaN'),
  (4,  $q$SELECT stddev_weights(x) FROM (VALUES ('{1,2}'::float8[]), ('{3,Infinity}')) t(x)$q$,
       '22023', 'stddev_weights', 'Element 2 is Infinity'),
  (5,  $q$SELECT cv_weights(x) FROM (VALUES ('{1,2}'::float8[]), ('{3,-Infinity}')) t(x)$q$,
       '22023', 'cv_weights', 'Element 2 is -Infinity'),
  (6,  $q$SELECT critic_weights_detail(x) FROM (VALUES ('{1,2}'::float8[]), ('{3,1,2}')) t(x)$q$,
       '2202E', 'critic_weights_detail', 'number of indicators at 2'),
  (7,  $q$SELECT critic_weights(x) FROM (SELECT array_fill(1::float8, ARRAY[2001]) x) s$q$,
       '54000', 'critic_weights', '2001'),
  (8,  $q$SELECT minmax_normalize(x) OVER () FROM (SELECT array_fill(1::float8, ARRAY[100001]) x) s$q$,
       '54000', 'minmax_normalize', '100001'),
  (9,  $q$SELECT composite_index(x, ARRAY[1, -0.5]) OVER () FROM (VALUES ('{1,2}'::float8[]), ('{3,1}')) t(x)$q$,
       '22023', 'composite_index', 'Element 2 is -0\.5'),
  (10, $q$SELECT composite_index(x) OVER () FROM (VALUES ('{1,2}'::float8[]), ('{3,1,4}')) t(x)$q$,
       '2202E', 'composite_index', 'row 2 of the partition'),
  (11, $q$SELECT topsis_detail(x, directions => d) OVER () FROM (VALUES ('{1,2}'::float8[], '{1,-1}'::int[]), ('{3,1}', '{1,-1}'), ('{2,2}', '{1,1}')) t(x, d)$q$,
       '22023', 'topsis_detail', 'row 3 of the partition'),
  (12, $q$SELECT minmax_normalize(x, ARRAY[1, 0]) OVER () FROM (VALUES ('{1,2}'::float8[]), ('{3,1}')) t(x)$q$,
       '22023', 'minmax_normalize', 'Element 2 is 0'),
  (13, $q$SELECT minmax_normalize(v, d) OVER () FROM (VALUES (1.0::float8, 1), (2, 3)) t(v, d)$q$,
       '22023', 'minmax_normalize', 'direction is 3 in row 2 of the partition'),
  (14, $q$SELECT interpolate(v, t) OVER () FROM (VALUES (1.0::float8, 2010), (NULL, 2011), (3, 2010)) s(v, t)$q$,
       '22023', 'interpolate', 'rows 1 and 3'),
  (15, $q$SELECT interpolate(v, t) OVER () FROM (VALUES (1.0::float8, 2010::float8), (NULL, 'NaN')) s(v, t)$q$,
       '22023', 'interpolate', 'NaN in row 2 of the partition'),
  (16, $q$SELECT entropy_weights(x, NULL, -1) FROM (VALUES ('{1,2}'::float8[]), ('{3,1}')) t(x)$q$,
       '22023', 'entropy_weights', 'shift is -1'),
  (17, $q$SELECT cv_weights(x) FROM (VALUES ('{1,-1}'::float8[]), ('{2,1}')) t(x)$q$,
       '22023', 'cv_weights', 'Indicator 2'),
  (18, $q$SELECT topsis(x, normalization => 'foo') OVER () FROM (VALUES ('{1,2}'::float8[]), ('{3,1}')) t(x)$q$,
       '22023', 'topsis', 'foo'),
  (19, $q$SELECT critic_weights(x, ARRAY[1, NULL]) FROM (VALUES ('{1,2}'::float8[]), ('{3,1}')) t(x)$q$,
       '22004', 'critic_weights', 'Element 2 is NULL'),
  (20, $q$SELECT topsis(x, ARRAY[1, 1, 1]) OVER () FROM (VALUES ('{1,2}'::float8[]), ('{3,1}')) t(x)$q$,
       '2202E', 'topsis', 'number of indicators at 2'),
  (21, $q$SELECT interpolate(v, t, e) OVER () FROM (VALUES (1.0::float8, 1, 'none'), (NULL, 2, 'none'), (3, 3, 'linear')) s(v, t, e)$q$,
       '22023', 'interpolate', 'row 3 of the partition'),
  -- the count in the detail is singular for one value
  (22, $q$SELECT * FROM drift_forecast('{5}'::float8[], 2)$q$,
       '22023', 'drift_forecast', '^history has 1 value\.$'),
  (23, $q$SELECT * FROM gm11_forecast('{1,2,3}'::float8[], 2)$q$,
       '22023', 'gm11_forecast', '^history has 3 values\.$');

SELECT CASE k
         WHEN 1 THEN is(state, code, format('message %s (%s): SQLSTATE %s', ord, fname, code))
         WHEN 2 THEN is(split_part(msg, ':', 1), fname, format('message %s (%s): the message starts with "%s:"', ord, fname, fname))
         WHEN 3 THEN matches(det, detail, format('message %s (%s): DETAIL gives the position or value', ord, fname))
         ELSE isnt(coalesce(hnt, ''), '', format('message %s (%s): HINT says how to fix it', ord, fname))
       END
FROM (SELECT m.ord, m.code, m.fname, m.detail, e.state, e.msg, e.det, e.hnt, k
      FROM msg m CROSS JOIN LATERAL pg_temp.sy_err(m.q) e CROSS JOIN generate_series(1, 4) k
      ORDER BY m.ord, k) s;

SELECT * FROM finish();
ROLLBACK;
