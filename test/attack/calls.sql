-- test/attack/calls.sql: one sample call (or more) of every function,
-- aggregate, window function and procedure of synergy and synergy_postgis.
-- Each block starts with a line "-- call: KEY", KEY being the function's
-- name and argument types as victim.funcs lists them (proname(argtypes));
-- test/stages/25_attack.sh fails when a function of the extensions has no
-- block, so a new function cannot be left out.  The calls are written so
-- that they resolve exactly whatever the search_path: schema-qualified,
-- every argument given, arguments from the victim's tables (typed columns)
-- or cast literals.  A block may hold several statements and psql commands.

-- call: synergy_version()
SELECT public.synergy_version();
-- call: state_info(bytea)
SELECT * FROM public.state_info('\x535901060100000000000000'::pg_catalog.bytea);
-- call: synergy_postgis_version()
SELECT public.synergy_postgis_version();
-- call: minmax_normalize(double precision, integer, double precision, text)
SELECT public.minmax_normalize(x.z, 1, 0.01::pg_catalog.float8, 'mean'::pg_catalog.text) OVER () FROM victim.x;
-- call: minmax_normalize(double precision[], integer[], double precision, text)
SELECT public.minmax_normalize(x.x, x.d, 0.01::pg_catalog.float8, 'median'::pg_catalog.text) OVER () FROM victim.x;
-- call: entropy_weights(double precision[])
SELECT public.entropy_weights(x.x) FROM victim.x;
-- call: entropy_weights(double precision[], integer[])
SELECT public.entropy_weights(x.x, x.d) FROM victim.x;
-- call: entropy_weights(double precision[], integer[], double precision)
SELECT public.entropy_weights(x.x, x.d, 0.0001::pg_catalog.float8) FROM victim.x;
-- call: entropy_weights_detail(double precision[])
SELECT public.entropy_weights_detail(x.x) FROM victim.x;
-- call: entropy_weights_detail(double precision[], integer[])
SELECT public.entropy_weights_detail(x.x, x.d) FROM victim.x;
-- call: entropy_weights_detail(double precision[], integer[], double precision)
SELECT public.entropy_weights_detail(x.x, x.d, 0.0001::pg_catalog.float8) FROM victim.x;
-- call: entropy_weights(double precision[], double precision[], double precision[])
SELECT public.entropy_weights(x.x, '{0,0,0}'::pg_catalog.float8[], '{10,10,10}'::pg_catalog.float8[]) FROM victim.x;
-- call: entropy_weights(double precision[], double precision[], double precision[], integer[])
SELECT public.entropy_weights(x.x, '{0,0,0}'::pg_catalog.float8[], '{10,10,10}'::pg_catalog.float8[], x.d) FROM victim.x;
-- call: entropy_weights(double precision[], double precision[], double precision[], integer[], double precision)
SELECT public.entropy_weights(x.x, '{0,0,0}'::pg_catalog.float8[], '{10,10,10}'::pg_catalog.float8[], x.d, 0.0001::pg_catalog.float8) FROM victim.x;
-- call: entropy_weights_detail(double precision[], double precision[], double precision[])
SELECT public.entropy_weights_detail(x.x, '{0,0,0}'::pg_catalog.float8[], '{10,10,10}'::pg_catalog.float8[]) FROM victim.x;
-- call: entropy_weights_detail(double precision[], double precision[], double precision[], integer[])
SELECT public.entropy_weights_detail(x.x, '{0,0,0}'::pg_catalog.float8[], '{10,10,10}'::pg_catalog.float8[], x.d) FROM victim.x;
-- call: entropy_weights_detail(double precision[], double precision[], double precision[], integer[], double precision)
SELECT public.entropy_weights_detail(x.x, '{0,0,0}'::pg_catalog.float8[], '{10,10,10}'::pg_catalog.float8[], x.d, 0.0001::pg_catalog.float8) FROM victim.x;
-- call: entropy_weights_state(double precision[], double precision[], double precision[])
SELECT public.entropy_weights_state(x.x, '{0,0,0}'::pg_catalog.float8[], '{10,10,10}'::pg_catalog.float8[]) FROM victim.x;
-- call: entropy_weights_state(double precision[], double precision[], double precision[], integer[])
SELECT public.entropy_weights_state(x.x, '{0,0,0}'::pg_catalog.float8[], '{10,10,10}'::pg_catalog.float8[], x.d) FROM victim.x;
-- call: entropy_weights_state(double precision[], double precision[], double precision[], integer[], double precision)
SELECT public.entropy_weights_state(x.x, '{0,0,0}'::pg_catalog.float8[], '{10,10,10}'::pg_catalog.float8[], x.d, 0.0001::pg_catalog.float8) FROM victim.x;
-- call: entropy_weights_state(double precision[])
SELECT public.entropy_weights_state(x.x) FROM victim.x;
-- call: entropy_weights_state(double precision[], integer[])
SELECT public.entropy_weights_state(x.x, x.d) FROM victim.x;
-- call: entropy_weights_state(double precision[], integer[], double precision)
SELECT public.entropy_weights_state(x.x, x.d, 0.0001::pg_catalog.float8) FROM victim.x;
-- call: entropy_weights_merge(bytea)
SELECT public.entropy_weights_merge(s.s) FROM (SELECT public.entropy_weights_state(x.x, x.d) AS s FROM victim.x GROUP BY x.id) s;
-- call: entropy_weights_final(bytea)
SELECT public.entropy_weights_final(public.entropy_weights_state(x.x, x.d)) FROM victim.x;
-- call: entropy_weights_detail_final(bytea)
SELECT public.entropy_weights_detail_final(public.entropy_weights_state(x.x, '{0,0,0}'::pg_catalog.float8[], '{10,10,10}'::pg_catalog.float8[])) FROM victim.x;
-- call: indicator_min(double precision[])
SELECT public.indicator_min(x.x) FROM victim.x;
-- call: indicator_max(double precision[])
SELECT public.indicator_max(x.x) FROM victim.x;
-- call: indicator_min_transfn(double precision[], double precision[])
SELECT public.indicator_min_transfn(x.x, x.x) FROM victim.x;
-- call: indicator_min_combinefn(double precision[], double precision[])
SELECT public.indicator_min_combinefn(x.x, x.x) FROM victim.x;
-- call: indicator_max_transfn(double precision[], double precision[])
SELECT public.indicator_max_transfn(x.x, x.x) FROM victim.x;
-- call: indicator_max_combinefn(double precision[], double precision[])
SELECT public.indicator_max_combinefn(x.x, x.x) FROM victim.x;
-- call: stddev_weights(double precision[])
SELECT public.stddev_weights(x.x) FROM victim.x;
-- call: cv_weights(double precision[])
SELECT public.cv_weights(x.x) FROM victim.x;
-- call: critic_weights(double precision[])
SELECT public.critic_weights(x.x) FROM victim.x;
-- call: critic_weights(double precision[], integer[])
SELECT public.critic_weights(x.x, x.d) FROM victim.x;
-- call: critic_weights_detail(double precision[])
SELECT public.critic_weights_detail(x.x) FROM victim.x;
-- call: critic_weights_detail(double precision[], integer[])
SELECT public.critic_weights_detail(x.x, x.d) FROM victim.x;
-- call: weights_table(double precision[], text[])
SELECT r.* FROM (SELECT public.entropy_weights(x.x) AS w FROM victim.x) s, public.weights_table(s.w, '{a,b,c}'::pg_catalog.text[]) r;
-- call: detail_table(entropy_detail, text[])
SELECT r.* FROM (SELECT public.entropy_weights_detail(x.x) AS e FROM victim.x) s, public.detail_table(s.e, '{a,b,c}'::pg_catalog.text[]) r;
-- call: detail_table(critic_detail, text[])
SELECT r.* FROM (SELECT public.critic_weights_detail(x.x) AS e FROM victim.x) s, public.detail_table(s.e, NULL::pg_catalog.text[]) r;
-- call: _rows_names(text, integer, text[])
SELECT public._rows_names('f'::pg_catalog.text, 3::pg_catalog.int4, '{a,b,c}'::pg_catalog.text[]);
-- call: _rows_check(text, text, double precision[], integer)
SELECT public._rows_check('f'::pg_catalog.text, 'w'::pg_catalog.text, x.w, 3::pg_catalog.int4) FROM victim.x;
-- call: stddev_weights_state(double precision[])
SELECT public.stddev_weights_final(public.stddev_weights_state(x.x)) FROM victim.x;
-- call: cv_weights_state(double precision[])
SELECT public.cv_weights_final(public.cv_weights_state(x.x)) FROM victim.x;
-- call: stddev_weights_merge(bytea)
SELECT public.stddev_weights_merge(s.s) FROM (SELECT public.stddev_weights_state(x.x) AS s FROM victim.x GROUP BY x.id OPERATOR(pg_catalog.%) 2) s;
-- call: cv_weights_merge(bytea)
SELECT public.cv_weights_merge(s.s) FROM (SELECT public.cv_weights_state(x.x) AS s FROM victim.x GROUP BY x.id OPERATOR(pg_catalog.%) 2) s;
-- call: stddev_weights_final(bytea)
SELECT public.stddev_weights_final(public.stddev_weights_state(x.x)) FROM victim.x;
-- call: cv_weights_final(bytea)
SELECT public.cv_weights_final(public.stddev_weights_state(x.x)) FROM victim.x;
-- call: critic_weights_state(double precision[])
SELECT public.critic_weights_final(public.critic_weights_state(x.x)) FROM victim.x;
-- call: critic_weights_state(double precision[], integer[])
SELECT public.critic_weights_final(public.critic_weights_state(x.x, x.d)) FROM victim.x;
-- call: critic_weights_merge(bytea)
SELECT public.critic_weights_merge(s.s) FROM (SELECT public.critic_weights_state(x.x, x.d) AS s FROM victim.x GROUP BY x.id OPERATOR(pg_catalog.%) 2) s;
-- call: critic_weights_final(bytea)
SELECT public.critic_weights_final(public.critic_weights_state(x.x, x.d)) FROM victim.x;
-- call: critic_weights_detail_final(bytea)
SELECT public.critic_weights_detail_final(public.critic_weights_state(x.x, x.d)) FROM victim.x;
-- call: weight_options(integer[], double precision, text)
SELECT public.weight_options(x.d, 0.01::pg_catalog.float8, 'MEAN'::pg_catalog.text) FROM victim.x;
SELECT public.weight_options(NULL::pg_catalog.int4[], NULL::pg_catalog.float8, NULL::pg_catalog.text);
-- call: entropy_weights(double precision[], weight_options)
SELECT public.entropy_weights(x.x, public.weight_options(x.d, 0.0001::pg_catalog.float8, 'median'::pg_catalog.text)) FROM victim.x;
-- call: entropy_weights_detail(double precision[], weight_options)
SELECT public.entropy_weights_detail(x.x, public.weight_options(NULL::pg_catalog.int4[], NULL::pg_catalog.float8, 'mean'::pg_catalog.text)) FROM victim.x;
-- call: entropy_weights_state(double precision[], weight_options)
SELECT public.entropy_weights_final(public.entropy_weights_state(x.x, public.weight_options(x.d, 0.0001::pg_catalog.float8, 'median'::pg_catalog.text))) FROM victim.x;
-- call: entropy_weights(double precision[], double precision[], double precision[], weight_options)
SELECT public.entropy_weights(x.x, '{0,0,0}'::pg_catalog.float8[], '{10,10,10}'::pg_catalog.float8[], public.weight_options(NULL::pg_catalog.int4[], NULL::pg_catalog.float8, 'mean'::pg_catalog.text)) FROM victim.x;
-- call: entropy_weights_detail(double precision[], double precision[], double precision[], weight_options)
SELECT public.entropy_weights_detail(x.x, '{0,0,0}'::pg_catalog.float8[], '{10,10,10}'::pg_catalog.float8[], public.weight_options(x.d, NULL::pg_catalog.float8, 'skip'::pg_catalog.text)) FROM victim.x;
-- call: entropy_weights_state(double precision[], double precision[], double precision[], weight_options)
SELECT public.entropy_weights_final(public.entropy_weights_state(x.x, '{0,0,0}'::pg_catalog.float8[], '{10,10,10}'::pg_catalog.float8[], public.weight_options(NULL::pg_catalog.int4[], NULL::pg_catalog.float8, 'mean'::pg_catalog.text))) FROM victim.x;
-- call: stddev_weights(double precision[], weight_options)
SELECT public.stddev_weights(x.x, public.weight_options(NULL::pg_catalog.int4[], NULL::pg_catalog.float8, 'mean'::pg_catalog.text)) FROM victim.x;
-- call: cv_weights(double precision[], weight_options)
SELECT public.cv_weights(x.x, public.weight_options(NULL::pg_catalog.int4[], NULL::pg_catalog.float8, 'mean'::pg_catalog.text)) FROM victim.x;
-- call: stddev_weights_state(double precision[], weight_options)
SELECT public.stddev_weights_final(public.stddev_weights_state(x.x, public.weight_options(NULL::pg_catalog.int4[], NULL::pg_catalog.float8, 'mean'::pg_catalog.text))) FROM victim.x;
-- call: cv_weights_state(double precision[], weight_options)
SELECT public.cv_weights_final(public.cv_weights_state(x.x, public.weight_options(NULL::pg_catalog.int4[], NULL::pg_catalog.float8, 'mean'::pg_catalog.text))) FROM victim.x;
-- call: critic_weights(double precision[], weight_options)
SELECT public.critic_weights(x.x, public.weight_options(x.d, NULL::pg_catalog.float8, 'skip'::pg_catalog.text)) FROM victim.x;
-- call: critic_weights_detail(double precision[], weight_options)
SELECT public.critic_weights_detail(x.x, public.weight_options(NULL::pg_catalog.int4[], NULL::pg_catalog.float8, 'mean'::pg_catalog.text)) FROM victim.x;
-- call: critic_weights_state(double precision[], weight_options)
SELECT public.critic_weights_final(public.critic_weights_state(x.x, public.weight_options(x.d, NULL::pg_catalog.float8, 'skip'::pg_catalog.text))) FROM victim.x;
-- call: factor_analysis(double precision[], integer, text)
SELECT public.factor_analysis(x.x, 1, 'skip'::pg_catalog.text) FROM victim.x;
-- call: factor_analysis_state(double precision[], integer, text)
SELECT public.factor_analysis_final(public.factor_analysis_state(x.x, NULL::pg_catalog.int4, 'skip'::pg_catalog.text)) FROM victim.x;
-- call: topsis(double precision[], double precision[], integer[], text, double precision, text)
SELECT public.topsis(x.x, x.w, x.d, 'vector'::pg_catalog.text, NULL::pg_catalog.float8, 'skip'::pg_catalog.text) OVER () FROM victim.x;
SELECT public.topsis(x.x, x.w, x.d, 'minmax'::pg_catalog.text, 0.5::pg_catalog.float8, 'error'::pg_catalog.text) OVER () FROM victim.x;
-- call: topsis_detail(double precision[], double precision[], integer[], text, double precision, text)
SELECT public.topsis_detail(x.x, x.w, x.d, 'minmax'::pg_catalog.text, 0.01::pg_catalog.float8, 'mean'::pg_catalog.text) OVER () FROM victim.x;
-- call: composite_index(double precision[], double precision[], integer[], double precision, text)
SELECT public.composite_index(x.x, x.w, x.d, 0.01::pg_catalog.float8, 'median'::pg_catalog.text) OVER () FROM victim.x;
-- call: indicator_vector(text, double precision, text[])
SELECT public.indicator_vector(x.txt, x.z, x.tarr) FROM victim.x;
SELECT public.indicator_vector(x.txt, x.z, x.tarr) FROM victim.x GROUP BY x.id;
-- call: indicator_vector_transfn(double precision[], text, double precision, text[])
SELECT public.indicator_vector_transfn(NULL::pg_catalog.float8[], x.txt, x.z, x.tarr) FROM victim.x;
-- call: indicator_vector_combinefn(double precision[], double precision[])
SELECT public.indicator_vector_combinefn('{0,1,2,0,2}'::pg_catalog.float8[], '{0,3,4,2,0}'::pg_catalog.float8[]);
-- call: indicator_vector_finalfn(double precision[])
SELECT public.indicator_vector_finalfn('{0,1,2,0,2}'::pg_catalog.float8[]);
-- call: interpolate(double precision, double precision, text)
SELECT public.interpolate(x.z, x.t, 'linear'::pg_catalog.text) OVER () FROM victim.x;
-- call: array_round(double precision[], integer)
SELECT public.array_round(x.w, 2) FROM victim.x;
-- call: coupling_coordination(double precision[], double precision[], text, text)
SELECT public.coupling_coordination(x.w, x.w, 'wang2021'::pg_catalog.text) FROM victim.x;
SELECT public.coupling_coordination(x.w, x.w, 'wang2021'::pg_catalog.text, 'error'::pg_catalog.text) FROM victim.x;
SELECT public.coupling_coordination(ARRAY[x.s, NULL]::pg_catalog.float8[], x.w[1:2], 'classic'::pg_catalog.text, 'skip'::pg_catalog.text) FROM victim.x;
-- call: coupling_degree(double precision[], text, text)
SELECT public.coupling_degree(x.w, 'classic'::pg_catalog.text) FROM victim.x;
SELECT public.coupling_degree(x.w, 'classic'::pg_catalog.text, 'skip'::pg_catalog.text) FROM victim.x;
-- call: coordination_degree(double precision[], double precision[], text, text)
SELECT public.coordination_degree(x.w, x.w, 'classic'::pg_catalog.text) FROM victim.x;
SELECT public.coordination_degree(x.w, x.w, 'classic'::pg_catalog.text, x.txt) FROM victim.x WHERE x.id OPERATOR(pg_catalog.=) 0::pg_catalog.int8;
SELECT public.coordination_degree(x.w, x.w, 'classic'::pg_catalog.text, 'skip'::pg_catalog.text) FROM victim.x;
-- call: coupling_coordination(double precision)
SELECT public.coupling_coordination(x.s) FROM victim.x;
-- call: coupling_coordination(double precision, double precision)
SELECT public.coupling_coordination(x.s, x.u) FROM victim.x;
-- call: coupling_coordination(double precision, double precision, text)
SELECT public.coupling_coordination(x.s, x.u, x.txt) FROM victim.x WHERE x.id OPERATOR(pg_catalog.=) 0::pg_catalog.int8;
SELECT public.coupling_coordination(x.s, x.u, 'wang2021'::pg_catalog.text) FROM victim.x;
-- call: coupling_coordination_state(double precision)
SELECT public.coupling_coordination_state(x.s) FROM victim.x;
-- call: coupling_coordination_state(double precision, double precision)
SELECT public.coupling_coordination_state(x.s, x.u) FROM victim.x;
-- call: coupling_coordination_state(double precision, double precision, text)
SELECT public.coupling_coordination_state(x.s, x.u, 'wang2021'::pg_catalog.text) FROM victim.x;
-- call: coupling_coordination(double precision, double precision, text, text)
SELECT public.coupling_coordination(x.s, x.u, 'classic'::pg_catalog.text, 'skip'::pg_catalog.text) FROM victim.x;
-- call: coupling_coordination_state(double precision, double precision, text, text)
SELECT public.coupling_coordination_final(public.coupling_coordination_state(x.s, x.u, 'wang2021'::pg_catalog.text, 'skip'::pg_catalog.text)) FROM victim.x;
-- call: coupling_coordination_merge(bytea)
SELECT public.coupling_coordination_merge(p.s) FROM (SELECT public.coupling_coordination_state(x.s, x.u) AS s FROM victim.x
  GROUP BY x.id OPERATOR(pg_catalog.%) 2::pg_catalog.int8) p;
