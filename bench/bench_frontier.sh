#!/usr/bin/env bash
# bench/bench_frontier.sh: how far can the parts of bp_forecast's 'auto' go on the benchmark's
# real windows?  The question behind issue 13's "at least as accurate as the better of naive and
# drift on each kind": is there ANY way of combining the parts that meets it?
#
# Computes, on the 286 windows of bench/data/annual.csv (10 values to train, 6 held out), the
# forecasts of the parts of transform 'auto' (network on differences, network on levels, simple
# exponential smoothing, drift) and of naive, on the whole 10 values and at the five rolling
# origins that 'auto' validates on (the networks through synergy, with the hidden size 'auto' uses
# and two networks per origin as its validation does; SES, drift and naive in R with the same
# definitions as src/core), and then bench/frontier.R reports mean sMAPE per kind of
#   - bp_forecast with its defaults, naive and drift (the targets), and each part alone;
#   - every fixed convex combination of the five (weights on a 0.1 grid, 1001 of them): how many
#     meet the target on every kind, and the best on one kind subject to another's target;
#   - combinations weighted by the parts' errors at the rolling origins (the rule 'auto' uses,
#     and variants of it), and selection of one family by those errors;
#   - the same with a pre-test on the drift (naive unless the mean step's t statistic exceeds c);
#   - rules LEARNT FROM THE BENCHMARK ITSELF, cross-validated by leaving out one source series at a
#     time: a gate between the defaults and naive fitted on features of the window (logistic
#     regression on the kind labels, or on which of the two did better), and interval widths
#     rescaled per bin of a window feature so that the other sources' intervals cover 80 % / 95 %.
#     What these cannot reach, no rule that sees only the window reaches on this benchmark;
#   - beyond the window: unit-root tests of each kind's sources (bench/data/annual_sources.csv),
#     and bp_forecast, naive and drift fitted on 10, 20 and 30 values of history on the windows
#     whose source has 20 values before them (bench/data/annual_history.csv): does a longer
#     history close the gap?  Both files come from bench/annual_extra.R.
# Writes the report to stdout and bench/last-run-frontier.md.  Needs R (Debian's r-base-core;
# base R only).  Not a test: nothing here fails on accuracy.
#   bench/bench_frontier.sh        SY_SKIP_BUILD=1 uses the installed synergy
set -euo pipefail
cd "$(dirname "$0")/.." || exit 1
command -v Rscript >/dev/null || { echo "bench_frontier: needs R (apt-get install r-base-core)" >&2; exit 1; }
# shellcheck source-path=SCRIPTDIR/..
. bench/lib.sh
bench_setup bench_frontier
out=$(mktemp -d)
chmod 755 "$out"
SY_CLEANUP_CMDS+=("rm -rf '$out'")   # with the cluster, by bench_setup's exit trap
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

echo "forecasts of the parts ..." >&2
"${PSQL[@]}" <<SQL
CREATE TABLE annual_long (win int, source text, kind text, t int, value float8);
\copy annual_long FROM 'bench/data/annual.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE w AS
SELECT win, min(kind) AS kind, array_agg(value ORDER BY t) FILTER (WHERE t <= 10) AS tr
FROM annual_long GROUP BY win;
-- 'auto' trains its validation networks with the hidden size it chose for the whole history
CREATE TABLE hid AS SELECT win, (bp_fit(tr) ->> 'hidden')::int AS hidden FROM w;
CREATE TABLE parts AS
SELECT w.win, o AS origin, tf AS part, f.step, f.forecast
FROM w JOIN hid USING (win), generate_series(5, 9) o, unnest('{difference,level}'::text[]) tf,
     bp_forecast(w.tr[1:o], 10 - o, hidden => hid.hidden, ensemble => 2, transform => tf) f
UNION ALL
SELECT w.win, 10, tf, f.step, f.forecast
FROM w, unnest('{difference,level}'::text[]) tf, bp_forecast(w.tr, 6, transform => tf) f
UNION ALL
SELECT w.win, 10, 'bp', f.step, f.forecast FROM w, bp_forecast(w.tr, 6) f;
\copy parts TO '$out/parts.csv' WITH (FORMAT csv, HEADER true)
-- the defaults' intervals, for the calibration rules learnt from the benchmark itself
CREATE TABLE bounds AS SELECT w.win, f.* FROM w, bp_forecast(w.tr, 6) f;
\copy bounds TO '$out/bounds.csv' WITH (FORMAT csv, HEADER true)
-- longer histories: the windows with at least 20 earlier values, fitted on their last 10, 20
-- and 30 values before the held-out ones (bench/data/annual_history.csv, t <= 0)
CREATE TABLE hist_long (win int, t int, value float8);
\copy hist_long FROM 'bench/data/annual_history.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO hist_long SELECT win, t, value FROM annual_long WHERE t <= 10;
CREATE TABLE hw AS
SELECT h.win, len, array_agg(h.value ORDER BY h.t) AS tr
FROM hist_long h, unnest('{10,20,30}'::int[]) AS u(len)
WHERE h.t > 10 - len AND h.win IN (SELECT win FROM hist_long GROUP BY win HAVING count(*) >= 30)
GROUP BY h.win, len;
CREATE TABLE longer AS
SELECT hw.win, hw.len, 'bp' AS method, f.step, f.forecast, f.lower_80, f.upper_80, f.lower_95, f.upper_95 FROM hw, bp_forecast(hw.tr, 6) f
UNION ALL SELECT hw.win, hw.len, 'naive', f.step, f.forecast, f.lower_80, f.upper_80, f.lower_95, f.upper_95 FROM hw, naive_forecast(hw.tr, 6) f
UNION ALL SELECT hw.win, hw.len, 'drift', f.step, f.forecast, f.lower_80, f.upper_80, f.lower_95, f.upper_95 FROM hw, drift_forecast(hw.tr, 6) f;
\copy longer TO '$out/longer.csv' WITH (FORMAT csv, HEADER true)
SQL

Rscript bench/frontier.R bench/data/annual.csv "$out/parts.csv" "$(machine_line)" "$out/bounds.csv" \
	bench/data/annual_sources.csv "$out/longer.csv" |
	tee bench/last-run-frontier.md
