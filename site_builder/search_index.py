"""Site search with Pagefind: a chunked static index, so a first search downloads kilobytes, not the archive.

Material's built-in search ships one lunr index of every page to every visitor
before the first search: 22 MB at 1,000 reports, growing with the archive.
Pagefind splits its index into chunks by word and loads only the chunks a
query needs. The extended Pagefind binary (the `pagefind-bin-extended` wheel)
segments Chinese into words; the plain one indexes a run of Han characters as
one word, so it is refused with a clear message rather than silently used.

Material's search box stays as it is: its web worker speaks a small message
protocol (setup, ready, query, result), and `install_worker` replaces Material's
lunr worker with `search-worker.js`, which answers the same messages from
Pagefind. Pages opt into the index with `data-pagefind-body` (the agency pages'
name and narrative parts), so tables, charts and navigation are not indexed;
`exclude_from_lunr` keeps Material's plugin from indexing anything itself.
"""
from __future__ import annotations

import logging
import subprocess
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.portal")

WORKER = Path(__file__).parent / "render" / "assets" / "search-worker.js"
OUTPUT_SUBDIR = "pagefind"


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


def run_pagefind(site_dir: Path) -> str:
    """Index site_dir in place; the bundle goes to site_dir/pagefind/. Returns Pagefind's summary."""
    cmd = [str(pagefind_executable()), "--site", str(site_dir), "--output-subdir", OUTPUT_SUBDIR]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind failed on {site_dir} (exit {done.returncode}): "
                               f"{(done.stderr or done.stdout).strip()[-2000:]}")
    return " ".join(line.strip() for line in done.stdout.splitlines() if line.strip().startswith("Indexed"))


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
