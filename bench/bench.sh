#!/usr/bin/env bash
# bench/bench.sh: synergy's evaluation benchmark, each figure against a baseline measured in
# the same run on the same throw-away cluster.  Prints a Markdown report (also written to
# bench/last-run.md).  Not a test: nothing here fails on timing.
#
#   bench/bench.sh                      # N=1000000 rows x M=25 indicators, 10 years
#   N=200000 M=25 REPS=5 bench/bench.sh
#
# Measures (median of REPS runs unless said otherwise):
#   1. entropy_weights(x) over the table vs a plain scan touching the same arrays,
#      SELECT sum(x[1]) FROM t (both serial);                      target: ratio <= 2
#   2. E-TOPSIS, topsis(x) OVER (PARTITION BY year), vs the same computation in plain SQL
#      (unnest, window sums; run once, it is slow); results compared; target: >= 20x faster
#   3. entropy_weights serial vs parallel with 2 workers;         target: >= 1.6x
#      (and, for comparison, the streaming aggregates stddev_weights and critic_weights);
#      the row-keeping form: the plan the planner picks (serial: its parallel plan is priced
#      out) and the parallel plan forced, never slower than serial is the target; the
#      bounded form entropy_weights(x, lower, upper) with the bounds of a first min/max pass,
#      serial vs parallel (>= 1.6x), and the two passes together
#   4. peak private memory of the backend running entropy_weights (RssAnon, polled),
#      row-keeping and bounded
# SY_SKIP_DEPS=1 skips the Debian package check; SY_SKIP_BUILD=1 skips build and install.
set -euo pipefail
cd "$(dirname "$0")/.." || exit 1
N=${N:-1000000}
M=${M:-25}
YEARS=${YEARS:-10}
# shellcheck source-path=SCRIPTDIR/..
. bench/lib.sh
bench_setup bench

echo "generating $N rows x $M indicators over $YEARS years ..." >&2
"${PSQL[@]}" <<SQL
SELECT setseed(0.42);
CREATE TABLE t AS
SELECT g AS id, 2010 + g % $YEARS AS year,
       ARRAY(SELECT (1 + k) * 100 * random() FROM generate_series(1, $M) k WHERE g > 0) AS x
FROM generate_series(1, $N) g;
VACUUM ANALYZE t;
SELECT count(*) FROM t;   -- warm the buffers
-- each indicator's bounds, for the bounded entropy_weights
CREATE TABLE tb AS
SELECT array_agg(lo ORDER BY j) AS lo, array_agg(hi ORDER BY j) AS hi
FROM (SELECT j, min(v) AS lo, max(v) AS hi FROM t, unnest(x) WITH ORDINALITY AS u(v, j) GROUP BY j) s;
SQL
table_size=$("${PSQL[@]}" -At -c "SELECT pg_size_pretty(pg_total_relation_size('t'))")

SERIAL='SET max_parallel_workers_per_gather = 0'
PARALLEL='SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = on'
workers=$("${PSQL[@]}" -At -c "$PARALLEL" -c "EXPLAIN SELECT stddev_weights(x) FROM t" | sed -n "s/.*Workers Planned: \([0-9]*\).*/\1/p")
workers=${workers:-0}

