"""Random, consistent annual reports as contract dicts (the ground truth of a synthetic corpus).

Every number obeys C1–C5; given the previous year's report of the same agency
it also obeys C6 (carried_over = last carried_forward) and C7 (in_force chains).
Zeros dominate, as in real reports, but some agencies receive thousands of
applications. Names come from `site_builder.contract`, never retyped here.

`layout` limits the report to what that layout can print: run-together digits
cannot show an unprinted cell, so only the other layouts get "/" cells in table 2
or a table 3 without the 其他 column; printed group subtotals (seed 003) are
limited to layouts that print them.
"""
from __future__ import annotations

import random

from site_builder import contract
from site_builder.synth import active_2019, names, text

YEARS = (2021, 2022, 2023, 2024, 2025)

LAYOUTS = ("tab", "pdf_text", "runtogether", "markdown", "html", "gbk", "utf8_bom", "flat_page", "portal_html")
# The optional features only some layouts print (see render.py).
# Digits run together (or a whole page on one line): an unprinted cell cannot be shown.
NULLLESS_LAYOUTS = frozenset({"runtogether", "flat_page"})
SUBTOTAL_LAYOUTS = frozenset({"tab", "gbk", "utf8_bom"})  # group subtotal rows as in seed 003

# Relative frequency of each outcome row of table 3 in real reports.
_OUTCOME_WEIGHTS: dict[str, float] = {
    "granted": 40, "partially_granted": 10, "denied_state_secret": 0.3, "denied_law_prohibited": 0.5,
    "denied_security": 0.3, "denied_third_party": 2, "denied_internal": 1, "denied_process": 1.5,
    "denied_enforcement_file": 0.5, "denied_query": 1, "unavailable_not_held": 20,
    "unavailable_needs_creation": 3, "unavailable_unclear": 2, "rejected_complaint": 3,
    "rejected_duplicate": 2, "rejected_publication": 0.5, "rejected_excessive": 0.5,
    "rejected_confirmation": 1, "other_no_correction": 3, "other_no_fee": 0.2, "other_misc": 6,
}
assert set(_OUTCOME_WEIGHTS) == set(contract.OUTCOME_KEYS)


def random_report(rng: random.Random, agency: str | None = None, year: int | None = None,
                  previous: dict | None = None, layout: str | None = None, template: str = "2021") -> dict:
    """One report; with `previous` (the same agency's report of the year before) it continues it.
    `template` "2019" prints table 二 in the older form (active_2019.py)."""
    if previous is not None:
        agency, year = previous["agency"], previous["year"] + 1
    agency = agency or names.random_agency(rng)
    year = year or rng.choice(YEARS)
    nulls = layout not in NULLLESS_LAYOUTS
    report = contract.empty_report("")
    report.update(agency=agency, year=year, title=f"{agency}{year}年政府信息公开工作年度报告")
    report["active"] = _active(rng, agency, previous, nulls)
    report["applications"] = _applications(rng, previous, nulls, subtotals=layout is None or layout in SUBTOTAL_LAYOUTS)
    report["appeals"] = _appeals(rng, report["applications"]["new_received"]["total"])
    report["active_template"] = template
    if template == "2019":
        report["active"] = active_2019.old_form(rng, report["active"])
    me = names.self_reference(agency)
    overview = text.overview(rng, me, year, report["applications"]["new_received"]["total"])
    # The sentence on documents is drawn from its own generator, seeded by the report's figures,
    # so that every other draw (and every seed's report) stays what it was before it existed.
    aside = random.Random(f"{agency}|{year}|{sorted(report['active']['normative_documents'].items())}")
    report["sections"] = {
        "overview": text.with_documents(aside, overview, me, year, report["active"], template),
        "problems": text.problems(rng, me, year),
        "other": text.other(rng, me, year),
    }
    return report


def report_series(rng: random.Random, years: tuple[int, ...] = YEARS, agency: str | None = None,
                  layout: str | None = None) -> list[dict]:
    """Consecutive years of one agency, chained by C6 and C7."""
    reports = [random_report(rng, agency, years[0], layout=layout)]
    for _ in years[1:]:
        reports.append(random_report(rng, previous=reports[-1], layout=layout))
    return reports


# ---- Table 2 ------------------------------------------------------------------------

def _active(rng: random.Random, agency: str, previous: dict | None, nulls: bool) -> dict:
    prev = previous["active"] if previous else None
    active: dict = {}
    for key in ("regulations", "normative_documents"):
        makes = key == "normative_documents" or names.makes_regulations(agency)
        before = prev[key]["in_force"] if prev else None
        unprinted = prev[key]["in_force"] is None if prev else rng.random() < 0.25
        if nulls and not makes and unprinted:
            active[key] = {"issued": None, "repealed": None, "in_force": None}
            continue
        active[key] = _documents(rng, makes, before, big=agency.endswith(("人民政府", "人民政府办公室")))
    busy = rng.random()
    active["licensing"] = {"decisions": _sparse(rng, 0.55, 20000 if "审批" in agency else 3000)}
    active["punishment"] = {"decisions": _sparse(rng, 0.6, 5000 if busy > 0.7 else 300)}
    active["enforcement"] = {"decisions": _sparse(rng, 0.75, 300)}
    fee: float | int | None = 0
    if rng.random() < 0.1:
        fee = round(rng.uniform(0.05, 3000), rng.choice((1, 2)))
    elif nulls and rng.random() < 0.08:
        fee = None
    active["fees"] = {"amount_wan_yuan": fee}
    return active


