-- within-city and between-city coupling coordination, and the synergy index
\set year random(2010, 2019)
SELECT region, d, grade FROM synergy_pipeline.city_ccd WHERE year = :year;
SELECT agglomeration, d_t FROM synergy_pipeline.synergy_index WHERE year = :year;
