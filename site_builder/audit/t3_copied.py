"""T3 — parts 一 and 五 not copied from the agency's previous year, or from another agency.

The share of a part that is shared text: the part is normalised (whitespace
dropped, every run of digits read as one `#`, so "2024年共收到3件" and "2025年共收到5件"
are the same words), cut into overlapping 8-character shingles, and each
character covered by a shingle that also occurs in the other text counts as
shared. Runs of shared characters of at least MIN_PASSAGE characters are the
evidence, quoted from the report as printed. This is linear in the text's length
(difflib's matcher took 30 ms a pair on the real corpus, which 10,000 reports a
year cannot afford).

Against the previous year there is one pair per report. Against the other
agencies of the same region and year, MinHash LSH (datasketch) finds the few
candidate pairs, so a region of thousands of reports is not compared pairwise;
only the candidates are measured exactly.

THRESHOLD, from the real corpus (benchmarks/bench_audit.py prints the
distribution): across 29 consecutive-year pairs of part 一 and 24 of part 五 of the
平潭 agencies the shares fall into three bands — up to 0.51 (new text, or a
reused paragraph or two), 0.61–0.74 (two reports of one agency that reuse most of
the part but rewrote passages), and 0.84–1.00 (the same text with this year's
numbers). No pair of different agencies in the same year shares more than 0.23.
0.80 lies in the gap below the top band: a finding means the part is the
previous text with at most a fifth rewritten.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from datasketch import MinHash, MinHashLSH

from site_builder.audit.findings import finding, section_text, value_evidence

RULE = "T3"
PARTS = ("overview", "problems")
PART_NAMES = {"overview": "第一部分（总体情况）", "problems": "第五部分（存在的主要问题及改进情况）"}
SHINGLE = 8
THRESHOLD = 0.80
MIN_LENGTH = 60  # normalised characters: a shorter part ("无。") has too little text to call copied
MIN_PASSAGE = 16  # a shared run shorter than this is a set phrase, not a copied passage
QUOTED_PASSAGES = 3
QUOTE_CHARS = 120
# Candidate pairs for the exact measure: estimated Jaccard of the shingle sets. A part sharing
# 80% of its text with a text up to 1.6 times as long still has a Jaccard above 0.44.
LSH_THRESHOLD = 0.4
NUM_PERM = 64

_SPACE = re.compile(r"\s")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Normalised:
    text: str  # normalised characters
    starts: tuple[int, ...]  # for each, its first index in the original text
    ends: tuple[int, ...]  # and the index just past it


def normalise(text: str) -> Normalised:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(text):
        if _SPACE.match(ch):
            continue
        if _DIGIT.match(ch):
            if chars and chars[-1] == "#" and ends[-1] == i:  # the same digit run
                ends[-1] = i + 1
                continue
            ch = "#"
        chars.append(ch)
        starts.append(i)
        ends.append(i + 1)
    return Normalised("".join(chars), tuple(starts), tuple(ends))


def shingles(text: str) -> set[str]:
    return {text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}


@dataclass(frozen=True)
class Shared:
    share: float  # of the part's normalised characters, those in shared shingles
    passages: tuple[str, ...]  # shared runs as printed, longest first


def shared(part: str, other: str) -> Shared:
    a, b = normalise(part), normalise(other)
    theirs = shingles(b.text)
    covered = bytearray(len(a.text))
    for i in range(len(a.text) - SHINGLE + 1):
        if a.text[i:i + SHINGLE] in theirs:
            covered[i:i + SHINGLE] = b"\1" * SHINGLE
    runs: list[tuple[int, int]] = []
    start = None
    for i, flag in enumerate([*covered, 0]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((start, i))
            start = None
    long_runs = [(s, e) for s, e in runs if e - s >= MIN_PASSAGE]
    share = sum(e - s for s, e in long_runs) / len(a.text) if a.text else 0.0
    long_runs.sort(key=lambda r: r[0] - r[1])
    passages = tuple(part[a.starts[s]:a.ends[e - 1]] for s, e in long_runs)
    return Shared(share, passages)


def _quote(text: str) -> str:
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "…"


def _agency_key(report: dict) -> str:
    return str(report.get("agency_id") or report.get("agency") or "")


def _name(report: dict) -> str:
    return f"{report.get('agency')} {report.get('year')} 年报告"


def _evidence(part: str, other: dict, result: Shared) -> list[dict]:
    items = [value_evidence(f"相同文字占比（与{_name(other)}的{PART_NAMES[part]}比较，数字不计）",
                            f"{result.share:.0%}")]
    items += [{"label": f"相同的文字（{len(p)} 字）", "text": _quote(p), "section": part}
              for p in result.passages[:QUOTED_PASSAGES]]
    return items


class PeerIndex:
    """Parts 一 and 五 of one region's reports of one year, indexed for near-duplicate candidates."""

    def __init__(self, reports: Iterable[dict]):
        self.reports = list(reports)
        self.position = {id(r): i for i, r in enumerate(self.reports)}
        self.lsh = {part: MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM) for part in PARTS}
        self.hashes: dict[tuple[str, int], MinHash] = {}
        for i, report in enumerate(self.reports):
            for part in PARTS:
                text = normalise(section_text(report, part)).text
                if len(text) < MIN_LENGTH:
                    continue
                mh = MinHash(num_perm=NUM_PERM)
                mh.update_batch([s.encode("utf-8") for s in shingles(text)])
                self.hashes[(part, i)] = mh
                self.lsh[part].insert(f"{i}", mh)

    def candidates(self, report: dict, part: str) -> list[dict]:
        index = self.position.get(id(report))
        mh = self.hashes.get((part, index)) if index is not None else None
        if mh is None:
            return []
        own = _agency_key(report)
        found = [self.reports[int(k)] for k in self.lsh[part].query(mh) if int(k) != index]
        return [r for r in found if _agency_key(r) != own]

    def others(self, report: dict) -> int:
        own = _agency_key(report)
        return sum(1 for r in self.reports if _agency_key(r) != own)


