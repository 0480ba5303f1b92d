"""Hand-made report dicts shaped as the contract says, for the render and build tests.

Numbers are chosen so that rules C1–C5 hold unless a test breaks one on purpose.
"""
from __future__ import annotations

import copy

from site_builder import contract as c


def sample_report(agency: str = "样例区人民政府办公室", year: int = 2024, new: int = 5,
                  source: str | None = None) -> dict:
    """A consistent report: `new` applications, all from natural persons, split over outcomes."""
    r = c.empty_report(source or f"content/reports/{year}-{abs(hash(agency)) % 10000}.txt")
    r.update(agency=agency, year=year, title=f"{agency} {year} 年政府信息公开工作年度报告")
    for row in r["applications"].values():
        for col in row:
            row[col] = 0
    granted, denied, unavailable = new - new // 2, new // 4, new // 2 - new // 4
    for key, value in (("new_received", new), ("granted", granted), ("denied_third_party", denied),
                       ("unavailable_not_held", unavailable), ("total_processed", new)):
        r["applications"][key]["natural_person"] = value
        r["applications"][key]["total"] = value
    for key in c.SUBTOTAL_KEYS:
        for col in c.COLUMN_KEYS:
            r["applications"][key][col] = None
    for group in r["appeals"].values():
        group.update(upheld=1, corrected=1, other=0, pending=0, total=2)
    for row in r["active"].values():
        for f in row:
            row[f] = 0
    r["active"]["normative_documents"].update(issued=1, repealed=0, in_force=6)
    r["sections"] = {"overview": f"{agency}认真贯彻落实政府信息公开条例。\n第二段。",
                     "problems": "存在的问题：公开不够及时。", "other": "无其他事项。"}
    return r


def broken(report: dict) -> dict:
    """The same report with one C2 failure and one inferred cell, as the parser would mark them."""
    r = copy.deepcopy(report)
    r["applications"]["new_received"]["total"] += 1
    r["checks"] = [{"rule": "C2", "cells": ["applications.new_received.total",
                                            "applications.new_received.natural_person"],
                    "message": "行「本年新收」：总计与六类申请人之和不符"}]
    r["inferred"] = [{"path": "applications.granted.commercial", "rule": "C2", "value": 0}]
    return r
