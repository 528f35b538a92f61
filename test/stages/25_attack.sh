#!/usr/bin/env bash
# search_path attacks on synergy and synergy_postgis in a shared database
# (docs/security.md), run by scripts/test.sh.  For each attacker, a
# non-superuser database owner (att_owner) and a plain role granted CREATE
# on public (att_plain), in a fresh database:
#   1. a superuser installs postgis (and pg_cron when available) in public;
#   2. the attacker plants traps in public (test/attack/traps.sql);
#   3. the superuser installs synergy and synergy_postgis in public (the
#      install scripts run with the traps in place) and makes its own data
#      (test/attack/victim_setup.sql);
#   4. the attacker plants a second round, now also overloading the names
#      the extensions' bodies call (read from the catalog);
#   5. a canary proves the traps live: an unqualified float8 / bigint
#      under search_path "public, pg_catalog" must hit one;
#   6. the superuser calls every function, aggregate, window function and
#      procedure of both extensions (test/attack/calls.sql; the list is read
#      from pg_depend, and a function without a call block fails the stage)
#      with search_path pg_catalog, "public, pg_catalog" and "$user", public;
#   7. the attacker holds the advisory-lock keys of the next 2,000 refresh
#      run ids (no privilege needed): refresh_pipeline must still run.
# Then the update path: traps planted with 0.1.0 installed and again with
# 0.2.0, ALTER EXTENSION ... UPDATE to the current version: no trap may run
# and every function must be pinned and bound as in a fresh install.
# Every trap records its calls in public.trap_log: the stage fails when any
# call of an extension function ran a trap, or a call failed.
# A block whose header says "pending: REASON" is run and reported, but its
# traps do not fail the stage (work another branch owns; remove the tag then).
set -euo pipefail
. "$SY_REPO/scripts/lib.sh"
cd "$SY_REPO"

db=synergy_attack
sy_cleanup_on_exit
cron=0
if [ -f "$("$SY_PG_CONFIG" --pkglibdir)/pg_cron.so" ]; then
	cron=1
	SY_EXTRA_CONF=$'shared_preload_libraries = \'pg_cron\'\n'"cron.database_name = '$db'"$'\ncron.log_min_messages = warning' \
		sy_cluster_start attack >/dev/null
else
	sy_cluster_start attack >/dev/null
	echo "pg_cron is not installed: schedule_refresh and unschedule_refresh are called without it"
fi
work=$(mktemp -d /tmp/synergy-attack.XXXXXX)
SY_CLEANUP_CMDS+=("rm -rf '$work'")
su() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE ROLE att_owner LOGIN" -c "CREATE ROLE att_plain LOGIN"

