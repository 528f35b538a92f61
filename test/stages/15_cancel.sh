#!/usr/bin/env bash
# Cancellation of synergy's longest-running functions: statement_timeout and
# pg_cancel_backend() must stop each within SY_CANCEL_BOUND_MS (default 500 ms)
# of the cancel.  Each query below runs for minutes if nothing stops it, and the
# cancel comes once the backend is in the function's own loop (not in reading
# the input): Moran's I permutations over 800,000 links, local Moran's I with
# conditional permutations (also with 1,000 neighbours per region), factor analysis (aggregate and window) of a group
# of 500 indicators, entropy weights of 30 million rows, BP training with large
# settings.  The measured latencies are printed (docs/scale-out.md records them).
# Run by scripts/test.sh with the test cluster's PG* variables exported.
set -euo pipefail
. "$SY_REPO/scripts/lib.sh"

db=synergy_cancel15
bound=${SY_CANCEL_BOUND_MS:-500}
sy_createdb "$db" synergy >/dev/null
out=$(mktemp -d /tmp/synergy-cancel15.XXXXXX)
trap 'rm -rf "$out"' EXIT
fail=0
now() { date +%s%N; }
q() { psql -X -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }

# 20,000 regions, 40 neighbours each (800,000 links); 20,000 rows of 400
# indicators (64 MB as the window functions hold them).
t0=$(now)
q -q <<'SQL'
CREATE TABLE mor AS
SELECT g::bigint AS id, sin(g * 0.37) + (g % 13) * 0.1 AS v,
       ARRAY(SELECT ((g + j * 37) % 20000) + 1 FROM generate_series(1, 40) j)::bigint[] AS nb
FROM generate_series(1, 20000) g;
CREATE TABLE fac AS
SELECT ARRAY(SELECT sin(g * (1 + j * 0.013)) + (g % (j + 2)) * 0.01 FROM generate_series(1, 400) j) AS x
FROM generate_series(1, 20000) g;
-- 3,000 regions of 1,000 neighbours each: one region's conditional
-- permutations are 10^9 draws, which once ran between two interrupt checks
-- (6.4 s to stop, before the checks were counted by work)
CREATE TABLE hub AS
SELECT g::bigint AS id, sin(g * 0.37) AS v,
       ARRAY(SELECT ((g + j) % 3000) + 1 FROM generate_series(1, 1000) j)::bigint[] AS nb
FROM generate_series(1, 3000) g;
ANALYZE mor;
ANALYZE fac;
ANALYZE hub;
SQL
echo "set-up: $(( ($(now) - t0) / 1000000 )) ms"

names=(moran_i local_moran local_moran_hub factor_analysis factor_analysis_final factor_scores entropy_weights bp_forecast)
declare -A sql wait_ms
sql[moran_i]="SELECT (moran_i(v, id, nb, NULL, 1000000, 1)).i FROM mor"
sql[local_moran]="SELECT count(r) FROM (SELECT local_moran(v, id, nb, NULL, 1000000, 1) OVER () AS r FROM mor) s"
sql[local_moran_hub]="SELECT count(r) FROM (SELECT local_moran(v, id, nb, NULL, 1000000, 1) OVER () AS r FROM hub) s"
# a group of 20 million rows (the transition function), then a final function
# that keeps 300 factors of 400 indicators (the varimax rotation of 300 factors
# is the long part; after the eigenproblem, which LAPACK does in one call)
sql[factor_analysis]="SELECT factor_analysis(f.x) IS NULL FROM fac f, generate_series(1, 1000) k"
sql[factor_analysis_final]="SELECT factor_analysis(x, 300) IS NULL FROM (SELECT x FROM fac LIMIT 2000) f"
sql[factor_scores]="SELECT count(r) FROM (SELECT factor_scores(x) OVER () AS r FROM fac) s"
sql[entropy_weights]="SELECT entropy_weights(ARRAY[g, g % 7, sin(g)]::float8[]) FROM generate_series(1, 30000000) g"
sql[bp_forecast]="SELECT count(*) FROM bp_forecast(ARRAY(SELECT sin(t) FROM generate_series(1, 20000) t), 3, hidden => 200, lags => 50, epochs => 1000000)"
# how long to let each run before the cancel: past reading its input, into its own loop
# (factor_scores reads and detoasts 20,000 rows of 400 values, then correlates them, about 1.5 s)
wait_ms=([moran_i]=1000 [local_moran]=1000 [local_moran_hub]=1500 [factor_analysis]=1000 [factor_analysis_final]=1500 [factor_scores]=2500
	[entropy_weights]=1500 [bp_forecast]=1000)

check() {   # check WHAT FN MS FILE
	if ! grep -q '57014' "$4"; then
		echo "FAIL: $1: $2 was not cancelled: $(head -c 400 "$4")"; fail=1
	elif [ "$3" -gt "$bound" ]; then
		echo "FAIL: $1: $2 stopped $3 ms after the cancel (bound $bound ms)"; fail=1
	else
		printf '%-18s %-22s stopped %4d ms after the cancel\n' "$1" "$2" "$3"
	fi
}

for fn in "${names[@]}"; do
	w=${wait_ms[$fn]}
	# 1. statement_timeout: the latency is what passes beyond the timeout
	t0=$(now)
	psql -X -d "$db" -v VERBOSITY=verbose -c "SET statement_timeout = ${w}" -c "${sql[$fn]}" \
		>"$out/timeout_$fn" 2>&1 || true
	ms=$(( ($(now) - t0) / 1000000 - w ))
	check statement_timeout "$fn" "$ms" "$out/timeout_$fn"

	# 2. pg_cancel_backend from another session, while the query is active
	PGAPPNAME=sy_cancel15 psql -X -d "$db" -v VERBOSITY=verbose -c "${sql[$fn]}" \
		>"$out/cancel_$fn" 2>&1 &
	bg=$!
	for _ in $(seq 1 50); do
		[ "$(q -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'sy_cancel15' AND state = 'active'")" = 1 ] && break
		sleep 0.1
	done
	sleep "$(awk -v w="$w" 'BEGIN { print w / 1000 }')"
	t0=$(now)
	sent=$(q -c "SELECT count(pg_cancel_backend(pid)) FROM pg_stat_activity WHERE application_name = 'sy_cancel15' AND state = 'active'")
	wait "$bg" || true
	ms=$(( ($(now) - t0) / 1000000 ))
	if [ "$sent" != 1 ]; then
		echo "FAIL: pg_cancel_backend: $fn was not running when cancelled: $(head -c 400 "$out/cancel_$fn")"; fail=1
	else
		check pg_cancel_backend "$fn" "$ms" "$out/cancel_$fn"
	fi
done
psql -X -q -d postgres -c "DROP DATABASE $db" || true
exit $fail
