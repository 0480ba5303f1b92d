"""The grid layouts: Markdown from a PDF converter, and HTML as government portals publish it.

Markdown: pipe tables; table 3 arrives in 2–3 fragments, each under a header that is
generic (| 列1 | 列2 | …) or wrong (a leftover or shifted header), so only the row labels
and the arithmetic say what a column is.
HTML: a portal page (navigation, article meta, footer) around the official form's real
<table>s, with the merged cells of the form as rowspan/colspan.
"""
from __future__ import annotations

import random
from html import escape

from site_builder import contract
from site_builder.synth import form
from site_builder.synth.form import Style

# ---- Markdown -----------------------------------------------------------------------


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [_md_row(header), "|" + "|".join(["---"] * len(header)) + "|"] + [_md_row(r) for r in rows]


def _md_label(label: str, rng: random.Random) -> str:
    """A converter keeps the PDF's line breaks inside a cell as <br>."""
    if len(label) > 16 and rng.random() < 0.3:
        cut = rng.randint(8, len(label) - 4)
        return label[:cut] + "<br>" + label[cut:]
    return label


def markdown(report: dict, rng: random.Random, style: Style) -> str:
    title = form.title_variants(report, rng)
    lines = [rng.choice((f"# {title}", title, f"**{title}**")), ""]
    hashes = rng.choice(("## ", "### ", ""))

    def prose(key: str) -> None:
        lines.extend([hashes + form.PARTS[key], ""])
        for para in form.paragraphs(report["sections"][key]):
            lines.extend([para, ""])

    prose("overview")
    lines += [hashes + form.PARTS["active"], ""]
    rows2: list[list[str]] = []
    for article, heads, rows in form.active_blocks(report):
        rows2 += [[article, "", "", ""], ["信息内容", *heads] + [""] * (3 - len(heads))]
        rows2 += [[label, *map(style.number, values)] + [""] * (3 - len(values)) for label, values in rows]
    lines += _md_table(rows2[0], rows2[1:]) + [""]
    lines += [hashes + form.PARTS["applications"], ""]
    lines += _md_table3(report, rng, style)
    lines += ["", hashes + form.PARTS["appeals"], ""]
    heads = list(form.APPEAL_HEADS)
    lines += _md_table(["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9, [
        heads + ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
        [""] * 5 + heads * 2,
        [style.number(v) for v in form.appeal_values(report)],
    ]) + [""]
    prose("problems")
    prose("other")
    return "\n".join(lines)


def _md_table3(report: dict, rng: random.Random, style: Style) -> list[str]:
    heads = list(form.column_heads(report))
    width = 3 + len(heads)
    header_rows = [
        [form.C1_NOTE, "", "", "申请人情况"] + [""] * (len(heads) - 1),
        ["", "", "", "自然人", "法人或其他组织"] + [""] * (len(heads) - 3) + ["总计"],
        ["", "", "", ""] + heads[1:-1] + [""],
    ]
    body = [[_md_label(r.c0, rng), _md_label(r.c1, rng), _md_label(r.c2, rng), *map(style.number, r.values)]
            for r in form.table3_rows(report, style)]
    parts = rng.randint(2, 3)
    cuts = sorted(rng.sample(range(3, len(body) - 2), parts - 1))
    fragments = [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)])]
    out: list[str] = []
    for i, rows in enumerate(fragments):
        if i == 0 and rng.random() < 0.5:
            header, rows = header_rows[0], header_rows[1:] + rows
        else:
            header = _fake_header(width, heads, rng)
            if i == 0:
                rows = header_rows + rows
        if i:
            out += [""] + ([rng.choice((f"- {i + 2} -", f"第 {i + 2} 页", f"— {i + 2} —")), ""]
                           if rng.random() < 0.3 else [])
        out += _md_table(header, rows)
    return out


def _fake_header(width: int, heads: list[str], rng: random.Random) -> list[str]:
    kind = rng.random()
    if kind < 0.5:
        return [f"列{i + 1}" for i in range(width)]
    if kind < 0.75:  # the real column heads, one column off
        return ["", "", "", "", *heads][:width] + [""] * max(0, width - len(heads) - 4)
    return (["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"] + [""] * width)[:width]


# ---- HTML ---------------------------------------------------------------------------


