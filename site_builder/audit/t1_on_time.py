"""T1 — published on time (政府信息公开条例 第四十九条).

Since the revised 条例 (in force 2019-05-15) a 县级以上人民政府部门 publishes its
report by 1月31日 of the next year, and the 信息公开主管部门 of a 县级以上地方人民政府
publishes the government's own report by 3月31日. The 条例 sets no date for 乡镇 and
街道; the common practice is the departments' 1月31日, and the evidence says so. Before
the revision (reports on 2018 and earlier) every body had until 3月31日 (2008 条例
第三十一条).

Only a date between the two deadlines needs the agency's level and kind: a report
out by 1月31日 is on time whatever the body, one after 3月31日 is late whatever
the body. So T1 can decide most reports before agencies are classified, and says
`not_assessable` for the rest rather than guessing.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Iterator

from site_builder.audit.findings import finding, value_evidence

RULE = "T1"
REVISED_FROM_YEAR = 2019  # reports on 2019 and later fall under the revised 条例
GOVERNMENT_LEVELS = ("省级", "市级", "县级")  # 县级以上地方人民政府
DEPARTMENT_KINDS = ("部门", "政府办公室")  # the office reports on its own work as a department does
TOWNSHIP_KINDS = ("乡镇", "街道")

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def published_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    m = _DATE.match(value.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def deadline_for(year: int, level: str | None, kind: str | None) -> tuple[date, str] | None:
    """(deadline, its basis) for a body, or None when the level and kind do not settle it."""
    if year < REVISED_FROM_YEAR:
        return date(year + 1, 3, 31), "2008年条例第三十一条：每年3月31日前公布"
    if kind == "人民政府" and level in GOVERNMENT_LEVELS:
        return date(year + 1, 3, 31), "条例第四十九条：县级以上地方人民政府的年度报告于3月31日前公布"
    if kind in DEPARTMENT_KINDS:
        return date(year + 1, 1, 31), "条例第四十九条：县级以上人民政府部门于1月31日前公布"
    if kind in TOWNSHIP_KINDS or (kind == "人民政府" and level == "乡级"):
        return date(year + 1, 1, 31), "惯例：条例未规定乡镇、街道的期限，通常参照部门的1月31日"
    return None


def check(report: dict) -> Iterator[dict]:
    year = report.get("year")
    published = published_date(report.get("published"))
    if not isinstance(year, int) or published is None:
        yield finding(RULE, "not_assessable", "没有发布日期，无法判断。")
        return
    level, kind = report.get("level"), report.get("kind")
    seen = [value_evidence("发布日期", published.isoformat()), value_evidence("报告年度", year)]
    if published < date(year + 1, 1, 1):
        yield finding(RULE, "uncertain", f"发布日期 {_cn(published)} 早于 {year} 年度结束，日期可能不是本报告的发布日期。",
                      seen)
        return
    earliest = date(year + 1, 1, 31) if year >= REVISED_FROM_YEAR else date(year + 1, 3, 31)
    if published <= earliest:
        yield finding(RULE, "pass", f"{_cn(published)} 发布，不晚于任何机关适用的最早期限 {_cn(earliest)}。",
                      [*seen, value_evidence("最早期限", earliest.isoformat())])
        return
    latest = date(year + 1, 3, 31)
    if published > latest:
        yield finding(RULE, "fail", f"{_cn(published)} 发布，晚于条例规定的最晚期限 {_cn(latest)}。",
                      [*seen, value_evidence("最晚期限", latest.isoformat())])
        return
    rule = deadline_for(year, level, kind)
    if rule is None:
        yield finding(RULE, "not_assessable",
                      f"{_cn(published)} 发布：在1月31日之后、3月31日之前，是否按时取决于机关的层级和类别"
                      f"（目前为：层级 {level or '未知'}，类别 {kind or '未知'}）。", seen)
        return
    deadline, basis = rule
    seen += [value_evidence("机关层级、类别", f"{level or '未知'} {kind}"), value_evidence("期限", deadline.isoformat()),
             value_evidence("依据", basis)]
    if published <= deadline:
        yield finding(RULE, "pass", f"{_cn(published)} 发布，不晚于期限 {_cn(deadline)}。", seen)
    else:
        yield finding(RULE, "fail", f"{_cn(published)} 发布，晚于期限 {_cn(deadline)}。", seen)
