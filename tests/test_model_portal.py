"""Grouping reports by agency and year, key figures, and what is rejected."""
from __future__ import annotations

from render_samples import sample_report

from site_builder.model import group_reports, key_figures


def test_reports_group_by_agency_and_sort_by_year():
    a23, a24 = sample_report("甲局", 2023, new=3), sample_report("甲局", 2024, new=5)
    portal = group_reports([a24, sample_report("乙局", 2024), a23])
    assert [a.name for a in portal.agencies] == ["乙局", "甲局"]
    assert portal.agencies[1].years == [2023, 2024]
    assert portal.agencies[1].latest is a24
    assert portal.years == [2023, 2024]


def test_error_and_incomplete_reports_are_rejected_with_a_reason():
    no_agency = sample_report()
    no_agency["agency"] = None
    no_year = sample_report("丙局")
    no_year["year"] = None
    portal = group_reports([{"source": "x.pdf", "error": "encrypted PDF"}, no_agency, no_year, sample_report("丁局")])
    reasons = {r.source: r.reason for r in portal.rejected}
    assert reasons["x.pdf"] == "encrypted PDF"
    assert "机关名称" in reasons[no_agency["source"]]
    assert "年度" in reasons[no_year["source"]]
    assert [a.name for a in portal.agencies] == ["丁局"]


def test_the_same_report_from_two_files_is_one_agency_year_linking_both_and_checking_them():
    page = sample_report("甲局", 2024, source="content/x/a.html")
    text = sample_report("甲局", 2024, new=9, source="content/x/a.txt")
    same = sample_report("甲局", 2024, source="content/y/a.txt")
    portal = group_reports([text, page, same])
    assert portal.rejected == [] and len(portal.agencies) == 1
    agency = portal.agencies[0]
    assert agency.reports == [page]  # as many cells settled: the page's markup is published
    assert agency.twins == {2024: ["content/x/a.txt", "content/y/a.txt"]}
    twin = [x for x in agency.cross_checks if x["rule"] == "twin"]
    assert len(twin) == 1 and "content/x/a.txt" in twin[0]["message"]  # the identical copy agrees
    assert "2024:applications.new_received.total" in twin[0]["cells"]
    assert "2024:applications.carried_over.total" not in twin[0]["cells"]


def test_the_reading_with_more_settled_cells_is_published():
    page = sample_report("甲局", 2024, source="content/a.html")
    page["applications"]["granted"]["total"] = None
    text = sample_report("甲局", 2024, source="content/a.txt")
    agency = group_reports([page, text]).agencies[0]
    assert agency.reports == [text] and agency.twins == {2024: ["content/a.html"]}
    assert not [x for x in agency.cross_checks if x["rule"] == "twin"]  # a cell one reading lacks is no disagreement


def test_key_figures_follow_the_contract_cells():
    report = sample_report(new=8)
    f = key_figures(report)
    assert f["new_received"] == 8 and f["total_processed"] == 8
    assert f["granted_rate"] == report["applications"]["granted"]["total"] / 8
    denied = report["applications"]["denied_third_party"]["total"] + report["applications"]["unavailable_not_held"]["total"]
    assert f["denied_unavailable_share"] == denied / 8
    assert f["review"] == 2 and f["review_corrected"] == 1 and f["review_corrected_share"] == 0.5
    assert f["litigation"] == 4 and f["litigation_corrected"] == 2


def test_key_figures_are_none_when_the_report_prints_nothing():
    report = sample_report()
    for row in report["applications"].values():
        for col in row:
            row[col] = None
    f = key_figures(report)
    assert f["new_received"] is None and f["granted_rate"] is None and f["denied_unavailable"] is None


def test_cross_year_rules_run_for_consecutive_years():
    y23, y24 = sample_report("甲局", 2023), sample_report("甲局", 2024)
    y23["applications"]["carried_forward"]["total"] = 2  # C6: 2024 carried_over is 0
    portal = group_reports([y23, y24])
    rules = {x["rule"] for x in portal.agencies[0].cross_checks}
    assert "C6" in rules
