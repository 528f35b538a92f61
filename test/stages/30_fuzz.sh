#!/usr/bin/env bash
# A short libFuzzer run over the numeric core (make fuzz), by scripts/test.sh.
# FUZZ_SECONDS (default 20) sets the time; a crash or broken invariant fails
# the stage and leaves the input in test/fuzz/crash-*.
set -euo pipefail
cd "$SY_REPO"
if ! command -v clang >/dev/null; then
	echo "clang not installed (Debian packages clang, libclang-rt-14-dev)"
	exit 77
fi
corpus=$(mktemp -d /tmp/synergy-fuzz.XXXXXX)
trap 'rm -rf "$corpus"' EXIT
make -s fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-20}" FUZZ_CORPUS="$corpus" 2>&1 \
	| grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done|==[0-9]+==|SUMMARY|invariant)' || true
# make's status is lost in the pipe: a crash leaves an artifact
if compgen -G 'test/fuzz/[a-z]*-[0-9a-f]*' >/dev/null; then
	echo "FAIL: the fuzzer found a problem: $(ls test/fuzz/[a-z]*-[0-9a-f]*)"
	exit 1
fi
