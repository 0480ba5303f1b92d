"""Open data: each table once, in the form its users read.

- `reports/<region_code>.json.gz`: the full report objects (every cell, the text,
  checks, inferred cells, the audit), one gzip-compressed JSON array per smallest
  region (the contract's form for a province), listed in `reports/index.json`;
- `reports.csv`: one row per agency-year, one column per contract cell path
  (`contract.cell_paths()`, so the CSV, the field dictionary and the parser share
  one list of names), for spreadsheets;
- `agencies.csv`; `findings.csv.gz` (the audit, one row per finding);
  `reports.db.gz` (reports and agencies in SQLite, for Datasette);
- for the site's own pages: `agencies/<slug>.json` (an agency's key figures per
  year: the compare page), `summary/<year>.json` (every agency's key figures that
  year: the statistics table), `index.json` (agencies, their regions and years:
  the compare picker and the coverage grid), `quality.json`, `fields.json`.

The full objects are not repeated in any other file: the agency page's year switch
reads its own rendered parts, not data. Written one region or year at a time.
"""
from __future__ import annotations

import gzip
import json
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterator

from site_builder import contract as c
from site_builder.agencies import REGISTRY_COLUMNS, UNSETTLED
from site_builder.render import opendata
from site_builder.model import Agency, Portal, cell, key_figures, outcome_groups, scan_note
from site_builder.render.agency import year_url
from site_builder.render.audit import write_findings_csv
from site_builder.render.documents import skipped_reason
from site_builder.render.fmt import csv_cell, gzip_json, json_default, write_csv

META_HELP = {
    "agency": "机关名称，与报告标题中的写法一致",
    "agency_id": "机关编号：同一机关各年度相同，各次构建相同（见 agencies.csv）",
    "region_code": "机关所在最小行政区的 GB/T 2260 代码（6 位）；空表示地区未定",
    "level": "层级：省级、市级、县级或乡级",
    "kind": "类别：人民政府、政府办公室、部门、街道、乡镇、开发区或其他",
    "year": "报告年度（整数）",
    "source": "输入文件相对于内容目录上一级的路径",
    "title": "报告标题",
    "published": "发布日期（YYYY-MM-DD），取自网页自带的发布时间；网页未写明时为空（不用文件的创建日期推测）",
    "url": "报告原文的网址，取自网页自带的原文链接或元数据；未写明时为空",
    "publisher": "网页写明的发布机构或来源；未写明时为空",
    "active_template": "表二的格式：2021（国办公开办函〔2021〕30号）或 2019（旧版，仅“本年新制作数量”“处理决定数量”两列计入现行字段，其余各行各列见 JSON 的 active.extra）",
    "failed_rules": "未通过的勾稽规则编号，空格分隔；空表示全部通过",
    "inferred_cells": "按勾稽关系推算出的单元格路径，空格分隔",
}
META_COLUMNS = tuple(META_HELP)  # reports.csv's columns before the contract's cells
AGENCY_COLUMNS = REGISTRY_COLUMNS  # data/agencies.csv: the contract's columns, which the registry also uses
UNSETTLED_FILE = "unsettled"  # reports/<this>.json.gz: agencies whose region is not settled
# Up to this many reports the full objects are also one plain data/reports.json, the contract's form
# for a site of a few thousand (and the address earlier builds published); beyond, only the
# compressed files by region, the form for a province.
REPORTS_JSON_MAX = 5000
SUMMARY_KEYS = ("new_received", "total_processed", "granted", "granted_rate", "denied_unavailable_share",
                "review", "review_corrected", "litigation", "litigation_corrected", "failed_rules")


def dump(data: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        # dumps, not dump: json.dump streams through the pure-Python encoder, several times slower.
        fh.write(json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=json_default))


