-- title: Within-city coordination degree D by city, 2010-2025 / 城市内综合发展能力协同度 D
-- caption: Each city's coupling coordination degree D of its six subsystem scores U1..U6 (synergy_pipeline.city_ccd), observed 2010-2019 as solid lines with dots, BP-network forecasts 2020-2025 (synergy_pipeline.city_ccd_forecast) as dashed lines. The bands behind are the ten grades of the uniform scale (ccd_grade). bp_forecast returns point forecasts only, without prediction intervals, so no fan is drawn: read the dashed line as one likely path, not a range.
-- data
SELECT c.agglomeration, c.region, n.name_en, n.name_zh, c.year, c.d, c.grade, c.grade_en, false AS forecast
FROM synergy_pipeline.city_ccd c JOIN synergy_report.region_name n USING (region)
UNION ALL
SELECT f.agglomeration, f.region, n.name_en, n.name_zh, f.year, f.d, f.grade, f.grade_en, true
FROM synergy_pipeline.city_ccd_forecast f JOIN synergy_report.region_name n USING (region)
-- draw
WITH a AS (
  SELECT agglomeration, row_number() OVER (ORDER BY agglomeration DESC) AS k,
         floor(min(d) * 10) / 10 AS lo, ceil(max(d) * 10) / 10 AS hi, min(year) AS y0, max(year) AS y1,
         max(year) FILTER (WHERE NOT forecast) AS last_obs
  FROM chart_data GROUP BY agglomeration),
b AS (SELECT a.*, ROW(70 + (k - 1) * 380, 70 + (k - 1) * 380 + 300, 40, 320, y0 - 0.5, y1 + 0.5, lo, hi)::synergy_report.box AS bx
      FROM a),
s AS (SELECT c.*, dense_rank() OVER (PARTITION BY c.agglomeration ORDER BY c.region) AS ci FROM chart_data c),
city AS (
  SELECT s.agglomeration, s.region, s.ci, min(s.name_en) AS name_en, min(s.name_zh) AS name_zh, b.bx, b.k,
         string_agg(synergy_report.pt(b.bx, s.year, s.d), ' L' ORDER BY s.year) FILTER (WHERE s.year <= b.last_obs) AS obs,
         string_agg(synergy_report.pt(b.bx, s.year, s.d), ' L' ORDER BY s.year) FILTER (WHERE s.year >= b.last_obs) AS fc,
         string_agg(format('<circle class="mark" cx="%s" cy="%s" r="%s" fill="%s"%s><title>%s %s %s: D = %s, %s %s%s</title></circle>',
                           synergy_report.n(synergy_report.px(b.bx, s.year)), synergy_report.n(synergy_report.py(b.bx, s.d)),
                           CASE WHEN s.forecast THEN 2.5 ELSE 3 END, synergy_report.okabe_ito(s.ci::int),
                           CASE WHEN s.forecast THEN ' fill-opacity="0.5"' ELSE '' END,
                           s.name_en, s.name_zh, s.year, round(s.d::numeric, 3), s.grade, s.grade_en,
                           CASE WHEN s.forecast THEN ' (forecast)' ELSE '' END), '' ORDER BY s.year) AS dots
  FROM s JOIN b USING (agglomeration)
  GROUP BY s.agglomeration, s.region, s.ci, b.bx, b.k)
SELECT synergy_report.svg_open('svg-city-d', 1050, 450, 'Within-city coordination degree D by city')
       || (SELECT string_agg(synergy_report.grade_bands(bx, false)
                   || synergy_report.axes(bx, ARRAY(SELECT generate_series(y0, y1, 3)::float8),
                                          ARRAY(SELECT generate_series(lo::numeric, hi::numeric, 0.1)::float8), 'year 年份', 'D (0-1, dimensionless)',
                                          'FM9990', 'FM0.0')
                   || synergy_report.text((bx).l, 28, format('%s %s (%s)', n.name_en, n.name_zh, agglomeration), 'start', 'lbl b')
                   || format('<line class="cut" x1="%1$s" x2="%1$s" y1="%2$s" y2="%3$s"/>',
                             synergy_report.n(synergy_report.px(bx, last_obs + 0.5)), synergy_report.n((bx).t), synergy_report.n((bx).b))
                   || synergy_report.text(synergy_report.px(bx, last_obs + 0.5) + 4, (bx).t + 12, 'forecast 预测 →', 'start', 'tick'),
                   '' ORDER BY k)
           FROM b JOIN synergy_report.agglomeration_name n USING (agglomeration))
       || string_agg(format('<path class="mark line" d="M%s" stroke="%s"/>', obs, synergy_report.okabe_ito(ci::int))
                     || format('<path class="mark line fc" d="M%s" stroke="%s"/>', fc, synergy_report.okabe_ito(ci::int))
                     || dots
                     || synergy_report.legend((bx).l + ((ci - 1) % 2) * 150, 372 + ((ci - 1) / 2) * 18,
                          format('<line x1="0" x2="16" y1="0" y2="0" stroke="%s" stroke-width="2.5"/><circle cx="8" cy="0" r="3" fill="%s"/>',
                                 synergy_report.okabe_ito(ci::int), synergy_report.okabe_ito(ci::int)),
                          name_en || ' ' || name_zh), '' ORDER BY k, ci)
       || synergy_report.legend(70, 432, '<line x1="0" x2="16" y1="0" y2="0" class="line" stroke="#333"/>', 'observed 观测')
       || synergy_report.grade_legend(790, 60, 17)
       || synergy_report.legend(230, 432, '<line x1="0" x2="16" y1="0" y2="0" class="line fc" stroke="#333"/>', 'BP forecast 预测 (point forecast, no interval)')
       || '</svg>'
FROM city
