#!/usr/bin/env bash
# Scheduled recalculation with pg_cron (docs/operations.md), run by scripts/test.sh.
# Starts its own cluster with pg_cron preloaded, loads the sample and the materialized pipeline,
# schedules refresh_pipeline() with schedule_refresh(), waits (bounded) for the job to run, and
# checks the refreshed views against the plain views and the run log.  Then a source change makes
# the refresh raise: the next scheduled run must be logged as failed with the error and its
# SQLSTATE, cron.job_run_details must show the job failed, and the previous contents must still be
# readable.  pg_cron 1.4 (Debian 12) schedules by the minute, so each wait is up to a minute;
# pg_cron >= 1.5 gets a '2 seconds' schedule.  Exit 77 (skip) only when pg_cron is not installed.
#
# Security (docs/operations.md): the database is given to a non-superuser owner, which on
# PostgreSQL 15+ owns schema public (pg_database_owner), where synergy is installed.  That owner
# plants overloads of refresh_pipeline and operators and functions that would catch an unqualified
# call, each logging into a trap table, and sets the database's search_path to public, pg_catalog.
# schedule_refresh must refuse (55000) until a superuser allows it (synergy.allow_writable_schema,
# which the owner cannot set: 42501), the job's command must be schema-qualified and typed, and the
# scheduled runs must be synergy's (refresh_run rows) with the trap never called.  At the end,
# unschedule_refresh of another role's job returns false.
set -euo pipefail
. "$SY_REPO/scripts/lib.sh"
cd "$SY_REPO"

