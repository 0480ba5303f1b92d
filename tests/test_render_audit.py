"""The audit on the site: the agency page's panel, findings.csv, the quality page's pass rates."""
from __future__ import annotations

import csv
import re

from render_samples import sample_report

from site_builder.render.agency import page_as_shown
from site_builder.render.audit import locate, pass_rates, write_findings_csv
from site_builder.model import group_reports
from site_builder.render.quality import quality_page


def contradicting(agency="甲局", year=2024, said=9) -> dict:
    r = sample_report(agency, year, new=5)
    r["sections"]["overview"] = f"第一段。\n{year}年，共收到政府信息公开申请{said}件，均已办结。"
    r["published"] = f"{year + 1}-01-20"
    return r


def test_the_agency_page_shows_each_rule_with_its_evidence_and_a_link_to_the_quote():
    agency = group_reports([contradicting()]).agencies[0]
    body = page_as_shown(agency).body
    panel = body[body.index("## 审核发现"):]
    for rule in ("T1", "T2", "T3", "T4", "T5"):
        assert f"<dt>{rule} " in panel
    assert "正文说收到（受理）政府信息公开申请 9 件" in panel
    assert "<q>2024年，共收到政府信息公开申请9件，均已办结。</q>" in panel
    link = re.search(r'<q>2024年，共收到[^<]*</q> <a href="#(overview-p\d+)">', panel).group(1)
    # the link's target is the paragraph holding the quote
    assert re.search(rf'<p id="{link}">2024年，共收到政府信息公开申请9件', body)
    assert 'class="portal-st-no">未通过' in panel


def test_quoted_report_text_is_escaped_in_the_panel():
    r = contradicting()
    r["sections"]["overview"] = '<script>alert(1)</script>共收到政府信息公开申请9件。'
    body = page_as_shown(group_reports([r]).agencies[0]).body
    assert "<script>alert(1)" not in body and "&lt;script&gt;alert(1)" in body


def test_locate_finds_the_paragraph_or_falls_back_to_the_section():
    r = sample_report("甲局")
    r["sections"]["problems"] = "第一段。\n\n第二段说了问题。"
    assert locate(r, "problems", "第二段说了问题") == "#problems-p2"
    assert locate(r, "problems", "不在文中") == "#problems"


def test_findings_csv_has_a_row_per_finding_and_neutralises_formulas(tmp_path):
    r = contradicting()
    r["sections"]["overview"] = "=HYPERLINK(\"http://x\")\n共收到政府信息公开申请9件。"
    r["agency"] = "=cmd|' /C calc'!A0"
    portal = group_reports([r])
    path = tmp_path / "findings.csv"
    write_findings_csv(portal.reports, path)
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    assert [k for k in rows[0]] == ["report", "agency", "year", "rule", "status", "message", "evidence"]
    assert len(rows) == len(portal.reports[0]["audit"])
    assert {row["rule"] for row in rows} == {"T1", "T2", "T3", "T4", "T5"}
    assert all(row["agency"].startswith("'=") for row in rows)
    t2 = next(row for row in rows if row["rule"] == "T2" and row["status"] == "fail")
    assert "共收到政府信息公开申请9件" in t2["evidence"] and "= 5" in t2["evidence"]


def test_pass_rates_by_year_and_by_the_keys_the_reports_carry():
    good = sample_report("乙局", 2024)
    good["sections"]["overview"] = "2024年共收到政府信息公开申请5件。"
    reports = [contradicting("甲局", 2024), good, contradicting("丙局", 2023, said=5)]
    for r in reports:
        r["level"] = "县级"
    rates = pass_rates(group_reports(reports).agencies)
    dims = {d["key"]: d for d in rates}
    assert set(dims) == {"year", "level"}  # no report carries a region yet
    y2024 = next(row for row in dims["year"]["rows"] if row["value"] == 2024)["rules"]["T2"]
    assert (y2024["pass"], y2024["fail"], y2024["rate"]) == (1, 1, 0.5)
    county = dims["level"]["rows"][0]["rules"]["T2"]
    assert (county["pass"], county["assessed"]) == (2, 3)


def test_the_quality_page_prints_the_pass_rates():
    body = quality_page(group_reports([contradicting()])).body
    section = body[body.index("## 审核发现"):body.index("## 有未通过校验的报告")]
    assert "data/findings.csv" in section
    assert "按年度" in section and "0.0%（0/1）" in section  # T2 failed on the one report


def test_pass_rates_read_level_and_region_from_the_agency_when_reports_lack_them():
    class Linked:
        def __init__(self, reports, **keys):
            self.reports = reports
            self.__dict__.update(keys)

    portal = group_reports([contradicting("甲局"), contradicting("乙局", said=5)])
    linked = [Linked(a.reports, level="县级", region="福建省/福州市/平潭县") for a in portal.agencies]
    dims = {d["key"]: d for d in pass_rates(linked)}
    assert dims["region"]["rows"][0]["value"] == "福建省/福州市"
    t2 = dims["level"]["rows"][0]["rules"]["T2"]
    assert (t2["pass"], t2["fail"]) == (1, 1)
