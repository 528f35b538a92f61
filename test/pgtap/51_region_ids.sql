-- Region ids of any integer or text type (issue 12 item 3) and Moran's I
-- with missing values (item 4): moran_i, moran_i_state, local_moran (window
-- and array forms), spatial_weights (id_type), spatial_weights_array (ids)
-- on Columbus; int and zero-padded text ids give the bigint results bit for
-- bit, the missing-value convention gives spdep's subset.listw numbers
-- (test/reference/make_moran_missing.R, stored below; no R at run time);
-- every error with its SQLSTATE, also as a role that may not read the table;
-- every documented call form resolves (no "function ... is not unique").
BEGIN;
SET client_min_messages = warning;
SELECT plan(102);

\i test/data/columbus.sql
CREATE TEMP TABLE colt AS
SELECT polyid, polyid::bigint AS bid, polyid::smallint AS sid, 'C' || lpad(polyid::text, 2, '0') AS code,
       'n' || polyid AS name, crime, geom
FROM sy_columbus;
CREATE INDEX ON colt USING gist (geom);
-- CRIME missing for 5 regions; 2 and 3 are all of region 1's neighbours
CREATE TEMP VIEW miss AS
SELECT polyid, code, CASE WHEN polyid IN (2, 3, 17, 30, 41) THEN NULL ELSE crime END AS crime, geom FROM colt;

