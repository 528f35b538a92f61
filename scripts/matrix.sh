#!/usr/bin/env bash
# scripts/matrix.sh: README's test command (./scripts/test.sh, as root) in minimal Debian roots,
# one per PostgreSQL major, and one table of the results, stage x major.
#
#   ./scripts/matrix.sh                 bookworm (PostgreSQL 15), trixie (17), forky (18)
#   ./scripts/matrix.sh 17 18           by major (15 bookworm, 17 trixie, 18 forky) ...
#   ./scripts/matrix.sh trixie sid      ... or by Debian suite (the column shows the major found)
#   SY_STAGES="build check-core installcheck pgtap doctest" ./scripts/matrix.sh 17 18
#                                       only these stages (scripts/test.sh's SY_STAGES); README's
#                                       other command, ./scripts/demo.sh, runs after the suite
#                                       (row demo.sh) when SY_STAGES is unset or names "demo"
#   ./scripts/matrix.sh --cassert 15    against an assert-enabled server: root <suite>-cassert
#                                       (below); not part of .ci/run
#
# Each root is made by debootstrap (--variant=minbase) from SY_MIRROR (default
# http://deb.debian.org/debian), then scripts/test.sh installs what it needs there exactly as on a
# user's machine (SY_STAGES=deps), and the result is cached as SY_ROOT_CACHE/<suite>.tar.zst
# (default /var/cache/synergy-roots), reused while younger than SY_ROOT_MAX_AGE days (default 5;
# 0 rebuilds). Every run unpacks a fresh copy, copies the working tree into /root/synergy (the
# files git tracks or would track, edits included; the whole directory without .git when it is no
# git checkout), and runs ./scripts/test.sh in a chroot with /proc, /dev, /dev/pts and /dev/shm
# mounted, inside its own mount and PID namespaces: every mount and every process of the run goes
# when it ends, and the exit trap unmounts whatever is left and removes the copy, even on failure.
# Needs root; installs debootstrap and zstd with apt-get when missing.
#
# --cassert: the root is the suite's root (cached or made as above) in which
# scripts/cassert_build.sh replaces Debian's server by the same version built from Debian's source
# package with --enable-cassert --enable-debug (an hour or so on 2 shared cores; SY_CASSERT_TIMEOUT
# seconds, default 10800), cached as SY_ROOT_CACHE/<suite>-cassert.tar.zst like the other roots.
# Unless SY_STAGES says otherwise it runs build, installcheck, pgtap, doctest and every
# test/stages/*.sh but memcheck (valgrind over an assert build: hours), the fuzzer (no server) and
# 80_deb (packages built without assertions); no demo.sh.
#
# Testing and unstable are published with a Release file valid for a week; a mirror snapshot
# outlives that, so the roots set Acquire::Check-Valid-Until "false" (signatures are still checked).
#
# The table says PASS, FAIL or SKIP only for a stage scripts/test.sh ran and reported in that root;
# "not run" otherwise (stage not selected, or the root could not be made or the run stopped early:
# the reason follows the table). Exit 0 only if every root ran and no stage failed or went unrun.
# Logs: SY_MATRIX_LOGS (default /var/tmp/synergy-matrix-logs)/<suite>.log.
# SY_MATRIX_TIMEOUT: seconds for one root's test run (default 3600).
# shellcheck disable=SC2317,SC2016  # cleanup runs from a trap; the inner script is single-quoted on purpose
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
repo=$(pwd)

