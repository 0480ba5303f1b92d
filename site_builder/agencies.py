"""Agencies: which reports are one agency's years, and where that agency is.

Printed names drift (洪泽区人民政府 in 2023, 淮安市洪泽区人民政府 in 2024; 区财政金融局 for
平潭综合实验区财政金融局), so an agency is not its printed name. A report's identity is
its place (a GB/T 2260 code, from its folder, its name, or as a last resort its own
text) and the body's name with the region removed (人民政府, 财政金融局). Reports with the
same identity are one agency. A merge that rests on anything weaker than the same
body name in the same region (a short form, an abbreviation, a place read from the
text) is made and listed in `notes`, never silently. An optional registry
(content/agencies.csv) overrides all of it.

Pure functions over the contract's report dicts; `resolve` is the stage's entry.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from site_builder import places

UNSETTLED = "地区未定"
LEVELS = ("省级", "市级", "县级", "乡级")
KINDS = ("人民政府", "政府办公室", "部门", "街道", "乡镇", "开发区", "其他")
REGISTRY_COLUMNS = ("agency_id", "name", "aliases", "region_code", "region", "level", "kind")

# A body name that opens with the region's own unit word refers to its own region (区财政金融局
# in a 区's report): the word is dropped, and the merge it allows is listed as uncertain.
_SELF_PREFIX = re.compile(r"^(?:本|全)?(?:省|市|区|县|州|旗)(?=.{2,})")
# Spellings of one word that reports mix: merged, and listed.
_ABBREVIATIONS = (("管理委员会", "管委会"),)
# Matched at the name's end, in this order: 某镇人民政府 is a 乡镇 before it is a 人民政府, and a name
# whose place is not settled still says what it is (某某人民政府办公室).
_KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("街道", re.compile(r"街道(?:办事处|办|工委)?$")),
    # 片区管理局: 平潭's 片区 are the level that runs its towns.
    ("乡镇", re.compile(r"(?:[镇乡]|片区管理局)(?:人民政府)?$")),
    ("政府办公室", re.compile(r"(?:(?:人民)?政府|管委会)办公[室厅]$|^政府办$")),
    ("人民政府", re.compile(r"(?:人民)?政府$|^$")),
    ("开发区", re.compile(r"(?:开发区|经开区|高新区|园区|示范区|实验区|自贸区|新区)(?:管理委员会|管委会|管理办公室|管理局|办公室)?$")),
    ("部门", re.compile(r"(?:局|委员会|委|办公[室厅]|办|厅|院|中心|署|站|所|队|处|会|部)$")),
)


@dataclass(frozen=True)
class Place:
    code: str | None
    how: str  # 目录, 名称, 目录与名称, 正文, 登记表, or why it is unsettled


@dataclass
class AgencyRecord:
    """One agency, as data/agencies.csv writes it, and the indices of its reports."""
    agency_id: str
    name: str
    aliases: list[str]
    region_code: str | None
    region: str
    level: str
    kind: str
    members: list[int] = field(default_factory=list)  # indices into the reports given to resolve()


@dataclass(frozen=True)
class Note:
    agency_id: str
    topic: str  # 合并, 地区, 登记表
    message: str


@dataclass
class Resolution:
    agencies: list[AgencyRecord]
    notes: list[Note]


# ---- one report --------------------------------------------------------------------------

def folder_parts(source: str) -> tuple[str, ...]:
    return PurePosixPath(source).parent.parts


def place_of(report: dict) -> tuple[Place, str]:
    """(the report's place, its body name with the region removed)."""
    name = str(report.get("agency") or "")
    folder = places.folder_region(folder_parts(str(report.get("source", ""))))
    named, body = places.name_region(name, folder)
    if named is None and folder is None:
        overview = (report.get("sections") or {}).get("overview")
        head = " ".join(str(x or "") for x in (report.get("title"), overview))
        found = places.text_region(head)
        return (Place(found, "正文") if found else Place(None, "目录、名称和正文都没有说明地区")), body
    if named is None:
        if places.opens_with_region(name):  # 洪泽区人民政府 filed under 上海市: neither is taken
            return Place(None, f"名称中的地区不在目录所示的 {places.gazetteer().path(folder)} 之内"), body
        return Place(folder, "目录"), body
    if folder is None:
        return Place(named, "名称"), body
    g = places.gazetteer()
    if g.within(named, folder):
        return Place(named, "目录与名称"), body
    if g.within(folder, named):
        # The name says whose body it is (淮安市…局 filed under a county folder): the name wins.
        return Place(named, "名称"), body
    return Place(None, f"目录（{g.path(folder)}）与名称（{g.path(named)}）不一致"), body


def core_name(body: str) -> tuple[str, list[str]]:
    """The body's name as compared across years, and what was changed to get it."""
    core, changed = body, []
    for long, short in _ABBREVIATIONS:
        if long in core:
            core = core.replace(long, short)
            changed.append(f"“{long}”与“{short}”视为同一")
    return core, changed


def kind_of(body: str) -> str:
    core, _ = core_name(body)
    for kind, pattern in _KIND_RULES:
        if pattern.search(core):
            return kind
    return "其他"


def level_of(code: str | None, kind: str) -> str:
    if kind in ("街道", "乡镇"):
        return "乡级"
    return places.gazetteer().level(code) if code else ""


def agency_id(code: str | None, core: str) -> str:
    """Stable across builds: the region's code and a hash of the body's compared name."""
    digest = hashlib.sha1(core.encode("utf-8")).hexdigest()[:8]
    return f"{code or '000000'}-{digest}"


# ---- the registry ------------------------------------------------------------------------

def read_registry(text: str, source: str = "agencies.csv") -> tuple[list[dict[str, str]], list[str]]:
    """Rows of a registry CSV and the errors found (each naming the file and line)."""
    rows, errors = [], []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in ("agency_id", "name") if c not in (reader.fieldnames or [])]
    if missing:
        return [], [f"{source}: 缺少列 {', '.join(missing)}"]
    for line, row in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in row.items() if k}
        if not row.get("agency_id") or not row.get("name"):
            errors.append(f"{source} 第 {line} 行：agency_id 和 name 不能为空")
        elif row.get("region_code") and row["region_code"] not in places.gazetteer().names:
            errors.append(f"{source} 第 {line} 行：region_code {row['region_code']} 不是 GB/T 2260 代码")
        elif row.get("level") and row["level"] not in LEVELS or row.get("kind") and row["kind"] not in KINDS:
            errors.append(f"{source} 第 {line} 行：level 或 kind 不是规定的取值")
        else:
            rows.append(row)
    return rows, errors


