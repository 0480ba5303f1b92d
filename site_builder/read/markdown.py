"""Markdown: pipe tables become grid rows, everything else stays text.

PDF converters break one table into several fragments and invent generic
headers; the parser reads rows by their labels, so fragments need no joining here.
"""
from __future__ import annotations

import re

from site_builder.read.celltext import join_wrapped
from site_builder.read.document import Line
from site_builder.read.tables import is_value

_RULE = re.compile(r"\|?[\s\-:|]+\|?")  # the |---|:--:| line under a header


_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?)\s*$")
_LABEL_START = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、])")


def markdown_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    loose: list[int] = []  # text lines since the last table row: a label the converter cut out
    for raw in text.replace("\r\n", "\n").split("\n"):
        stripped = raw.strip()
        if stripped and "-" in stripped and _RULE.fullmatch(stripped):
            continue
        if _PAGE_NUMBER.match(stripped):
            continue  # "— 4 —": the PDF's page number, furniture (it would read as cells)
        if stripped.startswith("|") and stripped.count("|") >= 2:
            body = stripped[1:-1] if stripped.endswith("|") else stripped[1:]
            cells = tuple(_unescape(c.strip()) for c in re.split(r"(?<!\\)\|", body))
            label = _loose_label(lines, loose) if _numbers_only(cells) else None
            if label is not None:
                cells = (label,) + cells
            lines.append(Line(cells, grid=True))
            loose = []
        else:
            if stripped:
                loose.append(len(lines))
            lines.append(Line((_strip_markup(raw),)))
    return lines


def _numbers_only(cells: tuple[str, ...]) -> bool:
    filled = [c for c in cells if c.strip()]
    return bool(filled) and all(is_value(c) for c in filled)


def _loose_label(lines: list[Line], loose: list[int]) -> str | None:
    """A row of numbers whose label the converter printed as text just above the table row
    ((二)部分公开… wrapped over two text lines): the label moves back into the row, and its
    text lines are emptied. Only a label that starts as the form's items do ((二), 3., 四、)."""
    if not loose or not _LABEL_START.match(lines[loose[0]].text):
        return None
    label = join_wrapped([lines[i].text for i in loose])
    for i in loose:
        lines[i] = Line(("",))
    return label


_BR = re.compile(r"<br\s*/?>", re.I)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_BOLD = re.compile(r"(\*\*|__)(.+?)\1")


def _unescape(cell: str) -> str:
    if "\\" in cell:
        cell = cell.replace("\\|", "|")
    if "<" in cell:
        cell = _BR.sub("", cell)
    return _strip_markup(cell)


def _strip_markup(text: str) -> str:
    if "#" in text:
        text = _HEADING.sub("", text)  # headings
    if "*" in text or "_" in text:
        text = _BOLD.sub(r"\2", text)  # bold
    return text
