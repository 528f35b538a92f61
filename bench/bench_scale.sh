#!/usr/bin/env bash
# bench/bench_scale.sh: entropy weights at scale (issue 17), each figure against a baseline
# measured in the same run on the same throw-away clusters.  Prints a Markdown report (also
# written to bench/last-run-scale.md).  Not a test: nothing here fails on timing.
#
#   bench/bench_scale.sh                 # N=200000 rows x M=25 indicators
#   N=50000 M=10 REPS=3 bench/bench_scale.sh
#
# Measures (median of REPS runs):
#   1. the bounded entropy_weights(x, lo, hi), two passes (a CTE with each indicator's min and
#      max, then the O(M)-state aggregate), against the row-keeping entropy_weights(x), each
#      serial and with 2 parallel workers: parallel/serial speed-up (issue 17: >= 1.6 for the
#      bounded form, >= 1.0 for the row-keeping form), and the results compared (1e-12);
#   1b. the same timings on a second cluster holding the same rows whose shared memory is in 2 MB
#      huge pages (huge_pages = on; the first cluster has huge_pages = off, 4 kB pages), measured
#      in turn with the first: each parallel worker is a new process that maps the shared
#      memory it reads page by page, in minor page faults.  As root the script raises
#      vm.nr_hugepages by what the cluster needs and gives it back on exit; otherwise (or when
#      the kernel has no room) it says why and reports the 4 kB figures only;
#   1c. minor page faults and CPU time per query of all the cluster's processes, both page sizes;
#   2. peak private memory (RssAnon, polled) of the backend running each form, serial;
#   3. postgres_fdw: the table split over two remote databases (a second cluster), the global
#      weights as F_final(F_merge(s)) over F_state(...) GROUP BY the partition key (each state
#      made on its server, Remote SQL checked), against F over all rows on one server.
# HUGE=0 skips 1b.  SY_SKIP_DEPS=1 skips the Debian package check; SY_SKIP_BUILD=1 skips build and install.
set -euo pipefail
cd "$(dirname "$0")/.." || exit 1
N=${N:-200000}
M=${M:-25}
YEARS=${YEARS:-10}
# shellcheck source-path=SCRIPTDIR/..
. bench/lib.sh
BENCH_CONF='huge_pages = off' bench_setup bench_scale
local_dir=$SY_CLUSTER_DIR

echo "generating $N rows x $M indicators over $YEARS years ..." >&2
"${PSQL[@]}" <<SQL
SELECT setseed(0.42);
CREATE TABLE t AS
SELECT g AS id, 2010 + g % $YEARS AS year, g % 2 AS half,
       ARRAY(SELECT (1 + k) * 100 * random() FROM generate_series(1, $M) k WHERE g > 0) AS x
FROM generate_series(1, $N) g;
VACUUM ANALYZE t;
SELECT count(*) FROM t;   -- warm the buffers
SQL
table_size=$("${PSQL[@]}" -At -c "SELECT pg_size_pretty(pg_total_relation_size('t'))")

# each indicator's minimum and maximum: indicator_min/indicator_max (element-wise, O(M) state,
# parallel); for comparison the built-in form ARRAY[min(x[1]), ..., min(x[M])] and the same for max
lo_list=$(seq 1 "$M" | sed 's/.*/min(x[&])/' | paste -sd, -)
hi_list=$(seq 1 "$M" | sed 's/.*/max(x[&])/' | paste -sd, -)
BOUNDS="SELECT indicator_min(x) AS lo, indicator_max(x) AS hi FROM t"
BOUNDS_BUILTIN="SELECT ARRAY[$lo_list] AS lo, ARRAY[$hi_list] AS hi FROM t"
# the bounds enter as scalar subqueries (InitPlans, computed once and handed to parallel workers
# and to remote servers as parameters), not as a join with the CTE
BOUNDED="WITH b AS ($BOUNDS) SELECT entropy_weights(x, (SELECT lo FROM b), (SELECT hi FROM b)) FROM t"
ROWKEEP="SELECT entropy_weights(x) FROM t"

