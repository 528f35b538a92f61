#!/usr/bin/env bash
# pg_dump / pg_restore of a database that uses synergy (docs/operations.md), run by
# scripts/test.sh.  Server A gets synergy, synergy_postgis, the sample data, the plain and the
# materialized pipeline (refreshed, so the run log has rows), stored bp_fit and gm11_fit models
# with a view of their forecasts, a view and a materialized view of trend_analysis over the
# sample's geometries, and, when pg_cron is installed, a pg_cron job made by schedule_refresh().
# pg_dump -Fc, then pg_restore into a database of the same name on server B (pg_cron allows its
# extension only in cron.database_name, as it would be on the server a bureau restores to).
# Every query below must give the same text on both servers (floats print shortest-exact, so
# same text = same bits); then a refresh on B must work and continue the run log's numbering;
# then, with the panel rewritten in a shuffled physical order and the views refreshed, every
# query but the run log must still give server A's text.
set -euo pipefail
. "$SY_REPO/scripts/lib.sh"
cd "$SY_REPO"

db=synergy_dump
work=$(mktemp -d /tmp/synergy-dump.XXXXXX)
chmod 755 "$work"
sy_cleanup_on_exit
SY_CLEANUP_CMDS+=("rm -rf '$work'")

conf=""
cron=0
if [ -f "$("$SY_PG_CONFIG" --pkglibdir)/pg_cron.so" ]; then
	cron=1
	conf=$'shared_preload_libraries = \'pg_cron\'\n'"cron.database_name = '$db'"$'\ncron.use_background_workers = on\ncron.log_min_messages = warning'
else
	echo "# pg_cron is not installed (postgresql-$SY_PG_MAJOR-cron): dumping without a pg_cron job"
fi

SY_EXTRA_CONF=$conf sy_cluster_start dump-a >/dev/null
dir_a=$SY_CLUSTER_DIR
exts=(postgis synergy synergy_postgis)
[ $cron = 1 ] && exts+=(pg_cron)
sy_createdb "$db" "${exts[@]}" >/dev/null
sy_load_sample "$db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f examples/pipeline.sql -f examples/pipeline_materialized.sql
psql -X -q -v ON_ERROR_STOP=1 -d "$db" >/dev/null <<'SQL'
CALL refresh_pipeline();
CALL refresh_pipeline();

-- Stored models: one BP network ensemble and one GM(1,1) per city, from the within-city CCD.
CREATE TABLE public.ccd_model AS
SELECT region, array_agg(d ORDER BY year) AS history,
       bp_fit(array_agg(d ORDER BY year), lower => 0, upper => 1) AS bp,
       gm11_fit(array_agg(d ORDER BY year)) AS gm
FROM synergy_pipeline.mv_city_ccd
GROUP BY region;
ALTER TABLE public.ccd_model ADD PRIMARY KEY (region);

CREATE VIEW public.ccd_model_forecast AS
SELECT m.region, f.step, f.forecast AS bp, g.forecast AS gm
FROM public.ccd_model m,
     LATERAL bp_forecast(m.bp, m.history, 6) f
     JOIN LATERAL gm11_forecast(m.history, 6) g ON g.step = f.step;

-- Spatial trend of each year's within-city CCD over the city seats.
CREATE VIEW public.ccd_trend AS
SELECT c.year, trend_analysis(r.geom, c.d) AS trend
FROM synergy_pipeline.mv_city_ccd c JOIN synergy_sample.region r ON r.code = c.region
GROUP BY c.year;
CREATE MATERIALIZED VIEW public.mv_ccd_trend AS SELECT * FROM public.ccd_trend;
SQL
if [ $cron = 1 ]; then
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "SELECT schedule_refresh('synergy-nightly', '30 2 * * *')" >/dev/null
fi

# The queries compared: name|SQL, each ordered.
queries=(
	"mv_city_ccd|SELECT * FROM synergy_pipeline.mv_city_ccd ORDER BY region, year"
	"mv_indicator_ccd|SELECT * FROM synergy_pipeline.mv_indicator_ccd ORDER BY agglomeration, subsystem, year"
	"mv_synergy_index|SELECT * FROM synergy_pipeline.mv_synergy_index ORDER BY agglomeration, year"
	"mv_city_ccd_gap|SELECT * FROM synergy_pipeline.mv_city_ccd_gap ORDER BY agglomeration, year"
	"mv_city_ccd_forecast|SELECT * FROM synergy_pipeline.mv_city_ccd_forecast ORDER BY region, year"
	"view city_ccd|SELECT * FROM synergy_pipeline.city_ccd ORDER BY region, year"
	"view synergy_index|SELECT * FROM synergy_pipeline.synergy_index ORDER BY agglomeration, year"
	"view city_ccd_forecast|SELECT * FROM synergy_pipeline.city_ccd_forecast ORDER BY region, year"
	"stored models|SELECT * FROM public.ccd_model ORDER BY region"
	"forecasts from stored models|SELECT * FROM public.ccd_model_forecast ORDER BY region, step"
	"view ccd_trend|SELECT * FROM public.ccd_trend ORDER BY year"
	"matview mv_ccd_trend|SELECT * FROM public.mv_ccd_trend ORDER BY year"
	"refresh_run|SELECT * FROM refresh_run ORDER BY id"
	"refresh_step|SELECT * FROM refresh_step ORDER BY run_id, step"
)
[ $cron = 1 ] && queries+=("cron.job|SELECT jobid, schedule, command, database, username, active, jobname FROM cron.job ORDER BY jobid")

