#!/usr/bin/python3
"""Reference values for synergy's weights, TOPSIS, composite index, min-max
scores and interpolation, computed with numpy straight from the formulas of
docs/reference.md (two-pass moments, textbook formulas).

Run with Debian's python3 (it has numpy):

    /usr/bin/python3 test/reference/make_reference.py > /tmp/ref_numpy.txt

It prints one line per value:

    DATA <dataset> <row> <col> <x>                 the generated inputs
    VAL  <dataset> <quantity> <index> <value|NA>   an expected value

make_reference.R prints the same lines from an independent base-R
implementation (same generator), and make_pgtap.py compares the two and writes
test/pgtap/20_reference.sql from these numpy values.

The datasets are produced by a Park-Miller "minstd" generator
(s <- 48271 s mod 2^31-1, u = s / (2^31-1)) and only correctly rounded
operations (+, -, *, /, floor), so numpy and R build bit-identical inputs
(the DATA lines let make_pgtap.py check that).

Conventions (docs/reference.md): min-max score 0 for a zero-range indicator;
its entropy divergence is 0; sample standard deviations (n - 1); CRITIC's
conflict sums 1 - r_jk over the other indicators with nonzero range, r taken
between min-max scores (so its sign flips when exactly one of the two is a
cost); CV = sd / |mean| of the raw values.  "Undefined" results are NA (SQL
NULL).
"""
import math
import sys

import numpy as np

MOD = 2147483647
MUL = 48271
POW10 = [1e-3, 1e-2, 1e-1, 1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]


class Lcg:
    def __init__(self, seed):
        self.s = seed

    def u(self):
        self.s = (MUL * self.s) % MOD
        return self.s / MOD


# Column kinds. Every cell draws exactly two uniforms u1, u2 (in that order).
#   ("u", lo, hi)      lo + (hi - lo) * u1
#   ("log",)           (1 + floor(u1 * 9000) / 1000) * 10^(floor(u2 * 13) - 3):
#                      values spanning 1e-3 .. 1e10
#   ("off", base, sc)  base + sc * u1                (large offset, small noise)
#   ("int", lo, k)     lo + floor(u1 * k)            (ties)
#   ("const", c)       c
def cell(kind, u1, u2):
    k = kind[0]
    if k == "u":
        return kind[1] + (kind[2] - kind[1]) * u1
    if k == "log":
        return (1.0 + math.floor(u1 * 9000.0) / 1000.0) * POW10[int(math.floor(u2 * 13.0))]
    if k == "off":
        return kind[1] + kind[2] * u1
    if k == "int":
        return kind[1] + math.floor(u1 * kind[2])
    if k == "const":
        return kind[1]
    raise ValueError(kind)


CYCLE = [("u", 0.0, 1.0), ("log",), ("int", 0.0, 5.0), ("u", -50.0, 150.0),
         ("off", 1e6, 3.0), ("u", 1e-3, 2e-3)]


def lcg_dataset(name, seed, n, kinds, pcost=0.4):
    """Rows, then weights w_j = 0.05 + u, then directions (-1 when u < pcost)."""
    g = Lcg(seed)
    X = np.empty((n, len(kinds)))
    for i in range(n):
        for j, kind in enumerate(kinds):
            u1 = g.u()
            u2 = g.u()
            X[i, j] = cell(kind, u1, u2)
    w = np.array([0.05 + g.u() for _ in kinds])
    dirs = np.array([-1 if g.u() < pcost else 1 for _ in kinds])
    return dict(name=name, X=X, w=w, dirs=dirs)


