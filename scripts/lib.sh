# shellcheck shell=bash
# scripts/lib.sh: shared helpers for scripts/demo.sh, scripts/test.sh and test/stages/*.sh.
# Source it (bash only): scripts do  . scripts/lib.sh  from the repository root, test/stages/*.sh
# do  . "$SY_REPO/scripts/lib.sh"  (test.sh exports SY_REPO).
#
#   sy_install_deps         apt-get install what SY_APT_PACKAGES lists and is missing, and the
#                           SY_APT_OPTIONAL ones the archive has
#                           (SY_SKIP_DEPS=1 skips it)
#   sy_install_stage_deps PKG...  install the large Debian packages only one stage needs
#   sy_build_install        make -j2 && make install against PostgreSQL $SY_PG_MAJOR
#   sy_cleanup_on_exit      trap EXIT/INT/TERM: stop every cluster this shell started
#   sy_cluster_start [name] start a throw-away cluster under /tmp and export
#                           PGHOST PGPORT PGUSER PGDATABASE SY_CLUSTER_DIR
#   sy_cluster_use DIR      re-export the connection variables of a cluster started earlier
#   sy_cluster_stop [DIR]   stop a cluster and remove its directory (default: SY_CLUSTER_DIR)
#   sy_cluster_stop_all     stop every cluster this shell started
#   sy_createdb DB [EXT...] create a database in the current cluster with these extensions
#   sy_load_sample DB       load data/load.sql (schema synergy_sample) into DB
#
# Clusters are started by an unprivileged user (postgres when running as root) and never read
# files of the repository: only clients (psql, pg_regress, pg_prove) do.
# SY_EXTRA_CONF: extra lines for postgresql.conf, read by sy_cluster_start, e.g.
#   SY_EXTRA_CONF=$'shared_preload_libraries = \'pg_cron\'\ncron.database_name = \'postgres\''
#
# Which PostgreSQL (SY_PG_MAJOR, SY_PG_CONFIG, both exported), first that applies:
#   SY_PG_CONFIG   pg_config of the PostgreSQL to build against and run; its major is used
#   SY_PG_MAJOR    a major, e.g. 17: Debian's /usr/lib/postgresql/17/bin/pg_config
#   the highest major with a server installed (/usr/lib/postgresql/NN/bin/postgres)
#   the major the Debian release provides: the version of its `postgresql` package
#   (bookworm 15, trixie 17, forky 18), after an apt-get update if apt knows none and we are root
# Every Debian package name is derived from it (postgresql-NN, postgresql-server-dev-NN,
# postgresql-NN-postgis-3, postgresql-NN-pgtap, postgresql-NN-cron), and libclang-rt-MM-dev from
# the major of the distribution's clang.

SY_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

sy__major_of_pg_config() { "$1" --version 2>/dev/null | sed -n 's/^PostgreSQL \([0-9][0-9]*\).*/\1/p'; }
sy__major_installed() {
	local f
	for f in /usr/lib/postgresql/*/bin/postgres; do
		[ -x "$f" ] && { f=${f#/usr/lib/postgresql/}; echo "${f%%/*}"; }
	done | sort -n | tail -n 1
}
# The Debian release's PostgreSQL: its `postgresql` metapackage is versioned MAJOR+N (15+248) and
# depends on postgresql-MAJOR.
sy__major_apt() {
	local m
	m=$(apt-cache policy postgresql 2>/dev/null | sed -n 's/^ *Candidate: *\([0-9][0-9]*\)+.*/\1/p')
	[ -n "$m" ] || m=$(apt-cache depends postgresql 2>/dev/null | sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -n 1)
	echo "$m"
}
# The distribution's default clang (the fuzz target links libclang-rt-MM-dev's libFuzzer).
sy_clang_major() {
	local m=
	command -v clang >/dev/null 2>&1 \
		&& m=$(clang --version 2>/dev/null | sed -n 's/.*clang version \([0-9][0-9]*\).*/\1/p' | head -n 1)
	[ -n "$m" ] || m=$(apt-cache depends clang 2>/dev/null | sed -n 's/^ *Depends: clang-\([0-9][0-9]*\)$/\1/p' | head -n 1)
	echo "$m"
}

