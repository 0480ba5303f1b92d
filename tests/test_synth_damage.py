"""damage() breaks one row of table 3 in every layout, keeps the encoding, and the parser notices."""
from __future__ import annotations

import random

import pytest

from site_builder.pipeline import parse_bytes
from site_builder.synth import random_report
from site_builder.synth.damage import KINDS, damage
from site_builder.synth.model import LAYOUTS
from site_builder.synth.render import render


def generate(layout: str, seed: int):
    rng = random.Random(seed)
    report = random_report(rng, layout=layout)
    data, suffix = render(report, layout, rng)
    return report, data, suffix, rng


def decode(data: bytes, layout: str) -> str:
    return data.decode("gb18030") if layout == "gbk" else data.decode("utf-8-sig")


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("kind", KINDS)
def test_damage_changes_one_line_and_keeps_the_encoding(layout, kind):
    for seed in range(10):
        _, data, _, rng = generate(layout, seed)
        broken, info = damage(data, rng, kind)
        assert info["kind"] == kind and broken != data, (layout, kind, seed, info)
        assert broken.startswith(b"\xef\xbb\xbf") == data.startswith(b"\xef\xbb\xbf")
        before, after = decode(data, layout).split("\n"), decode(broken, layout).split("\n")
        assert len(before) == len(after)
        changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
        assert len(changed) == 1, (layout, kind, seed, changed)
        if layout == "flat_page":  # the whole report is one line: the damaged row is a stretch of it
            assert info["line"] in before[changed[0]] and info["damaged"] in after[changed[0]]
        else:
            assert info["line"] == before[changed[0]].strip()[:200]


@pytest.mark.parametrize("layout", [lay for lay in LAYOUTS if lay != "runtogether"])
def test_a_sum_off_by_one_is_reported(layout):
    for seed in range(10):
        _, data, suffix, rng = generate(layout, seed)
        broken, info = damage(data, rng, "sum_off_by_one")
        out = parse_bytes(broken, f"damaged{suffix}", suffix)
        assert "error" in out or out["checks"], (layout, seed, info)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_dropped_number_is_inferred_flagged_or_refused(layout):
    for seed in range(60):
        _, data, suffix, rng = generate(layout, seed)
        broken, info = damage(data, rng, "dropped_number")
        out = parse_bytes(broken, f"damaged{suffix}", suffix)
        if "error" in out or out["checks"] or out["inferred"]:
            continue
        # Nothing said: then the damage lost no number (it hit a rowspan'd label cell, say)
        # and every cell must come out as from the undamaged file.
        clean = parse_bytes(data, f"clean{suffix}", suffix)
        assert [out[t] for t in ("active", "applications", "appeals")] == \
            [clean[t] for t in ("active", "applications", "appeals")], (layout, seed, info)


def test_unknown_kind_and_input_without_table_three():
    with pytest.raises(ValueError):
        damage(b"x", random.Random(0), "fire")
    data = "一、总体情况\n没有表格。\n".encode()
    assert damage(data, random.Random(0), "garbled_label") == (data, {
        "kind": None, "reason": "no row of table 3 with numbers found"})
