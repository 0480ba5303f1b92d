"""地区: the region tree page, a page per region (its agencies, totals, coverage by year), and
the peers panel of an agency page.

A region page lists its agencies PAGE_SIZE at a time (`regions/<code>/`, then
`regions/<code>/page/<n>/`), so a province of 10,000 agencies is 100 small pages, never one.
"""
from __future__ import annotations

from pathlib import Path

from site_builder.render.agency import year_url
from site_builder.render.env import Page, render, root_of
from site_builder.render.fmt import number, percent
from site_builder.render.exports import dump
from site_builder.model import KEY_FIGURE_LABELS, Agency, key_figures, outcome_groups
from site_builder.model.regions import MIN_PEERS, PeerIndex, Region, Regions, totals, years_of

PAGE_SIZE = 100
PEERS_SHOWN = 10  # peers named on an agency page; the rest are on the region page
INDEX_DEPTH = 2  # the tree page shows 省 and 市; each 市's page lists its 县


def region_page_dir(region: Region, page: int = 1) -> str:
    return region.url_dir if page == 1 else f"{region.url_dir}/page/{page}"


def breadcrumb(regions: Regions, region: Region, root: str) -> list[tuple[str, str]]:
    chain = regions.chain(region.code)
    return [("全部地区", root + "regions/")] + [(r.name, root + r.url_dir + "/") for r in chain]


def agency_row(agency: Agency, root: str, year: int | None = None) -> dict:
    """An agency's row with its figures of `year` (its latest year by default); blank when it
    published no report that year."""
    year = agency.years[-1] if year is None else year
    report = agency.report(year) if year in agency.years else None
    f = key_figures(report) if report else {}
    return {"name": agency.name, "url": root + year_url(agency, year if report else None),
            "region": agency.region or "地区未定",
            "level": agency.level or "—", "kind": agency.kind, "years": "、".join(map(str, agency.years)),
            "year": year, "new_received": number(f.get("new_received")),
            "total_processed": number(f.get("total_processed")), "granted_rate": percent(f.get("granted_rate"))}


def year_rows(agencies: list[Agency]) -> list[dict]:
    rows = []
    for year in years_of(agencies):
        t = totals(agencies, year)
        rows.append({"year": year, "reports": t["reports"], "agencies": len(agencies),
                     "coverage": percent(t["reports"] / len(agencies)),
                     **{k: number(t[k]) for k in ("new_received", "total_processed", "review")},
                     **{k: percent(t[k]) for k in ("granted_rate", "denied_unavailable_share",
                                                   "review_corrected_share")}})
    return rows


def tree(regions: Regions, codes: list[str], root: str, depth: int) -> list[dict]:
    """Nested entries {name, url, agencies, children} down to `depth` levels."""
    out = []
    for code in codes:
        r = regions.by_code[code]
        out.append({"name": r.name, "url": root + r.url_dir + "/", "agencies": len(r.agencies),
                    "children": tree(regions, r.children, root, depth - 1) if depth > 1 else [],
                    "more": len(r.children) if depth <= 1 else 0})
    return out


def regions_index_page(regions: Regions) -> Page:
    root = root_of("regions")
    body = render("regions.md.j2", root=root, tree=tree(regions, regions.roots, root, INDEX_DEPTH))
    return Page("regions", "地区", body)


def region_pages(regions: Regions) -> list[Page]:
    pages = []
    for region in regions.by_code.values():
        chunks = [region.agencies[i:i + PAGE_SIZE] for i in range(0, len(region.agencies), PAGE_SIZE)]
        links = [(i + 1, region_page_dir(region, i + 1) + "/") for i in range(len(chunks))]
        years = year_rows(region.agencies)
        latest = years[-1]["year"] if years else None
        for i, chunk in enumerate(chunks, start=1):
            url_dir = region_page_dir(region, i)
            root = root_of(url_dir)
            body = render("region.md.j2", root=root, region=region, crumbs=breadcrumb(regions, region, root),
                          children=tree(regions, region.children, root, 1), years=years,
                          rows=[agency_row(a, root, latest) for a in chunk], latest=latest,
                          pages=links, current=i,
                          first=(i - 1) * PAGE_SIZE + 1, total=len(region.agencies))
            title = region.name if i == 1 else f"{region.name}（第 {i} 页）"
            pages.append(Page(url_dir, title, body, {"description": f"{region.name}各机关的政府信息公开工作年度报告数据"}))
    return pages


def peers_context(index: PeerIndex, agency: Agency, year: int, root: str) -> dict:
    """What the agency page shows of its peers for one year."""
    peers = index.peers(agency, year)
    standings = [{"label": KEY_FIGURE_LABELS[s.key], "value": percent(s.value), "median": percent(s.median),
                  "rank": s.rank, "of": s.of,
                  "side": None if s.value is None or s.median is None else
                  ("高于" if s.value > s.median else "低于" if s.value < s.median else "等于")}
                 for s in peers.standings]
    shown = sorted(peers.agencies, key=lambda a: a.name)[:PEERS_SHOWN]
    return {"scope": peers.scope.name, "scope_url": root + peers.scope.url_dir + "/",
            "count": len(peers.agencies),
            "level": agency.level or "层级未定", "kind": agency.kind, "standings": standings, "min": MIN_PEERS,
            "rows": [agency_row(a, root, year) for a in shown],
            "more": max(0, len(peers.agencies) - PEERS_SHOWN)}


def region_context(regions: Regions, agency: Agency, root: str) -> list[tuple[str, str]]:
    """The agency's region path as links: 福建省 › 福州市 › 平潭综合实验区 (or 地区未定)."""
    return breadcrumb(regions, regions.of(agency), root)[1:]




def region_slug(region: Region) -> str:
    """The compare page's id of a region's aggregate (agencies are compared by their slug)."""
    return f"region-{region.code}"


def region_json(region: Region) -> dict:
    """A region's aggregate per year, in the shape of an agency's JSON, so compare takes either."""
    years = []
    for year in years_of(region.agencies):
        reports = [a.report(year) for a in region.agencies if year in a.years]
        outcomes: dict[str, float] = {}
        for report in reports:
            for label, value in outcome_groups(report):
                outcomes[label] = outcomes.get(label, 0) + (value or 0)
        years.append({"year": year, "url": region.url_dir + "/",
                      "figures": totals(region.agencies, year),
                      "outcomes": list(outcomes.items())})
    return {"agency": f"{region.name}（地区合计）", "slug": region_slug(region), "region_code": region.code,
            "years": years}


def regions_list(regions: Regions) -> list[dict]:
    """data/regions.json: every region the compare page can pick, with its years."""
    return [{"slug": region_slug(r), "name": f"{r.name}（地区合计）", "years": years_of(r.agencies)}
            for r in regions.by_code.values()]


def write_data(regions: Regions, data_dir: Path) -> None:
    """data/regions.json (the compare page's list) and data/regions/<code>.json (each aggregate)."""
    dump(regions_list(regions), data_dir / "regions.json")
    for region in regions.by_code.values():
        dump(region_json(region), data_dir / "regions" / f"{region.code}.json")