sy__pg_choose() {
	local m
	if [ -n "${SY_PG_CONFIG:-}" ]; then
		m=$(sy__major_of_pg_config "$SY_PG_CONFIG")
		if [ -z "$m" ]; then
			sy_warn "SY_PG_CONFIG=$SY_PG_CONFIG: not a working pg_config"
		elif [ -n "${SY_PG_MAJOR:-}" ] && [ "$SY_PG_MAJOR" != "$m" ]; then
			sy_warn "SY_PG_MAJOR=$SY_PG_MAJOR but SY_PG_CONFIG=$SY_PG_CONFIG is PostgreSQL $m: using $m"
		fi
		SY_PG_MAJOR=${m:-${SY_PG_MAJOR:-}}
		return 0
	fi
	[ -n "${SY_PG_MAJOR:-}" ] || SY_PG_MAJOR=$(sy__major_installed)
	[ -n "$SY_PG_MAJOR" ] || SY_PG_MAJOR=$(sy__major_apt)
	if [ -z "$SY_PG_MAJOR" ] && sy_is_root && [ "${SY_SKIP_DEPS:-0}" != 1 ]; then
		sy_say "no PostgreSQL installed and apt knows no postgresql package: apt-get update"
		apt-get update -q >/dev/null || sy_warn "apt-get update failed"
		SY_PG_MAJOR=$(sy__major_apt)
	fi
	case $SY_PG_MAJOR in
		'') ;;
		*[!0-9]*) sy_warn "SY_PG_MAJOR=$SY_PG_MAJOR is not a major version number (e.g. 17)"; SY_PG_MAJOR= ;;
	esac
	[ -n "$SY_PG_MAJOR" ] && SY_PG_CONFIG=/usr/lib/postgresql/$SY_PG_MAJOR/bin/pg_config
	return 0
}

# Stop unless a PostgreSQL major could be chosen (called by sy_install_deps and sy_build_install).
sy_pg_require() {
	[ -n "${SY_PG_MAJOR:-}" ] && return 0
	sy_warn "cannot tell which PostgreSQL to use: none is installed (/usr/lib/postgresql/NN/bin/postgres)"
	sy_warn "and apt offers no 'postgresql' package. Set SY_PG_MAJOR=NN or SY_PG_CONFIG=/path/to/pg_config."
	return 1
}

# sy_check DESCRIPTION EXPECTED ACTUAL: a TAP line for the test stages; a mismatch prints both
# values and sets the caller's fail=1.
sy_check() {
	if [ "$2" = "$3" ]; then
		echo "ok - $1"
	else
		echo "not ok - $1"; echo "#   expected: $2"; echo "#   got:      $3"; fail=1
	fi
}
# sy_wait_for DB SECONDS SQL: until SQL returns t in DB (errors count as not yet); 1 after SECONDS.
sy_wait_for() {
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		[ "$(psql -X -At -d "$1" -c "$3" 2>/dev/null)" = t ] && return 0
		sleep 0.1
	done
	return 1
}

# sy_check_pipeline_views DB SUFFIX: each materialized view of examples/pipeline_materialized.sql
# holds what its plain view computes (a TAP line each, through sy_check).
sy_check_pipeline_views() {
	local v
	for v in city_ccd indicator_ccd city_ccd_forecast city_ccd_gap synergy_index; do
		sy_check "mv_$v equals the view $v$2" 0 "$(psql -X -At -d "$1" -c "SELECT count(*) FROM (
			(SELECT * FROM synergy_pipeline.mv_$v EXCEPT ALL SELECT * FROM synergy_pipeline.$v)
			UNION ALL (SELECT * FROM synergy_pipeline.$v EXCEPT ALL SELECT * FROM synergy_pipeline.mv_$v)) d")"
	done
}

