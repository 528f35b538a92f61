#!/usr/bin/env bash
# refresh_pipeline() does not block readers when it refreshes CONCURRENTLY (docs/operations.md),
# run by scripts/test.sh on the test cluster.  To catch the refresh in the middle, without timing,
# a session holds an ACCESS EXCLUSIVE lock on the source table: the refresh then waits on it while
# holding its own lock on the first materialized view.  A reader with lock_timeout = 2 s must
# then read that view (70 rows, the previous contents) when the run is concurrent, and must get
# 55P03 (lock_not_available) when it is a complete refresh (concurrent => false), which takes an
# ACCESS EXCLUSIVE lock.  The blocker is then cancelled and the refresh must finish.  Last, a run
# cancelled by statement_timeout while it waits must be logged as failed with 57014.
set -euo pipefail
. "$SY_REPO/scripts/lib.sh"
cd "$SY_REPO"

db=synergy_readers
sy_createdb "$db" synergy >/dev/null
sy_load_sample "$db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f examples/pipeline.sql -f examples/pipeline_materialized.sql
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c 'CALL refresh_pipeline()' >/dev/null

q() { psql -X -At -d "$db" -c "$1"; }
fail=0
check() { sy_check "$@"; }   # scripts/lib.sh
wait_for() { sy_wait_for "$db" 30 "$1"; }   # scripts/lib.sh

for concurrent in true false; do
	sy_block_panel "$db" 60 || { echo "not ok - the blocker did not get its lock"; exit 1; }
	PGAPPNAME=sy_refresh psql -X -At -d "$db" -c "CALL refresh_pipeline(concurrent => $concurrent)" \
		>"$SY_CLUSTER_DIR/refresh_$concurrent.out" 2>&1 &
	refresh=$!
	wait_for "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = 'sy_refresh'
	          AND wait_event_type = 'Lock')" \
		|| { echo "not ok - the refresh did not wait for the blocker"; exit 1; }
	# the strongest of the refresh's locks on the view (it also holds weaker ones)
	mode=$(q "SELECT CASE WHEN bool_or(l.mode = 'AccessExclusiveLock') THEN 'AccessExclusiveLock'
	                      WHEN bool_or(l.mode = 'ExclusiveLock') THEN 'ExclusiveLock'
	                      ELSE string_agg(l.mode, ',') END
	          FROM pg_locks l JOIN pg_stat_activity a USING (pid)
	          WHERE a.application_name = 'sy_refresh' AND l.granted
	            AND l.relation = 'synergy_pipeline.mv_city_ccd'::regclass")
	read=$(psql -X -At -d "$db" -v VERBOSITY=verbose -c "SET lock_timeout = '2s'" \
		-c 'SELECT count(*) FROM synergy_pipeline.mv_city_ccd' 2>&1 | grep -oE '^[0-9]+$|55P03' || true)
	if [ "$concurrent" = true ]; then
		check "a concurrent refresh holds ExclusiveLock on mv_city_ccd" ExclusiveLock "$mode"
		check "... and a reader reads the previous 70 rows meanwhile" 70 "$read"
	else
		check "a complete refresh holds AccessExclusiveLock on mv_city_ccd" AccessExclusiveLock "$mode"
		check "... and a reader waiting on it gets 55P03 after lock_timeout" 55P03 "$read"
	fi
	q "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'sy_blocker'" >/dev/null
	wait "$blocker" || true
	if wait "$refresh"; then
		echo "ok - the refresh (concurrent => $concurrent) finished once the blocker was gone"
	else
		echo "not ok - the refresh failed: $(cat "$SY_CLUSTER_DIR/refresh_$concurrent.out")"; fail=1
	fi
done
check "the run log: three runs succeeded" "3|0" \
	"$(q "SELECT count(*) FILTER (WHERE status = 'succeeded'), count(*) FILTER (WHERE status <> 'succeeded') FROM refresh_run")"

# A run cancelled by statement_timeout while it waits is logged as failed (57014) and raises it.
before=$(q "SELECT md5(string_agg(t::text, ';' ORDER BY region, year)) FROM synergy_pipeline.mv_city_ccd t")
sy_block_panel "$db" 60 || { echo "not ok - the blocker did not get its lock"; exit 1; }
out=$(psql -X -d "$db" -v VERBOSITY=verbose -c "SET statement_timeout = '1s'" -c 'CALL refresh_pipeline()' 2>&1 || true)
q "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'sy_blocker'" >/dev/null
wait "$blocker" || true
check "a run cancelled by statement_timeout raises 57014" 1 \
	"$(grep -c 'ERROR:  57014: refresh_pipeline: run 4 failed refreshing synergy_pipeline.mv_city_ccd: canceling statement due to statement timeout' <<<"$out")"
check "... and is logged as failed" "failed|mv_city_ccd|57014" \
	"$(q "SELECT status, failed_view, sqlstate FROM refresh_run WHERE id = 4")"
check "... and the view keeps its contents" "$before" \
	"$(q "SELECT md5(string_agg(t::text, ';' ORDER BY region, year)) FROM synergy_pipeline.mv_city_ccd t")"
exit $fail
