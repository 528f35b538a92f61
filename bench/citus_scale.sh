#!/usr/bin/env bash
# bench/citus_scale.sh: synergy on Citus, a coordinator and two workers (three throw-away
# clusters on loopback, shared_preload_libraries = 'citus').  Not part of CI: Citus is not in
# Debian; docs/scale-out.md ("Citus") says how it was built.  Prints a Markdown report with the
# plans and timings (also written to bench/last-run-citus.md).  Nothing here fails on timing; it
# fails (exit 1) when a distributed result differs from the one-server result by more than 1e-12.
#
#   SY_PG_CONFIG=/path/to/pg_config bench/citus_scale.sh       # N=200000 rows x M=25 indicators
#   N=50000 M=10 SHARDS=8 REGIONS=64 REPS=3 bench/citus_scale.sh
#
# The table t(region, cell, year, x) is distributed by region (REGIONS regions, SHARDS shards);
# a copy t_local on the coordinator is the one-server reference.  For entropy_weights,
# critic_weights and factor_analysis:
#   (a) the plain aggregate over the distributed table: Citus cannot split an aggregate whose
#       state type is internal, so it pulls the rows to the coordinator (row-gather);
#   (b) states GROUP BY the distribution column: the inner query runs on the workers, one state
#       per region comes back, F_merge and F_final run on the coordinator;
#   (c) one state per shard through run_command_on_shards, merged on the coordinator;
#   (d) the bounded entropy_weights(x, lower, upper) (two passes: min/max per indicator, then the
#       states) and its states, O(M) per shard;
# each against F over t_local on the coordinator (serial on every node).
# SY_SKIP_BUILD=1 skips building and installing synergy.
set -euo pipefail
cd "$(dirname "$0")/.." || exit 1
N=${N:-200000}
M=${M:-25}
YEARS=${YEARS:-10}
REGIONS=${REGIONS:-64}
SHARDS=${SHARDS:-8}
REPS=${REPS:-3}
# shellcheck source-path=SCRIPTDIR/..
. bench/lib.sh

if [ ! -f "$("$SY_PG_CONFIG" --pkglibdir)/citus.so" ]; then
	sy_warn "Citus is not installed for $SY_PG_CONFIG (no citus.so in $("$SY_PG_CONFIG" --pkglibdir)); see docs/scale-out.md, Citus"
	exit 2
fi
if [ "${SY_SKIP_BUILD:-0}" != 1 ]; then
	sy_build_install >/dev/null
fi
sy_cleanup_on_exit
conf=$'shared_preload_libraries = \'citus\'\nshared_buffers = 1GB\nwork_mem = 256MB\nmax_parallel_workers_per_gather = 0\njit = off\nmax_connections = 100'
SY_EXTRA_CONF=$conf sy_cluster_start citus_w1 >/dev/null
w1_dir=$SY_CLUSTER_DIR w1_port=$PGPORT
SY_EXTRA_CONF=$conf sy_cluster_start citus_w2 >/dev/null
w2_dir=$SY_CLUSTER_DIR w2_port=$PGPORT
SY_EXTRA_CONF=$conf sy_cluster_start citus_coord >/dev/null
c_dir=$SY_CLUSTER_DIR c_port=$PGPORT
for d in "$w1_dir" "$w2_dir" "$c_dir"; do
	sy_cluster_use "$d"
	"${PSQL[@]}" -c 'CREATE EXTENSION citus' >/dev/null
done
sy_cluster_use "$c_dir"
export PGDATABASE=postgres
"${PSQL[@]}" -At >/dev/null <<SQL
SELECT citus_set_coordinator_host('127.0.0.1', $c_port);
SELECT citus_add_node('127.0.0.1', $w1_port);
SELECT citus_add_node('127.0.0.1', $w2_port);
CREATE EXTENSION synergy;   -- Citus propagates it to the workers
SQL
citus_version=$("${PSQL[@]}" -At -c "SELECT extversion FROM pg_extension WHERE extname = 'citus'")
synergy_on_workers=$("${PSQL[@]}" -At -c "SELECT string_agg(result, ',') FROM run_command_on_workers(\$\$SELECT extversion FROM pg_extension WHERE extname = 'synergy'\$\$)")

