"""One agency-year read from two files (a page and its flattened text, a PDF and its Word twin,
the same report in two folders): one reading is published, the others are linked and
compared with it cell by cell, and every cell on which they disagree is a check.
"""
from __future__ import annotations

from pathlib import PurePosixPath

from site_builder import contract as c

# Markup keeps a table's cells apart; flattened text runs them together. Between two readings
# that settle as many cells, the one from the structured format is published.
FORMAT_RANK = {".html": 0, ".htm": 0, ".docx": 1, ".pdf": 2, ".md": 3, ".txt": 4}
SHOWN_CELLS = 6  # cells quoted in one check's message; the check lists them all


def _cell(report: dict, path: str):
    node = report
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node if isinstance(node, (int, float)) and not isinstance(node, bool) else None


def _rank(report: dict) -> tuple:
    settled = sum(_cell(report, p) is not None for p in c.cell_paths())
    suffix = PurePosixPath(str(report.get("source", ""))).suffix.lower()
    return (-settled, len(report.get("checks") or []), FORMAT_RANK.get(suffix, 5), str(report.get("source")))


def pick(readings: list[dict]) -> tuple[dict, list[dict]]:
    """(the reading to publish, the others): most cells settled, then fewest failed rules,
    then the structured format."""
    if len(readings) == 1:  # the common case: nothing to rank (ranking counts 230 cells a reading)
        return readings[0], []
    ordered = sorted(readings, key=_rank)
    return ordered[0], ordered[1:]


def disagreements(published: dict, other: dict) -> list[tuple[str, object, object]]:
    """(cell, published value, other value) for every cell both readings settle differently."""
    out = []
    for path in c.cell_paths():
        a, b = _cell(published, path), _cell(other, path)
        if a is not None and b is not None and a != b:
            out.append((path, a, b))
    return out


def twin_checks(published: dict, others: list[dict], year: int) -> list[dict]:
    """A `twin` check per other reading that disagrees with the published one."""
    checks = []
    for other in others:
        diff = disagreements(published, other)
        if not diff:
            continue
        shown = "；".join(f"{c.cell_label(p)} {a} 与 {b}" for p, a, b in diff[:SHOWN_CELLS])
        more = f" 等 {len(diff)} 处" if len(diff) > SHOWN_CELLS else ""
        checks.append({"rule": "twin", "year": year, "severity": "error",
                       "cells": [f"{year}:{p}" for p, _, _ in diff],
                       "message": (f"同一报告的另一份文件 {other.get('source')} 读出的数字与发布的 "
                                   f"{published.get('source')} 不同：{shown}{more}")})
    return checks
