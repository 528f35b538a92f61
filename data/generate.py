#!/usr/bin/env python3
"""Generate the bundled sample data of the synergy extension.

    python3 data/generate.py            # from the repository root

rewrites, next to this script:

    indicators.csv      the 25 indicators in 6 subsystems
    regions.csv         35 cities with approximate coordinates
    agglomerations.csv  the 3 agglomerations the cities belong to
    panel.csv           7 cities x 2010-2019 x 25 indicators (1750 rows)

THE PANEL VALUES ARE SYNTHETIC.  They come from the small model below, tuned so
that magnitudes, orderings and trends look like those of the 7 cities that
seed paper 000 compares (宜荆荆恩 vs 苏锡常, 2010-2019), so the extension's
demos and tests give sensible-looking results.  They are NOT yearbook figures
and must never be cited as statistics of any city.

Determinism
-----------
The output is byte-identical on every run and every Python 3 version:
  * no `random` module (its algorithms may change between versions): a
    splitmix64 generator and a Box-Muller transform are written out below;
  * each (city, indicator) series has its own stream, seeded from a fixed
    hash of its codes, so adding or reordering series never changes others;
  * values are rounded to a few decimals and printed with '%.<n>f' (correctly
    rounded in every CPython 3), rows are written in a fixed order with '\\n'
    line ends.
The only floating-point library calls are math.log/cos/sqrt/exp/pow; a
last-ulp difference between C libraries could in principle flip a rounding
digit, which does not happen on any common platform (glibc, musl, macOS).

The model
---------
Every city has a few latent traits (the CITIES table):

  pop0, pop_g     resident population in 2010 (10k persons) and its growth;
  gdppc0          GDP per capita in 2010 (yuan);
  g_early, g_late annual nominal growth of GDP per capita in 2010-2015 and
                  2015-2019 (the post-2015 "new normal" slow-down).

From these, for year t = year - 2010:

  gdppc(t) = gdppc0 * (1+g_early)^min(t,5) * (1+g_late)^max(t-5,0)
  dev(t)   = gdppc(t) / 40000          development level, ~1 = Yichang 2010
  gdp(t)   = pop(t) * gdppc(t) / 1e4   GDP in 100 million yuan (亿元)

Why Suzhou's economy dwarfs Enshi's: Suzhou starts with 3.2x the population
and 8.2x the GDP per capita of Enshi (2010), so ~26x the GDP; Enshi grows
faster (from a low base) but the gap in totals stays above 15x.

Each indicator is an "expected value" function of these traits (per-capita
and ratio indicators scale with dev(t)^elasticity, totals with gdp(t)), times
indicator-specific structural factors written per city where the real-world
reason is specific (Yichang's and Jingmen's phosphate/chemical industries
make them energy- and SO2-intensive; Suzhou's export processing makes its
trade huge; ...), times a trend exp(g * t) for change not explained by income
growth (energy intensity falling, patents booming, ...).

Noise: each series gets an AR(1) disturbance e_t = rho*e_{t-1} +
sqrt(1-rho^2)*z_t with z_t ~ N(0,1), rho = 0.5, applied multiplicatively
(value * exp(sd*e_t)) for positive quantities or additively (value + sd*e_t)
for percentages and rates.  The year-to-year wobble is therefore smooth-ish
and of a realistic size (a few per cent).

Story lines of the seed paper that the model reproduces on purpose:
  * 苏锡常 is much richer, more open and more innovative; its 3 cities are
    close to each other, so their coordination comes out high and steady;
  * within 宜荆荆恩 Yichang is clearly the strongest, Enshi the weakest;
  * Jingmen's growth slows most after 2015 (its share of the group GDP falls
    to ~20% in 2019);
  * Enshi's science & innovation indicators jump in 2015;
  * energy and SO2 intensities fall everywhere, patents rise faster in 苏锡常.

Missing values are NOT random: they are listed by hand in MISSING (with the
reasons the rules demand) and written as an empty field, i.e. SQL NULL.
"""

import csv
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
YEARS = list(range(2010, 2020))
MASTER_SEED = 20240601
RHO = 0.5  # AR(1) coefficient of the noise


# ---------------------------------------------------------------------------
# Pseudo-random numbers: splitmix64 (Steele, Lea & Flood 2014) + Box-Muller.
# ---------------------------------------------------------------------------

MASK64 = (1 << 64) - 1


def fnv1a64(text):
    """64-bit FNV-1a hash of a UTF-8 string (stable, unlike hash())."""
    h = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        h ^= byte
        h = (h * 0x100000001B3) & MASK64
    return h


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK64

    def next_u64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def uniform(self):
        """Uniform on the open interval (0, 1): 53 random bits, centred."""
        return ((self.next_u64() >> 11) + 0.5) / 9007199254740992.0  # 2^53

    def normal(self):
        """Standard normal by Box-Muller (cosine branch only, one per call)."""
        u1 = self.uniform()
        u2 = self.uniform()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


