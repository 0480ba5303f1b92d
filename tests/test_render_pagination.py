"""The agency directory's pagination: every agency once, in order, on pages that stay small as N grows."""
from __future__ import annotations

import posixpath
import re

import pytest
from render_samples import sample_report

from site_builder.render import home
from site_builder.model import group_reports

ROW = re.compile(r'<tr><td class="num">(\d+)</td><th scope="row"><a href="([^"]+)">([^<]+)</a>')
LINK = re.compile(r'<nav class="portal-pager"[^>]*>(.*?)</nav>', re.S)


def portal(n: int):
    return group_reports([sample_report(f"机关{i:05d}") for i in range(n)])


def rows(page) -> list[tuple[int, str, str]]:
    return [(int(num), url, name) for num, url, name in ROW.findall(page.body)]


@pytest.mark.parametrize("n, expected_pages", [
    (0, 1), (1, 1), (home.PAGE_SIZE, 1), (home.PAGE_SIZE + 1, 2), (home.PAGE_SIZE * 3, 3), (home.PAGE_SIZE * 3 + 7, 4),
])
def test_page_count(n, expected_pages):
    assert len(home.directory_pages(portal(n))) == expected_pages


def test_every_agency_once_in_name_order_numbered_continuously():
    p = portal(home.PAGE_SIZE * 2 + 37)
    listed = [r for page in home.directory_pages(p) for r in rows(page)]
    assert [name for _, _, name in listed] == [a.name for a in p.agencies]
    assert [num for num, _, _ in listed] == list(range(1, len(p.agencies) + 1))
    assert [name for _, _, name in listed] == sorted(name for _, _, name in listed)


def test_no_page_holds_more_than_a_page_of_agencies():
    pages = home.directory_pages(portal(home.PAGE_SIZE * 4 + 1))
    assert all(len(rows(page)) <= home.PAGE_SIZE for page in pages)
    assert len(rows(pages[-1])) == 1


def test_pager_links_resolve_to_the_other_directory_pages():
    pages = home.directory_pages(portal(home.PAGE_SIZE * 3 + 1))
    dirs = {page.url_dir for page in pages}
    for page in pages:
        pager = LINK.findall(page.body)
        assert pager, page.url_dir  # top and bottom
        targets = {posixpath.normpath(posixpath.join(page.url_dir, href)) for href in
                   re.findall(r'href="([^"]+)"', pager[0])}
        assert targets == dirs - {page.url_dir}, page.url_dir
    for number, page in enumerate(pages, start=1):
        assert f'<span aria-current="page">{number}</span>' in LINK.findall(page.body)[0]


def test_agency_links_resolve_from_every_page_depth():
    p = portal(home.PAGE_SIZE + 1)
    first, second = home.directory_pages(p)
    for page in (first, second):
        for _, url, _ in rows(page):
            assert posixpath.normpath(posixpath.join(page.url_dir, url)).startswith("agencies/机关")


def test_a_single_page_has_no_pager():
    (page,) = home.directory_pages(portal(3))
    assert not LINK.findall(page.body)


def test_directory_page_size_does_not_grow_with_the_number_of_agencies():
    """Page 1 at 10x the agencies holds the same rows; only the pager's page numbers are added."""
    small = home.directory_pages(portal(home.PAGE_SIZE * 2))[0].body
    large = home.directory_pages(portal(home.PAGE_SIZE * 20))[0].body
    assert len(rows(home.directory_pages(portal(home.PAGE_SIZE * 20))[0])) == home.PAGE_SIZE
    assert len(large) - len(small) < 0.1 * len(small)


def test_home_page_does_not_list_agencies():
    p = portal(home.PAGE_SIZE + 5)
    body = home.home_page(p).body
    assert sum(a.name in body for a in p.agencies) == 0
