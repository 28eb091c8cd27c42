"""Parse a corpus review source (the Markdown dialect of corpus/WRITING_GUIDE.md) into elements."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from app.corpus.gold import GoldSentence
from nlp.types import SentenceLabel

MARKER = re.compile(r"\[(D|A)\]\s*")
_LABELS: dict[str, SentenceLabel] = {"D": "descriptive", "A": "analytical"}
_LIST = re.compile(r"^(?:[-*]|\d+\.)\s+")
_TABLE_SEPARATOR = re.compile(r"^\|?[\s:|-]+\|?$")

ElementKind = Literal["title", "heading", "paragraph", "list_item", "table"]


@dataclass
class Element:
    kind: ElementKind
    text: str = ""
    level: int = 0
    ordered: bool = False
    rows: list[list[str]] = field(default_factory=list)


def strip_markers(text: str) -> str:
    return MARKER.sub("", text).strip()


def labelled_sentences(text: str) -> list[GoldSentence]:
    """The marked sentences of one block, in order, as they read once the markers are gone."""
    pieces = MARKER.split(text)
    return [GoldSentence(text=body.strip(), label=_LABELS[label])
            for label, body in zip(pieces[1::2], pieces[2::2], strict=True) if body.strip()]


def _table(lines: list[str]) -> Element:
    rows = [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in lines if not _TABLE_SEPARATOR.match(ln)]
    return Element("table", rows=rows)


def parse_source(md: str) -> list[Element]:
    elements: list[Element] = []
    for chunk in re.split(r"\n\s*\n", md.strip()):
        lines = [ln.rstrip() for ln in chunk.splitlines() if ln.strip()]
        if not lines:
            continue
        if all(ln.lstrip().startswith("|") for ln in lines):
            elements.append(_table(lines))
            continue
        elements.extend(_chunk_elements(lines, after_title=bool(elements) and elements[-1].kind == "title"))
    return elements


def _chunk_elements(lines: list[str], after_title: bool) -> list[Element]:
    """Headings, list items and paragraphs of one blank-line-separated chunk; marked lines run on."""
    out: list[Element] = []
    paragraph: list[str] = []
    for line in lines:
        stripped = line.strip()
        heading = re.match(r"^(#{1,3})\s+(.*)$", stripped)
        runs_on = paragraph and MARKER.search(stripped) and not heading and not _LIST.match(stripped)
        if paragraph and not runs_on:
            out.append(Element("paragraph", " ".join(paragraph)))
            paragraph = []
        if heading:
            level = len(heading.group(1))
            out.append(Element("title" if level == 1 else "heading", heading.group(2).strip(), level - 1))
        elif _LIST.match(stripped):
            out.append(Element("list_item", _LIST.sub("", stripped), ordered=stripped[0].isdigit()))
        elif not MARKER.search(stripped) or (after_title and not out):
            out.append(Element("paragraph", stripped))
        else:
            paragraph.append(stripped)
    if paragraph:
        out.append(Element("paragraph", " ".join(paragraph)))
    return out