def series_noise(region_code, indicator_code, n):
    """n AR(1) standard-normal disturbances for one (city, indicator) series."""
    rng = SplitMix64(MASTER_SEED ^ fnv1a64(region_code + "|" + indicator_code))
    out = []
    e = rng.normal()
    out.append(e)
    for _ in range(n - 1):
        e = RHO * e + math.sqrt(1.0 - RHO * RHO) * rng.normal()
        out.append(e)
    return out


# ---------------------------------------------------------------------------
# Reference tables: agglomerations and cities (all 35 cities of the seeds).
# Coordinates are city seats rounded to about 0.05 degree (WGS84).
# ---------------------------------------------------------------------------

AGGLOMERATIONS = [
    ("ycje", "宜荆荆恩城市群", "Yichang-Jingzhou-Jingmen-Enshi agglomeration"),
    ("sxc", "苏锡常都市圈", "Suzhou-Wuxi-Changzhou metropolitan area"),
    ("myr", "长江中游城市群", "Middle Yangtze River agglomeration"),
]

# code, name_zh, name_en, province, agglomerations (';'-separated), lon, lat
REGIONS = [
    ("420500", "宜昌", "Yichang", "Hubei", "ycje;myr", "111.29", "30.69"),
    ("421000", "荆州", "Jingzhou", "Hubei", "ycje;myr", "112.24", "30.33"),
    ("420800", "荆门", "Jingmen", "Hubei", "ycje;myr", "112.20", "31.04"),
    ("422800", "恩施", "Enshi", "Hubei", "ycje", "109.49", "30.27"),
    ("320500", "苏州", "Suzhou", "Jiangsu", "sxc", "120.59", "31.30"),
    ("320200", "无锡", "Wuxi", "Jiangsu", "sxc", "120.31", "31.49"),
    ("320400", "常州", "Changzhou", "Jiangsu", "sxc", "119.97", "31.81"),
    ("420100", "武汉", "Wuhan", "Hubei", "myr", "114.30", "30.59"),
    ("420200", "黄石", "Huangshi", "Hubei", "myr", "115.04", "30.20"),
    ("420700", "鄂州", "Ezhou", "Hubei", "myr", "114.89", "30.39"),
    ("421100", "黄冈", "Huanggang", "Hubei", "myr", "114.87", "30.45"),
    ("420900", "孝感", "Xiaogan", "Hubei", "myr", "113.92", "30.92"),
    ("421200", "咸宁", "Xianning", "Hubei", "myr", "114.32", "29.84"),
    ("429004", "仙桃", "Xiantao", "Hubei", "myr", "113.45", "30.36"),
    ("429005", "潜江", "Qianjiang", "Hubei", "myr", "112.90", "30.40"),
    ("429006", "天门", "Tianmen", "Hubei", "myr", "113.17", "30.66"),
    ("420600", "襄阳", "Xiangyang", "Hubei", "myr", "112.12", "32.01"),
    ("430100", "长沙", "Changsha", "Hunan", "myr", "112.94", "28.23"),
    ("430200", "株洲", "Zhuzhou", "Hunan", "myr", "113.13", "27.83"),
    ("430300", "湘潭", "Xiangtan", "Hunan", "myr", "112.94", "27.83"),
    ("430600", "岳阳", "Yueyang", "Hunan", "myr", "113.13", "29.36"),
    ("430900", "益阳", "Yiyang", "Hunan", "myr", "112.36", "28.55"),
    ("430700", "常德", "Changde", "Hunan", "myr", "111.70", "29.03"),
    ("430400", "衡阳", "Hengyang", "Hunan", "myr", "112.57", "26.89"),
    ("431300", "娄底", "Loudi", "Hunan", "myr", "112.00", "27.70"),
    ("360100", "南昌", "Nanchang", "Jiangxi", "myr", "115.86", "28.68"),
    ("360400", "九江", "Jiujiang", "Jiangxi", "myr", "116.00", "29.71"),
    ("360200", "景德镇", "Jingdezhen", "Jiangxi", "myr", "117.18", "29.27"),
    ("360600", "鹰潭", "Yingtan", "Jiangxi", "myr", "117.07", "28.26"),
    ("360500", "新余", "Xinyu", "Jiangxi", "myr", "114.92", "27.82"),
    ("360900", "宜春", "Yichun", "Jiangxi", "myr", "114.42", "27.82"),
    ("360300", "萍乡", "Pingxiang", "Jiangxi", "myr", "113.85", "27.62"),
    ("361100", "上饶", "Shangrao", "Jiangxi", "myr", "117.94", "28.45"),
    ("361000", "抚州", "Fuzhou", "Jiangxi", "myr", "116.36", "27.95"),
    ("360800", "吉安", "Ji'an", "Jiangxi", "myr", "114.99", "27.11"),
]

