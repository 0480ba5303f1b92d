"""Fuzz: mutated reports never crash or hang the parser, and what it returns keeps the contract's shape.

The inputs are the five seeds, one generated report per layout and the real reports of
../shared/corpus/real (when present), mutated the ways real files get damaged: lines deleted,
duplicated or shuffled, digits swapped or doubled, everything joined onto one line, random
bytes inserted, the file cut short, the encoding mangled, HTML spans made absurd.

Damage tolerance: a mutant whose text still holds the rows of table 三 (judged without the
parser: the label 本年新收 with a digit after it) must be published with checks, not rejected.
"""
from __future__ import annotations

import random
import re
import signal
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from bundled import seed_paths
from hypothesis import strategies as st

from benchmarks.real_truth import CORPUS
from site_builder import contract
from site_builder.parse.titles import FIRST_FORM_YEAR, OLDER_FORM
from site_builder.pipeline import parse_bytes
from site_builder.synth import random_report
from site_builder.synth.damage import KINDS, damage, mutate
from site_builder.synth.model import LAYOUTS
from site_builder.synth.render import render

# Checks may point at a cell or at another part of the contract (a missing part, the title).
# An annual report older than the 2019 form, recognised by its title (README, "Parse reports").
DOCUMENT_KEYS = {"source", "agency", "year", "title", "published", "url", "publisher", "form"}
PATHS = set(contract.cell_paths()) | {f"sections.{k}" for k, _, _ in contract.SECTIONS} | {"agency", "year", "title"}
HANG_SECONDS = 30  # a liveness guard, not a speed assertion: no input may make the parser loop


def _bases() -> list[tuple[bytes, str]]:
    bases = [(p.read_bytes(), p.suffix) for p in seed_paths()]
    for i, layout in enumerate(LAYOUTS):
        rng = random.Random(1000 + i)
        bases.append(render(random_report(rng, layout=layout), layout, rng))
    return bases + REAL


REAL = [(p.read_bytes(), p.suffix) for p in sorted((CORPUS / "files").glob("*")) if p.suffix in (".txt", ".html", ".md")]
BASES = _bases()
OPS = ("delete_lines", "duplicate_line", "swap_digits", "double_digit", "insert_bytes", "truncate",
       "to_gb18030", "latin1_mojibake", "flip_bytes", "absurd_span", "swap_lines", "synth_damage",
       "shuffle_block", "join_lines")
# The damage a file keeps readable text through: no bytes flipped, no encoding mangled.
TEXT_OPS = ("delete_lines", "duplicate_line", "swap_digits", "double_digit", "swap_lines", "synth_damage",
            "shuffle_block", "join_lines")


@dataclass(frozen=True)
class Case:
    data: bytes
    suffix: str
    ops: tuple
    base: int = -1  # index in BASES

    def __repr__(self) -> str:  # keep a failure readable: the base and the ops rebuild the input
        return (f"Case(base={self.base}, ops={self.ops!r}, suffix={self.suffix!r}, {len(self.data)} bytes,"
                f" head={self.data[:60]!r})")


@st.composite
def mutated(draw) -> Case:
    data, suffix = draw(st.sampled_from(BASES))
    ops = draw(st.lists(st.tuples(st.sampled_from(OPS), st.floats(0, 1), st.integers(1, 40),
                                  st.binary(min_size=1, max_size=24)), min_size=1, max_size=5))
    for op, at, n, payload in ops:
        data = _apply(data, op, at, n, payload)
    suffix = draw(st.sampled_from([suffix, suffix, ".txt", ".md", ".html", ""]))
    return Case(data, suffix, tuple(ops))


def _apply(data: bytes, op: str, at: float, n: int, payload: bytes) -> bytes:
    pos = int(at * len(data))
    lines = data.split(b"\n")
    line = int(at * (len(lines) - 1)) if lines else 0
    if op == "delete_lines":
        return b"\n".join(lines[:line] + lines[line + n:])
    if op == "duplicate_line":
        return b"\n".join(lines[:line] + [lines[line]] * (n % 4 + 2) + lines[line + 1:])
    if op == "swap_lines" and len(lines) > 2:
        other = (line + n) % len(lines)
        lines[line], lines[other] = lines[other], lines[line]
        return b"\n".join(lines)
    digits = [i for i, b in enumerate(data) if 48 <= b <= 57]
    if op in ("swap_digits", "double_digit") and digits:
        i = digits[int(at * (len(digits) - 1))]
        if op == "double_digit":
            return data[:i] + data[i:i + 1] * (n % 5 + 2) + data[i + 1:]
        j = digits[(digits.index(i) + n) % len(digits)]
        arr = bytearray(data)
        arr[i], arr[j] = arr[j], arr[i]
        return bytes(arr)
    if op == "insert_bytes":
        return data[:pos] + payload * (n % 3 + 1) + data[pos:]
    if op == "truncate":
        return data[:pos]
    if op == "to_gb18030":
        return data.decode("utf-8", errors="replace").encode("gb18030", errors="replace")
    if op == "latin1_mojibake":
        return data.decode("latin-1").encode("utf-8")
    if op == "flip_bytes" and data:
        arr = bytearray(data)
        for k in range(n % 8 + 1):
            arr[(pos + k * 97) % len(arr)] ^= payload[k % len(payload)] or 0x55
        return bytes(arr)
    if op == "synth_damage":  # the corpus generator's breakage: a sum off by one, a lost cell, a garbled label
        try:
            return damage(data, random.Random(n), KINDS[n % len(KINDS)])[0]
        except UnicodeDecodeError:
            return data
    if op in ("shuffle_block", "join_lines"):
        try:
            return mutate(data, random.Random(n), op)[0]
        except UnicodeDecodeError:
            return data
    if op == "absurd_span":
        return data.replace(b'rowspan="', b'rowspan="9' * (n % 3 + 1), 1).replace(b'colspan="', b'colspan="99', 1)
    return data


