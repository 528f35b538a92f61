#!/usr/bin/env bash
# The QGIS layers of the docs loaded into QGIS itself (docs/bi.md, "QGIS layers"):
#   1. Debian's qgis and python3-qgis, installed for this stage only (scripts/lib.sh's
#      sy_install_stage_deps; several hundred MB, so not in SY_APT_PACKAGES). The stage skips,
#      saying why, only where they cannot be installed (not root, SY_SKIP_DEPS=1, not in the
#      archive); installed but not importable fails.
#   2. A database synergy_qgis with the sample; docs/bi.md and docs/delimitation.md run there
#      through test/doctest.pl, so their setup blocks make the layer views (schema synergy_gis)
#      exactly as the docs print them.
#   3. The layer table of docs/bi.md (layer, key, geometry, type, SRID, features) against the
#      catalog: every view of schema synergy_gis is in the table and every row of the table is a
#      view with that key and geometry column.
#   4. test/qgis/check_layers.py (the system python3, QT_QPA_PLATFORM=offscreen) loads each
#      layer twice (type and SRID detected by QGIS; given in the URI): valid, the documented CRS,
#      geometry type and feature count, no field dropped, QGIS's message log shown on failure.
# Run by scripts/test.sh on its cluster.
set -uo pipefail
. "$SY_REPO/scripts/lib.sh"
cd "$SY_REPO" || exit 1

py=/usr/bin/python3     # Debian's python3-qgis is for the system python, not a venv's or pyenv's
if ! sy_install_stage_deps qgis python3-qgis; then
	echo "skip: QGIS cannot be installed here: $sy_deps_note"
	exit 77
fi
if ! out=$(QT_QPA_PLATFORM=offscreen "$py" -c 'from qgis.core import Qgis; print(Qgis.QGIS_VERSION)' 2>&1); then
	echo "not ok - qgis and python3-qgis are installed but $py cannot import qgis.core:"
	printf '%s\n' "$out" | tail -n 20
	exit 1
fi
echo "# QGIS $(tail -n 1 <<<"$out"), $($py --version 2>&1)"

db=synergy_qgis
work=$(mktemp -d /tmp/synergy-qgis.XXXXXX)
trap 'rm -rf "$work"; "$SY_PG_BINDIR/dropdb" --if-exists "$db" >/dev/null 2>&1 || true' EXIT
fail=0

"$SY_PG_BINDIR/dropdb" --if-exists "$db" >/dev/null 2>&1
sy_createdb "$db" postgis synergy synergy_postgis && sy_load_sample "$db" || exit 1
if ! DOCTEST_DB=$db perl test/doctest.pl docs/bi.md docs/delimitation.md >"$work/doctest.log" 2>&1; then
	echo "not ok - the docs' SQL did not run in $db (test/doctest.pl docs/bi.md docs/delimitation.md):"
	grep -v '^ok' "$work/doctest.log" | head -n 40
	exit 1
fi
echo "ok - docs/bi.md and docs/delimitation.md ran in $db ($(grep -c '^ok' "$work/doctest.log") blocks)"

# docs/bi.md's layer table: | `schema.view` | `key` | `geometry` | Type | SRID | features | ... |
perl -ne 'next unless /^\|\s*`(\w+)\.(\w+)`\s*\|\s*`(\w+)`\s*\|\s*`(\w+)`\s*\|\s*(\w+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|/;
          print join("\t", $1, $2, $3, $4, $5, $6, $7), "\n"' docs/bi.md >"$work/table.tsv"
sy_check "docs/bi.md's QGIS layer table has rows" 1 "$([ -s "$work/table.tsv" ] && echo 1 || echo 0)"

# every geometry view of synergy_gis is documented, every documented layer exists
views=$(psql -X -At -d "$db" -c "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND a.atttypid = 'geometry'::regtype
	WHERE n.nspname = 'synergy_gis' GROUP BY c.relname ORDER BY c.relname")
sy_check "the views of schema synergy_gis are the layers of docs/bi.md's table" \
	"$(cut -f2 "$work/table.tsv" | LC_ALL=C sort | tr '\n' ' ')" "$(LC_ALL=C sort <<<"$views" | tr '\n' ' ')"

# the layer list for check_layers.py: the table's columns and the view's other columns, in order
: >"$work/layers.tsv"
while IFS=$'\t' read -r schema view key geom type srid count; do
	cols=$(psql -X -At -d "$db" -v s="$schema" -v v="$view" -v g="$geom" <<'SQL'
SELECT string_agg(a.attname, ',' ORDER BY a.attnum) FROM pg_attribute a
WHERE a.attrelid = format('%I.%I', :'s', :'v')::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> :'g'
SQL
)
	sy_check "$schema.$view has the key column $key" 1 \
		"$(tr ',' '\n' <<<"$cols" | grep -cx "$key")"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$schema" "$view" "$key" "$geom" "$type" "$srid" "$count" "$cols" >>"$work/layers.tsv"
done <"$work/table.tsv"

if ! XDG_RUNTIME_DIR=$work QT_QPA_PLATFORM=offscreen timeout 600 "$py" test/qgis/check_layers.py "$db" "$work/layers.tsv" \
	>"$work/qgis.out" 2>"$work/qgis.err"; then
	fail=1
fi
cat "$work/qgis.out"
if [ $fail = 1 ]; then
	echo "# check_layers.py failed; its stderr:"
	sed 's/^/#   /' "$work/qgis.err" | tail -n 40
fi
exit $fail