SERIAL='SET max_parallel_workers_per_gather = 0'
PARALLEL='SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = on'
workers() {   # workers SQL: the largest "Workers Planned" of its parallel plan
	"${PSQL[@]}" -At -c "$PARALLEL" -c "EXPLAIN $1" | sed -n 's/.*Workers Planned: \([0-9]*\).*/\1/p' | sort -n | tail -n 1
}
w_bounded=$(workers "$BOUNDED")
w_rowkeep=$(workers "$ROWKEEP")
w_bounded=${w_bounded:-0} w_rowkeep=${w_rowkeep:-0}
# the second pass alone: the bounds as constants (what a standard's fixed bounds look like)
lo_const=$("${PSQL[@]}" -At -c "SELECT lo FROM ($BOUNDS) b")
hi_const=$("${PSQL[@]}" -At -c "SELECT hi FROM ($BOUNDS) b")
BOUNDED_CONST="SELECT entropy_weights(x, '$lo_const'::float8[], '$hi_const'::float8[]) FROM t"
w_const=$(workers "$BOUNDED_CONST")
w_const=${w_const:-0}

same=$("${PSQL[@]}" -At -F '|' -c "$SERIAL" -c "
SELECT bool_and(abs(a - b) <= 1e-12 * greatest(abs(a), abs(b))), trim(to_char(max(abs(a - b)), '9.9EEEE'))
FROM ($BOUNDED) p(w1), ($ROWKEEP) q(w2), unnest(p.w1, q.w2) u(a, b)")

# 1b. a second cluster, huge_pages = on, with the same rows (copied, so in the same order)
huge=0 huge_note='' huge_before=$(cat /proc/sys/vm/nr_hugepages 2>/dev/null || echo 0) huge_during=''
if [ "${HUGE:-1}" = 0 ]; then
	huge_note="not measured (HUGE=0)"
else
	echo "huge pages ..." >&2
	# what a cluster of this configuration needs (PostgreSQL 15+), a few pages of margin
	huge_need=$("${PSQL[@]}" -At -c 'SHOW shared_memory_size_in_huge_pages')
	if ! bench_huge_pages_reserve $((huge_need + 8)); then
		huge_note="not measured: $bench_huge_note"
	elif ! SY_EXTRA_CONF=$BENCH_SERVER_CONF$'\nhuge_pages = on' sy_cluster_start bench_scale_huge >/dev/null; then
		huge_note="not measured: the cluster with huge_pages = on did not start (other processes took the free huge pages?)"
	else
		huge_dir=$SY_CLUSTER_DIR huge_during=$(cat /proc/sys/vm/nr_hugepages)
		sy_createdb synergy_bench synergy >/dev/null
		"${PSQL[@]}" -d synergy_bench -c "CREATE TABLE t (id int, year int, half int, x float8[])"
		(sy_cluster_use "$local_dir"; "${PSQL[@]}" -d synergy_bench -c '\copy t TO STDOUT') \
			| "${PSQL[@]}" -d synergy_bench -c '\copy t FROM STDIN'
		"${PSQL[@]}" -d synergy_bench -c 'VACUUM ANALYZE t' -c 'SELECT count(*) FROM t' >/dev/null
		huge=1
	fi
	sy_cluster_use "$local_dir"
	export PGDATABASE=synergy_bench
fi
hp() {   # hp COMMAND...: COMMAND against the huge-page cluster
	# shellcheck disable=SC1091
	(. "$huge_dir/env"; PGDATABASE=synergy_bench "$@")
}
hm() {   # hm SET SQL: median_ms on the huge-page cluster (empty without it)
	if [ "$huge" = 1 ]; then hp median_ms "$@"; fi
}
if [ "$huge" = 1 ]; then
	# the same data: the bounded weights (exact sums) are the same bits on both clusters
	same_data=$([ "$("${PSQL[@]}" -At -c "$BOUNDED_CONST")" = "$(hp "${PSQL[@]}" -At -c "$BOUNDED_CONST")" ] && echo yes || echo NO)
	hw_bounded=$(hp workers "$BOUNDED") hw_const=$(hp workers "$BOUNDED_CONST")
	hw_bounded=${hw_bounded:-0} hw_const=${hw_const:-0}
fi

echo "timing ..." >&2
load_before=$(cut -d" " -f1-3 /proc/loadavg)
# each measurement on the 4 kB cluster (t_), then on the huge-page one (h_): drifts of the
# machine's load hit both page sizes alike
SCAN='SELECT sum(x[1]) FROM t'
t_scan=$(median_ms "$SERIAL" "$SCAN") h_scan=$(hm "$SERIAL" "$SCAN")
t_scan_par=$(median_ms "$PARALLEL" "$SCAN") h_scan_par=$(hm "$PARALLEL" "$SCAN")
t_rk=$(median_ms "$SERIAL" "$ROWKEEP") h_rk=$(hm "$SERIAL" "$ROWKEEP")
t_rk_par=$(median_ms "$PARALLEL" "$ROWKEEP") h_rk_par=$(hm "$PARALLEL" "$ROWKEEP")
t_b=$(median_ms "$SERIAL" "$BOUNDED") h_b=$(hm "$SERIAL" "$BOUNDED")
t_b_par=$(median_ms "$PARALLEL" "$BOUNDED") h_b_par=$(hm "$PARALLEL" "$BOUNDED")
t_bc=$(median_ms "$SERIAL" "$BOUNDED_CONST") h_bc=$(hm "$SERIAL" "$BOUNDED_CONST")
t_bc_par=$(median_ms "$PARALLEL" "$BOUNDED_CONST") h_bc_par=$(hm "$PARALLEL" "$BOUNDED_CONST")
t_bounds=$(median_ms "$SERIAL" "$BOUNDS") h_bounds=$(hm "$SERIAL" "$BOUNDS")
t_bounds_par=$(median_ms "$PARALLEL" "$BOUNDS") h_bounds_par=$(hm "$PARALLEL" "$BOUNDS")
# What each query costs the machine: minor page faults and CPU time of all the cluster's
# processes (each session's backend and its parallel workers, reaped by the postmaster: its
# cminflt, cutime and cstime in /proc), per query over COST_REPS queries
COST_REPS=${COST_REPS:-20}
proc_cost() {   # proc_cost SET SQL: "faults user_ms sys_ms" per query
	local pm a b i
	pm=$(head -n 1 "$SY_CLUSTER_DIR/data/postmaster.pid")
	a=$(cut -d' ' -f11,16,17 "/proc/$pm/stat")
	for ((i = 0; i < COST_REPS; i++)); do "${PSQL[@]}" -c "$1" -c "$2" >/dev/null; done
	sleep 0.5   # the last backend exits after its client
	b=$(cut -d' ' -f11,16,17 "/proc/$pm/stat")
	awk -v a="$a" -v b="$b" -v n="$COST_REPS" -v hz="$(getconf CLK_TCK)" 'BEGIN { split(a, x, " "); split(b, y, " ");
		printf "%.0f %.1f %.1f", (y[1] - x[1]) / n, (y[2] - x[2]) * 1000 / hz / n, (y[3] - x[3]) * 1000 / hz / n }'
}
hc() {   # hc SET SQL: proc_cost on the huge-page cluster (empty without it)
	if [ "$huge" = 1 ]; then hp proc_cost "$@"; fi
}
echo "page faults ..." >&2
c_scan=$(proc_cost "$SERIAL" "$SCAN") hc_scan=$(hc "$SERIAL" "$SCAN")
c_scan_par=$(proc_cost "$PARALLEL" "$SCAN") hc_scan_par=$(hc "$PARALLEL" "$SCAN")
c_bc=$(proc_cost "$SERIAL" "$BOUNDED_CONST") hc_bc=$(hc "$SERIAL" "$BOUNDED_CONST")
c_bc_par=$(proc_cost "$PARALLEL" "$BOUNDED_CONST") hc_bc_par=$(hc "$PARALLEL" "$BOUNDED_CONST")
cost_row() {   # cost_row LABEL "faults user sys" (4 kB) "faults user sys" (2 MB, or empty)
	local a b
	read -ra a <<<"$2"
	if [ -n "${3:-}" ]; then
		read -ra b <<<"$3"
		echo "| $1 | ${a[0]} | ${b[0]} | ${a[1]} + ${a[2]} | ${b[1]} + ${b[2]} |"
	else
		echo "| $1 | ${a[0]} | - | ${a[1]} + ${a[2]} | - |"
	fi
}
cost_rows=$(
	cost_row "scan \`sum(x[1])\`, serial" "$c_scan" "$hc_scan"
	cost_row "scan \`sum(x[1])\`, 2 workers" "$c_scan_par" "$hc_scan_par"
	cost_row "bounded, second pass alone, serial" "$c_bc" "$hc_bc"
	cost_row "bounded, second pass alone, 2 workers" "$c_bc_par" "$hc_bc_par"
)

