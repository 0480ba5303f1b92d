"""Cells to tokens: label text, printed numbers, and unprinted-cell markers.

A number counts as a cell value only when it stands alone: "1." in "1.属于国家秘密"
and "2" in an OCR'd "(2 -)" are parts of labels. Full-width digits and thousands
separators are read as the numbers they print.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from site_builder.read.document import Line

# "/", "—", "-", "无" and friends: the report prints that the cell has no number.
NULL_MARKERS = frozenset({"/", "-", "—", "——", "–", "－", "─", "无", "/ ", "\\", "×", "—-", "--"})

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A value: not glued to a Latin letter, an opening bracket or an enumeration mark.
_VALUE_RE = re.compile(
    rf"(?<![A-Za-z0-9(\[.,])({_NUMBER})(?![A-Za-z0-9)\]%])(?!\.(?!\d))(?![、．])"
)
_MARKER_RE = re.compile(r"(?:(?<=\s)|^)(/|－|—+|–|-{1,2}|无)(?=\s|$)")


@dataclass(frozen=True)
class Token:
    kind: str  # "text" | "num" | "null" | "blank"
    text: str
    value: int | Decimal | None = None


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """NFKC (full-width digits and brackets to ASCII) and no white space: for matching."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("“", "\"").replace("”", "\"").replace("〔", "(").replace("〕", ")")
    return "".join(text.split())


def to_number(text: str) -> int | Decimal:
    text = text.replace(",", "")
    return Decimal(text) if "." in text else int(text)


@lru_cache(maxsize=65536)
def cell_tokens(cell: str, grid: bool) -> tuple[Token, ...]:
    """Tokens of one cell, in order. A blank grid cell is a printed blank."""
    folded = unicodedata.normalize("NFKC", cell).strip()
    if not folded:
        return (Token("blank", ""),) if grid else ()
    if folded in NULL_MARKERS:
        return (Token("null", folded),)
    if re.fullmatch(_NUMBER, folded):
        return (Token("num", folded, to_number(folded)),)
    tokens: list[Token] = []
    pos = 0
    for match in _iter_values(folded):
        start, end = match
        if folded[pos:start].strip():
            tokens.append(Token("text", folded[pos:start]))
        piece = folded[start:end]
        if piece in NULL_MARKERS:
            tokens.append(Token("null", piece))
        else:
            tokens.append(Token("num", piece, to_number(piece)))
        pos = end
    if folded[pos:].strip():
        tokens.append(Token("text", folded[pos:]))
    if grid and any(t.kind == "text" for t in tokens):
        return (Token("text", folded),)  # a table cell with words in it is a label ("列1", "第3项")
    return tuple(_merge_text(_markers_in_text_to_text(tokens)))


def _markers_in_text_to_text(tokens: list[Token]) -> list[Token]:
    """A marker such as 无 counts as a cell only among the values that end a cell: in an
    OCR'd "(四) 无 法提供" it is a piece of the label, and so is a lone 无 ending a wrapped
    "(四) 无" line, since a word can only be read as a cell beside other cells."""
    last_text = max((i for i, t in enumerate(tokens) if t.kind == "text"), default=-1)
    trailing = len(tokens) - last_text - 1
    out = []
    for i, t in enumerate(tokens):
        if t.kind == "null" and (i < last_text or (t.text == "无" and last_text >= 0 and trailing == 1)):
            t = Token("text", t.text)
        out.append(t)
    return out


def _iter_values(text: str) -> list[tuple[int, int]]:
    spans = [m.span(1) for m in _VALUE_RE.finditer(text)]
    spans += [m.span(1) for m in _MARKER_RE.finditer(text)]
    return sorted(spans)


def _merge_text(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for tok in tokens:
        if tok.kind == "text" and not tok.text.strip():
            continue
        if tok.kind == "text" and out and out[-1].kind == "text":
            out[-1] = Token("text", out[-1].text + tok.text)
        else:
            out.append(tok)
    return out


def line_tokens(line: Line) -> list[Token]:
    """Tokens of a whole line. In a grid row, values are the cells after the last label."""
    if not line.grid:
        return [t for cell in line.cells for t in cell_tokens(cell, False)]
    per_cell = [cell_tokens(cell, True) for cell in line.cells]
    last_text = max((i for i, toks in enumerate(per_cell) if any(t.kind == "text" for t in toks)), default=-1)
    tokens: list[Token] = []
    for i, toks in enumerate(per_cell):
        if i <= last_text:
            tokens += [t for t in toks if t.kind != "blank"]
        else:
            tokens += [Token("null", "") if t.kind == "blank" else t for t in toks]
    return tokens


def is_value(tok: Token) -> bool:
    return tok.kind in ("num", "null")
