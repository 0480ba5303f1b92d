"""Bytes to text: encoding detection, and plain text to lines of cells."""
from __future__ import annotations

import re

from site_builder.read.document import Line, ReadError


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), then GB18030 (a superset of GBK and GB2312)."""
    if not data.strip():
        raise ReadError("empty file")
    if b"\x00" in data[:4096]:
        raise ReadError("binary file (contains NUL bytes), not a text report")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding != "utf-8-sig" or exc.start < len(data) - 3:
                continue
            text = data[: exc.start].decode(encoding)  # a file cut inside its last character
        if _looks_binary(text):
            raise ReadError("binary file (mostly control characters), not a text report")
        return text
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - declared dependency
        best = None
    else:
        best = from_bytes(data).best()
    if best is None or _looks_binary(str(best)):
        raise ReadError("unreadable encoding: neither UTF-8 nor GB18030/GBK, and no other encoding fits")
    return str(best)


_BAD_CHARS = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    return len(_BAD_CHARS.findall(sample)) > max(8, len(sample) // 20)


def text_lines(text: str) -> list[Line]:
    """Tab-separated cells per line; a line without tabs is one cell."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Line(tuple(line.split("\t"))) for line in text.split("\n")]
