"""The generator's reports obey C1–C5 (and C6/C7 across years), checked here independently:
the row and column lists are typed from ../shared/spec/report-format.md, not taken from
the code under test."""
from __future__ import annotations

import random

import pytest

from site_builder import contract
from site_builder.synth import YEARS, random_report, report_series
from site_builder.synth.model import LAYOUTS

APPLICANTS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"]
COLUMNS = APPLICANTS + ["total"]
GROUPS = {
    "denied": ["denied_state_secret", "denied_law_prohibited", "denied_security", "denied_third_party",
               "denied_internal", "denied_process", "denied_enforcement_file", "denied_query"],
    "unavailable": ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"],
    "rejected": ["rejected_complaint", "rejected_duplicate", "rejected_publication", "rejected_excessive",
                 "rejected_confirmation"],
    "other": ["other_no_correction", "other_no_fee", "other_misc"],
}
OUTCOMES = ["granted", "partially_granted"] + [k for items in GROUPS.values() for k in items]
APPEAL_GROUPS = ["review", "litigation_direct", "litigation_after_review"]


def rule_failures(report: dict) -> list[str]:
    """Every C1–C5 failure of one report, as readable strings (empty when consistent)."""
    apps, bad = report["applications"], []
    for c in COLUMNS:
        col = {k: apps[k][c] for k in apps}
        if col["new_received"] is None:
            continue
        if col["new_received"] + col["carried_over"] != col["total_processed"] + col["carried_forward"]:
            bad.append(f"C1 {c}")
        if col["total_processed"] != sum(col[k] for k in OUTCOMES):
            bad.append(f"C3 {c}")
        for group, items in GROUPS.items():
            sub = col[f"{group}_subtotal"]
            if sub is not None and sub != sum(col[k] for k in items):
                bad.append(f"C4 {group} {c}")
    for key, row in apps.items():
        if row["total"] is not None and row["total"] != sum(row[c] or 0 for c in APPLICANTS):
            bad.append(f"C2 {key}")
    for g in APPEAL_GROUPS:
        row = report["appeals"][g]
        if row["total"] != row["upheld"] + row["corrected"] + row["other"] + row["pending"]:
            bad.append(f"C5 {g}")
    return bad


@pytest.mark.parametrize("layout", [None, *LAYOUTS])
def test_reports_obey_c1_to_c5(layout):
    for seed in range(300):
        report = random_report(random.Random(seed), layout=layout)
        assert rule_failures(report) == [], f"layout={layout} seed={seed}"


def test_every_cell_is_a_non_negative_int_or_an_unprinted_null():
    for seed in range(300):
        report = random_report(random.Random(seed))
        for path in contract.cell_paths():
            table, row, col = path.split(".")
            value = report[table][row][col]
            if path == "active.fees.amount_wan_yuan":
                assert value is None or (isinstance(value, (int, float)) and value >= 0), (seed, path, value)
            else:
                assert value is None or (type(value) is int and value >= 0), (seed, path, value)
        subtotals_printed = [report["applications"][k]["total"] is not None for k in contract.SUBTOTAL_KEYS]
        assert all(subtotals_printed) or not any(subtotals_printed), seed


def test_runtogether_reports_have_no_unprinted_cells():
    for seed in range(300):
        report = random_report(random.Random(seed), layout="runtogether")
        nulls = [p for p in contract.cell_paths() if "_subtotal." not in p
                 and report[p.split(".")[0]][p.split(".")[1]][p.split(".")[2]] is None]
        assert nulls == [], seed


def test_same_seed_same_report_and_different_seeds_differ():
    assert random_report(random.Random(42)) == random_report(random.Random(42))
    assert random_report(random.Random(42)) != random_report(random.Random(43))


def test_numbers_look_like_real_corpora_zeros_common_but_some_large():
    received = [random_report(random.Random(s))["applications"]["new_received"]["total"] for s in range(1000)]
    zero_share = sum(1 for n in received if n == 0) / len(received)
    assert 0.2 < zero_share < 0.6
    assert max(received) >= 1000
    assert sum(1 for n in received if n >= 100) >= 20


def test_agencies_are_varied_and_years_in_range():
    reports = [random_report(random.Random(s)) for s in range(5000)]
    agencies = {r["agency"] for r in reports}
    assert len(agencies) >= 2500
    assert {r["year"] for r in reports} == set(YEARS)
    for r in reports[:500]:
        assert "年" not in r["agency"] and not any(ch.isdigit() for ch in r["agency"])
        assert r["title"] == f"{r['agency']}{r['year']}年政府信息公开工作年度报告"
        assert len(r["sections"]["overview"]) > 200
        assert r["sections"]["problems"] and r["sections"]["other"]


@pytest.mark.parametrize("seed", range(40))
def test_series_chain_across_years_c6_and_c7(seed):
    series = report_series(random.Random(seed))
    assert [r["year"] for r in series] == list(YEARS)
    assert len({r["agency"] for r in series}) == 1
    for before, after in zip(series, series[1:]):
        for c in COLUMNS:
            forward = before["applications"]["carried_forward"][c]
            over = after["applications"]["carried_over"][c]
            if forward is not None and over is not None:
                assert over == forward, (seed, after["year"], c)
            else:  # a column that is not printed carried nothing
                assert (forward or 0) == 0 and (over or 0) == 0, (seed, after["year"], c)
        for key in ("regulations", "normative_documents"):
            b, a = before["active"][key], after["active"][key]
            if b["in_force"] is not None and a["in_force"] is not None:
                assert a["in_force"] == b["in_force"] + a["issued"] - a["repealed"], (seed, after["year"], key)
        assert rule_failures(after) == []


def test_series_carry_something_forward_sometimes():
    carried = [r["applications"]["carried_over"]["total"] for s in range(200)
               for r in report_series(random.Random(s))[1:]]
    assert sum(1 for n in carried if n) >= 20
