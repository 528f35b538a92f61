-- An outside cross-check of the spatial and simple-forecast families on
-- public data sets no other test uses, against R (spdep 1.2.7, sf 1.0.9,
-- forecast 8.20): North Carolina SIDS (sf's shape/nc.shp, 100 counties,
-- NAD27 lon/lat), Baltimore house sales (spData's baltim.shp, 211 points),
-- R's Nile, WWWusage, austres and uspop.  Expected values are stored
-- (test/reference/make_xcheck_spatial.R writes the data and the two CSVs,
-- read here with \copy); no R at run time.  Then the edge cases a reviewer
-- tries: islands, duplicate and empty geometries, mixed SRIDs, geographic
-- against projected coordinates, constant values, 2 regions, NaN and NULL,
-- GM(1,1) with a zero or a negative value, naive and drift on 2 values.
--
-- Tolerances (observed differences are about 100 times smaller):
--   Moran's I and its moments, local I_i, E, Var, z: 1e-10 relative
--   p values of the normal approximation: 1e-9 relative (tails to 1e-43)
--   trend coefficients on raw coordinates (x^3 ~ 1e9): 1e-8 relative, R^2 1e-10
--   gravity distances, strengths, memberships: 1e-12 relative
--   forecasts and bounds: 1e-11 (|forecast| + |bound|)
--   permutation p values: Monte Carlo estimates on both sides, compared
--   within 4.5 standard errors of their difference.
BEGIN;
SET client_min_messages = warning;
SELECT plan(46);

\i test/data/nc_sids.sql
\i test/data/baltimore.sql
CREATE TEMP TABLE xref (name text, row bigint, quantity text, value float8);
\copy xref FROM 'test/reference/xcheck_spatial_expected.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE fref (series text, method text, step int, quantity text, value float8);
\copy fref FROM 'test/reference/xcheck_forecast_expected.csv' WITH (FORMAT csv, HEADER true)

CREATE FUNCTION pg_temp.close(got float8, want float8, rel float8) RETURNS bool
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN want = 'NaN' THEN got IS NULL
	            ELSE got IS NOT NULL AND abs(got - want) <= rel * abs(want) + 1e-300 END $$;

-- NC county centroids (GEOS, as sf's st_centroid without s2), in degrees and
-- in NAD27 / UTM 17N metres (EPSG:26717: no datum shift)
CREATE TEMP TABLE nc_pts AS
SELECT fips, ft_sid74, bir74, ST_Centroid(geom) AS deg, ST_Transform(ST_Centroid(geom), 26717) AS utm FROM sy_nc;
CREATE TEMP TABLE nc_arr AS
SELECT array_agg(fips ORDER BY fips) AS ids, array_agg(ft_sid74 ORDER BY fips) AS v,
       array_agg(deg ORDER BY fips) AS deg, array_agg(utm ORDER BY fips) AS utm FROM nc_pts;

-- ---------------------------------------------------------------- weights
SELECT is((SELECT count(*) FROM xref r
           JOIN spatial_weights('sy_nc', 'fips', 'geom', CASE r.name WHEN 'nc_queen' THEN 'queen' ELSE 'rook' END) w
             ON w.id = r.row AND cardinality(w.neighbours) = r.value
           WHERE r.name IN ('nc_queen', 'nc_rook') AND r.quantity = 'card'), 200::bigint,
          'NC polygons: queen and rook neighbour counts per county as spdep poly2nb (490 and 462 links)');

-- neighbour sets compared through the sum of their ids
CREATE TEMP TABLE got_w AS
SELECT 'nc_knn4_deg' AS name, w.* FROM nc_arr a, spatial_weights_array(a.deg, a.ids, 'knn', 4) w
UNION ALL SELECT 'nc_knn4_utm', w.* FROM nc_arr a, spatial_weights_array(a.utm, a.ids, 'knn', 4) w
UNION ALL SELECT 'nc_band30km', w.* FROM nc_arr a, spatial_weights_array(a.utm, a.ids, 'distance', distance => 30000) w
UNION ALL SELECT 'baltim_knn6', w.* FROM spatial_weights('sy_baltim', 'station', 'geom', 'knn', 6) w
UNION ALL SELECT 'baltim_knn4', w.* FROM spatial_weights('sy_baltim', 'station', 'geom', 'knn', 4) w
UNION ALL SELECT 'baltim_band10', w.* FROM spatial_weights('sy_baltim', 'station', 'geom', 'distance', distance => 10) w;

SELECT is((SELECT count(*) FROM got_w g JOIN xref r ON r.name = g.name AND r.row = g.id AND r.quantity = 'nbsum'
           WHERE (SELECT coalesce(sum(x), 0) FROM unnest(g.neighbours) x) = r.value), 622::bigint,
          'knn sets as spdep knearneigh: NC centroids k = 4 in degrees and in UTM metres, Baltimore k = 4 and 6 (ties at the k-th distance: by id, as spdep by position)');
SELECT is((SELECT count(*) FROM got_w g JOIN xref r ON r.name = g.name AND r.row = g.id AND r.quantity = 'card'
           WHERE cardinality(g.neighbours) = r.value), 311::bigint,
          'distance bands as spdep dnearneigh: NC 30 km (43 islands), Baltimore 10 units (2 islands)');
-- geographic against projected: knn on degrees is planar (<-> on geometry);
-- spdep's great-circle knn (longlat = TRUE) differs for 20 counties, and
-- the knn of the projected centroids are exactly the great-circle ones
SELECT is((SELECT count(*) FROM got_w g JOIN xref r ON r.name = 'nc_knn4_greatcircle' AND r.quantity = 'nbsum' AND r.row = g.id
           WHERE g.name = 'nc_knn4_deg' AND (SELECT sum(x) FROM unnest(g.neighbours) x) <> r.value), 20::bigint,
          'knn on EPSG:4267 degrees differs from spdep''s great-circle knn (longlat = TRUE) for 20 NC counties');
SELECT is((SELECT count(*) FROM got_w g JOIN xref r ON r.name = 'nc_knn4_greatcircle' AND r.quantity = 'nbsum' AND r.row = g.id
           WHERE g.name = 'nc_knn4_utm' AND (SELECT sum(x) FROM unnest(g.neighbours) x) = r.value), 100::bigint,
          'knn after ST_Transform to NAD27 / UTM 17N = spdep''s great-circle knn for all 100 counties (what the docs recommend)');
-- knn on polygons orders by the distance between the polygons (0 for all
-- that touch, then ties by id): not spdep's knn on centroids
SELECT is((SELECT count(*) FROM spatial_weights('sy_nc', 'fips', 'geom', 'knn', 4) w
           JOIN xref r ON r.name = 'nc_knn4_deg' AND r.quantity = 'nbsum' AND r.row = w.id
           WHERE (SELECT sum(x) FROM unnest(w.neighbours) x) <> r.value), 74::bigint,
          'knn on NC polygons (touching ones first, ties by id) differs from centroid knn for 74 counties');
SELECT is((SELECT count(*) FROM spatial_weights('sy_nc', 'fips', 'geom', 'knn', 4) k
           JOIN spatial_weights('sy_nc', 'fips', 'geom') q USING (id)
           WHERE NOT k.neighbours <@ q.neighbours AND cardinality(q.neighbours) >= 4), 0::bigint,
          'knn on polygons: the 4 nearest of a county with >= 4 queen neighbours are queen neighbours');

-- ------------------------------------------------------------ global Moran
-- general weights: inverse distance within the 10-unit band
CREATE TEMP TABLE idw AS
SELECT a.station AS id, array_agg(b.station ORDER BY b.station) AS nb,
       array_agg(1 / ST_Distance(a.geom, b.geom) ORDER BY b.station) AS wt, sum(1 / ST_Distance(a.geom, b.geom)) AS total
  FROM sy_baltim a JOIN sy_baltim b ON a.station <> b.station AND ST_DWithin(a.geom, b.geom, 10) GROUP BY a.station;
CREATE TEMP TABLE got_g AS
SELECT 'nc_queen_w' AS name, (moran_i(c.ft_sid74, c.fips, w.neighbours, w.weights)).*
  FROM sy_nc c JOIN spatial_weights('sy_nc', 'fips', 'geom') w ON w.id = c.fips
UNION ALL SELECT 'nc_queen_b', (moran_i(c.ft_sid74, c.fips, w.neighbours, w.weights)).*
  FROM sy_nc c JOIN spatial_weights('sy_nc', 'fips', 'geom', style => 'binary') w ON w.id = c.fips
UNION ALL SELECT 'nc_rook_w', (moran_i(c.ft_sid74, c.fips, w.neighbours, w.weights)).*
  FROM sy_nc c JOIN spatial_weights('sy_nc', 'fips', 'geom', 'rook') w ON w.id = c.fips
UNION ALL SELECT g.name || '_w', (moran_i(c.ft_sid74, c.fips, g.neighbours, g.weights)).*
  FROM nc_pts c JOIN got_w g ON g.id = c.fips AND g.name IN ('nc_knn4_deg', 'nc_band30km') GROUP BY g.name
UNION ALL SELECT 'baltim_band10_w', (moran_i(c.price, c.station, g.neighbours, g.weights)).*
  FROM sy_baltim c JOIN got_w g ON g.id = c.station AND g.name = 'baltim_band10'
UNION ALL SELECT 'baltim_band10_b', (moran_i(c.price, c.station, w.neighbours, w.weights)).*
  FROM sy_baltim c JOIN spatial_weights('sy_baltim', 'station', 'geom', 'distance', distance => 10, style => 'binary') w
    ON w.id = c.station
UNION ALL SELECT 'baltim_knn6_w', (moran_i(c.age, c.station, g.neighbours, g.weights)).*
  FROM sy_baltim c JOIN got_w g ON g.id = c.station AND g.name = 'baltim_knn6'
UNION ALL SELECT 'baltim_band10_idw_' || s.style, (moran_i(c.price, c.station, w.nb,
                 CASE s.style WHEN 'b' THEN w.wt ELSE (SELECT array_agg(x / w.total ORDER BY o) FROM unnest(w.wt) WITH ORDINALITY u(x, o)) END)).*
  FROM sy_baltim c CROSS JOIN (VALUES ('b'), ('w')) AS s(style) LEFT JOIN idw w ON w.id = c.station GROUP BY s.style;

CREATE TEMP TABLE cmp_g AS
SELECT r.name, r.quantity, r.value AS want,
       CASE r.quantity WHEN 'i' THEN g.i WHEN 'expected' THEN g.expected
            WHEN 'variance_randomisation' THEN g.variance_randomisation WHEN 'z_randomisation' THEN g.z_randomisation
            WHEN 'p_randomisation' THEN g.p_randomisation WHEN 'variance_normal' THEN g.variance_normal
            WHEN 'z_normal' THEN g.z_normal WHEN 'p_normal' THEN g.p_normal WHEN 'islands' THEN g.islands END AS got
  FROM got_g g JOIN xref r ON r.name = g.name AND r.row = 0 AND r.quantity <> 'links';

SELECT is((SELECT count(*) FROM cmp_g), 90::bigint, 'global Moran: 10 cases x 9 quantities compared');
SELECT is((SELECT string_agg(name || '.' || quantity, ', ') FROM cmp_g
           WHERE NOT pg_temp.close(got, want, CASE WHEN quantity LIKE 'p\_%' THEN 1e-9 ELSE 1e-10 END)), NULL,
          'global Moran (I, E, Var, z, p under randomisation and normality, islands) = spdep moran.test: NC queen W, B, rook, knn, band; Baltimore band W, B, inverse distance B, W, knn');
SELECT is((SELECT array_agg(islands ORDER BY name) FROM got_g WHERE name IN ('nc_band30km_w', 'baltim_band10_w')),
          '{2,43}'::bigint[], 'islands counted (zero.policy, adjust.n as spdep)');

-- ------------------------------------------------------------- local Moran
CREATE TEMP TABLE got_l AS
SELECT 'nc_queen_w' AS name, c.fips AS id, local_moran(c.ft_sid74, c.fips, w.neighbours, w.weights) OVER () AS l
  FROM sy_nc c JOIN spatial_weights('sy_nc', 'fips', 'geom') w ON w.id = c.fips
UNION ALL
SELECT 'nc_band30km_w', s.id, (s.i, s.expected, s.variance, s.z, s.p, s.quadrant)::local_moran_result
  FROM nc_arr a, local_moran(a.v, a.utm, ids => a.ids, method => 'distance', distance => 30000) s
UNION ALL
SELECT 'baltim_band10_w', c.station, local_moran(c.price, c.station, g.neighbours, g.weights) OVER ()
  FROM sy_baltim c JOIN got_w g ON g.id = c.station AND g.name = 'baltim_band10'
UNION ALL
SELECT 'nc_queen_b', c.fips, local_moran(c.ft_sid74, c.fips, w.neighbours, w.weights, significance => 1) OVER ()
  FROM sy_nc c JOIN spatial_weights('sy_nc', 'fips', 'geom', style => 'binary') w ON w.id = c.fips;

CREATE TEMP TABLE cmp_l AS
SELECT r.name, r.row, r.quantity, r.value AS want,
       CASE r.quantity WHEN 'ii' THEN (l).i WHEN 'e_ii' THEN (l).expected WHEN 'var_ii' THEN (l).variance
            WHEN 'z_ii' THEN (l).z WHEN 'p_ii' THEN (l).p END AS got, (l).quadrant
  FROM got_l g JOIN xref r ON r.name = g.name AND r.row = g.id AND r.quantity IN ('ii', 'e_ii', 'var_ii', 'z_ii', 'p_ii');
SELECT is((SELECT count(*) FROM cmp_l), 2555::bigint, 'local Moran: 511 regions x 5 quantities compared');
SELECT is((SELECT count(*) FROM cmp_l
           WHERE quadrant <> 'island'
             AND NOT pg_temp.close(got, want, CASE quantity WHEN 'p_ii' THEN 1e-9 ELSE 1e-10 END)), 0::bigint,
          'local Moran (I_i, E, Var, z, p) = spdep localmoran for NC queen W and B, NC 30 km band, Baltimore 10-unit band');
-- islands: spdep gives I_i = 0, E = 0, Var = 0, z = NaN; synergy I_i = 0,
-- moments NULL, quadrant island (docs/spatial.md)
SELECT is((SELECT count(*) FROM cmp_l WHERE quadrant = 'island'
             AND CASE quantity WHEN 'ii' THEN got = 0 AND want = 0
                               WHEN 'e_ii' THEN got IS NULL AND want = 0
                               WHEN 'var_ii' THEN got IS NULL AND want = 0
                               ELSE got IS NULL AND want = 'NaN' END), 225::bigint,
          'islands: I_i 0 as spdep; E, Var (spdep 0) and z, p (spdep NaN) NULL');
SELECT is((SELECT count(*) FROM got_l WHERE (l).quadrant = 'island'), 45::bigint, '45 island rows (43 + 2)');
-- quadrants: the signs of z_i and of its lag, spdep's quadr$pysal (all
-- 100 NC counties with significance => 1)
SELECT is((SELECT count(*) FROM (SELECT c.fips, local_moran(c.ft_sid74, c.fips, w.neighbours, w.weights, significance => 1) OVER () AS l
                                   FROM sy_nc c JOIN spatial_weights('sy_nc', 'fips', 'geom') w ON w.id = c.fips) a
           JOIN xref r ON r.name = 'nc_queen_w' AND r.quantity = 'quadrant_pysal' AND r.row = a.fips
           WHERE (a.l).quadrant = (ARRAY['HH', 'LL', 'HL', 'LH'])[r.value::int]), 100::bigint,
          'LISA quadrants = spdep localmoran quadr$pysal for the 100 NC counties');

-- -------------------------------------------------------------- permutations
-- global: moran.mc (one-sided, 999,999 permutations) against 99,999 here
SELECT ok((SELECT abs(m.p_permutation - r.value)
                  <= 4.5 * sqrt(r.value * (1 - r.value) * (1 / 99999.0 + 1 / 999999.0))
             AND abs(m.i - (SELECT value FROM xref WHERE name = 'nc_queen_w_bir74' AND quantity = 'i')) <= 1e-12
           FROM (SELECT (moran_i(c.bir74, c.fips, w.neighbours, w.weights, 99999, 1)).*
                   FROM sy_nc c JOIN spatial_weights('sy_nc', 'fips', 'geom') w ON w.id = c.fips) m,
                xref r WHERE r.name = 'nc_queen_w_bir74' AND r.quantity = 'p_permutation'),
          'permutation p of NC births 1974 (queen, W) = spdep moran.mc 0.0199 within 4.5 standard errors');
-- local: conditional permutations without replacement (199,999 in R) against
-- 99,999 here, for the 6 counties of smallest analytical p
CREATE TEMP TABLE perm_l AS
SELECT r.row AS id, r.value AS want, (l).p AS got,
       (SELECT value FROM xref s WHERE s.name = 'nc_queen_w_local_perm_spdep' AND s.row = r.row) AS spdep
  FROM (SELECT c.fips, local_moran(c.ft_sid74, c.fips, w.neighbours, w.weights, 99999, 7) OVER () AS l
          FROM sy_nc c JOIN spatial_weights('sy_nc', 'fips', 'geom') w ON w.id = c.fips) s
  JOIN xref r ON r.name = 'nc_queen_w_local_perm' AND r.quantity = 'p_folded' AND r.row = s.fips;
SELECT is((SELECT count(*) FROM perm_l
           WHERE abs(got - want) <= 4.5 * sqrt(want * (1 - want) * (1 / 99999.0 + 1 / 199999.0))), 6::bigint,
          'local permutation p (folded) within 4.5 standard errors of an independent draw without replacement');
SELECT ok((SELECT abs(sum(got) - sum(want)) <= 4.5 * sqrt(sum(want) * (1 / 99999.0 + 1 / 199999.0)) FROM perm_l),
          'local permutation p, summed over the 6 counties, within 4.5 standard errors');
-- spdep 1.2's localmoran_perm draws with replacement: its p values are
-- larger, beyond the Monte Carlo error (a definitional difference, docs)
SELECT ok((SELECT sum(spdep) - sum(got) > 4.5 * sqrt(sum(want) * (1 / 99999.0 + 1 / 99999.0)) FROM perm_l),
          'spdep localmoran_perm (with replacement) gives larger p: the two schemes are told apart');

-- ------------------------------------------------------------------ trend
CREATE TEMP TABLE got_t AS
SELECT o, trend_analysis(geom, price, o) AS t FROM sy_baltim, generate_series(2, 3) o GROUP BY o;
SELECT is((SELECT count(*) FROM got_t g CROSS JOIN (VALUES ('ew'), ('ns')) AS dd(d)
                JOIN xref r ON r.name = format('baltim_trend_%s_%s', dd.d, g.o)
           WHERE (r.quantity = 'coef' AND pg_temp.close(CASE d WHEN 'ew' THEN ((g.t).ew_coefficients)[r.row + 1]
                                                          ELSE ((g.t).ns_coefficients)[r.row + 1] END, r.value, 1e-8))
              OR (r.quantity = 'r2' AND abs(CASE d WHEN 'ew' THEN (g.t).ew_r2 ELSE (g.t).ns_r2 END - r.value) <= 1e-10)),
          18::bigint, 'trend_analysis of Baltimore prices, orders 2 and 3: coefficients and R^2 as R lm');
-- NC polygons in degrees, fitted in metres: target_srid transforms them
-- (NAD27 / UTM 17N), then takes a point on each surface
SELECT is((SELECT count(*) FROM (SELECT trend_analysis(geom, ft_sid74, 2, 0, 26717) AS t FROM sy_nc) g
                CROSS JOIN (VALUES ('ew'), ('ns')) AS dd(d)
                JOIN xref r ON r.name = 'nc_trend_utm_' || dd.d
           WHERE (r.quantity = 'coef' AND pg_temp.close(CASE d WHEN 'ew' THEN ((g.t).ew_coefficients)[r.row + 1]
                                                          ELSE ((g.t).ns_coefficients)[r.row + 1] END, r.value, 1e-8))
              OR (r.quantity = 'r2' AND abs(CASE d WHEN 'ew' THEN (g.t).ew_r2 ELSE (g.t).ns_r2 END - r.value) <= 1e-10)),
          8::bigint, 'trend_analysis of the NC rate with target_srid 26717 (polygons in EPSG:4267): as R lm on st_point_on_surface(st_transform())');
SELECT is((SELECT count(*) FROM (SELECT trend_surface(geom, price, 2) AS f FROM sy_baltim) s,
                 xref r WHERE r.name = 'baltim_surface_2' AND r.row < 6
                   AND ((r.quantity = 'coef' AND pg_temp.close(((s.f).coefficients)[r.row + 1], r.value, 1e-9))
                     OR (r.quantity = 'r2' AND abs((s.f).r2 - r.value) <= 1e-10))), 7::bigint,
          'trend_surface order 2 of Baltimore prices: 6 coefficients and R^2 as R lm');
SELECT is((SELECT count(*) FROM (SELECT trend_surface(geom, price, 2) AS f FROM sy_baltim) s, sy_baltim b
           JOIN xref r ON r.name = 'baltim_surface_2' AND r.quantity = 'fitted' AND r.row = b.station
           WHERE pg_temp.close(trend_surface_value(s.f, b.geom), r.value, 1e-10)), 211::bigint,
          'trend_surface_value = lm fitted values at all 211 sales');

-- ---------------------------------------------------------------- gravity
CREATE TEMP TABLE grav_in AS
SELECT array_agg(fips ORDER BY fips) AS ids, array_agg(bir74 ORDER BY fips) AS q,
       array_agg(ST_X(deg) ORDER BY fips) AS lon, array_agg(ST_Y(deg) ORDER BY fips) AS lat
  FROM (SELECT * FROM nc_pts ORDER BY bir74 DESC LIMIT 12) t;
CREATE TEMP TABLE cmp_grav AS
SELECT r.name, r.quantity, r.value AS want,
       CASE r.quantity WHEN 'distance' THEN l.distance WHEN 'strength' THEN l.strength ELSE l.membership END AS got
  FROM (SELECT 'nc_gravity_book' AS name, l.* FROM grav_in a, gravity_linkage(a.ids, a.q, a.lon, a.lat) l
        UNION ALL
        SELECT 'nc_gravity_r1', l.* FROM grav_in a,
               gravity_linkage(a.ids, a.q, a.lon, a.lat, k => 2, alpha => 0.5, beta => 0.5, r => 1) l) l
  JOIN xref r ON r.name = l.name AND r.row = l.i::bigint * 1000000 + l.j;
SELECT is((SELECT count(*) FROM cmp_grav WHERE pg_temp.close(got, want, 1e-12)), 660::bigint,
          'gravity_linkage among the 12 NC counties with most births: 132 distances, strengths, memberships x 2 cases');

-- the book model is symmetric: T_ij = T_ji to the bit (the distances are)
CREATE TEMP TABLE grav_all AS
SELECT l.* FROM (SELECT array_agg(fips ORDER BY fips) AS ids, array_agg(bir74 ORDER BY fips) AS q,
                        array_agg(ST_X(deg) ORDER BY fips) AS lon, array_agg(ST_Y(deg) ORDER BY fips) AS lat FROM nc_pts) a,
                gravity_linkage(a.ids, a.q, a.lon, a.lat) l;
SELECT is((SELECT count(*) FILTER (WHERE g.strength = h.strength AND g.distance = h.distance)
           FROM grav_all g JOIN grav_all h ON h.i = g.j AND h.j = g.i), 9900::bigint,
          'gravity_linkage over the 100 NC counties: T_ij = T_ji and d_ij = d_ji to the bit (k = alpha = beta = 1)');

-- -------------------------------------------------------------- forecasts
CREATE TEMP TABLE fser AS
SELECT series, array_agg(value ORDER BY step) AS x FROM fref WHERE method = 'data' GROUP BY series;
CREATE TEMP TABLE got_f AS
SELECT s.series, 'naive' AS method, f.* FROM fser s, naive_forecast(s.x, 5) f WHERE s.series NOT LIKE '%zero%' AND s.series <> 'uspop'
UNION ALL SELECT s.series, 'drift', f.* FROM fser s, drift_forecast(s.x, 5) f WHERE s.series NOT LIKE '%zero%' AND s.series <> 'uspop'
UNION ALL SELECT s.series, 'gm11', f.* FROM fser s, gm11_forecast(s.x, 5) f WHERE s.series LIKE '%zero%' OR s.series = 'uspop';
CREATE TEMP TABLE cmp_f AS
SELECT r.series, r.method, r.step, r.quantity, r.value AS want, g.forecast,
       CASE r.quantity WHEN 'forecast' THEN g.forecast WHEN 'lower_80' THEN g.lower_80 WHEN 'upper_80' THEN g.upper_80
            WHEN 'lower_95' THEN g.lower_95 WHEN 'upper_95' THEN g.upper_95 END AS got
  FROM got_f g JOIN fref r USING (series, method, step)
 WHERE r.quantity IN ('forecast', 'lower_80', 'upper_80', 'lower_95', 'upper_95');
SELECT is((SELECT count(*) FROM cmp_f WHERE method IN ('naive', 'drift')), 230::bigint,
          'naive and drift: 5 series x 5 steps x forecast and 4 bounds compared (no bounds for drift on 2 values)');
SELECT is((SELECT string_agg(format('%s %s %s %s', series, method, step, quantity), ', ') FROM cmp_f
           WHERE NOT (got IS NOT NULL AND abs(got - want) <= 1e-11 * (abs(forecast) + abs(want)))), NULL,
          'naive_forecast, drift_forecast = forecast::naive, rwf(drift = TRUE) (t quantiles on their standard errors): Nile, WWWusage, austres, 2 and 3 values');
SELECT is((SELECT count(*) FROM got_f WHERE series = 'two' AND method = 'drift'
           AND lower_80 IS NULL AND upper_95 IS NULL AND forecast = 8 + 3 * step), 5::bigint,
          'drift on 2 values: the line through them, bounds NULL (R: standard error NaN)');
SELECT is((SELECT count(*) FROM cmp_f WHERE method = 'gm11' AND pg_temp.close(got, want, 1e-11)), 75::bigint,
          'gm11_forecast = GM(1,1) by lm and its empirical log-scale or additive interval: uspop 1880-1970, a 0 at step 2, a 0 at step 5');
CREATE TEMP TABLE got_gm AS
SELECT s.series, m.* FROM fser s, gm11_fit(s.x) m WHERE s.series LIKE '%zero%' OR s.series = 'uspop';
SELECT is((SELECT count(*) FROM got_gm g JOIN fref r ON r.series = g.series AND r.method = 'gm11'
           WHERE (r.step = 0 AND r.quantity IN ('a', 'b', 'c', 'p')
                  AND pg_temp.close(CASE r.quantity WHEN 'a' THEN g.a WHEN 'b' THEN g.b WHEN 'c' THEN g.c ELSE g.p END,
                                    r.value, 1e-11))
              OR (r.quantity = 'fitted' AND pg_temp.close(g.fitted[-r.step], r.value, 1e-11))), 35::bigint,
          'gm11_fit: a, b, C, P and the restored values as lm (3 series)');
SELECT is((SELECT array_agg(series ORDER BY series) FROM got_gm
           WHERE mean_relative_error IS NULL AND class_ratio_ok IS NULL AND class_ratio_min IS NULL),
          '{zero_inside,zero_late}'::text[], 'gm11_fit with a 0 after the first value: relative error and class ratios NULL');

-- ------------------------------------------------------------ edge cases
-- constant values: NULL statistics, n and s0 given; local all NULL
SELECT is((SELECT row(n, islands, i, z_randomisation, p_permutation)::text
           FROM moran_i(ARRAY[2, 2, 2, 2, 2]::float8[], ARRAY['POINT(0 0)', 'POINT(1 0)', 'POINT(2 0)', 'POINT(3 0)',
                                                            'POINT(4 0)']::geometry[], 'knn', 2, permutations => 99)),
          '(5,0,,,)', 'constant values: moran_i statistics NULL');
SELECT is((SELECT count(*) FROM local_moran(ARRAY[2, 2, 2, 2, 2]::float8[], ARRAY['POINT(0 0)', 'POINT(1 0)', 'POINT(2 0)',
                  'POINT(3 0)', 'POINT(4 0)']::geometry[], 'knn', 2) WHERE i IS NULL AND z IS NULL AND quadrant IS NULL),
          5::bigint, 'constant values: local_moran rows NULL');
-- 2 regions
SELECT is((SELECT row(n, islands, i, expected)::text
           FROM moran_i(ARRAY[1, 2]::float8[], ARRAY['POINT(0 0)', 'POINT(1 0)']::geometry[], 'knn', 1)),
          '(2,0,,)', '2 regions: moran_i statistics NULL (fewer than 4 with neighbours)');
SELECT is((SELECT count(*) FROM local_moran(ARRAY[1, 2]::float8[], ARRAY['POINT(0 0)', 'POINT(1 0)']::geometry[], 'knn', 1)
           WHERE i IS NULL AND variance IS NULL), 2::bigint, '2 regions: local_moran rows NULL (n / (n - 2) undefined)');
-- NaN and NULL values
SELECT throws_ok($$SELECT moran_i(ARRAY[1, 2, 'NaN', 4, 5]::float8[], ARRAY['POINT(0 0)', 'POINT(1 0)', 'POINT(2 0)',
                   'POINT(3 0)', 'POINT(4 0)']::geometry[], 'knn', 2)$$, '22003', NULL, 'NaN value: ERROR 22003');
SELECT is((SELECT row(m.n, m.i IS NOT NULL)::text
           FROM moran_i(ARRAY[1, 5, NULL, 2, 6, 3]::float8[], ARRAY['POINT(0 0)', 'POINT(1 0)', 'POINT(2 0)', 'POINT(3 0)',
                        'POINT(4 0)', 'POINT(5 0)']::geometry[], 'knn', 2) m),
          '(5,t)', 'a NULL value leaves its region out (n = 5)');
SELECT is((SELECT array_agg(coalesce(quadrant, 'NULL') ORDER BY ord)
           FROM local_moran(ARRAY[1, 5, NULL, 2, 6, 3]::float8[], ARRAY['POINT(0 0)', 'POINT(1 0)', 'POINT(2 0)', 'POINT(3 0)',
                            'POINT(4 0)', 'POINT(5 0)']::geometry[], 'knn', 2) WHERE i IS NULL),
          ARRAY['NULL'], 'local_moran: the row of a NULL value is NULL, the others computed');
-- duplicate geometries: identical polygons are queen and rook neighbours,
-- points at one place are each other's nearest; empty geometries are islands
SELECT is((SELECT array_agg(cardinality(neighbours) ORDER BY id)
           FROM spatial_weights_array(ARRAY['POLYGON((0 0,1 0,1 1,0 1,0 0))', 'POLYGON((0 0,1 0,1 1,0 1,0 0))',
                                            'POLYGON((1 1,2 1,2 2,1 2,1 1))', 'POLYGON EMPTY']::geometry[], 'rook')),
          '{1,1,0,0}'::int[], 'rook: duplicate polygons are neighbours, a corner is not, empty is an island');
SELECT is((SELECT array_agg(neighbours::text ORDER BY id)
           FROM spatial_weights_array(ARRAY['POINT(0 0)', 'POINT(0 0)', 'POINT(3 0)', 'POINT EMPTY', NULL]::geometry[], 'knn', 1)),
          '{"{2}","{1}","{1}","{}","{}"}'::text[], 'knn: duplicate points at distance 0, ties by id; empty and NULL are islands');
-- mixed SRIDs
SELECT throws_ok($$SELECT * FROM spatial_weights_array(ARRAY['SRID=4267;POINT(0 0)', 'SRID=26717;POINT(1 1)']::geometry[], 'knn', 1)$$,
                 '22023', NULL, 'mixed SRIDs: ERROR 22023');
SELECT throws_ok($$SELECT trend_analysis(g, 1) FROM unnest(ARRAY['SRID=4267;POINT(0 0)', 'SRID=26717;POINT(1 1)']::geometry[]) g$$,
                 '22023', NULL, 'trend_analysis over mixed SRIDs: ERROR 22023');
-- a value at the mean: I_i and E[I_i] are +0, not -0
SELECT is((SELECT array_agg(i::text || ' ' || expected::text ORDER BY ord)
           FROM local_moran(ARRAY[1, 2, 3, 4, 5]::float8[], ARRAY['POINT(0 0)', 'POINT(1 0)', 'POINT(2 0)', 'POINT(3 0)',
                            'POINT(4 0)']::geometry[], 'knn', 1) WHERE ord = 3),
          '{"0 0"}'::text[], 'local_moran at the mean (neighbour below it): I_i = 0, E = 0, not -0');
-- GM(1,1): a negative value, too few values; naive and drift: too few values
SELECT throws_ok($$SELECT gm11_fit('{3,-1,4,5}')$$, '22023', NULL, 'gm11_fit with a negative value: ERROR 22023');
SELECT is((SELECT count(*) FROM gm11_forecast('{3,0,0,0,0}', 3)), 0::bigint, 'GM(1,1) with all values after the first 0: no rows');
SELECT throws_ok($$SELECT * FROM drift_forecast('{5}', 2)$$, '22023', NULL, 'drift on 1 value: ERROR 22023');

SELECT * FROM finish();
ROLLBACK;