def _documents(rng: random.Random, makes: bool, before: int | None, big: bool) -> dict:
    if before is None:
        before = rng.randint(0, 120 if big else 40) if makes and rng.random() < 0.7 else 0
    issued = rng.randint(0, 25 if big else 6) if makes and rng.random() < 0.55 else 0
    repealed = rng.randint(0, min(before + issued, 10)) if rng.random() < 0.35 else 0
    return {"issued": issued, "repealed": repealed, "in_force": before + issued - repealed}


def _sparse(rng: random.Random, p_zero: float, top: int) -> int:
    if rng.random() < p_zero:
        return 0
    return min(int(rng.paretovariate(1.2)), top) if rng.random() < 0.5 else rng.randint(1, top)


# ---- Table 3 ------------------------------------------------------------------------

def _applications(rng: random.Random, previous: dict | None, nulls: bool, subtotals: bool) -> dict:
    cols = contract.APPLICANT_KEYS
    carried_before = previous["applications"]["carried_forward"] if previous else None
    # A table without the 其他 column cannot carry anything over in that column (C6).
    missing_other = nulls and rng.random() < 0.04 and not (carried_before and carried_before["other_org"])
    received = _split(rng, _volume(rng), _applicant_weights(rng, missing_other))
    if carried_before is not None:
        carried = {c: carried_before[c] or 0 for c in cols}
    elif rng.random() < 0.25:
        carried = {c: rng.randint(0, max(1, received[c] // 10)) if received[c] else 0 for c in cols}
    else:
        carried = dict.fromkeys(cols, 0)
    if missing_other:
        received["other_org"] = carried["other_org"] = 0  # the column is not printed at all
    weights = _outcome_weights(rng)
    rows: dict[str, dict[str, int]] = {k: {} for k in contract.APPLICATION_ROW_KEYS}
    for c in cols:
        available = received[c] + carried[c]
        forward = rng.randint(0, available // 6) if available and rng.random() < 0.3 else 0
        for key, n in _split(rng, available - forward, weights).items():
            rows[key][c] = n
        rows["new_received"][c], rows["carried_over"][c] = received[c], carried[c]
        rows["total_processed"][c], rows["carried_forward"][c] = available - forward, forward
    print_subtotals = subtotals and rng.random() < 0.15
    for group, items in contract.GROUP_ITEMS.items():
        sub = contract.GROUP_SUBTOTAL[group]
        rows[sub] = {c: sum(rows[i][c] for i in items) if print_subtotals else None for c in cols}
    for row in rows.values():
        row["total"] = None if any(v is None for v in row.values()) else sum(row.values())
        if missing_other and row["total"] is not None:
            row["other_org"] = None
    return rows


def _volume(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.4:
        return 0
    if roll < 0.78:
        return rng.randint(1, 12)
    if roll < 0.94:
        return rng.randint(10, 200)
    return rng.randint(200, 3000)


def _applicant_weights(rng: random.Random, missing_other: bool) -> dict[str, float]:
    weights = {"natural_person": rng.uniform(3, 10)}
    for c, chance in zip(contract.APPLICANT_KEYS[1:], (0.5, 0.1, 0.1, 0.25, 0.3)):
        weights[c] = rng.uniform(0.1, 1.5) if rng.random() < chance else 0.0
    if missing_other:
        weights["other_org"] = 0.0
    return weights


def _outcome_weights(rng: random.Random) -> dict[str, float]:
    weights = {k: w * rng.random() if rng.random() < 0.45 else 0.0 for k, w in _OUTCOME_WEIGHTS.items()}
    weights["granted"] = _OUTCOME_WEIGHTS["granted"] * rng.uniform(0.2, 1.0)
    return weights


def _split(rng: random.Random, n: int, weights: dict[str, float]) -> dict[str, int]:
    """n items among the keys in proportion to the weights (a multinomial draw, exact sum)."""
    out = dict.fromkeys(weights, 0)
    keys = [k for k, w in weights.items() if w > 0]
    if n == 0 or not keys:
        return out
    for k in rng.choices(keys, [weights[k] for k in keys], k=n):
        out[k] += 1
    return out


# ---- Table 4 ------------------------------------------------------------------------

def _appeals(rng: random.Random, received: int) -> dict:
    appeals = {}
    for group, _ in contract.APPEAL_GROUPS:
        top = 0 if rng.random() < 0.7 else max(1, min(received // 20, 40))
        row = {f: (rng.randint(0, top) if rng.random() < 0.5 else 0) for f, _ in contract.APPEAL_FIELDS[:-1]}
        row["total"] = sum(row.values())
        appeals[group] = row
    return appeals
