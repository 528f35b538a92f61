-- spatial_weights, moran_i and local_moran against R's spdep (moran.test
-- under randomisation and normality, localmoran), on Columbus (queen, rook,
-- binary, knn, distance band) and the 31 middle-Yangtze cities (knn, a
-- distance band with islands).  Expected values are stored, written by
-- test/reference/make_spatial_pgtap.py; no R at run time.
BEGIN;
SET client_min_messages = warning;
SELECT plan(35);

\i test/data/columbus.sql
\i test/data/myr_cities.sql
CREATE TEMP TABLE col_pts AS SELECT polyid, crime, hoval, inc, ST_MakePoint(x, y) AS geom FROM sy_columbus;

-- BEGIN reference (make_spatial_pgtap.py from R spdep 1.2)
CREATE TEMP TABLE ref_global (name text, quantity text, want float8);
INSERT INTO ref_global VALUES
('columbus_queen_w', 'i', 0.500188557182861),
('columbus_queen_w', 'expected', -0.0208333333333333),
('columbus_queen_w', 'variance_randomisation', 0.00868928920133206),
('columbus_queen_w', 'z_randomisation', 5.5893826750445),
('columbus_queen_w', 'variance_normal', 0.008563413119405),
('columbus_queen_w', 'z_normal', 5.63031278773818),
('columbus_queen_b', 'i', 0.515461436886279),
('columbus_queen_b', 'expected', -0.0208333333333333),
('columbus_queen_b', 'variance_randomisation', 0.00745439434278785),
('columbus_queen_b', 'z_randomisation', 6.21151273730375),
('columbus_queen_b', 'variance_normal', 0.007349774769383),
('columbus_queen_b', 'z_normal', 6.25556507951433),
('columbus_rook_w', 'i', 0.523670212750253),
('columbus_rook_w', 'expected', -0.0208333333333333),
('columbus_rook_w', 'variance_randomisation', 0.00995298734772377),
('columbus_rook_w', 'z_randomisation', 5.45788004590928),
('columbus_rook_w', 'variance_normal', 0.00980890006607329),
('columbus_rook_w', 'z_normal', 5.49782051464077),
('columbus_knn4_w', 'i', 0.215613816431324),
('columbus_knn4_w', 'expected', -0.0208333333333333),
('columbus_knn4_w', 'variance_randomisation', 0.00763384948731522),
('columbus_knn4_w', 'z_randomisation', 2.70621493658575),
('columbus_knn4_w', 'variance_normal', 0.00788761337868481),
('columbus_knn4_w', 'z_normal', 2.66232625913738),
('columbus_band5_w', 'i', 0.398703322118574),
('columbus_band5_w', 'expected', -0.0208333333333333),
('columbus_band5_w', 'variance_randomisation', 0.00447175325298759),
('columbus_band5_w', 'z_randomisation', 6.27380470952142),
('columbus_band5_w', 'variance_normal', 0.00456337002370963),
('columbus_band5_w', 'z_normal', 6.21050719223468),
('myr_knn4_w', 'i', 0.763318579738766),
('myr_knn4_w', 'expected', -0.0333333333333333),
('myr_knn4_w', 'variance_randomisation', 0.0123301103878542),
('myr_knn4_w', 'z_randomisation', 7.1743923092029),
('myr_knn4_w', 'variance_normal', 0.0120021281362007),
('myr_knn4_w', 'z_normal', 7.27175894584551),
('myr_band08_b', 'i', 0.296354144499129),
('myr_band08_b', 'expected', -0.05),
('myr_band08_b', 'variance_randomisation', 0.0368035171666253),
('myr_band08_b', 'z_randomisation', 1.80540951330361),
('myr_band08_b', 'variance_normal', 0.0354734848484848),
('myr_band08_b', 'z_normal', 1.83894381873595);
CREATE TEMP TABLE ref_local (name text, id bigint, ii float8, e_ii float8, var_ii float8, z_ii float8, p_ii float8);
INSERT INTO ref_local VALUES
('columbus_queen_w', 1, 0.736818490608356, -0.0285985419671942, 0.666144890762596, 0.937807651035261, 0.348343268465009),
('columbus_queen_w', 2, 0.528777013265967, -0.0202502139893887, 0.310266063292296, 0.985659120261526, 0.324300416173875),
('columbus_queen_w', 3, 0.0938507416616012, -0.00153968674364755, 0.0176300719663037, 0.718418912504628, 0.472499029015898),
('columbus_queen_w', 4, 0.00482096662821632, -0.000570757243919693, 0.00654175676101155, 0.0666623234486721, 0.946850529094044),
('columbus_queen_w', 5, 0.303606124752093, -0.0184931910183366, 0.094617920458564, 1.04713602943092, 0.295036844151297),
('columbus_queen_w', 6, -0.181570516944717, -0.00623845619103414, 0.148657003468528, -0.454745751291894, 0.649292162134634),
('columbus_queen_w', 7, -1.86058737557164, -0.0927942921851812, 0.965423674700308, -1.79917106522192, 0.0719916249719783),
('columbus_queen_w', 8, 0.0765840179164837, -0.000825771692608145, 0.00602139998395537, 0.997578656158759, 0.318483715160289),
('columbus_queen_w', 9, -0.0305950815986518, -0.00161645080392587, 0.00841255921760568, -0.315946678876234, 0.752042980589358),
('columbus_queen_w', 10, 0.0403092525441555, -9.66546523851884e-05, 0.00110833664323301, 1.21369347211729, 0.224864798063065),
('columbus_queen_w', 11, 1.45791541689936, -0.0559815309971354, 0.473829325452894, 2.19930441217654, 0.0278562841929825),
('columbus_queen_w', 12, 0.638948856574565, -0.0353662490160173, 0.24897039923762, 1.3514159200314, 0.176562236898788),
('columbus_queen_w', 13, 0.125280837361901, -0.0101994792238929, 0.115775478037826, 0.398169428129357, 0.690505299694019),
('columbus_queen_w', 14, 0.615263041083215, -0.0365577772623251, 0.257040596193605, 1.28566365626621, 0.19856047032619),
('columbus_queen_w', 15, 0.734843909725159, -0.0137558639590664, 0.0990076080185424, 2.37911484759986, 0.0173542680845663),
('columbus_queen_w', 16, 1.23877179477129, -0.0295108274066466, 0.149293296292411, 3.28243313720838, 0.00102915389191487),
('columbus_queen_w', 17, -0.108094628581475, -0.000229978215906346, 0.00359564073523442, -1.79883361266012, 0.0720450045849237),
('columbus_queen_w', 18, 0.517051308272168, -0.00592781551057248, 0.0675777157651598, 2.01178978741375, 0.0442421009476985),
('columbus_queen_w', 19, 0.800006125419968, -0.028569946526603, 0.434020700879181, 1.25770030254518, 0.208500162811199),
('columbus_queen_w', 20, 0.341409789721529, -0.0925526944829601, 0.332730261252117, 0.752325939474983, 0.451855072287189),
('columbus_queen_w', 21, 0.154939328058802, -0.0018577601124876, 0.0289982339849203, 0.920772241945577, 0.357169350106101),
('columbus_queen_w', 22, -0.00402479354504801, -0.000153991371324774, 0.00112363631250935, -0.115475032552812, 0.90806860921222),
('columbus_queen_w', 23, 0.900849469548623, -0.0172756430253219, 0.265494435314615, 1.78186236435482, 0.0747716792330709),
('columbus_queen_w', 24, 0.228527044626409, -0.000762905070392459, 0.00465503647388532, 3.36065147310334, 0.000777588796544887),
('columbus_queen_w', 25, 1.41634419109187, -0.0520274105500126, 0.257096531486402, 2.89592871909818, 0.00378038258722565),
('columbus_queen_w', 26, 0.287531124256137, -0.00259164401152601, 0.0188644701222411, 2.11231900862319, 0.0346590965235485),
('columbus_queen_w', 27, -0.123973585483171, -0.0237066505474893, 0.265424761682538, -0.194619799647091, 0.845690601565704),
('columbus_queen_w', 28, 0.976952879150399, -0.0360716396484346, 0.157083641886388, 2.55596249076188, 0.0105894533098772),
('columbus_queen_w', 29, 1.55662453264499, -0.0498685057932587, 0.289330427318303, 2.9866325481057, 0.00282068531125555),
('columbus_queen_w', 30, 1.65517154325179, -0.0865965983737101, 0.709185962522012, 2.06828450018629, 0.0386132783962643),
('columbus_queen_w', 31, 1.01827325272178, -0.0231357778650501, 0.35343356448952, 1.75173111425371, 0.0798200540933543),
('columbus_queen_w', 32, 1.23985503670062, -0.0194062809307877, 0.218233957575941, 2.69559535008209, 0.00702629649137143),
('columbus_queen_w', 33, 0.0536036409032404, -0.00355337781848783, 0.0406056375306715, 0.283645828814318, 0.776681812545816),
('columbus_queen_w', 34, 0.528420879464308, -0.00945227546022978, 0.107374877498556, 1.64145328961955, 0.100703355703727),
('columbus_queen_w', 35, -0.02995430426444, -0.00124369546749103, 0.00758503561201221, -0.329657977285359, 0.741658409524496),
('columbus_queen_w', 36, 1.24324252223306, -0.0329390360728695, 0.285602110384228, 2.38798590120783, 0.0169409916694495),
('columbus_queen_w', 37, 0.423247010767058, -0.00406621592258464, 0.0295540608735076, 2.48563728075164, 0.0129319698414419),
('columbus_queen_w', 38, 0.577546422942033, -0.0262303060480098, 0.186404277505844, 1.39845479766469, 0.16197653759888),
('columbus_queen_w', 39, 1.10794651415256, -0.0195150496860956, 0.299226514969275, 2.06111255183628, 0.0392923036177919),
('columbus_queen_w', 40, 0.96929786512745, -0.0270996207140095, 0.236389541652543, 2.04936112533218, 0.0404268156200485),
('columbus_queen_w', 41, 0.83167799375373, -0.0199945550285411, 0.306428893752076, 1.53853646008128, 0.123917500904982),
('columbus_queen_w', 42, 1.08655317203784, -0.0263853003696549, 0.615992214114965, 1.41802387829406, 0.156183793486792),
('columbus_queen_w', 43, 0.00577740194947923, -0.000178941041377864, 0.00130565519932298, 0.164841078390326, 0.869069070409419),
('columbus_queen_w', 44, -0.0206711214820048, -0.00638301652652271, 0.056864555451617, -0.0599175169726221, 0.952221328433413),
('columbus_queen_w', 45, 0.0679538400707103, -0.0028269661650941, 0.032328238646089, 0.393662896403875, 0.69382993826902),
('columbus_queen_w', 46, 1.24953770258196, -0.0262759958983611, 0.613509256723937, 1.6288335305667, 0.103348264365001),
('columbus_queen_w', 47, 0.467678628259913, -0.00405478692714254, 0.096834372875383, 1.5159394969091, 0.129534651918753),
('columbus_queen_w', 48, 0.203539666142014, -0.00546725296907079, 0.0623561314780674, 0.83699156537206, 0.402597309158171),
('columbus_queen_w', 49, 0.363361359788545, -0.0120359548292474, 0.185956417151869, 0.870533676889444, 0.384008823440935),
('columbus_knn4_w', 1, -0.393300021670857, -0.110179182145939, 1.12432796707514, -0.267008649768554, 0.789462501249705),
('columbus_knn4_w', 2, 0.1073553154845, -0.00234420532310099, 0.0268205256001645, 0.669840015518295, 0.502959781648098),
('columbus_knn4_w', 3, -0.183373024561923, -0.00911057918328343, 0.103529015953047, -0.541592648986326, 0.588099156985538),
('columbus_knn4_w', 4, -0.114812394368444, -0.00171001933608693, 0.0195771126937638, -0.808346206131046, 0.418891310064451),
('columbus_knn4_w', 5, 0.598476665103349, -0.0144308869925156, 0.163106405740304, 1.51760749893698, 0.129113375297804),
('columbus_knn4_w', 6, -0.324990135412385, -0.00585158790802148, 0.0667138285051098, -1.2355813147362, 0.216614233739856),
('columbus_knn4_w', 7, 0.0322937158057557, -0.0833809316883473, 0.876489137966199, 0.123556305976872, 0.901666590082646),
('columbus_knn4_w', 8, 0.0385128924417502, -0.000107230607348389, 0.00122959786641452, 1.10136710914121, 0.270736914327639),
('columbus_knn4_w', 9, -0.596222042615684, -0.0125118815279808, 0.141692025827683, -1.55068843756629, 0.120976366737685),
('columbus_knn4_w', 10, 3.01956000845816, -0.209545354510301, 1.89952887902875, 2.34292974250719, 0.0191329856154093),
('columbus_knn4_w', 11, 0.42691603984326, -0.0218941853650948, 0.245587093119709, 0.905649128509932, 0.365121596482162),
('columbus_knn4_w', 12, 0.261433295580254, -0.0214292630236042, 0.240486314757864, 0.576806680670724, 0.564070056054264),
('columbus_knn4_w', 13, -0.0992824169626805, -0.000664363104233761, 0.00761391085659207, -1.13019279400782, 0.258394995505203),
('columbus_knn4_w', 14, -0.00516116755632789, -0.00124270990211021, 0.0142337924361461, -0.0328439092590384, 0.973799062560048),
('columbus_knn4_w', 15, 1.17839387150893, -0.0260474974358579, 0.290934141357611, 2.23299792386138, 0.0255490812805319),
('columbus_knn4_w', 16, 0.37247272587129, -0.0240480959315168, 0.269153491964309, 0.764303746194139, 0.444686253451902),
('columbus_knn4_w', 17, 0.277659733496595, -0.000684874267329429, 0.00784881724791101, 3.14181568714242, 0.00167903695300399),
('columbus_knn4_w', 18, -0.133062567543282, -0.0290010872650193, 0.322941554151685, -0.183116734060157, 0.854706425894731),
('columbus_knn4_w', 19, -0.0566252002664651, -0.00382982042696937, 0.0437524981793503, -0.252402987540161, 0.800729591165479),
('columbus_knn4_w', 20, -0.210344570606063, -0.114413299769107, 1.16197960149197, -0.0889940447414496, 0.929086642949696),
('columbus_knn4_w', 21, -0.143764896104743, -0.0212562026175988, 0.238586359918861, -0.250809569456405, 0.80196134265983),
('columbus_knn4_w', 22, 0.138338398133513, -0.00397784257919322, 0.0454367750715089, 0.667652859993394, 0.504355207293226),
('columbus_knn4_w', 23, 0.737343583344703, -0.00539050623180797, 0.0614855496912116, 2.99534483620906, 0.00274134734089785),
('columbus_knn4_w', 24, -0.241375631511894, -0.0135943861293523, 0.153782190863166, -0.580851267255184, 0.561340699069434),
('columbus_knn4_w', 25, 0.98589044084037, -0.0263030360870088, 0.293711265076854, 1.86768328580835, 0.0618062297283308),
('columbus_knn4_w', 26, 0.876102135649234, -0.0205143843471858, 0.230434477062138, 1.86781133888426, 0.0617883724089912),
('columbus_knn4_w', 27, 0.161762771609119, -0.00117270448924816, 0.0134329035659205, 1.40582319792691, 0.159776631735776),
('columbus_knn4_w', 28, 0.514952752851861, -0.0151511824683056, 0.171122455541392, 1.28146729415207, 0.200029580574898),
('columbus_knn4_w', 29, 0.301198802361361, -0.00219778550583878, 0.0251489973808129, 1.91315586897302, 0.0557281012218364),
('columbus_knn4_w', 30, 0.081639123406016, -0.0158392842298547, 0.17876911283751, 0.230548437743103, 0.817665629133825),
('columbus_knn4_w', 31, -0.156143297652104, -0.00274667289243826, 0.0314125608248522, -0.865494141535402, 0.386767630053123),
('columbus_knn4_w', 32, 0.110621722662236, -0.000216646371956988, 0.00248398076955759, 2.22390387691111, 0.0261549121798595),
('columbus_knn4_w', 33, -0.127383204468815, -0.0137281326321575, 0.155274099416016, -0.288429257051205, 0.773018174967158),
('columbus_knn4_w', 34, 0.159469826275723, -0.00621966847321198, 0.0708840528157909, 0.622329951714504, 0.533724930283772),
('columbus_knn4_w', 35, 0.341036860357091, -0.00815699164604216, 0.092782028018385, 1.14639599003634, 0.251631341149288),
('columbus_knn4_w', 36, -0.0430685224673537, -0.000284615699837309, 0.00326306808353713, -0.748975085971134, 0.453872221911153),
('columbus_knn4_w', 37, -0.183263004629565, -0.00147540599496041, 0.0168951175269687, -1.39856818371896, 0.16194251279248),
('columbus_knn4_w', 38, 0.461610800815749, -0.0154442102080559, 0.174380107790165, 1.14240472631478, 0.253285827611506),
('columbus_knn4_w', 39, 0.0303001712451948, -8.44698310900687e-05, 0.000968625385328141, 0.976284034493214, 0.328923729470964),
('columbus_knn4_w', 40, 0.922534674527465, -0.0344833498488091, 0.381821274571392, 1.54878115546115, 0.121434337074889),
('columbus_knn4_w', 41, 0.106221616006782, -0.000837185922234681, 0.00959288165148578, 1.09306964945821, 0.274363220518674),
('columbus_knn4_w', 42, 0.0834333105414728, -0.00216867197597638, 0.0248165787998753, 0.543391534284779, 0.586860253240644),
('columbus_knn4_w', 43, 0.409991825736646, -0.0101168664386573, 0.114847315504096, 1.23965616110487, 0.215102598522895),
('columbus_knn4_w', 44, 0.142029822691439, -0.00151968814810624, 0.0174014280247848, 1.08820137960207, 0.276506215832998),
('columbus_knn4_w', 45, 0.282329859210489, -0.00714486360559921, 0.081352468754998, 1.01490473424414, 0.310151241254315),
('columbus_knn4_w', 46, -0.0482556999522927, -0.0884733220985563, 0.92485282190088, 0.0418196194486496, 0.966642494635386),
('columbus_knn4_w', 47, 0.116602065141448, -0.00102996886671482, 0.0117996048644106, 1.08290877892637, 0.278848914840577),
('columbus_knn4_w', 48, 0.270076249714404, -0.00844479149049007, 0.0960277467252303, 0.898792916179314, 0.368762973993824),
('columbus_knn4_w', 49, 0.0789437267695902, -0.000433440789277384, 0.0049685813403364, 1.12610631977626, 0.260120519342127),
('myr_knn4_w', 360100, 0.769614704981757, -0.0293312931949358, 0.197824142742806, 1.79629549021283, 0.0724475347267849),
('myr_knn4_w', 360200, 2.55805079633464, -0.12239273330176, 0.746333432949721, 3.10270305799348, 0.0019176194330066),
('myr_knn4_w', 360300, 0.431975431436117, -0.0156944523954939, 0.107337914370315, 1.36641085279505, 0.171810044298855),
('myr_knn4_w', 360400, 2.01165872376769, -0.0924401942520736, 0.582925636374158, 2.75587538191318, 0.00585352939632517),
('myr_knn4_w', 360500, 0.01673337722331, -0.000302514355681885, 0.00210131732449717, 0.371637086654622, 0.710163072531497),
('myr_knn4_w', 360600, 1.43676274827693, -0.0439185932189432, 0.291756369079495, 2.74126758706481, 0.00612026418946249),
('myr_knn4_w', 360800, 0.0858457366632097, -0.0112220955146968, 0.0770991812938483, 0.349583114637352, 0.726651584882022),
('myr_knn4_w', 360900, 0.218495004841266, -0.00466886315368707, 0.0322890886694363, 1.24192676405824, 0.214263584240124),
('myr_knn4_w', 361000, 0.550748500979528, -0.0105988233371762, 0.0728630134010439, 2.07959178269496, 0.0375629913393512),
('myr_knn4_w', 361100, 1.81346293351488, -0.0841297232279572, 0.535377946512249, 2.59341938218649, 0.00950268148932858),
('myr_knn4_w', 420100, 0.329926500551923, -0.00665184700243888, 0.0459114271268913, 1.57081766844916, 0.116225006824729),
('myr_knn4_w', 420200, 0.847740467655204, -0.0367598618420348, 0.24602854280955, 1.78322133629668, 0.0745502805972604),
('myr_knn4_w', 420500, 0.463479883596027, -0.0277972680334228, 0.187774236363625, 1.13372719463251, 0.256908998679961),
('myr_knn4_w', 420600, 0.559492103548384, -0.066435909307429, 0.430947211078542, 0.953481676048668, 0.340346076030667),
('myr_knn4_w', 420700, 0.777221695892622, -0.0286800432389978, 0.193561583424124, 1.83177661289351, 0.0669847089588795),
('myr_knn4_w', 420800, 0.390136986138438, -0.0160397179541708, 0.109660784431982, 1.22656152380519, 0.219987438064211),
('myr_knn4_w', 420900, 0.0899992415785105, -0.000984983605300699, 0.00683719664270671, 1.10034041744997, 0.27118382829716),
('myr_knn4_w', 421000, 0.0490076518637578, -0.000924997507755952, 0.00642119276911618, 0.623127267296093, 0.533200892528981),
('myr_knn4_w', 421100, 0.78759932735084, -0.029756503448805, 0.200604047282352, 1.82490944816946, 0.0680146952054343),
('myr_knn4_w', 421200, 0.766451556921402, -0.0275993531632535, 0.186475248860243, 1.83881378194941, 0.0659425804447376),
('myr_knn4_w', 429004, 0.134880155018103, -0.00882229368191883, 0.0607589260153767, 0.582987340631473, 0.559901822345781),
('myr_knn4_w', 429005, -0.00952839540741957, -0.00195006385012474, 0.0135231590300929, -0.0651680197550124, 0.948040223522562),
('myr_knn4_w', 429006, 0.0358403734574714, -0.00118095983983382, 0.00819594422409103, 0.408933376460848, 0.682588554416682),
('myr_knn4_w', 430100, 0.914941413374744, -0.0199776186210845, 0.136036911900896, 2.53481120589751, 0.0112507943178906),
('myr_knn4_w', 430200, 0.848016873817901, -0.0315962790321237, 0.212603026481543, 1.90768644326245, 0.0564317549376253),
('myr_knn4_w', 430300, 0.909122257074764, -0.0385249332330815, 0.257369437745597, 1.86796266792146, 0.0617672747045266),
('myr_knn4_w', 430400, 2.14796151747844, -0.118707944610687, 0.726903388004971, 2.65858069634736, 0.00784705560294687),
('myr_knn4_w', 430600, 0.00355676757241702, -7.2228014324213e-06, 5.01856543657757e-05, 0.503091206907024, 0.6149001485992),
('myr_knn4_w', 430700, 0.637121056288616, -0.0264667371438195, 0.179031005765829, 1.56831849087919, 0.116806822701422),
('myr_knn4_w', 430900, 1.06022017461373, -0.0299990721069675, 0.20218876715887, 2.42457338044956, 0.0153263855724269),
('myr_knn4_w', 431300, 2.02634040549653, -0.0997704373562444, 0.624068409757814, 2.69134766312112, 0.00711639907510167);
CREATE TEMP TABLE ref_card (method text, id bigint, card int);
INSERT INTO ref_card VALUES
('queen', 1, 2),
('queen', 2, 3),
('queen', 3, 4),
('queen', 4, 4),
('queen', 5, 8),
('queen', 6, 2),
('queen', 7, 4),
('queen', 8, 6),
('queen', 9, 8),
('queen', 10, 4),
('queen', 11, 5),
('queen', 12, 6),
('queen', 13, 4),
('queen', 14, 6),
('queen', 15, 6),
('queen', 16, 8),
('queen', 17, 3),
('queen', 18, 4),
('queen', 19, 3),
('queen', 20, 10),
('queen', 21, 3),
('queen', 22, 6),
('queen', 23, 3),
('queen', 24, 7),
('queen', 25, 8),
('queen', 26, 6),
('queen', 27, 4),
('queen', 28, 9),
('queen', 29, 7),
('queen', 30, 5),
('queen', 31, 3),
('queen', 32, 4),
('queen', 33, 4),
('queen', 34, 4),
('queen', 35, 7),
('queen', 36, 5),
('queen', 37, 6),
('queen', 38, 6),
('queen', 39, 3),
('queen', 40, 5),
('queen', 41, 3),
('queen', 42, 2),
('queen', 43, 6),
('queen', 44, 5),
('queen', 45, 4),
('queen', 46, 2),
('queen', 47, 2),
('queen', 48, 4),
('queen', 49, 3),
('rook', 1, 2),
('rook', 2, 3),
('rook', 3, 4),
('rook', 4, 4),
('rook', 5, 7),
('rook', 6, 2),
('rook', 7, 3),
('rook', 8, 5),
('rook', 9, 6),
('rook', 10, 3),
('rook', 11, 4),
('rook', 12, 5),
('rook', 13, 3),
('rook', 14, 6),
('rook', 15, 4),
('rook', 16, 7),
('rook', 17, 3),
('rook', 18, 4),
('rook', 19, 3),
('rook', 20, 9),
('rook', 21, 3),
('rook', 22, 5),
('rook', 23, 3),
('rook', 24, 6),
('rook', 25, 5),
('rook', 26, 4),
('rook', 27, 4),
('rook', 28, 7),
('rook', 29, 4),
('rook', 30, 4),
('rook', 31, 2),
('rook', 32, 4),
('rook', 33, 4),
('rook', 34, 4),
('rook', 35, 5),
('rook', 36, 5),
('rook', 37, 5),
('rook', 38, 4),
('rook', 39, 2),
('rook', 40, 4),
('rook', 41, 3),
('rook', 42, 2),
('rook', 43, 5),
('rook', 44, 4),
('rook', 45, 4),
('rook', 46, 2),
('rook', 47, 2),
('rook', 48, 4),
('rook', 49, 3);
CREATE TEMP TABLE ref_links (name text, links int, islands int);
INSERT INTO ref_links VALUES ('columbus_band5', 462, 0), ('myr_band08', 48, 10);
-- END reference

