"""The two layouts a government portal's crawl gives (the real pt-* files of the shared corpus).

- "flat_page": a crawler's text of the article page: its header lines (标题:, 发布时间:,
  原文链接: … ===== 正文 =====), then the whole report on ONE line: headings, prose, table
  labels and values glued. A row's cells run together (`0000000`), are space-separated or
  partly spaced (`20 0 0 0 02` is 2 0 0 0 0 0 2); the next row's item number is glued to the
  digits (`…1400000142.没有现成…`); a value may run into the next sentence
  (`行政事业性收费02025年，我局…`); page furniture before and after (breadcrumbs, 抄送…印发).
- "portal_html": the article element of the same page, fed from Word: every cell a
  <p style="text-indent: 2em;">, column heads broken into one <p> per line or per character
  (vertical labels), <br/> inside labels, &nbsp; beside a value or alone in a blank cell,
  sometimes MsoNormal paragraphs.

A row's digits are run together or partly spaced only when the row's own rule (C2 for table
3, C5 for table 4; none for table 2) leaves one reading; otherwise the row is printed
space-separated, so such a page comes back whole. A quarter of the pages ("as found") skip
that care, as real pages do: there the column rules may settle a row, or nothing does and
the parser must leave its cells null with a check. `printed`, when given, receives each
row's printed values so a test can work out which cells the text determines.
"""
from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from html import escape

from site_builder import contract
from site_builder.synth import active_2019, form
from site_builder.synth.form import Style

# ---- readings of a printed row (what "recoverable" means) ---------------------------


def _cuts(token: str, k: int) -> Iterator[tuple[int, ...]]:
    """Every way to cut one digit token into k numbers written without leading zeros."""
    if k == 1:
        if token == "0" or (token and token[0] != "0"):
            yield (int(token),)
        return
    for end in range(1, len(token) - k + 2):
        head = token[:end]
        if head != "0" and head[0] == "0":
            break
        for rest in _cuts(token[end:], k - 1):
            yield (int(head), *rest)


def readings(printed: str, k: int) -> Iterator[tuple[int, ...]]:
    """Every reading of a printed run as k numbers: a space always ends a number."""
    tokens = printed.split()

    def walk(i: int, left: int) -> Iterator[tuple[int, ...]]:
        if i == len(tokens):
            if left == 0:
                yield ()
            return
        rest_min = len(tokens) - i - 1
        for j in range(1, min(len(tokens[i]), left - rest_min) + 1):
            for head in _cuts(tokens[i], j):
                for tail in walk(i + 1, left - j):
                    yield (*head, *tail)

    return walk(0, k)


def unique(printed: str, k: int, rule: Callable[[tuple[int, ...]], bool]) -> bool:
    found = 0
    for reading in readings(printed, k):
        if rule(reading):
            found += 1
            if found > 1:
                return False
    return found == 1


def _sum_rule(width: int) -> Callable[[tuple[int, ...]], bool]:
    """Each group of `width` cells ends with the sum of the others (C2 with 7, C5 with 5)."""
    def rule(r: tuple[int, ...]) -> bool:
        return all(sum(r[i:i + width - 1]) == r[i + width - 1] for i in range(0, len(r), width))
    return rule


def _any(_: tuple[int, ...]) -> bool:
    return True


def spaced_values(values: tuple, rng: random.Random, mode: str, rule=_any) -> str:
    """A row's values as the page prints them: run together, spaced or partly spaced, falling
    back to spaced when the chosen printing would have more than one reading under `rule`
    (rule None: no fallback)."""
    nums = [str(v) for v in values]
    if mode == "run":
        out = "".join(nums)
    elif mode == "partial":
        out = nums[0] + "".join((" " if rng.random() < 0.5 else "") + n for n in nums[1:])
    else:
        return " ".join(nums)
    if len(nums) == 1 or any(not isinstance(v, int) for v in values):
        return " ".join(nums) if len(nums) > 1 else out
    return out if rule is None or unique(out, len(nums), rule) else " ".join(nums)


# ---- flat_page ----------------------------------------------------------------------

_DOMAINS = ("www.pingtan.gov.cn", "www.fuzhou.gov.cn", "www.xm.gov.cn", "www.quanzhou.gov.cn")


