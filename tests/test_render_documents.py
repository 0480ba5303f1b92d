"""Older-form reports are published as documents (title, year, link) on their agency's page or
the page of older reports, outside every count; files in formats the reader cannot read yet
are listed on the quality page with their format."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from site_data import published_reports

from site_builder.build import generate

PORTAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "portal" / "www.pingtan.gov.cn"
BM = PORTAL / "zwgk/zfxxgk/dfbmptlj/ptzhsyqbm"
FILES = ["ptzhsyqczj/zfxxgknb/201801/t20180105_80495.htm",  # 2017, 财政金融局 (has current reports)
         "ptzhsyqczj/zfxxgknb/201901/t20190109_80527.htm",  # 2018
         "ptzhsyqczj/zfxxgknb/202501/t20250123_96895.htm",  # 2024, a current-form report
         "ptzhsyqscj/zfxxgknb/201701/t20170112_80479.htm"]  # 2016, 平潭市场监督管理局: documents only


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("older")
    folder = root / "content" / "reports" / "福建省" / "平潭综合实验区"
    folder.mkdir(parents=True)
    for name in FILES:
        shutil.copyfile(BM / name, folder / Path(name).name)
    (folder / "report.wps").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    (folder / "report.ofd").write_bytes(b"PK\x03\x04" + b"\0" * 64)
    (root / "content" / "sources.csv").write_text("url\nhttps://www.pingtan.gov.cn/x/\n", encoding="utf-8")
    return generate(root / "content", root / "docs")


def test_documents_are_listed_on_the_agency_page_and_never_counted(generated):
    portal = generated.model.portal
    assert [r["year"] for r in portal.reports] == [2024]  # the only current-form report
    agency = portal.agencies[0]
    assert [d["year"] for d in agency.documents] == [2017, 2018]
    page = (generated.docs_dir / f"agencies/{agency.slug}/index.md").read_text(encoding="utf-8")
    assert 'href="#older"' in page and "{#older}" in page
    assert "平潭综合实验区财政金融局2018 年政府信息公开工作年度报告" in page
    assert "t20190109_80527.htm" in page and "2019-01-09" in page
    data = published_reports(generated.docs_dir)  # the generated folder holds data/ as the site does
    assert [r["year"] for r in data] == [2024]
    assert not any(r.get("form") for r in data)
    with (generated.docs_dir / "data" / "reports.csv").open(encoding="utf-8-sig") as fh:
        assert len(fh.read().strip().splitlines()) == 2  # header + the one report


def test_a_body_with_documents_only_is_on_the_older_reports_page(generated):
    shelves = {s.name: s for s in generated.model.portal.documents}
    assert shelves["平潭市场监督管理局"].agency is None
    assert shelves["平潭综合实验区财政金融局"].agency
    page = (generated.docs_dir / "documents" / "index.md").read_text(encoding="utf-8")
    assert "平潭市场监督管理局2016年度政府信息公开工作年度报告" in page
    assert "https://www.pingtan.gov.cn/zwgk/zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqscj/zfxxgknb/201701/t20170112_80479.htm" in page


def test_quality_page_counts_documents_and_names_unreadable_formats(generated):
    report = generated.report
    assert report.documents == 3 and report.published == 1
    assert sorted(report.skipped) == ["reports/福建省/平潭综合实验区/report.ofd",
                                      "reports/福建省/平潭综合实验区/report.wps"]  # sources.csv is no input
    lines = "\n".join(generated.lines())
    assert "WPS 文字（.wps）" in lines and "OFD 版式文件（.ofd）" in lines
    page = (generated.docs_dir / "quality" / "index.md").read_text(encoding="utf-8")
    assert "WPS 文字（.wps）" in page and "../documents/" in page


def test_untrusted_titles_are_escaped(tmp_path):
    folder = tmp_path / "content" / "reports"
    folder.mkdir(parents=True)
    text = "<script>alert(1)</script>某某局2016年政府信息公开工作年度报告\n今年我局公开了信息。\n"
    (folder / "old.txt").write_text(text, encoding="utf-8")
    g = generate(tmp_path / "content", tmp_path / "docs")
    page = (g.docs_dir / "documents" / "index.md").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;" in page