echo "generating $N rows x $M indicators, $REGIONS regions, $YEARS years, $SHARDS shards ..." >&2
"${PSQL[@]}" >/dev/null <<SQL
SELECT setseed(0.42);
CREATE TABLE t_local AS
-- three latent factors of different strength (indicator k loads on factor k % 3) plus noise, so
-- that factor_analysis has well separated eigenvalues: with independent random indicators the
-- eigenvalues are nearly equal, the eigenvectors ill-conditioned, and a different row order
-- alone changes the loadings by far more than 1e-12
SELECT (g % $REGIONS)::int AS region, g / $YEARS AS cell, 2010 + g % $YEARS AS year,
       ARRAY(SELECT (1 + k) * 100 * (CASE k % 3 WHEN 0 THEN 0.9 * f.a WHEN 1 THEN 0.7 * f.b ELSE 0.5 * f.c END
                                     + random()) + g % $REGIONS
             FROM generate_series(1, $M) k) AS x
FROM generate_series(0, $N - 1) g, LATERAL (SELECT random() AS a, random() AS b, random() AS c WHERE g >= 0) f;
CREATE TABLE t (LIKE t_local);
SET citus.shard_count = $SHARDS;
SELECT create_distributed_table('t', 'region');
INSERT INTO t SELECT * FROM t_local;
VACUUM ANALYZE t_local;
VACUUM ANALYZE t;
SQL
table_size=$("${PSQL[@]}" -At -c "SELECT pg_size_pretty(pg_total_relation_size('t_local'))")
per_worker=$("${PSQL[@]}" -At -c "SELECT string_agg(nodeport || ': ' || n || ' shards', ', ' ORDER BY nodeport)
  FROM (SELECT nodeport, count(*) n FROM citus_shards WHERE table_name = 't'::regclass GROUP BY 1) s")

# bounds of each indicator (first pass of the bounded entropy): indicator_min/indicator_max have a
# float8[] state and a combine function, so Citus splits them into worker partials and a
# coordinator combine (worker_partial_agg / coord_combine_agg)
BOUNDS="SELECT indicator_min(x) AS lo, indicator_max(x) AS hi FROM t"
BOUNDS_LOCAL="${BOUNDS% FROM t} FROM t_local"

# one state per region (GROUP BY the distribution column: the workers make the states)
bygroup() { echo "SELECT $1_final($1_merge(s)) FROM (SELECT region, $1_state($2) AS s FROM t GROUP BY region) q"; }
# one state per shard, made by run_command_on_shards and merged on the coordinator
byshard() {
	echo "SELECT $1_final($1_merge(result::bytea)) FROM run_command_on_shards('t', \$c\$SELECT $1_state($2)::text FROM %s\$c\$)"
}

# close LOCAL_SQL DIST_SQL: are the two results equal to 1e-12 (float8[] or jsonb); bit-identical?
"${PSQL[@]}" >/dev/null <<'SQL'
CREATE OR REPLACE FUNCTION sy_close(a jsonb, b jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT count(*) > 0 AND bool_and(coalesce(CASE
           WHEN jsonb_typeof(p.v) = 'number' AND jsonb_typeof(q.v) = 'number'
           THEN abs(p.v::float8 - q.v::float8) <= 1e-12 * greatest(abs(p.v::float8), abs(q.v::float8)) + 1e-15
           WHEN jsonb_typeof(p.v) IN ('object', 'array') THEN jsonb_typeof(p.v) = jsonb_typeof(q.v)
           ELSE p.v = q.v END, false))
  FROM jsonb_path_query(a, 'strict $.**') WITH ORDINALITY p(v, i)
  FULL JOIN jsonb_path_query(b, 'strict $.**') WITH ORDINALITY q(v, i) USING (i)
$$;
SQL
fail=0
compare() {   # compare LABEL LOCAL_SQL DIST_SQL -> "yes (bit-identical)" / "yes" / "NO"
	local r
	r=$("${PSQL[@]}" -At -F ' ' -c "SELECT sy_close(to_jsonb(a), to_jsonb(b)), to_jsonb(a) = to_jsonb(b) FROM ($2) l(a), ($3) d(b)")
	case $r in
		"t t") echo "yes, bit-identical" ;;
		"t f") echo "yes (not bit-identical)" ;;
		*) echo "NO"; sy_warn "$1: distributed result differs from one server ($r)"; fail=1 ;;
	esac
}
plan() {   # plan SQL: EXPLAIN (VERBOSE, COSTS OFF) as an indented block
	"${PSQL[@]}" -At -c "EXPLAIN (VERBOSE, COSTS OFF) $1" | sed 's/^/    /'
}

