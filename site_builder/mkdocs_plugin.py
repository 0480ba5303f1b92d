"""MkDocs hooks (registered in mkdocs.yml under `hooks:`): the site's pages come from build.generate.

MkDocs' docs_dir is the content folder, so `mkdocs serve` watches the reports
and rebuilds on every edit. The raw content files are not pages: on_files
replaces them with the generated pages, data and assets, and serves each
report's own file under sources/ for the "source file" link.
Hooks appear in MkDocs' event order.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from site_builder.build import default_generated_dir, generate

log = logging.getLogger("mkdocs.plugins.portal")


def _generated_dir(config: MkDocsConfig) -> Path:
    configured = config.extra.get("portal_generated_dir")
    if configured:
        return Path(configured)
    # `mkdocs build` / `serve` from the repo root: build/docs beside mkdocs.yml.
    return default_generated_dir(Path(config.config_file_path).parent / "site")


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    content_dir = Path(config.docs_dir)
    result = generate(content_dir, _generated_dir(config))
    config.extra["portal_build_report"] = result.lines()
    docs = str(content_dir.resolve())
    # Theme files (Material's CSS/JS) stay; every file read from content/ is replaced.
    kept = [f for f in files if not os.path.abspath(f.abs_src_path or "").startswith(docs + os.sep)]
    out = Files(kept)
    root = result.docs_dir
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")):
        out.append(File(path.relative_to(root).as_posix(), str(root), config.site_dir, config.use_directory_urls))
    for path, url in result.sources:
        out.append(File(path.relative_to(content_dir.resolve()).as_posix(), docs, config.site_dir,
                        config.use_directory_urls, dest_uri=url))
    log.info("generated %d pages for %d agencies", result.pages, result.report.agencies)
    return out


def on_post_build(*, config: MkDocsConfig) -> None:
    for line in config.extra.get("portal_build_report") or []:
        log.info(line)
