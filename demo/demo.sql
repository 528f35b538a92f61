-- synergy demo: the evaluation pipeline on the bundled sample panel.
-- Run by scripts/demo.sh on a database with postgis, synergy, synergy_postgis
-- and the sample loaded (schema synergy_sample).  The values are SYNTHETIC:
-- read the output for how the methods behave, not as facts about the cities.
\set QUIET on
\pset footer off
\set ON_ERROR_STOP on

\echo
\echo '== 1. The sample panel: 7 cities x 2010-2019 x 25 indicators in 6 subsystems =='
SELECT a.code AS agglomeration, a.name_en, string_agg(r.name_en || ' ' || r.name_zh, ', ' ORDER BY r.code) AS cities
FROM synergy_sample.agglomeration a
JOIN synergy_sample.region r ON a.code = ANY (r.agglomerations)
WHERE a.code IN ('ycje', 'sxc')
GROUP BY a.code, a.name_en ORDER BY a.code DESC;

SELECT subsystem_order AS "#", subsystem, subsystem_zh,
       string_agg(code || CASE WHEN direction = -1 THEN ' (cost)' ELSE '' END, ', ' ORDER BY code) AS indicators
FROM synergy_sample.indicator GROUP BY 1, 2, 3 ORDER BY 1;

\echo
\echo '== 2. Gaps filled with interpolate(value, year, ''nearest'') OVER (PARTITION BY region, indicator) =='
CREATE TEMP VIEW filled AS
SELECT p.region_code, p.year, i.subsystem, i.subsystem_order, p.indicator_code, i.direction,
       p.value AS raw,
       interpolate(p.value, p.year, 'nearest') OVER (PARTITION BY p.region_code, p.indicator_code) AS value
FROM synergy_sample.panel p JOIN synergy_sample.indicator i ON i.code = p.indicator_code;

SELECT r.name_en AS city, f.indicator_code AS indicator, f.year,
       (SELECT round(value::numeric, 2) FROM synergy_sample.panel q
        WHERE q.region_code = f.region_code AND q.indicator_code = f.indicator_code AND q.year = f.year - 1) AS year_before,
       round(f.value::numeric, 2) AS filled,
       (SELECT round(value::numeric, 2) FROM synergy_sample.panel q
        WHERE q.region_code = f.region_code AND q.indicator_code = f.indicator_code AND q.year = f.year + 1) AS year_after
FROM filled f JOIN synergy_sample.region r ON r.code = f.region_code
WHERE f.raw IS NULL ORDER BY city, indicator, year;

CREATE TEMP VIEW subsystem_rows AS
SELECT region_code, year, subsystem, subsystem_order,
       array_agg(value ORDER BY indicator_code) AS x,
       array_agg(direction ORDER BY indicator_code) AS dirs,
       array_agg(indicator_code ORDER BY indicator_code) AS codes
FROM filled GROUP BY region_code, year, subsystem, subsystem_order;

\echo
\echo '== 2b. A cross-section with gaps: synergy_sample.panel_gaps (cities by name, 4 rows left out) =='
\echo '   indicator_vector(code, value, codes) builds each unit''s vector in the order of codes, NULL'
\echo '   where a row is missing; topsis(..., missing => ...) chooses what a gap means. Economy, 2019:'
\echo '   Changzhou has no EC3 row, so array_agg would give it 4 elements and stop the whole query.'
WITH codes AS (
  SELECT array_agg(code ORDER BY code) AS codes, array_agg(direction ORDER BY code) AS dirs
  FROM synergy_sample.indicator WHERE subsystem = 'economy'),
vectors AS (
  SELECT g.region, indicator_vector(g.indicator, g.value, c.codes) AS x, c.dirs
  FROM synergy_sample.panel_gaps g, codes c
  WHERE g.year = 2019 AND g.indicator = ANY (c.codes)
  GROUP BY g.region, c.codes, c.dirs)
SELECT region AS city, x,
       round(topsis(x, directions => dirs, missing => 'median') OVER ()::numeric, 4) AS u1_median,
       round(topsis(x, directions => dirs, missing => 'mean') OVER ()::numeric, 4) AS u1_mean,
       round(topsis(x, directions => dirs, missing => 'skip') OVER ()::numeric, 4) AS u1_skip,
       round(topsis(x, directions => dirs, shift => 0.01, missing => 'skip') OVER ()::numeric, 4) AS u1_skip_shift
