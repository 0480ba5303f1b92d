"""A synthetic province: every body that publishes a report, over one real region tree.

A province's archive holds its own departments, each prefecture's (and its city
government), each county's, and the townships (乡/镇) and street offices (街道) under
every county, each publishing one report a year. The tree is a real province's from
the gazetteer (GB/T 2260 stops at the county; townships are made up here); the
counts per node follow a real province (河南: 18 prefectures, 157 counties, about
2,400 townships; departments about 40 at the province, 35 per prefecture, 30 per
county). Names are printed as real reports print them: 洛阳市西工区财政局 or 西工区财政局,
a township with or without its county.

Each body publishes every year but about one in twelve (a year's file missing from
the archive), and a few are renamed across years as real bodies are: a prefix added
(洪泽区人民政府 → 淮安市洪泽区人民政府), a short form (区财政局), an abbreviation (人力资源和
社会保障局 → 人社局), or a reorganisation (国土资源局 → 自然资源和规划局). A body's `key` is
its true identity whatever its reports print, so a benchmark can count how many of
a renamed body's years the portal joined.

Everything is drawn from random.Random seeded by (seed, node), so a node's bodies do
not change when another node's do, and a slice of the province is the same bodies
as the whole province's first bodies.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from site_builder import places
from site_builder.synth.model import YEARS

PROVINCE = "410000"  # 河南省: the default region tree

PROVINCE_DEPARTMENTS: tuple[str, ...] = (
    "发展和改革委员会", "教育厅", "科学技术厅", "工业和信息化厅", "民族宗教事务委员会", "公安厅", "民政厅",
    "司法厅", "财政厅", "人力资源和社会保障厅", "自然资源厅", "生态环境厅", "住房和城乡建设厅", "交通运输厅",
    "水利厅", "农业农村厅", "商务厅", "文化和旅游厅", "卫生健康委员会", "退役军人事务厅", "应急管理厅", "审计厅",
    "外事办公室", "人民政府国有资产监督管理委员会", "市场监督管理局", "广播电视局", "体育局", "统计局",
    "医疗保障局", "信访局", "机关事务管理局", "地方金融监督管理局", "林业局", "粮食和物资储备局",
    "人民防空办公室", "药品监督管理局", "文物局", "大数据管理局", "监狱管理局", "住房公积金管理中心",
    "乡村振兴局", "知识产权局", "地质矿产勘查开发局", "人民政府发展研究中心", "社会科学院", "农业科学院",
)

CITY_DEPARTMENTS: tuple[str, ...] = (
    "发展和改革委员会", "教育局", "科学技术局", "工业和信息化局", "民族宗教事务局", "公安局", "民政局", "司法局",
    "财政局", "人力资源和社会保障局", "自然资源和规划局", "生态环境局", "住房和城乡建设局", "城市管理局",
    "交通运输局", "水利局", "农业农村局", "商务局", "文化广电和旅游局", "卫生健康委员会", "退役军人事务局",
    "应急管理局", "审计局", "人民政府国有资产监督管理委员会", "市场监督管理局", "体育局", "统计局", "医疗保障局",
    "信访局", "机关事务管理局", "地方金融监督管理局", "林业局", "粮食和物资储备局", "人民防空办公室",
    "行政审批和政务信息管理局", "政务服务和大数据管理局", "住房公积金管理中心", "乡村振兴局", "投资促进局",
    "外事办公室", "残疾人联合会", "供销合作社", "档案馆", "气象局", "公共资源交易中心", "科学技术协会",
    "红十字会", "园林绿化局", "综合行政执法局",
)

COUNTY_DEPARTMENTS: tuple[str, ...] = (
    "发展和改革委员会", "教育局", "科学技术局", "工业和信息化局", "民族宗教事务局", "公安局", "民政局", "司法局",
    "财政局", "人力资源和社会保障局", "自然资源和规划局", "生态环境局", "住房和城乡建设局", "城市管理局",
    "交通运输局", "水利局", "农业农村局", "商务局", "文化广电和旅游局", "卫生健康委员会", "退役军人事务局",
    "应急管理局", "审计局", "市场监督管理局", "体育局", "统计局", "医疗保障局", "信访局", "机关事务管理局",
    "林业局", "粮食和物资储备局", "人民防空办公室", "行政审批服务局", "政务服务和大数据管理局",
    "乡村振兴局", "残疾人联合会", "供销合作社", "档案馆", "气象局", "公共资源交易中心", "畜牧局",
    "产业集聚区管理委员会", "融媒体中心", "农业机械化服务中心", "综合行政执法局", "国有资产事务中心",
    "科学技术协会", "红十字会", "地方金融监督管理局",
)

# Development zones a prefecture runs (0–2 each), printed 洛阳市经济技术开发区管理委员会.
ZONES: tuple[str, ...] = ("经济技术开发区管理委员会", "高新技术产业开发区管理委员会", "城乡一体化示范区管理委员会",
                          "航空港经济综合实验区管理委员会")

# Departments drawn per node at density 1, and the townships per county by its kind (区, 县级市, 县):
# a 区 has fewer, mostly 街道; a 县 more, mostly 乡 and 镇.
DEPARTMENTS_PER_NODE = {"省级": (38, 42), "市级": (32, 38), "县级": (27, 33)}
TOWNSHIPS_PER_COUNTY = {"区": (8, 16), "市": (12, 22), "县": (13, 25)}
STREET_SHARE = {"区": (0.6, 1.0), "市": (0.2, 0.45), "县": (0.0, 0.12)}

# Township names: two characters then 镇/乡 (白沙镇), or a street word then 街道 (解放路街道).
TOWN_FIRST = "白柳石黄马双新李高河龙太古赵官清王杨梅青大小东西南北前后上宋刘张陈周吴孙朱胡郭何林罗梁谢韩唐冯董程曹袁许沈彭吕苏卢蒋蔡贾丁魏薛叶余潘杜夏钟田任姜范方姚谭孟"
TOWN_SECOND = "庄店集桥河营寨楼岗坡湾口沟屯堡铺台寺庙湖泉山岭林田坪园关渡"
# No 年 in a name: a title must read unambiguously as {agency}{year}年….
STREET_WORDS = ("人民", "解放", "建设", "中山", "文化", "胜利", "和平", "光明", "花园", "东风", "朝阳", "红旗",
                "长安", "新华", "健康", "文明", "团结", "工业", "城东", "城西", "城南", "城北", "东城", "西城",
                "南关", "北关", "东关", "西关", "车站", "湖滨", "滨河", "龙湖", "凤凰", "紫荆", "金水", "桃园")

MISSING = 1 / 12  # share of agency-years whose report is not in the archive
RENAMED = 0.04  # share of bodies whose printed name changes between two years

# How real names shorten and how bodies were reorganised, per department name.
ABBREVIATIONS = {
    "人力资源和社会保障局": "人社局", "人力资源和社会保障厅": "人社厅", "发展和改革委员会": "发改委",
    "卫生健康委员会": "卫健委", "住房和城乡建设局": "住建局", "住房和城乡建设厅": "住建厅",
    "市场监督管理局": "市场监管局", "文化广电和旅游局": "文广旅局", "退役军人事务局": "退役军人局",
    "工业和信息化局": "工信局", "工业和信息化厅": "工信厅", "人民防空办公室": "人防办",
    "产业集聚区管理委员会": "产业集聚区管委会",
}
ABBREVIATIONS.update({zone: zone.replace("管理委员会", "管委会") for zone in ZONES})
# (name before, name after) for a department that was reorganised: the department list holds one of the two.
REORGANISED = {
    "自然资源和规划局": ("国土资源局", "自然资源和规划局"),
    "乡村振兴局": ("扶贫开发办公室", "乡村振兴局"),
    "地方金融监督管理局": ("地方金融监督管理局", "地方金融管理局"),
    "政务服务和大数据管理局": ("政务服务和大数据管理局", "数据局"),
    "文化广电和旅游局": ("文化广电新闻出版局", "文化广电和旅游局"),
}
RENAME_WEIGHTS = {"prefix": 1, "self": 1, "abbrev": 4, "reorg": 4}
# Which renames the portal's agency resolution is meant to join by itself (the others need a registry).
JOINABLE = frozenset({"prefix", "self"})


@dataclass(frozen=True)
class Body:
    """One publishing body and what each year's report prints as its name."""
    key: str  # true identity: "<region code>/<department or township>", the same whatever is printed
    region_code: str  # the county a township is filed under, else the body's own region
    level: str  # 省级, 市级, 县级, 乡级
    kind: str  # 人民政府, 政府办公室, 部门, 街道, 乡镇, 开发区
    printed: tuple[tuple[int, str], ...]  # (year, name printed) for every year it publishes
    rename: str | None = None  # prefix, self, abbrev, reorg

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(y for y, _ in self.printed)


