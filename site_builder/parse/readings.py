"""The possible readings of one printed row.

A row prints its cells as tokens. When the count matches, there is one reading.
When separators are gone (`1520300020`), a digit run is split every way that
keeps each segment's last cell equal to the sum of the others (C2 for a table-3
row, C5 for each group of table 4), without leading zeros. When a cell was lost
(OCR dropped it), the missing place is tried at every position and left as LOST
for the rules to recover. The solver then picks among readings across rows.
"""
from __future__ import annotations

from decimal import Decimal
from itertools import combinations
from typing import Iterator

from site_builder.parse.tokens import Token


class _Lost:
    def __repr__(self) -> str:
        return "LOST"


LOST = _Lost()  # a cell the text lost: unknown, to be recovered from the rules
Value = int | Decimal | None | _Lost
Reading = tuple[Value, ...]

MAX_SPLITS = 400  # readings of one digit run kept at most; past that the row is ambiguous
MAX_TRIED = 50000  # splits of a row's runs looked at at most, so no row can stall the parser


def readings(tokens: list[Token], shape: tuple[int, ...], summed: bool,
             prefer_lost: tuple[int, ...] = ()) -> list[Reading]:
    """Readings of `tokens` as sum(shape) cells.

    `shape` lists segment sizes (7 for a table-3 row, (5, 5, 5) for table 4);
    `summed` says each segment's last cell is its total. `prefer_lost` lists the
    positions to try first for a lost cell (a column the header shows missing).
    """
    n = sum(shape)
    values: list[Value] = [t.value if t.kind == "num" else None for t in tokens]
    if len(values) > n:
        values = _trim_blanks(tokens, n)
    if len(values) == n:
        return [tuple(values)]
    if len(values) > n or not values:
        return []
    if printed_digits(tokens) == n:
        # As many digits as cells: one digit a cell is the only split there is, whatever the
        # sums say ("5100000" with its 总计 printed 0 is 5 1 0 0 0 0 0, and C2 then fails).
        return [tuple(v for t in tokens for v in ([int(d) for d in t.text] if _is_run(t) else [t.value if t.kind == "num" else None]))]
    found: list[Reading] = []
    runs = [i for i, t in enumerate(tokens) if t.kind == "num" and isinstance(t.value, int) and len(t.text) > 1]
    if runs:
        found = list(_split_tokens(tokens, n, shape if summed else None))
    missing = n - len(values)
    if not found and missing <= 2:
        found = list(_with_lost(values, n, missing, prefer_lost))
    return found


def _is_run(tok: Token) -> bool:
    return tok.kind == "num" and tok.text.isdigit()


def printed_digits(tokens: list[Token]) -> int:
    """Cells the row could print at most: a digit a cell in its runs, one per other token."""
    return sum(len(t.text) if _is_run(t) else 1 for t in tokens)


def printed_width(tokens: list[Token]) -> int:
    """How many cells a row prints: empty grid cells at its edges are spacing, not cells."""
    blank = [t.kind in ("null", "blank") and t.text == "" for t in tokens]
    first = next((i for i, b in enumerate(blank) if not b), len(tokens))
    last = next((i for i in range(len(tokens) - 1, -1, -1) if not blank[i]), -1)
    return max(0, last - first + 1)


def _trim_blanks(tokens: list[Token], n: int) -> list[Value]:
    """Grid rows can carry empty cells past the table's edge: drop those, not printed marks."""
    toks = list(tokens)
    while len(toks) > n and toks[-1].kind in ("null", "blank") and toks[-1].text == "":
        toks.pop()
    while len(toks) > n and toks[0].kind in ("null", "blank") and toks[0].text == "":
        toks.pop(0)
    return [t.value if t.kind == "num" else None for t in toks]


def _with_lost(values: list[Value], n: int, missing: int, prefer: tuple[int, ...]) -> Iterator[Reading]:
    positions = list(combinations(range(n), missing))
    positions.sort(key=lambda pos: 0 if set(pos) <= set(prefer) else 1)
    for pos in positions:
        it = iter(values)
        yield tuple(LOST if i in pos else next(it) for i in range(n))


def _split_tokens(tokens: list[Token], n: int, shape: tuple[int, ...] | None) -> Iterator[Reading]:
    """Split digit runs so the row has n cells; a single run is split by the shape's sums."""
    if len(tokens) == 1 and shape is not None:
        # Strictly first; only if no strict reading exists, allow a zero-padded cell ("020"):
        # copied pages sometimes keep a stray 0, and the sums still have the last word.
        for strict in (True, False):
            found = _split_run(tokens[0].text, shape, strict)
            yield from found
            if found:
                return
        return
    # Several tokens: distribute the extra cells over the runs. With a shape, only splits whose
    # segments keep their sums count toward the limit: a long partly spaced run ("2504156009 10
    # 2751") has thousands of splits and one reading, which a plain cut-off would never reach.
    # Splits not all looked at within MAX_TRIED give none unless two are found, as _split_run does.
    found: list[Reading] = []
    for tried, parts in enumerate(_split_multi([t.text if t.kind == "num" else None for t in tokens], n), 1):
        if tried > MAX_TRIED:
            if len(found) < 2:
                found = []
            break
        if shape is not None and not _sums_hold(parts, shape):
            continue
        found.append(tuple(parts))
        if len(found) >= MAX_SPLITS:
            break
    yield from found