-- call: coupling_coordination_final(bytea)
SELECT public.coupling_coordination_final(public.coupling_coordination_merge(p.s)) FROM (SELECT public.coupling_coordination_state(x.s, x.u, 'wang2021'::pg_catalog.text) AS s
  FROM victim.x GROUP BY x.id OPERATOR(pg_catalog.%) 2::pg_catalog.int8) p;
-- call: ccd_level(double precision)
SELECT public.ccd_level(x.s) FROM victim.x;
-- call: ccd_grade(double precision, text)
SELECT public.ccd_grade(x.s, 'en'::pg_catalog.text) FROM victim.x;
-- call: ccd_grade(double precision, double precision[], text[])
SELECT public.ccd_grade(x.s, '{0,0.5,1}'::pg_catalog.float8[], '{low,high}'::pg_catalog.text[]) FROM victim.x;
-- call: relative_development(double precision, double precision)
SELECT public.relative_development(x.s, x.u) FROM victim.x;
-- call: relative_development_grade(double precision, double precision, double precision, double precision, text)
SELECT public.relative_development_grade(x.s, x.u, 0.8::pg_catalog.float8, 1.2::pg_catalog.float8, 'zh'::pg_catalog.text) FROM victim.x;
-- call: obstacle_degree(double precision[], double precision[], integer[], text)
SELECT public.obstacle_degree(x.x, x.w, x.d, 'skip'::pg_catalog.text) OVER () FROM victim.x;
-- call: obstacle_shares(double precision[], double precision[])
SELECT public.obstacle_shares(x.w, x.w) FROM victim.x;
-- call: moran_i(double precision, bigint, bigint[], double precision[])
SELECT public.moran_i(x.z, x.id, x.nb, NULL::pg_catalog.float8[]) FROM victim.x;
-- call: moran_i(double precision, bigint, bigint[], double precision[], integer, bigint)
SELECT public.moran_i(x.z, x.id, x.nb, NULL::pg_catalog.float8[], 99, 7::pg_catalog.int8) FROM victim.x;
-- call: moran_i_state(double precision, bigint, bigint[], double precision[])
SELECT public.moran_i_state(x.z, x.id, x.nb, NULL::pg_catalog.float8[]) FROM victim.x;
-- call: moran_i_state(double precision, bigint, bigint[], double precision[], integer, bigint)
SELECT public.moran_i_state(x.z, x.id, x.nb, NULL::pg_catalog.float8[], 99, 7::pg_catalog.int8) FROM victim.x;
-- call: moran_i_merge(bytea)
SELECT public.moran_i_merge(p.s) FROM (SELECT public.moran_i_state(x.z, x.id, x.nb, NULL::pg_catalog.float8[]) AS s FROM victim.x
  GROUP BY x.id OPERATOR(pg_catalog.%) 2::pg_catalog.int8) p;
