-- BP and GM(1,1) forecasts of one city's CCD from the materialized history
\set r random(0, 6)
SELECT f.step, f.forecast, g.forecast
FROM (SELECT array_agg(d ORDER BY year) AS h
      FROM synergy_pipeline.mv_city_ccd
      WHERE region = (SELECT region FROM synergy_pipeline.mv_city_ccd GROUP BY region ORDER BY region OFFSET :r LIMIT 1)) c,
     LATERAL bp_forecast(c.h, 6, lower => 0, upper => 1) f
     JOIN LATERAL gm11_forecast(c.h, 6) g ON g.step = f.step;
