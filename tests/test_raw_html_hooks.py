"""The raw-HTML shortcut gives byte for byte the HTML Markdown gives, on every generated page."""
from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest
import yaml

from site_builder import build, raw_html_hooks

REPO = Path(__file__).resolve().parent.parent


def markdown_extensions() -> list:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV and friends
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names, configs = [], {}
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict):
            (name, options), = ext.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(ext)
    return [names, configs]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[Path]:
    root = tmp_path_factory.mktemp("rawhtml")
    shutil.copytree(REPO / "content" / "reports", root / "content" / "reports")
    result = build.generate(root / "content", root / "docs")
    pages = sorted(result.docs_dir.rglob("*.md"))
    assert len(pages) > 10
    return pages


def convert(text: str) -> str:
    names, configs = markdown_extensions()
    return markdown.Markdown(extensions=names, extension_configs=configs).convert(text)


def test_every_generated_page_renders_the_same(generated):
    for path in generated:
        text = path.read_text(encoding="utf-8").split("---", 2)[2]
        replaced, blocks = raw_html_hooks.split_blocks(text)
        assert raw_html_hooks.join_blocks(convert(replaced), blocks) == convert(text), path


def test_blocks_are_set_aside_but_headings_and_prose_are_not():
    text = "## 一、总体情况 {#overview}\n\n<div class=\"x\">\n<p>a &amp; b</p>\n</div>\n\nplain *text*\n\n<span>inline</span>"
    replaced, blocks = raw_html_hooks.split_blocks(text)
    assert [b.strip() for b in blocks] == ['<div class="x">\n<p>a &amp; b</p>\n</div>']
    assert "## 一、总体情况 {#overview}" in replaced and "plain *text*" in replaced
    assert "<span>inline</span>" in replaced  # not a block-level tag: Markdown wraps it, as before


def test_a_forged_placeholder_in_report_text_stays_text():
    forged = "<p>portalraw0000x0</p>"
    html = raw_html_hooks.join_blocks(forged, ["<script>bad()</script>"])
    assert html == forged
