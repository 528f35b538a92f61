-- 96_bi.sql: results for BI tools (docs/bi.md): weights_table and
-- detail_table (96_rows.sql) against values computed here by hand, their
-- errors and labels; the flat forms of composite results (LATERAL calls a
-- function once, (f(...)).* once per column); every text option of the
-- extension read in any case.
BEGIN;
SELECT plan(43);

-- three indicators over three rows; min-max scores of the columns:
-- {0, 0.5, 1}, {0.25, 0, 1} and {0, 1, 0.5} (the third column is a cost
-- indicator in the directions test below)
CREATE TEMP TABLE bi_x (x float8[]);
INSERT INTO bi_x VALUES ('{1,2,3}'), ('{2,1,5}'), ('{3,5,4}');

-- weights_table ---------------------------------------------------------------

SELECT results_eq(
  $$ SELECT "position", indicator, weight FROM weights_table('{0.2,0.3,0.5}', '{gdp,pop,area}') $$,
  $$ VALUES (1, 'gdp'::text, 0.2::float8), (2, 'pop', 0.3), (3, 'area', 0.5) $$,
  'weights_table: one row per indicator, in order, with its name');
SELECT results_eq(
  $$ SELECT "position", indicator IS NULL, weight FROM weights_table('{0.4,0.6}') $$,
  $$ VALUES (1, true, 0.4::float8), (2, true, 0.6) $$,
  'weights_table without names: NULL indicator');
SELECT results_eq(
  $$ SELECT "position", indicator, weight FROM weights_table('[0:1]={0.4,0.6}', '[5:6]={p,q}') $$,
  $$ VALUES (1, 'p'::text, 0.4::float8), (2, 'q', 0.6) $$,
  'weights_table: positions from 1 whatever the lower bounds');
SELECT is((SELECT count(*) FROM weights_table(NULL)), 0::bigint, 'weights_table(NULL): no rows');
SELECT is((SELECT count(*) FROM weights_table('{}', '{}')), 0::bigint, 'weights_table of an empty array: no rows');
SELECT results_eq(
  $$ SELECT w.weight FROM (SELECT entropy_weights(x) AS e FROM bi_x) s, weights_table(s.e, '{a,b,c}') w ORDER BY w."position" $$,
  $$ SELECT v FROM (SELECT entropy_weights(x) AS e FROM bi_x) s, unnest(s.e) v $$,
  'weights_table over entropy_weights: the weights, bit for bit');
SELECT throws_ok($$ SELECT * FROM weights_table('{0.2,0.3,0.5}', '{gdp,pop}') $$, '2202E',
  'weights_table: names must have one element per indicator', 'names shorter than the weights: 2202E');
SELECT throws_ok($$ SELECT * FROM weights_table('{0.5,0.5}', '{a,b,c}') $$, '2202E',
  'weights_table: names must have one element per indicator', 'names longer than the weights: 2202E');
SELECT throws_ok($$ SELECT * FROM weights_table('{0.5,0.5}', '{a,NULL}') $$, '22004',
  'weights_table: names must not contain NULL', 'a NULL name: 22004');
SELECT throws_ok($$ SELECT * FROM weights_table('{0.5,0.5}', '{a,a}') $$, '22023',
  'weights_table: names must be distinct', 'a repeated name: 22023');
SELECT throws_ok($$ SELECT * FROM weights_table('{{0.5,0.5},{0.1,0.9}}') $$, '2202E',
  'weights_table: weights must be a one-dimensional array', 'two-dimensional weights: 2202E');
SELECT throws_ok($$ SELECT * FROM weights_table('{0.5,0.5}', '{{a,b}}') $$, '2202E',
  'weights_table: names must be a one-dimensional array', 'two-dimensional names: 2202E');

-- detail_table(entropy_detail) --------------------------------------------------
-- entropy e_j = -sum p ln p / ln n over the min-max scores' shares p:
-- column 1 p = {0, 1/3, 2/3}, column 2 p = {0.2, 0, 0.8}, column 3 p = {0, 2/3, 1/3}