def flat_page(report: dict, rng: random.Random, style: Style, printed: dict | None = None) -> str:
    printed = {} if printed is None else printed
    agency, year = report["agency"], report["year"]
    title = rng.choice((f"{agency}{year}年政府信息公开工作年度报告", f"{agency}{year}年度政府信息公开工作年度报告"))
    month, day = rng.randint(1, 3), rng.randint(1, 28)
    date = f"{year + 1}-{month:02d}-{day:02d}"
    ident = rng.randint(10000, 120000)
    path = f"zwgk/zfxxgk/bm/{rng.choice(('ptzhsyqbm', 'qxbm', 'zsbm'))}/zfxxgknb/{year + 1}{month:02d}"
    header = [f"标题: {title}", f"发布时间: {date} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}", "文号: ",
              f"发布机构: {agency if rng.random() < 0.5 else ''}", "栏目: 政府信息公开年报",
              f"原文链接: https://{rng.choice(_DOMAINS)}/{path}/t{date.replace('-', '')}_{ident}.htm",
              f"本地目录: {path}/{ident}_{title}", "页面链接与图片详见 links.tsv(同目录)",
              "==================== 正文 ===================="]
    mode = rng.choice(("run", "run", "spaced", "partial", "mixed"))
    careful = rng.random() >= 0.25
    row_mode = (lambda: rng.choice(("run", "spaced", "partial"))) if mode == "mixed" else (lambda: mode)
    glue = lambda: rng.choice(("", "", "", " "))  # noqa: E731  between pieces of the one line
    pieces: list[str] = []
    if rng.random() < 0.4:
        pieces.append(f"当前位置： 首页政务公开政府信息公开{agency}政府信息公开年报 {title} 来源： 时间：{date} "
                      f"{rng.randint(8, 17)}:{rng.randint(10, 59)} --> 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： ")
    pieces += _flat_prose(report, "overview")
    if report.get("active_template") == "2019":
        pieces += _flat_table2_2019(report, rng, row_mode, careful, printed)
    else:
        pieces += _flat_table2(report, rng, row_mode, careful, printed)
    pieces += _flat_table3(report, rng, style, row_mode, careful, printed)
    pieces += _flat_table4(report, rng, row_mode, careful, printed)
    pieces += _flat_prose(report, "problems") + _flat_prose(report, "other")
    sign = f" {agency} {year + 1}年{month}月{day}日"
    tail = rng.choice(("", sign, sign + f" 抄送：驻{agency}纪检监察组。 {agency}办公室 {year + 1}年{month}月{day}日印发 附件下载",
                       sign + " 扫一扫在手机上查看当前页面"))
    return "\n".join(header) + "\n" + "".join(p + glue() for p in pieces).rstrip() + tail + "\n"


def _flat_prose(report: dict, key: str) -> list[str]:
    return [form.PARTS[key], "".join(form.paragraphs(report["sections"][key]))]


def _flat_table2(report: dict, rng: random.Random, row_mode, careful: bool, printed: dict) -> list[str]:
    pieces = [form.PARTS["active"]]
    short_normative = rng.random() < 0.3  # 规范性文件 for 行政规范性文件
    keys = iter(("regulations", "normative_documents", "licensing", "punishment", "enforcement", "fees"))
    for article, heads, rows in form.active_blocks(report):
        heads = tuple(_head_variant(h, rng) for h in heads)
        pieces.append(article + "信息内容" + rng.choice(("", " ")).join(heads))
        for label, values in rows:
            label = "规范性文件" if short_normative and label == "行政规范性文件" else label
            printed[f"active.{next(keys)}"] = out = spaced_values(values, rng, row_mode(), _any if careful else None)
            pieces.append(label + out)
    fee = report["active"]["fees"]["amount_wan_yuan"]
    if isinstance(fee, int) and rng.random() < 0.3:  # the value runs into the next sentence
        pieces[-1] += f"{report['year']}年，我局严格按照《条例》规定的主动公开范围，主动公开政府信息{rng.randint(20, 900)}条。"
    elif rng.random() < 0.2:
        pieces.append("(二)主动公开政府信息的主要类别" + f"{report['year']}年，在主动公开的{rng.randint(20, 300)}条政府信息中，"
                      "全文电子化的主动公开信息数共若干条。")
    return pieces


def _flat_table2_2019(report: dict, rng: random.Random, row_mode, careful: bool, printed: dict) -> list[str]:
    """The 2019 form's table 二 on one line: each block's article and column heads, then each
    row's cells run together, spaced or partly spaced (`行政许可1-10`, `政府集中采购6 251000元`);
    a careful page spaces a row whose printing has several readings."""
    pieces = [form.PARTS["active"]]
    for article, heads, rows in active_2019.blocks(report):
        pieces.append(article + "信息内容" + rng.choice(("", " ")).join(heads))
        for label, values in rows:
            cells = [active_2019.printed_value(h, v) for h, v in zip(heads, values)]
            mode = row_mode()
            out = "".join(cells) if mode == "run" else " ".join(cells) if mode == "spaced" else \
                cells[0] + "".join((" " if rng.random() < 0.5 else "") + cell for cell in cells[1:])
            if careful and len(active_2019.readings(out, heads)) != 1:
                out = " ".join(cells)
            printed[f"extra.{label}"] = out
            pieces.append(label + out)
    return pieces


