"""Render a contract dict as the bytes of a report in one of the layouts real reports come in.

- "tab": text pasted from a Word/PDF table, cells tab-separated, merged cells dropped so
  rows shift (seeds 000, 001, 003); printed group subtotals as in seed 003.
- "pdf_text": text extracted from a PDF (seed 002): prose and labels wrapped, header words
  broken, a row's last number pushed to the next line.
- "runtogether": a web page copied as plain text: no separator at all between a label and
  its digits nor between digits (`一、本年新收政府信息公开申请数量1520300020`).
- "markdown", "html": see render_grid.py.
- "flat_page", "portal_html": a portal's crawled page as one line of text, and its Word-fed
  article HTML; see render_portal.py.
- "gbk": the tab layout in GB18030, sometimes with full-width digits and 1,234.
- "utf8_bom": the tab layout with a byte order mark, sometimes with CRLF line ends.
"""
from __future__ import annotations

import random

from site_builder.synth import form, render_grid, render_portal
from site_builder.synth.form import FormRow, Style
from site_builder.synth.model import LAYOUTS, NULLLESS_LAYOUTS, SUBTOTAL_LAYOUTS

__all__ = ["LAYOUTS", "render", "renderable"]

SUFFIX = {"tab": ".txt", "pdf_text": ".txt", "runtogether": ".txt", "markdown": ".md", "html": ".html",
          "gbk": ".txt", "utf8_bom": ".txt", "flat_page": ".txt", "portal_html": ".html"}


def renderable(report: dict, layout: str) -> str | None:
    """Why the layout cannot print this report exactly, or None when it can."""
    if layout not in SUFFIX:
        return f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}"
    if form.printed_subtotals(report) and layout not in SUBTOTAL_LAYOUTS:
        return f"layout {layout} prints no group subtotal rows"
    if report.get("active_template") == "2019" and layout != "flat_page":
        return f"layout {layout} prints table 二 in the current form only (the 2019 form: flat_page)"
    if layout in NULLLESS_LAYOUTS and _has_null(report):
        return f"layout {layout} cannot show an unprinted cell"
    return None


def render(report: dict, layout: str, rng: random.Random) -> tuple[bytes, str]:
    """The report's bytes in `layout` and the file suffix it would be saved under."""
    problem = renderable(report, layout)
    if problem:
        raise ValueError(problem)
    if layout == "tab":
        return tab_text(report, rng, Style.random(rng)).encode("utf-8"), SUFFIX[layout]
    if layout == "gbk":
        return tab_text(report, rng, Style.random(rng, fancy_numbers=True)).encode("gb18030"), SUFFIX[layout]
    if layout == "utf8_bom":
        text = tab_text(report, rng, Style.random(rng))
        if rng.random() < 0.5:
            text = text.replace("\n", "\r\n")
        return b"\xef\xbb\xbf" + text.encode("utf-8"), SUFFIX[layout]
    if layout == "pdf_text":
        return pdf_text(report, rng, Style.random(rng)).encode("utf-8"), SUFFIX[layout]
    if layout == "runtogether":
        return runtogether_text(report, rng, Style.random(rng)).encode("utf-8"), SUFFIX[layout]
    if layout == "flat_page":
        return render_portal.flat_page(report, rng, Style.random(rng)).encode("utf-8"), SUFFIX[layout]
    if layout == "portal_html":
        return render_portal.portal_html(report, rng, Style.random(rng)).encode("utf-8"), SUFFIX[layout]
    if layout == "markdown":
        return render_grid.markdown(report, rng, Style.random(rng)).encode("utf-8"), SUFFIX[layout]
    return render_grid.html_page(report, rng, Style.random(rng)).encode("utf-8"), SUFFIX[layout]


def _has_null(report: dict) -> bool:
    # The 2019 form prints no 废止/现行有效/收费金额 column: those current cells are null by design.
    old_form = report.get("active_template") == "2019"
    tables = ([] if old_form else [report["active"]]) + [report["applications"], report["appeals"]]
    return any(v is None for t in tables for key, row in t.items() if not key.endswith("_subtotal") and key != "extra"
               for v in row.values())


