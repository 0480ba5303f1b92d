"""The Pagefind index: only marked elements are fed to it, and a large site is split into shards
that together index every agency page once."""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from site_builder import search_index
from site_builder.build import build

REPO = Path(__file__).resolve().parent.parent


def test_slim_page_keeps_only_the_indexed_elements():
    html = ('<html><body><nav>导航 凤泉</nav><div class="portal-agency-head"><h1 data-pagefind-body>某局</h1>'
            '<span data-pagefind-meta="title" hidden>某局（2024）</span><table><tr><td>12</td></tr></table></div>'
            '<div class="portal-text" data-pagefind-body><p>总体情况 &lt;script&gt;</p></div></body></html>')
    slim = search_index.slim_page(html)
    assert "<h1 data-pagefind-body>某局</h1>" in slim
    assert '<span data-pagefind-meta="title" hidden>某局（2024）</span>' in slim
    assert "<p>总体情况 &lt;script&gt;</p>" in slim
    assert "导航" not in slim and "<td>12</td>" not in slim
    assert 'lang="zh"' in slim


def test_slim_page_keeps_a_page_it_cannot_cut_safely():
    html = '<body><div data-pagefind-body><div>nested</div> tail</div></body>'
    assert search_index.slim_page(html) == html


def fragments(bundle: Path) -> list[dict]:
    return [json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))
            for f in bundle.glob("fragment/*.pf_fragment")]


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("searchsite")
    shutil.copytree(REPO / "content" / "reports", root / "content" / "reports")
    assert build(root / "content", root / "site") == 0
    return root / "site"


def test_one_shard_for_a_small_site(seed_site):
    bundle = seed_site / "pagefind"
    assert json.loads((bundle / "shards.json").read_text()) == []
    assert len(fragments(bundle)) == len(search_index.indexed_pages(seed_site))


def test_shards_together_index_every_page_once(seed_site, monkeypatch):
    monkeypatch.setattr(search_index, "SHARD_PAGES", 2)
    pages = search_index.indexed_pages(seed_site)
    assert len(pages) >= 5
    search_index.run_pagefind(seed_site)
    bundle = seed_site / "pagefind"
    shards = json.loads((bundle / "shards.json").read_text())
    assert shards == [f"shard{i}/" for i in range(1, (len(pages) + 1) // 2)]
    urls = [f["url"] for b in [bundle, *(bundle / s for s in shards)] for f in fragments(b)]
    assert sorted(urls) == sorted(set(urls)) and len(urls) == len(pages)
    assert all(u.startswith("/agencies/") for u in urls)
    assert any("凤泉区人民政府办公室" in f["meta"]["title"] for b in [bundle, *(bundle / s for s in shards)]
               for f in fragments(b))


def test_the_worker_replaces_materials_lunr_worker(seed_site):
    workers = list((seed_site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    assert workers and all(w.read_bytes() == search_index.WORKER.read_bytes() for w in workers)
