"""Every cell of every seed, typed by hand from the seed text, not from parser output.

A table is written as the form prints it: one line per row key, the seven
applicant columns in order (自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计);
`-` is a cell the report does not print (null). Rows not listed are all null.
"""
from __future__ import annotations

import pytest
from bundled import CONTENT, bundled

from site_builder import contract as c
from site_builder.pipeline import parse_file

ZERO_ROWS = [k for k in c.APPLICATION_ROW_KEYS if k not in c.SUBTOTAL_KEYS]
ALL_ZERO_TABLE3 = "\n".join(f"{k} 0 0 0 0 0 0 0" for k in ZERO_ROWS)
ALL_ZERO_ACTIVE = {"regulations": (0, 0, 0), "normative_documents": (0, 0, 0), "licensing": (0,),
                   "punishment": (0,), "enforcement": (0,), "fees": (0,)}
ALL_ZERO_APPEALS = "0 0 0 0 0  0 0 0 0 0  0 0 0 0 0"

# 凤泉区: no 其他 column; subtotal rows printed (and wrong); 2.其他法律法规禁止公开 (a variant label).
SEED_003_TABLE3 = """
new_received           5 0 0 0 0 - 5
carried_over           0 0 0 0 0 - 0
granted                0 0 0 0 0 - 0
partially_granted      1 0 0 0 0 - 1
denied_state_secret    0 0 0 0 0 - 0
denied_law_prohibited  0 0 0 0 0 - 0
denied_security        0 0 0 0 0 - 0
denied_subtotal        4 0 0 0 0 - 0
denied_third_party     0 0 0 0 0 - 0
denied_internal        0 0 0 0 0 - 0
denied_process         0 0 0 0 0 - 0
denied_enforcement_file 0 0 0 0 0 - 0
denied_query           0 0 0 0 0 - 0
unavailable_subtotal   4 0 0 0 0 - 4
unavailable_not_held   0 0 0 0 0 - 0
unavailable_needs_creation 0 0 0 0 0 - 0
unavailable_unclear    0 0 0 0 0 - 0
rejected_subtotal      0 0 0 0 0 - 0
rejected_complaint     0 0 0 0 0 - 0
rejected_duplicate     0 0 0 0 0 - 0
rejected_publication   0 0 0 0 0 - 0
rejected_excessive     0 0 0 0 0 - 0
rejected_confirmation  0 0 0 0 0 - 0
other_subtotal         0 0 0 0 0 - 0
other_no_correction    0 0 0 0 0 - 0
other_no_fee           0 0 0 0 0 - 0
other_misc             0 0 0 0 0 - 0
total_processed        5 0 0 0 0 - 5
carried_forward        0 0 0 0 0 - 0
"""

# 济源经开区 (OCR): 自然人 header lost; five rows print six numbers; their 自然人 cell is recovered.
SEED_004_TABLE3 = "\n".join(
    f"{k} 0 0 0 0 0 0 0" for k in ZERO_ROWS
    if k not in ("new_received", "granted", "unavailable_not_held", "other_misc", "total_processed")
) + """
new_received          3 0 0 0 0 0 3
granted               1 0 0 0 0 0 1
unavailable_not_held  1 0 0 0 0 0 1
other_misc            1 0 0 0 0 0 1
total_processed       3 0 0 0 0 0 3
"""

SEEDS_EXPECTED = {
    "000_5547475b43c68fb3.txt": dict(
        agency="西工区行政审批和政务信息管理局", year=2024, table3=ALL_ZERO_TABLE3,
        active=ALL_ZERO_ACTIVE, appeals=ALL_ZERO_APPEALS, rules=set(), inferred={}),
    "001_4b685384da27734c.txt": dict(
        agency="涧西区珠江路街道办事处", year=2024, table3=ALL_ZERO_TABLE3,
        active=ALL_ZERO_ACTIVE, appeals=ALL_ZERO_APPEALS, rules=set(), inferred={}),
    "002_d6f16a16bd5a7904.txt": dict(
        agency="瀍河回族区工业和信息化局", year=2024, table3=ALL_ZERO_TABLE3,
        active=ALL_ZERO_ACTIVE, appeals=ALL_ZERO_APPEALS, rules=set(), inferred={}),
    "003_12ab1709ac73c670.txt": dict(
        agency="凤泉区人民政府办公室", year=2024, table3=SEED_003_TABLE3,
        active={**ALL_ZERO_ACTIVE, "normative_documents": (0, 2, 6)}, appeals=ALL_ZERO_APPEALS,
        rules={"C2", "C3", "C4"}, inferred={}),
    "004_76ceca359810b5e0.txt": dict(
        agency="经济技术开发区管理办公室", year=2024, table3=SEED_004_TABLE3,
        active=ALL_ZERO_ACTIVE, appeals="1 1 0 0 2  0 0 0 0 0  0 0 1 0 1", rules=set(),
        inferred={f"applications.{k}.natural_person": (v, "C2") for k, v in
                  {"new_received": 3, "carried_over": 0, "granted": 1, "partially_granted": 0,
                   "other_no_fee": 0}.items()}),
}


