#!/usr/bin/env bash
# bench/bench_ccd.sh: coupling coordination over many city-years, against the same formula in
# plain SQL, measured in the same run on the same throw-away cluster.  Prints a Markdown report
# (also written to bench/last-run-ccd.md).  Not a test: nothing here fails on timing.
#
#   bench/bench_ccd.sh                  # N=1000000 city-years x 6 subsystem scores
#   N=200000 REPS=3 bench/bench_ccd.sh
#
# Measures (median of REPS runs), D summed so every row is computed:
#   1. the array function coordination_degree(u) over N rows of 6 scores, vs plain SQL:
#      a. classic, the formula written out for six scores (u[1] .. u[6]),
#      b. classic, the formula for any number of scores (unnest per row),
#      c. wang2021, the formula for any number of scores (unnest per row); target: >= 5x
#   2. the aggregate coupling_coordination(u) over 6N rows grouped into N city-years, vs
#      a. classic with built-in aggregates (min, avg(ln u), avg) per group,
#      b. wang2021 with window functions (rank within the group) and aggregates
# Results are compared, and the largest difference reported.
# SY_SKIP_DEPS=1 skips the Debian package check; SY_SKIP_BUILD=1 skips build and install.
set -euo pipefail
cd "$(dirname "$0")/.." || exit 1
N=${N:-1000000}
# shellcheck source-path=SCRIPTDIR/..
. bench/lib.sh
bench_setup bench_ccd

echo "generating $N city-years x 6 scores ..." >&2
"${PSQL[@]}" <<SQL
SELECT setseed(0.17);
CREATE TABLE u6 AS
SELECT g AS id, ARRAY(SELECT 0.01 + 0.99 * random() FROM generate_series(1, 6) k WHERE g > 0) AS u
FROM generate_series(1, $N) g;
CREATE TABLE u_long AS SELECT id, k AS subsystem, u[k] AS u FROM u6, generate_series(1, 6) k;
VACUUM ANALYZE u6;
VACUUM ANALYZE u_long;
SELECT count(*) FROM u6;
SELECT count(*) FROM u_long;
SQL

SERIAL='SET max_parallel_workers_per_gather = 0'
FN='SELECT sum(coordination_degree(u)) FROM u6'
SQL6='SELECT sum(sqrt(c * t)) FROM (
  SELECT CASE WHEN p = 0 THEN 0 ELSE 6 * power(p / power(s, 6), 1.0 / 6) END AS c, s / 6 AS t
  FROM (SELECT u[1] * u[2] * u[3] * u[4] * u[5] * u[6] AS p, u[1] + u[2] + u[3] + u[4] + u[5] + u[6] AS s
        FROM u6) a) b'
SQLN='SELECT sum(d) FROM u6, LATERAL (
  SELECT sqrt(CASE WHEN min(x) = 0 THEN 0 ELSE exp(avg(ln(x))) / avg(x) END * avg(x)) AS d
  FROM unnest(u6.u) x) q'
FNW="SELECT sum(coordination_degree(u, variant => 'wang2021')) FROM u6"
SQLNW='SELECT sum(d) FROM u6, LATERAL (
  SELECT sqrt(sqrt(greatest(0, 1 - sum((2 * k - n - 1) * x) / (n * (n - 1) / 2.0))
                   * CASE WHEN min(x) = 0 THEN 0 ELSE exp(sum(ln(x / mx)) / (n - 1)) END) * avg(x)) AS d
  FROM (SELECT x, row_number() OVER (ORDER BY x) AS k, count(*) OVER () AS n, max(x) OVER () AS mx
        FROM unnest(u6.u) x) s
  GROUP BY n) q'
AGG='SELECT sum((r).d) FROM (SELECT coupling_coordination(u) AS r FROM u_long GROUP BY id) s'
SQLAGG='SELECT sum(sqrt(CASE WHEN mn = 0 THEN 0 ELSE exp(al) / av END * av)) FROM (
  SELECT min(u) AS mn, avg(ln(u)) AS al, avg(u) AS av FROM u_long GROUP BY id) s'
