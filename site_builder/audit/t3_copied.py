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
distribution): of the 29 consecutive-year pairs of part 一 and 30 of part 五 of the
平潭 agencies, the shares run up to 0.64 (part 一) and 0.60 (part 五) — new text,
or some reused paragraphs — and then jump to 0.87–0.98 (一) and 0.81–1.00 (五): the
same text with this year's numbers and a sentence or two changed (read for the
tests: 财政金融局 2024, 2025; 市场监督管理局 2023, 2024). No pair of different
agencies of the same year shares more than 0.33. 0.80 lies in the gap: a finding
means at most a fifth of the part is new.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

import numpy as np
from datasketch import MinHash, MinHashLSH

from site_builder.audit.findings import finding, section_text, value_evidence

RULE = "T3"
PARTS = ("overview", "problems")
PART_NAMES = {"overview": "第一部分", "problems": "第五部分"}
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
MAX_SCAN = 200  # candidates ranked by their sketches, per report and part
MAX_MEASURED = 3  # of those, measured exactly (the first at or above THRESHOLD settles it)
# A group this small is scanned whole by its sketches: building an LSH index (b hash tables per
# part) costs more than comparing a few dozen sketches, and most region-years are this small.
LSH_MIN_GROUP = 64

_TOKEN = re.compile(r"\d+|\S")  # a digit run is one token; whitespace is none
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_EDGE = "。，、；：,.;: \n"


@lru_cache(maxsize=4096)  # each part is normalised for its own check, its successor's and its peers'
def normalised(text: str) -> str:
    return _SPACES.sub("", _DIGITS.sub("#", text))


@lru_cache(maxsize=256)  # a part is quoted against its previous year and against its peers
def offsets(text: str) -> list[tuple[int, int]]:
    """For each normalised character, its [start, end) in the original text (quoting needs it)."""
    return [m.span() for m in _TOKEN.finditer(text)]


# Shingles are handled as 64-bit hashes, computed for every window of a text at once with numpy (a
# polynomial hash of the window's code points, wrapping at 2**64): the same in every process, a
# tenth of the time of hashing each 8-character string in Python, and a third of the memory (at
# 50,000 reports a cache of the strings took gigabytes). Two different windows of one region share
# a hash with negligible probability.
_BASE = np.uint64(0x9E3779B97F4A7C15)  # odd, so every position of the window counts
with np.errstate(over="ignore"):
    _POWERS = np.cumprod(np.full(SHINGLE, _BASE, dtype=np.uint64), dtype=np.uint64)[::-1].copy()


@lru_cache(maxsize=512)  # a part is measured as `part` (its windows) and as `other` (its set)
def window_hashes(text: str) -> np.ndarray:
    """The hash of each window of SHINGLE characters, in order (uint64; empty for a short text)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) < SHINGLE:
        return np.empty(0, dtype=np.uint64)
    windows = np.lib.stride_tricks.sliding_window_view(codes, SHINGLE)
    with np.errstate(over="ignore"):
        return (windows * _POWERS).sum(axis=1, dtype=np.uint64)


@lru_cache(maxsize=1024)  # a part's shingles serve its own sketch, its successor's check and its peers'
def shingles(text: str) -> np.ndarray:
    """The text's distinct shingle hashes, sorted."""
    return np.unique(window_hashes(text))


@dataclass(frozen=True)
class Shared:
    share: float  # of the part's normalised characters, those in shared shingles
    passages: tuple[str, ...]  # shared runs as printed, longest first


def shared_runs(a: str, theirs: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) runs of `a` covered by shingles that `theirs` (sorted hashes) also holds: the
    characters of every shared window, runs of them joined where windows overlap or touch."""
    own = window_hashes(a)
    if not len(own) or not len(theirs):
        return []
    at = np.minimum(np.searchsorted(theirs, own), len(theirs) - 1)
    hit = (theirs[at] == own).astype(np.int8)
    covered = np.convolve(hit, np.ones(SHINGLE, dtype=np.int8))[:len(a)] > 0  # char c: a window in [c-7, c]
    edges = np.flatnonzero(np.diff(np.concatenate(([False], covered, [False])).astype(np.int8)))
    return [(int(start), int(end)) for start, end in zip(edges[::2], edges[1::2])]


def shared(part: str, other: str, quote: bool = True) -> Shared:
    a = normalised(part)
    long_runs = [(s, e) for s, e in shared_runs(a, shingles(normalised(other))) if e - s >= MIN_PASSAGE]
    share = sum(e - s for s, e in long_runs) / len(a) if a else 0.0
    if not quote or not long_runs:
        return Shared(share, ())
    spans = offsets(part)
    long_runs.sort(key=lambda r: r[0] - r[1])
    # A run may begin or end on the punctuation between sentences: quote from the words.
    passages = tuple(part[spans[s][0]:spans[e - 1][1]].strip(_EDGE) for s, e in long_runs[:QUOTED_PASSAGES])
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


@lru_cache(maxsize=1)
def _lsh_params() -> tuple[int, int]:
    """(bands, rows) for LSH_THRESHOLD: datasketch integrates for them, 30 ms a time, so once."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


@lru_cache(maxsize=1)
def _empty_minhash() -> MinHash:
    # Shingles come hashed (window_hashes): datasketch's default sha1 per shingle dominated the time.
    return MinHash(num_perm=NUM_PERM, hashfunc=int)


def minhash(text: str) -> MinHash:
    mh = _empty_minhash().copy()  # a copy shares the permutations instead of drawing them again
    # A quarter of the shingles, chosen by their hash, so the same in every text: the Jaccard of
    # the samples estimates that of the sets, and the sketch costs a quarter of the time.
    sample = shingles(text)
    sample = sample[(sample & np.uint64(3)) == 0] & np.uint64(0xFFFFFFFF)
    mh.update_batch(sample.tolist() or [0])
    return mh


