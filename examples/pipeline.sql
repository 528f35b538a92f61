-- examples/pipeline.sql: the synergy pipeline of the paper (seed 000,
-- sections 2.1-2.3 and 4) as a small set of views.
--
--   psql -d mydb -f examples/pipeline.sql
--
-- Copy it into your own database and point the three source views (section
-- 1) at your tables; every other view reads only those.  Refresh nothing:
-- the views compute on read (materialize them for dashboards, e.g.
-- CREATE MATERIALIZED VIEW ... AS SELECT * FROM synergy_pipeline.city_ccd).
--
-- Requires the synergy extension (CREATE EXTENSION synergy).  As shipped,
-- the sources are the bundled sample (data/load.sql, schema synergy_sample),
-- whose values are synthetic.

CREATE SCHEMA IF NOT EXISTS synergy_pipeline;

-- Sums of floats depend on the order of the rows, which depends on the plan
-- (hash or sort, parallel or not, statistics), so the aggregates over
-- floats below say ORDER BY: the same data give the same bits after a
-- restore, an ANALYZE or an upgrade (test/stages/50_dump_restore.sh).

-- 1. Sources.  Edit these three views.

-- The long panel: one row per region, year and indicator; value NULL where
-- the yearbook has a gap.
CREATE OR REPLACE VIEW synergy_pipeline.src_panel AS
SELECT region_code AS region, year, indicator_code AS indicator, value
FROM synergy_sample.panel;

-- The indicators: subsystem (and its order, U1..U6) and direction, 1 for a
-- benefit and -1 for a cost indicator.
CREATE OR REPLACE VIEW synergy_pipeline.src_indicator AS
SELECT code AS indicator, subsystem, subsystem_order, direction
FROM synergy_sample.indicator;

-- The regions and the agglomeration each belongs to in this study (one
-- each): here the two agglomerations of the paper.
CREATE OR REPLACE VIEW synergy_pipeline.src_region AS
SELECT r.code AS region, r.name_en AS name, a.code AS agglomeration
FROM synergy_sample.region r
JOIN synergy_sample.agglomeration a ON a.code = ANY (r.agglomerations)
WHERE a.code IN ('ycje', 'sxc');

-- 2. Gaps filled: linear interpolation along the years of each series, the
-- first and last observed values carried to the ends (edges 'nearest').
CREATE OR REPLACE VIEW synergy_pipeline.filled AS
SELECT p.region, p.year, i.subsystem, i.subsystem_order, p.indicator, i.direction,
       p.value AS raw,
       interpolate(p.value, p.year, 'nearest')
         OVER (PARTITION BY p.region, p.indicator) AS value
FROM synergy_pipeline.src_panel p
JOIN synergy_pipeline.src_indicator i USING (indicator)
JOIN synergy_pipeline.src_region r USING (region);

-- 3. U1..U6: E-TOPSIS per subsystem and year.  Each year's cities of every
-- agglomeration share one partition, so scores compare across
-- agglomerations (the paper compares them); to score each agglomeration on
-- its own, add the word "agglomeration" to the PARTITION BY.
CREATE OR REPLACE VIEW synergy_pipeline.subsystem_scores AS
SELECT region, agglomeration, year, subsystem, subsystem_order,
       topsis(x, directions => dirs)
         OVER (PARTITION BY year, subsystem) AS u
FROM (SELECT f.region, r.agglomeration, f.year, f.subsystem, f.subsystem_order,
             array_agg(f.value ORDER BY f.indicator) AS x,
             array_agg(f.direction ORDER BY f.indicator) AS dirs
      FROM synergy_pipeline.filled f JOIN synergy_pipeline.src_region r USING (region)
      GROUP BY f.region, r.agglomeration, f.year, f.subsystem, f.subsystem_order) s;

-- 4. Within-city coordination ("城市内综合发展能力协同"): the coupling
-- coordination of each city's U1..U6 in each year, equal weights 1/6, with
-- its grade on the uniform ten-level scale.
CREATE OR REPLACE VIEW synergy_pipeline.city_ccd AS
SELECT region, agglomeration, year, u, (r).c, (r).t, (r).d,
       ccd_level((r).d) AS level, ccd_grade((r).d) AS grade, ccd_grade((r).d, 'en') AS grade_en
