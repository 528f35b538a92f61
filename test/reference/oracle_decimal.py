#!/usr/bin/python3
"""A third, high-precision check of make_reference.py: the same methods in
Python's decimal arithmetic with 60 significant digits, on the exact values of
the float64 inputs (Decimal(float) is exact).  Its results are the true values
of the formulas to ~1e-55, so they say which of two double-precision answers
is the better one.  Prints the same VAL lines as make_reference.py (values
rounded to float64):

    /usr/bin/python3 test/reference/oracle_decimal.py > /tmp/ref_oracle.txt

Not used by the pgTAP test; make_pgtap.py runs it (if asked) to report how
far the numpy values are from the true ones.
"""
import decimal
import sys
from decimal import Decimal as D

sys.path.insert(0, __import__("os").path.dirname(__file__))
import make_reference as mr  # noqa: E402  (datasets, series, shifts only)

decimal.getcontext().prec = 60
NA = None


def col(X, j):
    return [X[i][j] for i in range(len(X))]


def scores(X, dirs):
    n, m = len(X), len(X[0])
    Z = [[D(0)] * m for _ in range(n)]
    for j in range(m):
        c = col(X, j)
        lo, hi = min(c), max(c)
        if hi == lo:
            continue
        for i in range(n):
            Z[i][j] = (c[i] - lo) / (hi - lo) if dirs[j] == 1 else (hi - c[i]) / (hi - lo)
    return Z


def varying(X):
    return [max(col(X, j)) > min(col(X, j)) for j in range(len(X[0]))]


def entropy(X, dirs, shift):
    n, m = len(X), len(X[0])
    var = varying(X)
    Z = scores(X, dirs)
    e, d = [NA] * m, [D(0)] * m
    for j in range(m):
        if not var[j]:
            continue
        z = [Z[i][j] + shift for i in range(n)]
        s = sum(z)
        h = sum((zi / s) * (zi / s).ln() for zi in z if zi > 0)
        e[j] = -h / D(n).ln()
        d[j] = 1 - e[j]
    s = sum(d)
    if s == 0:
        return None
    return e, d, [dj / s for dj in d]


def mean(v):
    return sum(v) / len(v)


def sd(v):
    mu = mean(v)
    return (sum((x - mu) ** 2 for x in v) / (len(v) - 1)).sqrt()


def critic(X, dirs):
    m = len(X[0])
    var = varying(X)
    Z = scores(X, dirs)
    cols = [col(Z, j) for j in range(m)]
    sds = [sd(c) for c in cols]
    devs = [[x - mean(c) for x in c] for c in cols]
    ss = [sum(x * x for x in dv) for dv in devs]
    conflict, info = [NA] * m, [D(0)] * m
    for j in range(m):
        if not var[j]:
            continue
        c = D(0)
        for k in range(m):
            if k != j and var[k]:
                r = sum(a * b for a, b in zip(devs[j], devs[k])) / (ss[j] * ss[k]).sqrt()
                c += 1 - r
        conflict[j] = c
        info[j] = sds[j] * c
    s = sum(info)
    if s == 0:
        return None
    return sds, conflict, info, [x / s for x in info]


def stddev_w(X):
    m = len(X[0])
    Z = scores(X, [1] * m)
    s = [sd(col(Z, j)) for j in range(m)]
    t = sum(s)
    return None if t == 0 else [x / t for x in s]


def cv_w(X):
    m = len(X[0])
    var = varying(X)
    cv = [sd(col(X, j)) / abs(mean(col(X, j))) if var[j] else D(0) for j in range(m)]
    t = sum(cv)
    return None if t == 0 else [x / t for x in cv]


def weights(X, w, dirs):
    if w is None:
        ew = entropy(X, dirs, D(0))
        if ew is None:
            return None
        w = ew[2]
    t = sum(w)
    return [x / t for x in w]