def dump_gz(data: Any, path: Path) -> None:
    """JSON, gzip-compressed (mtime 0: the same data gives the same bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip_json(data))


def gzip_file(path: Path) -> Path:
    """path -> path.gz (the original removed)."""
    target = path.with_name(path.name + ".gz")
    with path.open("rb") as src, gzip.GzipFile(target, "wb", compresslevel=6, mtime=0) as dst:
        shutil.copyfileobj(src, dst)
    path.unlink()
    return target


def agency_fields(agency: Agency) -> dict[str, Any]:
    """What every report of the agency carries in reports.csv and reports.json."""
    return {"agency_id": agency.agency_id, "region_code": agency.region_code, "level": agency.level,
            "kind": agency.kind}


def report_json(agency: Agency, report: dict) -> dict:
    """The contract object as parsed, with its agency's fields and the other files of the same report."""
    return {**report, **agency_fields(agency), "twins": agency.twins.get(report["year"], [])}


def csv_row(agency: Agency, report: dict) -> list[Any]:
    rules = sorted({str(x.get("rule")) for x in report.get("checks") or []})
    ids = agency_fields(agency)
    meta = [report.get("agency"), ids["agency_id"], ids["region_code"], ids["level"], ids["kind"],
            report.get("year"), report.get("source"), report.get("title"),
            report.get("published"), report.get("url"), report.get("publisher"), report.get("active_template"),
            " ".join(rules), " ".join(str(x.get("path")) for x in report.get("inferred") or [])]
    return meta + [cell(report, p) for p in c.cell_paths()]


def report_rows(portal: Portal) -> list[list[Any]]:
    """reports.csv's rows, values as they are: SQLite takes them so, the CSV makes them safe text."""
    return [csv_row(a, r) for a in portal.agencies for r in a.reports]


def agency_rows(portal: Portal) -> Iterator[list[Any]]:
    for a in portal.agencies:
        row = {"agency_id": a.agency_id, "name": a.name, "aliases": ";".join(a.aliases),
               "region_code": a.region_code, "region": a.region or UNSETTLED,
               "level": a.level, "kind": a.kind}
        yield [csv_cell(row[k]) for k in AGENCY_COLUMNS]


def year_entry(agency: Agency, report: dict) -> dict:
    return {"year": report["year"], "url": year_url(agency, report["year"]),
            "figures": key_figures(report), "outcomes": outcome_groups(report),
            "cross_checks": [x for x in agency.cross_checks if x.get("year") == report["year"]]}


def agency_json(agency: Agency) -> dict:
    """data/agencies/<slug>.json: the agency, its region, and its key figures per year."""
    return {"agency": agency.name, "slug": agency.slug, **agency_fields(agency), "aliases": agency.aliases,
            "region": agency.region, "reports": reports_file(agency),
            "years": [year_entry(agency, r) for r in agency.reports]}


def reports_file(agency: Agency) -> str:
    """The data/ file holding the agency's full report objects."""
    return f"reports/{agency.region_code or UNSETTLED_FILE}.json.gz"


def summary_row(agency: Agency, report: dict) -> dict:
    f = key_figures(report)
    return {"agency": agency.name, "slug": agency.slug, "year": report["year"],
            "region": agency.region or UNSETTLED, "level": agency.level, "kind": agency.kind,
            "url": year_url(agency, report["year"]),
            "rules": " ".join(sorted({str(x.get("rule")) for x in report.get("checks") or []})),
            **{k: f[k] for k in SUMMARY_KEYS}}


def summary_rows(portal: Portal, year: int | None = None) -> list[dict]:
    """One row per agency-year (of `year` only, when given) with its key figures."""
    return [summary_row(a, r) for a in portal.agencies for r in a.reports if year is None or r["year"] == year]


def index_json(portal: Portal) -> dict:
    """data/index.json: every agency with its region and years, in the directory's order."""
    return {"years": portal.years,
            "columns": ["slug", "agency", "region", "years"],
            "agencies": [[a.slug, a.name, a.region or UNSETTLED, a.years] for a in portal.agencies]}