FROM (SELECT region, agglomeration, year,
             array_agg(u ORDER BY subsystem_order) AS u,
             coupling_coordination(array_agg(u ORDER BY subsystem_order)) AS r
      FROM synergy_pipeline.subsystem_scores
      GROUP BY region, agglomeration, year) s;

-- 5. Between-city coordination ("城市间各指标协同", section 2.2): for each
-- subsystem and year, the cities of an agglomeration are the systems, so
-- D_it is the aggregate coupling_coordination over the cities' scores.  The
-- paper's six "indicators" of Figures 3-5 are the six subsystems; min-max
-- scores of the raw indicators would not do, as the worst city of each
-- indicator scores exactly 0, which makes the classic C zero.
CREATE OR REPLACE VIEW synergy_pipeline.indicator_ccd AS
SELECT agglomeration, subsystem, subsystem_order, year, count(*) AS cities,
       (coupling_coordination(u)).c AS c,
       (coupling_coordination(u)).t AS t,
       (coupling_coordination(u)).d AS d
FROM synergy_pipeline.subsystem_scores
GROUP BY agglomeration, subsystem, subsystem_order, year;

-- 6. The composite synergy index D_t = sum(gamma_i D_it) with equal gamma:
-- the mean over the subsystems, per agglomeration and year.
CREATE OR REPLACE VIEW synergy_pipeline.synergy_index AS
SELECT agglomeration, year, avg(d ORDER BY subsystem_order) AS d_t,
       ccd_grade(avg(d ORDER BY subsystem_order)) AS grade
FROM synergy_pipeline.indicator_ccd
GROUP BY agglomeration, year;

-- 7. The paper's Figure 5: each subsystem's mean D_it over the years, per
-- agglomeration.
CREATE OR REPLACE VIEW synergy_pipeline.subsystem_mean_ccd AS
SELECT agglomeration, subsystem, subsystem_order, avg(d ORDER BY year) AS mean_d,
       min(year) AS first_year, max(year) AS last_year
FROM synergy_pipeline.indicator_ccd
GROUP BY agglomeration, subsystem, subsystem_order;

-- 8. The spread between cities: the largest and smallest within-city D of
-- each agglomeration and year, which cities they are, and the gap.
CREATE OR REPLACE VIEW synergy_pipeline.city_ccd_gap AS
SELECT agglomeration, year,
       max(d) AS max_d, (array_agg(region ORDER BY d DESC, region))[1] AS max_region,
       min(d) AS min_d, (array_agg(region ORDER BY d, region))[1] AS min_region,
       max(d) - min(d) AS gap
FROM synergy_pipeline.city_ccd
GROUP BY agglomeration, year;

-- 9. Forecasts (section 4.3): each city's within-city D over all observed
-- years, continued six years by the BP network, kept in [0, 1].  The step
-- is labelled with its year.  Same data and seed, same forecasts.
CREATE OR REPLACE VIEW synergy_pipeline.city_ccd_forecast AS
SELECT h.region, h.agglomeration, h.last_year + f.step AS year, f.forecast AS d,
       ccd_grade(f.forecast) AS grade, ccd_grade(f.forecast, 'en') AS grade_en
FROM (SELECT region, agglomeration, max(year) AS last_year, array_agg(d ORDER BY year) AS history
      FROM synergy_pipeline.city_ccd
      GROUP BY region, agglomeration) h,
     LATERAL bp_forecast(h.history, 6, lower => 0, upper => 1) f;

-- 10. The forecast spread between cities, as view 8 for observed years.
CREATE OR REPLACE VIEW synergy_pipeline.city_ccd_forecast_gap AS
SELECT agglomeration, year,
       max(d) AS max_d, (array_agg(region ORDER BY d DESC, region))[1] AS max_region,
       min(d) AS min_d, (array_agg(region ORDER BY d, region))[1] AS min_region,
       max(d) - min(d) AS gap
FROM synergy_pipeline.city_ccd_forecast
GROUP BY agglomeration, year;