mirror=${SY_MIRROR:-http://deb.debian.org/debian}
cache=${SY_ROOT_CACHE:-/var/cache/synergy-roots}
max_age=${SY_ROOT_MAX_AGE:-5}
logs=${SY_MATRIX_LOGS:-/var/tmp/synergy-matrix-logs}
run_timeout=${SY_MATRIX_TIMEOUT:-3600}
stages=${SY_STAGES:-}
cassert_timeout=${SY_CASSERT_TIMEOUT:-10800}
cassert=0
if [ "${1:-}" = --cassert ]; then
	cassert=1
	shift
fi

say()  { printf '%s\n' "$*"; }
warn() { printf 'matrix: %s\n' "$*" >&2; }
banner() { printf '\n==== %s ====\n' "$*"; }
secs_since() { echo $(($(date +%s) - $1)); }

[ "$(id -u)" -eq 0 ] || { warn "needs root (debootstrap, chroot, mounts)"; exit 1; }

# The Debian suite of each supported major; a suite name is taken as it is.
suite_of() {
	case $1 in
		15) echo bookworm ;;
		17) echo trixie ;;
		18) echo forky ;;
		16) warn "PostgreSQL 16 is in no Debian release (15 is bookworm's, 17 trixie's)"; return 1 ;;
		[a-z]*) echo "$1" ;;
		*) warn "no Debian suite known for '$1' (use 15, 17, 18 or a suite name)"; return 1 ;;
	esac
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || { if [ $cassert = 1 ]; then targets=(15); else targets=(15 17 18); fi; }
suites=()   # a Debian suite, or <suite>-cassert
for t in "${targets[@]}"; do
	s=$(suite_of "$t") || exit 1
	[ $cassert = 1 ] && s=$s-cassert
	suites+=("$s")
done
if [ $cassert = 1 ] && [ -z "$stages" ]; then
	stages="build installcheck pgtap doctest"
	for f in test/stages/*.sh; do
		f=${f##*/}
		case $f in *memcheck* | *fuzz* | 80_deb.sh) ;; *) stages+=" ${f%.sh}" ;; esac
	done
fi

