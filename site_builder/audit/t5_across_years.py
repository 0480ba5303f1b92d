"""T5 — across years: C6 and C7 between the report and the agency's previous year.

The agency's years are the ones the build linked (Agency.reports); the rules
themselves are check.cross_year's, so a failure reads the same on the table marks
and in the audit. C7 is a soft rule — documents also lapse (失效) without being
repealed (废止) — so a C7 difference is `uncertain`, never `fail`.
"""
from __future__ import annotations

from typing import Iterator

from site_builder.audit.findings import cell, cell_evidence, finding
from site_builder.check import cross_year_checks

RULE = "T5"
C7_ROWS = (("regulations", "规章"), ("normative_documents", "行政规范性文件"))


def _c6(previous: dict, report: dict, failures: list[dict]) -> dict:
    year = report.get("year")
    before = cell(previous, "applications.carried_forward.total")
    now = cell(report, "applications.carried_over.total")
    evidence = [cell_evidence(f"{year - 1} 年 结转下年度继续办理（总计）", "applications.carried_forward.total", before),
                cell_evidence(f"{year} 年 上年结转政府信息公开申请数量（总计）", "applications.carried_over.total", now)]
    if before is None or now is None:
        return finding(RULE, "not_assessable", "C6：两年中有一个结转数没有印出，无法核对。", evidence)
    failure = next((x for x in failures if x.get("rule") == "C6"), None)
    if failure:
        return finding(RULE, "fail", f"C6：{failure['message']}。", evidence)
    return finding(RULE, "pass", f"C6：{year} 年“上年结转” {now} 件，与 {year - 1} 年“结转下年度继续办理”一致。", evidence)


def _c7(previous: dict, report: dict, failures: list[dict]) -> Iterator[dict]:
    year = report.get("year")
    for row, name in C7_ROWS:
        paths = [(previous, f"active.{row}.in_force", f"{year - 1} 年 {name} 现行有效件数"),
                 (report, f"active.{row}.issued", f"{year} 年 {name} 本年制发件数"),
                 (report, f"active.{row}.repealed", f"{year} 年 {name} 本年废止件数"),
                 (report, f"active.{row}.in_force", f"{year} 年 {name} 现行有效件数")]
        evidence = [cell_evidence(label, path, cell(r, path)) for r, path, label in paths]
        if any(e["value"] is None for e in evidence):
            yield finding(RULE, "not_assessable", f"C7（{name}）：两年中有单元格没有印出，无法核对。", evidence)
            continue
        failure = next((x for x in failures
                        if x.get("rule") == "C7" and f"active.{row}." in " ".join(x["cells"])), None)
        if failure:
            yield finding(RULE, "uncertain", f"C7：{failure['message']}；文件也可能因失效而减少，仅作提示。",
                          evidence)
        else:
            yield finding(RULE, "pass", f"C7（{name}）：现行有效件数与上年及本年制发、废止件数衔接。", evidence)


def check(report: dict, previous: dict | None) -> Iterator[dict]:
    year = report.get("year")
    if previous is None or not isinstance(year, int):
        yield finding(RULE, "not_assessable", "没有本机关上一年度的报告，无从核对。")
        return
    failures = list(cross_year_checks([previous, report]))
    yield _c6(previous, report, failures)
    yield from _c7(previous, report, failures)
