#!/usr/bin/env bash
# Scheduled recalculation with pg_cron (docs/operations.md), run by scripts/test.sh.
# Starts its own cluster with pg_cron preloaded, loads the sample and the materialized pipeline,
# schedules refresh_pipeline() with schedule_refresh(), waits (bounded) for the job to run, and
# checks the refreshed views against the plain views and the run log.  Then a source change makes
# the refresh raise: the next scheduled run must be logged as failed with the error and its
# SQLSTATE, cron.job_run_details must show the job failed, and the previous contents must still be
# readable.  pg_cron 1.4 (Debian 12) schedules by the minute, so each wait is up to a minute;
# pg_cron >= 1.5 gets a '2 seconds' schedule.  Exit 77 (skip) only when pg_cron is not installed.
set -euo pipefail
. "$SY_REPO/scripts/lib.sh"
cd "$SY_REPO"

if [ ! -f "$("$SY_PG_CONFIG" --pkglibdir)/pg_cron.so" ]; then
	echo "pg_cron is not installed for this server (Debian package postgresql-$SY_PG_MAJOR-cron)"
	exit 77
fi

db=synergy_cron
sy_cleanup_on_exit
# Background workers: pg_cron runs jobs inside the server, with no libpq connection (the test
# cluster trusts local connections, but a production pg_hba.conf need not).
SY_EXTRA_CONF=$'shared_preload_libraries = \'pg_cron\'\n'"cron.database_name = '$db'"$'\ncron.use_background_workers = on\ncron.log_min_messages = warning' \
	sy_cluster_start cron >/dev/null
sy_createdb "$db" synergy pg_cron >/dev/null
sy_load_sample "$db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f examples/pipeline.sql -f examples/pipeline_materialized.sql

