"""The audit (T1–T5) on the site: the agency page's panel, pass rates, and findings.csv.

Findings were computed while grouping (audit.audit_agencies) and sit in each
report's `audit` list; this module only arranges them for display. Every quote
links to the paragraph it comes from (fmt.paragraph_id), so a reader can check
the finding against the report's own words.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from site_builder.audit import RULE_HELP, RULES, STATUSES, evidence_text, rule_status
from site_builder.audit.findings import SEVERITY
from site_builder.render.fmt import csv_cell, paragraph_id, paragraph_list, write_csv

STATUS_LABELS = {"pass": "通过", "fail": "未通过", "uncertain": "待核实", "not_assessable": "无法判断"}
# Short CSS class suffixes: the panel is on every agency page, and pages are kept small.
STATUS_CLASSES = {"pass": "ok", "fail": "no", "uncertain": "q", "not_assessable": "na"}
FINDINGS_COLUMNS = ("report", "agency", "year", "rule", "status", "message", "evidence")
# Region rates are grouped by 省/市: a county has too few reports for a rate to mean anything.
REGION_DEPTH = 2


@dataclass(frozen=True)
class EvidenceView:
    label: str
    quote: str | None
    value: str | None
    href: str | None  # the paragraph on this page that the quote comes from


@dataclass(frozen=True)
class FindingView:
    status: str  # the CSS class suffix
    status_label: str
    message: str
    evidence: list[EvidenceView]


@dataclass(frozen=True)
class RuleView:
    rule: str
    name: str
    help: str
    status: str  # the CSS class suffix
    status_label: str
    findings: list[FindingView]


def locate(report: dict, section: str, quote: str) -> str | None:
    """`#<section>-p<n>`: the first paragraph of the section holding the quote (or its start);
    None for text the page does not show as a part (the sentences around a table)."""
    sections = report.get("sections") or {}
    if not isinstance(sections, dict) or section not in sections:
        return None
    paragraphs = paragraph_list(sections.get(section) if isinstance(sections, dict) else "")
    probe = quote.rstrip("…").strip()
    for needle in (probe, probe[:24]):
        for i, p in enumerate(paragraphs, 1):
            if needle and needle in p:
                return "#" + paragraph_id(section, i)
    return "#" + section


def _evidence(report: dict, item: dict) -> EvidenceView:
    label = str(item.get("label", ""))
    if "text" in item:
        section = item.get("section")
        href = locate(report, str(section), str(item["text"])) if section else None
        return EvidenceView(label, str(item["text"]), None, href)
    value = item.get("value")
    shown = "未列" if value is None else str(value)
    return EvidenceView(label, None, shown, None)


def panel(report: dict) -> list[RuleView]:
    findings = [f for f in report.get("audit") or [] if isinstance(f, dict)]
    views = []
    for rule, name in RULES.items():
        mine = [f for f in findings if f.get("rule") == rule]
        status = rule_status(mine, rule) or "not_assessable"
        mine.sort(key=lambda f: -SEVERITY[f["status"]])  # what needs reading first
        views.append(RuleView(rule, name, RULE_HELP[rule], STATUS_CLASSES[status], STATUS_LABELS[status], [
            FindingView(STATUS_CLASSES[f["status"]], STATUS_LABELS[f["status"]], str(f.get("message", "")),
                        [_evidence(report, e) for e in f.get("evidence") or [] if isinstance(e, dict)])
            for f in mine]))
    return views


def _key(report: dict, agency: object, key: str) -> Any:
    """A report's own key, else its agency's (after linking, level and region live on the agency)."""
    return report.get(key) or getattr(agency, key, None) or None


def _region_group(report: dict, agency: object) -> str | None:
    region = _key(report, agency, "region")
    if isinstance(region, str):
        return "/".join(region.split("/")[:REGION_DEPTH])
    code = _key(report, agency, "region_code")
    return str(code) if code else None


DIMENSIONS: tuple[tuple[str, str, Any], ...] = (
    ("year", "年度", lambda r, a: r.get("year")),
    ("region", "地区（省/市）", _region_group),
    ("level", "层级", lambda r, a: _key(r, a, "level")),
)


def pass_rates(agencies: Iterable[Any]) -> list[dict]:
    """Per dimension (year, region, level — those the reports or their agencies carry), per value,
    per rule: the reports' statuses counted; the rate is passes among the reports the rule could assess."""
    pairs = [(r, a) for a in agencies for r in a.reports]
    out = []
    for key, title, value_of in DIMENSIONS:
        counts: dict[Any, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
        for report, agency in pairs:
            value = value_of(report, agency)
            if value is None:
                continue
            for rule in RULES:
                status = rule_status(report.get("audit") or [], rule)
                if status:
                    counts[value][rule][status] += 1
        if not counts:
            continue
        rows = []
        for value in sorted(counts, key=str):
            cells = {}
            for rule in RULES:
                c = counts[value][rule]
                assessed = c["pass"] + c["fail"] + c["uncertain"]
                cells[rule] = {"rate": c["pass"] / assessed if assessed else None, "assessed": assessed,
                               **{s: c[s] for s in STATUSES}}
            rows.append({"value": value, "rules": cells})
        out.append({"key": key, "title": title, "rows": rows})
    return out


def findings_rows(reports: Iterable[dict]) -> Iterable[list[Any]]:
    for report in reports:
        for f in report.get("audit") or []:
            yield [report.get("source"), report.get("agency"), report.get("year"), f.get("rule"),
                   f.get("status"), f.get("message"), evidence_text(f.get("evidence") or [])]


def write_findings_csv(reports: Iterable[dict], path: Path) -> None:
    """data/findings.csv(.gz): one row per finding; cells of report text are neutralised for spreadsheets."""
    write_csv(path, list(FINDINGS_COLUMNS), ([csv_cell(v) for v in row] for row in findings_rows(reports)))
