"""Files the build and the crawl keep between runs: written whole or not at all, old versions dropped.

The parse and OCR caches, the crawl's state and the files it saves are read by later runs,
by other processes of the same run, and by CI jobs that restore them; a crash or a second
build at once must never leave half a file where a whole one is expected.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write aside, then rename: a reader (or a crash) never sees half a file. OSError as open() raises."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def prune_versions(folder: Path, keep: str) -> None:
    """Drop every subfolder of a versioned cache but `keep`: no key can name the others again, and a
    cache kept between CI runs would otherwise grow by a full set at every change of the code."""
    try:
        stale = [d for d in folder.iterdir() if d.is_dir() and d.name != keep]
    except OSError:
        return
    for d in stale:
        shutil.rmtree(d, ignore_errors=True)
