#!/usr/bin/env python3
"""Generate the synthetic city-quality table of the 31 middle-Yangtze cities.

    python3 data/generate_quality.py        # from the repository root

rewrites, next to this script:

    quality_indicators.csv  the 14 indicators of the book chapter (seed 003,
                            section 1(2)): population, GDP, ... , FDI
    quality.csv             region_code,indicator_code,value for the 31
                            cities of agglomeration 'myr' in regions.csv
                            (31 x 14 = 434 rows), one cross-section ("2013")

THE VALUES ARE SYNTHETIC, NOT OFFICIAL STATISTICS.  Each city has a size
(a rough, rounded scale: provincial capitals large, prefecture cities
smaller, the three county-level cities of Hubei smallest) and an openness;
each indicator is size^elasticity x openness^e2 x a unit, times lognormal
noise, so that the indicators correlate as yearbook data do (one strong
size factor, a weaker openness/structure factor).  Do not cite them.

Determinism: splitmix64 seeded from a fixed FNV-1a hash of each (city,
indicator) pair, Box-Muller written out, values printed with '%.2f'; no
`random` module, so the output is byte-identical across Python 3 versions.
"""
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# code, name_zh, name_en, unit, size elasticity, openness elasticity, unit scale, noise sd
INDICATORS = [
    ("q01", "常住人口", "resident population", "10^4 persons", 0.45, 0.0, 380.0, 0.10),
    ("q02", "地区生产总值", "GDP", "10^8 yuan", 1.00, 0.3, 1500.0, 0.08),
    ("q03", "二三产业增加值比重", "secondary and tertiary share", "%", 0.02, 0.35, 85.0, 0.02),
    ("q04", "财政预算收入", "budget revenue", "10^8 yuan", 1.10, 0.4, 120.0, 0.12),
    ("q05", "全社会固定资产投资", "fixed-asset investment", "10^8 yuan", 0.95, 0.2, 1300.0, 0.12),
    ("q06", "公路客运量", "road passengers", "10^4 persons", 0.40, -1.5, 6000.0, 0.20),
    ("q07", "公路货运量", "road freight", "10^4 t", 0.45, -1.5, 8000.0, 0.20),
    ("q08", "电信业务总量", "telecom business volume", "10^8 yuan", 1.00, 0.3, 60.0, 0.10),
    ("q09", "本地电话年末用户数", "fixed-line subscribers", "10^4", 0.85, 0.2, 80.0, 0.12),
    ("q10", "移动电话年末用户数", "mobile subscribers", "10^4", 0.80, 0.2, 400.0, 0.10),
    ("q11", "国际互联网用户数", "internet subscribers", "10^4", 0.90, 1.5, 90.0, 0.12),
    ("q12", "医院卫生院床位数", "hospital beds", "beds", 0.70, 0.1, 18000.0, 0.10),
    ("q13", "社会消费品零售总额", "retail sales", "10^8 yuan", 1.05, 0.3, 600.0, 0.08),
    ("q14", "当年实际使用外资金额", "FDI actually used", "10^4 USD", 0.90, 3.0, 60000.0, 0.25),
]

# size (Wuhan = 1.0) and openness (0.5 .. 1.5) of the 31 cities; rounded
# guesses of relative economic weight, not data
CITIES = {
    "420100": (1.00, 1.30), "430100": (0.78, 1.20), "360100": (0.38, 1.15),
    "420500": (0.33, 1.00), "420600": (0.31, 0.90), "430600": (0.28, 0.85),
    "430700": (0.25, 0.80), "430400": (0.24, 0.80), "430200": (0.21, 0.95),
    "360400": (0.18, 1.00), "421000": (0.16, 0.80), "430300": (0.15, 0.95),
    "421100": (0.15, 0.70), "420900": (0.14, 0.80), "360900": (0.14, 0.80),
    "360800": (0.13, 0.85), "361100": (0.15, 0.85), "430900": (0.12, 0.75),
    "420200": (0.11, 0.90), "420800": (0.12, 0.80), "360500": (0.09, 0.95),
    "361000": (0.10, 0.75), "431300": (0.11, 0.75), "421200": (0.09, 0.80),
    "360300": (0.08, 0.80), "360200": (0.07, 0.85), "360600": (0.06, 0.90),
    "420700": (0.06, 0.85), "429004": (0.06, 0.70), "429005": (0.05, 0.70),
    "429006": (0.04, 0.65),
}


def fnv1a64(text):
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFFFFFFFFFF

    def next_u64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def uniform(self):
        return ((self.next_u64() >> 11) + 0.5) / 9007199254740992.0

    def normal(self):
        u1, u2 = self.uniform(), self.uniform()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


def myr_cities():
    out = []
    with open(os.path.join(HERE, "regions.csv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            code, _zh, _en, _prov, aggs = line.rstrip("\n").split(",")[:5]
            if "myr" in aggs.split(";"):
                out.append(code)
    return out


def main():
    cities = myr_cities()
    assert sorted(cities) == sorted(CITIES), "regions.csv and CITIES disagree"
    with open(os.path.join(HERE, "quality_indicators.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("code,name_zh,name_en,unit\n")
        for code, zh, en, unit, *_ in INDICATORS:
            f.write("%s,%s,%s,%s\n" % (code, zh, en, unit))
    with open(os.path.join(HERE, "quality.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("region_code,indicator_code,value\n")
        for city in sorted(cities):
            size, openness = CITIES[city]
            for code, _zh, _en, _unit, e1, e2, scale, sd in INDICATORS:
                g = SplitMix64(fnv1a64("quality/%s/%s" % (city, code)))
                v = scale * size ** e1 * openness ** e2 * math.exp(sd * g.normal())
                if code == "q03":
                    v = min(v, 99.5)
                f.write("%s,%s,%.2f\n" % (city, code, v))


if __name__ == "__main__":
    main()
