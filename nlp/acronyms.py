"""Acronyms a victim's family is not given the meaning of: `acronym.undefined`, `acronym.defined-late`.

The `prescreen_acronyms` component marks candidates (`doc.spans["acronyms"]`) and inline
definitions (`doc.spans["acronym_definitions"]`) in each block; `acronym_findings` then resolves,
per acronym and across the whole review, whether it was explained at first use, only later, only
in a glossary, or never — one finding per acronym, at its first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.acronym_candidates import Candidate, base_form, find_candidates
from nlp.acronym_definitions import glossary_line, inline_definitions
from nlp.checks import spec
from nlp.glossary import Glossary
from nlp.sentences import block_location
from nlp.types import Block, Finding, Review

SPANS_KEY = "acronyms"
DEFINITIONS_KEY = "acronym_definitions"
_HEADER_FIELD = re.compile(r"^[A-Z][\w ’'/()-]{1,40}:\s+\S")
GLOSSARY_HEADER_TERMS = ("term", "acronym", "abbreviation", "short")
GLOSSARY_HEADER_MEANINGS = ("meaning", "explanation", "definition", "stands for", "what it means", "full")

Status = Literal["inline-first-use", "inline-later", "glossary", "never"]

for _name in ("acronym_key", "long_form", "definition_pattern"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


def mark_acronyms(doc: Doc) -> Doc:
    """Set `doc.spans["acronyms"]` and `doc.spans["acronym_definitions"]` with their `Span._` keys."""
    candidates = find_candidates(doc)
    spans = []
    for c in candidates:
        span = doc[c.token: c.token + 1]
        span._.acronym_key = c.key
        spans.append(span)
    doc.spans[SPANS_KEY] = spans
    definitions = []
    for d in inline_definitions(doc, candidates):
        token = next(c.token for c in candidates if c.start == d.start)
        span = doc[token: token + 1]
        span._.acronym_key, span._.long_form, span._.definition_pattern = d.key, d.long_form, d.pattern
        definitions.append(span)
    doc.spans[DEFINITIONS_KEY] = definitions
    return doc


@Language.factory("prescreen_acronyms", assigns=["doc.spans"],
                  requires=["token.pos", "token.is_sent_start"])
def make_acronym_marker(nlp: Language, name: str) -> object:  # noqa: ARG001 - spaCy factory signature
    return mark_acronyms


@dataclass(frozen=True)
class Use:
    key: str
    block: Block
    start: int
    end: int
    sentence: int = 0  # char offset of the sentence's start in the block


@dataclass(frozen=True)
class Resolution:
    key: str
    status: Status
    uses: int
    first: Use
    explained_in: int | None = None


def _glossary_tables(review: Review) -> set[int]:
    """Tables whose header row reads like `Term | Meaning`."""
    tables = set()
    headers: dict[int, list[str]] = {}
    for b in review.blocks:
        if b.cell and b.cell.row == 0:
            headers.setdefault(b.cell.table, []).append(b.text.lower())
    for table, cells in headers.items():
        if len(cells) >= 2 and any(t in cells[0] for t in GLOSSARY_HEADER_TERMS) \
                and any(m in " ".join(cells[1:]) for m in GLOSSARY_HEADER_MEANINGS):
            tables.add(table)
    return tables


def glossary_keys(review: Review) -> tuple[set[str], set[int]]:
    """Acronyms the review's own glossary explains, and the blocks that make up that glossary."""
    glossary_sections = {s.id for s in review.sections if s.kind == "glossary"}
    tables = _glossary_tables(review)
    keys: set[str] = set()
    blocks: set[int] = set()
    for b in review.blocks:
        in_table = b.cell is not None and b.cell.table in tables
        if b.section not in glossary_sections and not in_table:
            continue
        blocks.add(b.index)
        if b.cell is not None:
            if b.cell.col == 0 and b.cell.row > 0 and (key := base_form(b.text.strip().split()[0])):
                keys.add(key)
        elif (entry := glossary_line(b.text)) and (key := base_form(entry[0])):
            keys.add(key)
    return keys, blocks


