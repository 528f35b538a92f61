#!/usr/bin/env bash
# tools/freeze_release.sh VERSION [NEXT]: freeze VERSION at its release (docs/releasing.md).
#
#   VERSION   the version being released: must be the one in VERSION, not yet released.
#             Its four scripts are assembled by the Makefile as for PostgreSQL 16+ (that is,
#             before tools/extschema_compat.sh, which the build applies to frozen scripts too):
#               synergy--VERSION.sql, synergy_postgis--VERSION.sql                 (install)
#               synergy--PREVIOUS--VERSION.sql, synergy_postgis--PREVIOUS--VERSION.sql (upgrade)
#             and copied into src/sql/released/, their SHA-256 appended to
#             src/sql/released/SHA256SUMS; the upgrade headers src/sql/upgrade/*--PREVIOUS--VERSION.sql
#             are removed (they are part of the frozen upgrade scripts now).
#   NEXT      optional: also open the next version: VERSION file, the Makefile's PREVIOUS and
#             SYNERGY_NEW_/POSTGIS_NEW_ lists (empty), META.json, a debian/changelog entry, and
#             upgrade headers src/sql/upgrade/*--VERSION--NEXT.sql (no change yet, but
#             synergy_postgis_version(), which returns the script's version).
# Needs pg_config (PG_CONFIG, else the one on PATH) only for the Makefile to load PGXS. Commit
# the result; then make && ./scripts/test.sh (test/stages/70_upgrade.sh checks every path).
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "freeze_release: $*" >&2; exit 1; }
semver='^[0-9]+\.[0-9]+\.[0-9]+$'
[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: tools/freeze_release.sh VERSION [NEXT]"
v=$1 next=${2:-}
[[ $v =~ $semver ]] || die "VERSION '$v' is not MAJOR.MINOR.PATCH"
[ -z "$next" ] || [[ $next =~ $semver ]] || die "NEXT '$next' is not MAJOR.MINOR.PATCH"
[ "$(tr -d ' \n' <VERSION)" = "$v" ] || die "the VERSION file says $(tr -d ' \n' <VERSION), not $v"
rel=src/sql/released
sh tools/check_released.sh || die "fix src/sql/released/ first"
pgc=${PG_CONFIG:-pg_config}
command -v "$pgc" >/dev/null || die "no pg_config (set PG_CONFIG)"
mk() { make -s --no-print-directory PG_CONFIG="$pgc" "$@"; }
prev=$(mk print-PREVIOUS)
[ -n "$prev" ] || die "the Makefile names no PREVIOUS version"
if [ -n "$next" ] && { [ "$v" = "$next" ] || [ "$(printf '%s\n%s\n' "$v" "$next" | sort -V | tail -n 1)" != "$next" ]; }; then
	die "NEXT $next does not follow $v"
fi
files=("synergy--$v.sql" "synergy_postgis--$v.sql" "synergy--$prev--$v.sql" "synergy_postgis--$prev--$v.sql")
for f in "${files[@]}"; do
	[ -e "$rel/$f" ] && die "$rel/$f exists: $v is released already"
done

# assemble in a scratch copy of the tree, as for PostgreSQL 16+ (no extschema_compat wrapping)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
		[ -e "$f" ] && printf '%s\0' "$f"; done | tar --null -T - -cf - | tar -C "$tmp" -xf -
else
	tar --exclude=.git -cf - . | tar -C "$tmp" -xf -
fi
make -s --no-print-directory -C "$tmp" PG_CONFIG="$pgc" PG_MAJOR=16 "${files[@]}" >/dev/null \
	|| die "the Makefile could not assemble ${files[*]}"
for f in "${files[@]}"; do
	cp "$tmp/$f" "$rel/$f"
	(cd "$rel" && sha256sum "$f") >>"$rel/SHA256SUMS"
	git add "$rel/$f" "$rel/SHA256SUMS" 2>/dev/null || true
	echo "frozen: $rel/$f"
done
for e in synergy synergy_postgis; do
	h=src/sql/upgrade/$e--$prev--$v.sql
	if git ls-files --error-unmatch "$h" >/dev/null 2>&1; then git rm -q "$h"; else rm -f "$h"; fi
	echo "removed: $h (now inside $rel/$e--$prev--$v.sql)"
done
sh tools/check_released.sh

[ -n "$next" ] || { echo "$v frozen; before the next change to src/sql: tools/freeze_release.sh is done, open the next version (docs/releasing.md)"; exit 0; }

# open NEXT
u=${next//./_}
echo "$next" >VERSION
sed -i -e "s/^PREVIOUS\( *\)= .*/PREVIOUS\1= $v/" \
	-e "s/^SYNERGY_NEW_[0-9_]*\( *\)=.*/SYNERGY_NEW_$u =/" \
	-e "s/^POSTGIS_NEW_[0-9_]*\( *\)=.*/POSTGIS_NEW_$u =/" Makefile
[ "$(mk print-PREVIOUS)" = "$v" ] || die "could not set PREVIOUS = $v in the Makefile"
sed -i "s/\"version\": \"$v\"/\"version\": \"$next\"/g" META.json
{
	printf 'synergy (%s-1) unstable; urgency=medium\n\n  * New upstream version %s (in development).\n\n' "$next" "$next"
	printf ' -- %s  %s\n\n' "$(sed -n 's/^ -- \(.*>\)  .*/\1/p' debian/changelog | head -n 1)" "$(date -R)"
	cat debian/changelog
} >"$tmp/changelog" && cp "$tmp/changelog" debian/changelog
mkdir -p src/sql/upgrade
cat >"src/sql/upgrade/synergy--$v--$next.sql" <<EOF
-- synergy $v -> $next (unreleased).  This header states, in plain SQL,
-- every change to an object that $v already has, with a comment per
-- change: CREATE OR REPLACE FUNCTION for a replaced body, ALTER FUNCTION /
-- ALTER AGGREGATE / ALTER TYPE for changed options or attributes, COMMENT ON
-- for a changed comment.  The Makefile appends the feature files wholly new
-- in $next (SYNERGY_NEW_$u).  test/stages/70_upgrade.sh compares the
-- catalog of databases upgraded from every release with a fresh install of
-- $next: a feature file that changes an existing object without a
-- statement here fails it (docs/releasing.md).

\\echo Use "ALTER EXTENSION synergy UPDATE TO '$next'" to load this file. \\quit

-- Changed objects of $v: none so far.
EOF
cat >"src/sql/upgrade/synergy_postgis--$v--$next.sql" <<EOF
-- synergy_postgis $v -> $next (unreleased).  This header states, in plain
-- SQL, every change to an object that $v already has, with a comment per
-- change (CREATE OR REPLACE FUNCTION, ALTER FUNCTION / AGGREGATE / TYPE,
-- COMMENT ON).  The Makefile appends the feature files wholly new in $next
-- (POSTGIS_NEW_$u) and, on PostgreSQL 15, passes the whole script through
-- tools/extschema_compat.sh.  test/stages/70_upgrade.sh checks it against a
-- fresh install (docs/releasing.md).

\\echo Use "ALTER EXTENSION synergy_postgis UPDATE TO '$next'" to load this file. \\quit

-- Changed objects of $v:

-- synergy_postgis_version() returns the version of the script that made it
-- (00_header.sql): it changes with every version.
CREATE OR REPLACE FUNCTION @extschema@.synergy_postgis_version()
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS \$\$ SELECT '$next'::pg_catalog.text \$\$;
EOF
git add "src/sql/upgrade/synergy--$v--$next.sql" "src/sql/upgrade/synergy_postgis--$v--$next.sql" 2>/dev/null || true
echo "opened $next: VERSION, Makefile (PREVIOUS = $v, SYNERGY_NEW_$u, POSTGIS_NEW_$u), META.json, debian/changelog,"
echo "  src/sql/upgrade/synergy--$v--$next.sql, src/sql/upgrade/synergy_postgis--$v--$next.sql"