def _head(report: dict, rng: random.Random, title: str, printed: str | None = None) -> list[str]:
    """Blank lines, sometimes an archive's 标题:/发布日期: lines, then the title as printed."""
    lines = [""] * rng.choice((0, 1, 2))
    if rng.random() < 0.15:
        lines += form.archive_lines(report, title, rng) + [""]
        if rng.random() < 0.5:
            return lines
    return lines + [printed or title, ""]


# ---- tab ----------------------------------------------------------------------------

def tab_text(report: dict, rng: random.Random, style: Style) -> str:
    lines = _head(report, rng, form.title_variants(report, rng))
    pad = rng.choice((4, 4, 12))
    _prose(lines, "overview", report)
    lines += [form.PARTS["active"], ""]
    for article, heads, rows in form.active_blocks(report):
        article = article if style.full_paren else article.replace("（", "(").replace("）", ")")
        lines.append(_tabs([article], pad))
        lines.append(_tabs(["信息内容", *heads], pad))
        lines += [_tabs([label, *map(style.number, values)], pad) for label, values in rows]
    lines += ["", form.PARTS["applications"], ""]
    lines += _tab_table3(report, rng, style)
    lines += ["", form.PARTS["appeals"], ""]
    spaced = rng.random() < 0.6
    heads = [h[:2] + " " + h[2:] if spaced and h != "总计" else h for h in form.APPEAL_HEADS]
    lines.append("行政复议\t\t\t\t\t行政诉讼" + "\t" * 9)
    lines.append("\t".join(heads + ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""]))
    lines.append("\t" * 5 + "\t".join(heads * 2))
    lines.append("\t".join(style.number(v) for v in form.appeal_values(report)))
    lines.append("")
    _prose(lines, "problems", report)
    _prose(lines, "other", report)
    return "\n".join(lines)


def _tabs(cells: list[str], pad: int) -> str:
    return "\t".join(cells + [""] * (pad - len(cells)))


def _prose(lines: list[str], key: str, report: dict) -> None:
    lines += [form.PARTS[key], ""]
    for para in form.paragraphs(report["sections"][key]):
        lines += [para, ""]


def _tab_table3(report: dict, rng: random.Random, style: Style) -> list[str]:
    heads = form.column_heads(report)
    orgs = list(heads[1:-1])
    note = form.C1_NOTE if style.full_paren else form.C1_NOTE.replace("（", "(").replace("）", ")")
    out = [
        "\t".join([note, "", "申请人情况"] + [""] * (len(heads) - 2) + ["总计", ""]),
        "\t".join(["", "", "自然人", "法人或其他组织"] + [""] * (len(orgs) + 1)),
        "\t".join(["", "", ""] + orgs + ["", ""]),
    ]
    seed003 = form.printed_subtotals(report) or rng.random() < 0.3
    for row in form.table3_rows(report, style, rng):
        nums = "\t".join(style.number(v) for v in row.values)
        out.append(_seed003_row(row, nums) if seed003 else _seed000_row(row, nums))
    return out


def _seed000_row(row: FormRow, nums: str) -> str:
    """Seed 000: the cells of merged group labels are dropped, so the rows shift."""
    if row.key in ("new_received", "carried_over", "carried_forward"):
        return f"{row.c0}\t\t{nums}\t"
    if row.key == "granted":
        return f"{row.c0}\t{row.c1}\t{nums}\t"
    if row.key in ("partially_granted",):
        return f"\t{row.c1}\t{nums}\t"
    if row.key in ("other_misc", "total_processed"):
        return f"{row.label}\t\t{nums}\t"
    if row.c1:
        return f"\t{row.c1}\t{row.c2}\t{nums}"
    return f"\t\t{row.c2}\t{nums}"


def _seed003_row(row: FormRow, nums: str) -> str:
    """Seed 003: one label cell per row; a printed subtotal carries its group's label."""
    if row.key in ("new_received", "carried_over", "carried_forward", "total_processed"):
        return f"{row.label}\t\t{nums}"
    if row.key == "granted":
        return f"{row.c0}\t{row.c1}\t{nums}"
    if row.c1 and row.c2:
        return f"\t{row.c1}\t{row.c2}\t{nums}"
    return f"\t{row.label}\t{nums}"


# ---- pdf_text -----------------------------------------------------------------------

