-- Coupling coordination degree: the vectors of test/reference/vectors.md, the
-- aggregate form, grades, relative development and obstacle degree.
\set VERBOSITY terse

CREATE TABLE ccd_vectors (k int, u1 float8, u2 float8, u3 float8);
INSERT INTO ccd_vectors VALUES
  (1, .0162, .2720, .2655), (2, .1782, .6824, .3721), (3, .5490, .0593, .5729),
  (4, .6730, .4812, .9082), (5, .0207, .8891, .2017), (6, .9875, .5573, .8984);

-- vectors.md, classic with equal weights, to the printed 3 digits
SELECT k, round((r).c::numeric, 3) AS c, round((r).t::numeric, 3) AS t, round((r).d::numeric, 3) AS d
FROM (SELECT k, coupling_coordination(ARRAY[u1, u2, u3]) AS r FROM ccd_vectors) s ORDER BY k;
-- vectors.md, wang2021 with weights (.4, .3, .3)
SELECT k, round((r).c::numeric, 3) AS c, round((r).t::numeric, 3) AS t, round((r).d::numeric, 3) AS d
FROM (SELECT k, coupling_coordination(ARRAY[u1, u2, u3], '{.4,.3,.3}', 'wang2021') AS r FROM ccd_vectors) s
ORDER BY k;

-- the formulas written out in SQL, to 1e-12
SELECT bool_and(abs((r).c - 3 * power(u1 * u2 * u3 / power(u1 + u2 + u3, 3), 1.0 / 3)) < 1e-12) AS classic_c,
       bool_and(abs((r).d - sqrt((r).c * (u1 + u2 + u3) / 3)) < 1e-12) AS classic_d,
       bool_and(abs((w).c - sqrt((1 - (abs(u1 - u2) + abs(u1 - u3) + abs(u2 - u3)) / 3)
                                  * sqrt(u1 * u2 * u3 / power(greatest(u1, u2, u3), 3)))) < 1e-12) AS wang_c,
       bool_and(abs((w).t - (.4 * u1 + .3 * u2 + .3 * u3)) < 1e-12) AS wang_t
FROM (SELECT *, coupling_coordination(ARRAY[u1, u2, u3]) AS r,
             coupling_coordination(ARRAY[u1, u2, u3], '{.4,.3,.3}', 'wang2021') AS w FROM ccd_vectors) s;

-- the convenience forms agree with the composite
SELECT bool_and(coupling_degree(ARRAY[u1, u2, u3]) = (coupling_coordination(ARRAY[u1, u2, u3])).c) AS c_same,
       bool_and(coordination_degree(ARRAY[u1, u2, u3], '{.4,.3,.3}', 'wang2021')
                = (coupling_coordination(ARRAY[u1, u2, u3], '{.4,.3,.3}', 'wang2021')).d) AS d_same,
       bool_and(coupling_degree(ARRAY[u1, u2, u3], variant => 'wang2021')
                = (coupling_coordination(ARRAY[u1, u2, u3], variant => 'wang2021')).c) AS named
FROM ccd_vectors;

-- the aggregate over rows gives the array result (systems as rows)
WITH long AS (SELECT k, u, w FROM ccd_vectors, LATERAL (VALUES (u1, .4), (u2, .3), (u3, .3)) v(u, w))
SELECT bool_and(abs((a).d - (b).d) < 1e-15 AND abs((a).c - (b).c) < 1e-15) AS classic,
       bool_and(abs((aw).d - (bw).d) < 1e-15 AND abs((aw).t - (bw).t) < 1e-15) AS wang2021
FROM (SELECT k, coupling_coordination(u) AS a, coupling_coordination(u, w, 'wang2021') AS aw
      FROM long GROUP BY k) x
JOIN (SELECT k, coupling_coordination(ARRAY[u1, u2, u3]) AS b,
             coupling_coordination(ARRAY[u1, u2, u3], '{.4,.3,.3}', 'wang2021') AS bw FROM ccd_vectors) y USING (k);

-- weights only enter T, and are rescaled: (4, 3, 3) acts as (.4, .3, .3)
SELECT abs((coupling_coordination('{.2,.5,.9}'::float8[], '{4,3,3}')).t - (coupling_coordination('{.2,.5,.9}'::float8[], '{.4,.3,.3}')).t) < 1e-15 AS rescaled,
       (coupling_coordination('{.2,.5,.9}'::float8[], '{4,3,3}')).c = (coupling_coordination('{.2,.5,.9}'::float8[])).c AS c_unweighted;

