"""The portal's model: the stage between check and render.

Reports (the contract's objects, read, parsed and checked one file at a time)
become the portal: agencies across years (names that drift, twins, C6/C7), their
places, the region tree with its totals and peer groups, and the audit (T1–T5),
which needs the agencies' years and their regions' other reports. Everything here
is plain data computed once per build; the pages, the data exports and the search
all read it, and render/ only presents it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from site_builder.model.figures import (KEY_FIGURE_LABELS, Number, cell, key_figures, outcome_groups,
                                        scan_note, share, total)
from site_builder.model.portal import Agency, Portal, Rejected, agency_slugs, group_reports
from site_builder.model.regions import PeerIndex, Region, Regions, build_regions, totals, years_of

__all__ = ["Agency", "KEY_FIGURE_LABELS", "Model", "Number", "PeerIndex", "Portal", "Region",
           "Regions", "Rejected", "agency_slugs", "build_model", "build_regions", "cell", "group_reports",
           "key_figures", "outcome_groups", "scan_note", "share", "total", "totals", "years_of"]


@dataclass
class Model:
    portal: Portal
    regions: Regions
    peers: PeerIndex


def build_model(reports: Iterable[dict], skipped: Iterable[str] = (), registry: list[dict[str, str]] = (),
                registry_errors: Iterable[str] = ()) -> Model:
    """The whole model from the check stage's reports: agencies (with the audit run), regions, peers."""
    portal = group_reports(reports, skipped, registry, registry_errors)
    regions = build_regions(portal)
    return Model(portal, regions, PeerIndex(regions))
