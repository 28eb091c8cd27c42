"""Is there enough evidence to rate? A fragment, a document that is not an SFO review, gibberish, or
a review whose sections stand in no sensible order gets no rating, with the reason."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from nlp.types import Block, Review, SectionKind

MIN_WORDS = 800
MIN_STOPWORD_SHARE = 0.2
MIN_DOMAIN_TERMS_PER_1000 = 4.0
MIN_CORE_SECTIONS = 2
MAX_ORDER_INVERSIONS = 2
CORE_ORDER: tuple[SectionKind, ...] = ("case_summary", "chronology", "analysis_of_practice", "overall_judgements",
                                       "learning", "action_plan")
_DOMAIN = re.compile(r"\b(?:probation|licen[cs]e|offen(?:ce|der|ding)|supervis\w*|risk|practitioner|sentence|"
                     r"recall|MAPPA|OASys|RoSH|SPO|prison|victim|court|charged)\b", re.I)


def _inversions(review: Review) -> int:
    first: dict[str, int] = {}
    for s in review.sections:
        if s.kind in CORE_ORDER and s.kind not in first:
            first[s.kind] = len(first)
    ranks = [CORE_ORDER.index(k) for k in sorted(first, key=first.__getitem__)]
    return sum(1 for i in range(len(ranks)) for j in range(i + 1, len(ranks)) if ranks[i] > ranks[j])


def evidence_gap(review: Review, parsed: Sequence[tuple[Block, Doc]]) -> str | None:
    """Why the document cannot be rated, or None when it can."""
    words = review.word_count
    if words < MIN_WORDS:
        return f"Not rated: the document has {words} words, too few to judge a review against the standards."
    tokens = [t for _, doc in parsed for t in doc if t.is_alpha]
    if not tokens or sum(t.is_stop for t in tokens) / len(tokens) < MIN_STOPWORD_SHARE:
        return "Not rated: the text does not read as English prose."
    text = " ".join(b.text for b in review.blocks)
    if len(_DOMAIN.findall(text)) * 1000 / max(words, 1) < MIN_DOMAIN_TERMS_PER_1000:
        return "Not rated: this does not read as an SFO review (almost no probation or offence terms)."
    core = {s.kind for s in review.sections if s.kind in CORE_ORDER}
    if len(core) < MIN_CORE_SECTIONS:
        return ("Not rated: fewer than two of the sections a review needs (chronology, analysis of practice, "
                "judgements, learning, action plan) were recognised.")
    if _inversions(review) > MAX_ORDER_INVERSIONS:
        return "Not rated: the sections stand in no sensible order (was the document shuffled or pasted together?)."
    return None