# ---- the region tree ---------------------------------------------------------------------

def children(code: str) -> list[str]:
    """The regions directly under `code` in GB/T 2260 order."""
    g = places.gazetteer()
    return sorted(c for c, parent in g.parents.items() if parent == code)


def county_type(name: str) -> str:
    """区, 市 (county-level city) or 县 (自治县, 旗 count as 县) by the name's last character."""
    return name[-1] if name[-1] in "区市" else "县"


def nodes(province: str) -> list[tuple[str, str]]:
    """(code, level) of every region in the order a slice takes them: the province, then each
    prefecture followed by its counties; a county the province governs itself (济源市) stands alone."""
    out = [(province, "省级")]
    for code in children(province):
        if places.Gazetteer.level(code) == "市级":
            out.append((code, "市级"))
            out += [(c, "县级") for c in children(code)]
        else:
            out.append((code, "县级"))
    return out


# ---- names -------------------------------------------------------------------------------

def township_names(rng: random.Random, count: int, street_share: float) -> list[str]:
    """`count` distinct township names: 街道办事处 first (the town centre), then 镇 and 乡."""
    streets = round(count * street_share)
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        if len(out) < streets:
            name = rng.choice(STREET_WORDS) + ("路" if rng.random() < 0.35 else "") + "街道办事处"
        else:
            name = rng.choice(TOWN_FIRST) + rng.choice(TOWN_SECOND) + ("镇" if rng.random() < 0.7 else "乡") + "人民政府"
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def prefixes(code: str, level: str) -> tuple[str, str]:
    """(short, full) place prefix as names print them: (西工区, 洛阳市西工区); one form above a county."""
    g = places.gazetteer()
    own = g.name(code)
    if level != "县级":
        return own, own
    parent = g.parents[code]
    return own, (g.name(parent) + own if parent and g.level(parent) == "市级" else own)