class PeerIndex:
    """Parts 一 and 五 of one region's reports of one year, indexed for near-duplicate candidates."""

    def __init__(self, reports: Iterable[dict]):
        self.reports = list(reports)
        self.position = {id(r): i for i, r in enumerate(self.reports)}
        self.per_agency = Counter(_agency_key(r) for r in self.reports)
        self.hashes: dict[tuple[str, int], MinHash] = {}
        self.lsh: dict[str, MinHashLSH] | None = None
        # Per part, the sketches of the indexed reports as one matrix (a row each), so a report's
        # estimated Jaccard with all of them is one comparison; `rows` maps rows to reports.
        self.matrix: dict[str, np.ndarray] = {}
        self.rows: dict[str, list[int]] = {part: [] for part in PARTS}
        if len(self.per_agency) < 2:  # one agency: nothing to compare, nothing to index
            return
        if len(self.reports) >= LSH_MIN_GROUP:
            self.lsh = {part: MinHashLSH(num_perm=NUM_PERM, params=_lsh_params()) for part in PARTS}
        for i, report in enumerate(self.reports):
            for part in PARTS:
                text = normalised(section_text(report, part))
                if len(text) < MIN_LENGTH:
                    continue
                mh = minhash(text)
                self.hashes[(part, i)] = mh
                if self.lsh is not None:  # keyed by its row in the part's matrix
                    self.lsh[part].insert(f"{len(self.rows[part])}", mh)
                self.rows[part].append(i)
        for part, rows in self.rows.items():
            if rows:
                self.matrix[part] = np.stack([self.hashes[(part, i)].hashvalues for i in rows])

    def _scan(self, part: str, mh: MinHash) -> list[tuple[float, int]]:
        """(estimated Jaccard, report index) of the group's reports that may share this part's text:
        LSH's candidates in a large group, every report in a small one."""
        rows = self.rows[part]
        if self.lsh is not None:
            # Sorted: the query answers a set, whose order (hence which MAX_SCAN are ranked) would
            # change with every process's string hashes.
            picked = sorted(int(k) for k in self.lsh[part].query(mh))[:MAX_SCAN]
        else:
            picked = list(range(len(rows)))
        if not picked:
            return []
        sims = (self.matrix[part][picked] == mh.hashvalues).sum(axis=1) / NUM_PERM
        return [(float(j), rows[r]) for j, r in zip(sims, picked)]

    def candidates(self, report: dict, part: str) -> list[dict]:
        """Other agencies' reports whose part may share much text with this one, likeliest first.

        Where many reports share a template, a bucket holds hundreds: only MAX_SCAN of them are
        ranked by their sketches and MAX_MEASURED measured, so the cost per report stays bounded.
        """
        index = self.position.get(id(report))
        mh = self.hashes.get((part, index)) if index is not None else None
        if mh is None:
            return []
        own = _agency_key(report)
        # LSH's own criterion (estimated Jaccard >= LSH_THRESHOLD), so a group scanned whole finds the same
        found = [(j, k) for j, k in self._scan(part, mh)
                 if j >= LSH_THRESHOLD and k != index and _agency_key(self.reports[k]) != own]
        found.sort(key=lambda x: (-x[0], x[1]))
        return [self.reports[k] for _, k in found[:MAX_MEASURED]]

    def others(self, report: dict) -> int:
        return len(self.reports) - self.per_agency[_agency_key(report)]


def _peer_scope(report: dict) -> str:
    # Before agencies are linked to regions, the peers are the year's reports that have no region.
    return "同地区同年度" if report.get("region") or report.get("region_code") else "同年度（未标注地区）"


def _against_previous(report: dict, previous: dict | None, part: str, text: str) -> dict:
    name = PART_NAMES[part]
    if previous is None or len(normalised(section_text(previous, part))) < MIN_LENGTH:
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
        return finding(RULE, "not_assessable", f"{name}：没有{_peer_scope(report)}其他机关的报告可供比较。")
    results = []
    for other in peers.candidates(report, part):
        results.append((shared(text, section_text(other, part)), other))
        if results[-1][0].share >= THRESHOLD:
            break
    results.sort(key=lambda x: -x[0].share)
    if results and results[0][0].share >= THRESHOLD:
        result, other = results[0]
        return finding(RULE, "fail", f"{name}与{other.get('agency')}同年度报告的同一部分相同的文字占 "
                       f"{result.share:.0%}（数字不计），达到 {THRESHOLD:.0%}。", _evidence(part, other, result))
    top = results[0][0].share if results else None
    evidence = [value_evidence(f"比较的{_peer_scope(report)}其他机关报告", count),
                value_evidence("相近候选中最高的相同文字占比", "无相近候选" if top is None else f"{top:.0%}")]
    return finding(RULE, "pass", f"{name}与{_peer_scope(report)}其他 {count} 份报告比较，没有相同文字达到 "
                   f"{THRESHOLD:.0%} 的。", evidence)


def check(report: dict, previous: dict | None = None, peers: PeerIndex | None = None) -> Iterator[dict]:
    if previous is None and not (peers and peers.others(report)):
        yield finding(RULE, "not_assessable", f"没有本机关上一年度、{_peer_scope(report)}其他机关的报告，无从比较。")
        return
    for part in PARTS:
        text = section_text(report, part)
        if len(normalised(text)) < MIN_LENGTH:
            yield finding(RULE, "not_assessable", f"{PART_NAMES[part]}文字太少或缺失，无法比较。")
            continue
        yield _against_previous(report, previous, part, text)
        yield _against_peers(report, peers, part, text)
