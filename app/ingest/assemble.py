"""Turn a reader's raw blocks into a `Review`: headings found, sections kinded and nested."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from app.ingest.headings import looks_like_heading, numbered_sequence
from app.ingest.raw import RawBlock
from nlp.sections import FRONT_MATTER, classify_heading
from nlp.types import Block, DocFormat, Review, Section, SectionKind, SectionSubkind

PREAMBLE_ID = "s0"
_ANALYSIS_PARENTS: frozenset[SectionKind] = frozenset({"analysis_of_practice", "overall_judgements"})
_NESTING_PARENTS: frozenset[SectionKind] = frozenset(
    {"analysis_of_practice", "overall_judgements", "learning", "case_summary", "victim_summary"}
)


@dataclass
class _Parent:
    kind: SectionKind
    level: int


def _heading_of(raw: RawBlock, in_sequence: bool) -> tuple[bool, int | None]:
    if in_sequence:
        return True, 1
    if raw.kind == "heading":
        return True, raw.level
    if raw.kind == "paragraph":
        is_heading, level = looks_like_heading(raw)
        return is_heading, level if level is not None else raw.level
    return False, None


def _section_for(
    title: str, level: int | None, parent: _Parent | None
) -> tuple[SectionKind, SectionSubkind | None, int]:
    """Kind, sub-kind and level of a heading, nesting it under `parent` where that fits."""
    kind, subkind = classify_heading(title)
    if level is None:
        level = 1 if (kind != "other" and subkind is None) or parent is None else parent.level + 1
    nested = parent is not None and level > parent.level and parent.kind in _NESTING_PARENTS
    # Under an analysis or judgement heading, a sub-heading that reads like front matter ("Background to the
    # decision", "Was the plan fit for purpose?") belongs to its parent.
    front = kind in FRONT_MATTER and parent is not None and parent.kind in _ANALYSIS_PARENTS
    if nested and parent is not None and (kind == "other" or front
                                          or (subkind and parent.kind != "analysis_of_practice")):
        return parent.kind, subkind if parent.kind == "analysis_of_practice" else None, level
    return kind, subkind, level


def assemble(raw_blocks: list[RawBlock], *, filename: str, fmt: DocFormat, data: bytes,
             pages: int | None = None, notes: tuple[str, ...] = ()) -> Review:
    sections = [Section(id=PREAMBLE_ID, title="", kind="other", level=0)]
    blocks: list[Block] = []
    parent: _Parent | None = None
    sequence = numbered_sequence(raw_blocks)
    for position, raw in enumerate(raw_blocks):
        text = raw.text.strip("\r\n")
        if not text.strip():
            continue
        is_heading, level = _heading_of(raw, position in sequence)
        index = len(blocks)
        if is_heading:
            title = " ".join(text.split())
            kind, subkind, level = _section_for(title, level, parent)
            sid = f"s{len(sections)}"
            sections.append(Section(id=sid, title=title, kind=kind, subkind=subkind, level=level,
                                    heading_block=index))
            if kind != "other" and (parent is None or level <= parent.level or kind != parent.kind):
                parent = _Parent(kind, level)
            blocks.append(Block(index=index, kind="heading", text=text, section=sid, level=level,
                                style=raw.style, page=raw.page))
            continue
        kind_out = "paragraph" if raw.kind == "heading" else raw.kind
        blocks.append(Block(index=index, kind=kind_out, text=text, section=sections[-1].id,
                            style=raw.style, page=raw.page, cell=raw.cell))
    if len(blocks) > 0 and not any(b.section == PREAMBLE_ID for b in blocks):
        sections = sections[1:]
    return Review(filename=filename, format=fmt, sha256=hashlib.sha256(data).hexdigest(),
                  blocks=tuple(blocks), sections=tuple(sections), pages=pages, notes=notes)
