-- Run in a UTF8 database with psql -v enc=NAME: what labels.sql must print in a database
-- of encoding NAME.  A label comes out whole where PostgreSQL's own conversion
-- (convert_to) can represent every character of it, else 22P05.  SQL_ASCII stores the
-- UTF-8 bytes as they are; MULE_INTERNAL is reached through EUC_CN.
\set ON_ERROR_STOP on
CREATE FUNCTION pg_temp.expect(q text, enc text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  r text;
BEGIN
  EXECUTE q INTO r;
  IF enc IN ('UTF8', 'SQL_ASCII') THEN
    RETURN r;
  ELSIF enc = 'MULE_INTERNAL' THEN
    PERFORM convert_to(r, 'EUC_CN');
  ELSE
    PERFORM convert_to(r, enc);
  END IF;
  RETURN r;
EXCEPTION WHEN untranslatable_character THEN
  RETURN 'ERROR 22P05 with the hint';
END $$;
SELECT 'ccd_grade(' || d || ', ''zh''): ' || pg_temp.expect(format('SELECT ccd_grade(%s, ''zh'')', d), :'enc')
FROM (SELECT ((k - 0.5) / 10)::float8 AS d FROM generate_series(1, 10) k) s ORDER BY d;
SELECT 'ccd_grade(0.55) (default lang): ' || pg_temp.expect('SELECT ccd_grade(0.55)', :'enc');
SELECT 'relative_development_grade(' || u1 || ', ' || u2 || ', lang => ''zh''): '
       || pg_temp.expect(format('SELECT relative_development_grade(%s, %s, lang => ''zh'')', u1, u2), :'enc')
FROM (VALUES (0.1, 0.9), (0.5, 0.5), (0.9, 0.1)) v(u1, u2) ORDER BY u1;
