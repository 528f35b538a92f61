-- title: Trend analysis of city D, Yichang-Jingzhou-Jingmen-Enshi (ycje) 2019 / 趋势分析 (宜荆荆恩 2019)
-- caption: As ArcGIS's trend analysis draws it: each city is a stick standing on its position (longitude east, latitude north) as tall as its D in 2019; the sticks projected on the back wall give the east-west view (green), on the left wall the north-south view (blue), each with its fitted order-2 curve (trend_analysis(geom, d, 2), sampled by trend_curve). A stick here is one city's value drawn as a vertical line over the map plane.
-- data
SELECT c.region, n.name_en, n.name_zh, ST_X(r.geom) AS lon, ST_Y(r.geom) AS lat, c.d, NULL::text AS direction,
       NULL::float8 AS "position", NULL::float8 AS z
FROM synergy_pipeline.city_ccd c JOIN synergy_sample.region r ON r.code = c.region JOIN synergy_report.region_name n USING (region)
WHERE c.agglomeration = 'ycje' AND c.year = 2019
UNION ALL
SELECT NULL, NULL, NULL, NULL, NULL, NULL, tc.direction, tc."position", tc.z
FROM (SELECT trend_analysis(r.geom, c.d, 2) AS t
      FROM synergy_pipeline.city_ccd c JOIN synergy_sample.region r ON r.code = c.region
      WHERE c.agglomeration = 'ycje' AND c.year = 2019) s, trend_curve(s.t, 40) tc
-- draw
WITH e AS (
  SELECT floor(min(lon) * 2) / 2 - 0.25 AS x0, ceil(max(lon) * 2) / 2 + 0.5 AS x1,
         floor(min(lat) * 4) / 4 - 0.25 AS y0, ceil(max(lat) * 4) / 4 + 0.25 AS y1,
         0::float8 AS z0, ceil(greatest(max(d), max(z)) * 10) / 10 AS z1
  FROM chart_data),