-- neighbour counts per region as spdep's poly2nb
SELECT is((SELECT count(*) FROM ref_card r JOIN spatial_weights('sy_columbus', 'polyid', 'geom', r.method) w
           ON w.id = r.id WHERE cardinality(w.neighbours) = r.card), 98::bigint,
          'queen and rook neighbour counts of all 49 regions as spdep''s poly2nb');
SELECT is((SELECT sum(cardinality(neighbours))::int FROM spatial_weights('col_pts', 'polyid', 'geom', 'distance', distance => 5)),
          (SELECT links FROM ref_links WHERE name = 'columbus_band5'), 'distance band 5: links as dnearneigh');
SELECT is((SELECT count(*) FILTER (WHERE cardinality(neighbours) = 0)::int
           FROM spatial_weights('sy_myr', 'code', 'geom', 'distance', distance => 0.8)),
          (SELECT islands FROM ref_links WHERE name = 'myr_band08'), 'distance band 0.8 degrees: islands as dnearneigh');

CREATE TEMP TABLE got_global AS
SELECT 'columbus_queen_w' AS name, (moran_i(c.crime, c.polyid, w.neighbours, w.weights)).*
  FROM sy_columbus c JOIN spatial_weights('sy_columbus', 'polyid', 'geom') w ON w.id = c.polyid
