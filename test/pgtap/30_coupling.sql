-- Coupling coordination, grades and companions: outcomes of awkward input
-- (README, "Bad input", second table) and hand-checked values.
BEGIN;
SET client_min_messages = warning;
SELECT plan(51);

-- scores outside [0, 1], NULL elements, non-finite values
SELECT throws_ok($$SELECT coupling_coordination(ARRAY[0.5, 1.5])$$, '22023', NULL, 'array: u > 1 -> 22023');
SELECT throws_ok($$SELECT coupling_coordination(ARRAY[0.5, -0.01])$$, '22023', NULL, 'array: u < 0 -> 22023');
SELECT throws_ok($$SELECT coupling_coordination(ARRAY[0.5, NULL])$$, '22004', NULL, 'array: NULL element -> 22004');
SELECT throws_ok($$SELECT coupling_coordination(ARRAY[0.5, 'NaN'])$$, '22023', NULL, 'array: NaN -> 22023');
SELECT throws_ok($$SELECT coupling_coordination(ARRAY[0.5, 'Infinity'])$$, '22023', NULL, 'array: Infinity -> 22023');
SELECT throws_ok($$SELECT coupling_coordination('{}'::float8[])$$, '2202E', NULL, 'array: empty -> 2202E');
SELECT throws_ok($$SELECT coupling_coordination('{{0.1,0.2},{0.3,0.4}}'::float8[])$$, '2202E', NULL, 'array: 2-D -> 2202E');
SELECT throws_ok($$SELECT coupling_degree(ARRAY[0.5, 2])$$, '22023', NULL, 'coupling_degree: u > 1 -> 22023');
SELECT throws_ok($$SELECT coordination_degree(ARRAY[0.5, 2])$$, '22023', NULL, 'coordination_degree: u > 1 -> 22023');
SELECT throws_ok($$SELECT coupling_coordination(u) FROM (VALUES (0.5), (1.2)) v(u)$$, '22023', NULL, 'aggregate: u > 1 -> 22023');
SELECT throws_ok($$SELECT coupling_coordination(u) FROM (VALUES (0.5), ('NaN'::float8)) v(u)$$, '22023', NULL, 'aggregate: NaN -> 22023');
SELECT lives_ok($$SELECT coupling_coordination(ARRAY[1 + 1e-13, 0.5, -1e-13])$$, 'array: rounding slop within 1e-12 is clamped');

-- weights
SELECT throws_ok($$SELECT coupling_coordination(ARRAY[0.5, 0.6], ARRAY[1.0])$$, '2202E', NULL, 'weights of another length -> 2202E');
SELECT throws_ok($$SELECT coupling_coordination(ARRAY[0.5, 0.6], ARRAY[1, -1])$$, '22023', NULL, 'negative weight -> 22023');
SELECT throws_ok($$SELECT coupling_coordination(ARRAY[0.5, 0.6], ARRAY[0, 0])$$, '22023', NULL, 'all-zero weights -> 22023');
SELECT throws_ok($$SELECT coupling_coordination(ARRAY[0.5, 0.6], ARRAY[1, NULL])$$, '22004', NULL, 'NULL weight element -> 22004');
SELECT throws_ok($$SELECT coupling_coordination(u, w) FROM (VALUES (0.5, 1.0), (0.6, NULL)) v(u, w)$$, '22004', NULL, 'aggregate: NULL weight -> 22004');
SELECT throws_ok($$SELECT coupling_coordination(u, w) FROM (VALUES (0.5, 1.0), (0.6, -1.0)) v(u, w)$$, '22023', NULL, 'aggregate: negative weight -> 22023');
SELECT throws_ok($$SELECT coupling_coordination(u, w) FROM (VALUES (0.5, 0.0), (0.6, 0.0)) v(u, w)$$, '22023', NULL, 'aggregate: all-zero weights -> 22023');
SELECT ok(abs((coupling_coordination(ARRAY[0.2, 0.8], ARRAY[3, 1])).t - 0.35) < 1e-15,
          'weights (3, 1) rescaled to (0.75, 0.25): T = 0.35 within 1e-15');
SELECT ok(abs((coupling_coordination(u, w)).t - 0.35) < 1e-15, 'aggregate weights rescaled: T = 0.35 within 1e-15')
FROM (VALUES (0.2, 3.0), (0.8, 1.0)) v(u, w);

-- variants
SELECT throws_ok($$SELECT coupling_coordination(ARRAY[0.5, 0.6], variant => 'cosine')$$, '22023', NULL, 'unknown variant -> 22023');
SELECT throws_ok($$SELECT coupling_coordination(u, 1, v) FROM (VALUES (0.5, 'classic'), (0.6, 'wang2021')) t(u, v)$$,
                 '22023', NULL, 'aggregate: variant changing between rows -> 22023');
