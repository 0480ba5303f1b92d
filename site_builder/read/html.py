"""HTML pages as government portals publish them.

Tables are read from the real <table> with lxml, rowspan/colspan expanded into a
grid, never with regular expressions over tags. Text outside tables becomes lines.
"""
from __future__ import annotations

import re

from lxml import etree, html

from site_builder.read.celltext import tidy_cell
from site_builder.read.document import Line, ReadError
from site_builder.read.tables import is_value

_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "section", "article",
          "title", "pre", "blockquote", "dd", "dt", "center", "td", "th"}
_SKIP = {"script", "style", "noscript", "template", "head"}
# libxml2 drops what follows </html> and puts what follows </body> outside the body; a browser
# reads both into the body. Pages pasted from Word exports carry such tags mid-article.
_END_TAGS = re.compile(r"</(?:body|html)\s*>", re.I)


def html_lines(text: str) -> list[Line]:
    return parse_html(text)[0]


# lxml refuses a decoded string that still declares its encoding (<?xml … encoding="gbk"?>).
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


def page_root(text: str):
    """The decoded page as an lxml document; ReadError when it cannot be parsed."""
    try:
        return html.document_fromstring(_END_TAGS.sub("", _XML_DECLARATION.sub("", text)))
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(f"HTML could not be parsed: {exc}") from exc


def meta_tags(root) -> list[tuple[str, str]]:
    """The page's <meta name=… content=…> pairs (the CMS's own metadata)."""
    return [(m.get("name") or m.get("property") or "", m.get("content") or "")
            for m in root.iter("meta") if m.get("content") is not None]


def parse_html(text: str) -> tuple[list[Line], list[tuple[str, str]]]:
    """The page's lines, and its <meta name=… content=…> pairs (the CMS's own metadata)."""
    root = page_root(text)
    tags = meta_tags(root)
    title = root.findtext(".//title")
    lines: list[Line] = [Line((title.strip(),))] if title and title.strip() else []
    body = root.find("body")
    body = body if body is not None else root
    _drop_after(article(body), body)
    _walk(body, lines, [])
    return lines, tags


# Words the report's own parts print: part 一's heading, table 三's first row, a closing part.
_MARKS = (("总体情况",), ("本年新收", "新收政府信息公开申请"), ("其他需要报告", "其他需报告", "存在的主要问题"))


def article(body):
    """The element holding the report on a page saved whole (a portal's navigation, column lists,
    footer and scripts around the article): the deepest one whose text holds part 一's heading,
    table 三 and a closing part. A page where no one element holds all three (a report split over
    the page, or only its tables) is read whole."""
    found = _deepest(body)
    return found if found is not None else body


def _drop_after(element, body) -> None:
    """Everything after `element` in the page (its footer, related links, scripts): without this the
    footer ran into part 六. What comes before it stays: the header lines a portal prints above an
    article (发布时间, 发布机构) are the page's metadata."""
    node = element
    while node is not body and node.getparent() is not None:
        node.tail = None
        for sibling in list(node.itersiblings()):
            node.getparent().remove(sibling)
        node = node.getparent()


def _deepest(node):
    """(The deepest element under `node` holding every mark, or None) by one pass over the tree."""
    best = None

    def marks(el) -> int:
        nonlocal best
        bits = _text_marks(el.text)
        for child in el:
            if isinstance(child.tag, str) and child.tag in _SKIP:
                bits |= _text_marks(child.tail)
                continue
            bits |= marks(child) | _text_marks(child.tail)
        if bits == _ALL and best is None:  # children are done first: the first found is the deepest
            best = el
        return bits

    marks(node)
    return best


_ALL = (1 << len(_MARKS)) - 1


def _text_marks(text: str | None) -> int:
    if not text:
        return 0
    return sum(1 << i for i, words in enumerate(_MARKS) if any(w in text for w in words))


def _walk(node, lines: list[Line], buffer: list[str]) -> None:
    """Depth-first: flush a text line at block boundaries, emit tables as grids."""
    for child in node:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _SKIP:
            _tail(child, buffer)
            continue
        if tag == "table" and child.find(".//table") is None:
            _flush(lines, buffer)
            lines.extend(table_grid(child))
            _tail(child, buffer)
            continue
        # A table holding tables is page layout (common on government portals): walk into it.
        block = tag in _BLOCK
        if block:
            _flush(lines, buffer)
        if child.text:
            buffer.append(child.text)
        _walk(child, lines, buffer)
        if block:
            _flush(lines, buffer)
        _tail(child, buffer)
    if node.getparent() is None:
        _flush(lines, buffer)


def _tail(node, buffer: list[str]) -> None:
    if node.tail:
        buffer.append(node.tail)


def _flush(lines: list[Line], buffer: list[str]) -> None:
    text = " ".join("".join(buffer).split())
    if text:
        lines.append(Line((text,)))
    buffer.clear()


def _cell_text(cell) -> str:
    """A cell's text as one line. Word-fed CMSs break labels with <br> and print a vertical
    label one character per <p>: those breaks are layout, so a break between two CJK
    characters joins them (本年新<br>制作数量 is 本年新制作数量); &nbsp; is a space."""
    parts: list[str] = []
    _cell_parts(cell, parts)
    return tidy_cell("".join(parts))


def _cell_parts(node, parts: list[str]) -> None:
    if node.text:
        parts.append(node.text)
    for child in node:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag not in _SKIP:
            if tag in _BLOCK:
                parts.append("\n")
            _cell_parts(child, parts)
            if tag in _BLOCK:
                parts.append("\n")
        if child.tail:
            parts.append(child.tail)


def table_grid(table) -> list[Line]:
    """Expand rowspan/colspan so every row has its cells at their columns."""
    rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
    pending: dict[int, tuple[str, int]] = {}  # column -> (text, rows still covered)
    grid: list[Line] = []
    for tr in rows:
        out: list[str] = []
        col = 0
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        for cell in cells:
            while col in pending:
                out.append(_take(pending, col))
                col += 1
            text = _cell_text(cell)
            colspan = _span(cell.get("colspan"))
            rowspan = _span(cell.get("rowspan"))
            spread = not is_value(text)
            for k in range(colspan):
                # A merged value prints once: across columns only its first column carries it
                # (a value spanning three columns is one value). A merged label fills every
                # column it covers, as it does down rows (a group label that each row belongs
                # to): left blank, its covered columns would read as printed blank cells.
                piece = text if k == 0 or spread else ""
                out.append(piece)
                if rowspan > 1:
                    pending[col] = (piece, rowspan - 1)
                col += 1
        while col in pending:
            out.append(_take(pending, col))
            col += 1
        for extra in sorted(c for c in pending if c > col):  # spans past the last cell
            out.extend([""] * (extra - len(out)))
            out.append(_take(pending, extra))
        grid.append(Line(tuple(out), grid=True))
    return grid


def _take(pending: dict[int, tuple[str, int]], col: int) -> str:
    text, left = pending[col]
    if left <= 1:
        del pending[col]
    else:
        pending[col] = (text, left - 1)
    return text


def _span(value: str | None) -> int:
    if value is None:
        return 1
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1
