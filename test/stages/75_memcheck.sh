#!/usr/bin/env bash
# The pg_regress suite under valgrind memcheck (scripts/memcheck.sh): fails on any valgrind
# report with a frame in synergy's code.  About 2-3 minutes on a 2-core machine; skipped
# (exit 77) when valgrind is missing.  scripts/test.sh has built and installed synergy.
set -uo pipefail
command -v valgrind >/dev/null || { echo "valgrind is not installed"; exit 77; }
cd "$SY_REPO" || exit 1
SY_MEMCHECK_NO_BUILD=1 exec ./scripts/memcheck.sh