# ---------------------------------------------------------------------------
# Indicators.  direction: 1 = benefit (larger is better), -1 = cost.
# ---------------------------------------------------------------------------

SUBSYSTEMS = [  # code, name_zh, order
    ("economy", "经济水平", 1),
    ("exchange", "交流服务", 2),
    ("industry", "产业发展", 3),
    ("ecology", "生态文明", 4),
    ("public_service", "公共服务", 5),
    ("innovation", "科技创新", 6),
]

# code, name_zh, name_en, subsystem, direction, unit
INDICATORS = [
    ("EC1", "人均地区生产总值", "GDP per capita", "economy", 1, "yuan"),
    ("EC2", "城镇居民人均可支配收入", "Urban per-capita disposable income",
     "economy", 1, "yuan"),
    ("EC3", "一般公共预算收入", "General public budget revenue",
     "economy", 1, "100 million yuan"),
    ("EC4", "人均社会消费品零售总额", "Retail sales of consumer goods per capita",
     "economy", 1, "yuan"),
    ("EC5", "城镇登记失业率", "Registered urban unemployment rate",
     "economy", -1, "%"),
    ("EX1", "货运量", "Freight volume", "exchange", 1, "10k t"),
    ("EX2", "客运量", "Passenger volume", "exchange", 1, "10k persons"),
    ("EX3", "进出口总额", "Total imports and exports",
     "exchange", 1, "100 million USD"),
    ("EX4", "每百户互联网宽带接入用户数", "Broadband subscribers per 100 households",
     "exchange", 1, "subscribers per 100 households"),
    ("IN1", "第三产业增加值占GDP比重", "Tertiary industry share of GDP",
     "industry", 1, "%"),
    ("IN2", "产业结构贴近度", "Industrial structure similarity index",
     "industry", 1, "index (0-1)"),
    ("IN3", "规模以上工业增加值", "Value added of industry above designated size",
     "industry", 1, "100 million yuan"),
    ("IN4", "人均固定资产投资", "Fixed-asset investment per capita",
     "industry", 1, "yuan"),
    ("EL1", "万元GDP能耗", "Energy consumption per 10k yuan of GDP",
     "ecology", -1, "tce per 10k yuan"),
    ("EL2", "建成区绿化覆盖率", "Green coverage of built-up area",
     "ecology", 1, "%"),
    ("EL3", "单位GDP工业二氧化硫排放量", "Industrial SO2 emissions per unit of GDP",
     "ecology", -1, "t per 100 million yuan"),
    ("EL4", "生活垃圾无害化处理率", "Harmless treatment rate of household waste",
     "ecology", 1, "%"),
    ("PS1", "每万人医疗卫生机构床位数", "Hospital beds per 10k people",
     "public_service", 1, "beds per 10k people"),
    ("PS2", "每万人执业(助理)医师数", "Licensed (assistant) doctors per 10k people",
     "public_service", 1, "doctors per 10k people"),
    ("PS3", "每百人公共图书馆藏书", "Public library books per 100 people",
     "public_service", 1, "volumes per 100 people"),
    ("PS4", "每万名中小学生专任教师数",
     "Full-time teachers per 10k primary and secondary students",
     "public_service", 1, "teachers per 10k students"),
    ("SI1", "R&D经费支出占GDP比重", "R&D expenditure share of GDP",
     "innovation", 1, "%"),
    ("SI2", "发明专利授权量", "Invention patents granted", "innovation", 1, "items"),
    ("SI3", "科学技术支出占一般公共预算支出比重",
     "Science and technology share of general public budget expenditure",
     "innovation", 1, "%"),
    ("SI4", "高新技术企业数", "High-tech enterprises", "innovation", 1,
     "enterprises"),
]

# ---------------------------------------------------------------------------
# City traits (see the module docstring).  Orders of magnitude follow the
# public picture of these cities around 2010-2019; the numbers are rounded
# model inputs, not data.
# ---------------------------------------------------------------------------