major=$("$SY_PG_CONFIG" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
if [ ! -f "$("$SY_PG_CONFIG" --pkglibdir)/pg_cron.so" ]; then
	echo "pg_cron is not installed for this server (Debian package postgresql-$major-cron)"
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

# The test's own sessions keep a safe search_path whatever the database's is.
q() { PGOPTIONS="-c search_path=public" psql -X -At -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
err() {   # err ROLE SQL...: the SQLSTATE and message of the error (verbose), as ROLE, fresh session
	local role=$1; shift
	PGOPTIONS="-c search_path=public" psql -X -At -U "$role" -d "$db" -v VERBOSITY=verbose "$@" 2>&1 \
		| sed -n 's/^.*ERROR:  \([0-9A-Z]\{5\}\): /\1 /p' | head -n 1
}
fail=0
check() { sy_check "$@"; }   # scripts/lib.sh
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
check "... and the hint names the package of the running major, postgresql-$major-cron" 1 "$(grep -c "HINT:.*postgresql-$major-cron.*shared_preload_libraries = 'pg_cron'.*CREATE EXTENSION pg_cron" <<<"$out")"
dropdb synergy_nocron

version=$(q "SELECT extversion FROM pg_extension WHERE extname = 'pg_cron'")
if q "SELECT string_to_array(split_part('$version', '-', 1), '.')::int[] >= '{1,5}'" | grep -q t; then
	schedule='2 seconds'
else
	schedule='* * * * *'
fi
echo "# pg_cron $version, schedule '$schedule'"

# The attacker: owner of the database, so of schema public (pg_database_owner), no superuser.
q "CREATE ROLE sy_attacker LOGIN; ALTER DATABASE $db OWNER TO sy_attacker" >/dev/null
check "public belongs to pg_database_owner (PostgreSQL 15+), so to the attacker" pg_database_owner \
	"$(q "SELECT nspowner::regrole FROM pg_namespace WHERE nspname = 'public'")"
PGOPTIONS="-c search_path=public" psql -X -q -v ON_ERROR_STOP=1 -U sy_attacker -d "$db" <<SQL
CREATE TABLE public.trap_log (at timestamptz DEFAULT clock_timestamp(), what text, by_role name DEFAULT current_user,
                              backend text);
GRANT INSERT, SELECT ON public.trap_log TO PUBLIC;
CREATE FUNCTION public.trap(what text) RETURNS void LANGUAGE sql
AS \$\$ INSERT INTO public.trap_log (what, backend)
       SELECT what, (SELECT a.backend_type FROM pg_catalog.pg_stat_activity a WHERE a.pid OPERATOR(pg_catalog.=) pg_catalog.pg_backend_pid()) \$\$;
-- Overloads a CALL with untyped literals, or with other argument types, would pick.
CREATE PROCEDURE public.refresh_pipeline(a text, b text) LANGUAGE sql
AS \$\$ SELECT public.trap('refresh_pipeline(text, text)') \$\$;
CREATE PROCEDURE public.refresh_pipeline(a text, b text, c text) LANGUAGE sql
AS \$\$ SELECT public.trap('refresh_pipeline(text, text, text)') \$\$;
CREATE PROCEDURE public.refresh_pipeline(a text, b boolean, c bigint) LANGUAGE sql
AS \$\$ SELECT public.trap('refresh_pipeline(text, boolean, bigint)') \$\$;
CREATE PROCEDURE public.refresh_pipeline(a varchar, b boolean, c bigint) LANGUAGE sql
AS \$\$ SELECT public.trap('refresh_pipeline(varchar, boolean, bigint)') \$\$;
CREATE PROCEDURE public.refresh_pipeline(a name, b boolean, c numeric) LANGUAGE sql
AS \$\$ SELECT public.trap('refresh_pipeline(name, boolean, numeric)') \$\$;
CREATE PROCEDURE public.refresh_pipeline(a name, b text, c bigint) LANGUAGE sql
AS \$\$ SELECT public.trap('refresh_pipeline(name, text, bigint)') \$\$;
CREATE PROCEDURE public.refresh_pipeline(a name) LANGUAGE sql
AS \$\$ SELECT public.trap('refresh_pipeline(name)') \$\$;
CREATE PROCEDURE public.refresh_pipeline() LANGUAGE sql
AS \$\$ SELECT public.trap('refresh_pipeline()') \$\$;
-- Functions and operators that would catch an unqualified call under search_path = public, pg_catalog.
CREATE FUNCTION public.set_config(text, text, boolean) RETURNS text LANGUAGE sql
AS \$\$ SELECT public.trap('set_config'); SELECT pg_catalog.set_config(\$1, \$2, \$3) \$\$;
CREATE FUNCTION public.pg_advisory_unlock(integer, integer) RETURNS boolean LANGUAGE sql
AS \$\$ SELECT public.trap('pg_advisory_unlock'); SELECT pg_catalog.pg_advisory_unlock(\$1, \$2) \$\$;
CREATE FUNCTION public.trap_eq(name, name) RETURNS boolean LANGUAGE sql
AS \$\$ SELECT public.trap('=(name, name)'); SELECT \$1 OPERATOR(pg_catalog.=) \$2 \$\$;
CREATE OPERATOR public.= (LEFTARG = name, RIGHTARG = name, FUNCTION = public.trap_eq);
CREATE FUNCTION public.trap_concat(text[], text) RETURNS text[] LANGUAGE sql
AS \$\$ SELECT public.trap('||(text[], text)'); SELECT \$1 OPERATOR(pg_catalog.||) \$2 \$\$;
CREATE OPERATOR public.|| (LEFTARG = text[], RIGHTARG = text, FUNCTION = public.trap_concat);
ALTER DATABASE $db SET search_path = public, pg_catalog;
SQL
trap_calls() { q "SELECT count(*) || coalesce(': ' || string_agg(what || ' by ' || by_role || ' in ' || coalesce(backend, '?'), '; '), '') FROM public.trap_log"; }

# Refused while the schema is writable by the attacker.
check "schedule_refresh while public is writable by the database's owner: 55000" \
	"55000 schedule_refresh: schema public, where synergy is installed, is writable by roles other than superusers and the extension's owner" \
	"$(err postgres -c "SELECT schedule_refresh('synergy-test', '$schedule')")"
out=$(PGOPTIONS="-c search_path=public" psql -X -d "$db" -c "SELECT schedule_refresh('synergy-test', '$schedule')" 2>&1 || true)
check "... the DETAIL names the attacker" 1 "$(grep -c '^DETAIL:  CREATE on schema public: sy_attacker\. ' <<<"$out")"
check "... the HINT says ALTER SCHEMA public OWNER TO postgres" 1 "$(grep -c '^HINT:  Let only trusted roles write it: ALTER SCHEMA public OWNER TO postgres;' <<<"$out")"
check "refresh_pipeline too: 55000" \
	"55000 refresh_pipeline: schema public, where synergy is installed, is writable by roles other than superusers and the extension's owner" \
	"$(err postgres -c "CALL public.refresh_pipeline('synergy_pipeline'::pg_catalog.name, true, NULL::pg_catalog.int8)")"
# The attacker cannot lift the refusal: a SET before the library is loaded is dropped when it
# loads; after, SET is refused; ALTER DATABASE ... SET is refused either way.
check "SET by a non-superuser before the library is loaded does not lift it" \
	"55000 refresh_pipeline: schema public, where synergy is installed, is writable by roles other than superusers and the extension's owner" \
	"$(err sy_attacker -c "SET synergy.allow_writable_schema = on" -c "CALL public.refresh_pipeline('synergy_pipeline'::pg_catalog.name, true, NULL::pg_catalog.int8)")"
check "... and the setting is off afterwards" off \
	"$(PGOPTIONS="-c search_path=public" psql -X -At -U sy_attacker -d "$db" -c "SET synergy.allow_writable_schema = on" -c "SELECT synergy_version() IS NOT NULL" -c "SHOW synergy.allow_writable_schema" 2>/dev/null | tail -n 1)"
check "SET by a non-superuser once the library is loaded: 42501" \
	"42501 permission denied to set parameter \"synergy.allow_writable_schema\"" \
	"$(err sy_attacker -c "SELECT synergy_version()" -c "SET synergy.allow_writable_schema = on")"
# Unloaded, the setting is an unknown placeholder: PostgreSQL 15 refuses to store it for a
# non-superuser (42501); should a version store it, it is applied with the owner's rights and
# dropped when the library loads, so the refusal must hold in a superuser's new session.
got=$(err sy_attacker -c "ALTER DATABASE $db SET synergy.allow_writable_schema = on" | cut -c1-5) || true
check "ALTER DATABASE ... SET by the database's owner, library not loaded: 42501 (or no effect)" 42501 "${got:-42501}"
check "ALTER DATABASE ... SET by the database's owner, library loaded: 42501" 42501 \
	"$(err sy_attacker -c "SELECT synergy_version()" -c "ALTER DATABASE $db SET synergy.allow_writable_schema = on" | cut -c1-5)"
check "... a superuser's new session is still refused" \
	"55000 refresh_pipeline: schema public, where synergy is installed, is writable by roles other than superusers and the extension's owner" \
	"$(err postgres -c "CALL public.refresh_pipeline('synergy_pipeline'::pg_catalog.name, true, NULL::pg_catalog.int8)")"

# A superuser allows it for its own sessions in this database, pg_cron's included.
q "ALTER ROLE postgres IN DATABASE $db SET synergy.allow_writable_schema = on" >/dev/null
out=$(PGOPTIONS="-c search_path=public" psql -X -At -v ON_ERROR_STOP=1 -d "$db" -c "SELECT schedule_refresh('synergy-test', '$schedule')" 2>&1)
jobid=$(tail -n 1 <<<"$out")
check "allowed by a superuser: a WARNING, and the job is scheduled" 1 \
	"$(grep -c 'WARNING:  schedule_refresh: schema public, where synergy is installed, is writable' <<<"$out")"
check "the job's command is schema-qualified, every argument typed" \
	"CALL public.refresh_pipeline('synergy_pipeline'::pg_catalog.name, true::pg_catalog.bool, NULL::pg_catalog.int8)" \
	"$(q "SELECT command FROM cron.job WHERE jobid = $jobid")"

# 1. The first scheduled run fills the empty views.
run=$(wait_run 0) || { echo "not ok - no scheduled run within 150 s"; tail -n 20 "$SY_CLUSTER_DIR/server.log"; exit 1; }
check "run $run succeeded" "succeeded|5|272||" \
	"$(q "SELECT status, views, rows, sqlstate, error FROM refresh_run WHERE id = $run")"
check "run $run was started by pg_cron" "pg_cron" "$(q "SELECT application FROM refresh_run WHERE id = $run")"
check "run $run's steps in dependency order" \
	"mv_city_ccd complete 70,mv_city_ccd_forecast complete 42,mv_indicator_ccd complete 120,mv_city_ccd_gap complete 20,mv_synergy_index complete 20" \
	"$(q "SELECT string_agg(view_name || ' ' || method || ' ' || rows, ',' ORDER BY step) FROM refresh_step WHERE run_id = $run AND status = 'succeeded'")"
sy_check_pipeline_views "$db" ""
check "pg_cron logged the run as succeeded" "succeeded" \
	"$(q "SELECT status FROM cron.job_run_details WHERE jobid = $jobid ORDER BY runid LIMIT 1")"
check "the scheduled run was synergy's: no trap was called" 0 "$(trap_calls)"
# The same command typed by a superuser whose search_path is the database's (public, pg_catalog).
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "$(q "SELECT command FROM cron.job WHERE jobid = $jobid")" >/dev/null 2>&1
check "the job's command typed by hand under search_path public, pg_catalog runs synergy's procedure" \
	"succeeded|0" "$(q "SELECT string_agg(status, ',') FROM refresh_run WHERE application = 'psql'")|$(trap_calls)"

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

check "no trap was called by any run" 0 "$(trap_calls)"

# 3. Unschedule.
check "unschedule_refresh removes the job" "t" "$(q "SELECT unschedule_refresh('synergy-test')")"
check "... and reports a job that is not there" "f" "$(q "SELECT unschedule_refresh('synergy-test')")"
check "no job left" 0 "$(q "SELECT count(*) FROM cron.job")"

# An overload that adds a parameter with a default cannot be told apart from synergy's procedure:
# the command then fails (42725, not unique) instead of running the attacker's procedure.
PGOPTIONS="-c search_path=public" psql -X -q -v ON_ERROR_STOP=1 -U sy_attacker -d "$db" -c \
	"CREATE PROCEDURE public.refresh_pipeline(a name, b boolean, c bigint, d text DEFAULT '') LANGUAGE sql AS \$\$ SELECT public.trap('refresh_pipeline(name, boolean, bigint, text)') \$\$"
check "an overload with an extra defaulted parameter: the command fails with 42725, nothing runs" \
	"42725|0" "$(err postgres -c "CALL public.refresh_pipeline('synergy_pipeline'::pg_catalog.name, true::pg_catalog.bool, NULL::pg_catalog.int8)" | cut -c1-5)|$(trap_calls)"

# unschedule_refresh of another role's job returns false and leaves it (pg_cron's own
# unschedule(name) would raise).  The database goes back to a trusted owner first.
q "ALTER DATABASE $db OWNER TO postgres; ALTER DATABASE $db RESET search_path;
   CREATE ROLE sy_alice LOGIN; CREATE ROLE sy_bob LOGIN; GRANT USAGE ON SCHEMA cron TO sy_alice, sy_bob;
   CREATE SCHEMA alice_pipe AUTHORIZATION sy_alice" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -U sy_alice -d "$db" \
	-c "CREATE MATERIALIZED VIEW alice_pipe.mv AS SELECT 1 AS k WITH NO DATA" \
	-c "SELECT schedule_refresh('alice-job', '0 0 1 1 *', 'alice_pipe')" >/dev/null
check "alice scheduled alice-job" 1 "$(q "SELECT count(*) FROM cron.job WHERE jobname = 'alice-job' AND username = 'sy_alice'")"
check "unschedule_refresh of alice's job by a superuser: false, no error" f \
	"$(q "SELECT unschedule_refresh('alice-job')")"
check "unschedule_refresh of alice's job by bob: false, no error" f \
	"$(psql -X -At -v ON_ERROR_STOP=1 -U sy_bob -d "$db" -c "SELECT unschedule_refresh('alice-job')")"
check "... the job is still there" 1 "$(q "SELECT count(*) FROM cron.job WHERE jobname = 'alice-job'")"
check "unschedule_refresh by alice: true" t \
	"$(psql -X -At -v ON_ERROR_STOP=1 -U sy_alice -d "$db" -c "SELECT unschedule_refresh('alice-job')")"
check "schedule_refresh by bob, who may not refresh alice_pipe: 42501" \
	"42501 schedule_refresh: role sy_bob may not refresh the materialized views of schema alice_pipe" \
	"$(err sy_bob -c "SELECT schedule_refresh('bob-job', '0 0 1 1 *', 'alice_pipe')")"
exit $fail