def _alarm(signum, frame):
    raise TimeoutError(f"parser still running after {HANG_SECONDS}s: a hang")


def _parse(data: bytes, suffix: str) -> dict:
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_SECONDS)
    try:
        return parse_bytes(data, f"fuzz{suffix}", suffix)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


_TAG = re.compile(r"<[^>]*>|&nbsp;|&#160;")
_ROWS_PRESENT = re.compile(r"本年新收[^0-9]{0,60}[0-9]")


def has_table3_rows(data: bytes) -> bool:
    """Whether the text still holds table 三's rows, judged without the parser: after markup and
    blanks are gone, the label 本年新收 with a digit after it (before any other text runs long)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="ignore")
    return bool(_ROWS_PRESENT.search(re.sub(r"\s+", "", _TAG.sub("", text))))


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_mutated_reports_parse_to_an_error_or_a_well_formed_report(case):
    data, suffix, ops = case.data, case.suffix, [op for op, *_ in case.ops]
    out = _parse(data, suffix)
    assert isinstance(out, dict), ops
    assert out.get("source") == f"fuzz{suffix}"
    if "error" in out:
        assert isinstance(out["error"], str) and out["error"].strip(), (ops, out)
        return
    if out.get("form") == OLDER_FORM:  # a digit swapped into the title's year can make it one
        assert set(out) == DOCUMENT_KEYS and out["year"] < FIRST_FORM_YEAR and out["agency"], (ops, out)
        return
    for path in contract.cell_paths():
        table, row, col = path.split(".")
        value = out[table][row][col]
        assert value is None or _number(value), (ops, path, value)
    for check in out["checks"]:
        assert check["rule"] and isinstance(check["cells"], list), (ops, check)
        assert set(check["cells"]) <= PATHS, (ops, check)
    for inferred in out["inferred"]:
        assert inferred["path"] in PATHS and _number(inferred["value"]), (ops, inferred)
        table, row, col = inferred["path"].split(".")
        assert out[table][row][col] == inferred["value"], (ops, inferred)


@pytest.mark.parametrize("index", range(len(BASES)))
def test_unmutated_bases_parse_without_error(index):
    data, suffix = BASES[index]
    out = parse_bytes(data, f"base{suffix}", suffix)
    assert "error" not in out, out.get("error")


@st.composite
def text_mutated(draw) -> Case:
    base = draw(st.integers(0, len(BASES) - 1))
    data, suffix = BASES[base]
    ops = draw(st.lists(st.tuples(st.sampled_from(TEXT_OPS), st.floats(0, 1), st.integers(1, 40),
                                  st.just(b"x")), min_size=1, max_size=3))
    for op, at, n, payload in ops:
        data = _apply(data, op, at, n, payload)
    return Case(data, suffix, tuple(ops), base)


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text_mutated())
def test_a_mutant_that_keeps_table_three_rows_is_published(case):
    """Damage tolerance: rows of table 三 still in the text means a report, published with checks."""
    if not has_table3_rows(case.data):
        return
    out = _parse(case.data, case.suffix)
    assert "error" not in out, ([op for op, *_ in case.ops], out.get("error"))


@pytest.mark.parametrize("index", range(len(REAL)))
def test_every_real_file_joined_onto_one_line_is_published(index):
    data, suffix = REAL[index]
    joined, _ = mutate(data, random.Random(index), "join_lines")
    assert has_table3_rows(joined)
    out = _parse(joined, suffix)
    assert "error" not in out, out["error"]


def test_has_table3_rows_sees_the_label_and_a_digit():
    assert has_table3_rows("一、本年新收政府信息公开申请数量 <td>&nbsp;3</td>".encode())
    assert not has_table3_rows("一、本年新收政府信息公开申请数量：见下表。".encode() + b"x" * 80)
    assert not has_table3_rows("二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0".encode())
