"""One page per agency, its years switched in the page; a permanent address per agency-year.

`agencies/<slug>/` is the agency's page, its parts (PARTS) under the form's headings.
`years.json.gz` beside it holds every year's parts, rendered by the same template;
portal.js puts the shown year's parts in their places, and `?year=2023` selects a
year: `agencies/<slug>/?year=2023` is the agency-year's permanent address, a link a
citizen can share. The address the site gave an agency-year before,
`agencies/<slug>/<year>/`, is no file: the not-found page (overrides/404.html), which
GitHub Pages serves for it, sends the browser on to the agency's page and year. (A
file per agency-year would be 50,000 files for a province.)

The page itself carries its latest year's words (INLINE_PARTS: the key figures and
parts 一, 五, 六), which search engines, the site's search index and a browser
without JavaScript read; the tables, charts and findings come from the compressed
file. Why: every page carries the theme's header, navigation and scripts (about
15 KB), and a province keeps five years of 10,000 bodies: a page per agency-year with
every table in HTML made the site four times what GitHub Pages holds.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from markupsafe import Markup

from site_builder import contract as c
from site_builder.model import Agency, key_figures, scan_note
from site_builder.render import charts, tables
from site_builder.render.audit import panel
from site_builder.render.env import Page, environment, render, root_of
from site_builder.render.fmt import gzip_json, number, percent
from site_builder.render.missing import TABLES, missing_parts
from site_builder.render.sources import web_url

YEARS_FILE = "years.json.gz"  # beside the agency's page: every year's parts, for the year switch
_SECTION_HEADS = {k: f"{num}、{head}" for k, num, head in c.SECTIONS}
_TABLE_HEADS = {k: f"{num}、{head}" for k, (num, head) in TABLES.items()}
# The page's parts in order, each with its heading (None: the part sits under the page head).
PARTS: tuple[tuple[str, str | None], ...] = (
    ("head", None),
    ("charts", "图表"),
    ("peers", "同类机关"),
    ("overview", _SECTION_HEADS["overview"]),
    ("active", _TABLE_HEADS["active"]),
    ("applications", _TABLE_HEADS["applications"]),
    ("appeals", _TABLE_HEADS["appeals"]),
    ("checks", "校验与推算"),
    ("audit", "审核发现"),
    ("problems", _SECTION_HEADS["problems"]),
    ("other", _SECTION_HEADS["other"]),
)


# Parts the page carries for its latest year; the others come from YEARS_FILE in the browser.
INLINE_PARTS = frozenset({"head", "overview", "problems", "other"})


@dataclass(frozen=True)
class Card:
    label: str
    value: str
    detail: str = ""
    key: str = ""


@dataclass(frozen=True)
class SourceLink:
    name: str  # the file's name, as the link's text
    href: str | None  # relative to the agency page: the served copy, or the original address
    remote: bool = False  # the file was too large for the site: the link goes to where it was published


def agency_dir(agency: Agency) -> str:
    """URL directory of the agency's page."""
    return f"agencies/{agency.slug}"


def year_url(agency: Agency, year: int | None = None) -> str:
    """The agency page showing `year` (its latest by default), relative to the site root."""
    if year is None or year == agency.years[-1]:
        return f"{agency_dir(agency)}/"
    return f"{agency_dir(agency)}/?year={year}"


def permalink(year: int) -> str:
    """An agency-year's permanent address, relative to the agency's page: the same every year."""
    return f"?year={year}"


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


# (year, root) -> the agency's peers that year, as the page shows them (None: no peers to show)
PeersContext = Callable[[int, str], dict[str, Any] | None]
# source path -> the link to its file, from the agency page
SourceLinks = Callable[[str], SourceLink | None]


def no_sources(source: str) -> SourceLink | None:
    return None


