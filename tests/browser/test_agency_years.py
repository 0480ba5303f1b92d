"""An agency's one page in headless Chromium: its years switched in the page, an agency-year's
addresses (old and new), and search finding an agency by part of its name and by its region.

The site is served as GitHub Pages serves it: an address that is no file gets 404.html.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import unquote

import pytest

from test_search_shards import search


@pytest.fixture(scope="module")
def site(bundled_site):
    return bundled_site


def _agencies(site: Path) -> list[dict]:
    return [json.loads(f.read_text(encoding="utf-8")) for f in sorted((site / "data" / "agencies").glob("*.json"))]


def _several_years(site: Path) -> dict:
    """The agency with the most years (its key figures per year, from the open data)."""
    return max(_agencies(site), key=lambda a: (len(a["years"]), a["slug"]))


def _reports(site: Path) -> dict[tuple[str, int], dict]:
    out = {}
    for f in (site / "data" / "reports").glob("*.json.gz"):
        for r in json.loads(gzip.decompress(f.read_bytes())):
            out[(r["agency_id"], r["year"])] = r
    return out


def _shown(page) -> tuple[str, str]:
    """(the year the page says it shows, the 本年新收 总计 cell of its table 三)."""
    page.wait_for_selector("table.form-applications")
    head = page.locator("[data-part=head] .portal-meta").first.text_content()
    cell = page.locator("table.form-applications tbody tr").first.locator("td").last.text_content()
    return head.split(" 年度")[0].strip(), cell.strip()


def _number(value) -> str:
    from site_builder.render.fmt import number
    return number(value)


def test_the_agency_page_switches_years_and_the_url_says_which(site, page):
    base, root = site
    agency = _several_years(root)
    years = [y["year"] for y in agency["years"]]
    assert len(years) >= 3
    reports = _reports(root)
    page.goto(base + f"agencies/{agency['slug']}/")
    assert _shown(page) == (str(years[-1]), _number(
        reports[(agency["agency_id"], years[-1])]["applications"]["new_received"]["total"]))
    for year in (years[0], years[1], years[-1]):
        page.locator(f".portal-years a[data-year='{year}']").click()
        page.wait_for_function(f"document.querySelector('[data-part=head] .portal-meta').textContent.startsWith('{year}')")
        new = reports[(agency["agency_id"], year)]["applications"]["new_received"]["total"]
        assert _shown(page) == (str(year), _number(new))
        assert page.locator(".portal-years a[aria-current=page]").text_content() == str(year)
        assert unquote(page.url).endswith(f"/agencies/{agency['slug']}/" + ("" if year == years[-1] else f"?year={year}"))
        # the year's charts are drawn for it
        page.wait_for_function("document.querySelectorAll('.portal-chart .main-svg').length >= 3", timeout=20_000)
    page.go_back()  # the switch is in the browser's history
    page.wait_for_function(f"document.querySelector('.portal-years a[aria-current]').textContent === '{years[1]}'")
    assert page.errors == [] and page.foreign == []


def test_an_agency_years_addresses_land_on_that_year(site, page):
    base, root = site
    agency = _several_years(root)
    year = agency["years"][0]["year"]
    # the permanent address, and the address the site gave the agency-year before (now no file)
    for address in (f"agencies/{agency['slug']}/?year={year}", f"agencies/{agency['slug']}/{year}/"):
        page.goto(base + address)
        page.wait_for_url(lambda url: unquote(url).endswith(f"/agencies/{agency['slug']}/?year={year}"))
        assert _shown(page)[0] == str(year)
    # a link into a part of that year's page keeps its place
    page.goto(base + f"agencies/{agency['slug']}/{year}/#applications")
    page.wait_for_url(lambda url: unquote(url).endswith(f"/agencies/{agency['slug']}/?year={year}#applications"))
    assert _shown(page)[0] == str(year)
    assert page.errors == [] or all("404" in e for e in page.errors)  # the old address itself is a 404


def test_a_year_the_agency_has_not_published_says_so(site, page):
    base, root = site
    agency = _several_years(root)
    page.goto(base + f"agencies/{agency['slug']}/?year=2009")
    status = page.locator(".portal-years-status")
    status.wait_for()
    page.wait_for_function("document.querySelector('.portal-years-status').textContent.includes('2009')")
    assert "没有 2009 年的报告" in status.text_content()
    assert _shown(page)[0] == str(agency["years"][-1]["year"])


def test_search_finds_an_agency_by_part_of_its_name_and_by_its_region(site, page):
    base, _ = site
    # part of a name: 行政审批 (of 西工区行政审批和政务信息管理局)
    assert "西工区行政审批和政务信息管理局" in search(page, base, "行政审批")
    # a region its name does not print: 洛阳市 holds 西工区, 涧西区 and 瀍河回族区
    found = search(page, base, "洛阳市")
    for name in ("西工区行政审批和政务信息管理局", "瀍河回族区工业和信息化局", "涧西区珠江路街道办事处"):
        assert name in found, name
