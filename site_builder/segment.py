"""Flattened text to lines of cells: the stage between reading and parsing.

A crawler's text of a web page, or a copy from one, often holds a whole report on
one line: headings, table labels and digits run together
(`…（七）总计1000001四、结转下年度继续办理1000001四、政府信息公开行政复议…`). The
parser reads lines of cells, so this stage cuts such a line back into them:

- at part headings (`五、存在的主要问题…`), wherever they stand;
- inside a table, found by the density of the form's known labels (`本年新收`,
  `行政规范性文件`, `结果维持` …), after each run of digits: a run is a row's values,
  the text before it the row's label. The next row's item number glued onto the digits
  (`…1400000142.没有现成信息`) goes back to its label, and so does a year that a
  value ran into (`行政事业性收费02025年，我局…`).

Which row a label means, and how a run of digits splits into cells, is left to the
parser: this stage only decides where rows begin and end. Lines that hold no table
and no heading come out unchanged, so tidy inputs are read exactly as before.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace

from site_builder import contract as c
from site_builder.read.document import Line, RawDocument

# Words that only a table of the form prints, by table. Two-character words that prose also
# uses (其他, 总计) are left out: they don't make a table, they are in one.
_TABLE_WORDS: tuple[str, ...] = tuple(sorted({
    *(k for r in c.APPLICATION_ROWS for k in r.keys if len(k) > 2),
    *(col.keys[0] for col in c.APPLICANT_COLUMNS if len(col.keys[0]) > 2),
    "申请人情况", "本年度办理结果", "勾稽关系", "钩稽关系", "法人或其他组织",
    *(k for r in c.ACTIVE_ROWS for k in r.keys), *c.ACTIVE_EXTRA_KEYS,
    *(label for _, fields in c.ACTIVE_FIELDS.items() for _, label in fields if "（" not in label),
    "本年收费金额", "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量", "处理决定数量",
    "上一年项目数量", "本年增/减", "本年增减", "采购项目数量", "采购总金额", "本列数据",
    "行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉",
}, key=len, reverse=True))
# Header words: a label holding one of these is (or starts with) a table's column header.
_HEADER_WORDS: tuple[str, ...] = (
    "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
    "本年制发件数", "本年废止件数", "本年废纸件数", "现行有效件数", "先行有效件数", "本年处理决定数量",
    "本年收费金额", "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量", "处理决定数量",
    "上一年项目数量", "本年增/减", "本年增减", "采购项目数量", "采购总金额",
    "结果维持", "结果纠正", "其他结果", "尚未审结", "复议后起诉", "未经复议直接起诉",
)


def _spaced(words) -> re.Pattern:
    """Any of the words, with white space allowed between characters (`结果 纠正`, `尚未 审结`)."""
    return re.compile("|".join(r"\s*".join(map(re.escape, w)) for w in sorted(words, key=len, reverse=True)))


_WORD_RE = _spaced(_TABLE_WORDS)
_HEADER_RE = _spaced(_HEADER_WORDS)

# Part headings: a numeral mark, then the heading's words (any numeral: parts are renumbered).
_HEADING_PHRASES = sorted({p for ps in c.PART_HEADINGS.values() for p in ps} | set(c.EXTRA_HEADINGS),
                          key=len, reverse=True)
_HEADING_RE = re.compile(
    r"第?[一二三四五六七八九十]{1,2}(?:部分)?\s*[、.．]\s*(?:政府信息公开(?:工作)?)?(?:当前)?"
    r"(?:" + "|".join(re.escape(p) for p in _HEADING_PHRASES) + r")"
)
_HEADING_END = re.compile(r"(?:情况|措施|事项|问题)")

_DIGIT = "0-9０-９"
# A run of printed values: digits, with spaces, decimal points, thousands separators and
# blank markers between them.
# A sign starts a cell only before a digit: the 2019 form's 本年增/减 prints `1-10` (1 | -1 | 0).
_CELL = (rf"(?:[+＋\-−]?[{_DIGIT}](?:[{_DIGIT}.．,，]*[{_DIGIT}])?|[/／—–－]+|-{{1,2}}(?![{_DIGIT}]))")
_RUN_RE = re.compile(rf"{_CELL}(?:[\s\u3000\xa0]*{_CELL})*")
_HAS_DIGIT = re.compile(f"[{_DIGIT}]")
_ENUM_AFTER = re.compile(r"\s*[.．、](?![0-9０-９])")
_YEAR_AFTER = re.compile(r"\s*年")
_YEAR_END = re.compile(r"(?:19|20)\d{2}$")
# A number with its unit is a count in a sentence (收到申请3件), not a cell.
_LABEL_NUMBER_AFTER = re.compile(r"[)）条项款号%％件个次篇份]")
_LABEL_NUMBER_BEFORE = re.compile(r"[(（第]\s*$")
_ENUMERATOR = re.compile(r"(?:[(（][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}、|[1-9][.．、])")

MIN_WORDS = 3  # table words a stretch of text needs to be taken for a table
MAX_GAP = 90  # characters between two table words of one table (a long label and its values)
MIN_LENGTH = 60  # shorter lines are one row already


def segment(doc: RawDocument) -> RawDocument:
    """The document with every flattened line cut into headings, table rows and prose."""
    lines: list[Line] = []
    origins: list[int] = []
    unwrapped, joined = unwrap(doc.lines)
    changed = unwrapped is not doc.lines
    for line, origin in zip(unwrapped, joined):
        cut = cut_line(line.text) if _plain(line) and len(line.text) >= MIN_LENGTH else [line]
        changed = changed or len(cut) > 1
        lines += cut
        origins += [origin] * len(cut)
    return replace(doc, lines=lines, origins=origins) if changed else doc


WRAP_MIN = 40  # a hard wrap narrower than this is a layout, not a dump


def unwrap(lines: list[Line]) -> tuple[list[Line], list[int]]:
    """Undo a hard wrap: a dump that cut flattened text every W characters leaves most long
    lines exactly W long, with a row's label and digits on two lines. A line of that width
    is joined with the next one. Lines of varied width (PDF text, pasted tables) stay.
    Returns the lines and, for each, the index of its first original line."""
    identity = list(range(len(lines)))
    widths = Counter(len(ln.text) for ln in lines if _plain(ln) and len(ln.text) >= WRAP_MIN)
    if not widths:
        return lines, identity
    width, count = widths.most_common(1)[0]
    if count < 3 or count < 0.6 * sum(widths.values()):
        return lines, identity
    out: list[Line] = []
    origins: list[int] = []
    pending, start = "", 0
    for i, ln in enumerate(lines):
        if not _plain(ln):
            if pending:
                out.append(Line((pending,)))
                origins.append(start)
                pending = ""
            out.append(ln)
            origins.append(i)
            continue
        if not pending:
            start = i
        pending += ln.text
        if len(ln.text) != width:
            out.append(Line((pending,)))
            origins.append(start)
            pending = ""
    if pending:
        out.append(Line((pending,)))
        origins.append(start)
    return out, origins


def _plain(line: Line) -> bool:
    """A line of text with no cells: the only kind a hard wrap makes."""
    return not line.grid and len(line.cells) == 1


def cut_line(text: str) -> list[Line]:
    """One line of flattened text as headings, table rows (label, values) and prose lines."""
    out: list[Line] = []
    pieces = _split_headings(text)
    for piece, is_heading in pieces:
        if is_heading:
            out.append(Line((piece.strip(),)))
        else:
            out += _cut_tables(piece)
    out = [ln for ln in out if ln.text.strip()]
    if not any(len(ln.cells) > 1 for ln in out) and not any(h for _, h in pieces[1:]):
        return [Line((text,))]  # no row with values and no heading inside: a header or prose line
    return out


def _split_headings(text: str) -> list[tuple[str, bool]]:
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for m in _HEADING_RE.finditer(text):
        end = _heading_end(text, m)
        if m.start() > pos:
            pieces.append((text[pos:m.start()], False))
        pieces.append((text[m.start():end], True))
        pos = end
    if pos < len(text):
        pieces.append((text[pos:], False))
    return pieces


def _heading_end(text: str, m: re.Match) -> int:
    """A heading ends after its phrase and the words that close it (…及改进情况, …措施)."""
    end = m.end()
    tail = _HEADING_END.search(text, end, min(len(text), end + 8))
    if tail and not re.search(r"[\s。，,；;：:（(0-9０-９]", text[end:tail.start()]):
        end = tail.end()
    return end


def _cut_tables(text: str) -> list[Line]:
    """Prose stays one line; each table region inside it becomes one line per printed row."""
    out: list[Line] = []
    pos = 0
    for start, end in table_regions(text):
        start = _past_sentences(text, max(start, pos), end)
        if start is None:
            continue  # a sentence naming the form's words, no table
        if start > pos:
            out.append(Line((text[pos:start],)))
        rows, stop = _rows(text, start, end)
        out += rows
        pos = stop
    if pos < len(text):
        out.append(Line((text[pos:],)))
    return out


def table_regions(text: str) -> list[tuple[int, int]]:
    """[start, end) of each stretch dense in the form's table words; end is the last word's end."""
    regions: list[tuple[int, int]] = []
    group: list[re.Match] = []
    for m in _WORD_RE.finditer(text):
        if group and m.start() - group[-1].end() > MAX_GAP:
            regions += _region(group)
            group = []
        group.append(m)
    regions += _region(group)
    return [(_back_over_enumerator(text, s), e) for s, e in regions]


_SENTENCE_END = re.compile(r"[。！？；!?]")


def _past_sentences(text: str, start: int, end: int) -> int | None:
    """A table starts after the last sentence before its first values: a sentence between a
    heading and the digits (`2024年，没有政府信息公开行政复议及行政诉讼情况。行政复议…`) names the
    form's words but is text. None when what is left of the region is no table."""
    run = _next_run(text, start)
    limit = min(run[0], end) if run else end
    last = None
    for last in _SENTENCE_END.finditer(text, start, limit):
        pass
    if last is None:
        return start
    start = last.end()
    words = {"".join(m.group(0).split()) for m in _WORD_RE.finditer(text, start, end)}
    return start if len(words) >= MIN_WORDS else None


