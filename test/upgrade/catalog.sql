-- test/upgrade/catalog.sql: a normalized listing of every object of the
-- synergy and synergy_postgis extensions, one sorted line per fact, so two
-- databases can be compared with diff: one upgraded from a released version,
-- one installed fresh (test/stages/70_upgrade.sh).  What it lists:
--   owns      membership (the dependency of each object on its extension)
--   def       functions and procedures: pg_get_functiondef (body or C symbol,
--             arguments and defaults, result, language, volatility,
--             strictness, parallel safety, SECURITY DEFINER, LEAKPROOF, COST,
--             ROWS, SET options)
--   fn        the same from pg_proc, column by column (prosrc, probin,
--             proconfig, provolatile, proisstrict, proparallel, ...), for
--             functions and aggregates alike
--   agg       every pg_aggregate column that defines an aggregate: kind, direct
--             arguments, transition/final/combine/serial/deserial functions,
--             moving-aggregate functions, final extra/modify, sort operator,
--             state types, space estimates, initial values
--   type      types: kind, length, by-value, alignment, storage, category,
--             I/O functions, element type, NOT NULL / default / constraints of
--             domains, enum labels in order
--   attr      attributes of composite types and tables (type, NOT NULL,
--             default), with column comments
--   rel       tables, sequences, views: kind, persistence, options, row level
--             security, view text; constraints, indexes, triggers, policies,
--             sequence parameters
--   acl       the ACL of every object, and pg_init_privs (the privileges the
--             extension scripts granted, which pg_dump restores)
--   comment   comments on every object
--   dep       every dependency of a member on another object (not the
--             extension): types of arguments, support functions, ...
--   ext       the extension rows: version, schema, relocatable, requires,
--             configuration tables and their conditions
\pset format unaligned
\pset tuples_only on
WITH members AS (
  SELECT e.extname, d.classid, d.objid
  FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
  WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype::text = 'e'
    AND e.extname IN ('synergy', 'synergy_postgis')),
ident AS (
  SELECT m.*, (pg_identify_object(m.classid, m.objid, 0)).type AS otype,
         (pg_identify_object(m.classid, m.objid, 0)).identity AS oid_name
  FROM members m),
procs AS (
  SELECT p.*, i.extname FROM ident i JOIN pg_proc p ON i.classid = 'pg_proc'::regclass AND p.oid = i.objid),
rels AS (
  SELECT c.*, i.extname FROM ident i JOIN pg_class c ON i.classid = 'pg_class'::regclass AND c.oid = i.objid)
