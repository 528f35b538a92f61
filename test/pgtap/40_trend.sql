-- trend_analysis and trend_surface against an independent fit (R's lm on
-- the 31 middle-Yangtze cities, numpy agreeing; stored values, no R at run
-- time), shape labels on constructed cases, rotation, SRID handling and
-- degenerate input.
BEGIN;
SET client_min_messages = warning;
SELECT plan(53);

\i test/data/myr_cities.sql

-- BEGIN reference (make_spatial_pgtap.py; R lm, numpy agrees to 4.5e-11)
CREATE TEMP TABLE ref_trend (dir text, ord int, k int, coef float8, r2 float8);
INSERT INTO ref_trend VALUES
('ew', 1, 0, -9.44634931910984, 0.669883763526051),
('ew', 1, 1, 0.0859331388151352, 0.669883763526051),
('ew', 2, 0, -45.230604803294, 0.672170144784481),
('ew', 2, 1, 0.711354084697586, 0.672170144784481),
('ew', 2, 2, -0.00273205549482681, 0.672170144784481),
('ew', 3, 0, 2967.33243852017, 0.676008638230765),
('ew', 3, 1, -78.1981018283559, 0.676008638230765),
('ew', 3, 2, 0.68612480696718, 0.676008638230765),
('ew', 3, 3, -0.00200417502145561, 0.676008638230765),
('ns', 1, 0, -0.673877677014689, 0.0691076641676205),
('ns', 1, 1, 0.0350413437095943, 0.0691076641676205),
('ns', 2, 0, -57.4443522395742, 0.437094524356783),
('ns', 2, 1, 3.92302426294102, 0.437094524356783),
('ns', 2, 2, -0.0664277481396256, 0.437094524356783),
('ns', 3, 0, 10.4236473694274, 0.438860140990767),
('ns', 3, 1, -3.01424140294083, 0.438860140990767),
('ns', 3, 2, 0.169631162215169, 0.438860140990767),
('ns', 3, 3, -0.00267404181996755, 0.438860140990767);
CREATE TEMP TABLE ref_surface (k int, coef float8, r2 float8);
INSERT INTO ref_surface VALUES
(0, -78.7081506129185, 0.977601742997472),
(1, 0.784545951122174, 0.977601742997472),
(2, 1.95228522469562, 0.977601742997472),
(3, -0.00335590517511838, 0.977601742997472),
(4, 0.00232796975024375, 0.977601742997472),
(5, -0.0368818794136829, 0.977601742997472);
-- END reference

-- coefficients on raw degrees (b_k of lon^k, lat^k) and R-squared, orders 1-3, to 1e-8 relative
CREATE TEMP TABLE got_trend AS
SELECT o.ord, t.*
FROM generate_series(1, 3) o(ord),
LATERAL (SELECT (trend_analysis(geom, v, o.ord)).* FROM sy_myr) t;

SELECT is((SELECT count(*) FROM ref_trend r JOIN got_trend g ON g.ord = r.ord
           WHERE abs((CASE r.dir WHEN 'ew' THEN g.ew_coefficients ELSE g.ns_coefficients END)[r.k + 1] - r.coef)
                 <= 1e-8 * abs(r.coef)),
          (SELECT count(*) FROM ref_trend), 'all 18 trend coefficients agree with R''s lm to 1e-8');
SELECT ok(bool_and(abs(CASE r.dir WHEN 'ew' THEN g.ew_r2 ELSE g.ns_r2 END - r.r2) < 1e-12),
          'R-squared of the 6 fits agrees with R''s lm to 1e-12')
FROM ref_trend r JOIN got_trend g ON g.ord = r.ord;
-- the scaled coefficients give the same curve as the raw ones
SELECT ok(bool_and(abs(
            (SELECT sum(a * ((110.0 + s - ew_center) / ew_scale) ^ (k - 1)) FROM unnest(ew_scaled_coefficients) WITH ORDINALITY u(a, k))
          - (SELECT sum(b * (110.0 + s) ^ (k - 1)) FROM unnest(ew_coefficients) WITH ORDINALITY u(b, k))) < 1e-9),
          'scaled and raw coefficients describe the same curve')
