"""Open data files: contract column names, one row per agency-year, JSON per agency."""
from __future__ import annotations

import csv
import gzip
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
    jia = next(a for a in portal.agencies if a.name == "甲局")
    data = json.loads((tmp_path / "agencies" / f"{jia.slug}.json").read_text(encoding="utf-8"))
    assert [y["year"] for y in data["years"]] == [2023, 2024]
    assert [y["url"] for y in data["years"]] == [f"agencies/{jia.slug}/?year=2023", f"agencies/{jia.slug}/"]
    assert "report" not in data["years"][0]  # the full objects live once, in data/reports/
    # one file of key figures per year, and one index of every agency's years
    for year, count in ((2023, 1), (2024, 2)):
        summary = json.loads((tmp_path / "summary" / f"{year}.json").read_text(encoding="utf-8"))
        assert summary["year"] == year and len(summary["rows"]) == count
    index = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    assert index["years"] == [2023, 2024]
    assert sorted((a[1], tuple(a[3])) for a in index["agencies"]) == [("乙局", (2024,)), ("甲局", (2023, 2024))]


def test_the_full_report_objects_are_published_compressed_by_region(tmp_path):
    reports = [sample_report("甲局", 2023), sample_report("甲局", 2024), sample_report("乙局", 2024)]
    portal = group_reports(reports)
    write_all(portal, tmp_path)
    listing = json.loads((tmp_path / "reports" / "index.json").read_text(encoding="utf-8"))["files"]
    published = [r for f in listing for r in json.loads(gzip.decompress((tmp_path / "reports" / f["file"]).read_bytes()))]
    assert sum(f["reports"] for f in listing) == len(published) == 3
    # the contract's objects as parsed, with the agency's fields
    by_key = {(r["agency"], r["year"]): r for r in published}
    assert by_key[("甲局", 2024)]["applications"] == reports[1]["applications"]
    assert by_key[("甲局", 2024)]["sections"] == reports[1]["sections"]
    assert {r["agency_id"] for r in published} == {a.agency_id for a in portal.agencies}
    # a small site also keeps them as one plain file, the same objects
    assert json.loads((tmp_path / "reports.json").read_text(encoding="utf-8")) == published
    # the audit's findings and the database are compressed; nothing else is left uncompressed beside them
    assert (tmp_path / "findings.csv.gz").is_file() and not (tmp_path / "findings.csv").exists()
    assert (tmp_path / "reports.db.gz").is_file() and not (tmp_path / "reports.db").exists()


def test_a_province_gets_only_the_compressed_files(tmp_path, monkeypatch):
    from site_builder.render import exports

    monkeypatch.setattr(exports, "REPORTS_JSON_MAX", 2)
    write_all(group_reports([sample_report("甲局", 2023), sample_report("甲局", 2024), sample_report("乙局", 2024)]),
              tmp_path)
    assert not (tmp_path / "reports.json").exists() and (tmp_path / "reports" / "index.json").is_file()
