#!/usr/bin/env bash
# scripts/cassert_build.sh: replace the Debian PostgreSQL server of this machine by the same
# version built from Debian's source package with --enable-cassert and --enable-debug, so that
# PostgreSQL's own assertions (memory contexts, fmgr, tuple and lock invariants) and synergy's
# Assert calls run during the test suite. Run by scripts/matrix.sh --cassert as root inside a
# throw-away Debian root (never on a machine you care about: it overwrites the installed
# postgresql-NN files in place, including the server headers, so that extensions built afterwards
# are built with USE_ASSERT_CHECKING too).
#
#   1. a deb-src line for each deb line of /etc/apt/sources.list; apt-get source
#      postgresql-NN=<the installed version> (Debian's patches applied: its directory layout)
#   2. configure with the flags the installed server was built with (pg_config --configure),
#      minus the optional languages and libraries the suite does not use (Tcl, Perl, Python, PAM,
#      GSSAPI, LDAP, systemd, SELinux, DTrace, LLVM JIT, NLS, TAP tests), plus --enable-cassert
#      --enable-debug; the version string ends in ", cassert"
#   3. make (the server, its libraries and programs; no contrib, no docs) and make install over
#      the Debian files; then check that the installed server has debug_assertions = on.
# The Debian packages of PostGIS, pgTAP and pg_cron stay as they are (built without assertions;
# their ABI is the same). Prints the elapsed time of each step.
set -euo pipefail
say() { printf 'cassert_build: %s\n' "$*"; }
t_all=$(date +%s)
step() { say "$1 ($(($(date +%s) - t_all)) s so far)"; }

major=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' | sed 's|/usr/lib/postgresql/\([0-9]*\)/.*|\1|' | sort -n | tail -n 1)
[ -n "$major" ] || { say "no /usr/lib/postgresql/NN/bin/postgres: install postgresql-NN first"; exit 1; }
pkg=postgresql-$major
ver=$(dpkg-query -W -f='${Version}' "$pkg")
pgc=/usr/lib/postgresql/$major/bin/pg_config
say "PostgreSQL $major, Debian package $pkg $ver"

step "deb-src and build dependencies"
if [ -f /etc/apt/sources.list ]; then
	sed -n 's/^deb /deb-src /p' /etc/apt/sources.list >/etc/apt/sources.list.d/synergy-cassert-src.list
fi
for f in /etc/apt/sources.list.d/*.sources; do   # deb822 style (trixie and later)
	[ -e "$f" ] && sed -i 's/^Types: deb$/Types: deb deb-src/' "$f"
done
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
	dpkg-dev build-essential bison flex pkg-config libreadline-dev zlib1g-dev libssl-dev \
	libxml2-dev libxslt1-dev libicu-dev liblz4-dev libzstd-dev uuid-dev >/dev/null

step "apt-get source $pkg=$ver"
src=/usr/src/synergy-cassert
rm -rf "$src" && mkdir -p "$src" && cd "$src"
apt-get source -q "$pkg=$ver" >/dev/null
dir=$(find . -mindepth 1 -maxdepth 1 -type d -name "$pkg-*" | head -n 1)
[ -n "$dir" ] || { say "apt-get source left no $pkg-* directory"; exit 1; }

step "configure"
eval "set -- $("$pgc" --configure)"
args=()
for a in "$@"; do
	case $a in
		--with-tcl | --with-perl | --with-python | --with-pam | --with-gssapi | --with-ldap | \
		--with-systemd | --with-selinux | --enable-dtrace | --with-llvm | --enable-nls | --enable-tap-tests) ;;
		--runstatedir=*) ;;   # debhelper's, unknown to this autoconf
		--with-extra-version=*) args+=("--with-extra-version= (Debian $ver, cassert)") ;;
		--*) args+=("$a") ;;
		CFLAGS=* | CPPFLAGS=* | LDFLAGS=*) args+=("$a") ;;
		*) ;;   # LLVM_CONFIG, CLANG, PYTHON, XSLTPROC ... of the options left out
	esac
done
args+=(--enable-cassert --enable-debug)
mkdir -p "$dir/build" && cd "$dir/build"
../configure "${args[@]}" >configure.log 2>&1 || { tail -n 30 configure.log; exit 1; }

step "make -j$(nproc)"
make -s -j"$(nproc)" >make.log 2>&1 || { tail -n 40 make.log; exit 1; }

step "make install (over $pkg $ver)"
make -s install >install.log 2>&1 || { tail -n 40 install.log; exit 1; }
ldconfig

# the installed server is the new one, with assertions (asked of a scratch data directory)
bin=/usr/lib/postgresql/$major/bin
grep -q '^#define USE_ASSERT_CHECKING 1' "$("$pgc" --includedir-server)/pg_config.h" \
	|| { say "the installed server headers lack USE_ASSERT_CHECKING"; exit 1; }
scratch=$(mktemp -d /tmp/cassert-check.XXXXXX) && chown postgres "$scratch"
runuser -u postgres -- "$bin/initdb" -A trust -D "$scratch/data" >/dev/null
on=$(runuser -u postgres -- "$bin/postgres" -C debug_assertions -D "$scratch/data")
rm -rf "$scratch"
[ "$on" = on ] || { say "the installed server reports debug_assertions = '$on'"; exit 1; }
say "installed: $("/usr/lib/postgresql/$major/bin/postgres" --version), debug_assertions = on"
cd / && rm -rf "$src"
step "done"