SELECT regexp_replace(line, '\s+', ' ', 'g') FROM (   -- one line per fact
  -- membership: which extension owns what
  SELECT i.extname || ' owns ' || i.otype || ' ' || i.oid_name AS line
  FROM ident i
  UNION ALL
  -- plain and window functions, procedures: the whole definition
  SELECT 'def ' || p.oid::regprocedure::text || ': ' || regexp_replace(pg_get_functiondef(p.oid), '\s+', ' ', 'g')
  FROM procs p WHERE p.prokind::text <> 'a'
  UNION ALL
  -- every pg_proc column that defines a function (aggregates too)
  SELECT 'fn ' || p.oid::regprocedure::text || ': ' || concat_ws(' | ',
         'kind=' || p.prokind::text, 'lang=' || l.lanname, 'volatile=' || p.provolatile::text,
         'strict=' || p.proisstrict, 'parallel=' || p.proparallel::text, 'secdef=' || p.prosecdef,
         'leakproof=' || p.proleakproof, 'cost=' || p.procost, 'rows=' || p.prorows,
         'support=' || p.prosupport::regproc::text, 'retset=' || p.proretset,
         'result=' || pg_get_function_result(p.oid), 'args=' || pg_get_function_arguments(p.oid),
         'config=' || coalesce(p.proconfig::text, '-'), 'src=' || coalesce(regexp_replace(p.prosrc, '\s+', ' ', 'g'), '-'),
         'bin=' || coalesce(p.probin, '-'), 'variadic=' || p.provariadic::regtype::text)
  FROM procs p JOIN pg_language l ON l.oid = p.prolang
  UNION ALL
  -- aggregates
  SELECT 'agg ' || p.oid::regprocedure::text || ': ' || concat_ws(' | ',
         'kind=' || a.aggkind::text, 'direct=' || a.aggnumdirectargs,
         'sfunc=' || a.aggtransfn::regproc::text, 'final=' || a.aggfinalfn::regproc::text,
         'combine=' || a.aggcombinefn::regproc::text, 'serial=' || a.aggserialfn::regproc::text,
         'deserial=' || a.aggdeserialfn::regproc::text, 'msfunc=' || a.aggmtransfn::regproc::text,
         'minvfunc=' || a.aggminvtransfn::regproc::text, 'mfinal=' || a.aggmfinalfn::regproc::text,
         'finalextra=' || a.aggfinalextra, 'mfinalextra=' || a.aggmfinalextra,
         'finalmodify=' || a.aggfinalmodify::text, 'mfinalmodify=' || a.aggmfinalmodify::text,
         'sortop=' || a.aggsortop::regoperator::text, 'stype=' || a.aggtranstype::regtype::text,
         'sspace=' || a.aggtransspace, 'mstype=' || a.aggmtranstype::regtype::text,
         'msspace=' || a.aggmtransspace, 'initcond=' || coalesce(a.agginitval, '-'),
         'minitcond=' || coalesce(a.aggminitval, '-'))
  FROM procs p JOIN pg_aggregate a ON a.aggfnoid = p.oid
  UNION ALL
  -- types (composite types' attributes below)
  SELECT 'type ' || t.oid::regtype::text || ': ' || concat_ws(' | ',
         'kind=' || t.typtype::text, 'len=' || t.typlen, 'byval=' || t.typbyval, 'align=' || t.typalign::text,
         'storage=' || t.typstorage::text, 'category=' || t.typcategory::text, 'preferred=' || t.typispreferred,
         'in=' || t.typinput::regproc::text, 'out=' || t.typoutput::regproc::text,
         'recv=' || t.typreceive::regproc::text, 'send=' || t.typsend::regproc::text,
         'elem=' || t.typelem::regtype::text, 'array=' || t.typarray::regtype::text,
         'base=' || t.typbasetype::regtype::text, 'notnull=' || t.typnotnull,
         'default=' || coalesce(t.typdefault, '-'), 'collation=' || t.typcollation,
         'labels=' || coalesce((SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
                                FROM pg_enum e WHERE e.enumtypid = t.oid), '-'),
         'checks=' || coalesce((SELECT string_agg(pg_get_constraintdef(c.oid), ', ' ORDER BY c.conname)
                                FROM pg_constraint c WHERE c.contypid = t.oid), '-'))
  FROM ident i JOIN pg_type t ON i.classid = 'pg_type'::regclass AND t.oid = i.objid
  UNION ALL
  -- attributes of composite types and tables, with their comments
  SELECT 'attr ' || c.oid::regclass::text || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
         || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
         || coalesce(' default ' || pg_get_expr(ad.adbin, ad.adrelid), '')
         || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END
         || CASE WHEN a.attgenerated <> '' THEN ' generated ' || a.attgenerated::text ELSE '' END
         || coalesce(' comment ' || col_description(c.oid, a.attnum), '')
  FROM pg_class c
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
  WHERE c.oid IN (SELECT t.typrelid FROM ident i JOIN pg_type t ON i.classid = 'pg_type'::regclass AND t.oid = i.objid
                  UNION SELECT r.oid FROM rels r)
  UNION ALL
  -- relations: kind, persistence, options, view definitions
  SELECT 'rel ' || r.oid::regclass::text || ': ' || concat_ws(' | ', 'kind=' || r.relkind::text,
         'persistence=' || r.relpersistence::text, 'options=' || coalesce(r.reloptions::text, '-'),
         'rls=' || r.relrowsecurity, 'view=' || coalesce(regexp_replace(pg_get_viewdef(r.oid), '\s+', ' ', 'g'), '-'))
  FROM rels r
  UNION ALL
  SELECT 'rel ' || c.conrelid::regclass::text || ' constraint ' || c.conname || ': ' || pg_get_constraintdef(c.oid)
  FROM pg_constraint c WHERE c.conrelid IN (SELECT oid FROM rels)
  UNION ALL
  SELECT 'rel ' || x.indrelid::regclass::text || ' index: ' || regexp_replace(pg_get_indexdef(x.indexrelid), ' INDEX \S+ ON ', ' INDEX ON ')
  FROM pg_index x WHERE x.indrelid IN (SELECT oid FROM rels)
  UNION ALL
  SELECT 'rel ' || g.tgrelid::regclass::text || ' trigger: ' || pg_get_triggerdef(g.oid)
  FROM pg_trigger g WHERE g.tgrelid IN (SELECT oid FROM rels) AND NOT g.tgisinternal
  UNION ALL
  SELECT 'rel ' || po.polrelid::regclass::text || ' policy ' || po.polname || ': ' || concat_ws(' ',
         po.polcmd::text, po.polpermissive, po.polroles::regrole[]::text,
         pg_get_expr(po.polqual, po.polrelid), pg_get_expr(po.polwithcheck, po.polrelid))
  FROM pg_policy po WHERE po.polrelid IN (SELECT oid FROM rels)
  UNION ALL
  SELECT 'rel ' || s.seqrelid::regclass::text || ' sequence: ' || concat_ws(' ', s.seqtypid::regtype::text,
         s.seqstart, s.seqincrement, s.seqmax, s.seqmin, s.seqcache, s.seqcycle)
  FROM pg_sequence s WHERE s.seqrelid IN (SELECT oid FROM rels)
  UNION ALL
  -- ACLs of every member, and the initial privileges the scripts left
  SELECT 'acl ' || i.otype || ' ' || i.oid_name || ': ' || coalesce(
         CASE i.classid
           WHEN 'pg_proc'::regclass THEN (SELECT proacl::text FROM pg_proc WHERE oid = i.objid)
           WHEN 'pg_class'::regclass THEN (SELECT relacl::text FROM pg_class WHERE oid = i.objid)
           WHEN 'pg_type'::regclass THEN (SELECT typacl::text FROM pg_type WHERE oid = i.objid)
           WHEN 'pg_namespace'::regclass THEN (SELECT nspacl::text FROM pg_namespace WHERE oid = i.objid)
         END, 'default')
  FROM ident i
  UNION ALL
  SELECT 'acl init ' || (pg_identify_object(ip.classoid, ip.objoid, ip.objsubid)).identity || ' '
         || ip.privtype::text || ': ' || ip.initprivs::text
  FROM pg_init_privs ip
  WHERE (ip.classoid, ip.objoid) IN (SELECT classid, objid FROM members)
  UNION ALL
  -- comments on every member
  SELECT 'comment ' || i.oid_name || ': ' || d.description
  FROM ident i JOIN pg_description d ON d.classoid = i.classid AND d.objoid = i.objid AND d.objsubid = 0
  UNION ALL
  -- what each member depends on, but the extension itself
  SELECT 'dep ' || i.otype || ' ' || i.oid_name || ' -> '
         || pg_describe_object(d.refclassid, d.refobjid, d.refobjsubid) || ' (' || d.deptype::text || ')'
  FROM ident i JOIN pg_depend d ON d.classid = i.classid AND d.objid = i.objid
  WHERE d.refclassid <> 'pg_extension'::regclass
  UNION ALL
  -- the extensions: version, schema, requirements, configuration tables
  SELECT 'ext ' || e.extname || ': ' || concat_ws(' | ', 'version=' || e.extversion,
         'schema=' || e.extnamespace::regnamespace::text, 'relocatable=' || e.extrelocatable,
         'requires=' || coalesce((SELECT string_agg(r.extname, ',' ORDER BY r.extname)
                                  FROM pg_depend d JOIN pg_extension r ON r.oid = d.refobjid
                                  WHERE d.classid = 'pg_extension'::regclass AND d.objid = e.oid
                                    AND d.refclassid = 'pg_extension'::regclass), '-'))
  FROM pg_extension e WHERE e.extname IN ('synergy', 'synergy_postgis')
  UNION ALL
  SELECT 'ext ' || e.extname || ' config ' || cfg.t::regclass::text || ' where ' || coalesce(cfg.c, '-')
  FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS cfg(t, c)
  WHERE e.extname IN ('synergy', 'synergy_postgis')
) s
ORDER BY line;
