"""Generated pages: front matter, escaping of untrusted text, pagination, size."""
from __future__ import annotations

import html

import yaml
from render_samples import broken, sample_report

from site_builder.render import home
from site_builder.render.agency import agency_pages
from site_builder.model import group_reports

EVIL = '<script>alert("x")</script> *粗* [链接](javascript:alert(1)) # 标题\n---\ntitle: 被替换'


def _front_matter(markdown: str) -> dict:
    assert markdown.startswith("---\n")
    return yaml.safe_load(markdown.split("---\n")[1])


def test_an_untrusted_agency_name_stays_one_escaped_title():
    report = sample_report(EVIL)
    report["sections"]["overview"] = "<img src=x onerror=alert(1)> **不是粗体**"
    page = agency_pages(group_reports([report]).agencies[0], {})[0]
    md = page.markdown()
    # stored escaped: Material prints meta.title into <title> and the header without escaping
    assert html.unescape(_front_matter(md)["title"]) == f"{EVIL}（2024）"
    assert "<" not in _front_matter(md)["title"] and "<" not in _front_matter(md)["description"]
    assert "<script>" not in page.body and "<img" not in page.body
    assert "&lt;script&gt;" in page.body and "&lt;img src=x" in page.body


def test_agency_pages_one_per_year_the_latest_at_the_agency_url():
    agency = group_reports([sample_report("甲局", 2022), sample_report("甲局", 2023),
                            broken(sample_report("甲局", 2024))]).agencies[0]
    pages = agency_pages(agency, {})
    dirs = [p.url_dir for p in pages]
    assert dirs == [f"agencies/{agency.slug}/2022", f"agencies/{agency.slug}/2023", f"agencies/{agency.slug}"]
    latest = pages[-1].body
    assert 'id="chart-trend"' in latest  # several years: a trend chart
    assert f'href="../../agencies/{agency.slug}/2022/"' in latest  # and a year switch
    assert "cell-failed" in latest and "y2024-check-0" in latest


def test_an_agency_page_stays_small():
    report = broken(sample_report("某市某区某某某某人民政府办公室"))
    report["sections"] = {k: "文字。" * 800 for k in report["sections"]}
    page = agency_pages(group_reports([report]).agencies[0], {})[0]
    assert len(page.markdown().encode()) < 45_000  # leaves room for the theme's ~15 KB under 60 KB


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
    body = agency_pages(group_reports([report]).agencies[0], {})[0].body
    assert "发布于 2025-01-23" in body and "&lt;b&gt;某&#34;局&lt;/b&gt;" in body
    assert 'rel="noopener nofollow"' in body and "<script>" not in body
    report["url"] = "javascript:alert(1)"
    body = agency_pages(group_reports([report]).agencies[0], {})[0].body
    assert "javascript:" not in body and "原文链接" not in body


def test_a_report_read_from_a_scan_is_marked_on_its_page_and_listed_on_the_quality_page():
    from site_builder.render.quality import quality_page

    scanned = sample_report("扫描局", 2024)
    scanned["notes"] = ["read from a scan by OCR (RapidOCR 3.10.0 (PP-OCRv6 small, ONNX Runtime)): "
                        "PDF has no text layer (a scanned image); 5 pages at 200 dpi <b>"]
    typed = sample_report("文字局", 2024)
    typed["notes"] = ["no ruled table found in the PDF; tables were read from the text layer"]
    portal = group_reports([scanned, typed])
    pages = {a.name: agency_pages(a, {})[0].body for a in portal.agencies}
    assert "portal-status-scan" in pages["扫描局"] and "portal-status-scan" not in pages["文字局"]
    assert "RapidOCR 3.10.0" in pages["扫描局"] and "<b>" not in pages["扫描局"]  # the note is escaped
    quality = quality_page(portal).body
    listed = quality.split('id="scanned"')[-1] if 'id="scanned"' in quality else quality.split("从扫描件识别的报告")[1]
    listed = listed.split("跨年校验")[0]
    assert "扫描局" in listed and "文字局" not in listed and "5 pages at 200 dpi &lt;b&gt;" in listed
