"""Broken and unreadable files: a clear error naming what is wrong, and the build goes on."""
from __future__ import annotations

import io
import random
import shutil
import zipfile
from pathlib import Path

import pytest

import office_form
from site_builder.collect import parse_all
from site_builder.pipeline import parse_bytes
from site_builder.read import ReadError, ocr, read_bytes
from site_builder.synth import random_report

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def report_pdf() -> bytes:
    return office_form.write_pdf(random_report(random.Random(3)))


def _canvas_pdf(draw, **kwargs) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    c = canvas.Canvas(out, **kwargs)
    draw(c)
    c.showPage()
    c.save()
    return out.getvalue()


def _title(c) -> None:
    c.setFont("STSong-Light", 20)
    c.drawString(60, 760, "一、本年新收政府信息公开申请数量 5")


def _error(data: bytes, name: str) -> str:
    suffix = Path(name).suffix
    with pytest.raises(ReadError) as caught:
        read_bytes(data, name, suffix)
    got = parse_bytes(data, name, suffix)  # the pipeline turns it into an error object, never raises
    assert got == {"source": name, "error": str(caught.value)}
    return str(caught.value)


def test_truncated_pdf(report_pdf):
    assert "truncated" in _error(report_pdf[: len(report_pdf) // 2], "cut.pdf")


def test_damaged_pdf():
    assert "damaged" in _error(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n", "junk.pdf")


def test_encrypted_pdf_with_a_password():
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = _canvas_pdf(_title, encrypt=StandardEncryption("secret", ownerPassword="owner"))
    assert "encrypted" in _error(data, "locked.pdf")


def test_pdf_restricted_by_owner_password_only_is_read():
    from reportlab.lib.pdfencrypt import StandardEncryption

    def draw(c):
        c.setFont("Helvetica", 20)
        c.drawString(60, 760, "Annual report 2024")

    data = _canvas_pdf(draw, encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0))
    assert read_bytes(data, "restricted.pdf", ".pdf").lines[0].text == "Annual report 2024"


def test_pdf_whose_fonts_have_no_unicode_mapping(monkeypatch):
    # pdfminer reads ReportLab's encrypted CID font as glyph numbers "(cid:4162)": not text
    from reportlab.lib.pdfencrypt import StandardEncryption

    monkeypatch.setattr(ocr, "available", lambda: False)
    data = _canvas_pdf(_title, encrypt=StandardEncryption("", ownerPassword="owner"))
    assert "no Unicode mapping" in _error(data, "glyphs.pdf") and "OCR" in _error(data, "glyphs.pdf")


def test_pdf_that_is_an_html_page():
    page = "<!DOCTYPE html><html><body>404 页面不存在</body></html>".encode()
    assert "not a PDF" in _error(page, "report.pdf")


def test_docx_zip_bomb_is_refused_before_inflating():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (4 * 1024 * 1024))  # 4 MB in about 4 KB
    assert "zip bomb" in _error(out.getvalue(), "bomb.docx")


def test_zip_that_is_not_a_word_file():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert "not a Word .docx" in _error(out.getvalue(), "sheet.docx")


def test_truncated_docx():
    data = office_form.write_docx(random_report(random.Random(4)))
    assert "zip" in _error(data[: len(data) // 2], "cut.docx")


def test_scanned_pdf_without_ocr_says_it_needs_ocr(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    assert "needs OCR" in _error(_scanned_pdf(), "scan.pdf")


def test_scanned_pdf_is_read_by_ocr_by_default():
    doc = read_bytes(_scanned_pdf(), "scan.pdf", ".pdf")
    assert doc.notes[0].startswith("read from a scan by OCR (RapidOCR ") and "no text layer" in doc.notes[0]
    assert any("本年新收" in line.text for line in doc.lines)


def _scanned_pdf() -> bytes:
    """A page with only an image of text: render a text PDF, then draw that picture alone."""
    import pdfplumber
    from reportlab.lib.utils import ImageReader

    with pdfplumber.open(io.BytesIO(_canvas_pdf(_title))) as pdf:
        image = pdf.pages[0].to_image(resolution=200).original
    return _canvas_pdf(lambda c: c.drawImage(ImageReader(image), 0, 0, width=595, height=842))


def test_broken_files_do_not_stop_the_others(tmp_path, report_pdf):
    content = tmp_path / "content"
    content.mkdir()
    (content / "good.pdf").write_bytes(report_pdf)
    (content / "cut.pdf").write_bytes(report_pdf[:1000])
    (content / "page.pdf").write_bytes(b"<html><body>error</body></html>")
    (content / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    results = {Path(r["source"]).name: r for r in parse_all(content)}
    assert set(results) == {"good.pdf", "cut.pdf", "page.pdf", "old.doc"}
    assert "error" not in results["good.pdf"] and results["good.pdf"]["year"]
    assert "truncated" in results["cut.pdf"]["error"]
    assert "not a PDF" in results["page.pdf"]["error"]
    if shutil.which("soffice") is None:
        assert "LibreOffice" in results["old.doc"]["error"]
    else:
        assert "error" in results["old.doc"]
