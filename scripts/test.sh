#!/usr/bin/env bash
# shellcheck disable=SC2317  # stage functions are called indirectly, through stage()
# scripts/test.sh: every test of synergy on a throw-away cluster of the PostgreSQL that
# scripts/lib.sh chooses (the installed one, else the Debian release's; SY_PG_MAJOR overrides).
#   build        make -j2 (the Makefile builds with -Werror) && make install
#   check-core   make check-core: numeric core unit tests, no server
#   cluster      a temporary cluster under /tmp, removed on exit
#   installcheck pg_regress over sql/*.sql against expected/*.out
#   pgtap        pg_prove over test/pgtap/*.sql (database with pgtap, postgis, synergy,
#                synergy_postgis and the sample data)
#   doctest      the SQL examples of README.md and docs/*.md (test/doctest.pl)
#   stages/*     each executable test/stages/*.sh, in name order, from the repository root, with
#                PGHOST PGPORT PGUSER PGDATABASE SY_CLUSTER_DIR SY_REPO SY_PG_CONFIG SY_PG_MAJOR
#                exported and PATH starting with that PostgreSQL's bin; stdin is /dev/null. A stage
#                that needs its own cluster (e.g. shared_preload_libraries) sources scripts/lib.sh
#                and starts one.
# A failing stage does not stop the others; the summary lists them all. Exit 1 if any failed.
# SY_SKIP_DEPS=1 skips the Debian package check.
# SY_STAGES="build installcheck pgtap doctest" runs only these stages (names as in the summary;
# "stages" means every test/stages/*.sh, "50_dump_restore" one of them; the cluster is started
# when a stage needs it). SY_STAGES=deps only installs the Debian packages.
set -uo pipefail    # no -e: stages report their own failures
cd "$(dirname "$0")/.." || exit 1
# shellcheck source-path=SCRIPTDIR/..
. scripts/lib.sh

names=() results=() secs=() notes=()
skip_note=""        # set when the server stages cannot run

# stage NAME COMMAND...: run COMMAND in this shell, time it and record PASS/FAIL
# (status 77 = SKIP, with the reason in $stage_note).
stage() {
	local name=$1 t0 t1 rc
	shift
	selected "$name" || return 0
	sy_banner "$name"
	stage_note=""
	t0=$(date +%s%N)
	"$@"
	rc=$?
	t1=$(date +%s%N)
	names+=("$name")
	secs+=("$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.1f", d / 1e9 }')")
	case $rc in
		0) results+=(PASS) ;;
		77) results+=(SKIP) ;;
		*) results+=(FAIL) ;;
	esac
	[ $rc -ne 0 ] && [ $rc -ne 77 ] && [ -z "$stage_note" ] && stage_note="exit status $rc"
	notes+=("$stage_note")
	[ $rc -eq 77 ] && sy_say "skipped: $stage_note"
	[ $rc -ne 0 ] && [ $rc -ne 77 ] && sy_say "stage $name FAILED${stage_note:+: $stage_note}"
	return 0
}

