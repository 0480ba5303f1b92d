"""Formatting and escaping shared by every page: numbers, shares, untrusted text.

Report text is untrusted. Everything that leaves here for HTML is escaped with
markupsafe; JSON that goes inside a <script> is escaped so it can never close it.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from markupsafe import Markup, escape

PLAIN_EXPLANATIONS: dict[str, str] = {
    # Why a rule matters, said for a citizen rather than an accountant.
    "C1": "年初在办的加上本年新收的申请，应当等于本年办结的加上转到下一年的申请。这一列对不上，说明表中至少有一个数字印错或漏印。",
    "C2": "“总计”一列应当等于六类申请人的数字之和。这一行对不上，说明某类申请人的数字或总计有误。",
    "C3": "“(七) 总计”应当等于各项办理结果之和。这一列对不上，说明某项办理结果漏填或多填。",
    "C4": "分组小计应当等于组内各项之和。小计与各项不一致。",
    "C5": "行政复议、行政诉讼的总计应当等于维持、纠正、其他结果和尚未审结之和。",
    "C6": "今年的“上年结转”应当等于去年报告的“结转下年度继续办理”。两份报告对不上。",
    "C7": "今年的现行有效件数，一般等于去年的件数加上今年制发、减去今年废止的件数（仅作提示）。",
    "text": "表中这一行的数字连在一起，可以有几种拆法；报告正文说到的数字与哪一种拆法都对不上，这些单元格留空。",
}


def number(value: Any) -> str:
    """A printed number exactly as printed; a dash where the report prints none."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10000 else str(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float):
        return repr(value).rstrip("0").rstrip(".") if "." in repr(value) else repr(value)
    return str(value)


def percent(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value * 100:.{digits}f}%"


def megabytes(size: int) -> str:
    return f"{size / 1e6:,.1f} MB" if size >= 100_000 else f"{size / 1e3:,.0f} KB"


def paragraph_list(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").splitlines() if p.strip()]


def paragraph_id(key: str, index: int) -> str:
    """The id of a section's paragraph (1-based), so an audit finding can link to the place it quotes."""
    return f"{key}-p{index}"


def paragraphs(text: str | None, key: str | None = None) -> Markup:
    """Untrusted narrative text as escaped <p> paragraphs (no blank lines: keeps Markdown out)."""
    parts = paragraph_list(text)
    if key is None:
        return Markup("\n".join(f"<p>{escape(p)}</p>" for p in parts))
    return Markup("\n".join(f'<p id="{escape(paragraph_id(key, i))}">{escape(p)}</p>'
                             for i, p in enumerate(parts, 1)))


def script_json(data: Any) -> Markup:
    """JSON that is safe inside <script type="application/json"> and HTML attributes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=json_default)
    for raw, safe in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                      ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, safe)
    return Markup(text)


def json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def gzip_json(data: Any) -> bytes:
    """Compact JSON, gzip-compressed: level 6 (9 costs twice the time for 2% less), mtime 0 (the same
    data gives the same bytes). json.dumps, not dump: dump streams through the pure-Python encoder."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=json_default).encode("utf-8")
    return gzip.compress(raw, compresslevel=6, mtime=0)


def write_csv(path: Path, header: list[str], rows: Iterable[list[Any]]) -> None:
    """A CSV in utf-8-sig (spreadsheet programs otherwise read the Chinese as mojibake); a path
    ending in .gz is written gzip-compressed as gzip_json is. Cells are written as given: text
    from reports goes through csv_cell first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = gzip.GzipFile(path, "wb", compresslevel=6, mtime=0) if path.suffix == ".gz" else path.open("wb")
    with io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    # A cell starting with = + - @ is a formula to spreadsheet programs: neutralise untrusted text.
    if isinstance(value, str) and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text