-- BEGIN reference (test/reference/make_moran_missing.R, R spdep 1.2)
CREATE TEMP TABLE ref_g (name text, quantity text, want float8);
INSERT INTO ref_g VALUES
('columbus_queen_missing_w', 'n', 44),
('columbus_queen_missing_w', 'i', 0.479786195568018),
('columbus_queen_missing_w', 'expected', -0.0238095238095238),
('columbus_queen_missing_w', 'variance_randomisation', 0.010286299733584),
('columbus_queen_missing_w', 'z_randomisation', 4.96537944803752),
('columbus_queen_missing_w', 'variance_normal', 0.0101019609119511),
('columbus_queen_missing_w', 'z_normal', 5.01047832829051),
('columbus_queen_missing_b', 'n', 44),
('columbus_queen_missing_b', 'i', 0.48317217909401),
('columbus_queen_missing_b', 'expected', -0.0238095238095238),
('columbus_queen_missing_b', 'variance_randomisation', 0.00855598733715204),
('columbus_queen_missing_b', 'z_randomisation', 5.48096740363538),
('columbus_queen_missing_b', 'variance_normal', 0.00840812006033903),
('columbus_queen_missing_b', 'z_normal', 5.52895217855883),
('columbus_queen_missing_old', 'i', 0.475455666855736);
CREATE TEMP TABLE ref_l (name text, id int, ii float8, e_ii float8, var_ii float8, z_ii float8);
INSERT INTO ref_l VALUES
('columbus_queen_missing_b', 1, -0, -0, 0, NULL),
('columbus_queen_missing_b', 4, -0.195835840645014, -0.00134302345875656, 0.0576473183657885, -0.810054077110678),
('columbus_queen_missing_b', 5, 2.73795024171783, -0.147795173105223, 5.45630242480503, 1.23540341458023),
('columbus_queen_missing_b', 6, -0.372141197490121, -0.0144208008264289, 0.614941552977543, -0.456170066161741),
('columbus_queen_missing_b', 7, -7.63552557314475, -0.426549296850285, 15.569154465739, -1.82701066544274),
('columbus_queen_missing_b', 8, 0.4644703990356, -0.0055615558157181, 0.215376673403578, 1.01281016579828),
('columbus_queen_missing_b', 9, -0.248481389414774, -0.0150581619680425, 0.55109334271972, -0.314435438394755),
('columbus_queen_missing_b', 10, 0.178869887476568, -0.000353640465602419, 0.0148174726190626, 1.47233947210065),
('columbus_queen_missing_b', 11, 7.46172437396958, -0.320184530822195, 11.9301540857001, 2.25300998359561),
('columbus_queen_missing_b', 12, 3.9152619397752, -0.242568559604336, 9.02229751694636, 1.38422984450955),
('columbus_queen_missing_b', 13, 0.507193642245268, -0.0465058010965345, 1.87800280883018, 0.404041493862881),
('columbus_queen_missing_b', 14, 3.76930751581961, -0.250754436061144, 9.31350910268486, 1.31727386140034),
('columbus_queen_missing_b', 15, 4.5074000772309, -0.0941620803028477, 3.59262120113018, 2.42772549194247),
('columbus_queen_missing_b', 16, 10.1427725771894, -0.269793268666263, 9.55880631526551, 3.36787473428749),
('columbus_queen_missing_b', 18, 2.111763097535, -0.0269772678199769, 1.09478040407324, 2.04406432488488),
('columbus_queen_missing_b', 19, 2.45364349916809, -0.0979411104920502, 3.9702089826909, 1.28056990206243),
('columbus_queen_missing_b', 20, 3.78042878410649, -0.95723967891343, 30.4695200099802, 0.858285666089278),
('columbus_queen_missing_b', 21, -0.148186450985821, -0.00420073051745907, 0.180052405667384, -0.339328204938188),
('columbus_queen_missing_b', 22, -0.0242692242998375, -0.00111271736196264, 0.043123045634321, -0.111511160482934),
('columbus_queen_missing_b', 23, 2.88560356057751, -0.0398110400417257, 1.67594093759932, 2.25973790149505),
('columbus_queen_missing_b', 24, 1.22639618483617, -0.00513367022380676, 0.198820577405708, 2.7619402507399),
('columbus_queen_missing_b', 25, 8.29573572475968, -0.416556320543851, 14.7752453053916, 2.26654880487542),
('columbus_queen_missing_b', 26, 1.75717698614659, -0.0176192179413232, 0.680948927277455, 2.1507563863785),
('columbus_queen_missing_b', 27, -0.517771510380655, -0.108320331959686, 4.30581205669808, -0.197321582874049),
('columbus_queen_missing_b', 28, 8.99307604876876, -0.371121918837817, 12.6739132888469, 2.63036017674318),
('columbus_queen_missing_b', 29, 7.92301745374264, -0.342212615354585, 12.5082484243494, 2.33698915999708),
('columbus_queen_missing_b', 31, 3.15178303115074, -0.0799226059652975, 3.25991383424469, 1.78989986505535),
('columbus_queen_missing_b', 32, 4.13932148740648, -0.067063859270279, 2.74747197777364, 2.53771250677494),
('columbus_queen_missing_b', 33, 0.215564705788174, -0.0161335617525924, 0.656512542354494, 0.285957355916422),
('columbus_queen_missing_b', 34, 2.18436439787249, -0.0436362650490701, 1.76340385209609, 1.67779703718625),
('columbus_queen_missing_b', 35, -0.217255104305744, -0.00981142086854538, 0.369512083152949, -0.34126039807878),
('columbus_queen_missing_b', 36, 6.41111062250649, -0.189522976791854, 7.25883612847579, 2.4499212783797),
('columbus_queen_missing_b', 37, 1.67076559202512, -0.0230931052535728, 0.915079507212984, 1.77071131949818),
('columbus_queen_missing_b', 38, 3.53880404196867, -0.179812539998881, 6.7609980160975, 1.43013158169875),
('columbus_queen_missing_b', 39, 3.42878088994637, -0.0674389127059106, 2.76248386397275, 2.1035306934761),
('columbus_queen_missing_b', 40, 3.84848338791268, -0.124782728014413, 4.93922186765081, 1.78779774909058),
('columbus_queen_missing_b', 42, 2.24179988369319, -0.0607498271766766, 2.53009094742677, 1.44757458227036),
('columbus_queen_missing_b', 43, 0.0336099517466562, -0.00117546769741867, 0.0455544405603677, 0.162979088913513),
('columbus_queen_missing_b', 44, -0.100525446468186, -0.0368841628241883, 1.45750925274756, -0.0527148858635878),
('columbus_queen_missing_b', 45, 0.284113915463398, -0.0131187939731056, 0.534238532757659, 0.406657696104871),
('columbus_queen_missing_b', 46, 2.57733388564471, -0.0604986374575345, 2.51995583767446, 1.66169285956),
('columbus_queen_missing_b', 47, 0.520409002654506, -0.00469524442802718, 0.205620760742684, 1.15800930767151),
('columbus_queen_missing_b', 48, 0.844436484491021, -0.0252895278885283, 1.0267252029043, 0.858332087090241),
('columbus_queen_missing_b', 49, 1.12808422526481, -0.0416429836112039, 1.72081643205747, 0.891697029445741),
('columbus_queen_missing_w', 1, -0, -0, 0, NULL),
('columbus_queen_missing_w', 4, -0.0979179203225071, -0.000671511729378279, 0.0144118295914471, -0.810054077110678),
('columbus_queen_missing_w', 5, 0.391135748816833, -0.021113596157889, 0.111353110710307, 1.23540341458023),
('columbus_queen_missing_w', 6, -0.186070598745061, -0.00721040041321445, 0.153735388244386, -0.456170066161741),
('columbus_queen_missing_w', 7, -1.90888139328619, -0.106637324212571, 0.973072154108689, -1.82701066544274),
('columbus_queen_missing_w', 8, 0.0774117331726001, -0.00092692596928635, 0.00598268537232161, 1.01281016579828),
('columbus_queen_missing_w', 9, -0.0310601736768468, -0.00188227024600532, 0.00861083347999563, -0.314435438394755),
('columbus_queen_missing_w', 10, 0.0596232958255225, -0.000117880155200806, 0.00164638584656251, 1.47233947210065),
('columbus_queen_missing_w', 11, 1.49234487479392, -0.064036906164439, 0.477206163428004, 2.25300998359561),
('columbus_queen_missing_w', 12, 0.6525436566292, -0.0404280932673894, 0.250619375470732, 1.38422984450955),
('columbus_queen_missing_w', 13, 0.126798410561317, -0.0116264502741336, 0.117375175551887, 0.404041493862881),
('columbus_queen_missing_w', 14, 0.628217919303268, -0.0417924060101907, 0.258708586185691, 1.31727386140034),
('columbus_queen_missing_w', 15, 0.75123334620515, -0.0156936800504746, 0.0997950333647273, 2.42772549194247),
('columbus_queen_missing_w', 16, 1.26784657214868, -0.0337241585832828, 0.149356348676024, 3.36787473428749),
('columbus_queen_missing_w', 18, 0.527940774383749, -0.00674431695499422, 0.0684237752545776, 2.04406432488488),
('columbus_queen_missing_w', 19, 0.817881166389362, -0.0326470368306834, 0.441134331410099, 1.28056990206243),
('columbus_queen_missing_w', 20, 0.420047642678499, -0.106359964323714, 0.37616691370346, 0.858285666089278),
('columbus_queen_missing_w', 21, -0.0740932254929103, -0.00210036525872954, 0.045013101416846, -0.339328204938188),
('columbus_queen_missing_w', 22, -0.00404487071663959, -0.000185452893660439, 0.00119786237873114, -0.111511160482934),
('columbus_queen_missing_w', 23, 1.44280178028876, -0.0199055200208629, 0.418985234399829, 2.25973790149505),
('columbus_queen_missing_w', 24, 0.204399364139361, -0.000855611703967793, 0.00552279381682523, 2.7619402507399),
('columbus_queen_missing_w', 25, 1.1851051035371, -0.0595080457919788, 0.30153561847738, 2.26654880487542),
('columbus_queen_missing_w', 26, 0.292862831024432, -0.00293653632355386, 0.0189152479799293, 2.1507563863785),
('columbus_queen_missing_w', 27, -0.129442877595164, -0.0270800829899216, 0.26911325354363, -0.197321582874049),
('columbus_queen_missing_w', 28, 0.999230672085418, -0.0412357687597575, 0.156468065294407, 2.63036017674318),
('columbus_queen_missing_w', 29, 1.32050290895711, -0.0570354358924309, 0.347451345120817, 2.33698915999708),
('columbus_queen_missing_w', 31, 1.05059434371691, -0.0266408686550992, 0.36221264824941, 1.78989986505535),
('columbus_queen_missing_w', 32, 1.37977382913549, -0.0223546197567597, 0.305274664197071, 2.53771250677494),
('columbus_queen_missing_w', 33, 0.0538911764470434, -0.0040333904381481, 0.0410320338971559, 0.285957355916422),
('columbus_queen_missing_w', 34, 0.546091099468123, -0.0109090662622675, 0.110212740756005, 1.67779703718625),
('columbus_queen_missing_w', 35, -0.0310364434722491, -0.00140163155264934, 0.00754106292148876, -0.34126039807878),
('columbus_queen_missing_w', 36, 1.2822221245013, -0.0379045953583707, 0.290353445139032, 2.4499212783797),
('columbus_queen_missing_w', 37, 0.334153118405024, -0.00461862105071457, 0.0366031802885194, 1.77071131949818),
('columbus_queen_missing_w', 38, 0.589800673661445, -0.0299687566664802, 0.187805500447153, 1.43013158169875),
('columbus_queen_missing_w', 39, 1.14292696331546, -0.0224796375686369, 0.306942651552528, 2.1035306934761),
('columbus_queen_missing_w', 40, 0.962120846978169, -0.0311956820036032, 0.308701366728176, 1.78779774909058),
('columbus_queen_missing_w', 42, 1.1208999418466, -0.0303749135883383, 0.632522736856691, 1.44757458227036),
('columbus_queen_missing_w', 43, 0.00560165862444271, -0.000195911282903111, 0.00126540112667688, 0.162979088913513),
('columbus_queen_missing_w', 44, -0.0201050892936372, -0.00737683256483767, 0.0583003701099023, -0.0527148858635879),
('columbus_queen_missing_w', 45, 0.0710284788658496, -0.00327969849327639, 0.0333899082973537, 0.406657696104871),
('columbus_queen_missing_w', 46, 1.28866694282235, -0.0302493187287672, 0.629988959418616, 1.66169285956),
('columbus_queen_missing_w', 47, 0.520409002654506, -0.00469524442802718, 0.205620760742684, 1.15800930767151),
('columbus_queen_missing_w', 48, 0.211109121122755, -0.00632238197213207, 0.064170325181519, 0.858332087090241),
('columbus_queen_missing_w', 49, 0.376028075088271, -0.013880994537068, 0.191201825784163, 0.891697029445741);
-- END reference
CREATE FUNCTION pg_temp.near(a float8, b float8, rel float8) RETURNS bool
LANGUAGE sql IMMUTABLE AS $$SELECT a IS NOT NULL AND b IS NOT NULL AND abs(a - b) <= rel * greatest(abs(b), 1e-300)$$;

