"""Fuzz: mutated reports never crash or hang the parser, and what it returns keeps the contract's shape.

The inputs are the five seeds and one generated report per layout, mutated the ways real
files get damaged: lines deleted or duplicated, digits swapped or doubled, random bytes
inserted, the file cut short, the encoding mangled, HTML spans made absurd.
"""
from __future__ import annotations

import random
import signal
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from bundled import seed_paths
from hypothesis import strategies as st

from site_builder import contract
from site_builder.pipeline import parse_bytes
from site_builder.synth import random_report
from site_builder.synth.damage import KINDS, damage
from site_builder.synth.model import LAYOUTS
from site_builder.synth.render import render

# Checks may point at a cell or at another part of the contract (a missing part, the title).
PATHS = set(contract.cell_paths()) | {f"sections.{k}" for k, _, _ in contract.SECTIONS} | {"agency", "year", "title"}
HANG_SECONDS = 30  # a liveness guard, not a speed assertion: no input may make the parser loop


def _bases() -> list[tuple[bytes, str]]:
    bases = [(p.read_bytes(), p.suffix) for p in seed_paths()]
    for i, layout in enumerate(LAYOUTS):
        rng = random.Random(1000 + i)
        bases.append(render(random_report(rng, layout=layout), layout, rng))
    return bases


BASES = _bases()
OPS = ("delete_lines", "duplicate_line", "swap_digits", "double_digit", "insert_bytes", "truncate",
       "to_gb18030", "latin1_mojibake", "flip_bytes", "absurd_span", "swap_lines", "synth_damage")


@dataclass(frozen=True)
class Case:
    data: bytes
    suffix: str
    ops: tuple

    def __repr__(self) -> str:  # keep a failure readable: the ops say how to rebuild the input
        return f"Case(ops={self.ops!r}, suffix={self.suffix!r}, {len(self.data)} bytes, head={self.data[:60]!r})"


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
    if op == "absurd_span":
        return data.replace(b'rowspan="', b'rowspan="9' * (n % 3 + 1), 1).replace(b'colspan="', b'colspan="99', 1)
    return data


def _alarm(signum, frame):
    raise TimeoutError(f"parser still running after {HANG_SECONDS}s: a hang")


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0


@settings(max_examples=500, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_mutated_reports_parse_to_an_error_or_a_well_formed_report(case):
    data, suffix, ops = case.data, case.suffix, [op for op, *_ in case.ops]
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_SECONDS)
    try:
        out = parse_bytes(data, f"fuzz{suffix}", suffix)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert isinstance(out, dict), ops
    assert out.get("source") == f"fuzz{suffix}"
    if "error" in out:
        assert isinstance(out["error"], str) and out["error"].strip(), (ops, out)
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
