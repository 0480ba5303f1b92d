"""Chart figures: Plotly JSON with its data table, untrusted labels escaped."""
from __future__ import annotations

import json

from render_samples import sample_report

from site_builder.render import charts
from site_builder.render.fmt import script_json


def test_every_agency_chart_has_bars_and_a_table_of_the_same_numbers():
    report = sample_report(new=6)
    for chart in charts.agency_charts(report):
        assert chart.figure["data"] and all(t["type"] == "bar" for t in chart.figure["data"])
        assert chart.rows and len(chart.header) == len(chart.rows[0])
    applicants = charts.applicant_chart(report)
    assert applicants.figure["data"][0]["x"][0] == 6 and applicants.rows[0][1] == 6


def test_trend_chart_has_one_point_per_year():
    chart = charts.trend_chart([sample_report(year=2022, new=1), sample_report(year=2023, new=4)])
    assert chart.figure["data"][0]["x"] == [2022, 2023]
    assert chart.figure["data"][0]["y"] == [1, 4]


def test_labels_are_entity_escaped_for_plotly_and_json_cannot_close_the_script():
    chart = charts.hbar("k", "t", ['<a href="javascript:alert(1)">x</a>'], [1])
    assert chart.figure["data"][0]["y"][0].startswith("&lt;a")
    text = str(script_json(chart.figure))
    assert "</" not in text and "<" not in text
    assert json.loads(text)["data"][0]["y"][0].startswith("&lt;a")


def test_an_all_zero_chart_says_so():
    chart = charts.hbar("k", "t", ["a", "b"], [0, 0])
    assert chart.figure["layout"]["annotations"][0]["text"] == "全部为 0"