if [ "$huge" = 1 ]; then   # give the huge pages back before the rest
	sy_cluster_stop "$huge_dir"
	bench_huge_pages_release
	sy_cluster_use "$local_dir"
	export PGDATABASE=synergy_bench
fi
t_bb=$(median_ms "$SERIAL" "$BOUNDS_BUILTIN")
t_bb_par=$(median_ms "$PARALLEL" "$BOUNDS_BUILTIN")

# peak private memory of a backend running SQL: poll its RssAnon (see bench/bench.sh)
mem_kb() { awk '/^RssAnon/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
peak_mb() {   # peak_mb SET SQL: MB above the backend's memory before the query
	local client pid base peak cur
	PGAPPNAME=sy_scale_mem "${PSQL[@]}" -c "$1" -c 'SELECT pg_sleep(1)' -c "$2" >/dev/null &
	client=$!
	sleep 0.5
	pid=$("${PSQL[@]}" -At -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'sy_scale_mem' LIMIT 1")
	base=$(mem_kb "$pid")
	peak=$base
	while kill -0 "$client" 2>/dev/null; do
		cur=$(mem_kb "$pid")
		[ "${cur:-0}" -gt "$peak" ] && peak=$cur
		sleep 0.02
	done
	wait "$client" || true
	awk -v p="$peak" -v b="$base" 'BEGIN { printf "%.1f", (p - b) / 1024 }'
}
echo "memory ..." >&2
m_rk=$(peak_mb "$SERIAL" "$ROWKEEP")
m_b=$(peak_mb "$SERIAL" "$BOUNDED")
m_rk_par=$(peak_mb "$PARALLEL" "$ROWKEEP")
m_b_par=$(peak_mb "$PARALLEL" "$BOUNDED")

# 3. postgres_fdw: half 0 on database r0, half 1 on database r1 of a second cluster
echo "postgres_fdw ..." >&2
SY_EXTRA_CONF=$'shared_buffers = 2GB\nwork_mem = 256MB\nmax_parallel_workers_per_gather = 0\njit = off\nhuge_pages = off' \
	sy_cluster_start bench_scale_remote >/dev/null
remote_port=$PGPORT
for h in 0 1; do
	sy_createdb "r$h" synergy >/dev/null
	"${PSQL[@]}" -d "r$h" -c "CREATE TABLE t_$h (id int, year int, half int, x float8[])"
	(sy_cluster_use "$local_dir"; "${PSQL[@]}" -d synergy_bench -c "\\copy (SELECT * FROM t WHERE half = $h) TO STDOUT") \
		| "${PSQL[@]}" -d "r$h" -c "\\copy t_$h FROM STDIN"
	"${PSQL[@]}" -d "r$h" -c "VACUUM ANALYZE t_$h"
done
sy_cluster_use "$local_dir"
export PGDATABASE=synergy_bench
"${PSQL[@]}" <<SQL
CREATE EXTENSION postgres_fdw;
CREATE SERVER r0 FOREIGN DATA WRAPPER postgres_fdw
  OPTIONS (host '127.0.0.1', port '$remote_port', dbname 'r0', extensions 'synergy', async_capable 'true');
CREATE SERVER r1 FOREIGN DATA WRAPPER postgres_fdw
  OPTIONS (host '127.0.0.1', port '$remote_port', dbname 'r1', extensions 'synergy', async_capable 'true');
CREATE USER MAPPING FOR CURRENT_USER SERVER r0 OPTIONS (user 'postgres');
CREATE USER MAPPING FOR CURRENT_USER SERVER r1 OPTIONS (user 'postgres');
CREATE TABLE tf (id int, year int, half int, x float8[]) PARTITION BY LIST (half);
CREATE FOREIGN TABLE tf_0 PARTITION OF tf FOR VALUES IN (0) SERVER r0 OPTIONS (table_name 't_0', use_remote_estimate 'true');
CREATE FOREIGN TABLE tf_1 PARTITION OF tf FOR VALUES IN (1) SERVER r1 OPTIONS (table_name 't_1', use_remote_estimate 'true');
SQL
FDW="$SERIAL; SET enable_partitionwise_aggregate = on"
# bounds over fdw: indicator_min/max GROUP BY the partition key runs remotely, the local server
# takes the element-wise min/max of the two rows (an ungrouped aggregate over the foreign partitions
# would fetch every row)
FDW_BOUNDS="SELECT indicator_min(lo) AS lo, indicator_max(hi) AS hi FROM (SELECT half, indicator_min(x) AS lo, indicator_max(x) AS hi FROM tf GROUP BY half) p"
fdw_g() {   # fdw_g F ARGS [WITH-prefix]
	echo "${3:-} SELECT $1_final($1_merge(s)) FROM (SELECT half, $1_state($2) AS s FROM tf GROUP BY half) q"
}
FDW_EW=$(fdw_g entropy_weights 'x')
FDW_BE=$(fdw_g entropy_weights 'x, (SELECT lo FROM b), (SELECT hi FROM b)' "WITH b AS ($FDW_BOUNDS)")
FDW_CW=$(fdw_g critic_weights 'x')
remote_sql() {   # remote_sql SQL: the Remote SQL lines of its plan
	"${PSQL[@]}" -At -c "$FDW" -c "EXPLAIN (VERBOSE, COSTS OFF) $1" | sed -n 's/^ *Remote SQL: //p'
}
fdw_same() {   # fdw_same FDW_SQL LOCAL_SQL: equal to 1e-12? bit-identical?
	"${PSQL[@]}" -At -F ' ' -c "$SERIAL" -c "$FDW" -c "
	SELECT CASE WHEN bool_and(abs(a - b) <= 1e-12 * greatest(abs(a), abs(b)))
	            THEN CASE WHEN bool_and(a = b) THEN 'yes, bit-identical' ELSE 'yes' END ELSE 'NO' END
	FROM ($1) p(w1), ($2) q(w2), unnest(p.w1, q.w2) u(a, b)"
}
t_fdw_ew=$(median_ms "$FDW" "$FDW_EW")
t_fdw_be=$(median_ms "$FDW" "$FDW_BE")
t_fdw_cw=$(median_ms "$FDW" "$FDW_CW")
t_one_cw=$(median_ms "$SERIAL" 'SELECT critic_weights(x) FROM t')
s_fdw_ew=$(fdw_same "$FDW_EW" "$ROWKEEP")
s_fdw_be=$(fdw_same "$FDW_BE" "$BOUNDED")
s_fdw_cw=$(fdw_same "$FDW_CW" 'SELECT critic_weights(x) FROM t')
state_kb=$("${PSQL[@]}" -At -c "$FDW" -c "SELECT round(avg(octet_length(s)) / 1024) || ' kB (row-keeping) / ' ||
  (SELECT round(avg(octet_length(s)) / 1024.0, 1) FROM (WITH b AS ($FDW_BOUNDS)
     SELECT half, entropy_weights_state(x, (SELECT lo FROM b), (SELECT hi FROM b)) s FROM tf GROUP BY half) q2) || ' kB (bounded)'
  FROM (SELECT half, entropy_weights_state(x) s FROM tf GROUP BY half) q")

load_after=$(cut -d" " -f1-3 /proc/loadavg)
huge_rows='' huge_line="Shared memory in 4 kB pages on every row (huge_pages = off); huge pages $huge_note."
if [ "$huge" = 1 ]; then
	huge_line="Pages: rows marked 4 kB ran on a cluster with huge_pages = off, rows marked 2 MB on a second
cluster with the same rows (copied; same bounded weights on both: $same_data) and huge_pages = on,
$huge_need huge pages of 2 MB for its shared memory (vm.nr_hugepages $huge_before, raised to
$huge_during for the run, given back after); each measurement ran on one cluster, then on the other.
Workers planned there: $hw_bounded for the two passes, $hw_const for the second pass alone."
	huge_rows=$(cat <<ROWS
| scan \`sum(x[1])\`, serial, huge pages vs 4 kB pages | 2 MB | $h_scan | $t_scan | $(ratio "$t_scan" "$h_scan") x faster | |
| scan \`sum(x[1])\`, 2 workers vs serial (what the machine gives a parallel plan) | 2 MB | $h_scan_par | $h_scan | $(ratio "$h_scan" "$h_scan_par") x speed-up | (reference) |
| row-keeping entropy_weights(x), serial, vs 4 kB pages | 2 MB | $h_rk | $t_rk | $(ratio "$t_rk" "$h_rk") x faster | |
| row-keeping entropy_weights(x), 2 workers vs serial | 2 MB | $h_rk_par | $h_rk | $(ratio "$h_rk" "$h_rk_par") x speed-up | >= 1.0 |
| bounded entropy_weights(x, lo, hi), two passes, serial, vs 4 kB pages | 2 MB | $h_b | $t_b | $(ratio "$t_b" "$h_b") x faster | |
| bounded entropy_weights(x, lo, hi), two passes, 2 workers vs serial | 2 MB | $h_b_par | $h_b | $(ratio "$h_b" "$h_b_par") x speed-up | >= 1.6 |
| bounded, second pass alone (bounds as constants), serial, vs 4 kB pages | 2 MB | $h_bc | $t_bc | $(ratio "$t_bc" "$h_bc") x faster | |
| bounded, second pass alone (bounds as constants), $hw_const workers vs serial | 2 MB | $h_bc_par | $h_bc | $(ratio "$h_bc" "$h_bc_par") x speed-up | >= 1.6 |
| bounded, second pass alone, 2 workers, huge pages vs 4 kB pages | 2 MB | $h_bc_par | $t_bc_par | $(ratio "$t_bc_par" "$h_bc_par") x faster | |
| first pass alone, indicator_min/indicator_max, 2 workers vs serial | 2 MB | $h_bounds_par | $h_bounds | $(ratio "$h_bounds" "$h_bounds_par") x speed-up | |
ROWS
)
fi
report=$(cat <<MD
### Scale benchmark ($(date -u +%Y-%m-%d), bench/bench_scale.sh)

$(machine_line)
Load average (1, 5, 15 min) before the timings: $load_before; after: $load_after
(other work on the machine makes parallel figures unreliable when it exceeds the core count).
Table: $N rows x $M indicators, $YEARS years ($table_size).
$huge_line
Median of $REPS runs. Workers planned with max_parallel_workers_per_gather = 2: $w_rowkeep for
the row-keeping form (0: the planner keeps it serial), $w_bounded for the bounded form (its two
passes), $w_const for its second pass alone. Bounded vs row-keeping weights (serial):
equal to 1e-12: $(cut -d'|' -f1 <<<"$same"), largest difference $(cut -d'|' -f2 <<<"$same").

| measurement | pages | time (ms) | baseline (ms) | ratio | target |
|---|---|---:|---:|---:|---|
| row-keeping entropy_weights(x), serial, vs scan \`sum(x[1])\` | 4 kB | $t_rk | $t_scan | $(ratio "$t_rk" "$t_scan") x scan | |
| scan \`sum(x[1])\`, 2 workers vs serial (what the machine gives a parallel plan) | 4 kB | $t_scan_par | $t_scan | $(ratio "$t_scan" "$t_scan_par") x speed-up | (reference) |
| row-keeping entropy_weights(x), 2 workers vs serial | 4 kB | $t_rk_par | $t_rk | $(ratio "$t_rk" "$t_rk_par") x speed-up | >= 1.0 |
| bounded entropy_weights(x, lo, hi), two passes, serial, vs row-keeping serial | 4 kB | $t_b | $t_rk | $(ratio "$t_rk" "$t_b") x faster | |
| bounded entropy_weights(x, lo, hi), two passes, 2 workers vs serial | 4 kB | $t_b_par | $t_b | $(ratio "$t_b" "$t_b_par") x speed-up | >= 1.6 |
| bounded, second pass alone (bounds as constants), serial, vs row-keeping serial | 4 kB | $t_bc | $t_rk | $(ratio "$t_rk" "$t_bc") x faster | |
| bounded, second pass alone (bounds as constants), $w_const workers vs serial | 4 kB | $t_bc_par | $t_bc | $(ratio "$t_bc" "$t_bc_par") x speed-up | >= 1.6 |
| first pass alone, indicator_min/indicator_max, 2 workers vs serial | 4 kB | $t_bounds_par | $t_bounds | $(ratio "$t_bounds" "$t_bounds_par") x speed-up | |
| first pass with built-ins \`ARRAY[min(x[1]), ...]\` ($((2 * M)) aggregates), serial, vs indicator_min/max serial | 4 kB | $t_bb | $t_bounds | $(ratio "$t_bb" "$t_bounds") x slower | |
| first pass with built-ins, 2 workers vs serial | 4 kB | $t_bb_par | $t_bb | $(ratio "$t_bb" "$t_bb_par") x speed-up | |
$huge_rows
| fdw, 2 servers: row-keeping entropy states, merged, vs one server | 4 kB | $t_fdw_ew | $t_rk | $(ratio "$t_rk" "$t_fdw_ew") | same: $s_fdw_ew |
| fdw, 2 servers: bounded entropy (bounds, then states), vs one server | 4 kB | $t_fdw_be | $t_b | $(ratio "$t_b" "$t_fdw_be") | same: $s_fdw_be |
| fdw, 2 servers: critic_weights states, merged, vs one server | 4 kB | $t_fdw_cw | $t_one_cw | $(ratio "$t_one_cw" "$t_fdw_cw") | same: $s_fdw_cw |

Cost to the machine per query, all processes of the cluster (the session's backend, started
for each query as above, and its parallel workers), over $COST_REPS queries: minor page faults and
CPU time (user + system, ms; the kernel counts CPU time in ticks of $((1000 / $(getconf CLK_TCK))) ms:
a resolution of $(awk -v t="$((1000 / $(getconf CLK_TCK)))" -v n="$COST_REPS" 'BEGIN { printf "%.1f", t / n }') ms per query):

| query | faults, 4 kB | faults, 2 MB | CPU ms, 4 kB | CPU ms, 2 MB |
|---|---:|---:|---:|---:|
$cost_rows

Peak private memory of the backend (RssAnon above its idle level; for parallel plans the
leader only): row-keeping $m_rk MB serial, $m_rk_par MB parallel; bounded $m_b MB serial,
$m_b_par MB parallel ($M indicators x 8 bytes x $N rows = $(awk -v n="$N" -v m="$M" 'BEGIN { printf "%.1f", n * m * 8 / 1048576 }') MB of values).
fdw: both servers are databases of one second cluster on this machine (loopback,
\`async_capable\`, serial plans); the ratio is the one-server time over the fdw time. One state
per server crosses the connection: $state_kb.
Remote SQL of the bounded entropy over fdw (first pass: bounds per server; second: states):

$(remote_sql "$FDW_BE" | sed 's/^/    /')
MD
)
echo "$report" | tee bench/last-run-scale.md
