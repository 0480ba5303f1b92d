"""The printed form shared by every layout: labels in their printed variants, table 3 as
rows of up to three label cells, numbers as printed, titles and headings.

Labels start from `site_builder.contract` and are restyled the ways real reports print
them: (一) or （一）, "1." or "1. ", “” or "".
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass

from site_builder import contract

FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
NULL_TOKENS = ("/", "—", "-", "无", "／")
PARTS = {"overview": "一、总体情况", "active": "二、主动公开政府信息情况",
         "applications": "三、收到和处理政府信息公开申请情况",
         "appeals": "四、政府信息公开行政复议、行政诉讼情况",
         "problems": "五、存在的主要问题及改进情况", "other": "六、其他需要报告的事项"}
C1_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
OUTCOMES = "三、本年度办理结果"
ARTICLE = {"regulations": "（一）", "licensing": "（五）", "punishment": "（六）", "fees": "（八）"}
COLUMN_HEADS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
APPEAL_HEADS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


@dataclass(frozen=True)
class Style:
    full_paren: bool  # （一） instead of (一)
    dot: str  # "1." "1. " or "1．"
    ascii_quotes: bool
    thousands: bool = False  # 1,234
    fullwidth: bool = False  # ０１２
    null: str = "/"

    @classmethod
    def random(cls, rng: random.Random, fancy_numbers: bool = False) -> Style:
        return cls(rng.random() < 0.5, rng.choice(("1.", "1.", "1. ", "1．")), rng.random() < 0.2,
                   fancy_numbers and rng.random() < 0.4, fancy_numbers and rng.random() < 0.3,
                   rng.choice(NULL_TOKENS))

    def label(self, text: str) -> str:
        if self.full_paren:
            text = re.sub(r"^\((\S)\) ?", r"（\1）", text)
        text = re.sub(r"^(\d)\.", lambda m: self.dot.replace("1", m.group(1)), text)
        if self.ascii_quotes:
            text = text.replace("“", '"').replace("”", '"')
        return text

    def number(self, value: int | float | None) -> str:
        if value is None:
            return self.null
        if isinstance(value, float):
            out = f"{value:,.2f}" if self.thousands else f"{value:.2f}"
            out = out.rstrip("0").rstrip(".") if "." in out and value != 0 else out
        else:
            out = f"{value:,}" if self.thousands else str(value)
        return out.translate(FULLWIDTH) if self.fullwidth else out


@dataclass(frozen=True)
class FormRow:
    """One row of table 3 as the official form lays it out: up to three label cells, then numbers."""

    key: str
    c0: str  # 一、… / 三、本年度办理结果 (on the first outcome row only)
    c1: str  # (一) 予以公开 / group label (on the group's first row only)
    c2: str  # item label 1.属于国家秘密
    values: tuple[int | None, ...]  # printed columns only
    subtotal: bool = False

    @property
    def label(self) -> str:
        return self.c2 or self.c1 or self.c0


def columns(report: dict) -> tuple[str, ...]:
    """The applicant columns this report prints: 其他 is left out when every cell of it is null."""
    rows = report["applications"]
    missing = all(rows[k]["other_org"] is None for k in contract.APPLICATION_ROW_KEYS)
    return tuple(c for c in contract.COLUMN_KEYS if not (missing and c == "other_org"))


def column_heads(report: dict) -> tuple[str, ...]:
    return tuple(h for c, h in zip(contract.COLUMN_KEYS, COLUMN_HEADS) if c in columns(report))


def printed_subtotals(report: dict) -> bool:
    return any(report["applications"][k]["total"] is not None for k in contract.SUBTOTAL_KEYS)


def table3_rows(report: dict, style: Style, rng: random.Random | None = None) -> list[FormRow]:
    """Table 3 in printed order; subtotal rows (when printed) go before their items or, as in
    seed 003, among them (a PDF places the merged group cell at its vertical middle)."""
    apps, cols = report["applications"], columns(report)
    subtotals = printed_subtotals(report)
    by_key = {r.key: r for r in contract.APPLICATION_ROWS}
    out: list[FormRow] = []
    for key in ("new_received", "carried_over", "granted", "partially_granted"):
        c0 = by_key[key].label if key in ("new_received", "carried_over") else ""
        c0 = OUTCOMES if key == "granted" else c0
        c1 = "" if c0 and key != "granted" else style.label(by_key[key].label)
        out.append(FormRow(key, style.label(c0), c1, "", tuple(apps[key][c] for c in cols)))
    for group, items in contract.GROUP_ITEMS.items():
        glabel = style.label(contract.GROUP_LABELS[group])
        rows = [FormRow(k, "", "", style.label(by_key[k].label), tuple(apps[k][c] for c in cols)) for k in items]
        if subtotals:
            sub = contract.GROUP_SUBTOTAL[group]
            at = rng.randint(0, len(rows) // 2) if rng else 0
            rows.insert(at, FormRow(sub, "", glabel, "", tuple(apps[sub][c] for c in cols), subtotal=True))
        else:
            first = rows[0]
            rows[0] = FormRow(first.key, "", glabel, first.c2, first.values)
        out += rows
    for key in ("total_processed", "carried_forward"):
        label = style.label(by_key[key].label)
        out.append(FormRow(key, label if key == "carried_forward" else "", "" if key == "carried_forward" else label,
                           "", tuple(apps[key][c] for c in cols)))
    return out


def active_blocks(report: dict) -> list[tuple[str, tuple[str, ...], list[tuple[str, tuple]]]]:
    """Table 2 as its four printed blocks: (第二十条第（x）项, field heads, [(row label, values)])."""
    active, blocks = report["active"], []
    groups = (("regulations", ("regulations", "normative_documents")), ("licensing", ("licensing",)),
              ("punishment", ("punishment", "enforcement")), ("fees", ("fees",)))
    labels = {r.key: r.label for r in contract.ACTIVE_ROWS}
    for first, keys in groups:
        heads = tuple(h for _, h in contract.ACTIVE_FIELDS[first])
        if first == "fees":
            heads = ("本年收费金额（单位：万元）",)
        rows = [(labels[k], tuple(active[k][f] for f, _ in contract.ACTIVE_FIELDS[k])) for k in keys]
        blocks.append((f"第二十条第{ARTICLE[first]}项", heads, rows))
    return blocks


def appeal_values(report: dict) -> tuple[int, ...]:
    return tuple(report["appeals"][g][f] for g, _ in contract.APPEAL_GROUPS for f, _ in contract.APPEAL_FIELDS)


def title_variants(report: dict, rng: random.Random) -> str:
    agency, year = report["agency"], report["year"]
    return rng.choice((
        f"{agency}{year}年政府信息公开工作年度报告",
        f"{agency}{year}年政府信息公开工作年度报告",
        f"{agency} {year} 年政府信息公开工作年度报告",
        f"{agency}{year}年度政府信息公开工作年度报告",
        f"{agency} {year} 年政府信息公开工作 年度报告",
    ))


def archive_lines(report: dict, title: str, rng: random.Random) -> list[str]:
    """The header lines of a report saved from an archive or a crawler."""
    colon = rng.choice((": ", "：", ":"))
    date = f"{report['year'] + 1}-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}"
    lines = [f"标题{colon}{title}", f"发布日期{colon}{date}"]
    if rng.random() < 0.5:
        lines.append(f"发布机构{colon}{report['agency']}")
    return lines


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]
