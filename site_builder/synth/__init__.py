"""Synthetic annual reports: consistent numbers (model), every layout the parser reads (render),
and the breakage real reports have (damage). Tests, benchmarks and the demo corpus share it."""
from site_builder.synth.model import YEARS, random_report, report_series

__all__ = ["YEARS", "random_report", "report_series"]
