"""The renderer writes each layout the way real reports come (checked without the parser)."""
from __future__ import annotations

import random
import re

import pytest
from lxml import html as lxml_html

from site_builder import contract
from site_builder.synth import random_report
from site_builder.synth.model import LAYOUTS
from site_builder.synth.render import render, renderable

BOM = b"\xef\xbb\xbf"


def generate(layout: str, seed: int):
    rng = random.Random(seed)
    report = random_report(rng, layout=layout)
    data, suffix = render(report, layout, rng)
    return report, data, suffix


def text_of(data: bytes, layout: str) -> str:
    return data.decode("gb18030") if layout == "gbk" else data.decode("utf-8-sig")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_same_seed_same_bytes(layout):
    assert generate(layout, 3)[1:] == generate(layout, 3)[1:]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_title_parts_and_sections_in_order(layout):
    for seed in range(20):
        report, data, _ = generate(layout, seed)
        text = text_of(data, layout)
        flat = re.sub(r"\s", "", text)
        assert report["agency"] in flat and f"{report['year']}年" in flat, (layout, seed)
        positions = [flat.find(h) for h in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                                            "六、其他需要报告的事项")]
        assert -1 not in positions and positions == sorted(positions), (layout, seed, positions)


def test_encodings():
    for seed in range(20):
        _, data, suffix = generate("gbk", seed)
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        assert "政府信息公开" in data.decode("gb18030") and suffix == ".txt"
        _, data, _ = generate("utf8_bom", seed)
        assert data.startswith(BOM) and not data[3:].startswith(BOM)
        _, data, _ = generate("tab", seed)
        assert not data.startswith(BOM)
        data.decode("utf-8")


def test_gbk_sometimes_prints_full_width_digits_and_thousands_separators():
    texts = [text_of(generate("gbk", s)[1], "gbk") for s in range(60)]
    assert any(re.search(r"\t[０-９]+", t) for t in texts)
    assert any(re.search(r"\t\d{1,3},\d{3}", t) for t in texts)


def test_tab_rows_carry_every_number_in_order():
    for seed in range(30):
        report, data, _ = generate("tab", seed)
        text = text_of(data, "tab")
        for key in ("new_received", "total_processed", "carried_forward"):
            row = report["applications"][key]
            nums = "\t".join(str(row[c]) for c in contract.COLUMN_KEYS if row[c] is not None)
            assert "\t" + nums in text, (seed, key)


def test_runtogether_has_no_separators_in_rows():
    for seed in range(30):
        report, data, _ = generate("runtogether", seed)
        text = text_of(data, "runtogether")
        assert "\t" not in text
        row = report["applications"]["new_received"]
        digits = "".join(str(row[c]) for c in contract.COLUMN_KEYS)
        assert f"一、本年新收政府信息公开申请数量{digits}\n" in text, seed


def test_pdf_text_wraps_labels_and_splits_some_rows():
    texts = [text_of(generate("pdf_text", s)[1], "pdf_text") for s in range(30)]
    assert all("\t" not in t for t in texts)
    assert all(re.search(r"^三、本\n年度办\n理结果$", t, re.M) for t in texts)
    assert any(re.search(r"^\d+( \d+){5}\n\d+$", t, re.M) for t in texts), "a row's last number on its own line"


def test_markdown_breaks_table_three_into_fragments_with_generic_or_wrong_headers():
    for seed in range(30):
        _, data, suffix = generate("markdown", seed)
        text = text_of(data, "markdown")
        separators = re.findall(r"^\|(?:---\|)+$", text, re.M)
        assert suffix == ".md" and 4 <= len(separators) <= 5, seed  # table 2, 2–3 fragments, table 4
    headers = " ".join(text_of(generate("markdown", s)[1], "markdown") for s in range(30))
    assert "| 列1 | 列2 |" in headers