FROM vectors ORDER BY u1_median DESC;

\echo '   A score of exactly 0 (the worst city on every indicator) makes the classic coupling degree 0:'
\echo '   C = D = 0, extreme disorder, whatever the other scores. shift => 0.01 scores z + 0.01 against'
\echo '   the anti-ideal 0 (the translation method of entropy_weights), so the worst city gets 0.0099:'
SELECT u1, round((coupling_coordination(ARRAY[u1, 0.45, 0.60])).c::numeric, 3) AS c,
       round((coupling_coordination(ARRAY[u1, 0.45, 0.60])).d::numeric, 3) AS d,
       ccd_grade((coupling_coordination(ARRAY[u1, 0.45, 0.60])).d, 'en') AS grade
FROM (VALUES (0.0::float8), (round(0.01 / 1.01, 4)::float8)) t(u1);

\echo
\echo '== 3. Objective weights of the economy subsystem in 2019, four methods =='
SELECT u.code AS indicator, i.name_en,
       CASE i.direction WHEN 1 THEN 'benefit' ELSE 'cost' END AS direction,
       round(u.entropy::numeric, 4) AS entropy, round(u.critic::numeric, 4) AS critic,
       round(u.stddev::numeric, 4) AS stddev, round(u.cv::numeric, 4) AS cv
FROM (SELECT min(codes) AS codes, entropy_weights(x, dirs) AS e, critic_weights(x, dirs) AS c,
             stddev_weights(x) AS s, cv_weights(x) AS v
      FROM subsystem_rows WHERE subsystem = 'economy' AND year = 2019) w,
     unnest(w.codes, w.e, w.c, w.s, w.v) AS u(code, entropy, critic, stddev, cv)
JOIN synergy_sample.indicator i ON i.code = u.code
ORDER BY u.code;

\echo
\echo '== 4. What lies behind the entropy weights (economy, 2019) =='
SELECT u.code AS indicator, round(u.e::numeric, 4) AS entropy, round(u.d::numeric, 4) AS divergence,
       round(u.w::numeric, 4) AS weight
FROM (SELECT min(codes) AS codes, entropy_weights_detail(x, dirs) AS d
      FROM subsystem_rows WHERE subsystem = 'economy' AND year = 2019) s,
     unnest(s.codes, (s.d).entropy, (s.d).divergence, (s.d).weight) AS u(code, e, d, w)
ORDER BY u.code;

\echo
\echo '== 5. E-TOPSIS scores U1..U6 per city, 2010 and 2019 (each year''s 7 cities in one partition) =='
CREATE TEMP VIEW u AS
SELECT region_code, year, subsystem_order,
       topsis(x, directions => dirs) OVER (PARTITION BY year, subsystem) AS u
FROM subsystem_rows;

SELECT u.year, r.name_en AS city,
       round(max(u) FILTER (WHERE subsystem_order = 1)::numeric, 3) AS "U1 economy",
       round(max(u) FILTER (WHERE subsystem_order = 2)::numeric, 3) AS "U2 exchange",
       round(max(u) FILTER (WHERE subsystem_order = 3)::numeric, 3) AS "U3 industry",
       round(max(u) FILTER (WHERE subsystem_order = 4)::numeric, 3) AS "U4 ecology",
       round(max(u) FILTER (WHERE subsystem_order = 5)::numeric, 3) AS "U5 public",
       round(max(u) FILTER (WHERE subsystem_order = 6)::numeric, 3) AS "U6 innovation"
FROM u JOIN synergy_sample.region r ON r.code = u.region_code
WHERE u.year IN (2010, 2019)
GROUP BY u.year, r.name_en, r.code ORDER BY u.year, r.code DESC;

\echo
\echo '== 6. Distances behind one score: economy 2019 (topsis_detail) =='
SELECT r.name_en AS city, round((d).d_plus::numeric, 4) AS d_plus, round((d).d_minus::numeric, 4) AS d_minus,
       round((d).closeness::numeric, 4) AS closeness
FROM (SELECT region_code, topsis_detail(x, directions => dirs) OVER () AS d
      FROM subsystem_rows WHERE subsystem = 'economy' AND year = 2019) s
JOIN synergy_sample.region r ON r.code = s.region_code
ORDER BY (d).closeness DESC;