class City:
    def __init__(self, code, name, js, pop0, pop_g, gdppc0, g_early, g_late):
        self.code = code
        self.name = name
        self.js = js            # True for the Jiangsu (苏锡常) cities
        self.pop0 = pop0        # 10k persons, 2010
        self.pop_g = pop_g      # annual population growth
        self.gdppc0 = gdppc0    # yuan, 2010
        self.g_early = g_early  # GDP per capita growth 2010-2015
        self.g_late = g_late    # GDP per capita growth 2015-2019

    def pop(self, t):
        return self.pop0 * (1.0 + self.pop_g) ** t

    def gdppc(self, t):
        return (self.gdppc0 * (1.0 + self.g_early) ** min(t, 5)
                * (1.0 + self.g_late) ** max(t - 5, 0))

    def dev(self, t):
        """Development level: GDP per capita relative to 40 000 yuan."""
        return self.gdppc(t) / 40000.0

    def gdp(self, t):
        """GDP in 100 million yuan (10k persons * yuan / 1e4)."""
        return self.pop(t) * self.gdppc(t) / 1e4


#       code      name         js     pop0  pop_g   gdppc0 g_early g_late
CITIES = [
    # Yichang: the core of 宜荆荆恩, hydropower and chemicals, fastest riser.
    City("420500", "Yichang", False, 406, 0.002, 38000, 0.160, 0.080),
    # Jingzhou: populous, agricultural, poor per head but catching up.
    City("421000", "Jingzhou", False, 570, -0.0025, 14700, 0.150, 0.105),
    # Jingmen: petrochemicals; fast until 2015, then the slowest of the four.
    City("420800", "Jingmen", False, 287, 0.001, 25600, 0.145, 0.085),
    # Enshi: mountainous minority prefecture, the poorest, from a low base.
    City("422800", "Enshi", False, 329, 0.003, 10700, 0.155, 0.110),
    # Suzhou: the largest economy of the seven by far, export manufacturing.
    City("320500", "Suzhou", True, 1047, 0.003, 88000, 0.105, 0.055),
    # Wuxi: as rich per head as Suzhou, about 60% of its size.
    City("320200", "Wuxi", True, 637, 0.0035, 91000, 0.100, 0.055),
    # Changzhou: the smallest and least rich of 苏锡常, growing a bit faster.
    City("320400", "Changzhou", True, 459, 0.0035, 66500, 0.125, 0.070),
]
PANEL_CITIES = [c.code for c in CITIES]


def by_city(**values):
    """Per-city constants keyed by English name -> dict keyed by code."""
    names = {c.name: c.code for c in CITIES}
    assert sorted(values) == sorted(names), sorted(values)
    return {names[k]: v for k, v in values.items()}


def kinked(t, t_kink, g1, g2):
    """Log-linear trend with growth g1 up to t_kink and g2 after it."""
    return math.exp(g1 * min(t, t_kink) + g2 * max(t - t_kink, 0))


# Actual annual average CNY per USD (public PBoC figures), used only to turn
# the modelled trade value in yuan into USD.
CNY_PER_USD = [6.77, 6.46, 6.31, 6.19, 6.14, 6.23, 6.64, 6.75, 6.62, 6.90]

# -- structural per-city constants used by several indicators --------------

# Three-sector structure of GDP (%): primary share 2010 -> 2019 (decays
# geometrically), tertiary share 2010 and its annual change (linear).
PRIMARY = by_city(Yichang=(12.5, 9.6), Jingzhou=(27.0, 20.7),
                  Jingmen=(17.0, 12.6), Enshi=(30.0, 18.7),
                  Suzhou=(1.7, 1.0), Wuxi=(1.8, 1.0), Changzhou=(3.3, 2.1))
TERTIARY = by_city(Yichang=(31.0, 0.95), Jingzhou=(34.0, 1.05),
                   Jingmen=(32.5, 0.78), Enshi=(39.0, 1.33),
                   Suzhou=(41.4, 1.12), Wuxi=(42.5, 0.96),
                   Changzhou=(41.0, 1.03))
# Benchmark ("target") structure for the similarity index, shares of GDP:
# the paper does not define its 产业结构贴近度; we use the cosine similarity
# of (primary, secondary, tertiary) with an advanced-economy benchmark.
BENCHMARK = (0.04, 0.38, 0.58)

# Innovation capacity relative to economic size (patents, high-tech firms).
INNOV = by_city(Yichang=1.07, Jingzhou=0.90, Jingmen=0.82, Enshi=0.43,
                Suzhou=2.44, Wuxi=2.33, Changzhou=2.46)


def primary_share(c, t):
    p0, p9 = PRIMARY[c.code]
    return p0 * (p9 / p0) ** (t / 9.0)


def tertiary_share(c, t):
    s0, slope = TERTIARY[c.code]
    return s0 + slope * t


def enshi_2015(c, t, factor):
    """Enshi's 2015 step up in science & innovation (seed paper, 4.1)."""
    return factor if (c.name == "Enshi" and t >= 5) else 1.0


