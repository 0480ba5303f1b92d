"""The open data as standard tools read it: a Frictionless data package and a SQLite database.

`datapackage.json` describes reports.csv and agencies.csv with a Table Schema per file,
written from the contract (the same column list as the CSV), so `frictionless validate
data/datapackage.json` checks every cell's type, the agency ids' uniqueness and that every
report's agency_id is in agencies.csv. `reports.db` holds the same two tables for Datasette
and plain `sqlite3` users.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Iterable

from site_builder import contract as c
from site_builder.agencies import KINDS, LEVELS

DATABASE = "reports.db"
PACKAGE = "datapackage.json"
_TEXT_HELP = {
    "agency_id": "机关编号，同一机关各年度相同",
    "name": "规范名称（最近一年报告上的写法）",
    "aliases": "其他年度报告上的写法，分号分隔",
    "region_code": "所在最小行政区的 GB/T 2260 代码",
    "region": "行政区路径 省/市/县；地区未定时写“地区未定”",
    "level": "层级",
    "kind": "类别",
}


# findings.csv (site_builder/render/audit.py): one row per audit finding.
FINDINGS_FIELDS: list[dict[str, Any]] = [
    {"name": "report", "type": "string", "description": "报告文件（来源路径）", "constraints": {"required": True}},
    {"name": "agency", "type": "string", "description": "报告上印的机关名称"},
    {"name": "year", "type": "integer", "description": "报告年度"},
    {"name": "rule", "type": "string", "description": "审核规则", "constraints": {"enum": ["T1", "T2", "T3", "T4", "T5"]}},
    {"name": "status", "type": "string", "description": "结果",
     "constraints": {"enum": ["pass", "fail", "uncertain", "not_assessable"]}},
    {"name": "message", "type": "string", "description": "说明"},
    {"name": "evidence", "type": "string", "description": "依据（引文、数字、日期）"},
]


def _cell_type(path: str) -> str:
    return "number" if path.endswith("amount_wan_yuan") else "integer"


def report_fields(meta_help: dict[str, str]) -> list[dict[str, Any]]:
    """Table Schema fields of reports.csv: the meta columns (name -> description), then one per cell."""
    fields: list[dict[str, Any]] = []
    for name, text in meta_help.items():
        field: dict[str, Any] = {"name": name, "type": "integer" if name == "year" else "string",
                                 "description": text}
        if name in ("agency_id", "year"):
            field["constraints"] = {"required": True}
        fields.append(field)
    fields += [{"name": p, "type": _cell_type(p), "description": c.cell_label(p)} for p in c.cell_paths()]
    return _with_enums(fields)


def agency_fields(columns: Iterable[str]) -> list[dict[str, Any]]:
    fields = [{"name": n, "type": "string", "description": _TEXT_HELP.get(n, "")} for n in columns]
    for f in fields:
        if f["name"] in ("agency_id", "name", "region"):
            f["constraints"] = {"required": True}
    fields[0]["constraints"] = {"required": True, "unique": True}
    return _with_enums(fields)


def _with_enums(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for f in fields:
        if f["name"] == "region_code":
            f.setdefault("constraints", {})["pattern"] = "[0-9]{6}"
        elif f["name"] == "level":
            f.setdefault("constraints", {})["enum"] = list(LEVELS)
        elif f["name"] == "kind":
            f.setdefault("constraints", {})["enum"] = list(KINDS)
    return fields


def write_datapackage(data_dir: Path, meta_help: dict[str, str], agency_columns: list[str]) -> Path:
    """datapackage.json beside the CSVs, built and checked with the frictionless package."""
    from frictionless import Package, Resource, Schema  # its import costs a second: only here

    reports_schema = Schema.from_descriptor({
        "fields": report_fields(meta_help),
        "missingValues": [""],
        "primaryKey": ["agency_id", "year"],
        "foreignKeys": [{"fields": ["agency_id"],
                         "reference": {"resource": "agencies", "fields": ["agency_id"]}}],
    })
    agencies_schema = Schema.from_descriptor({"fields": agency_fields(agency_columns), "missingValues": [""],
                                              "primaryKey": ["agency_id"]})
    package = Package(
        name="gov-info-disclosure-annual-reports", title="政府信息公开工作年度报告数据",
        description="各级行政机关政府信息公开工作年度报告的表格数据（一行一个机关年度）与机关名录",
        resources=[
            Resource(name="reports", path="reports.csv", format="csv", encoding="utf-8-sig",
                     mediatype="text/csv", schema=reports_schema),
            Resource(name="agencies", path="agencies.csv", format="csv", encoding="utf-8-sig",
                     mediatype="text/csv", schema=agencies_schema),
            Resource(name="findings", path="findings.csv.gz", format="csv", compression="gz", encoding="utf-8-sig",
                     mediatype="text/csv", schema=Schema.from_descriptor({"fields": FINDINGS_FIELDS,
                                                                          "missingValues": [""]})),
        ])
    target = data_dir / PACKAGE
    package.to_json(str(target))
    return target


def _sql_type(field: dict[str, Any]) -> str:
    return {"integer": "INTEGER", "number": "REAL"}.get(field["type"], "TEXT")


Table = tuple[list[dict[str, Any]], list[str], Iterable[list[Any]]]  # (fields, primary key, rows)


def write_sqlite(path: Path, tables: dict[str, Table]) -> None:
    """One table per (fields, primary key, rows); the file is written aside and renamed."""
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    with sqlite3.connect(tmp) as db:
        for name, (fields, key, rows) in tables.items():
            columns = ", ".join(f'"{f["name"]}" {_sql_type(f)}' for f in fields)
            pk = ", ".join(f'"{k}"' for k in key)
            db.execute(f'CREATE TABLE "{name}" ({columns}, PRIMARY KEY ({pk}))')
            marks = ", ".join("?" for _ in fields)
            db.executemany(f'INSERT INTO "{name}" VALUES ({marks})',
                           ([_sql_value(v) for v in row] for row in rows))
    db.close()
    tmp.replace(path)


def _sql_value(value: Any) -> Any:
    if value is None or isinstance(value, (int, float, str)):
        return value
    return float(value)  # Decimal