\echo
\echo '== 7. Composite index over all 25 indicators (entropy weights per year), 2010-2019 =='
SELECT r.name_en AS city,
       round(max(ci) FILTER (WHERE year = 2010)::numeric, 3) AS "2010",
       round(max(ci) FILTER (WHERE year = 2012)::numeric, 3) AS "2012",
       round(max(ci) FILTER (WHERE year = 2014)::numeric, 3) AS "2014",
       round(max(ci) FILTER (WHERE year = 2016)::numeric, 3) AS "2016",
       round(max(ci) FILTER (WHERE year = 2019)::numeric, 3) AS "2019"
FROM (SELECT region_code, year,
             composite_index(array_agg(value ORDER BY indicator_code),
                             directions => array_agg(direction ORDER BY indicator_code))
               OVER (PARTITION BY year) AS ci
      FROM filled GROUP BY region_code, year) c
JOIN synergy_sample.region r ON r.code = c.region_code
GROUP BY r.name_en, r.code ORDER BY max(ci) FILTER (WHERE year = 2019) DESC;

\echo
\echo '== 8. The pipeline as views: examples/pipeline.sql (schema synergy_pipeline) =='
\i examples/pipeline.sql
\echo 'created views: filled, subsystem_scores, city_ccd, indicator_ccd, synergy_index, subsystem_mean_ccd, city_ccd_gap'

\echo
\echo '== 9. Within-city coordination: CCD of each city''s U1..U6 per year, with its grade =='
SELECT r.name AS city, c.agglomeration AS agg,
       round(max(d) FILTER (WHERE year = 2010)::numeric, 3) AS "2010",
       round(max(d) FILTER (WHERE year = 2013)::numeric, 3) AS "2013",
       round(max(d) FILTER (WHERE year = 2016)::numeric, 3) AS "2016",
       round(max(d) FILTER (WHERE year = 2019)::numeric, 3) AS "2019",
       max(grade) FILTER (WHERE year = 2019) AS "grade 2019",
       max(grade_en) FILTER (WHERE year = 2019) AS "grade (en)"
FROM synergy_pipeline.city_ccd c JOIN synergy_pipeline.src_region r USING (region, agglomeration)
GROUP BY r.name, c.agglomeration ORDER BY c.agglomeration DESC, max(d) FILTER (WHERE year = 2019) DESC;

\echo
\echo '== 10. Between-city coordination D_it (cities as systems) per subsystem, 2019 =='
SELECT subsystem,
       round(max(d) FILTER (WHERE agglomeration = 'ycje')::numeric, 3) AS ycje,
       round(max(d) FILTER (WHERE agglomeration = 'sxc')::numeric, 3) AS sxc
FROM synergy_pipeline.indicator_ccd WHERE year = 2019
GROUP BY subsystem, subsystem_order ORDER BY subsystem_order;

\echo
\echo '== 11. Composite synergy index D_t = mean of D_it over the six subsystems =='
SELECT year,
       round(max(d_t) FILTER (WHERE agglomeration = 'ycje')::numeric, 4) AS ycje,
       max(grade || ' ' || ccd_grade(d_t, 'en')) FILTER (WHERE agglomeration = 'ycje') AS "ycje grade",
       round(max(d_t) FILTER (WHERE agglomeration = 'sxc')::numeric, 4) AS sxc,
       max(grade || ' ' || ccd_grade(d_t, 'en')) FILTER (WHERE agglomeration = 'sxc') AS "sxc grade"
FROM synergy_pipeline.synergy_index GROUP BY year ORDER BY year;

\echo
\echo '== 12. Mean D_it per subsystem over 2010-2019 (the paper''s Figure 5) =='
SELECT subsystem,
       round(max(mean_d) FILTER (WHERE agglomeration = 'ycje')::numeric, 3) AS ycje,
       round(max(mean_d) FILTER (WHERE agglomeration = 'sxc')::numeric, 3) AS sxc
FROM synergy_pipeline.subsystem_mean_ccd
GROUP BY subsystem, subsystem_order ORDER BY subsystem_order;

\echo
\echo '== 13. Largest and smallest city CCD per year, and the gap =='
SELECT g.agglomeration AS agg, g.year, round(g.max_d::numeric, 3) AS max_d, hi.name AS highest,
       round(g.min_d::numeric, 3) AS min_d, lo.name AS lowest, round(g.gap::numeric, 3) AS gap