SELECT results_eq(
  $$ SELECT "position", indicator, n FROM (SELECT entropy_weights_detail(x) AS e FROM bi_x) s, detail_table(s.e, '{gdp,pop,area}') d $$,
  $$ VALUES (1, 'gdp'::text, 3::bigint), (2, 'pop', 3), (3, 'area', 3) $$,
  'detail_table(entropy): positions, names and n');
SELECT ok((SELECT bool_and(abs(d.entropy - r.e) <= 1e-14)
           FROM (SELECT entropy_weights_detail(x) AS e FROM bi_x) s, detail_table(s.e) d
           JOIN (VALUES (1, -(1/3.0 * ln(1/3.0) + 2/3.0 * ln(2/3.0)) / ln(3)),
                        (2, -(0.2 * ln(0.2) + 0.8 * ln(0.8)) / ln(3)),
                        (3, -(2/3.0 * ln(2/3.0) + 1/3.0 * ln(1/3.0)) / ln(3))) r(j, e) ON r.j = d."position"),
          'detail_table(entropy): entropies as computed by hand, to 1e-14');
SELECT ok((SELECT bool_and(d.divergence = 1 - d.entropy OR abs(d.divergence - (1 - d.entropy)) <= 1e-15)
                  AND abs(sum(d.weight) - 1) <= 1e-15
           FROM (SELECT entropy_weights_detail(x) AS e FROM bi_x) s, detail_table(s.e) d),
          'detail_table(entropy): divergence = 1 - entropy, weights sum to 1');
SELECT results_eq(
  $$ SELECT d.weight FROM (SELECT entropy_weights_detail(x) AS e FROM bi_x) s, detail_table(s.e) d ORDER BY d."position" $$,
  $$ SELECT v FROM (SELECT entropy_weights(x) AS e FROM bi_x) s, unnest(s.e) v $$,
  'detail_table(entropy): the weights of entropy_weights, bit for bit');
SELECT results_eq(
  $$ SELECT "position", n, weight IS NULL FROM detail_table((SELECT entropy_weights_detail(x) FROM (SELECT x FROM bi_x LIMIT 1) o)) $$,
  $$ VALUES (1, 1::bigint, true), (2, 1, true), (3, 1, true) $$,
  'detail_table(entropy) of one row: n = 1 and NULL elements, as the aggregate says');
SELECT is((SELECT count(*) FROM detail_table((SELECT entropy_weights_detail(x) FROM bi_x WHERE false))), 0::bigint,
  'detail_table of the aggregate over no rows (NULL): no rows');
SELECT throws_ok($$ SELECT * FROM detail_table(ROW(3, '{0.5}', '{0.5,0.5}', '{0.5,0.5}')::entropy_detail) $$, '2202E',
  'detail_table: the arrays of the result differ in length', 'a hand-made entropy_detail with arrays of other lengths: 2202E');
SELECT throws_ok($$ SELECT * FROM (SELECT entropy_weights_detail(x) AS e FROM bi_x) s, detail_table(s.e, '{a,b}') $$, '2202E',
  'detail_table: names must have one element per indicator', 'detail_table(entropy): names of another length: 2202E');

-- detail_table(critic_detail) ---------------------------------------------------

SELECT results_eq(
  $$ SELECT d.weight FROM (SELECT critic_weights_detail(x) AS e FROM bi_x) s, detail_table(s.e, '{a,b,c}') d ORDER BY d."position" $$,
  $$ SELECT v FROM (SELECT critic_weights(x) AS e FROM bi_x) s, unnest(s.e) v $$,
  'detail_table(critic): the weights of critic_weights, bit for bit');
-- sd of the min-max scores (n - 1): column 1 {0, 0.5, 1} -> 0.5, column 3 {0, 1, 0.5} -> 0.5,
-- column 2 {0.25, 0, 1} -> sqrt(((0.25-5/12)^2 + (5/12)^2 + (7/12)^2) / 2)
SELECT ok((SELECT bool_and(abs(d.sd - r.sd) <= 1e-15 AND abs(d.information - d.sd * d.conflict) <= 1e-15)
           FROM (SELECT critic_weights_detail(x) AS e FROM bi_x) s, detail_table(s.e) d
           JOIN (VALUES (1, 0.5::float8), (2, sqrt(((0.25 - 5/12.0)^2 + (5/12.0)^2 + (7/12.0)^2) / 2)::float8), (3, 0.5))
                r(j, sd) ON r.j = d."position"),
          'detail_table(critic): sd as computed by hand, information = sd x conflict');
