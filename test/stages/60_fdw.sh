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
# Partial states (section 5): a table whose two partitions are foreign tables on two
# remote databases (servers remote and remote2); one global entropy_weights,
# critic_weights, factor_analysis, coupling_coordination and moran_i over all rows as
# F_final(F_merge(s)) over F_state(...) GROUP BY the partition key: EXPLAIN (VERBOSE,
# FORMAT JSON) must show F_state in the Remote SQL of both foreign scans, and the
# result must equal F over a local copy of all rows to 1e-12.  Yearly states stored in
# a table merge into the decade's result.
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

# 5. partial states: one global result over all partitions, each partition's state computed on its
#    own server.  Table parted has two foreign partitions, on databases fdw_remote (server remote)
#    and fdw_remote2 (server remote2) of the remote cluster; parted_all holds the same rows locally.
#    Each row also has an id and a ring of neighbours (id, nb, wt) across both partitions, for moran_i.
parted_rows="
SELECT a.agglomeration, a.agglomeration || '-' || r AS region, y AS year, a.k * 100 + r AS id,
       ARRAY[100 + 50 * sin(r * 1.3 + y * 0.2 + a.k), 10 + 5 * cos(r * 0.7 + y * 0.11 * a.k),
             1 + (r * 7 + y) % 11 + a.k, 1000 + 300 * sin(r * y * 0.01 + a.k)]::float8[] AS x,
       0.5 + 0.45 * sin(r * 0.9 + y * 0.3 + a.k) AS u,
       ARRAY[((g + 79) % 80 / 40 + 1) * 100 + (g + 79) % 80 % 40 + 1,
             ((g + 1) % 80 / 40 + 1) * 100 + (g + 1) % 80 % 40 + 1]::bigint[] AS nb,
       '{0.5,0.5}'::float8[] AS wt
FROM (VALUES ('sxc', 1), ('ycje', 2)) a(agglomeration, k), generate_series(1, 40) r,
     generate_series(2010, 2019) y, LATERAL (SELECT (a.k - 1) * 40 + r - 1 AS g) gg"
parted_cols="agglomeration text, region text, year int, id bigint, x float8[], u float8, nb bigint[], wt float8[]"

sy_cluster_use "$remote_dir"
psql -X -q -v ON_ERROR_STOP=1 -d fdw_remote <<SQL
CREATE TABLE parted_ycje ($parted_cols);
INSERT INTO parted_ycje SELECT * FROM ($parted_rows) p WHERE agglomeration = 'ycje';
ANALYZE parted_ycje;
SQL
sy_createdb fdw_remote2 synergy
psql -X -q -v ON_ERROR_STOP=1 -d fdw_remote2 <<SQL
CREATE TABLE parted_sxc ($parted_cols);
INSERT INTO parted_sxc SELECT * FROM ($parted_rows) p WHERE agglomeration = 'sxc';
ANALYZE parted_sxc;
SQL
sy_cluster_use "$local_dir"
psql -X -q -v ON_ERROR_STOP=1 -d fdw_local <<SQL
CREATE SERVER remote2 FOREIGN DATA WRAPPER postgres_fdw
  OPTIONS (host '127.0.0.1', port '$remote_port', dbname 'fdw_remote2', extensions 'synergy');
CREATE USER MAPPING FOR CURRENT_USER SERVER remote2 OPTIONS (user 'postgres');
CREATE TABLE parted ($parted_cols) PARTITION BY LIST (agglomeration);
CREATE FOREIGN TABLE parted_sxc PARTITION OF parted FOR VALUES IN ('sxc')
  SERVER remote2 OPTIONS (table_name 'parted_sxc', use_remote_estimate 'true');
CREATE FOREIGN TABLE parted_ycje PARTITION OF parted FOR VALUES IN ('ycje')
  SERVER remote OPTIONS (table_name 'parted_ycje', use_remote_estimate 'true');
CREATE TABLE parted_all AS SELECT * FROM ($parted_rows) p;
ANALYZE parted_all;

-- the Remote SQL of every foreign scan of a plan, from EXPLAIN (VERBOSE, FORMAT JSON)
CREATE FUNCTION remote_sql(query text) RETURNS SETOF text LANGUAGE plpgsql AS \$\$
DECLARE plan json;
BEGIN
  EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF, FORMAT JSON) ' || query INTO plan;
  RETURN QUERY SELECT r #>> '{}'
    FROM jsonb_path_query(plan::jsonb, 'strict \$.** ? (@.type() == "object" && exists (@."Remote SQL"))."Remote SQL"') r;
