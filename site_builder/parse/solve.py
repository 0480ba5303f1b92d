"""Choose one reading per printed row, using the report's own arithmetic.

Rows with one reading are taken as printed, whatever the rules say (the check
stage reports what they break). Rows with several readings are resolved
together: a combination is kept when every rule that touches a chosen or
recovered cell holds. A row is taken only when all kept combinations agree on
it; otherwise its cells stay null and a check says why. A lost cell gets a value
only when a rule with no other unknown determines it, and is listed as inferred.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from typing import Iterable

from site_builder.parse.readings import LOST, Reading
from site_builder.rules import Equation, Number, evaluate

MAX_COMBINATIONS = 20000  # combinations of ambiguous rows tried at most


@dataclass
class Slot:
    """One printed row: the cells it fills and its possible readings."""

    name: str
    paths: tuple[str, ...]
    candidates: list[Reading]
    printed: str = ""  # the row's printed text, for messages


@dataclass
class Solution:
    values: dict[str, Number | None] = field(default_factory=dict)
    inferred: list[dict] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)


def solve(slots: list[Slot], equations: tuple[Equation, ...] | list[Equation]) -> Solution:
    out = Solution()
    by_path: dict[str, list[Equation]] = {}
    for eq in equations:
        for p in eq.cells:
            by_path.setdefault(p, []).append(eq)
    fixed: dict[str, object] = {}
    recovered: dict[str, str] = {}  # path -> rule that gave a lost cell its value
    ambiguous: list[tuple[Slot, list[tuple[dict, dict]]]] = []
    for slot in slots:
        if len(slot.candidates) == 1 and not any(v is LOST for v in slot.candidates[0]):
            fixed.update(zip(slot.paths, slot.candidates[0]))  # printed whole: nothing to choose
            continue
        mine = set(slot.paths)
        own = list({id(eq): eq for p in slot.paths for eq in by_path.get(p, ())
                    if mine.issuperset(eq.cells)}.values())
        options = _row_options(slot, own)
        if not slot.candidates:
            out.checks.append(_check("ambiguous", slot.paths,
                                     f"「{slot.printed}」的数字个数与表格列数不符，无法确定各单元格"))
            continue
        if len(options) == 1:
            fixed.update(options[0][0])
            recovered.update(options[0][1])
        elif not options:
            out.checks.append(_check("ambiguous", slot.paths,
                                     f"「{slot.printed}」没有一种读法满足本行的合计关系，各单元格留空"))
        else:
            ambiguous.append((slot, options))

    chosen = _search(fixed, ambiguous, equations, by_path, out, recovered)
    values = dict(fixed)
    values.update(chosen)
    _propagate(values, equations, recovered)
    for slot in slots:
        lost = [p for p in slot.paths if values.get(p) is LOST]
        if lost:
            out.checks.append(_check("missing", lost, f"「{slot.printed}」中缺失的单元格无法由勾稽关系唯一推出"))
    for path, value in values.items():
        out.values[path] = None if value is LOST else value  # type: ignore[assignment]
    out.inferred = [{"path": p, "rule": r, "value": values[p]} for p, r in recovered.items()
                    if values.get(p) is not LOST and values.get(p) is not None]
    return out


def _row_options(slot: Slot, own: list[Equation]) -> list[tuple[dict, dict]]:
    """Distinct readings of a row after its own sums fill its lost cells: (values, inferred)."""
    options: list[tuple[dict, dict]] = []
    seen: set[tuple] = set()
    satisfying: list[tuple[dict, dict]] = []
    for cand in slot.candidates:
        values = dict(zip(slot.paths, cand))
        rules_of: dict[str, str] = {}
        if not _propagate(values, own, rules_of):
            continue
        key = tuple(values[p] if values[p] is not LOST else "?" for p in slot.paths)
        if key in seen:
            continue
        seen.add(key)
        options.append((values, rules_of))
        if all(_holds(eq, values) for eq in own):
            satisfying.append((values, rules_of))
    if len(slot.candidates) == 1:
        return options  # printed as is: its sums are the check stage's business
    return satisfying


def _search(fixed: dict, ambiguous: list, equations: list[Equation], by_path: dict,
            out: Solution, recovered: dict[str, str]) -> dict:
    if not ambiguous:
        return {}
    counts = [len(opts) for _, opts in ambiguous]
    total = 1
    for n in counts:
        total *= n
    slots = [s for s, _ in ambiguous]
    if total > MAX_COMBINATIONS:
        for slot in slots:
            out.checks.append(_check("ambiguous", slot.paths,
                                     f"「{slot.printed}」有多种读法，组合过多，无法确定"))
        return {}
    touched = {p for s in slots for p in s.paths}
    relevant = [eq for eq in equations if touched & set(eq.cells)]
    kept: list[tuple[tuple[dict, dict], ...]] = []
    for combo in product(*(opts for _, opts in ambiguous)):
        values = dict(fixed)
        for vals, _ in combo:
            values.update(vals)
        rules_of: dict[str, str] = {}
        if not _propagate(values, equations, rules_of):
            continue
        check = relevant + [eq for p in rules_of for eq in by_path.get(p, ())]
        if all(_holds(eq, values) for eq in check):
            kept.append(combo)
    chosen: dict = {}
    for i, slot in enumerate(slots):
        readings = {tuple(_key(c[i][0], slot.paths)) for c in kept}
        if len(readings) == 1:
            vals, rules_of = kept[0][i]
            chosen.update(vals)
            recovered.update(rules_of)
        else:
            reason = ("没有一种读法同时满足各项勾稽关系" if not kept
                      else f"有 {len(readings)} 种读法都满足勾稽关系")
            out.checks.append(_check("ambiguous", slot.paths, f"「{slot.printed}」{reason}，各单元格留空"))
            chosen.update({p: None for p in slot.paths})
    return chosen


def _key(values: dict, paths: Iterable[str]) -> list:
    return [values[p] if values[p] is not LOST else "?" for p in paths]


def _holds(eq: Equation, values: dict) -> bool:
    if any(values.get(p) is LOST for p in eq.cells):
        return True
    sums = evaluate(eq, values)
    return sums is None or sums[0] == sums[1]


def _propagate(values: dict, equations: list[Equation], rules_of: dict[str, str]) -> bool:
    """Fill LOST cells that an equation with no other unknown determines; False on a contradiction."""
    if not any(v is LOST for v in values.values()):
        return True
    changed = True
    while changed:
        changed = False
        for eq in equations:
            cells = [values.get(p) for p in eq.cells]
            if any(v is None for v in cells):
                continue  # a cell not printed, or not in this table: the rule cannot speak
            lost_left = [p for p in eq.left if values[p] is LOST]
            lost_right = [p for p in eq.right if values[p] is LOST]
            if not (lost_left or lost_right) or (lost_left and lost_right):
                continue
            lost, same, other = ((lost_left, eq.left, eq.right) if lost_left else (lost_right, eq.right, eq.left))
            needed = sum(values[p] for p in other) - sum(values[p] for p in same if values[p] is not LOST)
            if needed < 0:
                return False
            if len(lost) > 1 and needed != 0:
                continue  # several unknowns sharing a positive sum: not determined
            # One unknown takes the difference; several unknowns summing to 0 are all 0 (cells are counts).
            for target in lost:
                values[target] = needed if len(lost) == 1 else 0
                rules_of[target] = eq.rule
            changed = True
    return True


def _check(rule: str, cells: Iterable[str], message: str) -> dict:
    return {"rule": rule, "cells": list(cells), "message": message}