------------------------------------------------------------------------------
-- spatial_weights: id types, case-insensitive options
------------------------------------------------------------------------------

CREATE TEMP TABLE w_big AS SELECT * FROM spatial_weights('colt', 'polyid', 'geom');
CREATE TEMP TABLE w_int AS SELECT * FROM spatial_weights('colt', 'polyid', 'geom', id_type => NULL::int);
CREATE TEMP TABLE w_txt AS SELECT * FROM spatial_weights('colt', 'code', 'geom', id_type => NULL::text);
SELECT is((SELECT array_agg(DISTINCT pg_typeof(id)::text) || array_agg(DISTINCT pg_typeof(neighbours)::text) FROM w_int),
          ARRAY['integer', 'integer[]'], 'spatial_weights(..., id_type => NULL::int): int ids and int[] neighbours');
SELECT is((SELECT array_agg(DISTINCT pg_typeof(id)::text) || array_agg(DISTINCT pg_typeof(neighbours)::text) FROM w_txt),
          ARRAY['text', 'text[]'], 'spatial_weights(..., id_type => NULL::text): text ids and text[] neighbours');
SELECT set_eq('SELECT id, neighbours::bigint[], weights FROM w_int', 'SELECT id, neighbours, weights FROM w_big',
              'int ids: the bigint lists, weights bit for bit');
SELECT set_eq($$SELECT 'C' || lpad(id::text, 2, '0'), (SELECT array_agg('C' || lpad(n::text, 2, '0') ORDER BY n) FROM unnest(neighbours) n), weights FROM w_big$$,
              'SELECT id, neighbours, weights FROM w_txt', 'text ids (zero-padded codes): the bigint lists, weights bit for bit');
SELECT set_eq($$SELECT * FROM spatial_weights('colt', 'sid', 'geom')$$, 'SELECT * FROM w_big',
              'spatial_weights takes a smallint id column (bigint ids)');
SELECT set_eq($$SELECT * FROM spatial_weights('colt', 'bid', 'geom', id_type => NULL::bigint)$$, 'SELECT * FROM w_big',
              'id_type => NULL::bigint is the bigint form');
SELECT set_eq($$SELECT id, neighbours, weights FROM spatial_weights('colt', 'polyid', 'geom', id_type => NULL::text)$$,
              $$SELECT id::text, (SELECT array_agg(n::text ORDER BY n::text COLLATE "C") FROM unnest(neighbours) n), weights FROM w_big$$,
              'id_type => NULL::text over an int column: the ids as text, neighbours in byte order');
SELECT set_eq($$SELECT * FROM spatial_weights('colt', 'polyid', 'geom', 'Queen', 4, NULL, 'ROW')$$, 'SELECT * FROM w_big',
              'method and style are case-insensitive: ''Queen'', ''ROW''');
SELECT set_eq($$SELECT * FROM spatial_weights('colt', 'polyid', 'geom', 'ROOK', style => 'Binary')$$,
              $$SELECT * FROM spatial_weights('colt', 'polyid', 'geom', 'rook', style => 'binary')$$,
              '''ROOK'' and ''Binary'' are ''rook'' and ''binary''');
SELECT set_eq($$SELECT id, neighbours FROM spatial_weights('colt', 'code', 'geom', id_type => NULL::text, method => 'KNN', k => 3)$$,
              $$SELECT 'C' || lpad(id::text, 2, '0'), (SELECT array_agg('C' || lpad(n::text, 2, '0') ORDER BY n) FROM unnest(neighbours) n)
                  FROM spatial_weights('colt', 'polyid', 'geom', 'knn', 3)$$,
              'knn with text ids: the lists of the bigint form (ties broken in the same order for zero-padded codes)');
SELECT set_eq($$SELECT id, cardinality(neighbours) FROM spatial_weights('colt', 'name', 'geom', id_type => NULL::text, method => 'Distance', distance => 0.5)$$,
              $$SELECT 'n' || id, cardinality(neighbours) FROM spatial_weights('colt', 'polyid', 'geom', 'distance', distance => 0.5)$$,
              'distance band with text ids: the same neighbour counts');
SELECT set_eq($$SELECT * FROM spatial_weights_array((SELECT array_agg(geom ORDER BY polyid) FROM colt), 'Queen')$$,
              $$SELECT * FROM spatial_weights_array((SELECT array_agg(geom ORDER BY polyid) FROM colt), 'queen')$$,
              'spatial_weights_array: ''Queen'' is ''queen''');
SELECT set_eq($$SELECT * FROM spatial_weights_array((SELECT array_agg(geom ORDER BY polyid) FROM colt), (SELECT array_agg(code ORDER BY polyid) FROM colt))$$,
              'SELECT * FROM w_txt', 'spatial_weights_array(geom, ids => text[]): the lists of spatial_weights with text ids');
SELECT set_eq($$SELECT * FROM spatial_weights_array((SELECT array_agg(geom ORDER BY polyid) FROM colt), ids => (SELECT array_agg(polyid ORDER BY polyid) FROM colt))$$,
              'SELECT * FROM w_int', 'spatial_weights_array(geom, ids => int[]): int ids');
