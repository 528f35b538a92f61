#!/usr/bin/env bash
# The Debian package, built and tested as Debian builds and tests PostgreSQL extensions
# (debian/README.Debian):
#   1. a clean Debian root (debootstrap --variant=minbase of this machine's release, or
#      SY_DEB_SUITE; its tarball cached as /var/cache/synergy-roots/deb-SUITE.tar.zst, the .debs
#      apt fetches in /var/cache/synergy-roots/deb-apt-SUITE/);
#   2. in a copy of it: apt-get build-dep (debian/control), dpkg-buildpackage -us -uc -b, which
#      makes postgresql-NN-synergy for each PostgreSQL major installed there; lintian (this
#      machine's) must report no error; the package must not depend on PostGIS;
#   3. in another fresh copy: apt-get install of the .deb and of the test dependencies of
#      debian/tests/control, then each test of debian/tests/control run as autopkgtest does (a
#      user, not root, from a pristine source tree that has no build products), i.e. the
#      regression suite (pg_buildext installcheck) against the INSTALLED files.
# It needs root, debootstrap, zstd, unshare and lintian, and the Debian archive. If any is
# missing the stage FAILS, saying what: a package that was not built and tested is not a pass.
# SY_SKIP_DEB=1 skips it on purpose (status 77). SY_DEB_MIRROR overrides the archive.
# Run by scripts/test.sh (it needs no cluster of its own: pg_virtualenv makes one in the root).
set -euo pipefail
. "$SY_REPO/scripts/lib.sh"
cd "$SY_REPO"

if [ "${SY_SKIP_DEB:-0}" = 1 ]; then
	echo "SY_SKIP_DEB=1: the Debian package is not built or tested"
	exit 77
fi
die() { echo "FAIL: $*" >&2; echo "(set SY_SKIP_DEB=1 to skip this stage on purpose)" >&2; exit 1; }
sy_is_root || die "building and testing the package in Debian roots needs root (debootstrap, chroot)"
for t in debootstrap:debootstrap zstd:zstd unshare:util-linux lintian:lintian git:git; do
	command -v "${t%%:*}" >/dev/null || die "${t%%:*} not found (Debian package ${t#*:})"
done

