"""The three fixed tables: printed rows to contract cells.

Each table becomes slots (one per printed row, with its readings) that the
solver resolves with the rules. Which applicant columns table 3 has is read
from its header, but the number of values its rows print wins when they
disagree: an OCR'd header can lose a column the rows still carry.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

from site_builder import contract as c
from site_builder.parse.active_2019 import OldRow, current_paths, is_2019_template, old_rows
from site_builder.parse.labels import group_of, match_active_row, match_application_row
from site_builder.parse.old_cuts import agreed
from site_builder.parse.readings import printed_digits, printed_width, readings
from site_builder.parse.rows import PrintedRow, assemble, drop_spacers_in_short_rows
from site_builder.parse.settle import disagreement, settle
from site_builder.parse.settle import inferred as text_inferred
from site_builder.parse.solve import Slot, Solution, solve
from site_builder.parse.statements import Stated
from site_builder.parse.tokens import is_value, line_tokens, normalize
from site_builder.read.document import Line
from site_builder.rules import appeal_equations, application_equations, folded_groups


@dataclass
class TableResult:
    solution: Solution
    found: bool  # the table's rows were there at all
    rows_found: set[str] = field(default_factory=set)
    extra: list[dict] = field(default_factory=list)
    columns: tuple[str, ...] = ()
    folded: tuple[str, ...] = ()  # groups printed as their subtotal alone
    template: str = "2021"  # table 二's form: "2021" (国办公开办函〔2021〕30号) or "2019"
    # (printed row, the form row it was matched to, its slot): kept as references so that
    # `parse --debug` can show which lines became which row, formatted only when asked.
    printed: list[tuple[PrintedRow, str | None, Slot | None]] = field(default_factory=list)

    def trace(self, table: str, origin=lambda i: i) -> list[dict]:
        """Rows as `parse --debug` shows them; `origin` maps a line index to the reader's line."""
        return [{"table": table, "lines": sorted({origin(i) + 1 for i in row.lines}), "label": row.label, "row": key,
                 "printed": [t.text or "□" for t in row.values],
                 "readings": None if slot is None else len(slot.candidates)}
                for row, key, slot in self.printed]


# ---- table 3 -------------------------------------------------------------------------

def header_columns(header: str) -> tuple[str, ...]:
    """Applicant columns named in a table-3 header, in form order."""
    text = normalize(header)
    for phrase in ("法人或其他组织", "法人或其它组织", "法人及其他组织"):
        text = text.replace(phrase, "")
    return tuple(col.key for col in c.APPLICANT_COLUMNS if any(normalize(k) in text for k in col.keys))


_PRIORITY = ("total",) + c.APPLICANT_KEYS  # which lost header names to restore first


def decide_columns(named: tuple[str, ...], widest: int | None) -> tuple[str, ...]:
    if widest is None:
        return named if len(named) >= 2 else c.COLUMN_KEYS
    if widest >= len(c.COLUMN_KEYS):
        return c.COLUMN_KEYS
    if len(named) >= widest:
        return named
    restore = [k for k in _PRIORITY if k not in named][: widest - len(named)]
    return tuple(k for k in c.COLUMN_KEYS if k in named or k in restore)


def parse_applications(lines: list[Line], span: tuple[int, int]) -> TableResult:
    table = assemble(lines, *span)
    drop_spacers_in_short_rows(table.rows)
    matched: list[tuple[str, PrintedRow]] = []
    seen: set[str] = set()
    checks: list[dict] = []
    group: str | None = None
    for n, row in enumerate(table.rows):
        key = match_application_row(row.label, group)
        if key is None:
            key = _between(matched[-1][0] if matched else None, table.rows[n + 1:], group, seen)
        if key is None:
            checks.append({"rule": "unmatched", "cells": [],
                           "message": f"表三中无法识别的行「{row.label[:40]}」，其数字未采用"})
            continue
        group = next((r.group for r in c.APPLICATION_ROWS if r.key == key), None) or group_of(row.label)
        if key in seen:
            checks.append({"rule": "duplicate", "cells": [f"applications.{key}.total"],
                           "message": f"表三「{row.label[:40]}」重复出现，只采用第一次"})
            continue
        matched.append((key, row))
        seen.add(key)
    widths = [printed_width(r.values) for _, r in matched if not _is_single_run(r)]
    named = header_columns(table.header)
    columns = decide_columns(named, max(widths) if widths else None)
    prefer = tuple(i for i, k in enumerate(columns) if named and k not in named)
    summed = columns[-1] == "total" and len(columns) > 1
    slots = [Slot(key, tuple(f"applications.{key}.{col}" for col in columns),
                  readings(row.values, (len(columns),), summed, prefer), _printed(row))
             for key, row in matched]
    subtotals = tuple(k for k, _ in matched if k in c.SUBTOTAL_KEYS)
    folded = folded_groups(subtotals, {k for k, _ in matched})
    solution = solve(slots, application_equations(columns, subtotals, folded))
    if summed:
        checks += [_unsplittable(slot, "C2", "本行总计应等于各类申请人数量之和") for slot, (_, row) in zip(slots, matched)
                   if not slot.candidates and _overfull(row.values, len(columns))]
    solution.checks = checks + solution.checks
    found_keys = {k for k, _ in matched}
    by_key = {s.name: s for s in slots}
    keys = {id(row): key for key, row in matched}
    printed = [(row, keys.get(id(row)), by_key.get(keys.get(id(row), ""))) for row in table.rows]
    return TableResult(solution, bool(matched), found_keys, columns=columns, printed=printed, folded=folded)


