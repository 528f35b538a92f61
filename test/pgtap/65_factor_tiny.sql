-- 65_factor_tiny.sql: an indicator that varies only by about 1e-161 has
-- subnormal squares; its correlations would be rounding noise (the fuzz
-- stage found communalities above 1), so both the aggregate and the window
-- functions refuse it with 22003 and a hint to rescale.
BEGIN;
SELECT plan(3);

CREATE TEMP TABLE tiny (x float8[]);
INSERT INTO tiny VALUES (ARRAY[1, -3.4135843875307579e-161]), (ARRAY[2, 0]), (ARRAY[7, 0]);

SELECT throws_ok($$ SELECT factor_analysis(x) FROM tiny $$, '22003',
                 'factor_analysis: indicator 2 is too small in magnitude for its statistics',
                 'factor_analysis: subnormal sum of squares is 22003');
SELECT throws_ok($$ SELECT factor_scores(x) OVER () FROM tiny $$, '22003',
                 'factor_scores: indicator 2 is too small in magnitude for its statistics',
                 'factor_scores: subnormal sum of squares is 22003');
SELECT lives_ok($$ SELECT factor_analysis(x) FROM (VALUES (ARRAY[1, -3.4e-150]), (ARRAY[2, 0]), (ARRAY[7, 1e-150])) v(x) $$,
                'deviations of 1e-150 still square in float8');

SELECT * FROM finish();
ROLLBACK;
