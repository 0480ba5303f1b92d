"""The benchmark corpus writer (benchmarks/make_corpus.py) and the bench's size split: a layout
added to the synth model must get a weight here, and the same seed must give the same files."""
from __future__ import annotations

import json
from pathlib import Path

from benchmarks import make_corpus, site_metrics
from site_builder.synth.model import LAYOUTS


def write(tmp: Path, name: str, n: int = 60) -> dict:
    return make_corpus.make_corpus(n, tmp / name, seed=3, scans=0, jobs=1, progress=lambda _: None)


def test_every_layout_of_the_model_has_a_weight():
    assert set(make_corpus.LAYOUT_WEIGHTS) == set(LAYOUTS)


def test_the_manifest_names_every_file_and_the_same_seed_gives_the_same_bytes(tmp_path):
    first, second = write(tmp_path, "a"), write(tmp_path, "b")
    assert first["files"] == second["files"]
    assert 60 <= len(first["files"]) <= 65
    for f in first["files"]:
        a, b = (tmp_path / "a" / f["file"]).read_bytes(), (tmp_path / "b" / f["file"]).read_bytes()
        assert a == b and len(a) == f["bytes"]
        assert f["file"].startswith("reports/河南省/") and f"/{f['year']}/" in f["file"]
    on_disk = {p.relative_to(tmp_path / "a").as_posix() for p in (tmp_path / "a").rglob("*") if p.is_file()}
    assert on_disk == {f["file"] for f in first["files"]} | {".corpus.json"}
    stored = json.loads((tmp_path / "a" / ".corpus.json").read_text(encoding="utf-8"))
    assert stored["format"] == make_corpus.FORMAT and stored["bodies"] == len({f["body"] for f in stored["files"]})


def test_site_parts_by_where_a_file_lies():
    part = site_metrics.part_of
    assert part("agencies/河南省财政厅-1a2b/2024/index.html") == "agency pages"
    assert part("agencies/page/2/index.html") == part("index.html") == "other pages"
    assert part("data/reports.csv") == "data/" and part("sources/reports/河南省/2024/1.txt") == "sources/"
    assert part("pagefind/shard1/index/x.pf_index") == part("search/search_index.json") == "search index"
    assert part("assets/javascripts/bundle.js") == "theme and portal assets"
    assert part("sitemap.xml") == "other"
