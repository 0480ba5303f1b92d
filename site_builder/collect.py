"""Find every input under content/ and parse it (the build's first stage)."""
from __future__ import annotations

from pathlib import Path

from site_builder.pipeline import parse_file
from site_builder.read import SUPPORTED_SUFFIXES


def find_inputs(content_dir: Path) -> tuple[list[Path], list[Path]]:
    """(inputs to parse, files skipped because their type is not a report format)."""
    inputs, skipped = [], []
    for path in sorted(p for p in content_dir.rglob("*") if p.is_file()):
        if path.name.startswith("."):
            continue
        (inputs if path.suffix.lower() in SUPPORTED_SUFFIXES else skipped).append(path)
    return inputs, skipped


def parse_all(content_dir: Path) -> list[dict]:
    inputs, _ = find_inputs(content_dir)
    return [parse_file(p, content_dir) for p in inputs]
