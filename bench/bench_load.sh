#!/usr/bin/env bash
# bench/bench_load.sh: sustained load, as BI readers put on a bureau's database: pgbench with
# 8 clients mixing the pipeline's queries over the sample panel (bench/load/*.sql: weights,
# E-TOPSIS per subsystem, coupling coordination and the synergy index, BP and GM(1,1)
# forecasts, trend analysis over the city seats), while the materialized pipeline is refreshed
# by refresh_pipeline() every REFRESH_EVERY seconds.  Reports TPS, latency, failed transactions
# and the resident memory (VmRSS) of the 8 pgbench backends at the start and the end, with a
# baseline in the same run: the RSS of an idle backend after one trivial query.
# Markdown report to bench/last-run-load.md.  Not a test: nothing here fails on figures, but
# the report says whether there were errors.
#
#   bench/bench_load.sh                          # DURATION=300 s, CLIENTS=8, JOBS=2
#   DURATION=60 bench/bench_load.sh
# SY_SKIP_DEPS=1 skips the Debian package check; SY_SKIP_BUILD=1 skips build and install.
set -euo pipefail
cd "$(dirname "$0")/.." || exit 1
DURATION=${DURATION:-300}
CLIENTS=${CLIENTS:-8}
JOBS=${JOBS:-2}
REFRESH_EVERY=${REFRESH_EVERY:-15}
# shellcheck source-path=SCRIPTDIR/..
. bench/lib.sh
bench_setup bench_load

"${PSQL[@]}" -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION postgis' -c 'CREATE EXTENSION synergy_postgis'
sy_load_sample synergy_bench
"${PSQL[@]}" -f examples/pipeline.sql -f examples/pipeline_materialized.sql
"${PSQL[@]}" -c 'CALL refresh_pipeline()' >/dev/null

work=$(mktemp -d /tmp/synergy-bench-load.XXXXXX)
SY_CLEANUP_CMDS+=("rm -rf '$work'")

rss_of() {   # rss_of PID...: "sum max" of VmRSS in kB (RSS_FIELD=RssAnon: private memory only)
	local p sum=0 max=0 v
	for p in "$@"; do
		v=$(awk -v f="${RSS_FIELD:-VmRSS}:" '$1 == f { print $2 }' "/proc/$p/status" 2>/dev/null || true)
		v=${v:-0}
		sum=$((sum + v)); [ "$v" -gt "$max" ] && max=$v
	done
	echo "$sum $max"
}
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# Baseline: a fresh backend after SELECT 1, as pgbench's are before their first query.
PGAPPNAME=sy_idle "${PSQL[@]}" -c 'SELECT 1' -c 'SELECT pg_sleep(3)' >/dev/null &
idle=$!
sleep 1.5
idle_rss=$(rss_of "$("${PSQL[@]}" -At -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'sy_idle'")")
idle_rss=${idle_rss%% *}
wait "$idle"

scripts=(-f bench/load/weights.sql@3 -f bench/load/topsis.sql@2 -f bench/load/ccd.sql@2
	-f bench/load/forecast.sql@2 -f bench/load/trend.sql@3)
echo "pgbench: $CLIENTS clients, $JOBS threads, $DURATION s ..." >&2
PGAPPNAME=pgbench pgbench -n -c "$CLIENTS" -j "$JOBS" -T "$DURATION" -P 30 --failures-detailed \
	"${scripts[@]}" synergy_bench >"$work/pgbench.out" 2>"$work/pgbench.err" &
bench_pid=$!