def test_html_is_a_portal_page_with_the_forms_merged_cells():
    for seed in range(20):
        report, data, suffix = generate("html", seed)
        root = lxml_html.document_fromstring(data)
        tables = root.findall(".//table")
        assert suffix == ".html" and len(tables) == 3
        spans = {(td.text_content().strip(), td.get("rowspan"), td.get("colspan")) for td in tables[1].iter("td")}
        assert ("三、本年度办理结果", "22", None) in spans, seed
        assert any(t == "法人或其他组织" and c in ("5", "4") for t, _, c in spans)
        group = next(td for td in tables[1].iter("td") if td.text_content().strip().endswith("不予公开"))
        assert group.get("rowspan") == "8"
        assert report["agency"] in root.findtext(".//title")


def test_renderable_names_what_a_layout_cannot_print():
    rng = random.Random(0)
    report = random_report(rng, layout="tab")
    report["active"]["fees"]["amount_wan_yuan"] = None
    assert "unprinted" in renderable(report, "runtogether")
    with pytest.raises(ValueError):
        render(report, "runtogether", rng)
    for key in contract.SUBTOTAL_KEYS:
        report["applications"][key] = {c: 0 for c in contract.COLUMN_KEYS}
    assert "subtotal" in renderable(report, "html")
    assert renderable(report, "tab") is None
    assert "unknown layout" in renderable(report, "pdf")


def _row_values(text: str, label: str) -> str:
    """The printed values after a row's label on a flattened line (one followed by text, not an item number)."""
    return re.search(re.escape(label) + r" ?([0-9][0-9 ]*)", text).group(1).rstrip()


def test_flat_page_is_a_crawl_header_then_the_report_on_one_line():
    from site_builder.synth.render_portal import readings
    spacings, unique = set(), 0
    for seed in range(40):
        report, data, suffix = generate("flat_page", seed)
        lines = data.decode("utf-8").rstrip("\n").split("\n")
        assert suffix == ".txt" and lines[0].startswith("标题: ") and lines[5].startswith("原文链接: https://")
        assert lines[8].startswith("====") and "正文" in lines[8] and len(lines) == 10, seed
        body = lines[9]
        assert all(part in body for part in ("一、总体情况", "三、收到和处理政府信息公开申请情况", "六、其他需要报告的事项"))
        row = report["applications"]["new_received"]
        values = tuple(row[c] for c in contract.COLUMN_KEYS)
        printed = _row_values(body, "本年新收政府信息公开申请数量")
        # Whatever the spacing, the digits are the row's, and C2 allows the true reading.
        assert printed.replace(" ", "") == "".join(map(str, values)), seed
        allowed = [r for r in readings(printed, 7) if sum(r[:6]) == r[6]]
        assert values in allowed, (seed, printed)
        unique += allowed == [values]
        spacings.add("run" if " " not in printed else "spaced" if printed.count(" ") == 6 else "partial")
    assert spacings == {"run", "spaced", "partial"}
    assert unique >= 30  # three pages in four print only rows with one reading


def test_flat_page_glues_the_next_item_number_onto_the_digits():
    bodies = [generate("flat_page", s)[1].decode("utf-8") for s in range(20)]
    assert any(re.search(r"[0-9]2[.．]\s?没有现成信息需要另行制作", b) for b in bodies)


def test_portal_html_is_word_fed_with_vertical_labels_and_nbsp_cells():
    pages = [generate("portal_html", s)[1].decode("utf-8") for s in range(30)]
    assert all(p.count("<table") == 3 and 'rowspan="22"' in p for p in pages)
    assert any(re.search(r"<p[^>]*>结</p><p[^>]*>果</p><p[^>]*>纠</p><p[^>]*>正</p>", p) for p in pages)
    assert any("<br/>" in p for p in pages)
    assert any(re.search(r">[0-9]+&nbsp;<|>&nbsp;[0-9]+<", p) for p in pages)
    assert any("MsoNormal" in p for p in pages)
