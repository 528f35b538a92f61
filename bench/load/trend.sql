-- ArcGIS-style trend analysis of one year's CCD over the city seats
\set year random(2010, 2019)
SELECT (t).ew_shape, (t).ns_shape
FROM (SELECT trend_analysis(r.geom, c.d) AS t
      FROM synergy_pipeline.mv_city_ccd c JOIN synergy_sample.region r ON r.code = c.region
      WHERE c.year = :year) s;