UNION ALL
SELECT 'columbus_queen_b', (moran_i(c.crime, c.polyid, w.neighbours, w.weights)).*
  FROM sy_columbus c JOIN spatial_weights('sy_columbus', 'polyid', 'geom', style => 'binary') w ON w.id = c.polyid
UNION ALL
SELECT 'columbus_rook_w', (moran_i(c.crime, c.polyid, w.neighbours, w.weights)).*
  FROM sy_columbus c JOIN spatial_weights('sy_columbus', 'polyid', 'geom', 'rook') w ON w.id = c.polyid
UNION ALL
SELECT 'columbus_knn4_w', (moran_i(c.hoval, c.polyid, w.neighbours, w.weights)).*
  FROM col_pts c JOIN spatial_weights('col_pts', 'polyid', 'geom', 'knn', k => 4) w ON w.id = c.polyid
UNION ALL
SELECT 'columbus_band5_w', (moran_i(c.inc, c.polyid, w.neighbours, w.weights)).*
  FROM col_pts c JOIN spatial_weights('col_pts', 'polyid', 'geom', 'distance', distance => 5) w ON w.id = c.polyid
UNION ALL
SELECT 'myr_knn4_w', (moran_i(c.v, c.code, w.neighbours, w.weights)).*
  FROM sy_myr c JOIN spatial_weights('sy_myr', 'code', 'geom', 'knn', k => 4) w ON w.id = c.code
