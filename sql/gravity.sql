-- The gravity model: strength, mass, coefficient, tiers, linkage and
-- delimitation, with every awkward input and its SQLSTATE.
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;

-- T = k Qi^a Qj^b / d^r, by hand
SELECT gravity_strength(2, 3, 10) AS t_default,                       -- 6 / 100
       gravity_strength(4, 9, 2, k => 2, alpha => 0.5, beta => 0.5, r => 1) AS t_params,  -- 2*2*3/2
       gravity_strength(1e300, 1e300, 1e300) AS big_ok,
       gravity_strength(NULL, 3, 10) IS NULL AS strict;
SELECT gravity_mass(100, 400) AS mass, gravity_coefficient(3, 1) AS k31, gravity_coefficient(1e308, 1e308) AS k_huge;
SELECT gravity_tier(0.5) AS t1, gravity_tier(0.3) AS t1_edge, gravity_tier(0.2) AS t2,
       gravity_tier(0.06) AS t3, gravity_tier(0.01) IS NULL AS outside,
       gravity_tier(0.15, ARRAY[0.5, 0.2, 0.1, 0.01]) AS custom;

SELECT pg_temp.err($$SELECT gravity_strength(2, 3, 0)$$);
SELECT pg_temp.err($$SELECT gravity_strength(2, 3, -5)$$);
SELECT pg_temp.err($$SELECT gravity_strength(2, 3, 'NaN')$$);
SELECT pg_temp.err($$SELECT gravity_strength(-2, 3, 10)$$);
SELECT pg_temp.err($$SELECT gravity_strength(2, 0, 10)$$);
SELECT pg_temp.err($$SELECT gravity_strength(2, 3, 10, k => 0)$$);
SELECT pg_temp.err($$SELECT gravity_strength(2, 3, 10, r => -1)$$);
SELECT pg_temp.err($$SELECT gravity_strength(2, 3, 10, alpha => 'Infinity')$$);
SELECT pg_temp.err($$SELECT gravity_strength(1e300, 1e300, 1e-10)$$);
SELECT pg_temp.err($$SELECT gravity_mass(-1, 5)$$);
SELECT pg_temp.err($$SELECT gravity_coefficient(0, 5)$$);
SELECT pg_temp.err($$SELECT gravity_tier(1.5)$$);
SELECT pg_temp.err($$SELECT gravity_tier(0.5, ARRAY[0.1, 0.2])$$);
SELECT pg_temp.err($$SELECT gravity_tier(0.5, ARRAY[0.5, NULL])$$);
\set VERBOSITY default
SELECT gravity_strength(2, 3, 0);
\set VERBOSITY terse

-- linkage of four cities: membership sums to 1 per city, one strongest partner
CREATE TABLE city (id text, q float8, lon float8, lat float8, gdp float8);
INSERT INTO city VALUES ('W', 5, 114.30, 30.59, 100), ('C', 4, 112.94, 28.23, 80),
                        ('N', 2, 115.86, 28.68, 40), ('X', 1, 113.92, 30.92, 10);
CREATE TABLE links AS
SELECT l.* FROM gravity_linkage((SELECT array_agg(id ORDER BY id) FROM city), (SELECT array_agg(q ORDER BY id) FROM city),
                                (SELECT array_agg(lon ORDER BY id) FROM city), (SELECT array_agg(lat ORDER BY id) FROM city)) l;
SELECT i, j, round(distance::numeric, 3) AS km, round((strength * 1e6)::numeric, 4) AS t_e6,
       round(membership::numeric, 4) AS f, strongest FROM links ORDER BY i, j;
SELECT i, round(sum(membership)::numeric, 12) AS sum_f, count(*) FILTER (WHERE strongest) AS n_strongest,
       bool_and(abs(total - (SELECT sum(strength) FROM links l2 WHERE l2.i = links.i)) < 1e-18) AS total_ok
FROM links GROUP BY i ORDER BY i;
-- T_ij from gravity_strength with the same distance
SELECT bool_and(abs(strength - gravity_strength(a.q, b.q, distance)) <= 1e-15 * strength) AS same_as_scalar
FROM links JOIN city a ON a.id = i JOIN city b ON b.id = j;

-- the same with a distance matrix (diagonal NULL), and directional k
WITH d AS (SELECT array_agg(rw ORDER BY a) AS m FROM (
  SELECT a.id a, array_agg(l.distance ORDER BY b.id) rw
  FROM city a CROSS JOIN city b LEFT JOIN links l ON l.i = a.id AND l.j = b.id GROUP BY a.id) s)
SELECT bool_and(abs(m.strength - l.strength) <= 1e-15 * l.strength) AS matrix_same
FROM d, gravity_linkage(ARRAY['C','N','W','X'], ARRAY[4,2,5,1]::float8[], d.m) m JOIN links l USING (i, j);
SELECT i, j, round((strength * 1e6)::numeric, 4) AS t_e6
FROM gravity_linkage(ARRAY['A','B'], ARRAY[1,1]::float8[], ARRAY[[NULL,10],[10,NULL]]::float8[],
                     directional => ARRAY[3,1]::float8[]) ORDER BY i;
SELECT i, j, strength FROM gravity_linkage(ARRAY['A','B'], ARRAY[1,1]::float8[], ARRAY[[0,10],[20,0]]::float8[]) ORDER BY i;

