"""Generated pages: front matter, escaping of untrusted text, pagination, size."""
from __future__ import annotations

import gzip
import html
import json

import yaml
from render_samples import broken, sample_report

from site_builder.render import home
from lxml import html as lhtml

from site_builder.render.agency import INLINE_PARTS, PARTS, YEARS_FILE, agency_files, page_as_shown
from site_builder.model import group_reports

EVIL = '<script>alert("x")</script> *粗* [链接](javascript:alert(1)) # 标题\n---\ntitle: 被替换'


def _front_matter(markdown: str) -> dict:
    assert markdown.startswith("---\n")
    return yaml.safe_load(markdown.split("---\n")[1])


def test_an_untrusted_agency_name_stays_one_escaped_title():
    report = sample_report(EVIL)
    report["sections"]["overview"] = "<img src=x onerror=alert(1)> **不是粗体**"
    agency = group_reports([report]).agencies[0]
    for page in (page_as_shown(agency), agency_files(agency).page):
        md = page.markdown()
        # stored escaped: Material prints meta.title into <title> and the header without escaping
        assert html.unescape(_front_matter(md)["title"]) == EVIL
        assert "<" not in _front_matter(md)["title"] and "<" not in _front_matter(md)["description"]
        assert "<script>" not in page.body and "<img" not in page.body
        assert "&lt;script&gt;" in page.body and "&lt;img src=x" in page.body


def _payload(files) -> dict:
    return json.loads(gzip.decompress(files.payload))


def test_one_page_per_agency_its_years_in_one_compressed_file_and_an_address_per_year():
    agency = group_reports([sample_report("甲局", 2022), sample_report("甲局", 2023),
                            broken(sample_report("甲局", 2024))]).agencies[0]
    files = agency_files(agency)
    assert files.page.url_dir == f"agencies/{agency.slug}"
    # the year switch: a link per year (each the agency-year's permanent address), the latest shown
    nav = lhtml.fromstring(files.page.body.split("\n## ", 1)[0]).xpath("//nav[@class='portal-years']")[0]
    assert [a.get("href") for a in nav.xpath(".//a")] == ["?year=2022", "?year=2023", "?year=2024"]
    assert nav.xpath(".//a[@aria-current='page']/text()") == ["2024"] and nav.get("data-src") == YEARS_FILE
    payload = _payload(files)
    assert sorted(payload["years"]) == ["2022", "2023", "2024"]
    assert set(payload["years"]["2022"]) == {k for k, _ in PARTS}
    # the latest year's words are in the page itself, not again in the file
    assert set(payload["years"]["2024"]) == {k for k, _ in PARTS} - INLINE_PARTS
    assert "cell-failed" in payload["years"]["2024"]["applications"]
    assert "y2024-check-0" in payload["years"]["2024"]["checks"]
    assert 'id="chart-trend"' in payload["years"]["2022"]["charts"]  # several years: a trend chart
    # each year names its permanent address
    assert 'href="?year=2023">本年度固定链接' in payload["years"]["2023"]["head"]
    # the tables are not in the page's HTML (they come from the file), the latest year's text is
    assert "cell-failed" not in files.page.body and "portal-form" not in files.page.body
    assert 'data-part="overview"' in files.page.body and "portal-card" in files.page.body


def test_another_years_parts_are_that_years_numbers():
    reports = [sample_report("甲局", 2023, new=3), sample_report("甲局", 2024, new=8)]
    agency = group_reports(reports).agencies[0]
    payload = _payload(agency_files(agency))
    cards = lhtml.fromstring(payload["years"]["2023"]["head"])
    assert cards.xpath("//div[@data-key='new_received']/div[@class='portal-card-value']/text()") == ["3"]
    assert "2023 年度政府信息公开工作年度报告" in payload["years"]["2023"]["head"]
    shown = page_as_shown(agency, 2023).body
    assert "2023 年度政府信息公开工作年度报告" in shown and "2024 年度政府信息公开工作年度报告" not in shown


def test_an_agency_page_stays_small():
    report = broken(sample_report("某市某区某某某某人民政府办公室"))
    report["sections"] = {k: "文字。" * 800 for k in report["sections"]}
    files = agency_files(group_reports([report]).agencies[0])
    text = sum(len(t.encode()) for t in report["sections"].values())
    # beyond the report's own words, the page is its head and key figures (the theme adds about 15 KB);
    # a year's tables, charts and findings travel compressed
    assert len(files.page.markdown().encode()) - text < 6_000
    assert len(files.payload) < 8_000


def test_the_directory_is_paginated():
    portal = group_reports([sample_report(f"机关{i:04d}") for i in range(home.PAGE_SIZE * 2 + 5)])
    pages = home.directory_pages(portal)
    assert [p.url_dir for p in pages] == ["agencies", "agencies/page/2", "agencies/page/3"]
    assert pages[0].body.count("<tr><td class=\"num\">") == home.PAGE_SIZE
    assert pages[2].body.count("<tr><td class=\"num\">") == 5
    assert 'href="../../../agencies/page/2/"' in pages[2].body


def test_publication_line_links_the_original_safely():
    report = sample_report("甲局", 2024)
    report.update({"published": "2025-01-23", "publisher": '<b>某"局</b>',
                   "url": 'https://example.gov.cn/a.htm?x="><script>'})
    body = page_as_shown(group_reports([report]).agencies[0]).body
    assert "发布于 2025-01-23" in body and "&lt;b&gt;某&#34;局&lt;/b&gt;" in body
    assert 'rel="noopener nofollow"' in body and "<script>" not in body
    report["url"] = "javascript:alert(1)"
    body = page_as_shown(group_reports([report]).agencies[0]).body
    assert "javascript:" not in body and "原文链接" not in body


def test_a_report_read_from_a_scan_is_marked_on_its_page_and_listed_on_the_quality_page():
    from site_builder.render.quality import quality_page

    scanned = sample_report("扫描局", 2024)
    scanned["notes"] = ["read from a scan by OCR (RapidOCR 3.10.0 (PP-OCRv6 small, ONNX Runtime)): "
                        "PDF has no text layer (a scanned image); 5 pages at 200 dpi <b>"]
    typed = sample_report("文字局", 2024)
    typed["notes"] = ["no ruled table found in the PDF; tables were read from the text layer"]
    portal = group_reports([scanned, typed])
    pages = {a.name: page_as_shown(a).body for a in portal.agencies}
    assert "portal-status-scan" in pages["扫描局"] and "portal-status-scan" not in pages["文字局"]
    assert "RapidOCR 3.10.0" in pages["扫描局"] and "<b>" not in pages["扫描局"]  # the note is escaped
    quality = quality_page(portal).body
    listed = quality.split('id="scanned"')[-1] if 'id="scanned"' in quality else quality.split("从扫描件识别的报告")[1]
    listed = listed.split("跨年校验")[0]
    assert "扫描局" in listed and "文字局" not in listed and "5 pages at 200 dpi &lt;b&gt;" in listed