def _region(words: list[re.Match]) -> list[tuple[int, int]]:
    """A table names several of its words; prose that mentions 规范性文件 twice is no table."""
    if len({"".join(m.group(0).split()) for m in words}) < MIN_WORDS:
        return []
    return [(words[0].start(), words[-1].end())]


def _back_over_enumerator(text: str, start: int) -> int:
    """A table's first label starts at its enumerator (一、本年新收…, 第二十条…)."""
    before = text[max(0, start - 6):start]
    m = re.search(r"(?:第[一二三四五六七八九十]+条.*|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]、|[1-9][.．、]|[(（])$",
                  before)
    return start - len(m.group(0)) if m else start


def _rows(text: str, start: int, end: int) -> tuple[list[Line], int]:
    """Table rows between start and the values after the region's last word.

    Returns the rows and where the table stops: after the last row's values, or, when
    the last label has none, at the end of the region's last word.
    """
    rows: list[Line] = []
    label_start = start
    pos = start
    stop = end
    while True:
        run = _next_run(text, pos)
        if run is None:
            break
        run_start, run_end = run
        gap = text[end:run_start] if run_start > end else ""
        if len(gap.strip()) > 12 or re.search(r"[。；;！!，,]", gap):
            break  # past the table: the digits belong to the prose after it
        label = text[label_start:run_start]
        rows += _label_lines(label, text[run_start:run_end])
        label_start = pos = run_end
        stop = run_end
        if run_end >= end and not _WORD_RE.search(text, run_end, min(len(text), run_end + MAX_GAP)):
            break
    if label_start < end:  # the region's last labels printed no values
        rows += _label_lines(text[label_start:end], "")
        stop = max(stop, end)
    return rows, stop


