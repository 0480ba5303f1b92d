"""Tables as grids of shared spans, and joining a table across a page break.

A merged cell is one `Span` object placed at every grid position it covers, so
changing its text (when the page break cut it in two) changes it everywhere.
These functions know nothing about PDF; they take grids and return nothing but
the joined grid.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.read.celltext import join_wrapped

_COLUMN_SLACK = 0.03  # column edges of the two halves agree within this share of the width
_VALUE = re.compile(r"^(?:[-−]?\d[\d,，]*(?:\.\d+)?|[/／\-—－–]+)$")
# A label that starts a new item: （七） 四、 2. 3、 ... (not 3.5, a decimal)
_ITEM = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d))")


@dataclass
class Span:
    text: str
    rows: int = 1  # grid rows it covers on its own page


@dataclass
class Table:
    columns: list[float]  # left edge of each column, as a share of the table's width
    rows: list[list[Span]]


def is_value(text: str) -> bool:
    """A number, or a dash or slash printed where a number would be."""
    return bool(_VALUE.match(text.strip()))


def same_columns(upper: Table, lower: Table) -> bool:
    """Whether `lower` (top of the next page) has the columns of `upper`: the same table going on."""
    if len(upper.columns) != len(lower.columns) or not upper.rows or not lower.rows:
        return False
    return all(abs(a - b) <= _COLUMN_SLACK for a, b in zip(upper.columns, lower.columns))


def continue_table(upper: Table, lower: Table) -> None:
    """Join the row or the merged cells that the page break cut in two (mutates both)."""
    last, first = upper.rows[-1], lower.rows[0]
    if is_split_row(last, first):
        for a, b in zip(last, first):
            if a is not b:
                a.text = b.text = join_wrapped([a.text, b.text])
        lower.rows.pop(0)
        return
    for col, (a, b) in enumerate(zip(last, first)):
        if not a.text or is_value(a.text) or not _is_group_label(last, col):
            continue
        if not b.text:
            b.text = a.text  # the group label's cell goes on, blank, on the new page
        elif not is_value(b.text) and not _ITEM.match(b.text):
            a.text = b.text = join_wrapped([a.text, b.text])


def is_split_row(last: list[Span], first: list[Span]) -> bool:
    """One printed row cut by the page break: its parts share no number and start no new item.

    A cut row has blanks on one side where the other side has text (the label above
    the break, the numbers below, or each cell's text cut part way).
    """
    one_sided = False
    for a, b in zip(last, first):
        if a is b:
            continue
        if a.text and b.text:
            if is_value(a.text) or is_value(b.text):
                if is_value(a.text) and is_value(b.text):
                    return False
                continue
            if _ITEM.match(b.text) or b.text == a.text:
                return False
        elif b.text or (a.text and a.rows == 1):  # a merged label going on blank is no evidence
            one_sided = True
    return one_sided


def _is_group_label(row: list[Span], col: int) -> bool:
    """A label cell with a further label to its right: it names a group of rows (（四）无法提供)."""
    if col + 1 >= len(row):
        return False
    right = row[col + 1]
    return right is not row[col] and bool(right.text) and not is_value(right.text)
