"""Read an input file into a RawDocument, whatever its format.

One module per format, all returning the same RawDocument. The format is taken
from the file's bytes first and its name second, so a `.pdf` that is really an
HTML page is named as such instead of failing deep inside a PDF library.
"""
from __future__ import annotations

from site_builder.read.document import Line, RawDocument, ReadError
from site_builder.read.html import parse_html
from site_builder.read.markdown import markdown_lines
from site_builder.read.meta import html_meta, html_title, merge, text_meta
from site_builder.read.provenance import load, provenance_meta, provenance_title
from site_builder.read.text import decode, text_lines

__all__ = ["Line", "RawDocument", "ReadError", "read_bytes", "SUPPORTED_SUFFIXES"]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".doc", *IMAGE_SUFFIXES)
# Formats reports are published in that the reader cannot read yet: the crawl saves them, the build
# names them (with these names) on the quality page.
UNREADABLE_FORMATS = {".wps": "WPS 文字", ".ofd": "OFD 版式文件", ".xls": "Excel 工作簿（旧格式）",
                      ".xlsx": "Excel 工作簿", ".et": "WPS 表格", ".rtf": "RTF 文档"}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")  # PNG, JPEG, TIFF (both byte orders)


def sniff(data: bytes, suffix: str) -> str:
    """The format of the bytes: pdf, image, docx, doc, html, markdown or text."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if data[:5] == b"%PDF-":
        return "pdf"
    if data.startswith(_IMAGE_MAGIC):
        return "image"
    if data[:4] == b"PK\x03\x04":
        return "docx"
    if data[:8] == _OLE_MAGIC:
        return "doc"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or (
        suffix in (".html", ".htm") and b"<" in head
    ):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    return "text"


def read_bytes(data: bytes, source: str, suffix: str = "", provenance: bytes | None = None) -> RawDocument:
    """The document's lines, and what it says about itself (`meta`: published, url, publisher):
    the file's own words first, then the provenance a crawl kept beside it (read/provenance.py)."""
    prov = load(provenance)
    doc, tags = _read(data, source, suffix)
    header = [line.text for line in doc.lines[:60] if not line.grid]
    doc.meta = merge(html_meta(tags), text_meta(header), provenance_meta(prov))
    doc.title_hint = provenance_title(prov) or html_title(tags)
    return doc


def _read(data: bytes, source: str, suffix: str) -> tuple[RawDocument, list[tuple[str, str]]]:
    suffix = suffix.lower()
    kind = sniff(data, suffix)
    if suffix == ".pdf" and kind != "pdf":
        raise ReadError(f"named .pdf but it is not a PDF (the bytes are {kind})")
    if suffix == ".docx" and kind != "docx":
        raise ReadError(f"named .docx but it is not a Word .docx file (the bytes are {kind})")
    if suffix in IMAGE_SUFFIXES and kind != "image":
        raise ReadError(f"named {suffix} but it is not a PNG, JPEG or TIFF image (the bytes are {kind})")
    if kind == "image":
        from site_builder.read.ocr_layout import read_scan

        return read_scan(data, source, "image", "an image of the report (a scan or a photo)"), []
    if kind == "pdf":
        from site_builder.read.pdf import read_pdf

        return read_pdf(data, source), []
    if kind == "docx":
        from site_builder.read.docx import read_docx

        return read_docx(data, source), []
    if kind == "doc":
        from site_builder.read.docx import read_doc

        return read_doc(data, source), []
    text = decode(data)
    if kind == "html":
        lines, tags = parse_html(text)
        return RawDocument(source, "html", lines), tags
    if kind == "markdown" or _has_pipe_table(text):
        return RawDocument(source, "markdown", markdown_lines(text)), []
    return RawDocument(source, "text", text_lines(text)), []


def _has_pipe_table(text: str) -> bool:
    return sum(1 for line in text.splitlines()[:400] if line.lstrip().startswith("|") and line.count("|") >= 3) >= 3