def topsis(X, w, dirs, normalization):
    n, m = len(X), len(X[0])
    w = weights(X, w, dirs)
    if w is None:
        return [NA] * n
    if normalization == "minmax":
        Z = scores(X, dirs)
        V = [[w[j] * Z[i][j] for j in range(m)] for i in range(n)]
    else:
        norm = [sum(x * x for x in col(X, j)).sqrt() for j in range(m)]
        V = [[w[j] * X[i][j] / norm[j] for j in range(m)] for i in range(n)]
    if normalization == "minmax":
        ideal = [max(col(V, j)) for j in range(m)]
        anti = [min(col(V, j)) for j in range(m)]
    else:
        ideal = [max(col(V, j)) if dirs[j] == 1 else min(col(V, j)) for j in range(m)]
        anti = [min(col(V, j)) if dirs[j] == 1 else max(col(V, j)) for j in range(m)]
    out = []
    for i in range(n):
        dp = sum((V[i][j] - ideal[j]) ** 2 for j in range(m)).sqrt()
        dm = sum((V[i][j] - anti[j]) ** 2 for j in range(m)).sqrt()
        out.append(NA if dp + dm == 0 else dm / (dp + dm))
    return out


def composite(X, w, dirs):
    n, m = len(X), len(X[0])
    w = weights(X, w, dirs)
    if w is None:
        return [NA] * n
    Z = scores(X, dirs)
    return [sum(w[j] * Z[i][j] for j in range(m)) for i in range(n)]


def interpolate(t, x, edges):
    t = [None if v is None else D(v) for v in t]
    x = [None if v is None else D(v) for v in x]
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
        elif edges == "none":
            out.append(NA)
            continue
        elif edges == "nearest" or len(obs) == 1:
            out.append(obs[0][1] if not before else obs[-1][1])
            continue
        else:
            (ta, xa), (tb, xb) = (obs[0], obs[1]) if not before else (obs[-2], obs[-1])
        out.append(xa + (xb - xa) * (ti - ta) / (tb - ta))
    return out


def main():
    out = sys.stdout

    def emit(name, q, vals):
        if vals is None:
            out.write("VAL %s %s 0 NA\n" % (name, q))
            return
        for k, v in enumerate(vals):
            out.write("VAL %s %s %d %s\n" % (name, q, k + 1, "NA" if v is None else repr(float(v))))

    for d in mr.datasets():
        name = d["name"]
        X = [[D(float(v)) for v in row] for row in d["X"]]
        w = [D(float(v)) for v in d["w"]]
        dirs = [int(v) for v in d["dirs"]]
        for tag, s in mr.SHIFTS:
            r = entropy(X, dirs, D(s))
            emit(name, "entropy_w_" + tag, None if r is None else r[2])
            emit(name, "entropy_e_" + tag, None if r is None else r[0])
            emit(name, "entropy_d_" + tag, None if r is None else r[1])
        r = critic(X, dirs)
        emit(name, "critic_w", None if r is None else r[3])
        emit(name, "critic_sd", None if r is None else r[0])
        emit(name, "critic_conflict", None if r is None else r[1])
        emit(name, "critic_info", None if r is None else r[2])
        emit(name, "stddev_w", stddev_w(X))
        if mr.cv_defined(d["X"]):
            emit(name, "cv_w", cv_w(X))
        emit(name, "topsis_minmax_given", topsis(X, w, dirs, "minmax"))
        emit(name, "topsis_minmax_entropy", topsis(X, None, dirs, "minmax"))
        emit(name, "topsis_vector_given", topsis(X, w, dirs, "vector"))
        emit(name, "topsis_vector_entropy", topsis(X, None, dirs, "vector"))
        emit(name, "composite_given", composite(X, w, dirs))
        emit(name, "composite_entropy", composite(X, None, dirs))
        Z = scores(X, dirs)
        for i in range(len(X)):
            emit(name, "minmax_row%d" % (i + 1), Z[i])
    for name, t, x in mr.SERIES:
        for edges in ("none", "nearest", "linear"):
            emit("series_" + name, "interpolate_" + edges, interpolate(t, x, edges))


if __name__ == "__main__":
    main()