FROM got_trend, generate_series(1, 8) s;
SELECT is((SELECT ew_shape || ' / ' || ns_shape FROM got_trend WHERE ord = 2), 'rising / inverted U',
          'middle Yangtze synthetic value: rising eastwards, inverted U north-south');

-- trend surface of order 2: coefficients of 1, x, y, x^2, xy, y^2 as R
SELECT ok(bool_and(abs(s.coefficients[r.k + 1] - r.coef) <= 1e-7 * abs(r.coef)),
          'trend surface coefficients agree with R''s lm to 1e-7')
FROM (SELECT (trend_surface(geom, v, 2)).* FROM sy_myr) s, ref_surface r;
SELECT ok(abs(s.r2 - (SELECT r2 FROM ref_surface LIMIT 1)) < 1e-12, 'trend surface R-squared as R')
FROM (SELECT (trend_surface(geom, v, 2)).* FROM sy_myr) s;
-- residuals: z - surface at each city sum to 0 (the fit has an intercept)
SELECT ok(abs(sum(c.v - trend_surface_value(s.f, c.geom))) < 1e-12, 'residuals of the surface sum to 0')
FROM sy_myr c, (SELECT trend_surface(geom, v, 2) AS f FROM sy_myr) s;

-- shape labels on constructed curves, x in [-1, 1]
CREATE TEMP TABLE shapes (label text, ord int, f text);
INSERT INTO shapes VALUES
  ('rising', 1, 'x'), ('falling', 1, '-x'), ('U', 2, 'x^2'), ('inverted U', 2, '1 - x^2'),
  ('rising', 2, 'x + 0.1 * x^2'), ('N', 3, '2 * x^3 - x'), ('inverted N', 3, 'x - 2 * x^3'),
  ('W', 4, '8 * x^4 - 8 * x^2'), ('M', 4, '8 * x^2 - 8 * x^4'), ('wave', 6, '32 * x^6 - 48 * x^4 + 18 * x^2 - 1 + 0.3 * x'),
  ('flat', 2, '0');
CREATE TEMP TABLE shape_got (label text, got text);
DO $$
DECLARE r record; got text;
BEGIN
  FOR r IN SELECT * FROM shapes LOOP
    EXECUTE format('SELECT (trend_analysis(ST_MakePoint(x, 0), (%s)::float8, %s)).ew_shape
                    FROM (SELECT x::float8 AS x FROM generate_series(-1, 1, 0.02) x) s',
                   replace(r.f, 'x', 's.x'), r.ord) INTO got;
    INSERT INTO shape_got VALUES (r.label, got);
  END LOOP;
END $$;
SELECT is(got, label, 'shape of ' || label) FROM shape_got;

-- rotation (degrees counter-clockwise from east): z = y is east-west after 90 degrees
SELECT is((SELECT ew_shape || ' / ' || ns_shape
           FROM (SELECT (trend_analysis(ST_MakePoint(i, j), j::float8, 1, 90)).*
                 FROM generate_series(0, 4) i, generate_series(0, 4) j) t),
          'rising / flat', 'rotation 90: north becomes the east-west axis');
SELECT is((SELECT ew_shape || ' / ' || ns_shape
           FROM (SELECT (trend_analysis(ST_MakePoint(i, j), j::float8, 1, -90)).*
                 FROM generate_series(0, 4) i, generate_series(0, 4) j) t),
          'falling / flat', 'rotation -90: north is the negative x'' direction');

-- SRIDs, empty geometries, NULLs, degenerate groups
SELECT throws_ok($$SELECT trend_analysis(g, 1.0) FROM (VALUES ('SRID=4326;POINT(1 2)'::geometry), ('SRID=32649;POINT(1 2)')) v(g)$$,
                 '22023', NULL, 'mixed SRIDs -> 22023');
SELECT is((SELECT (trend_analysis(g, z)).n FROM (VALUES ('POINT EMPTY'::geometry, 1.0), (NULL, 1.0),
            ('POINT(0 0)', 1.0), ('POINT(1 0)', NULL), ('POINT(2 1)', 2.0)) v(g, z)), 2::bigint,
          'NULL and empty rows are skipped');
SELECT ok((SELECT (trend_analysis(ST_MakePoint(i, 0), i::float8, 3)).ew_coefficients IS NULL
           FROM generate_series(1, 3) i), 'fewer points than coefficients: NULL fit');
