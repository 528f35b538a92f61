-- test/attack/traps.sql: run by the attacker (a non-superuser database
-- owner, or a plain role granted CREATE on public), in a database where a
-- superuser installed postgis (and, in the second round, synergy and
-- synergy_postgis) in schema public.  It plants objects in public that
-- would capture an unqualified or loosely typed reference made by the
-- extensions' SQL and PL/pgSQL bodies, or by their install scripts:
--   * operators: arithmetic, comparison, ||, LIKE and PostGIS's spatial
--     operators on every plausible pair of argument types, exact duplicates
--     of pg_catalog's (they win when public precedes pg_catalog) and
--     better matches (float8 / bigint, geography[] || geography, ...);
--   * functions: for every function name the extensions' bodies call (read
--     from pg_proc.prosrc of their SQL and PL/pgSQL functions, so a new body
--     is covered without editing this file), overloads with one argument
--     type swapped for a confusable one (int4 for float8, name for text, a
--     domain over geometry for geometry, ...), with concrete types for
--     polymorphic and VARIADIC "any" arguments, and without their defaulted
--     arguments;
--   * a table with columns of attacker-made domains (over int8, geometry,
--     float8), for the functions that read a table the caller names.
-- Every trap function records its call, with the role it ran as, in
-- public.trap_log (insertable by everyone), after a WARNING "attack trap:"
-- (seen even where the INSERT cannot run: a read-only query of PostGIS).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET search_path = pg_catalog;