-- call: moran_i_final(bytea)
SELECT public.moran_i_final(public.moran_i_merge(p.s)) FROM (SELECT public.moran_i_state(x.z, x.id, x.nb, NULL::pg_catalog.float8[], 99, 7::pg_catalog.int8) AS s
  FROM victim.x GROUP BY x.id OPERATOR(pg_catalog.%) 2::pg_catalog.int8) p;
-- call: local_moran(double precision, bigint, bigint[], double precision[], integer, bigint, double precision)
SELECT public.local_moran(x.z, x.id, x.nb, NULL::pg_catalog.float8[], 99, 7::pg_catalog.int8, 0.05::pg_catalog.float8) OVER () FROM victim.x;
-- call: moran_i(double precision, integer, integer[], double precision[])
SELECT public.moran_i(x.z, x.id::pg_catalog.int4, x.nb::pg_catalog.int4[], NULL::pg_catalog.float8[]) FROM victim.x;
-- call: moran_i(double precision, integer, integer[], double precision[], integer, bigint)
SELECT public.moran_i(x.z, x.id::pg_catalog.int4, x.nb::pg_catalog.int4[], NULL::pg_catalog.float8[], 99, 7::pg_catalog.int8) FROM victim.x;
-- call: moran_i(double precision, text, text[], double precision[])
SELECT public.moran_i(x.z, x.id::pg_catalog.text, x.nb::pg_catalog.text[], NULL::pg_catalog.float8[]) FROM victim.x;
-- call: moran_i(double precision, text, text[], double precision[], integer, bigint)
SELECT public.moran_i(x.z, x.id::pg_catalog.text, x.nb::pg_catalog.text[], NULL::pg_catalog.float8[], 99, 7::pg_catalog.int8) FROM victim.x;
-- call: moran_i_state(double precision, integer, integer[], double precision[])
SELECT public.moran_i_state(x.z, x.id::pg_catalog.int4, x.nb::pg_catalog.int4[], NULL::pg_catalog.float8[]) FROM victim.x;
-- call: moran_i_state(double precision, integer, integer[], double precision[], integer, bigint)
SELECT public.moran_i_state(x.z, x.id::pg_catalog.int4, x.nb::pg_catalog.int4[], NULL::pg_catalog.float8[], 99, 7::pg_catalog.int8) FROM victim.x;
-- call: moran_i_state(double precision, text, text[], double precision[])
SELECT public.moran_i_final(public.moran_i_merge(p.s)) FROM (SELECT public.moran_i_state(x.z, x.id::pg_catalog.text, x.nb::pg_catalog.text[],
  NULL::pg_catalog.float8[]) AS s FROM victim.x GROUP BY x.id OPERATOR(pg_catalog.%) 2::pg_catalog.int8) p;