# the call blocks: header line "-- call: KEY [pending: REASON]", then SQL up to the next header
perl -ne '
	if (/^-- call: (.*?)(?:\s+\[pending: (.*)\])?\s*$/) { print "\n" if $n++; print "\x01$1\x02", ($2 // ""), "\x03"; next }
	next unless $n; s/\n/\x04/; print;
' test/attack/calls.sql >"$work/blocks"
echo >>"$work/blocks"
nblocks=$(grep -c $'\x01' "$work/blocks")

fail=0
# the sources: no SET search_path FROM CURRENT (it stores the installing
# session's path, public among it) outside comments and the frozen releases
if grep -rnHi --include='*.sql' 'set[[:space:]]\+search_path[[:space:]]\+from[[:space:]]\+current' \
	src/sql/synergy src/sql/synergy_postgis src/sql/upgrade | grep -v ':[[:space:]]*--'; then
	echo "FAIL: SET search_path FROM CURRENT in the sources above"
	fail=1
else
	echo "sources: no SET search_path FROM CURRENT in src/sql (but src/sql/released)"
fi
for attacker in att_owner att_plain; do
	sy_banner "attacker $attacker"
	if [ "$attacker" = att_owner ]; then
		"$SY_PG_BINDIR/createdb" -O att_owner "$db"
	else
		"$SY_PG_BINDIR/createdb" "$db"
	fi
	su -c "CREATE EXTENSION postgis"
	[ "$cron" = 1 ] && su -c "CREATE EXTENSION pg_cron"
	# PostgreSQL 15: public belongs to pg_database_owner (att_owner in the first database)
	[ "$attacker" = att_plain ] && su -c "GRANT CREATE ON SCHEMA public TO att_plain"
	echo "round 1 (before synergy is installed):"
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" -U "$attacker" -f test/attack/traps.sql | sed 's/^/  /'
	su -c "CREATE EXTENSION synergy" -c "CREATE EXTENSION synergy_postgis"
	su -f test/attack/victim_setup.sql
	echo "round 2 (overloads of the names the installed bodies call):"
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" -U "$attacker" -f test/attack/traps.sql | sed 's/^/  /'
	installed=$(su -At -c "SELECT pg_catalog.count(*) FROM public.trap_log")
	if [ "$installed" != 0 ]; then
		echo "FAIL: installing synergy and synergy_postgis ran $installed trap(s):"
		su -c "SELECT trap, cur_user FROM public.trap_log"
		fail=1
	fi

	# the canary: the traps are live for an unqualified reference
	canary=$(PGOPTIONS="-c search_path=public,pg_catalog" su -At \
		-c "SELECT 1.0::float8 / 2::int8" -c "SELECT pg_catalog.count(*) FROM public.trap_log")
	if [ "$(echo "$canary" | tail -n 1)" = 0 ]; then
		echo "FAIL: the canary float8 / bigint did not hit the attacker's operator: the traps are not live"
		fail=1
	else
		echo "canary: an unqualified float8 / bigint under \"public, pg_catalog\" hit the attacker's trap (as intended)"
	fi
	su -c "DELETE FROM public.trap_log"

	# every function of the extensions has a call block
	su -At -c "SELECT key FROM victim.funcs ORDER BY key" >"$work/funcs"
	tr -d '\n' <"$work/blocks" | grep -o $'\x01[^\x02]*' | tr -d $'\x01' | sort -u >"$work/covered"
	missing=$(comm -23 <(sort -u "$work/funcs") "$work/covered")
	if [ -n "$missing" ]; then
		echo "FAIL: functions of the extensions without a call block in test/attack/calls.sql:"
		echo "$missing" | sed 's/^/  /'
		fail=1
	fi
	echo "$(wc -l <"$work/funcs") functions and procedures of the extensions, $nblocks call blocks"

	for path in 'pg_catalog' 'public, pg_catalog' '"$user", public'; do
		# one psql script: each block labelled, so that a trap says which call ran it
		: >"$work/calls.sql"
		i=0
		while IFS= read -r line; do
			[ -n "$line" ] || continue
			key=${line#$'\x01'}; key=${key%%$'\x02'*}
			pending=${line#*$'\x02'}; pending=${pending%%$'\x03'*}
			sql=${line#*$'\x03'}
			i=$((i + 1))
			printf '\\echo @@block %s %s\n' "$i" "${pending:+pending}" >>"$work/calls.sql"
			printf "SELECT pg_catalog.set_config('attack.block', %s, false) \\\\g /dev/null\n" \
				"'$path|$key|$i${pending:+|pending: ${pending//\'/\'\'}}'" >>"$work/calls.sql"
			printf '%s\n' "${sql//$'\x04'/$'\n'}" >>"$work/calls.sql"
		done <"$work/blocks"
		PGOPTIONS="-c search_path=${path// /\\ }" psql -X -d "$db" -v ON_ERROR_STOP=0 -v VERBOSITY=verbose \
			-f "$work/calls.sql" >"$work/out" 2>&1 || true
		# errors and trap warnings, outside the blocks marked pending
		awk '/^@@block/ { pending = ($3 == "pending") } !pending' "$work/out" >"$work/own"
		errors=$(grep -c 'ERROR:' "$work/own" || true)
		warned=$(grep -c 'attack trap:' "$work/own" || true)
		echo "search_path $path: $i call blocks, $errors error(s), $warned trap warning(s)"
		if [ "$errors" != 0 ] || [ "$warned" != 0 ]; then
			grep -B2 -A3 -E 'ERROR:|attack trap:' "$work/own" | head -40 || true
			fail=1
		fi
		if grep -q 'attack trap:' "$work/out"; then
			echo "  in blocks marked pending: $(grep -c 'attack trap:' "$work/out") trap warning(s)"
		fi
	done

	# advisory-lock squatting: advisory locks need no privilege, and a run's
	# lock key follows from its id (_refresh_lock_key), so the attacker holds
	# the keys of the next 2,000 run ids in a session of its own; the
	# superuser's refresh must still run (it skips such ids; it failed with
	# 55P03 before).  The harness's own queries name pg_catalog's operators:
	# the traps are live in public.
	PGAPPNAME=attack-squatter psql -X -q -d "$db" -U "$attacker" \
		-c "SELECT pg_catalog.count(pg_catalog.pg_advisory_lock(1398361682, k)) FROM pg_catalog.generate_series(1, 2000) k" \
		-c "SELECT pg_catalog.pg_sleep(120)" >/dev/null 2>&1 &
	squatter=$!
	for _ in $(seq 1 100); do
		held=$(su -At -c "SELECT pg_catalog.count(*) FROM pg_catalog.pg_locks WHERE locktype OPERATOR(pg_catalog.=) 'advisory'::pg_catalog.text AND classid OPERATOR(pg_catalog.=) 1398361682::pg_catalog.oid AND granted")
		[ "$held" -ge 2000 ] && break
		sleep 0.1
	done
	squat=$(su -At -v ON_ERROR_STOP=0 -c "SET synergy.allow_writable_schema = on" \
		-c "SET client_min_messages = error" \
		-c "CALL public.refresh_pipeline('victim_pipe'::pg_catalog.name, false, NULL::pg_catalog.int8)" 2>&1 || true)
	su -q -c "SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE application_name OPERATOR(pg_catalog.=) 'attack-squatter'::pg_catalog.text" >/dev/null
	wait "$squatter" || true
	if [ "$held" -ge 2000 ] && [[ "$squat" =~ ^[0-9]+$ ]]; then
		echo "advisory locks: $attacker held the keys of 2,000 run ids; refresh_pipeline ran as run $squat"
	else
		echo "FAIL: advisory locks: with $attacker holding ${held:-0} keys of run ids, refresh_pipeline gave: $squat"
		fail=1
	fi

	# the verdict
	su -c "SELECT split_part(block, '|', 2) AS function, split_part(block, '|', 1) AS search_path,
	              pg_catalog.count(*) AS trap_calls, pg_catalog.string_agg(DISTINCT trap, '; ') AS traps,
	              pg_catalog.string_agg(DISTINCT cur_user, ', ') AS ran_as
	         FROM public.trap_log GROUP BY 1, 2 ORDER BY 1, 2" >"$work/verdict"
	hits=$(su -At -c "SELECT pg_catalog.count(*) FROM public.trap_log WHERE block IS NULL OR split_part(block, '|', 4) = ''")
	known=$(su -At -c "SELECT pg_catalog.count(*) FROM public.trap_log WHERE split_part(block, '|', 4) <> ''")
	if [ "$hits" != 0 ]; then
		echo "FAIL: $hits trap call(s) from functions of the extensions:"
		cat "$work/verdict"
		fail=1
	elif [ "$known" != 0 ]; then
		echo "no trap ran, except $known call(s) in blocks marked pending (another branch's work):"
		cat "$work/verdict"
	else
		echo "no trap ran: 0 calls in public.trap_log"
	fi
	"$SY_PG_BINDIR/dropdb" --force "$db"
done
# The update path: ALTER EXTENSION ... UPDATE runs the upgrade scripts with
# public first in the search_path, like CREATE EXTENSION.  A plain role
# granted CREATE on public plants the traps with 0.1.0 installed, again
# after the update to 0.2.0 (overloads of the names the 0.2.0 bodies call),
# and the superuser updates to the current version: no trap may run, and
# the updated functions must be bound and pinned as a fresh install's.
sy_banner "update path, attacker att_plain"
updb=synergy_attack_up
"$SY_PG_BINDIR/createdb" "$updb"
up() { psql -X -q -v ON_ERROR_STOP=1 -d "$updb" "$@"; }
up -c "CREATE EXTENSION postgis" -c "GRANT CREATE ON SCHEMA public TO att_plain" \
	-c "CREATE EXTENSION synergy VERSION '0.1.0'" -c "CREATE EXTENSION synergy_postgis VERSION '0.1.0'"
psql -X -q -v ON_ERROR_STOP=1 -d "$updb" -U att_plain -f test/attack/traps.sql >/dev/null
up -c "ALTER EXTENSION synergy UPDATE TO '0.2.0'" -c "ALTER EXTENSION synergy_postgis UPDATE TO '0.2.0'"
psql -X -q -v ON_ERROR_STOP=1 -d "$updb" -U att_plain -f test/attack/traps.sql >/dev/null
up -c "ALTER EXTENSION synergy UPDATE" -c "ALTER EXTENSION synergy_postgis UPDATE"
upcheck=$(PGOPTIONS="-c search_path=pg_catalog" up -At <<'SQL'
SELECT 'trap calls: ' || count(*) FROM public.trap_log;
WITH p AS (
	SELECT f.oid, f.proname || '(' || oidvectortypes(f.proargtypes) || ')' AS sig, f.prokind, f.proconfig, l.lanname
	FROM pg_depend d
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname IN ('synergy', 'synergy_postgis')
	JOIN pg_proc f ON f.oid = d.objid
	JOIN pg_language l ON l.oid = f.prolang
	WHERE d.classid = 'pg_proc'::regclass AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
SELECT 'not pinned: ' || sig FROM p
 WHERE lanname IN ('sql', 'plpgsql') AND prokind <> 'p'
   AND proconfig IS DISTINCT FROM ARRAY['search_path=pg_catalog, pg_temp']
UNION ALL
SELECT 'bound to another role''s object: ' || p.sig || ' uses ' || pg_describe_object(d.refclassid, d.refobjid, 0)
  FROM p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'n'
 WHERE (d.refclassid = 'pg_proc'::regclass AND (SELECT f.proowner FROM pg_proc f WHERE f.oid = d.refobjid) = 'att_plain'::regrole)
    OR (d.refclassid = 'pg_operator'::regclass AND (SELECT o.oprowner FROM pg_operator o WHERE o.oid = d.refobjid) = 'att_plain'::regrole)
    OR (d.refclassid = 'pg_type'::regclass AND (SELECT t.typowner FROM pg_type t WHERE t.oid = d.refobjid) = 'att_plain'::regrole);
SELECT 'versions: ' || string_agg(extname || ' ' || extversion, ', ' ORDER BY extname)
  FROM pg_extension WHERE extname IN ('synergy', 'synergy_postgis');
SQL
)
echo "$upcheck" | sed 's/^/  /'
if [ "$(echo "$upcheck" | head -n 1)" != "trap calls: 0" ] || echo "$upcheck" | grep -qE '^(not pinned|bound to)'; then
	echo "FAIL: the update from 0.1.0 with traps planted ran a trap or left a function unpinned or bound to the attacker's objects"
	fail=1
fi
"$SY_PG_BINDIR/dropdb" --force "$updb"
exit $fail
