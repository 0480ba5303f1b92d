"""MkDocs hooks (registered in mkdocs.yml under `hooks:`): the site's pages come from build.generate.

MkDocs' docs_dir is the content folder, so `mkdocs serve` watches the reports
and rebuilds on every edit. The raw content files are not pages: on_files
replaces them with the generated pages, data and assets, and serves each
report's own file under sources/ for the "source file" link (those the size
budget leaves room for). The page generation itself is build.generate, which
writes files and knows nothing of MkDocs; these hooks only hand its output over.
Hooks appear in MkDocs' event order.
"""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from site_builder import progress
from site_builder.build import default_generated_dir, generate
from site_builder.render.sources import DEFAULT_BUDGET

log = logging.getLogger("mkdocs.plugins.portal")
_ENGINE_STAGE = "portal_engine_stage"


def _generated_dir(config: MkDocsConfig) -> Path:
    configured = config.extra.get("portal_generated_dir")
    if configured:
        return Path(configured)
    # `mkdocs build` / `serve` from the repo root: build/docs beside mkdocs.yml.
    return default_generated_dir(Path(config.config_file_path).parent / "site")


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    content_dir = Path(config.docs_dir)
    result = generate(content_dir, _generated_dir(config), config.extra.get("portal_budget") or DEFAULT_BUDGET)
    config.extra["portal_generated"] = result
    docs = str(content_dir.resolve())
    # Theme files (Material's CSS/JS) stay; every file read from content/ is replaced.
    kept = [f for f in files if not os.path.abspath(f.abs_src_path or "").startswith(docs + os.sep)]
    out = Files(kept)
    root = result.docs_dir
    for dirpath, dirnames, names in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel_dir = os.path.relpath(dirpath, root)
        for name in names:
            if not name.startswith("."):
                rel = name if rel_dir == "." else f"{rel_dir}/{name}"
                out.append(File(rel.replace(os.sep, "/"), str(root), config.site_dir, config.use_directory_urls))
    for source in result.sources.served:
        out.append(File(source.rel, docs, config.site_dir, config.use_directory_urls, dest_uri=source.site_path))
    log.info("generated %d pages for %d agencies", result.pages, len(result.model.portal.agencies))
    # Counted as MkDocs will render them: every Markdown page of the folder, not the build's estimate.
    pages = sum(1 for f in out if f.is_documentation_page())
    config.extra[_ENGINE_STAGE] = progress.current().start("mkdocs", total=pages, label="MkDocs 生成网页")
    return out


# The theme's templates indent their markup: between two tags, a line break and the indentation
# after it (a sixth of an agency page). One line break is kept, so inline layout is unchanged; the
# site's pages hold no <pre> or <textarea> whose text this would touch.
_INDENT = re.compile(r">\n\s+<")


def on_post_page(output: str, *, page, config: MkDocsConfig) -> str:
    stage = config.extra.get(_ENGINE_STAGE)
    if stage is not None:
        stage.advance()
    return _INDENT.sub(">\n<", output)


def on_post_build(*, config: MkDocsConfig) -> None:
    # Runs before search_hooks' on_post_build (mkdocs.yml lists this module first): the engine's
    # stage ends here and the search index gets a stage of its own.
    stage = config.extra.pop(_ENGINE_STAGE, None)
    if stage is not None:
        progress.current().finish(stage)
    result = config.extra.get("portal_generated")
    for line in result.lines() if result else []:
        log.info(line)
