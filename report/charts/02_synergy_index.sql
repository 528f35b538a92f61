-- title: Composite synergy index D_t of the two agglomerations / 城市群综合协同指数 D_t
-- caption: D_t is the mean over the six subsystems of the between-city coordination D_it (synergy_pipeline.synergy_index), one line per agglomeration; the bands are the ten grades.
-- data
SELECT s.agglomeration, n.name_en, n.name_zh, s.year, s.d_t, s.grade, ccd_grade(s.d_t, 'en') AS grade_en
FROM synergy_pipeline.synergy_index s JOIN synergy_report.agglomeration_name n USING (agglomeration)
-- draw
WITH b AS (SELECT ROW(70, 640, 30, 330, min(year) - 0.5, max(year) + 0.5, floor(min(d_t) * 10) / 10, ceil(max(d_t) * 10) / 10)::synergy_report.box AS bx,
                  min(year) AS y0, max(year) AS y1, floor(min(d_t) * 10) / 10 AS lo, ceil(max(d_t) * 10) / 10 AS hi
           FROM chart_data),
s AS (SELECT c.*, row_number() OVER (PARTITION BY c.year ORDER BY c.agglomeration DESC) AS k FROM chart_data c)
SELECT synergy_report.svg_open('svg-synergy-index', 980, 390, 'Composite synergy index D_t')
       || synergy_report.grade_bands(bx, false)
       || synergy_report.axes(bx, ARRAY(SELECT generate_series(y0, y1)::float8), ARRAY(SELECT generate_series(lo::numeric, hi::numeric, 0.1)::float8),
                              'year 年份', 'D_t (0-1, dimensionless)')
       || (SELECT string_agg(format('<path class="mark line" d="M%s" stroke="%s"/>', p, synergy_report.okabe_ito(k::int + 3))
                             || synergy_report.legend(680, 60 + (k - 1) * 34,
                                  format('<line x1="0" x2="16" y1="0" y2="0" stroke="%s" stroke-width="2.5"/>', synergy_report.okabe_ito(k::int + 3)),
                                  format('%s (%s)', nz, agglomeration))
                             || synergy_report.text(702, 74 + (k - 1) * 34, ne, 'start', 'tiny'), '' ORDER BY k)
           FROM (SELECT agglomeration, min(k) AS k, min(name_en) AS ne, min(name_zh) AS nz,
                        string_agg(synergy_report.pt(bx, year, d_t), ' L' ORDER BY year) AS p
                 FROM s GROUP BY agglomeration) l)
       || string_agg(format('<circle class="mark" cx="%s" cy="%s" r="3.5" fill="%s"><title>%s %s: D_t = %s, %s %s</title></circle>',
                            synergy_report.n(synergy_report.px(bx, year)), synergy_report.n(synergy_report.py(bx, d_t)),
                            synergy_report.okabe_ito(k::int + 3), agglomeration, year, round(d_t::numeric, 4), grade, grade_en), '')
       || synergy_report.grade_legend(680, 150)
       || '</svg>'
FROM s, b
GROUP BY bx, y0, y1, lo, hi
