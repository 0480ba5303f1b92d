"""Chinese search through Material's search box when the Pagefind index is split into shards."""
from __future__ import annotations

import shutil

import pytest

from browser_support import REPO, serve


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory):
    from site_builder import search_index
    from site_builder.build import build

    root = tmp_path_factory.mktemp("shardsite")
    shutil.copytree(REPO / "content" / "reports", root / "content" / "reports")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(search_index, "SHARD_PAGES", 2)  # the seeds' agency pages in several shards
        assert build(root / "content", root / "site") == 0
    assert (root / "site" / "pagefind" / "shard1").is_dir()
    with serve(root / "site") as base:
        yield base


def search(page, base: str, query: str) -> str:
    page.goto(base)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.wait_for_function("!/初始化/.test(document.querySelector('.md-search-result__meta').textContent)")
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material reads the query on a key event
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    return " ".join(page.locator(".md-search-result__item").all_text_contents())


@pytest.mark.parametrize("query, expected", [
    ("凤泉", "凤泉区人民政府办公室"),          # a place name inside an agency name
    ("信息公开", "政府信息公开"),              # a word inside the narrative: Chinese is segmented
])
def test_sharded_search_finds_chinese_words(sharded_site, browser, query, expected):
    page = browser.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(sharded_site)
            and not r.url.startswith("data:") else None)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    text = search(page, sharded_site, query)
    page.close()
    assert expected in text.replace("\u200b", "")
    assert errors == [] and outside == []
