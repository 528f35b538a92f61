#!/usr/bin/env bash
# bench/bench_forecast.sh: accuracy, prediction-interval coverage and speed of bp_forecast
# against GM(1,1), the naive and drift methods (all through synergy, measured in this run) and
# R's forecast::auto.arima, ets, thetaf and nnetar (computed once by bench/make_annual.R and
# stored), on real annual series labelled by kind, and on synthetic series.  Prints a Markdown
# report (also written to bench/last-run-forecast.md).  Not a test: nothing here fails on timing
# or accuracy.
#
#   bench/bench_forecast.sh              # N=10000 synthetic series, K=500 of them for nnetar
#   N=2000 K=200 REPS=1 bench/bench_forecast.sh
#   BP_ARGS="transform => 'difference'" bench/bench_forecast.sh    # a bp_forecast variant
#
# BP_ARGS is appended to every bp_forecast call (accuracy and timing), e.g.
#   BP_ARGS="transform => 'level', epochs => 40"
#
# Every series has 16 values: 10 to train, 6 held out.
#   real:      the windows of bench/data/annual.csv (from bench/make_annual.R), each labelled with
#              the kind of its source series: trending, stationary, noisy or cyclical (the rule is
#              in bench/make_annual.R); R's forecasts and 80/95 % intervals on them are in
#              bench/data/annual_r.csv
#   synthetic: N series y_t = L + s t + q t^2 + AR(1) noise, t = 0..15, with L ~ U(50, 150),
#              s ~ U(-0.03, 0.08) L, q ~ U(-0.004, 0.004) L, noise sd ~ U(0, 0.05) L, phi ~ U(0, 0.6),
#              values floored at 1 (generated in SQL from setseed(0.42): the same every run)
# Measures, per window over its 6 held-out values, averaged over windows:
#   sMAPE   200/6 sum |f - a| / (|f| + |a|)  (percent)
#   MASE    mean |f - a| / mean |y_t - y_(t-1)| over the 10 training values (the in-sample
#           one-step naive error, as forecast::accuracy scales non-seasonal series)
#   coverage share of held-out values inside the 80 % and 95 % intervals
# Synergy's methods go through the forecasting functions, which return (step, forecast,
# lower_80, upper_80, lower_95, upper_95); where the installed synergy lacks a function or the
# interval columns, the cell says "not available" (naive and drift point forecasts are then
# computed in SQL: the last value; the line through the first and last training values).
# Speed: fit + forecast of the N synthetic series (first 10 values, 6 steps) with bp_forecast,
# serial and with 2 parallel workers, median of REPS runs; nnetar's time per series on K of
# them (R, measured in the same run); the drift method in the same query shape as a floor.
# SY_SKIP_DEPS=1 skips the Debian package check; SY_SKIP_BUILD=1 skips build and install.
set -euo pipefail
cd "$(dirname "$0")/.." || exit 1
N=${N:-10000}
K=${K:-500}
REPS=${REPS:-3}
BP_ARGS=${BP_ARGS:-}
BPX=${BP_ARGS:+, $BP_ARGS}
# shellcheck source-path=SCRIPTDIR/..
. bench/lib.sh
bench_setup bench_forecast
if [ "${SY_SKIP_BUILD:-0}" = 1 ]; then
	BUILT="synergy as installed (SY_SKIP_BUILD=1)"
else
	BUILT="synergy built from $(git rev-parse --short HEAD 2>/dev/null || echo 'this tree')$(git diff --quiet HEAD -- src 2>/dev/null || echo ' with changes in src/')"
fi
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"   # no per-series NOTICEs

echo "loading real series and generating $N synthetic series ..." >&2
"${PSQL[@]}" <<SQL
CREATE TABLE annual_long (win int, source text, kind text, t int, value float8);
\copy annual_long FROM 'bench/data/annual.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE annual_r (win int, method text, step int, forecast float8,
  lower_80 float8, upper_80 float8, lower_95 float8, upper_95 float8);
\copy annual_r FROM 'bench/data/annual_r.csv' WITH (FORMAT csv, HEADER true)

CREATE FUNCTION synthetic(n int) RETURNS TABLE(id int, y float8[]) LANGUAGE plpgsql AS \$\$
DECLARE
  lv float8; s float8; q float8; sd float8; phi float8; e float8; v float8[];
