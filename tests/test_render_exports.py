"""Open data files: contract column names, one row per agency-year, JSON per agency."""
from __future__ import annotations

import csv
import json

from render_samples import sample_report

from site_builder import contract as c
from site_builder.render.exports import META_COLUMNS, write_all
from site_builder.model import group_reports


def test_reports_csv_has_the_contract_columns_and_a_row_per_agency_year(tmp_path):
    reports = [sample_report("甲局", 2023, new=2), sample_report("甲局", 2024, new=3), sample_report("=乙局", 2024)]
    write_all(group_reports(reports), tmp_path)
    with (tmp_path / "reports.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(META_COLUMNS) + c.cell_paths()
    assert len(rows) == 3
    by_key = {(r["agency"], r["year"]): r for r in rows}
    assert by_key[("甲局", "2024")]["applications.new_received.total"] == "3"
    assert ("'=乙局", "2024") in by_key  # a formula-looking name cannot run in a spreadsheet


def test_each_agency_gets_one_json_with_all_its_years(tmp_path):
    portal = group_reports([sample_report("甲局", 2023), sample_report("甲局", 2024), sample_report("乙局", 2024)])
    write_all(portal, tmp_path)
    files = sorted(p.name for p in (tmp_path / "agencies").iterdir())
    assert files == sorted(f"{a.slug}.json" for a in portal.agencies)
    data = json.loads((tmp_path / "agencies" / f"{portal.agencies[1].slug}.json").read_text(encoding="utf-8"))
    assert [y["year"] for y in data["years"]] == [2023, 2024]
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert len(summary["rows"]) == 3 and summary["years"] == [2023, 2024]


def test_chart_csv_download_uri_carries_the_csv_and_nothing_that_breaks_a_url():
    import urllib.parse

    from site_builder.render.fmt import csv_data_uri
    uri = csv_data_uri(["类别", "件数"], [['予以公开 "#1"', 3], ["=HYPERLINK(x)", 5], ["100%<b>", None]])
    head, body = uri.split(",", 1)
    assert head == "data:text/csv;charset=utf-8"
    assert not set(body) & set(' "#<>\n\r%') - {"%"} and "%%" not in body
    assert "予以公开" in body  # Chinese kept as text: a third of its %-encoded size
    text = urllib.parse.unquote(body)
    assert text.startswith("\ufeff类别,件数")
    assert "'=HYPERLINK(x),5" in text and '"予以公开 ""#1""",3' in text
