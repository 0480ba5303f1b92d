"""One input file to one contract object: read, parse, check.

The CLI, the site build and the tests all call `parse_file`, so a report is
read the same way everywhere. Bad input never raises out of here: it becomes an
object with "error" naming what is wrong.
"""
from __future__ import annotations

from pathlib import Path

from site_builder.check import run_checks
from site_builder.parse import ParseError, parse_document
from site_builder.read import RawDocument, ReadError, read_bytes


def parse_bytes(data: bytes, source: str, suffix: str = "", debug: bool = False) -> dict:
    try:
        doc = read_bytes(data, source, suffix)
        return parse_raw(doc, debug)
    except (ReadError, ParseError) as exc:
        return {"source": source, "error": str(exc)}
    except RecursionError:
        return {"source": source, "error": "input is nested too deeply to read"}


def parse_raw(doc: RawDocument, debug: bool = False) -> dict:
    report = parse_document(doc, debug)
    report["checks"] = report["checks"] + run_checks(report)
    return report


def parse_file(path: Path, root: Path | None = None, debug: bool = False) -> dict:
    source = source_path(path, root)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return {"source": source, "error": f"cannot read file: {exc.strerror or exc}"}
    return parse_bytes(data, source, path.suffix, debug)


def source_path(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve().parent).as_posix()
        except ValueError:
            pass
    return path.as_posix()