BEGIN
  PERFORM setseed(0.42);
  FOR i IN 1 .. n LOOP
    lv := 50 + 100 * random(); s := (-0.03 + 0.11 * random()) * lv; q := (-0.004 + 0.008 * random()) * lv;
    sd := 0.05 * random() * lv; phi := 0.6 * random(); e := 0; v := '{}';
    FOR t IN 0 .. 15 LOOP
      -- Box-Muller
      e := phi * e + sd * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random());
      v := v || greatest(1.0, lv + s * t + q * t * t + e);
    END LOOP;
    id := i; y := v;
    RETURN NEXT;
  END LOOP;
END
\$\$;
-- every series of both sets: set 'real' (kind from annual.csv) or 'syn' (kind 'synthetic')
CREATE TABLE series AS
SELECT 'real'::text AS set, win AS id, min(kind) AS kind, array_agg(value ORDER BY t) AS y
FROM annual_long GROUP BY win
UNION ALL
SELECT 'syn', id, 'synthetic', y FROM synthetic($N);
ALTER TABLE series ADD PRIMARY KEY (set, id);
CREATE TABLE syn_train AS SELECT id, y[1:10] AS y FROM series WHERE set = 'syn';
CREATE TABLE fc (set text, id int, method text, step int, forecast float8,
  lower_80 float8, upper_80 float8, lower_95 float8, upper_95 float8);
CREATE TABLE methods (ord int, method text, label text);
CREATE FUNCTION cell(x float8, d int) RETURNS text LANGUAGE sql IMMUTABLE
  AS \$\$ SELECT coalesce(round(x::numeric, d)::text, 'not available') \$\$;
VACUUM ANALYZE series; VACUUM ANALYZE syn_train;
SQL

# probe FUNCTION EXTRA: "full" (forecast and the four bounds), "point" (step, forecast) or "none"
probe() {
	local q="FROM $1('{1,2,3,4,5,6,7,8,9,10}'::float8[], 6$2)"
	if "${PSQL[@]}" -c "SELECT step, forecast, lower_80, upper_80, lower_95, upper_95 $q" >/dev/null 2>&1; then
		echo full
	elif "${PSQL[@]}" -c "SELECT step, forecast $q" >/dev/null 2>&1; then
		echo point
	else
		echo none
	fi
}
# run_method METHOD FUNCTION EXTRA STATUS: forecasts of every series into fc
run_method() {
	local cols='f.lower_80, f.upper_80, f.lower_95, f.upper_95'
	[ "$4" = full ] || cols='NULL::float8, NULL::float8, NULL::float8, NULL::float8'
	"${PSQL[@]}" -c "INSERT INTO fc SELECT s.set, s.id, '$1', f.step, f.forecast, $cols
	  FROM series s, LATERAL $2(s.y[1:10], 6$3) f"
}

echo "forecasts ..." >&2
ST_BP=$(probe bp_forecast "$BPX")
if [ "$ST_BP" = none ]; then
	echo "bp_forecast(history, 6$BPX) fails:" >&2
	"${PSQL[@]}" -c "SELECT * FROM bp_forecast('{1,2,3,4,5,6,7,8,9,10}'::float8[], 6$BPX)" >&2 || true
	exit 1
fi
run_method bp bp_forecast "$BPX" "$ST_BP"
ST_GM=$(probe gm11_forecast "")
[ "$ST_GM" = none ] || run_method gm11 gm11_forecast "" "$ST_GM"
ST_NAIVE=$(probe naive_forecast "")
ST_DRIFT=$(probe drift_forecast "")
if [ "$ST_NAIVE" = none ]; then
	"${PSQL[@]}" -c "INSERT INTO fc SELECT s.set, s.id, 'naive', h, s.y[10]
	  FROM series s, generate_series(1, 6) h"
else
	run_method naive naive_forecast "" "$ST_NAIVE"
fi
if [ "$ST_DRIFT" = none ]; then
	"${PSQL[@]}" -c "INSERT INTO fc SELECT s.set, s.id, 'drift', h, s.y[10] + h * (s.y[10] - s.y[1]) / 9
	  FROM series s, generate_series(1, 6) h"
else
	run_method drift drift_forecast "" "$ST_DRIFT"
