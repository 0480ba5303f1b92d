"""Where things are: the title, and the line span of each of the six parts.

Parts are found by their headings' meaning (二、主动公开政府信息情况 …), in order,
so a table row that also starts with 一、 or 四、 is not taken for a heading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from site_builder import contract as c
from site_builder.parse.titles import YEAR_RE, arabic_years
from site_builder.parse.tokens import normalize
from site_builder.read.document import Line

PART_PHRASES = c.PART_HEADINGS
PART_ORDER = ("一", "二", "三", "四", "五", "六")
# A part heading starts with a numeral mark ("五、", "第五部分"); "(一)" is a sub-part, never a part.
_HEADING_START = re.compile(r"^第?([一二三四五六七八九十]{1,2})(?:部分)?[、.．,，:：]")
EXTRA = "extra"  # key prefix of headings of parts outside the six (they only end a span)


@dataclass(frozen=True)
class Layout:
    title_lines: tuple[int, ...]  # indexes of the lines that make the title
    parts: dict[str, tuple[int, int]]  # numeral -> [start, end) line span, heading excluded


_ANY_HEADING_WORD = re.compile("|".join(re.escape(p) for ps in PART_PHRASES.values() for p in ps)
                               + "|" + "|".join(re.escape(p) for p in c.EXTRA_HEADINGS))


@lru_cache(maxsize=65536)
def heading_part(norm: str) -> str | None:
    """The part a short line heads, by its words: parts are renumbered, so the numeral only
    says that it is a heading. A line of the words alone (no numeral) is a heading too."""
    if not norm or len(norm) > 40 or norm[-1].isdigit() or not _ANY_HEADING_WORD.search(norm):
        return None
    m = _HEADING_START.match(norm)
    body = norm[m.end():] if m else norm
    if m is None and len(norm) > 16:
        return None
    for numeral in PART_ORDER:
        # without a numeral only the heading's own words count: "依申请公开情况" alone may be a sub-heading
        phrases = PART_PHRASES[numeral] if m is not None else PART_PHRASES[numeral][:2]
        if any(body.startswith(p) or (m is not None and p in body) for p in phrases):
            return numeral
    if m is not None and any(p in body for p in c.EXTRA_HEADINGS):
        return EXTRA
    return None


def find_headings(lines: list[Line]) -> dict[str, int]:
    """Line index of each part heading found, in document order.

    Parts come in the form's order, so a later line that names an earlier part (a table
    header "行政复议" after part 五) is not its heading. Headings of extra parts are keyed
    "extra<index>": they end the span of the part before them.
    """
    found: dict[str, int] = {}
    next_part = 0
    for i, line in enumerate(lines):
        part = heading_part(normalize(line.text))
        if part is None:
            continue
        if part == EXTRA:
            if found:
                found[f"{EXTRA}{i}"] = i
            continue
        if part not in PART_ORDER[next_part:]:
            continue
        found[part] = i
        next_part = PART_ORDER.index(part) + 1
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
    text = arabic_years(normalize(title))  # ２０２４年 and 二〇二四年 as 2024年
    m = YEAR_RE.search(text)
    if m is None:
        return None, None
    year = int(m.group(1))
    before = text[: m.start()].strip("《》「」\"'“”:：").removeprefix("关于")
    after = text[m.end():].lstrip("度")
    # The body comes before the year, or, when the title opens with it (关于2014年度…), before
    # 政府信息公开; a year noted after the title (…年报（2017年）) leaves the title itself before it.
    agency = re.split(r"政府信息公开", before or after)[0]
    agency = re.sub(r"(关于|的)$", "", agency.strip("《》「」\"'“”:："))
    return (agency or None), year


# A sentence, not a table's label or header: its end, or a year opening a clause (2024年，…).
# Forms print neither inside a table; a count with its unit alone (3件) may be a cell.
_PROSE = re.compile(r"[。！？；!?]|(?:19|20)\d{2}\s*年度?\s*[，,]")


# Words of a table's header: a line holding one is the table's, even if it ends with 。
# (（本列数据的勾稽关系为：…之和。） 申请人情况 自然人 …).
_HEADER = re.compile(r"勾稽|钩稽|申请人情况|自然人|结果维持|信息内容|本年制发件数|本年新制作数量|上一年项目数量")


def prose_lines(lines: list[Line], span: tuple[int, int]) -> list[int]:
    """Lines of a table's part that are sentences (2024年，没有…行政复议…情况。): kept as text,
    never read as a row. Only text outside a grid: a table's own cells are never prose."""
    return [i for i in range(*span) if not lines[i].grid and _PROSE.search(lines[i].text)
            and not _HEADER.search(lines[i].text)]