def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def pdf_text(report: dict, rng: random.Random, style: Style) -> str:
    width = rng.randint(36, 44)
    title = form.title_variants(report, rng).replace(" ", "")
    cut = rng.randint(len(title) - 8, len(title) - 2)
    lines = _head(report, rng, title, title[:cut] + "\n" + title[cut:] if rng.random() < 0.6 else title)

    def prose(key: str) -> None:
        lines.extend([form.PARTS[key], ""])
        for para in form.paragraphs(report["sections"][key]):
            lines.extend(_wrap(para, width) + [""])

    prose("overview")
    lines += [form.PARTS["active"], ""]
    for article, heads, rows in form.active_blocks(report):
        lines += [article, " ".join(["信息内容", *heads]), ""]
        for label, values in rows:
            lines += [" ".join([label, *map(style.number, values)]), ""]
        lines += [""] * rng.choice((0, 2))
    lines += [form.PARTS["applications"], ""]
    note = form.C1_NOTE
    lines += [note[:24], note[24:], "", "申请人情况", "", "自然", "人", "", "法人或其他组织", ""]
    heads = list(form.column_heads(report)[1:-1])
    lines += ["总计" + heads[0][:2], heads[0][2:]] + [""]
    for head in heads[1:]:
        lines += _wrap(head, 2) + [""]
    label_width = rng.randint(15, 19)
    rows = form.table3_rows(report, style)
    page_break = rng.randrange(4, len(rows) - 2) if rng.random() < 0.3 else -1
    for i, row in enumerate(rows):
        if i == page_break:  # the table runs onto the next page: a page number line in between
            lines += [rng.choice(("- {} -", "— {} —", "第 {} 页")).format(rng.randint(2, 4)), ""]
        lines += _pdf_row(row, style, label_width, rng)
    lines += ["", form.PARTS["appeals"], "", "行政复议 行政诉讼", ""]
    stacked = [line for h in form.APPEAL_HEADS for line in (_wrap(h, 2) + [""])]
    lines += stacked[:-2] + ["总计", "未经复议直接起诉 复议后起诉", ""] + stacked + stacked
    lines += [" ".join(style.number(v) for v in form.appeal_values(report)), ""]
    prose("problems")
    prose("other")
    return "\n".join(lines) + "\n"


def _pdf_row(row: FormRow, style: Style, width: int, rng: random.Random) -> list[str]:
    out: list[str] = []
    if row.c0 and row.key == "granted":
        out += _wrap(row.c0, 3) + [""]
    if row.c1 and row.c2:
        out += _wrap(row.c1, rng.choice((4, 5))) + [""]
    label = row.c2 or row.c1 or row.c0
    nums = [style.number(v) for v in row.values]
    if len(label) <= width:
        if rng.random() < 0.15:
            return out + [label + " " + " ".join(nums[:-1]), nums[-1], ""]
        return out + [label + " " + " ".join(nums), ""]
    out += _wrap(label, width) + [""]
    split = rng.random() < 0.6
    return out + ([" ".join(nums[:-1]), nums[-1]] if split else [" ".join(nums)]) + [""]


# ---- runtogether --------------------------------------------------------------------

def runtogether_text(report: dict, rng: random.Random, style: Style) -> str:
    lines = _head(report, rng, form.title_variants(report, rng))
    blank = rng.random() < 0.5

    def prose(key: str) -> None:
        lines.append(form.PARTS[key])
        lines.extend(p for para in form.paragraphs(report["sections"][key]) for p in ([para, ""] if blank else [para]))

    prose("overview")
    lines.append(form.PARTS["active"])
    for article, heads, rows in form.active_blocks(report):
        lines += [article, "信息内容" + "".join(heads)]
        lines += [label + "".join(map(style.number, values)) for label, values in rows]
    lines.append(form.PARTS["applications"])
    heads = form.column_heads(report)
    lines += [form.C1_NOTE + "申请人情况", "自然人法人或其他组织总计", "".join(heads[1:-1])]
    for row in form.table3_rows(report, style):
        lines.append(row.c0 + row.c1 + row.c2 + "".join(style.number(v) for v in row.values))
    lines.append(form.PARTS["appeals"])
    heads4 = "".join(form.APPEAL_HEADS)
    lines += ["行政复议行政诉讼", heads4 + "未经复议直接起诉复议后起诉", heads4 * 2,
              "".join(style.number(v) for v in form.appeal_values(report))]
    prose("problems")
    prose("other")
    return "\n".join(lines) + "\n"
