"""开放数据: the downloads and the field dictionary, generated from the contract."""
from __future__ import annotations

from site_builder import contract as c
from site_builder.render.env import Page, render
from site_builder.render.exports import META_COLUMNS
from site_builder.render.model import Portal

META_HELP = {
    "agency": "机关名称，与报告标题中的写法一致",
    "year": "报告年度（整数）",
    "source": "输入文件相对于内容目录上一级的路径",
    "title": "报告标题",
    "failed_rules": "未通过的勾稽规则编号，空格分隔；空表示全部通过",
    "inferred_cells": "按勾稽关系推算出的单元格路径，空格分隔",
}

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
                  example=example, reports=len(portal.reports), rules=c.RULES)
    return Page("data", "开放数据", body)
