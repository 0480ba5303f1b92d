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


@lru_cache(maxsize=256)
def application_equations(columns: tuple[str, ...] = c.COLUMN_KEYS,
                          subtotals: tuple[str, ...] = c.SUBTOTAL_KEYS,
                          folded: tuple[str, ...] = ()) -> tuple[Equation, ...]:
    """C1–C4 for a table 3 that has `columns` and prints the group `subtotals`.

    A `folded` group prints its subtotal and none of its items (older forms print (六)其他处理
    as one row): in C3 the subtotal stands in for the items, and C4 has nothing to check.
    """
    eqs: list[Equation] = []
    applicants = tuple(k for k in columns if k != "total")
    outcomes = tuple(r for r in c.OUTCOME_KEYS if _group(r) not in folded)
    outcomes += tuple(c.GROUP_SUBTOTAL[g] for g in folded)
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


def _group(row: str) -> str | None:
    return _ROW_GROUP.get(row)


_ROW_GROUP = {r.key: r.group for r in c.APPLICATION_ROWS}


def folded_groups(subtotals, printed_rows) -> tuple[str, ...]:
    """Groups whose subtotal is printed and none of whose items is."""
    return tuple(g for g, sub in c.GROUP_SUBTOTAL.items()
                 if sub in subtotals and not any(k in printed_rows for k in c.GROUP_ITEMS[g]))


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