CREATE TABLE IF NOT EXISTS public.trap_log (
	id bigserial PRIMARY KEY,
	trap text NOT NULL,
	cur_user name NOT NULL DEFAULT current_user,
	-- which call of test/attack/calls.sql was running (set by the victim's harness)
	block text DEFAULT current_setting('attack.block', true),
	at timestamptz NOT NULL DEFAULT clock_timestamp());
GRANT SELECT, INSERT, DELETE ON public.trap_log TO PUBLIC;
GRANT USAGE ON SEQUENCE public.trap_log_id_seq TO PUBLIC;

DO $$
BEGIN
	IF to_regtype('public.att_geom') IS NULL THEN
		CREATE DOMAIN public.att_geom AS public.geometry;
		CREATE DOMAIN public.att_f8 AS float8;
		CREATE DOMAIN public.att_id AS int8;
		CREATE DOMAIN public.att_text AS text;
		CREATE TABLE public.att_regions (id public.att_id, geom public.att_geom, v public.att_f8);
		INSERT INTO public.att_regions
		SELECT g, public.st_makeenvelope(g % 3, g / 3, g % 3 + 1, g / 3 + 1, 0), g * 1.5
		  FROM generate_series(0, 8) g;
		GRANT SELECT ON public.att_regions TO PUBLIC;
	END IF;
END
$$;

-- mk(name, argument types, return type, returns set): one trap function
CREATE OR REPLACE FUNCTION pg_temp.mk(fname text, args regtype[], ret regtype, retset boolean) RETURNS int
LANGUAGE plpgsql SET search_path = pg_catalog AS $mk$
DECLARE
	label text := fname || '(' || coalesce(array_to_string(args::text[], ', '), '') || ') by ' || current_user;
	body text;
BEGIN
	IF ret = 'void'::regtype THEN
		body := format('BEGIN RAISE WARNING ''attack trap: %%'', %L; INSERT INTO public.trap_log (trap) VALUES (%L); END', label, label);
	ELSIF retset THEN
		body := format('BEGIN RAISE WARNING ''attack trap: %%'', %L; INSERT INTO public.trap_log (trap) VALUES (%L); RETURN; END', label, label);
	ELSE
		body := format('BEGIN RAISE WARNING ''attack trap: %%'', %L; INSERT INTO public.trap_log (trap) VALUES (%L); RETURN NULL; END', label, label);
	END IF;
	EXECUTE format('CREATE FUNCTION public.%I(%s) RETURNS %s%s LANGUAGE plpgsql SET search_path = pg_catalog AS %L',
				   fname, coalesce(array_to_string(args::text[], ', '), ''),
				   CASE WHEN retset THEN 'SETOF ' ELSE '' END, ret::text, body);
	RETURN 1;
EXCEPTION WHEN OTHERS THEN
	RETURN 0;	-- exists already (PostGIS's own, an earlier trap), or not a valid signature
END
$mk$;

CREATE OR REPLACE FUNCTION pg_temp.mkop(op text, l regtype, r regtype, ret regtype) RETURNS int
LANGUAGE plpgsql SET search_path = pg_catalog AS $mk$
DECLARE
	fn text := 'att_op_' || md5(op || l::text || r::text);
BEGIN
	EXECUTE format('CREATE FUNCTION public.%I(%s, %s) RETURNS %s LANGUAGE plpgsql SET search_path = pg_catalog AS %L',
				   fn, l, r, ret,
				   format('BEGIN RAISE WARNING ''attack trap: %%'', %L; INSERT INTO public.trap_log (trap) VALUES (%L); RETURN NULL; END',
						  format('operator %s(%s, %s) by %s', op, l, r, current_user),
						  format('operator %s(%s, %s) by %s', op, l, r, current_user)));
	EXECUTE format('CREATE OPERATOR public.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = public.%I)', op, l, r, fn);
	RETURN 1;
EXCEPTION WHEN OTHERS THEN
	RETURN 0;	-- made in the first round already
END
$mk$;

CREATE TEMP TABLE made (kind text, n int);

-- operators
DO $$
DECLARE
	num regtype[] := ARRAY['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'public.att_f8', 'public.att_id']::regtype[];
	cmp regtype[] := ARRAY['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'public.att_f8', 'public.att_id',
						   'text', 'name', 'varchar', 'bool', 'oid', '"char"', 'regclass', 'public.att_text',
						   'timestamptz', 'jsonb']::regtype[];
	elems regtype[] := ARRAY['float8', 'int4', 'int8', 'text', 'name', 'timestamptz', 'bool',
							 'public.geometry', 'public.geography']::regtype[];
	geo regtype[] := ARRAY['public.geometry', 'public.geography', 'public.box2d', 'public.att_geom']::regtype[];
	op text; l regtype; r regtype; e regtype; n int := 0;
BEGIN
	FOREACH op IN ARRAY ARRAY['+', '-', '*', '/', '%', '^'] LOOP
		FOREACH l IN ARRAY num LOOP FOREACH r IN ARRAY num LOOP
			n := n + pg_temp.mkop(op, l, r, 'float8');
		END LOOP; END LOOP;
	END LOOP;
	FOREACH op IN ARRAY ARRAY['=', '<>', '<', '>', '<=', '>=', '~~', '!~~', '~'] LOOP
		FOREACH l IN ARRAY cmp LOOP FOREACH r IN ARRAY cmp LOOP
			IF op IN ('~~', '!~~', '~') AND NOT (l::text IN ('text', 'name', 'character varying', 'att_text', 'public.att_text')
												 AND r::text IN ('text', 'name', 'character varying', 'att_text', 'public.att_text')) THEN
				CONTINUE;
			END IF;
			n := n + pg_temp.mkop(op, l, r, 'bool');
		END LOOP; END LOOP;
	END LOOP;
	-- arrays: ||, =, <> and @> on every element type
	FOREACH e IN ARRAY elems LOOP
		n := n + pg_temp.mkop('||', (e::text || '[]')::regtype, e, (e::text || '[]')::regtype);
		n := n + pg_temp.mkop('||', e, (e::text || '[]')::regtype, (e::text || '[]')::regtype);
		n := n + pg_temp.mkop('||', (e::text || '[]')::regtype, (e::text || '[]')::regtype, (e::text || '[]')::regtype);
		FOREACH op IN ARRAY ARRAY['=', '<>', '@>', '<@', '&&'] LOOP
			n := n + pg_temp.mkop(op, (e::text || '[]')::regtype, (e::text || '[]')::regtype, 'bool');
		END LOOP;
	END LOOP;
	FOREACH l IN ARRAY ARRAY['text', 'name', 'varchar', 'public.att_text', 'int4', 'int8', 'float8', 'bool']::regtype[] LOOP
		FOREACH r IN ARRAY ARRAY['text', 'name', 'varchar', 'public.att_text', 'int4', 'int8', 'float8', 'bool']::regtype[] LOOP
			n := n + pg_temp.mkop('||', l, r, 'text');
		END LOOP;
	END LOOP;
	FOREACH op IN ARRAY ARRAY['<->', '&&', '~', '@', '<#>', '&&&', '=', '~='] LOOP
		FOREACH l IN ARRAY geo LOOP FOREACH r IN ARRAY geo LOOP
			n := n + pg_temp.mkop(op, l, r, CASE WHEN op IN ('<->', '<#>') THEN 'float8' ELSE 'bool' END::regtype);
		END LOOP; END LOOP;
	END LOOP;
	INSERT INTO made VALUES ('operators', n);
END
$$;

-- functions: every name the extensions' SQL and PL/pgSQL bodies call, as
-- far as it exists now (in pg_catalog, PostGIS's schema or the extensions')
DO $$
DECLARE
	confusable jsonb := '{
	  "smallint": ["integer", "bigint", "numeric", "double precision", "public.att_id"],
	  "integer": ["smallint", "bigint", "numeric", "double precision", "public.att_id"],
	  "bigint": ["integer", "numeric", "double precision", "public.att_id"],
	  "real": ["double precision", "numeric", "integer"],
	  "double precision": ["integer", "bigint", "numeric", "real", "public.att_f8"],
	  "numeric": ["integer", "bigint", "double precision", "public.att_f8"],
	  "text": ["name", "character varying", "public.att_text", "character"],
	  "name": ["text", "character varying", "public.att_text"],
	  "character varying": ["text", "name"],
	  "geometry": ["public.att_geom", "public.geography", "text"],
	  "geography": ["public.geometry", "text"],
	  "double precision[]": ["integer[]", "numeric[]", "bigint[]"],
	  "bigint[]": ["integer[]", "double precision[]", "numeric[]"],
	  "integer[]": ["bigint[]", "double precision[]"],
	  "text[]": ["name[]", "character varying[]"],
	  "geometry[]": ["public.att_geom[]", "public.geography[]"],
	  "geography[]": ["public.geometry[]"],
	  "boolean": ["integer", "text"],
	  "regclass": ["oid", "text", "name"],
	  "oid": ["regclass", "integer", "bigint"],
	  "anyelement": ["double precision", "bigint", "integer", "text", "public.geometry", "public.geography", "numeric", "name", "boolean"],
	  "anynonarray": ["double precision", "bigint", "integer", "text", "public.geometry", "numeric", "name", "boolean"],
	  "anycompatible": ["double precision", "bigint", "integer", "text", "public.geometry", "numeric"],
	  "anycompatiblenonarray": ["double precision", "bigint", "integer", "text", "public.geometry", "numeric"],
	  "anyarray": ["double precision[]", "bigint[]", "integer[]", "text[]", "public.geometry[]", "public.geography[]", "name[]"],
	  "anycompatiblearray": ["double precision[]", "bigint[]", "integer[]", "text[]", "public.geometry[]", "public.geography[]"],
	  "\"any\"": ["double precision", "bigint", "integer", "text", "name", "boolean", "double precision[]", "text[]", "bigint[]", "numeric", "public.geometry"]
	}';
	fname text; p record; i int; t text; alt text; args text[]; ret text; n int := 0; names text[];
BEGIN
	SELECT array_agg(DISTINCT m[1]) INTO names
	  FROM pg_proc f
	  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = f.oid AND d.deptype = 'e'
	  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname IN ('synergy', 'synergy_postgis')
	 CROSS JOIN LATERAL regexp_matches(lower(f.prosrc), '([a-z_][a-z0-9_]*)\s*\(', 'g') m
	 WHERE f.prolang IN (SELECT oid FROM pg_language WHERE lanname IN ('sql', 'plpgsql'))
	   AND m[1] NOT IN ('if', 'in', 'any', 'all', 'exists', 'values', 'array', 'select', 'from', 'where', 'and', 'or',
						'not', 'over', 'using', 'lateral', 'join', 'on', 'as', 'by', 'filter', 'within', 'row', 'rows',
						'then', 'else', 'when', 'case', 'with', 'ordinality', 'limit', 'returning', 'set', 'into');
	-- the bodies of the extensions are not installed yet in round 1: the
	-- names they call are known from the source all the same
	names := coalesce(names, '{}') || ARRAY['format', 'quote_literal', 'quote_nullable', 'quote_ident', 'concat', 'concat_ws',
		'coalesce', 'nullif', 'greatest', 'least', 'array_agg', 'array_fill', 'array_append', 'array_position', 'array_to_string',
		'string_agg', 'count', 'sum', 'power', 'cosd', 'sind', 'cardinality', 'unnest', 'generate_series', 'round',
		'st_intersects', 'st_relate', 'st_dwithin', 'st_srid', 'st_isempty', 'st_transform', 'st_astext', 'st_distance',
		'st_makeline', 'st_makepoint', 'st_setsrid', 'st_pointonsurface', 'st_x', 'st_y', 'geometrytype',
		'current_setting', 'clock_timestamp', 'pg_backend_pid', 'current_database', 'strpos', 'replace',
		'moran_i', 'local_moran', 'spatial_weights_array', 'gravity_strength', 'gravity_linkage', 'gravity_tier',
		'trend_curve', '_gravity_lonlat', '_gravity_delimit_check', 'refresh_order', 'refresh_pipeline',
		'_refresh_cron_schema', 'schedule', 'unschedule', 'format_type', 'lower', 'upper', 'length', 'abs', 'sqrt'];
	FOR fname IN SELECT DISTINCT x FROM unnest(names) x ORDER BY 1 LOOP
		FOR p IN
			SELECT f.proname, f.proargtypes::regtype[]::text[] AS types, f.pronargdefaults AS ndef,
				   f.prorettype::regtype::text AS ret, f.proretset, f.prokind
			  FROM pg_proc f
			 WHERE f.proname = fname AND f.pronamespace IN ('pg_catalog'::regnamespace, 'public'::regnamespace)
			   AND f.pronargs <= 6 AND f.prokind IN ('f', 'a', 'w', 'p')
			   AND NOT (f.proargtypes::regtype[] && ARRAY['internal', 'cstring', 'trigger', 'event_trigger', 'language_handler']::regtype[])
		LOOP
			-- exact duplicate, and without the defaulted arguments
			FOR i IN 0 .. least(p.ndef, 2) LOOP
				args := p.types[1:cardinality(p.types) - i];
				n := n + pg_temp.mk(fname, coalesce(args, '{}')::regtype[],
									CASE WHEN p.ret LIKE 'any%' OR p.ret IN ('"any"', 'record') THEN 'text' ELSE p.ret END::regtype,
									p.proretset);
			END LOOP;
			-- one argument swapped for a confusable type
			FOR i IN 1 .. coalesce(cardinality(p.types), 0) LOOP
				t := p.types[i];
				CONTINUE WHEN NOT confusable ? t;
				FOR alt IN SELECT jsonb_array_elements_text(confusable -> t) LOOP
					args := p.types;
					args[i] := alt;
					-- polymorphic: the other polymorphic arguments follow
					IF t LIKE 'any%' OR t = '"any"' THEN
						FOR j IN 1 .. cardinality(args) LOOP
							IF args[j] = t THEN args[j] := alt; END IF;
							IF args[j] IN ('anyelement', 'anycompatible', 'anynonarray', 'anycompatiblenonarray') AND alt LIKE '%[]' THEN
								args[j] := left(alt, -2);
							ELSIF args[j] IN ('anyarray', 'anycompatiblearray') AND alt NOT LIKE '%[]' THEN
								args[j] := alt || '[]';
							END IF;
						END LOOP;
					END IF;
					ret := CASE
						WHEN p.ret IN ('anyelement', 'anycompatible', 'anynonarray', 'anycompatiblenonarray')
							THEN CASE WHEN alt LIKE '%[]' THEN left(alt, -2) ELSE alt END
						WHEN p.ret IN ('anyarray', 'anycompatiblearray')
							THEN CASE WHEN alt LIKE '%[]' THEN alt ELSE alt || '[]' END
						WHEN p.ret LIKE 'any%' OR p.ret IN ('"any"', 'record') THEN 'text'
						ELSE p.ret END;
					BEGIN
						n := n + pg_temp.mk(fname, args::regtype[], ret::regtype, p.proretset);
					EXCEPTION WHEN OTHERS THEN NULL;
					END;
				END LOOP;
			END LOOP;
		END LOOP;
	END LOOP;
	INSERT INTO made VALUES ('functions', n);
END
$$;

SELECT kind, n FROM made ORDER BY kind;
