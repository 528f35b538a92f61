-- A sample of synergy's functions on fixed inputs, ASCII in and out: the output must be the
-- same in every server encoding (test/stages/82_encoding.sh compares it with a UTF8 database).
\set ON_ERROR_STOP on
\pset footer off
SELECT synergy_version() = (SELECT extversion FROM pg_extension WHERE extname = 'synergy') AS version_agrees;
SELECT d, ccd_level(d), ccd_grade(d, 'en') FROM unnest(ARRAY[0.05, 0.35, 0.55, 0.95]::float8[]) d;
SELECT ccd_grade(0.5, '{0,0.5,1}', '{low,high}');
SELECT relative_development_grade(0.1, 0.9), relative_development_grade(0.5, 0.5, lang => 'EN');
WITH x(r) AS (VALUES (ARRAY[1, 10, 0.5]::float8[]), (ARRAY[2, 30, 0.2]), (ARRAY[3, 20, 0.9]), (ARRAY[4, 25, 0.4]))
SELECT array_round(entropy_weights(r, ARRAY[1, 1, -1]), 10) AS entropy,
       array_round(critic_weights(r, ARRAY[1, 1, -1]), 10) AS critic FROM x;
WITH x(id, r) AS (VALUES (1, ARRAY[1, 10, 0.5]::float8[]), (2, ARRAY[2, 30, 0.2]), (3, ARRAY[3, 20, 0.9]))
SELECT id, round(topsis(r, directions => ARRAY[1, 1, -1]) OVER ()::numeric, 10) AS topsis FROM x ORDER BY id;
SELECT round((r).c::numeric, 10) AS c, round((r).t::numeric, 10) AS t, round((r).d::numeric, 10) AS d
FROM (SELECT coupling_coordination(ARRAY[0.3, 0.5, 0.7]::float8[]) AS r) s;
SELECT round((g).a::numeric, 10) AS a, round((g).b::numeric, 10) AS b, (g).grade
FROM (SELECT gm11_fit('{2.87,3.28,3.34,3.62,3.79}') AS g) s;
SELECT t, round(interpolate(v, t, 'linear') OVER (ORDER BY t)::numeric, 10) AS v
FROM (VALUES (1, 1.0::float8), (2, NULL), (3, 3.0)) s(t, v) ORDER BY t;
-- errors name the function and keep their SQLSTATE whatever the encoding
DO $$ BEGIN PERFORM ccd_grade(0.5, 'fr'); EXCEPTION WHEN invalid_parameter_value THEN RAISE NOTICE 'ccd_grade(0.5, ''fr''): 22023'; END $$;
