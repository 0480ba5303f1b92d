"""Cuts of a 2019-form row's printed values into its columns.

On a flattened page a row's cells run together: `行政许可1-10` under 上一年项目数量 /
本年增/减 / 处理决定数量 is 1 | -1 | 0, `规章000` is 0 | 0 | 0, and `行政处罚3500` may be
3 | 50 | 0 or 35 | 0 | 0. A cut is a way to read the printed pieces as one value per
column, where

- a space, a blank mark (/ —) and a number with a decimal point or a unit (251000元) end
  a cell, so each is one cell or bounds one;
- a digit run splits into cells written without leading zeros (`00` is two cells);
- a sign (+, -) starts a cell, and only the 本年增/减 column holds a signed cell.

Nothing here chooses among cuts: the row's reader takes a cut that is the only one, a
cell on which every cut agrees, or the cut the report's own text settles.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Iterator

from site_builder.parse.readings import MAX_TRIED, split_plain
from site_builder.parse.tokens import NULL_MARKERS

MAX_CUTS = 400  # cuts of one row kept at most; past that the row is left open
SIGNED_COLUMNS = ("本年增/减", "本年增减")

_RUN = re.compile(r"[+\-−]?\d+")
_SIGNED = re.compile(r"^[+\-−]?\d[\d,，]*(?:\.\d+)?$")
_SIGN_INSIDE = re.compile(r"(?<=\d)(?=[+\-−]\d)")  # 1-10: a sign after a digit starts the next cell


def cell_value(text: str) -> object:
    """A printed cell: a signed number as a number, a blank or dash as None, anything else as printed."""
    text = " ".join(text.split())
    if not text or text in NULL_MARKERS:
        return None
    if _SIGNED.match(text):
        plain = text.replace(",", "").replace("，", "").replace("−", "-").lstrip("+")
        return Decimal(plain) if "." in plain else int(plain)
    return text


def pieces(texts: list[str]) -> list[str]:
    """The printed values of a row as pieces: split at spaces and before a sign inside a run."""
    out: list[str] = []
    for text in texts:
        for part in unicodedata.normalize("NFKC", text).split():
            out += [p for p in _SIGN_INSIDE.split(part) if p]
    return out


class _Exhausted(Exception):
    """A row whose cuts could not all be looked at within MAX_TRIED steps."""


def cuts(printed: list[str], columns: tuple[str, ...]) -> list[tuple[object, ...]]:
    """Every reading of the pieces as one value per column (at most MAX_CUTS). A row whose cuts
    cannot all be looked at within MAX_TRIED steps gives none unless two are found, as
    readings._split_run does: one found is not known to be the only one."""
    signed = {i for i, col in enumerate(columns) if col.replace(" ", "") in SIGNED_COLUMNS}
    out: list[tuple[object, ...]] = []
    try:
        for cut in _walk(printed, 0, len(columns), signed, [MAX_TRIED]):
            out.append(cut)
            if len(out) >= MAX_CUTS:
                break
    except _Exhausted:
        return out if len(out) >= 2 else []
    return out


def _walk(printed: list[str], at: int, left: int, signed: set[int], budget: list[int]) -> Iterator[tuple[object, ...]]:
    """Readings of `printed` as `left` cells, the first of them in column `at`; `budget` (a one-item
    list) counts the cuts tried."""
    if not printed:
        if left == 0:
            yield ()
        return
    head, rest = printed[0], printed[1:]
    if not _signs_fit(head, at, signed):
        return
    # Every later piece takes at least one cell and at most its width.
    least = max(1, left - sum(_width(p) for p in rest))
    for k in range(least, min(left - len(rest), _width(head)) + 1):
        for cells in _split(head, k):
            budget[0] -= 1
            if budget[0] < 0:
                raise _Exhausted
            for tail in _walk(rest, at + k, left - k, signed, budget):
                yield (*cells, *tail)


def _width(piece: str) -> int:
    """Cells a piece can hold at most: a digit each in a run, one otherwise."""
    return len(piece.lstrip("+-−")) if _RUN.fullmatch(piece) else 1


def _signs_fit(piece: str, at: int, signed: set[int]) -> bool:
    """A number printed with a sign puts it on its first cell, which must be a signed column
    (a lone "-" is a blank mark, not a sign)."""
    return not (_RUN.fullmatch(piece) and piece[0] in "+-−") or at in signed


def _split(piece: str, k: int) -> Iterator[tuple[object, ...]]:
    if k == 1:
        digits = piece.lstrip("+-−")
        if not _RUN.fullmatch(piece) or digits == "0" or digits[0] != "0":
            yield (cell_value(piece),)
        return
    sign = piece[:1] if piece[:1] in "+-−" else ""
    for parts in split_plain(piece[len(sign):], k):  # k numbers written without leading zeros
        yield (-parts[0] if sign in ("-", "−") else parts[0], *parts[1:])


def agreed(found: list[tuple[object, ...]], width: int) -> tuple[object, ...]:
    """Each column's value where every cut gives it the same, None where they differ."""
    if not found:
        return (None,) * width
    return tuple(col[0] if all(v == col[0] and type(v) is type(col[0]) for v in col) else None
                 for col in zip(*found))
