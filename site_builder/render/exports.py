"""Open data: reports.csv, reports.json, one JSON per agency, and the browser's indexes.

Columns of reports.csv are the contract's cell paths (`contract.cell_paths()`),
so the CSV, the field dictionary and the parser share one list of names.
Written streaming, one agency at a time: linear in the number of reports.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Iterable

from site_builder import contract as c
from site_builder.render.agency import agency_dir
from site_builder.render.fmt import csv_cell, json_default
from site_builder.render.model import Agency, Portal, cell, key_figures, outcome_groups, scan_note

META_COLUMNS = ("agency", "year", "source", "title", "failed_rules", "inferred_cells")
SUMMARY_KEYS = ("new_received", "total_processed", "granted", "granted_rate", "denied_unavailable_share",
                "review", "review_corrected", "litigation", "litigation_corrected", "failed_rules")


def _dump(data: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"), default=json_default)


def csv_row(report: dict) -> list[Any]:
    rules = sorted({str(x.get("rule")) for x in report.get("checks") or []})
    meta = [report.get("agency"), report.get("year"), report.get("source"), report.get("title"),
            " ".join(rules), " ".join(str(x.get("path")) for x in report.get("inferred") or [])]
    return meta + [cell(report, p) for p in c.cell_paths()]


def write_reports_csv(reports: Iterable[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # utf-8-sig: spreadsheet programs otherwise read the Chinese as mojibake.
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(list(META_COLUMNS) + c.cell_paths())
        for report in reports:
            writer.writerow([csv_cell(v) for v in csv_row(report)])


def year_entry(agency: Agency, report: dict) -> dict:
    return {"year": report["year"], "url": agency_dir(agency, report["year"]) + "/",
            "figures": key_figures(report), "outcomes": outcome_groups(report), "report": report,
            "cross_checks": [x for x in agency.cross_checks if x.get("year") == report["year"]]}


def agency_json(agency: Agency) -> dict:
    return {"agency": agency.name, "slug": agency.slug, "years": [year_entry(agency, r) for r in agency.reports]}


def summary_rows(portal: Portal) -> list[dict]:
    """One row per agency-year with its key figures: the statistics table and the compare picker read it."""
    rows = []
    for agency in portal.agencies:
        for report in agency.reports:
            f = key_figures(report)
            rows.append({"agency": agency.name, "slug": agency.slug, "year": report["year"],
                         "url": agency_dir(agency, report["year"]) + "/",
                         "rules": " ".join(sorted({str(x.get("rule")) for x in report.get("checks") or []})),
                         **{k: f[k] for k in SUMMARY_KEYS}})
    return rows


def quality_rows(portal: Portal) -> dict[str, list[dict]]:
    failing = []
    for agency in portal.agencies:
        for report in agency.reports:
            checks = list(report.get("checks") or []) + [x for x in agency.cross_checks
                                                         if x.get("year") == report["year"]]
            if checks:
                failing.append({"agency": agency.name, "year": report["year"], "source": report.get("source"),
                                "url": agency_dir(agency, report["year"]) + "/#checks",
                                "rules": " ".join(sorted({str(x.get("rule")) for x in checks})),
                                "count": len(checks)})
    rejected = [{"source": r.source, "reason": r.reason} for r in portal.rejected]
    scanned = [{"agency": agency.name, "year": report["year"], "source": report.get("source"),
                "url": agency_dir(agency, report["year"]) + "/", "note": scan_note(report)}
               for agency in portal.agencies for report in agency.reports if scan_note(report)]
    return {"failing": failing, "rejected": rejected, "skipped": [{"source": s} for s in portal.skipped],
            "scanned": scanned}


def write_all(portal: Portal, data_dir: Path) -> dict[str, int]:
    """Every data file under data_dir; returns file name -> bytes written, for the build report."""
    reports = portal.reports
    write_reports_csv(reports, data_dir / "reports.csv")
    _dump(reports, data_dir / "reports.json")
    for agency in portal.agencies:
        _dump(agency_json(agency), data_dir / "agencies" / f"{agency.slug}.json")
    _dump({"rows": summary_rows(portal), "years": portal.years}, data_dir / "summary.json")
    _dump(quality_rows(portal), data_dir / "quality.json")
    _dump([{"path": p, "label": c.cell_label(p)} for p in c.cell_paths()], data_dir / "fields.json")
    return {p.name: p.stat().st_size for p in data_dir.iterdir() if p.is_file()}
