"""Browser tests are marked `browser` and skipped, saying why, only where Debian's chromium or
the playwright package is missing; they share one Chromium per module (`browser` fixture)."""
from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import ARGS, CHROMIUM, new_page


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
