"""Word reports: `.docx` read with python-docx, legacy `.doc` converted by LibreOffice.

Paragraphs and tables come in body order. A table becomes one grid row per
Word row: a cell merged across columns prints once, one merged down rows repeats
(python-docx already repeats horizontal spans and resolves vertical merges to
their first cell), so the parser sees the same rows as for HTML.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from site_builder.read.celltext import tidy_cell
from site_builder.read.document import Line, RawDocument, ReadError

# A report's document.xml is well under 5 MB; these limits leave room for images.
MAX_ENTRIES = 5000
MAX_MEMBER_BYTES = 100 * 1024 * 1024
MAX_TOTAL_BYTES = 300 * 1024 * 1024
MAX_RATIO = 200  # deflate reaches ~10x on XML; a bomb reaches 1000x and more
_RATIO_FLOOR = 1024 * 1024  # small members may compress well without being bombs
CONVERT_TIMEOUT = 120  # seconds for LibreOffice to convert one .doc
_DOC_HINT = ("convert it to .docx with LibreOffice (`soffice --headless --convert-to docx FILE.doc`) "
             "or Word, or install LibreOffice so the build converts it")


def read_docx(data: bytes, source: str) -> RawDocument:
    archive = check_archive(data)
    if "word/document.xml" not in archive:
        raise ReadError("a zip archive but not a Word .docx (no word/document.xml)")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_body_lines(document))
    except ReadError:
        raise
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ReadError(f"Word .docx is damaged ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # lxml and python-docx raise many types on broken XML
        raise ReadError(f"Word .docx cannot be read ({type(exc).__name__}: {exc})") from exc
    return RawDocument(source, "docx", lines)


def check_archive(data: bytes) -> set[str]:
    """The archive's member names, after refusing a zip bomb by its declared sizes.

    Python's zipfile stops inflating a member at its declared size (and then fails
    its CRC), so checking the declared sizes before reading bounds the memory used.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise ReadError(f"Word .docx is not a valid zip archive (truncated or damaged: {exc})") from exc
    if len(infos) > MAX_ENTRIES:
        raise ReadError(f"Word .docx holds {len(infos)} files (limit {MAX_ENTRIES}): refused as a zip bomb")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or (info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO):
            raise ReadError(f"Word .docx member {info.filename!r} inflates to {info.file_size} bytes "
                            f"({ratio:.0f}x its compressed size): refused as a zip bomb")
    if total > MAX_TOTAL_BYTES:
        raise ReadError(f"Word .docx inflates to {total} bytes in all (limit {MAX_TOTAL_BYTES}): "
                        "refused as a zip bomb")
    return {info.filename for info in infos}


def _body_lines(document):
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            yield from table_lines(block)
            continue
        for text in block.text.replace("\r", "\n").split("\n"):
            if text.strip():
                yield Line(tuple(cell.strip() for cell in text.split("\t")))


def table_lines(table) -> list[Line]:
    """One grid line per Word row, merged across columns printed once, short rows padded at their grid offset."""
    width = len(table.columns)
    lines = []
    for row in table.rows:
        cells = [""] * row.grid_cols_before
        row_cells = list(row.cells)
        # python-docx repeats a cell merged across columns: print it once, like the other readers.
        cells += [tidy_cell(cell.text) if n == 0 or cell._tc is not row_cells[n - 1]._tc else ""
                  for n, cell in enumerate(row_cells)]
        cells += [""] * max(row.grid_cols_after, width - len(cells))
        if any(cells):
            lines.append(Line(tuple(cells[: max(width, len(cells))]), grid=True))
    return lines


def read_doc(data: bytes, source: str) -> RawDocument:
    """Legacy binary Word: converted with LibreOffice when it is installed, else a clear error."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ReadError("legacy Word .doc (binary, or a password-protected .docx) cannot be read directly: "
                        + _DOC_HINT)
    with tempfile.TemporaryDirectory(prefix="site_builder_doc_") as tmp:
        folder = Path(tmp)
        (folder / "report.doc").write_bytes(data)
        command = [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                   "--convert-to", "docx", "--outdir", str(folder / "out"), str(folder / "report.doc")]
        try:
            subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ReadError(f"legacy Word .doc: LibreOffice did not convert it within {CONVERT_TIMEOUT}s; "
                            + _DOC_HINT) from exc
        converted = folder / "out" / "report.docx"
        if not converted.is_file():
            raise ReadError("legacy Word .doc: LibreOffice could not convert it (damaged or "
                            "password-protected?); " + _DOC_HINT)
        doc = read_docx(converted.read_bytes(), source)
    doc.notes.append("legacy Word .doc converted to .docx with LibreOffice")
    return doc
