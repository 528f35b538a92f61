#!/usr/bin/env bash
# bench/bench_forecast.sh: accuracy and speed of bp_forecast with its defaults, against
# GM(1,1), the naive and drift methods and, when R with r-cran-forecast is installed, R's
# forecast::nnetar, measured in the same run.  Prints a Markdown report (also written to
# bench/last-run-forecast.md).  Not a test: nothing here fails on timing or accuracy.
#
#   bench/bench_forecast.sh              # N=10000 synthetic series, K=500 of them for nnetar
#   N=2000 K=200 REPS=1 bench/bench_forecast.sh
#
# Every series has 16 values: 10 to train, 6 held out; accuracy is sMAPE (percent) of the 6.
#   real:      151 windows of real annual series (bench/data/annual.csv, from bench/make_annual.R);
#              nnetar's sMAPE on them is stored in bench/data/annual_nnetar.csv (seed 1)
#   synthetic: N series y_t = L + s t + q t^2 + AR(1) noise, t = 0..15, with L ~ U(50, 150),
#              s ~ U(-0.03, 0.08) L, q ~ U(-0.004, 0.004) L, noise sd ~ U(0, 0.05) L, phi ~ U(0, 0.6),
#              values floored at 1 (generated in SQL from setseed(0.42): the same every run)
# Speed: fit + forecast of the N synthetic series (first 10 values, 6 steps) with the defaults,
# serial and with 2 parallel workers, median of REPS runs; nnetar's time per series on K of
# them; the drift method in the same query shape as a floor.
# SY_SKIP_DEPS=1 skips the Debian package check; SY_SKIP_BUILD=1 skips build and install.
set -euo pipefail
cd "$(dirname "$0")/.." || exit 1
N=${N:-10000}
K=${K:-500}
REPS=${REPS:-3}
# shellcheck source-path=SCRIPTDIR/..
. bench/lib.sh
bench_setup bench_forecast

echo "loading real series and generating $N synthetic series ..." >&2
"${PSQL[@]}" <<SQL
CREATE TABLE annual_long (win int, source text, t int, value float8);
\copy annual_long FROM 'bench/data/annual.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE annual_nnetar (win int, smape float8);
\copy annual_nnetar FROM 'bench/data/annual_nnetar.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE real_series AS
SELECT win AS id, array_agg(value ORDER BY t) AS y FROM annual_long GROUP BY win;

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
CREATE TABLE syn_series AS SELECT * FROM synthetic($N);
CREATE TABLE syn_train AS SELECT id, y[1:10] AS y FROM syn_series;
VACUUM ANALYZE real_series; VACUUM ANALYZE syn_series; VACUUM ANALYZE syn_train;
SQL

accuracy() {   # TABLE -> lines "method mean_smape bp_beats_it_share"
	"${PSQL[@]}" -At -F' ' -c "
WITH b AS (
  SELECT s.id, m, (forecast_backtest(s.y, 6, m)).smape AS smape
  FROM $1 s, unnest(ARRAY['bp', 'gm11', 'naive', 'drift']) m)
SELECT b.m, round(avg(b.smape)::numeric, 2),
       round(avg((bp.smape < b.smape)::int)::numeric * 100, 0)
FROM b JOIN b bp ON bp.id = b.id AND bp.m = 'bp'
GROUP BY b.m ORDER BY avg(b.smape)"
}
echo "backtests ..." >&2
REAL=$(accuracy real_series)
SYN=$(accuracy syn_series)
NN_REAL=$("${PSQL[@]}" -At -c "SELECT round(avg(smape)::numeric, 2) FROM annual_nnetar")
BP_REAL_VS_NN=$("${PSQL[@]}" -At -c "
  SELECT round(avg((b.smape < n.smape)::int)::numeric * 100, 0)
  FROM real_series s JOIN annual_nnetar n ON n.win = s.id, forecast_backtest(s.y, 6) b")

echo "timing ..." >&2
SERIAL='SET max_parallel_workers_per_gather = 0'
PARALLEL='SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0'
BP='SELECT sum(f.forecast) FROM syn_train s, LATERAL bp_forecast(s.y, 6) f'
DRIFT='SELECT sum(f.forecast[1]) FROM syn_series s, LATERAL (SELECT (forecast_backtest(s.y, 6, '"'drift'"')).forecast) f'
T_BP=$(median_ms "$SERIAL" "$BP")
T_BPP=$(median_ms "$PARALLEL" "$BP")
T_DRIFT=$(median_ms "$SERIAL" "$DRIFT")
PER_BP=$(awk -v t="$T_BP" -v n="$N" 'BEGIN { printf "%.3f", t / n }')
PER_BPP=$(awk -v t="$T_BPP" -v n="$N" 'BEGIN { printf "%.3f", t / n }')
PER_DRIFT=$(awk -v t="$T_DRIFT" -v n="$N" 'BEGIN { printf "%.4f", t / n }')

NN_LINE="R with r-cran-forecast not installed: nnetar not measured"
NN_PER="" NN_SYN=""
if command -v Rscript >/dev/null && Rscript -e 'suppressMessages(library(forecast))' >/dev/null 2>&1; then
	echo "nnetar on $K series ..." >&2
	csv=$(mktemp /tmp/synergy-nnetar.XXXXXX.csv)
	SY_CLEANUP_CMDS+=("rm -f '$csv'")
	"${PSQL[@]}" -c "\copy (SELECT id, t, y[t] AS value FROM syn_series, generate_series(1, 16) t WHERE id <= $K ORDER BY id, t) TO '$csv' WITH (FORMAT csv, HEADER true)"
	read -r nn_n nn_secs nn_smape < <(Rscript bench/nnetar.R "$csv")
	NN_PER=$(awk -v s="$nn_secs" -v n="$nn_n" 'BEGIN { printf "%.3f", 1000 * s / n }')
	NN_SYN=$(awk -v s="$nn_smape" 'BEGIN { printf "%.2f", s }')
	BP_K=$("${PSQL[@]}" -At -c "SELECT round(avg((forecast_backtest(y, 6)).smape)::numeric, 2) FROM syn_series WHERE id <= $K")
	NN_LINE="nnetar: $NN_PER ms per series on $nn_n series (fit + forecast in R, time measured around the calls only); sMAPE on them $NN_SYN against bp $BP_K"
fi

report=$(cat <<EOF
## bench_forecast ($(date -u +%Y-%m-%d))

$(machine_line)

Accuracy, mean sMAPE (percent) of 6 held-out values after 10 training values, and the share
of series where bp_forecast (defaults) is more accurate than each method:

| method | real annual series (151) | bp better on | synthetic series ($N) | bp better on |
|---|---|---|---|---|
$(join -j1 <(sort <<<"$REAL") <(sort <<<"$SYN") | sort -k4 -g | awk '{ printf "| %s | %s | %s | %s | %s |\n", $1, $2, ($1 == "bp") ? "-" : $3 "%", $4, ($1 == "bp") ? "-" : $5 "%" }')
| nnetar (R, stored, seed 1) | $NN_REAL | $BP_REAL_VS_NN% | ${NN_SYN:-not run} (first $K) | |

Speed, fit + forecast of $N series of 10 values, 6 steps, defaults (median of $REPS):

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
