"""Site search with Pagefind: a chunked static index, so a first search downloads kilobytes, not the archive.

Material's built-in search ships one lunr index of every page to every visitor
before the first search: 22 MB at 1,000 reports, growing with the archive.
Pagefind splits its index into chunks by word and loads only the chunks a
query needs. The extended Pagefind binary (the `pagefind-bin-extended` wheel)
segments Chinese into words; the plain one indexes a run of Han characters as
one word, so it is refused with a clear message rather than silently used.

Pagefind's memory grows with the pages it indexes at once, so a large site is
indexed in shards (SHARD_PAGES), which the worker merges when it loads.

Material's search box stays as it is: its web worker speaks a small message
protocol (setup, ready, query, result), and `install_worker` replaces Material's
lunr worker with `search-worker.js`, which answers the same messages from
Pagefind. Pages opt into the index with `data-pagefind-body` (the agency pages'
name and narrative parts), so tables, charts and navigation are not indexed;
`exclude_from_lunr` keeps Material's plugin from indexing anything itself.
"""
from __future__ import annotations

import json
import logging
import math
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.portal")

WORKER = Path(__file__).parent / "render" / "assets" / "search-worker.js"
OUTPUT_SUBDIR = "pagefind"
SHARDS_FILE = "shards.json"  # the worker merges the shards listed here into the main index
# Pagefind holds a whole index in memory, about 180 KB per page of Chinese prose (1.8 GB at
# 10,000 pages), so bigger sites are indexed in shards of this many pages, one after another.
# Each shard adds its own wasm and metadata (about 100 KB) to a first search.
SHARD_PAGES = 5000
_INDEXED = re.compile(r"<(h1|div|span)\b[^>]*\bdata-pagefind-(?:body|meta)\b[^>]*>.*?</\1>", re.S)


class SearchIndexError(RuntimeError):
    pass


def pagefind_executable() -> Path:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as exc:
        raise SearchIndexError("Pagefind's extended binary is not installed (pip install "
                               "'pagefind-bin-extended==1.5.2'); without it Chinese text is not "
                               "split into words and search finds almost nothing") from exc
    return Path(get_executable())


def run_pagefind(site_dir: Path, stage=None) -> str:
    """Index site_dir's pages into site_dir/pagefind/ (and shard folders under it). Returns a summary.

    A site with no agency page (an empty content folder, or nothing readable) gets no index:
    Pagefind refuses to build an empty one, and the build must not stop because of its inputs.
    The worker then finds no pagefind.js and answers every query with no result.
    """
    pages = indexed_pages(site_dir)
    out = site_dir / OUTPUT_SUBDIR
    shutil.rmtree(out, ignore_errors=True)
    if not pages:
        out.mkdir(parents=True)
        (out / SHARDS_FILE).write_text("[]", encoding="utf-8")
        return "no page to index: search finds nothing"
    shards = [pages[i::n] for n in [max(1, math.ceil(len(pages) / SHARD_PAGES))] for i in range(n)]
    if stage is not None:
        stage.set_total(len(pages))
    summaries = []
    for number, shard in enumerate(shards):
        with tempfile.TemporaryDirectory(prefix="pagefind-") as tmp:
            for page in shard:
                target = Path(tmp) / page.relative_to(site_dir)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(slim_page(page.read_text(encoding="utf-8")), encoding="utf-8")
            summaries.append(_pagefind(Path(tmp), out / shard_dir(number)))
        if stage is not None:
            stage.advance(len(shard))
    (out / SHARDS_FILE).write_text(json.dumps([shard_dir(i) for i in range(1, len(shards))]), encoding="utf-8")
    return f"{len(pages)} pages in {len(shards)} shard(s); " + "; ".join(summaries)


def shard_dir(number: int) -> str:
    return "" if number == 0 else f"shard{number}/"


def indexed_pages(site_dir: Path) -> list[Path]:
    pages = []
    for dirpath, _, names in os.walk(site_dir):
        for name in names:
            if name.endswith(".html"):
                path = Path(dirpath) / name
                if b"data-pagefind-body" in path.read_bytes():
                    pages.append(path)
    return sorted(pages)


def slim_page(html: str) -> str:
    """Only what Pagefind reads (the data-pagefind-body and -meta elements), so it parses less.

    The elements are the template's own (an h1, a span, divs of paragraphs); if one holds a
    nested div the regex cannot delimit, the whole page is kept.
    """
    blocks = [m.group(0) for m in _INDEXED.finditer(html)]
    if not blocks or any("<div" in b[4:] for b in blocks):
        return html
    return ('<!doctype html><html lang="zh"><head><meta charset="utf-8"></head><body>'
            + "\n".join(blocks) + "</body></html>")


def _pagefind(site: Path, output: Path) -> str:
    cmd = [str(pagefind_executable()), "--site", str(site), "--output-path", str(output)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind failed (exit {done.returncode}): "
                               f"{(done.stderr or done.stdout).strip()[-2000:]}")
    return " ".join(line.strip() for line in done.stdout.splitlines() if "Indexed" in line and "page" in line)


def install_worker(site_dir: Path) -> list[Path]:
    """Put the Pagefind worker where Material's theme loads its search worker from."""
    targets = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not targets:
        raise SearchIndexError(f"Material's search worker not found under {site_dir}/assets/javascripts/workers; "
                               "is the `search` plugin still enabled in mkdocs.yml?")
    code = WORKER.read_bytes()
    for target in targets:
        target.write_bytes(code)
        target.with_name(target.name + ".map").unlink(missing_ok=True)  # the map describes the lunr worker
    return targets