-- call: moran_i_state(double precision, text, text[], double precision[], integer, bigint)
SELECT public.moran_i_state(x.z, x.id::pg_catalog.text, x.nb::pg_catalog.text[], NULL::pg_catalog.float8[], 99, 7::pg_catalog.int8) FROM victim.x;
-- call: local_moran(double precision, integer, integer[], double precision[], integer, bigint, double precision)
SELECT public.local_moran(x.z, x.id::pg_catalog.int4, x.nb::pg_catalog.int4[], NULL::pg_catalog.float8[], 99, 7::pg_catalog.int8,
  0.05::pg_catalog.float8) OVER () FROM victim.x;
-- call: local_moran(double precision, text, text[], double precision[], integer, bigint, double precision)
SELECT public.local_moran(x.z, x.id::pg_catalog.text, x.nb::pg_catalog.text[], NULL::pg_catalog.float8[], 99, 7::pg_catalog.int8,
  0.05::pg_catalog.float8) OVER () FROM victim.x;
-- call: bp_forecast(double precision[], integer, integer, integer, integer, integer, double precision, double precision, double precision, bigint, double precision, double precision, text, text)
SELECT pg_catalog.count(*) FROM victim.x, public.bp_forecast(x.g8, 2, 2, 3, 2, 5, 0.15::pg_catalog.float8, 1::pg_catalog.float8,
  0::pg_catalog.float8, 1::pg_catalog.int8, NULL::pg_catalog.float8, 1::pg_catalog.float8, 'difference'::pg_catalog.text, 'tanh'::pg_catalog.text);
-- call: bp_fit(double precision[], integer, integer, integer, integer, double precision, double precision, double precision, bigint, double precision, double precision, text, text)
SELECT public.bp_fit(x.g8, 2, 3, 2, 5, 0.15::pg_catalog.float8, 1::pg_catalog.float8, 0::pg_catalog.float8, 1::pg_catalog.int8,
  NULL::pg_catalog.float8, NULL::pg_catalog.float8, 'level'::pg_catalog.text, 'sigmoid'::pg_catalog.text) FROM victim.x LIMIT 1;
-- call: bp_forecast(jsonb, double precision[], integer)
SELECT pg_catalog.count(*) FROM (SELECT public.bp_fit(x.g8, 2, 3, 2, 5, 0.15::pg_catalog.float8, 1::pg_catalog.float8,
  0::pg_catalog.float8, 1::pg_catalog.int8, NULL::pg_catalog.float8, NULL::pg_catalog.float8, 'difference'::pg_catalog.text,
  'tanh'::pg_catalog.text) AS m, x.g8 FROM victim.x LIMIT 1) s, public.bp_forecast(s.m, s.g8, 3);
-- call: gm11_fit(double precision[])
SELECT public.gm11_fit(x.g8) FROM victim.x;
-- call: gm11_forecast(double precision[], integer)
SELECT pg_catalog.count(*) FROM victim.x, public.gm11_forecast(x.g8, 3);
-- call: forecast_backtest(double precision[], integer, text, integer, integer, integer, integer, double precision, double precision, double precision, bigint, double precision, double precision, text, text)
SELECT public.forecast_backtest(x.g8, 2, 'gm11'::pg_catalog.text, 2, 3, 2, 5, 0.15::pg_catalog.float8, 1::pg_catalog.float8,
  0::pg_catalog.float8, 1::pg_catalog.int8, NULL::pg_catalog.float8, NULL::pg_catalog.float8, 'difference'::pg_catalog.text,
  'tanh'::pg_catalog.text) FROM victim.x;
SELECT public.forecast_backtest(x.g8, 2, 'bp'::pg_catalog.text, 2, 3, 2, 5, 0.15::pg_catalog.float8, 1::pg_catalog.float8,
  0::pg_catalog.float8, 1::pg_catalog.int8, NULL::pg_catalog.float8, NULL::pg_catalog.float8, 'difference'::pg_catalog.text,
  'tanh'::pg_catalog.text) FROM victim.x LIMIT 1;
SELECT public.forecast_backtest(x.g8, 2, 'naive'::pg_catalog.text, 2, 3, 2, 5, 0.15::pg_catalog.float8, 1::pg_catalog.float8,
  0::pg_catalog.float8, 1::pg_catalog.int8, NULL::pg_catalog.float8, NULL::pg_catalog.float8, 'difference'::pg_catalog.text,
  'tanh'::pg_catalog.text) FROM victim.x;
SELECT public.forecast_backtest(x.g8, 2, 'drift'::pg_catalog.text, 2, 3, 2, 5, 0.15::pg_catalog.float8, 1::pg_catalog.float8,
  0::pg_catalog.float8, 1::pg_catalog.int8, NULL::pg_catalog.float8, NULL::pg_catalog.float8, 'difference'::pg_catalog.text,
  'tanh'::pg_catalog.text) FROM victim.x;
