#!/bin/sh
# tools/check_released.sh: the frozen scripts of released versions are never edited.
#
# src/sql/released/ holds the install and upgrade scripts of every released version exactly as
# they were released (tools/freeze_release.sh puts them there); src/sql/released/SHA256SUMS lists
# each with its SHA-256.  Fails, naming the file, when a listed file is missing or changed, or
# when a file in the directory is not listed.  Run by every build (Makefile) and by
# test/stages/72_upgrade.sh.  A released script is never fixed in place: a fix goes into the next
# version's upgrade header (src/sql/upgrade/, docs/releasing.md).
set -u
cd "$(dirname "$0")/../src/sql/released" || exit 1
fail=0
if [ ! -f SHA256SUMS ]; then
	echo "check_released: src/sql/released/SHA256SUMS is missing" >&2
	exit 1
fi
while read -r sum name; do
	[ -n "$name" ] || continue
	if [ ! -f "$name" ]; then
		echo "check_released: src/sql/released/$name is listed in SHA256SUMS but missing" >&2
		fail=1
	elif [ "$(sha256sum <"$name" | cut -d' ' -f1)" != "$sum" ]; then
		echo "check_released: src/sql/released/$name was edited after its release (its SHA-256 is not the one in SHA256SUMS); released scripts are frozen: restore it (git checkout -- src/sql/released/$name) and put the change in the next version's upgrade header, src/sql/upgrade/ (docs/releasing.md)" >&2
		fail=1
	fi
done <SHA256SUMS
for f in *; do
	[ "$f" = SHA256SUMS ] && continue
	if ! grep -q "  $f\$" SHA256SUMS; then
		echo "check_released: src/sql/released/$f is not listed in SHA256SUMS; only tools/freeze_release.sh adds released scripts" >&2
		fail=1
	fi
done
exit $fail