SELECT set_eq($$SELECT * FROM spatial_weights_array((SELECT array_agg(geom ORDER BY polyid) FROM colt), ids => (SELECT array_agg(bid ORDER BY polyid) FROM colt), method => 'Rook')$$,
              $$SELECT * FROM spatial_weights('colt', 'polyid', 'geom', 'rook')$$, 'spatial_weights_array(geom, ids => bigint[], method => ''Rook'')');

------------------------------------------------------------------------------
-- moran_i, moran_i_state, local_moran: int and text ids
------------------------------------------------------------------------------

CREATE TEMP TABLE g AS
SELECT 'bigint' AS k, moran_i(c.crime, w.id, w.neighbours, w.weights, 99, 7) AS m FROM colt c JOIN w_big w ON w.id = c.polyid
UNION ALL SELECT 'int', moran_i(c.crime, w.id, w.neighbours, w.weights, 99, 7) FROM colt c JOIN w_int w ON w.id = c.polyid
UNION ALL SELECT 'text', moran_i(c.crime, w.id, w.neighbours, w.weights, 99, 7) FROM colt c JOIN w_txt w ON w.id = c.code
UNION ALL SELECT 'int4', moran_i(c.crime, w.id, w.neighbours, w.weights) FROM colt c JOIN w_int w ON w.id = c.polyid
UNION ALL SELECT 'text4', moran_i(c.crime, w.id, w.neighbours, NULL) FROM colt c JOIN w_txt w ON w.id = c.code
UNION ALL SELECT 'big4', moran_i(c.crime, w.id, w.neighbours, NULL) FROM colt c JOIN w_big w ON w.id = c.polyid;
SELECT is((SELECT m::text FROM g WHERE k = 'int'), (SELECT m::text FROM g WHERE k = 'bigint'),
          'moran_i with int ids: the bigint result bit for bit, permutation p value included');
SELECT is((SELECT m::text FROM g WHERE k = 'text'), (SELECT m::text FROM g WHERE k = 'bigint'),
          'moran_i with zero-padded text ids (same order): the bigint result bit for bit, permutation p value included');
SELECT is((SELECT m::text FROM g WHERE k = 'text4'), (SELECT m::text FROM g WHERE k = 'big4'),
          'moran_i(value, text id, text[] neighbours, NULL): the bigint result');
SELECT ok((SELECT pg_temp.near((m).i, 0.500188557182861, 1e-13) FROM g WHERE k = 'int4'), 'moran_i with int ids: spdep''s I (queen, W)');
-- text ids in another order than the integers ('n10' < 'n2'): the sums run in another order
SELECT ok((SELECT pg_temp.near((t.m).i, (b.m).i, 1e-14) AND pg_temp.near((t.m).z_randomisation, (b.m).z_randomisation, 1e-13)
                  AND (t.m).n = (b.m).n
             FROM g b, (SELECT moran_i(c.crime, w.id, w.neighbours, w.weights) AS m
                          FROM colt c JOIN spatial_weights('colt', 'name', 'geom', id_type => NULL::text) w ON w.id = c.name) t
            WHERE b.k = 'big4'),
          'moran_i with text ids in another order (n1, n10, n11, ...): the bigint result within 1e-14');
SELECT is((SELECT moran_i_final(moran_i_merge(s))::text FROM
             (SELECT moran_i_state(c.crime, w.id, w.neighbours, w.weights, 99, 7) AS s FROM colt c JOIN w_txt w ON w.id = c.code
               GROUP BY c.polyid % 4) p),
          (SELECT m::text FROM g WHERE k = 'text'),
          'moran_i_state with text ids: 4 states merged (ids linked across states) give the aggregate''s bits');
SELECT is((SELECT moran_i_final(moran_i_merge(s))::text FROM
             (SELECT moran_i_state(c.crime, w.id, w.neighbours, w.weights, 99, 7) AS s FROM colt c JOIN w_int w ON w.id = c.polyid
               GROUP BY c.polyid % 3) p),
          (SELECT m::text FROM g WHERE k = 'bigint'),
          'moran_i_state with int ids: 3 states merged give the bigint aggregate''s bits');
SELECT is((SELECT moran_i_final(moran_i_merge(s))::text FROM
             (SELECT moran_i_state(c.crime, w.id, w.neighbours, w.weights) AS s FROM colt c JOIN w_int w ON w.id = c.polyid WHERE c.polyid <= 20
              UNION ALL
              SELECT moran_i_state(c.crime, w.id, w.neighbours, w.weights) FROM colt c JOIN w_big w ON w.id = c.polyid WHERE c.polyid > 20) p),
          (SELECT m::text FROM g WHERE k = 'int4'),
          'a state of int ids merges with one of bigint ids');
SELECT throws_ok($$SELECT moran_i_merge(s) FROM
                    (SELECT moran_i_state(c.crime, w.id, w.neighbours, w.weights) AS s FROM colt c JOIN w_int w ON w.id = c.polyid
                     UNION ALL
                     SELECT moran_i_state(c.crime, w.id, w.neighbours, w.weights) FROM colt c JOIN w_txt w ON w.id = c.code) p$$,
                 '22023', NULL, 'states of int and of text ids do not merge: 22023');
-- kind 6 version 2, payload 146 bytes: permutations 9, seed 42, rows 2,
-- regions 2, links 2; ids 0 1 (indexes of the strings); values 1.5 -2;
-- offsets 0 1 2; neighbours 1 0; weights NaN NaN; 2 strings: "a", "b"
SELECT is(moran_i_state(v, id, nb, NULL, 9, 42),
          ('\x5359010602000000 92000000 0900000000000000 2a00000000000000 0200000000000000 0200000000000000 0200000000000000'
           ' 0000000000000000 0100000000000000 000000000000f83f 00000000000000c0'
           ' 0000000000000000 0100000000000000 0200000000000000 0100000000000000 0000000000000000'
           ' 000000000000f87f 000000000000f87f 0200000000000000 01000000 61 01000000 62')::bytea,
          'golden moran_i state with text ids')
FROM (VALUES (1.5::float8, 'a'::text, '{b}'::text[]), (-2, 'b', '{a}')) v(v, id, nb);
CREATE TEMP TABLE tgood AS
SELECT moran_i_state(v, id, nb, NULL, 9, 42) AS s FROM (VALUES (1.5::float8, 'a'::text, '{b}'::text[]), (-2, 'b', '{a}')) v(v, id, nb);
SELECT throws_ok($$SELECT moran_i_final(overlay(s PLACING '\x0500000000000000'::bytea FROM 53 FOR 8)) FROM tgood$$, '22P03', NULL,
                 'text state: a region''s string index out of range: 22P03');
SELECT throws_ok($$SELECT moran_i_final(overlay(s PLACING '\x61'::bytea FROM 158 FOR 1)) FROM tgood$$, '22P03', NULL,
                 'text state: the same string twice: 22P03');
