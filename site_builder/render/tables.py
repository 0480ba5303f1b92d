"""The three official tables as HTML, laid out as the form prints them.

Grouped row headers (rowspan), the two-level applicant header, inferred cells
marked, and every failed rule shown on its cells with a link to its note. The
notes themselves (rule text and a plain-language explanation) are rendered by
`cell_notes`. All labels come from the contract; all report text is escaped.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from site_builder import contract as c
from site_builder.render.fmt import PLAIN_EXPLANATIONS, number
from site_builder.model import cell


@dataclass(frozen=True)
class Marks:
    """Which cells of one report were inferred and which break which rules."""

    inferred: dict[str, dict]
    failed: dict[str, list[int]]  # path -> indexes into checks
    checks: list[dict]

    @classmethod
    def of(cls, report: dict, extra_checks: list[dict] = ()) -> "Marks":
        """Marks for one report; cross-year checks name cells "<year>:<path>", and mark this year's."""
        checks = list(report.get("checks") or []) + list(extra_checks)
        failed: dict[str, list[int]] = {}
        own = f"{report.get('year')}:"
        for i, check in enumerate(checks):
            for path in map(str, check.get("cells") or []):
                failed.setdefault(path[len(own):] if path.startswith(own) else path, []).append(i)
        inferred = {str(i.get("path")): i for i in report.get("inferred") or [] if isinstance(i, dict)}
        return cls(inferred, failed, checks)


def label_of(path: str) -> str:
    """The contract's label for a cell path; the path itself for anything the contract lacks."""
    year, sep, rest = path.partition(":")
    if sep and year.isdigit():
        return f"{year} 年 {label_of(rest)}"
    try:
        return c.cell_label(path)
    except (ValueError, KeyError, StopIteration):
        return path


def _td(report: dict, path: str, marks: Marks, prefix: str) -> str:
    value = cell(report, path)
    if path not in marks.inferred and path not in marks.failed:
        # Unmarked cells carry no class and no title: the table's CSS aligns them, the row and
        # column headers name them, and 230 of each would double the page's weight. A cell is a
        # number or None, whose text needs no escaping (checked, not assumed, for anything else).
        if value is None:
            return "<td>—</td>"
        if value.__class__ is int and -10000 < value < 10000:
            return f"<td>{value}</td>"
        return f"<td>{escape(number(value))}</td>"
    classes = []
    sup = []
    title = [label_of(path)]
    if path in marks.inferred:
        classes.append("cell-inferred")
        rule = marks.inferred[path].get("rule", "")
        sup.append(f'<a class="mark-inferred" href="#{prefix}-inferred" title="推算值">推</a>')
        title.append(f"推算值（依据 {rule}）")
    for i in marks.failed.get(path, []):
        rule = str(marks.checks[i].get("rule", ""))
        if "cell-failed" not in classes:
            classes.append("cell-failed")
        sup.append(f'<a class="mark-failed" href="#{prefix}-check-{i}">{escape(rule)}</a>')
        title.append(f"未通过 {rule}")
    return (f'<td class="{" ".join(classes)}" title="{escape("；".join(title))}">'
            f"{escape(number(value))}<sup>{' '.join(sup)}</sup></td>")


def _th(text: str, **attrs: int | str) -> str:
    return _th_cached(text, tuple(attrs.items()))


@lru_cache(maxsize=1024)  # header cells are the form's fixed labels: the same few hundred every time
def _th_cached(text: str, attrs: tuple[tuple[str, int | str], ...]) -> str:
    extra = "".join(f' {"class" if k == "cls" else k}="{escape(v)}"' for k, v in attrs)
    return f"<th{extra}>{escape(text)}</th>"


def _wrap(caption: str, head: list[str], body: list[str], cls: str) -> Markup:
    rows = "\n".join(f"<tr>{r}</tr>" for r in body)
    heads = "\n".join(f"<tr>{r}</tr>" for r in head)
    return Markup(
        # A scrolling wrapper takes keyboard focus and a name, so it can be scrolled without a mouse.
        f'<div class="portal-table-scroll" data-search-exclude role="region" tabindex="0" '
        f'aria-label="{escape(caption)}">\n<table class="portal-form {cls}">\n'
        f"<caption>{escape(caption)}</caption>\n<thead>\n{heads}\n</thead>\n<tbody>\n{rows}\n</tbody>\n"
        "</table>\n</div>"
    )


def active_table(report: dict, marks: Marks, prefix: str) -> Markup:
    sections = (
        ("第二十条第（一）项", ("regulations", "normative_documents")),
        ("第二十条第（五）项", ("licensing",)),
        ("第二十条第（六）项", ("punishment", "enforcement")),
        ("第二十条第（八）项", ("fees",)),
    )
    labels = {r.key: r.label for r in c.ACTIVE_ROWS}
    body: list[str] = []
    for heading, rows in sections:
        fields = c.ACTIVE_FIELDS[rows[0]]
        body.append(f'<th colspan="4" class="form-section" scope="colgroup">{escape(heading)}</th>')
        cols = "".join(_th(lbl, scope="col") for _, lbl in fields)
        pad = "<td></td>" * (3 - len(fields))
        body.append(_th("信息内容", scope="col") + cols + pad)
        for key in rows:
            cells = "".join(_td(report, f"active.{key}.{f}", marks, prefix) for f, _ in fields)
            body.append(_th(labels[key], scope="row") + cells + pad)
    extra = (report.get("active") or {}).get("extra")
    if isinstance(extra, list) and extra:
        heading = "2019 年版表格原样印出的各行" if report.get("active_template") == "2019" else "旧版表格中的其他项目"
        body.append(f'<th colspan="4" class="form-section">{heading}</th>')
        for row in extra:
            if not isinstance(row, dict):
                continue
            values = list(row.get("values") or [])
            columns = list(row.get("columns") or [])
            shown = "，".join(f"{col}：{_extra_value(v)}" if col else _extra_value(v)
                             for col, v in zip(columns + [""] * (len(values) - len(columns)), values))
            body.append(_th(str(row.get("label", "")), scope="row") + f'<td colspan="3">{escape(shown)}</td>')
    return _wrap("二、主动公开政府信息情况", [], body, "form-active")