UNION ALL
SELECT 'myr_band08_b', (moran_i(c.v, c.code, w.neighbours, w.weights)).*
  FROM sy_myr c JOIN spatial_weights('sy_myr', 'code', 'geom', 'distance', distance => 0.8, style => 'binary') w
    ON w.id = c.code;

-- each case: I, E[I], variances and z under randomisation and normality to 1e-9 relative
SELECT ok(bool_and(abs(CASE r.quantity
                         WHEN 'i' THEN g.i WHEN 'expected' THEN g.expected
                         WHEN 'variance_randomisation' THEN g.variance_randomisation
                         WHEN 'z_randomisation' THEN g.z_randomisation
                         WHEN 'variance_normal' THEN g.variance_normal
                         WHEN 'z_normal' THEN g.z_normal END - r.want) <= 1e-9 * abs(r.want)),
          'moran.test of ' || r.name || ' (6 quantities, 1e-9 relative)')
FROM ref_global r JOIN got_global g USING (name)
GROUP BY r.name ORDER BY r.name;
SELECT is((SELECT islands FROM got_global WHERE name = 'myr_band08_b'), 10::bigint, 'islands counted');
SELECT ok((SELECT abs(i - 0.5001885572) < 5e-11 AND abs(z_randomisation - 5.5894) < 5e-5
                  AND abs(z_normal - 5.6303) < 5e-5 FROM got_global WHERE name = 'columbus_queen_w'),
          'Columbus CRIME, queen, row-standardised: the numbers of vectors.md');

