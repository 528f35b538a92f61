#!/usr/bin/env bash
# Scale-out on postgres_fdw: two throw-away clusters on loopback.  The panel is
# partitioned by agglomeration; partition 'sxc' is local, partition 'ycje' is a
# postgres_fdw foreign table on the second cluster, whose server lists
# extensions 'synergy'.  With enable_partitionwise_aggregate the grouped synergy
# aggregates (GROUP BY the partition key) run on the remote server: the test
# greps EXPLAIN VERBOSE for the function inside "Remote SQL", and compares every
# result with the same query on one server holding all rows.  Window functions
# are not pushed down by postgres_fdw (15 to 18): the test shows the rows
# being fetched and the window run locally (same results), and the remote view
# that ships the window function instead.  docs/scale-out.md explains the plans.
# SY_FDW_SHOW=1 prints every EXPLAIN in full.
set -euo pipefail
. "$SY_REPO/scripts/lib.sh"
sy_cleanup_on_exit

# both clusters listen on 127.0.0.1 (sy_cluster_start) with initdb -A trust, so
# host connections from loopback are trusted; nothing to change in pg_hba.conf
sy_cluster_start fdw_remote >/dev/null
remote_dir=$SY_CLUSTER_DIR remote_port=$PGPORT
sy_cluster_start fdw_local >/dev/null
local_dir=$SY_CLUSTER_DIR
out=$local_dir/fdw.out
fail=0

# The panel: two agglomerations x 40 regions x 10 years, four indicators, a
# subsystem score u in [0, 1].  Deterministic, generated the same on both sides.
panel_rows="
SELECT a.agglomeration, a.agglomeration || '-' || r AS region, y AS year,
       ARRAY[100 + 50 * sin(r * 1.3 + y * 0.2 + a.k), 10 + 5 * cos(r * 0.7 + y * 0.11 * a.k),
             1 + (r * 7 + y) % 11 + a.k, 1000 + 300 * sin(r * y * 0.01 + a.k)]::float8[] AS x,
       0.5 + 0.45 * sin(r * 0.9 + y * 0.3 + a.k) AS u
FROM (VALUES ('sxc', 1), ('ycje', 2)) a(agglomeration, k), generate_series(1, 40) r,
     generate_series(2010, 2019) y"

sy_cluster_use "$remote_dir"
sy_createdb fdw_remote synergy
psql -X -q -v ON_ERROR_STOP=1 -d fdw_remote <<SQL
CREATE TABLE panel_ycje (agglomeration text, region text, year int, x float8[], u float8);
INSERT INTO panel_ycje SELECT * FROM ($panel_rows) p WHERE agglomeration = 'ycje';
-- a view that runs the window function where the rows are (see below)
CREATE VIEW scores_ycje AS
SELECT agglomeration, region, year, topsis(x, directions => ARRAY[1, -1, 1, 1]) OVER (PARTITION BY agglomeration, year) AS closeness
FROM panel_ycje;
ANALYZE panel_ycje;
SQL

sy_cluster_use "$local_dir"
sy_createdb fdw_local synergy postgres_fdw
psql -X -q -v ON_ERROR_STOP=1 -d fdw_local <<SQL
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw
  OPTIONS (host '127.0.0.1', port '$remote_port', dbname 'fdw_remote', extensions 'synergy');
CREATE USER MAPPING FOR CURRENT_USER SERVER remote OPTIONS (user 'postgres');

CREATE TABLE panel (agglomeration text, region text, year int, x float8[], u float8)
  PARTITION BY LIST (agglomeration);
CREATE TABLE panel_sxc PARTITION OF panel FOR VALUES IN ('sxc');
CREATE FOREIGN TABLE panel_ycje PARTITION OF panel FOR VALUES IN ('ycje')
  SERVER remote OPTIONS (table_name 'panel_ycje', use_remote_estimate 'true');
INSERT INTO panel_sxc SELECT * FROM ($panel_rows) p WHERE agglomeration = 'sxc';
CREATE FOREIGN TABLE scores_ycje (agglomeration text, region text, year int, closeness float8)
  SERVER remote OPTIONS (table_name 'scores_ycje');

-- the single-server reference: every row in one local table
CREATE TABLE panel_all AS SELECT * FROM ($panel_rows) p;
ANALYZE panel_sxc;
ANALYZE panel_all;

CREATE FUNCTION close(a float8[], b float8[]) RETURNS boolean LANGUAGE sql IMMUTABLE AS \$\$
  SELECT cardinality(a) = cardinality(b) AND
         bool_and(abs(x - y) <= 1e-12 * greatest(abs(x), abs(y)) + 1e-15) FROM unnest(a, b) u(x, y)
\$\$;
SQL

q() { psql -X -At -q -v ON_ERROR_STOP=1 -d fdw_local -c "SET enable_partitionwise_aggregate = on" "$@"; }
explain() {   # explain LABEL SQL: EXPLAIN VERBOSE into $out, and onto stdout with SY_FDW_SHOW=1
	{ echo "---- $1"; q -c "EXPLAIN (VERBOSE, COSTS OFF) $2"; } >>"$out"
	[ "${SY_FDW_SHOW:-0}" = 1 ] && q -c "EXPLAIN (VERBOSE, COSTS OFF) $2" | sed "1i ---- $1" >&2
	q -c "EXPLAIN (VERBOSE, COSTS OFF) $2"
}
pushed() {    # pushed LABEL FUNCTION SQL: FUNCTION appears inside a Remote SQL line
	local plan
	plan=$(explain "$1" "$3")
	if grep -E '^ *Remote SQL:' <<<"$plan" | grep -q "$2"; then
		echo "pushed down: $1: $(grep -E '^ *Remote SQL:' <<<"$plan" | sed 's/^ *//' | head -n 1)"
	else
		echo "FAIL: $1: $2 is not in the remote SQL:"; echo "$plan"; fail=1
	fi
}
same() {      # same LABEL SQL-returning-one-boolean
	local r
	r=$(q -c "$2")
	if [ "$r" = t ]; then echo "same result as one server: $1"; else echo "FAIL: $1: results differ ($r)"; fail=1; fi
}

