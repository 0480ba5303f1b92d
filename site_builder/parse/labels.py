"""Which form row a printed label means.

Labels arrive wrapped, prefixed by their group's label, with OCR typos and
garbage. A label is matched by the distinctive phrases it contains (contract
`Row.keys`), the longest winning and items beating their group's subtotal; when
no phrase is found whole, by the enumerator it starts with ("(七)") and by the
characters it shares with the official label. Never by position.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from site_builder import contract as c
from site_builder.parse.tokens import normalize

# The enumerator each row prints on the official form (items use 1., 2., … within groups).
_ENUMERATOR = {
    "new_received": "一、", "carried_over": "二、", "granted": "(一)", "partially_granted": "(二)",
    "denied_subtotal": "(三)", "unavailable_subtotal": "(四)", "rejected_subtotal": "(五)",
    "other_subtotal": "(六)", "total_processed": "(七)", "carried_forward": "四、",
}
_ENUM_RE = re.compile(r"^\(?([一二三四五六七八九十]+)[)、]")
_ITEM_RE = re.compile(r"(\d)[.、．]")
_GROUP_WORD = {"denied": "不予公开", "unavailable": "无法提供", "rejected": "不予处理", "other": "其他处理"}


def _key_table(rows: tuple[c.Row, ...]) -> list[tuple[str, c.Row]]:
    return sorted(((normalize(k), r) for r in rows for k in r.keys), key=lambda kr: -len(kr[0]))


_APP_KEYS = _key_table(c.APPLICATION_ROWS)
_ACTIVE_KEYS = _key_table(c.ACTIVE_ROWS)


_TRAILING = re.compile(r"[\s。.,，;；:：)）\]】]*$")


def _by_phrase(label: str, keys: list[tuple[str, c.Row]]) -> c.Row | None:
    """The row whose phrase the label contains; phrases inside a longer found phrase don't count.

    A two-character phrase (其他, 总计) is too common to mean its row anywhere in a label: it
    counts only where it ends the label, as in "3.其他" and "(七) 总计", so a garbled
    "2.其他法律行政止公开" is not taken for 3.其他.
    """
    found: list[tuple[int, int, c.Row]] = []
    end_of_label = len(_TRAILING.sub("", label))
    for key, row in keys:
        start = label.find(key)
        while start >= 0:
            end = start + len(key)
            short_misplaced = len(key) <= 2 and end != end_of_label
            if not short_misplaced and not any(s <= start and end <= e for s, e, _ in found):
                found.append((start, end, row))
            start = label.find(key, start + 1)
    if not found:
        return None
    items = [f for f in found if not f[2].subtotal]
    if not items and any(_ITEM_RE.search(label, end) for _, end, _ in found):
        return None  # "(三) 不予公开 2.<garbled>": an item of the group, not its subtotal
    pool = items or found
    # The longest phrase wins; on a tie the later one (a group label precedes its item).
    return max(pool, key=lambda f: (f[1] - f[0], f[0]))[2]


@lru_cache(maxsize=65536)
def match_application_row(label: str, group_hint: str | None = None) -> str | None:
    """Row key of table 3 for a printed label, or None if the label means no row."""
    norm = normalize(label)
    if not norm:
        return None
    row = _by_phrase(norm, _APP_KEYS)
    if row is not None:
        return row.key
    return _fuzzy_application_row(norm, group_hint)


def _fuzzy_application_row(norm: str, group_hint: str | None) -> str | None:
    item = _ITEM_RE.search(norm)
    if item is not None:
        group = group_hint
        for g, word in _GROUP_WORD.items():
            if _shares(norm[: item.start()], word) >= 0.75:
                group = g
        text = norm[item.end():]
        candidates = [r for r in c.APPLICATION_ROWS if not r.subtotal and r.group is not None]
        best = _best_by_chars(text, candidates, group)
        if best is not None:
            return best
        if group is not None:  # "3." under (六) with a garbled rest is still 3.其他
            keys = c.GROUP_ITEMS[group]
            n = int(item.group(1))
            if 1 <= n <= len(keys) and len(text) <= 2:
                return keys[n - 1]
        return None
    enum = _ENUM_RE.match(norm)
    if enum is not None:
        token = norm[: enum.end()]
        token = token if token.startswith("(") or token.endswith("、") else "(" + token
        for key, mark in _ENUMERATOR.items():
            if mark == token:
                return key
    return _best_by_chars(norm, c.APPLICATION_ROWS, group_hint)


def _best_by_chars(text: str, rows, group: str | None) -> str | None:
    """The row whose official label shares most characters with the text, if clearly best."""
    if len(text) < 2:
        return None
    scored = []
    for r in rows:
        official = normalize(re.sub(r"^[(（]?[一二三四五六七八九十\d]+[)）.、]", "", r.label))
        official = official.split("(")[0]
        # Dice: shared characters over both lengths, so neither a long text nor a short label wins by size.
        score = 2 * _shares(text, official) * len(official) / max(1, len(text) + len(official))
        if group is not None and r.group == group:
            score += 0.05
        scored.append((score, r.key))
    scored.sort(reverse=True)
    best, second = scored[0], scored[1] if len(scored) > 1 else (0.0, None)
    if best[0] >= 0.6 and best[0] - second[0] >= 0.1:
        return best[1]
    return None


def _shares(text: str, official: str) -> float:
    """Fraction of the official label's characters found in the text (as a multiset)."""
    if not official:
        return 0.0
    have = Counter(text)
    hits = sum(min(n, have[ch]) for ch, n in Counter(official).items())
    return hits / len(official)


@lru_cache(maxsize=16384)
def match_active_row(label: str) -> str | None:
    """Row key of table 2, or the printed label of an older form's extra row, or None."""
    norm = normalize(label)
    row = _by_phrase(norm, _ACTIVE_KEYS)
    if row is not None:
        return row.key
    for extra in c.ACTIVE_EXTRA_KEYS:
        if extra in norm:
            return "extra:" + extra
    for r in c.ACTIVE_ROWS:
        if len(norm) >= 3 and _shares(norm, normalize(r.label)) >= 0.8:
            return r.key
    return None


def group_of(label: str) -> str | None:
    """The outcome group a label names ((三) 不予公开 …), for items whose own text is garbled."""
    norm = normalize(label)
    for g, word in _GROUP_WORD.items():
        if word in norm:
            return g
    return None
