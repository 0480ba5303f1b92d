"""MkDocs hooks (mkdocs.yml `hooks:`) that put Pagefind behind Material's search box.

Kept apart from mkdocs_plugin.py: the page generation does not depend on which
search engine the site uses. See search_index.py for why Pagefind.
Hooks appear in MkDocs' event order.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from site_builder import progress, search_index

log = logging.getLogger("mkdocs.plugins.portal")


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files) -> str:
    # Material's search plugin stays on for its search box, but indexes nothing: parsing every
    # page and segmenting it with jieba cost more than the rest of the build, and its single
    # index file grows with the archive. Pagefind indexes the built site instead.
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


def on_post_build(*, config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    with progress.current().stage("search", label="搜索索引（Pagefind）") as stage:
        try:
            summary = search_index.run_pagefind(site_dir, stage)
            search_index.install_worker(site_dir)
        except search_index.SearchIndexError as exc:
            raise PluginError(str(exc)) from exc
        stage.note(summary[:80])
    log.info("search index: %s", summary)
