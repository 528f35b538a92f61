#!/usr/bin/env bash
# scripts/memcheck.sh: the pg_regress suite (sql/*.sql) against a throw-away cluster whose
# postgres runs under valgrind memcheck, then a report of every valgrind error whose stack
# passes through synergy's code.  Exit 1 if there is one (or if the suite fails), 0 otherwise.
#
#   ./scripts/memcheck.sh                 build, install, run sql/*.sql under valgrind
#   SY_MEMCHECK_PGTAP=1 ./scripts/memcheck.sh   also pg_prove test/pgtap/*.sql (much longer)
#   SY_MEMCHECK_TESTS="weights coupling" ./scripts/memcheck.sh   only these sql/ files
#   SY_MEMCHECK_KEEP=/tmp/dir             copy the valgrind logs there before the cluster goes
#
# Why valgrind and not an ASan build: postgres started with LD_PRELOAD=libasan hung in earlier
# sessions, and an ASan synergy.so needs the runtime preloaded into an uninstrumented server.
# Valgrind needs no rebuild and checks the real installed library.
#
# Debian's PostgreSQL is not built with USE_VALGRIND, so memory handed back to a memory
# context and reused inside it is invisible to valgrind (use-after-pfree within a context is not
# caught); reads past the end of a chunk are caught only at the edge of the context's malloc'd
# block.  Invalid reads and writes of malloc'd memory, uninitialised values reaching a branch or
# a system call, and invalid frees are caught.  The server's own reports (there are a few,
# e.g. uninitialised padding written to disk) are counted but not failed on: only reports with a
# frame in synergy's sources count.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
# shellcheck source-path=SCRIPTDIR/..
. scripts/lib.sh

command -v valgrind >/dev/null || { sy_warn "valgrind is not installed (Debian package valgrind)"; exit 1; }
sy_cleanup_on_exit
t_start=$(date +%s)

if [ "${SY_MEMCHECK_NO_BUILD:-0}" != 1 ]; then
	sy_banner "build"
	sy_build_install || exit 1
fi

sy_banner "cluster under valgrind"
# JIT would run generated code valgrind cannot attribute; nothing in the suite needs it.
SY_EXTRA_CONF=$'jit = off\nmax_parallel_workers_per_gather = 2' sy_cluster_start memcheck || exit 1
dir=$SY_CLUSTER_DIR
mkdir -p "$dir/vg" && { sy_is_root && chown postgres: "$dir/vg"; true; }
# Restart the cluster under valgrind, on the same port: hold sy_cluster_start's port lock
# meanwhile, so that no other cluster takes the port while it is free.  pg_ctl stop (via
# sy_cluster_stop on exit) stops it, as valgrind runs in the postgres process itself.
exec {lockfd}</tmp/synergy-port.lock || exec {lockfd}</dev/null
flock -w 120 "$lockfd" || sy_warn "port lock busy for 120 s, going on without it"
sy_as_owner "$SY_PG_BINDIR/pg_ctl" stop -D "$dir/data" -m fast -w -s >/dev/null
sy_as_owner valgrind --trace-children=yes --leak-check=no --num-callers=40 --error-limit=no \
	--read-var-info=yes --log-file="$dir/vg/%p.log" \
	"$SY_PG_BINDIR/postgres" -D "$dir/data" {lockfd}<&- >"$dir/server.log" 2>&1 &
for ((i = 0; i < 180; i++)); do
	"$SY_PG_BINDIR/pg_isready" -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -t 1 && break
	sleep 1
done
exec {lockfd}<&-
[ "$i" -lt 180 ] || { sy_warn "postgres under valgrind did not start"; tail -n 30 "$dir/server.log" >&2; exit 1; }
sy_say "postgres under valgrind ready after ${i} s; logs in $dir/vg"

sy_banner "pg_regress"
suite_rc=0
if [ -n "${SY_MEMCHECK_TESTS:-}" ]; then
	make installcheck PG_CONFIG="$SY_PG_CONFIG" REGRESS="$SY_MEMCHECK_TESTS" || suite_rc=1
else
	make installcheck PG_CONFIG="$SY_PG_CONFIG" || suite_rc=1
fi
[ $suite_rc -eq 0 ] || { [ -f regression.diffs ] && head -n 100 regression.diffs; }

if [ "${SY_MEMCHECK_PGTAP:-0}" = 1 ]; then
	sy_banner "pgTAP"
	mapfile -t files < <(compgen -G 'test/pgtap/*.sql' | LC_ALL=C sort)
	sy_createdb synergy_pgtap pgtap postgis synergy synergy_postgis && sy_load_sample synergy_pgtap \
		&& PGOPTIONS="-c client_min_messages=warning" pg_prove --failures -d synergy_pgtap "${files[@]}" \
		|| suite_rc=1
fi

sy_banner "valgrind reports"
sy_as_owner "$SY_PG_BINDIR/pg_ctl" stop -D "$dir/data" -m fast -w -t 300 -s >/dev/null || true
# Our frames: "fn (file.c:line)" with one of our source file names, or the library itself.
ours=$(cd src && ls ./*.c core/*.c | sed 's|.*/||; s/\.c$//' | paste -sd'|')
report=$dir/synergy-reports.txt
: >"$report"
total=0 logs=0
for f in "$dir"/vg/*.log; do
	[ -e "$f" ] || continue
	logs=$((logs + 1))
	n=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$f" | tail -n 1)
	total=$((total + ${n:-0}))
	# an error block runs from a line "==pid== <message>" to the next "==pid== " blank line
	awk -v re="(\\((${ours})\\.c:[0-9]+\\)|synergy\\.so)" '
		/^==[0-9]+== $/ { if (blk != "" && blk ~ re) print blk "\n"; blk = ""; next }
		/^==[0-9]+== (Invalid|Conditional|Use of uninit|Syscall param|Mismatched|Source and destination|Argument|Process terminating)/ { blk = $0; next }
		blk != "" { blk = blk "\n" $0 }
		END { if (blk != "" && blk ~ re) print blk }
	' "$f" >>"$report"
done
ours_n=$(grep -cE '^==[0-9]+== (Invalid|Conditional|Use of uninit|Syscall param|Mismatched|Source and destination|Argument|Process terminating)' "$report" || true)
[ -n "${SY_MEMCHECK_KEEP:-}" ] && mkdir -p "$SY_MEMCHECK_KEEP" && cp -r "$dir/vg" "$report" "$SY_MEMCHECK_KEEP/"
secs=$(( $(date +%s) - t_start ))
# The summary line: only reports with a frame in synergy's code count; PostgreSQL's own errors
# (its ERROR SUMMARY totals, over every server process) are shown, as known, so that their number
# is not mistaken for a failure.
if [ "$ours_n" -eq 0 ] && [ "$suite_rc" -eq 0 ]; then verdict=PASS; else verdict=FAIL; fi
if [ "$ours_n" -eq 0 ]; then
	others="$total in PostgreSQL itself, over $logs server processes: known, not counted"
else
	others="listed below; $total in all, over $logs server processes"
fi
sy_say "$verdict: $ours_n valgrind errors with a frame in synergy ($others);" \
	"pg_regress suite under valgrind $([ "$suite_rc" -eq 0 ] && echo passed || echo FAILED); ${secs} s"
if [ "$ours_n" -gt 0 ]; then
	sy_say "---- reports in synergy (first 200 lines) ----"
	head -n 200 "$report"
	exit 1
fi
exit $suite_rc
