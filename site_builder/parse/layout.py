"""Where things are: the title, and the line span of each of the six parts.

Parts are found by their headings' meaning (二、主动公开政府信息情况 …), in order,
so a table row that also starts with 一、 or 四、 is not taken for a heading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.parse.tokens import normalize
from site_builder.read.document import Line

# part numeral -> phrases its heading contains (normalized)
PART_PHRASES: dict[str, tuple[str, ...]] = {
    "一": ("总体情况",),
    "二": ("主动公开政府信息情况", "主动公开政府信息", "主动公开情况"),
    "三": ("收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请", "依申请公开"),
    "四": ("政府信息公开行政复议、行政诉讼情况", "行政复议、行政诉讼情况", "行政复议、行政诉讼", "行政复议行政诉讼",
          "行政诉讼情况"),  # 行政法复议、行政诉讼情况 and other misprints of its first half
    "五": ("存在的主要问题及改进情况", "存在的主要问题", "主要问题及改进"),
    "六": ("其他需要报告的事项", "其他需要报告"),
}
PART_ORDER = ("一", "二", "三", "四", "五", "六")
# Part headings print "一、"; "(一)" is a sub-part of 一 and never a part heading.
_HEADING_START = re.compile(r"^第?([一二三四五六])(?:部分)?[、.．,，:：]")


@dataclass(frozen=True)
class Layout:
    title_lines: tuple[int, ...]  # indexes of the lines that make the title
    parts: dict[str, tuple[int, int]]  # numeral -> [start, end) line span, heading excluded


def find_headings(lines: list[Line]) -> dict[str, int]:
    """Line index of each part heading found, in document order."""
    found: dict[str, int] = {}
    next_part = 0
    for i, line in enumerate(lines):
        norm = normalize(line.text)
        if not norm or len(norm) > 40:
            continue
        m = _HEADING_START.match(norm)
        if m is None:
            continue
        numeral = m.group(1)
        if numeral not in PART_ORDER[next_part:]:
            continue
        if any(p in norm for p in PART_PHRASES[numeral]) and not re.search(r"\d\s*$", norm):
            found[numeral] = i
            next_part = PART_ORDER.index(numeral) + 1
    return found


def part_spans(lines: list[Line], headings: dict[str, int]) -> dict[str, tuple[int, int]]:
    spans: dict[str, tuple[int, int]] = {}
    ordered = sorted(headings.items(), key=lambda kv: kv[1])
    for n, (numeral, start) in enumerate(ordered):
        end = ordered[n + 1][1] if n + 1 < len(ordered) else len(lines)
        spans[numeral] = (start + 1, end)
    return spans


_TITLE_WORDS = ("政府信息公开", "年度报告", "年报", "工作报告")
_ARCHIVE = re.compile(r"^\s*(标题|题名|名称|title)\s*[:：]\s*(.+)$", re.I)
YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")


def find_title(lines: list[Line], limit: int) -> tuple[str | None, tuple[int, ...]]:
    """The printed title and its line indexes; a title wrapped over lines is joined."""
    for i, line in enumerate(lines[:limit]):
        text = line.text.strip()
        archive = _ARCHIVE.match(text)
        if archive and "报告" in archive.group(2):
            return " ".join(archive.group(2).split()), (i,)
    candidates = [(i, ln.text.strip()) for i, ln in enumerate(lines[:limit]) if ln.text.strip()]
    for n, (i, text) in enumerate(candidates):
        if len(text) > 80:
            continue
        joined, used = text, [i]
        for j, nxt in candidates[n + 1:n + 3]:
            if "报告" in joined or len(joined) > 80:
                break
            joined += nxt
            used.append(j)
        norm = normalize(joined)
        if "政府信息公开" in norm and "报告" in norm and YEAR_RE.search(joined):
            while len(used) > 1 and _is_furniture_prefix(candidates, used):
                used.pop(0)  # 「正文」, a breadcrumb: page furniture before the title, not its first line
            joined = "".join(text for i, text in candidates if i in used)
            return " ".join(joined.split()), tuple(used)
    return None, ()


def _is_furniture_prefix(candidates: list[tuple[int, str]], used: list[int]) -> bool:
    """Whether the first line joined into a title is page furniture: without it the rest is
    still a whole title (year, 政府信息公开, 报告) that names its agency, and the line itself
    names neither a year nor a body (an agency's name ends in 局, 办公室, 政府 …)."""
    text = dict(candidates)
    first = normalize(text[used[0]])
    rest = "".join(text[i] for i in used[1:])
    norm = normalize(rest)
    if YEAR_RE.search(first) or not ("政府信息公开" in norm and "报告" in norm and YEAR_RE.search(rest)):
        return False
    agency, _ = agency_and_year(rest)
    return agency is not None and not _AGENCY_END.search(first)


_AGENCY_END = re.compile(r"(局|厅|委|办|办公室|政府|委员会|院|处|所|中心|管委会|街道|镇|乡|部|署|会|站|队|区|市|县|省|州|旗)$")


def agency_and_year(title: str) -> tuple[str | None, int | None]:
    """`XX局 2024 年政府信息公开工作年度报告` and `2024年XX局政府信息公开…` alike."""
    m = YEAR_RE.search(title)
    if m is None:
        return None, None
    year = int(m.group(1))
    before = title[: m.start()]
    after = title[m.end():]
    agency = before
    if not normalize(before):
        agency = re.split(r"政府信息公开", after.lstrip("度"))[0]
    agency = re.sub(r"(关于|的)$", "", normalize(agency).strip("《》「」\"'“”:："))
    agency = re.sub(r"^(关于)", "", agency)
    return (agency or None), year
