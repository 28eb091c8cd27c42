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
MIN_SUBSECTION_ANALYSIS = 1
# A phrase about reviewing ("the OASys was not reviewed", "review of the plan") is not about assessment or planning.
STAGE_MASKS: dict[str, tuple[str, ...]] = {"assessment": ("reviewing",), "planning": ("reviewing",)}


def _location(s: LabelledSentence) -> Location:
    return block_location(s.block, s.sentence.start, s.sentence.end)


def recommendation_only(text: str) -> bool:
    """A sentence that only recommends future practice, with no judgement of what was done in this case."""
    filters = lexicon()["stage_filters"]
    return bool(filters["recommendation"].search(text)) and not filters["past"].search(text)


def stage_text(name: str, text: str) -> str:
    """The text a stage cue is looked for in: phrases about another stage (`STAGE_MASKS`) blanked out."""
    for other in STAGE_MASKS.get(name, ()):
        text = lexicon()["stages"][other].sub(" ", text)
    return text


def _about_stage(name: str, text: str) -> bool:
    """A sentence under a stage's own heading is about that stage unless it only names another stage."""
    stages = lexicon()["stages"]
    if stages[name].search(stage_text(name, text)):
        return True
    return not any(cue.search(stage_text(other, text)) for other, cue in stages.items() if other != name)


def element_status(name: str, sentences: Sequence[LabelledSentence], review: Review, group: str) -> ElementCoverage:
    """A stage's analytical mention must be about the stage (`stage_text`) and judge this case, not only
    recommend future practice (`recommendation_only`); one analytical sentence about the stage under its own
    heading is enough."""
    cue = lexicon()[group][name]
    sections = {s.id: s for s in review.sections}
    stage = group == "stages"
    mentions = [s for s in sentences if cue.search(stage_text(name, s.sentence.text) if stage else s.sentence.text)]
    analysed = [s for s in mentions if s.label == "analytical"
                and sections[s.block.section].kind in ANALYSIS_KINDS
                and not (stage and recommendation_only(s.sentence.text))]
    own = [s for s in sentences if s.label == "analytical" and stage
           and sections[s.block.section].subkind == name and _about_stage(name, s.sentence.text)]
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