def datasets():
    ds = []
    # docs/reference.md's four cities
    ds.append(dict(name="doc",
                   X=np.array([[9.2, 0.52, 41.0], [6.1, 0.81, 38.5],
                               [12.4, 0.47, 44.2], [3.3, 1.10, 36.0]]),
                   w=np.array([0.5, 0.3, 0.2]), dirs=np.array([1, -1, 1])))
    # test/reference/vectors.md entropy example
    ds.append(dict(name="vec4",
                   X=np.array([[1.0, 10.0, 5.0], [2.0, 15.0, 3.0],
                               [3.0, 20.0, 4.0], [4.0, 40.0, 1.0]]),
                   w=np.array([0.2, 0.5, 0.3]), dirs=np.array([1, 1, -1])))
    # vectors.md min-max TOPSIS example
    ds.append(dict(name="vec3",
                   X=np.array([[1.0, 3000.0], [2.0, 3750.0], [5.0, 4500.0]]),
                   w=np.array([0.5, 0.5]), dirs=np.array([-1, 1])))
    # Tzeng & Huang vector TOPSIS example
    ds.append(dict(name="tzeng",
                   X=np.array([[5.0, 8.0, 4.0], [7.0, 6.0, 8.0],
                               [8.0, 8.0, 6.0], [7.0, 4.0, 6.0]]),
                   w=np.array([0.3, 0.4, 0.3]), dirs=np.array([1, 1, 1])))
    ds.append(lcg_dataset("n2m1", 1234567, 2, [("u", 0.0, 10.0)]))
    ds.append(lcg_dataset("n2m5", 7654321, 2, [("u", 0.0, 1.0), ("log",), ("u", 5.0, 6.0),
                                           ("u", -3.0, 9.0), ("off", 1e8, 1.0)]))
    ds.append(lcg_dataset("n3m30", 31415926, 3, [CYCLE[j % 6] for j in range(30)]))
    ds.append(lcg_dataset("log7", 27182818, 7, [("log",)] * 4))
    ds.append(lcg_dataset("ties12", 16180339, 12, [("int", 0.0, 4.0)] * 6 +
                          [("int", 1.0, 2.0), ("int", 10.0, 3.0)]))
    ds.append(lcg_dataset("const30", 14142135, 30,
                          [("u", 0.0, 100.0), ("log",), ("int", 1.0, 7.0), ("const", 3.5),
                           ("u", 2.0, 3.0), ("log",), ("u", 1e3, 5e3), ("int", 0.0, 20.0),
                           ("u", 0.25, 0.75), ("log",)]))
    ds.append(lcg_dataset("offset50", 17320508, 50,
                          [("off", 1e8, 1.0), ("off", 1e8, 1e-3), ("off", 1e9, 10.0),
                           ("u", 0.0, 1.0), ("log",), ("off", -1e8, 1.0)]))
    ds.append(lcg_dataset("offset12", 19999999, 12,
                          [("off", 1e8, 1.0), ("off", 2e9, 50.0), ("off", -1e8, 1.0),
                           ("off", 5e7, 0.01)]))
    ds.append(lcg_dataset("big200", 22360679, 200, [CYCLE[(j * 5) % 6] if j % 7 else ("log",)
                                               for j in range(30)]))
    ds.append(lcg_dataset("m1n100", 26457513, 100, [("log",)]))
    ds.append(lcg_dataset("neg60", 30000001, 60, [("u", -80.0, 20.0), ("u", -3.0, 1.0), ("u", 5.0, 6.0),
                                              ("log",), ("int", -3.0, 7.0)]))
    ds.append(lcg_dataset("allconst", 99991, 5, [("const", 2.0), ("const", -1.5), ("const", 1e8)]))
    return ds


NA = None

# Interpolation series: (name, t, x); None = NULL
SERIES = [
    ("doc", [2010.0, 2011.0, 2012.0, 2013.0, 2014.0, 2015.0],
            [None, 4.0, None, None, 10.0, None]),
    ("uneven", [0.5, 1.25, 3.0, 4.0, 7.75, 8.0, 11.5, 12.0],
               [None, None, 2.5, None, 10.25, None, 3.125, None]),
    ("unsorted", [10.0, -2.5, 7.5, 3.3, 5.0, 0.1],
                 [None, 1e6, None, 2.5e6, None, None]),
    ("single", [1.0, 2.0, 3.0, 5.0], [None, 4.2, None, None]),
    ("allnull", [1.0, 2.0, 3.0], [None, None, None]),
    ("full", [1.0, 4.0, 9.0], [0.1, 0.2, 0.3]),
    ("nullt", [1.0, None, 3.0, 4.0, None, 6.5], [1.5, 7.0, None, None, None, 2.25]),
    ("small", [0.001, 0.0015, 0.01, 0.2, 0.35, 1.0], [0.003, None, 0.0041, None, None, 0.05]),
    ("twoend", [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], [None, None, 5.0, 6.5, None, None, None]),
    ("decr", [0.0, 0.3, 0.7, 1.9, 2.0, 3.1, 4.4], [None, 100.0, None, 37.5, None, None, 12.0]),
]


# ---------------------------------------------------------------- methods

def ranges(X):
    return X.min(axis=0), X.max(axis=0)


def minmax(X, dirs):
    """Min-max scores by direction; 0 for a zero-range indicator."""
    lo, hi = ranges(X)
    n, m = X.shape
    Z = np.zeros((n, m))
    for j in range(m):
        r = hi[j] - lo[j]
        if r == 0:
            continue
        if dirs[j] == 1:
            Z[:, j] = (X[:, j] - lo[j]) / r
        else:
            Z[:, j] = (hi[j] - X[:, j]) / r
    return Z


