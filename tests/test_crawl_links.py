"""Discovery on list and report pages: the recorded portal's list page, pagers in their three
forms, the stated count of a script-paged list, a disclosure home page, attachments, GBK."""
from __future__ import annotations

from pathlib import Path

from site_builder.crawl.links import canonical, read_list, read_report_page, resolve

PORTAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "portal" / "www.pingtan.gov.cn"
CZJ = "https://www.pingtan.gov.cn/zwgk/zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqczj/zfxxgknb/"
LIST = "https://www.example.gov.cn/xxgk/nb/"


def _page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def test_recorded_list_page_entries_dates_and_stated_count():
    page = read_list((PORTAL / "zwgk/zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqczj/zfxxgknb/index.html").read_bytes(), CZJ)
    assert len(page.items) == 10
    first = page.items[0]
    assert first.url == CZJ + "202601/t20260116_104656.htm"  # ./202601/… resolved against the list URL
    assert first.title == "平潭综合实验区财政金融局2025年度政府信息公开工作年度报告" and first.date == "2026-01-16"
    assert sum("自查报告" in i.title for i in page.items) == 1  # listed: the crawl decides it is no report
    assert not any("ipv6best" in i.url or "fujian.gov.cn" in i.url for i in page.items)  # footer links
    assert (page.stated, page.per_page, page.script_paged, page.pages) == (20, 10, True, [])


def test_pagers_links_numbers_and_scripts():
    body = """<ul><li><a href="./202401/t1.htm">某局2023年政府信息公开工作年度报告</a><span>2024-01-20</span></li>
              <li><a href="/xxgk/nb/202301/t2.htm" title="某局2022年政府信息公开工作年度报告">某局2022年…</a> [2023/01/18]</li>
              <li><a href="https://www.example.gov.cn/xxgk/nb/202301/t2.htm#top">duplicate</a></li>
              <li><a href="javascript:void(0)">某局2021年政府信息公开工作年度报告</a></li></ul>
              <div class="pager"><a href="index.htm">首页</a><a href="index_1.htm">2</a> <a href="index_2.htm">下一页</a><a href="index_3.htm">尾页</a></div>
              <script>var countPage = 6; createPageHTML(countPage, 0, "index", "htm");</script>"""
    page = read_list(_page(body), LIST)
    assert [i.url for i in page.items] == [LIST + "202401/t1.htm", LIST + "202301/t2.htm"]
    assert [i.date for i in page.items] == ["2024-01-20", "2023-01-18"]
    assert page.items[1].title == "某局2022年政府信息公开工作年度报告"  # the full title attribute, not the cut text
    assert page.pages == [LIST + f"index_{n}.htm" for n in (1, 2, 3, 4, 5)]
    literal = read_list(_page('<script>createPageHTML(3, 0, "index", "shtml");</script>'), LIST + "index.shtml")
    assert literal.pages == [LIST + "index_1.shtml", LIST + "index_2.shtml"]


def test_disclosure_home_page_names_its_annual_report_column():
    body = """<a href="/xxgk/zn/">政府信息公开指南</a><a href="/xxgk/nb/">政府信息公开年报</a>
              <a href="https://www.other.gov.cn/nb/">政府信息公开年报</a>"""
    page = read_list(_page(body), "https://www.example.gov.cn/xxgk/")
    assert page.items == [] and [c.url for c in page.columns] == [LIST]


def test_chinese_characters_and_relative_forms_resolve_to_one_spelling():
    assert resolve(LIST, "../附件/年报 2023.pdf") == "https://www.example.gov.cn/xxgk/%E9%99%84%E4%BB%B6/%E5%B9%B4%E6%8A%A5%202023.pdf"
    assert canonical("https://www.example.gov.cn/xxgk/%E9%99%84%E4%BB%B6/") == canonical("https://www.example.gov.cn/xxgk/附件/")
    assert resolve(LIST, "mailto:x@example.gov.cn") is None and resolve(LIST, "#") is None
    assert resolve(LIST, "http://") is None and resolve(LIST, "http:///x") is None


def test_gbk_list_page_without_a_charset_is_read():
    body = '<a href="./t1.htm">某某县财政局2016年度政府信息公开工作年度报告</a> 2017-01-10'
    data = f"<html><head><title>年报</title></head><body>{body}</body></html>".encode("gbk")
    page = read_list(data, LIST)
    assert [i.title for i in page.items] == ["某某县财政局2016年度政府信息公开工作年度报告"]


def test_report_page_attachments_and_metadata():
    body = """<div class="article"><p>见附件</p>
              <a href="./P020250120.pdf">2024年年报.pdf</a><a href="./P020250120.wps">WPS 版</a>
              <a href="/files/表格.xls">表格</a><a href="./P020250120.pdf">again</a>
              <a href="https://www.other.com/ad.pdf">ad</a><a href="./other.htm">相关链接</a></div>"""
    head = ('<meta name="ArticleTitle" content="某局2024年政府信息公开工作年度报告">'
            '<meta name="PubDate" content="2025-01-20 09:00"><meta name="ContentSource" content="某局">')
    page = read_report_page(_page(body, head), LIST + "202501/t3.htm")
    assert [a.url.rsplit("/", 1)[-1] for a in page.attachments] == [
        "P020250120.pdf", "P020250120.wps", "%E8%A1%A8%E6%A0%BC.xls"]
    assert (page.title, page.published, page.publisher) == ("某局2024年政府信息公开工作年度报告", "2025-01-20", "某局")