fi
insql() { if [ "$1" = none ]; then echo " (computed in SQL)"; fi; }
"${PSQL[@]}" <<SQL
INSERT INTO fc SELECT 'real', win, method, step, forecast, lower_80, upper_80, lower_95, upper_95
FROM annual_r;
INSERT INTO methods VALUES
  (1, 'bp', 'bp_forecast ' || \$q\$(${BP_ARGS:-defaults})\$q\$),
  (2, 'gm11', 'GM(1,1)'),
  (3, 'naive', 'naive$(insql "$ST_NAIVE")'),
  (4, 'drift', 'drift$(insql "$ST_DRIFT")'),
  (5, 'auto.arima', 'R auto.arima (stored)'),
  (6, 'ets', 'R ets (stored)'),
  (7, 'theta', 'R thetaf (stored)'),
  (8, 'nnetar', 'R nnetar (stored, seed 1)');
-- per series and method
CREATE TABLE acc AS
SELECT f.set, f.id, s.kind, f.method, count(*) AS n,
       200 * avg(abs(f.forecast - a.v) / (abs(f.forecast) + abs(a.v))) AS smape,
       avg(abs(f.forecast - a.v)) / nullif(sc.scale, 0) AS mase,
       avg((a.v BETWEEN f.lower_80 AND f.upper_80)::int) AS cov80,
       avg((a.v BETWEEN f.lower_95 AND f.upper_95)::int) AS cov95
FROM fc f
JOIN series s USING (set, id)
CROSS JOIN LATERAL (SELECT s.y[10 + f.step] AS v) a
CROSS JOIN LATERAL (SELECT avg(abs(s.y[t] - s.y[t - 1])) AS scale FROM generate_series(2, 10) t) sc
GROUP BY f.set, f.id, s.kind, f.method, sc.scale;
-- per kind (and 'all') and method; better = share of series where bp's sMAPE is lower
CREATE TABLE summ AS
SELECT a.set, coalesce(a.kind, 'all') AS kind, a.method, count(*) AS n,
       avg(a.smape) AS smape, avg(a.mase) AS mase,
       100 * avg(a.cov80) AS cov80, 100 * avg(a.cov95) AS cov95,
       CASE WHEN a.method <> 'bp' THEN 100 * avg((b.smape < a.smape)::int) END AS better
FROM acc a LEFT JOIN acc b ON b.set = a.set AND b.id = a.id AND b.method = 'bp'
GROUP BY GROUPING SETS ((a.set, a.kind, a.method), (a.set, a.method));
SQL