SELECT throws_ok($$SELECT moran_i_final(overlay(s PLACING '\xff'::bytea FROM 158 FOR 1)) FROM tgood$$, '22P03', NULL,
                 'text state: a string that is not valid UTF-8: 22P03');
SELECT throws_ok($$SELECT moran_i_final(overlay(s PLACING '\x09000000'::bytea FROM 154 FOR 4)) FROM tgood$$, '22P03', NULL,
                 'text state: a string length beyond the bytes: 22P03');
SELECT throws_ok($$SELECT moran_i_final(substr(s, 1, length(s) - 1)) FROM tgood$$, '22P03', NULL, 'text state: truncated: 22P03');
SELECT throws_ok($$SELECT moran_i_final(overlay(s PLACING '\x01'::bytea FROM 5 FOR 1)) FROM tgood$$, '22P03', NULL,
                 'a moran_i state of kind version 1 is rejected: 22P03');

CREATE TEMP TABLE l AS
SELECT c.polyid, (local_moran(c.crime, w.id, w.neighbours, w.weights, 99, 7) OVER ())::text AS r FROM colt c JOIN w_big w ON w.id = c.polyid;
SELECT set_eq($$SELECT c.polyid, (local_moran(c.crime, w.id, w.neighbours, w.weights, 99, 7) OVER ())::text FROM colt c JOIN w_int w ON w.id = c.polyid$$,
              'SELECT * FROM l', 'local_moran with int ids: the bigint results bit for bit (conditional permutations included)');
SELECT set_eq($$SELECT c.polyid, (local_moran(c.crime, w.id, w.neighbours, w.weights, 99, 7) OVER ())::text FROM colt c JOIN w_txt w ON w.id = c.code$$,
              'SELECT * FROM l', 'local_moran with zero-padded text ids: the bigint results bit for bit');
SELECT set_eq($$SELECT l.id, l.i, l.z, l.quadrant FROM local_moran((SELECT array_agg(crime ORDER BY polyid) FROM colt),
                   (SELECT array_agg(geom ORDER BY polyid) FROM colt), ids => (SELECT array_agg(code ORDER BY polyid) FROM colt)) l$$,
              $$SELECT 'C' || lpad(l.ord::text, 2, '0'), l.i, l.z, l.quadrant FROM local_moran((SELECT array_agg(crime ORDER BY polyid) FROM colt),
                   (SELECT array_agg(geom ORDER BY polyid) FROM colt)) l$$,
              'local_moran(value[], geom[], ids => text[]): the rows of the positional form, named by id');
SELECT is((SELECT array_agg(DISTINCT pg_typeof(l.id)::text) FROM local_moran((SELECT array_agg(crime ORDER BY polyid) FROM colt),
             (SELECT array_agg(geom ORDER BY polyid) FROM colt), (SELECT array_agg(polyid ORDER BY polyid) FROM colt), 'Rook') l),
          ARRAY['integer'], 'local_moran(value[], geom[], int[] ids, ''Rook''): int ids');

------------------------------------------------------------------------------
-- Missing values: spdep's subset.listw (item 4)
------------------------------------------------------------------------------

CREATE TEMP TABLE mg AS
SELECT 'given W' AS k, moran_i(c.crime, w.id, w.neighbours, w.weights) AS m FROM miss c JOIN w_big w ON w.id = c.polyid
UNION ALL SELECT 'NULL W', moran_i(c.crime, w.id, w.neighbours, NULL) FROM miss c JOIN w_big w ON w.id = c.polyid
UNION ALL SELECT 'text W', moran_i(c.crime, w.id, w.neighbours, w.weights) FROM miss c JOIN w_txt w ON w.id = c.code
UNION ALL SELECT 'array W', moran_i(array_agg(crime ORDER BY polyid), array_agg(geom ORDER BY polyid)) FROM miss
UNION ALL SELECT 'given B', moran_i(c.crime, w.id, w.neighbours, w.weights) FROM miss c
          JOIN spatial_weights('colt', 'polyid', 'geom', style => 'binary') w ON w.id = c.polyid
UNION ALL SELECT 'array B', moran_i(array_agg(crime ORDER BY polyid), array_agg(geom ORDER BY polyid), style => 'Binary') FROM miss;
SELECT ok(bool_and(pg_temp.near(CASE r.quantity WHEN 'n' THEN (g.m).n WHEN 'i' THEN (g.m).i WHEN 'expected' THEN (g.m).expected
                                  WHEN 'variance_randomisation' THEN (g.m).variance_randomisation
                                  WHEN 'z_randomisation' THEN (g.m).z_randomisation
                                  WHEN 'variance_normal' THEN (g.m).variance_normal
                                  WHEN 'z_normal' THEN (g.m).z_normal END, r.want, 1e-12)),
          'moran_i with 5 values missing, ' || g.k || ': spdep''s subset.listw + moran.test (1e-12 relative)')
FROM mg g JOIN ref_g r ON r.name = CASE WHEN g.k LIKE '%W' THEN 'columbus_queen_missing_w' ELSE 'columbus_queen_missing_b' END
GROUP BY g.k ORDER BY g.k;
SELECT is((SELECT (m).islands FROM mg WHERE k = 'given W'), 1::bigint, 'region 1 lost both its neighbours: an island, as in spdep (zero.policy)');
SELECT ok((SELECT NOT pg_temp.near((m).i, 0.475455666855736, 1e-6) FROM mg WHERE k = 'given W'),
          'not the old answer (row weights kept as given: I = 0.4755, 0.9 % away)');
CREATE TEMP TABLE ml AS
SELECT 'W' AS st, c.polyid, local_moran(c.crime, w.id, w.neighbours, w.weights) OVER () AS r FROM miss c JOIN w_big w ON w.id = c.polyid
UNION ALL
SELECT 'B', c.polyid, local_moran(c.crime, w.id, w.neighbours, w.weights) OVER () FROM miss c
  JOIN spatial_weights('colt', 'polyid', 'geom', style => 'binary') w ON w.id = c.polyid
UNION ALL
SELECT 'W array', ord::int, ROW(l.i, l.expected, l.variance, l.z, l.p, l.quadrant)::local_moran_result
  FROM local_moran((SELECT array_agg(crime ORDER BY polyid) FROM miss), (SELECT array_agg(geom ORDER BY polyid) FROM miss)) l;
SELECT is((SELECT count(*) FROM ml m JOIN ref_l r ON r.id = m.polyid
            AND r.name = CASE WHEN m.st LIKE 'W%' THEN 'columbus_queen_missing_w' ELSE 'columbus_queen_missing_b' END
           WHERE pg_temp.near((m.r).i, r.ii, 1e-11) OR (r.ii = 0 AND (m.r).i = 0)),
          132::bigint, 'local_moran with 5 values missing: spdep''s localmoran I_i on the subset for all 44 regions, W, B and the array form (1e-11)');
