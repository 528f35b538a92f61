-- Missing-value policies and shift on the window functions, and the
-- indicator_vector aggregate (issue 12).  Expected values come from an
-- independent computation in base R on the same conventions:
-- test/reference/missing_window.R (its output, missing_window.out, is the
-- VALUES list below).  Tolerance 1e-12 absolute (scores lie in [0, 1.01]).
BEGIN;
SELECT plan(74);

CREATE TEMP TABLE mw_x(unit text, x float8[]);
INSERT INTO mw_x VALUES
  ('A', ARRAY[9.2, 0.52, 41.0]), ('B', ARRAY[6.1, NULL, 38.5]), ('C', ARRAY[12.4, 0.47, 44.2]),
  ('D', ARRAY[3.3, 1.10, 36.0]), ('E', ARRAY[7.7, 0.66, NULL]), ('F', ARRAY[10.5, 0.90, 39.1]);

CREATE TEMP TABLE mw_expected(fn text, policy text, shift float8, unit text, j int, value float8);
INSERT INTO mw_expected VALUES
  ('topsis', 'skip', 0, 'A', 0, 0.71940411288613026),
  ('composite_index', 'skip', 0, 'A', 0, 0.73459690708860292),
  ('minmax_normalize', 'skip', 0, 'A', 1, 0.64835164835164816),
  ('minmax_normalize', 'skip', 0, 'A', 2, 0.92063492063492058),
  ('minmax_normalize', 'skip', 0, 'A', 3, 0.60975609756097537),
  ('topsis', 'skip', 0, 'B', 0, NULL),
  ('composite_index', 'skip', 0, 'B', 0, NULL),
  ('minmax_normalize', 'skip', 0, 'B', 1, NULL),
  ('minmax_normalize', 'skip', 0, 'B', 2, NULL),
  ('minmax_normalize', 'skip', 0, 'B', 3, NULL),
  ('topsis', 'skip', 0, 'C', 0, 1),
  ('composite_index', 'skip', 0, 'C', 0, 1),
  ('minmax_normalize', 'skip', 0, 'C', 1, 1),
  ('minmax_normalize', 'skip', 0, 'C', 2, 1),
  ('minmax_normalize', 'skip', 0, 'C', 3, 1),
  ('topsis', 'skip', 0, 'D', 0, 0),
  ('composite_index', 'skip', 0, 'D', 0, 0),
  ('minmax_normalize', 'skip', 0, 'D', 1, 0),
  ('minmax_normalize', 'skip', 0, 'D', 2, 0),
  ('minmax_normalize', 'skip', 0, 'D', 3, 0),
  ('topsis', 'skip', 0, 'E', 0, NULL),
  ('composite_index', 'skip', 0, 'E', 0, NULL),
  ('minmax_normalize', 'skip', 0, 'E', 1, NULL),
  ('minmax_normalize', 'skip', 0, 'E', 2, NULL),
  ('minmax_normalize', 'skip', 0, 'E', 3, NULL),
  ('topsis', 'skip', 0, 'F', 0, 0.46222971436551263),
  ('composite_index', 'skip', 0, 'F', 0, 0.47528447802340412),
  ('minmax_normalize', 'skip', 0, 'F', 1, 0.79120879120879106),
  ('minmax_normalize', 'skip', 0, 'F', 2, 0.3174603174603175),
  ('minmax_normalize', 'skip', 0, 'F', 3, 0.37804878048780494),
  ('topsis', 'skip', 0.01, 'A', 0, 0.7228900410535074),
  ('composite_index', 'skip', 0.01, 'A', 0, 0.74511824225710543),
  ('minmax_normalize', 'skip', 0.01, 'A', 1, 0.65835164835164817),
  ('minmax_normalize', 'skip', 0.01, 'A', 2, 0.93063492063492059),
  ('minmax_normalize', 'skip', 0.01, 'A', 3, 0.61975609756097538),
  ('topsis', 'skip', 0.01, 'B', 0, NULL),
  ('composite_index', 'skip', 0.01, 'B', 0, NULL),
  ('minmax_normalize', 'skip', 0.01, 'B', 1, NULL),
  ('minmax_normalize', 'skip', 0.01, 'B', 2, NULL),
  ('minmax_normalize', 'skip', 0.01, 'B', 3, NULL),
  ('topsis', 'skip', 0.01, 'C', 0, 1),
  ('composite_index', 'skip', 0.01, 'C', 0, 1.01),
  ('minmax_normalize', 'skip', 0.01, 'C', 1, 1.01),
  ('minmax_normalize', 'skip', 0.01, 'C', 2, 1.01),
  ('minmax_normalize', 'skip', 0.01, 'C', 3, 1.01),
  ('topsis', 'skip', 0.01, 'D', 0, 0.0099009900990099028),
  ('composite_index', 'skip', 0.01, 'D', 0, 0.01),
  ('minmax_normalize', 'skip', 0.01, 'D', 1, 0.01),
  ('minmax_normalize', 'skip', 0.01, 'D', 2, 0.01),
  ('minmax_normalize', 'skip', 0.01, 'D', 3, 0.01),
  ('topsis', 'skip', 0.01, 'E', 0, NULL),
  ('composite_index', 'skip', 0.01, 'E', 0, NULL),
  ('minmax_normalize', 'skip', 0.01, 'E', 1, NULL),
  ('minmax_normalize', 'skip', 0.01, 'E', 2, NULL),
  ('minmax_normalize', 'skip', 0.01, 'E', 3, NULL),
  ('topsis', 'skip', 0.01, 'F', 0, 0.46662881625324421),
  ('composite_index', 'skip', 0.01, 'F', 0, 0.48519535825186644),
  ('minmax_normalize', 'skip', 0.01, 'F', 1, 0.80120879120879107),
  ('minmax_normalize', 'skip', 0.01, 'F', 2, 0.32746031746031751),
  ('minmax_normalize', 'skip', 0.01, 'F', 3, 0.38804878048780495),
  ('obstacle_degree', 'skip', 0, 'A', 1, 0.38287967960346875),
  ('obstacle_degree', 'skip', 0, 'A', 2, 0.10935678142844001),
  ('obstacle_degree', 'skip', 0, 'A', 3, 0.50776353896809123),
  ('obstacle_degree', 'skip', 0, 'B', 1, NULL),
  ('obstacle_degree', 'skip', 0, 'B', 2, NULL),
  ('obstacle_degree', 'skip', 0, 'B', 3, NULL),
  ('obstacle_degree', 'skip', 0, 'C', 1, NULL),
  ('obstacle_degree', 'skip', 0, 'C', 2, NULL),
  ('obstacle_degree', 'skip', 0, 'C', 3, NULL),
  ('obstacle_degree', 'skip', 0, 'D', 1, 0.28897462679223013),
  ('obstacle_degree', 'skip', 0, 'D', 2, 0.36569771307648924),
  ('obstacle_degree', 'skip', 0, 'D', 3, 0.34532766013128063),
  ('obstacle_degree', 'skip', 0, 'E', 1, NULL),
  ('obstacle_degree', 'skip', 0, 'E', 2, NULL),
  ('obstacle_degree', 'skip', 0, 'E', 3, NULL),
  ('obstacle_degree', 'skip', 0, 'F', 1, 0.1149868054420341),
  ('obstacle_degree', 'skip', 0, 'F', 2, 0.47569242862963762),
  ('obstacle_degree', 'skip', 0, 'F', 3, 0.40932076592832828),
  ('topsis', 'mean', 0, 'A', 0, 0.69897957179588155),
  ('composite_index', 'mean', 0, 'A', 0, 0.72149506010752362),
  ('minmax_normalize', 'mean', 0, 'A', 1, 0.64835164835164816),
  ('minmax_normalize', 'mean', 0, 'A', 2, 0.92063492063492058),
  ('minmax_normalize', 'mean', 0, 'A', 3, 0.60975609756097537),
  ('topsis', 'mean', 0, 'B', 0, 0.3988151839203341),
  ('composite_index', 'mean', 0, 'B', 0, 0.39584463043089735),
  ('minmax_normalize', 'mean', 0, 'B', 1, 0.3076923076923076),
  ('minmax_normalize', 'mean', 0, 'B', 2, 0.58730158730158732),
  ('minmax_normalize', 'mean', 0, 'B', 3, 0.30487804878048769),
  ('topsis', 'mean', 0, 'C', 0, 1),
  ('composite_index', 'mean', 0, 'C', 0, 1),
  ('minmax_normalize', 'mean', 0, 'C', 1, 1),
  ('minmax_normalize', 'mean', 0, 'C', 2, 1),
  ('minmax_normalize', 'mean', 0, 'C', 3, 1),
  ('topsis', 'mean', 0, 'D', 0, 0),
  ('composite_index', 'mean', 0, 'D', 0, 0),
  ('minmax_normalize', 'mean', 0, 'D', 1, 0),
  ('minmax_normalize', 'mean', 0, 'D', 2, 0),
  ('minmax_normalize', 'mean', 0, 'D', 3, 0),
  ('topsis', 'mean', 0, 'E', 0, 0.53783870139776202),
  ('composite_index', 'mean', 0, 'E', 0, 0.54318535476019569),
  ('minmax_normalize', 'mean', 0, 'E', 1, 0.48351648351648346),
  ('minmax_normalize', 'mean', 0, 'E', 2, 0.69841269841269837),
  ('minmax_normalize', 'mean', 0, 'E', 3, 0.45853658536585323),
  ('topsis', 'mean', 0, 'F', 0, 0.49304978394125903),
  ('composite_index', 'mean', 0, 'F', 0, 0.49382715966153456),
  ('minmax_normalize', 'mean', 0, 'F', 1, 0.79120879120879106),
  ('minmax_normalize', 'mean', 0, 'F', 2, 0.3174603174603175),
  ('minmax_normalize', 'mean', 0, 'F', 3, 0.37804878048780494),
  ('topsis', 'mean', 0.01, 'A', 0, 0.70262687063970997),
  ('composite_index', 'mean', 0.01, 'A', 0, 0.73202001829467245),
  ('minmax_normalize', 'mean', 0.01, 'A', 1, 0.65835164835164817),
  ('minmax_normalize', 'mean', 0.01, 'A', 2, 0.93063492063492059),
  ('minmax_normalize', 'mean', 0.01, 'A', 3, 0.61975609756097538),
  ('topsis', 'mean', 0.01, 'B', 0, 0.40517984598170143),
  ('composite_index', 'mean', 0.01, 'B', 0, 0.40631075914996428),
  ('minmax_normalize', 'mean', 0.01, 'B', 1, 0.31769230769230761),
  ('minmax_normalize', 'mean', 0.01, 'B', 2, 0.59730158730158733),
  ('minmax_normalize', 'mean', 0.01, 'B', 3, 0.3148780487804877),
  ('topsis', 'mean', 0.01, 'C', 0, 1),
  ('composite_index', 'mean', 0.01, 'C', 0, 1.01),
  ('minmax_normalize', 'mean', 0.01, 'C', 1, 1.01),
  ('minmax_normalize', 'mean', 0.01, 'C', 2, 1.01),
  ('minmax_normalize', 'mean', 0.01, 'C', 3, 1.01),
  ('topsis', 'mean', 0.01, 'D', 0, 0.0099009900990099011),
  ('composite_index', 'mean', 0.01, 'D', 0, 0.01),
  ('minmax_normalize', 'mean', 0.01, 'D', 1, 0.01),
  ('minmax_normalize', 'mean', 0.01, 'D', 2, 0.01),
  ('minmax_normalize', 'mean', 0.01, 'D', 3, 0.01),
  ('topsis', 'mean', 0.01, 'E', 0, 0.54298754994789622),
  ('composite_index', 'mean', 0.01, 'E', 0, 0.55358881126437431),
  ('minmax_normalize', 'mean', 0.01, 'E', 1, 0.49351648351648347),
  ('minmax_normalize', 'mean', 0.01, 'E', 2, 0.70841269841269838),
  ('minmax_normalize', 'mean', 0.01, 'E', 3, 0.46853658536585324),
  ('topsis', 'mean', 0.01, 'F', 0, 0.49744288691307403),
  ('composite_index', 'mean', 0.01, 'F', 0, 0.50386546185420733),
  ('minmax_normalize', 'mean', 0.01, 'F', 1, 0.80120879120879107),
  ('minmax_normalize', 'mean', 0.01, 'F', 2, 0.32746031746031751),
  ('minmax_normalize', 'mean', 0.01, 'F', 3, 0.38804878048780495),
  ('obstacle_degree', 'mean', 0, 'A', 1, 0.41285744816500963),
  ('obstacle_degree', 'mean', 0, 'A', 2, 0.090857726259788565),
  ('obstacle_degree', 'mean', 0, 'A', 3, 0.49628482557520176),
  ('obstacle_degree', 'mean', 0, 'B', 1, 0.37469246366232895),
  ('obstacle_degree', 'mean', 0, 'B', 2, 0.21779578515663095),
  ('obstacle_degree', 'mean', 0, 'B', 3, 0.4075117511810401),
  ('obstacle_degree', 'mean', 0, 'C', 1, NULL),
  ('obstacle_degree', 'mean', 0, 'C', 2, NULL),
  ('obstacle_degree', 'mean', 0, 'C', 3, NULL),
  ('obstacle_degree', 'mean', 0, 'D', 1, 0.32698244779585939),
  ('obstacle_degree', 'mean', 0, 'D', 2, 0.31883450244344341),
  ('obstacle_degree', 'mean', 0, 'D', 3, 0.3541830497606972),
  ('obstacle_degree', 'mean', 0, 'E', 1, 0.36969271065584902),
  ('obstacle_degree', 'mean', 0, 'E', 2, 0.210493333011184),
  ('obstacle_degree', 'mean', 0, 'E', 3, 0.41981395633296698),
  ('obstacle_degree', 'mean', 0, 'F', 1, 0.13487697301805973),
  ('obstacle_degree', 'mean', 0, 'F', 2, 0.429926662866641),
  ('obstacle_degree', 'mean', 0, 'F', 3, 0.43519636411529927),
  ('topsis', 'median', 0, 'A', 0, 0.69434589872076247),
  ('composite_index', 'median', 0, 'A', 0, 0.7186169454071476),
  ('minmax_normalize', 'median', 0, 'A', 1, 0.64835164835164816),
  ('minmax_normalize', 'median', 0, 'A', 2, 0.92063492063492058),
  ('minmax_normalize', 'median', 0, 'A', 3, 0.60975609756097537),
  ('topsis', 'median', 0, 'B', 0, 0.42785330369598118),
  ('composite_index', 'median', 0, 'B', 0, 0.42773019925568445),
  ('minmax_normalize', 'median', 0, 'B', 1, 0.3076923076923076),
  ('minmax_normalize', 'median', 0, 'B', 2, 0.69841269841269837),
  ('minmax_normalize', 'median', 0, 'B', 3, 0.30487804878048769),
  ('topsis', 'median', 0, 'C', 0, 1),
  ('composite_index', 'median', 0, 'C', 0, 1),
  ('minmax_normalize', 'median', 0, 'C', 1, 1),
  ('minmax_normalize', 'median', 0, 'C', 2, 1),
  ('minmax_normalize', 'median', 0, 'C', 3, 1),
  ('topsis', 'median', 0, 'D', 0, 0),
  ('composite_index', 'median', 0, 'D', 0, 0),
  ('minmax_normalize', 'median', 0, 'D', 1, 0),
  ('minmax_normalize', 'median', 0, 'D', 2, 0),
  ('minmax_normalize', 'median', 0, 'D', 3, 0),
  ('topsis', 'median', 0, 'E', 0, 0.50287236863341755),
  ('composite_index', 'median', 0, 'E', 0, 0.51156525648355011),
  ('minmax_normalize', 'median', 0, 'E', 1, 0.48351648351648346),
  ('minmax_normalize', 'median', 0, 'E', 2, 0.69841269841269837),
  ('minmax_normalize', 'median', 0, 'E', 3, 0.37804878048780494),
  ('topsis', 'median', 0, 'F', 0, 0.49208857722675914),
  ('composite_index', 'median', 0, 'F', 0, 0.49344833026223411),
  ('minmax_normalize', 'median', 0, 'F', 1, 0.79120879120879106),
  ('minmax_normalize', 'median', 0, 'F', 2, 0.3174603174603175),
  ('minmax_normalize', 'median', 0, 'F', 3, 0.37804878048780494),
  ('topsis', 'median', 0.01, 'A', 0, 0.69813406722609006),
  ('composite_index', 'median', 0.01, 'A', 0, 0.72920746326502539),
  ('minmax_normalize', 'median', 0.01, 'A', 1, 0.65835164835164817),
  ('minmax_normalize', 'median', 0.01, 'A', 2, 0.93063492063492059),
  ('minmax_normalize', 'median', 0.01, 'A', 3, 0.61975609756097538),
  ('topsis', 'median', 0.01, 'B', 0, 0.43409031505353812),
  ('composite_index', 'median', 0.01, 'B', 0, 0.43846299750472684),
  ('minmax_normalize', 'median', 0.01, 'B', 1, 0.31769230769230761),
  ('minmax_normalize', 'median', 0.01, 'B', 2, 0.70841269841269838),
  ('minmax_normalize', 'median', 0.01, 'B', 3, 0.3148780487804877),
  ('topsis', 'median', 0.01, 'C', 0, 1),
  ('composite_index', 'median', 0.01, 'C', 0, 1.01),
  ('minmax_normalize', 'median', 0.01, 'C', 1, 1.01),
  ('minmax_normalize', 'median', 0.01, 'C', 2, 1.01),
  ('minmax_normalize', 'median', 0.01, 'C', 3, 1.01),
  ('topsis', 'median', 0.01, 'D', 0, 0.0099009900990099028),
  ('composite_index', 'median', 0.01, 'D', 0, 0.01),
  ('minmax_normalize', 'median', 0.01, 'D', 1, 0.01),
  ('minmax_normalize', 'median', 0.01, 'D', 2, 0.01),
  ('minmax_normalize', 'median', 0.01, 'D', 3, 0.01),
  ('topsis', 'median', 0.01, 'E', 0, 0.50864563672071583),
  ('composite_index', 'median', 0.01, 'E', 0, 0.52219480156931586),
  ('minmax_normalize', 'median', 0.01, 'E', 1, 0.49351648351648347),
  ('minmax_normalize', 'median', 0.01, 'E', 2, 0.70841269841269838),
  ('minmax_normalize', 'median', 0.01, 'E', 3, 0.38804878048780495),
  ('topsis', 'median', 0.01, 'F', 0, 0.49649934841575755),
  ('composite_index', 'median', 0.01, 'F', 0, 0.50346778267180636),
  ('minmax_normalize', 'median', 0.01, 'F', 1, 0.80120879120879107),
  ('minmax_normalize', 'median', 0.01, 'F', 2, 0.32746031746031751),
  ('minmax_normalize', 'median', 0.01, 'F', 3, 0.38804878048780495),
  ('obstacle_degree', 'median', 0, 'A', 1, 0.40584283048890224),
  ('obstacle_degree', 'median', 0, 'A', 2, 0.087395365577764131),
  ('obstacle_degree', 'median', 0, 'A', 3, 0.5067618039333337),
  ('obstacle_degree', 'median', 0, 'B', 1, 0.39286700937870417),
  ('obstacle_degree', 'median', 0, 'B', 2, 0.16329358038441508),
  ('obstacle_degree', 'median', 0, 'B', 3, 0.44383941023688073),
  ('obstacle_degree', 'median', 0, 'C', 1, NULL),
  ('obstacle_degree', 'median', 0, 'C', 2, NULL),
  ('obstacle_degree', 'median', 0, 'C', 3, NULL),
  ('obstacle_degree', 'median', 0, 'D', 1, 0.32474855858779555),
  ('obstacle_degree', 'median', 0, 'D', 2, 0.30985384403648158),
  ('obstacle_degree', 'median', 0, 'D', 3, 0.36539759737572286),
  ('obstacle_degree', 'median', 0, 'E', 1, 0.34339751571486871),
  ('obstacle_degree', 'median', 0, 'E', 2, 0.19132132992146142),
  ('obstacle_degree', 'median', 0, 'E', 3, 0.46528115436366996),
  ('obstacle_degree', 'median', 0, 'F', 1, 0.13385533628948457),
  ('obstacle_degree', 'median', 0, 'F', 2, 0.41750438696973269),
  ('obstacle_degree', 'median', 0, 'F', 3, 0.44864027674078272),
  ('minmax_scalar', 'mean', 0.5, '1', 0, 0.5),
  ('minmax_scalar', 'mean', 0.5, '2', 0, 1),
  ('minmax_scalar', 'mean', 0.5, '3', 0, 0.92500000000000004),
  ('minmax_scalar', 'mean', 0.5, '4', 0, 1.5),
  ('minmax_scalar', 'mean', 0.5, '5', 0, 0.69999999999999996),
  ('minmax_scalar', 'median', 0.5, '1', 0, 0.5),
  ('minmax_scalar', 'median', 0.5, '2', 0, 1),
  ('minmax_scalar', 'median', 0.5, '3', 0, 0.84999999999999998),
  ('minmax_scalar', 'median', 0.5, '4', 0, 1.5),
  ('minmax_scalar', 'median', 0.5, '5', 0, 0.69999999999999996);

