"""Find every input under content/ and parse it (the build's first stage).

A province publishes over ten thousand reports a year and a portal keeps every
year, so parsing is the one stage whose cost grows with the archive: it runs
across all cores and is cached by content. The cache key is the sha256 of the
file's bytes, its suffix (the reader sniffs by it) and the parser's version (a
hash of the reading, parsing and checking code and of the libraries they call),
so an edited report or an edited parser is parsed again and nothing else is.
A cached result holds no `source`: it is set from the file's current path, so
the same bytes moved elsewhere are still a hit and still named right.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from site_builder import progress
from site_builder.files import prune_versions, write_atomic
from site_builder.pipeline import parse_bytes, read_input
from site_builder.read import IMAGE_SUFFIXES, SUPPORTED_SUFFIXES, ocr, scanned
from site_builder.read.document import scan_note
from site_builder.read.provenance import is_sidecar, read_sidecar

log = logging.getLogger("mkdocs.plugins.portal")

PACKAGE = Path(__file__).resolve().parent
# Everything a parse result depends on: change any of it and every cached result is stale.
PARSER_SOURCES = ("read", "segment.py", "parse", "check", "rules.py", "contract.py", "pipeline.py")
PARSER_LIBRARIES = ("pdfplumber", "pdfminer.six", "python-docx", "lxml", "charset-normalizer", "rapidocr",
                    "onnxruntime", "opencv-python-headless", "pypdfium2")
CACHE_FORMAT = "1"
# Below this many files to parse, starting worker processes costs more than it saves.
PARALLEL_MIN = 48


@dataclass(frozen=True)
class Input:
    path: Path
    source: str  # the contract's `source`: relative to the content folder's parent
    data: bytes
    key: str  # cache key: content hash + suffix (+ parser version, by the cache folder)
    size: int = 0  # bytes of the file (kept when `data` is dropped until the file is parsed)
    provenance: bytes = b""  # its provenance sidecar's bytes (a crawled file), part of the key


def find_inputs(content_dir: Path) -> tuple[list[Path], list[Path]]:
    """(inputs to parse, files skipped because their type is not a report format)."""
    inputs, skipped = [], []
    for path in sorted(p for p in content_dir.rglob("*") if p.is_file()):
        # Hidden files and folders (.git, a .cache of an inner build, .corpus.json) are never reports.
        if any(part.startswith(".") for part in path.relative_to(content_dir).parts):
            continue
        if is_sidecar(path):  # a crawled file's provenance: read with its file, never on its own
            continue
        (inputs if path.suffix.lower() in SUPPORTED_SUFFIXES else skipped).append(path)
    return inputs, skipped


@dataclass
class ParseStats:
    """What a parse_all run did: the build report and the benchmark print these."""

    inputs: int = 0
    parsed: int = 0  # read and parsed now
    cached: int = 0  # read from the parse cache (the rest could not be read: their error is not cached)
    scans: int = 0  # of those parsed now, read from a scan by OCR (cached OCR results included)


def parse_all(content_dir: Path, *, cache_dir: Path | None = None, jobs: int | None = None,
              cache: bool = True, stats: ParseStats | None = None,
              paths: list[Path] | None = None) -> list[dict]:
    """One contract dict per input, in find_inputs order (or per path of `paths`, a share of them).

    cache_dir defaults to `.cache/parse/` beside the content folder; jobs defaults
    to the number of usable CPUs (1 parses serially, in this process). Progress goes
    to the running build's reporter (progress.current()).
    """
    paths = find_inputs(content_dir)[0] if paths is None else list(paths)
    stats = stats if stats is not None else ParseStats()
    stats.inputs = len(paths)
    store = Cache(cache_dir or default_cache_dir(content_dir)) if cache else None
    # OCR results are kept apart from parse results: a parser change must not re-run OCR.
    ocr_cache = store.root.parent / "ocr" if store else None
    results: list[dict | None] = [None] * len(paths)
    todo: list[tuple[int, Input]] = []
    reporter = progress.current()
    with reporter.stage("read", total=len(paths), label="读取与比对缓存") as stage:
        for i, path in enumerate(paths):
            item = load_input(path, content_dir)
            stage.advance()
            if isinstance(item, dict):  # unreadable: an error result, never cached
                results[i] = item
                continue
            hit = store.get(item) if store else None
            if hit is not None:
                results[i] = hit
                stats.cached += 1
            else:
                # The bytes are read again by the worker that parses them: kept here for every
                # file of a cold province build they would hold its whole archive in memory.
                todo.append((i, replace(item, data=b"")))
        stage.note(f"缓存中已有 {stats.cached:,}，需解析 {len(todo):,}")
    # Scans first, each OCR'd page by page across the cores, in a stage of their own: a scan costs
    # a thousand text pages, and counted among them it made the parse's time left read hundreds of hours.
    scans = [(i, it) for i, it in todo if is_scan(it)]
    if scans:
        ocr.set_cache_dir(ocr_cache)
        with reporter.stage("ocr", total=len(scans), label="文字识别（扫描件）") as stage:
            for i, it in scans:
                results[i] = _parse_one(_task(it), store)
                stats.parsed += 1
                stats.scans += bool(scan_note(results[i]))
                stage.advance()
        todo = [(i, it) for i, it in todo if results[i] is None]
    # PDFs and Word files go first (parse_many), so the count starts slowly.
    with reporter.stage("parse", total=len(todo), label="解析") as stage:
        for (i, _), report in zip(todo, parse_many([it for _, it in todo], jobs, ocr_cache, stage, store)):
            results[i] = report
            stats.parsed += 1
            if scan_note(report):  # a scan scan_pages could not tell (an image in a Word file)
                stats.scans += 1
    if store:
        # Even when nothing was parsed: a cache restored from an older CI run and topped up with
        # shards' results holds the old version too, and would be saved again with it.
        store.prune()
        ocr.prune_cache(ocr_cache)
    log.info("parsed %d of %d inputs (%d from the cache)", len(todo), len(paths), len(paths) - len(todo))
    return results  # type: ignore[return-value]


def default_cache_dir(content_dir: Path) -> Path:
    return content_dir.resolve().parent / ".cache" / "parse"


def load_input(path: Path, content_dir: Path) -> Input | dict:
    read = read_input(path, content_dir)
    if isinstance(read, dict):
        return read
    source, data = read
    # A crawled file's provenance fills its published/url/publisher: a changed sidecar is a new key.
    provenance = read_sidecar(path)
    key = hashlib.sha256(data + provenance).hexdigest() + path.suffix.lower().replace("/", "")
    return Input(path, source, data, key, len(data), provenance)


# Read by OCR or pdfplumber, these cost up to thousands of times a text page: parsed first and one
# to a task, so a scan met at the end of the list does not leave the other cores idle.
HEAVY_SUFFIXES = (".pdf", ".docx", ".doc", *IMAGE_SUFFIXES)


def parse_many(items: list[Input], jobs: int | None = None, ocr_cache: Path | None = None,
               stage: progress.Stage | None = None, store: "Cache | None" = None) -> list[dict]:
    """Parse the inputs, across processes when there are enough of them; results in input order.

    An input's bytes are read from its path when it is parsed (Input.data may be empty), and its
    result is put in `store` by the process that parsed it (writing 50,000 small files was a third
    core's work for this one). A scan among them is OCR'd by the worker that parses it (parse_all
    reads scans before, across the cores: see is_scan). `stage` counts files as they finish.
    """
    jobs = jobs or usable_cpus()
    ocr.set_cache_dir(ocr_cache)
    if jobs <= 1 or len(items) < PARALLEL_MIN:
        out = []
        for it in items:
            out.append(_parse_one(_task(it), store))
            if stage:
                stage.advance()
        return out
    heavy = sorted((i for i, it in enumerate(items) if it.path.suffix.lower() in HEAVY_SUFFIXES),
                   key=lambda i: -items[i].size)
    light = [i for i, it in enumerate(items) if it.path.suffix.lower() not in HEAVY_SUFFIXES]
    results: list[dict | None] = [None] * len(items)
    # Chunks keep the round trips few (each task pickles a dict out) yet small enough that the
    # count moves every few seconds and the last chunks spread over the cores.
    size = max(1, min(32, len(light) // (jobs * 8)))
    tasks = [[i] for i in heavy] + [light[k:k + size] for k in range(0, len(light), size)]
    with ProcessPoolExecutor(max_workers=jobs, initializer=ocr.set_cache_dir, initargs=(ocr_cache,)) as pool:
        futures = {pool.submit(_parse_chunk, [_task(items[i]) for i in task], store): task for task in tasks}
        for future in as_completed(futures):
            task = futures[future]
            for i, report in zip(task, future.result()):
                results[i] = report
            if stage:
                stage.advance(len(task))
    return results  # type: ignore[return-value]


Task = tuple[str, str, bytes, bytes | None, str]  # path, source, bytes (b"": read the path), provenance, key


def _task(it: Input) -> Task:
    return str(it.path), it.source, it.data, it.provenance or None, it.key


def is_scan(it: Input) -> bool:
    """Read by OCR: parse_all reads these in the parent, each scan's pages across the cores (in a
    worker they run one after another, and the last scan kept one core busy long after the rest)."""
    return it.path.suffix.lower() in HEAVY_SUFFIXES and bool(scanned.scan_pages(it.path))


def _parse_one(task: Task, store: "Cache | None" = None) -> dict:
    path, source, data, provenance, key = task
    if not data:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:  # unreadable now: an error result, never cached
            return {"source": source, "error": f"cannot read file: {exc.strerror or exc}"}
    report = parse_bytes(data, source, Path(path).suffix, False, provenance)
    if store is not None:
        store.put(key, report)
    return report


def _parse_chunk(chunk: list[Task], store: "Cache | None" = None) -> list[dict]:
    return [_parse_one(task, store) for task in chunk]


def usable_cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@lru_cache(maxsize=1)
def parser_version() -> str:
    """A hash of the parser's code and library versions: the cache's namespace."""
    h = hashlib.sha256(CACHE_FORMAT.encode())
    for name in PARSER_SOURCES:
        target = PACKAGE / name
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for f in files:
            h.update(f.relative_to(PACKAGE).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    for lib in PARSER_LIBRARIES:
        try:
            h.update(f"{lib}={metadata.version(lib)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib}=none\0".encode())
    return h.hexdigest()[:20]


class Cache:
    """One small JSON file per parsed input under <root>/<parser version>/<key[:2]>/<key>.json."""

    def __init__(self, root: Path, version: str | None = None):
        self.root = root
        self.version = version or parser_version()
        self.dir = root / self.version
        self.writable = True

    def path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def get(self, item: Input) -> dict | None:
        try:
            stored = json.loads(self.path(item.key).read_text(encoding="utf-8"))
        except (OSError, ValueError):  # missing, or cut short by a crash: parse again
            return None
        if not isinstance(stored, dict) or "source" not in stored:
            return None
        stored["source"] = item.source  # keeps the key where the parser put it
        return stored

    def put(self, key: str, report: dict) -> None:
        if not self.writable:
            return
        stored = {**report, "source": ""}  # the path is the file's, not the bytes': set on reading
        try:  # whole or not at all, even with two builds at once
            write_atomic(self.path(key), json.dumps(stored, ensure_ascii=False, separators=(",", ":")).encode())
        except OSError as exc:
            self.writable = False
            log.warning("parse cache %s is not writable (%s); parsing without it", self.root, exc)

    def prune(self) -> None:
        """Drop the results of other parser versions: they can never be read again."""
        prune_versions(self.root, self.version)