-- call: naive_forecast(double precision[], integer, double precision, double precision)
SELECT pg_catalog.count(*) FROM victim.x, public.naive_forecast(x.g8, 3, NULL::pg_catalog.float8, NULL::pg_catalog.float8);
-- call: drift_forecast(double precision[], integer, double precision, double precision)
SELECT pg_catalog.count(*) FROM victim.x, public.drift_forecast(x.g8, 3, NULL::pg_catalog.float8, NULL::pg_catalog.float8);
-- call: factor_analysis(double precision[])
SELECT public.factor_analysis(x.x) FROM victim.x;
-- call: factor_analysis(double precision[], integer)
SELECT public.factor_analysis(x.x, 2) FROM victim.x;
-- call: factor_analysis_state(double precision[])
SELECT public.factor_analysis_final(public.factor_analysis_state(x.x)) FROM victim.x;
-- call: factor_analysis_state(double precision[], integer)
SELECT public.factor_analysis_final(public.factor_analysis_state(x.x, 2)) FROM victim.x;
-- call: factor_analysis_merge(bytea)
SELECT public.factor_analysis_merge(s.s) FROM (SELECT public.factor_analysis_state(x.x) AS s FROM victim.x GROUP BY x.id OPERATOR(pg_catalog.%) 2) s;
-- call: factor_analysis_final(bytea)
SELECT public.factor_analysis_final(public.factor_analysis_state(x.x)) FROM victim.x;
-- call: factor_analysis_final(bytea, integer)
SELECT public.factor_analysis_final(public.factor_analysis_state(x.x), 1) FROM victim.x;
-- call: factor_scores(double precision[], integer, text)
SELECT public.factor_scores(x.x, 2, 'varimax'::pg_catalog.text) OVER () FROM victim.x;
-- call: factor_composite(double precision[], integer, text, double precision)
SELECT public.factor_composite(x.x, 2, 'none'::pg_catalog.text, 1::pg_catalog.float8) OVER () FROM victim.x;
-- call: pca_scores(double precision[], integer)
SELECT public.pca_scores(x.x, 2) OVER () FROM victim.x;
-- call: pca_composite(double precision[], integer, double precision)
SELECT public.pca_composite(x.x, 2, 1::pg_catalog.float8) OVER () FROM victim.x;
-- call: gravity_strength(double precision, double precision, double precision, double precision, double precision, double precision, double precision)
SELECT public.gravity_strength(x.z, x.t, x.s, 1::pg_catalog.float8, 1::pg_catalog.float8, 1::pg_catalog.float8, 2::pg_catalog.float8) FROM victim.x;
-- call: gravity_mass(double precision, double precision)
SELECT public.gravity_mass(x.z, x.t) FROM victim.x;
-- call: gravity_coefficient(double precision, double precision)
SELECT public.gravity_coefficient(x.z, x.t) FROM victim.x;
-- call: gravity_tier(double precision, double precision[])
SELECT public.gravity_tier(x.s, '{0.3,0.1,0.05}'::pg_catalog.float8[]) FROM victim.x;
-- call: gravity_linkage(text[], double precision[], double precision[], double precision[], double precision, double precision, double precision, double precision, double precision[])
SELECT pg_catalog.count(*) FROM (SELECT pg_catalog.array_agg(x.txt ORDER BY x.id) AS ids, pg_catalog.array_agg(x.z ORDER BY x.id) AS m,
  pg_catalog.array_agg(public.st_x(x.g) ORDER BY x.id) AS lon, pg_catalog.array_agg(public.st_y(x.g) ORDER BY x.id) AS lat FROM victim.x) s,
  public.gravity_linkage(s.ids, s.m, s.lon, s.lat, 1::pg_catalog.float8, 1::pg_catalog.float8, 1::pg_catalog.float8, 2::pg_catalog.float8, s.m);
-- call: gravity_linkage(text[], double precision[], double precision[], double precision, double precision, double precision, double precision, double precision[])
SELECT pg_catalog.count(*) FROM public.gravity_linkage('{a,b,c}'::pg_catalog.text[], '{1,2,3}'::pg_catalog.float8[],
  '{{0,1,2},{1,0,1},{2,1,0}}'::pg_catalog.float8[], 1::pg_catalog.float8, 1::pg_catalog.float8, 1::pg_catalog.float8,
  2::pg_catalog.float8, NULL::pg_catalog.float8[]);
-- call: gravity_linkage(integer[], double precision[], double precision[], double precision[], double precision, double precision, double precision, double precision, double precision[])
SELECT pg_catalog.count(*) FROM (SELECT pg_catalog.array_agg(x.id::pg_catalog.int4 ORDER BY x.id) AS ids, pg_catalog.array_agg(x.z ORDER BY x.id) AS m,
  pg_catalog.array_agg(public.st_x(x.g) ORDER BY x.id) AS lon, pg_catalog.array_agg(public.st_y(x.g) ORDER BY x.id) AS lat FROM victim.x) s,
  public.gravity_linkage(s.ids, s.m, s.lon, s.lat, 1::pg_catalog.float8, 1::pg_catalog.float8, 1::pg_catalog.float8, 2::pg_catalog.float8, s.m);
-- call: gravity_linkage(bigint[], double precision[], double precision[], double precision[], double precision, double precision, double precision, double precision, double precision[])
SELECT pg_catalog.count(*) FROM (SELECT pg_catalog.array_agg(x.id ORDER BY x.id) AS ids, pg_catalog.array_agg(x.z ORDER BY x.id) AS m,
  pg_catalog.array_agg(public.st_x(x.g) ORDER BY x.id) AS lon, pg_catalog.array_agg(public.st_y(x.g) ORDER BY x.id) AS lat FROM victim.x) s,
  public.gravity_linkage(s.ids, s.m, s.lon, s.lat, 1::pg_catalog.float8, 1::pg_catalog.float8, 1::pg_catalog.float8, 2::pg_catalog.float8, s.m);
-- call: gravity_linkage(integer[], double precision[], double precision[], double precision, double precision, double precision, double precision, double precision[])
SELECT pg_catalog.count(*) FROM public.gravity_linkage('{1,2,3}'::pg_catalog.int4[], '{1,2,3}'::pg_catalog.float8[],
  '{{0,1,2},{1,0,1},{2,1,0}}'::pg_catalog.float8[], 1::pg_catalog.float8, 1::pg_catalog.float8, 1::pg_catalog.float8,
  2::pg_catalog.float8, NULL::pg_catalog.float8[]);
-- call: gravity_linkage(bigint[], double precision[], double precision[], double precision, double precision, double precision, double precision, double precision[])
SELECT pg_catalog.count(*) FROM public.gravity_linkage('{1,2,3}'::pg_catalog.int8[], '{1,2,3}'::pg_catalog.float8[],
  '{{0,1,2},{1,0,1},{2,1,0}}'::pg_catalog.float8[], 1::pg_catalog.float8, 1::pg_catalog.float8, 1::pg_catalog.float8,
  2::pg_catalog.float8, NULL::pg_catalog.float8[]);
