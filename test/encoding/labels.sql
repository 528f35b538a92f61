-- The Chinese labels of synergy in the current database (test/stages/82_encoding.sh):
-- each either comes out whole or fails with 22P05 and the hint; nothing else is accepted.
\set ON_ERROR_STOP on
CREATE FUNCTION pg_temp.try_label(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  r text;
  h text;
BEGIN
  EXECUTE q INTO r;
  RETURN r;
EXCEPTION WHEN untranslatable_character THEN
  GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
  RETURN 'ERROR 22P05' || CASE WHEN h LIKE '%''en''%UTF8%' THEN ' with the hint' ELSE ' without the hint' END;
END $$;
SELECT 'ccd_grade(' || d || ', ''zh''): ' || pg_temp.try_label(format('SELECT ccd_grade(%s, ''zh'')', d))
FROM (SELECT ((k - 0.5) / 10)::float8 AS d FROM generate_series(1, 10) k) s ORDER BY d;
SELECT 'ccd_grade(0.55) (default lang): ' || pg_temp.try_label('SELECT ccd_grade(0.55)');
SELECT 'relative_development_grade(' || u1 || ', ' || u2 || ', lang => ''zh''): '
       || pg_temp.try_label(format('SELECT relative_development_grade(%s, %s, lang => ''zh'')', u1, u2))
FROM (VALUES (0.1, 0.9), (0.5, 0.5), (0.9, 0.1)) v(u1, u2) ORDER BY u1;
