"""HTML tables read from the real <table>: rowspan and colspan expanded into a grid."""
from __future__ import annotations

from pathlib import Path

import pytest
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


def test_word_fed_cells_vertical_labels_breaks_and_merged_labels():
    table = html.fragment_fromstring(
        "<table><tr><td colspan='2'><p>结</p><p>果</p><p>纠</p><p>正</p></td><td>本年新<br>制作数量</td>"
        "<td colspan='2'>&nbsp;12&nbsp;</td></tr></table>")
    assert [line.cells for line in table_grid(table)] == [("结果纠正", "结果纠正", "本年新制作数量", "12", "")]


def test_2019_template_columns_under_their_printed_header():
    from site_builder.parse import parse_document
    from site_builder.read import read_bytes
    page = ("<html><body><p>某局2019年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p><table>"
            "<tr><td>信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr>"
            "<tr><td>规章</td><td>3</td><td>2</td><td>40</td></tr>"
            "<tr><td>信息内容</td><td>上一年项目数量</td><td colspan='2'>本年增/减</td><td>处理决定数量</td></tr>"
            "<tr><td>行政许可</td><td colspan='2'>9</td><td>-1</td><td>70</td></tr></table>"
            "<p>三、收到和处理政府信息公开申请情况</p><table><tr><td>一、本年新收政府信息公开申请数量</td><td>1</td></tr>"
            "<tr><td>（七）总计</td><td>1</td></tr></table><p>四、政府信息公开行政复议、行政诉讼情况</p><table>"
            "<tr>" + "<td>0</td>" * 15 + "</tr></table></body></html>").encode()
    report = parse_document(read_bytes(page, "a.html", ".html"))
    assert report["active_template"] == "2019"
    assert report["active"]["regulations"] == {"issued": 3, "repealed": None, "in_force": None}
    assert report["active"]["licensing"] == {"decisions": 70}
    assert report["active"]["extra"][1] == {"label": "行政许可", "columns": ["上一年项目数量", "本年增/减", "处理决定数量"],
                                            "values": [9, -1, 70]}


PORTAL_PAGE = (Path(__file__).resolve().parents[2] / "shared" / "corpus" / "portal" / "www.pingtan.gov.cn" /
               "zwgk/zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqczj/zfxxgknb/202501/t20250123_96895.htm")


@pytest.mark.skipif(not PORTAL_PAGE.is_file(), reason="needs ../shared/corpus/portal")
def test_a_page_saved_whole_is_read_for_its_article_not_its_footer():
    """A portal's page as served: navigation, the article, then the site's footer. Part 六 ends with
    the report's signature, not the footer; the header above the article still gives the metadata."""
    from site_builder.pipeline import parse_bytes

    page = PORTAL_PAGE.read_bytes()
    assert "网站标识码".encode() in page  # the footer is in the file
    report = parse_bytes(page, "t20250123_96895.htm", ".htm")
    other = report["sections"]["other"]
    assert "网站标识码" not in other and "版权所有" not in other and "<" not in other
    assert other.rstrip().endswith("2025年1月23日")
    assert report["published"] == "2025-01-23" and report["year"] == 2024
    assert report["applications"]["new_received"]["total"] is not None


def test_a_page_that_declares_its_encoding_in_an_xml_declaration_is_read():
    # Some portals serve XHTML with <?xml … encoding?>: lxml refuses that in a decoded string, and the
    # crawl saved such pages that the build then could not read.
    page = ('<?xml version="1.0" encoding="gbk"?>\n<html><head><meta name="PubDate" content="2024-01-20"/>'
            "</head><body><p>一、总体情况</p></body></html>")
    from site_builder.read.html import parse_html

    lines, tags = parse_html(page)
    assert ("一、总体情况",) in [line.cells for line in lines] and ("PubDate", "2024-01-20") in tags
