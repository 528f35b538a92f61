#!/usr/bin/env bash
# Faults in the middle of refresh_pipeline() (docs/operations.md, "Faults"), run by scripts/test.sh
# on its own cluster (pg_cron preloaded when installed).  The materialized views of the pipeline
# belong to a role sy_pipe; alice and bob are two login roles with its privileges, without
# pg_read_all_stats.  A session holds an ACCESS EXCLUSIVE lock on the source table so that alice's
# refresh stops in the middle, holding its run's advisory lock.
#   1. bob cannot see alice's backend_start in pg_stat_activity, but his own refresh (of another
#      schema) must not mark her live run abandoned: liveness is the lock, in pg_locks.
#   2. pg_terminate_backend of alice's backend: the views keep their previous contents, her run
#      stays 'running' without a lock, and bob's next refresh marks it 'abandoned'.
#   3. kill -9 of alice's refreshing backend (the postmaster resets every session): the server
#      comes back, the views keep their previous contents, the run is 'running' without a lock,
#      and the next scheduled run (pg_cron, as alice) succeeds and marks it 'abandoned'
#      (without pg_cron, alice's next manual run does).
set -euo pipefail
. "$SY_REPO/scripts/lib.sh"
cd "$SY_REPO"

db=synergy_faults
cron=0
conf=""
if [ -f "$("$SY_PG_CONFIG" --pkglibdir)/pg_cron.so" ]; then
	cron=1
	conf=$'shared_preload_libraries = \'pg_cron\'\n'"cron.database_name = '$db'"$'\ncron.use_background_workers = on\ncron.log_min_messages = warning'
fi
sy_cleanup_on_exit
SY_EXTRA_CONF=$conf sy_cluster_start faults >/dev/null
exts=(synergy)
[ $cron = 1 ] && exts+=(pg_cron)
sy_createdb "$db" "${exts[@]}" >/dev/null
sy_load_sample "$db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f examples/pipeline.sql -f examples/pipeline_materialized.sql
psql -X -q -v ON_ERROR_STOP=1 -d "$db" <<'SQL'
CREATE ROLE sy_pipe NOLOGIN;
CREATE ROLE sy_alice LOGIN IN ROLE sy_pipe;
CREATE ROLE sy_bob LOGIN IN ROLE sy_pipe;
GRANT USAGE ON SCHEMA synergy_sample, synergy_pipeline TO sy_pipe;
GRANT SELECT ON ALL TABLES IN SCHEMA synergy_sample, synergy_pipeline TO sy_pipe;
GRANT SELECT, INSERT, UPDATE, DELETE ON refresh_run, refresh_step TO sy_pipe;
GRANT USAGE ON SEQUENCE refresh_run_id_seq TO sy_pipe;
DO $$
DECLARE v regclass;
BEGIN
	FOR v IN SELECT c.oid FROM pg_class c WHERE c.relnamespace = 'synergy_pipeline'::regnamespace AND c.relkind = 'm' LOOP
		EXECUTE format('ALTER MATERIALIZED VIEW %s OWNER TO sy_pipe', v);
	END LOOP;
END
$$;
CREATE SCHEMA sy_other AUTHORIZATION sy_pipe;
CREATE MATERIALIZED VIEW sy_other.mv AS SELECT 1 AS k;
ALTER MATERIALIZED VIEW sy_other.mv OWNER TO sy_pipe;
SQL
[ $cron = 1 ] && psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c 'GRANT USAGE ON SCHEMA cron TO sy_alice'