results() {   # one line per query: name, row count, md5 of the text output
	local item name sql
	for item in "${queries[@]}"; do
		name=${item%%|*}
		sql=${item#*|}
		printf '%s|%s|%s\n' "$name" \
			"$(psql -X -At -v ON_ERROR_STOP=1 -d "$db" -c "SELECT count(*) FROM ($sql) q")" \
			"$(psql -X -At -v ON_ERROR_STOP=1 -d "$db" -c "$sql" | md5sum | cut -d' ' -f1)"
	done
}
results >"$work/a.txt"
pg_dump -Fc -d "$db" -f "$work/$db.dump"

SY_EXTRA_CONF=$conf sy_cluster_start dump-b >/dev/null
createdb -T template0 "$db"
if ! pg_restore --exit-on-error -d "$db" "$work/$db.dump" 2>"$work/restore.err"; then
	echo "not ok - pg_restore failed:"; cat "$work/restore.err"; exit 1
fi
echo "ok - pg_restore into a new database on another server"
results >"$work/b.txt"

fail=0
while IFS='|' read -r name n sum; do
	other=$(grep -F "$name|" "$work/b.txt" | head -n 1)
	if [ "$other" = "$name|$n|$sum" ] && [ "$n" -gt 0 ]; then
		echo "ok - $name: $n rows, identical"
	else
		echo "not ok - $name: before $n rows $sum, after ${other#*|}"; fail=1
	fi
done <"$work/a.txt"

# The restored database keeps working: a refresh succeeds and the run ids continue.
last=$(sy_cluster_use "$dir_a" && psql -X -At -d "$db" -c "SELECT max(id) FROM refresh_run")
got=$(psql -X -At -v ON_ERROR_STOP=1 -d "$db" -c "CALL refresh_pipeline()")
if [ "$got" = $((last + 1)) ]; then
	echo "ok - refresh_pipeline() after the restore is run $got"
else
	echo "not ok - refresh_pipeline() after the restore: got run '$got', expected $((last + 1))"; fail=1
fi
n=$(psql -X -At -d "$db" -c "SELECT count(*) FROM (
	(SELECT * FROM synergy_pipeline.mv_city_ccd_forecast EXCEPT ALL SELECT * FROM synergy_pipeline.city_ccd_forecast)
	UNION ALL (SELECT * FROM synergy_pipeline.city_ccd_forecast EXCEPT ALL SELECT * FROM synergy_pipeline.mv_city_ccd_forecast)) d")
if [ "$n" = 0 ]; then echo "ok - refreshed forecasts equal the view"; else echo "not ok - $n rows differ"; fail=1; fi
# The run log's row-level security and guard come with CREATE EXTENSION, not from the dump.
rls=$(psql -X -At -d "$db" -c "SELECT (SELECT count(*) FROM pg_policy WHERE polrelid IN ('refresh_run'::regclass, 'refresh_step'::regclass))
	|| ' ' || (SELECT bool_and(relrowsecurity) FROM pg_class WHERE oid IN ('refresh_run'::regclass, 'refresh_step'::regclass))
	|| ' ' || (SELECT count(*) FROM pg_trigger WHERE tgrelid = 'refresh_run'::regclass AND tgname = 'refresh_run_guard')")
if [ "$rls" = "6 true 1" ]; then echo "ok - the run log keeps its row-level security (6 policies) and guard trigger"
else echo "not ok - the run log's policies, row security, guard after the restore: $rls"; fail=1; fi

# Nothing leans on physical order: the panel rewritten in another order, the views refreshed,
# mv_city_ccd clustered in yet another order; every result but the run log the same bits as on
# server A.
psql -X -q -v ON_ERROR_STOP=1 -d "$db" >/dev/null <<'SQL'
SELECT setseed(0.11);
BEGIN;
CREATE TEMP TABLE shuffled AS SELECT * FROM synergy_sample.panel ORDER BY random();
DELETE FROM synergy_sample.panel;
INSERT INTO synergy_sample.panel SELECT * FROM shuffled;
COMMIT;
VACUUM ANALYZE synergy_sample.panel;
CALL refresh_pipeline();
-- and the within-city CCD stored in another physical order (what a restore does)
CREATE INDEX mv_city_ccd_shuffle ON synergy_pipeline.mv_city_ccd (md5(region || year));
CLUSTER synergy_pipeline.mv_city_ccd USING mv_city_ccd_shuffle;
DROP INDEX synergy_pipeline.mv_city_ccd_shuffle;
ANALYZE synergy_pipeline.mv_city_ccd;
REFRESH MATERIALIZED VIEW public.mv_ccd_trend;
SQL
first=$(psql -X -At -d "$db" -c "SELECT string_agg(region || ' ' || year, ', ') FROM (SELECT * FROM synergy_pipeline.mv_city_ccd LIMIT 3) p")
echo "# mv_city_ccd now starts with $first"
results >"$work/c.txt"
while IFS='|' read -r name n sum; do
	case $name in refresh_*|cron.job) continue ;; esac
	other=$(grep -F "$name|" "$work/c.txt" | head -n 1)
	if [ "$other" = "$name|$n|$sum" ]; then
		echo "ok - $name after the panel and mv_city_ccd were stored in other orders: identical"
	else
		echo "not ok - $name after the panel and mv_city_ccd were stored in other orders: before $n rows $sum, after ${other#*|}"; fail=1
	fi
done <"$work/a.txt"
exit $fail
