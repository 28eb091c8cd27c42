"""Recognise headings that are not marked by a style: numbered, bold, capitalised or well-known lines."""

from __future__ import annotations

import re

from app.ingest.raw import RawBlock
from nlp.sections import classify_heading

MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 100
MAX_PLAIN_HEADING_WORDS = 8
_NUMBERED = re.compile(r"^(?:(?:section|part)\s+)?(\d+(?:\.\d+){0,3})[.)]?\s*[:\-–—]?\s+(\S.*)$", re.I)
_SENTENCE_END = re.compile(r"[.;,?!]$")


def _short(text: str, max_words: int = MAX_HEADING_WORDS) -> bool:
    return len(text) <= MAX_HEADING_CHARS and 0 < len(text.split()) <= max_words and "\n" not in text


def numbered_heading_level(text: str, all_bold: bool = False) -> int | None:
    """Level of a typed-numbered heading ("3.2 Planning" -> 2, "4. Learning" -> 1), else None.

    Single-level numbers ("1. Home visits") are common in lists, so they count only when the
    wording names a known section or the line is bold.
    """
    m = _NUMBERED.match(text.strip())
    if not m:
        return None
    number, rest = m.groups()
    if not _short(rest) or _SENTENCE_END.search(rest) or not rest[0].isupper():
        return None
    level = number.count(".") + 1
    if level == 1 and not (all_bold or classify_heading(rest)[0] != "other"):
        return None
    return level


def looks_like_heading(block: RawBlock) -> tuple[bool, int | None]:
    """Decide whether an unstyled paragraph is a heading; return (is_heading, level or None)."""
    text = block.text.strip()
    if block.kind == "table_cell" or not text:
        return False, None
    level = numbered_heading_level(text, block.all_bold)
    if level is not None:
        return True, level
    if _SENTENCE_END.search(text) or not _short(text):
        return False, None
    if block.all_bold or block.larger_font:
        return True, None
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters) and _short(text, MAX_PLAIN_HEADING_WORDS):
        return True, None
    known = classify_heading(text)[0] != "other"
    return known and text[0].isupper() and _short(text, MAX_PLAIN_HEADING_WORDS), None