# sy_block_panel DB SECONDS: a session (application_name sy_blocker) holding ACCESS EXCLUSIVE on
# synergy_sample.panel for SECONDS, in the background, so a refresh stops in the middle; sets
# blocker to its PID once the lock is granted, 1 if it was not within 60 s.
sy_block_panel() {
	PGAPPNAME=sy_blocker psql -X -q -d "$1" -c 'BEGIN' \
		-c 'LOCK TABLE synergy_sample.panel IN ACCESS EXCLUSIVE MODE' -c "SELECT pg_sleep($2)" \
		>/dev/null 2>&1 &
	blocker=$!
	sy_wait_for "$1" 60 "SELECT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_stat_activity a USING (pid)
	          WHERE a.application_name = 'sy_blocker' AND l.granted AND l.mode = 'AccessExclusiveLock'
	            AND l.relation = 'synergy_sample.panel'::regclass)"
}

sy_say()    { printf '%s\n' "$*"; }
sy_warn()   { printf 'synergy: %s\n' "$*" >&2; }
sy_banner() { printf '\n==== %s ====\n' "$*"; }
sy_is_root() { [ "$(id -u)" -eq 0 ]; }

sy__pg_choose
SY_PG_CONFIG=${SY_PG_CONFIG:-}
SY_PG_BINDIR=
[ -n "$SY_PG_CONFIG" ] && SY_PG_BINDIR=$(dirname "$SY_PG_CONFIG")
# The server binaries (initdb, pg_ctl) are not on the default PATH on Debian; the clients used by
# pg_prove and the tests must be of the same major too, not whatever /usr/bin/psql would pick.
case ":$PATH:" in *":$SY_PG_BINDIR:"*) ;; *) [ -n "$SY_PG_BINDIR" ] && PATH="$SY_PG_BINDIR:$PATH" ;; esac
export PATH SY_REPO SY_PG_CONFIG SY_PG_BINDIR SY_PG_MAJOR

# Debian packages needed to build, test and demo. Add to this array, e.g.
#   SY_APT_PACKAGES+=(postgresql-$SY_PG_MAJOR-cron)
SY_CLANG_MAJOR=$(sy_clang_major)
SY_APT_PACKAGES=(
	build-essential
	perl
	"postgresql-$SY_PG_MAJOR"
	"postgresql-server-dev-$SY_PG_MAJOR"
	"postgresql-$SY_PG_MAJOR-postgis-3"
	"postgresql-$SY_PG_MAJOR-pgtap"
	libtap-parser-sourcehandler-pgtap-perl
	liblapacke-dev
	liblapack-dev
	libblas-dev
	clang
	${SY_CLANG_MAJOR:+libclang-rt-$SY_CLANG_MAJOR-dev}	# libFuzzer for make fuzz (test/stages/30_fuzz.sh)
	valgrind	# test/stages/75_memcheck.sh, scripts/memcheck.sh
)
# Scheduled refresh (docs/operations.md; test/stages/40_pg_cron.sh, 50_dump_restore.sh)
SY_APT_PACKAGES+=("postgresql-$SY_PG_MAJOR-cron")
# The Debian package built and tested in clean roots (test/stages/80_deb.sh)
SY_APT_PACKAGES+=(debootstrap zstd lintian)
# Optional: installed where the archive offers them, never an error where it does not.
# A browser to render scripts/report.sh's page and a CJK font for its labels
# (test/stages/86_report.sh skips without chromium).
SY_APT_OPTIONAL=(chromium fonts-wqy-microhei)

SY_CLUSTER_DIRS=${SY_CLUSTER_DIRS:-}    # clusters started by this shell, space separated
SY_CLEANUP_CMDS=()                      # extra commands run by sy_cleanup_on_exit's trap

# Run a server-side command as the cluster owner, from a directory it can read.
sy_as_owner() {
	if sy_is_root; then
		(cd / && runuser -u postgres -- "$@")
	else
		(cd / && "$@")
	fi
}

