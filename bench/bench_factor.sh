#!/usr/bin/env bash
# bench/bench_factor.sh: factor analysis over many rows and the full gravity matrix of many
# cities, each against a baseline measured in the same run on the same throw-away cluster.
# Prints a Markdown report (also written to bench/last-run-factor.md).  Not a test: nothing
# here fails on timing.
#
#   bench/bench_factor.sh                      # N=100000 rows x M=30 indicators, C=3000 cities
#   N=20000 C=1000 REPS=3 bench/bench_factor.sh
#
# Measures (median of REPS runs unless noted):
#   1. factor_analysis(x) over N rows x M indicators (three latent factors plus noise), serial,
#      vs the plain-SQL correlation matrix (all M (M - 1) / 2 corr() aggregates in one scan:
#      only R, no eigenproblem, no loadings) and vs the bare scan sum(x[1]);
#   2. the same aggregate with 2 parallel workers;
#   3. factor_scores(x) OVER () and factor_composite(x) OVER () over the N rows (one partition)
#      vs a bare count(*) OVER () of the same rows;
#   4. gravity_linkage over C cities (C (C - 1) ordered pairs) read to the end, in FROM (the
#      executor materializes the set) and in the select list (streamed), vs the same model in
#      plain SQL (cross join, haversine, sum() OVER (PARTITION BY i) for the membership), once;
#   5. peak private memory (RssAnon, polled) of the backend for 1, 3 and 4.
# SY_SKIP_DEPS=1 skips the Debian package check; SY_SKIP_BUILD=1 skips build and install.
set -euo pipefail
cd "$(dirname "$0")/.." || exit 1
N=${N:-100000}
M=${M:-30}
C=${C:-3000}
# shellcheck source-path=SCRIPTDIR/..
. bench/lib.sh
bench_setup bench_factor

echo "generating $N rows x $M indicators and $C cities ..." >&2
"${PSQL[@]}" <<SQL
SELECT setseed(0.61);
CREATE TABLE fa AS
SELECT g AS id,
       ARRAY(SELECT CASE j % 3 WHEN 0 THEN f1 WHEN 1 THEN f2 ELSE f3 END * (1 + j % 5)
                    + 0.1 * f1 * j + 1000 * (j % 4) + random()
             FROM generate_series(1, $M) j) AS x
FROM (SELECT g, random() + 0 * g AS f1, random() AS f2, random() AS f3 FROM generate_series(1, $N) g) s;
CREATE TABLE cities AS
SELECT g AS id, 'c' || g AS code, 0.1 + 10 * random() ^ 3 AS q,
       108 + 10 * random() AS lon, 25 + 8 * random() AS lat
FROM generate_series(1, $C) g;
VACUUM ANALYZE fa;
VACUUM ANALYZE cities;
SQL
table_size=$("${PSQL[@]}" -At -c "SELECT pg_size_pretty(pg_total_relation_size('fa'))")

SERIAL='SET max_parallel_workers_per_gather = 0'
PARALLEL='SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0'
FA="SELECT (factor_analysis(x)->>'factors')::int FROM fa"
CORR="SELECT $(for ((a = 1; a < M; a++)); do for ((b = a + 1; b <= M; b++)); do printf 'corr(x[%d], x[%d]) + ' "$a" "$b"; done; done) 0 FROM fa"
SCAN='SELECT sum(x[1]) FROM fa'
SCORES='SELECT sum(f[1]) FROM (SELECT factor_scores(x) OVER () AS f FROM fa) s'
COMPOSITE='SELECT sum(c) FROM (SELECT factor_composite(x) OVER () AS c FROM fa) s'
WINFLOOR='SELECT sum(c) FROM (SELECT x, count(*) OVER () AS c FROM fa) s'
ARGS="(SELECT array_agg(code ORDER BY id) FROM cities), (SELECT array_agg(q ORDER BY id) FROM cities),
      (SELECT array_agg(lon ORDER BY id) FROM cities), (SELECT array_agg(lat ORDER BY id) FROM cities)"
GRAV_FROM="SELECT count(*), sum(membership) FROM gravity_linkage($ARGS)"
GRAV_SELECT="SELECT count(*), sum((l).membership) FROM (SELECT gravity_linkage($ARGS) AS l) s"
GRAV_SQL="SELECT count(*), sum(t / tot) FROM (
  SELECT t, sum(t) OVER (PARTITION BY i) AS tot FROM (
    SELECT a.id AS i, a.q * b.q / (d * d) AS t
    FROM cities a JOIN cities b ON a.id <> b.id,
         LATERAL (SELECT 2 * 6371.0088 * asin(sqrt(power(sin(radians(b.lat - a.lat) / 2), 2)
                  + cos(radians(a.lat)) * cos(radians(b.lat)) * power(sin(radians(b.lon - a.lon) / 2), 2))) AS d) h) p) s"