def unit_word(code: str, level: str) -> str:
    """The word a body uses for its own region in a short form: 区财政局, 县财政局, 市财政局."""
    return "省" if level == "省级" else places.gazetteer().name(code)[-1] if level == "县级" else "市"


def department_kind(name: str) -> str:
    if name == "人民政府":
        return "人民政府"
    if name.startswith("人民政府办公"):
        return "政府办公室"
    return "开发区" if name in ZONES else "部门"


# ---- renames -----------------------------------------------------------------------------

def rename_kinds(department: str, level: str, township: bool) -> list[str]:
    """The renames that make sense for a body: a prefix only where names print two forms."""
    kinds = []
    if level == "县级" or township:
        kinds.append("prefix")
    if not township and level != "省级" and department not in ("人民政府", "人民政府办公室"):
        kinds.append("self")
    if department in ABBREVIATIONS:
        kinds.append("abbrev")
    if department in REORGANISED:
        kinds.append("reorg")
    return kinds


def yearly_names(rng: random.Random, rename: str | None, department: str, short: str, full: str,
                 unit: str, prefix_full: bool, years: tuple[int, ...]) -> list[str]:
    """The name each year prints: one form, or two with the change at a random year."""
    usual = full if prefix_full else short
    if rename is None:
        return [usual + department] * len(years)
    if rename == "prefix":
        pair = (short + department, full + department)
    elif rename == "self":
        pair = (usual + department, unit + department)
    elif rename == "abbrev":
        pair = (usual + department, usual + ABBREVIATIONS[department])
    else:
        before, after = REORGANISED[department]
        pair = (usual + before, usual + after)
    if rename != "reorg" and rng.random() < 0.4:  # a name may lengthen as well as shorten
        pair = pair[::-1]
    change = rng.randint(1, len(years) - 1)
    return [pair[0]] * change + [pair[1]] * (len(years) - change)


# ---- bodies of one node ------------------------------------------------------------------

