-- entropy and CRITIC weights of one subsystem's indicators over one year's cities
\set year random(2010, 2019)
\set sub random(1, 6)
SELECT entropy_weights(x, dirs), critic_weights(x, dirs)
FROM (SELECT p.region_code, array_agg(coalesce(p.value, 0) ORDER BY p.indicator_code) AS x,
             array_agg(i.direction ORDER BY p.indicator_code) AS dirs
      FROM synergy_sample.panel p JOIN synergy_sample.indicator i ON i.code = p.indicator_code
      WHERE p.year = :year AND i.subsystem_order = :sub
      GROUP BY p.region_code) s;