FROM synergy_pipeline.city_ccd_gap g
JOIN synergy_pipeline.src_region hi ON hi.region = g.max_region AND hi.agglomeration = g.agglomeration
JOIN synergy_pipeline.src_region lo ON lo.region = g.min_region AND lo.agglomeration = g.agglomeration
ORDER BY g.agglomeration DESC, g.year;

\echo
\echo '== 14. Companions: relative development (economy U1 vs ecology U4) and the main obstacle, 2019 =='
\echo '   main obstacle: the indicator with the largest obstacle degree (obstacle_degree over all 25'
\echo '   indicators, entropy weights), with its share of the city''s total obstacle (the shares sum to 1).'
WITH u AS (
  SELECT region, max(u) FILTER (WHERE subsystem_order = 1) AS u1, max(u) FILTER (WHERE subsystem_order = 4) AS u4
  FROM synergy_pipeline.subsystem_scores WHERE year = 2019 GROUP BY region),
obstacle AS (
  SELECT region, codes, obstacle_degree(x, directions => dirs) OVER () AS shares
  FROM (SELECT region, array_agg(indicator ORDER BY indicator) AS codes,
               array_agg(value ORDER BY indicator) AS x, array_agg(direction ORDER BY indicator) AS dirs
        FROM synergy_pipeline.filled WHERE year = 2019 GROUP BY region) s)
SELECT r.name AS city, round(u.u1::numeric, 3) AS u1_economy, round(u.u4::numeric, 3) AS u4_ecology,
       round(relative_development(u.u1, u.u4)::numeric, 2) AS "E = U1/U4",
       relative_development_grade(u.u1, u.u4) AS type,
       (SELECT o.codes[i] || ' ' || ind.name_en || ': share ' || round(o.shares[i]::numeric, 3)
        FROM generate_subscripts(o.shares, 1) i JOIN synergy_sample.indicator ind ON ind.code = o.codes[i]
        ORDER BY o.shares[i] DESC NULLS LAST LIMIT 1) AS "main obstacle (indicator: share)"
FROM u JOIN obstacle o USING (region) JOIN synergy_pipeline.src_region r USING (region)
ORDER BY u.u1 DESC;

\echo
\echo '== 15. BP forecasts of each city''s CCD, 2020-2025 (section 4.3): synergy_pipeline.city_ccd_forecast =='
SELECT r.name AS city,
       round(max(f.d) FILTER (WHERE f.year = 2020)::numeric, 3) AS "2020",
       round(max(f.d) FILTER (WHERE f.year = 2021)::numeric, 3) AS "2021",
       round(max(f.d) FILTER (WHERE f.year = 2022)::numeric, 3) AS "2022",
       round(max(f.d) FILTER (WHERE f.year = 2023)::numeric, 3) AS "2023",
       round(max(f.d) FILTER (WHERE f.year = 2024)::numeric, 3) AS "2024",
       round(max(f.d) FILTER (WHERE f.year = 2025)::numeric, 3) AS "2025",
       max(f.grade) FILTER (WHERE f.year = 2025) AS "grade 2025",
       max(f.grade_en) FILTER (WHERE f.year = 2025) AS "grade (en)"
FROM synergy_pipeline.city_ccd_forecast f
JOIN synergy_pipeline.src_region r ON r.region = f.region AND r.agglomeration = f.agglomeration
GROUP BY f.agglomeration, r.name ORDER BY f.agglomeration DESC, max(f.d) FILTER (WHERE f.year = 2025) DESC;

\echo
\echo '== 16. Largest and smallest forecast city CCD per year, and the gap (synergy_pipeline.city_ccd_forecast_gap) =='
SELECT g.agglomeration AS agg, g.year, round(g.max_d::numeric, 3) AS max_d, hi.name AS highest,
       round(g.min_d::numeric, 3) AS min_d, lo.name AS lowest, round(g.gap::numeric, 3) AS gap
FROM synergy_pipeline.city_ccd_forecast_gap g
JOIN synergy_pipeline.src_region hi ON hi.region = g.max_region AND hi.agglomeration = g.agglomeration
JOIN synergy_pipeline.src_region lo ON lo.region = g.min_region AND lo.agglomeration = g.agglomeration
ORDER BY g.agglomeration DESC, g.year;