echo "timing ..." >&2
t_scan=$(median_ms "$SERIAL" 'SELECT sum(x[1]) FROM t')
t_entropy=$(median_ms "$SERIAL" 'SELECT entropy_weights(x) FROM t')
t_entropy_par=$(median_ms "$PARALLEL" 'SELECT entropy_weights(x) FROM t')
t_scan_par=$(median_ms "$PARALLEL" 'SELECT sum(x[1]) FROM t')
BOUNDED='SELECT entropy_weights(x, (SELECT lo FROM tb), (SELECT hi FROM tb)) FROM t'
TWOPASS='WITH b AS (SELECT indicator_min(x) AS lo, indicator_max(x) AS hi FROM t)
SELECT entropy_weights(x, (SELECT lo FROM b), (SELECT hi FROM b)) FROM t'
t_bounded=$(median_ms "$SERIAL" "$BOUNDED")
t_bounded_par=$(median_ms "$PARALLEL" "$BOUNDED")
t_twopass=$(median_ms "$SERIAL" "$TWOPASS")
t_twopass_par=$(median_ms "$PARALLEL" "$TWOPASS")
bounded_diff=$("${PSQL[@]}" -At -c "SELECT to_char(max(abs(a - b)), '9.9EEEE') FROM unnest(($BOUNDED), (SELECT entropy_weights(x) FROM t)) u(a, b)")
# the row-keeping form's parallel plan, priced back in (the planner does not pick it)
FORCED="$PARALLEL; ALTER FUNCTION entropy_weights_deserialfn(bytea, internal) COST 1"
t_entropy_forced=$(median_ms "$FORCED" 'SELECT entropy_weights(x) FROM t')
"${PSQL[@]}" -c 'ALTER FUNCTION entropy_weights_deserialfn(bytea, internal) COST 1000000000'
t_stddev=$(median_ms "$SERIAL" 'SELECT stddev_weights(x) FROM t')
t_stddev_par=$(median_ms "$PARALLEL" 'SELECT stddev_weights(x) FROM t')
t_critic=$(median_ms "$SERIAL" 'SELECT critic_weights(x) FROM t')
t_critic_par=$(median_ms "$PARALLEL" 'SELECT critic_weights(x) FROM t')
t_topsis=$(median_ms "$SERIAL" 'SELECT sum(c) FROM (SELECT topsis(x) OVER (PARTITION BY year) AS c FROM t) s')

PLAIN_TOPSIS="
WITH long AS (SELECT t.id, t.year, u.j, u.v FROM t, unnest(t.x) WITH ORDINALITY AS u(v, j)),
rng AS (SELECT year, j, min(v) AS lo, max(v) AS hi, count(*) AS n FROM long GROUP BY year, j),
z AS (SELECT l.id, l.year, l.j, r.n,
             CASE WHEN r.hi > r.lo THEN (l.v - r.lo) / (r.hi - r.lo) ELSE 0 END AS z
      FROM long l JOIN rng r USING (year, j)),
p AS (SELECT year, j, n, z / nullif(sum(z) OVER (PARTITION BY year, j), 0) AS p FROM z),
d AS (SELECT year, j, 1 + sum(CASE WHEN p > 0 THEN p * ln(p) ELSE 0 END) / ln(max(n)) AS d
      FROM p GROUP BY year, j),
w AS (SELECT year, j, d / sum(d) OVER (PARTITION BY year) AS w FROM d),
v AS (SELECT z.id, z.year, z.j, w.w * z.z AS v FROM z JOIN w USING (year, j)),
ideal AS (SELECT year, j, max(v) AS best, min(v) AS worst FROM v GROUP BY year, j),
dist AS (SELECT v.id, sqrt(sum((v.v - i.best) ^ 2)) AS dp, sqrt(sum((v.v - i.worst) ^ 2)) AS dm
         FROM v JOIN ideal i USING (year, j) GROUP BY v.id)