def _next_run(text: str, pos: int) -> tuple[int, int] | None:
    """(start, end) of the next run of values at or after pos.

    A number that belongs to a label is skipped: an enumerator (`2.没有现成…`, the last digit
    of a run glued to the next label), a bracketed or counted number (`（1）`, `第20条`),
    a year that a value ran into (`…02025年`).
    """
    for m in _RUN_RE.finditer(text, pos):
        s, e = m.span()
        run = text[s:e]
        if not _HAS_DIGIT.search(run) and not (s > 0 and text[s - 1].isspace()):
            continue  # blank markers ("/ / /") count as a row's values only set apart from its label
        if _LABEL_NUMBER_BEFORE.search(text, max(0, s - 2), s) or _LABEL_NUMBER_AFTER.match(text, e):
            continue
        if _ENUM_AFTER.match(text, e):  # "…00000002.其他法律…": the 2. starts the next label
            e -= 1
            run = text[s:e].rstrip()
            e = s + len(run)
            if not run or not _HAS_DIGIT.search(run):
                continue
        if _YEAR_AFTER.match(text, e):
            digits = unicodedata.normalize("NFKC", run)
            year = _YEAR_END.search(digits)
            if year is None:
                continue  # "12月" style dates in a label
            e -= 4
            run = text[s:e].rstrip()
            e = s + len(run)
            if not run:
                continue
        return s, e
    return None