\echo
\echo '== 17. Does the network beat simple methods here? 2017-2019 held out of every city''s CCD =='
\echo '   MASE: MAE in units of the naive method''s one-step error on 2010-2016 (below 1: better than that);'
\echo '   % inside 80% / 95% PI: share of the held-out values inside the method''s 80% and 95% prediction intervals'
SELECT m AS method, round(avg(b.smape)::numeric, 2) AS "mean sMAPE %", round(avg(b.mae)::numeric, 4) AS "mean MAE",
       round(avg(b.mase)::numeric, 2) AS "mean MASE",
       round(100 * avg(b.coverage_80)::numeric, 0) AS "% inside 80% PI", round(100 * avg(b.coverage_95)::numeric, 0) AS "% inside 95% PI",
       count(*) FILTER (WHERE b.smape <= bp.smape) AS "cities where it is at least as good as bp"
FROM (SELECT region, array_agg(d ORDER BY year) AS history
      FROM synergy_pipeline.city_ccd GROUP BY region) h,
     unnest(ARRAY['bp', 'gm11', 'naive', 'drift']) AS m,
     LATERAL forecast_backtest(h.history, 3, m, lower => 0, upper => 1) b,
     LATERAL forecast_backtest(h.history, 3, 'bp', lower => 0, upper => 1) bp
GROUP BY m ORDER BY avg(b.smape);

\echo
\echo '== 18. Stored models: bp_fit once, forecast later (table synergy_demo_ccd_model) =='
\echo '   With transform => ''auto'' (the default) the model keeps four parts and their weights, set by'
\echo '   rolling-origin validation on each city''s own history: the networks on differences and on'
\echo '   levels, simple exponential smoothing and drift (the worst part gets 0). Section 17 measures'
\echo '   the accuracy; the stored model forecasts the same bits as the direct call.'
CREATE TEMP TABLE synergy_demo_ccd_model AS
SELECT region, max(year) AS fitted_through,
       bp_fit(array_agg(d ORDER BY year), lower => 0, upper => 1) AS model
FROM synergy_pipeline.city_ccd GROUP BY region;
SELECT r.name AS city, (m.model ->> 'hidden')::int AS hidden,
       round((m.model -> 'combination' ->> 'difference')::numeric, 3) AS w_difference,
       round((m.model -> 'combination' ->> 'level')::numeric, 3) AS w_level,
       round((m.model -> 'combination' ->> 'ses')::numeric, 3) AS w_ses,
       round((m.model -> 'combination' ->> 'drift')::numeric, 3) AS w_drift,
       (SELECT round(f.forecast::numeric, 3) FROM bp_forecast(m.model,
          (SELECT array_agg(d ORDER BY year) FROM synergy_pipeline.city_ccd c WHERE c.region = m.region), 1) f) AS "2020 from the model",
       (SELECT round(d::numeric, 3) FROM synergy_pipeline.city_ccd_forecast f WHERE f.region = m.region AND f.year = 2020) AS "2020 direct"
FROM synergy_demo_ccd_model m JOIN (SELECT DISTINCT region, name FROM synergy_pipeline.src_region) r USING (region)
ORDER BY r.name;

\echo
\echo '== 19. Trend analysis of city CCD (ArcGIS''s trend analysis as a query): 2010, 2015, 2019 and the forecast 2020, 2023, 2025 =='
\echo '   order 2 fits of each city''s CCD on its east-west and north-south position (degrees);'
\echo '   shapes by the rule of docs/spatial.md; the forecast years (the paper''s figure 7) come from'
\echo '   synergy_pipeline.city_ccd_forecast, joined in the same way.'
\echo '   ArcGIS draws each city as a "stick": a vertical line at the city as tall as its value, seen'
\echo '   from the south (east-west curve) and from the east (north-south curve).'
\echo '   sxc has 3 cities for 3 coefficients: its quadratics pass through every city''s value, R2 = 1.'
SELECT agg, year, (t).n AS cities, (t).ew_shape AS east_west, round((t).ew_r2::numeric, 3) AS ew_r2,
       (t).ns_shape AS north_south, round((t).ns_r2::numeric, 3) AS ns_r2
