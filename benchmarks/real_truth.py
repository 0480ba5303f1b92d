"""Scoring a parse against ../shared/corpus/real/truth.json: shared by the test and the benchmark.

truth.json: {file: {"agency", "year", "layout", "cells": {path: number|null}, "must_fail": [rules]}}.
A cell absent from "cells" is not scored; a null is a cell the report leaves blank.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "real"
ARITHMETIC = {"C1", "C2", "C3", "C5"}


def load_truth(corpus: Path = CORPUS) -> dict[str, dict]:
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    return {name: exp for name, exp in truth.items() if (corpus / "files" / name).exists()}


def get(report: dict, path: str):
    obj = report
    for part in path.split("."):
        if not isinstance(obj, dict) or part not in obj:
            return "<missing>"
        obj = obj[part]
    return obj


def same(got, want) -> bool:
    if want is None:
        return got is None or got == "<missing>"
    return isinstance(got, (int, float)) and not isinstance(got, bool) and abs(got - want) < 1e-6


@dataclass
class Score:
    name: str
    layout: str
    cells: int
    right: int
    wrong: list[str] = field(default_factory=list)
    rejected: str | None = None
    unflagged: list[str] = field(default_factory=list)  # rules the printed numbers break, not flagged
    spurious: list[str] = field(default_factory=list)  # rules flagged that the numbers satisfy


def score(name: str, report: dict, expected: dict) -> Score:
    cells = expected["cells"]
    s = Score(name, expected.get("layout", "?"), len(cells), 0)
    for path, want in cells.items():
        if same(get(report, path), want):
            s.right += 1
        else:
            s.wrong.append(f"{path}={get(report, path)!r}≠{want!r}")
    if "error" in report:
        s.rejected = report["error"]
        return s
    rules = {c.get("rule") for c in report.get("checks", [])}
    s.unflagged = [r for r in expected.get("must_fail", []) if r not in rules]
    if len(cells) >= 190:  # the truth settles (nearly) every cell
        s.spurious = sorted(rules & ARITHMETIC - set(expected.get("must_fail", [])))
    return s