def html_page(report: dict, rng: random.Random, style: Style) -> str:
    title = form.title_variants(report, rng)
    agency = report["agency"]
    site = agency.split("市")[0] + "市人民政府" if "市" in agency else agency
    page_title = title + rng.choice(("", "", f"_{site}", f"-{site}门户网站"))
    cell = _cell_maker(rng)
    heading = rng.choice(("<p><strong>{}</strong></p>", "<h3>{}</h3>", '<p style="text-indent:2em">{}</p>'))
    para = rng.choice(("<p>{}</p>", '<p style="text-indent:2em;line-height:1.8">{}</p>',
                       '<p><span style="font-family:仿宋_GB2312;font-size:16px">{}</span></p>'))
    body: list[str] = []

    def prose(key: str) -> None:
        body.append(heading.format(escape(form.PARTS[key])))
        body.extend(para.format(escape(p)) for p in form.paragraphs(report["sections"][key]))

    prose("overview")
    body.append(heading.format(escape(form.PARTS["active"])))
    body.append(_html_table2(report, style, cell))
    body.append(heading.format(escape(form.PARTS["applications"])))
    body.append(_html_table3(report, style, cell))
    body.append(heading.format(escape(form.PARTS["appeals"])))
    body.append(_html_table4(report, style, cell))
    prose("problems")
    prose("other")
    date = f"{report['year'] + 1}-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}"
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(page_title)}</title>",
        "<style>table{border-collapse:collapse}td{border:1px solid #000}</style></head><body>",
        f'<div class="header"><a href="/">{escape(site)}</a> <a href="/zwgk/">政务公开</a> '
        '<a href="/zwgk/ndbg/">政府信息公开年报</a></div>',
        '<div class="position">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>',
        f'<div class="article"><h1 class="title">{escape(title)}</h1>',
        f'<div class="info">发布时间：{date} 来源：{escape(agency)} 浏览次数：{rng.randint(10, 9999)}'
        " 【字体：大 中 小】</div>",
        '<div class="content">', *body, "</div></div>",
        f'<div class="footer">主办单位：{escape(site)}办公室 网站标识码：{rng.randint(10**9, 10**10 - 1)} '
        f'ICP备案号：豫ICP备{rng.randint(10**7, 10**8 - 1)}号</div>',
        '<script>var _hmt = _hmt || [];</script>', "</body></html>", "",
    ])


def _cell_maker(rng: random.Random):
    wrap = rng.choice(("{}", '<p style="text-align:center">{}</p>',
                       '<p style="text-align:center"><span style="font-family:宋体;font-size:14px">{}</span></p>'))

    breaks = rng.random() < 0.3  # long labels keep the Word document's manual line breaks

    def cell(text: str, rowspan: int = 1, colspan: int = 1) -> str:
        attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
        body = escape(text)
        if breaks and len(text) > 18:
            body = escape(text[:14]) + "<br/>" + escape(text[14:])
        return f"<td{attrs}>{wrap.format(body) if text else ''}</td>"

    return cell


def _html_table2(report: dict, style: Style, cell) -> str:
    trs = []
    for article, heads, rows in form.active_blocks(report):
        trs.append(cell(article, colspan=4))
        trs.append(cell("信息内容") + "".join(cell(h, colspan=4 - len(heads) if len(heads) == 1 else 1)
                                            for h in heads))
        for label, values in rows:
            span = 3 if len(values) == 1 else 1
            trs.append(cell(label) + "".join(cell(_html_number(v, style), colspan=span) for v in values))
    return _table(trs)


def _html_number(value, style: Style) -> str:
    return "" if value is None and style.null in ("-", "无") else style.number(value)


def _html_table3(report: dict, style: Style, cell) -> str:
    heads = form.column_heads(report)
    n = len(heads)
    trs = [cell(form.C1_NOTE, rowspan=3, colspan=3) + cell("申请人情况", colspan=n),
           cell("自然人", rowspan=2) + cell("法人或其他组织", colspan=n - 2) + cell("总计", rowspan=2),
           "".join(cell(h) for h in heads[1:-1])]
    rows = form.table3_rows(report, style)
    outcome_rows = sum(1 for r in rows if r.key not in ("new_received", "carried_over", "carried_forward"))
    sizes = {contract.GROUP_LABELS[g]: len(items) for g, items in contract.GROUP_ITEMS.items()}
    group_size = {style.label(k): v for k, v in sizes.items()}
    for r in rows:
        nums = "".join(cell(style.number(v)) for v in r.values)
        if r.key in ("new_received", "carried_over", "carried_forward"):
            trs.append(cell(r.c0, colspan=3) + nums)
        elif r.key == "granted":
            trs.append(cell(r.c0, rowspan=outcome_rows) + cell(r.c1, colspan=2) + nums)
        elif r.key in ("partially_granted", "total_processed"):
            trs.append(cell(r.c1, colspan=2) + nums)
        elif r.c1:
            trs.append(cell(r.c1, rowspan=group_size[r.c1]) + cell(r.c2) + nums)
        else:
            trs.append(cell(r.c2) + nums)
    return _table(trs)


def _html_table4(report: dict, style: Style, cell) -> str:
    heads = form.APPEAL_HEADS
    trs = [cell("行政复议", colspan=5) + cell("行政诉讼", colspan=10),
           "".join(cell(h, rowspan=2) for h in heads) + cell("未经复议直接起诉", colspan=5)
           + cell("复议后起诉", colspan=5),
           "".join(cell(h) for h in heads) * 2,
           "".join(cell(style.number(v)) for v in form.appeal_values(report))]
    return _table(trs)


def _table(trs: list[str]) -> str:
    rows = "\n".join(f"<tr>{tr}</tr>" for tr in trs)
    return f'<table border="1" cellspacing="0" cellpadding="0" width="100%">\n<tbody>\n{rows}\n</tbody>\n</table>'
