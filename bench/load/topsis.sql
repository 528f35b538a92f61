-- E-TOPSIS of every subsystem for one year, gaps filled (the pipeline's U1..U6)
\set year random(2010, 2019)
SELECT count(*), sum(u) FROM synergy_pipeline.subsystem_scores WHERE year = :year;
