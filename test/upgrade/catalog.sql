-- test/upgrade/catalog.sql: a normalized listing of every object of the
-- synergy and synergy_postgis extensions (functions with their full
-- definitions, aggregates with their support functions and options, types
-- with their attributes, tables, comments), one sorted line per fact, so two
-- databases can be compared with diff: one upgraded from 0.1.0, one
-- installed fresh (test/stages/70_upgrade.sh).
\pset format unaligned
\pset tuples_only on
WITH members AS (
  SELECT e.extname, d.classid, d.objid
  FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
  WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
    AND e.extname IN ('synergy', 'synergy_postgis'))
SELECT line FROM (
  -- membership: which extension owns what
  SELECT m.extname || ' owns ' || (pg_identify_object(m.classid, m.objid, 0)).type || ' '
         || (pg_identify_object(m.classid, m.objid, 0)).identity AS line
  FROM members m
  UNION ALL
  -- plain and window functions, procedures: the whole definition
  SELECT 'def ' || p.oid::regprocedure::text || ': ' || regexp_replace(pg_get_functiondef(p.oid), '\s+', ' ', 'g')
  FROM members m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
  WHERE p.prokind <> 'a'
  UNION ALL
  -- aggregates
  SELECT 'agg ' || p.oid::regprocedure::text || ': ' || concat_ws(' ', a.aggkind, a.aggnumdirectargs,
         a.aggtransfn::regproc, a.aggfinalfn::regproc, a.aggcombinefn::regproc, a.aggserialfn::regproc,
         a.aggdeserialfn::regproc, a.aggmtransfn::regproc, a.aggfinalextra, a.aggfinalmodify,
         a.aggtranstype::regtype, a.aggtransspace, a.agginitval, p.provolatile, p.proparallel, p.proisstrict,
         pg_get_function_arguments(p.oid), pg_get_function_result(p.oid))
  FROM members m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
  JOIN pg_aggregate a ON a.aggfnoid = p.oid
  UNION ALL
  -- attributes of types and tables
  SELECT 'attr ' || c.oid::regclass::text || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
         || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
         || coalesce(' default ' || pg_get_expr(ad.adbin, ad.adrelid), '')
  FROM members m
  JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid AND t.typrelid <> 0
  JOIN pg_class c ON c.oid = t.typrelid
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
  UNION ALL
  SELECT 'attr ' || c.oid::regclass::text || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
         || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
         || coalesce(' default ' || pg_get_expr(ad.adbin, ad.adrelid), '')
  FROM members m
  JOIN pg_class c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
  UNION ALL
  -- comments on every member
  SELECT 'comment ' || (pg_identify_object(m.classid, m.objid, 0)).identity || ': ' || d.description
  FROM members m JOIN pg_description d ON d.classoid = m.classid AND d.objoid = m.objid AND d.objsubid = 0
  UNION ALL
  -- configuration tables dumped with the extension
  SELECT 'config ' || e.extname || ' ' || cfg::regclass::text
  FROM pg_extension e, unnest(e.extconfig) cfg
  WHERE e.extname IN ('synergy', 'synergy_postgis')
  UNION ALL
  SELECT 'version ' || extname || ' ' || extversion FROM pg_extension
  WHERE extname IN ('synergy', 'synergy_postgis')
) s
ORDER BY line;
