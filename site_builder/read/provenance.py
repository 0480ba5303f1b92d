"""Where a file came from: the provenance a crawl keeps beside each file it saves.

A crawled report is saved as published (the page's HTML as served, or the attachment), so
where it came from cannot be written into it. It goes beside it, in `<file>.provenance.json`:
the original URL, the list page's title and date, the report page (for an attachment), the
fetch time, the HTTP validators and the sha256. The reader's metadata step takes
`published`, `url` and `publisher` from it where the file itself says nothing, and the title
where the text shows none (an attachment that cannot be read, a page with the title alone).

The build reads these files as part of their report: the parse cache keys on the sidecar's
bytes too, and a sidecar is never an input of its own.
"""
from __future__ import annotations

import json
from pathlib import Path

from site_builder.read.meta import clean_field

SIDECAR_SUFFIX = ".provenance.json"


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> bytes:
    """The sidecar's bytes, b"" when the file has none (or it cannot be read)."""
    try:
        return sidecar_path(path).read_bytes()
    except OSError:
        return b""


def load(raw: bytes | None) -> dict:
    """The provenance object; {} for none or a damaged sidecar (the file is still read)."""
    if not raw:
        return {}
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def provenance_meta(prov: dict) -> dict:
    """published, url, publisher as the provenance gives them: the date the report page states
    (for an attachment) or the list page's date; the file's original address; the publisher the
    report page names."""
    def field(key: str, name: str) -> str | None:
        value = prov.get(name)
        return clean_field(key, value) if isinstance(value, str) else None

    return {"published": field("published", "page_published") or field("published", "list_date"),
            "url": field("url", "url"), "publisher": field("publisher", "page_publisher")}


def provenance_title(prov: dict) -> str | None:
    """The title the list page (or, for an attachment, its report page) gives the report."""
    for key in ("title", "page_title"):
        value = prov.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None
