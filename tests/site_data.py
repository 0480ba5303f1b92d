"""Reading a built site's open data as a user would: the full report objects, the agencies."""
from __future__ import annotations

import gzip
import json
from pathlib import Path


def published_reports(site: Path) -> list[dict]:
    """Every report object the site publishes (data/reports/<region>.json.gz, listed in its index)."""
    folder = site / "data" / "reports"
    listing = json.loads((folder / "index.json").read_text(encoding="utf-8"))["files"]
    return [r for f in listing for r in json.loads(gzip.decompress((folder / f["file"]).read_bytes()))]