def _sums_hold(parts: list[Value], shape: tuple[int, ...]) -> bool:
    """Each segment's last cell equals the sum of the others (unknown cells pass)."""
    pos = 0
    for size in shape:
        seg = parts[pos:pos + size]
        pos += size
        if any(not isinstance(v, (int, Decimal)) for v in seg):
            continue
        if sum(seg[:-1]) != seg[-1]:
            return False
    return True


def _split_multi(texts: list[str | None], n: int) -> Iterator[list[Value]]:
    if not texts:
        if n == 0:
            yield []
        return
    head, rest = texts[0], texts[1:]
    if head is None or not head.isdigit():
        if n >= 1:
            for tail in _split_multi(rest, n - 1):
                yield [None if head is None else _num(head)] + tail
        return
    for k in range(1, min(len(head), n) + 1):
        for parts in split_plain(head, k):
            for tail in _split_multi(rest, n - k):
                yield parts + tail


def split_plain(digits: str, k: int) -> Iterator[list[Value]]:
    """Cuts of a digit run into k numbers written without leading zeros."""
    if k == 1:
        if _valid(digits):
            yield [int(digits)]
        return
    for cut in range(1, len(digits) - k + 2):
        head = digits[:cut]
        if _valid(head):
            for tail in split_plain(digits[cut:], k - 1):
                yield [int(head)] + tail


class _Exhausted(Exception):
    """A run whose splits could not all be looked at within MAX_TRIED steps."""


def _split_run(digits: str, shape: tuple[int, ...], strict: bool) -> list[Reading]:
    """The readings of one run by the shape's sums, at most MAX_SPLITS of them. A run whose
    splits cannot all be looked at within MAX_TRIED steps (forty digits for table 四's fifteen
    cells are billions of cuts) gives none unless two are already found: one found is not known
    to be the only one, and a guess is never printed as the report's number."""
    budget = [MAX_TRIED]
    found: list[Reading] = []
    try:
        for parts in _split_shaped(digits, shape, strict, budget):
            found.append(tuple(parts))
            if len(found) >= MAX_SPLITS:
                break
    except _Exhausted:
        return found if len(found) >= 2 else []
    return found


def _split_shaped(digits: str, shape: tuple[int, ...], strict: bool = True,
                  budget: list[int] | None = None) -> Iterator[list[int]]:
    """Segments in order; each segment's last cell (its total) equals the sum of the others.
    `budget` (a one-item list) counts the cuts tried; _Exhausted is raised when it runs out."""
    if not shape:
        if not digits:
            yield []
        return
    size, rest_shape = shape[0], shape[1:]
    min_rest = sum(rest_shape)
    for items, total_start in _items_then_total(digits, size - 1, len(digits) - min_rest, strict, budget):
        total_end_max = len(digits) - min_rest
        total_sum = sum(items)
        for end in range(total_start + 1, total_end_max + 1):
            total_text = digits[total_start:end]
            if not _valid(total_text, strict):
                break
            total = int(total_text)
            if total > total_sum:
                break
            if total == total_sum:
                for tail in _split_shaped(digits[end:], rest_shape, strict, budget):
                    yield items + [total] + tail


def _items_then_total(digits: str, k: int, limit: int, strict: bool = True,
                      budget: list[int] | None = None) -> Iterator[tuple[list[int], int]]:
    """Split a prefix of `digits` into k cells, leaving room for the total before `limit`."""
    def rec(pos: int, left: int, acc: list[int]) -> Iterator[tuple[list[int], int]]:
        if left == 0:
            if pos < limit:
                yield list(acc), pos
            return
        if budget is not None:
            budget[0] -= 1
            if budget[0] < 0:
                raise _Exhausted
        for end in range(pos + 1, limit - left + 1):
            piece = digits[pos:end]
            if not _valid(piece, strict):
                break
            acc.append(int(piece))
            yield from rec(end, left - 1, acc)
            acc.pop()
    yield from rec(0, k, [])


def _valid(piece: str, strict: bool = True) -> bool:
    return bool(piece) and (not strict or piece == "0" or piece[0] != "0")


def _num(text: str) -> int | Decimal:
    return Decimal(text) if "." in text else int(text)
