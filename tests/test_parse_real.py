"""The parser on real reports as they were published (../shared/corpus/real), scored cell by
cell against the truth a careful reader settled (truth.json; cells absent from it are not
scored). `python benchmarks/bench_real.py` prints the same figures per layout."""
from __future__ import annotations

import pytest

from benchmarks.real_truth import CORPUS, load_truth, score
from site_builder.pipeline import parse_file

pytestmark = pytest.mark.skipif(not (CORPUS / "truth.json").exists(), reason=f"no real corpus at {CORPUS}")


@pytest.fixture(scope="module")
def scores():
    return [score(name, parse_file(CORPUS / "files" / name), exp) for name, exp in load_truth().items()]


def test_every_real_report_is_published(scores):
    assert len(scores) >= 48
    assert not {s.name: s.rejected for s in scores if s.rejected}


def test_at_least_99_percent_of_the_settled_cells_are_right(scores):
    total, right = sum(s.cells for s in scores), sum(s.right for s in scores)
    assert total > 9000
    assert right / total >= 0.99, (right, total, [(s.name, s.wrong[:3]) for s in scores if s.wrong])


def test_flattened_pages_read_nearly_whole(scores):
    """The layout the parser was not first built on: each flat page keeps ≥ 97% of its cells."""
    for s in scores:
        if s.layout == "flat-text":
            assert s.right / s.cells >= 0.97, (s.name, s.wrong)


def test_agency_and_year_come_from_the_title():
    for name, expected in load_truth().items():
        if not name.endswith(".txt"):
            continue
        report = parse_file(CORPUS / "files" / name)
        assert report.get("year") == expected["year"], name
        assert expected["agency"] in (report.get("agency") or ""), (name, report.get("agency"))


def test_rules_the_printed_numbers_break_are_flagged(scores):
    assert not {s.name: s.unflagged for s in scores if s.unflagged and s.name.endswith(".txt")}


def test_no_rule_is_flagged_that_the_printed_numbers_satisfy(scores):
    assert not {s.name: s.spurious for s in scores if s.spurious}
