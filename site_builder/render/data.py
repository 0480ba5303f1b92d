"""开放数据: the downloads and the field dictionary, generated from the contract."""
from __future__ import annotations

from site_builder import contract as c
from site_builder.render.env import Page, render
from site_builder.render.exports import META_COLUMNS, META_HELP, REPORTS_JSON_MAX
from site_builder.model import Portal


TABLE_NAMES = {"active": "表二 主动公开政府信息情况", "applications": "表三 收到和处理政府信息公开申请情况",
               "appeals": "表四 政府信息公开行政复议、行政诉讼情况"}


def field_rows() -> list[dict]:
    rows = []
    for path in c.cell_paths():
        kind = "小数（万元）" if path.endswith("amount_wan_yuan") else "整数"
        rows.append({"path": path, "table": TABLE_NAMES[path.split(".")[0]], "label": c.cell_label(path),
                     "kind": kind, "subtotal": path.split(".")[1] in c.SUBTOTAL_KEYS})
    return rows


def data_page(portal: Portal) -> Page:
    example = portal.agencies[0] if portal.agencies else None
    body = render("data.md.j2", root="../", meta=[(k, META_HELP[k]) for k in META_COLUMNS], fields=field_rows(),
                  example=example, reports=len(portal.reports), rules=c.RULES,
                  single_file=len(portal.reports) <= REPORTS_JSON_MAX)
    return Page("data", "开放数据", body)
