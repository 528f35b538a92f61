#!/usr/bin/python3
"""Writes test/pgtap/20_reference.sql from the numpy reference values of
make_reference.py.

    /usr/bin/python3 test/reference/make_pgtap.py

Before writing, it runs the base-R implementation (make_reference.R, when
Rscript is installed) and the 60-digit decimal one (oracle_decimal.py),
checks that R built bit-identical inputs, and records in the SQL file's
header the largest relative difference between numpy and each of them; it
refuses to write the file when R and numpy disagree by more than 1e-13.
The SQL file needs neither Python nor R at run time.
"""
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_reference as mr  # noqa: E402

OUT = os.path.join(HERE, "..", "pgtap", "20_reference.sql")
AGREE = 1e-13
# datasets whose min-max matrix is embedded whole (others: first indicator)
MINMAX_MAX_CELLS = 200
MINMAX_ALSO = ("const30",)


def parse_lines(text):
    d = {}
    for line in text.splitlines():
        p = line.split()
        d[tuple(p[:-1])] = p[-1]
    return d


def numpy_lines():
    import io
    buf = io.StringIO()
    old = sys.stdout
    sys.stdout = buf
    try:
        mr.main()
    finally:
        sys.stdout = old
    return parse_lines(buf.getvalue())


def max_rel(a, b):
    """Largest |x - y| / max(|x|, |y|) over the VAL lines; checks the DATA
    lines are identical and the NA patterns equal."""
    assert set(a) == set(b), "different sets of values"
    worst, where = 0.0, None
    for k, x in a.items():
        y = b[k]
        if k[0] == "DATA":
            assert float(x) == float(y), ("inputs differ", k, x, y)
            continue
        assert (x == "NA") == (y == "NA"), ("NULL pattern differs", k, x, y)
        if x == "NA":
            continue
        x, y = float(x), float(y)
        if x != y:
            r = abs(x - y) / max(abs(x), abs(y))
            if r > worst:
                worst, where = r, k[1:]
    return worst, where


def lit(v):
    return "NULL" if v is None else repr(float(v))


def arr(vals):
    return "'{" + ",".join(lit(v) for v in vals) + "}'::float8[]"


