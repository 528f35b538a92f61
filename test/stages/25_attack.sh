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
#      with search_path pg_catalog, "public, pg_catalog" and "$user", public.
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
exit $fail
