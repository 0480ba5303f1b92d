"""The reports' own files on the site, within the site's size budget.

A GitHub Pages site may be at most 1 GB. Each published report's original file is
served for download (`sources/<path in content/>`) as long as the site stays within its
budget; beyond that, the files that would break it are linked to the address they
were published at (`url`) instead, the largest first (scans and big PDFs), and each
one is listed in the build report and on the quality page. A file that has no known
address and does not fit is listed as not served: its report is still published,
only its original file is not on the site. Nothing is left out silently.

The plan is made twice by the build: first with every file served (to render the
pages), then, once the rest of the site has been written and measured, fitted to
what the budget leaves (the pages of the few agencies whose files are no longer
served are rendered again).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

# Served as they are; any other source (HTML, Markdown, SVG …) is served as .txt so a report
# can never run script on the site's origin or turn into a page.
SAFE_SOURCE_SUFFIXES = (".txt", ".text", ".pdf", ".docx", ".doc")
DEFAULT_BUDGET = 1_000_000_000  # GitHub Pages: a published site may be at most 1 GB
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.I)
_UNITS = {"": 1, "b": 1, "k": 10**3, "m": 10**6, "g": 10**9, "ki": 2**10, "mi": 2**20, "gi": 2**30}


BLOCK = 4096  # a file system's block: a file on disk takes whole blocks
RECORD = 512  # a tar record: the Pages artifact gives each file a header and pads it to records


def stored_size(size: int) -> int:
    """What a file of `size` bytes takes against the budget: whole blocks on disk, or in the Pages
    artifact (a tar) a header and whole records, whichever is more. A province's site is 70,000
    small files; counted by their bytes alone it was 962 MB, yet 1,163 MB on disk and 1,021 MB
    as the artifact."""
    return max(-(-size // BLOCK) * BLOCK, RECORD + -(-size // RECORD) * RECORD)


FOLDER_SIZE = BLOCK  # a folder's own block on disk (a tar's header for it is less)


def margin(budget: int) -> int:
    """Room kept free of sources: the build estimates the rest of the site before the site engine
    runs (measured within 0.5% at 10,000 reports, less closely for a site of a few pages)."""
    return budget // 100 + 1_000_000


def parse_size(text: str) -> int:
    """`1GB`, `800MB`, `500M`, `2.5GiB`, `123456` -> bytes; ValueError naming the text otherwise."""
    m = _SIZE.match(str(text))
    if not m:
        raise ValueError(f"not a size: {text!r} (e.g. 1GB, 800MB, 123456)")
    unit = (m.group(2) or "").lower().rstrip("b")
    return int(float(m.group(1)) * _UNITS[unit])


def site_path(rel: str) -> str:
    """The site URL path (from the site root) a content file is served at."""
    suffix = Path(rel).suffix.lower()
    return f"sources/{rel}" if suffix in SAFE_SOURCE_SUFFIXES else f"sources/{rel}.txt"


@dataclass(frozen=True)
class SourceFile:
    source: str  # the report's `source` (relative to the content folder's parent)
    path: Path  # the file in the content folder
    rel: str  # its path inside the content folder
    size: int
    url: str | None  # where it was published, when the report says so (http/https only)
    served: bool = True

    @property
    def site_path(self) -> str:
        return site_path(self.rel)

    @property
    def stored(self) -> int:
        return stored_size(self.size)


@dataclass
class SourcePlan:
    files: dict[str, SourceFile]  # by source
    budget: int
    changed: set[str] = field(default_factory=set)  # sources whose link changed in the last fit

    @property
    def served(self) -> list[SourceFile]:
        return [f for f in self.files.values() if f.served]

    @property
    def linked(self) -> list[SourceFile]:
        """Not served, linked to where they were published instead."""
        return [f for f in self.files.values() if not f.served and f.url]

    @property
    def missing(self) -> list[SourceFile]:
        """Not served and with no known address: only their reports' data is on the site."""
        return [f for f in self.files.values() if not f.served and not f.url]

    def served_bytes(self) -> int:
        """What the files served take against the budget (stored_size), not their bytes, and their folders."""
        folders = {str(parent) for f in self.served for parent in Path(f.site_path).parents}
        return sum(f.stored for f in self.served) + FOLDER_SIZE * len(folders)

    def served_path(self, source: str) -> str | None:
        """The file's path on the site (from the site root) when it is served."""
        f = self.files.get(source)
        return f.site_path if f is not None and f.served else None

    def href(self, source: str, root: str) -> tuple[str | None, bool]:
        """(link to the file from a page at `root`, True when it goes to the publisher's site)."""
        f = self.files.get(source)
        if f is None:
            return None, False
        if f.served:
            return root + f.site_path, False
        return f.url, True

    def fit(self, available: int) -> "SourcePlan":
        """Serve what fits in `available` bytes: files are linked out largest first, those with a
        known address before those without (which lose their download); then the smallest of those
        taken out come back while they still fit."""
        order = sorted(self.files.values(), key=lambda f: (f.url is None, -f.size, f.source))
        total = sum(f.stored for f in order)
        unserved: list[SourceFile] = []
        for f in order:
            if total <= available:
                break
            unserved.append(f)
            total -= f.stored
        for f in sorted(unserved, key=lambda f: (f.size, f.source)):
            if total + f.stored <= available:
                unserved.remove(f)
                total += f.stored
        out = {f.source for f in unserved}
        files = {s: replace(f, served=s not in out) for s, f in self.files.items()}
        changed = {s for s in files if files[s].served != self.files[s].served}
        return SourcePlan(files, self.budget, changed)


def web_url(report: dict) -> str | None:
    url = report.get("url")
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) else None


def plan_sources(reports: list[dict], twins: dict[str, dict], content_dir: Path, budget: int) -> SourcePlan:
    """Every published report's file and every twin file, all served (fit() trims to the budget).

    `twins` maps a twin file's source to the report it is a second copy of (its url is the report's).
    """
    files: dict[str, SourceFile] = {}
    for source, report in [(str(r.get("source")), r) for r in reports] + list(twins.items()):
        path = input_path(source, content_dir)
        if path is None or source in files:
            continue
        rel = path.relative_to(content_dir.resolve()).as_posix()
        files[source] = SourceFile(source, path, rel, path.stat().st_size, web_url(report))
    return SourcePlan(files, budget)


def input_path(source: str, content_dir: Path) -> Path | None:
    """The file a report came from: `source` is relative to the content folder's parent."""
    root = content_dir.resolve()
    for base in (root.parent, root, Path.cwd()):
        candidate = (base / source).resolve()
        if candidate.is_file() and candidate.is_relative_to(root):
            return candidate
    return None


LISTING_COLUMNS = ("file", "bytes", "status", "address")  # data/sources.csv


def listing_rows(plan: SourcePlan) -> list[list[str | int]]:
    """data/sources.csv: every original file, where it is (its path on the site, or its publisher's
    address) or that it is not served; largest first."""
    rows: list[list[str | int]] = []
    for f in sorted(plan.files.values(), key=lambda f: (-f.size, f.rel)):
        status = "served" if f.served else "linked" if f.url else "not_served"
        address = f.site_path if f.served else f.url or ""
        rows.append([f.rel, f.size, status, address])
    return rows