# ---------------------------------------------------------------------------
# Expected (noise-free) value of each indicator: f(city, t), t = year - 2010.
# ---------------------------------------------------------------------------

# EC3: budget revenue as a share of GDP; Hubei's share erodes (tax cuts,
# slower land revenue), Jiangsu's is high and steady; Enshi collects a
# relatively high share (resource taxes, tobacco).
REVENUE_RATE = by_city(Yichang=0.065, Jingzhou=0.060, Jingmen=0.062,
                       Enshi=0.085, Suzhou=0.095, Wuxi=0.089, Changzhou=0.098)

# EC5: registered urban unemployment rate in 2010 (%); Jingzhou (large
# rural hinterland, state-enterprise restructuring) highest.
UNEMP = by_city(Yichang=2.55, Jingzhou=3.55, Jingmen=2.75, Enshi=3.25,
                Suzhou=1.95, Wuxi=2.35, Changzhou=2.10)

# EX1: freight intensity (Yichang: Three Gorges port; Enshi: mountains;
# Changzhou: a road-logistics hub between Nanjing and Shanghai).
FREIGHT = by_city(Yichang=1.50, Jingzhou=1.10, Jingmen=1.00, Enshi=0.80,
                  Suzhou=0.95, Wuxi=0.90, Changzhou=1.35)

# EX2: passenger tweak (Enshi: mountain bus travel and tourism).
PASSENGERS = by_city(Yichang=1.00, Jingzhou=1.00, Jingmen=1.00, Enshi=1.30,
                     Suzhou=1.00, Wuxi=1.00, Changzhou=1.00)

# EX3: trade openness, (imports+exports)/GDP in 2010.
OPENNESS = by_city(Yichang=0.075, Jingzhou=0.089, Jingmen=0.064,
                   Enshi=0.029, Suzhou=2.01, Wuxi=0.72, Changzhou=0.51)

# IN3: industry above designated size as a fraction of secondary industry.
ABOVE_SIZE = by_city(Yichang=0.78, Jingzhou=0.68, Jingmen=0.75, Enshi=0.50,
                     Suzhou=0.80, Wuxi=0.78, Changzhou=0.75)

# IN4: fixed-asset investment as a share of GDP in 2010.
INVEST = by_city(Yichang=0.68, Jingzhou=0.62, Jingmen=0.71, Enshi=0.74,
                 Suzhou=0.39, Wuxi=0.41, Changzhou=0.54)

# EL1: energy intensity in 2010 (tce per 10k yuan); Yichang (phosphate
# chemicals) and Jingmen (petrochemicals, cement) are heavy, Enshi (tea,
# tobacco, tourism, little heavy industry) is the lightest of the four.
ENERGY = by_city(Yichang=1.30, Jingzhou=0.92, Jingmen=1.62, Enshi=0.80,
                 Suzhou=0.74, Wuxi=0.66, Changzhou=0.69)

# EL2: green coverage of built-up area in 2010 (%).
GREEN = by_city(Yichang=38.6, Jingzhou=35.8, Jingmen=38.2, Enshi=34.0,
                Suzhou=42.6, Wuxi=42.9, Changzhou=42.2)

# EL3: industrial SO2 per GDP in 2010 (t per 100 million yuan).
SO2 = by_city(Yichang=40.0, Jingzhou=35.0, Jingmen=80.0, Enshi=24.0,
              Suzhou=28.0, Wuxi=16.0, Changzhou=17.0)

# EL4: gap to 100% harmless waste treatment in 2010 (percentage points).
WASTE_GAP = by_city(Yichang=8.0, Jingzhou=22.0, Jingmen=14.0, Enshi=35.0,
                    Suzhou=0.6, Wuxi=0.9, Changzhou=1.8)

# PS1: hospital-bed tweak (Yichang and Jingzhou are regional medical centres).
BEDS = by_city(Yichang=1.10, Jingzhou=1.05, Jingmen=1.00, Enshi=1.00,
               Suzhou=1.00, Wuxi=1.05, Changzhou=0.97)

# PS3: library tweak (Suzhou's dense library network, Enshi's county
# libraries built with national support).
LIBRARY = by_city(Yichang=1.00, Jingzhou=0.85, Jingmen=1.00, Enshi=1.40,
                  Suzhou=1.30, Wuxi=0.80, Changzhou=0.75)

# PS4: teachers per 10k students in 2010; student numbers rise in Jiangsu
# (migrant children) and fall in Hubei, so the ratio drifts apart; Enshi's
# many small mountain schools need more teachers per pupil.
TEACHERS = by_city(Yichang=745, Jingzhou=690, Jingmen=720, Enshi=765,
                   Suzhou=760, Wuxi=775, Changzhou=790)

