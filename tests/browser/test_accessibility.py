"""Accessibility (GB/T 37668, the national web accessibility standard government sites are assessed on):
axe-core finds no serious or critical violation on any kind of page, light and dark, desktop and phone.

axe-core comes bundled in the axe-playwright-python package (axe.min.js, no download at run time)
and runs inside the page after its scripts have drawn the charts and tables. The site is built
from the seeds plus one report the parser read only partly, so the missing-parts notice, failed
and inferred cells, and a multi-year agency are all on the pages checked. A region page is checked
when the site has one.
"""
from __future__ import annotations

import copy
import html
import re
import shutil
from pathlib import Path

import pytest

from site_builder import collect

from browser_support import REPO, serve

BLOCKING = ("serious", "critical")
# Desktop in the light scheme, a phone in the dark one: both widths and both palettes.
VIEWS = [(1280, 900, "light"), (390, 844, "dark")]


def _partial(reports: list[dict]) -> dict:
    """A copy of a seed report that lost table 四 and part 五, as the parser publishes such a report."""
    base = next(r for r in reports if "error" not in r)
    r = copy.deepcopy(base)
    r.update(agency="部分识别的样例局", source="content/partial-sample.txt")
    for group in r["appeals"].values():
        for key in group:
            group[key] = None
    r["sections"]["problems"] = ""
    r["checks"] = [*r.get("checks", []),
                   {"rule": "missing", "cells": ["appeals.*"], "message": "未找到表四"},
                   {"rule": "missing", "cells": ["sections.problems"], "message": "未找到第五部分"}]
    return r


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    from site_builder.build import build

    root = tmp_path_factory.mktemp("a11ysite")
    shutil.copytree(REPO / "content" / "reports", root / "content" / "reports")
    parse_all = collect.parse_all
    mp = pytest.MonkeyPatch()
    mp.setattr(collect, "parse_all", lambda content_dir, **kw: (lambda rs: rs + [_partial(rs)])(parse_all(content_dir, **kw)))
    try:
        assert build(root / "content", root / "site") == 0
    finally:
        mp.undo()
    with serve(root / "site") as base:
        yield base, root / "site"


def _urls(site: Path) -> dict[str, str]:
    agencies = sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "agencies").glob("*/index.html"))
    with_years = [u for u in agencies if any(p.is_dir() for p in (site / u).iterdir())]
    partial = next(u for u in agencies if "部分识别的样例局" in u)
    urls = {"home": "", "directory": "agencies/", "agency": partial, "statistics": "stats/",
            "compare": "compare/" + html.unescape(re.search(r'class="portal-compare-example" href="([^"]+)"',
                                                             (site / "compare" / "index.html").read_text()).group(1)),
            "data": "data/", "quality": "quality/"}
    if with_years:
        urls["agency-years"] = with_years[0]
    regions = sorted((site / "regions").glob("**/index.html")) if (site / "regions").is_dir() else []
    leaves = [p for p in regions if p.parent != site / "regions"]  # one region, not only the list
    for name, path in (("regions", site / "regions" / "index.html"), ("region", leaves[0] if leaves else None)):
        if path is not None and path.is_file():
            urls[name] = path.parent.relative_to(site).as_posix() + "/"
    return urls


def _violations(page, context: str | None = None) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, context=context).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]} — {v['help']}"
            for v in found if v["impact"] in BLOCKING]


def _ready(page) -> None:
    """Wait until the page's own scripts have drawn what they draw (charts, data tables, compare)."""
    page.wait_for_load_state("networkidle")
    if page.locator(".portal-chart").count():
        page.locator(".portal-chart .main-svg").first.wait_for(timeout=20_000)


def test_axe_is_bundled_not_downloaded():
    import axe_playwright_python

    script = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    assert script.is_file() and script.read_text(encoding="utf-8").startswith("/*! axe v4")


@pytest.mark.parametrize("width, height, scheme", VIEWS, ids=[f"{w}px-{s}" for w, _, s in VIEWS])
def test_no_serious_or_critical_violation_on_any_kind_of_page(site_url, browser, width, height, scheme):
    base, site = site_url
    urls = _urls(site)
    assert {"home", "directory", "agency", "statistics", "compare", "data", "quality"} <= set(urls)
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                  bypass_csp=True)  # axe is injected with eval, which the site's CSP forbids
    page = context.new_page()
    failures = {}
    try:
        for name, url in urls.items():
            page.goto(base + url)
            _ready(page)
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
                "slate" if scheme == "dark" else "default")
            if name == "compare":
                assert page.locator(".portal-compare-result .portal-chart").count() >= 2
            found = _violations(page)
            if found:
                failures[f"{name} ({url})"] = found
    finally:
        context.close()
    assert not failures, "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in failures.items())


def test_shown_data_tables_and_the_search_dialog_pass_too(site_url, browser):
    """States a visitor opens: every chart's data table shown on a phone, and the search dialog."""
    base, site = site_url
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(base + _urls(site)["agency"])
        _ready(page)
        toggles = page.locator(".portal-table-toggle")
        assert toggles.count() >= 3
        for i in range(toggles.count()):
            toggles.nth(i).click()
        shown = page.locator(".portal-chart-table:not(.portal-sr-only)")
        assert shown.count() == toggles.count()
        assert shown.first.get_attribute("tabindex") == "0" and shown.first.get_attribute("aria-label")
        assert not _violations(page, ".portal-chart-grid")
        page.locator("label.md-header__button[for='__search']").click()  # a phone: the search icon
        page.wait_for_function("!/初始化/.test(document.querySelector('.md-search-result__meta').textContent)",
                               timeout=30_000)
        page.locator(".md-search__input").fill("凤泉")
        page.locator(".md-search__input").press("End")  # Material reads the query on a key event
        page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
        assert page.locator(".md-search[role='dialog']").get_attribute("aria-label")
        assert not _violations(page, ".md-search")
    finally:
        context.close()
