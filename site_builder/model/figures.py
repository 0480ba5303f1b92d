"""Key figures of one report: its cells read by path, the outcome groups, the rates.

Pure functions over the contract's report objects; the pages, the exports and the
region totals all read them.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any, Iterable

from site_builder import contract as c
from site_builder.read.document import scan_note  # noqa: F401  (part of the model's vocabulary)

Number = int | float | Decimal
_CACHE_LIMIT = 200_000  # reports whose key figures are remembered (a province is 50,000)


@lru_cache(maxsize=4096)
def _steps(path: str) -> tuple[str, ...]:
    return tuple(path.split("."))


def cell(report: dict, path: str) -> Number | None:
    node: Any = report
    for part in _steps(path):
        if node.__class__ is not dict and not isinstance(node, dict):
            return None
        node = node.get(part)
    if node.__class__ is int:  # the common case, checked first: the pages read millions of cells
        return node
    return node if isinstance(node, (int, float, Decimal)) and not isinstance(node, bool) else None


def total(report: dict, paths: Iterable[str]) -> Number | None:
    """Sum of the printed cells; None when none of them is printed."""
    values = [v for v in (cell(report, p) for p in paths) if v is not None]
    return sum(values) if values else None


def share(part: Number | None, whole: Number | None) -> float | None:
    if part is None or not whole:
        return None
    return float(part) / float(whole)


def outcome_groups(report: dict) -> list[tuple[str, Number | None]]:
    """Table 3's outcome groups for the total column, as 办结 splits them."""
    groups = [("予以公开", cell(report, "applications.granted.total")),
              ("部分公开", cell(report, "applications.partially_granted.total"))]
    for group, label in c.GROUP_LABELS.items():
        items = [f"applications.{k}.total" for k in c.GROUP_ITEMS[group]]
        groups.append((label.split(" ", 1)[-1], total(report, items)))
    return groups


_figures: dict[int, tuple[dict, dict[str, Number | None]]] = {}


def key_figures(report: dict) -> dict[str, Number | None]:
    """The report's key figures. The pages, charts, exports, region totals and peers all ask for
    them, several times per report: computed once per report object (which the build never
    changes once read), remembered by identity."""
    hit = _figures.get(id(report))
    if hit is not None and hit[0] is report:
        return hit[1]
    if len(_figures) >= _CACHE_LIMIT:
        _figures.clear()
    figures = _key_figures(report)
    _figures[id(report)] = (report, figures)
    return figures


def _key_figures(report: dict) -> dict[str, Number | None]:
    processed = cell(report, "applications.total_processed.total")
    granted = cell(report, "applications.granted.total")
    closed = total(report, [f"applications.{k}.total" for g in ("denied", "unavailable")
                            for k in c.GROUP_ITEMS[g]])
    figures: dict[str, Number | None] = {
        "new_received": cell(report, "applications.new_received.total"),
        "total_processed": processed,
        "granted": granted,
        "granted_rate": share(granted, processed),
        "denied_unavailable": closed,
        "denied_unavailable_share": share(closed, processed),
    }
    for key, groups in (("review", ("review",)), ("litigation", ("litigation_direct", "litigation_after_review"))):
        tot = total(report, [f"appeals.{g}.total" for g in groups])
        corrected = total(report, [f"appeals.{g}.corrected" for g in groups])
        decided = total(report, [f"appeals.{g}.{f}" for g in groups for f in ("upheld", "corrected", "other")])
        figures[key] = tot
        figures[f"{key}_corrected"] = corrected
        figures[f"{key}_corrected_share"] = share(corrected, decided)
    figures["failed_rules"] = len(report.get("checks") or [])
    figures["inferred"] = len(report.get("inferred") or [])
    return figures


KEY_FIGURE_LABELS: dict[str, str] = {
    "new_received": "新收申请",
    "total_processed": "办结",
    "granted": "予以公开",
    "granted_rate": "予以公开率",
    "denied_unavailable": "不予公开/无法提供",
    "denied_unavailable_share": "不予公开/无法提供占比",
    "review": "行政复议",
    "review_corrected": "复议纠正",
    "review_corrected_share": "复议纠正率",
    "litigation": "行政诉讼",
    "litigation_corrected": "诉讼纠正",
    "litigation_corrected_share": "诉讼纠正率",
    "failed_rules": "未通过的校验",
    "inferred": "推算的单元格",
}