q() { "${PSQL[@]}" -At -c "$1"; }
KINDS="'trending', 'stationary', 'noisy', 'cyclical', 'all'"
# kind_row EXPR DIGITS SET: one Markdown row per method, cells EXPR over the kinds
kind_rows() {
	q "SELECT '| ' || m.label || ' | ' || string_agg(cell(s.$1, $2), ' | ' ORDER BY array_position(ARRAY[$KINDS], k.kind)) || ' |'
	   FROM methods m CROSS JOIN unnest(ARRAY[$KINDS]) k(kind)
	   LEFT JOIN summ s ON s.set = 'real' AND s.method = m.method AND s.kind = k.kind
	   ${3:-} GROUP BY m.ord, m.label ORDER BY m.ord"
}
count_hdr() {
	q "SELECT string_agg(k.kind || ' (' || coalesce(n, 0) || ')', ' | ' ORDER BY array_position(ARRAY[$KINDS], k.kind))
	   FROM unnest(ARRAY[$KINDS]) k(kind)
	   LEFT JOIN (SELECT coalesce(kind, 'all') AS kind, count(*) AS n FROM series WHERE set = 'real'
	              GROUP BY ROLLUP (kind)) c USING (kind)"
}
HDR=$(count_hdr)
MAIN=$(q "SELECT '| ' || m.label || ' | '
	  || string_agg(cell(s.smape, 2), ' | ' ORDER BY array_position(ARRAY[$KINDS], k.kind)) || ' | '
	  || cell(max(s.mase) FILTER (WHERE k.kind = 'all'), 3) || ' | '
	  || cell(max(s.cov80) FILTER (WHERE k.kind = 'all'), 1) || ' | '
	  || cell(max(s.cov95) FILTER (WHERE k.kind = 'all'), 1) || ' |'
	FROM methods m CROSS JOIN unnest(ARRAY[$KINDS]) k(kind)
	LEFT JOIN summ s ON s.set = 'real' AND s.method = m.method AND s.kind = k.kind
	GROUP BY m.ord, m.label ORDER BY m.ord")
MASE=$(kind_rows mase 3)
BETTER=$(kind_rows better 0 "WHERE m.method <> 'bp'")
COVER=$(q "SELECT '| ' || m.label || ' | '
	  || string_agg(cell(s.cov80, 1) || ' / ' || cell(s.cov95, 1), ' | ' ORDER BY array_position(ARRAY[$KINDS], k.kind)) || ' |'
	FROM methods m CROSS JOIN unnest(ARRAY[$KINDS]) k(kind)
	LEFT JOIN summ s ON s.set = 'real' AND s.method = m.method AND s.kind = k.kind
	GROUP BY m.ord, m.label ORDER BY m.ord")
SYN=$(q "SELECT '| ' || m.label || ' | ' || cell(s.smape, 2) || ' | ' || cell(s.mase, 3) || ' | '
	  || CASE WHEN m.method = 'bp' THEN '-' ELSE cell(s.better, 0) || '%' END || ' | '
	  || cell(s.cov80, 1) || ' | ' || cell(s.cov95, 1) || ' |'
	FROM methods m JOIN summ s ON s.set = 'syn' AND s.method = m.method AND s.kind = 'all'
	ORDER BY m.ord")
MISSING=$(q "SELECT string_agg(format('%s gave no forecast on %s of the %s real windows (left out of its means)',
	       m.label, t.n - coalesce(s.n, 0), t.n), '; ' ORDER BY m.ord)
	FROM methods m CROSS JOIN (SELECT count(*) AS n FROM series WHERE set = 'real') t
	LEFT JOIN summ s ON s.set = 'real' AND s.method = m.method AND s.kind = 'all'
	WHERE coalesce(s.n, 0) < t.n")
SOURCES=$(q "SELECT string_agg(kind || ': ' || n || ' windows from ' || src || ' series', '; '
	       ORDER BY array_position(ARRAY[$KINDS], kind))
	FROM (SELECT kind, count(DISTINCT win) AS n, count(DISTINCT source) AS src FROM annual_long GROUP BY kind) x")

# forecast_backtest's MASE and coverage, where the installed synergy has them: the same figures?
BT_LINE="forecast_backtest: mase/coverage_80/coverage_95 not available in the installed synergy"
if "${PSQL[@]}" -c "SELECT (b).mase, (b).coverage_80, (b).coverage_95 FROM (SELECT forecast_backtest('{1,2,3,4,5,6,7,8,9,10,11,12}'::float8[], 2, 'naive') AS b) x" >/dev/null 2>&1; then
	# bp with BP_ARGS where forecast_backtest takes them too (it shares bp_forecast's options)
	BP_BT="forecast_backtest(s.y, 6, 'bp'$BPX)"
	"${PSQL[@]}" -c "SELECT (forecast_backtest('{1,2,3,4,5,6,7,8,9,10,11,12}'::float8[], 2, 'bp'$BPX)).mase" \
		>/dev/null 2>&1 || BP_BT="NULL::forecast_accuracy"
	BT_LINE=$(q "WITH b AS (
	    SELECT s.id, m, CASE m WHEN 'bp' THEN $BP_BT ELSE forecast_backtest(s.y, 6, m) END AS r
	    FROM series s, unnest(ARRAY['bp', 'gm11', 'naive', 'drift']) m WHERE s.set = 'real')
	  SELECT 'forecast_backtest on the real windows agrees with the tables above (MASE within 1e-9 relative, coverage exactly) on '
	         || string_agg(format('%s %s/%s', m, ok, n), ', ') || ' windows'
	  FROM (SELECT b.m, count(*) AS n,
	               count(*) FILTER (WHERE abs((b.r).mase - a.mase) <= 1e-9 * abs(a.mase)
	                                AND (b.r).coverage_80 IS NOT DISTINCT FROM a.cov80
	                                AND (b.r).coverage_95 IS NOT DISTINCT FROM a.cov95) AS ok
	        FROM b JOIN acc a ON a.set = 'real' AND a.id = b.id AND a.method = b.m
	        WHERE (b.r).holdout IS NOT NULL GROUP BY b.m ORDER BY b.m) x")
fi

echo "timing ..." >&2
SERIAL='SET max_parallel_workers_per_gather = 0'
PARALLEL='SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0'
BP="SELECT sum(f.forecast) FROM syn_train s, LATERAL bp_forecast(s.y, 6$BPX) f"
DRIFT="SELECT sum(f.forecast[1]) FROM series s, LATERAL (SELECT (forecast_backtest(s.y, 6, 'drift')).forecast) f WHERE s.set = 'syn'"
T_BP=$(median_ms "$SERIAL" "$BP")
T_BPP=$(median_ms "$PARALLEL" "$BP")
T_DRIFT=$(median_ms "$SERIAL" "$DRIFT")
PER_BP=$(awk -v t="$T_BP" -v n="$N" 'BEGIN { printf "%.3f", t / n }')
PER_BPP=$(awk -v t="$T_BPP" -v n="$N" 'BEGIN { printf "%.3f", t / n }')
PER_DRIFT=$(awk -v t="$T_DRIFT" -v n="$N" 'BEGIN { printf "%.4f", t / n }')

NN_LINE="R with r-cran-forecast not installed: nnetar not measured"
NN_PER=""
if command -v Rscript >/dev/null && Rscript -e 'suppressMessages(library(forecast))' >/dev/null 2>&1; then
	echo "nnetar on $K series ..." >&2
	csv=$(mktemp /tmp/synergy-nnetar.XXXXXX.csv)
	SY_CLEANUP_CMDS+=("rm -f '$csv'")
	"${PSQL[@]}" -c "\copy (SELECT id, t, y[t] AS value FROM series, generate_series(1, 16) t WHERE set = 'syn' AND id <= $K ORDER BY id, t) TO '$csv' WITH (FORMAT csv, HEADER true)"
	read -r nn_n nn_secs nn_smape < <(Rscript bench/nnetar.R "$csv")
	NN_PER=$(awk -v s="$nn_secs" -v n="$nn_n" 'BEGIN { printf "%.3f", 1000 * s / n }')
	NN_SYN=$(awk -v s="$nn_smape" 'BEGIN { printf "%.2f", s }')
	BP_K=$(q "SELECT round(avg(smape)::numeric, 2) FROM acc WHERE set = 'syn' AND method = 'bp' AND id <= $K")
	NN_LINE="nnetar: $NN_PER ms per series on $nn_n series (fit + point forecast in R, time measured around the calls only); sMAPE on them $NN_SYN against bp $BP_K"
fi

report=$(cat <<EOF
## bench_forecast ($(date -u +%Y-%m-%d))

$(machine_line)
$BUILT; bp_forecast arguments: ${BP_ARGS:-defaults}.

Real annual windows (bench/data/annual.csv), 10 values to train, 6 held out; $SOURCES.
Mean sMAPE (percent) per kind of series, and overall mean MASE and interval coverage (percent of
held-out values inside the 80 % and 95 % intervals):

| method | $HDR | MASE all | 80 % coverage | 95 % coverage |
|---|---|---|---|---|---|---|---|---|
$MAIN

Mean MASE per kind (scaled by the mean absolute one-step change of the 10 training values):

| method | $HDR |
|---|---|---|---|---|---|
$MASE

Share of windows (percent) where bp_forecast's sMAPE is lower than the method's:

| method | $HDR |
|---|---|---|---|---|---|
$BETTER

Interval coverage per kind, percent of held-out values inside the 80 % / 95 % intervals:

| method | $HDR |
|---|---|---|---|---|---|
$COVER

${MISSING:+$MISSING. }$BT_LINE.

Synthetic series ($N), synergy's methods:

| method | sMAPE | MASE | bp better on | 80 % coverage | 95 % coverage |
|---|---|---|---|---|---|
$SYN

Speed, fit + forecast of $N series of 10 values, 6 steps (median of $REPS):

| | total ms | ms per series | vs bp serial |
|---|---|---|---|
| bp_forecast, serial | $T_BP | $PER_BP | 1.00 |
| bp_forecast, 2 parallel workers | $T_BPP | $PER_BPP | $(ratio "$T_BP" "$T_BPP")x faster |
| drift (forecast_backtest), serial: the floor of the query shape | $T_DRIFT | $PER_DRIFT | |
${NN_PER:+| R forecast::nnetar, per series (K = $K) | | $NN_PER | bp serial is $(ratio "$NN_PER" "$PER_BP")x faster |}

$NN_LINE
EOF
)
printf '%s\n' "$report" | tee bench/last-run-forecast.md