SELECT ok((SELECT (trend_analysis(ST_MakePoint(i, i), i::float8, 1)).ew_shape = 'rising'
           FROM generate_series(1, 3) i), 'points on a diagonal line: both directions fitted');
SELECT is((SELECT (trend_analysis(geom, 1.0)).ew_shape FROM sy_myr), 'flat', 'identical z: flat');
SELECT throws_ok($$SELECT trend_analysis(geom, v, 7) FROM sy_myr$$, '22023', NULL, 'order 7 -> 22023');
SELECT throws_ok($$SELECT trend_analysis(geom, v, NULL::int) FROM sy_myr$$, '22004', NULL, 'NULL order -> 22004');
SELECT is((SELECT srid || ' ' || ew_shape || ' / ' || ns_shape
           FROM (SELECT (trend_analysis(geom, v, 2, 0, 32649)).* FROM sy_myr) t),
          '32649 rising / inverted U', 'target_srid 32649: fitted in UTM metres, same shapes as in degrees');
SELECT throws_ok($$SELECT trend_analysis(geom, v, 2, 0, -1) FROM sy_myr$$, '22023', NULL, 'negative target_srid -> 22023');
SELECT is((SELECT count(*) FROM (SELECT trend_analysis(geom, v) AS t FROM sy_myr) s, trend_lines(t)), 2::bigint,
          'trend_lines: one line per direction');
SELECT is((SELECT count(*) FROM (SELECT trend_analysis(geom, v) AS t FROM sy_myr) s, trend_curve(t, 20)), 40::bigint,
          'trend_curve: samples per direction');
SELECT ok((SELECT bool_and(abs(ST_Z(ST_PointN(l.geom, c.n::int)) - c.z) < 1e-12)
           FROM (SELECT trend_analysis(geom, v) AS t FROM sy_myr) s,
                trend_lines(s.t, 7) l,
                LATERAL (SELECT row_number() OVER (ORDER BY "position") AS n, z
                         FROM trend_curve(s.t, 7) WHERE direction = l.direction) c),
          'trend_lines: the Z of each vertex is trend_curve''s fitted value');
SELECT ok((SELECT abs(ST_X(ST_StartPoint(l.geom)) - ST_X(ST_EndPoint(l.geom))) < 1e-9
                  AND abs(ST_Y(ST_StartPoint(l.geom)) - ST_Y(ST_EndPoint(l.geom))) > 1
           FROM (SELECT trend_analysis(ST_MakePoint(i, j), (i + j)::float8, 1, 90) AS t
                 FROM generate_series(0, 4) i, generate_series(0, 4) j) s,
                trend_lines(s.t, 5) l WHERE l.direction = 'east-west'),
          'rotation 90: the "east-west" line runs north-south on the map');


CREATE FUNCTION pg_temp.ts_err(s trend_surface_result) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	PERFORM trend_surface_value(s, ST_MakePoint(1, 1));
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ' ' || SQLERRM;
END $$;
CREATE FUNCTION pg_temp.ts_detail(s trend_surface_result) RETURNS text LANGUAGE plpgsql AS $$
DECLARE d text;
BEGIN
	PERFORM trend_surface_value(s, ST_MakePoint(1, 1));
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
	RETURN d;
END $$;

-- a hand-made or changed trend_surface_result: 22023 naming trend_surface_value
-- (it was NULL for a bad order, and an "indicators" error for a coefficient count)
CREATE TEMP TABLE ts_bad(label text, s trend_surface_result);
INSERT INTO ts_bad VALUES
  ('order 9', ROW(25, 9, 0, 0, 0, 1, 1, NULL, NULL, '{1,2,3,4,5,6}', 1)),
  ('order 0', ROW(25, 0, 0, 0, 0, 1, 1, NULL, NULL, '{1}', 1)),
  ('NULL order', ROW(25, NULL, 0, 0, 0, 1, 1, NULL, NULL, '{1,2,3}', 1)),
  ('3 coefficients for order 2', ROW(25, 2, 0, 0, 0, 1, 1, NULL, NULL, '{1,2,3}', 1)),
  ('NaN coefficient', ROW(25, 1, 0, 0, 0, 1, 1, NULL, NULL, '{1,NaN,3}', 1)),
  ('NULL coefficient', ROW(25, 1, 0, 0, 0, 1, 1, NULL, NULL, '{1,NULL,3}', 1)),
  ('2-D coefficients', ROW(25, 1, 0, 0, 0, 1, 1, NULL, NULL, '{{1,2,3}}', 1)),
  ('scale 0', ROW(25, 1, 0, 0, 0, 0, 1, NULL, NULL, '{1,2,3}', 1)),
  ('NULL centre', ROW(25, 1, 0, NULL, 0, 1, 1, NULL, NULL, '{1,2,3}', 1)),
  ('NULL srid', ROW(25, 1, NULL, 0, 0, 1, 1, NULL, NULL, '{1,2,3}', 1));
