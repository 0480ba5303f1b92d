"""The built site in headless Chromium: charts drawn, compare from the URL, search, no console errors.

Serves a site built from the seeds on 127.0.0.1 and drives Debian's chromium through
Playwright. Screenshots (home, an agency, statistics, compare; light and dark; desktop
and phone) go to $PORTAL_SCREENSHOT_DIR when it is set, for a person to look at.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from site_builder import collect

from browser_support import REPO, new_page as _new_page, serve


@pytest.fixture(scope="module")
def site_url(bundled_site):
    return bundled_site


def test_under_the_sites_csp_pages_draw_and_search_without_errors(site_url, browser):
    """The CSP (overrides/main.html) forbids other hosts; the site's own code must not trip it."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    base, site = site_url
    pg = _new_page(browser, bypass_csp=False)
    pg.goto(base + _agency_urls(site)[0])
    pg.locator(".portal-chart .main-svg").first.wait_for(timeout=20_000)
    assert pg.locator(".portal-chart .main-svg").count() >= 3
    pg.goto(base + "stats/")
    pg.locator(".portal-chart .main-svg").first.wait_for(timeout=20_000)
    pg.goto(base)
    pg.locator("label.md-search__icon, .md-search__input").first.click()
    box = pg.locator("input.md-search__input")
    for _ in range(30):  # the index loads in the background: retype until results come
        box.fill("凤泉")
        box.press("End")
        try:
            pg.locator(".md-search-result__item").first.wait_for(timeout=1_000)
            break
        except PlaywrightTimeout:
            continue
    results = " ".join(pg.locator(".md-search-result__item").all_text_contents()).replace("\u200b", "")
    assert "凤泉区人民政府办公室" in results
    assert pg.errors == [] and pg.foreign == []
    pg.context.close()


def _agency_urls(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "agencies").glob("*/index.html"))


def test_each_agency_page_draws_its_charts(site_url, page):
    base, site = site_url
    urls = _agency_urls(site)
    agencies = {r["agency"] for r in collect.parse_all(REPO / "content") if "error" not in r}
    # printed names of one agency across years (洪泽区, 淮安市洪泽区) share a page
    assert len(agencies) > len(urls) >= 5
    for url in urls:
        page.goto(base + url)
        page.wait_for_function("document.querySelectorAll('.portal-chart .main-svg').length >= 3", timeout=20_000)
        bars = page.locator(".portal-chart .main-svg").count()
        assert bars >= 3, url
    assert page.errors == [] and page.foreign == []


def test_compare_draws_two_agencies_chosen_through_the_url(site_url, page):
    base, site = site_url
    slugs = [u.split("/")[1] for u in _agency_urls(site)[:2]]
    page.goto(base + f"compare/?a={slugs[0]}@2024&a={slugs[1]}")
    page.wait_for_function("document.querySelectorAll('.portal-compare-result .portal-chart .main-svg').length >= 2",
                           timeout=20_000)
    headers = page.locator(".portal-compare-table thead th").all_text_contents()
    assert len(headers) == 3  # 指标 + the two agencies
    assert page.locator(".portal-chip").count() == 2
    assert page.errors == [] and page.foreign == []


def test_search_for_fengquan_finds_the_agency(site_url, page):
    base, _ = site_url
    page.goto(base)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    # Material builds the index in a worker; typing before it is ready shows no result.
    page.wait_for_function("!document.querySelector('.md-search-result__meta')"
                           " || !/初始化/.test(document.querySelector('.md-search-result__meta').textContent)",
                           timeout=30_000)
    box.fill("凤泉")
    box.press("End")  # a key event: Material reads the query on keyboard input
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    # a result may split words with zero-width spaces; the page shows the words joined
    results = " ".join(page.locator(".md-search-result__item").all_text_contents()).replace("\u200b", "")
    assert "凤泉区人民政府办公室" in results
    assert page.errors == []


def test_statistics_table_sorts_and_filters_in_the_browser(site_url, page):
    base, site = site_url
    page.goto(base + "stats/")
    box = ".portal-datatable[data-kind=summary]"
    page.wait_for_selector(f"{box} .portal-table-controls input")
    # the table shows the latest year; 凤泉's report is of another year, a choice away
    fengquan = json.loads(next(f for f in (site / "data" / "agencies").glob("*.json")
                               if "凤泉" in f.read_text(encoding="utf-8")).read_text(encoding="utf-8"))
    year = str(fengquan["years"][-1]["year"])
    page.locator(f"{box} .portal-table-controls select").select_option(year)
    page.wait_for_function(f"document.querySelector('{box} tbody td:nth-child(5)')?.textContent === '{year}'")
    page.locator(f"{box} .portal-table-controls input").fill("凤泉")
    rows = page.locator(f"{box} tbody tr")
    assert rows.count() == 1 and "凤泉" in rows.first.text_content()
    page.wait_for_function("document.querySelectorAll('.portal-chart .main-svg').length >= 1", timeout=20_000)
    assert page.errors == [] and page.foreign == []


