"""Markdown: pipe tables become grid rows, everything else stays text.

PDF converters break one table into several fragments and invent generic
headers; the parser reads rows by their labels, so fragments need no joining here.
"""
from __future__ import annotations

import re

from site_builder.read.document import Line

_RULE = re.compile(r"\|?[\s\-:|]+\|?")  # the |---|:--:| line under a header


def markdown_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        stripped = raw.strip()
        if stripped and "-" in stripped and _RULE.fullmatch(stripped):
            continue
        if stripped.startswith("|") and stripped.count("|") >= 2:
            body = stripped[1:-1] if stripped.endswith("|") else stripped[1:]
            cells = tuple(_unescape(c.strip()) for c in re.split(r"(?<!\\)\|", body))
            lines.append(Line(cells, grid=True))
        else:
            lines.append(Line((_strip_markup(raw),)))
    return lines


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