suite=${SY_DEB_SUITE:-$(. /etc/os-release && echo "${VERSION_CODENAME:-}")}
[ -n "$suite" ] || die "no Debian codename in /etc/os-release: set SY_DEB_SUITE"
mirror=${SY_DEB_MIRROR:-http://deb.debian.org/debian}
cache=/var/cache/synergy-roots
tarball=$cache/deb-$suite.tar.zst
archives=$cache/deb-apt-$suite
mkdir -p "$cache" "$archives/partial"
version=$(tr -d ' \n' <VERSION)

work=$(mktemp -d /tmp/synergy-deb.XXXXXX)
cleanup() {
	# the roots' mounts live in private mount namespaces that ended with their commands;
	# never remove a tree that still has something mounted in it
	if grep -q " $work/" /proc/self/mounts; then
		echo "synergy: $work still has mounts, not removing it" >&2
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

# 1. the cached clean root
exec {lock}>"$cache/deb-$suite.lock"
flock -w 1800 "$lock" || die "another run holds $cache/deb-$suite.lock"
if [ ! -s "$tarball" ]; then
	echo "debootstrap $suite from $mirror (cached as $tarball)"
	mkdir -m 755 "$work/bootstrap"
	# a debootstrap older than the suite has no script for it: the testing/unstable one serves
	script=/usr/share/debootstrap/scripts/$suite
	[ -e "$script" ] || script=/usr/share/debootstrap/scripts/sid
	debootstrap --variant=minbase "$suite" "$work/bootstrap" "$mirror" "$script" >"$work/debootstrap.log" 2>&1 \
		|| { tail -n 20 "$work/debootstrap.log" >&2; die "debootstrap $suite $mirror failed (is the archive reachable?)"; }
	tar -C "$work/bootstrap" -I 'zstd -T2 -3' -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
	rm -rf "$work/bootstrap"
fi
flock -u "$lock"

new_root() {   # new_root DIR: a fresh copy of the clean root, able to reach the archive
	mkdir "$1"
	tar -C "$1" -I zstd -xf "$tarball"
	chmod 755 "$1"    # a root directory every user can enter
	cp /etc/resolv.conf "$1/etc/resolv.conf"
}
# in_root DIR CMD...: run CMD in the root, with /proc, /dev and the shared .deb cache mounted in a
# private mount namespace (the mounts go when the command ends)
in_root() {
	local root=$1
	shift
	unshare --mount --propagation private -- /bin/sh -ec '
		root=$1 archives=$2; shift 2
		mount -t proc proc "$root/proc"
		mount --rbind /dev "$root/dev"
		mount --bind "$archives" "$root/var/cache/apt/archives"
		exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
			LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"' sh "$root" "$archives" "$@"
}
apt_opts=(-q -y -o APT::Install-Recommends=false)
apt_in() {   # apt_in DIR ARGS...: apt-get -y in the root, quietly, its log kept
	in_root "$1" apt-get "${apt_opts[@]}" "${@:2}" >>"$work/apt.log" 2>&1 \
		|| { tail -n 30 "$work/apt.log" >&2; die "apt-get ${*:2} failed in the $suite root"; }
}
copy_source() {   # copy_source DIR: the source tree as git sees it (tracked and new files,
	mkdir -p "$1"  # no build products)
	git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -C "$1" -xf -
}

# 2. build
t0=$(date +%s)
new_root "$work/build"
copy_source "$work/build/build/synergy-$version"
# The Release files of sid and forky can be past their Valid-Until date (issue 11): then say so
# and accept them (these roots only build and test).
if ! in_root "$work/build" apt-get "${apt_opts[@]}" update >"$work/update.log" 2>&1; then
	grep -q 'is expired' "$work/update.log" || { cat "$work/update.log" >&2; die "apt-get update failed in the $suite root"; }
	echo "note: the $suite Release file is past its Valid-Until date; accepted (Acquire::Check-Valid-Until=false)"
	apt_opts+=(-o Acquire::Check-Valid-Until=false)
	apt_in "$work/build" update
fi
apt_in "$work/build" install build-essential
apt_in "$work/build" build-dep "./build/synergy-$version"
echo "build root ($suite): PostgreSQL $(in_root "$work/build" ls /usr/lib/postgresql | tr '\n' ' ')"
if ! in_root "$work/build" /bin/sh -c "cd /build/synergy-$version && dpkg-buildpackage -us -uc -b" \
	>"$work/build.log" 2>&1; then
	tail -n 40 "$work/build.log"
	die "dpkg-buildpackage -us -uc -b failed"
fi
mapfile -t debs < <(cd "$work/build/build" && ls postgresql-*-synergy_"$version"-*.deb)
[ ${#debs[@]} -gt 0 ] || die "dpkg-buildpackage made no postgresql-NN-synergy package"
echo "built in $(($(date +%s) - t0)) s: ${debs[*]}"
fail=0
if lintian --fail-on error "$work/build/build/"synergy_"$version"-*.changes >"$work/lintian.log" 2>&1; then
	echo "lintian: no error ($(grep -c '^W:' "$work/lintian.log" || true) warnings)"
else
	cat "$work/lintian.log"; echo "FAIL: lintian reports errors"; fail=1
fi
grep '^W:' "$work/lintian.log" || true
for d in "${debs[@]}"; do
	if dpkg-deb -f "$work/build/build/$d" Depends | grep -qi postgis; then
		echo "FAIL: $d depends on PostGIS (it must stay optional: Suggests)"; fail=1
	fi
	dpkg-deb -c "$work/build/build/$d" | grep -q '/extension/synergy_postgis.control$' \
		|| { echo "FAIL: $d lacks synergy_postgis"; fail=1; }
done

# 3. install into a fresh root and run debian/tests there as autopkgtest would
t0=$(date +%s)
new_root "$work/test"
copy_source "$work/test/src"
# the tests' dependencies, as the build machine's pg_buildext wrote them for its majors
cp "$work/build/build/synergy-$version/debian/tests/control" "$work/test/src/debian/tests/control"
mkdir "$work/test/debs"
cp "${debs[@]/#/$work/build/build/}" "$work/test/debs/"
deps=$(sed -n '/^Depends:/,/^[A-Z]/p' "$work/test/src/debian/tests/control" | sed '1s/^Depends://; /^[A-Z]/d' \
	| tr ',\n' '  ' | tr -s ' ')
tests=$(sed -n 's/^Tests: *//p' "$work/test/src/debian/tests/control")
pkgs=()
for p in $deps; do
	if [ "$p" = @ ]; then pkgs+=("${debs[@]/#//debs/}"); else pkgs+=("$p"); fi
done
apt_in "$work/test" update
apt_in "$work/test" install "${pkgs[@]}"
echo "installed in the test root: ${pkgs[*]}"
for d in "${debs[@]}"; do
	pkg=${d%%_*} major=${pkg#postgresql-}; major=${major%-synergy}
	owner=$(in_root "$work/test" dpkg -S "/usr/lib/postgresql/$major/lib/synergy.so" 2>&1 || true)
	[ "${owner%%:*}" = "$pkg" ] || { echo "FAIL: synergy.so of $major is not $pkg's: $owner"; fail=1; }
done
if compgen -G "$work/test/src/*.so" >/dev/null || compgen -G "$work/test/src/synergy--$version.sql" >/dev/null; then
	echo "FAIL: the test source tree has build products"; fail=1
fi
in_root "$work/test" useradd --create-home synergytest
in_root "$work/test" chown -R synergytest: /src
for t in $tests; do
	if in_root "$work/test" runuser -u synergytest -- /bin/sh -c "cd /src && debian/tests/$t" >"$work/test-$t.log" 2>&1; then
		echo "debian/tests/$t: PASS against the installed package: $(grep -E 'tests passed|tests failed' "$work/test-$t.log" | tr -s ' \n' '  ')"
	else
		# the regression diffs if pg_regress wrote any, else the end of the log
		if grep -q '^\*\*\*\* .*regression.diffs' "$work/test-$t.log"; then
			sed -n '/^\*\*\*\* .*regression.diffs/,$p' "$work/test-$t.log" | head -n 150
		else
			tail -n 60 "$work/test-$t.log"
		fi
		echo "FAIL: debian/tests/$t"; fail=1
	fi
done
# the installed package's version, as the server sees it (and on 18 the library's magic block)
for d in "${debs[@]}"; do
	pkg=${d%%_*} major=${pkg#postgresql-}; major=${major%-synergy}
	got=$(in_root "$work/test" runuser -u synergytest -- env LANG=C.UTF-8 pg_virtualenv -v "$major" \
		psql -X -q -At -v ON_ERROR_STOP=1 -f - <<'SQL' 2>"$work/version-$major.log" | sed -n 's/^v://p' | tr '\n' ' ' | sed 's/ $//'
CREATE EXTENSION synergy;
SELECT 'v:' || extversion FROM pg_extension WHERE extname = 'synergy';
SELECT 'v:' || synergy_version();
SELECT current_setting('server_version_num')::int >= 180000 AS pg18 \gset
\if :pg18
SELECT 'v:' || version FROM pg_get_loaded_modules() WHERE module_name = 'synergy';
\else
SELECT 'v:t';
\endif
SQL
	) || true
	case $major in
		1[5-7]) want="$version $version t" ;;
		*) want="$version $version $version" ;;
	esac
	if [ "$got" = "$want" ]; then
		echo "$pkg: extversion, synergy_version()$([ "$want" = "$version $version $version" ] && echo ' and PG_MODULE_MAGIC_EXT') say $version"
	else
		cat "$work/version-$major.log"; echo "FAIL: $pkg: expected '$want', got '$got'"; fail=1
	fi
done
echo "install and tests in $(($(date +%s) - t0)) s"
[ $fail -eq 0 ] && echo "Debian package: built, lintian-clean, installed and tested"
exit $fail
