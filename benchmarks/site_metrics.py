"""What a built site weighs: total size, by part and on disk, page sizes, and what a visitor
downloads for a first search.

The first search is measured in headless Chromium when the site has a Pagefind
index: the site is served locally, Pagefind's own module runs the queries and
loads the first results, and every response is counted (text files at their
gzip size, as GitHub Pages serves them; Pagefind's chunks are already gzipped).
A lunr site (Material's built-in search) downloads its whole search_index.json
plus the worker before the first search, so that is counted from the files.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import statistics
import threading
from pathlib import Path

TEXT_SUFFIXES = (".js", ".mjs", ".json", ".css", ".html", ".svg", ".txt")
CHROMIUM = "/usr/bin/chromium"
RESULT_TIMEOUT_MS = 60_000


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


# The parts a site's weight is split into, in the order printed.
PARTS = ("agency pages", "other pages", "data/", "search index", "sources/", "theme and portal assets", "other")
TAR_BLOCK = 512  # a tar archive (the Pages artifact) stores a header and whole blocks per file


def part_of(rel: str) -> str:
    """Which part of the site a file (path relative to the site) belongs to, by where it lies."""
    top = rel.split("/", 1)[0] if "/" in rel else ""
    if top in ("pagefind", "search"):  # Pagefind's index; Material's (empty) lunr index
        return "search index"
    if top in ("data", "sources"):
        return top + "/"
    if top == "assets":
        return "theme and portal assets"
    if rel.endswith(".html"):
        return "agency pages" if is_agency_page(rel) else "other pages"
    if top == "agencies" and rel.endswith("/years.json.gz"):  # an agency's years, which its page shows
        return "agency pages"
    return "other"


def disk_usage(site: Path) -> dict:
    """Per part: apparent bytes, bytes on disk (st_blocks × 512: a small file takes a whole 4 KB
    block) and files; with the folders' own blocks and the size of a tar of the site (what
    actions/upload-pages-artifact packs before compressing)."""
    parts = {name: {"bytes": 0, "disk": 0, "files": 0} for name in PARTS}
    dirs = dirs_disk = tar = 0
    for dirpath, dirnames, files in os.walk(site):
        dirs += len(dirnames)
        for name in dirnames:
            dirs_disk += (Path(dirpath) / name).lstat().st_blocks * 512
        for name in files:
            p = Path(dirpath) / name
            st = p.lstat()
            part = parts[part_of(p.relative_to(site).as_posix())]
            part["bytes"] += st.st_size
            part["disk"] += st.st_blocks * 512
            part["files"] += 1
            tar += TAR_BLOCK + -(-st.st_size // TAR_BLOCK) * TAR_BLOCK
    return {"parts": parts, "disk": sum(p["disk"] for p in parts.values()) + dirs_disk, "dirs": dirs,
            "dirs_disk": dirs_disk, "tar": tar + dirs * TAR_BLOCK}


def measure(site: Path, queries: tuple[str, ...]) -> dict:
    sizes: dict[str, int] = {}
    for dirpath, _, files in os.walk(site):
        for name in files:
            p = Path(dirpath) / name
            sizes[p.relative_to(site).as_posix()] = p.stat().st_size
    pages = {k: v for k, v in sizes.items() if k.endswith(".html")}
    agency = [v for k, v in pages.items() if is_agency_page(k)]
    largest = max(pages, key=pages.get) if pages else ""
    out = {"bytes": sum(sizes.values()), "files": len(sizes), "pages": len(pages),
           "agencies": len({k.split("/")[1] for k in pages if is_agency_page(k)}),
           "agency_median": statistics.median(agency) if agency else 0, "agency_max": max(agency, default=0),
           "page_max": pages.get(largest, 0), "page_max_path": largest,
           "fixed_pages": {k: pages[k] for k in ("index.html", "stats/index.html", "compare/index.html",
                                                   "data/index.html", "quality/index.html") if k in pages},
           "directory_max": max((v for k, v in pages.items() if k.startswith("agencies/")
                                 and not is_agency_page(k)), default=0)}
    out.update(disk_usage(site))
    out.update(first_search(site, queries))
    return out


def is_agency_page(rel: str) -> bool:
    parts = rel.split("/")
    return parts[0] == "agencies" and len(parts) in (3, 4) and parts[1] != "page" and parts[-1] == "index.html"


def first_search(site: Path, queries: tuple[str, ...]) -> dict:
    if (site / "pagefind" / "pagefind.js").exists():
        return pagefind_first_search(site, queries)
    index = site / "search" / "search_index.json"
    if index.exists():
        files = [index, *sorted((site / "assets" / "javascripts" / "workers").glob("search.*.js"))]
        data = [f.read_bytes() for f in files]
        return {"search": "lunr", "search_raw": sum(map(len, data)), "search_gzip": sum(map(gzip_size, data)),
                "search_files": len(files)}
    return {"search": None, "search_raw": 0, "search_gzip": 0, "search_files": 0}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def is_search_file(url: str) -> bool:
    return "/pagefind/" in url or "/workers/search" in url or url.endswith("search_index.json")


def pagefind_first_search(site: Path, queries: tuple[str, ...]) -> dict:
    """Type each query into the site's own search box in Chromium; count every search file fetched."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    server = serve(site)
    fetched: dict[str, tuple[int, int]] = {}
    found = {}
    after: list[dict] = []  # what had been fetched after each query

    def record(response):
        name = response.url.split("?")[0]
        if is_search_file(name) and response.ok:
            body = response.body()
            fetched[name] = (len(body), gzip_size(body) if name.endswith(TEXT_SUFFIXES) else len(body))

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            page.on("response", record)
            page.goto(f"http://127.0.0.1:{server.server_port}/", wait_until="networkidle")
            page.locator("label.md-search__icon, .md-search__input").first.click()
            box = page.locator("input.md-search__input")
            for q in queries:
                box.fill(q)
                box.press("End")  # Material reads the query on a key event
                page.wait_for_selector(".md-search-result__meta", timeout=30_000)
                # The meta line is in the page before any search, so it proves nothing: wait for the
                # first result (on a busy machine Pagefind answers seconds later), then for its fetches.
                try:
                    # A locator, not wait_for_function: the site's CSP forbids evaluating a string.
                    page.locator(".md-search-result__item").first.wait_for(timeout=RESULT_TIMEOUT_MS)
                except PlaywrightTimeout:
                    pass  # no result: counted as found 0, and what was fetched is still counted
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(500)
                found[q] = page.locator(".md-search-result__item").count()
                after.append(dict(fetched))
            browser.close()
    finally:
        server.shutdown()
    first = after[0] if after else fetched
    return {"search": "pagefind", "search_raw": sum(v[0] for v in first.values()),
            "search_gzip": sum(v[1] for v in first.values()), "search_files": len(first),
            "search_gzip_all_queries": sum(v[1] for v in fetched.values()),
            "search_found": json.dumps(found, ensure_ascii=False)}