SELECT results_eq(
  $$ SELECT "position", indicator, n FROM (SELECT critic_weights_detail(x) AS e FROM bi_x) s, detail_table(s.e, '{gdp,pop,area}') d $$,
  $$ VALUES (1, 'gdp'::text, 3::bigint), (2, 'pop', 3), (3, 'area', 3) $$,
  'detail_table(critic): positions, names and n');
SELECT throws_ok($$ SELECT * FROM detail_table(ROW(3, '{1,1}', '{1}', '{1,1}', '{0.5,0.5}')::critic_detail) $$, '2202E',
  'detail_table: the arrays of the result differ in length', 'a hand-made critic_detail with arrays of other lengths: 2202E');

-- labels -------------------------------------------------------------------------

SELECT results_eq(
  $$ SELECT p.oid::regprocedure::text, p.provolatile::text, p.proparallel::text, p.proisstrict,
            'search_path=pg_catalog, pg_temp' = ANY (p.proconfig)
     FROM pg_proc p WHERE p.proname IN ('weights_table', 'detail_table', '_rows_names', '_rows_check')
     ORDER BY 1 $$,
  $$ VALUES ('_rows_check(text,text,double precision[],integer)', 'i', 's', false, true),
            ('_rows_names(text,integer,text[])', 'i', 's', false, true),
            ('detail_table(critic_detail,text[])', 'i', 's', false, true),
            ('detail_table(entropy_detail,text[])', 'i', 's', false, true),
            ('weights_table(double precision[],text[])', 'i', 's', false, true) $$,
  'the companions: IMMUTABLE, PARALLEL SAFE, not STRICT (NULL names are allowed), search_path pinned');

-- flat forms: how often a composite-returning function runs ------------------------

SET LOCAL track_functions = 'all';
CREATE TEMP TABLE bi_calls (how text, calls bigint);
CREATE FUNCTION pg_temp.calls() RETURNS bigint LANGUAGE sql AS
$$ SELECT coalesce(pg_stat_get_xact_function_calls('forecast_backtest(float8[],int,text,int,int,int,int,float8,float8,float8,bigint,float8,float8,text,text)'::regprocedure), 0) $$;
INSERT INTO bi_calls SELECT 'before', pg_temp.calls();
CREATE TEMP TABLE bi_star AS SELECT (forecast_backtest('{1,2,3,4,5,6,7,8,9,10}'::float8[], 2, 'gm11')).*;
INSERT INTO bi_calls SELECT 'star', pg_temp.calls();
CREATE TEMP TABLE bi_lateral AS SELECT b.* FROM forecast_backtest('{1,2,3,4,5,6,7,8,9,10}'::float8[], 2, 'gm11') b;
INSERT INTO bi_calls SELECT 'lateral', pg_temp.calls();
SELECT is((SELECT calls FROM bi_calls WHERE how = 'lateral') - (SELECT calls FROM bi_calls WHERE how = 'star'), 1::bigint,
  'forecast_backtest in FROM: one call');
SELECT is((SELECT calls FROM bi_calls WHERE how = 'star') - (SELECT calls FROM bi_calls WHERE how = 'before'),
  (SELECT count(*) FROM pg_attribute WHERE attrelid = 'forecast_accuracy'::regclass AND attnum > 0 AND NOT attisdropped),
  '(forecast_backtest(...)).*: one call per column of forecast_accuracy, as docs/bi.md says');
SELECT results_eq($$ SELECT * FROM bi_star $$, $$ SELECT * FROM bi_lateral $$, 'both forms give the same row');

-- option names in any case ----------------------------------------------------------

SELECT is(ccd_grade(0.55, 'EN'), ccd_grade(0.55, 'en'), 'ccd_grade lang ''EN''');
SELECT is(ccd_grade(0.55, 'Zh'), ccd_grade(0.55, 'zh'), 'ccd_grade lang ''Zh''');
SELECT is(relative_development_grade(0.5, 0.7, lang => 'EN'), relative_development_grade(0.5, 0.7, lang => 'en'),
  'relative_development_grade lang ''EN''');