def test_charts_follow_the_dark_palette(site_url, page):
    base, site = site_url
    page.goto(base + _agency_urls(site)[0])
    page.wait_for_function("document.querySelectorAll('.portal-chart .main-svg').length >= 3", timeout=20_000)
    light = page.locator(".portal-chart .xtick text").first.evaluate("e => getComputedStyle(e).fill")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.wait_for_timeout(500)
    dark = page.locator(".portal-chart .xtick text").first.evaluate("e => getComputedStyle(e).fill")
    assert light != dark


def test_screenshots(site_url, browser):
    out = os.environ.get("PORTAL_SCREENSHOT_DIR")
    if not out:
        pytest.skip("set PORTAL_SCREENSHOT_DIR to save screenshots")
    base, site = site_url
    Path(out).mkdir(parents=True, exist_ok=True)
    agency = _agency_urls(site)
    slugs = [u.split("/")[1] for u in agency[:3]]
    pages = {"home": "", "agency": next(u for u in agency if "凤泉" in u), "stats": "stats/",
             "compare": "compare/?" + "&".join(f"a={s}" for s in slugs)}
    for scheme in ("light", "dark"):
        for width, height, device in ((1280, 900, "desktop"), (390, 844, "phone")):
            context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                          bypass_csp=True)
            pg = context.new_page()
            for name, url in pages.items():
                pg.goto(base + url)
                pg.wait_for_timeout(1200)
                pg.screenshot(path=f"{out}/{name}-{device}-{scheme}.png", full_page=True)
            context.close()


def test_the_site_works_under_a_project_subpath(site_url, browser, tmp_path):
    """GitHub Pages serves a project site at /<repo>/: every link and fetch must be relative."""
    _, site = site_url
    (tmp_path / "portal").symlink_to(site, target_is_directory=True)
    server = serve(tmp_path)
    base = server.__enter__() + "portal/"
    context = browser.new_context(bypass_csp=True)
    pg = context.new_page()
    missing = []
    pg.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    try:
        slugs = [u.split("/")[1] for u in _agency_urls(site)[:2]]
        pg.goto(base + f"compare/?a={slugs[0]}&a={slugs[1]}")
        pg.wait_for_function("document.querySelectorAll('.portal-compare-result .main-svg').length >= 2", timeout=20_000)
        pg.goto(base + f"agencies/{slugs[0]}/")
        pg.wait_for_function("document.querySelectorAll('.portal-chart .main-svg').length >= 3", timeout=20_000)
        pg.goto(base + "stats/")
        pg.wait_for_selector(".portal-datatable[data-kind=summary] .portal-table-controls")
        assert missing == []
    finally:
        context.close()
        server.__exit__(None, None, None)


def test_a_region_page_leads_to_an_agency_and_its_peers_and_compares_as_a_region(site_url, page):
    base, site = site_url
    page.goto(base + "regions/")
    page.locator("nav[aria-label='地区'] a", has_text="福建省").first.click()
    page.locator(".portal-region-tree a", has_text="福州市").first.click()
    page.locator(".portal-region-tree a", has_text="平潭综合实验区").first.click()
    rows = page.locator("table.portal-region-agencies tbody tr")
    assert rows.count() == 9 and "平潭综合实验区" in page.locator("h1").first.text_content()
    rows.locator("th a", has_text="财政金融局").first.click()
    page.wait_for_selector("#peers")
    assert "福建省 › 福州市 › 平潭综合实验区" in page.locator("nav.portal-breadcrumb").first.text_content()
    assert page.locator(".portal-peer-standing tbody tr").count() == 3
    peers = page.locator(".portal-peer-list a")
    assert peers.count() >= 2
    name = peers.first.text_content()
    peers.first.click()
    page.wait_for_selector("#peers")
    assert page.locator("h1").first.text_content() == name
    slug = page.url.rstrip("/").split("/")[-1]
    page.goto(base + f"compare/?a=region-350128@2024&a={slug}@2024")
    page.wait_for_selector(".portal-compare-table")
    headers = page.locator(".portal-compare-table thead th").all_text_contents()
    assert "平潭综合实验区（地区合计）（2024）" in headers and f"{name}（2024）" in headers
    assert page.errors == [] and page.foreign == []