END \$\$;
-- two jsonb values of the same shape whose numbers agree to 1e-12 (relative) and the rest exactly
CREATE FUNCTION jclose(a jsonb, b jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS \$\$
  SELECT count(*) > 0 AND bool_and(coalesce(CASE
           WHEN jsonb_typeof(p.v) = 'number' AND jsonb_typeof(q.v) = 'number'
           THEN abs(p.v::float8 - q.v::float8) <= 1e-12 * greatest(abs(p.v::float8), abs(q.v::float8)) + 1e-15
           WHEN jsonb_typeof(p.v) IN ('object', 'array') THEN jsonb_typeof(p.v) = jsonb_typeof(q.v)
           ELSE p.v = q.v END, false))
  FROM jsonb_path_query(a, 'strict \$.**') WITH ORDINALITY p(v, i)
  FULL JOIN jsonb_path_query(b, 'strict \$.**') WITH ORDINALITY q(v, i) USING (i)
\$\$;
-- a moran_result's numbers, for close()
CREATE FUNCTION moran_nums(m moran_result) RETURNS float8[] LANGUAGE sql IMMUTABLE AS \$\$
  SELECT ARRAY[(m).n, (m).islands, (m).i, (m).expected, (m).variance_normal, (m).z_normal, (m).p_normal,
               (m).variance_randomisation, (m).z_randomisation, (m).p_randomisation, (m).s0]::float8[]
\$\$;
SQL

states_pushed() {   # states_pushed LABEL F_STATE SQL: F_STATE in the Remote SQL of both foreign scans
	local rs n
	{ echo "---- $1"; q -c "EXPLAIN (VERBOSE, COSTS OFF) $3"; } >>"$out"
	[ "${SY_FDW_SHOW:-0}" = 1 ] && q -c "EXPLAIN (VERBOSE, COSTS OFF) $3" | sed "1i ---- $1" >&2
	rs=$(q -c "SELECT s FROM remote_sql(\$sy\$$3\$sy\$) s")
	n=$(grep -c "public\.$2(" <<<"$rs" || true)
	if [ "$n" = 2 ] && [ "$(grep -c . <<<"$rs")" = 2 ]; then
		echo "pushed down to both servers: $1: $(head -n 1 <<<"$rs")"
	else
		echo "FAIL: $1: $2 is not in the Remote SQL of both foreign scans:"; echo "$rs"; fail=1
	fi
}
identical() {   # identical LABEL SQL-returning-one-boolean: report, not a check
	echo "$1 bit-identical to one server: $(q -c "$2")"
}
g() {   # g F STATE-ARGS [WHERE]: the global query over parted, states grouped by the partition key
	echo "SELECT $1_final($1_merge(s)) AS r FROM (SELECT $1_state($2) AS s FROM parted ${3:-} GROUP BY agglomeration) q"
}

g_ew=$(g entropy_weights 'x, ARRAY[1, -1, 1, 1]')
r_ew="SELECT entropy_weights(x, ARRAY[1, -1, 1, 1]) AS r FROM parted_all"
states_pushed "global entropy_weights" entropy_weights_state "$g_ew"
same "global entropy_weights" "SELECT close(($g_ew), ($r_ew))"
identical "global entropy_weights" "SELECT ($g_ew) = ($r_ew)"

#    the bounded entropy_weights (O(m) states), two passes: the bounds per partition
#    (indicator_min/indicator_max GROUP BY the partition key, run remotely), then the states with the bounds as parameters;
#    the same weights as the row-keeping form over all rows
b_ew="WITH b AS (
  SELECT indicator_min(lo) AS lo, indicator_max(hi) AS hi
  FROM (SELECT agglomeration, indicator_min(x) AS lo, indicator_max(x) AS hi FROM parted GROUP BY agglomeration) p)
SELECT entropy_weights_final(entropy_weights_merge(s)) AS r
FROM (SELECT entropy_weights_state(x, (SELECT lo FROM b), (SELECT hi FROM b), ARRAY[1, -1, 1, 1]) AS s
      FROM parted GROUP BY agglomeration) q"
{ echo "---- global bounded entropy_weights"; q -c "EXPLAIN (VERBOSE, COSTS OFF) $b_ew"; } >>"$out"
[ "${SY_FDW_SHOW:-0}" = 1 ] && q -c "EXPLAIN (VERBOSE, COSTS OFF) $b_ew" | sed "1i ---- global bounded entropy_weights" >&2
rs=$(q -c "SELECT s FROM remote_sql(\$sy\$$b_ew\$sy\$) s")
# shellcheck disable=SC2016  # $1, $2 are the literal parameter markers of the Remote SQL
sy_check "bounded entropy: bounds and states pushed to both servers (4 Remote SQL: 2 indicator_min/max, 2 states with parameters)" "4 2 2" \
	"$(grep -c . <<<"$rs") $(grep -c 'public\.indicator_min(x), public\.indicator_max(x) FROM .* GROUP BY 1$' <<<"$rs") $(grep -c 'public\.entropy_weights_state(x, \$1::double precision\[\], \$2::double precision\[\]' <<<"$rs")"
[ "${SY_FDW_SHOW:-0}" = 1 ] && echo "$rs" >&2
same "global bounded entropy_weights = row-keeping over all rows" "SELECT close(($b_ew), ($r_ew))"
identical "global bounded entropy_weights (vs row-keeping)" "SELECT ($b_ew) = ($r_ew)"

