-- title: LISA cluster map, 31 middle-Yangtze cities / 局部空间自相关 (LISA) 聚类图
-- caption: Local Moran's I of the demo's synthetic value v over the 31 cities of the middle Yangtze sample (demo section 20: 4 nearest neighbours, 999 permutations, 5 % level; local_moran). HH: high value among high neighbours, LL: low among low, HL / LH: outliers, grey: not significant. The values are synthetic (a ridge along the Yangtze rising eastwards), so the map shows the method, not the cities.
-- data
SELECT c.id, c.name_en, r.name_zh, ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat, c.v, (l).i, (l).p, (l).quadrant
FROM (SELECT c.id, local_moran(c.v, c.id, w.neighbours, w.weights) OVER () AS l
      FROM myr_city c JOIN spatial_weights('myr_city', 'id', 'geom', 'knn', k => 4) w USING (id)) s
JOIN myr_city c USING (id) JOIN synergy_sample.region r ON r.code::bigint = c.id
-- draw
WITH b AS (SELECT synergy_report.map_box(ST_Extent(ST_MakePoint(lon, lat))::box2d, 60, 620, 20, 410, 0.3) AS bx FROM chart_data),
k AS (SELECT * FROM (VALUES ('HH', 1, '#D55E00', 'HH high-high 高-高'), ('LL', 2, '#0072B2', 'LL low-low 低-低'),
                            ('HL', 3, '#E69F00', 'HL high-low 高-低'), ('LH', 4, '#56B4E9', 'LH low-high 低-高'),
                            ('not significant', 5, '#BBBBBB', 'not significant 不显著')) v(quadrant, o, colour, label))
SELECT synergy_report.svg_open('svg-lisa-map', 980, 450, 'LISA cluster map')
  || format('<rect class="sea" x="%s" y="%s" width="%s" height="%s"/>', (bx).l, (bx).t, (bx).r - (bx).l, (bx).b - (bx).t)
  || (SELECT string_agg(format('<line class="grid" x1="%1$s" x2="%1$s" y1="%2$s" y2="%3$s"/>', synergy_report.n(synergy_report.px(bx, g)), (bx).t, (bx).b)
                        || synergy_report.text(synergy_report.px(bx, g), (bx).b + 16, g || '°E', 'middle', 'tick'), '')
      FROM generate_series(ceil((bx).x0)::int, floor((bx).x1)::int) g)
  || (SELECT string_agg(format('<line class="grid" y1="%1$s" y2="%1$s" x1="%2$s" x2="%3$s"/>', synergy_report.n(synergy_report.py(bx, g)), (bx).l, (bx).r)
                        || synergy_report.text((bx).l - 6, synergy_report.py(bx, g) + 4, g || '°N', 'end', 'tick'), '')
      FROM generate_series(ceil((bx).y0)::int, floor((bx).y1)::int) g)
  || synergy_report.text(((bx).l + (bx).r) / 2, (bx).b + 34, 'longitude 经度 (°E)', 'middle', 'axis')
  || format('<text class="axis" text-anchor="middle" transform="translate(%s,%s) rotate(-90)">latitude 纬度 (°N)</text>', (bx).l - 44, ((bx).t + (bx).b) / 2)
  || (SELECT string_agg(format('<circle class="mark city" cx="%s" cy="%s" r="%s" fill="%s"><title>%s %s: v = %s, local I = %s, p = %s, %s</title></circle>',
                               synergy_report.n(synergy_report.px(bx, lon)), synergy_report.n(synergy_report.py(bx, lat)),
                               CASE WHEN c.quadrant = 'not significant' THEN 5 ELSE 8 END, k.colour, name_en, name_zh,
                               round(v::numeric, 3), round(i::numeric, 3), round(p::numeric, 3), c.quadrant)
                        || synergy_report.text(synergy_report.px(bx, lon) + 9, synergy_report.py(bx, lat) + 4, name_zh, 'start', 'tiny'), '')
      FROM chart_data c JOIN k USING (quadrant))
  || synergy_report.scale_bar(bx, 100)
  || synergy_report.text(660, 52, 'LISA class 聚类类型 (p ≤ 0.05)', 'start', 'lbl b')
  || (SELECT string_agg(synergy_report.legend(660, 50 + o * 22,
                          format('<circle cx="8" cy="0" r="%s" fill="%s" class="city"/>', CASE WHEN o = 5 THEN 5 ELSE 7 END, colour),
                          format('%s (%s)', label, (SELECT count(*) FROM chart_data c WHERE c.quadrant = k.quadrant))), '' ORDER BY o) FROM k)
  || '</svg>'
FROM b