: >"$out"
# 1. grouped aggregates, GROUP BY the partition key (and year): the whole aggregate runs remotely
ew="SELECT agglomeration, entropy_weights(x, ARRAY[1, -1, 1, 1]) AS w FROM panel GROUP BY agglomeration"
pushed entropy_weights 'public.entropy_weights(' "$ew"
same entropy_weights "SELECT count(*) = 2 AND bool_and(close(d.w, s.w)) FROM ($ew) d
  JOIN (SELECT agglomeration, entropy_weights(x, ARRAY[1, -1, 1, 1]) AS w FROM panel_all GROUP BY 1) s USING (agglomeration)"
exact=$(q -c "SELECT bool_and(d.w = s.w) FROM ($ew) d
  JOIN (SELECT agglomeration, entropy_weights(x, ARRAY[1, -1, 1, 1]) AS w FROM panel_all GROUP BY 1) s USING (agglomeration)")
echo "entropy_weights bit-identical to one server: $exact"

ccd="SELECT agglomeration, year, coupling_coordination(u) AS c FROM panel GROUP BY agglomeration, year"
pushed coupling_coordination 'public.coupling_coordination(' "$ccd"
same coupling_coordination "SELECT count(*) = 20 AND bool_and(close(ARRAY[(d.c).c, (d.c).t, (d.c).d], ARRAY[(s.c).c, (s.c).t, (s.c).d]))
  FROM ($ccd) d JOIN (SELECT agglomeration, year, coupling_coordination(u) AS c FROM panel_all GROUP BY 1, 2) s
  USING (agglomeration, year)"

crit="SELECT agglomeration, year, critic_weights(x) AS w FROM panel GROUP BY agglomeration, year"
pushed critic_weights 'public.critic_weights(' "$crit"
same critic_weights "SELECT count(*) = 20 AND bool_and(close(d.w, s.w)) FROM ($crit) d
  JOIN (SELECT agglomeration, year, critic_weights(x) AS w FROM panel_all GROUP BY 1, 2) s USING (agglomeration, year)"

# 2. GROUP BY without the partition key: partial aggregation needs the rows, which postgres_fdw
#    (15 to 18) fetches; the aggregate runs locally over both partitions, same result
byyear="SELECT year, entropy_weights(x) AS w FROM panel GROUP BY year"
plan=$(explain "entropy_weights by year" "$byyear")
if grep -E '^ *Remote SQL:' <<<"$plan" | grep -q entropy_weights; then
	echo "FAIL: entropy_weights by year: unexpectedly pushed down"; fail=1
else
	echo "not pushed down (GROUP BY without the partition key): $(grep -E '^ *Remote SQL:' <<<"$plan" | sed 's/^ *//' | head -n 1)"
fi
same "entropy_weights by year" "SELECT count(*) = 10 AND bool_and(close(d.w, s.w)) FROM ($byyear) d
  JOIN (SELECT year, entropy_weights(x) AS w FROM panel_all GROUP BY 1) s USING (year)"

# 3. window functions: postgres_fdw (15 to 18) has no window pushdown; the rows come over and the
#    window runs locally, with the single-server result
win="SELECT agglomeration, region, year, topsis(x, directions => ARRAY[1, -1, 1, 1]) OVER (PARTITION BY agglomeration, year) AS closeness FROM panel"
plan=$(explain "topsis window" "$win")
if grep -E '^ *Remote SQL:' <<<"$plan" | grep -q topsis; then
	echo "window function shipped (a PostgreSQL with window pushdown?)"
else
	echo "window not pushed down, as expected (postgres_fdw $SY_PG_MAJOR): $(grep -E '^ *Remote SQL:' <<<"$plan" | sed 's/^ *//' | head -n 1)"
fi
winall="SELECT agglomeration, region, year, topsis(x, directions => ARRAY[1, -1, 1, 1]) OVER (PARTITION BY agglomeration, year) AS closeness FROM panel_all"
same "topsis window" "SELECT count(*) = 800 AND bool_and(abs(d.closeness - s.closeness) <= 1e-12)
  FROM ($win) d JOIN ($winall) s USING (agglomeration, region, year)"

#    ... and the view on the remote side ships it: the foreign table over the view
pushed "topsis via a remote view" 'scores_ycje' "SELECT * FROM scores_ycje WHERE year = 2019"
same "topsis via a remote view" "SELECT count(*) = 400 AND bool_and(abs(d.closeness - s.closeness) <= 1e-12)
  FROM scores_ycje d JOIN ($winall) s USING (agglomeration, region, year)"

# 4. without extensions 'synergy' the server does not ship synergy's functions
q -q -c "ALTER SERVER remote OPTIONS (DROP extensions)"
plan=$(explain "entropy_weights without the extensions option" "$ew")
if grep -E '^ *Remote SQL:' <<<"$plan" | grep -q entropy_weights; then
	echo "FAIL: entropy_weights shipped without the extensions option"; fail=1
else
	echo "without extensions 'synergy': $(grep -E '^ *Remote SQL:' <<<"$plan" | sed 's/^ *//' | head -n 1)"
fi
q -q -c "ALTER SERVER remote OPTIONS (ADD extensions 'synergy')"

[ $fail -eq 0 ] && echo "(SY_FDW_SHOW=1 prints every EXPLAIN VERBOSE in full)"
exit $fail
