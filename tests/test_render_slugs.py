"""Agency names to file names: safe, unique, stable."""
from __future__ import annotations

import re

import pytest

from site_builder.slugs import slugify, unique_slugs

SAFE = re.compile(r"^[0-9a-z\u3400-\u4dbf\u4e00-\u9fff-]+$")


@pytest.mark.parametrize("name", [
    "凤泉区人民政府办公室", "../../etc/passwd", "a/b\\c:d*e?f\"g<h>i|j", "CON", "   ", "",
    "<script>alert(1)</script>", "名" * 500, "\x00\x1f控制字符", "ｆｕｌｌｗｉｄｔｈ机关",
])
def test_slug_is_a_safe_short_file_name(name):
    slug = slugify(name)
    assert SAFE.match(slug), slug
    assert 0 < len(slug) <= 60
    assert slug not in (".", "..")


def test_slug_is_stable_and_keeps_the_readable_name():
    assert slugify("凤泉区人民政府办公室") == slugify("凤泉区人民政府办公室")
    assert slugify("凤泉区人民政府办公室").startswith("凤泉区人民政府办公室-")


def test_names_that_differ_only_in_punctuation_get_different_slugs():
    names = ["某局/办公室", "某局\\办公室", "某局:办公室", "某局办公室", "某局 办公室"]
    slugs = unique_slugs(names)
    assert len(set(slugs.values())) == len(names)


def test_unique_slugs_settles_collisions_whatever_the_input_order(monkeypatch):
    import site_builder.slugs as s

    monkeypatch.setattr(s, "name_hash", lambda name: "0000000000")
    names = ["甲/乙", "甲乙", "甲:乙"]
    first = s.unique_slugs(names)
    assert len(set(first.values())) == 3
    assert s.unique_slugs(list(reversed(names))) == first