def _extra_value(value) -> str:
    """An old-form cell as printed: a number, a blank, or its own text (251000元)."""
    if value is None:
        return "—"
    return value if isinstance(value, str) else number(value)


def _subtotal_printed(report: dict, group: str) -> bool:
    return any(cell(report, f"applications.{c.GROUP_SUBTOTAL[group]}.{col}") is not None
               for col in c.COLUMN_KEYS)


def applications_table(report: dict, marks: Marks, prefix: str) -> Markup:
    applicants = c.APPLICANT_COLUMNS[:-1]
    head = [
        _th("", colspan=3, rowspan=3) + _th("申请人情况", colspan=7, scope="colgroup"),
        _th(applicants[0].label, rowspan=2, scope="col") + _th("法人或其他组织", colspan=5, scope="colgroup")
        + _th("总计", rowspan=2, scope="col"),
        "".join(_th(col.label.split(" · ")[-1], scope="col") for col in applicants[1:]),
    ]
    rows = {r.key: r for r in c.APPLICATION_ROWS}

    def values(key: str) -> str:
        return "".join(_td(report, f"applications.{key}.{col}", marks, prefix) for col in c.COLUMN_KEYS)

    body = [
        _th(rows["new_received"].label, colspan=3, scope="row") + values("new_received"),
        _th(rows["carried_over"].label, colspan=3, scope="row") + values("carried_over"),
    ]
    outcome_rows: list[str] = [
        _th(rows["granted"].label, colspan=2, scope="row") + values("granted"),
        _th(rows["partially_granted"].label, colspan=2, scope="row") + values("partially_granted"),
    ]
    for group, label in c.GROUP_LABELS.items():
        items = list(c.GROUP_ITEMS[group])
        if _subtotal_printed(report, group):
            items.insert(0, c.GROUP_SUBTOTAL[group])
        for i, key in enumerate(items):
            head_cell = _th(label, rowspan=len(items), scope="rowgroup", cls="form-group") if i == 0 else ""
            text = "小计" if rows[key].subtotal else rows[key].label
            outcome_rows.append(head_cell + _th(text, scope="row") + values(key))
    outcome_rows.append(_th(rows["total_processed"].label, colspan=2, scope="row") + values("total_processed"))
    outcome_rows[0] = _th("三、本年度办理结果", rowspan=len(outcome_rows), scope="rowgroup",
                          cls="form-group") + outcome_rows[0]
    body += outcome_rows
    body.append(_th(rows["carried_forward"].label, colspan=3, scope="row") + values("carried_forward"))
    return _wrap("三、收到和处理政府信息公开申请情况", head, body, "form-applications")


def appeals_table(report: dict, marks: Marks, prefix: str) -> Markup:
    fields = c.APPEAL_FIELDS
    head = [
        _th("行政复议", colspan=5, scope="colgroup") + _th("行政诉讼", colspan=10, scope="colgroup"),
        "".join(_th(lbl, rowspan=2, scope="col") for _, lbl in fields)
        + _th("未经复议直接起诉", colspan=5, scope="colgroup") + _th("复议后起诉", colspan=5, scope="colgroup"),
        "".join(_th(lbl, scope="col") for _ in range(2) for _, lbl in fields),
    ]
    body = ["".join(_td(report, f"appeals.{g}.{f}", marks, prefix) for g, _ in c.APPEAL_GROUPS for f, _ in fields)]
    return _wrap("四、政府信息公开行政复议、行政诉讼情况", head, body, "form-appeals")


def cell_notes(marks: Marks, prefix: str) -> Markup:
    """The explanations the table marks link to: failed rules first, then inferred cells."""
    out: list[str] = []
    if marks.checks:
        out.append('<ol class="portal-notes portal-checks">')
        for i, check in enumerate(marks.checks):
            rule = str(check.get("rule", ""))
            cells = "、".join(label_of(p) for p in map(str, check.get("cells") or []))
            out.append(
                f'<li id="{prefix}-check-{i}"><strong>{escape(rule)} 未通过</strong>：'
                f"{escape(PLAIN_EXPLANATIONS.get(rule, ''))}"
                f'<br><span class="note-rule">规则：{escape(c.RULES.get(rule, rule))}</span>'
                f'<br><span class="note-detail">{escape(str(check.get("message", "")))}</span>'
                + (f'<br><span class="note-cells">涉及：{escape(cells)}</span>' if cells else "")
                + "</li>")
        out.append("</ol>")
    if marks.inferred:
        out.append(f'<div id="{prefix}-inferred" class="portal-notes portal-inferred"><p><strong>推算的单元格</strong>：'
                   "报告原文缺少这些数字或把它们连在一起印出，按勾稽关系或报告正文的陈述只有一种可能的取值，"
                   "表中以“推”标出。</p><ul>")
        for path, item in marks.inferred.items():
            label = label_of(path)
            said = item.get("evidence")  # the sentence that settled a text-settled cell
            out.append(f"<li>{escape(label)} = {escape(number(item.get('value')))}"
                       f"（依据 {escape(str(item.get('rule', '')))}：{escape(c.RULES.get(str(item.get('rule')), ''))}）"
                       + (f"：<q>{escape(str(said))}</q>" if said else "") + "</li>")
        out.append("</ul></div>")
    return Markup("\n".join(out))
