"""Write a contract dict as a Word .docx or a PDF laid out like the official form.

Test helper (not a test module): table 3 has its merged cells where the 2021 form
has them (the C1 note over three header rows, 三、本年度办理结果 down the outcome
rows, a group label down its items, (七) 总计 across two label columns), so the
readers' merged-cell handling is exercised. The PDF writer can cut table 3 over
a page break, as WPS does: the merged cells go on blank on the next page.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

from site_builder import contract
from site_builder.synth import form
from site_builder.synth.form import Style

STYLE = Style(full_paren=True, dot="1.", ascii_quotes=False, null="/")


@dataclass
class Grid:
    ncols: int
    rows: list[list[str]] = field(default_factory=list)  # anchor text; "" elsewhere
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row0, col0, row1, col1), inclusive

    def add(self, cells: list[str]) -> int:
        self.rows.append(cells + [""] * (self.ncols - len(cells)))
        return len(self.rows) - 1

    def span(self, row0: int, col0: int, row1: int, col1: int) -> None:
        if (row0, col0) != (row1, col1):
            self.spans.append((row0, col0, row1, col1))


def table2(report: dict) -> Grid:
    grid = Grid(4)
    for head, heads, rows in form.active_blocks(report):
        r = grid.add([head])
        grid.span(r, 0, r, 3)
        r = grid.add(["信息内容", *heads])
        if len(heads) == 1:
            grid.span(r, 1, r, 3)
        for label, values in rows:
            r = grid.add([label, *(STYLE.number(v) for v in values)])
            if len(values) == 1:
                grid.span(r, 1, r, 3)
    return grid


def table3(report: dict) -> Grid:
    heads = form.column_heads(report)
    n = 3 + len(heads)
    grid = Grid(n)
    grid.add([form.C1_NOTE, "", "", "申请人情况"])
    grid.add(["", "", "", heads[0], "法人或其他组织"] + [""] * (len(heads) - 3) + [heads[-1]])
    grid.add(["", "", "", "", *heads[1:-1], ""])
    grid.span(0, 0, 2, 2)
    grid.span(0, 3, 0, n - 1)
    grid.span(1, 3, 2, 3)
    grid.span(1, 4, 1, n - 2)
    grid.span(1, n - 1, 2, n - 1)
    rows = form.table3_rows(report, STYLE)
    first_outcome = last_outcome = None
    group_start: int | None = None
    for row in rows:
        values = [STYLE.number(v) for v in row.values]
        if row.key in ("new_received", "carried_over", "carried_forward"):
            r = grid.add([row.c0 or row.c1, "", "", *values])
            grid.span(r, 0, r, 2)
            continue
        r = grid.add([row.c0, row.c1, row.c2, *values])
        first_outcome = r if first_outcome is None else first_outcome
        last_outcome = r
        if not row.c2:  # (一) (二) (七) and printed subtotals: the label spans both label columns
            grid.span(r, 1, r, 2)
            group_start = None
        elif row.c1:  # first item of a group without a printed subtotal
            group_start = r
        if group_start is not None and _group_ends(rows, row):
            grid.span(group_start, 1, r, 1)
            group_start = None
    grid.rows[first_outcome][0] = form.OUTCOMES
    grid.span(first_outcome, 0, last_outcome, 0)
    return grid


def _group_ends(rows: list[form.FormRow], row: form.FormRow) -> bool:
    later = rows[rows.index(row) + 1:]
    return not later or not later[0].c2 or bool(later[0].c1)


def table4(report: dict) -> Grid:
    grid = Grid(15)
    grid.add(["行政复议"] + [""] * 4 + ["行政诉讼"])
    grid.add([*form.APPEAL_HEADS, "未经复议直接起诉", "", "", "", "", "复议后起诉"])
    grid.add([""] * 5 + [*form.APPEAL_HEADS] * 2)
    grid.add([STYLE.number(v) for v in form.appeal_values(report)])
    grid.span(0, 0, 0, 4)
    grid.span(0, 5, 0, 14)
    for col in range(5):
        grid.span(1, col, 2, col)
    grid.span(1, 5, 1, 9)
    grid.span(1, 10, 1, 14)
    return grid


def blocks(report: dict) -> list[str | Grid]:
    """The report in reading order: paragraphs (str) and tables (Grid)."""
    out: list[str | Grid] = [report["agency"], f"{report['year']}年政府信息公开工作年度报告"]
    out += [form.PARTS["overview"], *form.paragraphs(report["sections"]["overview"])]
    out += [form.PARTS["active"], table2(report)]
    out += [form.PARTS["applications"], table3(report)]
    out += [form.PARTS["appeals"], table4(report)]
    out += [form.PARTS["problems"], *form.paragraphs(report["sections"]["problems"])]
    out += [form.PARTS["other"], *form.paragraphs(report["sections"]["other"])]
    return out


def write_docx(report: dict) -> bytes:
    import docx

    document = docx.Document()
    for block in blocks(report):
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block.rows), cols=block.ncols)
        table.style = "Table Grid"
        for r, row in enumerate(block.rows):
            for c, text in enumerate(row):
                if text:
                    table.cell(r, c).text = text
        for r0, c0, r1, c1 in block.spans:
            table.cell(r0, c0).merge(table.cell(r1, c1))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_pdf(report: dict, break_at: int | None = None) -> bytes:
    """A PDF with a text layer; `break_at` cuts table 3 before that row, onto a new page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=10.5, leading=16, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=7.5, leading=9, wordWrap="CJK")

    def flowable(grid: Grid, widths: list[float]) -> Table:
        data = [[Paragraph(text, cell) if text else "" for text in row] for row in grid.rows]
        style = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONT", (0, 0), (-1, -1), "STSong-Light", 7.5),
                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        style += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in grid.spans]
        return Table(data, colWidths=widths, style=TableStyle(style))

    story: list = []
    for block in blocks(report):
        if isinstance(block, str):
            story.append(Paragraph(block, body))
            continue
        widths = _widths(block.ncols)
        parts = split_grid(block, break_at) if block.ncols in (9, 10) and break_at else [block]
        for i, part in enumerate(parts):
            if i:
                story.append(PageBreak())
            story.append(flowable(part, widths))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


def _widths(ncols: int) -> list[float]:
    if ncols == 4:
        return [120.0, 100.0, 100.0, 100.0]
    if ncols == 15:
        return [30.0] * 15
    return [24.0, 60.0, 110.0] + [34.0] * (ncols - 3)


def split_grid(grid: Grid, at: int) -> list[Grid]:
    """Cut a grid before row `at` as a page break does: spans crossing the cut go on blank below."""
    upper, lower = Grid(grid.ncols, grid.rows[:at]), Grid(grid.ncols, [list(r) for r in grid.rows[at:]])
    for r0, c0, r1, c1 in grid.spans:
        if r1 < at:
            upper.span(r0, c0, r1, c1)
        elif r0 >= at:
            lower.span(r0 - at, c0, r1 - at, c1)
        else:
            upper.span(r0, c0, at - 1, c1)
            lower.span(0, c0, r1 - at, c1)
    return [upper, lower]


def cells(report: dict) -> dict[str, object]:
    """Every contract cell as path -> value, numbers as float for comparing int and Decimal."""
    out = {}
    for path in contract.cell_paths():
        table, row, col = path.split(".")
        value = report[table].get(row, {}).get(col)
        out[path] = None if value is None else float(value)
    return out
