#!/usr/bin/env bash
# Every public function of synergy and synergy_postgis with hostile arguments
# (test/hostile/hostile.sql), run by scripts/test.sh.  Passes when every call
# gave a result or a clean SQL error: no internal error (XX...), no system
# error (58...), no lost connection.  Calls cancelled by the 5 s
# statement_timeout are counted (slow but interruptible), not failed.
# HOSTILE_SEED and HOSTILE_PER_FUNCTION (default 0.25 and 200) choose the draws.
set -euo pipefail
. "$SY_REPO/scripts/lib.sh"
cd "$SY_REPO"

db=synergy_hostile
sy_createdb "$db" postgis synergy synergy_postgis >/dev/null
out=$(mktemp /tmp/synergy-hostile.XXXXXX)
trap 'rm -f "$out"' EXIT
psql -X -d "$db" -v seed="${HOSTILE_SEED:-0.25}" -v per_function="${HOSTILE_PER_FUNCTION:-200}" \
	-f test/hostile/hostile.sql >"$out" 2>&1 || true

calls=$(grep -A3 '^ *calls *| *functions' "$out" | sed -n '3p' | awk -F'|' '{ gsub(/ /, ""); print $1 " calls of " $2 " functions" }')
echo "hostile: ${calls:-? calls}"
echo "results: $(grep -c '^(1 row)' "$out" || true)"
echo "errors by SQLSTATE:"
grep -oE '^(psql:[^ ]* )?ERROR:  [0-9A-Z]{5}' "$out" | awk '{ print $NF }' | sort | uniq -c | sort -rn | sed 's/^/  /'

fail=0
if grep -qE 'server closed the connection|connection to server was lost|terminating connection' "$out"; then
	echo "FAIL: the server lost the connection (a crash?); the call before it:"
	grep -B8 -E 'server closed the connection|connection to server was lost' "$out" | head -20
	fail=1
fi
if grep -qE 'ERROR:  (XX[0-9A-Z]{3}|58[0-9A-Z]{3}):' "$out"; then
	echo "FAIL: internal or system errors:"
	grep -B6 -E 'ERROR:  (XX[0-9A-Z]{3}|58[0-9A-Z]{3}):' "$out" | head -40
	fail=1
fi
# the fixed cases: each gives the SQLSTATE (or the result) it expects
bad=$(awk '
	function done_() { if (want != "" && want != "ok") print "no error, expected " want ": " q; want = "" }
	/^SELECT / { done_(); if (match($0, /\/\* expect [0-9A-Zok]+ \*\//)) { want = substr($0, RSTART + 10, RLENGTH - 13); q = $0 } }
	/^(psql:[^ ]* )?ERROR:  / && want != "" {
		code = $0; sub(/.*ERROR:  /, "", code); code = substr(code, 1, 5)
		if (code != want) print "ERROR " code ", expected " want ": " q
		want = "" }
	END { done_() }
' "$out")
echo "fixed cases (issue 16, item 6): $(grep -c '^SELECT .*/\* expect [0-9A-Zok]* \*/' "$out" || true)"
if [ -n "$bad" ]; then
	echo "FAIL: fixed cases with another outcome:"
	echo "$bad"
	fail=1
fi
grep -E '^ *hostile-check: ' "$out" | sed 's/^ */  /' || true
if grep -qE '^ *hostile-check: FAIL' "$out" || ! grep -qE '^ *hostile-check: ok' "$out"; then
	echo "FAIL: a hostile-check case failed or did not run"
	fail=1
fi
exit $fail