CREATE TEMP TABLE got_local AS
SELECT 'columbus_queen_w' AS name, c.polyid::bigint AS id,
       (local_moran(c.crime, c.polyid, w.neighbours, w.weights) OVER ()).*
  FROM sy_columbus c JOIN spatial_weights('sy_columbus', 'polyid', 'geom') w ON w.id = c.polyid
UNION ALL
SELECT 'columbus_knn4_w', c.polyid, (local_moran(c.hoval, c.polyid, w.neighbours, w.weights) OVER ()).*
  FROM col_pts c JOIN spatial_weights('col_pts', 'polyid', 'geom', 'knn', k => 4) w ON w.id = c.polyid
UNION ALL
SELECT 'myr_knn4_w', c.code, (local_moran(c.v, c.code, w.neighbours, w.weights) OVER ()).*
  FROM sy_myr c JOIN spatial_weights('sy_myr', 'code', 'geom', 'knn', k => 4) w ON w.id = c.code;

SELECT is(count(*) FILTER (WHERE abs(g.i - r.ii) <= 1e-9 * abs(r.ii) + 1e-15
                             AND abs(g.expected - r.e_ii) <= 1e-9 * abs(r.e_ii) + 1e-15
                             AND abs(g.variance - r.var_ii) <= 1e-9 * abs(r.var_ii) + 1e-15
                             AND abs(g.z - r.z_ii) <= 1e-8 * abs(r.z_ii) + 1e-12
                             AND abs(g.p - r.p_ii) <= 1e-8 * abs(r.p_ii) + 1e-12),
          count(*), 'localmoran of ' || r.name || ': I_i, E, Var, z, p of every region')