SELECT id, dm / (dp + dm) AS c FROM dist"
echo "plain-SQL E-TOPSIS (once; slow) ..." >&2
t_plain=$(time_ms "$SERIAL" "SELECT sum(c) FROM ($PLAIN_TOPSIS) s")
max_diff=$("${PSQL[@]}" -At -c "$SERIAL" -c "
SELECT to_char(max(abs(a.c - b.c)), '9.9EEEE') FROM
  (SELECT id, topsis(x) OVER (PARTITION BY year) AS c FROM t) a JOIN ($PLAIN_TOPSIS) b USING (id)")

# peak private memory of a backend running a query: poll its RssAnon
echo "memory ..." >&2
mem_kb() { awk '/^RssAnon/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
peak_kb() {   # QUERY -> peak KB above the backend's start
	local client pid base peak cur
	"${PSQL[@]}" -c "$SERIAL" -c 'SELECT pg_sleep(1) /* bench-mem */' -c "$1" >/dev/null &
	client=$!
	sleep 0.5
	pid=$("${PSQL[@]}" -At -c "SELECT pid FROM pg_stat_activity WHERE query LIKE '%bench-mem%' AND pid <> pg_backend_pid() LIMIT 1")
	base=$(mem_kb "$pid")
	peak=$base
	while kill -0 "$client" 2>/dev/null; do
		cur=$(mem_kb "$pid")
		[ "${cur:-0}" -gt "$peak" ] && peak=$cur
		sleep 0.02
	done
	wait "$client" || true
	echo $((peak - base))
}
peak=$(peak_kb 'SELECT entropy_weights(x) FROM t')
peak_mb=$(awk -v p="$peak" 'BEGIN { printf "%.0f", p / 1024 }')
per_row=$(awk -v p="$peak" -v n="$N" 'BEGIN { printf "%.0f", p * 1024 / n }')
peak_b=$(peak_kb "$BOUNDED")
peak_b_mb=$(awk -v p="$peak_b" 'BEGIN { printf "%.1f", p / 1024 }')
state_rows=$("${PSQL[@]}" -At -c 'SELECT pg_size_pretty(length(entropy_weights_state(x))::bigint) FROM t')
state_bounded=$("${PSQL[@]}" -At -c 'SELECT length(entropy_weights_state(x, (SELECT lo FROM tb), (SELECT hi FROM tb))) FROM t')

report=$(cat <<MD
### Benchmark ($(date -u +%Y-%m-%d), bench/bench.sh)

$(machine_line)
Table: $N rows x $M indicators, $YEARS years ($table_size).
Median of $REPS runs (the plain-SQL TOPSIS: one run).

| measurement | time (ms) | baseline (ms) | ratio | target |
|---|---:|---:|---:|---|
| entropy_weights(x), serial, vs scan \`sum(x[1])\` | $t_entropy | $t_scan | $(ratio "$t_entropy" "$t_scan") x scan | <= 2 |
| topsis(x) OVER (PARTITION BY year) vs plain SQL | $t_topsis | $t_plain | $(ratio "$t_plain" "$t_topsis") x faster | >= 20 |
| entropy_weights, $workers workers allowed (the planner keeps it serial) vs serial | $t_entropy_par | $t_entropy | $(ratio "$t_entropy" "$t_entropy_par") x speed-up | >= 1 |
| entropy_weights, parallel plan forced, vs serial | $t_entropy_forced | $t_entropy | $(ratio "$t_entropy" "$t_entropy_forced") x speed-up | (not chosen) |
| entropy_weights(x, lower, upper), serial, vs row-keeping serial | $t_bounded | $t_entropy | $(ratio "$t_entropy" "$t_bounded") x faster | |
| entropy_weights(x, lower, upper), $workers workers vs serial | $t_bounded_par | $t_bounded | $(ratio "$t_bounded" "$t_bounded_par") x speed-up | >= 1.6 |
| two passes (indicator_min/max CTE, then bounded), serial, vs row-keeping serial | $t_twopass | $t_entropy | $(ratio "$t_entropy" "$t_twopass") x faster | |
| two passes, $workers workers vs serial | $t_twopass_par | $t_twopass | $(ratio "$t_twopass" "$t_twopass_par") x speed-up | |
| scan \`sum(x[1])\`, $workers workers vs serial | $t_scan_par | $t_scan | $(ratio "$t_scan" "$t_scan_par") x speed-up | (reference) |
| stddev_weights, serial vs scan | $t_stddev | $t_scan | $(ratio "$t_stddev" "$t_scan") x scan | |
| stddev_weights, $workers workers vs serial | $t_stddev_par | $t_stddev | $(ratio "$t_stddev" "$t_stddev_par") x speed-up | |
| critic_weights, serial vs scan | $t_critic | $t_scan | $(ratio "$t_critic" "$t_scan") x scan | |
| critic_weights, $workers workers vs serial | $t_critic_par | $t_critic | $(ratio "$t_critic" "$t_critic_par") x speed-up | |

TOPSIS window vs plain SQL: largest difference in closeness $max_diff.
Bounded vs row-keeping weights (bounds = the columns' min/max): largest difference $bounded_diff.
Peak private memory of the backend during entropy_weights: $peak_mb MB,
$per_row bytes per row ($M indicators x 8 bytes = $((M * 8)) bytes of values per row);
during the bounded form: $peak_b_mb MB. State sizes (entropy_weights_state): $state_rows
row-keeping, $state_bounded bytes bounded.
MD
)
echo "$report" | tee bench/last-run.md
