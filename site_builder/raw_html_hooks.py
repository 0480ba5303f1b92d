"""MkDocs hooks (mkdocs.yml `hooks:`): the generated pages' raw HTML blocks skip Python-Markdown.

A generated page is Markdown headings between raw HTML blocks (render/env.py:
each block starts with a tag and holds no blank line). Markdown copies such a
block unchanged, but only after feeding every tag through its HTML parser: an
agency page has about a thousand tags, which made Markdown the largest part of
the build (about 13 ms a page, 10x the rest of the page's MkDocs work).

So before Markdown runs, each block that starts with a block-level tag is set
aside and replaced by a placeholder paragraph; after Markdown, the placeholder
is replaced by the block, byte for byte. Headings, their ids and the table of
contents still come from Markdown. The placeholder holds a random key made per
build, so no report text can forge one.
"""
from __future__ import annotations

import re
import secrets

from markdown.util import BLOCK_LEVEL_ELEMENTS

_KEY = secrets.token_hex(8)
_PLACEHOLDER = re.compile(rf"<p>portalraw{_KEY}x(\d+)</p>")
_BLOCK_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>/]")
_BLANK = re.compile(r"\n[ \t]*\n")
_stash: dict[str, list[str]] = {}  # page src_uri -> its blocks, from on_page_markdown to on_page_content


def split_blocks(markdown: str) -> tuple[str, list[str]]:
    """(Markdown with placeholders, the raw HTML blocks they stand for)."""
    blocks: list[str] = []
    out = []
    for chunk in _BLANK.split(markdown):
        stripped = chunk.strip()
        m = _BLOCK_START.match(stripped)
        if m and m.group(1).lower() in BLOCK_LEVEL_ELEMENTS and not chunk.startswith((" " * 4, "\t")):
            out.append(f"portalraw{_KEY}x{len(blocks)}")
            blocks.append(stripped + "\n")  # Markdown ends a raw block with a blank line
        else:
            out.append(chunk)
    return "\n\n".join(out), blocks


def join_blocks(html: str, blocks: list[str]) -> str:
    # Markdown strips its output, so a block that ends the page loses its blank line there too.
    return _PLACEHOLDER.sub(lambda m: blocks[int(m.group(1))], html).strip()


def on_page_markdown(markdown: str, *, page, config, files) -> str:
    text, blocks = split_blocks(markdown)
    _stash[page.file.src_uri] = blocks
    return text


def on_page_content(html: str, *, page, config, files) -> str:
    return join_blocks(html, _stash.pop(page.file.src_uri, []))
