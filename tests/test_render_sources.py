"""The reports' own files within the site's size budget: served while they fit, else linked to where
they were published, every one listed, none dropped silently."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from render_samples import sample_report

from site_builder import collect
from site_builder.build import build, budget_lines, generate
from site_builder.render.sources import SourceFile, SourcePlan, margin, parse_size, stored_size


@pytest.mark.parametrize("text, size", [("1GB", 10**9), ("800MB", 800 * 10**6), ("500M", 500 * 10**6),
                                        ("2.5GiB", int(2.5 * 2**30)), ("123456", 123456), (" 1 kb ", 1000)])
def test_sizes_read_as_written(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "one gigabyte", "1TB", "-5MB"])
def test_a_size_that_is_not_one_says_so(text):
    with pytest.raises(ValueError, match="not a size"):
        parse_size(text)


@pytest.mark.parametrize("size, stored", [(0, 512), (1, 4096), (3584, 4096), (4096, 4608), (5000, 8192),
                                          (10**6, 1_003_520)])
def test_a_file_counts_its_whole_blocks_or_its_tar_records(size, stored):
    # A tar gives a file a 512-byte header: a file of exactly one block takes more in the artifact.
    assert stored_size(size) == stored


U = 100 * 4096  # a size unit; a file of k units less 512 bytes takes exactly k units by stored_size


def _plan(*files: tuple[str, int, str | None]) -> SourcePlan:
    return SourcePlan({s: SourceFile(s, Path(s), s, k * U - 512, url) for s, k, url in files}, budget=10**9)


def test_the_largest_files_with_an_address_are_linked_out_first():
    plan = _plan(("a.pdf", 5, "https://x.gov.cn/a.pdf"), ("b.pdf", 3, "https://x.gov.cn/b.pdf"),
                 ("c.txt", 1, None), ("d.pdf", 9, None))
    fitted = plan.fit(11 * U)
    # d (900, no address) stays while the others can make room: a, then b, are linked instead
    assert [f.source for f in fitted.linked] == ["a.pdf", "b.pdf"]
    assert {f.source for f in fitted.served} == {"c.txt", "d.pdf"} and not fitted.missing
    assert fitted.changed == {"a.pdf", "b.pdf"}
    # one taken out to make room comes back when the others freed enough: b fits beside c
    assert [f.source for f in plan.fit(int(4.5 * U)).served] == ["b.pdf", "c.txt"]
    assert fitted.href("a.pdf", "../../") == ("https://x.gov.cn/a.pdf", True)
    assert fitted.href("c.txt", "../../") == ("../../sources/c.txt", False)
    # nothing left to link out: a file without an address loses its download, and says so
    tight = plan.fit(int(1.5 * U))
    assert [f.source for f in tight.missing] == ["d.pdf"] and [f.source for f in tight.served] == ["c.txt"]
    assert plan.fit(18 * U).changed == set() and len(plan.fit(18 * U).served) == 4
    assert len(plan.fit(18 * U - 1).served) == 3  # counted by what the files take, not their bytes


@pytest.fixture(scope="module")
def tight_site(tmp_path_factory):
    """Three reports; a large scanned PDF with its address, a large one without, a small text."""
    root = tmp_path_factory.mktemp("budget")
    folder = root / "content" / "reports"
    folder.mkdir(parents=True)
    reports = []
    for name, agency, size, url in (("big.pdf", "甲局", 3_000_000, "https://www.example.gov.cn/big.pdf"),
                                    ("nourl.pdf", "乙局", 2_000_000, None),
                                    ("small.txt", "丙局", 2_000, "https://www.example.gov.cn/small.htm")):
        (folder / name).write_bytes(b"x" * size)
        report = sample_report(agency, 2024, source=f"content/reports/{name}")
        report["url"] = url
        reports.append(report)
    mp = pytest.MonkeyPatch()
    mp.setattr(collect, "parse_all", lambda content_dir, **kw: reports)
    try:
        # room for the site and the small file only
        rest = _room_for_the_rest(root, reports)
        budget = next(b for b in range(rest, rest * 3, 1000) if b - margin(b) - rest >= 10_000)
        generated = generate(root / "content", root / "docs", budget=budget)
        assert build(root / "content", root / "site", budget=generated.sources.budget) == 0
    finally:
        mp.undo()
    return root, generated


def _room_for_the_rest(root: Path, reports: list[dict]) -> int:
    """The estimate the build makes of the site without its sources (a first, unconstrained run)."""
    mp = pytest.MonkeyPatch()
    mp.setattr(collect, "parse_all", lambda content_dir, **kw: reports)
    try:
        g = generate(root / "content", root / "probe", budget=10**12)
    finally:
        mp.undo()
    return g.estimate - g.sources.served_bytes()


def test_files_over_the_budget_are_linked_or_listed_never_dropped(tight_site):
    root, generated = tight_site
    plan = generated.sources
    assert [f.rel for f in plan.linked] == ["reports/big.pdf"]
    assert [f.rel for f in plan.missing] == ["reports/nourl.pdf"]
    assert [f.rel for f in plan.served] == ["reports/small.txt"]
    site = root / "site"
    assert (site / "sources" / "reports" / "small.txt").is_file()
    assert not (site / "sources" / "reports" / "big.pdf").exists()
    assert not (site / "sources" / "reports" / "nourl.pdf").exists()
    # every report is still published
    agencies = {json.loads(f.read_text(encoding="utf-8"))["agency"] for f in (site / "data" / "agencies").glob("*.json")}
    assert agencies == {"甲局", "乙局", "丙局"}


def test_the_agency_page_links_the_original_address_of_a_file_not_served(tight_site):
    root, generated = tight_site
    slug = next(a.slug for a in generated.model.portal.agencies if a.name == "甲局")
    import gzip
    head = json.loads(gzip.decompress((root / "site" / "agencies" / slug / "years.json.gz").read_bytes()))
    page = (root / "site" / "agencies" / slug / "index.html").read_text(encoding="utf-8")
    assert 'href="https://www.example.gov.cn/big.pdf"' in page and "文件较大，链接到发布网站" in page
    assert head["agency"] == "甲局"


def test_the_quality_page_and_the_build_report_list_each_file_not_served(tight_site):
    root, generated = tight_site
    quality = (root / "site" / "quality" / "index.html").read_text(encoding="utf-8")
    section = quality.split('id="sources"')[1]
    assert "reports/big.pdf" in section and "https://www.example.gov.cn/big.pdf" in section
    assert "reports/nourl.pdf" in section and "没有写明原文网址" in section
    lines = "\n".join(budget_lines(generated, size=generated.sources.budget + 1))
    assert "链接到发布网站 reports/big.pdf" in lines and "未提供原文件 reports/nourl.pdf" in lines
    assert "超出空间预算" in lines  # a site measured over its budget says so


def test_sources_csv_says_where_every_original_file_is(tight_site):
    import csv

    root, _ = tight_site
    with (root / "site" / "data" / "sources.csv").open(encoding="utf-8-sig") as fh:
        rows = {r["file"]: r for r in csv.DictReader(fh)}
    assert rows["reports/big.pdf"]["status"] == "linked"
    assert rows["reports/big.pdf"]["address"] == "https://www.example.gov.cn/big.pdf"
    assert rows["reports/nourl.pdf"]["status"] == "not_served" and rows["reports/nourl.pdf"]["address"] == ""
    assert rows["reports/small.txt"] == {"file": "reports/small.txt", "bytes": "2000", "status": "served",
                                         "address": "sources/reports/small.txt"}


def test_the_terminal_names_the_largest_files_and_counts_the_rest():
    from types import SimpleNamespace

    from site_builder.build import BUDGET_LINES

    def file(k: int, url: str | None) -> SourceFile:
        return SourceFile(f"content/r{k}.pdf", Path(f"r{k}.pdf"), f"reports/r{k}.pdf", 1000 + k, url, served=False)

    many = {f.source: f for f in [file(k, f"https://example.gov.cn/{k}.pdf") for k in range(BUDGET_LINES + 5)]
            + [file(100 + k, None) for k in range(3)]}
    generated = SimpleNamespace(sources=SourcePlan(many, budget=10**9), estimate=0)
    lines = budget_lines(generated, size=1)
    linked = [x for x in lines if x.startswith("  链接到发布网站")]
    assert len(linked) == BUDGET_LINES
    assert f"reports/r{BUDGET_LINES + 4}.pdf" in linked[0]  # the largest first
    assert "reports/r0.pdf" not in "\n".join(lines)  # the smallest is counted, not named
    assert any("另有 5 个" in x and "data/sources.csv" in x for x in lines)
    assert sum(x.startswith("  未提供原文件") for x in lines) == 3  # few enough: each named
