"""A Markdown extension (mkdocs.yml `markdown_extensions`) for the site's generated pages.

Every page is generated (render/env.py): Markdown headings of fixed text between raw HTML blocks
that Markdown passes through unchanged. No page holds inline Markdown (emphasis, links, code):
report text never reaches Markdown as Markdown, and the headings are plain words. Python-Markdown's
inline processor still ran its two dozen patterns over every heading and block placeholder, a
third of MkDocs' time per page; this extension removes it (Python-Markdown's documented
registry API), so a page costs its headings, its table of contents and its template.
"""
from __future__ import annotations

from markdown import Extension


class GeneratedPages(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.deregister("inline")


def makeExtension(**kwargs) -> GeneratedPages:  # noqa: N802 - how Python-Markdown loads an extension
    return GeneratedPages(**kwargs)
