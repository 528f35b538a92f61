-- title: Fitted trend curves by year, Yichang-Jingzhou-Jingmen-Enshi (ycje) / 各年份趋势线 (宜荆荆恩)
-- caption: The order-2 east-west and north-south curves of city D (trend_analysis, trend_curve) for the observed years 2010, 2015, 2019 (solid) and the BP-forecast years 2020, 2023, 2025 (dashed; the paper's figure 7 reads the forecasts the same way).
-- data
SELECT c.year, c.year > 2019 AS forecast, tc.direction, tc."position", tc.z
FROM (SELECT c.year, trend_analysis(r.geom, c.d, 2) AS t
      FROM (SELECT region, agglomeration, year, d FROM synergy_pipeline.city_ccd WHERE year IN (2010, 2015, 2019)
            UNION ALL
            SELECT region, agglomeration, year, d FROM synergy_pipeline.city_ccd_forecast WHERE year IN (2020, 2023, 2025)) c
      JOIN synergy_sample.region r ON r.code = c.region
      WHERE c.agglomeration = 'ycje'
      GROUP BY c.year) c, trend_curve(c.t, 40) tc
-- draw
WITH p AS (
  SELECT direction, row_number() OVER (ORDER BY direction) AS k, min("position") AS x0, max("position") AS x1
  FROM chart_data GROUP BY direction),
z AS (SELECT floor(min(z) * 10) / 10 AS lo, ceil(max(z) * 10) / 10 AS hi FROM chart_data),
b AS (SELECT p.*, z.lo, z.hi, ROW(70 + (k - 1) * 400, 70 + (k - 1) * 400 + 320, 40, 320, x0, x1, z.lo, z.hi)::synergy_report.box AS bx FROM p, z),
y AS (SELECT year, forecast, row_number() OVER (ORDER BY year) AS ci FROM (SELECT DISTINCT year, forecast FROM chart_data) d)
SELECT synergy_report.svg_open('svg-trend-curves', 980, 400, 'Fitted trend curves by year')
  || (SELECT string_agg(synergy_report.axes(bx, ARRAY(SELECT round((x0 + (x1 - x0) * i / 4.0)::numeric, 2)::float8 FROM generate_series(0, 4) i),
                                            ARRAY(SELECT generate_series(lo::numeric, hi::numeric, 0.1)::float8),
                                            CASE direction WHEN 'east-west' THEN 'east-west: longitude 经度 (°E)' ELSE 'north-south: latitude 纬度 (°N)' END,
                                            'fitted D (0-1)', 'FM990.00', 'FM0.0')
                        || synergy_report.text((bx).l, 28, CASE direction WHEN 'east-west' THEN 'east-west curves 东西向' ELSE 'north-south curves 南北向' END, 'start', 'lbl b'),
                        '' ORDER BY k) FROM b)
  || (SELECT string_agg(format('<path class="mark line%s" stroke="%s" d="M%s"><title>%s %s%s</title></path>',
                               CASE WHEN y.forecast THEN ' fc' ELSE '' END, synergy_report.okabe_ito(y.ci::int),
                               l.p, l.direction, y.year, CASE WHEN y.forecast THEN ' (forecast)' ELSE '' END), '')
      FROM (SELECT c.year, c.direction, string_agg(synergy_report.pt(b.bx, c."position", c.z), ' L' ORDER BY c."position") AS p
            FROM chart_data c JOIN b USING (direction) GROUP BY c.year, c.direction) l JOIN y USING (year))
  || (SELECT string_agg(synergy_report.legend(870, 60 + (ci - 1) * 20,
                          format('<line x1="0" x2="16" y1="0" y2="0" class="line%s" stroke="%s"/>',
                                 CASE WHEN forecast THEN ' fc' ELSE '' END, synergy_report.okabe_ito(ci::int)),
                          year || CASE WHEN forecast THEN ' forecast' ELSE '' END), '' ORDER BY ci) FROM y)
  || synergy_report.text(870, 44, 'year 年份', 'start', 'lbl b')
  || '</svg>'