FROM (SELECT c.agglomeration AS agg, c.year, trend_analysis(r.geom, c.d, 2) AS t
      FROM (SELECT region, agglomeration, year, d FROM synergy_pipeline.city_ccd WHERE year IN (2010, 2015, 2019)
            UNION ALL
            SELECT region, agglomeration, year, d FROM synergy_pipeline.city_ccd_forecast WHERE year IN (2020, 2023, 2025)) c
      JOIN synergy_sample.region r ON r.code = c.region
      GROUP BY c.agglomeration, c.year) s
ORDER BY agg DESC, year;
\echo 'the fitted curves of ycje 2019, as a line chart reads them (trend_curve, 5 samples):'
SELECT direction, round("position"::numeric, 2) AS "position", round(z::numeric, 3) AS fitted_ccd
FROM (SELECT trend_analysis(r.geom, c.d, 2) AS t
      FROM synergy_pipeline.city_ccd c JOIN synergy_sample.region r ON r.code = c.region
      WHERE c.agglomeration = 'ycje' AND c.year = 2019) s, trend_curve(t, 5);

\echo
\echo '== 20. Moran''s I over the 31 middle-Yangtze cities (synthetic values), 4 nearest neighbours =='
\echo '   v = round(0.5 + 0.08 (lon - 114) - 0.12 |lat - 30| + 0.03 sin(code / 1000), 6): a ridge'
\echo '   along the Yangtze rising eastwards, deterministic (the same values as test/data/myr_cities.sql)'
CREATE TEMP VIEW myr_city AS
SELECT code::bigint AS id, name_en, geom,
       round((0.5 + 0.08 * (lon - 114) - 0.12 * abs(lat - 30) + 0.03 * sin(code::int / 1000.0))::numeric, 6)::float8 AS v
FROM synergy_sample.region WHERE 'myr' = ANY (agglomerations);
SELECT n, round(i::numeric, 4) AS moran_i, round(expected::numeric, 4) AS expected,
       round(z_randomisation::numeric, 2) AS z_rand, round(z_normal::numeric, 2) AS z_norm,
       p_permutation AS p_999_permutations
FROM (SELECT (moran_i(c.v, c.id, w.neighbours, w.weights, 999, 42)).*
      FROM myr_city c JOIN spatial_weights('myr_city', 'id', 'geom', 'knn', k => 4) w USING (id)) m;
\echo 'local Moran (LISA): the clusters at the 5 % level'
SELECT (l).quadrant, count(*) AS cities, string_agg(name_en, ', ' ORDER BY name_en) AS which
FROM (SELECT c.name_en, local_moran(c.v, c.id, w.neighbours, w.weights) OVER () AS l
      FROM myr_city c JOIN spatial_weights('myr_city', 'id', 'geom', 'knn', k => 4) w USING (id)) s
GROUP BY (l).quadrant ORDER BY (l).quadrant;

\echo
-- ---------------------------------------------------------------------------
-- Issue 6: delimiting the middle Yangtze agglomeration as the book chapter of
-- seed 003 does: city quality by factor analysis of 14 indicators, gravity
-- linkage, membership, centres and hinterland tiers.  SYNTHETIC indicators
-- (data/generate_quality.py), so the tables show the method, not the cities.
-- ---------------------------------------------------------------------------

CREATE TEMP VIEW myr_quality AS
SELECT r.code, r.name_en AS city, r.name_zh, r.province, r.lon, r.lat,
       array_agg(q.value ORDER BY q.indicator_code) AS x
FROM synergy_sample.quality q JOIN synergy_sample.region r ON r.code = q.region_code
GROUP BY r.code, r.name_en, r.name_zh, r.province, r.lon, r.lat;

\echo
\echo '== 21. Factor analysis of 14 indicators for the 31 cities: factor_analysis(x) =='
CREATE TEMP TABLE myr_fa AS SELECT factor_analysis(x) AS fa FROM myr_quality;
SELECT (fa->>'n')::int AS cities, (fa->>'indicators')::int AS indicators, (fa->>'factors')::int AS "factors (eigenvalue > 1)",
       round((fa->>'kmo')::numeric, 3) AS kmo, round((fa->'bartlett'->>'chi2')::numeric, 1) AS "Bartlett chi2",
       (fa->'bartlett'->>'df')::int AS df, to_char((fa->'bartlett'->>'p_value')::float8, '9.9EEEE') AS p
