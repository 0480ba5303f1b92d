"""The portal's model: reports grouped into agencies across years, twins, cross-year rules, the audit.

Pure functions over plain dicts (the contract's report objects) and small
dataclasses; the pages and the data exports read these instead of recomputing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from site_builder import agencies as ag
from site_builder import places, twins
from site_builder.audit import audit_agencies
from site_builder.check import cross_year_checks
from site_builder.slugs import keyed_slugs


@dataclass(frozen=True)
class Rejected:
    source: str
    reason: str


@dataclass
class Agency:
    name: str
    slug: str
    reports: list[dict]  # one per year, oldest first
    cross_checks: list[dict] = field(default_factory=list)  # C6/C7 findings, and twin disagreements
    agency_id: str = ""
    aliases: list[str] = field(default_factory=list)
    region_code: str | None = None
    region: str = ""  # 省/市/县; "" when the place is not settled
    level: str = ""
    kind: str = "其他"
    twins: dict[int, list[str]] = field(default_factory=dict)  # year -> other files of that year's report
    documents: list[dict] = field(default_factory=list)  # reports older than the 2019 form (render/documents.py)

    @property
    def years(self) -> list[int]:
        return [r["year"] for r in self.reports]

    @property
    def latest(self) -> dict:
        return self.reports[-1]

    def report(self, year: int) -> dict:
        return next(r for r in self.reports if r["year"] == year)


@dataclass
class Portal:
    agencies: list[Agency]  # sorted by region, then name
    rejected: list[Rejected]
    skipped: list[str] = field(default_factory=list)  # files that are not a report format
    notes: list[ag.Note] = field(default_factory=list)  # uncertain merges, unsettled places, registry errors
    documents: list = field(default_factory=list)  # older-form reports by body: model/documents.Shelf

    @property
    def reports(self) -> list[dict]:
        return [r for a in self.agencies for r in a.reports]

    @property
    def years(self) -> list[int]:
        return sorted({y for a in self.agencies for y in a.years})


def group_reports(reports: Iterable[dict], skipped: Iterable[str] = (),
                  registry: list[dict[str, str]] = (), registry_errors: Iterable[str] = ()) -> Portal:
    """Published agencies and rejected inputs. Reports are grouped by agency (agencies.resolve);
    an agency-year read from several files publishes one reading and links the others."""
    rejected: list[Rejected] = []
    published: list[dict] = []
    for report in sorted(reports, key=lambda r: str(r.get("source", ""))):
        reason = _rejection(report)
        if reason:
            rejected.append(Rejected(str(report.get("source", "")), reason))
        else:
            published.append(report)
    resolution = ag.resolve(published, list(registry))
    slugs = agency_slugs(resolution.agencies)
    agencies = [_agency(record, [published[i] for i in record.members], slugs[record.agency_id])
                for record in resolution.agencies]
    notes = [ag.Note("", "登记表", e) for e in registry_errors] + resolution.notes
    # The audit (T1–T5) needs the agencies' years and the region's other reports: run here, once grouped.
    audit_agencies(agencies)
    return Portal(agencies, rejected, sorted(skipped), notes)


def agency_slugs(records: list[ag.AgencyRecord]) -> dict[str, str]:
    """URL slug per agency_id: readable (region and body), and unique and stable by the id's hash."""
    g = places.gazetteer()
    readable = {}
    for r in records:
        body = places.name_region(r.name, r.region_code)[1] if r.region_code else r.name
        readable[r.agency_id] = (g.name(r.region_code) if r.region_code else "") + body
    return keyed_slugs(readable)


def _agency(record: ag.AgencyRecord, reports: list[dict], slug: str) -> Agency:
    by_year: dict[int, list[dict]] = {}
    for report in reports:
        by_year.setdefault(report["year"], []).append(report)
    ordered, twin_sources, checks = [], {}, []
    for year in sorted(by_year):
        chosen, others = twins.pick(by_year[year])
        ordered.append(chosen)
        if others:
            twin_sources[year] = [str(o.get("source")) for o in others]
            checks += twins.twin_checks(chosen, others, year)
    return Agency(record.name, slug, ordered, list(cross_year_checks(ordered)) + checks, record.agency_id,
                  record.aliases, record.region_code, record.region, record.level, record.kind, twin_sources)


def _rejection(report: dict) -> str | None:
    if "error" in report:
        return str(report["error"])
    if not isinstance(report.get("agency"), str) or not report["agency"].strip():
        return "没有识别出机关名称"
    if not isinstance(report.get("year"), int) or isinstance(report.get("year"), bool):
        return "没有识别出报告年度"
    return None
