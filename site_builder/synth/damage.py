"""The breakage real reports have, applied to rendered bytes: a printed sum off by one, a
number dropped from a row, an OCR-garbled label (seed 004 has all three).

Each works on every layout of render.py: the bytes are decoded the way they were
encoded (BOM, UTF-8 or GB18030) and re-encoded the same way, and only rows of table 3
are touched. Each returns the damaged bytes and what was done, so a corpus can record
which cell is expected to break which rule. On a flattened page (the whole report on one
line) the row is the stretch of that line from a row's label through its digits.

`mutate` is the coarser damage of a whole file, for fuzzing and the damage-tolerance
benchmark: lines deleted, a block of lines shuffled, digits swapped, everything joined
onto one line.
"""
from __future__ import annotations

import random
import re

from site_builder import contract

KINDS = ("sum_off_by_one", "dropped_number", "garbled_label")
_BOM = b"\xef\xbb\xbf"
# A number standing as a cell: after a tab, space, '>' or '|', before one of those or the end.
_CELL_NUMBER = re.compile(r"(?<=[\t >|])[0-9０-９][0-9０-９,]*(?:\.[0-9]+)?(?=[\t <|\r\n]|$)")
_RUN = re.compile(r"[0-9]+(?=\r?$)")  # run-together digits end the line
_OCR_JUNK = ("ì", "†", "口", "囗", "■", "卜", "二", "+", "¥", "冂")
_ROW_PHRASES = tuple(r.keys[0] for r in contract.APPLICATION_ROWS if not r.subtotal)
_PHRASE_RE = re.compile("|".join(re.escape(p) for p in sorted(_ROW_PHRASES, key=len, reverse=True)))
# A row's values on a flattened line: digits and spaces after its label, up to the next text.
_FLAT_VALUES = re.compile(r"[^0-9]{0,40}?([0-9](?:[0-9 ]*[0-9])?)")
MUTATIONS = ("delete_lines", "shuffle_block", "swap_digits", "join_lines")


def damage(data: bytes, rng: random.Random, kind: str | None = None) -> tuple[bytes, dict]:
    """Damage one row of table 3; kind is one of KINDS (random when None)."""
    kind = kind or rng.choice(KINDS)
    if kind not in KINDS:
        raise ValueError(f"unknown damage {kind!r}; known: {', '.join(KINDS)}")
    text, encode = _decode(data)
    lines = text.split("\n")
    flat = [i for i, line in enumerate(lines)
            if sum(len(w) > 2 for w in _PHRASE_RE.findall(line)) >= 5
            and not any(mark in line for mark in ("<td", "|", "\t"))]
    if flat:
        return _damage_flat(lines, flat[0], rng, kind, encode)
    rows = [i for i, line in enumerate(lines) if _is_table3_row(line)]
    if not rows:
        return data, {"kind": None, "reason": "no row of table 3 with numbers found"}
    if kind == "sum_off_by_one":
        totals = [i for i in rows if "总计" in lines[i]]
        i = rng.choice(totals) if totals and rng.random() < 0.5 else rng.choice(rows)
        new = _bump_last(lines[i])
    elif kind == "dropped_number":
        i = rng.choice(rows)
        new = _drop_one(lines[i], rng)
    else:
        i = rng.choice(rows)
        new = _garble(lines[i], rng)
    info = {"kind": kind, "line": lines[i].strip()[:200], "damaged": new.strip()[:200]}
    lines[i] = new
    return encode("\n".join(lines)), info


def _decode(data: bytes):
    if data.startswith(_BOM):
        return data[3:].decode("utf-8"), lambda t: _BOM + t.encode("utf-8")
    try:
        return data.decode("utf-8"), lambda t: t.encode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030"), lambda t: t.encode("gb18030")


def _is_table3_row(line: str) -> bool:
    return any(p in line for p in _ROW_PHRASES) and bool(_CELL_NUMBER.search(line) or _RUN.search(line))


def _numbers(line: str) -> list[re.Match]:
    return list(_CELL_NUMBER.finditer(line))


def _bump_last(line: str) -> str:
    found = _numbers(line)
    if found:
        m = found[-1]
        digits = m.group().translate(str.maketrans("０１２３４５６７８９", "0123456789")).replace(",", "")
        return line[:m.start()] + str(int(float(digits)) + 1) + line[m.end():]
    m = _RUN.search(line)
    last = int(m.group()[-1])
    return line[:m.end() - 1] + str(last + 1 if last < 9 else last - 1) + line[m.end():]


