-- Weight aggregates: the worked vectors of test/reference/vectors.md and
-- hand-checkable cases.  Values are printed rounded or compared against a
-- stated tolerance, so the expected output does not depend on the last bit.
\set VERBOSITY terse

CREATE TABLE v (r int, x float8[]);
INSERT INTO v VALUES (1, '{1,10,5}'), (2, '{2,15,3}'), (3, '{3,20,4}'), (4, '{4,40,1}');

-- vectors.md: shift 0, 0.0001, 0.01 -> printed to 6 digits
SELECT array_round(entropy_weights(x, '{1,1,-1}'::int[]), 6) AS shift_0,
       array_round(entropy_weights(x, '{1,1,-1}', 0.0001), 6) AS shift_1e4,
       array_round(entropy_weights(x, '{1,1,-1}', 0.01), 6) AS shift_1e2
FROM v;

-- the same to 1e-12 against values derived by hand from the definition:
-- X1 = 1..4: z = 0,1/3,2/3,1, p = z/2, e = -(sum p ln p)/ln 4
WITH d AS (
  SELECT (-(1.0/6*ln(1.0/6) + 1.0/3*ln(1.0/3) + 0.5*ln(0.5)) / ln(4)) AS e1)
SELECT abs((entropy_weights_detail(x, '{1,1,-1}'::int[])).entropy[1] - e1) < 1e-12 AS entropy_1_ok
FROM v, d GROUP BY e1;

-- weights sum to 1; entropy + divergence = 1
SELECT abs(w[1] + w[2] + w[3] - 1) < 1e-15 AS sums_to_one,
       abs((d).entropy[2] + (d).divergence[2] - 1) < 1e-15 AS e_plus_d
FROM (SELECT entropy_weights(x) AS w, entropy_weights_detail(x) AS d FROM v) s;

-- NULL directions mean all benefit
SELECT entropy_weights(x) = entropy_weights(x, NULL::int[]) AS null_dirs_benefit,
       entropy_weights(x, '{1,1,1}'::int[]) = entropy_weights(x) AS ones_benefit
FROM v;

-- a cost column's weight does not change when the column is negated and
-- made a benefit: both give the same scores
SELECT array_round(entropy_weights(x, '{1,1,-1}'::int[]), 12) =
       array_round(entropy_weights(ARRAY[x[1], x[2], -x[3]], '{1,1,1}'::int[]), 12) AS cost_is_reversed
FROM v;

-- CRITIC, stddev, CV on the same data, 6 digits
SELECT array_round(critic_weights(x, '{1,1,-1}'::int[]), 6) AS critic,
       array_round(stddev_weights(x), 6) AS stddev,
       array_round(cv_weights(x), 6) AS cv
FROM v;

-- stddev weights by hand: sd(z) of 0,1/3,2/3,1 and 0,1/6,1/3,1 and 1,0.5,0.75,0 (cost)
WITH s AS (
  SELECT stddev_samp(a) AS s1, stddev_samp(b) AS s2, stddev_samp(c) AS s3
  FROM (VALUES (0, 0, 1), (1/3.0, 1/6.0, 0.5), (2/3.0, 1/3.0, 0.75), (1, 1, 0)) t(a, b, c))
SELECT abs(w[1] - s1 / (s1 + s2 + s3)) < 1e-12 AS sd_1,
       abs(w[2] - s2 / (s1 + s2 + s3)) < 1e-12 AS sd_2
FROM (SELECT stddev_weights(x) AS w FROM v) q, s;

-- CV by hand: sd/|mean| of the raw columns
WITH c AS (
  SELECT stddev_samp(x[1]) / abs(avg(x[1])) AS c1, stddev_samp(x[2]) / abs(avg(x[2])) AS c2,
         stddev_samp(x[3]) / abs(avg(x[3])) AS c3 FROM v)
SELECT abs(w[3] - c3 / (c1 + c2 + c3)) < 1e-12 AS cv_3
FROM (SELECT cv_weights(x) AS w FROM v) q, c;

-- CRITIC detail: information = sd * conflict, weights = information / sum
SELECT abs((d).information[1] - (d).sd[1] * (d).conflict[1]) < 1e-15 AS info_1,
       abs((d).weight[2] - (d).information[2] / ((d).information[1] + (d).information[2] + (d).information[3])) < 1e-15 AS weight_2,
       (d).n
FROM (SELECT critic_weights_detail(x, '{1,1,-1}'::int[]) AS d FROM v) s;

