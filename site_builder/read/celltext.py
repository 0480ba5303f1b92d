"""Text of a table cell or a laid-out line, with the layout's damage undone.

PDF and Word both wrap a label inside its cell and justify lines with spaces.
Chinese has no spaces between words, so a break or a gap between two CJK
characters is layout, never text: "补正后申请内容\n仍不明确" is one label.
"""
from __future__ import annotations

import re

_SPACE = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u3000]+")


def is_cjk(ch: str) -> bool:
    """CJK ideographs, CJK and full-width punctuation, and the curly quotes Chinese text uses."""
    code = ord(ch)
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, CJK punctuation (、。「」), kana, ideographs
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFE30 <= code <= 0xFE4F  # CJK compatibility forms
        or 0xFF00 <= code <= 0xFFEF  # full-width forms (（）：，)
        or ch in "\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"
    )


def _tidy_line(line: str) -> str:
    parts = _SPACE.sub(" ", line).strip().split(" ")
    out = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        if out and (is_cjk(out[-1]) and is_cjk(part[0])):
            out += part
        else:
            out += " " + part
    return out


def join_wrapped(lines: list[str]) -> str:
    """Join the lines of one cell: a space only between two Latin letters (English word wrap)."""
    out = ""
    for line in lines:
        line = _tidy_line(line)
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and line[0].isascii() and line[0].isalpha():
            out += " "
        out += line
    return out


def tidy_cell(text: str | None) -> str:
    """A cell's text as one line, its wrapping and justification spaces removed."""
    if not text:
        return ""
    return join_wrapped(text.replace("\r", "\n").split("\n"))