def _head_variant(head: str, rng: random.Random) -> str:
    if head == "本年废止件数" and rng.random() < 0.15:
        return "本年废纸件数"
    if head == "现行有效件数" and rng.random() < 0.15:
        return "先行有效件数"
    return head


def _flat_table3(report: dict, rng: random.Random, style: Style, row_mode, careful: bool,
                 printed: dict) -> list[str]:
    note = form.C1_NOTE.replace("勾稽", "钩稽") if rng.random() < 0.2 else form.C1_NOTE
    heads = form.column_heads(report)
    sep = rng.choice(("", " "))
    pieces = [form.PARTS["applications"],
              sep.join([note, "申请人情况", "自然人", "法人或其他组织", "总计", *heads[1:-1]])]
    rule = _sum_rule(len(heads))
    for row in form.table3_rows(report, style):
        label = row.c0 + row.c1 + row.c2
        printed[f"applications.{row.key}"] = out = spaced_values(row.values, rng, row_mode(), rule if careful else None)
        pieces.append(label + rng.choice(("", "", " ")) + out)
    return pieces


def _flat_table4(report: dict, rng: random.Random, row_mode, careful: bool, printed: dict) -> list[str]:
    heading = form.PARTS["appeals"]
    if rng.random() < 0.15:
        heading = heading.replace("行政复议", "行政法复议", 1)
    heads = "".join(form.APPEAL_HEADS)
    values = spaced_values(form.appeal_values(report), rng, row_mode(), _sum_rule(5) if careful else None)
    printed["appeals"] = values
    return [heading, "行政复议行政诉讼" + heads + "未经复议直接起诉复议后起诉" + heads * 2 + rng.choice(("", " ")) + values]


# ---- portal_html --------------------------------------------------------------------


def portal_html(report: dict, rng: random.Random, style: Style) -> str:
    agency, year = report["agency"], report["year"]
    title = f"{agency} {year}年度政府信息公开工作年度报告" if rng.random() < 0.5 else f"{agency}{year}年政府信息公开工作年度报告"
    para = rng.choice(('<p style="text-indent: 2em;">{}</p>', '<p style="TEXT-ALIGN: left; TEXT-INDENT: 2em">　　{}</p>',
                       '<p class="MsoNormal" style="text-indent:32.0pt"><span style="font-family:仿宋_GB2312">{}</span></p>'))
    cell = _word_cell(rng)
    body: list[str] = []

    def prose(key: str) -> None:
        body.append(para.format(escape(form.PARTS[key])))
        body.extend(para.format(escape(p)) for p in form.paragraphs(report["sections"][key]))
        if rng.random() < 0.3:
            body.append(para.format("&nbsp;"))

    prose("overview")
    body.append(para.format(escape(form.PARTS["active"])))
    body.append(_table(_word_table2(report, style, cell)))
    body.append(para.format(("&nbsp;" if rng.random() < 0.3 else "") + escape(form.PARTS["applications"])))
    body.append(_table(_word_table3(report, style, cell, rng)))
    body.append(para.format(escape(form.PARTS["appeals"])))
    body.append(_table(_word_table4(report, style, cell, rng)))
    prose("problems")
    prose("other")
    date = f"{year + 1}-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}"
    return "".join([
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(title)}_政府信息公开年报_'
        f'{escape(agency)}</title></head><body><div class="article_component">\n',
        f'<div class="article_title_group"><div class="article_title text_align_center">\n{escape(title)}\n</div></div>\n',
        '<div class="article_extend"><span class="article_source">来源：<font></font></span>\n',
        f'<span class="article_time">时间：{date}</span>\n',
        '<span class="SLB_none"><i class="trt-iconfont"></i></span></div>\n',
        '<div class="article_content"><div class="TRS_Editor">', "\n".join(body), "</div></div>\n",
        '<div class="article_qr">扫一扫在手机上查看当前页面</div>' if rng.random() < 0.5 else "",
        "</div></body></html>\n",
    ])