SELECT is((SELECT count(*) FROM ml m JOIN ref_l r ON r.id = m.polyid
            AND r.name = CASE WHEN m.st LIKE 'W%' THEN 'columbus_queen_missing_w' ELSE 'columbus_queen_missing_b' END
           WHERE r.z_ii IS NULL OR pg_temp.near((m.r).z, r.z_ii, 1e-10)),
          132::bigint, 'local_moran with 5 values missing: spdep''s z_i for all 44 regions (1e-10)');
SELECT is((SELECT count(*) FROM ml WHERE r IS NULL), 15::bigint, 'the 5 regions without a value get NULL (in each of the 3 forms)');

------------------------------------------------------------------------------
-- Errors: synergy's own, with their SQLSTATEs
------------------------------------------------------------------------------

SELECT throws_ok($$SELECT * FROM spatial_weights('colt', 'code', 'geom')$$, '42804',
                 'spatial_weights: id column colt.code is text, not an integer', 'a text id column in the bigint form: 42804');
CREATE FUNCTION pg_temp.hint_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE h text;
BEGIN
	EXECUTE q;
	RETURN NULL;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
	RETURN h;
END $$;
SELECT is(pg_temp.hint_of($$SELECT * FROM spatial_weights('colt', 'code', 'geom')$$),
          'For text ids, ask for them: spatial_weights(''colt'', ''code'', ''geom'', id_type => NULL::text).',
          'its HINT shows the call that returns text ids');
SELECT throws_ok($$SELECT * FROM spatial_weights('colt', 'nosuch', 'geom', id_type => NULL::text)$$, '42703', NULL, 'a missing id column: 42703');
SELECT throws_ok($$SELECT * FROM spatial_weights('colt', 'polyid', 'Geom')$$, '42703', NULL, 'a missing geometry column: 42703');
SELECT throws_ok($$SELECT * FROM spatial_weights('colt', 'crime', 'geom', id_type => NULL::text)$$, '42804', NULL,
                 'a float8 id column: 42804');
SELECT throws_ok($$SELECT * FROM spatial_weights('colt', 'bid', 'geom', id_type => NULL::int)$$, '42804', NULL,
                 'a bigint column for int ids: 42804');
SELECT throws_ok($$SELECT * FROM spatial_weights('colt', 'code', 'geom', id_type => NULL::varchar)$$, '42804', NULL,
                 'id_type varchar (not one moran_i takes): 42804');
SELECT throws_ok($$SELECT * FROM spatial_weights('colt', 'polyid', 'crime')$$, '42804', NULL, 'a geometry column that is not a geometry: 42804');
SELECT throws_ok($$SELECT * FROM spatial_weights('no_such_table', 'polyid', 'geom')$$, '42P01', NULL, 'a missing relation: 42P01');
SELECT throws_ok($$SELECT * FROM spatial_weights(4000000000::oid::regclass, 'polyid', 'geom', id_type => NULL::text)$$, '42P01', NULL,
                 'a relation that is no longer there: 42P01');
SELECT throws_ok($$SELECT * FROM spatial_weights('colt', 'polyid', 'geom', 'hexagon')$$, '22023', NULL, 'an unknown method: 22023');
SELECT throws_ok($$SELECT * FROM spatial_weights('colt', 'polyid', 'geom', NULL::text)$$, '22023', NULL,
                 'a positional NULL::text is the method (HINT: pass id_type by name): 22023');
SELECT throws_ok($$SELECT * FROM spatial_weights_array((SELECT array_agg(geom) FROM colt), ARRAY['a', 'b'])$$, '2202E', NULL,
                 'spatial_weights_array: ids of another length: 2202E');
SELECT throws_ok($$SELECT * FROM spatial_weights_array(ARRAY['POINT(0 0)'::geometry, 'POINT(1 1)'], ARRAY['a', 'a'])$$, '22023', NULL,
                 'spatial_weights_array: ids twice: 22023');
SELECT throws_ok($$SELECT * FROM spatial_weights_array(ARRAY['POINT(0 0)'::geometry, 'POINT(1 1)'], ARRAY[1, NULL])$$, '22004', NULL,
                 'spatial_weights_array: a NULL id: 22004');
-- the length and the NULLs are checked from the array's header and bitmap
-- before the ids are cast to text or counted: 134 million NULL ids (16 MB)
-- took > 20 s and about 1.2 GB; now an error in milliseconds (the 3 s
-- timeout would give 57014)
SET LOCAL statement_timeout = '3s';
SELECT throws_ok($$SELECT * FROM spatial_weights_array(ARRAY['POINT(0 0)'::geometry, 'POINT(1 1)'], array_fill(NULL::int, ARRAY[134000000]))$$,
                 '2202E', 'spatial_weights_array: ids and geom must have the same length', 'spatial_weights_array: 134 million NULL int ids: 2202E at once');
SELECT throws_ok($$SELECT * FROM spatial_weights_array(ARRAY['POINT(0 0)'::geometry, 'POINT(1 1)'], array_fill(NULL::bigint, ARRAY[134000000]))$$,
                 '2202E', NULL, 'spatial_weights_array: 134 million NULL bigint ids: 2202E at once');
SELECT throws_ok($$SELECT * FROM spatial_weights_array(ARRAY['POINT(0 0)'::geometry, 'POINT(1 1)'], array_fill(NULL::text, ARRAY[134000000]))$$,
                 '2202E', NULL, 'spatial_weights_array: 134 million NULL text ids: 2202E at once');
SELECT throws_ok($$SELECT * FROM local_moran('{1,2}'::float8[], ARRAY['POINT(0 0)'::geometry, 'POINT(1 1)'], array_fill(NULL::int, ARRAY[134000000]))$$,
                 '2202E', 'local_moran: ids and value must have the same length', 'local_moran: 134 million NULL int ids: 2202E at once');
SELECT throws_ok($$SELECT * FROM local_moran('{1,2}'::float8[], ARRAY['POINT(0 0)'::geometry, 'POINT(1 1)'], array_fill(NULL::bigint, ARRAY[134000000]))$$,
                 '2202E', NULL, 'local_moran: 134 million NULL bigint ids: 2202E at once');
SELECT throws_ok($$SELECT * FROM local_moran('{1,2}'::float8[], ARRAY['POINT(0 0)'::geometry, 'POINT(1 1)'], array_fill(NULL::text, ARRAY[134000000]))$$,
                 '2202E', NULL, 'local_moran: 134 million NULL text ids: 2202E at once');
