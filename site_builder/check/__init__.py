"""Consistency rules over a parsed report: every failure, with its cells.

C1–C5 run on each report (`run_checks`); C6 and C7 need several years of one
agency and run at site build time (`cross_year`). Checks yield; they never
change a number.
"""
from __future__ import annotations

from site_builder.check.cross_year import cross_year_checks
from site_builder.check.tables import table_checks

__all__ = ["run_checks", "cross_year_checks"]


def run_checks(report: dict) -> list[dict]:
    return list(table_checks(report))