q() { psql -X -At -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
fail=0
check() {   # check DESCRIPTION EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then
		echo "ok - $1"
	else
		echo "not ok - $1"
		echo "#   expected: $2"
		echo "#   got:      $3"
		fail=1
	fi
}
wait_run() {   # wait_run AFTER_ID: the id of the first finished run with a larger id, within 150 s
	local i id
	for ((i = 0; i < 150; i++)); do
		id=$(q "SELECT min(id) FROM refresh_run WHERE id > $1 AND status <> 'running'")
		[ -n "$id" ] && { echo "$id"; return 0; }
		sleep 1
	done
	return 1
}

# Without pg_cron in the database: a clear error (55000) saying how to install it.
createdb synergy_nocron
psql -X -q -d synergy_nocron -c 'CREATE EXTENSION synergy'
# the package named is the running server's: postgresql-NN-cron
major=$(q "SELECT current_setting('server_version_num')::int / 10000")
out=$(psql -X -d synergy_nocron -v VERBOSITY=verbose -c "SELECT schedule_refresh('x', '* * * * *')" 2>&1 || true)
check "schedule_refresh without pg_cron: SQLSTATE 55000" 1 "$(grep -c 'ERROR:  55000: schedule_refresh: pg_cron is not installed' <<<"$out")"
check "... and the hint says how to install it" 1 "$(grep -c "HINT:.*postgresql-$major-cron.*shared_preload_libraries = 'pg_cron'.*CREATE EXTENSION pg_cron" <<<"$out")"
dropdb synergy_nocron

version=$(q "SELECT extversion FROM pg_extension WHERE extname = 'pg_cron'")
if q "SELECT string_to_array(split_part('$version', '-', 1), '.')::int[] >= '{1,5}'" | grep -q t; then
	schedule='2 seconds'
else
	schedule='* * * * *'
fi
echo "# pg_cron $version, schedule '$schedule'"

jobid=$(q "SELECT schedule_refresh('synergy-test', '$schedule')")
check "the job runs refresh_pipeline" "CALL public.refresh_pipeline('synergy_pipeline', 't')" \
	"$(q "SELECT command FROM cron.job WHERE jobid = $jobid")"

# 1. The first scheduled run fills the empty views.
run=$(wait_run 0) || { echo "not ok - no scheduled run within 150 s"; tail -n 20 "$SY_CLUSTER_DIR/server.log"; exit 1; }
check "run $run succeeded" "succeeded|5|272||" \
	"$(q "SELECT status, views, rows, sqlstate, error FROM refresh_run WHERE id = $run")"
check "run $run was started by pg_cron" "pg_cron" "$(q "SELECT application FROM refresh_run WHERE id = $run")"
check "run $run's steps in dependency order" \
	"mv_city_ccd complete 70,mv_city_ccd_forecast complete 42,mv_indicator_ccd complete 120,mv_city_ccd_gap complete 20,mv_synergy_index complete 20" \
	"$(q "SELECT string_agg(view_name || ' ' || method || ' ' || rows, ',' ORDER BY step) FROM refresh_step WHERE run_id = $run AND status = 'succeeded'")"
for v in city_ccd indicator_ccd city_ccd_forecast city_ccd_gap synergy_index; do
	check "mv_$v equals the view $v" 0 "$(q "SELECT count(*) FROM (
		(SELECT * FROM synergy_pipeline.mv_$v EXCEPT ALL SELECT * FROM synergy_pipeline.$v)
		UNION ALL (SELECT * FROM synergy_pipeline.$v EXCEPT ALL SELECT * FROM synergy_pipeline.mv_$v)) d")"
done
check "pg_cron logged the run as succeeded" "succeeded" \
	"$(q "SELECT status FROM cron.job_run_details WHERE jobid = $jobid ORDER BY runid LIMIT 1")"

# 2. A NaN lands in the panel: interpolate() raises 22023 and the next run fails.
before=$(q "SELECT md5(string_agg(t::text, ';' ORDER BY region, year)) FROM synergy_pipeline.mv_city_ccd t")
q "INSERT INTO synergy_sample.panel VALUES ('320500', 2020, 'EC1', 'NaN')" >/dev/null
last=$(q "SELECT max(id) FROM refresh_run")
run=$(wait_run "$last") || { echo "not ok - no scheduled run after run $last within 150 s"; exit 1; }
check "run $run failed at mv_city_ccd with SQLSTATE 22023" \
	"failed|mv_city_ccd|22023|interpolate: x is not finite" \
	"$(q "SELECT status, failed_view, sqlstate, error FROM refresh_run WHERE id = $run")"
check "run $run's failed step is logged" "mv_city_ccd failed" \
	"$(q "SELECT view_name || ' ' || status FROM refresh_step WHERE run_id = $run")"
check "the previous contents are still readable, unchanged" "$before" \
	"$(q "SELECT md5(string_agg(t::text, ';' ORDER BY region, year)) FROM synergy_pipeline.mv_city_ccd t")"
for i in $(seq 1 30); do   # pg_cron writes its own record after the job's transaction
	st=$(q "SELECT status FROM cron.job_run_details WHERE jobid = $jobid AND status IN ('succeeded', 'failed') ORDER BY runid DESC LIMIT 1")
	[ "$st" = failed ] && break
	sleep 1
done
check "pg_cron shows the job failed, with the error" "failed|1" \
	"$(q "SELECT status, (return_message LIKE '%refresh_pipeline: run $run failed refreshing synergy_pipeline.mv_city_ccd: interpolate: x is not finite%')::int FROM cron.job_run_details WHERE jobid = $jobid ORDER BY runid DESC LIMIT 1")"

# 3. Unschedule.
check "unschedule_refresh removes the job" "t" "$(q "SELECT unschedule_refresh('synergy-test')")"
check "... and reports a job that is not there" "f" "$(q "SELECT unschedule_refresh('synergy-test')")"
check "no job left" 0 "$(q "SELECT count(*) FROM cron.job")"
exit $fail
