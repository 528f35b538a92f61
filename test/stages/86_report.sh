#!/usr/bin/env bash
# scripts/report.sh's page in a real browser (docs/report.md):
#   - scripts/report.sh draws the report from the demo database in this cluster
#     (SY_REPORT_CLUSTER=current: database synergy_report, dropped at the end);
#   - Debian's chromium (scripts/lib.sh's SY_APT_OPTIONAL) renders it headless twice: --dump-dom
#     for the DOM after the page's scripts ran, --screenshot for a PNG;
#   - any console message of the page fails (the page logs nothing): read from the browser's log
#     (--enable-logging=stderr) and from #console-errors, where the page's own script records
#     window errors and console.error;
#   - every chart has drawn marks: its SVG elements of class "mark", counted in the dumped DOM
#     (and by the page into data-marks), each at least the minimum stated below; no chart is
#     missing and none is unlisted;
#   - the page fetches nothing: no src= or href= to http(s) in it.
# The screenshots, report.png (the whole page) and report-top.png (the top, small: the README's
# docs/report.png comes from it), and index.html are kept in the directory SY_REPORT_KEEP names
# (created if missing); without it they go with the stage's temporary directory.
# Skips where chromium is not installed (architectures without it in the archive).
# Run by scripts/test.sh on its cluster.
set -uo pipefail
. "$SY_REPO/scripts/lib.sh"
cd "$SY_REPO" || exit 1

browser=$(command -v chromium || true)
if [ -z "$browser" ]; then
	echo "skip: no chromium (Debian package chromium, installed by scripts/lib.sh where the archive has it)"
	exit 77
fi

work=$(mktemp -d /tmp/synergy-report-browser.XXXXXX)
keep=${SY_REPORT_KEEP:-$work/keep}
mkdir -p "$keep" || exit 1
trap 'rm -rf "$work"; "$SY_PG_BINDIR/dropdb" --if-exists synergy_report >/dev/null 2>&1 || true' EXIT
fail=0

# the minimum of marks (svg .mark) per chart: the sample's 7 cities x 16 years of D and their 14
# lines, 2 agglomerations x 10 years of D_t and 2 lines, 2 x 6 bars, 4 sticks with a top and 2
# projections each and 2 curves, 6 years x 2 curves, 7 cities, 31 LISA cities, 31 cities and 31 links
declare -A min_marks=(
	[01_city_d]=126 [02_synergy_index]=22 [03_subsystem_means]=12 [04_trend_sticks]=18
	[05_trend_curves]=12 [06_grade_map]=7 [07_lisa_map]=31 [08_delimitation]=62
)

if ! SY_REPORT_CLUSTER=current SY_SKIP_DEPS=1 scripts/report.sh "$work/out" >"$work/report.log" 2>&1; then
	echo "not ok - scripts/report.sh failed:"; tail -n 30 "$work/report.log"
	exit 1
fi
echo "ok - scripts/report.sh wrote index.html ($(wc -c <"$work/out/index.html") bytes)"

# the drawing helpers of report/lib.sql, called directly on known values
helpers=$(psql -X -At -v ON_ERROR_STOP=1 -d synergy_report <<'SQL'
WITH bx AS (SELECT ROW(100, 300, 20, 220, 0, 10, 0, 1)::synergy_report.box AS b)
SELECT concat_ws(' ',
  synergy_report.esc('<a & "b">') = '&lt;a &amp; &quot;b&quot;&gt;',
  synergy_report.n(1.26) = '1.3',
  synergy_report.pt(b, 5, 0.5) = '200.0,120.0',
  synergy_report.grade_colour(1) = '#440154' AND synergy_report.grade_colour(10) = '#fde725',
  synergy_report.okabe_ito(9) = synergy_report.okabe_ito(1),
  synergy_report.svg_open('c1', 40, 30, 'D & T') LIKE '%id="c1" viewBox="0 0 40 30"%<title id="c1-t">D &amp; T</title>',
  synergy_report.text(1, 2, 'x<y') LIKE '<text x="1.0" y="2.0"%>x&lt;y</text>',
  synergy_report.text(1, 2, 'x', 'MIDDLE') LIKE '%text-anchor="middle"%',
  synergy_report.legend(1, 2, '<rect/>', 'a') LIKE '<g class="legend" transform="translate(1.0,2.0)">%a%</g>',
  synergy_report.grade_bands(b) LIKE '%#fde725%',
  synergy_report.grade_legend(0, 0) LIKE '%#440154%',
  synergy_report.axes(b, ARRAY[0, 10], ARRAY[0, 1], 'year', 'D') LIKE '%year%',
  synergy_report.map_transform(synergy_report.map_box('BOX(110 29,117 32)'::box2d, 0, 400, 0, 300)) LIKE 'translate(%) scale(%)',
  synergy_report.scale_bar(synergy_report.map_box('BOX(110 29,117 32)'::box2d, 0, 400, 0, 300), 100) LIKE '%100 km%',
  synergy_report.obl(0, 0, 0, ARRAY[0, 1, 0, 1, 0, 1, 10, 0, 5, 0, 5, 0, 5]) LIKE '%,%')
FROM bx
SQL
)
sy_check "report/lib.sql's helpers on known values (15 checks)" "t t t t t t t t t t t t t t t" "$helpers" || fail=1
page="file://$work/out/index.html"

