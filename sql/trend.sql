-- trend_analysis, trend_curve, trend_lines, trend_surface (synergy_postgis).
-- Values are checked against exact polynomials (tolerances stated inline);
-- errors by SQLSTATE.
CREATE EXTENSION postgis;
CREATE EXTENSION synergy_postgis;
\set VERBOSITY sqlstate

-- points on an exact inverted U north-south and a line east-west, in
-- projected metres (x ~ 5e5, y ~ 3.3e6, as UTM zone 49N)
CREATE TEMP TABLE pts AS
SELECT i, j,
       ST_SetSRID(ST_MakePoint(5e5 + 1e4 * i, 3.3e6 + 1e4 * j), 32649) AS geom,
       0.5 + 0.02 * i - 0.01 * (j - 5) ^ 2 AS z
FROM generate_series(0, 10) i, generate_series(0, 10) j;

-- order 2: exact fit; scaled coefficients on t = (x - center) / scale
SELECT n, "order", srid, ew_shape, ns_shape,
       abs(ew_r2 - 4 / 11.8) < 1e-9 AS ew_r2_ok,  -- variance shares: 0.02^2 var(i) = 4e-3 of 11.8e-3
       ew_center = 550000 AND ew_scale = 50000 AS ew_scaling,
       abs(ns_scaled_coefficients[3] - (-0.25)) < 1e-12 AS ns_a2,   -- -0.01 * 5^2
       abs(ns_coefficients[3] - (-0.01 / 1e8)) < 1e-20 AS ns_b2,    -- raw: per m^2
       abs(ew_coefficients[2] - 2e-6) < 1e-15 AS ew_b1
FROM (SELECT (trend_analysis(geom, z)).* FROM pts) t;

-- fitted ranges
SELECT round(ew_min) AS ew_min, round(ew_max) AS ew_max,
       round(ns_fit_min::numeric, 6) AS ns_fit_min, round(ns_fit_max::numeric, 6) AS ns_fit_max
FROM (SELECT (trend_analysis(geom, z, 2)).* FROM pts) t;

-- shapes of constructed profiles (order 1-3)
SELECT "order", ew_shape, ns_shape
FROM (VALUES (1), (2), (3)) o(k),
LATERAL (SELECT (trend_analysis(geom, z, o.k)).* FROM pts) t ORDER BY 1;
SELECT s.label, (trend_analysis(ST_MakePoint(x, 0), f, s.ord)).ew_shape
FROM (VALUES ('U', 2), ('N', 3), ('inverted N', 3), ('falling', 1)) s(label, ord),
LATERAL (SELECT x, CASE s.label WHEN 'U' THEN x * x WHEN 'N' THEN 2 * x ^ 3 - x
                              WHEN 'inverted N' THEN x - 2 * x ^ 3 ELSE -x END AS f
         FROM generate_series(-1, 1, 0.1) x) p
GROUP BY s.label, s.ord ORDER BY 1;

-- rotation: a ramp along the diagonal is a pure east-west trend after 45 degrees
SELECT round(ew_r2::numeric, 12) AS ew_r2, ns_shape, ew_shape
FROM (SELECT (trend_analysis(ST_MakePoint(i, j), i + j, 1, 45)).*
      FROM generate_series(0, 5) i, generate_series(0, 5) j) t;
-- and 90 degrees turns north into east: x' = y
SELECT ew_shape, ns_shape
FROM (SELECT (trend_analysis(ST_MakePoint(i, j), j::float8, 1, 90)).*
      FROM generate_series(0, 5) i, generate_series(0, 5) j) t;

-- polygons are used through ST_PointOnSurface
SELECT (trend_analysis(ST_Buffer(geom, 100), z)).ns_shape FROM pts;

-- NULLs and empty geometries are skipped; an all-NULL group gives NULL
SELECT (trend_analysis(g, z)).n
FROM (VALUES (ST_MakePoint(0, 0), 1.0), (NULL, 2.0), (ST_MakePoint(1, 1), NULL),
             ('POINT EMPTY'::geometry, 3.0), (ST_MakePoint(2, 0), 2.0), (ST_MakePoint(3, 5), 1.0)) v(g, z);
