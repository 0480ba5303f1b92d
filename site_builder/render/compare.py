"""对比: pick two to five agencies and years; drawn in the browser from the published JSON.

The page itself is a shell: the agency list comes from data/index.json and
each agency's figures from data/agencies/<slug>.json, so the page does not grow
with the number of agencies. The selection lives in the URL (?a=<slug>@<year>).
"""
from __future__ import annotations

from site_builder.render.env import Page, render
from site_builder.render.exports import SUMMARY_KEYS
from site_builder.model import KEY_FIGURE_LABELS, Portal

MAX_SELECTED = 5

COMPARE_ROWS = [{"key": k, "label": KEY_FIGURE_LABELS[k], "type": "pct" if k.endswith(("rate", "share")) else "num"}
                for k in SUMMARY_KEYS]


def compare_page(portal: Portal) -> Page:
    example = ""
    if len(portal.agencies) >= 2:
        a, b = portal.agencies[:2]
        example = f"?a={a.slug}@{a.years[-1]}&a={b.slug}@{b.years[-1]}"
    body = render("compare.md.j2", root="../", rows=COMPARE_ROWS, max_selected=MAX_SELECTED, example=example)
    return Page("compare", "机关对比", body, {"search": {"exclude": True}})
