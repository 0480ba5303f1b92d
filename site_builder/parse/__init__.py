"""RawDocument to the contract's report object (../shared/spec/report-format.md).

Stages: layout (title, parts) -> tables (rows, readings, the rules' choice) ->
sections (text of parts 一, 五, 六). Anything that is not a report, or stops
before its tables, raises ParseError naming what is missing.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from site_builder import contract as c
from site_builder.parse.layout import agency_and_year, find_headings, find_title, part_spans, prose_lines
from site_builder.parse.statements import report_statements
from site_builder.parse.tables import parse_active, parse_applications, parse_appeals
from site_builder.parse.titles import report_title
from site_builder.parse.tokens import normalize
from site_builder.read.document import Line, RawDocument

__all__ = ["ParseError", "parse_document"]


class ParseError(Exception):
    """The input is not a report, or too little of one to publish."""


def parse_document(doc: RawDocument, debug: bool = False) -> dict:
    lines = doc.lines
    headings = find_headings(lines)
    spans = part_spans(lines, headings)
    title_limit = headings.get("一", min(len(lines), 40))
    title, title_lines = find_title(lines, max(title_limit, 1))
    t3 = spans.get("三") or _fallback_span(lines, "本年新收", headings.get("四"))
    if t3 is None:
        what = ("no title naming 政府信息公开…年度报告 and no table 三" if title is None
                else f"the title 「{title}」 is there but table 三 is not; the report may be truncated")
        raise ParseError(f"not a government information disclosure annual report: {what} "
                         "(收到和处理政府信息公开申请情况)")
    t4 = spans.get("四") or _table4_span(lines, t3[0], spans)
    if t4 is not None and t3[0] < t4[0] - 1 < t3[1]:
        t3 = (t3[0], t4[0] - 1)  # no heading between them: table 四 starts at its header
    if title:  # a saved portal page's <title>: `X年度报告_政府信息公开年报_某某网站` -> the report's own
        title = report_title(title) or title
    report = c.empty_report(doc.source)
    report["title"] = title
    for key in ("published", "url", "publisher"):
        report[key] = doc.meta.get(key)
    if title:
        report["agency"], report["year"] = agency_and_year(title)

    table_text, tables = _table_prose(lines, spans, doc.kind)
    applications = parse_applications(tables, t3)
    if not applications.found:
        raise ParseError("table 三 (收到和处理政府信息公开申请情况) has a heading but no rows: "
                         "the report is truncated or its table is an image")
    appeals = parse_appeals(tables, t4) if t4 else None
    for key, numeral, _ in c.SECTIONS:
        if numeral in spans:
            report["sections"][key] = section_text(lines, spans[numeral], doc.kind)
    # The sentences are read only if a row of table 二 has several cuts: most reports have none.
    stated = cache(lambda: report_statements({**report["sections"], **table_text}, report["year"]))
    t2 = spans.get("二") or (max(title_lines, default=-1) + 1, t3[0])
    active = parse_active(tables, t2, stated)

    checks: list[dict] = []
    inferred: list[dict] = []
    for part in (active, applications, appeals):
        if part is None:
            continue
        for path, value in part.solution.values.items():
            _set(report, path, value)
        checks += part.solution.checks
        inferred += [{**i, "value": _plain(i["value"])} for i in part.solution.inferred]
    report["active_template"] = active.template
    if active.extra:
        report["active"]["extra"] = [{"label": e["label"], "columns": e["columns"],
                                      "values": [_plain(v) for v in e["values"]]} for e in active.extra]
    missing_rows = [r for r in c.APPLICATION_ROWS if not r.subtotal and r.key not in applications.rows_found
                    and r.group not in applications.folded  # printed as its group's one row
                    and all(v is None for v in report["applications"][r.key].values())]
    for row in missing_rows:
        checks.append({"rule": "missing", "cells": [f"applications.{row.key}.{k}" for k in c.COLUMN_KEYS],
                       "message": f"表三缺少「{row.label}」一行"})
    if appeals is None or not appeals.found:
        checks.append({"rule": "missing", "cells": [f"appeals.{g}.{f}" for g, _ in c.APPEAL_GROUPS
                                                    for f, _ in c.APPEAL_FIELDS],
                       "message": "未找到表四「政府信息公开行政复议、行政诉讼情况」（报告可能不完整）"})
    if not active.found:
        checks.append({"rule": "missing", "cells": [f"active.{k}.{f}" for k, fields in c.ACTIVE_FIELDS.items()
                                                    for f, _ in fields],
                       "message": "未找到表二「主动公开政府信息情况」（报告可能不完整）"})
    report["checks"] = checks
    report["inferred"] = inferred
    for key, numeral, heading in c.SECTIONS:
        if numeral not in spans:
            checks.append({"rule": "missing", "cells": [f"sections.{key}"],
                           "message": f"未找到第{numeral}部分「{heading}」（报告可能不完整）"})
    if table_text:
        report["table_text"] = table_text
    if doc.notes:
        report["notes"] = list(doc.notes)
    if debug:
        report["debug"] = {"headings": {n: doc.origin(i) + 1 for n, i in headings.items()},
                           "title_lines": [doc.origin(i) + 1 for i in title_lines],
                           "columns": list(applications.columns),
                           "rows": active.trace("二", doc.origin) + applications.trace("三", doc.origin)
                           + (appeals.trace("四", doc.origin) if appeals else [])}
    return report


_TABLE_PARTS = (("二", "active"), ("三", "applications"), ("四", "appeals"))


def _table_prose(lines: list[Line], spans: dict, kind: str) -> tuple[dict[str, str], list[Line]]:
    """Sentences in a table's part (a year or a count between its heading and its digits): their
    text by table, and the lines with those sentences blanked, for the tables to read."""
    text: dict[str, str] = {}
    tables = lines
    for numeral, key in _TABLE_PARTS:
        found = prose_lines(lines, spans[numeral]) if numeral in spans else []
        if not found:
            continue
        if tables is lines:
            tables = list(lines)
        for i in found:
            tables[i] = Line(("",))
        text[key] = section_text([lines[i] for i in found], (0, len(found)), kind)
    return text, tables


_TABLE4_WORDS = ("结果维持", "行政复议")


def _table4_span(lines: list[Line], after: int, spans: dict) -> tuple[int, int] | None:
    """Table 四 without its heading: from its header (行政复议 … 结果维持) after table 三's start
    to the next part heading."""
    for i in range(after + 1, len(lines)):
        text = normalize(lines[i].text)
        if any(w in text for w in _TABLE4_WORDS):
            end = min((s - 1 for s, _ in spans.values() if s - 1 > i), default=len(lines))
            return (i, end)
    return None


def _fallback_span(lines: list[Line], phrase: str, end: int | None, after: int = -1) -> tuple[int, int] | None:
    """A table whose heading is gone: start at the first line that carries its phrase."""
    for i, line in enumerate(lines):
        if i > after and phrase in normalize(line.text):
            return (max(i - 1, 0), end if end is not None and end > i else len(lines))
    return None


def _set(report: dict, path: str, value) -> None:
    table, row, col = path.split(".")
    report[table][row][col] = _plain(value)


def _plain(value):
    """JSON numbers: a decimal that is whole prints as an int, others as a float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


_SENTENCE_END = re.compile(r"[。！？：:；;]$")


def section_text(lines: list[Line], span: tuple[int, int], kind: str) -> str:
    """Paragraphs of a text part. Pasted PDF text wraps mid-sentence: rejoin those lines."""
    paragraphs: list[str] = []
    current: list[str] = []
    one_line_paragraphs = kind in ("html", "docx", "markdown")
    for i in range(*span):
        text = " ".join(cell.strip() for cell in lines[i].cells if cell.strip())
        if not text:
            if current:
                paragraphs.append(_join(current))
                current = []
            continue
        current.append(text)
        if one_line_paragraphs or (kind in ("pdf", "image") and _SENTENCE_END.search(text)):
            paragraphs.append(_join(current))
            current = []
    if current:
        paragraphs.append(_join(current))
    return "\n\n".join(paragraphs)


def _join(parts: list[str]) -> str:
    out = parts[0]
    for part in parts[1:]:
        glue = " " if re.search(r"[A-Za-z0-9]$", out) and re.match(r"[A-Za-z0-9]", part) else ""
        out += glue + part
    return out