def node_bodies(code: str, level: str, seed: int, density: float = 1.0,
                years: tuple[int, ...] = YEARS) -> list[Body]:
    """The bodies of one region: its government, its government's office, its departments (and a
    prefecture's zones), then a county's townships. Drawn from (seed, code) alone."""
    rng = random.Random(f"{seed}/{code}")
    catalogue = {"省级": PROVINCE_DEPARTMENTS, "市级": CITY_DEPARTMENTS, "县级": COUNTY_DEPARTMENTS}[level]
    low, high = DEPARTMENTS_PER_NODE[level]
    count = min(len(catalogue), round(rng.randint(low, high) * density))
    office = "人民政府办公厅" if level == "省级" else "人民政府办公室"
    # One shuffle, then the first `count`: a denser province adds departments and keeps these.
    departments = ["人民政府", office, *rng.sample(catalogue, len(catalogue))[:count]]
    if level == "市级":
        departments += rng.sample(ZONES, rng.choice((0, 1, 1, 2)))
    short, full = prefixes(code, level)
    unit = unit_word(code, level)
    bodies = [_body(f"{seed}/{code}/{d}", f"{code}/{d}", code, level, department_kind(d), d, short, full, unit, years,
                    township=False) for d in departments]
    if level == "县级":
        rng = random.Random(f"{seed}/{code}/townships")  # apart from the departments: density leaves them be
        kind = county_type(places.gazetteer().name(code))
        count = rng.randint(*TOWNSHIPS_PER_COUNTY[kind])
        for name in township_names(rng, count, rng.uniform(*STREET_SHARE[kind])):
            what = "街道" if name.endswith("街道办事处") else "乡镇"
            # A township prints its county (西工区…街道办事处) or nothing but its own name.
            bodies.append(_body(f"{seed}/{code}/{name}", f"{code}/{name}", code, "乡级", what, name, "", short, "", years,
                                township=True, county_full=full))
    return bodies


def _body(stream: str, key: str, code: str, level: str, kind: str, department: str, short: str,
          full: str, unit: str, years: tuple[int, ...], township: bool, county_full: str = "") -> Body:
    rng = random.Random(stream)  # each body its own draws: adding a body changes no other
    published = tuple(y for y in years if rng.random() >= MISSING) or (rng.choice(years),)
    options = rename_kinds(department, level, township)
    # A body that has a short name or was reorganised is renamed that way first: those are the
    # renames a portal cannot join by place alone, and they are rare enough already.
    weights = [RENAME_WEIGHTS[k] for k in options]
    rename = (rng.choices(options, weights)[0] if options and len(published) > 1 and rng.random() < RENAMED
              else None)
    if township:
        # Bare (白沙镇人民政府) or with the county (西工区白沙镇人民政府), now and then the prefecture too.
        full = county_full if rng.random() < 0.15 else full
        prefix_full = rng.random() < 0.6
    else:
        prefix_full = level == "县级" and rng.random() < 0.4
    names = yearly_names(rng, rename, department, short, full, unit, prefix_full, published)
    return Body(key, code, level, kind, tuple(zip(published, names)), rename)


# ---- the province and a slice of it ------------------------------------------------------

def province_bodies(province: str = PROVINCE, seed: int = 0, density: float = 1.0,
                    years: tuple[int, ...] = YEARS) -> list[Body]:
    return [b for code, level in nodes(province) for b in node_bodies(code, level, seed, density, years)]


def reports_of(bodies: list[Body]) -> int:
    return sum(len(b.printed) for b in bodies)


def plan(n: int, province: str = PROVINCE, seed: int = 0,
         years: tuple[int, ...] = YEARS) -> tuple[list[Body], float]:
    """(bodies publishing about n reports, the department density used).

    Below the province's own size, the first bodies in tree order: the province's
    departments, then prefecture after prefecture, so a small corpus is a slice of the
    large one (the same bodies, the same names). Above it, each node gets more
    departments (a denser province), in steps of 5 %, up to the catalogues' length.
    """
    density = 1.0
    while True:
        bodies = province_bodies(province, seed, density, years)
        if reports_of(bodies) >= n or density >= 3:
            break
        density = round(density + 0.05, 2)
    out, total = [], 0
    for body in bodies:
        if total >= n:
            break
        out.append(body)
        total += len(body.printed)
    return out, density