def _canonical(key: str, glossary: Glossary) -> str:
    entry = glossary.lookup(key)
    return entry.short if entry is not None else key


def resolve(review: Review, parsed: Sequence[tuple[Block, Doc]], glossary: Glossary,
            allowed: frozenset[str] = frozenset()) -> list[Resolution]:
    """Decide, for every acronym used in the body, how (and whether) it is explained."""
    own_glossary, glossary_blocks = glossary_keys(review)
    own_glossary = {_canonical(k, glossary) for k in own_glossary}
    uses: dict[str, list[Use]] = {}
    definitions: dict[str, list[Use]] = {}
    for block, doc in parsed:
        if block.index in glossary_blocks or (block.kind == "heading" and block.text.isupper()):
            continue
        for span in doc.spans.get(SPANS_KEY, []):
            key = _canonical(span._.acronym_key, glossary)
            end = span.start_char + len(span._.acronym_key)
            uses.setdefault(key, []).append(Use(key, block, span.start_char, end, span.sent.start_char))
        for span in doc.spans.get(DEFINITIONS_KEY, []):
            key = _canonical(span._.acronym_key, glossary)
            definitions.setdefault(key, []).append(Use(key, block, span.start_char, span.end_char,
                                                       span.sent.start_char))
    allowed_keys = {_canonical(a, glossary) for a in allowed} | set(allowed)
    title_sections = {review.sections[0].id} if review.sections and review.sections[0].kind == "other" else set()
    out = []
    for key, found in uses.items():
        if key in allowed_keys:
            continue
        proper = [u for u in found if not _is_header_field(u.block, title_sections)] or found
        out.append(_status(key, proper, definitions.get(key, []), key in own_glossary))
    return out


def _is_header_field(block: Block, title_sections: set[str]) -> bool:
    """A cover line such as "Reviewing manager: SPO, Northmoor SFO Team" before the review proper."""
    return block.section in title_sections and bool(_HEADER_FIELD.match(block.text))


def _status(key: str, found: list[Use], defined: list[Use], in_own_glossary: bool) -> Resolution:
    """Classify one acronym; its first use is the first in the review proper (cover lines only count
    when the acronym appears nowhere else)."""
    first = found[0]
    if defined:
        earliest = defined[0]
        if (earliest.block.index, earliest.sentence) <= (first.block.index, first.sentence):
            return Resolution(key, "inline-first-use", len(found), first, earliest.block.index)
        return Resolution(key, "inline-later", len(found), first, earliest.block.index)
    return Resolution(key, "glossary" if in_own_glossary else "never", len(found), first)


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def findings_for(resolutions: Iterable[Resolution], glossary: Glossary) -> list[Finding]:
    out = []
    for r in resolutions:
        if r.status not in ("never", "inline-later"):
            continue
        check = "acronym.undefined" if r.status == "never" else "acronym.defined-late"
        s = spec(check)
        entry = glossary.lookup(r.key)
        written = r.first.block.text[r.first.start: r.first.end]
        if r.status == "never":
            message = f"{written} is used {_times(r.uses)} but never explained for a lay reader."
            suggestion = entry.suggestion() if entry else (
                f"{written} is not in the glossary: explain it in full where it is first used, "
                f"e.g. 'Full name ({written})'.")
        else:
            message = (f"{written} is used {_times(r.uses)}; it is first used here but only explained later "
                       f"(paragraph {r.explained_in}).")
            suggestion = f"Move the explanation to the first use: {entry.suggestion()}" if entry else \
                "Move the explanation to where it is first used."
        out.append(Finding(check=check, standard=s.standard, severity=s.severity, text=written, message=message,
                           suggestion=suggestion, kind=r.status,
                           location=block_location(r.first.block, r.first.start, r.first.end)))
    return out


def acronym_findings(review: Review, parsed: Sequence[tuple[Block, Doc]], glossary: Glossary,
                     allowed: frozenset[str] = frozenset()) -> list[Finding]:
    return findings_for(resolve(review, parsed, glossary, allowed), glossary)


__all__ = ["Candidate", "acronym_findings", "mark_acronyms", "resolve"]
