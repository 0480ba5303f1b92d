"""HTML tables read from the real <table>: rowspan and colspan expanded into a grid."""
from __future__ import annotations

from lxml import html

from site_builder.read.html import html_lines, table_grid


def test_rowspan_repeats_label_colspan_prints_once():
    table = html.fragment_fromstring(
        "<table><tr><td rowspan='2'>(三) 不予公开</td><td>1.属于国家秘密</td><td colspan='2'>5</td></tr>"
        "<tr><td>2.其他法律行政法规禁止公开</td><td>1</td><td>2</td></tr></table>")
    rows = [line.cells for line in table_grid(table)]
    assert rows == [("(三) 不予公开", "1.属于国家秘密", "5", ""), ("(三) 不予公开", "2.其他法律行政法规禁止公开", "1", "2")]


def test_script_and_style_are_not_text_and_nested_tables_stay_apart():
    page = ("<html><head><title>T</title><style>p{}</style></head><body><p>一、总体情况<script>x=1</script></p>"
            "<table><tr><td>a<table><tr><td>inner</td></tr></table></td><td>1</td></tr></table></body></html>")
    lines = html_lines(page)
    texts = [l.cells for l in lines]
    assert ("T",) in texts and ("一、总体情况",) in texts
    assert not any("x=1" in c for cells in texts for c in cells)
    assert ("inner",) in texts


def test_text_after_a_stray_end_of_body_or_html_is_read_as_a_browser_does():
    page = ("<html><body><p>一、总体情况</p></div></body></html>\n<p>二、主动公开政府信息情况</p></body>"
            "<table><tr><td>一、本年新收政府信息公开申请数量</td><td>3</td></tr></table></BODY ></html>")
    texts = [line.cells for line in html_lines(page)]
    assert ("二、主动公开政府信息情况",) in texts
    assert ("一、本年新收政府信息公开申请数量", "3") in texts
