"""The home page and the paginated agency directory (the only pages that list agencies in HTML)."""
from __future__ import annotations

from site_builder.agencies import UNSETTLED
from site_builder.render.agency import year_url
from site_builder.render.env import Page, render, root_of
from site_builder.render.fmt import number, percent
from site_builder.render.statistics import year_totals
from site_builder.model import Agency, Portal, key_figures

PAGE_SIZE = 100  # agencies per directory page: keeps every page small at 10,000 agencies


def year_headlines(portal: Portal) -> list[dict]:
    """Each year's totals (statistics.year_totals) newest first: adding up different years'
    applications would count a body up to five times."""
    return [{**row, "reports": number(row["reports"])} for row in reversed(year_totals(portal))]


def home_page(portal: Portal) -> Page:
    years = year_headlines(portal)
    head = {"agencies": number(len(portal.agencies)), "reports": number(len(portal.reports)),
            "years": "、".join(str(y) for y in portal.years) or "—"}
    body = render("home.md.j2", root="", head=head, latest=years[0] if years else None, years=years,
                  rejected=len(portal.rejected), failing=sum(1 for r in portal.reports if r.get("checks")))
    return Page("", "首页", body, {"hide": ["navigation", "toc"]})


def directory_dir(page: int) -> str:
    return "agencies" if page == 1 else f"agencies/page/{page}"


def directory_row(agency: Agency, root: str) -> dict:
    f = key_figures(agency.latest)
    return {"name": agency.name, "url": root + year_url(agency), "region": agency.region or UNSETTLED,
            "level": agency.level or "—", "kind": agency.kind,
            "years": "、".join(str(y) for y in agency.years), "new_received": number(f["new_received"]),
            "total_processed": number(f["total_processed"]), "granted_rate": percent(f["granted_rate"]),
            "failed": sum(len(r.get("checks") or []) for r in agency.reports) + len(agency.cross_checks)}


def directory_pages(portal: Portal) -> list[Page]:
    chunks = [portal.agencies[i:i + PAGE_SIZE] for i in range(0, len(portal.agencies), PAGE_SIZE)] or [[]]
    links = [(i + 1, directory_dir(i + 1) + "/") for i in range(len(chunks))]
    pages = []
    for i, chunk in enumerate(chunks, start=1):
        url_dir = directory_dir(i)
        root = root_of(url_dir)
        body = render("directory.md.j2", root=root, rows=[directory_row(a, root) for a in chunk],
                      pages=links, current=i, total=len(portal.agencies), first=(i - 1) * PAGE_SIZE + 1)
        title = "机关名录" if i == 1 else f"机关名录（第 {i} 页）"
        pages.append(Page(url_dir, title, body))
    return pages
