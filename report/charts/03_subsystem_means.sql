-- title: Mean between-city coordination D_it per subsystem (the paper's Figure 5) / 各子系统协同度均值
-- caption: For each subsystem, the mean over the years of D_it, the coupling coordination of the agglomeration's cities' scores in that subsystem (synergy_pipeline.subsystem_mean_ccd); bars side by side per agglomeration, grade bands behind.
-- data
SELECT m.agglomeration, m.subsystem, m.subsystem_order, s.subsystem_zh, m.mean_d, m.first_year, m.last_year
FROM synergy_pipeline.subsystem_mean_ccd m LEFT JOIN synergy_report.subsystem_name s USING (subsystem, subsystem_order)
-- draw
WITH b AS (SELECT ROW(70, 640, 30, 320, 0.5, max(subsystem_order) + 0.5, 0, 1)::synergy_report.box AS bx,
                  count(DISTINCT agglomeration) AS na, min(first_year) AS fy, max(last_year) AS ly
           FROM chart_data),
s AS (SELECT c.*, dense_rank() OVER (ORDER BY c.agglomeration DESC) AS k FROM chart_data c)
SELECT synergy_report.svg_open('svg-subsystem-means', 980, 380, 'Mean D_it per subsystem')
       || synergy_report.grade_bands(bx, false)
       || synergy_report.axes(bx, NULL, ARRAY[0, 0.2, 0.4, 0.6, 0.8, 1]::float8[], '',
                              format('mean D_it %s-%s (0-1)', fy, ly))
       || (SELECT string_agg(synergy_report.text(synergy_report.px(bx, o), (bx).b + 16, sub, 'middle', 'tick')
                             || synergy_report.text(synergy_report.px(bx, o), (bx).b + 31, coalesce(zh, ''), 'middle', 'tick'), '')
           FROM (SELECT DISTINCT subsystem_order AS o, subsystem AS sub, subsystem_zh AS zh FROM chart_data) x)
       || string_agg(format('<rect class="mark bar" x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s %s %s: mean D = %s</title></rect>',
                            synergy_report.n(synergy_report.px(bx, subsystem_order - 0.38 + (k - 1) * 0.76 / na)),
                            synergy_report.n(synergy_report.py(bx, mean_d)),
                            synergy_report.n(0.76 / na * ((bx).r - (bx).l) / ((bx).x1 - (bx).x0) - 2),
                            synergy_report.n((bx).b - synergy_report.py(bx, mean_d)), synergy_report.okabe_ito(k::int + 3),
                            agglomeration, subsystem, coalesce(subsystem_zh, ''), round(mean_d::numeric, 3))
                     || synergy_report.text(synergy_report.px(bx, subsystem_order - 0.38 + (k - 0.5) * 0.76 / na),
                                            synergy_report.py(bx, mean_d) - 4, to_char(mean_d, 'FM0.00'), 'middle', 'val'), '')
       || (SELECT string_agg(synergy_report.legend(680, 60 + (k - 1) * 34,
                               format('<rect x="0" y="-6" width="16" height="12" fill="%s"/>', synergy_report.okabe_ito(k::int + 3)),
                               format('%s (%s)', n.name_zh, k2.agglomeration))
                             || synergy_report.text(702, 74 + (k - 1) * 34, n.name_en, 'start', 'tiny'), '' ORDER BY k)
           FROM (SELECT DISTINCT agglomeration, k FROM s) k2 JOIN synergy_report.agglomeration_name n USING (agglomeration))
       || synergy_report.grade_legend(680, 140)
       || '</svg>'
FROM s, b
GROUP BY bx, na, fy, ly