# Sample the backends' RSS every 5 s; refresh the materialized pipeline meanwhile.
pids=()
for ((i = 0; i < 60 && ${#pids[@]} < CLIENTS; i++)); do
	sleep 0.5
	mapfile -t pids < <("${PSQL[@]}" -At -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'pgbench' ORDER BY pid")
done
sleep 5
rss_start=$(rss_of "${pids[@]}")
anon_start=$(RSS_FIELD=RssAnon rss_of "${pids[@]}")
refreshes=0 refresh_failed=0 elapsed=5 rss_peak=0 series=""
while kill -0 "$bench_pid" 2>/dev/null; do
	sleep 5; elapsed=$((elapsed + 5))
	cur=$(rss_of "${pids[@]}")
	if [ "${cur%% *}" -gt 0 ]; then
		rss_end=$cur
		anon_end=$(RSS_FIELD=RssAnon rss_of "${pids[@]}")
		[ $((elapsed % 30)) -eq 0 ] && series="$series $(mb "${cur%% *}")"
	fi
	[ "${cur#* }" -gt "$rss_peak" ] && rss_peak=${cur#* }
	echo "$elapsed ${cur}" >>"$work/rss.txt"
	if [ $((elapsed % REFRESH_EVERY)) -eq 0 ] && [ $((elapsed + 10)) -lt "$DURATION" ]; then
		if "${PSQL[@]}" -c 'CALL refresh_pipeline()' >/dev/null 2>>"$work/refresh.err"; then
			refreshes=$((refreshes + 1))
		else
			refresh_failed=$((refresh_failed + 1))
		fi
	fi
done
wait "$bench_pid" || true
cat "$work/pgbench.out" >&2

tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$work/pgbench.out")
txns=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/pgbench.out")
failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$work/pgbench.out")
lat=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$work/pgbench.out")
latsd=$(sed -n 's/^latency stddev = \([0-9.]*\) ms/\1/p' "$work/pgbench.out")
per_script=$(awk '/^SQL script [0-9]+: / { name = $4; sub(/.*\//, "", name) }
	/^ - [0-9]+ transactions/ && name != "" { n = $2 }
	/^ - latency average/ && name != "" { printf "| `%s` | %s | %s |\n", name, n, $5; name = "" }' "$work/pgbench.out")
errors=$(grep -c 'ERROR' "$work/pgbench.err" || true)
runs=$("${PSQL[@]}" -At -c "SELECT count(*) FILTER (WHERE status = 'succeeded') || ' succeeded, ' || count(*) FILTER (WHERE status <> 'succeeded') || ' other' FROM refresh_run")

report=$(cat <<MD
### Load benchmark ($(date -u +%Y-%m-%d), bench/bench_load.sh)

$(machine_line)
pgbench, $CLIENTS clients, $JOBS threads, $DURATION s, over the sample panel (7 cities, 10 years,
25 indicators) and the pipeline of \`examples/pipeline.sql\` / \`pipeline_materialized.sql\`;
\`CALL refresh_pipeline()\` every $REFRESH_EVERY s meanwhile ($refreshes runs, $refresh_failed failed;
run log: $runs).

| | |
|---|---:|
| transactions | $txns |
| failed transactions | ${failed:-?} (errors in pgbench's log: $errors) |
| TPS | $tps |
| latency average | $lat ms (stddev $latsd ms) |
| RSS of the $CLIENTS backends, 5 s in (sum / largest) | $(mb "${rss_start%% *}") MB / $(mb "${rss_start#* }") MB |
| RSS of the $CLIENTS backends, at the end (sum / largest) | $(mb "${rss_end%% *}") MB / $(mb "${rss_end#* }") MB |
| private memory (RssAnon) of the $CLIENTS backends, 5 s in / at the end (sum) | $(mb "${anon_start%% *}") MB / $(mb "${anon_end%% *}") MB |
| largest backend RSS seen (every 5 s) | $(mb "$rss_peak") MB |
| baseline: an idle backend after \`SELECT 1\` | $(mb "$idle_rss") MB |

| script | transactions | latency average (ms) |
|---|---:|---:|
$per_script

Sum of the backends' VmRSS every 30 s (MB):$series.

VmRSS counts the shared buffers a backend has touched as well as its private memory, so it
grows at first as each backend reads the tables; steady means no growth after that.
MD
)
echo "$report" | tee bench/last-run-load.md
