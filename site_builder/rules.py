"""The consistency rules C1–C5 as data: equations over contract cells.

Each rule instance says `sum(left) == sum(right)`. The parser uses them to choose
among readings of damaged rows (digit runs, lost cells); the check stage uses the
same instances to report what the printed numbers break. Declared once, here.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal
from typing import Iterator, Mapping

from site_builder import contract as c

Number = int | Decimal


@dataclass(frozen=True)
class Equation:
    rule: str  # C1 … C5
    left: tuple[str, ...]  # dotted cell paths
    right: tuple[str, ...]
    where: str  # plain-language place: "列 自然人", "行 (七) 总计"
    cells: tuple[str, ...] = ()  # left + right, filled in once

    def __post_init__(self) -> None:
        object.__setattr__(self, "cells", self.left + self.right)


def _app(row: str, col: str) -> str:
    return f"applications.{row}.{col}"


_ROW_LABEL = {r.key: r.label for r in c.APPLICATION_ROWS}
_COL_LABEL = {col.key: col.label for col in c.APPLICANT_COLUMNS}


def outcome_rows(folded: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The rows C3 adds up: every outcome item, except that a group printed as one row
    (the 2019 template's (六)其他处理, with no items) counts by its printed subtotal."""
    rows: list[str] = []
    for key in c.OUTCOME_KEYS:
        group = next((g for g, items in c.GROUP_ITEMS.items() if key in items), None)
        if group in folded:
            if c.GROUP_SUBTOTAL[group] not in rows:
                rows.append(c.GROUP_SUBTOTAL[group])
        else:
            rows.append(key)
    return tuple(rows)


@lru_cache(maxsize=256)
def application_equations(columns: tuple[str, ...] = c.COLUMN_KEYS,
                          subtotals: tuple[str, ...] = c.SUBTOTAL_KEYS,
                          folded: tuple[str, ...] = ()) -> tuple[Equation, ...]:
    """C1–C4 for a table 3 that has `columns` and prints the group `subtotals`; the groups
    `folded` print their subtotal without items (C3 counts the subtotal, C4 does not apply)."""
    eqs: list[Equation] = []
    applicants = tuple(k for k in columns if k != "total")
    outcomes = outcome_rows(folded)
    for col in columns:
        where = f"列「{_COL_LABEL[col]}」"
        eqs.append(Equation("C1", (_app("new_received", col), _app("carried_over", col)),
                            (_app("total_processed", col), _app("carried_forward", col)), where))
        eqs.append(Equation("C3", (_app("total_processed", col),),
                            tuple(_app(r, col) for r in outcomes), where))
        for group, subtotal in c.GROUP_SUBTOTAL.items():
            if subtotal in subtotals and group not in folded:
                eqs.append(Equation("C4", (_app(subtotal, col),),
                                    tuple(_app(r, col) for r in c.GROUP_ITEMS[group]),
                                    f"{c.GROUP_LABELS[group]} · {where}"))
    if "total" in columns and applicants:
        rows = [r for r in c.APPLICATION_ROW_KEYS if r not in c.SUBTOTAL_KEYS or r in subtotals]
        for row in rows:
            eqs.append(Equation("C2", (_app(row, "total"),), tuple(_app(row, k) for k in applicants),
                                f"行「{_ROW_LABEL[row]}」"))
    return tuple(eqs)


@lru_cache(maxsize=1)
def appeal_equations() -> tuple[Equation, ...]:
    return tuple(Equation("C5", (f"appeals.{g}.total",),
                     tuple(f"appeals.{g}.{f}" for f in ("upheld", "corrected", "other", "pending")),
                     f"「{label}」")
            for g, label in c.APPEAL_GROUPS)


def evaluate(eq: Equation, values: Mapping[str, Number | None]) -> tuple[Number, Number] | None:
    """(left sum, right sum), or None when a cell is unknown and the rule cannot be checked."""
    try:
        left = sum(values[p] for p in eq.left)  # type: ignore[misc]
        right = sum(values[p] for p in eq.right)  # type: ignore[misc]
    except (KeyError, TypeError):
        return None
    return left, right


def failures(eqs: tuple[Equation, ...] | list[Equation], values: Mapping[str, Number | None]) -> Iterator[tuple[Equation, Number, Number]]:
    for eq in eqs:
        sums = evaluate(eq, values)
        if sums is not None and sums[0] != sums[1]:
            yield eq, sums[0], sums[1]