AGGW="SELECT sum((r).d) FROM (SELECT coupling_coordination(u, 1, 'wang2021') AS r FROM u_long GROUP BY id) s"
SQLAGGW='SELECT sum(sqrt(sqrt(greatest(0, 1 - sp / (n * (n - 1) / 2.0))
                       * CASE WHEN mn = 0 THEN 0 ELSE exp(sl / (n - 1)) END) * av)) FROM (
  SELECT id, sum((2 * k - n - 1) * u) AS sp, sum(ln(u / mx)) AS sl, min(u) AS mn, avg(u) AS av, n
  FROM (SELECT id, u, row_number() OVER w AS k, count(*) OVER (PARTITION BY id) AS n,
               max(u) OVER (PARTITION BY id) AS mx
        FROM u_long WINDOW w AS (PARTITION BY id ORDER BY u)) s
  GROUP BY id, n) q'

echo "timing ..." >&2
t_fn=$(median_ms "$SERIAL" "$FN")
t_sql6=$(median_ms "$SERIAL" "$SQL6")
t_sqln=$(median_ms "$SERIAL" "$SQLN")
t_fnw=$(median_ms "$SERIAL" "$FNW")
t_sqlnw=$(median_ms "$SERIAL" "$SQLNW")
t_agg=$(median_ms "$SERIAL" "$AGG")
t_sqlagg=$(median_ms "$SERIAL" "$SQLAGG")
t_aggw=$(median_ms "$SERIAL" "$AGGW")
t_sqlaggw=$(median_ms "$SERIAL" "$SQLAGGW")

t_group=$(median_ms "$SERIAL" 'SELECT count(*) FROM (SELECT count(u) FROM u_long GROUP BY id) s')
t_scan=$(median_ms "$SERIAL" 'SELECT sum(u[1]) FROM u6')
diff_fn=$("${PSQL[@]}" -At -c "$SERIAL" -c "
SELECT to_char(max(abs(coordination_degree(u) - sqrt(CASE WHEN p = 0 THEN 0 ELSE 6 * power(p / power(s, 6), 1.0 / 6) END * s / 6))), '9.9EEEE')
FROM (SELECT u, u[1] * u[2] * u[3] * u[4] * u[5] * u[6] AS p, u[1] + u[2] + u[3] + u[4] + u[5] + u[6] AS s FROM u6) a")
diff_agg=$("${PSQL[@]}" -At -c "$SERIAL" -c "
SELECT to_char(max(abs((r).d - sqrt(CASE WHEN mn = 0 THEN 0 ELSE exp(al) / av END * av))), '9.9EEEE')
FROM (SELECT id, coupling_coordination(u) AS r, min(u) AS mn, avg(ln(u)) AS al, avg(u) AS av
      FROM u_long GROUP BY id) s")

report=$(cat <<MD
### CCD benchmark ($(date -u +%Y-%m-%d), bench/bench_ccd.sh)

$(machine_line)
$N city-years x 6 subsystem scores (array table), and the same as $((N * 6)) rows (long table).
Median of $REPS runs, serial plans.

| measurement | synergy (ms) | plain SQL (ms) | synergy is | target |
|---|---:|---:|---:|---|
| \`coordination_degree(u)\` vs the formula written out for 6 scores | $t_fn | $t_sql6 | $(ratio "$t_sql6" "$t_fn") x faster | >= 5 |
| \`coordination_degree(u)\` vs the formula for any n (unnest per row) | $t_fn | $t_sqln | $(ratio "$t_sqln" "$t_fn") x faster | >= 5 |
| \`coordination_degree(u, variant => 'wang2021')\` vs the formula for any n | $t_fnw | $t_sqlnw | $(ratio "$t_sqlnw" "$t_fnw") x faster | >= 5 |
| aggregate \`coupling_coordination(u) ... GROUP BY id\` vs built-in aggregates | $t_agg | $t_sqlagg | $(ratio "$t_sqlagg" "$t_agg") x faster | >= 5 |
| aggregate, wang2021, vs window functions and aggregates | $t_aggw | $t_sqlaggw | $(ratio "$t_sqlaggw" "$t_aggw") x faster | >= 5 |

Largest difference in D (classic): array function $diff_fn, aggregate $diff_agg.
Floors: scanning the array table (\`SELECT sum(u[1]) FROM u6\`) takes $t_scan ms, and a bare
\`SELECT count(u) FROM u_long GROUP BY id\` $t_group ms; every form above pays one of them.
MD
)
echo "$report" | tee bench/last-run-ccd.md
