"""One page per agency-year: the agency's main page shows its latest year.

`agencies/<slug>/` is the latest year; every other year is `agencies/<slug>/<year>/`,
so a page holds one year's tables and stays small however many years an agency has.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from site_builder import contract as c
from site_builder.render import charts, documents, tables
from site_builder.render.audit import panel
from site_builder.render.env import Page, render, root_of
from site_builder.render.fmt import number, percent
from site_builder.render.missing import missing_parts
from site_builder.render.model import Agency, key_figures, scan_note


@dataclass(frozen=True)
class Card:
    label: str
    value: str
    detail: str = ""
    key: str = ""


def agency_dir(agency: Agency, year: int | None = None) -> str:
    """URL directory of an agency's page for `year` (its latest year by default)."""
    if year is None or year == agency.years[-1]:
        return f"agencies/{agency.slug}"
    return f"agencies/{agency.slug}/{year}"


def cards(report: dict) -> list[Card]:
    f = key_figures(report)

    def appeal(key: str) -> str:
        if f[key] is None:
            return "报告未列"
        return f"纠正 {number(f[key + '_corrected'])} 件 · 纠正率 {percent(f[key + '_corrected_share'])}"

    return [
        Card("新收申请", number(f["new_received"]), "本年新收政府信息公开申请", "new_received"),
        Card("办结", number(f["total_processed"]), "本年度办理结果总计", "total_processed"),
        Card("予以公开率", percent(f["granted_rate"]),
             f"予以公开 {number(f['granted'])} ÷ 办结 {number(f['total_processed'])}", "granted_rate"),
        Card("不予公开/无法提供", percent(f["denied_unavailable_share"]),
             f"{number(f['denied_unavailable'])} 件，占办结的比例", "denied_unavailable_share"),
        Card("行政复议", number(f["review"]), appeal("review"), "review"),
        Card("行政诉讼", number(f["litigation"]), appeal("litigation"), "litigation"),
    ]


# (year, root) -> what the page shows of the agency's place and peers: {"place": [...], "peers": {...}}
PlaceContext = Callable[[int, str], dict[str, Any]]


def agency_page(agency: Agency, year: int, source_url: str | None, place: PlaceContext | None = None,
                source_urls: dict[str, str] | None = None) -> Page:
    report = agency.report(year)
    url_dir = agency_dir(agency, year)
    root = root_of(url_dir)
    extra = [x for x in agency.cross_checks if x.get("year") == year]
    marks = tables.Marks.of(report, extra)
    prefix = f"y{year}"
    chart_list = charts.agency_charts(report)
    if len(agency.reports) > 1:
        chart_list.append(charts.trend_chart(agency.reports))
    body = render(
        "agency.md.j2",
        agency=agency, report=report, year=year, root=root,
        years=[(y, root + agency_dir(agency, y) + "/") for y in agency.years],
        source_url=(root + source_url) if source_url else None,
        cards=cards(report), charts=chart_list, marks=marks, missing=missing_parts(report),
        sections={k: (num, head, (report.get("sections") or {}).get(k) or "") for k, num, head in c.SECTIONS},
        active=tables.active_table(report, marks, prefix),
        applications=tables.applications_table(report, marks, prefix),
        appeals=tables.appeals_table(report, marks, prefix),
        notes=tables.cell_notes(marks, prefix),
        audit=panel(report),
        json_url=f"{root}data/agencies/{agency.slug}.json",
        twins=[(s.split("/")[-1], root + (source_urls or {})[s] if s in (source_urls or {}) else None)
               for s in agency.twins.get(year, [])],
        place=place(year, root) if place else {"place": [], "peers": None},
        scan_note=scan_note(report),
    )
    body += documents.agency_section(agency.documents, source_urls or {}, root)
    title = f"{agency.name}（{year}）"
    return Page(url_dir, title, body, {"description": f"{agency.name} {year} 年政府信息公开工作年度报告的数据与图表"})


def agency_pages(agency: Agency, source_urls: dict[str, str],
                 place: PlaceContext | None = None) -> list[Page]:
    return [agency_page(agency, r["year"], source_urls.get(str(r.get("source"))), place, source_urls)
            for r in agency.reports]
