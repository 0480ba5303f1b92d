"""Discovery: what a column's list page links to, which pages the list has, and a report page's
attachments.

Pages are read as a person reads them, from the HTML as served: the list's entries are the
links into the column (relative or absolute) with their titles and dates; the other pages of
the list are the pager's links, `index_1.htm`-style pages, or the pages a pager script writes
(`createPageHTML(7, 0, "index", "htm")`). A list paged only by a script calling the portal's
search API (`listModel({… pagebar: {prepage: 10, recordCount: '20'}})`) states its count,
which the crawl report compares with what it could reach. Which entries are reports is
decided by their titles (parse/titles.py), not here.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from site_builder.parse.titles import classify
from site_builder.read import UNREADABLE_FORMATS
from site_builder.read.document import ReadError
from site_builder.read.html import meta_tags, page_root
from site_builder.read.meta import html_meta, html_title, iso_date
from site_builder.read.text import decode

ATTACHMENT_SUFFIXES = (".pdf", ".doc", ".docx", *UNREADABLE_FORMATS)  # a report published as a document
MAX_LIST_PAGES = 500  # a pager script claiming more pages than this is not believed
_PAGER_WORDS = ("下一页", "下页", "尾页", "末页", "上一页", "上页", "首页", "next", "last", ">", ">>", "›", "»")
_PAGED_NAME = re.compile(r"^(index|default|list)_(\d+)\.(s?html?)$", re.IGNORECASE)
_CREATE_PAGE = re.compile(r"createPageHTML\(\s*(\w+)\s*,\s*(\w+)\s*,\s*[\"'](\w+)[\"']\s*,\s*[\"'](\w+)[\"']")
_RECORD_COUNT = re.compile(r"recordCount\s*[:=]\s*[\"']?(\d+)")
_PER_PAGE = re.compile(r"prepage\s*[:=]\s*[\"']?(\d+)", re.IGNORECASE)
_TOTAL_TEXT = re.compile(r"共\s*(\d+)\s*条")
_SEARCH_API = re.compile(r"listModel\s*\(|trsapi|/search/|searchapi", re.IGNORECASE)
_COLUMN_WORDS = ("年报", "年度报告")


@dataclass(frozen=True)
class Link:
    url: str
    title: str
    date: str | None = None  # YYYY-MM-DD as the list prints it


@dataclass
class ListPage:
    items: list[Link] = field(default_factory=list)  # entries of the column, reports or not
    pages: list[str] = field(default_factory=list)  # other pages of the same list
    stated: int | None = None  # how many entries the page says the list has
    per_page: int | None = None
    script_paged: bool = False  # later pages come from a script calling a search API
    columns: list[Link] = field(default_factory=list)  # links to a 年报 column (on a home page)


@dataclass
class ReportPage:
    attachments: list[Link]
    title: str | None  # the CMS's ArticleTitle, else None
    published: str | None
    publisher: str | None


def canonical(url: str) -> str:
    """One spelling per address: percent-encoded (Chinese characters included), no fragment.
    Raises ValueError for what is not an http(s) address."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError) as exc:
        raise ValueError(f"not a URL: {url!r}") from exc
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ValueError(f"not an http(s) URL: {url!r}")
    return str(parsed.copy_with(fragment=None))


def resolve(base: str, href: str | None) -> str | None:
    """The absolute canonical URL of a link, or None for javascript:, mailto:, # and broken hrefs."""
    href = (href or "").strip()
    if not href or href.startswith("#") or re.match(r"^(javascript|mailto|tel|data):", href, re.IGNORECASE):
        return None
    try:
        return canonical(str(httpx.URL(base).join(href)))
    except (ValueError, httpx.InvalidURL):
        return None


def site_of(url: str) -> str:
    """The host without a leading www.: attachments may sit on a sibling host of the portal."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def same_site(url: str, other: str) -> bool:
    host, site = urlsplit(url).hostname or "", site_of(other)
    return host == site or host.endswith("." + site)


def url_suffix(url: str) -> str:
    return posixpath.splitext(urlsplit(url).path)[1].lower()


def column_dir(url: str) -> str:
    """The folder of a list page's URL: its entries live below it."""
    path = urlsplit(url).path or "/"
    return path if path.endswith("/") else posixpath.dirname(path) + "/"