def main():
    npl = numpy_lines()
    checks = []
    if shutil.which("Rscript"):
        rl = parse_lines(subprocess.run(["Rscript", os.path.join(HERE, "make_reference.R")],
                                        check=True, capture_output=True, text=True).stdout)
        r_worst, r_where = max_rel(npl, rl)
        if r_worst > AGREE:
            sys.exit("numpy and R disagree: %g at %s" % (r_worst, r_where))
        checks.append("-- base R (make_reference.R, R's sd/cor/approx, independent code) built\n"
                      "-- bit-identical inputs and agrees with every expected value here to\n"
                      "-- %.1e relative at worst (%s)." % (r_worst, " ".join(r_where)))
    else:
        checks.append("-- (Rscript not installed: the R cross-check was not run this time.)")
    import oracle_decimal
    import io
    buf = io.StringIO()
    old = sys.stdout
    sys.stdout = buf
    try:
        oracle_decimal.main()
    finally:
        sys.stdout = old
    ol = parse_lines(buf.getvalue())
    ol.update({k: v for k, v in npl.items() if k[0] == "DATA"})
    o_worst, o_where = max_rel(npl, ol)
    checks.append("-- A 60-digit decimal implementation (oracle_decimal.py) puts every\n"
                  "-- expected value within %.1e relative of the exact value of the formula\n"
                  "-- (worst: %s)." % (o_worst, " ".join(o_where)))

    dss, res = mr.compute()
    byds = {}
    for name, q, vals in res:
        byds.setdefault(name, {})[q] = vals

    tests = []   # (sql expression returning text '' on success, description)

    def t(got, want, desc, skip_null=False):
        tests.append("SELECT is(pg_temp.ref_diff(%s,\n  %s%s), '', %s);"
                     % (got, want, ", true" if skip_null else "", sqlstr(desc)))

    def sqlstr(s):
        return "'" + s.replace("'", "''") + "'"

    data_sql = []
    for d in dss:
        name, X = d["name"], d["X"]
        n, m = X.shape
        rows = ",\n".join("  (%s, %d, %s)" % (sqlstr(name), i + 1, "'{" + ",".join(repr(float(v)) for v in X[i]) + "}'")
                          for i in range(n))
        data_sql.append("-- %s: %d rows x %d indicators\nINSERT INTO ref_x VALUES\n%s;" % (name, n, m, rows))
        data_sql.append("INSERT INTO ref_meta VALUES (%s, %s, '{%s}');"
                        % (sqlstr(name), arr(d["w"]), ",".join(str(int(v)) for v in d["dirs"])))

        R = byds[name]
        src = "pg_temp.ds(%s)" % sqlstr(name)
        agg = lambda call: "(SELECT %s FROM %s)" % (call, src)  # noqa: E731
        tag = "%s (%dx%d)" % (name, n, m)

        def want(q):
            v = R.get(q)
            return "NULL::float8[]" if v is None else arr(v)

        # entropy weights and their detail
        for stag, s in mr.SHIFTS:
            call = "x, dirs" if s == 0 else "x, dirs, %r::float8" % s
            t(agg("entropy_weights(%s)" % call), want("entropy_w_" + stag),
              "entropy_weights %s shift %r" % (tag, s))
            if R["entropy_w_" + stag] is not None:
                det = agg("entropy_weights_detail(%s)" % call)
                if s == 0:
                    t("(%s).entropy" % det, want("entropy_e_" + stag),
                      "entropy_weights_detail %s shift %r: entropy of the varying indicators"
                      % (tag, s), skip_null=True)
                t("(%s).divergence" % det, want("entropy_d_" + stag),
                  "entropy_weights_detail %s shift %r: divergence" % (tag, s))
        tests.append("SELECT is((%s).n, %d::bigint, %s);"
                     % (agg("entropy_weights_detail(x, dirs)"), n,
                        sqlstr("entropy_weights_detail %s: n" % tag)))
        # CRITIC
        t(agg("critic_weights(x, dirs)"), want("critic_w"), "critic_weights %s" % tag)
        if R["critic_w"] is not None:
            det = agg("critic_weights_detail(x, dirs)")
            t("(%s).sd" % det, want("critic_sd"), "critic_weights_detail %s: sd" % tag)
            t("(%s).conflict" % det, want("critic_conflict"),
              "critic_weights_detail %s: conflict of the varying indicators" % tag, skip_null=True)
            t("(%s).information" % det, want("critic_info"),
              "critic_weights_detail %s: information" % tag)
        t(agg("stddev_weights(x)"), want("stddev_w"), "stddev_weights %s" % tag)
        if "cv_w" in R:
            t(agg("cv_weights(x)"), want("cv_w"), "cv_weights %s" % tag)

        # window functions, one partition per dataset
        def win(call):
            return ("(SELECT array_agg(v ORDER BY r) FROM (SELECT r, %s OVER () AS v FROM %s) s)"
                    % (call, src))
        t(win("topsis(x, w, dirs)"), want("topsis_minmax_given"),
          "topsis minmax, given weights, %s" % tag)
        t(win("topsis(x, directions => dirs)"), want("topsis_minmax_entropy"),
          "topsis minmax, entropy weights, %s" % tag)
        t(win("topsis(x, w, dirs, 'vector')"), want("topsis_vector_given"),
          "topsis vector, given weights, %s" % tag)
        t(win("topsis(x, directions => dirs, normalization => 'vector')"),
          want("topsis_vector_entropy"), "topsis vector, entropy weights, %s" % tag)
        t(win("composite_index(x, w, dirs)"), want("composite_given"),
          "composite_index, given weights, %s" % tag)
        t(win("composite_index(x, directions => dirs)"), want("composite_entropy"),
          "composite_index, entropy weights, %s" % tag)
        Z = [R["minmax_row%d" % (i + 1)] for i in range(n)]
        if n * m > MINMAX_MAX_CELLS and name not in MINMAX_ALSO:
            t(win("minmax_normalize(x[1], dirs[1])"), arr([z[0] for z in Z]),
              "minmax_normalize scalar, first indicator, %s" % tag)
        else:
            t("(SELECT array_agg(v ORDER BY r, k) FROM (SELECT r, minmax_normalize(x, dirs) OVER () AS z"
              " FROM %s) s, unnest(z) WITH ORDINALITY AS u(v, k))" % src,
              arr([v for z in Z for v in z]), "minmax_normalize array, every score, %s" % tag)

    series_sql = []
    for sname, ts, xs in mr.SERIES:
        rows = ",\n".join("  (%s, %d, %s, %s)" % (sqlstr(sname), k + 1, lit(tv), lit(xv))
                          for k, (tv, xv) in enumerate(zip(ts, xs)))
        series_sql.append("INSERT INTO ref_series VALUES\n%s;" % rows)
        for edges in ("none", "nearest", "linear"):
            call = "interpolate(x, t)" if edges == "none" else "interpolate(x, t, %s)" % sqlstr(edges)
            got = ("(SELECT array_agg(v ORDER BY k) FROM (SELECT s, k, %s OVER (PARTITION BY s) AS v"
                   " FROM ref_series) q WHERE s = %s)" % (call, sqlstr(sname)))
            t(got, arr(byds["series_" + sname]["interpolate_" + edges]),
              "interpolate series %s, edges %s" % (sname, edges))

    import textwrap
    names = "\n".join("--   " + line for line in textwrap.wrap(
        ", ".join("%s %dx%d" % (d["name"], d["X"].shape[0], d["X"].shape[1]) for d in dss), 72))
    out = []
    out.append("""-- 20_reference.sql: synergy against independently computed reference values.
--
-- GENERATED by test/reference/make_pgtap.py (/usr/bin/python3 with numpy) from
-- test/reference/make_reference.py; do not edit by hand, rerun the generator.
-- The expected values come straight from the formulas of docs/reference.md
-- (two-pass moments, textbook formulas), not from the extension.
%s
%s
--
-- Datasets (rows x indicators; minstd generator, see make_reference.py;
-- inputs embedded below at full precision, with given weights not summing
-- to 1 and mixed directions):
%s
-- Interpolation series (uneven t, gaps at both ends, unsorted rows, NULL t,
-- one or no observation):
%s
--
-- Entropy weights at shift 0, 0.0001 and 0.01; CRITIC, stddev and CV
-- weights (CV where every varying indicator has a nonzero mean); TOPSIS
-- closeness ('minmax' and 'vector', given weights and NULL = entropy
-- weights) and composite_index (given and entropy weights) per row; min-max
-- scores; interpolate with edges none, nearest and linear.
--
-- Two places where the references arrange the documented formula so that
-- double precision keeps its digits (the oracle confirms both):
--  * entropy divergence d = 1 - e is computed as sum(p ln(n p)) / ln n;
--  * vector TOPSIS takes v - v* as w (x - x*) / norm.  Rounding x / norm
--    first and then subtracting, as the textbook does, loses ~8 digits on
--    the datasets with large offsets (offset12: 1e8 + noise in every
--    indicator); the values here are the exact ones.
-- (And the standard deviation inside CV is taken of x - min(x), the same
-- number, so that the float64 rounding of a mean near 1e8 does not enter.)
--
-- Each test compares a whole result (weights, or one value per row ordered
-- by row number) element by element: |got - want| <= 1e-12 |want| + 1e-15.
-- A NULL expected element means NULL, except for the entropy and conflict
-- of an indicator without range, which the documentation leaves open and
-- which are not checked.  On failure the test shows each offending element.
BEGIN;
SELECT plan(%d);

CREATE FUNCTION pg_temp.ref_diff(got float8[], want float8[], skip_null boolean DEFAULT false)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE
  msg text := '';
BEGIN
  IF want IS NULL THEN
    RETURN CASE WHEN got IS NULL THEN '' ELSE 'expected NULL, got ' || got::text END;
  END IF;
  IF got IS NULL THEN
    RETURN 'got NULL';
  END IF;
  IF cardinality(got) <> cardinality(want) THEN
    RETURN format('got %%s elements, expected %%s: %%s', cardinality(got), cardinality(want), got);
  END IF;
  FOR i IN 1 .. cardinality(want) LOOP
    IF want[i] IS NULL THEN
      IF NOT skip_null AND got[i] IS NOT NULL THEN
        msg := msg || format('[%%s] got %%s want NULL; ', i, got[i]);
      END IF;
    ELSIF got[i] IS NULL THEN
      msg := msg || format('[%%s] got NULL want %%s; ', i, want[i]);
    ELSIF NOT abs(got[i] - want[i]) <= 1e-12 * abs(want[i]) + 1e-15 THEN
      msg := msg || format('[%%s] got %%s want %%s (rel. diff. %%s); ', i, got[i], want[i],
                           to_char(abs(got[i] - want[i]) / greatest(abs(want[i]), 1e-300), '9.9EEEE'));
    END IF;
  END LOOP;
  RETURN msg;
END
$f$;

CREATE TEMP TABLE ref_x (ds text, r int, x float8[]);
CREATE TEMP TABLE ref_meta (ds text PRIMARY KEY, w float8[], dirs int[]);
CREATE TEMP TABLE ref_series (s text, k int, t float8, x float8);
-- one dataset: its rows with its weights and directions
CREATE FUNCTION pg_temp.ds(name text) RETURNS TABLE (r int, x float8[], w float8[], dirs int[])
LANGUAGE sql STABLE AS $f$
  SELECT d.r, d.x, m.w, m.dirs FROM ref_x d JOIN ref_meta m USING (ds) WHERE d.ds = name
$f$;
""" % ("\n".join(checks[:1]), "\n".join(checks[1:]), names,
       "\n".join("--   " + line for line in textwrap.wrap(", ".join(s[0] for s in mr.SERIES), 72)),
       len(tests)))
    out.append("\n".join(data_sql))
    out.append("\n".join(series_sql))
    out.append("ANALYZE ref_x;\n")
    out.append("\n".join(tests))
    out.append("\nSELECT * FROM finish();\nROLLBACK;\n")
    text = "\n".join(out)
    with open(OUT, "w") as f:
        f.write(text)
    print("wrote %s: %d tests, %d bytes" % (os.path.normpath(OUT), len(tests), len(text)))
    for c in checks:
        print(c.replace("-- ", "").replace("\n", " "))


if __name__ == "__main__":
    main()