FROM myr_fa;
SELECT j + 1 AS component, round((fa->'eigenvalues'->>j)::numeric, 3) AS eigenvalue,
       round((fa->'variance_pct'->>j)::numeric, 2) AS "% variance", round((fa->'cumulative_pct'->>j)::numeric, 2) AS "cumulative %",
       round((fa->'rotated_variance_pct'->>j)::numeric, 2) AS "rotated % (kept)"
FROM myr_fa, generate_series(0, 4) j ORDER BY j;
\echo 'Rotated component matrix (varimax, Kaiser normalization) and communalities:'
SELECT qi.code, qi.name_en AS indicator, round((fa->'rotated_loadings'->(n - 1)->>0)::numeric, 3) AS "RC1",
       round((fa->'rotated_loadings'->(n - 1)->>1)::numeric, 3) AS "RC2",
       round((fa->'communalities'->>(n - 1))::numeric, 3) AS communality
FROM myr_fa, (SELECT code, name_en, (row_number() OVER (ORDER BY code))::int AS n FROM synergy_sample.quality_indicator) qi
ORDER BY qi.code;

\echo
\echo '== 22. City quality Q = factor_composite(x, shift => 0.1): the composite moved to positive values =='
CREATE TEMP TABLE myr_q AS
SELECT code, city, name_zh, lon, lat, factor_scores(x) OVER () AS f, factor_composite(x) OVER () AS composite,
       factor_composite(x, shift => 0.1) OVER () AS q, pca_composite(x) OVER () AS pca
FROM myr_quality;
\echo '   F1, F2: factor scores (mean 0, variance 1); composite: their sum weighted by rotated variance'
\echo '   shares; Q: the composite shifted so that the lowest city is 0.1. PCA composite (pca_composite, for'
\echo '   comparison): unrotated principal components, which keep their variance (11.6 for the first), so'
\echo '   it runs on another scale (Wuhan about 11.45): compare its ranking with Q''s, not its values.'
SELECT rank() OVER (ORDER BY q DESC) AS "#", city, name_zh, round(f[1]::numeric, 3) AS "F1", round(f[2]::numeric, 3) AS "F2",
       round(composite::numeric, 3) AS composite, round(q::numeric, 3) AS "Q", round(pca::numeric, 3) AS "PCA composite"
FROM myr_q ORDER BY q DESC;

\echo
\echo '== 23. Gravity linkage T_ij = Q_i Q_j / d_ij^2 (great-circle km) and membership F_ij = T_ij / sum_j T_ij =='
CREATE TEMP TABLE myr_links AS
SELECT l.*
FROM (SELECT array_agg(code ORDER BY code) AS ids, array_agg(q ORDER BY code) AS q,
             array_agg(lon ORDER BY code) AS lon, array_agg(lat ORDER BY code) AS lat FROM myr_q) v,
     gravity_linkage(v.ids, v.q, v.lon, v.lat) l;
SELECT count(*) AS "ordered pairs", count(DISTINCT i) AS cities, round(min(distance)::numeric, 1) AS "min km",
       round(max(distance)::numeric, 1) AS "max km" FROM myr_links;
\echo 'Each city: its total linkage, its strongest partner and the share F of its linkage that goes there;'
\echo '"followers": how many cities have it as their strongest partner.'
SELECT a.city, round((l.total * 1000)::numeric, 3) AS "total x 1000", b.city AS "strongest partner",
       round(l.membership::numeric, 3) AS "F", round(l.distance::numeric, 0) AS km,
       (SELECT count(*) FROM myr_links f WHERE f.strongest AND f.j = l.i) AS followers
FROM myr_links l JOIN myr_q a ON a.code = l.i JOIN myr_q b ON b.code = l.j
WHERE l.strongest ORDER BY followers DESC, l.total DESC;

\echo
\echo '== 24. Centres: the three cities with the most followers =='
CREATE TEMP TABLE myr_centres AS
SELECT j AS code, count(*) AS followers FROM myr_links WHERE strongest GROUP BY j ORDER BY count(*) DESC, j LIMIT 3;
SELECT q.city, q.name_zh, c.followers, round(q.q::numeric, 3) AS "Q" FROM myr_centres c JOIN myr_q q USING (code) ORDER BY c.followers DESC;