def parse_page(data: bytes):
    try:
        text = decode(data)
    except ReadError:
        return None
    try:
        return page_root(text)
    except ReadError:
        return None


def _anchors(root, base: str):
    base_el = root.find(".//base")
    if base_el is not None and base_el.get("href"):
        base = resolve(base, base_el.get("href")) or base
    for a in root.iter("a"):
        url = resolve(base, a.get("href"))
        if url is None:
            continue
        text = " ".join(a.text_content().split())
        title = " ".join((a.get("title") or "").split())
        yield a, url, title if len(title) > len(text) else text


def _date_near(a) -> str | None:
    """The date printed beside a list entry: in the smallest enclosing row that holds no other link."""
    node = a
    for _ in range(4):
        node = node.getparent()
        if node is None or node.tag in ("body", "html"):
            return None
        if len(node.findall(".//a")) > 1:
            return None
        found = iso_date(node.text_content())
        if found:
            return found
    return None


def _script_pages(scripts: str, list_url: str) -> list[str]:
    """Pages a TRS-style pager script writes: createPageHTML(count, current, "index", "htm")."""
    pages = []
    for m in _CREATE_PAGE.finditer(scripts):
        count = m.group(1)
        if not count.isdigit():  # createPageHTML(countPage, …) with `var countPage = 7`
            var = re.search(rf"\b{re.escape(count)}\s*=\s*[\"']?(\d+)", scripts)
            count = var.group(1) if var else "0"
        total = min(int(count), MAX_LIST_PAGES)
        pages += [resolve(list_url, f"{m.group(3)}_{n}.{m.group(4)}") for n in range(1, total)]
    return [p for p in pages if p]


def read_list(data: bytes, url: str) -> ListPage:
    """The entries, pages and stated count of one list page (empty when it is not HTML)."""
    root = parse_page(data)
    out = ListPage()
    if root is None:
        return out
    folder, host = column_dir(url), urlsplit(url).hostname
    seen: set[str] = {url}
    for a, link, title in _anchors(root, url):
        parts = urlsplit(link)
        name = posixpath.basename(parts.path)
        in_column = parts.hostname == host and parts.path.startswith(folder)
        pager = title.lower() in _PAGER_WORDS or title.isdigit() or _PAGED_NAME.match(name)
        if in_column and pager and not parts.path.endswith("/"):
            first_page = parts.path == folder + name and name.startswith(("index.", "default."))
            if link not in seen and link not in out.pages and not first_page:  # 首页 is this page
                out.pages.append(link)
            continue
        if link in seen:
            continue
        is_entry = in_column and name and not (parts.path.endswith("/") or name.startswith(("index.", "default.")))
        if is_entry or (same_site(link, url) and classify(title).is_report):
            seen.add(link)
            out.items.append(Link(link, title, _date_near(a)))
        elif same_site(link, url) and any(w in title for w in _COLUMN_WORDS):  # not a report: taken above
            out.columns.append(Link(link, title))
    scripts = "\n".join(s.text or "" for s in root.iter("script"))
    out.pages += [p for p in _script_pages(scripts, url) if p not in out.pages and p != url]
    stated = _RECORD_COUNT.search(scripts) or _TOTAL_TEXT.search(root.text_content())
    out.stated = int(stated.group(1)) if stated else None
    per_page = _PER_PAGE.search(scripts)
    out.per_page = int(per_page.group(1)) if per_page else None
    out.script_paged = bool(_SEARCH_API.search(scripts)) and not out.pages
    return out


def read_report_page(data: bytes, url: str) -> ReportPage:
    """A report page's attachments (document links) and what its metadata says."""
    root = parse_page(data)
    if root is None:
        return ReportPage([], None, None, None)
    attachments, seen = [], set()
    for _, link, title in _anchors(root, url):
        if url_suffix(link) in ATTACHMENT_SUFFIXES and link not in seen and same_site(link, url):
            seen.add(link)
            attachments.append(Link(link, title))
    tags = meta_tags(root)
    meta = html_meta(tags)
    return ReportPage(attachments, html_title(tags), meta["published"], meta["publisher"])