def _word_cell(rng: random.Random):
    """A Word table cell: <p> paragraphs, &nbsp; beside values, vertical or broken labels."""
    p = rng.choice(('<p style="text-indent: 2em;">{}</p>', "<p>{}</p>",
                    '<p class="MsoNormal" align="center" style="text-align:center"><span style="font-family:宋体;'
                    'font-size:10.5pt">{}</span></p>'))
    td = rng.choice(('<td{} valign="center" style="border-width: 1px; border-style: solid; border-color: #000;">',
                     '<td{} style="BORDER-TOP: #000 1px solid; BORDER-RIGHT: #000 1px solid" valign="middle">'))
    nbsp_value = rng.random() < 0.4

    def cell(text: str, rowspan: int = 1, colspan: int = 1, value: bool = False, lines: list[str] | None = None) -> str:
        attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
        if value and text == "":
            inner = p.format("&nbsp;")  # a blank cell
        elif value and nbsp_value:
            inner = p.format(rng.choice(("{}&nbsp;", "&nbsp;{}", "{}")).format(escape(text)))
        else:
            inner = "".join(p.format(escape(part).replace("\n", "<br/>")) for part in (lines or [text]))
        return td.format(attrs) + inner + "</td>"

    return cell


def _word_number(value, style: Style) -> str:
    return "" if value is None else style.number(value)


def _vertical(label: str, rng: random.Random) -> list[str]:
    """How Word keeps a narrow column head: one paragraph per line or per character, or a <br/>."""
    kind = rng.random()
    if kind < 0.3:
        return list(label)
    if kind < 0.55 and len(label) >= 4:
        return [label[:2], label[2:]]
    if kind < 0.75 and len(label) >= 4:
        return [label[:2] + "\n" + label[2:3], label[3:]]
    return [label]


def _word_table2(report: dict, style: Style, cell) -> list[str]:
    trs = []
    for article, heads, rows in form.active_blocks(report):
        trs.append(cell(article, colspan=4))
        trs.append(cell("信息内容") + "".join(cell(h, colspan=4 - len(heads) if len(heads) == 1 else 1) for h in heads))
        for label, values in rows:
            span = 3 if len(values) == 1 else 1
            trs.append(cell(label) + "".join(cell(_word_number(v, style), colspan=span, value=True) for v in values))
    return trs


def _word_table3(report: dict, style: Style, cell, rng: random.Random) -> list[str]:
    heads = form.column_heads(report)
    n = len(heads)
    trs = [cell(form.C1_NOTE, rowspan=3, colspan=3) + cell("申请人情况", colspan=n),
           cell("自然人", rowspan=2, lines=_vertical("自然人", rng)) + cell("法人或其他组织", colspan=n - 2)
           + cell("总计", rowspan=2, lines=_vertical("总计", rng)),
           "".join(cell(h, lines=_vertical(h, rng)) for h in heads[1:-1])]
    rows = form.table3_rows(report, style)
    outcome_rows = sum(1 for r in rows if r.key not in ("new_received", "carried_over", "carried_forward"))
    group_size = {style.label(contract.GROUP_LABELS[g]): len(items) for g, items in contract.GROUP_ITEMS.items()}
    for r in rows:
        nums = "".join(cell(_word_number(v, style), value=True) for v in r.values)
        if r.key in ("new_received", "carried_over", "carried_forward"):
            trs.append(cell(r.c0, colspan=3) + nums)
        elif r.key == "granted":
            trs.append(cell(r.c0, rowspan=outcome_rows, lines=_vertical(r.c0, rng) if rng.random() < 0.3 else None)
                       + cell(r.c1, colspan=2) + nums)
        elif r.key in ("partially_granted", "total_processed"):
            trs.append(cell(r.c1, colspan=2) + nums)
        elif r.c1:
            mark = r.c1.index("）") + 1 if "）" in r.c1 else r.c1.index(")") + 1
            lines = [r.c1[:mark], r.c1[mark:]] if rng.random() < 0.4 else None  # （三）</p><p>不予公开
            trs.append(cell(r.c1, rowspan=group_size[r.c1], lines=lines) + cell(r.c2) + nums)
        else:
            trs.append(cell(r.c2) + nums)
    return trs


def _word_table4(report: dict, style: Style, cell, rng: random.Random) -> list[str]:
    heads = form.APPEAL_HEADS
    vertical = {h: _vertical(h, rng) for h in heads}
    return [cell("行政复议", colspan=5) + cell("行政诉讼", colspan=10),
            "".join(cell(h, rowspan=2, lines=vertical[h]) for h in heads) + cell("未经复议直接起诉", colspan=5)
            + cell("复议后起诉", colspan=5),
            "".join(cell(h, lines=vertical[h]) for h in heads) * 2,
            "".join(cell(_word_number(v, style), value=True) for v in form.appeal_values(report))]


def _table(trs: list[str]) -> str:
    first = ' class="firstRow"'
    rows = "\n".join(f"<tr{first if i == 0 else ''}>{tr}</tr>" for i, tr in enumerate(trs))  # a row a line, as the CMS saves it
    return f'<table border="1" cellspacing="0" align="center" style="border-collapse: collapse;"><tbody>{rows}</tbody></table>'
