"""Lines to printed rows: a label and the values that follow it.

In pasted PDF text one row's label wraps over several lines and its numbers
over two; a row ends when text starts again after its numbers. A grid row (HTML,
Markdown, PDF and Word tables) is a row on its own. Text before the first
number of a table is its header.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from site_builder.parse.tokens import Token, is_value, line_tokens
from site_builder.read.document import Line

_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?)\s*$")


@dataclass
class PrintedRow:
    label: str
    values: list[Token]
    lines: list[int] = field(default_factory=list)  # source line indexes, for tracing a cell back
    width: int = 0  # cells in its grid row (0 for text): a row shorter than its table lost a cell


def drop_spacers_in_short_rows(rows: list[PrintedRow]) -> None:
    """A grid row with fewer cells than its table's usual row lost a cell: the blank cells
    after its label are then layout spacers that slid into the data columns, not printed blanks."""
    widths = Counter(r.width for r in rows if r.width)
    if not widths:
        return
    usual = widths.most_common(1)[0][0]
    for row in rows:
        if row.width and row.width < usual:
            while row.values and row.values[0].kind == "null" and row.values[0].text == "":
                row.values.pop(0)


def _whole_row(previous: PrintedRow, values: list[Token]) -> bool:
    """A label-less grid row printing as many values as the complete grid row above it is a
    row of its own whose label the converter lost, not the rest of that row's numbers."""
    return bool(previous.width) and len(values) >= 3 and len(previous.values) == len(values)


@dataclass
class TableText:
    header: str  # text before the first value
    rows: list[PrintedRow]


def assemble(lines: list[Line], start: int, end: int) -> TableText:
    header: list[str] = []
    rows: list[PrintedRow] = []
    label: list[str] = []
    values: list[Token] = []
    used: list[int] = []
    seen_value = False

    def flush() -> None:
        nonlocal label, values, used
        if values:
            rows.append(PrintedRow("".join(label), values, used))
        label, values, used = [], [], []

    for i in range(start, end):
        line = lines[i]
        if _PAGE_NUMBER.match(line.text):
            continue
        tokens = line_tokens(line)
        if not tokens:
            continue
        if line.grid:
            flush()
            texts = [t.text for t in tokens if t.kind == "text"]
            texts = [t for n, t in enumerate(texts) if n == 0 or t != texts[n - 1]]  # a merged label once
            vals = [t for t in tokens if is_value(t)]
            if any(t.kind == "num" for t in vals):
                if not texts and rows and vals and not _whole_row(rows[-1], vals):
                    # a row's numbers carried to the next grid row
                    rows[-1].values.extend(vals)
                    rows[-1].lines.append(i)
                else:
                    rows.append(PrintedRow("".join(texts), vals, [i], len(line.cells)))
                seen_value = True
            elif (seen_value and texts and rows and all(t.kind == "null" and not t.text for t in vals)
                  and len(vals) == len(rows[-1].values) and len(line.cells) == rows[-1].width):
                # a grid row printing its label and only blank cells where the row above prints its
                # values: a row of printed blanks (an invented header after a page break is not)
                rows.append(PrintedRow("".join(texts), vals, [i], len(line.cells)))
            elif not seen_value:
                header.extend(texts)
            continue
        for tok in tokens:
            if tok.kind == "text":
                if values:
                    flush()
                label.append(tok.text)
                if not seen_value:
                    header.append(tok.text)
            else:
                values.append(tok)
                seen_value = True
            if not used or used[-1] != i:
                used.append(i)
    flush()
    return TableText("".join(header), rows)