def _against_previous(report: dict, previous: dict | None, part: str, text: str) -> dict:
    name = PART_NAMES[part]
    if previous is None or len(normalise(section_text(previous, part)).text) < MIN_LENGTH:
        return finding(RULE, "not_assessable", f"{name}：没有本机关上一年度同一部分的文字可供比较。")
    result = shared(text, section_text(previous, part))
    evidence = _evidence(part, previous, result)
    if result.share >= THRESHOLD:
        return finding(RULE, "fail", f"{name}与本机关 {previous.get('year')} 年报告的同一部分相同的文字占 "
                       f"{result.share:.0%}（数字不计），达到 {THRESHOLD:.0%}。", evidence)
    return finding(RULE, "pass", f"{name}与本机关 {previous.get('year')} 年报告的同一部分相同的文字占 "
                   f"{result.share:.0%}，低于 {THRESHOLD:.0%}。", evidence)


def _against_peers(report: dict, peers: PeerIndex | None, part: str, text: str) -> dict:
    name = PART_NAMES[part]
    count = peers.others(report) if peers else 0
    if not count or peers is None:
        return finding(RULE, "not_assessable", f"{name}：没有同地区同年度其他机关的报告可供比较。")
    results = sorted(((shared(text, section_text(r, part)), r) for r in peers.candidates(report, part)),
                     key=lambda x: -x[0].share)
    if results and results[0][0].share >= THRESHOLD:
        result, other = results[0]
        return finding(RULE, "fail", f"{name}与{other.get('agency')}同年度报告的同一部分相同的文字占 "
                       f"{result.share:.0%}（数字不计），达到 {THRESHOLD:.0%}。", _evidence(part, other, result))
    top = results[0][0].share if results else None
    evidence = [value_evidence("比较的同地区同年度其他机关报告", count),
                value_evidence("相近候选中最高的相同文字占比", "无相近候选" if top is None else f"{top:.0%}")]
    return finding(RULE, "pass", f"{name}与同地区同年度其他 {count} 份报告比较，没有相同文字达到 "
                   f"{THRESHOLD:.0%} 的。", evidence)


def check(report: dict, previous: dict | None = None, peers: PeerIndex | None = None) -> Iterator[dict]:
    for part in PARTS:
        text = section_text(report, part)
        if len(normalise(text).text) < MIN_LENGTH:
            yield finding(RULE, "not_assessable", f"{PART_NAMES[part]}文字太少或缺失，无法比较。")
            continue
        yield _against_previous(report, previous, part, text)
        yield _against_peers(report, peers, part, text)