-- call: _gravity_delimit_check(text[], text[])
SELECT public._gravity_delimit_check(x.tarr, '{c1}'::pg_catalog.text[]) FROM victim.x;
-- call: gravity_delimit(text[], double precision[], double precision[], double precision[], text[], double precision[], double precision, double precision, double precision, double precision, double precision[])
SELECT pg_catalog.count(*) FROM (SELECT pg_catalog.array_agg(x.txt ORDER BY x.id) AS ids, pg_catalog.array_agg(x.z ORDER BY x.id) AS m,
  pg_catalog.array_agg(public.st_x(x.g) ORDER BY x.id) AS lon, pg_catalog.array_agg(public.st_y(x.g) ORDER BY x.id) AS lat FROM victim.x) s,
  public.gravity_delimit(s.ids, s.m, s.lon, s.lat, '{c1,c6}'::pg_catalog.text[], '{0.3,0.1,0.05}'::pg_catalog.float8[], 1::pg_catalog.float8,
  1::pg_catalog.float8, 1::pg_catalog.float8, 2::pg_catalog.float8, s.m);
-- call: gravity_delimit(text[], double precision[], double precision[], text[], double precision[], double precision, double precision, double precision, double precision, double precision[])
SELECT pg_catalog.count(*) FROM public.gravity_delimit('{a,b,c}'::pg_catalog.text[], '{1,2,3}'::pg_catalog.float8[],
  '{{0,1,2},{1,0,1},{2,1,0}}'::pg_catalog.float8[], '{a}'::pg_catalog.text[], '{0.3,0.1,0.05}'::pg_catalog.float8[],
  1::pg_catalog.float8, 1::pg_catalog.float8, 1::pg_catalog.float8, 2::pg_catalog.float8, NULL::pg_catalog.float8[]);
-- call: refresh_order(name)
SELECT pg_catalog.count(*) FROM public.refresh_order('victim_pipe'::pg_catalog.name);
-- The attackers can CREATE in public, where synergy is installed: the
-- refresh and scheduling functions refuse (55000) by default; the victim,
-- a superuser, lifts that for the session (a WARNING each call) so that the
-- calls below really run and could meet a trap.
-- call: _refresh_schema_check(text)
DO $attack$
BEGIN
	PERFORM public._refresh_schema_check('attack'::pg_catalog.text);
	RAISE EXCEPTION 'attack: _refresh_schema_check did not refuse a writable schema';
EXCEPTION WHEN object_not_in_prerequisite_state THEN
	RAISE NOTICE 'refused as expected (55000)';
END
$attack$;
SET synergy.allow_writable_schema = on;
SELECT public._refresh_schema_check('attack'::pg_catalog.text);
-- call: _refresh_may(name)
SELECT public._refresh_may('victim_pipe'::pg_catalog.name);
-- call: _refresh_lock_key(bigint)
SELECT public._refresh_lock_key(42::pg_catalog.int8);
-- call: _refresh_lock_held(bigint)
SELECT public._refresh_lock_held(42::pg_catalog.int8);
-- call: _refresh_start(name, boolean)
SELECT public._refresh_start('victim_pipe'::pg_catalog.name, false) AS attack_run \gset
-- call: _refresh_views(bigint, name, boolean)
SELECT public._refresh_views(:'attack_run'::pg_catalog.int8, 'victim_pipe'::pg_catalog.name, false);
SELECT pg_catalog.pg_advisory_unlock(1398361682, public._refresh_lock_key(:'attack_run'::pg_catalog.int8));
-- call: _refresh_run_guard()
-- the trigger of refresh_run: an update of a finished run's row
UPDATE public.refresh_run SET finished_at = finished_at
 WHERE id OPERATOR(pg_catalog.=) :'attack_run'::pg_catalog.int8;
-- call: refresh_pipeline(name, boolean, bigint)
CALL public.refresh_pipeline('victim_pipe'::pg_catalog.name, true, NULL::pg_catalog.int8);
CALL public.refresh_pipeline('victim_pipe'::pg_catalog.name, false, NULL::pg_catalog.int8);
-- call: _refresh_cron_schema(text)
SELECT public._refresh_cron_schema('attack'::pg_catalog.text);
-- call: schedule_refresh(text, text, name, boolean)
SELECT public.schedule_refresh('attack-job'::pg_catalog.text, '0 3 1 1 *'::pg_catalog.text, 'victim_pipe'::pg_catalog.name, true);
-- what pg_cron would run: the job's command, as the victim, with the current search_path
SELECT j.command FROM cron.job j WHERE j.jobname OPERATOR(pg_catalog.=) 'attack-job'::pg_catalog.text \gexec
-- call: unschedule_refresh(text)
SELECT public.unschedule_refresh('attack-job'::pg_catalog.text);
RESET synergy.allow_writable_schema;
-- call: trend_analysis(geometry, double precision)
SELECT public.trend_analysis(x.g, x.z) FROM victim.x;
-- call: trend_analysis(geometry, double precision, integer)
SELECT public.trend_analysis(x.g, x.z, 1) FROM victim.x;
-- call: trend_analysis(geometry, double precision, integer, double precision)
SELECT public.trend_analysis(x.g, x.z, 1, 30::pg_catalog.float8) FROM victim.x;
-- call: trend_analysis(geometry, double precision, integer, double precision, integer)
SELECT public.trend_analysis(x.g, x.z, 1, 30::pg_catalog.float8, 32650) FROM victim.x;
-- call: trend_analysis_state(geometry, double precision)
SELECT public.trend_analysis_state(x.g, x.z) FROM victim.x;
-- call: trend_analysis_state(geometry, double precision, integer)
SELECT public.trend_analysis_state(x.g, x.z, 1) FROM victim.x;
-- call: trend_analysis_state(geometry, double precision, integer, double precision)
SELECT public.trend_analysis_state(x.g, x.z, 1, 30::pg_catalog.float8) FROM victim.x;
-- call: trend_analysis_state(geometry, double precision, integer, double precision, integer)
SELECT public.trend_analysis_state(x.g, x.z, 1, 30::pg_catalog.float8, 32650) FROM victim.x;
-- call: trend_analysis_merge(bytea)
SELECT public.trend_analysis_merge(p.s) FROM (SELECT public.trend_analysis_state(x.g, x.z, 1) AS s FROM victim.x
  GROUP BY x.id OPERATOR(pg_catalog.%) 2::pg_catalog.int8) p;
-- call: trend_analysis_final(bytea)
SELECT public.trend_analysis_final(public.trend_analysis_merge(p.s)) FROM (SELECT public.trend_analysis_state(x.g, x.z, 1, 30::pg_catalog.float8, 32650) AS s
  FROM victim.x GROUP BY x.id OPERATOR(pg_catalog.%) 2::pg_catalog.int8) p;
-- call: trend_curve(trend_analysis_result, integer)
SELECT pg_catalog.count(*) FROM (SELECT public.trend_analysis(x.g, x.z, 2) AS r FROM victim.x) s, public.trend_curve(s.r, 7);
-- call: trend_lines(trend_analysis_result, integer)
SELECT pg_catalog.count(*) FROM (SELECT public.trend_analysis(x.g, x.z, 2, 30::pg_catalog.float8) AS r FROM victim.x) s, public.trend_lines(s.r, 7);
-- call: trend_surface(geometry, double precision)
SELECT public.trend_surface(x.g, x.z) FROM victim.x;
-- call: trend_surface(geometry, double precision, integer)
SELECT public.trend_surface(x.g, x.z, 1) FROM victim.x;
-- call: trend_surface(geometry, double precision, integer, integer)
SELECT public.trend_surface(x.g, x.z, 1, 32650) FROM victim.x;
-- call: _trend_result_check(text, trend_analysis_result)
SELECT public._trend_result_check('attack'::pg_catalog.text, s.r) FROM (SELECT public.trend_analysis(x.g, x.z, 1) AS r FROM victim.x) s;
-- call: trend_surface_value(trend_surface_result, geometry)
SELECT public.trend_surface_value(s.r, x.g) FROM (SELECT public.trend_surface(x.g, x.z, 1) AS r FROM victim.x) s, victim.x;
-- call: spatial_weights(regclass, name, name, text, integer, double precision, text)
SELECT pg_catalog.count(*) FROM public.spatial_weights('victim.regions'::pg_catalog.regclass, 'id'::pg_catalog.name, 'geom'::pg_catalog.name,
  'queen'::pg_catalog.text, 4, NULL::pg_catalog.float8, 'row'::pg_catalog.text);
