"""Word reports: .docx read with python-docx (merged cells expanded), legacy .doc via LibreOffice."""
from __future__ import annotations

import io
import random
import shutil

import docx
import pytest

import office_form
from site_builder.pipeline import parse_bytes
from site_builder.read import ReadError, read_bytes
from site_builder.read.docx import read_doc
from site_builder.synth import random_report


def _docx(build) -> bytes:
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_paragraphs_and_tables_keep_body_order_merged_cells_print_once_across_columns():
    def build(d):
        d.add_paragraph("三、收到和处理政府信息公开申请情况")
        t = d.add_table(rows=3, cols=4)
        t.cell(0, 0).text = "三、本年度办理结果"
        t.cell(0, 0).merge(t.cell(2, 0))  # down three rows
        t.cell(0, 1).text = "（四）无法提供"
        t.cell(0, 1).merge(t.cell(1, 1))
        t.cell(0, 2).text = "1.本机关不掌握相关政府信息"
        t.cell(1, 2).text = "3.补正后申请内容\n仍不明确"  # a label wrapped inside its cell
        t.cell(2, 1).text = "（七）总计"
        t.cell(2, 1).merge(t.cell(2, 2))  # across two columns
        for r, n in enumerate(("10", "0", "21")):
            t.cell(r, 3).text = n
        d.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")

    doc = read_bytes(_docx(build), "r.docx", ".docx")
    assert doc.kind == "docx"
    assert [(line.grid, line.cells) for line in doc.lines] == [
        (False, ("三、收到和处理政府信息公开申请情况",)),
        (True, ("三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息", "10")),
        (True, ("三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确", "0")),
        (True, ("三、本年度办理结果", "（七）总计", "", "21")),  # one merged cell, one label
        (False, ("四、政府信息公开行政复议、行政诉讼情况",)),
    ]


def test_tabs_in_a_paragraph_are_cells():
    doc = read_bytes(_docx(lambda d: d.add_paragraph("一、本年新收\t5\t0")), "r.docx", ".docx")
    assert doc.lines[0].cells == ("一、本年新收", "5", "0")


@pytest.mark.parametrize("seed", [21, 22, 23, 24])
def test_generated_docx_round_trips(seed):
    report = random_report(random.Random(seed))
    got = parse_bytes(office_form.write_docx(report), "generated.docx", ".docx")
    assert "error" not in got, got.get("error")
    truth, cells = office_form.cells(report), office_form.cells(got)
    wrong = {p: (truth[p], cells[p]) for p in truth if cells[p] != truth[p]}
    assert not wrong
    assert got["agency"] == report["agency"] and got["year"] == report["year"]


def test_legacy_doc_without_libreoffice_names_the_fix(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    with pytest.raises(ReadError, match="LibreOffice.*--convert-to docx"):
        read_doc(ole, "old.doc")
    got = parse_bytes(ole, "old.doc", ".doc")
    assert "LibreOffice" in got["error"] and got["source"] == "old.doc"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_legacy_doc_is_converted_when_libreoffice_is_installed(tmp_path):
    import subprocess

    source = tmp_path / "r.docx"
    source.write_bytes(_docx(lambda d: d.add_paragraph("淮安市人民政府2024年政府信息公开工作年度报告")))
    subprocess.run(["soffice", "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120)
    doc = read_bytes((tmp_path / "r.doc").read_bytes(), "r.doc", ".doc")
    assert "年度报告" in doc.lines[0].text and "LibreOffice" in doc.notes[0]