def write_reports(portal: Portal, data_dir: Path) -> list[dict]:
    """reports/<region_code>.json.gz, one per smallest region, and reports/index.json listing them."""
    by_region: dict[str, list[Agency]] = defaultdict(list)
    for a in portal.agencies:
        by_region[a.region_code or UNSETTLED_FILE].append(a)
    listing = []
    for code in sorted(by_region):
        agencies = by_region[code]
        reports = [report_json(a, r) for a in agencies for r in a.reports]
        dump_gz(reports, data_dir / "reports" / f"{code}.json.gz")
        listing.append({"region_code": None if code == UNSETTLED_FILE else code,
                        "region": agencies[0].region or UNSETTLED, "file": f"{code}.json.gz",
                        "agencies": len(agencies), "reports": len(reports)})
    dump({"format": "gzip-compressed JSON array of report objects (the contract's names)",
          "files": listing}, data_dir / "reports" / "index.json")
    return listing


def quality_rows(portal: Portal) -> dict[str, list[dict]]:
    failing = []
    for agency in portal.agencies:
        for report in agency.reports:
            checks = list(report.get("checks") or []) + [x for x in agency.cross_checks
                                                         if x.get("year") == report["year"]]
            if checks:
                failing.append({"agency": agency.name, "year": report["year"], "source": report.get("source"),
                                "url": year_url(agency, report["year"]) + "#checks",
                                "rules": " ".join(sorted({str(x.get("rule")) for x in checks})),
                                "count": len(checks)})
    rejected = [{"source": r.source, "reason": r.reason} for r in portal.rejected]
    by_id = {a.agency_id: a for a in portal.agencies}
    notes = [{"topic": n.topic, "message": n.message,
              "agency": by_id[n.agency_id].name if n.agency_id in by_id else "",
              "url": year_url(by_id[n.agency_id]) if n.agency_id in by_id else ""}
             for n in portal.notes]
    scanned = [{"agency": agency.name, "year": report["year"], "source": report.get("source"),
                "url": year_url(agency, report["year"]), "note": scan_note(report)}
               for agency in portal.agencies for report in agency.reports if scan_note(report)]
    return {"failing": failing, "rejected": rejected,
            "skipped": [{"source": s, "reason": skipped_reason(s)} for s in portal.skipped],
            "agency_notes": notes, "scanned": scanned}


def write_all(portal: Portal, data_dir: Path) -> dict[str, int]:
    """Every data file under data_dir; returns file name -> bytes written, for the build report."""
    rows = report_rows(portal)
    write_csv(data_dir / "reports.csv", list(META_COLUMNS) + c.cell_paths(),
               ([csv_cell(v) for v in r] for r in rows))
    write_csv(data_dir / "agencies.csv", list(AGENCY_COLUMNS), agency_rows(portal))
    # The audit's findings and the database are read by programs, which inflate them in one step;
    # compressed they take a seventh of the room a province's site has.
    write_findings_csv(portal.reports, data_dir / "findings.csv.gz")
    write_reports(portal, data_dir)
    if len(portal.reports) <= REPORTS_JSON_MAX:
        dump([report_json(a, r) for a in portal.agencies for r in a.reports], data_dir / "reports.json")
    for agency in portal.agencies:
        dump(agency_json(agency), data_dir / "agencies" / f"{agency.slug}.json")
    for year in portal.years:
        dump({"year": year, "rows": summary_rows(portal, year)}, data_dir / "summary" / f"{year}.json")
    dump(index_json(portal), data_dir / "index.json")
    dump(quality_rows(portal), data_dir / "quality.json")
    dump([{"path": p, "label": c.cell_label(p)} for p in c.cell_paths()], data_dir / "fields.json")
    report_fields = opendata.report_fields(META_HELP)
    opendata.write_sqlite(data_dir / opendata.DATABASE, {
        "agencies": (opendata.agency_fields(AGENCY_COLUMNS), ["agency_id"], agency_rows(portal)),
        "reports": (report_fields, ["agency_id", "year"], rows),
    })
    gzip_file(data_dir / opendata.DATABASE)
    opendata.write_datapackage(data_dir, META_HELP, list(AGENCY_COLUMNS))
    return {p.name: p.stat().st_size for p in data_dir.iterdir() if p.is_file()}