-- a bare literal needs a cast: coupling_coordination is also an aggregate of float8
SELECT coupling_coordination('{.5,.5}');
-- edges: a zero score, all zero, one system, equal scores, NULL rows and NULL u
SELECT (r).c, round((r).t::numeric, 12) AS t, (r).d FROM (SELECT coupling_coordination('{0,.5,.7}'::float8[]) AS r) s;
SELECT (coupling_coordination('{0,0,0}'::float8[])).*, (coupling_coordination('{0,0,0}'::float8[], variant => 'wang2021')).c AS wang_c;
SELECT (coupling_coordination('{.6}'::float8[])).*;
SELECT (coupling_coordination('{.4,.4,.4,.4}'::float8[])).*, (coupling_coordination('{.4,.4,.4,.4}'::float8[], variant => 'wang2021')).c AS wang_c;
SELECT coupling_coordination(NULL::float8[]) IS NULL AS null_u;
SELECT (coupling_coordination(u)).* FROM (VALUES (.5), (NULL), (.5)) v(u);
SELECT coupling_coordination(u) IS NULL AS no_rows FROM (VALUES (.5)) v(u) WHERE false;
-- rounding slop above 1 is clamped; a real excursion is an error
SELECT (coupling_coordination(ARRAY[1 + 1e-13, .5])).c IS NOT NULL AS slop_clamped;
SELECT coupling_coordination('{.5,1.5}'::float8[]);
SELECT coupling_coordination('{.5,-0.1}'::float8[]);
SELECT coupling_coordination('{.5,NULL}'::float8[]);
SELECT coupling_coordination('{.5,.5}'::float8[], '{1}');
SELECT coupling_coordination('{.5,.5}'::float8[], variant => 'geometric');
SELECT coupling_coordination(u) FROM (VALUES (.5), (2.0)) v(u);
SELECT coupling_coordination(u, w) FROM (VALUES (.5, 1.0), (.4, NULL)) v(u, w);
SELECT coupling_coordination(u, w, v) FROM (VALUES (.5, 1.0, 'classic'), (.4, 1.0, 'wang2021')) t(u, w, v);
SELECT coupling_coordination(u, w) FROM (VALUES (.5, 0.0), (.4, 0.0)) v(u, w);

-- grades: lower end closed, 1 is in the top grade
SELECT d, ccd_level(d), ccd_grade(d), ccd_grade(d, 'en')
FROM unnest(ARRAY[0, 0.0999, 0.1, 0.29999, 0.3, 0.45, 0.5, 0.6, 0.7, 0.8, 0.8999, 0.9, 1.0]::float8[]) d;
SELECT ccd_grade(d, '{0,0.4,0.6,1}', '{失调,过渡,协调}') FROM unnest(ARRAY[0, 0.4, 0.59, 0.6, 1]::float8[]) d;
SELECT ccd_grade(1.2);
SELECT ccd_level('NaN');
SELECT ccd_grade(0.5, 'fr');
SELECT ccd_grade(0.5, '{0,1}', '{a,b}');
SELECT ccd_grade(0.5, '{0,0.6,0.4,1}', '{a,b,c}');
SELECT ccd_grade(1.5, '{0,0.5,1}', '{a,b}');

-- relative development: E = U1/U2, thresholds 0.8 and 1.2 by default
SELECT u1, u2, round(relative_development(u1, u2)::numeric, 4) AS e, relative_development_grade(u1, u2) AS en,
       relative_development_grade(u1, u2, lang => 'zh') AS zh
FROM (VALUES (.3, .5), (.4, .5), (.41, .5), (.6, .5), (.61, .5), (.5, 0), (0, 0)) v(u1, u2);
SELECT relative_development_grade(.5, .5, 1.2, 0.8);

-- obstacle degree: by hand, weights (.2, .3, .5) and scores (1, .5, 0)
SELECT abs(o[1]) + abs(o[2] - 0.15 / 0.65) + abs(o[3] - 0.5 / 0.65) < 1e-15 AS by_hand
FROM obstacle_shares('{1,0.5,0}', '{0.2,0.3,0.5}') o;
SELECT obstacle_shares('{1,1}', '{1,1}') IS NULL AS at_ideal;
SELECT r, array_round(obstacle_degree(x, '{0.5,0.3,0.2}', '{1,-1,1}') OVER (), 4) AS shares
FROM (VALUES (1, '{9.2,0.52,41}'::float8[]), (2, '{6.1,0.81,38.5}'), (3, '{12.4,0.47,44.2}'), (4, '{3.3,1.10,36}')) t(r, x)
ORDER BY r;
-- each row's shares sum to 1 (entropy weights by default)
SELECT bool_and(abs(s[1] + s[2] + s[3] - 1) < 1e-15) AS sums_to_one
FROM (SELECT obstacle_degree(x, directions => '{1,-1,1}') OVER () AS s
      FROM (VALUES ('{9.2,0.52,41}'::float8[]), ('{6.1,0.81,38.5}'), ('{3.3,1.10,36}')) t(x)) q
WHERE s IS NOT NULL;

-- parallel plans give the serial aggregate
CREATE TABLE ccd_par AS
SELECT g % 500 AS grp, (1 + sin(g)) / 2 AS u, 1 + g % 3 AS w FROM generate_series(1, 20000) g;
ANALYZE ccd_par;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE ccd_serial AS SELECT grp, coupling_coordination(u, w, 'wang2021') AS r FROM ccd_par GROUP BY grp;
CREATE TEMP TABLE ccd_serial_all AS SELECT coupling_coordination(u, w, 'wang2021') AS r FROM ccd_par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT coupling_coordination(u, w, 'wang2021') FROM ccd_par;
SELECT abs((p.r).d - (s.r).d) < 1e-12 AND abs((p.r).t - (s.r).t) < 1e-12 AS same
FROM (SELECT coupling_coordination(u, w, 'wang2021') AS r FROM ccd_par) p, ccd_serial_all s;
SELECT count(*) AS groups, bool_and(abs((p.r).d - (s.r).d) < 1e-12) AS same
FROM (SELECT grp, coupling_coordination(u, w, 'wang2021') AS r FROM ccd_par GROUP BY grp) p JOIN ccd_serial s USING (grp);
RESET ALL;
DROP TABLE ccd_vectors, ccd_par;
