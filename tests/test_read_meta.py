"""What a page says about itself: crawler headers, portal headers, HTML meta tags."""
from __future__ import annotations

from site_builder.read import read_bytes
from site_builder.read.meta import header_fields, html_meta, iso_date, text_meta

CRAWLED = """标题: 某局2023年度政府信息公开工作年度报告
发布时间: 2024-01-31 08:28
文号: 
发布机构: 
原文链接: https://www.example.gov.cn/zfxxgknb/202401/t20240131_1.htm
一、总体情况
统计时间：2023年1月1日至12月31日
"""


def test_crawler_header_and_an_empty_publisher():
    meta = text_meta(CRAWLED.splitlines())
    assert meta == {"published": "2024-01-31", "url": "https://www.example.gov.cn/zfxxgknb/202401/t20240131_1.htm",
                    "publisher": None}


def test_two_fields_on_one_portal_line_and_an_empty_one():
    assert header_fields("来源：福建学生资助 时间：2025-01-20 10:26") == {"publisher": "福建学生资助",
                                                                       "published": "2025-01-20"}
    assert header_fields("来源： 时间：2024-01-25 16:04") == {"publisher": None, "published": "2024-01-25"}


def test_dates_are_checked_and_body_text_is_not_a_header():
    assert iso_date("发布日期：2020年1月31日") == "2020-01-31"
    assert iso_date("2023-02-30") is None
    assert header_fields("本报告所列数据的统计时间：2024年1月1日") == {}  # 时间 inside a word
    assert header_fields("发布时间：" + "很长的正文" * 40) == {}


def test_html_meta_tags_win_over_the_visible_header():
    page = ('<html><head><meta name="PubDate" content="2024-03-01 09:00"><meta name="Url" '
            'content="https://www.example.gov.cn/a.htm"><meta name="ContentSource" content="某县人民政府办公室">'
            '</head><body><p>发布日期：2024-02-01</p><p>一、总体情况</p></body></html>').encode()
    doc = read_bytes(page, "a.html", ".html")
    assert doc.meta == {"published": "2024-03-01", "url": "https://www.example.gov.cn/a.htm",
                        "publisher": "某县人民政府办公室"}


def test_a_non_http_address_is_no_url():
    doc = read_bytes("原文链接: javascript:alert(1)\n一、总体情况\n".encode(), "a.txt", ".txt")
    assert doc.meta["url"] is None


def test_a_column_name_is_no_publisher():
    # The portal's CMS writes <meta name="ContentSource" content="栏目: 政府信息公开年报"> on some pages.
    assert html_meta([("ContentSource", "栏目: 政府信息公开年报")])["publisher"] is None
    assert html_meta([("ContentSource", "区财政金融局")])["publisher"] == "区财政金融局"