SELECT trend_analysis(g, z) IS NULL AS all_null
FROM (VALUES (NULL::geometry, 1.0), ('POINT EMPTY'::geometry, 1.0)) v(g, z);

-- degenerate groups: fewer positions than coefficients -> that direction is NULL
SELECT n, ew_coefficients IS NULL AS ew_undefined, ew_min, ns_shape IS NULL AS ns_undefined
FROM (SELECT (trend_analysis(ST_MakePoint(i, 0), i::float8, 2)).*
      FROM generate_series(1, 2) i) t;
-- all on one east-west line: north-south undefined, east-west fitted
SELECT ew_shape, ns_coefficients IS NULL AS ns_undefined, ns_min, ns_max
FROM (SELECT (trend_analysis(ST_MakePoint(i, 7), i::float8)).* FROM generate_series(1, 5) i) t;
-- identical z: flat, R-squared undefined
SELECT ew_shape, ns_shape, ew_r2 IS NULL AS r2_null,
       abs(ew_scaled_coefficients[1] - 0.5) < 1e-12 AND abs(ew_scaled_coefficients[3]) < 1e-12 AS constant_fit
FROM (SELECT (trend_analysis(geom, 0.5)).* FROM pts) t;

-- errors
SELECT trend_analysis(geom, z, 7) FROM pts;                         -- 22023 order
SELECT trend_analysis(geom, z, 0) FROM pts;                         -- 22023 order
SELECT trend_analysis(geom, z, 2, 'NaN') FROM pts;                  -- 22023 rotation
SELECT trend_analysis(geom, 'Infinity'::float8) FROM pts;           -- 22003 z
SELECT trend_analysis(g, 1.0)
FROM (VALUES ('SRID=4326;POINT(1 2)'::geometry), ('SRID=3857;POINT(1 2)')) v(g); -- 22023 SRID
SELECT trend_analysis(ST_MakePoint(i, 0), 1.0, CASE WHEN i < 3 THEN 1 ELSE 2 END)
FROM generate_series(1, 5) i;                                       -- 22023 order not constant
SELECT trend_analysis(ST_MakePoint('NaN', 0), 1.0);                 -- 22003 coordinates

-- geographic SRIDs are fitted in degrees; ST_Transform to fit in metres
SELECT srid, round(ew_center::numeric, 3) AS ew_center
FROM (SELECT (trend_analysis(ST_SetSRID(ST_MakePoint(110 + i, 30), 4326), i::float8, 1)).*
      FROM generate_series(0, 4) i) t;
SELECT srid, round(ew_center) AS ew_center
FROM (SELECT (trend_analysis(ST_Transform(ST_SetSRID(ST_MakePoint(110 + i, 30), 4326), 32649),
                             i::float8, 1)).*
      FROM generate_series(0, 4) i) t;

-- or pass target_srid: the geometries are transformed (ST_Transform) before the fit;
-- mixed input SRIDs are then fine, and NULL means no transform
SELECT srid, round(ew_center) AS ew_center, ew_shape
FROM (SELECT (trend_analysis(ST_SetSRID(ST_MakePoint(110 + i, 30), 4326), i::float8, 1, 0, 32649)).*
      FROM generate_series(0, 4) i) t;
SELECT srid, n FROM (SELECT (trend_analysis(g, 1.0, 1, 0, 3857)).*
      FROM (VALUES ('SRID=4326;POINT(110 30)'::geometry), ('SRID=4490;POINT(111 31)')) v(g)) t;
SELECT srid FROM (SELECT (trend_analysis(ST_SetSRID(ST_MakePoint(110 + i, 30), 4326), i::float8, 1, 0, NULL)).*
      FROM generate_series(0, 4) i) t;
SELECT srid, round(r2::numeric, 4) AS r2  -- a plane in degrees is nearly one in metres
FROM (SELECT (trend_surface(ST_SetSRID(ST_MakePoint(110 + i, 30 + j), 4326), (i + j)::float8, 1, 32649)).*
      FROM generate_series(0, 4) i, generate_series(0, 4) j) t;
