"""Which titles are annual reports, and of which year: every document title of the recorded
portal (../shared/corpus/portal/manifest.json says which are reports), and the variants real
columns hold."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder.parse.titles import classify, report_title, title_year

MANIFEST = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "portal" / "manifest.json"


def _documents() -> list[dict]:
    return [p for p in json.loads(MANIFEST.read_text(encoding="utf-8"))["pages"] if p["kind"] == "document"]


def test_every_recorded_title_is_classified_as_the_manifest_says():
    documents = _documents()
    assert len(documents) == 55
    for page in documents:
        verdict = classify(page["title"])
        assert verdict.is_report == page["is_annual_report"], page["title"]
        if verdict.is_report:
            assert verdict.year == page["year"], page["title"]
        else:
            assert "自查报告" in verdict.reason


@pytest.mark.parametrize("title, year", [
    ("平潭综合实验区财政金融局2022年度 政府信息公开工作年度报告", 2022),
    ("平潭综合实验区财政金融局2017 年政府信息公开工作年度报告", 2017),
    ("平潭县质量技术监督局2010年度信息公开年度报告", 2010),
    ("平潭县质监局2011年政府信息公开工作报告", 2011),
    ("平潭县质监局2013年政府信息公开年度工作报告", 2013),
    ("某某局政府信息公开工作年度报告（2023年）", 2023),
    ("某某局二〇二三年政府信息公开工作年度报告", 2023),
    ("某某局2019年度政府信息公开工作年度报告（更正）", 2019),
    ("某某局２０２０年政府信息公开年报.pdf", 2020),
    ("2024年度某某街道办事处政府信息公开工作年度报告", 2024),
])
def test_report_title_variants(title, year):
    verdict = classify(title)
    assert verdict.is_report and verdict.year == year


@pytest.mark.parametrize("title, why", [
    ("关于做好2023年政府信息公开工作年度报告编制公布工作的通知", "通知"),
    ("图解：某某局2023年政府信息公开工作年度报告", "图解"),
    ("某某局2023年政府信息公开工作年度报告解读", "解读"),
    ("某某局关于做好政务公开财政牵头任务落实情况的自查报告", "自查报告"),
    ("某某局2023年工作总结", "信息公开"),
    ("某某局2023年政府信息公开工作要点", "结尾"),
    ("某某局政府信息公开工作年度报告", "年度"),
])
def test_titles_that_are_not_reports_say_why(title, why):
    verdict = classify(title)
    assert not verdict.is_report and why in verdict.reason


def test_older_form_is_a_report_before_2019():
    assert classify("某某局2018年政府信息公开工作年度报告").older_form
    assert not classify("某某局2019年政府信息公开工作年度报告").older_form
    assert not classify("某某局2018年工作总结").older_form


def test_report_title_takes_the_report_out_of_a_page_title():
    page = "平潭综合实验区财政金融局2017 年政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区党工委管委会"
    assert report_title(page) == "平潭综合实验区财政金融局2017 年政府信息公开工作年度报告"
    assert report_title("政府信息公开年报_平潭综合实验区财政金融局_平潭综合实验区党工委管委会") is None
    assert title_year("二〇一七年") == 2017 and title_year("no year") is None


def test_a_saved_portal_page_gets_the_report_s_title_not_the_site_s():
    from site_builder.pipeline import parse_file

    page = MANIFEST.parent / "www.pingtan.gov.cn/zwgk/zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqczj/zfxxgknb/202601/t20260116_104656.htm"
    report = parse_file(page)
    assert "error" not in report
    assert report["title"] == "平潭综合实验区财政金融局2025年度政府信息公开工作年度报告"
