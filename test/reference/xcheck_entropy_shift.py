#!/usr/bin/python3
"""How accurate entropy_weights is as the shift grows (docs/reference.md,
entropy_weights, "Accuracy"): the weights of R's state.x77 (50 x 8, the
directions of test/reference/make_xcheck_weights.R) in Python's decimal
arithmetic with 60 digits on the exact float64 inputs, against synergy's
row-keeping and bounded forms.  Needs Rscript (for the data) and psql
connected to a database with synergy (PGHOST, PGPORT, PGDATABASE):

    python3 test/reference/xcheck_entropy_shift.py

Not run by the test suite; it prints one line per shift and form.
"""
import decimal
import subprocess
from decimal import Decimal as D

decimal.getcontext().prec = 60
DIRS = [1, 1, -1, 1, -1, 1, -1, 1]
SHIFTS = [0, 0.0001, 0.01, 1, 10, 100, 1000]

text = subprocess.run(["Rscript", "-e", "write.table(format(state.x77, digits = 17), "
                       "row.names = FALSE, col.names = FALSE, quote = FALSE)"],
                      capture_output=True, text=True, check=True).stdout
X = [[float(v) for v in line.split()] for line in text.splitlines() if line.strip()]
n, m = len(X), len(X[0])


def weights(shift):
    d = []
    for j in range(m):
        c = [D(r[j]) for r in X]
        lo, hi = min(c), max(c)
        z = [((v - lo) if DIRS[j] == 1 else (hi - v)) / (hi - lo) + D(shift) for v in c]
        s = sum(z)
        e = -sum((q / s) * (q / s).ln() for q in z if q > 0) / D(n).ln()
        d.append(1 - e)
    t = sum(d)
    return [x / t for x in d]


rows = ", ".join("(ARRAY[%s]::float8[])" % ", ".join(repr(v) for v in r) for r in X)
dirs = "ARRAY[%s]" % ", ".join(str(d) for d in DIRS)
for s in SHIFTS:
    want = weights(repr(float(s)))
    sql = ("WITH t(x) AS (VALUES %s), b AS (SELECT indicator_min(x) lo, indicator_max(x) hi FROM t) "
           "SELECT entropy_weights(x, %s, %r::float8)::text, "
           "entropy_weights(x, (SELECT lo FROM b), (SELECT hi FROM b), %s, %r::float8)::text FROM t"
           % (rows, dirs, float(s), dirs, float(s)))
    out = subprocess.run(["psql", "-XAtc", sql], capture_output=True, text=True, check=True).stdout
    for form, got in zip(["row-keeping", "bounded"], out.strip().split("|")):
        g = [D(v) for v in got.strip("{}").split(",")]
        err = max(abs(a - b) / b for a, b in zip(g, want))
        print("shift %-7g %-12s worst relative error %.1e" % (s, form, err))