sy_install_deps() {
	if [ "${SY_SKIP_DEPS:-0}" = 1 ]; then
		sy_say "SY_SKIP_DEPS=1: not checking Debian packages"
		return 0
	fi
	sy_pg_require || exit 1
	sy_say "PostgreSQL $SY_PG_MAJOR ($SY_PG_CONFIG)"
	local pkg missing=() optional=()
	for pkg in "${SY_APT_PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' \
			|| missing+=("$pkg")
	done
	for pkg in "${SY_APT_OPTIONAL[@]}"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' \
			|| optional+=("$pkg")
	done
	if [ ${#missing[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ]; then
		sy_say "Debian packages: all $((${#SY_APT_PACKAGES[@]} + ${#SY_APT_OPTIONAL[@]})) present"
		return 0
	fi
	[ ${#missing[@]} -eq 0 ] || sy_say "Debian packages missing: ${missing[*]}"
	[ ${#optional[@]} -eq 0 ] || sy_say "optional Debian packages missing: ${optional[*]}"
	if ! sy_is_root; then
		sy_warn "not root, cannot install them. Run:"
		sy_warn "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]} ${optional[*]}"
		[ ${#missing[@]} -eq 0 ] && return 0
		exit 1
	fi
	apt-get update || { sy_warn "apt-get update failed"; exit 1; }
	if [ ${#missing[@]} -gt 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" \
			|| { sy_warn "apt-get install failed: ${missing[*]}"; exit 1; }
	fi
	# the optional ones this archive has (a candidate version), each on its own
	for pkg in "${optional[@]}"; do
		apt-cache policy "$pkg" 2>/dev/null | grep -q '^ *Candidate: [0-9]' \
			|| { sy_say "optional $pkg: not in this archive, not installed"; continue; }
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$pkg" \
			|| sy_warn "apt-get install failed for the optional $pkg (going on without it)"
	done
	# clang's major was unknown before clang came: add its libFuzzer runtime now
	if [ -z "$SY_CLANG_MAJOR" ] && SY_CLANG_MAJOR=$(sy_clang_major) && [ -n "$SY_CLANG_MAJOR" ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "libclang-rt-$SY_CLANG_MAJOR-dev" \
			|| { sy_warn "apt-get install failed: libclang-rt-$SY_CLANG_MAJOR-dev"; exit 1; }
	fi
}

# sy_install_stage_deps PKG...: Debian packages that a single stage needs and that are too large to
# install for every run (e.g. qgis for test/stages/88_qgis.sh): installs the missing ones, as root,
# unless SY_SKIP_DEPS=1. Status 0 when all are installed afterwards; else 1, with the reason in
# sy_deps_note (the stage skips with it).
sy_install_stage_deps() {
	local pkg missing=()
	sy_deps_note=
	for pkg in "$@"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "${SY_SKIP_DEPS:-0}" = 1 ]; then
		sy_deps_note="Debian packages ${missing[*]} not installed and SY_SKIP_DEPS=1"; return 1
	fi
	sy_is_root || { sy_deps_note="Debian packages ${missing[*]} not installed and not root (apt-get install -y --no-install-recommends ${missing[*]})"; return 1; }
	for pkg in "${missing[@]}"; do
		apt-cache policy "$pkg" 2>/dev/null | grep -q '^ *Candidate: [0-9]' && continue
		apt-get update -q >/dev/null 2>&1 || true
		apt-cache policy "$pkg" 2>/dev/null | grep -q '^ *Candidate: [0-9]' \
			|| { sy_deps_note="Debian package $pkg is not in this archive ($(. /etc/os-release 2>/dev/null; echo "${PRETTY_NAME:-?}"), $(dpkg --print-architecture))"; return 1; }
	done
	sy_say "installing Debian packages ${missing[*]} (this stage only)"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
		|| { sy_deps_note="apt-get install ${missing[*]} failed"; return 1; }
}

sy_build_install() {
	sy_pg_require || return 1
	(cd "$SY_REPO" && make -j2 PG_CONFIG="$SY_PG_CONFIG") \
		|| { sy_warn "build failed (make -j2 PG_CONFIG=$SY_PG_CONFIG)"; return 1; }
	if (cd "$SY_REPO" && make install PG_CONFIG="$SY_PG_CONFIG"); then
		return 0
	fi
	if ! sy_is_root && command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
		(cd "$SY_REPO" && sudo make install PG_CONFIG="$SY_PG_CONFIG") && return 0
	fi
	sy_warn "make install failed."
	sy_is_root || sy_warn "It writes to $("$SY_PG_CONFIG" --pkglibdir) and $("$SY_PG_CONFIG" --sharedir)/extension; run as root: sudo make install PG_CONFIG=$SY_PG_CONFIG"
	return 1
}

# Traps for callers: EXIT stops every cluster (and runs SY_CLEANUP_CMDS); INT and TERM exit,
# which runs the EXIT trap. Bash runs a trap only when the foreground command returns.
sy_cleanup_on_exit() {
	trap 'sy__on_exit' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}
sy__on_exit() {
	local rc=$? cmd
	sy_cluster_stop_all
	for cmd in "${SY_CLEANUP_CMDS[@]}"; do eval "$cmd" || true; done
	return "$rc"
}

# Is anything listening on 127.0.0.1:$1?
sy__port_busy() {
	if command -v ss >/dev/null 2>&1; then
		ss -Hltn "sport = :$1" 2>/dev/null | grep -q . && return 0
	fi
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

sy__write_env() {   # DIR PORT
	cat >"$1/env" <<EOF
export PGHOST='$1' PGPORT='$2' PGUSER=postgres PGDATABASE=postgres SY_CLUSTER_DIR='$1'
EOF
}

sy_cluster_use() {
	[ -f "$1/env" ] || { sy_warn "no cluster in $1"; return 1; }
	# shellcheck disable=SC1091
	. "$1/env"
}

sy_cluster_start() {
	local name=${1:-cluster} dir locale port lockfd
	local timeout=${SY_START_TIMEOUT:-60} tries i
	name=$(printf '%s' "$name" | tr -c 'A-Za-z0-9_-' '_' | cut -c1-20)
	dir=$(mktemp -d "/tmp/synergy-$name.XXXXXX") || { sy_warn "mktemp failed"; return 1; }
	: >"$dir/.synergy-cluster"
	SY_CLUSTER_DIRS="$SY_CLUSTER_DIRS $dir"
	if sy_is_root; then
		id postgres >/dev/null 2>&1 || { sy_warn "no postgres user (install postgresql-common)"; sy_cluster_stop "$dir"; return 1; }
		chown postgres: "$dir"
	fi
	chmod 700 "$dir"

	locale=C
	locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$' && locale=C.UTF-8
	if ! sy_as_owner "$SY_PG_BINDIR/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 \
		--locale="$locale" --no-sync >"$dir/initdb.log" 2>&1; then
		sy_warn "initdb failed:"; tail -n 30 "$dir/initdb.log" >&2
		sy_cluster_stop "$dir"; return 1
	fi
	cat >>"$dir/data/postgresql.conf" <<EOF

# synergy test cluster (scripts/lib.sh)
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
max_worker_processes = 16
max_parallel_workers = 8
shared_buffers = 256MB
logging_collector = off
log_line_prefix = '%m [%p] %q%u@%d '
log_min_messages = warning
EOF
	if [ -n "${SY_EXTRA_CONF:-}" ]; then
		printf '\n# SY_EXTRA_CONF\n%s\n' "$SY_EXTRA_CONF" >>"$dir/data/postgresql.conf"
	fi
	echo "include_if_exists = '$dir/port.conf'" >>"$dir/data/postgresql.conf"

	# Choosing a free port and binding it must not race with another test starting a cluster:
	# hold a lock from the scan until the server listens. The lock's descriptor is closed for
	# the server so it does not keep the lock.
	if [ ! -e /tmp/synergy-port.lock ]; then
		{ : >>/tmp/synergy-port.lock && chmod 666 /tmp/synergy-port.lock; } 2>/dev/null || true
	fi
	exec {lockfd}</tmp/synergy-port.lock || exec {lockfd}</dev/null
	flock -w 120 "$lockfd" || sy_warn "port lock busy for 120 s, going on without it"
	port=54320; tries=0
	while :; do
		while sy__port_busy "$port"; do port=$((port + 1)); done
		echo "port = $port" >"$dir/port.conf"
		chmod 644 "$dir/port.conf"
		if sy_as_owner "$SY_PG_BINDIR/pg_ctl" start -D "$dir/data" -l "$dir/server.log" \
			-w -t "$timeout" -s {lockfd}<&- >>"$dir/pg_ctl.log" 2>&1; then
			break
		fi
		tries=$((tries + 1))
		# Someone else took the port between the check and the bind: try the next one.
		if [ "$tries" -lt 5 ] && grep -qE 'could not (bind|create any TCP/IP)' "$dir/server.log" 2>/dev/null; then
			port=$((port + 1)); continue
		fi
		exec {lockfd}<&-
		sy_warn "the server did not start ($dir). Last lines of its log:"
		tail -n 40 "$dir/server.log" >&2 2>/dev/null || cat "$dir/pg_ctl.log" >&2
		sy_cluster_stop "$dir"; return 1
	done
	exec {lockfd}<&-

	for ((i = 0; i < timeout; i++)); do
		"$SY_PG_BINDIR/pg_isready" -q -h "$dir" -p "$port" -U postgres -d postgres -t 1 && break
		sleep 1
	done
	if [ "$i" -ge "$timeout" ]; then
		sy_warn "the server is not ready after $timeout s. Last lines of its log:"
		tail -n 40 "$dir/server.log" >&2
		sy_cluster_stop "$dir"; return 1
	fi
	sy__write_env "$dir" "$port"
	sy_cluster_use "$dir"
	sy_say "cluster '$name' ready: PGHOST=$dir PGPORT=$port (log: $dir/server.log)"
}

sy_cluster_stop() {
	local dir=${1:-${SY_CLUSTER_DIR:-}} pid d rest=
	[ -n "$dir" ] || return 0
	for d in $SY_CLUSTER_DIRS; do [ "$d" = "$dir" ] || rest="$rest $d"; done
	SY_CLUSTER_DIRS=$rest
	if [ "${SY_CLUSTER_DIR:-}" = "$dir" ]; then
		unset SY_CLUSTER_DIR PGHOST PGPORT PGUSER PGDATABASE
	fi
	# Only ever remove a directory this library made.
	case "$dir" in /tmp/synergy-*) ;; *) sy_warn "refusing to remove $dir"; return 1 ;; esac
	[ -f "$dir/.synergy-cluster" ] || return 0
	if [ -f "$dir/data/postmaster.pid" ]; then
		if ! sy_as_owner "$SY_PG_BINDIR/pg_ctl" stop -D "$dir/data" -m fast -w -t 60 -s >/dev/null 2>&1; then
			pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null) || true
			if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
				sy_warn "pg_ctl stop failed, killing postmaster $pid"
				kill -QUIT "$pid" 2>/dev/null || true
				sleep 2
				kill -KILL "$pid" 2>/dev/null || true
			fi
		fi
	fi
	rm -rf "$dir"
}

sy_cluster_stop_all() {
	local d
	for d in $SY_CLUSTER_DIRS; do sy_cluster_stop "$d"; done
	return 0
}

sy_createdb() {
	local db=$1 ext
	shift
	"$SY_PG_BINDIR/createdb" "$db" || { sy_warn "createdb $db failed"; return 1; }
	for ext in "$@"; do
		psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION IF NOT EXISTS \"$ext\"" \
			|| { sy_warn "CREATE EXTENSION $ext failed in $db"; return 1; }
	done
}

# psql runs on the client side (\copy), so the server never reads the repository.
sy_load_sample() {
	[ -f "$SY_REPO/data/load.sql" ] || { sy_warn "there is no data/load.sql"; return 1; }
	PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" \
		psql -X -q -v ON_ERROR_STOP=1 -d "$1" -v datadir="$SY_REPO/data" \
		-f "$SY_REPO/data/load.sql" >/dev/null \
		|| { sy_warn "loading data/load.sql into $1 failed"; return 1; }
}