SELECT is((SELECT string_agg(label || ': ' || pg_temp.ts_err(s), '; ' ORDER BY label) FROM ts_bad),
          (SELECT string_agg(label || ': 22023 trend_surface_value: the surface''s ' ||
                             CASE WHEN label LIKE '%coefficient%' THEN 'scaled_coefficients'
                                  WHEN label LIKE '%order%' THEN 'order'
                                  WHEN label = 'scale 0' THEN 'scale_x'
                                  WHEN label = 'NULL centre' THEN 'center_x' ELSE 'srid' END || ' is not valid', '; ' ORDER BY label)
             FROM ts_bad),
          'trend_surface_value: every corrupted field -> 22023 naming the function and the field');
SELECT throws_ok($$SELECT trend_surface_value(ROW(25, 2, 0, 0, 0, 1, 1, NULL, NULL, '{1,2,3}', 1)::trend_surface_result, ST_MakePoint(1, 1))$$,
                 '22023', 'trend_surface_value: the surface''s scaled_coefficients is not valid',
                 'trend_surface_value: coefficient count not that of the order (no "indicators" wording)');
SELECT is(pg_temp.ts_detail(ROW(25, 2, 0, 0, 0, 1, 1, NULL, NULL, '{1,2,3}', 1)),
          'scaled_coefficients has 3 elements; a surface of order 2 has 6 terms.', 'trend_surface_value: the detail names the counts');
SELECT is(pg_temp.ts_detail(ROW(25, 9, 0, 0, 0, 1, 1, NULL, NULL, '{1}', 1)),
          'The order is 9; trend_surface() fits orders 1 to 6.', 'trend_surface_value: the detail names the order');
SELECT is(pg_temp.ts_detail(ROW(25, 1, 0, 0, 0, 1, 1, NULL, NULL, '{1,NaN,3}', 1)),
          'Element 2 of scaled_coefficients is NaN.', 'trend_surface_value: the detail names the NaN element');
SELECT is(trend_surface_value(ROW(25, 1, 0, 0, 0, 1, 1, NULL, NULL, NULL, NULL)::trend_surface_result, ST_MakePoint(1, 1)),
          NULL, 'trend_surface_value: an undefined fit (NULL coefficients) -> NULL, as documented');
SELECT is(trend_surface_value(ROW(25, 1, 0, 0, 0, 1, 1, NULL, NULL, '{1,2,3}', 1)::trend_surface_result, 'POINT EMPTY'::geometry),
          NULL, 'trend_surface_value: an empty geometry -> NULL, as documented');
SELECT is(trend_surface_value(ROW(25, 1, 0, 10, 20, 2, 4, NULL, NULL, '{1,2,3}', 1)::trend_surface_result, ST_MakePoint(14, 28)),
          1 + 2 * 2 + 3 * 2.0::float8, 'trend_surface_value: a hand-made valid surface is evaluated on scaled coordinates');
SELECT is(trend_surface_value(ROW(25, 1, 0, 0, 0, 1, 1, NULL, NULL, '[0:2]={1,2,3}', 1)::trend_surface_result, ST_MakePoint(1, 1)),
          6::float8, 'trend_surface_value: coefficients with another lower bound are read in order');
SELECT throws_ok($$SELECT trend_surface_value(ROW(25, 1, 0, 0, 0, 1, 1, NULL, NULL, '{}', 1)::trend_surface_result, ST_MakePoint(1, 1))$$,
                 '22023', NULL, 'trend_surface_value: empty coefficients -> 22023');
