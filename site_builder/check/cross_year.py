"""C6 and C7: rules across the years of one agency (run at site build)."""
from __future__ import annotations

from typing import Iterator


def cross_year_checks(reports: list[dict]) -> Iterator[dict]:
    """Reports of one agency; yields checks naming both years' cells."""
    by_year = {r["year"]: r for r in reports if r.get("year") is not None and "error" not in r}
    for year in sorted(by_year):
        prev = by_year.get(year - 1)
        if prev is None:
            continue
        cur = by_year[year]
        c6 = _c6(prev, cur, year)
        if c6:
            yield c6
        yield from _c7(prev, cur, year)


def _c6(prev: dict, cur: dict, year: int) -> dict | None:
    before = prev["applications"]["carried_forward"]["total"]
    now = cur["applications"]["carried_over"]["total"]
    if before is None or now is None or before == now:
        return None
    return {"rule": "C6", "year": year, "severity": "error",
            "cells": [f"{year - 1}:applications.carried_forward.total", f"{year}:applications.carried_over.total"],
            "message": f"{year} 年“上年结转” {now} 件，与 {year - 1} 年“结转下年度继续办理” {before} 件不一致"}


def _c7(prev: dict, cur: dict, year: int) -> Iterator[dict]:
    for row, name in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        p, n = prev["active"][row], cur["active"][row]
        if None in (p["in_force"], n["in_force"], n["issued"], n["repealed"]):
            continue
        expected = p["in_force"] + n["issued"] - n["repealed"]
        if expected != n["in_force"]:
            yield {"rule": "C7", "year": year, "severity": "warning",
                   "cells": [f"{year - 1}:active.{row}.in_force", f"{year}:active.{row}.in_force"],
                   "message": (f"{name}：{year - 1} 年现行有效 {p['in_force']} + {year} 年制发 {n['issued']} − "
                               f"废止 {n['repealed']} = {expected}，但 {year} 年现行有效为 {n['in_force']}（提示）")}