FROM ref_local r JOIN got_local g USING (name, id)
GROUP BY r.name ORDER BY r.name;

-- quadrants: sign of z_i and of its lag; significance level
SELECT is((SELECT count(*) FROM got_local WHERE name = 'columbus_queen_w' AND quadrant = 'not significant'),
          (SELECT count(*) FROM ref_local WHERE name = 'columbus_queen_w' AND p_ii > 0.05),
          'not significant exactly where spdep''s p > 0.05');
SELECT is((SELECT array_agg(DISTINCT (l).quadrant ORDER BY (l).quadrant)
           FROM (SELECT local_moran(c.crime, c.polyid, w.neighbours, w.weights, significance => 1) OVER () AS l
                 FROM sy_columbus c JOIN spatial_weights('sy_columbus', 'polyid', 'geom') w ON w.id = c.polyid) s),
          ARRAY['HH', 'HL', 'LH', 'LL'], 'significance 1: every region labelled by its quadrant');

-- permutation tests: seeded, deterministic, in (0, 1]
SELECT is((SELECT (moran_i(c.crime, c.polyid, w.neighbours, w.weights, 999, 11)).p_permutation
           FROM sy_columbus c JOIN spatial_weights('sy_columbus', 'polyid', 'geom') w ON w.id = c.polyid),
          0.001::float8, 'CRIME: no permutation beats the observed I (p = 1/1000)');
