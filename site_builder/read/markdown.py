"""Markdown: pipe tables become grid rows, everything else stays text.

PDF converters break one table into several fragments and invent generic
headers; the parser reads rows by their labels, so fragments need no joining here.
"""
from __future__ import annotations

import re

from site_builder.read.document import Line

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def markdown_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        stripped = raw.strip()
        if _SEPARATOR.match(stripped) and "|" in stripped or re.fullmatch(r"\|?[\s\-:|]+\|?", stripped or "x"):
            continue  # the |---|---| line under a header
        if stripped.startswith("|") and stripped.count("|") >= 2:
            body = stripped[1:-1] if stripped.endswith("|") else stripped[1:]
            cells = tuple(_unescape(c.strip()) for c in re.split(r"(?<!\\)\|", body))
            lines.append(Line(cells, grid=True))
        else:
            lines.append(Line((_strip_markup(raw),)))
    return lines


def _unescape(cell: str) -> str:
    cell = cell.replace("\\|", "|")
    cell = re.sub(r"<br\s*/?>", "", cell, flags=re.I)
    return _strip_markup(cell)


def _strip_markup(text: str) -> str:
    text = re.sub(r"^\s{0,3}#{1,6}\s+", "", text)  # headings
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)  # bold
    return text
