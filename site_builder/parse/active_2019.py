"""Table 二 in the 2019 template: old columns, read by their printed header.

Before 国办公开办函〔2021〕30号 table 二 printed other columns (本年新制作数量 /
本年新公开数量 / 对外公开总数量, 上一年项目数量 / 本年增/减 / 处理决定数量) and other rows
(其他对外管理服务事项, 政府集中采购). Only two columns mean what a current field
means: 本年新制作数量 is `issued` and 处理决定数量 is `decisions`; the others never go
into current fields. Every printed row is kept in `active.extra`, one value per
printed column, so nothing the report prints is dropped.

Each row's values are placed under the header printed above it (or, when no header
is printed, the form's own columns for that row). Word-made tables merge header and
value cells differently (a header over columns 2–3, its value in column 3), so grid
values are matched to header columns by order when the counts agree and by nearest
position otherwise. Values that run together (a flattened page: `行政许可1-10`) are cut
into the columns (old_cuts.py): a cut that is the only one is read; otherwise each
cell on which every cut agrees is read, the report's own text may settle the rest
(settle.py), and what is left stays null with a check naming the run.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from site_builder.parse.old_cuts import cell_value, cuts, pieces
from site_builder.parse.tokens import normalize
from site_builder.read.document import Line

# Column labels that only the 2019 template prints (本年处理决定数量 is the current form's).
OLD_ONLY = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增减")
# Every column label of the 2019 template, to recognise its header rows.
OLD_COLUMNS = OLD_ONLY + ("处理决定数量", "采购项目数量", "采购总金额", "本年收费金额", "收费金额")
# The two old columns that mean a current field.
CURRENT_FIELD = {"本年新制作数量": "issued", "处理决定数量": "decisions"}
# The form's own columns for each of its rows, for a row printed without its header.
_DOCUMENTS = ("本年新制作数量", "本年新公开数量", "对外公开总数量")
_ITEMS = ("上一年项目数量", "本年增/减", "处理决定数量")
FORM_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("规章", _DOCUMENTS), ("规范性文件", _DOCUMENTS), ("行政许可", _ITEMS), ("其他对外管理服务事项", _ITEMS),
    ("行政处罚", _ITEMS), ("行政强制", _ITEMS), ("行政事业性收费", _ITEMS[:2]), ("政府集中采购", ("采购项目数量", "采购总金额")),
)
# A row's printed values at the end of a line of text: numbers (signed, with a unit), blank marks.
_VALUES_AT_END = re.compile(r"(?:\s*(?:[+\-−]?\d[\d,，.]*(?:万?元)?|[/／]|—+|–|-{1,2}))+\s*$")


@dataclass(frozen=True)
class OldRow:
    label: str
    columns: tuple[str, ...]  # the header labels printed above the row
    cuts: tuple[tuple[object, ...], ...]  # each reading of its printed values, one value per column
    printed: str  # its values as printed, for messages
    line: int

    @property
    def values(self) -> tuple[object, ...]:
        """One per column: a number, None (blank), or the printed text (251000元); all None when
        the printed values have several readings or none."""
        return self.cuts[0] if len(self.cuts) == 1 else (None,) * len(self.columns)


def is_2019_template(lines: list[Line], span: tuple[int, int]) -> bool:
    return any(any(col in normalize(lines[i].text) for col in OLD_ONLY) for i in range(*span))


def header_columns(line: Line) -> list[tuple[int, str]] | None:
    """(position, label) of each old column a header row names, or None if it is no header.
    A cell naming several columns (a flattened header, 本年新制作数量本年新公开数量…) gives each."""
    if line.grid:
        cols: list[tuple[int, str]] = []
        for i, cell in enumerate(line.cells):
            named = _named(cell)
            if len(named) > 1:
                cols += [(i, col) for col in named]
            elif named:
                text = " ".join(cell.split())
                if not (cols and cols[-1][1] == text and cols[-1][0] == i - 1):
                    cols.append((i, text))
                else:  # a merged header repeated over its columns: one column, its last position
                    cols[-1] = (i, text)
        return cols or None
    return [(n, col) for n, col in enumerate(_named(line.text))] or None


def _named(text: str) -> list[str]:
    """The old column labels a text names, in order, none inside a longer one."""
    norm = normalize(text)
    found = sorted((norm.find(col), col) for col in OLD_COLUMNS if col in norm)
    return [col for pos, col in found if not any(p <= pos < p + len(o) and o != col and len(o) > len(col)
                                                 for p, o in found)]


def form_columns(label: str) -> tuple[str, ...]:
    """The form's columns for a row, by its label: for a row printed without a header."""
    norm = normalize(label)
    return next((cols for name, cols in FORM_COLUMNS if name in norm), ())


def old_rows(lines: list[Line], span: tuple[int, int]) -> list[OldRow]:
    """Every printed data row of the table, its values cut under the header printed above it."""
    header: list[tuple[int, str]] = []
    rows: list[OldRow] = []
    for i in range(*span):
        line = lines[i]
        cols = header_columns(line)
        if cols is not None:
            header = cols
            continue
        label, cells = _label_and_cells(line)
        if not label or not any(re.search(r"\d", text) for _, text in cells):
            continue  # a 第二十条 heading, a footnote, a blank row: no number printed
        columns = tuple(c for _, c in header) or form_columns(label)
        if not columns:
            continue
        printed = " ".join(text.strip() for _, text in cells if text.strip())
        if line.grid and len(cells) >= len(columns) and all(len(pieces([t])) <= 1 for _, t in cells):
            head = header or list(enumerate(columns))  # no header printed: the form's columns, in order
            found = [tuple(_align(head, [(pos, cell_value(t)) for pos, t in cells], bool(header)))]
        else:  # values run together, or printed as text: every cut of them into the columns
            found = cuts(pieces([t for _, t in cells]), columns)
        rows.append(OldRow(label, columns, tuple(found), printed, i))
    return rows


def _label_and_cells(line: Line) -> tuple[str, list[tuple[int, str]]]:
    """A row's label and its printed value cells (position, text); a grid's blanks as ""."""
    if line.grid:
        filled = [(i, cell) for i, cell in enumerate(line.cells) if cell.strip()]
        if not filled or isinstance(cell_value(filled[0][1]), (int, Decimal)):
            return "", []  # no label: a row of numbers only
        first = filled[0][0]
        last = first
        while last + 1 < len(line.cells) and line.cells[last + 1] == line.cells[first]:
            last += 1  # a merged label repeated over the columns it covers
        return " ".join(line.cells[first].split()), [(i, line.cells[i]) for i in range(last + 1, len(line.cells))]
    text = line.text
    m = _VALUES_AT_END.search(text)
    if m is None or not text[:m.start()].strip():
        return "", []
    return text[:m.start()].strip(), [(0, m.group(0))]


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


def current_paths(key: str | None, columns: tuple[str, ...], fields: tuple[str, ...]) -> tuple[str | None, ...]:
    """The current-form cell each old column fills: only issued and decisions, each once."""
    out: list[str | None] = []
    for column in columns:
        field = CURRENT_FIELD.get(normalize(column))
        path = f"active.{key}.{field}" if key and field in fields else None
        out.append(None if path in out else path)
    return tuple(out)