g_cw=$(g critic_weights 'x')
r_cw="SELECT critic_weights(x) AS r FROM parted_all"
states_pushed "global critic_weights" critic_weights_state "$g_cw"
same "global critic_weights" "SELECT close(($g_cw), ($r_cw))"
identical "global critic_weights" "SELECT ($g_cw) = ($r_cw)"

g_fa=$(g factor_analysis 'x')
r_fa="SELECT factor_analysis(x) AS r FROM parted_all"
states_pushed "global factor_analysis" factor_analysis_state "$g_fa"
same "global factor_analysis" "SELECT jclose(($g_fa), ($r_fa))"
identical "global factor_analysis" "SELECT ($g_fa) = ($r_fa)"

g_cc=$(g coupling_coordination 'u')
r_cc="SELECT coupling_coordination(u) AS r FROM parted_all"
states_pushed "global coupling_coordination" coupling_coordination_state "$g_cc"
same "global coupling_coordination" "SELECT close(ARRAY[(a.r).c, (a.r).t, (a.r).d], ARRAY[(b.r).c, (b.r).t, (b.r).d])
  FROM ($g_cc) a, ($r_cc) b"
identical "global coupling_coordination" "SELECT a.r = b.r FROM ($g_cc) a, ($r_cc) b"

g_mi=$(g moran_i 'u, id, nb, wt' 'WHERE year = 2019')
r_mi="SELECT moran_i(u, id, nb, wt) AS r FROM parted_all WHERE year = 2019"
states_pushed "global moran_i" moran_i_state "$g_mi"
same "global moran_i (80 regions, ring across both servers)" "SELECT (a.r).n = 80 AND (a.r).islands = 0 AND close(moran_nums(a.r), moran_nums(b.r))
  FROM ($g_mi) a, ($r_mi) b"
identical "global moran_i" "SELECT moran_nums(a.r) = moran_nums(b.r) FROM ($g_mi) a, ($r_mi) b"

#    states stored in a table, merged later: one state per agglomeration and year, each made on
#    its server; the decade (and any span of years) is the merge of its years' states
yearly="SELECT agglomeration, year, entropy_weights_state(x, ARRAY[1, -1, 1, 1]) AS ew, critic_weights_state(x) AS cw,
       factor_analysis_state(x) AS fa, coupling_coordination_state(u) AS cc
FROM parted GROUP BY agglomeration, year"
states_pushed "yearly states" entropy_weights_state "$yearly"
q -q -c "CREATE TABLE yearly_states AS $yearly"
sy_check "20 stored yearly states, each of its family" "20 entropy_weights critic_weights factor_analysis coupling_coordination" \
	"$(q -F ' ' -c "SELECT count(*), min((state_info(ew)).family), min((state_info(cw)).family), min((state_info(fa)).family),
	                         min((state_info(cc)).family) FROM yearly_states")"
same "decade = merge of the stored yearly states: entropy_weights" "SELECT close(
  (SELECT entropy_weights_final(entropy_weights_merge(ew)) FROM yearly_states), ($r_ew))"
same "decade = merge of the stored yearly states: critic_weights" "SELECT close(
  (SELECT critic_weights_final(critic_weights_merge(cw)) FROM yearly_states), ($r_cw))"
same "decade = merge of the stored yearly states: factor_analysis" "SELECT jclose(
  (SELECT factor_analysis_final(factor_analysis_merge(fa)) FROM yearly_states), ($r_fa))"
same "decade = merge of the stored yearly states: coupling_coordination" "SELECT close(ARRAY[(a.r).c, (a.r).t, (a.r).d], ARRAY[(b.r).c, (b.r).t, (b.r).d])
  FROM (SELECT coupling_coordination_final(coupling_coordination_merge(cc)) AS r FROM yearly_states) a, ($r_cc) b"
same "2015-2019 = merge of those years' states: entropy_weights" "SELECT close(
  (SELECT entropy_weights_final(entropy_weights_merge(ew)) FROM yearly_states WHERE year >= 2015),
  (SELECT entropy_weights(x, ARRAY[1, -1, 1, 1]) FROM parted_all WHERE year >= 2015))"
same "merged states merge again (years per agglomeration, then the two): critic_weights" "SELECT close(
  (SELECT critic_weights_final(critic_weights_merge(s)) FROM
     (SELECT critic_weights_merge(cw) AS s FROM yearly_states GROUP BY agglomeration) m), ($r_cw))"
same "per-year result from the stored states: entropy_weights, 10 years" "SELECT count(*) = 10 AND bool_and(close(a.w, b.w))
  FROM (SELECT year, entropy_weights_final(entropy_weights_merge(ew)) AS w FROM yearly_states GROUP BY year) a
  JOIN (SELECT year, entropy_weights(x, ARRAY[1, -1, 1, 1]) AS w FROM parted_all GROUP BY year) b USING (year)"

[ $fail -eq 0 ] && echo "(SY_FDW_SHOW=1 prints every EXPLAIN VERBOSE in full)"
exit $fail
