"""The sources file: which portal columns to crawl (content/sources.csv).

CSV, UTF-8 (a BOM is allowed), with a header. One row per column:

| column | what |
|---|---|
| `url` | the 年报 column's list page, or a body's 政府信息公开 home page (the column is then found by its link text) |
| `agency` | optional: the body's name; its reports go into a folder of that name |
| `region` | optional: a region path `省/市/县` or a GB/T 2260 code; reports are written under `reports/<region path>/` |
| `more_urls` | optional: further list pages of the same column, separated by spaces (for a list the portal pages only through a script) |

Errors name the file and the line; a bad row stops nothing but itself.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from site_builder import places
from site_builder.crawl.links import canonical

COLUMNS = ("url", "agency", "region", "more_urls")
UNPLACED = "地区未定"  # folder of reports whose region neither the row nor the body's name gives
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class SourcesError(Exception):
    """The sources file cannot be used at all (missing, unreadable, no `url` column)."""


@dataclass(frozen=True)
class Source:
    url: str  # canonical form of the row's URL: the column's identity in the state and the report
    agency: str | None
    region: str | None  # folder path under reports/, e.g. 福建省/平潭综合实验区
    more: tuple[str, ...] = ()
    line: int = 0

    def folder(self, title_agency: str | None = None) -> str:
        """reports/<region>/<agency>/ for this column's files; the region from the row, else from the
        body's name (the row's, else the one a report's title prints)."""
        region = self.region
        for name in (self.agency, title_agency):
            if region is None and name:
                code, _ = places.name_region(name)
                region = places.gazetteer().path(code) if code else None
        parts = ["reports", *(region or UNPLACED).split("/")]
        if self.agency:
            parts.append(safe_name(self.agency))
        return "/".join(parts)


def safe_name(text: str) -> str:
    """A file or folder name: no separators or control characters, at most 80 characters."""
    return _UNSAFE.sub("_", " ".join(text.split())).strip(" ._")[:80] or "_"


def region_folder(value: str) -> str:
    """The folder path a row's `region` names: a GB/T 2260 code becomes its path; a path must name
    a region in its folders (福建省/平潭综合实验区). Raises ValueError otherwise."""
    value = value.strip().strip("/")
    g = places.gazetteer()
    if value.isdigit():
        if value not in g.names:
            raise ValueError(f"region {value} is not a GB/T 2260 code")
        return g.path(value)
    parts = [p.strip() for p in value.split("/") if p.strip()]
    if places.folder_region(parts) is None:
        raise ValueError(f"region {value!r} names no region of GB/T 2260 (write 省/市/县 or a code)")
    return "/".join(safe_name(p) for p in parts)


def read_sources(path: Path) -> tuple[list[Source], list[str]]:
    """The rows, and one message per row that cannot be used (naming the file and line)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SourcesError(f"{path}: no sources file (a CSV with a `url` column; see README)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path}: cannot be read as UTF-8 ({exc})") from None
    reader = csv.DictReader(io.StringIO(text))
    if "url" not in (reader.fieldnames or []):
        raise SourcesError(f"{path}: no `url` column in the header (columns: {', '.join(COLUMNS)})")
    rows: list[Source] = []
    errors: list[str] = []
    seen: set[str] = set()
    for line, row in enumerate(reader, start=2):
        row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        if not any(row.values()):
            continue
        try:
            url = canonical(row["url"])
            more = tuple(canonical(u) for u in re.split(r"[\s;]+", row.get("more_urls", "")) if u)
            region = region_folder(row["region"]) if row.get("region") else None
        except ValueError as exc:
            errors.append(f"{path.name} line {line}: {exc}")
            continue
        if url in seen:
            errors.append(f"{path.name} line {line}: {url} is listed twice; the first row is used")
            continue
        seen.add(url)
        rows.append(Source(url, row.get("agency") or None, region, more, line))
    return rows, errors