# selected NAME: is the stage NAME in SY_STAGES (or SY_STAGES unset/empty)?
selected() {
	local w
	[ -n "${SY_STAGES:-}" ] || return 0
	for w in $SY_STAGES; do
		case $1 in
			"$w" | "stages/$w" | "stages/$w.sh") return 0 ;;
			stages/*) [ "$w" = stages ] && return 0 ;;
		esac
	done
	return 1
}

skip() {   # skip REASON: record the stage as skipped
	stage_note=$1
	return 77
}

run_build() { sy_build_install; }

run_check_core() { make check-core PG_CONFIG="$SY_PG_CONFIG"; }

run_cluster() { sy_cluster_start test; }

run_installcheck() {
	[ -z "$skip_note" ] || { skip "$skip_note"; return; }
	compgen -G 'sql/*.sql' >/dev/null || { skip "no sql/*.sql"; return; }
	if make installcheck PG_CONFIG="$SY_PG_CONFIG"; then
		return 0
	fi
	if [ -f regression.diffs ]; then
		sy_say "---- regression.diffs (first 200 lines) ----"
		head -n 200 regression.diffs
	fi
	return 1
}

run_pgtap() {
	[ -z "$skip_note" ] || { skip "$skip_note"; return; }
	local files=()
	[ -d test/pgtap ] && mapfile -t files < <(compgen -G 'test/pgtap/*.sql' | LC_ALL=C sort)
	[ ${#files[@]} -gt 0 ] || { skip "no test/pgtap/*.sql"; return; }
	if ! command -v pg_prove >/dev/null; then
		stage_note="pg_prove not found (Debian package libtap-parser-sourcehandler-pgtap-perl)"
		return 1
	fi
	sy_createdb synergy_pgtap pgtap postgis synergy synergy_postgis || return 1
	sy_load_sample synergy_pgtap || return 1
	PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" \
		pg_prove --failures -d synergy_pgtap "${files[@]}"
}

run_doctest() {
	[ -z "$skip_note" ] || { skip "$skip_note"; return; }
	local files=()
	mapfile -t files < <(compgen -G 'README.md'; compgen -G 'docs/*.md' | LC_ALL=C sort)
	[ ${#files[@]} -gt 0 ] || { skip "no README.md or docs/*.md"; return; }
	sy_createdb synergy_doctest postgis synergy synergy_postgis || return 1
	sy_load_sample synergy_doctest || return 1
	DOCTEST_DB=synergy_doctest perl test/doctest.pl "${files[@]}"
}

run_extra() {   # run_extra SCRIPT
	[ -z "$skip_note" ] || { skip "$skip_note"; return; }
	[ -x "$1" ] || { skip "$1 is not executable (chmod +x)"; return; }
	"$1" </dev/null
}

sy_banner "Debian packages"
sy_install_deps
sy_cleanup_on_exit
if [ "${SY_STAGES:-}" = deps ]; then
	sy_say "SY_STAGES=deps: packages checked, no stage run"
	exit 0
fi
sy_banner "PostgreSQL $SY_PG_MAJOR"
sy_say "$("$SY_PG_CONFIG" --version 2>/dev/null || echo "no $SY_PG_CONFIG") ($SY_PG_CONFIG)"

mapfile -t extra < <(compgen -G 'test/stages/*.sh' | LC_ALL=C sort)
need_cluster=0
for n in installcheck pgtap doctest "${extra[@]/#test\//}"; do
	selected "$n" && need_cluster=1
done

stage build run_build
[ "${#results[@]}" -gt 0 ] && [ "${results[-1]}" != PASS ] && skip_note="build failed"
stage check-core run_check_core
if [ -z "$skip_note" ] && [ $need_cluster = 1 ]; then
	SY_STAGES_SAVED=${SY_STAGES:-}; SY_STAGES=   # the cluster is started whenever a stage needs it
	stage cluster run_cluster
	SY_STAGES=$SY_STAGES_SAVED
	[ "${results[-1]}" = PASS ] || skip_note="no cluster"
fi
stage installcheck run_installcheck
stage pgtap run_pgtap
stage doctest run_doctest
for f in "${extra[@]}"; do
	stage "stages/${f##*/}" run_extra "$f"
done
sy_cluster_stop_all

sy_banner "Summary"
failed=0
printf '%-28s %-6s %8s\n' stage result seconds
for i in "${!names[@]}"; do
	printf '%-28s %-6s %8s%s\n' "${names[$i]}" "${results[$i]}" "${secs[$i]}" "${notes[$i]:+  ${notes[$i]}}"
	[ "${results[$i]}" = FAIL ] && failed=$((failed + 1))
done
[ ${#names[@]} -gt 0 ] || { echo "no stage matches SY_STAGES=$SY_STAGES"; exit 1; }
if [ $failed -gt 0 ]; then
	echo "$failed stage(s) FAILED"
	exit 1
fi
echo "all stages passed"
exit 0
