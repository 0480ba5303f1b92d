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
    "published": "发布日期（YYYY-MM-DD），取自网页自带的发布时间；网页未写明时为空（不用文件的创建日期推测）",
    "url": "报告原文的网址，取自网页自带的原文链接或元数据；未写明时为空",
    "publisher": "网页写明的发布机构或来源；未写明时为空",
    "active_template": "表二的格式：2021（国办公开办函〔2021〕30号）或 2019（旧版，仅“本年新制作数量”“处理决定数量”两列计入现行字段，其余各行各列见 JSON 的 active.extra）",
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
