#!/bin/sh
# tools/extschema_compat.sh EXTENSION... < script.sql > script.sql
#
# PostgreSQL 16 replaces @extschema:NAME@ in an extension script by the
# schema of the required extension NAME; PostgreSQL 15 does not know the
# form.  For 15 the Makefile passes synergy_postgis's scripts through this
# filter: the script becomes the text of one DO block that looks the schemas
# up in pg_extension, replaces each @extschema:NAME@ by the quoted schema
# name (refusing names with quotes, as 16 does) and EXECUTEs the result, so
# the objects created are those 16 creates from the same source.  The
# \echo guard lines stay outside the block.  The block itself qualifies
# every name, since it runs with the script's search_path.
set -eu
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
cat >"$tmp"
if grep -q 'sy_extschema_script\$' "$tmp"; then
	echo "extschema_compat.sh: the script contains the quoting tag" >&2
	exit 1
fi
grep '^\\echo' "$tmp" || true
printf '\n-- PostgreSQL 15: @extschema:NAME@ resolved here (tools/extschema_compat.sh)\n'
printf 'DO $sy_extschema_block$\nDECLARE\n\tscript text := $sy_extschema_script$\n'
grep -v '^\\echo' "$tmp"
printf '$sy_extschema_script$;\n\text name;\n\tnsp name;\nBEGIN\n'
printf '\tFOREACH ext IN ARRAY ARRAY[%s]::pg_catalog.name[] LOOP\n' \
	"$(for e in "$@"; do printf "'%s'," "$e"; done | sed 's/,$//')"
cat <<'SQL'
		SELECT n.nspname INTO nsp
		  FROM pg_catalog.pg_extension e
		  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) e.extnamespace
		 WHERE e.extname OPERATOR(pg_catalog.=) ext;
		IF nsp IS NULL THEN
			RAISE EXCEPTION 'required extension "%" is not installed', ext USING ERRCODE = '42704';
		END IF;
		IF pg_catalog.strpos(nsp, '"') OPERATOR(pg_catalog.>) 0 OR pg_catalog.strpos(nsp, '$') OPERATOR(pg_catalog.>) 0
		   OR pg_catalog.strpos(nsp, '''') OPERATOR(pg_catalog.>) 0 OR pg_catalog.strpos(nsp, '\') OPERATOR(pg_catalog.>) 0 THEN
			RAISE EXCEPTION 'invalid character in extension "%" schema: must not contain any of ""$''\', ext
				USING ERRCODE = '22023';
		END IF;
		script := pg_catalog.replace(script, pg_catalog.concat('@extschema:', ext, '@'), pg_catalog.quote_ident(nsp));
	END LOOP;
	EXECUTE script;
END
$sy_extschema_block$;
SQL
