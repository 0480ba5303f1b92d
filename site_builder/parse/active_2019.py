"""Table 二 in the 2019 template: old columns, read by their printed header.

Before 国办公开办函〔2021〕30号 table 二 printed other columns (本年新制作数量 /
本年新公开数量 / 对外公开总数量, 上一年项目数量 / 本年增/减 / 处理决定数量) and other rows
(其他对外管理服务事项, 政府集中采购). Only two columns mean what a current field
means: 本年新制作数量 is `issued` and 处理决定数量 is `decisions`; the others never go
into current fields. Every printed row is kept whole in `active.extra`, so
nothing the report prints is dropped.

Each row's values are placed under the header printed above it. Word-made
tables merge header and value cells differently (a header over columns 2–3, its
value in column 3), so values are matched to header columns by order when the
counts agree and by nearest position otherwise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from site_builder.parse.tokens import NULL_MARKERS, line_tokens, normalize
from site_builder.read.document import Line

# Column labels that only the 2019 template prints (本年处理决定数量 is the current form's).
OLD_ONLY = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增减")
# Every column label of the 2019 template, to recognise its header rows.
OLD_COLUMNS = OLD_ONLY + ("处理决定数量", "采购项目数量", "采购总金额", "本年收费金额", "收费金额")
# The two old columns that mean a current field.
CURRENT_FIELD = {"本年新制作数量": "issued", "处理决定数量": "decisions"}

_SIGNED = re.compile(r"^[+\-−]?\d[\d,，]*(?:\.\d+)?$")


@dataclass(frozen=True)
class OldRow:
    label: str
    columns: tuple[str, ...]  # the header labels printed above the row
    values: tuple[object, ...]  # one per column: a number, None (blank), or the printed text (251000元)
    line: int


def is_2019_template(lines: list[Line], span: tuple[int, int]) -> bool:
    return any(any(col in normalize(lines[i].text) for col in OLD_ONLY) for i in range(*span))


def cell_value(text: str) -> object:
    """A printed cell: a signed number as a number, a blank or dash as None, anything else as printed."""
    text = " ".join(text.split())
    if not text or text in NULL_MARKERS:
        return None
    if _SIGNED.match(text):
        plain = text.replace(",", "").replace("，", "").replace("−", "-").lstrip("+")
        return Decimal(plain) if "." in plain else int(plain)
    return text


def header_columns(line: Line) -> list[tuple[int, str]] | None:
    """(position, label) of each old column a header row names, or None if it is no header."""
    if line.grid:
        cols: list[tuple[int, str]] = []
        for i, cell in enumerate(line.cells):
            if any(col in normalize(cell) for col in OLD_COLUMNS):
                text = " ".join(cell.split())
                if not (cols and cols[-1][1] == text and cols[-1][0] == i - 1):
                    cols.append((i, text))
                else:  # a merged header repeated over its columns: one column, its last position
                    cols[-1] = (i, text)
        return cols or None
    norm = normalize(line.text)
    found = sorted((norm.find(col), col) for col in OLD_COLUMNS if col in norm)
    kept = [(pos, col) for pos, col in found if not any(p <= pos < p + len(o) and o != col and len(o) > len(col)
                                                        for p, o in found)]
    return [(n, col) for n, (_, col) in enumerate(kept)] or None


def old_rows(lines: list[Line], span: tuple[int, int]) -> list[OldRow]:
    """Every printed data row of the table, its values under the header printed above it."""
    header: list[tuple[int, str]] = []
    rows: list[OldRow] = []
    for i in range(*span):
        line = lines[i]
        cols = header_columns(line)
        if cols is not None:
            header = cols
            continue
        label, cells = _label_and_cells(line)
        if not label or not header or not any(isinstance(v, (int, Decimal)) for _, v in cells):
            continue  # a 第二十条 heading, a footnote, a blank row: no number printed
        values = _align(header, cells, line.grid)
        rows.append(OldRow(label, tuple(c for _, c in header), tuple(values), i))
    return rows


def _label_and_cells(line: Line) -> tuple[str, list[tuple[int, object]]]:
    if line.grid:
        filled = [(i, cell) for i, cell in enumerate(line.cells) if cell.strip()]
        if not filled or isinstance(cell_value(filled[0][1]), (int, Decimal)):
            return "", []  # no label: a row of numbers only
        first = filled[0][0]
        last = first
        while last + 1 < len(line.cells) and line.cells[last + 1] == line.cells[first]:
            last += 1  # a merged label repeated over the columns it covers
        return " ".join(line.cells[first].split()), [(i, cell_value(line.cells[i]))
                                                     for i in range(last + 1, len(line.cells))]
    tokens = line_tokens(line)
    label = "".join(t.text for t in tokens if t.kind == "text")
    values = [(n, t.value) for n, t in enumerate(t for t in tokens if t.kind in ("num", "null"))]
    return label, values


def _align(header: list[tuple[int, str]], cells: list[tuple[int, object]], grid: bool) -> list[object]:
    """The row's value under each header column."""
    out: list[object] = [None] * len(header)
    printed = [(pos, v) for pos, v in cells if v is not None]
    if not grid or len(printed) == len(header):
        for n, (_, value) in enumerate(printed[: len(header)]):
            out[n] = value
        return out
    for pos, value in printed:  # Word merged header and value cells differently: nearest column
        n = min(range(len(header)), key=lambda k: (abs(header[k][0] - pos), header[k][0]))
        if out[n] is None:
            out[n] = value
    return out


def current_fields(row: OldRow, fields: tuple[str, ...]) -> dict[str, object]:
    """The current-form fields this row's old columns fill: only issued and decisions, only numbers."""
    out: dict[str, object] = {}
    for column, value in zip(row.columns, row.values):
        field = CURRENT_FIELD.get(normalize(column))
        if field in fields and isinstance(value, (int, Decimal)) and field not in out:
            out[field] = value
    return out