SELECT is((coupling_coordination(ARRAY[0.2, 0.8], variant => NULL)).c, (coupling_coordination(ARRAY[0.2, 0.8])).c,
          'NULL variant means classic');
SELECT is(coupling_coordination(ARRAY[0.2, 0.8], variant => 'WANG2021'), coupling_coordination(ARRAY[0.2, 0.8], variant => 'wang2021'),
          'variant is case-insensitive');

-- values by hand: two systems, classic C = 2 sqrt(ab) / (a + b)
SELECT ok(abs((coupling_coordination(ARRAY[0.2, 0.8])).c - 0.8) < 1e-15, 'classic C of (0.2, 0.8) = 2*0.4/1 = 0.8');
SELECT ok(abs((coupling_coordination(ARRAY[0.2, 0.8])).d - sqrt(0.8 * 0.5)) < 1e-15, 'D = sqrt(C T) = sqrt(0.4)');
-- wang2021 of (0.2, 0.8): sqrt((1 - 0.6 / 1) * (0.2 / 0.8)) = sqrt(0.1)
SELECT ok(abs((coupling_coordination(ARRAY[0.2, 0.8], variant => 'wang2021')).c - sqrt(0.1)) < 1e-15,
          'wang2021 C of (0.2, 0.8) = sqrt(0.4 * 0.25)');
SELECT is((coupling_coordination(ARRAY[0.0, 0.5, 0.7])).c, 0::float8, 'a zero score: classic C = 0');
SELECT is((coupling_coordination(ARRAY[0.0, 0.5, 0.7], variant => 'wang2021')).c, 0::float8, 'a zero score: wang2021 C = 0');
SELECT is(coupling_coordination(ARRAY[0.0, 0.0]), ROW(0, 0, 0)::ccd, 'all zero: (0, 0, 0)');
SELECT is(coupling_coordination(ARRAY[0.6]), ROW(NULL, 0.6, NULL)::ccd, 'one score: C and D NULL, T = 0.6');
SELECT is(coupling_coordination(u), ROW(NULL, 0.6, NULL)::ccd, 'aggregate over one row: C and D NULL, T = 0.6')
FROM (VALUES (0.6::float8)) v(u);
SELECT is(coupling_coordination(NULL::float8[]), NULL, 'NULL array -> NULL');
SELECT is(coupling_coordination(u), NULL, 'aggregate over no rows -> NULL') FROM (VALUES (0.5::float8)) v(u) WHERE false;
SELECT is(coupling_coordination(u), coupling_coordination(ARRAY[0.3, 0.9]), 'aggregate ignores NULL rows')
FROM (VALUES (0.3::float8), (NULL), (0.9)) v(u);
SELECT throws_ok($$SELECT coupling_coordination('{0.5,0.5}')$$, '42725', NULL, 'a bare literal is ambiguous (42725): cast it');

-- grades
SELECT is(ccd_level(0.9), 10, 'the double 0.9 is level 10');
SELECT is(ccd_level(1.0), 10, '1.0 is in the top level');
SELECT is(ccd_level(0.0), 1, '0 is level 1');
SELECT is(ccd_grade(0.55, 'en'), 'barely coordinated', '0.55 is barely coordinated');
SELECT throws_ok($$SELECT ccd_grade(1.01)$$, '22023', NULL, 'd > 1 -> 22023');
SELECT throws_ok($$SELECT ccd_level('NaN')$$, '22023', NULL, 'd NaN -> 22023');
SELECT throws_ok($$SELECT ccd_grade(0.5, 'de')$$, '22023', NULL, 'unknown lang -> 22023');
SELECT throws_ok($$SELECT ccd_grade(0.5, ARRAY[0, 1], ARRAY['a', 'b'])$$, '2202E', NULL, 'breaks not one more than labels -> 2202E');
SELECT throws_ok($$SELECT ccd_grade(0.5, ARRAY[0, 0.5, 0.5, 1], ARRAY['a', 'b', 'c'])$$, '22023', NULL, 'breaks not increasing -> 22023');
SELECT throws_ok($$SELECT ccd_grade(2, ARRAY[0, 1, 3], ARRAY['a', NULL])$$, '22004', NULL, 'NULL label -> 22004');
SELECT throws_ok($$SELECT ccd_grade(-1, ARRAY[0, 1], ARRAY['a'])$$, '22023', NULL, 'd below a custom scale -> 22023');

-- companions
SELECT is(relative_development(0.3, 0), NULL, 'relative development with U2 = 0 -> NULL');
SELECT throws_ok($$SELECT relative_development_grade(0.5, 0.5, 0, 1)$$, '22023', NULL, 'threshold lower = 0 -> 22023');
SELECT throws_ok($$SELECT obstacle_shares(ARRAY[0.5, 1.5], ARRAY[1, 1])$$, '22023', NULL, 'obstacle_shares: z > 1 -> 22023');

SELECT * FROM finish();
ROLLBACK;
