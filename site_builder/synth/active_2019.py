"""Table 二 in the 2019 template, as reports of 2019–2021 print it (see parse/active_2019.py).

Its columns are not the current form's: 本年新制作数量 / 本年新公开数量 / 对外公开总数量 for
规章 and 规范性文件, 上一年项目数量 / 本年增/减 / 处理决定数量 for 行政许可 … 行政强制, two
columns for 行政事业性收费 and for 政府集中采购. The model keeps every printed row in
`active.extra` as the parser's contract says, and only 本年新制作数量 (`issued`) and
处理决定数量 (`decisions`) in current fields; the other current cells are null.
"""
from __future__ import annotations

import random

DOCUMENTS = ("本年新制作数量", "本年新公开数量", "对外公开总数量")
ITEMS = ("上一年项目数量", "本年增/减", "处理决定数量")
FEES = ITEMS[:2]
PROCUREMENT = ("采购项目数量", "采购总金额")
# (第二十条第（x）项, columns, [(row label, current-form row key or None)])
BLOCKS: tuple[tuple[str, tuple[str, ...], tuple[tuple[str, str | None], ...]], ...] = (
    ("第二十条第（一）项", DOCUMENTS, (("规章", "regulations"), ("行政规范性文件", "normative_documents"))),
    ("第二十条第（五）项", ITEMS, (("行政许可", "licensing"), ("其他对外管理服务事项", None))),
    ("第二十条第（六）项", ITEMS, (("行政处罚", "punishment"), ("行政强制", "enforcement"))),
    ("第二十条第（八）项", FEES, (("行政事业性收费", None),)),
    ("第二十条第（九）项", PROCUREMENT, (("政府集中采购", None),)),
)


def old_form(rng: random.Random, active: dict) -> dict:
    """The 2019 form of a current table 二: the documents made and the decisions are kept, the
    other columns drawn; the current cells the old form does not print are null."""
    extra: list[dict] = []
    by_key: dict[str, list[int]] = {}
    for _, columns, rows in BLOCKS:
        for label, key in rows:
            values = _row(rng, columns, active.get(key) if key else None)
            extra.append({"label": label, "columns": list(columns), "values": values})
            if key:
                by_key[key] = values
    out: dict = {key: {"issued": by_key[key][0], "repealed": None, "in_force": None}
                 for key in ("regulations", "normative_documents")}
    out.update({key: {"decisions": by_key[key][2]} for key in ("licensing", "punishment", "enforcement")})
    out["fees"] = {"amount_wan_yuan": None}
    out["extra"] = extra
    return out


def _row(rng: random.Random, columns: tuple[str, ...], current: dict | None) -> list[int]:
    if columns == DOCUMENTS:
        made = (current or {}).get("issued") or 0
        published = rng.randint(0, made) if made else 0
        return [made, published, published + rng.randint(0, 60) if rng.random() < 0.6 else published]
    if columns == ITEMS:
        decisions = (current or {}).get("decisions")
        before = rng.randint(0, 40) if rng.random() < 0.5 else 0
        change = rng.randint(-min(before, 5), 5) if rng.random() < 0.4 else 0
        return [before, change, decisions if decisions is not None else rng.randint(0, 30)]
    if columns == FEES:
        before = rng.randint(0, 3) if rng.random() < 0.3 else 0
        return [before, rng.randint(-before, 2) if rng.random() < 0.3 else 0]
    count = rng.randint(1, 12) if rng.random() < 0.3 else 0
    return [count, count * rng.randint(2000, 90000)]


def blocks(report: dict) -> list[tuple[str, tuple[str, ...], list[tuple[str, list[int]]]]]:
    """Table 二 as its printed blocks: (第二十条第（x）项, column heads, [(row label, values)])."""
    rows = {e["label"]: e["values"] for e in report["active"]["extra"]}
    return [(article, columns, [(label, rows[label]) for label, _ in block]) for article, columns, block in BLOCKS]


def printed_value(column: str, value: int) -> str:
    """A cell as the old form prints it: 本年增/减 with its sign, the amount with 元."""
    if column == "本年增/减" and value > 0 and value % 2:
        return f"+{value}"  # some reports print the plus sign, others do not
    if column == "采购总金额":
        return f"{value}元"
    return str(value)


SIGNED = "本年增/减"
AMOUNT = "采购总金额"


def readings(printed: str, columns: tuple[str, ...]) -> set[tuple[int, ...]]:
    """Every reading of a printed row as one number per column, by brute force over the places a
    cell may end: a space always ends one; a cell is written without leading zeros, a sign only
    in 本年增/减, 元 only after the amount. For the generator's care and the round-trip tests."""
    tokens = printed.split()
    found: set[tuple[int, ...]] = set()

    def cells_of(token: str) -> list[list[str]]:
        out = []
        for mask in range(1 << max(len(token) - 1, 0)):
            cells, start = [], 0
            for gap in range(1, len(token)):
                if mask >> (gap - 1) & 1:
                    cells.append(token[start:gap])
                    start = gap
            out.append(cells + [token[start:]])
        return out

    def walk(i: int, acc: list[str]) -> None:
        if len(acc) > len(columns):
            return
        if i == len(tokens):
            if len(acc) == len(columns) and all(_fits(cell, col) for cell, col in zip(acc, columns)):
                found.add(tuple(int(cell.rstrip("元")) for cell in acc))
            return
        for cells in cells_of(tokens[i]):
            walk(i + 1, acc + cells)

    walk(0, [])
    return found


def _fits(cell: str, column: str) -> bool:
    sign = cell[:1] in "+-"
    digits = cell[1:] if sign else cell
    if digits.endswith("元"):
        if column != AMOUNT:
            return False
        digits = digits[:-1]
    return (digits.isdigit() and (digits == "0" or digits[0] != "0")) and (not sign or column == SIGNED)
