-- Issue 12, "Done means", end to end: a long panel with missing indicator
-- rows and text region codes (synergy_sample.panel_gaps: cities keyed by
-- English name, four rows left out and twelve values NULL) goes from raw
-- rows to entropy weights, E-TOPSIS scores, coupling coordination and grades,
-- Moran's I and LISA in plain SQL (views below, no hand-written CASE), for
-- the missing-value policies 'mean' and 'skip', in 2016 and 2019:
--   indicator_vector per (city, year, subsystem)
--   -> entropy_weights(x, weight_options(directions, shift => 0.01, missing))
--   -> topsis(x, directions, shift => 0.01, missing) per (year, subsystem),
--      with the partition's own entropy weights and with the aggregate's
--   -> coupling_coordination(u[6], missing => 'skip') -> ccd_level, ccd_grade
--   -> spatial_weights(view, 'name_en', 'geom', id_type => NULL::text, 'knn', k => 3)
--   -> moran_i and local_moran OVER (...) of D (text ids; a city without D
--      leaves the analysis: spdep's subset convention), and the array forms.
-- Every stage is compared with test/reference/panel_gaps_e2e_expected.csv,
-- written by test/reference/panel_gaps_e2e.R (base R for entropy, TOPSIS,
-- CCD; spdep 1.2.7 knearneigh/knn2nb/nb2listw/subset/moran.test/localmoran),
-- read here with \copy (no R at run time). Tolerance: |got - want| <=
-- 1e-13 * max(1, |want|) for every float (the largest difference seen is
-- 1.4e-15 relative (a LISA z)); counts, levels, grades and quadrants exactly; NULL where R has
-- NA. skip 2019 leaves 3 cities with D (one of them an island): moran_i's
-- statistics are NULL there (fewer than 4 regions with neighbours).
BEGIN;
SET client_min_messages = warning;
SELECT plan(17);

-- the reference: policy, year, quantity, subsystem, region, j, value, label
CREATE TEMP TABLE ref (policy text, year int, quantity text, subsystem text, region text,
                       j int, value float8, label text);
\copy ref FROM 'test/reference/panel_gaps_e2e_expected.csv' WITH (FORMAT csv, HEADER true)

-- the pipeline, as a user would write it
CREATE TEMP VIEW e2e_subsystem AS
SELECT subsystem, subsystem_order, array_agg(code ORDER BY code) AS codes,
       array_agg(direction ORDER BY code) AS dirs
FROM synergy_sample.indicator GROUP BY subsystem, subsystem_order;

CREATE TEMP VIEW e2e_vector AS
SELECT p.policy, g.year, s.subsystem, s.subsystem_order, s.dirs, g.region,
       indicator_vector(g.indicator, g.value, s.codes) AS x
FROM synergy_sample.panel_gaps g
JOIN synergy_sample.indicator i ON i.code = g.indicator
JOIN e2e_subsystem s USING (subsystem)
CROSS JOIN (VALUES ('mean'), ('skip')) AS p(policy)
WHERE g.year IN (2016, 2019)
GROUP BY p.policy, g.year, s.subsystem, s.subsystem_order, s.dirs, s.codes, g.region;

CREATE TEMP VIEW e2e_weight AS
SELECT policy, year, subsystem,
       entropy_weights(x, weight_options(directions => dirs, shift => 0.01, missing => policy)) AS w
FROM e2e_vector GROUP BY policy, year, subsystem;

CREATE TEMP VIEW e2e_score AS
SELECT v.policy, v.year, v.subsystem, v.subsystem_order, v.region,
       topsis(v.x, directions => v.dirs, shift => 0.01, missing => v.policy)
         OVER (PARTITION BY v.policy, v.year, v.subsystem) AS u,
       topsis(v.x, w.w, v.dirs, shift => 0.01, missing => v.policy)
         OVER (PARTITION BY v.policy, v.year, v.subsystem) AS u_given
FROM e2e_vector v JOIN e2e_weight w USING (policy, year, subsystem);

CREATE TEMP VIEW e2e_ccd AS
SELECT policy, year, region, (c).c, (c).t, (c).d, ccd_level((c).d) AS level, ccd_grade((c).d) AS grade
FROM (SELECT policy, year, region,
             coupling_coordination(array_agg(u ORDER BY subsystem_order), missing => 'skip') AS c
      FROM e2e_score GROUP BY policy, year, region) s;

CREATE TEMP VIEW e2e_city AS
SELECT name_en, geom FROM synergy_sample.region
WHERE name_en IN (SELECT region FROM synergy_sample.panel_gaps);

CREATE TEMP VIEW e2e_moran AS
SELECT policy, year, (moran_i(c.d, w.id, w.neighbours, w.weights)).*
FROM e2e_ccd c
JOIN spatial_weights('e2e_city', 'name_en', 'geom', id_type => NULL::text, method => 'knn', k => 3) w
  ON w.id = c.region
GROUP BY policy, year;

CREATE TEMP VIEW e2e_lisa AS
SELECT policy, year, region, (l).*
FROM (SELECT c.policy, c.year, c.region,
             local_moran(c.d, w.id, w.neighbours, w.weights) OVER (PARTITION BY c.policy, c.year) AS l
      FROM e2e_ccd c
      JOIN spatial_weights('e2e_city', 'name_en', 'geom', id_type => NULL::text, method => 'knn', k => 3) w
        ON w.id = c.region) s;

-- the array forms (synergy_postgis): the same weights built from the year's
-- own geometries, the cities named by their text ids
CREATE TEMP VIEW e2e_arrays AS
SELECT c.policy, c.year, array_agg(c.d ORDER BY c.region) AS d,
       array_agg(g.geom ORDER BY c.region) AS geoms, array_agg(c.region ORDER BY c.region) AS ids
FROM e2e_ccd c JOIN e2e_city g ON g.name_en = c.region
GROUP BY c.policy, c.year;

-- everything the pipeline computed, in the reference's shape
CREATE TEMP TABLE got AS
SELECT policy, year, 'weight' AS quantity, subsystem, '' AS region, j::int, e.wj AS value, '' AS label
FROM e2e_weight, unnest(w) WITH ORDINALITY AS e(wj, j)
UNION ALL SELECT policy, year, 'u', subsystem, region, NULL, u, '' FROM e2e_score
UNION ALL SELECT policy, year, 'c', '', region, NULL, c, '' FROM e2e_ccd
UNION ALL SELECT policy, year, 't', '', region, NULL, t, '' FROM e2e_ccd
UNION ALL SELECT policy, year, 'd', '', region, NULL, d, '' FROM e2e_ccd
UNION ALL SELECT policy, year, 'grade', '', region, NULL, level, grade FROM e2e_ccd WHERE d IS NOT NULL
UNION ALL SELECT policy, year, 'moran_' || q, '', '', NULL, v, ''
FROM e2e_moran m,
     LATERAL (VALUES ('n', m.n::float8), ('islands', m.islands), ('i', m.i), ('expected', m.expected),
                     ('variance_randomisation', m.variance_randomisation), ('z_randomisation', m.z_randomisation),
                     ('p_randomisation', m.p_randomisation), ('variance_normal', m.variance_normal),
                     ('z_normal', m.z_normal)) AS x(q, v)
WHERE m.i IS NOT NULL OR q IN ('n', 'islands', 'i', 'expected', 'z_randomisation', 'z_normal')
UNION ALL SELECT policy, year, 'lisa_' || q, '', region, NULL, v, ''
FROM e2e_lisa l,
     LATERAL (VALUES ('i', l.i), ('expected', l.expected), ('variance', l.variance), ('z', l.z), ('p', l.p)) AS x(q, v)
WHERE l.quadrant IS NOT NULL
UNION ALL SELECT policy, year, 'quadrant', '', region, NULL, NULL, quadrant FROM e2e_lisa WHERE quadrant IS NOT NULL;

-- got and ref side by side; a row on one side only shows as a mismatch
CREATE TEMP VIEW cmp AS
SELECT coalesce(g.policy, r.policy) AS policy, coalesce(g.year, r.year) AS year,
       coalesce(g.quantity, r.quantity) AS quantity, coalesce(g.subsystem, r.subsystem) AS subsystem,
       coalesce(g.region, r.region) AS region, coalesce(g.j, r.j) AS j,
       g.value AS got, r.value AS want, g.label AS got_label, r.label AS want_label,
       g.policy IS NOT NULL AS in_got, r.policy IS NOT NULL AS in_ref
FROM got g FULL JOIN ref r
  ON (g.policy, g.year, g.quantity, g.subsystem, g.region) = (r.policy, r.year, r.quantity, r.subsystem, r.region)
 AND g.j IS NOT DISTINCT FROM r.j;

CREATE TEMP VIEW mismatch AS
SELECT * FROM cmp
WHERE NOT (in_got AND in_ref)
   OR (got IS NULL) <> (want IS NULL)
   OR abs(got - want) > 1e-13 * greatest(1, abs(want))
   OR got_label IS DISTINCT FROM want_label;

-- 1: the gaps reach the vectors where data/README.md says they are
SELECT set_eq(
  $$SELECT year, subsystem, region, j::int FROM e2e_vector, unnest(x) WITH ORDINALITY AS e(v, j)
    WHERE policy = 'mean' AND v IS NULL$$,
  $$VALUES (2016, 'exchange', 'Suzhou', 1),          -- EX1 row left out
           (2016, 'exchange', 'Yichang', 3),         -- EX3 NULL
           (2019, 'economy', 'Changzhou', 3),        -- EC3 row left out
           (2019, 'innovation', 'Enshi', 2),         -- SI2 row left out
           (2019, 'innovation', 'Jingzhou', 4),      -- SI4 NULL
           (2019, 'public_service', 'Yichang', 1)$$, -- PS1 row left out
  'indicator_vector: a NULL exactly where a row is missing or its value is NULL');

-- 2: every reference row has its counterpart and no more
SELECT is((SELECT count(*) FROM cmp WHERE in_got AND in_ref), (SELECT count(*) FROM ref),
          'every value of the R reference has its SQL counterpart');

-- 3-12: stage by stage
SELECT is_empty($$SELECT * FROM mismatch WHERE quantity = 'weight'$$,
  'entropy_weights(x, weight_options(directions, shift 0.01, missing mean/skip)) per year and subsystem = R (1e-13)');
SELECT is_empty($$SELECT * FROM mismatch WHERE quantity = 'u'$$,
  'topsis(x, directions, shift 0.01, missing mean/skip) per year and subsystem = R (1e-13); NULL for skipped cities');
SELECT is_empty($$SELECT s.*, r.value FROM e2e_score s
                  JOIN ref r ON (r.policy, r.year, r.quantity, r.subsystem, r.region) = (s.policy, s.year, 'u', s.subsystem, s.region)
                  WHERE (s.u_given IS NULL) <> (r.value IS NULL) OR abs(s.u_given - r.value) > 1e-13$$,
  'topsis with the aggregate''s weights given = R (1e-13)');
SELECT is_empty($$SELECT * FROM mismatch WHERE quantity IN ('c', 't', 'd')$$,
  'coupling_coordination(u, missing => skip): C, T, D = R (1e-13); NULL where a score is');
SELECT is_empty($$SELECT * FROM mismatch WHERE quantity = 'grade'$$,
  'ccd_level and ccd_grade of D = R''s level and 中文 grade');
SELECT is_empty($$SELECT * FROM mismatch WHERE quantity IN ('moran_n', 'moran_islands')$$,
  'moran_i: n and islands after leaving the cities without D out = spdep subset');
SELECT is_empty($$SELECT * FROM mismatch WHERE quantity LIKE 'moran_%' AND quantity NOT IN ('moran_n', 'moran_islands')$$,
  'moran_i of D, text ids, knn 3 (row weights re-standardised over the cities left): I, E[I], variances, z, p = spdep moran.test (1e-13)');
SELECT is_empty($$SELECT * FROM mismatch WHERE quantity LIKE 'lisa_%'$$,
  'local_moran of D OVER (PARTITION BY policy, year): I_i, E, Var, z, p = spdep localmoran (1e-13)');
SELECT is_empty($$SELECT * FROM mismatch WHERE quantity = 'quadrant'$$,
  'local_moran quadrants (HH/LL/HL/LH at p <= 0.05, not significant, island) = R');
SELECT is_empty($$SELECT * FROM mismatch$$, 'no value of any stage disagrees with R');

-- 13: at least one stage is not trivial: the mean-imputed 2019 cross-section
-- has LL clusters and a significant global I
SELECT ok((SELECT count(*) FROM e2e_lisa WHERE (policy, year) = ('mean', 2019) AND quadrant = 'LL') = 4
          AND (SELECT p_randomisation < 0.01 FROM e2e_moran WHERE (policy, year) = ('mean', 2019)),
          'mean 2019: four LL cities and a clustered D (p < 0.01), as R says');

-- 14-15: the array forms with text ids give the same numbers
SELECT is_empty($$
  SELECT a.policy, a.year, m.i, r.value FROM e2e_arrays a
  CROSS JOIN LATERAL moran_i(a.d, a.geoms, 'knn', 3) m
  JOIN ref r ON (r.policy, r.year, r.quantity) = (a.policy, a.year, 'moran_i')
  WHERE (m.i IS NULL) <> (r.value IS NULL) OR abs(m.i - r.value) > 1e-13$$,
  'moran_i(d[], geom[], knn 3) = spdep (1e-13)');
SELECT is_empty($$
  SELECT a.policy, a.year, l.id, l.i, l.z, l.quadrant, ri.value, rz.value, rq.label FROM e2e_arrays a
  CROSS JOIN LATERAL local_moran(a.d, a.geoms, ids => a.ids, method => 'knn', k => 3) l
  LEFT JOIN ref ri ON (ri.policy, ri.year, ri.quantity, ri.region) = (a.policy, a.year, 'lisa_i', l.id)
  LEFT JOIN ref rz ON (rz.policy, rz.year, rz.quantity, rz.region) = (a.policy, a.year, 'lisa_z', l.id)
  LEFT JOIN ref rq ON (rq.policy, rq.year, rq.quantity, rq.region) = (a.policy, a.year, 'quadrant', l.id)
  WHERE (l.i IS NULL) <> (ri.value IS NULL) OR abs(l.i - ri.value) > 1e-13
     OR (l.z IS NULL) <> (rz.value IS NULL) OR abs(l.z - rz.value) > 1e-13
     OR l.quadrant IS DISTINCT FROM rq.label$$,
  'local_moran(d[], geom[], ids => text[], knn 3): I_i, z, quadrant = spdep (1e-13)');

-- 16: the pipeline needs no hand-written CASE
SELECT is_empty($$SELECT c.relname FROM pg_class c
                  WHERE c.relname LIKE 'e2e\_%' AND c.relkind = 'v' AND c.relpersistence = 't'
                    AND pg_get_viewdef(c.oid) ~* '\mCASE\M'$$,
  'no view of the pipeline contains a CASE');

-- 17: the text ids come back as text, the spatial weights name the cities
SELECT is((SELECT string_agg(id || ':' || array_to_string(neighbours, '/'), ' ' ORDER BY id)
           FROM spatial_weights('e2e_city', 'name_en', 'geom', id_type => NULL::text, method => 'knn', k => 3)),
          'Changzhou:Jingmen/Suzhou/Wuxi Enshi:Jingmen/Jingzhou/Yichang Jingmen:Enshi/Jingzhou/Yichang '
          'Jingzhou:Enshi/Jingmen/Yichang Suzhou:Changzhou/Jingmen/Wuxi Wuxi:Changzhou/Jingmen/Suzhou '
          'Yichang:Enshi/Jingmen/Jingzhou',
          'spatial_weights(..., id_type => NULL::text, knn 3) on the seven cities');

SELECT * FROM finish();
ROLLBACK;
