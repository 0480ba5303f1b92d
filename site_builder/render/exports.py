"""Open data: reports.csv, reports.json, one JSON per agency, and the browser's indexes.

Columns of reports.csv are the contract's cell paths (`contract.cell_paths()`),
so the CSV, the field dictionary and the parser share one list of names.
Written streaming, one agency at a time: linear in the number of reports.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from site_builder import contract as c
from site_builder.agencies import REGISTRY_COLUMNS, UNSETTLED
from site_builder.render import opendata
from site_builder.render.agency import agency_dir
from site_builder.render.audit import write_findings_csv
from site_builder.render.documents import skipped_reason
from site_builder.render.fmt import csv_cell, json_default
from site_builder.render.model import Agency, Portal, cell, key_figures, outcome_groups, scan_note

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
SUMMARY_KEYS = ("new_received", "total_processed", "granted", "granted_rate", "denied_unavailable_share",
                "review", "review_corrected", "litigation", "litigation_corrected", "failed_rules")


def dump(data: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"), default=json_default)


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


def _write_csv(path: Path, header: list[str], rows: Iterable[list[Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # utf-8-sig: spreadsheet programs otherwise read the Chinese as mojibake.
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


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
    return {"year": report["year"], "url": agency_dir(agency, report["year"]) + "/",
            "figures": key_figures(report), "outcomes": outcome_groups(report), "report": report,
            "cross_checks": [x for x in agency.cross_checks if x.get("year") == report["year"]]}


def agency_json(agency: Agency) -> dict:
    return {"agency": agency.name, "slug": agency.slug, **agency_fields(agency), "aliases": agency.aliases,
            "region": agency.region, "years": [year_entry(agency, r) for r in agency.reports]}


def summary_rows(portal: Portal) -> list[dict]:
    """One row per agency-year with its key figures: the statistics table and the compare picker read it."""
    rows = []
    for agency in portal.agencies:
        for report in agency.reports:
            f = key_figures(report)
            rows.append({"agency": agency.name, "slug": agency.slug, "year": report["year"],
                         "region": agency.region or UNSETTLED, "level": agency.level, "kind": agency.kind,
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
    by_id = {a.agency_id: a for a in portal.agencies}
    notes = [{"topic": n.topic, "message": n.message,
              "agency": by_id[n.agency_id].name if n.agency_id in by_id else "",
              "url": agency_dir(by_id[n.agency_id]) + "/" if n.agency_id in by_id else ""}
             for n in portal.notes]
    scanned = [{"agency": agency.name, "year": report["year"], "source": report.get("source"),
                "url": agency_dir(agency, report["year"]) + "/", "note": scan_note(report)}
               for agency in portal.agencies for report in agency.reports if scan_note(report)]
    return {"failing": failing, "rejected": rejected,
            "skipped": [{"source": s, "reason": skipped_reason(s)} for s in portal.skipped],
            "agency_notes": notes, "scanned": scanned}


def write_all(portal: Portal, data_dir: Path) -> dict[str, int]:
    """Every data file under data_dir; returns file name -> bytes written, for the build report."""
    rows = report_rows(portal)
    _write_csv(data_dir / "reports.csv", list(META_COLUMNS) + c.cell_paths(),
               ([csv_cell(v) for v in r] for r in rows))
    _write_csv(data_dir / "agencies.csv", list(AGENCY_COLUMNS), agency_rows(portal))
    write_findings_csv(portal.reports, data_dir / "findings.csv")
    dump([report_json(a, r) for a in portal.agencies for r in a.reports], data_dir / "reports.json")
    for agency in portal.agencies:
        dump(agency_json(agency), data_dir / "agencies" / f"{agency.slug}.json")
    dump({"rows": summary_rows(portal), "years": portal.years}, data_dir / "summary.json")
    dump(quality_rows(portal), data_dir / "quality.json")
    dump([{"path": p, "label": c.cell_label(p)} for p in c.cell_paths()], data_dir / "fields.json")
    opendata.write_datapackage(data_dir, META_HELP, list(AGENCY_COLUMNS))
    report_fields = opendata.report_fields(META_HELP)
    opendata.write_sqlite(data_dir / opendata.DATABASE, {
        "agencies": (opendata.agency_fields(AGENCY_COLUMNS), ["agency_id"], agency_rows(portal)),
        "reports": (report_fields, ["agency_id", "year"], rows),
    })
    return {p.name: p.stat().st_size for p in data_dir.iterdir() if p.is_file()}
