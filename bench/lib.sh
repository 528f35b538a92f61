# bench/lib.sh: shared set-up and timing for the bench/*.sh scripts (source it).
#   bench_setup NAME   deps (unless SY_SKIP_DEPS=1), build and install (unless
#                      SY_SKIP_BUILD=1), a throw-away cluster tuned for timing,
#                      database synergy_bench with the extension; BENCH_CONF: more
#                      postgresql.conf lines (e.g. 'huge_pages = off')
#   time_ms SET SQL    milliseconds of one run of SQL after the SET statements
#   median_ms SET SQL  median of REPS runs
#   ratio A B          A / B, two decimals
#   machine_line       CPU, cores, RAM, OS and server version, for reports
#   bench_huge_pages_reserve PAGES  as root, raise vm.nr_hugepages until PAGES 2 MB pages are
#                      free and unreserved, for a cluster with huge_pages = on; what it added is
#                      given back on exit (also on failure or interrupt) or by
#                      bench_huge_pages_release. Status 1, with the reason in bench_huge_note,
#                      when it cannot. Call it in the script's own shell, not in $(...).
# shellcheck source-path=SCRIPTDIR/..
. scripts/lib.sh

REPS=${REPS:-5}
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -P pager=off)
BENCH_SERVER_CONF=$'shared_buffers = 2GB\nwork_mem = 256MB\nmax_parallel_workers_per_gather = 2\njit = off'

bench_setup() {
	sy_install_deps >/dev/null
	if [ "${SY_SKIP_BUILD:-0}" != 1 ]; then
		sy_build_install >/dev/null
	fi
	sy_cleanup_on_exit
	SY_EXTRA_CONF=$BENCH_SERVER_CONF${BENCH_CONF:+$'\n'$BENCH_CONF} sy_cluster_start "$1" >/dev/null
	sy_createdb synergy_bench synergy >/dev/null
	export PGDATABASE=synergy_bench
}

time_ms() {
	"${PSQL[@]}" -c "$1" -c '\timing on' -c "$2" 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n 1
}

median_ms() {
	local i t=()
	for ((i = 0; i < REPS; i++)); do
		t+=("$(time_ms "$1" "$2")")
	done
	printf '%s\n' "${t[@]}" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

machine_line() {
	local cpu
	cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)
	printf 'Machine: %s, %s cores, %s RAM, %s, PostgreSQL %s, shared_buffers 2GB, jit off.' \
		"${cpu:-unknown CPU}" "$(nproc)" \
		"$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)" \
		"$(. /etc/os-release && echo "$PRETTY_NAME")" \
		"$("${PSQL[@]}" -At -c 'SHOW server_version' | cut -d' ' -f1)"
}

bench_huge_added=0   # 2 MB pages this shell added to vm.nr_hugepages
bench__meminfo() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }
bench_huge_pages_reserve() {
	local want=$1 total avail add got
	bench_huge_note=
	if [ "$(bench__meminfo Hugepagesize)" != 2048 ]; then
		bench_huge_note="the kernel's huge page size is $(bench__meminfo Hugepagesize) kB, not 2048"
		return 1
	fi
	total=$(cat /proc/sys/vm/nr_hugepages)
	avail=$(($(bench__meminfo HugePages_Free) - $(bench__meminfo HugePages_Rsvd)))
	add=$((want - avail))
	[ "$add" -gt 0 ] || return 0
	if ! sy_is_root || [ ! -w /proc/sys/vm/nr_hugepages ]; then
		bench_huge_note="$avail huge pages free, $want needed, and not root (sysctl -w vm.nr_hugepages=$((total + add)))"
		return 1
	fi
	[ "$bench_huge_added" -gt 0 ] || SY_CLEANUP_CMDS+=(bench_huge_pages_release)
	echo $((total + add)) >/proc/sys/vm/nr_hugepages 2>/dev/null || true
	got=$(cat /proc/sys/vm/nr_hugepages)
	[ "$got" -gt "$total" ] && bench_huge_added=$((bench_huge_added + got - total))
	if [ "$got" -lt $((total + add)) ]; then
		bench_huge_note="the kernel gave $((got - total)) of the $add huge pages asked (memory fragmented?)"
		bench_huge_pages_release
		return 1
	fi
}
# Gives back what bench_huge_pages_reserve added, whatever others did to vm.nr_hugepages since.
bench_huge_pages_release() {
	local total
	[ "$bench_huge_added" -gt 0 ] || return 0
	total=$(cat /proc/sys/vm/nr_hugepages)
	echo $((total > bench_huge_added ? total - bench_huge_added : 0)) >/proc/sys/vm/nr_hugepages \
		|| sy_warn "could not give back $bench_huge_added huge pages: sysctl -w vm.nr_hugepages=$((total - bench_huge_added))"
	bench_huge_added=0
}
