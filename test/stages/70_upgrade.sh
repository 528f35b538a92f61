#!/usr/bin/env bash
# Upgrade in place: a database created with the first released version
# (0.1.0), holding data and views over synergy functions, is updated with
# ALTER EXTENSION ... UPDATE; the views must return the same bits as before
# and the catalog must match a fresh install of the current version
# (test/upgrade/catalog.sql).  Run by scripts/test.sh.
set -euo pipefail
. "$SY_REPO/scripts/lib.sh"
cd "$SY_REPO"

old=synergy_upgrade_old
new=synergy_upgrade_new
current=$(sed -n "s/^default_version = '\(.*\)'/\1/p" synergy.control)
work=$(mktemp -d /tmp/synergy-upgrade.XXXXXX)
trap 'rm -rf "$work"' EXIT
q() { psql -X -q -v ON_ERROR_STOP=1 -d "$@"; }

"$SY_PG_BINDIR/createdb" "$old"
q "$old" -c "CREATE EXTENSION postgis" -c "CREATE EXTENSION synergy VERSION '0.1.0'" \
	-c "CREATE EXTENSION synergy_postgis VERSION '0.1.0'"
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

fail=0
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

# the catalog of the upgraded database is the catalog of a fresh install
"$SY_PG_BINDIR/createdb" "$new"
q "$new" -c "CREATE EXTENSION postgis" -c "CREATE EXTENSION synergy" -c "CREATE EXTENSION synergy_postgis"
q "$old" -f test/upgrade/catalog.sql >"$work/upgraded.txt"
q "$new" -f test/upgrade/catalog.sql >"$work/fresh.txt"
if diff -u "$work/fresh.txt" "$work/upgraded.txt" >"$work/diff.txt"; then
	echo "catalog after the update = fresh install of $current ($(wc -l <"$work/fresh.txt") facts)"
else
	echo "FAIL: the upgraded catalog differs from a fresh install of $current:"
	head -40 "$work/diff.txt"
	fail=1
fi
exit $fail