SELECT pg_catalog.count(*) FROM public.spatial_weights('victim.regions'::pg_catalog.regclass, 'id'::pg_catalog.name, 'geom'::pg_catalog.name,
  'rook'::pg_catalog.text, 4, NULL::pg_catalog.float8, 'binary'::pg_catalog.text);
SELECT pg_catalog.count(*) FROM public.spatial_weights('victim.regions'::pg_catalog.regclass, 'id'::pg_catalog.name, 'geom'::pg_catalog.name,
  'knn'::pg_catalog.text, 3, NULL::pg_catalog.float8, 'row'::pg_catalog.text);
SELECT pg_catalog.count(*) FROM public.spatial_weights('victim.regions'::pg_catalog.regclass, 'id'::pg_catalog.name, 'geom'::pg_catalog.name,
  'distance'::pg_catalog.text, 4, 1.5::pg_catalog.float8, 'row'::pg_catalog.text);
-- the same on the attacker's table, whose columns have the attacker's domain types
SELECT pg_catalog.count(*) FROM public.spatial_weights('public.att_regions'::pg_catalog.regclass, 'id'::pg_catalog.name, 'geom'::pg_catalog.name,
  'queen'::pg_catalog.text, 4, NULL::pg_catalog.float8, 'row'::pg_catalog.text);
SELECT pg_catalog.count(*) FROM public.spatial_weights('public.att_regions'::pg_catalog.regclass, 'id'::pg_catalog.name, 'geom'::pg_catalog.name,
  'rook'::pg_catalog.text, 4, NULL::pg_catalog.float8, 'binary'::pg_catalog.text);
SELECT pg_catalog.count(*) FROM public.spatial_weights('public.att_regions'::pg_catalog.regclass, 'id'::pg_catalog.name, 'geom'::pg_catalog.name,
  'knn'::pg_catalog.text, 3, NULL::pg_catalog.float8, 'row'::pg_catalog.text);
SELECT pg_catalog.count(*) FROM public.spatial_weights('public.att_regions'::pg_catalog.regclass, 'id'::pg_catalog.name, 'geom'::pg_catalog.name,
  'distance'::pg_catalog.text, 4, 1.5::pg_catalog.float8, 'row'::pg_catalog.text);
-- call: spatial_weights(regclass, name, name, anyelement, text, integer, double precision, text)
SELECT pg_catalog.count(*) FROM public.spatial_weights('victim.regions'::pg_catalog.regclass, 'id'::pg_catalog.name, 'geom'::pg_catalog.name,
  NULL::pg_catalog.text, 'Queen'::pg_catalog.text, 4, NULL::pg_catalog.float8, 'ROW'::pg_catalog.text);
SELECT pg_catalog.count(*) FROM public.spatial_weights('victim.regions'::pg_catalog.regclass, 'id'::pg_catalog.name, 'geom'::pg_catalog.name,
  NULL::pg_catalog.int8, 'knn'::pg_catalog.text, 3, NULL::pg_catalog.float8, 'row'::pg_catalog.text);
SELECT pg_catalog.count(*) FROM public.spatial_weights('public.att_regions'::pg_catalog.regclass, 'id'::pg_catalog.name, 'geom'::pg_catalog.name,
  NULL::pg_catalog.text, 'rook'::pg_catalog.text, 4, NULL::pg_catalog.float8, 'binary'::pg_catalog.text);
SELECT pg_catalog.count(*) FROM public.spatial_weights('public.att_regions'::pg_catalog.regclass, 'id'::pg_catalog.name, 'geom'::pg_catalog.name,
  NULL::pg_catalog.text, 'knn'::pg_catalog.text, 3, NULL::pg_catalog.float8, 'row'::pg_catalog.text);
SELECT pg_catalog.count(*) FROM public.spatial_weights('public.att_regions'::pg_catalog.regclass, 'id'::pg_catalog.name, 'geom'::pg_catalog.name,
  NULL::pg_catalog.int8, 'distance'::pg_catalog.text, 4, 1.5::pg_catalog.float8, 'row'::pg_catalog.text);
-- call: _spatial_weights_query(text, regclass, name, name, text, integer, double precision, text, regtype)
SELECT public._spatial_weights_query('attack'::pg_catalog.text, 'victim.regions'::pg_catalog.regclass, 'id'::pg_catalog.name,
  'geom'::pg_catalog.name, 'queen'::pg_catalog.text, 4, NULL::pg_catalog.float8, 'row'::pg_catalog.text, 'pg_catalog.text'::pg_catalog.regtype);
-- call: spatial_weights_array(geometry[], integer[], text, integer, double precision, text)
SELECT pg_catalog.count(*) FROM (SELECT pg_catalog.array_agg(r.geom ORDER BY r.id) AS g, pg_catalog.array_agg(r.id::pg_catalog.int4 ORDER BY r.id) AS i
  FROM victim.regions r) s,
  public.spatial_weights_array(s.g, s.i, 'Rook'::pg_catalog.text, 4, NULL::pg_catalog.float8, 'row'::pg_catalog.text);
-- call: spatial_weights_array(geometry[], bigint[], text, integer, double precision, text)
SELECT pg_catalog.count(*) FROM (SELECT pg_catalog.array_agg(r.geom ORDER BY r.id) AS g, pg_catalog.array_agg(r.id::pg_catalog.int8 ORDER BY r.id) AS i
  FROM victim.regions r) s,
  public.spatial_weights_array(s.g, s.i, 'Rook'::pg_catalog.text, 4, NULL::pg_catalog.float8, 'row'::pg_catalog.text);
-- call: spatial_weights_array(geometry[], text[], text, integer, double precision, text)
SELECT pg_catalog.count(*) FROM (SELECT pg_catalog.array_agg(r.geom ORDER BY r.id) AS g, pg_catalog.array_agg(r.id::pg_catalog.text ORDER BY r.id) AS i
  FROM victim.regions r) s,
  public.spatial_weights_array(s.g, s.i, 'Rook'::pg_catalog.text, 4, NULL::pg_catalog.float8, 'row'::pg_catalog.text);
-- call: _spatial_weights_array_ids(geometry[], text[], text, integer, double precision, text)
SELECT pg_catalog.count(*) FROM (SELECT pg_catalog.array_agg(r.geom ORDER BY r.id) AS g, pg_catalog.array_agg(r.id::pg_catalog.text ORDER BY r.id) AS i
  FROM victim.regions r) s,
  public._spatial_weights_array_ids(s.g, s.i, 'Rook'::pg_catalog.text, 4, NULL::pg_catalog.float8, 'row'::pg_catalog.text);