def _drop_one(line: str, rng: random.Random) -> str:
    if "<td" in line:  # HTML: the whole cell goes, as when a converter loses it
        cells = list(re.finditer(r"<td[^>]*>(?:(?!</td>).)*?[0-9０-９](?:(?!</td>).)*?</td>", line))
        if cells:
            m = rng.choice(cells)
            return line[:m.start()] + line[m.end():]
    found = _numbers(line)
    if found:
        m = rng.choice(found)
        start = m.start() - 1 if line[m.start() - 1] in "\t " else m.start()
        if line[m.start() - 1] == " " and line[max(0, m.start() - 2)] == "|":  # markdown "| 3 |"
            return line[:m.start() - 2] + line[m.end() + 1:]
        return line[:start] + line[m.end():]
    m = _RUN.search(line)
    at = rng.randrange(m.start(), m.end())
    return line[:at] + line[at + 1:]


def _garble(line: str, rng: random.Random) -> str:
    cjk = [i for i, ch in enumerate(line) if "\u4e00" <= ch <= "\u9fff"]
    if not cjk:
        return line
    chars = list(line)
    for i in rng.sample(cjk, min(len(cjk), rng.randint(1, 3))):
        chars[i] = rng.choice(_OCR_JUNK)
    return "".join(chars)


# ---- flattened pages ----------------------------------------------------------------

def _flat_rows(line: str) -> list[tuple[int, int, int]]:
    """(label start, values start, values end) of each table-3 row on a flattened line; the
    next row's item number glued onto the digits (`00000002.其他`) is not a value."""
    out = []
    first, last = line.find("本年新收"), line.rfind("结转下年度")  # table 三 runs from one to the other
    for m in _PHRASE_RE.finditer(line, max(first, 0), last + 5 if last > first else len(line)):
        v = _FLAT_VALUES.match(line, m.end())
        if not v:
            continue
        start, end = v.span(1)
        if end < len(line) and line[end] in ".．、" and end - start > 1:
            end -= 1
            while line[end - 1] == " ":
                end -= 1
        out.append((m.start(), start, end))
    return out


def _damage_flat(lines: list[str], i: int, rng: random.Random, kind: str, encode) -> tuple[bytes, dict]:
    line = lines[i]
    rows = _flat_rows(line)
    if not rows:
        return encode("\n".join(lines)), {"kind": None, "reason": "no row of table 3 with numbers found"}
    label, start, end = rng.choice(rows)
    if kind == "sum_off_by_one":
        last = int(line[end - 1])
        new = line[:end - 1] + str(last + 1 if last < 9 else last - 1) + line[end:]
    elif kind == "dropped_number":
        digits = [k for k in range(start, end) if line[k].isdigit()]
        at = rng.choice(digits)
        new = line[:at] + line[at + 1:]
    else:
        new = line[:label] + _garble(line[label:start], rng) + line[start:]
    info = {"kind": kind, "line": line[label:end].strip()[:200], "damaged": new[label:end].strip()[:200]}
    lines[i] = new
    return encode("\n".join(lines)), info


# ---- whole-file mutations -----------------------------------------------------------

def mutate(data: bytes, rng: random.Random, kind: str) -> tuple[bytes, dict]:
    """Damage the whole file one of the MUTATIONS ways; the encoding is kept."""
    if kind not in MUTATIONS:
        raise ValueError(f"unknown mutation {kind!r}; known: {', '.join(MUTATIONS)}")
    text, encode = _decode(data)
    lines = text.split("\n")
    at = rng.randrange(len(lines))
    if kind == "delete_lines":
        n = rng.randint(1, max(1, len(lines) // 10))
        new = lines[:at] + lines[at + n:]
        info = {"kind": kind, "at": at, "count": n}
    elif kind == "shuffle_block":
        n = rng.randint(2, max(2, min(12, len(lines))))
        block = lines[at:at + n]
        rng.shuffle(block)
        new = lines[:at] + block + lines[at + n:]
        info = {"kind": kind, "at": at, "count": len(block)}
    elif kind == "swap_digits":
        chars = list(text)
        digits = [k for k, ch in enumerate(chars) if ch.isdigit()]
        swaps = rng.randint(1, 3)
        for _ in range(swaps if len(digits) > 1 else 0):
            a, b = rng.sample(digits, 2)
            chars[a], chars[b] = chars[b], chars[a]
        new = "".join(chars).split("\n")
        info = {"kind": kind, "count": swaps}
    else:  # join_lines: a copy that lost every line break, as a crawler's text of a page
        sep = rng.choice(("", " "))
        new = [sep.join(line.strip() for line in lines)]
        info = {"kind": kind, "separator": sep}
    return encode("\n".join(new)), info