\echo
\echo '== 25. Hinterland: gravity_delimit(..., centres) with tiers from F >= 0.3 / 0.1 / 0.05 =='
CREATE TEMP TABLE myr_delimit AS
SELECT d.*
FROM (SELECT array_agg(code ORDER BY code) AS ids, array_agg(q ORDER BY code) AS q,
             array_agg(lon ORDER BY code) AS lon, array_agg(lat ORDER BY code) AS lat FROM myr_q) v,
     gravity_delimit(v.ids, v.q, v.lon, v.lat, (SELECT array_agg(code ORDER BY code) FROM myr_centres)) d;
SELECT c.city AS centre,
       CASE d.tier WHEN 0 THEN 'centre' WHEN 1 THEN 'tier 1 (F >= 0.3)' WHEN 2 THEN 'tier 2 (F >= 0.1)'
                   WHEN 3 THEN 'tier 3 (F >= 0.05)' ELSE 'outside' END AS tier,
       string_agg(m.city || ' ' || coalesce(round(d.membership::numeric, 2)::text, ''), ', ' ORDER BY d.membership DESC NULLS FIRST) AS cities
FROM myr_delimit d JOIN myr_q m ON m.code = d.id JOIN myr_q c ON c.code = d.centre
GROUP BY c.city, d.tier ORDER BY c.city, d.tier NULLS LAST;

SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'synergy_postgis') AS has_synergy_postgis \gset
\if :has_synergy_postgis
\echo
\echo '== 26. Linkage lines for a map (synergy_postgis): each city to its centre, spheroid distances =='
CREATE TEMP TABLE myr_lines AS
SELECT d.id, d.centre, d.tier, round(d.membership::numeric, 3) AS membership,
       ST_MakeLine(r.geom, rc.geom) AS geom,
       round((ST_Distance(r.geom::geography, rc.geom::geography) / 1000)::numeric, 1) AS km_spheroid
FROM myr_delimit d
JOIN synergy_sample.region r ON r.code = d.id JOIN synergy_sample.region rc ON rc.code = d.centre
WHERE d.tier > 0;
SELECT m.city, c.city AS centre, l.tier, l.membership, l.km_spheroid, ST_AsText(l.geom) AS line
FROM myr_lines l JOIN myr_q m ON m.code = l.id JOIN myr_q c ON c.code = l.centre
ORDER BY c.city, l.tier, l.membership DESC;
\echo 'The strongest pair links with T on the spheroid (gravity_linkage over geometries):'
SELECT a.city || ' - ' || b.city AS link, round(g.distance::numeric, 1) AS km, round((g.strength * 1000)::numeric, 4) AS "T x 1000"
FROM (SELECT array_agg(q.code ORDER BY q.code) AS ids, array_agg(q.q ORDER BY q.code) AS q,
             array_agg(r.geom ORDER BY q.code) AS geoms
      FROM myr_q q JOIN synergy_sample.region r USING (code)) v,
     gravity_linkage(v.ids, v.q, v.geoms) g
JOIN myr_q a ON a.code = g.i JOIN myr_q b ON b.code = g.j
WHERE g.i < g.j ORDER BY g.strength DESC LIMIT 5;
\endif

\echo
\echo '== 27. Scheduled recalculation: the pipeline materialized, refreshed by refresh_pipeline() (docs/operations.md) =='
\i examples/pipeline_materialized.sql
\echo 'The order refresh_pipeline() follows. concurrent_ok: could REFRESH ... CONCURRENTLY run now? Only on'
\echo 'a populated view with a unique index: false for all, as the views were just created WITH NO DATA.'
SELECT * FROM refresh_order('synergy_pipeline');
CALL refresh_pipeline() \gset first_
CALL refresh_pipeline() \gset second_
\echo 'CALL refresh_pipeline() twice: runs' :first_run_id 'and' :second_run_id '(the ids of refresh_run, returned by the call).'
\echo 'The run log a dashboard reads: the first run fills the empty views (complete); by the second they are'
\echo 'populated and indexed, so it refreshes CONCURRENTLY, readers never blocked (docs/operations.md):'
SELECT r.id AS run, r.status, s.step, s.view_name, s.method, s.rows
FROM refresh_run r JOIN refresh_step s ON s.run_id = r.id
ORDER BY r.id, s.step;
\echo 'With pg_cron installed: SELECT schedule_refresh(''synergy-nightly'', ''30 2 * * *'');'
