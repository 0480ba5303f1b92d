"""Storage: each report saved into content/ as published, its provenance beside it.

A report page is saved as the HTML the portal served (navigation, footer and scripts around
the article: the reader finds the report in it); an attachment as its bytes. Beside each file,
`<file>.provenance.json` (read/provenance.py) says where it came from. Nothing in content/ is
overwritten or deleted:

- the same bytes from the same URL again: unchanged, nothing written;
- the same bytes at another URL: stored once; the second URL is a twin, added to the first
  file's provenance (`also_at`);
- new bytes from a URL already saved (an agency corrected its report): a new version beside the
  old one (`t2025_1.v2.htm`), both kept, both listed in the state;
- a name already taken by other bytes (another column, a file put there by hand): a new name.
"""
from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from site_builder.crawl.fetch import Response
from site_builder.crawl.state import State, dump_json
from site_builder.files import write_atomic
from site_builder.read import sniff
from site_builder.read.provenance import sidecar_path

MAX_STEM = 80
# What the bytes are (read.sniff) -> suffixes the URL may keep, and the one used otherwise.
_SUFFIXES = {"html": ((".htm", ".html"), ".html"), "pdf": ((".pdf",), ".pdf"),
             "docx": ((".docx", ".xlsx", ".ofd"), ".docx"), "doc": ((".doc", ".wps", ".xls", ".et"), ".doc"),
             "image": ((".png", ".jpg", ".jpeg", ".tif", ".tiff"), ".png"), "text": ((".txt",), ".txt"),
             "markdown": ((".md",), ".md")}
_CONTENT_TYPES = {"application/msword": ".doc", "application/vnd.ms-excel": ".xls", "application/ofd": ".ofd",
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx"}
_UNSAFE = re.compile(r"[^\w\-.\u3400-\u9fff]+")


@dataclass(frozen=True)
class Saved:
    outcome: str  # new | unchanged | changed | twin
    file: str  # content-relative path of the file holding these bytes
    previous: str | None = None  # changed: the version kept beside it
    twin_of: str | None = None  # twin: the URL first saved with these bytes


def utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def file_name(url: str, data: bytes, headers: dict[str, str]) -> str:
    """A readable, safe file name: the URL's last segment (a hash of the URL added when a query
    string tells its pages apart), with a suffix that says what the bytes are."""
    parts = urlsplit(url)
    last = unquote(posixpath.basename(parts.path)) or "index"
    stem, ext = posixpath.splitext(last)
    stem = _UNSAFE.sub("_", stem).strip("._")[:MAX_STEM] or "index"
    if parts.query:
        stem += "-" + hashlib.sha1(url.encode()).hexdigest()[:8]
    kind = sniff(data, ext.lower())
    allowed, default = _SUFFIXES.get(kind, ((), ".bin"))
    if ext.lower() in allowed:
        return stem + ext.lower()
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    typed = _CONTENT_TYPES.get(content_type)
    return stem + (typed if typed in allowed else default)


class Store:
    def __init__(self, content_dir: Path, state: State, clock=utc_now):
        self.content = content_dir
        self.state = state
        self.clock = clock

    def save(self, resp: Response, folder: str, provenance: dict) -> Saved:
        """Keep the response's bytes for its URL under `folder` (content-relative), with provenance."""
        url, data = resp.url, resp.content
        sha = hashlib.sha256(data).hexdigest()
        latest = self.state.latest(url)
        if latest and latest["sha256"] == sha and (self.content / latest["file"]).is_file():
            return Saved("unchanged", latest["file"])
        twin = self.state.file_with(sha)
        if twin and twin[0] != url and (self.content / twin[1]).is_file():
            self._add_alias(twin[1], url)
            entry = self.state.urls.setdefault(url, {})
            entry.update(twin_of=twin[0], file=twin[1], sha256=sha)
            return Saved("twin", twin[1], twin_of=twin[0])
        name = file_name(url, data, resp.headers)
        if latest:  # corrected report: a new version beside the old one
            old = Path(latest["file"])
            folder = old.parent.as_posix()
            stem = re.sub(r"\.v\d+$", "", os.path.splitext(old.name)[0])
            name = f"{stem}.v{len(self.state.urls[url]['versions']) + 1}{os.path.splitext(name)[1]}"
        target, existed = self._place(self.content / folder / name, data)
        rel = target.relative_to(self.content).as_posix()
        record = {**{k: v for k, v in provenance.items() if v not in (None, "", [])},
                  "url": url, "fetched": self.clock(), "sha256": sha, "bytes": len(data),
                  "http": {"status": resp.status, **resp.validators(),
                           **({"content_type": resp.headers["content-type"]} if resp.headers.get("content-type") else {})}}
        if resp.final_url != url:
            record["final_url"] = resp.final_url
        if latest:
            record.update(version=len(self.state.urls[url]["versions"]) + 1, previous=latest["file"])
        if not existed or not sidecar_path(target).is_file():
            write_atomic(sidecar_path(target), dump_json(record))
        self.state.add_version(url, sha, rel)
        if existed:  # the same bytes were already there under this name (a state lost, a rerun)
            return Saved("unchanged", rel)
        return Saved("changed" if latest else "new", rel, previous=latest["file"] if latest else None)

    def _place(self, target: Path, data: bytes) -> tuple[Path, bool]:
        """(where to write, whether those exact bytes are already there). Never another file's place."""
        stem, suffix = os.path.splitext(target.name)
        for n in range(1, 1000):
            candidate = target if n == 1 else target.with_name(f"{stem}-{n}{suffix}")
            if not candidate.exists():
                write_atomic(candidate, data)
                return candidate, False
            if candidate.is_file() and candidate.read_bytes() == data:
                return candidate, True
        raise OSError(f"no free name for {target}")

    def _add_alias(self, file: str, url: str) -> None:
        path = sidecar_path(self.content / file)
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if url != record.get("url") and url not in record.setdefault("also_at", []):
            record["also_at"].append(url)
            write_atomic(path, dump_json(record))