def varying(X):
    lo, hi = ranges(X)
    return hi - lo > 0


def entropy(X, dirs, shift):
    """Returns (entropy e, divergence d, weights w); None for undefined."""
    n, m = X.shape
    var = varying(X)
    if n < 2:
        return None
    Z = minmax(X, dirs) + shift
    e = [NA] * m
    d = np.zeros(m)
    for j in range(m):
        if not var[j]:
            continue            # divergence 0 by convention
        p = Z[:, j] / np.sum(Z[:, j])
        plnp = np.array([pi * math.log(pi) if pi > 0 else 0.0 for pi in p])
        e[j] = -np.sum(plnp) / math.log(n)
        # d = 1 - e, written as sum p ln(n p) / ln n (the same number since
        # sum p = 1): subtracting e from 1 would lose up to ~1e-13 when e is
        # close to 1, this form stays within ~2e-14 of the exact value.
        plnnp = np.array([pi * math.log(n * pi) if pi > 0 else 0.0 for pi in p])
        d[j] = np.sum(plnnp) / math.log(n)
    s = np.sum(d)
    if s == 0:
        return None
    return e, list(d), list(d / s)


def sample_sd(v):
    mu = np.sum(v) / len(v)
    dev = v - mu
    return math.sqrt(np.sum(dev * dev) / (len(v) - 1))


def critic(X, dirs):
    """Returns (sd, conflict, information, weights)."""
    n, m = X.shape
    if n < 2:
        return None
    var = varying(X)
    Z = minmax(X, dirs)
    sd = np.array([sample_sd(Z[:, j]) for j in range(m)])
    dev = Z - np.sum(Z, axis=0) / n
    ss = np.sum(dev * dev, axis=0)
    conflict = [NA] * m
    info = np.zeros(m)
    for j in range(m):
        if not var[j]:
            continue
        c = 0.0
        for k in range(m):
            if k == j or not var[k]:
                continue
            r = np.sum(dev[:, j] * dev[:, k]) / math.sqrt(ss[j] * ss[k])
            c += 1.0 - r
        conflict[j] = c
        info[j] = sd[j] * c
    s = np.sum(info)
    if s == 0:
        return None
    return list(sd), conflict, list(info), list(info / s)


def stddev_w(X):
    n, m = X.shape
    if n < 2:
        return None
    Z = minmax(X, np.ones(m, dtype=int))
    sd = np.array([sample_sd(Z[:, j]) for j in range(m)])
    s = np.sum(sd)
    if s == 0:
        return None
    return list(sd / s)


def cv_defined(X):
    n, m = X.shape
    var = varying(X)
    for j in range(m):
        if var[j] and np.sum(X[:, j]) / n == 0:
            return False
    return True


def cv_w(X):
    n, m = X.shape
    if n < 2:
        return None
    var = varying(X)
    cv = np.zeros(m)
    for j in range(m):
        if not var[j]:
            continue
        mu = np.sum(X[:, j]) / n
        # the standard deviation of x - min(x) (the same number): with raw
        # values like 1e8 + noise, the rounding of the mean to float64 would
        # cost ~1e-11 in the deviations.
        cv[j] = sample_sd(X[:, j] - X[:, j].min()) / abs(mu)
    s = np.sum(cv)
    if s == 0:
        return None
    return list(cv / s)


def topsis(X, w, dirs, normalization):
    """Closeness per row; w None means entropy weights (shift 0)."""
    n, m = X.shape
    if w is None:
        ew = entropy(X, dirs, 0.0)
        if ew is None:
            return [NA] * n
        w = np.array(ew[2])
    w = np.asarray(w, dtype=float)
    w = w / np.sum(w)
    if normalization == "minmax":
        V = minmax(X, dirs) * w
        ideal = V.max(axis=0)
        anti = V.min(axis=0)
        dp = np.sqrt(np.sum((V - ideal) ** 2, axis=1))
        dm = np.sqrt(np.sum((V - anti) ** 2, axis=1))
    else:
        # r = x / sqrt(sum x^2), v = w r; the ideal is the column maximum of v
        # for a benefit and the minimum for a cost.  v - v* is taken as
        # w (x - x*) / norm: the same number, without the cancellation of
        # subtracting two rounded quotients when x carries a large offset.
        norm = np.sqrt(np.sum(X * X, axis=0))
        best = np.where(dirs == 1, X.max(axis=0), X.min(axis=0))
        worst = np.where(dirs == 1, X.min(axis=0), X.max(axis=0))
        dp = np.sqrt(np.sum((w * ((X - best) / norm)) ** 2, axis=1))
        dm = np.sqrt(np.sum((w * ((X - worst) / norm)) ** 2, axis=1))
    out = []
    for i in range(n):
        t = dp[i] + dm[i]
        out.append(NA if t == 0 else dm[i] / t)
    return out


