"""Recognise headings that are not marked by a style: numbered, bold, capitalised or well-known lines."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.ingest.raw import RawBlock
from nlp.sections import classify_heading

MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 100
MAX_PLAIN_HEADING_WORDS = 8
_NUMBERED = re.compile(r"^(?:(?:section|part)\s+)?(\d+(?:\.\d+){0,3})[.)]?\s*[:\-–—]?\s+(\S.*)$", re.I)
_SENTENCE_END = re.compile(r"[.;,!]$")
_LABEL_VALUE = re.compile(r":\s*\S")  # "Reviewing manager: SPO" is a field, not a heading
_TERM_DEFINITION = re.compile(r"^\S+\s+[–—-]\s+\S")  # "SARA – Spousal Assault Risk Assessment"


def _short(text: str, max_words: int = MAX_HEADING_WORDS) -> bool:
    return len(text) <= MAX_HEADING_CHARS and 0 < len(text.split()) <= max_words and "\n" not in text


def _numbered_parts(text: str) -> tuple[str, str] | None:
    m = _NUMBERED.match(text.strip())
    if not m:
        return None
    number, rest = m.groups()
    if not _short(rest) or _SENTENCE_END.search(rest) or not rest[0].isupper():
        return None
    return number, rest


def numbered_heading_level(text: str, all_bold: bool = False) -> int | None:
    """Level of a typed-numbered heading ("3.2 Planning" -> 2, "4. Learning" -> 1), else None.

    Single-level numbers ("1. Home visits") are common in lists, so on their own they count only
    when the wording names a known section or the line is bold; `numbered_sequence` accepts the
    rest when they continue the document's own heading numbers.
    """
    parts = _numbered_parts(text)
    if parts is None:
        return None
    number, rest = parts
    level = number.count(".") + 1
    if level == 1 and not (all_bold or classify_heading(rest)[0] != "other"):
        return None
    return level


def numbered_sequence(blocks: Sequence[RawBlock]) -> set[int]:
    """Indices of single-level numbered lines ("5. Sources") that continue the heading numbering.

    A line counts when its number is one more than the last top-level section number the
    document has shown (through an accepted numbered heading or a "4.2"-style sub-heading).
    """
    accepted: set[int] = set()
    last_top = 0
    for i, block in enumerate(blocks):
        if block.kind != "paragraph":
            continue
        parts = _numbered_parts(block.text)
        if parts is None:
            continue
        number = parts[0]
        top = int(number.split(".")[0])
        if "." in number or numbered_heading_level(block.text, block.all_bold) is not None:
            last_top = max(last_top, top)
        elif last_top and top == last_top + 1:
            accepted.add(i)
            last_top = top
    return accepted


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
    if text.endswith("?") or _LABEL_VALUE.search(text) or _TERM_DEFINITION.match(text):
        return False, None
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters) and _short(text, MAX_PLAIN_HEADING_WORDS):
        return True, None
    known = classify_heading(text)[0] != "other"
    return known and text[0].isupper() and _short(text, MAX_PLAIN_HEADING_WORDS), None
