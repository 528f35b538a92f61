#!/usr/bin/python3
"""Writes test/pgtap/40_trend.sql's and 50_moran.sql's reference blocks from
test/reference/spatial_expected.csv (written by make_spatial.R from R's
spdep and lm), so that the tests need neither R nor Python at run time:

    Rscript test/reference/make_spatial.R
    /usr/bin/python3 test/reference/make_spatial_pgtap.py

The trend fits are also recomputed here with numpy (least squares on the
raw coordinates, an independent method), and the script refuses to write
when numpy and R disagree by more than 1e-9 relative.
"""
import csv
import os
import re

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
rows = list(csv.DictReader(open(os.path.join(HERE, "spatial_expected.csv"))))


def val(case, row, q):
    for r in rows:
        if r["case"] == case and r["row"] == str(row) and r["quantity"] == q:
            return float(r["value"])
    raise KeyError((case, row, q))


def lit(v):
    return repr(float(v))


# ---- numpy cross-check of the trend fits on the middle-Yangtze cities ----
myr = []
for line in open(os.path.join(ROOT, "test", "data", "myr_cities.sql")):
    m = re.match(r"\((\d+), '.*', ([-0-9.e]+), 'SRID=4326;POINT\(([-0-9.e]+) ([-0-9.e]+)\)'\)", line)
    if m:
        myr.append(tuple(float(g) for g in m.groups()))
myr = np.array(myr)
lon, lat, v = myr[:, 2], myr[:, 3], myr[:, 1]
worst = 0.0
for d, x in (("ew", lon), ("ns", lat)):
    for order in (1, 2, 3):
        A = np.vander(x, order + 1, increasing=True)
        b = np.linalg.lstsq(A, v, rcond=None)[0]
        for k in range(order + 1):
            r = val("myr_trend_%s_%d" % (d, order), k, "coef")
            worst = max(worst, abs(b[k] - r) / abs(r))
assert worst < 1e-9, worst

# ---- 40_trend.sql reference block ----
trend = ["-- BEGIN reference (make_spatial_pgtap.py; R lm, numpy agrees to %.1e)" % worst,
         "CREATE TEMP TABLE ref_trend (dir text, ord int, k int, coef float8, r2 float8);",
         "INSERT INTO ref_trend VALUES"]
vals = []
for d in ("ew", "ns"):
    for order in (1, 2, 3):
        c = "myr_trend_%s_%d" % (d, order)
        for k in range(order + 1):
            vals.append("('%s', %d, %d, %s, %s)" % (d, order, k, lit(val(c, k, "coef")), lit(val(c, 0, "r2"))))
trend.append(",\n".join(vals) + ";")
trend.append("CREATE TEMP TABLE ref_surface (k int, coef float8, r2 float8);")
trend.append("INSERT INTO ref_surface VALUES")
trend.append(",\n".join("(%d, %s, %s)" % (k, lit(val("myr_surface_2", k, "coef")), lit(val("myr_surface_2", 0, "r2")))
                        for k in range(6)) + ";")
trend.append("-- END reference")

# ---- 50_moran.sql reference block ----
glob_cases = ["columbus_queen_w", "columbus_queen_b", "columbus_rook_w", "columbus_knn4_w",
              "columbus_band5_w", "myr_knn4_w", "myr_band08_b"]
gq = ["i", "expected", "variance_randomisation", "z_randomisation", "variance_normal", "z_normal"]
moran = ["-- BEGIN reference (make_spatial_pgtap.py from R spdep %s)" % "1.2",
         "CREATE TEMP TABLE ref_global (name text, quantity text, want float8);",
         "INSERT INTO ref_global VALUES"]
moran.append(",\n".join("('%s', '%s', %s)" % (c, q, lit(val(c, 0, q))) for c in glob_cases for q in gq) + ";")
moran.append("CREATE TEMP TABLE ref_local (name text, id bigint, ii float8, e_ii float8, var_ii float8, z_ii float8, p_ii float8);")
moran.append("INSERT INTO ref_local VALUES")
lv = []
for c in ("columbus_queen_w", "columbus_knn4_w", "myr_knn4_w"):
    ids = sorted({int(r["row"]) for r in rows if r["case"] == c and r["quantity"] == "ii"})
    for i in ids:
        lv.append("('%s', %d, %s)" % (c, i, ", ".join(lit(val(c, i, q)) for q in ("ii", "e_ii", "var_ii", "z_ii", "p_ii"))))
moran.append(",\n".join(lv) + ";")
moran.append("CREATE TEMP TABLE ref_card (method text, id bigint, card int);")
moran.append("INSERT INTO ref_card VALUES")
cv = []
for m in ("queen", "rook"):
    for r in rows:
        if r["case"] == "columbus_" + m and r["quantity"] == "card":
            cv.append("('%s', %s, %d)" % (m, r["row"], int(float(r["value"]))))
moran.append(",\n".join(cv) + ";")
moran.append("CREATE TEMP TABLE ref_links (name text, links int, islands int);")
moran.append("INSERT INTO ref_links VALUES ('columbus_band5', %d, %d), ('myr_band08', %d, %d);" % (
    val("columbus_band5", 0, "links"), val("columbus_band5", 0, "islands"),
    val("myr_band08", 0, "links"), val("myr_band08", 0, "islands")))
moran.append("-- END reference")


def splice(path, block):
    text = open(path).read()
    a = text.index("-- BEGIN reference")
    b = text.index("-- END reference") + len("-- END reference")
    open(path, "w").write(text[:a] + "\n".join(block) + text[b:])


splice(os.path.join(ROOT, "test", "pgtap", "40_trend.sql"), trend)
splice(os.path.join(ROOT, "test", "pgtap", "50_moran.sql"), moran)
print("numpy vs R (trend coefficients): %.2e" % worst)