def composite(X, w, dirs):
    n, m = X.shape
    if w is None:
        ew = entropy(X, dirs, 0.0)
        if ew is None:
            return [NA] * n
        w = np.array(ew[2])
    w = np.asarray(w, dtype=float)
    w = w / np.sum(w)
    Z = minmax(X, dirs)
    return list(np.sum(Z * w, axis=1))


def interpolate(t, x, edges):
    """Linear gap filling in t; rows with NULL t keep x."""
    obs = sorted((ti, xi) for ti, xi in zip(t, x) if ti is not None and xi is not None)
    out = []
    for ti, xi in zip(t, x):
        if ti is None or xi is not None:
            out.append(xi)
            continue
        if not obs:
            out.append(NA)
            continue
        before = [o for o in obs if o[0] < ti]
        after = [o for o in obs if o[0] > ti]
        if before and after:
            (ta, xa), (tb, xb) = before[-1], after[0]
            out.append(xa + (xb - xa) * (ti - ta) / (tb - ta))
        elif edges == "none":
            out.append(NA)
        elif edges == "nearest" or len(obs) == 1:
            out.append(obs[0][1] if not before else obs[-1][1])
        else:  # linear through the two outermost observations at that end
            (ta, xa), (tb, xb) = (obs[0], obs[1]) if not before else (obs[-2], obs[-1])
            out.append(xa + (xb - xa) * (ti - ta) / (tb - ta))
    return out


SHIFTS = [("s0", 0.0), ("s1e-4", 1e-4), ("s1e-2", 0.01)]


def compute():
    """Returns (datasets, results) with results a list of (ds, quantity, values)."""
    dss = datasets()
    res = []
    for d in dss:
        X, w, dirs, name = d["X"], d["w"], d["dirs"], d["name"]
        for tag, s in SHIFTS:
            r = entropy(X, dirs, s)
            res.append((name, "entropy_w_" + tag, None if r is None else r[2]))
            res.append((name, "entropy_e_" + tag, None if r is None else r[0]))
            res.append((name, "entropy_d_" + tag, None if r is None else r[1]))
        r = critic(X, dirs)
        res.append((name, "critic_w", None if r is None else r[3]))
        res.append((name, "critic_sd", None if r is None else r[0]))
        res.append((name, "critic_conflict", None if r is None else r[1]))
        res.append((name, "critic_info", None if r is None else r[2]))
        res.append((name, "stddev_w", stddev_w(X)))
        if cv_defined(X):
            res.append((name, "cv_w", cv_w(X)))
        res.append((name, "topsis_minmax_given", topsis(X, w, dirs, "minmax")))
        res.append((name, "topsis_minmax_entropy", topsis(X, None, dirs, "minmax")))
        res.append((name, "topsis_vector_given", topsis(X, w, dirs, "vector")))
        res.append((name, "topsis_vector_entropy", topsis(X, None, dirs, "vector")))
        res.append((name, "composite_given", composite(X, w, dirs)))
        res.append((name, "composite_entropy", composite(X, None, dirs)))
        Z = minmax(X, dirs)
        for i in range(X.shape[0]):
            res.append((name, "minmax_row%d" % (i + 1), list(Z[i])))
    for name, t, x in SERIES:
        for edges in ("none", "nearest", "linear"):
            res.append(("series_" + name, "interpolate_" + edges, interpolate(t, x, edges)))
    return dss, res


def fmt(v):
    if v is None:
        return "NA"
    return repr(float(v))


def main():
    dss, res = compute()
    out = sys.stdout
    for d in dss:
        X = d["X"]
        for i in range(X.shape[0]):
            for j in range(X.shape[1]):
                out.write("DATA %s %d %d %s\n" % (d["name"], i + 1, j + 1, fmt(X[i, j])))
        for j in range(X.shape[1]):
            out.write("DATA %s w %d %s\n" % (d["name"], j + 1, fmt(d["w"][j])))
            out.write("DATA %s dir %d %d\n" % (d["name"], j + 1, d["dirs"][j]))
    for name, q, vals in res:
        if vals is None:
            out.write("VAL %s %s 0 NA\n" % (name, q))
            continue
        for k, v in enumerate(vals):
            out.write("VAL %s %s %d %s\n" % (name, q, k + 1, fmt(v)))


if __name__ == "__main__":
    main()
