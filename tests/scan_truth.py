"""Scoring a parse of a scanned real PDF against the PDF's own hand-typed cells (test_read_pdf).

Shared by the scan tests and benchmarks/bench_ocr.py, so both count the same cells the same way.
"""
from __future__ import annotations

from test_read_pdf import ACTIVE_FIELDS, APPEALS, COLUMNS, CORPUS, EXPECTED

__all__ = ["CORPUS", "EXPECTED", "truth", "score"]


def truth(name: str) -> dict[str, str]:
    """Every hand-typed cell of one real PDF: contract path -> the number as printed."""
    exp = EXPECTED[name]
    cells = {}
    for row, fields in ACTIVE_FIELDS.items():
        for f, v in zip(fields, exp["active"][row]):
            cells[f"active.{row}.{f}"] = str(v)
    for row, values in exp["applications"].items():
        for col, v in zip(COLUMNS, values):
            cells[f"applications.{row}.{col}"] = str(v)
    for (group, f), v in zip(APPEALS, exp["appeals"]):
        cells[f"appeals.{group}.{f}"] = str(v)
    return cells


def score(report: dict, name: str) -> tuple[int, int, dict[str, tuple[str, object]]]:
    """(cells right, cells typed, {path: (truth, got)} for the others). An error result gets none right."""
    cells = truth(name)
    wrong = {}
    for path, want in cells.items():
        table, row, col = path.split(".")
        got = ((report.get(table) or {}).get(row) or {}).get(col) if "error" not in report else None
        if got is None or str(got) != want:
            wrong[path] = (want, got)
    return len(cells) - len(wrong), len(cells), wrong