SELECT throws_ok($$SELECT trend_surface_value(ROW(25, 1, 0, 0, 0, 'Infinity', 1, NULL, NULL, '{1,2,3}', 1)::trend_surface_result, ST_MakePoint(1, 1))$$,
                 '22023', 'trend_surface_value: the surface''s scale_x is not valid', 'trend_surface_value: infinite scale -> 22023');


-- trend_curve and trend_lines on a hand-made or changed trend_analysis_result
CREATE TEMP TABLE ta_ok AS SELECT (trend_analysis(geom, v)).* FROM sy_myr;
CREATE FUNCTION pg_temp.ta_err(fn text, r trend_analysis_result) RETURNS text LANGUAGE plpgsql AS $$
DECLARE d text;
BEGIN
	IF fn = 'trend_lines' THEN PERFORM count(*) FROM trend_lines(r, 10);
	ELSE PERFORM count(*) FROM trend_curve(r, 10); END IF;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ' ' || SQLERRM || ' / ' || d;
END $$;
-- the result with one field replaced
CREATE FUNCTION pg_temp.ta_with(field text, val text) RETURNS trend_analysis_result LANGUAGE sql AS $$
SELECT jsonb_populate_record(NULL::trend_analysis_result,
                             jsonb_set(to_jsonb(t), ARRAY[field], coalesce(to_jsonb(val), 'null'::jsonb))) FROM ta_ok t
$$;
SELECT is(pg_temp.ta_err('trend_curve', pg_temp.ta_with('ew_scale', '0')),
          '22023 trend_curve: the trend is not a result of trend_analysis / ew_scale is 0; it must be a finite number > 0.',
          'trend_curve: a zero scale -> 22023 naming the function (was a bare division by zero, 22012)');
SELECT is(pg_temp.ta_err('trend_curve', pg_temp.ta_with('ew_scaled_coefficients', (SELECT array_fill(1::float8, ARRAY[1000000])::text))),
          '22023 trend_curve: the trend is not a result of trend_analysis / ew_scaled_coefficients has 1000000 elements; order 2 has 3.',
          'trend_curve: a million coefficients -> 22023 before any sample (was seconds per call)');
SELECT is(pg_temp.ta_err('trend_curve', pg_temp.ta_with('ns_scaled_coefficients', '{1,NaN,2}')),
          '22023 trend_curve: the trend is not a result of trend_analysis / Element 2 of ns_scaled_coefficients is NaN.',
          'trend_curve: a NaN coefficient -> 22023');
SELECT is(pg_temp.ta_err('trend_curve', pg_temp.ta_with('ew_min', NULL)),
          '22023 trend_curve: the trend is not a result of trend_analysis / ew_min is NULL; it must be finite.',
          'trend_curve: a NULL range end -> 22023 (was rows of NULL positions)');
SELECT is(pg_temp.ta_err('trend_curve', pg_temp.ta_with('order', '7')),
          '22023 trend_curve: the trend is not a result of trend_analysis / The order is 7; trend_analysis() fits orders 1 to 6.',
          'trend_curve: order 7 -> 22023');
SELECT is(pg_temp.ta_err('trend_curve', pg_temp.ta_with('ew_min', (SELECT (ew_max + 1)::text FROM ta_ok))),
          (SELECT '22023 trend_curve: the trend is not a result of trend_analysis / ew_min is ' || (ew_max + 1) || ', above ew_max ' || ew_max || '.' FROM ta_ok),
          'trend_curve: min above max -> 22023');
SELECT is(pg_temp.ta_err('trend_lines', pg_temp.ta_with('rotation', 'NaN')),
          '22023 trend_lines: the trend is not a result of trend_analysis / The rotation is NaN; it must be a finite number of degrees.',
          'trend_lines: a NaN rotation -> 22023 naming trend_lines');
SELECT is(pg_temp.ta_err('trend_lines', pg_temp.ta_with('srid', NULL)),
          '22023 trend_lines: the trend is not a result of trend_analysis / The srid is NULL (0 for none).',
          'trend_lines: a NULL srid -> 22023 (was NULL geometries)');
SELECT is((SELECT count(*) FROM trend_curve(pg_temp.ta_with('ns_scaled_coefficients', NULL), 10)), 10::bigint,
          'trend_curve: a direction with NULL coefficients (an undefined fit) is left out, not an error');

SELECT * FROM finish();
ROLLBACK;
