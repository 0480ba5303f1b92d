"""Cuts of a row that the report's own text settles (contract: "Cells the report's own text settles").

A run such as `行政规范性文件15621` cuts as 15 | 6 | 21, 1 | 56 | 21, … and no rule
separates them. When the report's sentences state cells of that row as the same
measure (statements.py), the cuts that agree with them are kept; exactly one left
is taken, its cells inferred with rule `text` and the sentences as evidence.

- A statement that agrees with no cut does not choose among them (it disagrees with
  the table whatever the cut: the audit's T2 says so); when every statement disagrees,
  the cells stay null and the disagreement is a `text` check.
- A doubtful statement (another year, a comparison, a plan) settles nothing.
- A row with one cut, or a cell every cut agrees on, is never looked at here: a certain
  cut is never overridden.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Sequence

from site_builder.parse.statements import Stated

RULE = "text"


@dataclass
class Settled:
    """What the text says about one row's cuts."""

    cut: tuple | None = None  # the one cut the statements leave, or None
    kept: list[tuple] = field(default_factory=list)  # the cuts the statements leave (all when none applies)
    used: list[Stated] = field(default_factory=list)  # the statements that chose it
    against: list[Stated] = field(default_factory=list)  # statements no cut agrees with
    agreed: bool = False  # some statement agrees with some cut


def settle(paths: Sequence[str | None], cuts: Sequence[tuple], stated: Sequence[Stated]) -> Settled:
    """Choose among a row's cuts by the statements of its cells. `paths[i]` is the contract cell
    of position i (None for a column no statement can mean)."""
    out = Settled()
    if len(cuts) < 2:
        out.kept = list(cuts)
        return out
    where = {p: i for i, p in enumerate(paths) if p is not None}
    # A cell every cut agrees on is certain: the text neither chooses by it nor overrides it.
    certain = {i for i in where.values() if len({cut[i] for cut in cuts}) == 1}
    mine = [s for s in stated if s.path in where and s.doubt is None and where[s.path] not in certain]
    kept = list(cuts)
    narrowed = False
    for s in mine:
        if not any(cut[where[s.path]] == s.value for cut in cuts):
            out.against.append(s)
            continue
        agree = [cut for cut in kept if cut[where[s.path]] == s.value]
        if agree:  # statements that contradict each other leave the cuts as they were
            narrowed = narrowed or len(agree) < len(kept)
            kept = agree
    out.kept = kept
    if narrowed:
        out.used = [s for s in mine if all(cut[where[s.path]] == s.value for cut in kept)]
        out.cut = kept[0] if len(kept) == 1 else None
    out.agreed = len(out.against) < len(mine)
    return out


def evidence(statements: Sequence[Stated]) -> str:
    """The sentences, each once, in the order they were used."""
    return "".join(dict.fromkeys(s.sentence for s in statements))


def inferred(paths: Sequence[str | None], values: Sequence[object], settled: Settled) -> list[dict]:
    """Cells the text settled, as the contract lists cells recovered: rule `text`, the sentences
    as evidence. `values` are the row's cells once settled (None where still open)."""
    said = evidence(settled.used)
    return [{"path": p, "rule": RULE, "value": v, "evidence": said}
            for p, v in zip(paths, values) if p is not None and isinstance(v, (int, Decimal))]


def disagreement(paths: Sequence[str | None], printed: str, settled: Settled) -> dict | None:
    """A `text` check when every statement about the row disagrees with every cut of it."""
    if settled.agreed or not settled.against:
        return None
    said = "；".join(f"{s.value}（“{s.sentence}”）" for s in settled.against)
    return {"rule": RULE, "cells": sorted({s.path for s in settled.against}),
            "message": f"「{printed}」的任何拆分都与正文所述不符：{said}，各单元格留空"}
