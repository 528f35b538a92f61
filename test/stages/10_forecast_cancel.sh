#!/usr/bin/env bash
# Cancellation of long forecast training: statement_timeout and
# pg_cancel_backend() must stop bp_forecast()/bp_fit() promptly (the core
# calls CHECK_FOR_INTERRUPTS about every millisecond of work).  Run by
# scripts/test.sh with the test cluster's PG* variables exported.
# The bound asserted (1 s after the cancel) is generous on purpose: it catches
# a training loop that ignores interrupts, not a slow machine.
set -euo pipefail
. "$SY_REPO/scripts/lib.sh"

db=synergy_cancel
sy_createdb "$db" synergy >/dev/null
huge="SELECT count(*) FROM bp_forecast(ARRAY(SELECT sin(t) FROM generate_series(1, 20000) t), 3, hidden => 200, lags => 50, epochs => 1000000)"
fail=0
now() { date +%s%N; }

# 1. statement_timeout = 200ms
t0=$(now)
out=$(psql -X -d "$db" -v VERBOSITY=verbose -c "SET statement_timeout = '200ms'" -c "$huge" 2>&1 || true)
t1=$(now)
ms=$(( (t1 - t0) / 1000000 ))
if grep -q '57014' <<<"$out"; then
	echo "statement_timeout: SQLSTATE 57014 after ${ms} ms (timeout 200 ms)"
	[ "$ms" -lt 1200 ] || { echo "FAIL: took ${ms} ms"; fail=1; }
else
	echo "FAIL: statement_timeout did not cancel: $out"; fail=1
fi

# 2. pg_cancel_backend() from another session, for bp_forecast and bp_fit
for fn in bp_forecast bp_fit; do
	if [ "$fn" = bp_fit ]; then
		q="SELECT bp_fit(ARRAY(SELECT sin(t) FROM generate_series(1, 20000) t), hidden => 200, lags => 50, epochs => 1000000) IS NULL"
	else
		q=$huge
	fi
	PGAPPNAME=sy_cancel_$fn psql -X -d "$db" -v VERBOSITY=verbose -c "$q" >"$SY_CLUSTER_DIR/cancel_$fn.out" 2>&1 &
	bg=$!
	for _ in $(seq 1 50); do
		n=$(psql -X -At -d "$db" -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'sy_cancel_$fn' AND state = 'active'")
		[ "$n" = 1 ] && break
		sleep 0.1
	done
	sleep 0.3
	t0=$(now)
	psql -X -At -d "$db" -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'sy_cancel_$fn'" >/dev/null
	wait "$bg" || true
	t1=$(now)
	ms=$(( (t1 - t0) / 1000000 ))
	if grep -q '57014' "$SY_CLUSTER_DIR/cancel_$fn.out"; then
		echo "pg_cancel_backend: $fn stopped ${ms} ms after the cancel"
		[ "$ms" -lt 1000 ] || { echo "FAIL: took ${ms} ms"; fail=1; }
	else
		echo "FAIL: $fn was not cancelled: $(cat "$SY_CLUSTER_DIR/cancel_$fn.out")"; fail=1
	fi
done
exit $fail