def _registry_index(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    index: dict[str, dict[str, str]] = {}
    for row in rows:
        for name in [row["name"], *row.get("aliases", "").split(";")]:
            if name.strip():
                index[places.normalize(name)] = row
    return index


# ---- all reports -------------------------------------------------------------------------

def resolve(reports: list[dict], registry: list[dict[str, str]] = ()) -> Resolution:
    """Agencies of the published reports (each with agency and year), registry rows first."""
    index = _registry_index(list(registry))
    groups: dict[tuple, list[int]] = {}
    facts: dict[int, tuple[Place, str, list[str]]] = {}
    for i, report in enumerate(reports):
        place, body = place_of(report)
        core, changed = core_name(body)
        facts[i] = (place, core, changed)
        key = (place.code, core) if place.code else (None, places.normalize(str(report.get("agency"))))
        groups.setdefault(key, []).append(i)
    _merge_short_forms(groups, facts)
    by_registry: dict[str, list[int]] = {}
    inferred: list[list[int]] = []
    for members in groups.values():
        printed = (places.normalize(str(reports[i]["agency"])) for i in members)
        hits = {index[n]["agency_id"] for n in printed if n in index}
        if len(hits) == 1:  # one registered name among the group's names: the whole group is that agency
            by_registry.setdefault(hits.pop(), []).extend(members)
            continue
        rest = []
        for i in members:
            row = index.get(places.normalize(str(reports[i]["agency"])))
            (by_registry.setdefault(row["agency_id"], []) if row else rest).append(i)
        if rest:
            inferred.append(rest)
    notes: list[Note] = []
    records = [_registered(row, by_registry[row["agency_id"]], reports, facts)
               for row in {r["agency_id"]: r for r in registry}.values() if row["agency_id"] in by_registry]
    for members in inferred:
        record, record_notes = _inferred(members, reports, facts)
        records.append(record)
        notes += record_notes
    records.sort(key=lambda r: (r.region or "\uffff", r.name, r.agency_id))
    return Resolution(records, notes)


def _merge_short_forms(groups: dict[tuple, list[int]], facts: dict) -> None:
    """区财政金融局 joins 财政金融局 of the same region, when that body exists (市场监督管理局 is not
    a short form of 场监督管理局: there is no such body). Listed, as every merge by short form."""
    for code, core in list(groups):
        if code is None:
            continue
        full = _SELF_PREFIX.sub("", core)
        if full != core and (code, full) in groups:
            members = groups.pop((code, core))
            for i in members:
                place, _, changed = facts[i]
                facts[i] = (place, full, [*changed, f"简称“{core}”指本地区的“{full}”"])
            groups[(code, full)].extend(members)


def _names(members: list[int], reports: list[dict]) -> tuple[str, list[str]]:
    """(latest printed name, every other printed name)."""
    ordered = sorted(members, key=lambda i: (reports[i]["year"], str(reports[i].get("source"))))
    name = str(reports[ordered[-1]]["agency"])
    return name, sorted({str(reports[i]["agency"]) for i in members} - {name})


def _registered(row: dict[str, str], members: list[int], reports: list[dict], facts: dict) -> AgencyRecord:
    g = places.gazetteer()
    latest, others = _names(members, reports)
    aliases = sorted(({a for a in row.get("aliases", "").split(";") if a.strip()} | set(others) | {latest})
                     - {row["name"]})
    code = row.get("region_code") or next((facts[i][0].code for i in members if facts[i][0].code), None)
    core = facts[members[0]][1]
    kind = row.get("kind") or kind_of(core)
    return AgencyRecord(row["agency_id"], row["name"], aliases, code, g.path(code) if code else "",
                        row.get("level") or level_of(code, kind), kind, sorted(members))


def _inferred(members: list[int], reports: list[dict], facts: dict) -> tuple[AgencyRecord, list[Note]]:
    g = places.gazetteer()
    place, core, _ = facts[members[0]]
    name, aliases = _names(members, reports)
    kind = kind_of(core) if place.code else kind_of(places.name_region(name)[1])
    ident = agency_id(place.code, core if place.code else places.normalize(name))
    record = AgencyRecord(ident, name, aliases, place.code, g.path(place.code), level_of(place.code, kind), kind,
                          sorted(members))
    notes = []
    if place.code is None:
        notes.append(Note(record.agency_id, "地区", f"{name}：{UNSETTLED}（{place.how}）"))
    elif any(facts[i][0].how == "正文" for i in members):
        notes.append(Note(record.agency_id, "地区", f"{name}：地区 {record.region} 据报告正文推断，名称和目录都没有说明"))
    printed = {str(reports[i]["agency"]) for i in members}
    changes = sorted({c for i in members for c in facts[i][2]})
    if len(printed) > 1 and changes:
        notes.append(Note(record.agency_id, "合并",
                          f"{'、'.join(sorted(printed))} 合并为一个机关（{'；'.join(changes)}），请核对"))
    return record, notes
