# bench/lib.sh: shared set-up and timing for the bench/*.sh scripts (source it).
#   bench_setup NAME   deps (unless SY_SKIP_DEPS=1), build and install (unless
#                      SY_SKIP_BUILD=1), a throw-away cluster tuned for timing,
#                      database synergy_bench with the extension
#   time_ms SET SQL    milliseconds of one run of SQL after the SET statements
#   median_ms SET SQL  median of REPS runs
#   ratio A B          A / B, two decimals
#   machine_line       CPU, cores, RAM, OS and server version, for reports
# shellcheck source-path=SCRIPTDIR/..
. scripts/lib.sh

REPS=${REPS:-5}
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -P pager=off)

bench_setup() {
	sy_install_deps >/dev/null
	if [ "${SY_SKIP_BUILD:-0}" != 1 ]; then
		sy_build_install >/dev/null
	fi
	sy_cleanup_on_exit
	SY_EXTRA_CONF=$'shared_buffers = 2GB\nwork_mem = 256MB\nmax_parallel_workers_per_gather = 2\njit = off' \
		sy_cluster_start "$1" >/dev/null
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
