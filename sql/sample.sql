-- The evaluation pipeline on the bundled sample panel (synthetic data):
-- gap filling, entropy weights and E-TOPSIS per subsystem and year, and a
-- composite index over all indicators.
-- pg_regress runs psql in the source directory (make installcheck)
\set datadir data
\i data/load.sql

SELECT count(*) AS cells, count(*) - count(value) AS missing,
       count(DISTINCT region_code) AS regions, count(DISTINCT indicator_code) AS indicators
FROM synergy_sample.panel;

-- every gap filled, edges carried from the nearest observed year
CREATE TEMP VIEW filled AS
SELECT p.region_code, p.year, i.subsystem, i.subsystem_order, p.indicator_code, i.direction,
       p.value AS raw,
       interpolate(p.value, p.year, 'nearest') OVER (PARTITION BY p.region_code, p.indicator_code) AS value
FROM synergy_sample.panel p JOIN synergy_sample.indicator i ON i.code = p.indicator_code;

SELECT count(*) FILTER (WHERE value IS NULL) AS still_missing,
       count(*) FILTER (WHERE raw IS NULL) AS filled
FROM filled;
SELECT region_code, indicator_code, year, raw, round(value::numeric, 4) AS value
FROM filled WHERE raw IS NULL ORDER BY region_code, indicator_code, year;

-- one indicator row per city, year and subsystem
CREATE TEMP VIEW subsystem_rows AS
SELECT region_code, year, subsystem, subsystem_order,
       array_agg(value ORDER BY indicator_code) AS x,
       array_agg(direction ORDER BY indicator_code) AS dirs
FROM filled GROUP BY region_code, year, subsystem, subsystem_order;

-- entropy weights of each subsystem in 2019, over the seven cities
SELECT subsystem, array_round(entropy_weights(x, dirs), 4) AS weights
FROM subsystem_rows WHERE year = 2019
GROUP BY subsystem, subsystem_order ORDER BY subsystem_order;

-- U1..U6: E-TOPSIS per subsystem and year, the year's cities in one partition
CREATE TEMP VIEW u AS
SELECT region_code, year, subsystem_order,
       topsis(x, directions => dirs) OVER (PARTITION BY year, subsystem) AS u
FROM subsystem_rows;

SELECT r.name_en, array_round(array_agg(u ORDER BY subsystem_order), 4) AS u1_u6
FROM u JOIN synergy_sample.region r ON r.code = u.region_code
WHERE year = 2019
GROUP BY r.name_en ORDER BY r.name_en;

-- every score in [0, 1]; a city best (worst) on every indicator of a
-- subsystem scores exactly 1 (0)
SELECT bool_and(u BETWEEN 0 AND 1) AS in_unit_interval,
       count(*) AS scores,
       count(*) FILTER (WHERE u = 1) AS best, count(*) FILTER (WHERE u = 0) AS worst
FROM u;

-- the same scores with the entropy weights computed separately and passed in
SELECT bool_and(abs(a - b) < 1e-12) AS e_topsis_equals_topsis_with_entropy_weights
FROM (SELECT topsis(s.x, directions => s.dirs) OVER w AS a, topsis(s.x, e.w, s.dirs) OVER w AS b
      FROM subsystem_rows s
      JOIN (SELECT year, subsystem, entropy_weights(x, dirs) AS w FROM subsystem_rows
            GROUP BY year, subsystem) e USING (year, subsystem)
      WINDOW w AS (PARTITION BY s.year, s.subsystem)) q;

-- a composite index over all 25 indicators with entropy weights, per year
SELECT year, string_agg(region_code || '=' || round(ci::numeric, 3), ' ' ORDER BY ci DESC) AS ranking
FROM (SELECT region_code, year,
             composite_index(array_agg(value ORDER BY indicator_code),
                             directions => array_agg(direction ORDER BY indicator_code))
               OVER (PARTITION BY year) AS ci
      FROM filled GROUP BY region_code, year) c
WHERE year IN (2010, 2019)
GROUP BY year ORDER BY year;

-- the long form: min-max scores per indicator and year with the scalar form
SELECT region_code, round(minmax_normalize(value, direction) OVER (PARTITION BY indicator_code, year)::numeric, 4) AS z
FROM filled WHERE indicator_code = 'EC5' AND year = 2019 ORDER BY region_code;

-- the pipeline of examples/pipeline.sql on the sample
\set ECHO none
\i examples/pipeline.sql
\set ECHO all
SELECT count(*) AS city_years, bool_and(d BETWEEN 0 AND 1) AS d_in_unit,
       bool_and(cardinality(u) = 6) AS six_scores, count(DISTINCT grade) > 1 AS several_grades
FROM synergy_pipeline.city_ccd;
SELECT region, round(d::numeric, 4) AS d, level, grade, grade_en
FROM synergy_pipeline.city_ccd WHERE year = 2019 ORDER BY d DESC;
-- D = sqrt(C T) and T the mean of U1..U6, recomputed from the scores
SELECT bool_and(abs(d - sqrt(c * t)) < 1e-12) AS d_is_sqrt_ct,
       bool_and(abs(t - (SELECT avg(x) FROM unnest(u) x)) < 1e-12) AS t_is_mean
FROM synergy_pipeline.city_ccd;
SELECT agglomeration, subsystem, cities, round(d::numeric, 4) AS d_it
FROM synergy_pipeline.indicator_ccd WHERE year = 2019 ORDER BY agglomeration, subsystem_order;
SELECT agglomeration, round(min(d_t)::numeric, 4) AS min_d_t, round(max(d_t)::numeric, 4) AS max_d_t
FROM synergy_pipeline.synergy_index GROUP BY agglomeration ORDER BY agglomeration;
SELECT agglomeration, subsystem, round(mean_d::numeric, 4) AS mean_d
FROM synergy_pipeline.subsystem_mean_ccd ORDER BY agglomeration, subsystem_order;
SELECT agglomeration, year, max_region, min_region, round(gap::numeric, 4) AS gap
FROM synergy_pipeline.city_ccd_gap WHERE year IN (2010, 2019) ORDER BY agglomeration, year;
-- forecasts (section 4.3): six years per city, in [0, 1], continuing the
-- last observed level; the forecast gap per year
SELECT count(*) AS rows, count(DISTINCT region) AS cities, min(year) AS first, max(year) AS last,
       bool_and(d BETWEEN 0 AND 1) AS in_unit_interval
FROM synergy_pipeline.city_ccd_forecast;
SELECT bool_and(abs(f.d - c.d) < 0.05) AS first_step_near_2019
FROM synergy_pipeline.city_ccd_forecast f
JOIN synergy_pipeline.city_ccd c ON c.region = f.region AND c.year = 2019 AND f.year = 2020;
SELECT agglomeration, year, max_region, min_region, round(gap::numeric, 3) AS gap
FROM synergy_pipeline.city_ccd_forecast_gap ORDER BY agglomeration, year;
SELECT m AS method, round(avg(b.smape)::numeric, 2) AS mean_smape
FROM (SELECT region, array_agg(d ORDER BY year) AS history FROM synergy_pipeline.city_ccd GROUP BY region) h,
     unnest(ARRAY['bp', 'gm11', 'naive', 'drift']) AS m,
     LATERAL forecast_backtest(h.history, 3, m, lower => 0, upper => 1) b
GROUP BY m ORDER BY mean_smape;

SET client_min_messages = warning;
DROP SCHEMA synergy_pipeline CASCADE;
DROP SCHEMA synergy_sample CASCADE;
