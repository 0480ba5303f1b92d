"""Plotly figures as plain JSON-ready dicts, each with the table it is drawn from.

Figures are built by hand (not through plotly's Python classes): the site has
one figure set per agency-year, and validation through `plotly.graph_objects`
would dominate the build time at 10,000 reports. Colours and fonts follow the
light/dark palette in the browser (assets/portal.js), so layouts here carry no
theme. Every chart has a data table: screen readers get it, and so does anyone
who asks for it or downloads it as CSV.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from site_builder import contract as c
from site_builder.model import KEY_FIGURE_LABELS, cell, key_figures, outcome_groups

# Colour-blind-safe (Okabe–Ito), readable on white and on Material's slate.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#999999")


@dataclass(frozen=True)
class Chart:
    key: str  # unique within a page; also the CSV file name
    title: str
    figure: dict[str, Any]
    header: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    height: int = 320


def _num(v: Any) -> Any:
    return float(v) if v is not None and not isinstance(v, int) else v


def _layout(**kw: Any) -> dict[str, Any]:
    layout = {"margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "showlegend": False, "bargap": 0.3,
              "xaxis": {"automargin": True, "rangemode": "tozero"}, "yaxis": {"automargin": True}}
    layout.update(kw)
    return layout


def plot_text(text: Any) -> str:
    """Plotly renders a subset of HTML in labels (<a href>, <b>…): untrusted names go in as entities."""
    return html.escape(str(text), quote=False)


def _value_axis(values: list[Any], **extra: Any) -> dict[str, Any]:
    """Whole-number ticks for small counts (no "0.5 applications"), Plotly's own otherwise."""
    axis = {"automargin": True, "rangemode": "tozero", **extra}
    numbers = [float(v) for v in values if v is not None]
    top = max(numbers, default=0)
    if top <= 5 and all(n.is_integer() for n in numbers):
        axis.update(dtick=1, range=[0, max(top, 1) * 1.08])
    return axis


def _all_zero(values: list[Any]) -> list[dict[str, Any]]:
    if any(v for v in values if v is not None):
        return []
    text = "报告未列出这些数字" if all(v is None for v in values) else "全部为 0"
    return [{"text": text, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5, "showarrow": False,
             "font": {"size": 14}}]


AXIS_LABEL_MAX = 12  # characters of an agency name on an axis: a phone keeps room for the bars


def short_label(text: str, limit: int = AXIS_LABEL_MAX) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def hbar(key: str, title: str, labels: list[str], values: list[Any], value_name: str = "件数",
         axis_labels: list[str] | None = None) -> Chart:
    """One horizontal bar per label: the first label on top, as in the form.

    `axis_labels` may shorten what the axis shows; the hover, the table and the CSV keep `labels`.
    """
    shown = axis_labels or labels
    bar = {"type": "bar", "orientation": "h", "y": [plot_text(x) for x in shown],
           "x": [_num(v) for v in values],
           "marker": {"color": PALETTE[0]}, "hovertemplate": "%{y}：%{x}<extra></extra>",
           "text": [("" if v is None else v) for v in values], "textposition": "auto",
           "cliponaxis": False}
    if list(shown) != list(labels):  # the hover names what the shortened axis cuts
        bar.update(customdata=[plot_text(x) for x in labels], hovertemplate="%{customdata}：%{x}<extra></extra>")
    figure = {
        "data": [bar],
        "layout": _layout(yaxis={"automargin": True, "autorange": "reversed"}, xaxis=_value_axis(values),
                          annotations=_all_zero(values)),
    }
    return Chart(key, title, figure, ("类别", value_name), tuple(zip(labels, values)),
                 height=max(200, 44 * len(labels) + 40))


def outcome_chart(report: dict) -> Chart:
    groups = outcome_groups(report)
    return hbar("outcomes", "办理结果构成（总计列）", [g for g, _ in groups], [v for _, v in groups])


def applicant_chart(report: dict) -> Chart:
    cols = c.APPLICANT_COLUMNS[:-1]
    labels = [col.label.split(" · ")[-1] if "·" in col.label else col.label for col in cols]
    labels = [lbl if lbl != "其他" else "其他法人或组织" for lbl in labels]
    values = [cell(report, f"applications.new_received.{col.key}") for col in cols]
    return hbar("applicants", "本年新收申请的申请人构成", labels, values)


def appeals_chart(report: dict) -> Chart:
    groups = [("行政复议", "review"), ("诉讼·直接起诉", "litigation_direct"),
              ("诉讼·复议后起诉", "litigation_after_review")]
    fields = [f for f in c.APPEAL_FIELDS if f[0] != "total"]
    data = []
    for i, (field, label) in enumerate(fields):
        data.append({"type": "bar", "orientation": "h", "name": label, "y": [g for g, _ in groups],
                     "x": [_num(cell(report, f"appeals.{k}.{field}")) for _, k in groups],
                     "marker": {"color": PALETTE[i]},
                     "hovertemplate": f"%{{y}} · {label}：%{{x}}<extra></extra>"})
    rows = tuple((g,) + tuple(cell(report, f"appeals.{k}.{f}") for f, _ in c.APPEAL_FIELDS) for g, k in groups)
    totals = [row[-1] for row in rows]
    values = [v for row in rows for v in row[1:-1]]
    figure = {"data": data, "layout": _layout(barmode="stack", showlegend=True,
                                              yaxis={"automargin": True, "autorange": "reversed"},
                                              xaxis=_value_axis(totals), annotations=_all_zero(values),
                                              legend={"orientation": "h", "y": -0.25, "traceorder": "normal"})}
    return Chart("appeals", "行政复议、行政诉讼结果", figure, ("类别",) + tuple(l for _, l in c.APPEAL_FIELDS),
                 rows, height=260)


TREND_KEYS = ("new_received", "total_processed", "granted")


def trend_chart(reports: list[dict]) -> Chart:
    years = [r["year"] for r in reports]
    figs = [key_figures(r) for r in reports]
    data = [{"type": "scatter", "mode": "lines+markers", "name": KEY_FIGURE_LABELS[k], "x": years,
             "y": [_num(f[k]) for f in figs], "line": {"color": PALETTE[i]},
             "hovertemplate": f"%{{x}} 年 · {KEY_FIGURE_LABELS[k]}：%{{y}}<extra></extra>"}
            for i, k in enumerate(TREND_KEYS)]
    figure = {"data": data, "layout": _layout(showlegend=True,
                                              legend={"orientation": "h", "y": -0.2, "traceorder": "normal"},
                                              xaxis={"automargin": True, "tickmode": "array", "tickvals": years,
                                                     "ticktext": [str(y) for y in years]},
                                              yaxis={"automargin": True, "rangemode": "tozero"})}
    rows = tuple((y,) + tuple(f[k] for k in TREND_KEYS) for y, f in zip(years, figs))
    return Chart("trend", "历年申请与办理", figure, ("年度",) + tuple(KEY_FIGURE_LABELS[k] for k in TREND_KEYS), rows)


def agency_charts(report: dict) -> list[Chart]:
    return [outcome_chart(report), applicant_chart(report), appeals_chart(report)]
