"""The crawl state: saved whole or not at all, read back the same, refused when damaged."""
from __future__ import annotations

import pytest

from site_builder.crawl.state import State, StateError


def test_state_round_trip_and_done_items(tmp_path):
    state = State.load(tmp_path)
    assert state.urls == {} and state.crawl is None
    state.add_version("https://a.gov.cn/1.htm", "ab" * 32, "reports/1.htm")
    state.urls["https://a.gov.cn/2.htm"] = {"error": "HTTP 404"}
    state.urls["https://a.gov.cn/3.htm"] = {"kind": "page", "attachments": ["https://a.gov.cn/3.pdf"]}
    state.crawl = {"pending": [{"kind": "item", "url": "https://a.gov.cn/4.htm"}]}
    state.save()
    again = State.load(tmp_path)
    assert again.urls == state.urls and again.crawl == state.crawl
    assert again.is_done("https://a.gov.cn/1.htm")
    assert not again.is_done("https://a.gov.cn/2.htm")  # failed last time: tried again
    assert not again.is_done("https://a.gov.cn/3.htm")  # its attachment is not saved yet
    again.add_version("https://a.gov.cn/3.pdf", "cd" * 32, "reports/3.pdf")
    assert again.is_done("https://a.gov.cn/3.htm")
    assert again.file_with("cd" * 32) == ("https://a.gov.cn/3.pdf", "reports/3.pdf")
    assert [p.name for p in (tmp_path / ".crawl").iterdir()] == ["state.json"]  # no temporary left


def test_damaged_state_is_refused(tmp_path):
    (tmp_path / ".crawl").mkdir()
    (tmp_path / ".crawl" / "state.json").write_text("{half", encoding="utf-8")
    with pytest.raises(StateError, match="cannot be read"):
        State.load(tmp_path)