def _label_lines(label: str, values: str) -> list[Line]:
    """A printed row as a line of cells; a column header before its first label goes on a
    line of its own, so that it reads as the table's header and not as part of a label."""
    label = label.strip()
    header, label = _split_header(label)
    out = [Line((header,), grid=True)] if header else []
    *unprinted, label = _rows_in_label(label)
    out += [Line((text,), grid=True) for text in unprinted]
    if label or values.strip():
        out.append(Line((label, values.strip()) if values.strip() else (label,), grid=True))
    return out


_ITEM_WORDS = sorted({k for r in c.APPLICATION_ROWS if not r.subtotal for k in r.keys}, key=len, reverse=True)
# An item's own words: a long phrase anywhere, a two-character one (其他, 总计) only at the end.
_ITEM_IN = re.compile("|".join(re.escape(k) for k in _ITEM_WORDS if len(k) > 2))
_ITEM_AT_END = re.compile("(?:" + "|".join(re.escape(k) for k in _ITEM_WORDS if len(k) <= 2) + r")\s*$")


def _rows_in_label(label: str) -> list[str]:
    """A label that runs over rows that printed no values (`…申请3.其他（七）总计`): one label
    per row, cut before each enumerator that follows a row's own words. A group's words
    (（三）不予公开1.属于国家秘密) stay with the item that follows them."""
    pieces: list[str] = []
    start = 0
    for m in _ENUMERATOR.finditer(label):
        if m.start() == start:
            continue
        before = label[start:m.start()]
        if _ITEM_IN.search(before) or _ITEM_AT_END.search(before):
            pieces.append(before.strip())
            start = m.start()
    pieces.append(label[start:].strip())
    return pieces


def _split_header(label: str) -> tuple[str, str]:
    last = None
    for m in _HEADER_RE.finditer(label):
        last = m
    if last is None:
        return "", label
    # the row's label starts at its enumerator after the header's last word, or right after that word
    enum = _ENUMERATOR.search(label, last.end())
    cut = enum.start() if enum else last.end()
    return label[:cut].strip(), label[cut:].strip()
