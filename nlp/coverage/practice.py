"""Analysis of practice: the four stages, the key themes, and diversity facts never explored.

A stage or theme is `analysed` when an analytical sentence in an analysis, judgement or learning
section speaks of it (or, for a stage, when its own sub-section holds enough analysis); `mentioned`
when it only appears in narration; `absent` otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence

from nlp.coverage.lexicon import lexicon
from nlp.passages import LabelledSentence
from nlp.sentences import block_location
from nlp.types import ElementCoverage, Location, Review, SectionKind

ANALYSIS_KINDS: frozenset[SectionKind] = frozenset({"analysis_of_practice", "overall_judgements", "learning"})
CONTEXT_KINDS: frozenset[SectionKind] = frozenset({"case_summary", "introduction", "other", "chronology"})
MAX_EVIDENCE = 3
MIN_ANALYTICAL_MENTIONS = 1
MIN_SUBSECTION_ANALYSIS = 2


def _location(s: LabelledSentence) -> Location:
    return block_location(s.block, s.sentence.start, s.sentence.end)


def element_status(name: str, sentences: Sequence[LabelledSentence], review: Review, group: str) -> ElementCoverage:
    cue = lexicon()[group][name]
    sections = {s.id: s for s in review.sections}
    mentions = [s for s in sentences if cue.search(s.sentence.text)]
    analysed = [s for s in mentions if s.label == "analytical"
                and sections[s.block.section].kind in ANALYSIS_KINDS]
    own = [s for s in sentences if s.label == "analytical" and group == "stages"
           and sections[s.block.section].subkind == name]
    if len(analysed) >= MIN_ANALYTICAL_MENTIONS or len(own) >= MIN_SUBSECTION_ANALYSIS:
        evidence = (own + analysed)[:MAX_EVIDENCE]
        return ElementCoverage(status="analysed", evidence=tuple(_location(s) for s in evidence))
    if mentions or own:
        shown = (mentions + own)[:MAX_EVIDENCE]
        return ElementCoverage(status="mentioned", evidence=tuple(_location(s) for s in shown))
    return ElementCoverage(status="absent")


def stages_and_themes(sentences: Sequence[LabelledSentence],
                      review: Review) -> tuple[dict[str, ElementCoverage], dict[str, ElementCoverage]]:
    stages = {name: element_status(name, sentences, review, "stages") for name in lexicon()["stages"]}
    themes = {name: element_status(name, sentences, review, "themes") for name in lexicon()["themes"]}
    return stages, themes


def diversity_unexplored(sentences: Sequence[LabelledSentence], review: Review) -> list[tuple[str, LabelledSentence]]:
    """Diversity facts stated in the case details that no analysis sentence returns to."""
    kinds = {s.id: s.kind for s in review.sections}
    out = []
    for fact, cue in lexicon()["diversity_facts"].items():
        stated = [s for s in sentences if kinds[s.block.section] in CONTEXT_KINDS and cue.search(s.sentence.text)]
        explored = [s for s in sentences if kinds[s.block.section] in ANALYSIS_KINDS and cue.search(s.sentence.text)]
        if stated and not explored:
            out.append((fact, stated[0]))
    return out