-- CRITIC conflict by hand for two perfectly anti-correlated benefit columns
-- and one cost column equal to the first: r12 = -1, r13 = -1 (cost flips +1)
SELECT array_round((critic_weights_detail(x, '{1,1,-1}'::int[])).conflict, 12) AS conflict
FROM (VALUES ('{1,3,1}'::float8[]), ('{2,2,2}'), ('{3,1,3}')) t(x);

-- grouped: one set of weights per group
SELECT g, array_round(entropy_weights(x), 4)
FROM (VALUES (1, '{1,2}'::float8[]), (1, '{2,5}'), (1, '{3,3}'),
             (2, '{1,1}'), (2, '{1,9}'), (2, '{2,4}')) t(g, x)
GROUP BY g ORDER BY g;

-- as a window aggregate over a partition
SELECT r, array_round(entropy_weights(x, '{1,1,-1}'::int[]) OVER (), 4) FROM v ORDER BY r;

-- NULL rows are ignored; no rows, or one row, give NULL
SELECT entropy_weights(x) IS NOT DISTINCT FROM
       (SELECT entropy_weights(x) FROM v) AS null_rows_ignored
FROM (SELECT x FROM v UNION ALL SELECT NULL) s;
SELECT entropy_weights(x) IS NULL AS no_rows, critic_weights(x) IS NULL AS critic_no_rows,
       stddev_weights(x) IS NULL AS sd_no_rows, cv_weights(x) IS NULL AS cv_no_rows
FROM v WHERE false;
SELECT entropy_weights(x) IS NULL AS one_row, critic_weights(x) IS NULL AS critic_one_row,
       stddev_weights(x) IS NULL AS sd_one_row, cv_weights(x) IS NULL AS cv_one_row
FROM v WHERE r = 1;

-- a constant indicator gets weight 0 everywhere
SELECT entropy_weights(x) AS entropy, stddev_weights(x) AS stddev, cv_weights(x) AS cv,
       critic_weights(x) IS NULL AS critic_undefined_single_varying
FROM (VALUES ('{1,7}'::float8[]), ('{2,7}'), ('{4,7}')) t(x);

-- errors (codes are checked in test/pgtap; here, the messages)
SELECT entropy_weights(x) FROM (VALUES ('{1,NULL}'::float8[])) t(x);
SELECT entropy_weights(x) FROM (VALUES ('{1,2}'::float8[]), ('{1,2,3}')) t(x);
SELECT entropy_weights(x, '{1,0}'::int[]) FROM (VALUES ('{1,2}'::float8[])) t(x);
SELECT entropy_weights(x, '{1,1}', -1) FROM (VALUES ('{1,2}'::float8[])) t(x);
SELECT stddev_weights(x) FROM (VALUES ('{1,NaN}'::float8[])) t(x);
SELECT cv_weights(x) FROM (VALUES ('{-1}'::float8[]), ('{1}')) t(x);
SELECT critic_weights(x, d) FROM (VALUES ('{1,2}'::float8[], '{1,1}'::int[]), ('{2,1}', '{1,-1}')) t(x, d);

-- verbose errors show detail and hint
\set VERBOSITY default
SELECT entropy_weights(x) FROM (VALUES ('{1,2}'::float8[]), ('{3,Infinity}')) t(x);
SELECT cv_weights(x) FROM (VALUES ('{-1}'::float8[]), ('{1}')) t(x);

-- CRITIC on data near 1e80 equals CRITIC on the same data at unit scale
SELECT array_round(critic_weights(ARRAY[x[1] * 1e80, x[2] * 1e80, x[3] * 1e80], '{1,1,-1}'::int[]), 10)
       = array_round(critic_weights(x, '{1,1,-1}'::int[]), 10) AS critic_scale_free
FROM v;
-- a mean that is zero up to rounding is zero, in whatever order the rows come
\set VERBOSITY terse
SELECT cv_weights(x) FROM (VALUES ('{-0.1}'::float8[]), ('{0.3}'), ('{-0.2}')) t(x);
SELECT cv_weights(x) FROM (VALUES ('{0.3}'::float8[]), ('{-0.1}'), ('{-0.2}')) t(x);
-- ranges too small for their reciprocal, squares that underflow: errors, not silent zeros
SELECT entropy_weights(x) FROM (VALUES ('{0,1}'::float8[]), ('{1e-310,2}')) t(x);
SELECT topsis(x) OVER () FROM (VALUES ('{0,1}'::float8[]), ('{1e-310,2}')) t(x);
SELECT stddev_weights(x) FROM (VALUES ('{1e-170,1}'::float8[]), ('{2e-170,2}')) t(x);
\set VERBOSITY default

DROP TABLE v;