-- every function, every policy (spelled in upper case for topsis: names are
-- case-insensitive), shift 0 and 0.01
CREATE TEMP TABLE mw_got AS
WITH runs AS (
  SELECT p.policy, s.shift, x.unit, x.x
  FROM mw_x x, (VALUES ('skip'), ('mean'), ('median')) p(policy), (VALUES (0.0::float8), (0.01)) s(shift)),
w AS (
  SELECT policy, shift, unit,
         topsis(x, directions => ARRAY[1, -1, 1], shift => shift, missing => upper(policy))
           OVER (PARTITION BY policy, shift) AS t,
         (topsis_detail(x, NULL, ARRAY[1, -1, 1], 'minmax', shift, policy)
           OVER (PARTITION BY policy, shift)).closeness AS td,
         composite_index(x, directions => ARRAY[1, -1, 1], shift => shift, missing => policy)
           OVER (PARTITION BY policy, shift) AS ci,
         minmax_normalize(x, ARRAY[1, -1, 1], shift, policy) OVER (PARTITION BY policy, shift) AS z,
         obstacle_degree(x, directions => ARRAY[1, -1, 1], missing => policy)
           OVER (PARTITION BY policy, shift) AS o
  FROM runs)
SELECT 'topsis' AS fn, policy, shift, unit, 0 AS j, t AS value FROM w
UNION ALL SELECT 'topsis_detail', policy, shift, unit, 0, td FROM w
UNION ALL SELECT 'composite_index', policy, shift, unit, 0, ci FROM w
UNION ALL SELECT 'minmax_normalize', policy, shift, unit, j, z[j] FROM w, generate_series(1, 3) j
UNION ALL SELECT 'obstacle_degree', policy, shift, unit, j, o[j] FROM w, generate_series(1, 3) j WHERE shift = 0;