_ITEM_ORDER = tuple(r.key for r in c.APPLICATION_ROWS if not r.subtotal)


def _between(previous: str | None, following: list[PrintedRow], group: str | None, seen: set[str]) -> str | None:
    """A row whose label is lost or torn (a PDF converter's Markdown) takes its place in the
    form's fixed order: when the rows between two recognised rows are exactly as many as the
    form rows between them, the first unrecognised row is the first form row missing."""
    if previous not in _ITEM_ORDER:
        return None
    run = 1  # this row and the unrecognised rows right after it
    for row in following:
        after = match_application_row(row.label, group)
        if after is not None:
            break
        run += 1
    else:
        return None
    if after not in _ITEM_ORDER or _ITEM_ORDER.index(after) - _ITEM_ORDER.index(previous) != run + 1:
        return None
    key = _ITEM_ORDER[_ITEM_ORDER.index(previous) + 1]
    return None if key in seen else key


def _is_single_run(row: PrintedRow) -> bool:
    return len(row.values) == 1 and len(row.values[0].text) > 1


def _printed(row: PrintedRow) -> str:
    numbers = " ".join(t.text or "□" for t in row.values)
    return f"{row.label[:30]} {numbers}".strip()


# ---- table 2 -------------------------------------------------------------------------

def parse_active(lines: list[Line], span: tuple[int, int],
                 stated: Callable[[], list[Stated]] = list) -> TableResult:
    """Table 二; `stated()` gives the report's sentences about its cells, which may choose among
    the cuts of a row that no rule separates (settle.py). Called only for such a row."""
    if is_2019_template(lines, span):
        return _parse_active_2019(lines, span, stated)
    table = assemble(lines, *span)
    slots: list[Slot] = []
    extra: list[dict] = []
    seen: set[str] = set()
    printed: list[tuple[PrintedRow, str | None, Slot | None]] = []
    for row in table.rows:
        key = match_active_row(row.label)
        if key is None or key in seen:
            printed.append((row, None, None))
            continue
        seen.add(key)
        if key.startswith("extra:"):
            extra.append({"label": key[6:], "columns": [],
                          "values": [t.value for t in row.values if is_value(t)]})
            printed.append((row, key, None))
            continue
        fields = c.ACTIVE_FIELDS[key]
        slots.append(Slot(key, tuple(f"active.{key}.{f}" for f, _ in fields),
                          readings(row.values, (len(fields),), False), _printed(row)))
        printed.append((row, key, slots[-1]))
    settled, checks = _settle_by_text(slots, stated)
    solution = solve(slots, [])
    solution.inferred += settled
    solution.checks += checks
    return TableResult(solution, bool(slots), seen, extra, printed=printed)


def _settle_by_text(slots: list[Slot], stated: Callable[[], list[Stated]]) -> tuple[list[dict], list[dict]]:
    """Rows with several cuts that the report's sentences settle: their slot keeps that one cut."""
    inferred: list[dict] = []
    checks: list[dict] = []
    for slot in slots:
        if len(slot.candidates) < 2:
            continue
        found = settle(slot.paths, slot.candidates, stated())
        if found.cut is not None:
            slot.candidates = [found.cut]
            inferred += text_inferred(slot.paths, found.cut, found)
        elif (check := disagreement(slot.paths, slot.printed, found)) is not None:
            checks.append(check)
    return inferred, checks


