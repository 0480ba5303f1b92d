"""C1–C5 on one report, from the rule equations in site_builder.rules."""
from __future__ import annotations

from typing import Iterator

from site_builder import contract as c
from site_builder.rules import Equation, appeal_equations, application_equations, failures, folded_groups

EXPLAIN = {
    "C1": "本年新收与上年结转之和，应等于办理结果总计与结转下年度之和",
    "C2": "本行总计应等于各类申请人数量之和",
    "C3": "办理结果总计应等于各项办理结果之和",
    "C4": "分组小计应等于该组各项之和",
    "C5": "总计应等于维持、纠正、其他结果与尚未审结之和",
}


def flat_values(report: dict) -> dict:
    values = {}
    for table in ("active", "applications", "appeals"):
        for row, cells in report.get(table, {}).items():
            if isinstance(cells, dict):
                for col, value in cells.items():
                    values[f"{table}.{row}.{col}"] = value
    return values


def present_columns(report: dict) -> tuple[str, ...]:
    """Columns table 3 prints: a column null in every row is one the table lacks."""
    rows = report.get("applications", {})
    return tuple(col for col in c.COLUMN_KEYS
                 if any((rows.get(r) or {}).get(col) is not None for r in c.APPLICATION_ROW_KEYS))


def printed_subtotals(report: dict) -> tuple[str, ...]:
    rows = report.get("applications", {})
    return tuple(k for k in c.SUBTOTAL_KEYS if any(v is not None for v in (rows.get(k) or {}).values()))


def printed_rows(report: dict) -> set[str]:
    rows = report.get("applications", {})
    return {k for k in c.APPLICATION_ROW_KEYS if any(v is not None for v in (rows.get(k) or {}).values())}


def equations_for(report: dict) -> tuple[Equation, ...]:
    subtotals = printed_subtotals(report)
    folded = folded_groups(subtotals, printed_rows(report))
    return application_equations(present_columns(report), subtotals, folded) + appeal_equations()


def table_checks(report: dict) -> Iterator[dict]:
    values = flat_values(report)
    for eq, left, right in failures(equations_for(report), values):
        yield {
            "rule": eq.rule,
            "cells": list(eq.cells),
            "message": f"{eq.where}：{EXPLAIN[eq.rule]}，但 {_fmt(left)} ≠ {_fmt(right)}",
        }


def _fmt(n) -> str:
    return format(n, "f") if not isinstance(n, int) else str(n)