# SI1: R&D share of GDP in 2010 (%) and its annual increase (points).
RND = by_city(Yichang=(1.40, 0.070), Jingzhou=(0.75, 0.050),
              Jingmen=(1.20, 0.055), Enshi=(0.32, 0.020),
              Suzhou=(2.40, 0.070), Wuxi=(2.50, 0.060),
              Changzhou=(2.20, 0.080))

# SI3: science & technology share of budget expenditure in 2010 (%).
# (Jingzhou's large agricultural and social budget leaves the least for S&T;
# Changzhou spends heavily on its science parks.)
ST_SHARE = by_city(Yichang=1.50, Jingzhou=0.50, Jingmen=1.10, Enshi=0.60,
                   Suzhou=3.90, Wuxi=4.10, Changzhou=4.40)


def ec1(c, t):  # GDP per capita: the latent series itself
    return c.gdppc(t)


def ec2(c, t):  # income: much flatter across cities than GDP (elasticity
    # 0.2), a Jiangsu wage premium of 1.58, 7.9%/yr beyond income growth
    return 16000.0 * c.dev(t) ** 0.2 * (1.58 if c.js else 1.0) * math.exp(0.079 * t)


def ec3(c, t):  # budget revenue = GDP x revenue rate (Hubei rate -4%/yr)
    drift = 0.005 if c.js else -0.04
    return c.gdp(t) * REVENUE_RATE[c.code] * math.exp(drift * t)


def ec4(c, t):  # retail per capita: elasticity 0.75 on income, +5.8%/yr
    return 14000.0 * c.dev(t) ** 0.75 * math.exp(0.058 * t)


def ec5(c, t):  # unemployment: slowly falling, -0.04 points a year
    return UNEMP[c.code] - 0.04 * t


def ex1(c, t):  # freight: grows with the square root of GDP (0.45)
    return 9000.0 * (c.gdp(t) / 1500.0) ** 0.45 * FREIGHT[c.code]


def ex2(c, t):  # passengers: ~20 trips per head, +4%/yr to 2013, then -8%/yr
    # (road statistics re-based in 2013, high-speed rail and private cars)
    return (20.0 * c.pop(t) * c.dev(t) ** 0.25 * PASSENGERS[c.code]
            * kinked(t, 3, 0.04, -0.08))


def ex3(c, t):  # trade in USD: GDP x openness / exchange rate; openness
    # falls 6%/yr in 苏锡常 (less processing trade), 2%/yr in Hubei
    drift = -0.06 if c.js else -0.02
    return c.gdp(t) * OPENNESS[c.code] * math.exp(drift * t) / CNY_PER_USD[t]


def ex4(c, t):  # broadband: saturating towards 115, faster where richer
    v0 = 32.0 * c.dev(0) ** 0.45
    k = 0.08 + 0.04 * c.dev(0) ** 0.5
    return 115.0 - (115.0 - v0) * math.exp(-k * t)


def in1(c, t):  # tertiary share: linear rise per city
    return tertiary_share(c, t)


def in2_from_shares(primary, tertiary):
    """Cosine similarity of the 3-sector structure with BENCHMARK."""
    a = (primary / 100.0, 1.0 - (primary + tertiary) / 100.0, tertiary / 100.0)
    dot = sum(x * y for x, y in zip(a, BENCHMARK))
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in BENCHMARK))
    return dot / (na * nb)


def in3(c, t):  # industry above designated size = GDP x secondary share x f
    secondary = 100.0 - primary_share(c, t) - tertiary_share(c, t)
    return c.gdp(t) * secondary / 100.0 * ABOVE_SIZE[c.code]


def in4(c, t):  # investment per head = GDP per head x investment rate;
    # Hubei's rate rises 4.5%/yr to 2017 then falls 6%/yr, Jiangsu's falls 3%/yr
    trend = math.exp(-0.03 * t) if c.js else kinked(t, 7, 0.045, -0.06)
    return c.gdppc(t) * INVEST[c.code] * trend


def el1(c, t):  # energy intensity: -5%/yr in 苏锡常, -6%/yr in Hubei
    return ENERGY[c.code] * math.exp((-0.05 if c.js else -0.06) * t)


def el2(c, t):  # green coverage: saturating towards 46%
    g0 = GREEN[c.code]
    return 46.0 - (46.0 - g0) * math.exp(-0.08 * t)


def el3(c, t):  # SO2 intensity: -10%/yr, -25%/yr after 2015 (ultra-low
    # emission retrofits while GDP keeps growing)
    return SO2[c.code] * kinked(t, 5, math.log(0.90), math.log(0.75))


def el4(c, t):  # waste treatment: the gap to 100% shrinks 28%/yr
    return 100.0 - WASTE_GAP[c.code] * 0.72 ** t