echo "timing ..." >&2
t_fa=$(median_ms "$SERIAL" "$FA")
t_corr=$(median_ms "$SERIAL" "$CORR")
t_scan=$(median_ms "$SERIAL" "$SCAN")
t_fa_par=$(median_ms "$PARALLEL" "$FA")
t_scores=$(median_ms "$SERIAL" "$SCORES")
t_comp=$(median_ms "$SERIAL" "$COMPOSITE")
t_winfloor=$(median_ms "$SERIAL" "$WINFLOOR")
t_gfrom=$(median_ms "$SERIAL" "$GRAV_FROM")
t_gselect=$(median_ms "$SERIAL" "$GRAV_SELECT")
echo "plain-SQL gravity matrix (once; slow) ..." >&2
t_gsql=$(time_ms "$SERIAL; SET work_mem = '1GB'" "$GRAV_SQL")
diff_grav=$("${PSQL[@]}" -At -c "$SERIAL" -c "
SELECT to_char(abs(a.s - b.s) / b.s, '9.9EEEE') FROM
  (SELECT sum(strength) AS s FROM gravity_linkage($ARGS)) a,
  (SELECT sum(a.q * b.q / (d * d)) AS s FROM cities a JOIN cities b ON a.id <> b.id,
     LATERAL (SELECT 2 * 6371.0088 * asin(sqrt(power(sin(radians(b.lat - a.lat) / 2), 2)
              + cos(radians(a.lat)) * cos(radians(b.lat)) * power(sin(radians(b.lon - a.lon) / 2), 2))) AS d) h) b")

# peak private memory of the backend running SQL: poll its RssAnon
echo "memory ..." >&2
mem_kb() { awk '/^RssAnon/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
peak_mb() {
	local client pid base peak cur
	PGAPPNAME=bench_mem "${PSQL[@]}" -c "$SERIAL" -c 'SELECT pg_sleep(1)' -c "$1" >/dev/null &
	client=$!
	sleep 0.5
	pid=$("${PSQL[@]}" -At -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'bench_mem' LIMIT 1")
	base=$(mem_kb "$pid")
	peak=$base
	while kill -0 "$client" 2>/dev/null; do
		cur=$(mem_kb "$pid")
		[ "${cur:-0}" -gt "$peak" ] && peak=$cur
		sleep 0.02
	done
	wait "$client" || true
	awk -v p="$peak" -v b="$base" 'BEGIN { printf "%.0f", (p - b) / 1024 }'
}
m_fa=$(peak_mb "$FA")
m_scores=$(peak_mb "$SCORES")
m_gfrom=$(peak_mb "$GRAV_FROM")
m_gselect=$(peak_mb "$GRAV_SELECT")
pairs=$((C * (C - 1)))

report=$(cat <<MD
### Factor analysis and gravity benchmark ($(date -u +%Y-%m-%d), bench/bench_factor.sh)

$(machine_line)
Factor analysis: $N rows x $M indicators ($table_size). Gravity: $C cities, $pairs ordered pairs.
Median of $REPS runs, serial plans unless noted (the plain-SQL gravity matrix: one run, work_mem 1GB).

| measurement | time (ms) | baseline (ms) | ratio |
|---|---:|---:|---:|
| \`factor_analysis(x)\` vs the $((M * (M - 1) / 2)) \`corr()\` aggregates of the correlation matrix in plain SQL | $t_fa | $t_corr | $(ratio "$t_corr" "$t_fa") x faster |
| \`factor_analysis(x)\` vs the bare scan \`sum(x[1])\` | $t_fa | $t_scan | $(ratio "$t_fa" "$t_scan") x the scan |
| \`factor_analysis(x)\`, 2 workers vs serial | $t_fa_par | $t_fa | $(ratio "$t_fa" "$t_fa_par") x |
| \`factor_scores(x) OVER ()\` vs \`count(*) OVER ()\` | $t_scores | $t_winfloor | $(ratio "$t_scores" "$t_winfloor") x the floor |
| \`factor_composite(x) OVER ()\` vs \`count(*) OVER ()\` | $t_comp | $t_winfloor | $(ratio "$t_comp" "$t_winfloor") x the floor |
| \`gravity_linkage\` in FROM, $pairs pairs, vs plain SQL (cross join, haversine, window sum) | $t_gfrom | $t_gsql | $(ratio "$t_gsql" "$t_gfrom") x faster |
| \`gravity_linkage\` in the select list (streamed) vs plain SQL | $t_gselect | $t_gsql | $(ratio "$t_gsql" "$t_gselect") x faster |

Peak private memory of the backend (RssAnon above its idle size): \`factor_analysis\` $m_fa MB,
\`factor_scores\` $m_scores MB, \`gravity_linkage\` in FROM $m_gfrom MB (the executor's tuplestore,
bounded by work_mem, spills beyond it), in the select list $m_gselect MB.
Sum of T_ij, synergy vs plain SQL: relative difference $diff_grav.
MD
)
echo "$report" | tee bench/last-run-factor.md
