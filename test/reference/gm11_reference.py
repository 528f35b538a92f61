#!/usr/bin/python3
"""Expected GM(1,1) values for test/pgtap/35_forecast.sql, from an independent
numpy implementation that solves the grey equation's least squares with
numpy.linalg.lstsq on the textbook matrix B = [-z, 1] and restores
x^(k+1) = x1^(k+1) - x1^(k) from x1^(k+1) = (x(1) - b/a) e^(-a k) + b/a.

Run: /usr/bin/python3 test/reference/gm11_reference.py  (prints SQL rows)."""
import numpy as np

SERIES = {
    'vectors': [71.1, 72.4, 72.4, 72.1, 71.4, 72.0, 71.6],
    'growth': [2.87, 3.28, 3.34, 3.62, 3.91, 4.12, 4.48, 4.75, 5.11, 5.43],
    'decline': [120.0, 112.5, 104.1, 99.0, 91.7, 86.2, 80.9],
    'ccd': [0.412, 0.437, 0.455, 0.478, 0.502, 0.519, 0.547, 0.566, 0.583, 0.604],
    'gdp_yuan': [3.2e11, 3.5e11, 3.9e11, 4.4e11, 4.8e11, 5.3e11],
}


def gm11(x, h):
    x = np.asarray(x, dtype=float)
    n = len(x)
    x1 = np.cumsum(x)
    z = 0.5 * (x1[1:] + x1[:-1])
    B = np.column_stack([-z, np.ones(n - 1)])
    (a, b), *_ = np.linalg.lstsq(B, x[1:], rcond=None)
    k = np.arange(n + h)
    x1hat = (x[0] - b / a) * np.exp(-a * k) + b / a
    xhat = np.concatenate([[x[0]], np.diff(x1hat)])
    fitted, fc = xhat[:n], xhat[n:]
    e = x - fitted
    s1 = x.std()          # divisor n
    s2 = e.std()
    c = s2 / s1
    p = np.mean(np.abs(e - e.mean()) < 0.6745 * s1)
    return a, b, fitted, fc, c, p


for name, x in SERIES.items():
    a, b, fitted, fc, c, p = gm11(x, 3)
    arr = lambda v: "'{" + ",".join(repr(float(t)) for t in v) + "}'"
    print(f"  ('{name}', {arr(x)}, {a!r}, {b!r}, {arr(fitted)}, {arr(fc)}, {c!r}, {p!r}),")