-- fewer than two cities, NULL arrays: no rows
SELECT count(*) FROM gravity_linkage(ARRAY['A'], ARRAY[1]::float8[], ARRAY[114]::float8[], ARRAY[30]::float8[]);
SELECT count(*) FROM gravity_linkage(ARRAY[]::text[], ARRAY[]::float8[], ARRAY[]::float8[], ARRAY[]::float8[]);
SELECT count(*) FROM gravity_linkage(NULL::text[], ARRAY[1]::float8[], ARRAY[114]::float8[], ARRAY[30]::float8[]);

SELECT pg_temp.err($$SELECT * FROM gravity_linkage(ARRAY['A','B'], ARRAY[1,2]::float8[], ARRAY[114,114]::float8[], ARRAY[30,30]::float8[])$$);
SELECT pg_temp.err($$SELECT * FROM gravity_linkage(ARRAY['A','B'], ARRAY[1,-2]::float8[], ARRAY[114,115]::float8[], ARRAY[30,30]::float8[])$$);
SELECT pg_temp.err($$SELECT * FROM gravity_linkage(ARRAY['A','B'], ARRAY[1]::float8[], ARRAY[114,115]::float8[], ARRAY[30,30]::float8[])$$);
SELECT pg_temp.err($$SELECT * FROM gravity_linkage(ARRAY['A',NULL], ARRAY[1,2]::float8[], ARRAY[114,115]::float8[], ARRAY[30,30]::float8[])$$);
SELECT pg_temp.err($$SELECT * FROM gravity_linkage(ARRAY['A','B'], ARRAY[1,2]::float8[], ARRAY[114,115]::float8[], ARRAY[30,95]::float8[])$$);
SELECT pg_temp.err($$SELECT * FROM gravity_linkage(ARRAY['A','B','A'], ARRAY[1,2,3]::float8[], ARRAY[114,115,116]::float8[], ARRAY[30,30,30]::float8[])$$);
SELECT pg_temp.err($$SELECT * FROM gravity_linkage(ARRAY['A','B'], ARRAY[1,2]::float8[], ARRAY[114,115]::float8[], ARRAY[30,30]::float8[], k => NULL)$$);
SELECT pg_temp.err($$SELECT * FROM gravity_linkage(ARRAY['A','B'], ARRAY[1,2]::float8[], ARRAY[1,2,3,4]::float8[])$$);
SELECT pg_temp.err($$SELECT * FROM gravity_linkage(ARRAY['A','B'], ARRAY[1,2]::float8[], ARRAY[[0,NULL],[3,0]]::float8[])$$);
SELECT pg_temp.err($$SELECT * FROM gravity_linkage(ARRAY['A','B'], ARRAY[1,2]::float8[], ARRAY[[0,-1],[3,0]]::float8[])$$);
SELECT pg_temp.err($$SELECT * FROM gravity_linkage(ARRAY['A','B'], ARRAY[1,2]::float8[], ARRAY[[0,1],[3,0]]::float8[], directional => ARRAY[1,0]::float8[])$$);

-- delimitation: centres W and C, default and custom thresholds
SELECT * FROM gravity_delimit(ARRAY['C','N','W','X'], ARRAY[4,2,5,1]::float8[],
                              ARRAY[112.94,115.86,114.30,113.92], ARRAY[28.23,28.68,30.59,30.92],
                              centres => ARRAY['W','C']) ORDER BY tier, id;
SELECT id, centre, tier FROM gravity_delimit(ARRAY['C','N','W','X'], ARRAY[4,2,5,1]::float8[],
                              ARRAY[112.94,115.86,114.30,113.92], ARRAY[28.23,28.68,30.59,30.92],
                              centres => ARRAY['W'], thresholds => ARRAY[0.9, 0.5]) ORDER BY id;
-- the distances overload with the haversine matrix gives the same delimitation
WITH d AS (SELECT array_agg(rw ORDER BY a) AS m FROM (
  SELECT a.id a, array_agg(l.distance ORDER BY b.id) rw
  FROM city a CROSS JOIN city b LEFT JOIN links l ON l.i = a.id AND l.j = b.id GROUP BY a.id) s)
SELECT m.id, m.centre, m.tier, abs(m.membership - c.membership) < 1e-15 AS same_membership
FROM d, gravity_delimit(ARRAY['C','N','W','X'], ARRAY[4,2,5,1]::float8[], d.m, ARRAY['W','C']) m
JOIN gravity_delimit(ARRAY['C','N','W','X'], ARRAY[4,2,5,1]::float8[],
                     ARRAY[112.94,115.86,114.30,113.92], ARRAY[28.23,28.68,30.59,30.92], ARRAY['W','C']) c
  ON c.id = m.id AND c.centre = m.centre AND c.tier = m.tier
ORDER BY m.id;
SELECT pg_temp.err($$SELECT * FROM gravity_delimit(ARRAY['C','N'], ARRAY[4,2]::float8[], ARRAY[112.9,115.8], ARRAY[28.2,28.6], ARRAY['Z'])$$);
SELECT pg_temp.err($$SELECT * FROM gravity_delimit(ARRAY['C','N'], ARRAY[4,2]::float8[], ARRAY[112.9,115.8], ARRAY[28.2,28.6], ARRAY[]::text[])$$);
SELECT pg_temp.err($$SELECT * FROM gravity_delimit(ARRAY['C','N'], ARRAY[4,2]::float8[], ARRAY[[0,5],[5,0]]::float8[], ARRAY['C'], ARRAY[0.1, 0.3])$$);
