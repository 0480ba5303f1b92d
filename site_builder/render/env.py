"""The Jinja environment and the generated page: front matter + escaped HTML blocks.

Every generated page is a Markdown file whose body is raw HTML blocks (escaped
by Jinja's autoescape) between Markdown headings of fixed text, so the table of
contents and search see the headings while untrusted text never reaches the
Markdown parser as Markdown. Pages live at `<dir>/index.md`, so each page's
depth, and so its relative link to the site root, is known here.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from site_builder.render import fmt

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Page:
    url_dir: str  # "" for the home page, "stats", "agencies/<slug>", …
    title: str
    body: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def src_path(self) -> str:
        return f"{self.url_dir}/index.md" if self.url_dir else "index.md"

    def markdown(self) -> str:
        # JSON strings are valid YAML scalars: a title holding ': # " or a newline stays one string.
        # The left sidebar is hidden everywhere: the tabs are the navigation, and tables need the width.
        # Material prints meta.title and meta.description into <title>, the header and a <meta>
        # attribute without escaping them, so they are stored HTML-escaped (entities display as text).
        meta = {"hide": ["navigation"], **self.meta}
        if isinstance(meta.get("description"), str):
            meta["description"] = html.escape(meta["description"], quote=True)
        lines = ["---", f"title: {json.dumps(html.escape(self.title, quote=True), ensure_ascii=False)}"]
        lines += [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()]
        lines += ["---", "", self.body.strip(), ""]
        return "\n".join(lines)


def root_of(url_dir: str) -> str:
    """Relative path from a page to the site root ("" at the root)."""
    return "../" * (url_dir.count("/") + 1) if url_dir else ""


_BLANK_LINES = re.compile(r"\n\s*\n")


def html_block(text: str) -> str:
    """One raw HTML block: no blank line inside, so Markdown keeps it whole."""
    squeezed = _BLANK_LINES.sub("\n", str(text).strip())
    # Already-escaped HTML (Markup) stays Markup, so autoescape does not escape it twice.
    return Markup(squeezed) if isinstance(text, Markup) else squeezed


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
                             # Markdown's heading ids {#id} must not open a Jinja comment.
                             comment_start_string="{##", comment_end_string="##}")
    env.filters.update(number=fmt.number, percent=fmt.percent, megabytes=fmt.megabytes, paragraphs=fmt.paragraphs,
                       script_json=fmt.script_json,
                       html_block=html_block)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
