#!/usr/bin/env bash
# bench/bench_order.sh: the cost of order-independence (issue 11, item 5).  Builds the tree as it
# was before the canonical row order (BASE, default: the parent of the commit that added
# src/row_order.c) and the current tree, and times both in the same run, on the same cluster
# and data, alternating the two builds' synergy.so run by run.  Prints a Markdown report (also
# written to bench/last-run-order.md).  Not a test: nothing here fails on timing.
#
# Each query runs REPS times with each build, alternating, each run in a new backend; the best
# time of each counts, the backend's CPU time (/proc/self/schedstat: what other processes on a
# shared machine do not inflate) and the wall time.
#
#   bench/bench_order.sh                       # 20 years x 300 regions x 25 indicators, and
#                                              # one group of LARGE = 500000 rows x 25
#   REPS=3 LARGE=200000 bench/bench_order.sh
#   BASE=c4dd2a8 bench/bench_order.sh          # another "before"
#
# Goal: at most 10 % slower (ratio current / before <= 1.10) on the typical sizes.
# SY_SKIP_DEPS=1 skips the Debian package check; SY_SKIP_BUILD=1 skips building and installing
# the current tree (its synergy.so must be installed already).
set -euo pipefail
cd "$(dirname "$0")/.." || exit 1
LARGE=${LARGE:-500000}
REPS=${REPS:-7}
# shellcheck source-path=SCRIPTDIR/..
. bench/lib.sh

if [ -z "${BASE:-}" ]; then
	added=$(git log --format=%H --diff-filter=A -n 1 HEAD -- src/row_order.c)
	[ -n "$added" ] || { echo "no commit adds src/row_order.c: set BASE" >&2; exit 1; }
	BASE="$added^"
fi
BASE=$(git rev-parse --short "$BASE")

bench_setup bench_order
libdir=$("$SY_PG_CONFIG" --pkglibdir)
tmp=$(mktemp -d /tmp/synergy-bench-order.XXXXXX)
mkdir -p "$tmp/base" "$tmp/new"
cp "$libdir/synergy.so" "$tmp/new/synergy.so"
# whatever happens, the current build is installed again on exit
SY_CLEANUP_CMDS+=("cp '$tmp/new/synergy.so' '$libdir/.synergy.so.bench' && mv -f '$libdir/.synergy.so.bench' '$libdir/synergy.so'"
	"rm -rf '$tmp'")

echo "building the tree before the change ($BASE) ..." >&2
mkdir -p "$tmp/src"
git archive "$BASE" | tar -x -C "$tmp/src"
(cd "$tmp/src" && make -j2 PG_CONFIG="$SY_PG_CONFIG" >/dev/null) \
	|| { echo "building $BASE failed" >&2; exit 1; }
cp "$tmp/src/synergy.so" "$tmp/base/synergy.so"
postgis=0
if "${PSQL[@]}" -c 'CREATE EXTENSION postgis; CREATE EXTENSION synergy_postgis' >/dev/null 2>&1; then
	postgis=1
fi

# use BUILD: install that build's synergy.so; each run is a new backend, which loads it.  A
# rename, not a copy over the file, so no process ever sees a half-written library.
use() {
	cp "$tmp/$1/synergy.so" "$libdir/.synergy.so.bench"
	mv -f "$libdir/.synergy.so.bench" "$libdir/synergy.so"
}

echo "generating 20 years x 300 regions x 25 indicators and one group of $LARGE rows ..." >&2
"${PSQL[@]}" <<SQL
SELECT setseed(0.31);
CREATE TABLE panel AS
SELECT y AS year, r AS region,
       ARRAY(SELECT exp(4 + 3 * random()) * (1 + 0.1 * r) FROM generate_series(1, 25) k WHERE r > 0) AS x,
       0.05 + 0.9 * random() AS u,
       ARRAY[r - 1, r + 1, r + 17]::bigint[] AS nb,
       110 + 6 * random() AS lon, 28 + 5 * random() AS lat
FROM generate_series(2001, 2020) y, generate_series(1, 300) r;
CREATE TABLE u_long AS
SELECT year, k AS indicator, region, (0.01 + 0.98 * random()) AS u
FROM panel, generate_series(1, 25) k;
CREATE TABLE big AS
SELECT g AS id, ARRAY(SELECT exp(4 + 3 * random()) FROM generate_series(1, 25) k WHERE g > 0) AS x
FROM generate_series(1, $LARGE) g;
VACUUM ANALYZE panel;
VACUUM ANALYZE u_long;
VACUUM ANALYZE big;
SQL
if [ $postgis = 1 ]; then
	"${PSQL[@]}" -c "ALTER TABLE panel ADD COLUMN geom geometry" \
		-c "UPDATE panel SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326)" -c "VACUUM ANALYZE panel"
fi

