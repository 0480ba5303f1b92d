"""The crawl state: every URL seen, with its validators and content hash, and the crawl left
unfinished. It lives in the content folder (`content/.crawl/state.json`), so it is committed
with the content and the next run, on any machine, goes on from it.

- `urls`: each item URL (a report page, an attachment) -> what was last fetched from it: its
  kind, ETag/Last-Modified, sha256, the file it was saved as (every version), the list title and
  date it was listed with, a twin's original, or the error of its last try.
- `lists`: each list page -> its validators and what it listed (entries, pages, stated count),
  so a 304 Not Modified still gives the entries.
- `crawl`: the crawl in progress: the tasks still to do, what was queued, the report so far.
  Absent once a crawl finishes; a run that finds it resumes that crawl.

Written aside and renamed into place, one entry per line (sorted keys): an interrupted write
never leaves half a file, and a committed state diffs line by line.
"""
from __future__ import annotations

import json
from pathlib import Path

from site_builder.files import write_atomic

STATE_DIR = ".crawl"  # hidden: the build never takes anything under it for a report
STATE_FILE = "state.json"
FORMAT = 1


def dump_json(data: dict) -> bytes:
    """One key per line, sorted: a committed file diffs line by line."""
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


class StateError(Exception):
    """The state file exists but cannot be used (damaged, or written by a newer format)."""


class State:
    def __init__(self, path: Path, data: dict | None = None):
        data = data or {}
        self.path = path
        self.urls: dict[str, dict] = data.get("urls", {})
        self.lists: dict[str, dict] = data.get("lists", {})
        self.crawl: dict | None = data.get("crawl")
        self._by_sha: dict[str, str] | None = None

    @classmethod
    def load(cls, content_dir: Path) -> State:
        path = content_dir / STATE_DIR / STATE_FILE
        if not path.is_file():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise StateError(f"{path}: cannot be read ({exc}); move it aside to start a fresh crawl") from None
        if not isinstance(data, dict) or data.get("format", FORMAT) > FORMAT:
            raise StateError(f"{path}: not a crawl state of format {FORMAT}")
        return cls(path, data)

    def save(self) -> None:
        data = {"format": FORMAT, "urls": self.urls, "lists": self.lists}
        if self.crawl is not None:
            data["crawl"] = self.crawl
        write_atomic(self.path, dump_json(data))

    # ---- what is stored -------------------------------------------------------------------

    def file_with(self, sha256: str) -> tuple[str, str] | None:
        """(URL, file) of a file already saved with these bytes, if any."""
        if self._by_sha is None:
            self._by_sha = {}
            for url, entry in self.urls.items():
                for version in entry.get("versions", ()):
                    self._by_sha.setdefault(version["sha256"], url)
        url = self._by_sha.get(sha256)
        if url is None:
            return None
        file = next(v["file"] for v in self.urls[url]["versions"] if v["sha256"] == sha256)
        return url, file

    def add_version(self, url: str, sha256: str, file: str) -> None:
        entry = self.urls.setdefault(url, {})
        entry.setdefault("versions", []).append({"sha256": sha256, "file": file})
        if self._by_sha is not None:
            self._by_sha.setdefault(sha256, url)

    def latest(self, url: str) -> dict | None:
        """The last version saved from this URL: {"sha256", "file"}."""
        versions = self.urls.get(url, {}).get("versions") or []
        return versions[-1] if versions else None

    def is_done(self, url: str) -> bool:
        """Whether an item URL has given everything it holds: saved (or a twin of a saved file), or
        a page whose attachments are all done. Failed and unfinished items are tried again."""
        entry = self.urls.get(url)
        if not entry or entry.get("error"):
            return False
        if entry.get("kind") == "page":
            attachments = entry.get("attachments") or []
            return bool(attachments) and all(self.is_done(a) for a in attachments if a != url)
        return bool(entry.get("versions") or entry.get("twin_of"))