# ---- host tools ----------------------------------------------------------------------------
missing=()
command -v debootstrap >/dev/null || missing+=(debootstrap)
command -v zstd >/dev/null || missing+=(zstd)
if [ ${#missing[@]} -gt 0 ]; then
	say "installing on this machine: ${missing[*]}"
	{ apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"; } >/dev/null \
		|| { warn "apt-get install ${missing[*]} failed"; exit 1; }
fi
mkdir -p "$cache" "$logs" || exit 1
work=$(mktemp -d /var/tmp/synergy-matrix.XXXXXX) || exit 1

# ---- cleanup: unmount everything under the work directory, then remove it -------------------
mounts_under() {   # mount points under $1, deepest first
	awk -v p="$1/" '{ gsub(/\\040/, " ", $2) } index($2, p) == 1 { print $2 }' /proc/self/mounts | sort -r
}
cleanup() {
	local rc=$? m left
	trap - EXIT INT TERM
	for m in $(mounts_under "$work"); do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || warn "could not unmount $m"
	done
	left=$(mounts_under "$work")
	if [ -n "$left" ]; then
		warn "still mounted, not removing $work: $left"
	else
		rm -rf --one-file-system "$work"
	fi
	exit "$rc"
}
# A signal to this script alone (a CI timeout) must also end the run in the chroot: chroot_run
# waits for it in the background, and the trap stops it before the exit trap cleans up.
child=
on_signal() {
	if [ -n "$child" ]; then
		kill -TERM "$child" 2>/dev/null
		wait "$child" 2>/dev/null
	fi
	exit "$1"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

# ---- roots ---------------------------------------------------------------------------------
# chroot_run ROOT LOG CMD: run CMD (a bash command line) as root in ROOT, with /proc, /dev,
# /dev/pts and /dev/shm, in private mount and PID namespaces (gone, with their processes, when CMD
# ends), the host's resolv.conf, and the host's /tmp/synergy-port.lock shared, so that clusters
# of the host and of the root choose their ports under the same lock.
chroot_run() {
	local root=$1 log=$2 cmd=$3
	cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
	if [ ! -e /tmp/synergy-port.lock ]; then
		{ : >>/tmp/synergy-port.lock && chmod 666 /tmp/synergy-port.lock; } 2>/dev/null || true
	fi
	: >"$root/tmp/synergy-port.lock"
	SY_ROOT=$root SY_CMD=$cmd SY_ENV_STAGES=$stages \
	timeout --kill-after=20 "$run_timeout" \
	nice -n 10 unshare --mount --propagation private --pid --fork --kill-child bash -c '
		set -e
		r=$SY_ROOT
		mount -t proc proc "$r/proc"
		mount --bind /dev "$r/dev"
		mount -t devpts -o newinstance,ptmxmode=0666 devpts "$r/dev/pts" 2>/dev/null || mount --bind /dev/pts "$r/dev/pts"
		mount -t tmpfs -o mode=1777,size=2g shm "$r/dev/shm"
		[ -e /tmp/synergy-port.lock ] && mount --bind /tmp/synergy-port.lock "$r/tmp/synergy-port.lock"
		set +e
		chroot "$r" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			SY_SKIP_DEB=1 ${SY_ENV_STAGES:+SY_STAGES="$SY_ENV_STAGES"} /bin/bash -c "$SY_CMD" </dev/null
	' >>"$log" 2>&1 &
	child=$!
	wait "$child"
	local rc=$?
	child=
	return $rc
}

# copy_tree ROOT: the working tree into ROOT/root/synergy
copy_tree() {
	local dest=$1/root/synergy
	rm -rf "$dest" && mkdir -p "$dest" || return 1
	if git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git -C "$repo" ls-files -z --cached --others --exclude-standard \
			| while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
			| tar -C "$repo" --null -T - -cf - | tar -C "$dest" -xf -
	else
		tar -C "$repo" --exclude=.git -cf - . | tar -C "$dest" -xf - \
			&& (cd "$dest" && make clean >/dev/null 2>&1; true)
	fi
}

# make_root SUITE DIR LOG: debootstrap, apt settings, scripts/test.sh's packages; cache it.
make_root() {
	local suite=$1 root=$2 log=$3 script=/usr/share/debootstrap/scripts/$1 t0
	t0=$(date +%s)
	[ -e "$script" ] || script=/usr/share/debootstrap/scripts/sid   # forky and later
	say "debootstrap $suite from $mirror"
	if ! nice -n 10 debootstrap --variant=minbase "$suite" "$root" "$mirror" "$script" >>"$log" 2>&1; then
		if grep -qiE 'Failed getting release file|Couldn.t download|Temporary failure|Could not resolve|unable to fetch' "$log"; then
			why="the archive cannot be reached ($mirror, suite $suite)"
		else
			why="debootstrap $suite failed"
		fi
		return 1
	fi
	cat >"$root/etc/apt/apt.conf.d/99synergy-matrix" <<-EOF
		// scripts/matrix.sh: testing/unstable Release files are valid for a week only; a mirror
		// snapshot outlives that. Signatures are still checked.
		Acquire::Check-Valid-Until "false";
		APT::Install-Recommends "false";
	EOF
	copy_tree "$root" || { why="copying the working tree failed"; return 1; }
	say "installing scripts/test.sh's Debian packages in $suite (SY_STAGES=deps)"
	if ! stages=deps chroot_run "$root" "$log" 'cd /root/synergy && ./scripts/test.sh'; then
		if grep -qiE 'Failed to fetch|Temporary failure|Could not resolve|Unable to connect' "$log"; then
			why="the archive cannot be reached ($mirror, suite $suite) to install the packages"
		else
			why="installing the Debian packages failed (SY_STAGES=deps ./scripts/test.sh)"
		fi
		return 1
	fi
	cache_root "$suite" "$root"
	say "root $suite made in $(secs_since "$t0") s"
}

# cache_root NAME ROOT: ROOT (without the working tree) as SY_ROOT_CACHE/NAME.tar.zst
cache_root() {
	local name=$1 root=$2
	rm -rf "$root/root/synergy"
	chroot "$root" apt-get clean >/dev/null 2>&1 || true
	say "caching $cache/$name.tar.zst"
	if nice -n 10 tar -C "$root" --one-file-system -cf - . | nice -n 10 zstd -q -T2 -3 -f -o "$cache/$name.tar.zst.$$"; then
		mv "$cache/$name.tar.zst.$$" "$cache/$name.tar.zst"
	else
		rm -f "$cache/$name.tar.zst.$$"; warn "could not cache the $name root (going on)"
	fi
}

fresh() {   # fresh TARBALL: cached and younger than SY_ROOT_MAX_AGE days
	[ "$max_age" != 0 ] && [ -f "$1" ] && [ -n "$(find "$1" -mtime -"$max_age" 2>/dev/null)" ]
}

# make_cassert_root NAME DIR LOG: NAME is <suite>-cassert; the suite's root (cached or made),
# then scripts/cassert_build.sh in it; cached as NAME.
make_cassert_root() {
	local name=$1 root=$2 log=$3 base=${1%-cassert} t0
	t0=$(date +%s)
	if fresh "$cache/$base.tar.zst"; then
		say "the $base root: cached $cache/$base.tar.zst"
		nice -n 10 zstd -q -d -c "$cache/$base.tar.zst" | tar -C "$root" -xf - \
			|| { why="cannot unpack $cache/$base.tar.zst"; return 1; }
	else
		make_root "$base" "$root" "$log" || return 1
	fi
	copy_tree "$root" || { why="copying the working tree failed"; return 1; }
	say "building PostgreSQL with --enable-cassert from Debian's source package (scripts/cassert_build.sh, log $log)"
	if ! run_timeout=$cassert_timeout chroot_run "$root" "$log" 'cd /root/synergy && ./scripts/cassert_build.sh'; then
		why="building the assert-enabled server failed (scripts/cassert_build.sh; log $log)"
		return 1
	fi
	cache_root "$name" "$root"
	say "root $name made in $(secs_since "$t0") s"
}

make_any_root() {
	case $1 in
		*-cassert) make_cassert_root "$@" ;;
		*) make_root "$@" ;;
	esac
}

# ---- run each suite ------------------------------------------------------------------------
declare -A major=() result=() note=() why_of=() secs_root=() secs_run=() how=()
all_stages=()
t_all=$(date +%s)
for suite in "${suites[@]}"; do
	banner "$suite"
	log=$logs/$suite.log
	: >"$log"
	root=$work/$suite
	mkdir -p "$root"
	why=""
	t0=$(date +%s)
	tarball=$cache/$suite.tar.zst
	if fresh "$tarball"; then
		say "cached root $tarball ($(du -h "$tarball" | cut -f1))"
		how[$suite]=cached
		if ! nice -n 10 zstd -q -d -c "$tarball" | tar -C "$root" -xf -; then
			warn "cannot unpack $tarball: making the root again"
			rm -rf --one-file-system "$root"; mkdir -p "$root"
			how[$suite]=built
			make_any_root "$suite" "$root" "$log"
		fi
	else
		how[$suite]=built
		make_any_root "$suite" "$root" "$log"
	fi
	ok=$?
	secs_root[$suite]=$(secs_since "$t0")
	if [ $ok -ne 0 ] || [ -n "$why" ]; then
		why_of[$suite]=${why:-making the root failed}
		warn "$suite: ${why_of[$suite]} (log: $log)"
		tail -n 5 "$log" >&2
		major[$suite]='?'
		continue
	fi
	for f in "$root"/usr/lib/postgresql/*/bin/postgres; do
		[ -x "$f" ] && { f=${f#"$root"/usr/lib/postgresql/}; major[$suite]=${f%%/*}; }
	done
	[ -n "${major[$suite]:-}" ] || major[$suite]='?'

	copy_tree "$root" || { why_of[$suite]="copying the working tree failed"; continue; }
	say "PostgreSQL ${major[$suite]}: ./scripts/test.sh${stages:+ (SY_STAGES=\"$stages\")}, log $log"
	t0=$(date +%s)
	chroot_run "$root" "$log" 'cd /root/synergy && ./scripts/test.sh'
	rc=$?
	secs_run[$suite]=$(secs_since "$t0")
	[ $rc -eq 124 ] || [ $rc -eq 137 ] && why_of[$suite]="timed out after $run_timeout s"
	# scripts/test.sh's summary: "stage result seconds [note]" lines after "==== Summary ===="
	if ! grep -q '^==== Summary ====$' "$log"; then
		why_of[$suite]=${why_of[$suite]:-"scripts/test.sh stopped before its summary (exit $rc)"}
	fi
	while read -r name res _ rest; do
		case $res in PASS|FAIL|SKIP) ;; *) continue ;; esac
		result[$suite/$name]=$res
		note[$suite/$name]=$rest
		seen=0
		for s in "${all_stages[@]}"; do [ "$s" = "$name" ] && seen=1; done
		[ $seen = 1 ] || all_stages+=("$name")
	done < <(sed -n '/^==== Summary ====$/,$p' "$log" | tail -n +3)
	say "exit status $rc, $(secs_since "$t0") s"
	# The Debian package of this suite is built and tested from the host, in clean roots of the
	# suite (test/stages/80_deb.sh with SY_DEB_SUITE); inside the root the stage was skipped.
	if [ -z "$stages" ] || [[ " $stages " == *" 80_deb "* ]]; then
		say "test/stages/80_deb.sh for $suite (from the host)"
		echo "==== matrix: test/stages/80_deb.sh, SY_DEB_SUITE=$suite ====" >>"$log"
		if SY_DEB_SUITE=$suite SY_REPO=$repo "$repo/test/stages/80_deb.sh" </dev/null >>"$log" 2>&1; then
			result[$suite/stages/80_deb.sh]=PASS; note[$suite/stages/80_deb.sh]=
		else
			result[$suite/stages/80_deb.sh]=FAIL; note[$suite/stages/80_deb.sh]="see $log"
		fi
		seen=0
		for s in "${all_stages[@]}"; do [ "$s" = stages/80_deb.sh ] && seen=1; done
		[ $seen = 1 ] || all_stages+=(stages/80_deb.sh)
	fi
	# README's other command, in the same root: a row "demo.sh" (SY_STAGES: when it names demo)
	if [ -z "$stages" ] || [[ " $stages " == *" demo "* ]]; then
		say "./scripts/demo.sh"
		echo "==== matrix: ./scripts/demo.sh ====" >>"$log"
		if chroot_run "$root" "$log" 'cd /root/synergy && ./scripts/demo.sh'; then
			result[$suite/demo.sh]=PASS
		else
			result[$suite/demo.sh]=FAIL; note[$suite/demo.sh]="see $log"
		fi
		seen=0
		for s in "${all_stages[@]}"; do [ "$s" = demo.sh ] && seen=1; done
		[ $seen = 1 ] || all_stages+=(demo.sh)
	fi
	# the copy goes now: the next root needs the disk more than this one
	for m in $(mounts_under "$root"); do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null; done
	[ -z "$(mounts_under "$root")" ] && rm -rf --one-file-system "$root"
done

# ---- the table -----------------------------------------------------------------------------
# Stages asked for but reported by no root still get a row (not run).
if [ -n "$stages" ]; then
	for w in $stages; do
		case $w in deps) continue ;; demo) w=demo.sh ;; esac
		found=0
		for s in "${all_stages[@]}"; do
			case $s in "$w" | "stages/$w" | "stages/$w.sh") found=1 ;; stages/*) [ "$w" = stages ] && found=1 ;; esac
		done
		[ $found = 1 ] || all_stages+=("$w")
	done
fi
if [ ${#all_stages[@]} -eq 0 ]; then   # no root reported anything
	all_stages=(build check-core cluster installcheck pgtap doctest)
	[ -n "$stages" ] || all_stages+=("stages/*" demo.sh)
fi

banner "Matrix: stage x PostgreSQL major"
printf '%-28s' "stage"
for suite in "${suites[@]}"; do printf ' %-18s' "${major[$suite]} ($suite)"; done
printf '\n'
printf '%-28s' "root (made or cached)"
for suite in "${suites[@]}"; do
	if [ -n "${why_of[$suite]:-}" ] && [ -z "${secs_run[$suite]:-}" ]; then r=FAIL; else r="${how[$suite]:-?} ${secs_root[$suite]:-?}s"; fi
	printf ' %-18s' "$r"
done
printf '\n'
failed=0
for name in "${all_stages[@]}"; do
	printf '%-28s' "$name"
	for suite in "${suites[@]}"; do
		r=${result[$suite/$name]:-not run}
		printf ' %-18s' "$r"
		case $r in FAIL | "not run") failed=$((failed + 1)) ;; esac
	done
	printf '\n'
done
printf '%-28s' "test.sh seconds"
for suite in "${suites[@]}"; do printf ' %-18s' "${secs_run[$suite]:-}"; done
printf '\n'

for suite in "${suites[@]}"; do
	[ -n "${why_of[$suite]:-}" ] && say "$suite: ${why_of[$suite]} (log: $logs/$suite.log)"
	for name in "${all_stages[@]}"; do
		[ "${result[$suite/$name]:-}" = FAIL ] && [ -n "${note[$suite/$name]:-}" ] \
			&& say "$suite $name: ${note[$suite/$name]}"
	done
done
say "total $(secs_since "$t_all") s; logs in $logs"
if [ $failed -gt 0 ]; then
	say "$failed cell(s) FAILED or not run"
	exit 1
fi
say "every stage passed or was skipped by its own test on every major"
exit 0