SERIAL='SET max_parallel_workers_per_gather = 0'
cases=(
	"entropy_weights, 20 groups of 300 x 25|SELECT count(w) FROM (SELECT entropy_weights(x) AS w FROM panel GROUP BY year) s"
	"E-TOPSIS window, 20 partitions of 300 x 25|SELECT sum(t) FROM (SELECT topsis(x) OVER (PARTITION BY year) AS t FROM panel) s"
	"composite_index + minmax_normalize, 20 x 300 x 25|SELECT sum(c + m[1]) FROM (SELECT composite_index(x) OVER w AS c, minmax_normalize(x) OVER w AS m FROM panel WINDOW w AS (PARTITION BY year)) s"
	"factor_scores(x, 3), 20 partitions of 300 x 25|SELECT sum(f[1]) FROM (SELECT factor_scores(x, 3) OVER (PARTITION BY year) AS f FROM panel) s"
	"coupling_coordination(u), 500 groups of 300|SELECT sum((r).d) FROM (SELECT coupling_coordination(u) AS r FROM u_long GROUP BY year, indicator) s"
	"moran_i, 20 groups of 300 regions, 99 permutations|SELECT sum((m).i) FROM (SELECT moran_i(u, region::bigint, nb, NULL, 99, 1) AS m FROM panel GROUP BY year) s"
	"local_moran, 20 partitions of 300, 99 permutations|SELECT sum((l).i) FROM (SELECT local_moran(u, region::bigint, nb, NULL, 99, 1) OVER (PARTITION BY year) AS l FROM panel) s"
	"entropy_weights, one group of $LARGE x 25|SELECT entropy_weights(x) IS NOT NULL FROM big"
	"E-TOPSIS window, one partition of $LARGE x 25|SELECT sum(t) FROM (SELECT topsis(x) OVER () AS t FROM big) s"
)
if [ $postgis = 1 ]; then
	cases+=("trend_analysis, 20 groups of 300 points|SELECT count(t) FROM (SELECT trend_analysis(geom, u) AS t FROM panel GROUP BY year) s")
fi

# run SET SQL: "wall_ms cpu_ms" of one run of SQL in a new backend; cpu is the backend's own
# time on a CPU (/proc/self/schedstat), which other processes on a shared machine do not inflate
run() {
	"${PSQL[@]}" -At <<SQL
$1;
SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint AS c0, clock_timestamp() AS w0 \gset
\o /dev/null
$2;
\o
SELECT round(extract(epoch FROM clock_timestamp() - :'w0')::numeric * 1000, 1) || ' ' ||
       round((split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint - :c0) / 1e6, 1);
SQL
}
best() { sort -g | head -n 1; }

# warm the cache, then per case REPS runs of each build, alternating
use new
for item in "${cases[@]}"; do run "$SERIAL" "${item#*|}" >/dev/null; done
rows=""
worst_typical=0
for item in "${cases[@]}"; do
	name=${item%%|*}
	sql=${item#*|}
	rb=() rn=()
	for ((i = 0; i < REPS; i++)); do
		use base; rb+=("$(run "$SERIAL" "$sql")")
		use new; rn+=("$(run "$SERIAL" "$sql")")
	done
	# best of REPS: on a shared machine the fastest run is the one least disturbed
	wb=$(printf '%s\n' "${rb[@]}" | cut -d' ' -f1 | best)
	wn=$(printf '%s\n' "${rn[@]}" | cut -d' ' -f1 | best)
	cb=$(printf '%s\n' "${rb[@]}" | cut -d' ' -f2 | best)
	cn=$(printf '%s\n' "${rn[@]}" | cut -d' ' -f2 | best)
	r=$(ratio "$cn" "$cb")
	rows+="| $name | $cb | $cn | $r | $wb | $wn | $(ratio "$wn" "$wb") |"$'\n'
	case $name in *"$LARGE"*) ;; *) worst_typical=$(awk -v a="$worst_typical" -v b="$r" 'BEGIN { print (b > a) ? b : a }') ;; esac
	echo "$name: CPU before $cb ms, now $cn ms ($r); wall $wb, $wn ms" >&2
done
use new

report=$(cat <<MD
### Cost of order-independence ($(date -u +%Y-%m-%d), bench/bench_order.sh)

$(machine_line)
Before: $BASE (rows in arrival order); now: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' + local changes') (rows in
canonical order). Best of $REPS runs of each, alternating, serial plans, the same cluster and
data. CPU is the backend's time on a processor (/proc/self/schedstat), wall the elapsed time;
load average when done: $(cut -d' ' -f1-3 /proc/loadavg).

| query | CPU before (ms) | CPU now (ms) | now / before | wall before (ms) | wall now (ms) | now / before |
|---|---:|---:|---:|---:|---:|---:|
${rows%$'\n'}

Largest CPU ratio on the typical sizes: $worst_typical (goal: at most 1.10).
MD
)
echo "$report" | tee bench/last-run-order.md
