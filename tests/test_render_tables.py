"""The official tables: form layout, marked cells, notes, escaping."""
from __future__ import annotations

from lxml import html as lhtml
from render_samples import broken, sample_report

from site_builder import contract as c
from site_builder.render.tables import Marks, active_table, appeals_table, applications_table, cell_notes


def _doc(markup) -> lhtml.HtmlElement:
    return lhtml.fromstring(str(markup))


def test_applications_table_has_every_row_and_the_seven_applicant_columns():
    report = sample_report(new=7)
    doc = _doc(applications_table(report, Marks.of(report), "p"))
    body_rows = doc.xpath("//tbody/tr")
    # every item row, no subtotal row when the report prints none
    assert len(body_rows) == len([r for r in c.APPLICATION_ROWS if not r.subtotal])
    for row in body_rows:
        assert len(row.xpath("./td")) == len(c.COLUMN_KEYS)
    first = body_rows[0]
    assert "本年新收" in first.xpath("./th")[0].text_content()
    assert [td.text_content() for td in first.xpath("./td")] == ["7", "0", "0", "0", "0", "0", "7"]
    headers = doc.xpath("//thead//th/text()")
    assert "申请人情况" in headers and "法人或其他组织" in headers and "总计" in headers
    group_heads = doc.xpath("//th[@class='form-group']")
    assert any("本年度办理结果" in th.text_content() for th in group_heads)


def test_printed_subtotals_get_their_own_row():
    report = sample_report()
    report["applications"]["denied_subtotal"] = {k: 0 for k in c.COLUMN_KEYS}
    doc = _doc(applications_table(report, Marks.of(report), "p"))
    assert any(th.text_content() == "小计" for th in doc.xpath("//tbody//th"))


def test_failed_and_inferred_cells_are_marked_and_linked_to_their_notes():
    report = broken(sample_report())
    marks = Marks.of(report)
    doc = _doc(applications_table(report, marks, "y2024"))
    failed = doc.xpath("//td[contains(@class,'cell-failed')]")
    assert len(failed) == 2
    assert failed[0].xpath(".//a/@href") == ["#y2024-check-0"]
    inferred = doc.xpath("//td[contains(@class,'cell-inferred')]")
    assert len(inferred) == 1 and "推" in inferred[0].text_content()
    notes = _doc(f"<div>{cell_notes(marks, 'y2024')}</div>")
    item = notes.xpath("//li[@id='y2024-check-0']")[0].text_content()
    assert "C2" in item and c.RULES["C2"] in item and "行「本年新收」" in item
    assert notes.xpath("//*[@id='y2024-inferred']")


def test_cross_year_cells_of_this_year_are_marked():
    report = sample_report(year=2024)
    marks = Marks.of(report, [{"rule": "C6", "year": 2024, "message": "m",
                               "cells": ["2023:applications.carried_forward.total",
                                         "2024:applications.carried_over.total"]}])
    doc = _doc(applications_table(report, marks, "p"))
    assert len(doc.xpath("//td[contains(@class,'cell-failed')]")) == 1


def test_untrusted_text_in_checks_is_escaped():
    report = sample_report()
    report["checks"] = [{"rule": "<b>C9</b>", "cells": ["<script>x</script>"], "message": "<img src=x onerror=alert(1)>"}]
    notes = str(cell_notes(Marks.of(report), "p"))
    assert "<img" not in notes and "<script>" not in notes and "&lt;img" in notes


def test_active_and_appeals_tables_show_every_contract_cell():
    report = sample_report()
    report["active"]["fees"]["amount_wan_yuan"] = __import__("decimal").Decimal("1.50")
    active = _doc(active_table(report, Marks.of(report), "p"))
    assert "1.50" in active.text_content()  # a printed number is shown as printed
    appeals = _doc(appeals_table(report, Marks.of(report), "p"))
    assert len(appeals.xpath("//tbody//td")) == 15
    assert "未经复议直接起诉" in appeals.text_content()


def test_a_text_settled_cell_is_marked_inferred_and_its_note_quotes_the_sentence():
    report = sample_report()
    said = "2024年，我局废止规范性文件6件，制定规范性文件15件<b>。"
    report["active"]["normative_documents"] = {"issued": 15, "repealed": 6, "in_force": 21}
    report["inferred"] = [{"path": f"active.normative_documents.{f}", "rule": "text", "value": v, "evidence": said}
                          for f, v in (("issued", 15), ("repealed", 6), ("in_force", 21))]
    marks = Marks.of(report)
    doc = _doc(active_table(report, marks, "p"))
    marked = doc.xpath("//td[contains(@class, 'cell-inferred')]")
    assert [td.text_content().rstrip("推") for td in marked] == ["15", "6", "21"]
    notes = str(cell_notes(marks, "p"))
    assert notes.count("<q>2024年，我局废止规范性文件6件，制定规范性文件15件&lt;b&gt;。</q>") == 3
    assert c.RULES["text"] in notes
