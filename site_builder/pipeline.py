"""One input file to one contract object: read, parse, check.

The CLI, the site build and the tests all call `parse_file`, so a report is
read the same way everywhere. Bad input never raises out of here: it becomes an
object with "error" naming what is wrong.
"""
from __future__ import annotations

from pathlib import Path

from site_builder.check import run_checks
from site_builder.parse import ParseError, parse_document
from site_builder.parse.older import older_form_document
from site_builder.read import ReadError, read_bytes
from site_builder.read.provenance import read_sidecar
from site_builder.segment import segment


def parse_bytes(data: bytes, source: str, suffix: str = "", debug: bool = False,
                provenance: bytes | None = None) -> dict:
    """`provenance`: the bytes of the file's provenance sidecar (read/provenance.py), if any."""
    doc = None
    try:
        doc = read_bytes(data, source, suffix, provenance)
        report = parse_document(segment(doc), debug)
    except (ReadError, ParseError) as exc:
        # Not a report of the 2019/2021 forms: an annual report of an older form, by its title?
        return older_form_document(source, doc, provenance) or {"source": source, "error": str(exc)}
    except RecursionError:
        return {"source": source, "error": "input is nested too deeply to read"}
    report["checks"] = report["checks"] + run_checks(report)
    return report


def holds_report(data: bytes, source: str, suffix: str = "") -> bool:
    """Whether the file holds a report of the 2019/2021 forms (its tables read), without checking it:
    the crawl asks this of a report page that also links attachments."""
    try:
        parse_document(segment(read_bytes(data, source, suffix)))
    except (ReadError, ParseError, RecursionError):
        return False
    return True


def read_input(path: Path, root: Path | None = None) -> tuple[str, bytes] | dict:
    """(source, bytes) of one input, or its error object: the one place a file is read."""
    source = source_path(path, root)
    try:
        return source, path.read_bytes()
    except OSError as exc:
        return {"source": source, "error": f"cannot read file: {exc.strerror or exc}"}


def parse_file(path: Path, root: Path | None = None, debug: bool = False) -> dict:
    read = read_input(path, root)
    if isinstance(read, dict):
        return read
    return parse_bytes(read[1], read[0], path.suffix, debug, read_sidecar(path) or None)


def source_path(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve().parent).as_posix()
        except ValueError:
            pass
    return path.as_posix()