SELECT ok((SELECT (moran_i(c.crime, c.polyid, w.neighbours, w.weights, 99, 11)).p_permutation
           FROM sy_columbus c JOIN spatial_weights('sy_columbus', 'polyid', 'geom') w ON w.id = c.polyid) =
          (SELECT (moran_i(c.crime, c.polyid, w.neighbours, w.weights, 99, 11)).p_permutation
           FROM sy_columbus c JOIN spatial_weights('sy_columbus', 'polyid', 'geom') w ON w.id = c.polyid),
          'same seed, same p value');
-- islands in local Moran
SELECT is((SELECT count(*) FROM (SELECT local_moran(c.v, c.code, w.neighbours, w.weights) OVER () AS l
            FROM sy_myr c JOIN spatial_weights('sy_myr', 'code', 'geom', 'distance', distance => 0.8) w ON w.id = c.code) s
           WHERE (l).quadrant = 'island' AND (l).i = 0 AND (l).z IS NULL), 10::bigint,
          'islands: I_i = 0, z NULL, quadrant ''island''');
-- array forms: (value, geometry) pairs as array_agg gives them, the same numbers
SELECT ok(bool_and(abs(CASE r.quantity
                         WHEN 'i' THEN m.i WHEN 'expected' THEN m.expected
                         WHEN 'variance_randomisation' THEN m.variance_randomisation
                         WHEN 'z_randomisation' THEN m.z_randomisation
                         WHEN 'variance_normal' THEN m.variance_normal
                         WHEN 'z_normal' THEN m.z_normal END - r.want) <= 1e-9 * abs(r.want)),
          'moran_i(value[], geom[]) on Columbus queen as moran.test')
FROM (SELECT array_agg(crime ORDER BY polyid) AS v, array_agg(geom ORDER BY polyid) AS g FROM sy_columbus) s,
     moran_i(s.v, s.g) m, ref_global r WHERE r.name = 'columbus_queen_w';
SELECT ok(bool_and(abs(CASE r.quantity
                         WHEN 'i' THEN m.i WHEN 'expected' THEN m.expected
                         WHEN 'variance_randomisation' THEN m.variance_randomisation
                         WHEN 'z_randomisation' THEN m.z_randomisation
                         WHEN 'variance_normal' THEN m.variance_normal
                         WHEN 'z_normal' THEN m.z_normal END - r.want) <= 1e-9 * abs(r.want)),
          'moran_i(value[], geom[], ''distance'', binary) on the cities (10 islands) as moran.test')
FROM (SELECT array_agg(v ORDER BY code) AS v, array_agg(geom ORDER BY code) AS g FROM sy_myr) s,
     moran_i(s.v, s.g, 'distance', distance => 0.8, style => 'binary') m, ref_global r WHERE r.name = 'myr_band08_b';
SELECT is((SELECT count(*) FROM (SELECT array_agg(v ORDER BY code) AS v, array_agg(geom ORDER BY code) AS g,
                                        array_agg(code ORDER BY code) AS codes FROM sy_myr) s,
                  local_moran(s.v, s.g, 'knn', 4) l, ref_local r
            WHERE r.name = 'myr_knn4_w' AND r.id = s.codes[l.ord]
              AND abs(l.i - r.ii) <= 1e-9 * abs(r.ii) + 1e-15 AND abs(l.z - r.z_ii) <= 1e-8 * abs(r.z_ii) + 1e-12),
          31::bigint, 'local_moran(value[], geom[], ''knn'', 4) as localmoran for all 31 cities');
SELECT throws_ok($$SELECT moran_i('{1,2}'::float8[], ARRAY['POINT(0 0)'::geometry])$$, '2202E', NULL,
                 'arrays of different lengths -> 2202E');
SELECT throws_ok($$SELECT count(*) FROM local_moran('{1,2}'::float8[], ARRAY['POINT(0 0)'::geometry, 'SRID=4326;POINT(1 1)'])$$,
                 '22023', 'spatial_weights_array: the geometries have different SRIDs',
                 'array forms: mixed SRIDs -> 22023 (not PostGIS''s XX000)');
CREATE TEMP TABLE sy_mixed_srid (id int, g geometry);
INSERT INTO sy_mixed_srid VALUES (1, 'POINT(0 0)'), (2, 'SRID=4326;POINT(1 1)');
SELECT throws_ok($$SELECT * FROM spatial_weights('sy_mixed_srid', 'id', 'g')$$, '22023', NULL,
                 'spatial_weights: a table with mixed SRIDs -> 22023');
