"""Audit findings: checks of a report beyond its tables' arithmetic (T1–T5).

One module per rule, each yielding findings `{"rule", "status", "message",
"evidence"}` (findings.py) and never raising on a report's content:

- T1 on time, T2 text against tables, T4 complete: one report at a time;
- T3 copied text: the report with its agency's previous year and the other
  agencies of its region and year;
- T5 across years: the report with its agency's previous year.

`audit_agencies` runs them where the build has grouped the reports by agency
(render.model.group_reports) and stores each report's findings in its `audit`
list, which the data files and pages read. The agency keys `published`, `level`,
`kind`, `region` are read with .get(): a rule that needs one that is absent says
`not_assessable` instead of guessing.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Sequence

from site_builder.audit import t1_on_time, t2_text_tables, t3_copied, t4_complete, t5_across_years
from site_builder.audit.findings import RULE_HELP, RULES, STATUSES, evidence_text, finding, rule_status

__all__ = ["RULES", "RULE_HELP", "STATUSES", "audit_report", "audit_agencies", "evidence_text", "finding",
           "rule_status", "region_of"]


def audit_report(report: dict) -> list[dict]:
    """The rules that need nothing but the report."""
    return [*t1_on_time.check(report), *t2_text_tables.check(report), *t4_complete.check(report)]


def region_of(report: dict) -> str | None:
    region = report.get("region") or report.get("region_code")
    return str(region) if region else None


def audit_agencies(agencies: Iterable[Sequence[dict]]) -> None:
    """Set `audit` on every report; each agency's reports are one agency's years, oldest first.

    Reports without a region are compared with the other reports of their year that have none:
    before agencies are linked to regions that is every report of the year.
    """
    agencies = [list(a) for a in agencies]
    groups: dict[tuple[str | None, object], list[dict]] = defaultdict(list)
    for reports in agencies:
        for report in reports:
            groups[(region_of(report), report.get("year"))].append(report)
    peers = {key: t3_copied.PeerIndex(group) for key, group in groups.items()}
    for reports in agencies:
        by_year = {r.get("year"): r for r in reports}
        for report in reports:
            year = report.get("year")
            previous = by_year.get(year - 1) if isinstance(year, int) else None
            report["audit"] = [
                *audit_report(report),
                *t3_copied.check(report, previous, peers[(region_of(report), year)]),
                *t5_across_years.check(report, previous),
            ]