def ps1(c, t):  # beds: elasticity 0.15; +2.5%/yr Jiangsu, +4%/yr Hubei
    g = 0.025 if c.js else 0.040
    return 40.0 * c.dev(t) ** 0.15 * BEDS[c.code] * math.exp(g * t)


def ps2(c, t):  # doctors: elasticity 0.2; +3.5%/yr Jiangsu, +4%/yr Hubei
    g = 0.035 if c.js else 0.040
    return 17.0 * c.dev(t) ** 0.2 * math.exp(g * t)


def ps3(c, t):  # library books: elasticity 0.8 on income, no extra trend
    return 50.0 * c.dev(t) ** 0.8 * LIBRARY[c.code]


def ps4(c, t):  # teachers per 10k students: -0.8%/yr Jiangsu, +1.2%/yr Hubei
    return TEACHERS[c.code] * math.exp((-0.008 if c.js else 0.012) * t)


def si1(c, t):  # R&D share: linear rise; Enshi +0.25 points from 2015
    r0, slope = RND[c.code]
    step = 0.25 if (c.name == "Enshi" and t >= 5) else 0.0
    return r0 + slope * t + step


def si2(c, t):  # invention patents: ~100 per 1500 亿 GDP x capacity;
    # +13%/yr beyond GDP in 苏锡常, +4%/yr in Hubei; Enshi x1.8 from 2015
    g = 0.13 if c.js else 0.04
    return (100.0 * c.gdp(t) / 1500.0 * INNOV[c.code] * math.exp(g * t)
            * enshi_2015(c, t, 1.8))


def si3(c, t):  # S&T share of budget: +4%/yr Jiangsu, +6%/yr Hubei
    g = 0.04 if c.js else 0.06
    return ST_SHARE[c.code] * math.exp(g * t) * enshi_2015(c, t, 1.6)


def si4(c, t):  # high-tech enterprises: +5%/yr to 2015, then +25%/yr
    # (2016 recognition reform), on top of GDP growth
    return (45.0 * c.gdp(t) / 1500.0 * INNOV[c.code] ** 1.3
            * kinked(t, 5, 0.05, 0.25) * enshi_2015(c, t, 1.5))


# code -> (expected-value function, noise kind, noise sd, decimals, lo, hi)
# kind 'mul': value * exp(sd * e);  'add': value + sd * e;  'gap': the
# distance to `hi` is multiplied by exp(sd * e) (stays below hi).
# IN2 is computed from the noisy tertiary share (see generate_panel).
MODEL = {
    "EC1": (ec1, "mul", 0.015, 0, None, None),
    "EC2": (ec2, "mul", 0.010, 0, None, None),
    "EC3": (ec3, "mul", 0.030, 2, None, None),
    "EC4": (ec4, "mul", 0.020, 0, None, None),
    "EC5": (ec5, "add", 0.080, 2, 0.8, None),
    "EX1": (ex1, "mul", 0.050, 0, None, None),
    "EX2": (ex2, "mul", 0.050, 0, None, None),
    "EX3": (ex3, "mul", 0.060, 2, None, None),
    "EX4": (ex4, "add", 1.200, 2, 1.0, None),
    "IN1": (in1, "add", 0.350, 2, 1.0, 99.0),
    "IN2": (None, None, None, 4, None, None),
    "IN3": (in3, "mul", 0.030, 2, None, None),
    "IN4": (in4, "mul", 0.040, 0, None, None),
    "EL1": (el1, "mul", 0.025, 3, None, None),
    "EL2": (el2, "add", 0.350, 2, 1.0, 99.0),
    "EL3": (el3, "mul", 0.060, 2, None, None),
    "EL4": (el4, "gap", 0.150, 2, None, 100.0),
    "PS1": (ps1, "mul", 0.020, 2, None, None),
    "PS2": (ps2, "mul", 0.020, 2, None, None),
    "PS3": (ps3, "mul", 0.030, 2, None, None),
    "PS4": (ps4, "mul", 0.012, 1, None, None),
    "SI1": (si1, "mul", 0.040, 2, None, None),
    "SI2": (si2, "mul", 0.080, 0, None, None),
    "SI3": (si3, "mul", 0.050, 2, None, None),
    "SI4": (si4, "mul", 0.060, 0, None, None),
}

