"""Which parts of a report were not found, from the parser's `missing` checks.

A report that parses only partly is still published: its missing tables, rows
and parts stay null. The agency page says so near the top, in words, so a
blank table is never read as a table of zeros. The parser names what it lost
by cells (`sections.problems`, `applications.<row>.<col>`, `appeals.*`); this
module turns those cells into parts of the form. A cell or two lost inside a
printed row is not a missing part: the table marks it on the cell.
"""
from __future__ import annotations

from dataclasses import dataclass

from site_builder import contract as c

# table key -> (numeral, heading), as the form prints them
TABLES: dict[str, tuple[str, str]] = {
    "active": ("二", "主动公开政府信息情况"),
    "applications": ("三", "收到和处理政府信息公开申请情况"),
    "appeals": ("四", "政府信息公开行政复议、行政诉讼情况"),
}
ROWS: dict[str, dict[str, tuple[str, ...]]] = {
    "active": {r: tuple(f for f, _ in fields) for r, fields in c.ACTIVE_FIELDS.items()},
    "applications": {r.key: c.COLUMN_KEYS for r in c.APPLICATION_ROWS},
    "appeals": {g: tuple(f for f, _ in c.APPEAL_FIELDS) for g, _ in c.APPEAL_GROUPS},
}
ROW_LABELS: dict[str, dict[str, str]] = {
    "active": {r.key: r.label for r in c.ACTIVE_ROWS},
    "applications": {r.key: r.label for r in c.APPLICATION_ROWS},
    "appeals": dict(c.APPEAL_GROUPS),
}
SECTION_HEADS: dict[str, tuple[str, str]] = {k: (num, head) for k, num, head in c.SECTIONS}
# The order parts are printed in on the form (and on the page).
PART_ORDER: tuple[str, ...] = ("overview", "active", "applications", "appeals", "problems", "other")
WILDCARD = "*"


@dataclass(frozen=True)
class MissingPart:
    key: str  # a table or section key: also the page's anchor
    what: str  # "表四「…」" or "第五部分「…」"
    rows: tuple[str, ...]  # for a table found only partly: the labels of the rows not found


def missing_parts(report: dict) -> list[MissingPart]:
    """The tables, rows and text parts the parser did not find, in the form's order."""
    whole: set[str] = set()
    rows: dict[str, list[str]] = {}
    for check in report.get("checks") or []:
        if not isinstance(check, dict) or check.get("rule") != "missing":
            continue
        for key, row in _parts_of([str(p) for p in check.get("cells") or []]):
            if row is None:
                whole.add(key)
            elif row not in rows.setdefault(key, []):
                rows[key].append(row)
    out = []
    for key in PART_ORDER:
        if key in TABLES and set(rows.get(key, ())) >= set(ROWS[key]):
            whole.add(key)  # every row missing: the table was not found
        if key in whole:
            out.append(MissingPart(key, _name(key), ()))
        elif rows.get(key):
            ordered = [r for r in ROWS[key] if r in rows[key]]
            out.append(MissingPart(key, _name(key), tuple(ROW_LABELS[key][r] for r in ordered)))
    return out


def _parts_of(cells: list[str]) -> list[tuple[str, str | None]]:
    """(part key, row key or None for the whole part) for the cells of one check."""
    found: dict[str, set[str]] = {}
    out: list[tuple[str, str | None]] = []
    for path in cells:
        head, _, rest = path.partition(".")
        if head == "sections" and rest in SECTION_HEADS:
            out.append((rest, None))
        elif head in TABLES:
            if rest in ("", WILDCARD):
                out.append((head, None))
                continue
            row, _, col = rest.partition(".")
            if row in ROWS[head]:
                found.setdefault(f"{head}.{row}", set()).add(col or WILDCARD)
    for key, cols in found.items():
        table, row = key.split(".")
        if WILDCARD in cols or set(ROWS[table][row]) <= cols:
            out.append((table, row))
    return out


def _name(key: str) -> str:
    if key in TABLES:
        num, head = TABLES[key]
        return f"表{num}「{head}」"
    num, head = SECTION_HEADS[key]
    return f"第{num}部分「{head}」"
