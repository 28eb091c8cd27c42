"""Overall judgements: sufficiency, balance, systemic factors, interview evidence, hindsight wording.

A sentence saying there is none ("No good practice was identified") or that no judgement was reached is
evidence against, never for, the element it names.
"""

from __future__ import annotations

from collections.abc import Sequence

from nlp.coverage.lexicon import lexicon
from nlp.coverage.practice import ANALYSIS_KINDS, MAX_EVIDENCE
from nlp.passages import LabelledSentence
from nlp.sentences import block_location
from nlp.types import JudgementCoverage, Location, Presence, Review

INTERVIEW_ROLES = ("practitioner", "manager", "senior_leader")


def _loc(s: LabelledSentence) -> Location:
    return block_location(s.block, s.sentence.start, s.sentence.end)


def _presence(found: Sequence[LabelledSentence]) -> Presence:
    return Presence(present=bool(found), evidence=tuple(_loc(s) for s in found[:MAX_EVIDENCE]))


def _interviews(sentences: Sequence[LabelledSentence]) -> dict[str, Presence]:
    """Roles interviewed: a sentence naming an interview and the role, or a role listed (list item or
    table cell) in the same section as a sentence that introduces interviews ("Interviews were held
    with: …", a "Person interviewed" table). A sentence saying an interview did not happen never counts."""
    cues = lexicon()["interviews"]
    marker, negated = cues["marker"], cues["negated"]
    affirmed = [s for s in sentences if not negated.search(s.sentence.text)]
    interview_sections = {s.block.section for s in affirmed if marker.search(s.sentence.text)}
    out = {}
    for role in INTERVIEW_ROLES:
        found = [s for s in affirmed if cues[role].search(s.sentence.text)
                 and (marker.search(s.sentence.text) or (s.block.section in interview_sections
                                                         and s.block.kind in ("list_item", "table_cell")))]
        out[role] = _presence(found)
    return out


def judgement_coverage(sentences: Sequence[LabelledSentence], review: Review) -> JudgementCoverage:
    kinds = {s.id: s.kind for s in review.sections}
    in_analysis = [s for s in sentences if kinds[s.block.section] in ANALYSIS_KINDS]
    analytical = [s for s in in_analysis if s.label == "analytical"]
    judgements = lexicon()["judgements"]
    negated = judgements["negated"]

    def affirmed(items: Sequence[LabelledSentence]) -> list[LabelledSentence]:
        return [s for s in items if not negated.search(s.sentence.text.strip())]

    titles = {s.id: s.title.lower() for s in review.sections}
    good_heading = affirmed([s for s in sentences if "good practice" in titles.get(s.block.section, "")])
    factors = {name: _presence([s for s in analytical if cue.search(s.sentence.text)])
               for name, cue in lexicon()["systemic_factors"].items()}
    hindsight = lexicon()["hindsight"]["hindsight"]
    return JudgementCoverage(
        sufficiency=_presence([s for s in affirmed(analytical) if judgements["sufficiency"].search(s.sentence.text)
                               or (kinds[s.block.section] == "overall_judgements"
                                   and judgements["sufficiency_in_judgements"].search(s.sentence.text))]),
        good_practice=_presence(good_heading or [s for s in affirmed(in_analysis)
                                                 if judgements["good_practice"].search(s.sentence.text)]),
        systemic_factors=factors,
        interviews=_interviews(sentences),
        key_areas={name: _presence([s for s in analytical if cue.search(s.sentence.text)])
                   for name, cue in lexicon()["key_areas"].items()},
        hindsight=tuple(block_location(s.block, s.sentence.start + m.start(), s.sentence.start + m.end())
                        for s in sentences for m in hindsight.finditer(s.sentence.text)),
    )