# Missing values (written as an empty field = SQL NULL), chosen by hand so
# that interpolation has something to do:
#   * mostly interior years, one series missing 2010 (Enshi EL1) and one
#     missing 2019 (Jingzhou SI4) to exercise the edge modes;
#   * one gap of 2 consecutive years (Enshi SI2 2012-2013), all others are
#     single years; no series has a longer gap;
#   * never the same indicator-year twice, so no indicator-year is empty
#     across all cities.
MISSING = [
    ("422800", "EL1", 2010),  # Enshi energy intensity, first year
    ("421000", "SI4", 2019),  # Jingzhou high-tech enterprises, last year
    ("422800", "SI2", 2012),  # Enshi patents, two consecutive years
    ("422800", "SI2", 2013),
    ("420800", "EC3", 2013),  # Jingmen budget revenue
    ("420500", "EX3", 2016),  # Yichang trade
    ("320400", "PS3", 2014),  # Changzhou library books
    ("421000", "EL3", 2017),  # Jingzhou SO2 intensity
    ("320200", "EX2", 2015),  # Wuxi passengers
    ("420800", "PS4", 2011),  # Jingmen teachers
    ("422800", "EX4", 2018),  # Enshi broadband
    ("320500", "IN3", 2012),  # Suzhou industry above designated size
]


# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------

def apply_noise(value, kind, sd, e, lo, hi):
    if kind == "mul":
        v = value * math.exp(sd * e)
    elif kind == "add":
        v = value + sd * e
    elif kind == "gap":
        v = hi - (hi - value) * math.exp(sd * e)
    else:
        raise ValueError(kind)
    if lo is not None:
        v = max(v, lo)
    if hi is not None:
        v = min(v, hi)
    return v


def fmt(value, decimals):
    return "%.*f" % (decimals, value)


def generate_panel():
    """Return {(region, year, indicator): formatted value or ''}."""
    out = {}
    for c in CITIES:
        noisy_tertiary = []
        for code, _zh, _en, _sub, _dir, _unit in INDICATORS:
            func, kind, sd, dec, lo, hi = MODEL[code]
            noise = series_noise(c.code, code, len(YEARS))
            for t, year in enumerate(YEARS):
                if code == "IN2":
                    # similarity of the (noisy) sector structure, plus a
                    # little noise on the primary share.
                    p = primary_share(c, t) * math.exp(0.03 * noise[t])
                    v = in2_from_shares(p, noisy_tertiary[t])
                else:
                    v = apply_noise(func(c, t), kind, sd, noise[t], lo, hi)
                    if code == "IN1":
                        noisy_tertiary.append(v)
                assert math.isfinite(v) and v > 0, (c.name, code, year, v)
                out[(c.code, year, code)] = fmt(v, dec)
    for region, code, year in MISSING:
        out[(region, year, code)] = ""
    return out


def check(panel):
    """Self-checks of the rules the sample data promises."""
    codes = [i[0] for i in INDICATORS]
    assert len(codes) == 25 and len(set(codes)) == 25
    assert sum(1 for i in INDICATORS if i[4] == -1) >= 3
    assert len(panel) == len(CITIES) * len(YEARS) * len(codes) == 1750
    assert len(set(MISSING)) == len(MISSING) and 10 <= len(MISSING) <= 14
    for code in codes:
        for year in YEARS:
            vals = [panel[(r, year, code)] for r in PANEL_CITIES]
            present = [v for v in vals if v != ""]
            assert present, ("whole indicator-year missing", code, year)
            assert len(set(present)) > 1, ("constant across cities", code, year)
    # gaps: at most 2 consecutive missing years in any series, and at most
    # one series with a 2-year gap
    long_gaps = 0
    for r in PANEL_CITIES:
        for code in codes:
            run = 0
            for year in YEARS:
                run = run + 1 if panel[(r, year, code)] == "" else 0
                assert run <= 2, ("gap longer than 2", r, code)
                if run == 2:
                    long_gaps += 1
    assert long_gaps <= 1
    missing_years = {y for _r, _c, y in MISSING}
    assert YEARS[0] in missing_years and YEARS[-1] in missing_years


def write_csv(name, header, rows):
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow(row)


def main():
    panel = generate_panel()
    check(panel)
    sub = {s[0]: s for s in SUBSYSTEMS}
    write_csv("indicators.csv",
              ["code", "name_zh", "name_en", "subsystem", "subsystem_zh",
               "subsystem_order", "direction", "unit"],
              [(c, zh, en, s, sub[s][1], sub[s][2], d, u)
               for c, zh, en, s, d, u in INDICATORS])
    write_csv("regions.csv",
              ["code", "name_zh", "name_en", "province", "agglomerations",
               "lon", "lat"],
              REGIONS)
    write_csv("agglomerations.csv", ["code", "name_zh", "name_en"],
              AGGLOMERATIONS)
    write_csv("panel.csv", ["region_code", "year", "indicator_code", "value"],
              [(r, y, c, panel[(r, y, c)])
               for r in PANEL_CITIES for y in YEARS
               for c in (i[0] for i in INDICATORS)])


if __name__ == "__main__":
    main()