SELECT trend_analysis(geom, z, 1, 0, -1) FROM pts;                  -- 22023 target_srid

-- order 6 at projected coordinates: an exact sextic is recovered
SELECT abs(ew_scaled_coefficients[7] - 0.5) < 1e-8 AS a6, ew_r2 > 1 - 1e-12 AS exact
FROM (SELECT (trend_analysis(ST_MakePoint(1.2e6 + 3e5 * t, 0), 1 + t - 2 * t ^ 3 + 0.5 * t ^ 6, 6)).*
      FROM generate_series(-1, 1, 0.05) t) s;

-- curves and lines
SELECT direction, count(*), round(min("position")) AS from_pos, round(max("position")) AS to_pos,
       round(max(z)::numeric, 6) AS z_max
FROM (SELECT trend_analysis(geom, z) AS t FROM pts) s, trend_curve(t, 11)
GROUP BY direction ORDER BY direction;
SELECT direction, ST_GeometryType(geom), ST_NPoints(geom), ST_SRID(geom),
       ST_AsText(ST_StartPoint(geom), 1) AS start
FROM (SELECT trend_analysis(geom, z) AS t FROM pts) s, trend_lines(t, 5) ORDER BY direction;

-- parallel partial aggregation (combine, serialize, deserialize) gives the
-- serial fit to 1e-9 relative (sums in another order differ in the last bits),
-- plus 1e-12 absolute: the smallest coefficients (~1e-6 beside 0.1) differ by
-- a few 1e-16, up to about 4e-10 of their own size, depending on how the rows
-- fall to the workers
CREATE TABLE trend_par AS
SELECT ST_MakePoint(1e5 * sin(g), 1e5 * cos(g * 0.7)) AS g, sin(g * 0.3) + 1e-5 * g AS z
FROM generate_series(1, 20000) g;
ANALYZE trend_par;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE trend_serial AS
SELECT (trend_analysis(g, z, 3)).*, trend_surface(g, z, 3) AS s FROM trend_par;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT trend_analysis(g, z, 3) FROM trend_par;
SELECT p.n = s.n AS n,
       bool_and(abs(a - b) <= 1e-12 + 1e-9 * abs(b)) AS ew_same
FROM (SELECT (trend_analysis(g, z, 3)).* FROM trend_par) p, trend_serial s,
     unnest(p.ew_scaled_coefficients, s.ew_scaled_coefficients) u(a, b)
GROUP BY p.n, s.n;
SELECT bool_and(abs(a - b) <= 1e-12 + 1e-9 * abs(b)) AS surface_same
FROM (SELECT trend_surface(g, z, 3) AS s FROM trend_par) p, trend_serial s,
     unnest((p.s).scaled_coefficients, (s.s).scaled_coefficients) u(a, b);
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;
DROP TABLE trend_par;

-- trend surface: exact quadratic surface; residual mapping
SELECT terms, round(r2::numeric, 12) AS r2,
       abs(coefficients[5] - 3e-12) < 1e-18 AS bxy
FROM (SELECT (trend_surface(geom, 1 + 2e-6 * ST_X(geom) - 1e-6 * ST_Y(geom)
                                  + 3e-12 * ST_X(geom) * ST_Y(geom), 2)).* FROM pts) t;
SELECT round(trend_surface_value(s, ST_SetSRID(ST_MakePoint(5.5e5, 3.35e6), 32649))::numeric, 9) AS at_centre
FROM (SELECT trend_surface(geom, z) AS s FROM pts) t;
SELECT trend_surface_value(s, 'SRID=4326;POINT(1 1)') FROM (SELECT trend_surface(geom, z) AS s FROM pts) t; -- 22023
SELECT (trend_surface(ST_MakePoint(i, 2 * i), i::float8, 1)).coefficients IS NULL AS collinear_undefined
FROM generate_series(1, 9) i;
SELECT trend_surface(geom, z, 9) FROM pts;                          -- 22023

DROP TABLE pts, trend_serial;
DROP EXTENSION synergy_postgis;
DROP EXTENSION postgis;
