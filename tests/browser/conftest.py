"""Browser tests are marked `browser` and skipped, saying why, only where Debian's chromium or
the playwright package is missing; they share one Chromium per module (`browser` fixture)."""
from __future__ import annotations

from pathlib import Path

import pytest

import shutil

from browser_support import ARGS, CHROMIUM, REPO, new_page, serve


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    reason = None
    if not CHROMIUM.exists():
        reason = "needs Debian chromium at /usr/bin/chromium (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "needs the playwright Python package"
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    pg = new_page(browser, bypass_csp=True)
    yield pg
    pg.context.close()


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory):
    """The site built from the bundled reports, served on 127.0.0.1 as GitHub Pages serves it:
    (base URL, site folder). Built once for the modules that only read it."""
    from site_builder.build import build

    root = tmp_path_factory.mktemp("bundledsite")
    shutil.copytree(REPO / "content" / "reports", root / "content" / "reports")
    assert build(root / "content", root / "site") == 0
    with serve(root / "site") as base:
        yield base, root / "site"
