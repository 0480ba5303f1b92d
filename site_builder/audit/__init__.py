"""Audit findings: checks of a report beyond its tables' arithmetic (T1–T5).

One module per rule, each yielding findings `{"rule", "status", "message",
"evidence"}` (findings.py) and never raising on a report's content:

- T1 on time, T2 text against tables, T4 complete: one report at a time;
- T3 copied text: the report with its agency's previous year and the other
  agencies of its region and year;
- T5 across years: the report with its agency's previous year.

`audit_agencies` runs them where the build has grouped the reports by agency
(model.portal.group_reports) and stores each report's findings in its `audit`
list, which the data files and pages read. The agency keys `published`, `level`,
`kind`, `region` are read with .get(): a rule that needs one that is absent says
`not_assessable` instead of guessing.
"""
from __future__ import annotations

import gc
import logging
import multiprocessing
import os
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable, Iterable, Mapping, Sequence

from site_builder.audit import t1_on_time, t2_text_tables, t3_copied, t4_complete, t5_across_years
from site_builder.audit.findings import RULE_HELP, RULES, STATUSES, evidence_text, finding, rule_status

log = logging.getLogger("mkdocs.plugins.portal")

__all__ = ["RULES", "RULE_HELP", "STATUSES", "audit_agencies", "evidence_text", "finding",
           "rule_status", "region_of"]


def _safely(rule: str, check: Callable[..., Iterable[dict]], report: Mapping, *context: Any) -> list[dict]:
    """A rule's findings; a rule that breaks on an odd report is logged with the file and the build
    goes on, the report showing that this rule could not be run."""
    try:
        return list(check(report, *context))
    except Exception as exc:  # noqa: BLE001 - one report's oddity must not stop the site
        log.warning("audit %s failed on %s: %s: %s", rule, report.get("source"), type(exc).__name__, exc)
        return [finding(rule, "not_assessable", f"本站审核这一条时出错（{type(exc).__name__}），未能判断。")]


def region_of(report: Mapping) -> str | None:
    region = report.get("region") or report.get("region_code")
    return str(region) if region else None


# An agency's own keys (agency linking): the rules read them from the report, falling back to its agency.
AGENCY_KEYS = ("agency_id", "region", "region_code", "level", "kind")


def _with_agency(reports: Sequence[dict], agency: object) -> list[Mapping]:
    # A shallow copy with the agency's keys: the rules read the report many times, and a
    # ChainMap's Python-level lookups cost more than the copy. `audit` is set on the original.
    context = {k: getattr(agency, k) for k in AGENCY_KEYS if getattr(agency, k, None)}
    return [_Linked({**r, **context}, original=r) if context else r for r in reports]


class _Linked(dict):
    """A report with its agency's keys, remembering the report object it was copied from."""

    def __init__(self, data: dict, original: dict):
        super().__init__(data)
        self.original = original


# Above this many reports the audit runs in forked workers, a share of the regions each (T3 compares
# a report with its region's others, so a region is never split); below it, forking costs more.
PARALLEL_REPORTS = 2000
_shared: list | None = None  # what forked workers audit: the agencies, grouped into shares


def audit_agencies(agencies: Iterable[object], jobs: int | None = None) -> None:
    """Set `audit` on every report. Each agency is its years' reports, oldest first — a list, or an
    object with `.reports` whose attributes agency_id, region, region_code, level, kind (when set)
    stand in for the reports' own.

    Reports without a region are compared with the other reports of their year that have none:
    before agencies are linked to regions that is every report of the year.
    """
    global _shared
    grouped = [_with_agency(a.reports, a) if hasattr(a, "reports") else list(a) for a in agencies]
    jobs = jobs or _cpus()
    total = sum(len(r) for r in grouped)
    if jobs <= 1 or total < PARALLEL_REPORTS or "fork" not in multiprocessing.get_all_start_methods():
        _store(grouped, _audit(grouped))
        return
    _shared = _shares(grouped, jobs * 4)
    gc.freeze()  # the workers' garbage collections then leave the shared reports' pages alone
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            for k, findings in zip(range(len(_shared)), pool.map(_audit_share, range(len(_shared)))):
                _store(_shared[k], findings)
    finally:
        gc.unfreeze()
        _shared = None


def _shares(grouped: list[list[Mapping]], count: int) -> list[list[list[Mapping]]]:
    """The agencies dealt into `count` shares of about equal reports, whole regions to a share."""
    regions: dict[str | None, list[list[Mapping]]] = defaultdict(list)
    for reports in grouped:
        regions[region_of(reports[0]) if reports else None].append(reports)
    shares: list[list[list[Mapping]]] = [[] for _ in range(count)]
    sizes = [0] * count
    for _, members in sorted(regions.items(), key=lambda kv: (-sum(map(len, kv[1])), str(kv[0]))):
        k = sizes.index(min(sizes))
        shares[k].extend(members)
        sizes[k] += sum(map(len, members))
    return [s for s in shares if s]


def _audit_share(k: int) -> list[list[list[dict]]]:
    assert _shared is not None, "a worker forked from audit_agencies"
    return _audit(_shared[k])


def _audit(grouped: list[list[Mapping]]) -> list[list[list[dict]]]:
    """The findings of each report of each agency (the agencies of whole regions)."""
    groups: dict[tuple[str | None, object], list[Mapping]] = defaultdict(list)
    for reports in grouped:
        for report in reports:
            groups[(region_of(report), report.get("year"))].append(report)
    peers = {key: t3_copied.PeerIndex(group) for key, group in groups.items()}
    out = []
    for reports in grouped:
        by_year = {r.get("year"): r for r in reports}
        agency = []
        for report in reports:
            year = report.get("year")
            previous = by_year.get(year - 1) if isinstance(year, int) else None
            agency.append([*_safely("T1", t1_on_time.check, report), *_safely("T2", t2_text_tables.check, report),
                           *_safely("T3", t3_copied.check, report, previous, peers[(region_of(report), year)]),
                           *_safely("T4", t4_complete.check, report),
                           *_safely("T5", t5_across_years.check, report, previous)])
        out.append(agency)
    return out


def _store(grouped: list[list[Mapping]], findings: list[list[list[dict]]]) -> None:
    for reports, per_report in zip(grouped, findings):
        for report, found in zip(reports, per_report):
            target = report.original if isinstance(report, _Linked) else report
            target["audit"] = found


def _cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
