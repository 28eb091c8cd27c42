"""Professional jargon a lay reader is not given a plain explanation of: `jargon.unexplained`.

Terms come from the glossary's `jargon` list. A use counts as explained when the same sentence
glosses it right after the term ("on licence, which means …", "recall (being sent back to
prison)", "tiering – deciding how …", "X is when …") or the review's own glossary lists it.
One finding per term, at its first use, when that first use is not explained.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from nlp.acronyms import glossary_keys
from nlp.checks import spec
from nlp.glossary import Glossary, JargonEntry
from nlp.sentences import block_location, text_of
from nlp.types import Block, Finding, Review

CUE_WINDOW_CHARS = 60
_EXPLAINING_CUE = re.compile(
    r"^\s*(?:\(|[–—]|-\s|,?\s*(?:which|that) (?:means?|is|are|was|were)\b|,?\s*meaning\b|\s*means\b|"
    r",?\s*(?:that is|i\.e\.|in other words|or in plain terms)\b|\s*(?:is|are) (?:when|where|a|an|the)\b|"
    r",?\s*(?:is|are) (?:how|what)\b|\s*refers? to\b|,\s*(?:a|an|the) [a-z]+ (?:that|which|who|where|used))",
    re.I)


@dataclass(frozen=True)
class JargonUse:
    entry: JargonEntry
    block: Block
    start: int
    end: int
    explained: bool


@lru_cache(maxsize=1)
def _tokenizer() -> Language:
    return spacy.blank("en")


def _matcher(doc: Doc, glossary: Glossary) -> tuple[PhraseMatcher, list[JargonEntry]]:
    matcher = PhraseMatcher(doc.vocab, attr="LOWER")
    entries = [e for e in glossary.jargon if e.flag]
    tokenizer = _tokenizer()
    for n, entry in enumerate(entries):
        matcher.add(str(n), [tokenizer.make_doc(form) for form in entry.forms()])
    return matcher, entries


def explained_here(doc: Doc, span: Span) -> bool:
    """Is this use of the term glossed right after it, in the same sentence?"""
    sent = span.sent
    after = text_of(doc)[span.end_char: min(sent.end_char, span.end_char + CUE_WINDOW_CHARS)]
    return bool(_EXPLAINING_CUE.match(after))


def jargon_uses(parsed: Sequence[tuple[Block, Doc]], glossary: Glossary, skip: set[int]) -> list[JargonUse]:
    if not parsed or not glossary.jargon:
        return []
    matcher, entries = _matcher(parsed[0][1], glossary)
    uses = []
    for block, doc in parsed:
        if block.index in skip:
            continue
        spans = [Span(doc, start, end, label=entries[int(doc.vocab.strings[mid])].term)
                 for mid, start, end in matcher(doc)]
        for span in filter_spans(spans):
            entry = next(e for e in entries if e.term == span.label_)
            uses.append(JargonUse(entry, block, span.start_char, span.end_char, explained_here(doc, span)))
    return uses


def _own_glossary_terms(review: Review, blocks: set[int], glossary: Glossary) -> set[str]:
    text = " ".join(b.text.lower() for b in review.blocks if b.index in blocks)
    return {e.term for e in glossary.jargon if any(form.lower() in text for form in e.forms())}


def jargon_findings(review: Review, parsed: Sequence[tuple[Block, Doc]], glossary: Glossary,
                    allowed: frozenset[str] = frozenset()) -> list[Finding]:
    _, glossary_blocks = glossary_keys(review)
    in_glossary = _own_glossary_terms(review, glossary_blocks, glossary)
    allowed_lower = {a.lower() for a in allowed}
    by_term: dict[str, list[JargonUse]] = {}
    for use in jargon_uses(parsed, glossary, glossary_blocks):
        by_term.setdefault(use.entry.term, []).append(use)
    s = spec("jargon.unexplained")
    out = []
    for term, uses in by_term.items():
        first = uses[0]
        if first.explained or term in in_glossary or term.lower() in allowed_lower:
            continue
        later = next((u for u in uses if u.explained), None)
        written = first.block.text[first.start:first.end]
        where = f"; it is explained later (paragraph {later.block.index})" if later else ""
        times = "once" if len(uses) == 1 else f"{len(uses)} times"
        out.append(Finding(
            check="jargon.unexplained", standard=s.standard, severity=s.severity, text=written,
            message=f"'{written}' is probation jargon, used {times} without a plain explanation at first use{where}.",
            suggestion=f"Explain it where it is first used, e.g. '{written}, which means {first.entry.meaning}'.",
            location=block_location(first.block, first.start, first.end)))
    return out
