#!/usr/bin/env bash
# bench/bench_intervals.sh: calibration of the prediction intervals on the real benchmark
# windows of bench_forecast.sh (bench/data/annual.csv: 10 values fitted, 6 held out): the share
# of held-out values inside the 80 % and 95 % intervals of bp (defaults), gm11, naive and drift,
# per kind of series (the kind column of annual.csv when it has one), overall and per step.
# Prints a Markdown report (also written to bench/last-run-intervals.md).  Not a test.
#
#   bench/bench_intervals.sh
#   SY_SKIP_DEPS=1 SY_SKIP_BUILD=1 bench/bench_intervals.sh
set -euo pipefail
cd "$(dirname "$0")/.." || exit 1
# shellcheck source-path=SCRIPTDIR/..
. bench/lib.sh
bench_setup bench_intervals

header=$(head -n 1 bench/data/annual.csv)
if [[ ",$header," == *",kind,"* ]]; then
	cols=$(echo "$header" | tr ',' ' ' | sed 's/\bwindow\b/win/')
	kind_expr="kind"
else
	cols=$(echo "$header" | tr ',' ' ' | sed 's/\bwindow\b/win/')
	kind_expr="'all'"
fi
coldefs=$(for c in $cols; do
	case $c in
		win | t) printf '%s int, ' "$c" ;;
		value) printf '%s float8, ' "$c" ;;
		*) printf '%s text, ' "$c" ;;
	esac
done | sed 's/, $//')

"${PSQL[@]}" <<SQL
CREATE TABLE annual_long ($coldefs);
\copy annual_long FROM 'bench/data/annual.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE real_series AS
SELECT win AS id, min($kind_expr) AS kind, array_agg(value ORDER BY t) AS y FROM annual_long GROUP BY win;
CREATE TABLE bt AS
SELECT s.id, s.kind, m, b.*
FROM real_series s, unnest(ARRAY['bp', 'gm11', 'naive', 'drift']) m, LATERAL forecast_backtest(s.y, 6, m) b;
SQL

report=bench/last-run-intervals.md
{
	echo "# Prediction intervals: coverage of held-out values"
	echo
	echo "$(date -u +%Y-%m-%d), $("${PSQL[@]}" -At -c "SELECT count(*) FROM real_series") windows of bench/data/annual.csv, 6 values held out each."
	echo "Coverage in percent: share of held-out values inside the 80 % / 95 % intervals (target 75-85 / at least 90);"
	echo "NULL intervals (too short a history) are not counted."
	echo
	echo "| kind | windows | bp 80 | bp 95 | gm11 80 | gm11 95 | naive 80 | naive 95 | drift 80 | drift 95 |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	"${PSQL[@]}" -At -c "
WITH c AS (
  SELECT CASE WHEN GROUPING(kind) = 1 THEN NULL ELSE coalesce(kind, 'all') END AS kind, m,
         count(DISTINCT id) AS w,
         round(100 * avg(coverage_80)::numeric, 1) AS c80, round(100 * avg(coverage_95)::numeric, 1) AS c95
  FROM bt GROUP BY GROUPING SETS ((kind, m), (m))),
r AS (
  SELECT kind, max(w) AS w,
         max(c80) FILTER (WHERE m = 'bp') AS b80, max(c95) FILTER (WHERE m = 'bp') AS b95,
         max(c80) FILTER (WHERE m = 'gm11') AS g80, max(c95) FILTER (WHERE m = 'gm11') AS g95,
         max(c80) FILTER (WHERE m = 'naive') AS n80, max(c95) FILTER (WHERE m = 'naive') AS n95,
         max(c80) FILTER (WHERE m = 'drift') AS d80, max(c95) FILTER (WHERE m = 'drift') AS d95
  FROM c GROUP BY kind)
SELECT '| ' || concat_ws(' | ', coalesce(kind, '**all**'), w, b80, b95, g80, g95, n80, n95, d80, d95) || ' |'
FROM r WHERE kind IS NOT NULL OR (SELECT count(DISTINCT kind) FROM bt) > 1
ORDER BY kind IS NULL, kind"
	echo
	echo "Per step (all windows), 80 / 95:"
	echo
	echo "| step | bp | gm11 | naive | drift |"
	echo "|---:|---|---|---|---|"
	"${PSQL[@]}" -At -F' | ' -c "
SELECT '| ' || k,
       string_agg(round(100 * avg80, 0) || ' / ' || round(100 * avg95, 0), ' | ' ORDER BY array_position(ARRAY['bp','gm11','naive','drift'], m)) || ' |'
FROM (SELECT k, m, avg((actual[k] BETWEEN lower_80[k] AND upper_80[k])::int) AS avg80,
             avg((actual[k] BETWEEN lower_95[k] AND upper_95[k])::int) AS avg95
      FROM bt, generate_series(1, 6) k WHERE lower_80 IS NOT NULL GROUP BY k, m) s
GROUP BY k ORDER BY k"
	echo
	echo "Mean sMAPE / MASE: $("${PSQL[@]}" -At -c "SELECT string_agg(m || ' ' || s || ' / ' || ma, ', ' ORDER BY s) FROM (SELECT m, round(avg(smape)::numeric, 2) s, round(avg(mase)::numeric, 2) ma FROM bt GROUP BY m) x")."
	echo
	machine_line
	echo
} | tee "$report"