q() { psql -X -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
fail=0
check() { sy_check "$@"; }   # scripts/lib.sh
wait_for() { sy_wait_for "$db" 60 "$1"; }   # scripts/lib.sh
md5_views() {
	q -c "SELECT md5(string_agg(t::text, ';' ORDER BY region, year)) FROM synergy_pipeline.mv_city_ccd t" \
	  -c "SELECT md5(string_agg(t::text, ';' ORDER BY region, year)) FROM synergy_pipeline.mv_city_ccd_forecast t" \
	  -c "SELECT md5(string_agg(t::text, ';' ORDER BY agglomeration, year)) FROM synergy_pipeline.mv_synergy_index t" | paste -sd,
}
start_blocker() {
	sy_block_panel "$db" 120 || { echo "not ok - the blocker did not get its lock"; exit 1; }
}
start_refresh() {   # alice's refresh, stopped by the blocker in the middle; sets refresh, run, pid
	# synchronous_commit = on (the default; the test clusters run with off): the running row's
	# commit is then on disk (in the OS's cache: fsync = off) before the crash, not lost with it.
	PGAPPNAME=sy_refresh PGOPTIONS="-c synchronous_commit=on" \
		psql -X -At -U sy_alice -d "$db" -v VERBOSITY=verbose -c 'CALL refresh_pipeline()' \
		>"$SY_CLUSTER_DIR/refresh.out" 2>&1 &
	refresh=$!
	wait_for "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = 'sy_refresh'
	          AND wait_event_type = 'Lock')" \
		|| { echo "not ok - the refresh did not stop at the blocker"; cat "$SY_CLUSTER_DIR/refresh.out"; exit 1; }
	pid=$(q -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'sy_refresh'")
	run=$(q -c "SELECT id FROM refresh_run WHERE backend_pid = $pid AND status = 'running'")
}
status() { q -c "SELECT status || '|' || (finished_at IS NOT NULL) || '|' || _refresh_lock_held(id) FROM refresh_run WHERE id = $1"; }

check "alice's first run fills the views" "1" "$(psql -X -At -v ON_ERROR_STOP=1 -U sy_alice -d "$db" -c 'CALL refresh_pipeline()')"
before=$(md5_views)

# 1. A live run of alice, seen by bob.
start_blocker
start_refresh
check "alice's run $run is running and holds its lock" "running|false|true" "$(status "$run")"
check "bob does not see the backend_start of alice's backend (no pg_read_all_stats)" t \
	"$(psql -X -At -U sy_bob -d "$db" -c "SELECT backend_start IS NULL FROM pg_stat_activity WHERE pid = $pid")"
check "bob sees her run (he may refresh its schema) and its lock, in pg_locks" "running|true" \
	"$(psql -X -At -U sy_bob -d "$db" -c "SELECT status || '|' || _refresh_lock_held(id) FROM refresh_run WHERE id = $run")"
check "bob refreshes another schema meanwhile" 3 \
	"$(psql -X -At -v ON_ERROR_STOP=1 -U sy_bob -d "$db" -c "CALL refresh_pipeline('sy_other')")"
check "... and alice's live run is not marked abandoned" "running|false|true" "$(status "$run")"

# 2. pg_terminate_backend in the middle of the run.
check "pg_terminate_backend of alice's refreshing backend" t "$(q -c "SELECT pg_terminate_backend($pid)")"
wait "$refresh" && { echo "not ok - the terminated refresh exited 0"; fail=1; }
check "... her client got 57P01" 1 "$(grep -c 'FATAL:  57P01' "$SY_CLUSTER_DIR/refresh.out")"
check "... the run stays 'running', no session holds its lock" "running|false|false" "$(status "$run")"
check "... the views keep their previous contents, readable while the blocker holds the source" \
	"$before" "$(md5_views)"
check "... and no step of it was logged" 0 "$(q -c "SELECT count(*) FROM refresh_step WHERE run_id = $run")"
q -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'sy_blocker'" >/dev/null
wait "$blocker" || true
check "bob's next refresh (of the other schema) succeeds" 4 \
	"$(psql -X -At -v ON_ERROR_STOP=1 -U sy_bob -d "$db" -c "CALL refresh_pipeline('sy_other')")"
check "... and marks alice's dead run abandoned" "abandoned|true|false" "$(status "$run")"
check "... changing nothing else of it" "sy_alice|||" \
	"$(q -c "SELECT run_by || '|' || coalesce(views::text, '') || '|' || coalesce(error, '') || '|' || coalesce(sqlstate, '') FROM refresh_run WHERE id = $run")"
terminated=$run

# 3. The server crashes in the middle of the run: kill -9 of the refreshing backend.
start_blocker
start_refresh
check "alice's run $run is running" "running|false|true" "$(status "$run")"
kill -KILL "$pid"
wait "$refresh" || true
wait "$blocker" || true
for ((i = 0; i < 60; i++)); do   # the postmaster resets every session, recovers, and accepts again
	q -c 'SELECT 1' >/dev/null 2>&1 && break
	sleep 1
done
check "the server restarted after the crash" 1 \
	"$(grep -c 'terminated by signal 9' "$SY_CLUSTER_DIR/server.log")"
check "... the views keep their previous contents" "$before" "$(md5_views)"
check "... the run stays 'running', no session holds its lock" "running|false|false" "$(status "$run")"
crashed=$run

if [ $cron = 1 ]; then
	version=$(q -c "SELECT extversion FROM pg_extension WHERE extname = 'pg_cron'")
	if q -c "SELECT string_to_array(split_part('$version', '-', 1), '.')::int[] >= '{1,5}'" | grep -q t; then
		schedule='2 seconds'
	else
		schedule='* * * * *'
	fi
	psql -X -q -At -v ON_ERROR_STOP=1 -U sy_alice -d "$db" -c "SELECT schedule_refresh('faults', '$schedule')" >/dev/null
	next=""
	for ((i = 0; i < 150; i++)); do
		next=$(q -c "SELECT min(id) FROM refresh_run WHERE id > $crashed AND schema_name = 'synergy_pipeline' AND status <> 'running'")
		[ -n "$next" ] && break
		sleep 1
	done
	[ -n "$next" ] || { echo "not ok - no scheduled run within 150 s"; tail -n 20 "$SY_CLUSTER_DIR/server.log"; exit 1; }
	check "the next scheduled run ($next) succeeds, as alice, from pg_cron" "succeeded|5|sy_alice|pg_cron" \
		"$(q -c "SELECT status || '|' || views || '|' || run_by || '|' || application FROM refresh_run WHERE id = $next")"
	psql -X -q -At -U sy_alice -d "$db" -c "SELECT unschedule_refresh('faults')" >/dev/null
else
	echo "# pg_cron is not installed: alice's next run is started by hand"
	next=$(psql -X -At -v ON_ERROR_STOP=1 -U sy_alice -d "$db" -c 'CALL refresh_pipeline()')
	check "the next run ($next) succeeds" "succeeded|5" \
		"$(q -c "SELECT status || '|' || views FROM refresh_run WHERE id = $next")"
fi
check "... and marks the crashed run $crashed abandoned" "abandoned|true|false" "$(status "$crashed")"
check "the terminated run $terminated stays abandoned" "abandoned|true|false" "$(status "$terminated")"
sy_check_pipeline_views "$db" " after the faults"
check "no run is left running, and no run lock is held" "0|0" \
	"$(q -c "SELECT count(*) FILTER (WHERE status = 'running') || '|' || count(*) FILTER (WHERE _refresh_lock_held(id)) FROM refresh_run")"
exit $fail