-- call: _local_moran_ids(double precision[], geometry[], text[], text, integer, double precision, text, integer, bigint, double precision)
SELECT pg_catalog.count(*) FROM (SELECT pg_catalog.array_agg(r.v ORDER BY r.id) AS v, pg_catalog.array_agg(r.geom ORDER BY r.id) AS g,
  pg_catalog.array_agg(r.id::pg_catalog.text ORDER BY r.id) AS i FROM victim.regions r) s,
  public._local_moran_ids(s.v, s.g, s.i, 'KNN'::pg_catalog.text, 3, NULL::pg_catalog.float8, 'row'::pg_catalog.text, 0, 1::pg_catalog.int8,
  0.05::pg_catalog.float8);
-- call: _region_ids_check(text, integer, integer, integer, integer, integer, bigint)
SELECT public._region_ids_check('attack'::pg_catalog.text, 3, 3, 3, 1, NULL::pg_catalog.int4, 3::pg_catalog.int8);
-- call: local_moran(double precision[], geometry[], integer[], text, integer, double precision, text, integer, bigint, double precision)
SELECT pg_catalog.count(*) FROM (SELECT pg_catalog.array_agg(r.v ORDER BY r.id) AS v, pg_catalog.array_agg(r.geom ORDER BY r.id) AS g,
  pg_catalog.array_agg(r.id::pg_catalog.int4 ORDER BY r.id) AS i FROM victim.regions r) s,
  public.local_moran(s.v, s.g, s.i, 'KNN'::pg_catalog.text, 3, NULL::pg_catalog.float8, 'row'::pg_catalog.text, 0, 1::pg_catalog.int8,
  0.05::pg_catalog.float8);
-- call: local_moran(double precision[], geometry[], bigint[], text, integer, double precision, text, integer, bigint, double precision)
SELECT pg_catalog.count(*) FROM (SELECT pg_catalog.array_agg(r.v ORDER BY r.id) AS v, pg_catalog.array_agg(r.geom ORDER BY r.id) AS g,
  pg_catalog.array_agg(r.id::pg_catalog.int8 ORDER BY r.id) AS i FROM victim.regions r) s,
  public.local_moran(s.v, s.g, s.i, 'KNN'::pg_catalog.text, 3, NULL::pg_catalog.float8, 'row'::pg_catalog.text, 0, 1::pg_catalog.int8,
  0.05::pg_catalog.float8);
-- call: local_moran(double precision[], geometry[], text[], text, integer, double precision, text, integer, bigint, double precision)
SELECT pg_catalog.count(*) FROM (SELECT pg_catalog.array_agg(r.v ORDER BY r.id) AS v, pg_catalog.array_agg(r.geom ORDER BY r.id) AS g,
  pg_catalog.array_agg(r.id::pg_catalog.text ORDER BY r.id) AS i FROM victim.regions r) s,
  public.local_moran(s.v, s.g, s.i, 'KNN'::pg_catalog.text, 3, NULL::pg_catalog.float8, 'row'::pg_catalog.text, 0, 1::pg_catalog.int8,
  0.05::pg_catalog.float8);
-- call: spatial_weights_array(geometry[], text, integer, double precision, text)
SELECT pg_catalog.count(*) FROM (SELECT pg_catalog.array_agg(r.geom ORDER BY r.id) AS g FROM victim.regions r) s,
  public.spatial_weights_array(s.g, 'rook'::pg_catalog.text, 4, NULL::pg_catalog.float8, 'row'::pg_catalog.text);
SELECT pg_catalog.count(*) FROM (SELECT pg_catalog.array_agg(r.geom ORDER BY r.id) AS g FROM victim.regions r) s,
  public.spatial_weights_array(s.g, 'knn'::pg_catalog.text, 2, NULL::pg_catalog.float8, 'row'::pg_catalog.text);
SELECT pg_catalog.count(*) FROM (SELECT pg_catalog.array_agg(r.geom ORDER BY r.id) AS g FROM victim.regions r) s,
  public.spatial_weights_array(s.g, 'distance'::pg_catalog.text, 4, 1.5::pg_catalog.float8, 'binary'::pg_catalog.text);
-- call: moran_i(double precision[], geometry[], text, integer, double precision, text, integer, bigint)
SELECT public.moran_i(s.v, s.g, 'queen'::pg_catalog.text, 4, NULL::pg_catalog.float8, 'row'::pg_catalog.text, 99, 1::pg_catalog.int8)
FROM (SELECT pg_catalog.array_agg(r.v ORDER BY r.id) AS v, pg_catalog.array_agg(r.geom ORDER BY r.id) AS g FROM victim.regions r) s;
-- call: local_moran(double precision[], geometry[], text, integer, double precision, text, integer, bigint, double precision)
SELECT pg_catalog.count(*) FROM (SELECT pg_catalog.array_agg(r.v ORDER BY r.id) AS v, pg_catalog.array_agg(r.geom ORDER BY r.id) AS g
  FROM victim.regions r) s,
  public.local_moran(s.v, s.g, 'knn'::pg_catalog.text, 3, NULL::pg_catalog.float8, 'row'::pg_catalog.text, 0, 1::pg_catalog.int8, 0.05::pg_catalog.float8);
-- call: _gravity_lonlat(text, geometry[])
SELECT public._gravity_lonlat('attack'::pg_catalog.text, pg_catalog.array_agg(x.g ORDER BY x.id)) FROM victim.x;
-- call: gravity_strength(double precision, double precision, geometry, geometry, double precision, double precision, double precision, double precision)
SELECT public.gravity_strength(a.z, b.z, a.g, b.g, 1::pg_catalog.float8, 1::pg_catalog.float8, 1::pg_catalog.float8, 2::pg_catalog.float8)
FROM victim.x a, victim.x b WHERE a.id OPERATOR(pg_catalog.<) b.id;
-- call: gravity_linkage(integer[], double precision[], geometry[], double precision, double precision, double precision, double precision, double precision[])
SELECT pg_catalog.count(*) FROM (SELECT pg_catalog.array_agg(x.id::pg_catalog.int4 ORDER BY x.id) AS ids, pg_catalog.array_agg(x.z ORDER BY x.id) AS m,
  pg_catalog.array_agg(x.g ORDER BY x.id) AS g FROM victim.x) s,
  public.gravity_linkage(s.ids, s.m, s.g, 1::pg_catalog.float8, 1::pg_catalog.float8, 1::pg_catalog.float8, 2::pg_catalog.float8, s.m);
-- call: gravity_linkage(bigint[], double precision[], geometry[], double precision, double precision, double precision, double precision, double precision[])
SELECT pg_catalog.count(*) FROM (SELECT pg_catalog.array_agg(x.id ORDER BY x.id) AS ids, pg_catalog.array_agg(x.z ORDER BY x.id) AS m,
  pg_catalog.array_agg(x.g ORDER BY x.id) AS g FROM victim.x) s,
  public.gravity_linkage(s.ids, s.m, s.g);
-- call: _gravity_lengths(text, integer, integer, integer)
SELECT public._gravity_lengths('attack'::pg_catalog.text, 3, 1, 3);
-- call: _gravity_km_matrix(geometry[])
SELECT public._gravity_km_matrix(pg_catalog.array_agg(x.g ORDER BY x.id)) FROM victim.x;
-- call: gravity_linkage(text[], double precision[], geometry[], double precision, double precision, double precision, double precision, double precision[])
SELECT pg_catalog.count(*) FROM (SELECT pg_catalog.array_agg(x.txt ORDER BY x.id) AS ids, pg_catalog.array_agg(x.z ORDER BY x.id) AS m,
  pg_catalog.array_agg(x.g ORDER BY x.id) AS g FROM victim.x) s,
  public.gravity_linkage(s.ids, s.m, s.g, 1::pg_catalog.float8, 1::pg_catalog.float8, 1::pg_catalog.float8, 2::pg_catalog.float8, s.m);