-- topsis_detail's closeness is topsis's
INSERT INTO mw_expected SELECT 'topsis_detail', policy, shift, unit, j, value FROM mw_expected WHERE fn = 'topsis';

SELECT is(bad, 0::bigint, format('%s, missing => %L, shift => %s: every value within 1e-12 of R, NULLs where R has NA (%s values)',
                                 fn, policy, shift, total))
FROM (SELECT e.fn, e.policy, e.shift, count(*) AS total,
             count(*) FILTER (WHERE g.unit IS NULL OR (e.value IS NULL) <> (g.value IS NULL)
                              OR abs(e.value - g.value) > 1e-12) AS bad
      FROM mw_expected e LEFT JOIN mw_got g USING (fn, policy, shift, unit, j)
      WHERE e.fn <> 'minmax_scalar'
      GROUP BY e.fn, e.policy, e.shift) s
ORDER BY fn, policy, shift;

-- the scalar minmax_normalize with mean and median, shift 0.5
SELECT is(bad, 0::bigint, format('minmax_normalize(x float8), missing => %L, shift => 0.5: within 1e-12 of R', policy))
FROM (SELECT e.policy, count(*) FILTER (WHERE g.z IS NULL OR abs(e.value - g.z) > 1e-12) AS bad
      FROM mw_expected e
      LEFT JOIN (SELECT p.policy, v.i::text AS unit,
                        minmax_normalize(v.v, 1, 0.5, p.policy) OVER (PARTITION BY p.policy) AS z
                 FROM (VALUES (1, 10.0::float8), (2, 15.0), (3, NULL), (4, 20.0), (5, 12.0)) v(i, v),
                      (VALUES ('mean'), ('median')) p(policy)) g USING (policy, unit)
      WHERE e.fn = 'minmax_scalar' GROUP BY e.policy) s