-- value against geom before the ids too: 20 million ids (one id repeated,
-- 80 MB) were cast to text and counted before local_moran(value, geom)
-- found that value had another length than geom
SELECT throws_ok($$SELECT * FROM local_moran(array_fill(NULL::float8, ARRAY[20000000]), ARRAY['POINT(0 0)'::geometry, 'POINT(1 1)'], array_fill(7, ARRAY[20000000]))$$,
                 '2202E', 'local_moran: value and geom must have the same length', 'local_moran: value longer than geom, with int ids: 2202E at once');
SELECT throws_ok($$SELECT * FROM local_moran(array_fill(NULL::float8, ARRAY[20000000]), ARRAY['POINT(0 0)'::geometry, 'POINT(1 1)'], array_fill(7::bigint, ARRAY[20000000]))$$,
                 '2202E', 'local_moran: value and geom must have the same length', 'local_moran: value longer than geom, with bigint ids: 2202E at once');
RESET statement_timeout;
CREATE FUNCTION pg_temp.t51_detail(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE d text;
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ' ' || d;
END $$;
SELECT is(pg_temp.t51_detail($$SELECT * FROM spatial_weights_array(ARRAY['POINT(0 0)'::geometry, 'POINT(1 1)', 'POINT(2 2)'], '[0:2]={7,NULL,NULL}'::bigint[])$$),
          '22004 Element 2 of the 3 ids is NULL.', 'spatial_weights_array: the first NULL id named by its position (any lower bound)');
SELECT is(pg_temp.t51_detail($$SELECT * FROM local_moran('{1,2,3}'::float8[], ARRAY['POINT(0 0)'::geometry, 'POINT(1 1)', 'POINT(2 2)'], ARRAY[NULL, 1, 2]::int[])$$),
          '22004 Element 1 of the 3 ids is NULL.', 'local_moran: a NULL int id: 22004, named by its position');
SELECT is((SELECT count(*) FROM local_moran(NULL::float8[], ARRAY['POINT(0 0)'::geometry, 'POINT(1 1)'], ARRAY[1, NULL, 3])), 0::bigint,
          'local_moran: a NULL value array gives no rows, whatever the ids (as the form without ids)');
SELECT is(pg_temp.t51_detail($$SELECT * FROM local_moran('{1,2}'::float8[], ARRAY['POINT(0 0)'::geometry, 'POINT(1 1)'], ARRAY[[1], [2]]::bigint[])$$),
          '2202E ids has 2 elements in 2 dimensions, value 2.', 'local_moran: 2-D ids: 2202E');
SELECT is(pg_temp.t51_detail($$SELECT * FROM local_moran('{1,2,3}'::float8[], ARRAY['POINT(0 0)'::geometry, 'POINT(1 1)', 'POINT(2 2)'], ARRAY[5, 6, 5]::bigint[])$$),
          '22023 3 ids, 2 distinct.', 'local_moran: an id twice: 22023 after the NULL check');
SELECT throws_ok($$SELECT moran_i(1.0, id, nb, NULL) FROM (VALUES ('a'::text, '{b}'::text[]), ('a', '{b}')) v(id, nb)$$, '22023',
                 'moran_i: region ids must be unique within a group', 'moran_i: a text id twice: 22023');
SELECT throws_ok($$SELECT local_moran(x, id, nb) OVER () FROM (VALUES (1.0::float8, 'a'::text, '{a}'::text[]), (2, 'b', '{a}'), (3, 'c', '{b}')) v(x, id, nb)$$,
                 '22023', 'local_moran: a region must not be its own neighbour', 'local_moran: a text id listing itself: 22023');
-- a role that may read some columns only, and one that may read none
CREATE ROLE sy_t51_reader NOLOGIN;
GRANT USAGE ON SCHEMA public TO sy_t51_reader;
CREATE TABLE public.sy_t51_regions AS SELECT polyid, code, geom FROM colt;
GRANT SELECT (polyid, code) ON public.sy_t51_regions TO sy_t51_reader;
SET LOCAL ROLE sy_t51_reader;
SELECT throws_ok($$SELECT * FROM spatial_weights('public.sy_t51_regions', 'polyid', 'geom')$$, '42501',
                 'spatial_weights: permission denied to read public.sy_t51_regions', 'a role without SELECT on the geometry column: 42501');
SELECT throws_ok($$SELECT * FROM spatial_weights('public.sy_t51_regions', 'code', 'geom', id_type => NULL::text)$$, '42501', NULL,
                 'the same with text ids: 42501');
RESET ROLE;
GRANT SELECT ON public.sy_t51_regions TO sy_t51_reader;
SET LOCAL ROLE sy_t51_reader;
SELECT is((SELECT count(*) FROM spatial_weights('public.sy_t51_regions', 'code', 'geom', id_type => NULL::text)), 49::bigint,
          'with SELECT granted the role gets its lists');
RESET ROLE;

------------------------------------------------------------------------------
-- gravity_linkage with int and bigint ids
------------------------------------------------------------------------------

CREATE TEMP TABLE ca AS
SELECT array_agg(code ORDER BY code) AS ids, array_agg(gdp ORDER BY code) AS m,
       array_agg(lon ORDER BY code) AS lon, array_agg(lat ORDER BY code) AS lat
FROM (VALUES (420100, 1878.97::float8, 114.30::float8, 30.59::float8), (430100, 1554.0, 112.94, 28.23),
             (360100, 530.79, 115.86, 28.68), (420500, 483.48, 111.29, 30.69), (360400, 238.92, 116.00, 29.71)) c(code, gdp, lon, lat);
CREATE TEMP TABLE gl_text AS SELECT l.* FROM ca, gravity_linkage(ca.ids::text[], ca.m, ca.lon, ca.lat) l;
SELECT set_eq('SELECT i::text, j::text, distance, strength, membership, total, strongest FROM ca, gravity_linkage(ca.ids, ca.m, ca.lon, ca.lat)',
              'SELECT * FROM gl_text', 'gravity_linkage with int ids: the rows of the text ids, bit for bit');
SELECT is((SELECT array_agg(DISTINCT pg_typeof(l.i)::text) || array_agg(DISTINCT pg_typeof(l.j)::text)
             FROM ca, gravity_linkage(ca.ids::bigint[], ca.m, ca.lon, ca.lat, k => 2) l),
          ARRAY['bigint', 'bigint'], 'gravity_linkage with bigint ids: i and j are bigint');
SELECT set_eq($$SELECT i::text, j::text, strength, membership FROM ca, gravity_linkage(ca.ids::bigint[], ca.m,
                   (SELECT array_agg(d.rw ORDER BY d.a) FROM (SELECT a.o AS a, array_agg(g.distance ORDER BY b.o) AS rw
                      FROM unnest(ca.ids) WITH ORDINALITY a(id, o) CROSS JOIN unnest(ca.ids) WITH ORDINALITY b(id, o)
                      LEFT JOIN gl_text g ON g.i = a.id::text AND g.j = b.id::text GROUP BY a.o) d))$$,
              'SELECT i, j, strength, membership FROM gl_text',
              'gravity_linkage(bigint ids, masses, distance matrix): the rows of the text ids');
-- over geometries (synergy_postgis): int and bigint ids give the rows of the text ids
CREATE TEMP TABLE gl_geom_text AS
SELECT l.* FROM ca, LATERAL (SELECT array_agg(ST_SetSRID(ST_MakePoint(x, y), 4326) ORDER BY o) AS g
                             FROM unnest(ca.lon, ca.lat) WITH ORDINALITY u(x, y, o)) gg,
       gravity_linkage(ca.ids::text[], ca.m, gg.g) l;
SELECT set_eq($$SELECT i::text, j::text, distance, strength, membership, total, strongest
               FROM ca, LATERAL (SELECT array_agg(ST_SetSRID(ST_MakePoint(x, y), 4326) ORDER BY o) AS g
                                 FROM unnest(ca.lon, ca.lat) WITH ORDINALITY u(x, y, o)) gg,
                    gravity_linkage(ca.ids, ca.m, gg.g)$$,
              'SELECT * FROM gl_geom_text', 'gravity_linkage(int ids, masses, geoms): the rows of the text ids, bit for bit');
SELECT is((SELECT array_agg(DISTINCT pg_typeof(l.i)::text) || array_agg(DISTINCT pg_typeof(l.j)::text)
             FROM ca, LATERAL (SELECT array_agg(ST_SetSRID(ST_MakePoint(x, y), 4326) ORDER BY o) AS g
                               FROM unnest(ca.lon, ca.lat) WITH ORDINALITY u(x, y, o)) gg,
                  gravity_linkage(ca.ids::bigint[], ca.m, gg.g, k => 2) l),
          ARRAY['bigint', 'bigint'], 'gravity_linkage(bigint ids, masses, geoms): i and j are bigint');
SELECT throws_ok($$SELECT * FROM gravity_linkage(ARRAY[7, 7], ARRAY[1, 2]::float8[], ARRAY[114, 115]::float8[], ARRAY[30, 30]::float8[])$$,
                 '22023', 'gravity_linkage: ids must be unique', 'gravity_linkage: an int id twice: 22023');
SELECT throws_ok($$SELECT * FROM gravity_linkage(ARRAY[7, NULL]::bigint[], ARRAY[1, 2]::float8[], ARRAY[114, 115]::float8[], ARRAY[30, 30]::float8[])$$,
                 '22004', 'gravity_linkage: ids contains a NULL element', 'gravity_linkage: a NULL bigint id: 22004');

------------------------------------------------------------------------------
-- Every documented call form resolves to one function
------------------------------------------------------------------------------

SELECT lives_ok($$SELECT count(*) FROM spatial_weights('colt', 'polyid', 'geom')$$, 'spatial_weights(rel, id, geom)');
SELECT lives_ok($$SELECT count(*) FROM spatial_weights('colt', 'polyid', 'geom', 'rook')$$, 'spatial_weights(rel, id, geom, ''rook'')');
SELECT lives_ok($$SELECT count(*) FROM spatial_weights('colt', 'polyid', 'geom', 'knn', 3)$$, 'spatial_weights(rel, id, geom, ''knn'', 3)');
SELECT lives_ok($$SELECT count(*) FROM spatial_weights('colt', 'polyid', 'geom', method => 'knn', k => 3, style => 'binary')$$, 'named options');
SELECT lives_ok($$SELECT count(*) FROM spatial_weights('colt', 'code', 'geom', id_type => NULL::text)$$, 'id_type => NULL::text');
SELECT lives_ok($$SELECT count(*) FROM spatial_weights('colt', 'code', 'geom', id_type => NULL::text, method => 'rook')$$, 'id_type and method by name');
SELECT lives_ok($$SELECT count(*) FROM spatial_weights('colt', 'polyid', 'geom', NULL::int, 'rook')$$, 'a positional NULL::int id_type');
SELECT lives_ok($$SELECT count(*) FROM spatial_weights_array((SELECT array_agg(geom) FROM colt), 'rook')$$, 'spatial_weights_array(geom, ''rook'')');
SELECT lives_ok($$SELECT count(*) FROM spatial_weights_array((SELECT array_agg(geom) FROM colt))$$, 'spatial_weights_array(geom)');
SELECT lives_ok($$SELECT count(*) FROM spatial_weights_array(ARRAY['POINT(0 0)'::geometry, 'POINT(1 1)'], ARRAY['a', 'b'], 'knn', 1)$$,
                'spatial_weights_array(geom, ARRAY[text], ''knn'', 1)');
SELECT lives_ok($$SELECT count(*) FROM local_moran((SELECT array_agg(crime) FROM colt), (SELECT array_agg(geom) FROM colt), 'rook')$$,
                'local_moran(value[], geom[], ''rook'')');
SELECT lives_ok($$SELECT moran_i((SELECT array_agg(crime) FROM colt), (SELECT array_agg(geom) FROM colt), 'rook')$$,
                'moran_i(value[], geom[], ''rook'')');
SELECT lives_ok($$SELECT moran_i(x, 1, '{2}', NULL), moran_i(x, 1, NULL, NULL), moran_i(x, 'a', '{b}', NULL), moran_i(x, 1::bigint, '{2}', NULL),
                         moran_i(x, 1, ARRAY[2], NULL, 9, 1), moran_i(x, NULL, '{1}', NULL) FILTER (WHERE false) FROM (VALUES (1.0::float8)) v(x)$$,
                'moran_i with literal ids and neighbours');
SELECT lives_ok($$SELECT local_moran(x, 1, '{2}') OVER (), local_moran(x, 'a', '{b}') OVER (), local_moran(x, 1, NULL) OVER (),
                         local_moran(x, 1::bigint, ARRAY[2]) OVER () FROM (VALUES (1.0::float8)) v(x)$$,
                'local_moran with literal ids and neighbours');
SELECT lives_ok($$SELECT count(*) FROM gravity_linkage(ARRAY['A', 'B'], ARRAY[1, 2]::float8[], ARRAY[[0, 1], [1, 0]]::float8[])$$,
                'gravity_linkage(ARRAY[text], ...)');
SELECT lives_ok($$SELECT count(*) FROM gravity_linkage(ARRAY[1, 2], ARRAY[1, 2]::float8[], ARRAY[[0, 1], [1, 0]]::float8[])$$,
                'gravity_linkage(ARRAY[int], ...)');

SELECT * FROM finish();
ROLLBACK;
