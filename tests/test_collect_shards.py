"""A backfill split across machines: three `prepare` shards, each into its own cache, cover every
input once; their caches, copied together, hold every result, so the site builds from them
reading and OCRing nothing again. And the plan itself: a partition, the same from any order,
balanced by cost; a bad --shard is refused naming the option.

The scan is one small page (the title of a real report, scanned by `synth.scan`): OCR'd once, by
its shard, in about three seconds.
"""
from __future__ import annotations

import contextlib
import io
import json
import random
import shutil
from pathlib import Path

import pytest
from bundled import seed_paths
from scan_truth import CORPUS

from site_builder import cli, collect, progress, shards
from site_builder.build import build
from site_builder.read import ocr
from site_builder.synth import random_report
from site_builder.synth.render import render
from site_builder.synth.scan import scan_pdf

SCAN = "reports/江苏省/淮安市/洪泽区/title-scan.pdf"
SHARDS = 3

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"real PDFs (to scan) not found at {CORPUS}")


def title_scan() -> bytes:
    """An image-only one-page PDF: the top of page 1 of a real report (its title), scanned at 150 dpi."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(CORPUS / "hongze-district-2024.pdf"))
    page_pdf = pdfium.PdfDocument.new()
    page_pdf.import_pages(source, [0])
    page = page_pdf[0]
    width, height = page.get_size()
    page.set_mediabox(0, height * 0.72, width, height)  # a small page: OCR takes seconds, not half a minute
    page.set_cropbox(0, height * 0.72, width, height)
    out = io.BytesIO()
    page_pdf.save(out)
    page.close()
    page_pdf.close()
    source.close()
    return scan_pdf(out.getvalue(), 150, seed=2024)


def make_content(root: Path) -> Path:
    """The five text seeds, a few synthetic layouts, a real text PDF and the one-page scan."""
    reports = root / "reports"
    reports.mkdir(parents=True)
    for seed in seed_paths():
        shutil.copyfile(seed, reports / seed.name)
    rng = random.Random(3)
    for i, layout in enumerate(("html", "markdown", "gbk", "pdf_text")):
        data, suffix = render(random_report(rng, layout=layout), layout, rng)
        (reports / f"synthetic-{i}{suffix}").write_bytes(data)
    shutil.copyfile(CORPUS / "huaian-city-2024.pdf", reports / "huaian-city-2024.pdf")
    (root / SCAN).parent.mkdir(parents=True)
    (root / SCAN).write_bytes(title_scan())
    return root


@pytest.fixture(scope="module")
def backfill(tmp_path_factory):
    """(content folder, {k: shards.Prepared}, shard 2's summary line as the CLI printed it): three
    shards prepared from one checkout, each into its own cache folder `<tmp>/shard-k`."""
    root = tmp_path_factory.mktemp("backfill")
    content = make_content(root / "content")
    previous = ocr._cache_dir  # parse_all points OCR at its cache: put back the session's afterwards
    runs = {}
    out = io.StringIO()
    # A reporter of their own: the default one is global, and would add these stages to later builds' times.
    try:
        with progress.use(progress.Reporter()) as reporter:
            runs[1] = shards.prepare(content, 1, SHARDS, cache_root=root / "shard-1", jobs=1)
            runs["stages"] = [(r.name, r.total, r.done) for r in reporter.records]
            runs[3] = shards.prepare(content, 3, SHARDS, cache_root=root / "shard-3", jobs=1)
            with contextlib.redirect_stdout(out):  # one shard as CI runs it: through the command line
                status = cli.main(["prepare", "--content", str(content), "--shard", f"2/{SHARDS}",
                                   "--cache", str(root / "shard-2"), "--quiet"])
            assert status == 0
            # Shard 2 again, now that its cache holds its share.
            runs[2] = shards.prepare(content, 2, SHARDS, cache_root=root / "shard-2", jobs=1)
    finally:
        ocr.set_cache_dir(previous)
    return content, runs, out.getvalue().strip()


def cache_files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*.json")}


@needs_corpus
def test_every_input_is_prepared_by_exactly_one_shard(backfill):
    content, runs, _ = backfill
    inputs = {p.relative_to(content).as_posix() for p in collect.find_inputs(content)[0]}
    shares = [{w.source for w in runs[k].share} for k in (1, 2, 3)]
    assert set().union(*shares) == inputs and sum(map(len, shares)) == len(inputs) == 11
    assert all(shares)  # the scan, the text PDF and the text files: every machine has work
    version = collect.parser_version()
    for k, share in zip((1, 2, 3), shares):
        # Each cache holds its own share's results and no other's, under the one parser version.
        parsed = cache_files(content.parent / f"shard-{k}" / "parse")
        assert len(parsed) == len(share) and {p.split("/")[0] for p in parsed} == {version}


@needs_corpus
def test_the_scan_is_ocrd_once_by_its_own_shard(backfill):
    content, runs, _ = backfill
    # The costliest file is dealt first, to shard 1; the scan is the costliest by far.
    assert [w.scan_pages for w in runs[1].share if w.source == SCAN] == [1]
    assert [r.ocr_runs for r in (runs[1], runs[3])] == [1, 0]
    ocr_files = [cache_files(content.parent / f"shard-{k}" / "ocr") for k in (1, 2, 3)]
    assert [len(files) for files in ocr_files] == [1, 0, 0]


@needs_corpus
def test_the_scan_is_counted_in_a_stage_of_its_own(backfill):
    """A scan costs a thousand text pages: counted among them, the time left read hundreds of hours."""
    _, runs, _ = backfill
    share = len(runs[1].share)
    assert [s for s in runs["stages"] if s[0] in ("ocr", "parse")] == [("ocr", 1, 1), ("parse", share - 1, share - 1)]


@needs_corpus
def test_the_command_prints_a_summary_and_a_second_run_reads_its_cache(backfill):
    _, runs, line = backfill
    share = len(runs[2].share)
    assert line.startswith(f"shard 2/3: {share} of 11 files") and f"parsed now {share}, from cache 0" in line
    again = runs[2]
    assert (again.stats.parsed, again.stats.cached, again.ocr_runs) == (0, share, 0)
    assert f"parsed now 0, from cache {share}; scans OCR'd 0" in again.line()


@needs_corpus
def test_merged_caches_build_the_site_reading_and_ocring_nothing(backfill, tmp_path, monkeypatch):
    content, _, _ = backfill
    work = tmp_path / "checkout"
    shutil.copytree(content, work / "content")
    for k in (1, 2, 3):  # merging = copying the files together (what download-artifact's merge does)
        shutil.copytree(content.parent / f"shard-{k}", work / ".cache", dirs_exist_ok=True)
    merged = cache_files(work / ".cache")
    assert merged == set().union(*(cache_files(content.parent / f"shard-{k}") for k in (1, 2, 3)))
    # CI restores the newest older cache before merging: an older parser's and OCR's results come along.
    stale = [work / ".cache" / "parse" / "0ld-parser" / "ab" / "ab12.json",
             work / ".cache" / "ocr" / "0ld-ocr" / "cd" / "cd34.json"]
    for path in stale:
        path.parent.mkdir(parents=True)
        path.write_text("{}", encoding="utf-8")

    parsed: list[str] = []
    real_parse = collect.parse_bytes

    def counting(data: bytes, source: str, suffix: str = "") -> dict:
        parsed.append(source)
        return real_parse(data, source, suffix)

    def no_ocr(*args, **kwargs):
        raise AssertionError("OCR ran again for a scan a shard had read")

    monkeypatch.setattr(collect, "parse_bytes", counting)
    monkeypatch.setattr(ocr, "scan_page", no_ocr)
    monkeypatch.setattr(ocr, "_cache_dir", ocr._cache_dir)  # the build points it at .cache/ocr: undone after
    assert build(work / "content", work / "site", stats_file=work / "stats.json") == 0
    counts = json.loads((work / "stats.json").read_text(encoding="utf-8"))["counts"]
    assert (counts["inputs"], counts["parsed"]) == (11, 0) and parsed == []
    # The shards' results all kept (one parser version), nothing added, the older versions dropped.
    assert cache_files(work / ".cache") == merged and not any(path.parent.parent.exists() for path in stale)
    # The scan's result came from the cache, read as OCR read it: the report's printed title.
    stats = collect.ParseStats()
    results = collect.parse_all(work / "content", jobs=1, stats=stats)
    scan = next(r for r in results if r["source"] == f"content/{SCAN}")
    assert "淮安市洪泽区人民政府" in scan.get("error", "") + str(scan.get("agency"))
    assert (stats.parsed, stats.cached) == (0, 11)


# ---- the plan ---------------------------------------------------------------------------------

def corpus(scans: int, texts: int, seed: int = 0) -> list[shards.Work]:
    rng = random.Random(seed)
    pages = [rng.randint(4, 20) for _ in range(scans)]
    works = [shards.Work(f"scan-{i:03d}.pdf", shards.SCAN_PER_PAGE * p, p) for i, p in enumerate(pages)]
    return works + [shards.Work(f"r/{i:05d}.txt", shards.TEXT_BASE + shards.TEXT_PER_KB * rng.uniform(2, 40))
                    for i in range(texts)]


def test_the_plan_is_a_partition_whatever_the_order_of_the_files():
    works = corpus(37, 2000)
    plan = shards.plan(works, 4)
    placed = [w for share in plan for w in share]
    assert sorted(placed, key=lambda w: w.source) == sorted(works, key=lambda w: w.source)  # each once
    shuffled = works[:]
    random.Random(1).shuffle(shuffled)
    assert shards.plan(shuffled, 4) == plan  # every machine computes the same plan
    assert [len(s) for s in shards.plan(works, 40)].count(0) == 0  # more shards than scans: still all used


def test_the_plan_balances_the_cost_and_spreads_the_scans():
    works = corpus(37, 2000)
    plan = shards.plan(works, 4)
    loads = [sum(w.seconds for w in share) for share in plan]
    # Greedy dealing, costliest first: no share ends more than one file's cost above another.
    assert max(loads) - min(loads) <= max(w.seconds for w in works)
    assert max(loads) / (sum(loads) / 4) < 1.05
    scans = [sum(1 for w in share if w.scan_pages) for share in plan]
    assert max(scans) - min(scans) <= 2
    # Four equal scans and text: one scan each, the text levelling nothing worse.
    even = [shards.Work(f"s{i}.png", 10.0, 1) for i in range(4)] + corpus(0, 100)
    assert [sum(1 for w in share if w.scan_pages) for share in shards.plan(even, 4)] == [1, 1, 1, 1]


def test_a_scan_is_estimated_far_above_a_text_pdf_and_a_text_file(tmp_path):
    pytest.importorskip("pypdfium2")
    from PIL import Image

    image = Image.new("L", (1240, 1754), 235)
    image.save(tmp_path / "scan.pdf", "PDF", resolution=150.0)  # an image-only PDF: a scan
    image.save(tmp_path / "page.png")
    (tmp_path / "report.txt").write_text("一、总体情况\n" * 200, encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    works = {p.name: shards.estimate(p, p.name) for p in tmp_path.iterdir()}
    assert works["scan.pdf"].scan_pages == 1 and works["page.png"].scan_pages == 1
    assert works["report.txt"].scan_pages == 0 and works["report.txt"].seconds < 0.01
    assert works["scan.pdf"].seconds > 1000 * works["report.txt"].seconds
    assert works["broken.pdf"].seconds == shards.REJECTED
    if CORPUS.is_dir():  # a PDF with a text layer: parsed, not OCR'd
        text_pdf = shards.estimate(CORPUS / "hongze-district-2024.pdf", "x.pdf")
        assert text_pdf.scan_pages == 0
        assert works["report.txt"].seconds < text_pdf.seconds < works["scan.pdf"].seconds


@pytest.mark.parametrize("value", ["0/3", "4/3", "x", "3", "1/0", "-1/3", ""])
def test_a_bad_shard_is_refused_naming_the_option(value, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["prepare", "--shard", value])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "argument --shard:" in err and "K/N" in err


def test_good_shards_parse():
    assert shards.parse_shard("2/4") == (2, 4) and shards.parse_shard(" 1/1 ") == (1, 1)


def test_the_plan_option_prints_every_shard_and_parses_nothing(tmp_path, capsys, monkeypatch):
    content = tmp_path / "content"
    (content / "reports").mkdir(parents=True)
    for seed in seed_paths():
        shutil.copyfile(seed, content / "reports" / seed.name)
    monkeypatch.setattr(collect, "parse_bytes", lambda *a, **k: pytest.fail("--plan parsed a file"))
    assert cli.main(["prepare", "--content", str(content), "--plan", "2", "--quiet"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["shard 1/2", "shard 2/2", "all"]
    assert "5 files, 0 scans" in lines[-1]
    assert not (tmp_path / ".cache").exists()
    assert cli.main(["prepare", "--content", str(content), "--plan", "0"]) == 2
    assert "--plan" in capsys.readouterr().err
