-- title: Cities coloured by grade of D, 2019 / 2019年城市协同等级
-- caption: Each city of the two agglomerations at its position, filled with the grade of its within-city D in 2019 (ccd_grade, ten-level uniform scale); the other sample cities in grey for orientation. Positions are the sample's city points (synergy_sample.region.geom, WGS 84).
-- data
SELECT n.region, n.name_en, n.name_zh, ST_X(r.geom) AS lon, ST_Y(r.geom) AS lat, c.agglomeration, c.d, c.level, c.grade, c.grade_en
FROM synergy_sample.region r JOIN synergy_report.region_name n ON n.region = r.code
LEFT JOIN synergy_pipeline.city_ccd c ON c.region = r.code AND c.year = 2019
-- draw
WITH b AS (SELECT synergy_report.map_box(ST_Extent(ST_MakePoint(lon, lat))::box2d, 60, 620, 20, 400, 0.4) AS bx FROM chart_data)
SELECT synergy_report.svg_open('svg-grade-map', 980, 440, 'Cities coloured by grade of D, 2019')
  || format('<rect class="sea" x="%s" y="%s" width="%s" height="%s"/>', (bx).l, (bx).t, (bx).r - (bx).l, (bx).b - (bx).t)
  || (SELECT string_agg(format('<line class="grid" x1="%1$s" x2="%1$s" y1="%2$s" y2="%3$s"/>', synergy_report.n(synergy_report.px(bx, g)), (bx).t, (bx).b)
                        || synergy_report.text(synergy_report.px(bx, g), (bx).b + 16, g || '°E', 'middle', 'tick'), '')
      FROM generate_series(ceil((bx).x0)::int, floor((bx).x1)::int, 2) g)
  || (SELECT string_agg(format('<line class="grid" y1="%1$s" y2="%1$s" x1="%2$s" x2="%3$s"/>', synergy_report.n(synergy_report.py(bx, g)), (bx).l, (bx).r)
                        || synergy_report.text((bx).l - 6, synergy_report.py(bx, g) + 4, g || '°N', 'end', 'tick'), '')
      FROM generate_series(ceil((bx).y0)::int, floor((bx).y1)::int, 2) g)
  || synergy_report.text(((bx).l + (bx).r) / 2, (bx).b + 34, 'longitude 经度 (°E)', 'middle', 'axis')
  || format('<text class="axis" text-anchor="middle" transform="translate(%s,%s) rotate(-90)">latitude 纬度 (°N)</text>', (bx).l - 44, ((bx).t + (bx).b) / 2)
  || (SELECT string_agg(format('<circle class="ctx" cx="%s" cy="%s" r="2.5"><title>%s %s</title></circle>',
                               synergy_report.n(synergy_report.px(bx, lon)), synergy_report.n(synergy_report.py(bx, lat)), name_en, name_zh), '')
      FROM chart_data WHERE d IS NULL)
  || (SELECT string_agg(format('<circle class="mark city" cx="%s" cy="%s" r="8" fill="%s"><title>%s %s: D 2019 = %s, %s %s</title></circle>',
                               synergy_report.n(synergy_report.px(bx, lon)), synergy_report.n(synergy_report.py(bx, lat)),
                               synergy_report.grade_colour(level), name_en, name_zh, round(d::numeric, 3), grade, grade_en)
                        || synergy_report.text(synergy_report.px(bx, lon) + CASE WHEN east THEN -11 ELSE 11 END,
                                               synergy_report.py(bx, lat) + (ARRAY[-7, 5, 17, 5])[1 + (k - 1) % 4],
                                               name_zh || ' ' || name_en || ' ' || to_char(d, 'FM0.00'), CASE WHEN east THEN 'end' ELSE 'start' END, 'tick'), '' ORDER BY d)
      FROM (SELECT c.*, c.lon > ((bx).x0 + (bx).x1) / 2 AS east, row_number() OVER (PARTITION BY c.agglomeration ORDER BY c.lat DESC) AS k
            FROM chart_data c WHERE c.d IS NOT NULL) c)
  || synergy_report.scale_bar(bx, 200)
  || synergy_report.grade_legend(660, 60, 17)
  || synergy_report.legend(660, 250, '<circle cx="8" cy="0" r="2.5" class="ctx"/>', 'other sample city 其他城市 (no D)')
  || '</svg>'
FROM b
