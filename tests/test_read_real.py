"""Real published reports (../shared/corpus/real): every cell the truth settles, for the
HTML and Markdown layouts, and the rules the printed numbers break."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder.pipeline import parse_file

REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
TRUTH = REAL / "truth.json"
HTML = ["pt-czj-2024.html", "pt-gwh-2025.html", "pt-htp-2023.html", "pt-jjp-2022.html", "pt-shs-2024.html",
        "sh-city-2020.html", "sh-office-2019.html"]

pytestmark = pytest.mark.skipif(not TRUTH.exists(), reason=f"the real corpus is not at {REAL}")


def _truth() -> dict:
    return json.loads(TRUTH.read_text(encoding="utf-8"))


def _get(report: dict, path: str):
    node = report
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _wrong_cells(report: dict, cells: dict) -> list[str]:
    return [f"{p}: {_get(report, p)!r} != {v!r}" for p, v in cells.items() if _get(report, p) != v]


@pytest.fixture(scope="module")
def parsed() -> dict:
    return {name: parse_file(REAL / "files" / name) for name in HTML + ["sh-office-2025.md"]}


@pytest.mark.parametrize("name", HTML)
def test_html_reports_every_settled_cell(parsed, name):
    expected = _truth()[name]
    report = parsed[name]
    assert "error" not in report, report.get("error")
    assert expected["agency"] in report["agency"] and report["year"] == expected["year"]
    assert _wrong_cells(report, expected["cells"]) == []


@pytest.mark.parametrize("name", HTML)
def test_html_reports_flag_the_rules_their_printed_numbers_break(parsed, name):
    expected = _truth()[name]
    rules = {c["rule"] for c in parsed[name]["checks"]}
    assert set(expected["must_fail"]) <= rules
    if len(expected["cells"]) >= 190:  # every cell settled: a rule the numbers satisfy must not fail
        assert not (rules & {"C1", "C2", "C3", "C5"}) - set(expected["must_fail"])


def test_a_printed_blank_counts_as_0_in_the_rules(parsed):
    # sh-office-2019 prints 总计 blank in every outcome row: a blank is 0 in the sums, so C2 fails
    # in the 11 rows that print applicants and C3 in the 总计 column; rows of blanks are printed rows
    checks = parsed["sh-office-2019.html"]["checks"]
    c2 = {c["cells"][0] for c in checks if c["rule"] == "C2"}
    assert len(c2) == 11 and "applications.granted.total" in c2
    assert [c["cells"][0] for c in checks if c["rule"] == "C3"] == ["applications.total_processed.total"]
    assert not any(c["rule"] == "missing" for c in checks)


def test_a_group_printed_as_one_row_keeps_its_items_null(parsed):
    report = parsed["pt-htp-2023.html"]
    apps = report["applications"]
    assert all(v is None for k in ("other_no_correction", "other_no_fee", "other_misc") for v in apps[k].values())
    assert apps["other_subtotal"]["total"] == 0
    assert not any("其他" in c["message"] and c["rule"] == "missing" for c in report["checks"])


def test_2019_template_table_two(parsed):
    report = parsed["sh-office-2019.html"]
    assert report["active_template"] == "2019"
    active = report["active"]
    assert active["regulations"] == {"issued": 13, "repealed": None, "in_force": None}
    assert active["fees"] == {"amount_wan_yuan": None}
    extra = {e["label"]: e for e in active["extra"]}
    assert extra["政府集中采购"]["values"] == [6, "251000元"]
    assert extra["规章"]["columns"] == ["本年新制作数量", "本年新公开数量", "对外公开总数量"]
    assert "其他对外管理服务事项" in extra and not any(e["label"].startswith("第二十条") for e in active["extra"])
    signed = {e["label"]: e for e in parsed["sh-city-2020.html"]["active"]["extra"]}
    assert signed["行政许可"]["values"] == [893, -183, 12854581]
    assert parsed["pt-czj-2024.html"]["active_template"] == "2021"


def test_page_metadata_from_the_portal_header(parsed):
    czj = parsed["pt-czj-2024.html"]
    assert (czj["published"], czj["publisher"], czj["url"]) == ("2025-01-23", "区财政金融局", None)
    assert parsed["pt-htp-2023.html"]["publisher"] is None  # 来源： printed empty
    assert parsed["sh-office-2019.html"]["published"] == "2020-01-31"


def test_markdown_from_a_pdf_converter(parsed):
    expected = _truth()["sh-office-2025.md"]
    report = parsed["sh-office-2025.md"]
    assert report["agency"] == expected["agency"] and report["year"] == 2025  # not 「正文」
    # (二)部分公开's label was cut out above its row of numbers; table 四 lost a page number "— 6 —"
    # rows printed without their label (0 0 0 0 0 0 0) or with a torn one (行政机关不再处理其政府信息公)
    # take their place in the form's order between the rows around them
    rows = {p: v for p, v in expected["cells"].items() if p.startswith("applications.") or p.startswith("appeals.")}
    assert _wrong_cells(report, rows) == []
