-- examples/pipeline_materialized.sql: the pipeline's results as materialized
-- views, for dashboards and BI tools, refreshed by refresh_pipeline() (by
-- hand or on a schedule with pg_cron; see docs/operations.md).
--
--   psql -d mydb -f examples/pipeline.sql -f examples/pipeline_materialized.sql
--   psql -d mydb -c 'CALL refresh_pipeline()'
--
-- They live in schema synergy_pipeline next to the plain views they read,
-- named mv_*.  Each has a unique index on its key, so refresh_pipeline()
-- refreshes it CONCURRENTLY and readers are never blocked.  mv_synergy_index
-- and mv_city_ccd_gap read mv_city_ccd / mv_indicator_ccd, so the refresh
-- order matters; refresh_pipeline() finds it in the catalog.
--
-- WITH NO DATA: created empty; the first CALL refresh_pipeline() fills them
-- (a complete refresh, as CONCURRENTLY needs a populated view).

-- Each city's U1..U6 and within-city CCD per year.
CREATE MATERIALIZED VIEW IF NOT EXISTS synergy_pipeline.mv_city_ccd AS
SELECT region, agglomeration, year, u, c, t, d, level, grade, grade_en
FROM synergy_pipeline.city_ccd
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS mv_city_ccd_key ON synergy_pipeline.mv_city_ccd (region, year);

-- Between-city CCD per agglomeration, subsystem and year.
CREATE MATERIALIZED VIEW IF NOT EXISTS synergy_pipeline.mv_indicator_ccd AS
SELECT agglomeration, subsystem, subsystem_order, year, cities, c, t, d
FROM synergy_pipeline.indicator_ccd
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS mv_indicator_ccd_key
  ON synergy_pipeline.mv_indicator_ccd (agglomeration, subsystem, year);

-- D_t per agglomeration and year, from the materialized D_it (so it is
-- refreshed after mv_indicator_ccd).
CREATE MATERIALIZED VIEW IF NOT EXISTS synergy_pipeline.mv_synergy_index AS
SELECT agglomeration, year, avg(d ORDER BY subsystem_order) AS d_t,
       ccd_grade(avg(d ORDER BY subsystem_order)) AS grade
FROM synergy_pipeline.mv_indicator_ccd
GROUP BY agglomeration, year
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS mv_synergy_index_key
  ON synergy_pipeline.mv_synergy_index (agglomeration, year);

-- Best and worst city per agglomeration and year, from mv_city_ccd.
CREATE MATERIALIZED VIEW IF NOT EXISTS synergy_pipeline.mv_city_ccd_gap AS
SELECT agglomeration, year,
       max(d) AS max_d, (array_agg(region ORDER BY d DESC, region))[1] AS max_region,
       min(d) AS min_d, (array_agg(region ORDER BY d, region))[1] AS min_region,
       max(d) - min(d) AS gap
FROM synergy_pipeline.mv_city_ccd
GROUP BY agglomeration, year
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS mv_city_ccd_gap_key
  ON synergy_pipeline.mv_city_ccd_gap (agglomeration, year);

-- BP forecasts of each city's D to six years after the last observed one
-- (the most expensive step: materialize it rather than compute on read).
CREATE MATERIALIZED VIEW IF NOT EXISTS synergy_pipeline.mv_city_ccd_forecast AS
SELECT region, agglomeration, year, d, grade, grade_en
FROM synergy_pipeline.city_ccd_forecast
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS mv_city_ccd_forecast_key
  ON synergy_pipeline.mv_city_ccd_forecast (region, year);