def expected_cells(spec: dict) -> dict[str, object]:
    cells: dict[str, object] = {p: None for p in c.cell_paths()}
    for line in spec["table3"].strip().splitlines():
        key, *nums = line.split()
        assert len(nums) == 7, line
        for col, n in zip(c.COLUMN_KEYS, nums):
            cells[f"applications.{key}.{col}"] = None if n == "-" else int(n)
    for row, nums in spec["active"].items():
        for (field, _), n in zip(c.ACTIVE_FIELDS[row], nums):
            cells[f"active.{row}.{field}"] = n
    appeal_paths = [f"appeals.{g}.{f}" for g, _ in c.APPEAL_GROUPS for f, _ in c.APPEAL_FIELDS]
    for path, n in zip(appeal_paths, spec["appeals"].split(), strict=True):
        cells[path] = int(n)
    return cells


def actual_cells(report: dict) -> dict[str, object]:
    out = {}
    for path in c.cell_paths():
        table, row, col = path.split(".")
        out[path] = report[table][row][col]
    return out


@pytest.fixture(scope="module", params=sorted(SEEDS_EXPECTED))
def seed(request):
    return request.param, parse_file(bundled(request.param), CONTENT), SEEDS_EXPECTED[request.param]


def test_every_cell(seed):
    name, report, spec = seed
    assert "error" not in report, report.get("error")
    want, got = expected_cells(spec), actual_cells(report)
    wrong = {p: (want[p], got[p]) for p in want if want[p] != got[p]}
    assert not wrong, f"{name}: cells (expected, parsed): " + "; ".join(f"{p}={v}" for p, v in wrong.items())


def test_metadata(seed):
    name, report, spec = seed
    assert (report["agency"], report["year"]) == (spec["agency"], spec["year"]), name
    assert report["source"] == bundled(name).relative_to(CONTENT.parent).as_posix()
    assert spec["agency"] in report["title"] and "年度报告" in report["title"]


def test_rules_and_inferred(seed):
    name, report, spec = seed
    assert {ch["rule"] for ch in report["checks"]} == spec["rules"], report["checks"]
    got = {i["path"]: (i["value"], i["rule"]) for i in report["inferred"]}
    assert got == spec["inferred"]


def test_sections(seed):
    name, report, _ = seed
    sections = report["sections"]
    assert len(sections["overview"]) > 100, name
    assert "二、主动公开" not in sections["overview"] and "规章" not in sections["overview"]
    assert sections["problems"] and sections["other"]


def test_seed_003_checks_name_the_broken_cells():
    report = parse_file(bundled("003_12ab1709ac73c670.txt"), CONTENT)
    c2 = [ch for ch in report["checks"] if ch["rule"] == "C2"]
    assert [set(ch["cells"]) >= {"applications.denied_subtotal.total", "applications.denied_subtotal.natural_person"}
            for ch in c2] == [True]
    c4_cells = {p for ch in report["checks"] if ch["rule"] == "C4" for p in ch["cells"]}
    assert "applications.unavailable_subtotal.natural_person" in c4_cells
    c3 = {tuple(ch["cells"])[0] for ch in report["checks"] if ch["rule"] == "C3"}
    assert c3 == {"applications.total_processed.natural_person", "applications.total_processed.total"}
    assert all("other_org" not in p for ch in report["checks"] for p in ch["cells"])


def test_wrapped_title_is_joined():
    report = parse_file(bundled("002_d6f16a16bd5a7904.txt"), CONTENT)
    assert report["title"] == "瀍河回族区工业和信息化局2024年政府信息公开工作年度报告"