echo "timing ..." >&2
load_before=$(cut -d" " -f1-3 /proc/loadavg)
rows=()
row() {   # row LABEL SQL BASELINE_MS [LOCAL_SQL]
	local t
	t=$(median_ms 'SELECT 1' "$2")
	rows+=("| $1 | $t | $3 | $(ratio "$3" "$t") | ${4:+$(compare "$1" "$4" "$2")} |")
}
for f in entropy_weights critic_weights factor_analysis; do
	t_one=$(median_ms 'SELECT 1' "SELECT $f(x) FROM t_local")
	rows+=("| $f(x), one server (t_local on the coordinator) | $t_one | $t_one | 1.00 | |")
	row "$f(x) over the distributed table (a)" "SELECT $f(x) FROM t" "$t_one" "SELECT $f(x) FROM t_local"
	row "$f states GROUP BY region, merged (b)" "$(bygroup "$f" x)" "$t_one" "SELECT $f(x) FROM t_local"
	row "$f states per shard, run_command_on_shards (c)" "$(byshard "$f" x)" "$t_one" "SELECT $f(x) FROM t_local"
done
# (d) bounded entropy: first pass bounds, second pass O(M) states
BE_LOCAL="WITH b AS ($BOUNDS_LOCAL) SELECT entropy_weights(x, (SELECT lo FROM b), (SELECT hi FROM b)) FROM t_local"
t_be_one=$(median_ms 'SELECT 1' "$BE_LOCAL")
rows+=("| bounded entropy_weights(x, lo, hi), two passes, one server | $t_be_one | $t_be_one | 1.00 | $(compare "bounded vs row-keeping" "SELECT entropy_weights(x) FROM t_local" "$BE_LOCAL") (vs row-keeping) |")
BE_GROUP="WITH b AS ($BOUNDS) SELECT entropy_weights_final(entropy_weights_merge(s)) FROM
  (SELECT region, entropy_weights_state(x, (SELECT lo FROM b), (SELECT hi FROM b)) AS s FROM t GROUP BY region) q"
row "bounded entropy, bounds then states GROUP BY region (d)" "$BE_GROUP" "$t_be_one" "$BE_LOCAL"
t_bounds=$(median_ms 'SELECT 1' "$BOUNDS")
rows+=("| (first pass only: indicator_min/indicator_max over the distributed table) | $t_bounds | | | |")

load_after=$(cut -d" " -f1-3 /proc/loadavg)
report=$(cat <<MD
### Citus ($(date -u +%Y-%m-%d), bench/citus_scale.sh)

$(machine_line | sed 's/shared_buffers 2GB/shared_buffers 1GB per node/')
Load average (1, 5, 15 min) before the timings: $load_before; after: $load_after. Citus $citus_version,
coordinator and two workers on one machine (loopback), max_parallel_workers_per_gather = 0 on
every node; synergy on the workers: $synergy_on_workers.
Table: $N rows x $M indicators ($table_size), distributed by region ($REGIONS regions) into
$SHARDS shards ($per_worker). Median of $REPS runs. "ratio" is the one-server time over the
distributed time (> 1: the distributed query is faster); "same" compares with the one-server
result to 1e-12.

| query | time (ms) | one server (ms) | ratio | same |
|---|---:|---:|---:|---|
$(printf '%s\n' "${rows[@]}")

(a) \`SELECT entropy_weights(x) FROM t\`:

$(plan "SELECT entropy_weights(x) FROM t")

(b) \`$(bygroup entropy_weights x)\`:

$(plan "$(bygroup entropy_weights x)")

(c) \`$(byshard entropy_weights x)\`:

$(plan "$(byshard entropy_weights x)")

First pass of (d), \`$BOUNDS\`:

$(plan "$BOUNDS")

(d) bounded entropy, states grouped by region:

$(plan "$BE_GROUP")
MD
)
echo "$report" | tee bench/last-run-citus.md
exit $fail
