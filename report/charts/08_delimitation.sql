-- title: Delimitation of the middle Yangtze agglomeration: centres, hinterland tiers, strongest links / 长江中游城市群范围界定
-- caption: From the demo's sections 22-26 (docs/delimitation.md): city quality Q from factor analysis, gravity linkage T_ij = Q_i Q_j / d_ij², each city's strongest link drawn as a line (width by its membership share F), the three centres with the most followers as squares, every other city coloured by the centre it belongs to (gravity_delimit) and sized by its hinterland tier (F ≥ 0.3 / 0.1 / 0.05). Synthetic indicators: the map shows the method.
-- data
SELECT d.id, q.city AS name_en, q.name_zh, q.lon, q.lat, q.q, d.centre, c.city AS centre_en, d.tier, d.membership,
       l.j AS strongest_partner, l.membership AS strongest_f,
       ST_AsSVG(ST_MakeLine(ri.geom, rj.geom), 0, 4) AS link_svg
FROM myr_delimit d JOIN myr_q q ON q.code = d.id LEFT JOIN myr_q c ON c.code = d.centre
JOIN myr_links l ON l.i = d.id AND l.strongest
JOIN synergy_sample.region ri ON ri.code = l.i JOIN synergy_sample.region rj ON rj.code = l.j
-- draw
WITH b AS (SELECT synergy_report.map_box(ST_Extent(ST_MakePoint(lon, lat))::box2d, 60, 620, 20, 410, 0.3) AS bx FROM chart_data),
ce AS (SELECT centre, row_number() OVER (ORDER BY centre) AS o, min(centre_en) AS centre_en,
              (SELECT name_zh FROM chart_data x WHERE x.id = c.centre) AS centre_zh
       FROM chart_data c WHERE centre IS NOT NULL GROUP BY centre),
col AS (SELECT ce.*, (ARRAY['#E69F00', '#0072B2', '#009E73'])[1 + (o - 1) % 3] AS colour FROM ce)
SELECT synergy_report.svg_open('svg-delimitation', 980, 450, 'Delimitation: centres, hinterland tiers, strongest links')
  || format('<rect class="sea" x="%s" y="%s" width="%s" height="%s"/>', (bx).l, (bx).t, (bx).r - (bx).l, (bx).b - (bx).t)
  || (SELECT string_agg(format('<line class="grid" x1="%1$s" x2="%1$s" y1="%2$s" y2="%3$s"/>', synergy_report.n(synergy_report.px(bx, g)), (bx).t, (bx).b)
                        || synergy_report.text(synergy_report.px(bx, g), (bx).b + 16, g || '°E', 'middle', 'tick'), '')
      FROM generate_series(ceil((bx).x0)::int, floor((bx).x1)::int) g)
  || (SELECT string_agg(format('<line class="grid" y1="%1$s" y2="%1$s" x1="%2$s" x2="%3$s"/>', synergy_report.n(synergy_report.py(bx, g)), (bx).l, (bx).r)
                        || synergy_report.text((bx).l - 6, synergy_report.py(bx, g) + 4, g || '°N', 'end', 'tick'), '')
      FROM generate_series(ceil((bx).y0)::int, floor((bx).y1)::int) g)
  || synergy_report.text(((bx).l + (bx).r) / 2, (bx).b + 34, 'longitude 经度 (°E)', 'middle', 'axis')
  || format('<text class="axis" text-anchor="middle" transform="translate(%s,%s) rotate(-90)">latitude 纬度 (°N)</text>', (bx).l - 44, ((bx).t + (bx).b) / 2)
  -- strongest links: ST_AsSVG paths in degrees, placed by the group's transform
  || format('<g transform="%s">', synergy_report.map_transform(bx))
  || (SELECT string_agg(format('<path class="mark link" d="%s" stroke-width="%s"><title>%s → strongest partner, F = %s</title></path>',
                               link_svg, round((1 + 5 * strongest_f)::numeric, 1), name_en, round(strongest_f::numeric, 2)), '' ORDER BY strongest_f)
      FROM chart_data)
  || '</g>'
  || (SELECT string_agg(CASE WHEN c.tier = 0 THEN
                          format('<rect class="mark city" x="%s" y="%s" width="18" height="18" fill="%s"><title>%s %s: centre, Q = %s</title></rect>',
                                 synergy_report.n(synergy_report.px(bx, lon) - 9), synergy_report.n(synergy_report.py(bx, lat) - 9), col.colour,
                                 name_en, name_zh, round(q::numeric, 2))
                          || synergy_report.text(synergy_report.px(bx, lon) + 12, synergy_report.py(bx, lat) - 8, name_zh || ' ' || name_en, 'start', 'lbl b')
                        ELSE
                          format('<circle class="mark city" cx="%s" cy="%s" r="%s" fill="%s"><title>%s %s: %s, F = %s</title></circle>',
                                 synergy_report.n(synergy_report.px(bx, lon)), synergy_report.n(synergy_report.py(bx, lat)),
                                 CASE c.tier WHEN 1 THEN 8 WHEN 2 THEN 5.5 WHEN 3 THEN 3.5 ELSE 2.5 END, coalesce(col.colour, '#BBBBBB'),
                                 name_en, name_zh, coalesce('tier ' || c.tier || ' of ' || col.centre_en, 'outside'), round(membership::numeric, 2))
                          || synergy_report.text(synergy_report.px(bx, lon) + 8, synergy_report.py(bx, lat) + 12, name_zh, 'start', 'tiny')
                        END, '' ORDER BY c.tier DESC NULLS FIRST)
      FROM chart_data c LEFT JOIN col USING (centre))
  || synergy_report.scale_bar(bx, 100)
  || synergy_report.text(660, 52, 'centre and its hinterland 中心城市及腹地', 'start', 'lbl b')
  || (SELECT string_agg(synergy_report.legend(660, 50 + o * 22,
                          format('<rect x="0" y="-8" width="16" height="16" fill="%s" class="city"/>', colour),
                          format('%s %s', centre_en, centre_zh)), '' ORDER BY o) FROM col)
  || synergy_report.text(660, 150, 'hinterland tier 腹地层级 (membership F)', 'start', 'lbl b')
  || synergy_report.legend(660, 172, '<circle cx="8" cy="0" r="8" fill="#777" class="city"/>', 'tier 1 一级 (F ≥ 0.3)')
  || synergy_report.legend(660, 194, '<circle cx="8" cy="0" r="5.5" fill="#777" class="city"/>', 'tier 2 二级 (F ≥ 0.1)')
  || synergy_report.legend(660, 216, '<circle cx="8" cy="0" r="3.5" fill="#777" class="city"/>', 'tier 3 三级 (F ≥ 0.05)')
  || synergy_report.legend(660, 248, '<line x1="0" x2="16" y1="0" y2="0" class="link" stroke-width="3"/>', 'strongest link 最强联系 (width ∝ F)')
  || '</svg>'
FROM b