SELECT throws_ok($$SELECT * FROM spatial_weights('sy_columbus', 'polyid', 'geom', 'bishop')$$, '22023', NULL,
                 'unknown method -> 22023');
SELECT throws_ok($$SELECT moran_i(v, id, nb, NULL) FROM (VALUES (1.0, 1, '{1}'::bigint[])) t(v, id, nb)$$,
                 '22023', NULL, 'self link -> 22023');

-- Moran's I does not depend on the scale of the weights: binary queen
-- weights of 1, 1e-320 (subnormal), 1e308, and a mix of 1e308 and 1e-320
-- standing for 1 and 0 give the same I, E[I] and z to 1e-14 relative (the
-- scaled weights' sums round differently: about 45 ulps; the variances,
-- differences of close terms, to 5e-14) and the same local z (1e-14), p and
-- quadrants; nothing is NULL.  What scales with the weights is reported as
-- float8 holds it: S0 = 236 x 1e308 is Infinity, a local I_i of 1e308
-- weights is Infinity where |I_i| x 1e308 passes float8's range.
CREATE TEMP TABLE scale_w AS
SELECT c.polyid::bigint AS id, c.crime, w.neighbours, s.scale,
       CASE s.scale WHEN 'mixed' THEN ARRAY(SELECT CASE WHEN n % 3 = 0 THEN 1e-320 ELSE 1e308 END::float8 FROM unnest(w.neighbours) n)
                    WHEN 'mixed ref' THEN ARRAY(SELECT CASE WHEN n % 3 = 0 THEN 0 ELSE 1 END::float8 FROM unnest(w.neighbours) n)
                    ELSE array_fill(s.scale::float8, ARRAY[cardinality(w.neighbours)]) END AS weights
  FROM sy_columbus c JOIN spatial_weights('sy_columbus', 'polyid', 'geom', style => 'binary') w ON w.id = c.polyid,
       (VALUES ('1'), ('1e-320'), ('1e308'), ('mixed'), ('mixed ref')) s(scale);
CREATE TEMP TABLE scale_g AS
SELECT scale, (moran_i(crime, id, neighbours, weights, 99, 7)).* FROM scale_w GROUP BY scale;
CREATE FUNCTION pg_temp.same(a float8, b float8, rel float8) RETURNS bool
LANGUAGE sql IMMUTABLE AS $$SELECT abs(a - b) <= rel * abs(b)$$;
SELECT ok(bool_and(pg_temp.same(g.i, r.i, 1e-14) AND pg_temp.same(g.expected, r.expected, 1e-14)
                   AND pg_temp.same(g.z_normal, r.z_normal, 1e-14)
                   AND pg_temp.same(g.z_randomisation, r.z_randomisation, 1e-14)
                   AND pg_temp.same(g.variance_normal, r.variance_normal, 5e-14)
                   AND pg_temp.same(g.variance_randomisation, r.variance_randomisation, 5e-14)
                   AND pg_temp.same(g.p_randomisation, r.p_randomisation, 1e-12)
                   AND g.p_permutation = r.p_permutation),
          'moran_i: weights of ' || g.scale || ' as weights of 1 (1e-14 relative)')
FROM scale_g g, scale_g r WHERE r.scale = '1' AND g.scale IN ('1e-320', '1e308') GROUP BY g.scale ORDER BY g.scale;
SELECT ok((SELECT pg_temp.same(g.i, r.i, 1e-14) AND pg_temp.same(g.z_randomisation, r.z_randomisation, 1e-14)
                  AND pg_temp.same(g.variance_normal, r.variance_normal, 5e-14)
             FROM scale_g g, scale_g r WHERE g.scale = 'mixed' AND r.scale = 'mixed ref'),
          'moran_i: weights of 1e308 and 1e-320 as weights of 1 and 0');
SELECT ok((SELECT abs(i - 0.515461436886279) <= 1e-9 * 0.515461436886279 FROM scale_g WHERE scale = '1e-320'),
          'moran_i: weights of 1e-320 give spdep''s I of binary queen weights');
SELECT is((SELECT array_agg(s0::text ORDER BY scale) FROM scale_g WHERE scale IN ('1', '1e308')),
          ARRAY['236', 'Infinity'], 'S0 is the sum of the weights as given (Infinity past float8''s range)');
CREATE TEMP TABLE scale_l AS
SELECT scale, id, (local_moran(crime, id, neighbours, weights) OVER (PARTITION BY scale)).* FROM scale_w;
SELECT is(count(*) FILTER (WHERE abs(g.z - r.z) <= 1e-14 * greatest(abs(r.z), 1) AND pg_temp.same(g.p, r.p, 1e-13)
                             AND g.quadrant = r.quadrant AND g.z IS NOT NULL AND g.i IS NOT NULL
                             AND CASE g.scale WHEN '1e308' THEN
                                   CASE WHEN g.i IN ('Infinity', '-Infinity') THEN abs(r.i) > 1.7976931348623157
                                        ELSE pg_temp.same(g.i / 1e308, r.i, 1e-14) END
                                 ELSE g.i NOT IN ('Infinity', '-Infinity') END),
          49::bigint, 'local_moran: weights of ' || g.scale || ': z, p and quadrant of every region as with 1')
FROM scale_l g JOIN scale_l r USING (id) WHERE r.scale = '1' AND g.scale IN ('1e-320', '1e308')
GROUP BY g.scale ORDER BY g.scale;

SELECT * FROM finish();
ROLLBACK;