ORDER BY policy;

SELECT is(array_agg(z ORDER BY i), ARRAY[0, 0.5, NULL, 1]::float8[],
          'minmax_normalize(x float8): ''error'' (the default) and ''skip'' leave a NULL x NULL, as before')
FROM (SELECT i, minmax_normalize(v, missing => 'error') OVER () AS z
      FROM (VALUES (1, 10.0::float8), (2, 15.0), (3, NULL), (4, 20.0)) t(i, v)) s;
SELECT is(array_agg(z ORDER BY i), ARRAY[0, 0.5, NULL, 1]::float8[], 'minmax_normalize(x float8, missing => ''skip'')')
FROM (SELECT i, minmax_normalize(v, missing => 'skip') OVER () AS z
      FROM (VALUES (1, 10.0::float8), (2, 15.0), (3, NULL), (4, 20.0)) t(i, v)) s;

-- the default is today's behaviour: a NULL element is 22004, with the policy in its HINT
SELECT throws_ok($$ SELECT topsis(x) OVER () FROM mw_x $$, '22004', NULL, 'topsis: a NULL element is 22004 by default');
SELECT throws_ok($$ SELECT topsis_detail(x) OVER () FROM mw_x $$, '22004', NULL, 'topsis_detail: 22004 by default');
SELECT throws_ok($$ SELECT composite_index(x) OVER () FROM mw_x $$, '22004', NULL, 'composite_index: 22004 by default');
SELECT throws_ok($$ SELECT minmax_normalize(x) OVER () FROM mw_x $$, '22004', NULL, 'minmax_normalize(x[]): 22004 by default');
SELECT throws_ok($$ SELECT obstacle_degree(x, missing => 'error') OVER () FROM mw_x $$, '22004', NULL, 'obstacle_degree: 22004 with missing => ''error''');
CREATE FUNCTION pg_temp.mw_hint(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE h text;
BEGIN
  EXECUTE q;
  RETURN NULL;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
  RETURN h;
END $f$;
SELECT ok(pg_temp.mw_hint($$ SELECT topsis(x) OVER () FROM mw_x $$) LIKE '%missing => ''skip'', ''mean'' or ''median''%',
          'the HINT of a NULL element names the missing-value policy');
SELECT ok(pg_temp.mw_hint($$ SELECT topsis(x) OVER () FROM (VALUES (ARRAY[1, 2]::float8[]), (ARRAY[1]::float8[])) t(x) $$)
          LIKE '%indicator_vector(code, value, codes)%',
          'the HINT of a short x names indicator_vector');

-- bad policy names: 22023 on every function
SELECT throws_ok(format($$ SELECT %s OVER () FROM mw_x $$, c), '22023', NULL, 'bad policy name: ' || c)
FROM unnest(ARRAY['topsis(x, missing => ''average'')', 'topsis_detail(x, missing => ''average'')',
                  'composite_index(x, missing => ''nan'')', 'minmax_normalize(x, missing => ''zero'')',
                  'obstacle_degree(x, missing => ''drop'')',
                  'minmax_normalize(x[1], missing => ''interpolate'')']) c;
SELECT is((SELECT array_agg(round(t::numeric, 12) ORDER BY unit) FROM (SELECT unit, topsis(x, missing => 'MeDiAn') OVER () t FROM mw_x) s),
          (SELECT array_agg(round(t::numeric, 12) ORDER BY unit) FROM (SELECT unit, topsis(x, missing => 'median') OVER () t FROM mw_x) s),
          'policy names are case-insensitive');
SELECT throws_ok($$ SELECT topsis(x, missing => CASE WHEN unit = 'A' THEN 'mean' ELSE 'skip' END) OVER () FROM mw_x $$,
                 '22023', NULL, 'missing must be the same in every row of the partition');

-- an indicator with no observed value: mean and median have nothing to impute from
SELECT throws_ok($$ SELECT topsis(x, missing => 'mean') OVER () FROM (VALUES (ARRAY[1, NULL]::float8[]), (ARRAY[2, NULL])) t(x) $$,
                 '22004', 'topsis: indicator 2 has no observed value to impute from', 'all-missing indicator under mean: 22004');
SELECT throws_ok($$ SELECT composite_index(x, missing => 'median') OVER () FROM (VALUES (ARRAY[NULL, 1]::float8[]), (ARRAY[NULL, 2])) t(x) $$,
                 '22004', NULL, 'all-missing indicator under median: 22004');
SELECT throws_ok($$ SELECT minmax_normalize(v, missing => 'mean') OVER () FROM (VALUES (NULL::float8), (NULL)) t(v) $$,
                 '22004', NULL, 'minmax_normalize(x float8): an all-NULL partition under mean is 22004');
SELECT is((SELECT count(t) FROM (SELECT topsis(x, missing => 'skip') OVER () t FROM (VALUES (ARRAY[1, NULL]::float8[]), (ARRAY[2, NULL])) t(x)) s),
          0::bigint, 'all-missing indicator under skip: every row skipped, every result NULL');

-- NULL x, and an x with no observed element, take no part under every policy
SELECT is((SELECT array_agg(round(t::numeric, 12) ORDER BY unit) FROM
             (SELECT unit, topsis(x, missing => 'mean') OVER () t FROM
                (SELECT * FROM mw_x UNION ALL VALUES ('G', NULL::float8[]), ('H', ARRAY[NULL, NULL, NULL]::float8[])) u) s),
          (SELECT array_agg(round(t::numeric, 12) ORDER BY unit) FROM
             (SELECT unit, topsis(x, missing => 'mean') OVER () t FROM mw_x) s) || ARRAY[NULL, NULL]::numeric[],
          'a NULL x and an all-NULL x get NULL and change no other row''s score (mean)');

-- NaN is not missing: it is refused with every policy
SELECT throws_ok($$ SELECT topsis(x, missing => 'mean') OVER () FROM (VALUES (ARRAY[1, 'NaN']::float8[]), (ARRAY[2, NULL]), (ARRAY[3, 4])) t(x) $$,
                 '22023', NULL, 'a NaN element is 22023 under mean (write a missing value as NULL)');
SELECT throws_ok($$ SELECT topsis(x, missing => 'skip') OVER () FROM (VALUES (ARRAY[1, 'NaN']::float8[]), (ARRAY[2, 3])) t(x) $$,
                 '22023', NULL, 'a NaN element is 22023 under skip');

-- one-row partitions
SELECT is((SELECT topsis(x, missing => 'mean') OVER () FROM (VALUES (ARRAY[1, 2]::float8[])) t(x)), NULL::float8,
          'one row, mean: entropy weights undefined, closeness NULL');
SELECT is((SELECT minmax_normalize(x, missing => 'skip', shift => 0.1) OVER () FROM (VALUES (ARRAY[1, 2]::float8[])) t(x)), ARRAY[0.1, 0.1]::float8[],
          'one row: min-max scores 0 (no range) plus shift');
SELECT is((SELECT topsis(x, missing => 'skip') OVER () FROM (VALUES (ARRAY[1, NULL]::float8[])) t(x)), NULL::float8,
          'one row with a gap, skip: NULL');
SELECT throws_ok($$ SELECT topsis(x, missing => 'median') OVER () FROM (VALUES (ARRAY[1, NULL]::float8[])) t(x) $$,
                 '22004', NULL, 'one row with a gap, median: nothing to impute from, 22004');

-- shift
SELECT throws_ok($$ SELECT topsis(x, normalization => 'vector', shift => 0.01) OVER () FROM mw_x WHERE unit IN ('A', 'C') $$,
                 '22023', NULL, 'shift with normalization => ''vector'' is 22023');
SELECT throws_ok($$ SELECT composite_index(x, shift => -0.01) OVER () FROM mw_x WHERE unit IN ('A', 'C') $$,
                 '22023', NULL, 'a negative shift is 22023');
SELECT is((SELECT array_agg(t ORDER BY unit) FROM (SELECT unit, topsis(x, directions => ARRAY[1, -1, 1], shift => 0) OVER () t FROM mw_x WHERE unit IN ('A', 'C', 'D', 'F')) s),
          (SELECT array_agg(t ORDER BY unit) FROM (SELECT unit, topsis(x, directions => ARRAY[1, -1, 1]) OVER () t FROM mw_x WHERE unit IN ('A', 'C', 'D', 'F')) s),
          'shift => 0 gives the bits of no shift');

-- indicator_vector
SELECT is(indicator_vector(code, value, ARRAY['EC1', 'EC2', 'EC3']), ARRAY[3, NULL, 1]::float8[],
          'indicator_vector: in the order of codes, a missing indicator and a NULL value NULL')
FROM (VALUES ('EC3', 1.0::float8), ('EC1', 3.0), ('EC2', NULL)) t(code, value);
SELECT is(indicator_vector(code, value, ARRAY['EC1', 'EC2', 'EC3']), ARRAY[3, NULL, NULL]::float8[],
          'indicator_vector: a unit without a row for an indicator gets NULL there')
FROM (VALUES ('EC1', 3.0::float8)) t(code, value);
SELECT is((SELECT indicator_vector(code, value, ARRAY['a', 'b'])::text FROM (VALUES ('a', 'NaN'::float8)) t(code, value)),
          '{NaN,NULL}', 'indicator_vector: NaN stays NaN (not missing), no row stays NULL');
SELECT throws_ok($$ SELECT indicator_vector(code, value, ARRAY['EC1', 'EC2']) FROM (VALUES ('ec1', 1.0::float8)) t(code, value) $$,
                 '22023', 'indicator_vector: code "ec1" is not in codes', 'indicator_vector: codes are matched exactly (22023)');
SELECT throws_ok($$ SELECT indicator_vector(code, value, ARRAY['EC1', 'EC2']) FROM (VALUES ('EC1', 1.0::float8), ('EC1', 2.0)) t(code, value) $$,
                 '21000', 'indicator_vector: indicator "EC1" occurs more than once in the group', 'indicator_vector: a duplicate code is 21000');
SELECT throws_ok($$ SELECT indicator_vector(code, value, CASE WHEN value > 1 THEN ARRAY['a', 'b'] ELSE ARRAY['b', 'a'] END)
                    FROM (VALUES ('a', 1.0::float8), ('b', 2.0)) t(code, value) $$,
                 '22023', NULL, 'indicator_vector: codes must be the same in the group');
SELECT throws_ok($$ SELECT indicator_vector(code, value, ARRAY['a', NULL]) FROM (VALUES ('a', 1.0::float8)) t(code, value) $$,
                 '22004', NULL, 'indicator_vector: a NULL code in codes is 22004');
SELECT throws_ok($$ SELECT indicator_vector(code, value, ARRAY['a', 'a']) FROM (VALUES ('a', 1.0::float8)) t(code, value) $$,
                 '22023', NULL, 'indicator_vector: codes listing a code twice is 22023');
SELECT throws_ok($$ SELECT indicator_vector_finalfn(ARRAY[0, 1, 7]::float8[]) $$, '22P03', NULL, 'indicator_vector: a forged state is 22P03');
SELECT is((SELECT count(*) FROM (SELECT region_code, year, indicator_vector(indicator_code, value, ARRAY['EC1', 'EC2'])
                                 FROM synergy_sample.panel WHERE indicator_code IN ('EC1', 'EC2') GROUP BY 1, 2) s),
          (SELECT count(DISTINCT (region_code, year)) FROM synergy_sample.panel WHERE indicator_code IN ('EC1', 'EC2')),
          'indicator_vector over the sample: one vector per region and year');
-- equal to array_agg where nothing is missing
SELECT is((SELECT count(*) FROM (SELECT region_code, year,
                                        indicator_vector(indicator_code, value, ARRAY['EC1', 'EC2', 'EC3']) AS v,
                                        array_agg(value ORDER BY indicator_code) AS a
                                 FROM synergy_sample.panel WHERE indicator_code IN ('EC1', 'EC2', 'EC3')
                                 GROUP BY 1, 2) s WHERE v IS DISTINCT FROM a),
          0::bigint, 'indicator_vector equals array_agg(... ORDER BY code) on a complete panel');

-- through a parallel plan (partial aggregates merged by the combine function)
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL enable_hashagg = off;
CREATE FUNCTION pg_temp.mw_plan(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE r text;
BEGIN
  EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO r;
  RETURN r;
END $f$;
SELECT ok(pg_temp.mw_plan($$ SELECT indicator_vector(indicator_code, value, ARRAY['EC1', 'EC2', 'EC3']) FROM synergy_sample.panel $$)
          LIKE '%"Partial Mode": "Partial"%', 'a parallel plan with partial indicator_vector aggregates');
SELECT is((SELECT indicator_vector(indicator_code, value, ARRAY['EC1', 'EC2', 'EC3'])
           FROM synergy_sample.panel WHERE region_code = '320200' AND year = 2015 AND indicator_code IN ('EC1', 'EC2', 'EC3')),
          (SELECT array_agg(value ORDER BY indicator_code) FROM synergy_sample.panel
           WHERE region_code = '320200' AND year = 2015 AND indicator_code IN ('EC1', 'EC2', 'EC3')),
          'indicator_vector through a parallel plan equals array_agg');
SELECT throws_ok($$ SELECT indicator_vector(indicator_code, value, ARRAY['EC1', 'EC2', 'EC3'])
                    FROM synergy_sample.panel WHERE indicator_code IN ('EC1', 'EC2', 'EC3') $$,
                 '21000', NULL, 'a duplicate code in a parallel plan is 21000 too');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET enable_hashagg;

SELECT * FROM finish();
ROLLBACK;
