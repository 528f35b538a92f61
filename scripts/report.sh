#!/usr/bin/env bash
# scripts/report.sh [OUTDIR]: build the demo database as scripts/demo.sh does (build, install,
# throw-away cluster, sample data, demo/demo.sql) and draw the paper's figures and maps from it
# into OUTDIR/index.html: one self-contained page, inline SVG drawn by SQL (report/lib.sql, a
# schema synergy_report in the demo database; report/charts/*.sql, one file per chart), no
# network fetch at view time.  OUTDIR defaults to report/ under a new temporary directory; the
# demo's tables go to OUTDIR/demo.txt.  See docs/report.md.
# SY_SKIP_DEPS=1 skips the Debian package check.  SY_REPORT_CLUSTER=current draws in the
# cluster the environment points at (PGHOST, PGPORT; synergy already installed), as
# test/stages/86_report.sh does, instead of building and starting one.
set -euo pipefail
cd "$(dirname "$0")/.." || exit 1
# shellcheck source-path=SCRIPTDIR/..
. scripts/lib.sh

out=${1:-}
[ -n "$out" ] || out=$(mktemp -d /tmp/synergy-report.XXXXXX)/report
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d /tmp/synergy-report-work.XXXXXX)
chmod 755 "$work"

if [ "${SY_REPORT_CLUSTER:-}" = current ]; then
	trap 'rm -rf "$work"' EXIT
	db=synergy_report
	dropdb --if-exists "$db"
else
	SY_CLEANUP_CMDS+=("rm -rf '$work'")
	sy_cleanup_on_exit
	sy_banner "Debian packages"
	sy_install_deps
	sy_banner "Build and install"
	sy_build_install
	sy_banner "Throw-away PostgreSQL $SY_PG_MAJOR cluster"
	sy_cluster_start report
	db=synergy_demo
fi
sy_createdb "$db" postgis synergy synergy_postgis
sy_load_sample "$db"
export PGDATABASE=$db

# The charts: each file has "-- title:", "-- caption:", then the data query after "-- data"
# and the drawing query (reading the temporary view chart_data) after "-- draw".
charts=()
{
	echo '\i demo/demo.sql'
	echo '\o'
	echo 'SET client_min_messages = warning;'
	echo '\i report/lib.sql'
	echo '\pset format unaligned'
	echo '\pset tuples_only on'
	for f in report/charts/*.sql; do
		id=$(basename "$f" .sql)
		charts+=("$id")
		awk -v w="$work/$id" '
			/^-- title: /   { sub(/^-- title: /, "");   print > (w ".title");   next }
			/^-- caption: / { sub(/^-- caption: /, ""); print > (w ".caption"); next }
			/^-- data$/ { part = "data"; next }
			/^-- draw$/ { part = "draw"; next }
			part != "" { print > (w "." part ".sql") }' "$f"
		echo 'DROP VIEW IF EXISTS chart_data;'
		echo 'CREATE TEMP VIEW chart_data AS'
		cat "$work/$id.data.sql"; echo ';'
		echo "\\o $work/$id.svg"
		cat "$work/$id.draw.sql"; echo ';'
		echo '\o'
	done
	echo '\pset tuples_only off'
	echo '\o'
} >"$work/driver.sql"

sy_banner "Demo and charts (psql, one session)"
psql -X -v ON_ERROR_STOP=1 -P pager=off -f "$work/driver.sql" >"$out/demo.txt" \
	|| { sy_warn "drawing the report failed (the demo's output is in $out/demo.txt)"; exit 1; }
pgver=$(psql -X -At -c 'SHOW server_version')
syver=$(psql -X -At -c "SELECT extversion FROM pg_extension WHERE extname = 'synergy'")
gisver=$(psql -X -At -c "SELECT extversion FROM pg_extension WHERE extname = 'postgis'")

html_escape() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'; }
{
	cat <<HEAD
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>synergy report: the demo's figures and maps</title>
<style>
$(cat report/page.css)
</style>
<script>
$(cat report/page.js)
</script>
</head>
<body>
<h1>synergy: the paper's figures and maps from the sample panel / 协同度示例报告</h1>
<p class="meta">Drawn by scripts/report.sh from the demo database (demo/demo.sql over the bundled sample; the views of
examples/pipeline.sql are the input): PostgreSQL ${pgver}, synergy ${syver}, PostGIS ${gisver}. Every mark is SVG
written by SQL (schema synergy_report, report/lib.sql); each chart's SQL is folded under it. The sample's values are
SYNTHETIC: the charts show how the methods behave, not facts about the cities.</p>
<pre id="console-errors" data-count="0"></pre>
<nav><ol>
HEAD
	for id in "${charts[@]}"; do
		printf '<li><a href="#chart-%s">%s</a></li>\n' "$id" "$(html_escape <"$work/$id.title")"
	done
	echo '</ol></nav>'
	for id in "${charts[@]}"; do
		printf '<figure class="chart" id="chart-%s">\n<h2>%s</h2>\n' "$id" "$(html_escape <"$work/$id.title")"
		cat "$work/$id.svg"
		printf '<figcaption class="caption">%s</figcaption>\n' "$(html_escape <"$work/$id.caption")"
		printf '<details><summary>SQL of this chart (report/charts/%s.sql)</summary>\n<pre><code>' "$id"
		printf -- '-- the data: paste into psql or a BI tool\n'
		html_escape <"$work/$id.data.sql"
		printf -- '\n-- the drawing: reads the data as the view chart_data, with the functions of report/lib.sql\n'
		html_escape <"$work/$id.draw.sql"
		printf '</code></pre></details>\n</figure>\n'
	done
	echo '</body>'
	echo '</html>'
} >"$out/index.html"

if [ "${SY_REPORT_CLUSTER:-}" != current ]; then
	sy_cluster_stop
fi
sy_banner "Done"
echo "report: $out/index.html ($(wc -c <"$out/index.html") bytes, ${#charts[@]} charts)"