def _parse_active_2019(lines: list[Line], span: tuple[int, int], stated: Callable[[], list[Stated]]) -> TableResult:
    """Old columns: every printed row kept in `extra`, one value per printed column; only
    本年新制作数量 and 处理决定数量 fill current fields (the other current cells stay null: the
    old form does not print them)."""
    solution = Solution()
    seen: set[str] = set()
    extra: list[dict] = []
    for row in old_rows(lines, span):
        key = match_active_row(row.label)
        current = key is not None and not key.startswith("extra:") and key not in seen
        fields = tuple(f for f, _ in c.ACTIVE_FIELDS[key]) if current else ()
        paths = current_paths(key, row.columns, fields)
        values, inferred, checks = _old_row_values(row, paths, stated)
        extra.append({"label": row.label, "columns": list(row.columns), "values": list(values)})
        solution.checks += checks
        if not current:
            continue
        seen.add(key)
        solution.values.update({f"active.{key}.{f}": None for f in fields})
        solution.values.update({p: v for p, v in zip(paths, values) if p and isinstance(v, (int, Decimal))})
        solution.inferred += inferred
    return TableResult(solution, bool(extra), seen, extra, template="2019")


def _old_row_values(row: OldRow, paths: tuple[str | None, ...],
                    stated: Callable[[], list[Stated]]) -> tuple[tuple, list, list]:
    """(values, inferred, checks) of one old-form row: its one cut, the cut the text settles, or the
    cells every cut agrees on, the others null with a check naming the run."""
    if len(row.cuts) == 1:
        return row.cuts[0], [], []
    printed = f"{row.label}{row.printed}"
    if not row.cuts:
        return (None,) * len(row.columns), [], [{
            "rule": "ambiguous", "cells": [p for p in paths if p],
            "message": f"「{printed}」的数字无法拆成表头的 {len(row.columns)} 列（{'、'.join(row.columns)}），各单元格留空"}]
    found = settle(paths, row.cuts, stated() if any(paths) else [])  # no current cell: nothing to read the text for
    values = agreed(found.kept, len(row.columns))
    before = agreed(list(row.cuts), len(row.columns))
    # Cells the text settled: open among all cuts, agreed among the cuts the text leaves.
    settled = [v if v is not None and b is None else None for v, b in zip(values, before)]
    inferred = text_inferred(paths, settled, found) if found.used else []
    if found.cut is not None:
        return values, inferred, []
    open_columns = [col for col, v in zip(row.columns, values) if v is None]
    shown = "、".join(" | ".join("" if v is None else str(v) for v in cut) for cut in found.kept[:3])
    more = "等" if len(found.kept) > 3 else ""
    checks = [{"rule": "ambiguous", "cells": [p for p, v in zip(paths, values) if p and v is None],
               "message": f"「{printed}」有 {len(found.kept)} 种拆分（{shown}{more}），"
                          f"{'、'.join(open_columns)}无法确定，留空"}]
    if (check := disagreement(paths, printed, found)) is not None:
        checks.append(check)
    return values, inferred, checks


# ---- table 4 -------------------------------------------------------------------------

def parse_appeals(lines: list[Line], span: tuple[int, int]) -> TableResult:
    """Fifteen numbers in form order; header lines (even with a stray OCR digit) are skipped."""
    tokens = []
    for i in range(*span):
        toks = line_tokens(lines[i])
        if toks and all(is_value(t) for t in toks) and any(t.kind == "num" for t in toks):
            tokens += toks
    if not tokens:  # the values follow a label ("总计 0 0 0 …"): the table's one printed row
        tokens = next((row.values for row in assemble(lines, *span).rows
                       if any(t.kind == "num" for t in row.values)), [])
    paths = tuple(f"appeals.{g}.{f}" for g, _ in c.APPEAL_GROUPS for f, _ in c.APPEAL_FIELDS)
    if not tokens:
        return TableResult(Solution(), False)
    slot = Slot("appeals", paths, readings(tokens, (5, 5, 5), True),
                " ".join(t.text or "□" for t in tokens))
    row = PrintedRow("", tokens)
    solution = solve([slot], appeal_equations())
    if not slot.candidates and _overfull(tokens, len(paths)):
        solution.checks.append(_unsplittable(slot, "C5", "各组总计应等于维持、纠正、其他结果与尚未审结之和"))
    return TableResult(solution, True, {"appeals"}, printed=[(row, "appeals", slot)])


def _overfull(tokens, n: int) -> bool:
    """Run-together digits enough for every cell: no split of them satisfying the sums means
    the printed numbers themselves break the rule, not that a cell is lost."""
    return all(t.kind != "num" or t.text.isdigit() for t in tokens) and printed_digits(tokens) > n > len(tokens)


def _unsplittable(slot: Slot, rule: str, expects: str) -> dict:
    return {"rule": rule, "cells": list(slot.paths),
            "message": f"「{slot.printed}」的数字无论怎样拆分都不满足{rule}（{expects}），各单元格留空"}
