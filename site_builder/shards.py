"""The read/OCR/parse stage split across machines: `python -m site_builder prepare --shard K/N`.

A first build of a province's archive OCRs thousands of scans at ~30 s each: more than one
runner does in a job's six hours. Each of N machines runs `prepare` on its share of the inputs:
it reads, OCRs and parses them into its cache (parse results and OCR results, both JSON files
named by the content's hash) and builds nothing. The caches merge by copying their files into
one folder: no two shards write the same file (a file's bytes belong to one shard, and equal
bytes give equal results anyway), and `build` then reads every report from the merged cache.

The plan is a pure function of the checkout, so every shard computes it alone and no job has
to hand it out: each input's cost is estimated from the file itself (its suffix, its size, and
for a PDF its page count and whether its first page has text), never from the machine, the
cache or the clock, and ties go by the path relative to the content folder, which is the same
on every runner. Files are then dealt greedily, the most costly first, each to the shard with
the least work so far (LPT scheduling). A scanned page costs thousands of times a text file, so
the scans decide the balance: dealt first, they spread evenly, and the cheap files fill the
gaps; no shard ends more than one file's cost above another. A hash of each path would also be
deterministic, and would keep a file in its shard when others are added, but with tens of
scans among thousands of files it gives one shard twice the scans of another
(`benchmarks/bench_shards.py`); and keeping a file in its shard buys nothing here, since every
shard starts from the shared cache of the previous run.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from site_builder import collect, progress
from site_builder.read import IMAGE_SUFFIXES, ocr
from site_builder.read.scanned import image_frames, pdf_pages

# Estimated seconds of one core per input (measured on the project's 2-core machine: parse of the
# synthetic corpus by suffix, the real PDFs, and benchmarks/bench_ocr.py). Only their ratios matter.
TEXT_BASE, TEXT_PER_KB = 0.0015, 0.00015  # text, Markdown, HTML: ~2 ms for a 5 KB report
WORD = 0.05  # a Word file (python-docx)
PDF_BASE, PDF_PER_PAGE = 0.1, 0.1  # a PDF with a text layer (pdfplumber): 0.2 s for 1 page, 0.6 for 5
SCAN_PER_PAGE = 10.0  # a scanned page: rendered and OCR'd (5 s a page using both cores)
REJECTED = 0.01  # a file the reader refuses at once (too many pages, not what its name says)


@dataclass(frozen=True)
class Work:
    """One input as the plan sees it."""

    source: str  # path relative to the content folder, with '/': the same on every machine
    seconds: float  # estimated cost
    scan_pages: int = 0  # pages OCR would read (0: not a scan)


def parse_shard(text: str) -> tuple[int, int]:
    """'K/N' -> (K, N), 1 ≤ K ≤ N; ValueError saying what is wrong."""
    k, sep, n = text.strip().partition("/")
    if not sep or not k.strip().isdigit() or not n.strip().isdigit():
        raise ValueError(f"expected K/N, this machine's share K of N shards (e.g. 2/4), got {text!r}")
    k_, n_ = int(k), int(n)
    if n_ < 1 or not 1 <= k_ <= n_:
        raise ValueError(f"K/N needs 1 ≤ K ≤ N (shards are numbered from 1), got {text!r}")
    return k_, n_


def estimate(path: Path, source: str) -> Work:
    """What reading `path` is likely to cost, from cheap looks at the file (no parsing, no OCR)."""
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError:
        return Work(source, REJECTED)
    if suffix == ".pdf":
        pages, has_text = pdf_pages(path)
        if pages is None or pages > ocr.MAX_PAGES:  # damaged, or refused for its length
            return Work(source, REJECTED)
        if has_text:
            return Work(source, PDF_BASE + PDF_PER_PAGE * pages)
        return Work(source, SCAN_PER_PAGE * pages, pages)
    if suffix in IMAGE_SUFFIXES:
        frames = image_frames(path)
        if frames is None or frames > ocr.MAX_PAGES:
            return Work(source, REJECTED)
        return Work(source, SCAN_PER_PAGE * frames, frames)
    if suffix in (".docx", ".doc"):
        return Work(source, WORD)
    return Work(source, TEXT_BASE + TEXT_PER_KB * size / 1000)


def plan(works: list[Work], count: int) -> list[list[Work]]:
    """`count` shares: each work in exactly one, the most costly dealt first to the least loaded.

    Ordered by (-cost, source) and ties in load broken by the lower shard number, so the same
    works give the same plan whatever order they come in."""
    shares: list[list[Work]] = [[] for _ in range(count)]
    loads = [0.0] * count
    for work in sorted(works, key=lambda w: (-w.seconds, w.source)):
        target = min(range(count), key=lambda i: (loads[i], i))
        shares[target].append(work)
        loads[target] += work.seconds
    return [sorted(share, key=lambda w: w.source) for share in shares]


def plan_content(content_dir: Path, count: int) -> list[list[Work]]:
    """The plan of every input under the content folder (find_inputs: what the build reads)."""
    paths, _ = collect.find_inputs(content_dir)
    with progress.current().stage("plan", total=len(paths), label="分片：估算工作量") as stage:
        works = []
        for path in paths:
            works.append(estimate(path, path.relative_to(content_dir).as_posix()))
            stage.advance()
    return plan(works, count)


def plan_lines(shares: list[list[Work]]) -> list[str]:
    """The plan as `prepare --plan N` prints it: a line per shard, then the whole."""
    out = [f"shard {i}/{len(shares)}: {describe(share)}" for i, share in enumerate(shares, 1)]
    everything = [w for share in shares for w in share]
    loads = [sum(w.seconds for w in share) for share in shares]
    mean = sum(loads) / len(loads)
    spread = f"; the largest share is {max(loads) / mean:.2f}× the mean" if mean else ""
    return out + [f"all: {describe(everything)}{spread}"]


def describe(works: list[Work]) -> str:
    scans = [w for w in works if w.scan_pages]
    return (f"{plural(len(works), 'file')}, {plural(len(scans), 'scan')} "
            f"({plural(sum(w.scan_pages for w in scans), 'page')}), "
            f"estimated {span(sum(w.seconds for w in works))} of one core")


def plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def span(seconds: float) -> str:
    """A duration as an operator sizes a backfill: 0.8 s, 52 s, 14 min, 3.2 h."""
    if seconds < 10:
        return f"{seconds:.1f} s"
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:,.1f} h"


@dataclass
class Prepared:
    """What one `prepare` run did: its summary line."""

    shard: int
    count: int
    inputs: int  # under the content folder (every shard's)
    share: list[Work]
    stats: collect.ParseStats
    ocr_runs: int  # scans OCR'd now (the others' OCR results were in the cache)
    seconds: float

    def line(self) -> str:
        unreadable = self.stats.inputs - self.stats.parsed - self.stats.cached
        return (f"shard {self.shard}/{self.count}: {len(self.share):,} of {self.inputs:,} files "
                f"(estimated {span(sum(w.seconds for w in self.share))}); parsed now {self.stats.parsed:,}, "
                f"from cache {self.stats.cached:,}" + (f", unreadable {unreadable:,}" if unreadable else "")
                + f"; scans OCR'd {self.ocr_runs:,}; {self.seconds:,.1f} s")


def prepare(content_dir: Path, shard: int, count: int, cache_root: Path | None = None,
            jobs: int | None = None) -> Prepared:
    """Read, OCR and parse shard `shard` of `count` into the cache at `cache_root` (its `parse/`
    and `ocr/`; default `.cache/` beside the content folder, where `build` reads them)."""
    started = time.monotonic()
    shares = plan_content(content_dir, count)
    share = shares[shard - 1]
    root = cache_root if cache_root is not None else collect.default_cache_dir(content_dir).parent
    before = ocr.cached_count(root / "ocr")
    stats = collect.ParseStats()
    # The build's own parse stage on a share of the files: the same cache keys, the same parser
    # version folder, so the build finds every result a shard made.
    collect.parse_all(content_dir, cache_dir=root / "parse", jobs=jobs, stats=stats,
                      paths=[content_dir / w.source for w in share])
    return Prepared(shard, count, sum(map(len, shares)), share, stats, ocr.cached_count(root / "ocr") - before,
                    time.monotonic() - started)