g AS (SELECT e.*, ARRAY[x0, x1, y0, y1, z0, z1, 90, 390, 420, 250, 170, 100]::float8[] AS r FROM e),
pts AS (SELECT c.*, row_number() OVER (ORDER BY c.lon) AS k FROM chart_data c WHERE c.region IS NOT NULL)
SELECT synergy_report.svg_open('svg-trend-sticks', 980, 440, 'Trend analysis, sticks and fitted curves')
  -- floor and the two walls
  || format('<path class="plane" d="M%s L%s L%s L%s Z"/>', synergy_report.obl(x0, y0, z0, r), synergy_report.obl(x1, y0, z0, r),
            synergy_report.obl(x1, y1, z0, r), synergy_report.obl(x0, y1, z0, r))
  || format('<path class="wall" d="M%s L%s L%s L%s Z"/>', synergy_report.obl(x0, y1, z0, r), synergy_report.obl(x1, y1, z0, r),
            synergy_report.obl(x1, y1, z1, r), synergy_report.obl(x0, y1, z1, r))
  || format('<path class="wall" d="M%s L%s L%s L%s Z"/>', synergy_report.obl(x0, y0, z0, r), synergy_report.obl(x0, y1, z0, r),
            synergy_report.obl(x0, y1, z1, r), synergy_report.obl(x0, y0, z1, r))
  -- z axis at the front left corner, lon ticks on the front edge, lat ticks on the right edge
  || format('<path class="frame" d="M%s L%s"/>', synergy_report.obl(x0, y0, z0, r), synergy_report.obl(x0, y0, z1, r))
  || (SELECT string_agg(format('<path class="frame" d="M%s l-5,0"/>', synergy_report.obl(x0, y0, z0 + (z1 - z0) * i / 10.0, r)), '')
      FROM generate_series(0, 10, 2) i)
  || (SELECT string_agg(synergy_report.text(split_part(synergy_report.obl(x0, y0, z0 + (z1 - z0) * i / 10.0, r), ',', 1)::float8 - 8,
                                            split_part(synergy_report.obl(x0, y0, z0 + (z1 - z0) * i / 10.0, r), ',', 2)::float8 + 4,
                                            to_char(z0 + (z1 - z0) * i / 10.0, 'FM0.0'), 'end', 'tick'), '')
      FROM generate_series(0, 10, 2) i)
  || format('<text class="axis" text-anchor="middle" transform="translate(%s,%s) rotate(-90)">D 2019 (0-1)</text>',
            split_part(synergy_report.obl(x0, y0, (z0 + z1) / 2, r), ',', 1)::float8 - 40,
            split_part(synergy_report.obl(x0, y0, (z0 + z1) / 2, r), ',', 2))
  || (SELECT string_agg(synergy_report.text(split_part(synergy_report.obl(xt, y0, z0, r), ',', 1)::float8,
                                            split_part(synergy_report.obl(xt, y0, z0, r), ',', 2)::float8 + 16,
                                            to_char(xt, 'FM990.0'), 'middle', 'tick')
                        || format('<path class="frame" d="M%s l0,5"/>', synergy_report.obl(xt, y0, z0, r)), '')
      FROM generate_series((ceil(x0 * 2) / 2)::numeric, x1::numeric, 0.5) xt)
  || synergy_report.text(split_part(synergy_report.obl((x0 + x1) / 2, y0, z0, r), ',', 1)::float8,
                         split_part(synergy_report.obl((x0 + x1) / 2, y0, z0, r), ',', 2)::float8 + 36,
                         'east-west: longitude 经度 (°E)', 'middle', 'axis')
  || (SELECT string_agg(synergy_report.text(split_part(synergy_report.obl(x1, yt, z0, r), ',', 1)::float8 + 8,
                                            split_part(synergy_report.obl(x1, yt, z0, r), ',', 2)::float8 + 4,
                                            to_char(yt, 'FM90.00'), 'start', 'tick'), '')
      FROM generate_series((ceil(y0 * 4) / 4)::numeric, y1::numeric, 0.25) yt)
  || synergy_report.text(split_part(synergy_report.obl(x1, (y0 + y1) / 2, z0, r), ',', 1)::float8 + 52,
                         split_part(synergy_report.obl(x1, (y0 + y1) / 2, z0, r), ',', 2)::float8 + 22,
                         'north-south: latitude 纬度 (°N)', 'start', 'axis')
  -- the fitted curves on the walls
  || (SELECT format('<path class="mark line" stroke="#009E73" d="M%s"/>',
                    string_agg(synergy_report.obl("position", y1, z, r), ' L' ORDER BY "position"))
      FROM chart_data WHERE direction = 'east-west')
  || (SELECT format('<path class="mark line" stroke="#0072B2" d="M%s"/>',
                    string_agg(synergy_report.obl(x0, "position", z, r), ' L' ORDER BY "position"))
      FROM chart_data WHERE direction = 'north-south')
  -- sticks, their tops, their projections on the walls, labels
  || (SELECT string_agg(format('<path class="mark stick" d="M%s L%s"><title>%s %s: D = %s at %s°E %s°N</title></path>',
                               synergy_report.obl(lon, lat, z0, r), synergy_report.obl(lon, lat, d, r),
                               name_en, name_zh, round(d::numeric, 3), round(lon::numeric, 2), round(lat::numeric, 2))
                        || format('<circle class="mark" cx="%s" cy="%s" r="3.5" fill="#D55E00"/>',
                                  split_part(synergy_report.obl(lon, lat, d, r), ',', 1), split_part(synergy_report.obl(lon, lat, d, r), ',', 2))
                        || format('<circle class="mark" cx="%s" cy="%s" r="3" fill="#009E73"/>',
                                  split_part(synergy_report.obl(lon, y1, d, r), ',', 1), split_part(synergy_report.obl(lon, y1, d, r), ',', 2))
                        || format('<circle class="mark" cx="%s" cy="%s" r="3" fill="#0072B2"/>',
                                  split_part(synergy_report.obl(x0, lat, d, r), ',', 1), split_part(synergy_report.obl(x0, lat, d, r), ',', 2))
                        || format('<circle cx="%s" cy="%s" r="2" fill="#333"/>',
                                  split_part(synergy_report.obl(lon, lat, z0, r), ',', 1), split_part(synergy_report.obl(lon, lat, z0, r), ',', 2))
                        || synergy_report.text(split_part(synergy_report.obl(lon, lat, z0, r), ',', 1)::float8 + 4,
                                               split_part(synergy_report.obl(lon, lat, z0, r), ',', 2)::float8 + 13,
                                               name_zh || ' ' || name_en, 'start', 'tick'), '' ORDER BY k)
      FROM pts)
  || synergy_report.legend(720, 60, '<line x1="0" x2="16" y1="0" y2="0" stroke="#555" stroke-width="3"/><circle cx="16" cy="0" r="3.5" fill="#D55E00"/>', 'stick: city D 城市协同度')
  || synergy_report.legend(720, 82, '<circle cx="8" cy="0" r="3" fill="#009E73"/>', 'projected east-west 东西向投影 (back wall)')
  || synergy_report.legend(720, 104, '<line x1="0" x2="16" y1="0" y2="0" stroke="#009E73" stroke-width="2.5"/>', 'east-west fit 东西向趋势线')
  || synergy_report.legend(720, 126, '<circle cx="8" cy="0" r="3" fill="#0072B2"/>', 'projected north-south 南北向投影 (left wall)')
  || synergy_report.legend(720, 148, '<line x1="0" x2="16" y1="0" y2="0" stroke="#0072B2" stroke-width="2.5"/>', 'north-south fit 南北向趋势线')
  || '</svg>'
FROM g
