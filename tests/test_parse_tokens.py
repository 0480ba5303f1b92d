"""Cells to tokens: what is a value and what belongs to a label."""
from __future__ import annotations

import pytest

from site_builder.parse.tokens import cell_tokens


def kinds(text, grid=False):
    return [(t.kind, t.value if t.kind == "num" else t.text) for t in cell_tokens(text, grid)]


@pytest.mark.parametrize("text, expected", [
    ("1.属于国家秘密", [("text", "1.属于国家秘密")]),
    ("(2 -) ++", [("text", "(2 -) ++")]),
    ("(四) 无 法提供", [("text", "(四) 无 法提供")]),
    ("规章 0 0 3", [("text", "规章 "), ("num", 0), ("num", 0), ("num", 3)]),
    ("一、本年新收政府信息公开申请数量152030020", [("text", "一、本年新收政府信息公开申请数量"), ("num", 152030020)]),
    ("１２３", [("num", 123)]),
    ("1,234", [("num", 1234)]),
    ("0.35", [("num", __import__("decimal").Decimal("0.35"))]),
    ("—", [("null", "—")]),
    ("无", [("null", "无")]),
])
def test_text_cells(text, expected):
    assert kinds(text) == expected


def test_grid_cell_with_words_is_a_label():
    assert kinds("列1", grid=True) == [("text", "列1")]
    assert kinds("", grid=True) == [("blank", "")]
    assert kinds("", grid=False) == []
