"""Safe, unique and stable file names for agency names.

An agency name is untrusted text: it may hold slashes, dots, control characters,
HTML, or be long enough to break a file system. The slug keeps the readable part
(CJK characters, ASCII letters and digits) so a shared link still says which
agency it is, and appends a hash of the *whole* name, so two names that differ
only in punctuation get different pages, and the same name gets the same page
in every build (a stable permalink).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Iterable

MAX_READABLE = 32  # characters of the readable part: keeps paths far below any file system limit
HASH_CHARS = 10  # 40 bits: collisions among 10,000 names are ~1 in 20,000 builds, and then deduplicated

_KEEP = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff]+")


def readable_part(name: str) -> str:
    """The name's letters, digits and CJK characters, joined by hyphens, lower case."""
    text = unicodedata.normalize("NFKC", name).lower()
    return "-".join(_KEEP.findall(text))[:MAX_READABLE].strip("-")


def name_hash(name: str) -> str:
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:HASH_CHARS]


def slugify(name: str, key: str | None = None) -> str:
    """One name's slug, e.g. 凤泉区人民政府办公室-7c4a8d09ca; the hash is of `key` when given."""
    readable = readable_part(name)
    digest = name_hash(name if key is None else key)
    return f"{readable}-{digest}" if readable else f"agency-{digest}"


def unique_slugs(names: Iterable[str]) -> dict[str, str]:
    """A slug for every distinct name, unique even if two hashes collide.

    Collisions are settled in sorted name order, so the result depends only on
    the set of names, not on the order the reports were read in.
    """
    return keyed_slugs({name: name for name in names})


def keyed_slugs(readable: dict[str, str]) -> dict[str, str]:
    """A slug per key (an agency_id): the readable text's letters, then a hash of the key, so
    two agencies that read alike get two pages and an agency keeps its page across builds."""
    result: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(readable):
        slug = base = slugify(readable[name], name)
        n = 2
        while slug in taken:
            slug = f"{base}-{n}"
            n += 1
        taken.add(slug)
        result[name] = slug
    return result
