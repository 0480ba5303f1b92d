"""C1–C5 on one report, C6–C7 across years: failures name their cells."""
from __future__ import annotations

import copy

from site_builder import contract as c
from site_builder.check import cross_year_checks, run_checks


def zero_report(year=2024):
    r = c.empty_report("x.txt")
    r["year"] = year
    for table in ("active", "applications", "appeals"):
        for row in r[table].values():
            for k in row:
                row[k] = 0
    return r


def test_consistent_report_has_no_checks():
    assert run_checks(zero_report()) == []


def test_each_rule_names_its_cells():
    r = zero_report()
    r["applications"]["new_received"]["natural_person"] = 2  # breaks C1 and C2 (no total)
    r["appeals"]["review"]["total"] = 1  # C5
    got = {(ch["rule"], tuple(ch["cells"])[0]) for ch in run_checks(r)}
    assert ("C1", "applications.new_received.natural_person") in got
    assert ("C2", "applications.new_received.total") in got
    assert ("C5", "appeals.review.total") in got


def test_absent_column_is_not_checked_but_a_lone_null_skips_only_its_rules():
    r = zero_report()
    for row in r["applications"].values():
        row["other_org"] = None
    r["applications"]["granted"]["natural_person"] = None
    assert run_checks(r) == []


def test_subtotal_checked_only_when_printed_and_never_in_totals():
    r = zero_report()
    for k in c.SUBTOTAL_KEYS:
        r["applications"][k] = {col: None for col in c.COLUMN_KEYS}
    assert run_checks(r) == []
    r2 = copy.deepcopy(r)
    r2["applications"]["denied_subtotal"] = {col: 0 for col in c.COLUMN_KEYS}
    r2["applications"]["denied_subtotal"]["natural_person"] = 3
    rules = {ch["rule"] for ch in run_checks(r2)}
    assert rules == {"C2", "C4"}


def test_cross_year_c6_and_c7():
    a, b = zero_report(2023), zero_report(2024)
    a["applications"]["carried_forward"]["total"] = 4
    a["active"]["normative_documents"]["in_force"] = 10
    b["active"]["normative_documents"].update(issued=2, repealed=1, in_force=12)
    got = {ch["rule"]: ch for ch in cross_year_checks([b, a])}
    assert set(got) == {"C6", "C7"}
    assert got["C7"]["severity"] == "warning" and "11" in got["C7"]["message"]
    b["applications"]["carried_over"]["total"] = 4
    b["active"]["normative_documents"]["in_force"] = 11
    assert list(cross_year_checks([a, b])) == []


def test_a_printed_blank_is_0_but_a_lost_cell_is_unknown():
    r = zero_report()
    r["applications"]["granted"].update({"natural_person": 2, "total": None})  # 总计 printed blank
    r["applications"]["new_received"].update({"natural_person": 2, "total": 2})
    r["applications"]["total_processed"].update({"natural_person": 2, "total": 2})
    rules = {(ch["rule"], ch["cells"][0]) for ch in run_checks(r)}
    assert ("C2", "applications.granted.total") in rules and ("C3", "applications.total_processed.total") in rules
    r["checks"] = [{"rule": "missing", "cells": ["applications.granted.total"], "message": "lost"}]
    assert run_checks(r) == []  # the same null, said to be lost: the rules touching it are not checked
