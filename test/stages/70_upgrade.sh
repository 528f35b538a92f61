#!/usr/bin/env bash
# Upgrade in place, on every path.  The released versions' scripts are the frozen ones
# (tools/check_released.sh); then:
#   - a database created with the first released version (0.1.0), holding data and views over
#     synergy functions, is updated with ALTER EXTENSION ... UPDATE (through every release): the
#     views must return the same bits as before;
#   - a database created with each released version, updated to the current one (VERSION), and
#     one created with each released version, updated to the next released one,
# must each have the catalog of a fresh install of the version they reach, both extensions
# (test/upgrade/catalog.sql: function definitions and pg_proc options, aggregates, types,
# relations, ACLs, comments, dependencies, extension rows).  A feature file that changes an
# object of a released version without a statement in the upgrade header
# (src/sql/upgrade/, docs/releasing.md) fails here.  Run by scripts/test.sh.
set -euo pipefail
. "$SY_REPO/scripts/lib.sh"
cd "$SY_REPO"

sh tools/check_released.sh || { echo "FAIL: released scripts edited (above)"; exit 1; }
old=synergy_upgrade_old
current=$(sed -n "s/^default_version = '\(.*\)'/\1/p" synergy.control)
work=$(mktemp -d /tmp/synergy-upgrade.XXXXXX)
dbs=()
cleanup() {   # shellcheck disable=SC2317  # (called by the trap)
	local d
	for d in "${dbs[@]}"; do "$SY_PG_BINDIR/dropdb" --if-exists "$d" >/dev/null 2>&1 || true; done
	rm -rf "$work"
}
trap cleanup EXIT
q() { psql -X -q -v ON_ERROR_STOP=1 -d "$@"; }
newdb() { "$SY_PG_BINDIR/dropdb" --if-exists "$1" >/dev/null 2>&1 || true; "$SY_PG_BINDIR/createdb" "$1"; dbs+=("$1"); }
# every version the server offers of both extensions, oldest first; the released ones precede VERSION
mapfile -t versions < <(q postgres -At -c "SELECT version FROM pg_available_extension_versions WHERE name = 'synergy'
	INTERSECT SELECT version FROM pg_available_extension_versions WHERE name = 'synergy_postgis'" | sort -V)
echo "versions installed: ${versions[*]} (current $current)"
[ "${versions[-1]}" = "$current" ] || { echo "FAIL: the newest version installed is ${versions[-1]}, not $current"; exit 1; }
[ ${#versions[@]} -ge 2 ] || { echo "FAIL: no released version installed to upgrade from"; exit 1; }
fail=0

first=${versions[0]}
newdb "$old"
q "$old" -c "CREATE EXTENSION postgis" -c "CREATE EXTENSION synergy VERSION '$first'" \
	-c "CREATE EXTENSION synergy_postgis VERSION '$first'"
sy_load_sample "$old" >/dev/null
# views and a materialized view over 0.1.0 functions, and their results now
q "$old" <<'SQL'
CREATE VIEW up_scores AS
SELECT p.year, p.region_code, i.subsystem,
       topsis(array_agg(p.value ORDER BY p.indicator_code),
              directions => array_agg(i.direction ORDER BY p.indicator_code))
         OVER (PARTITION BY p.year, i.subsystem) AS u
FROM synergy_sample.panel p JOIN synergy_sample.indicator i ON i.code = p.indicator_code
WHERE p.value IS NOT NULL OR true
GROUP BY p.year, p.region_code, i.subsystem
HAVING bool_and(p.value IS NOT NULL);
CREATE MATERIALIZED VIEW up_weights AS
SELECT year, entropy_weights(x) AS w, critic_weights(x) AS c
FROM (SELECT year, region_code, array_agg(value ORDER BY indicator_code) AS x
      FROM synergy_sample.panel GROUP BY year, region_code HAVING bool_and(value IS NOT NULL)) s
GROUP BY year;
CREATE VIEW up_ccd AS
SELECT year, region_code, coupling_coordination(array_agg(u ORDER BY subsystem)) AS r
FROM up_scores GROUP BY year, region_code;
CREATE TABLE up_before AS
SELECT 'scores' AS what, md5(string_agg(s::text, ';' ORDER BY s::text)) AS digest FROM up_scores s
UNION ALL SELECT 'weights', md5(string_agg(w::text, ';' ORDER BY w::text)) FROM up_weights w
UNION ALL SELECT 'ccd', md5(string_agg(c::text, ';' ORDER BY c::text)) FROM up_ccd c;
SQL
echo "created with: $(q "$old" -At -c "SELECT string_agg(extname || ' ' || extversion, ', ' ORDER BY extname) FROM pg_extension WHERE extname LIKE 'synergy%'")"

q "$old" -c "ALTER EXTENSION synergy UPDATE" -c "ALTER EXTENSION synergy_postgis UPDATE"
echo "updated to:   $(q "$old" -At -c "SELECT string_agg(extname || ' ' || extversion, ', ' ORDER BY extname) FROM pg_extension WHERE extname LIKE 'synergy%'")"

# the same results, to the bit, after the update (and after refreshing the materialized view)
changed=$(q "$old" -At <<'SQL'
REFRESH MATERIALIZED VIEW up_weights;
WITH after AS (
  SELECT 'scores' AS what, md5(string_agg(s::text, ';' ORDER BY s::text)) AS digest FROM up_scores s
  UNION ALL SELECT 'weights', md5(string_agg(w::text, ';' ORDER BY w::text)) FROM up_weights w
  UNION ALL SELECT 'ccd', md5(string_agg(c::text, ';' ORDER BY c::text)) FROM up_ccd c)
SELECT string_agg(what, ' ') FROM (SELECT * FROM up_before EXCEPT SELECT * FROM after) d;
SQL
)
if [ -n "$changed" ]; then echo "FAIL: results changed by the update: $changed"; fail=1; else echo "views over 0.1.0 functions: the same results after the update"; fi

# the new version's functions work in the upgraded database, stored models included
n=$(q "$old" -At <<'SQL'
CREATE TABLE up_model AS SELECT region_code, bp_fit(array_agg((r).d ORDER BY year), upper => 1) AS m
FROM up_ccd GROUP BY region_code;
SELECT count(*) || ' forecasts of ' || (SELECT count(*) FROM up_model) || ' models'
FROM up_model, bp_forecast(m, '{0.41,0.44,0.46,0.5,0.51,0.55}', 2);
SQL
)
if [ "$n" = "14 forecasts of 7 models" ]; then echo "stored models fitted after the update forecast: $n"
else echo "FAIL: stored models after the update: got '$n', expected '14 forecasts of 7 models'"; fail=1; fi

# catalogs: each upgraded database against a fresh install of the version it reached
declare -A fresh_done=()
fresh() {   # fresh VERSION: $work/fresh-VERSION.txt, the catalog of a fresh install
	local v=$1 db=synergy_upgrade_fresh_${1//./_}
	[ -n "${fresh_done[$v]:-}" ] && return 0
	newdb "$db"
	q "$db" -c "CREATE EXTENSION postgis" -c "CREATE EXTENSION synergy VERSION '$v'" \
		-c "CREATE EXTENSION synergy_postgis VERSION '$v'"
	q "$db" -f test/upgrade/catalog.sql >"$work/fresh-$v.txt"
	fresh_done[$v]=1
}
compare() {   # compare DB FROM TO: the catalog of DB (FROM updated to TO) = a fresh install of TO
	local db=$1 from=$2 to=$3 path
	fresh "$to"
	path=$(q "$db" -At -c "SELECT string_agg(e || ': ' || coalesce(p.path, '?'), ', ' ORDER BY e)
		FROM unnest('{synergy,synergy_postgis}'::text[]) e,
		     LATERAL (SELECT path FROM pg_extension_update_paths(e) WHERE source = '$from' AND target = '$to') p")
	q "$db" -f test/upgrade/catalog.sql >"$work/upgraded-$from-$to.txt"
	if diff -u "$work/fresh-$to.txt" "$work/upgraded-$from-$to.txt" >"$work/diff.txt"; then
		echo "$from -> $to ($path): catalog = fresh install of $to ($(wc -l <"$work/fresh-$to.txt") facts)"
	else
		echo "FAIL: $from -> $to ($path): the upgraded catalog differs from a fresh install of $to"
		if [ "$to" = "$current" ]; then
			echo "  (- fresh install, + upgraded.  An object of ${versions[-2]} changed in the feature files needs its"
			echo "   statement in src/sql/upgrade/synergy--${versions[-2]}--$current.sql or synergy_postgis--${versions[-2]}--$current.sql;"
			echo "   an object new in $current: its feature file in SYNERGY_NEW_/POSTGIS_NEW_ of the Makefile; docs/releasing.md)"
		else
			echo "  (- fresh install, + upgraded: the frozen scripts of $from and $to disagree with this library)"
		fi
		grep '^[-+][^-+]' "$work/diff.txt" | cut -c1-400 | head -40
		fail=1
	fi
}
compare "$old" "$first" "$current"   # the database with data and views, updated through every release
for ((i = 0; i < ${#versions[@]} - 1; i++)); do
	from=${versions[$i]}
	tos=("$current")
	[ "${versions[$((i + 1))]}" = "$current" ] || tos+=("${versions[$((i + 1))]}")
	for to in "${tos[@]}"; do
		[ "$from" = "$first" ] && [ "$to" = "$current" ] && continue   # done above, with data
		db=synergy_upgrade_${from//./_}_${to//./_}
		newdb "$db"
		q "$db" -c "CREATE EXTENSION postgis" -c "CREATE EXTENSION synergy VERSION '$from'" \
			-c "CREATE EXTENSION synergy_postgis VERSION '$from'" \
			-c "ALTER EXTENSION synergy UPDATE TO '$to'" -c "ALTER EXTENSION synergy_postgis UPDATE TO '$to'"
		compare "$db" "$from" "$to"
	done
done
exit $fail
