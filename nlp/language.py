"""Unsuitable descriptions of victims: `language.<category>` findings from a lexicon of patterns.

Lexicon (resources/unsuitable_language.yaml): victim-blaming, mutualising, minimising, doubting,
derogatory, sexualising, responsibility-shifting and gratuitously graphic wording, each entry with
a reason and an alternative. A negated match ("there is no suggestion that she provoked him") is
not a finding; a match inside quotation marks is reported as a note, since quoting a record or the
person on probation can be legitimate if the review makes clear it does not share the view.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc

from nlp.checks import spec
from nlp.sentences import block_location, sentence_bounds, text_of
from nlp.types import Block, Finding

Category = Literal["blame", "mutualising", "minimising", "doubting", "derogatory", "sexualising", "graphic",
                   "responsibility-shifting"]
NEGATION = re.compile(
    r"\b(?:not|no|never|nothing|without|neither|nor|n't|cannot|rather than|instead of)\b[^.;:]{0,40}$", re.I)
QUOTES = (('"', '"'), ("“", "”"), ("‘", "’"), ("'", "'"))


class LexiconEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    category: Category
    patterns: tuple[str, ...]
    reason: str
    alternative: str


class _Lexicon(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    entries: tuple[LexiconEntry, ...]


@lru_cache(maxsize=1)
def lexicon() -> tuple[tuple[LexiconEntry, re.Pattern[str]], ...]:
    raw = resources.files("nlp.resources").joinpath("unsuitable_language.yaml").read_text(encoding="utf-8")
    entries = _Lexicon.model_validate(yaml.safe_load(raw)).entries
    return tuple((e, re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in e.patterns) + r")\b", re.I))
                 for e in entries)


@lru_cache(maxsize=1)
def _any_entry() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in lexicon()), re.I)


def _inside_quotes(text: str, start: int, end: int) -> bool:
    for open_q, close_q in QUOTES:
        before, after = text[:start], text[end:]
        if open_q == close_q:
            if before.count(open_q) % 2 == 1 and open_q in after:
                return True
        elif before.rfind(open_q) > before.rfind(close_q) and close_q in after:
            return True
    return False


def _negated(sentence_before: str) -> bool:
    return bool(NEGATION.search(sentence_before))


def language_findings(parsed: Sequence[tuple[Block, Doc]]) -> list[Finding]:
    out = []
    any_entry = _any_entry()
    for block, doc in parsed:
        bounds: list[tuple[int, int]] | None = None
        text = text_of(doc)
        if not any_entry.search(text):  # most paragraphs hold none: one scan instead of one per entry
            continue
        for entry, pattern in lexicon():
            for m in pattern.finditer(text):
                bounds = bounds or sentence_bounds(doc)
                s_start, s_end = next(((a, b) for a, b in bounds if a <= m.start() < b), (0, len(text)))
                sentence = text[s_start:s_end]
                rel_start, rel_end = m.start() - s_start, m.end() - s_start
                if _negated(sentence[:rel_start]):
                    continue
                check = f"language.{entry.category}"
                s = spec(check)
                quoted = _inside_quotes(sentence, rel_start, rel_end)
                out.append(Finding(
                    check=check, standard=s.standard, severity="info" if quoted else s.severity,
                    text=m.group(), kind=entry.id,
                    message=entry.reason + (" (Quoted: make clear the review does not share this view.)"
                                            if quoted else ""),
                    suggestion=entry.alternative, location=block_location(block, m.start(), m.end())))
    return sorted(out, key=lambda f: (f.location.paragraph, f.location.start) if f.location else (0, 0))