SELECT is((coupling_coordination('{0.3,0.6}'::float8[], NULL, 'WANG2021')).d,
          (coupling_coordination('{0.3,0.6}'::float8[], NULL, 'wang2021')).d, 'coupling_coordination variant ''WANG2021''');
SELECT is((SELECT (coupling_coordination(u, 0.5, 'Wang2021')).d FROM (VALUES (0.3::float8), (0.6)) v(u)),
          (SELECT (coupling_coordination(u, 0.5, 'wang2021')).d FROM (VALUES (0.3::float8), (0.6)) v(u)),
          'the coupling_coordination aggregate''s variant ''Wang2021''');
SELECT is(coupling_degree('{0.3,0.6}'::float8[], 'WANG2021'), coupling_degree('{0.3,0.6}'::float8[], 'wang2021'),
  'coupling_degree variant ''WANG2021''');
SELECT results_eq($$ SELECT topsis(x, normalization => 'VECTOR') OVER () FROM bi_x $$,
                  $$ SELECT topsis(x, normalization => 'vector') OVER () FROM bi_x $$, 'topsis normalization ''VECTOR''');
SELECT results_eq($$ SELECT interpolate(v, t, 'Nearest') OVER (ORDER BY t) FROM (VALUES (NULL::float8, 1::float8), (2, 2), (3, 3)) s(v, t) $$,
                  $$ SELECT interpolate(v, t, 'nearest') OVER (ORDER BY t) FROM (VALUES (NULL::float8, 1::float8), (2, 2), (3, 3)) s(v, t) $$,
                  'interpolate edges ''Nearest''');
SELECT results_eq($$ SELECT factor_scores(x, 1, 'NONE') OVER () FROM bi_x $$,
                  $$ SELECT factor_scores(x, 1, 'none') OVER () FROM bi_x $$, 'factor_scores rotation ''NONE''');
SELECT results_eq($$ SELECT (forecast_backtest('{1,2,3,4,5,6,7,8,9,10}'::float8[], 2, 'GM11')).mae $$,
                  $$ SELECT (forecast_backtest('{1,2,3,4,5,6,7,8,9,10}'::float8[], 2, 'gm11')).mae $$,
                  'forecast_backtest method ''GM11''');
SELECT results_eq($$ SELECT forecast FROM bp_forecast('{1,2,3,4,5,6,7,8,9,10}'::float8[], 2, ensemble => 2, epochs => 5,
                                                    transform => 'DIFFERENCE', activation => 'Tanh') $$,
                  $$ SELECT forecast FROM bp_forecast('{1,2,3,4,5,6,7,8,9,10}'::float8[], 2, ensemble => 2, epochs => 5,
                                                    transform => 'difference', activation => 'tanh') $$,
                  'bp_forecast transform ''DIFFERENCE'', activation ''Tanh''');
SELECT is(coordination_degree('{0.3,0.6}'::float8[], NULL, 'Wang2021'), coordination_degree('{0.3,0.6}'::float8[], NULL, 'wang2021'),
  'coordination_degree variant ''Wang2021''');
SELECT results_eq($$ SELECT factor_composite(x, 1, 'Varimax', 0.1) OVER () FROM bi_x $$,
                  $$ SELECT factor_composite(x, 1, 'varimax', 0.1) OVER () FROM bi_x $$, 'factor_composite rotation ''Varimax''');
SELECT is(bp_fit('{1,2,3,4,5,6,7,8,9,10}'::float8[], ensemble => 2, epochs => 5, transform => 'Difference', activation => 'TANH'),
          bp_fit('{1,2,3,4,5,6,7,8,9,10}'::float8[], ensemble => 2, epochs => 5, transform => 'difference', activation => 'tanh'),
          'bp_fit transform ''Difference'', activation ''TANH''');
SELECT throws_ok($$ SELECT ccd_grade(0.5, 'fr') $$, '22023', NULL, 'an unknown lang is still an error: 22023');

SELECT * FROM finish();
ROLLBACK;