def year_context(agency: Agency, year: int, sources: SourceLinks, peers: PeersContext | None,
                 trend: charts.Chart | None = None) -> dict[str, Any]:
    """What agency_year.html.j2 needs to render one year's parts (`trend`: the agency's trend chart,
    the same for every year, made once by the caller)."""
    report = agency.report(year)
    root = root_of(agency_dir(agency))
    extra = [x for x in agency.cross_checks if x.get("year") == year]
    marks = tables.Marks.of(report, extra)
    prefix = f"y{year}"
    chart_list = charts.agency_charts(report)
    if trend is None and len(agency.reports) > 1:
        trend = charts.trend_chart(agency.reports)
    if trend is not None:
        chart_list.append(trend)
    source = sources(str(report.get("source"))) or SourceLink(str(report.get("source", "")).split("/")[-1], None)
    twins = []
    for other in agency.twins.get(year, []):
        link = sources(other)
        twins.append((other.split("/")[-1], link.href if link else None))
    return dict(
        report=report, year=year, root=root, source=source, twins=twins, web_url=web_url(report),
        json_url=f"{root}data/agencies/{agency.slug}.json", permalink=permalink(year),
        cards=cards(report), charts=chart_list, file_key=f"{agency.slug}-{year}", marks=marks,
        missing=missing_parts(report), scan_note=scan_note(report),
        sections={k: (report.get("sections") or {}).get(k) or "" for k, _, _ in c.SECTIONS},
        active=tables.active_table(report, marks, prefix),
        applications=tables.applications_table(report, marks, prefix),
        appeals=tables.appeals_table(report, marks, prefix),
        notes=tables.cell_notes(marks, prefix), audit=panel(report),
        several_years=len(agency.reports) > 1,
        place={"peers": peers(year, root) if peers else None},
    )


def year_parts(agency: Agency, year: int, sources: SourceLinks, peers: PeersContext | None = None,
               trend: charts.Chart | None = None) -> dict[str, str]:
    """Every part of one agency-year as HTML (escaped by the template), keyed as PARTS."""
    template = environment().get_template("agency_year.html.j2")
    # A block rendered on its own does not run the template's top-level import: the macros come in.
    macros = environment().get_template("_macros.j2").module
    context = template.new_context({**year_context(agency, year, sources, peers, trend), "m": macros})
    return {key: "".join(template.blocks[key](context)).strip() for key, _ in PARTS}


def agency_page(agency: Agency, parts_by_year: dict[int, dict[str, str]], place: list[tuple[str, str]],
                older: str = "", year: int | None = None, inline: frozenset[str] = INLINE_PARTS) -> Page:
    """The agency's page showing `year` (its latest), with the `inline` parts in its HTML and, at
    its end, `older`: the section of its reports older than the 2019 form (render/documents.py)."""
    year = agency.years[-1] if year is None else year
    url_dir = agency_dir(agency)
    parts = {k: Markup(v) for k, v in parts_by_year[year].items() if k in inline}
    body = render("agency.md.j2", agency=agency, year=year, years=agency.years, root=root_of(url_dir),
                  place=place, parts=parts, headings=[(k, h) for k, h in PARTS if h],
                  documents=len(agency.documents) if older else 0) + older
    return Page(url_dir, agency.name,
                body, {"description": f"{agency.name}历年政府信息公开工作年度报告的数据、图表与勾稽校验"})


def page_as_shown(agency: Agency, year: int | None = None, sources: SourceLinks = no_sources,
                  peers: PeersContext | None = None) -> Page:
    """The page as a browser shows it for `year`, every part in its place (what portal.js puts
    together from the page and YEARS_FILE): for tests and for reading one agency-year whole."""
    year = agency.years[-1] if year is None else year
    parts = {year: year_parts(agency, year, sources, peers)}
    return agency_page(agency, parts, [], year=year, inline=frozenset(k for k, _ in PARTS))


@dataclass
class AgencyFiles:
    """Everything the site holds for one agency: its page and its years' parts."""

    page: Page
    payload: bytes  # YEARS_FILE


def agency_files(agency: Agency, sources: SourceLinks = no_sources, peers: PeersContext | None = None,
                 place: list[tuple[str, str]] = (), older: str = "") -> AgencyFiles:
    trend = charts.trend_chart(agency.reports) if len(agency.reports) > 1 else None
    parts = {y: year_parts(agency, y, sources, peers, trend) for y in agency.years}
    return AgencyFiles(agency_page(agency, parts, list(place), older), years_payload(agency, parts))


def years_payload(agency: Agency, parts_by_year: dict[int, dict[str, str]]) -> bytes:
    """years.json.gz: {"agency", "inline", "years": {year: {part: html}}}, gzip-compressed (the browser
    inflates it with DecompressionStream). The latest year leaves out the parts its page carries
    (`inline`). The year switch is the only reader; the data lives in data/."""
    latest = agency.years[-1]
    doc = {"agency": agency.name, "inline": sorted(INLINE_PARTS),
           "years": {str(y): {k: v for k, v in parts_by_year[y].items() if y != latest or k not in INLINE_PARTS}
                     for y in agency.years}}
    return gzip_json(doc)