chrome() {   # chrome LOG ARGS...: headless chromium on the page, its log in LOG
	local log=$1
	shift
	timeout 180 "$browser" --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
		--user-data-dir="$work/profile" --no-first-run --disable-extensions --enable-logging=stderr --v=0 \
		"$@" "$page" 2>"$log"
}
chrome "$work/dom.log" --dump-dom >"$work/dom.html" \
	|| { echo "not ok - chromium --dump-dom failed:"; tail -n 20 "$work/dom.log"; exit 1; }
chrome "$work/shot.log" --hide-scrollbars --window-size=1100,7000 --screenshot="$keep/report.png" >/dev/null \
	|| { echo "not ok - chromium --screenshot failed:"; tail -n 20 "$work/shot.log"; fail=1; }
chrome "$work/top.log" --hide-scrollbars --window-size=1100,1000 --force-device-scale-factor=0.75 \
	--screenshot="$keep/report-top.png" >/dev/null \
	|| { echo "not ok - chromium --screenshot (top) failed:"; tail -n 20 "$work/top.log"; fail=1; }

console=$(cat "$work/dom.log" "$work/shot.log" "$work/top.log" 2>/dev/null | grep -F ':CONSOLE' | grep -F "$page" || true)
sy_check "no console message from the page (chromium's log)" "" "$console"

# The DOM after load: the page's script ran, recorded no error and counted the marks.
perl -0777 -ne '
	print "rendered ", (/<body[^>]*data-rendered="yes"/ ? "yes" : "no"), "\n";
	if (/<pre id="console-errors" data-count="(\d+)">(.*?)<\/pre>/s) { print "errors $1\n"; print "error-text $2\n" if $1; }
	else { print "errors missing\n"; }
	while (/<figure class="chart" id="chart-([\w-]+)"([^>]*)>(.*?)<\/figure>/sg) {
		my ($id, $attr, $body) = ($1, $2, $3);
		my $n = () = $body =~ /<[a-z]+ [^>]*class="mark[ "]/g;
		my ($own) = $attr =~ /data-marks="(\d+)"/;
		print "chart $id $n ", (defined $own ? $own : "none"), "\n";
	}
	my $ext = () = /(?:src|href)="https?:/g;
	print "external $ext\n";
' "$work/dom.html" >"$work/dom.txt"
sy_check "the page's script ran to its load handler" "rendered yes" "$(grep '^rendered' "$work/dom.txt")"
sy_check "no window error or console.error recorded in #console-errors" "errors 0" "$(grep '^errors' "$work/dom.txt")"
grep '^error-text' "$work/dom.txt" || true
sy_check "the page names no http(s) resource" "external 0" "$(grep '^external' "$work/dom.txt")"

declare -A seen=()
while read -r _ id n own; do
	seen[$id]=1
	if [ -z "${min_marks[$id]:-}" ]; then
		echo "not ok - chart $id has no minimum in this stage (add it to min_marks)"; fail=1; continue
	fi
	if [ "$n" -ge "${min_marks[$id]}" ] && [ "$own" = "$n" ]; then
		echo "ok - chart $id: $n marks (at least ${min_marks[$id]}; the page counted $own)"
	else
		echo "not ok - chart $id: $n marks in the DOM, the page counted $own, at least ${min_marks[$id]} expected"; fail=1
	fi
done < <(grep '^chart ' "$work/dom.txt")
for id in "${!min_marks[@]}"; do
	[ -n "${seen[$id]:-}" ] || { echo "not ok - chart $id is missing from the page"; fail=1; }
done

for f in report.png report-top.png; do
	if [ -s "$keep/$f" ] && [ "$(head -c 8 "$keep/$f" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
		echo "ok - screenshot $keep/$f ($(wc -c <"$keep/$f") bytes)"
	else
		echo "not ok - no PNG screenshot $keep/$f"; fail=1
	fi
done
cp "$work/out/index.html" "$keep/index.html"
[ -z "${SY_REPORT_KEEP:-}" ] || echo "# kept: $keep (index.html, report.png, report-top.png)"
exit $fail
