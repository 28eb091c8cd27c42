"""Coverage of the four standards (issue 7): what an inspector asks of every review, answered from the text.

`review_coverage` builds the `Coverage` object; `coverage_findings` turns its gaps into
`analysis.*`, `judgement.*`, `learning.*` and `action.*` findings, each saying what an inspector
would expect to see.
"""

from __future__ import annotations

from collections.abc import Sequence

from nlp.checks import spec
from nlp.coverage.actions import (
    MeasureJudge,
    action_taken,
    check_action,
    extract_actions,
    learning_levels,
    learning_without_action,
)
from nlp.coverage.chronology import DEFAULT_GAP_DAYS, chronology_entries, gaps, missing_events, out_of_order
from nlp.coverage.judgements import judgement_coverage
from nlp.coverage.practice import diversity_unexplored, stages_and_themes
from nlp.passages import LabelledSentence
from nlp.sentences import block_location
from nlp.types import (
    AnalysisCoverage,
    ChronologyCheck,
    Coverage,
    Finding,
    LearningCoverage,
    Location,
    Review,
)

STAGE_PROMPTS = {
    "assessment": "whether the assessment of risk was accurate, used all the information available, and why",
    "planning": "whether the sentence or risk management plan addressed the risks, and why it did or did not",
    "delivery": "whether contact, interventions and enforcement were sufficient to manage the risk, and why",
    "reviewing": "whether the assessment and plan were reviewed when circumstances changed, and why not",
}
THEME_NAMES = {
    "rosh_assessment": "the accuracy of the risk of serious harm level",
    "diversity": "diversity (maturity, mental health, neurodiversity, learning disability, race, gender)",
    "prison_probation_liaison": "prison–probation liaison and pre-release planning",
    "licence_conditions_multi_agency": "licence conditions and multi-agency working",
    "safeguarding_domestic_abuse_enquiries":
        "safeguarding and domestic abuse enquiries with police and children's services",
    "oasys_quality_and_review": "the quality of the OASys assessment and its review after significant change",
    "enforcement_and_recall": "enforcement and recall decisions",
}
LEVEL_NAMES = {"practitioner": "practitioner", "manager": "manager", "pdu": "probation delivery unit",
               "region": "regional", "national": "national", "multi_agency": "multi-agency"}
MAX_NO_ACTION_FINDINGS = 5


def review_coverage(review: Review, labelled: Sequence[LabelledSentence], gap_days: int = DEFAULT_GAP_DAYS,
                    measures: MeasureJudge | None = None) -> tuple[Coverage, list[Finding]]:
    stages, themes = stages_and_themes(labelled, review)
    unexplored = diversity_unexplored(labelled, review)
    entries = chronology_entries(review)
    disorder, long_gaps, missing = out_of_order(entries), gaps(entries, gap_days), missing_events(review, entries)
    actions = tuple(check_action(row, measures) for row in extract_actions(review))
    orphans = learning_without_action(labelled, review, actions)
    coverage = Coverage(
        analysis_of_practice=AnalysisCoverage(
            stages=stages, themes=themes, diversity_unexplored=tuple(fact for fact, _ in unexplored),
            chronology=ChronologyCheck(entries=len(entries), out_of_order=len(disorder), gaps=len(long_gaps),
                                       missing_events=len(missing)) if entries else None),
        overall_judgements=judgement_coverage(labelled, review),
        learning=LearningCoverage(levels=learning_levels(review), actions=actions,
                                  learning_without_action=tuple(block_location(s.block, s.sentence.start,
                                                                               s.sentence.end) for s in orphans),
                                  action_taken=action_taken(labelled, review)),
    )
    findings: list[Finding] = []
    findings += _practice_findings(coverage, unexplored)
    findings += [_f("analysis.chronology-order", e.block.text[e.start:e.end],
                    f"This chronology entry ({e.date:%d/%m/%Y}) is earlier than the entry before it.",
                    "Put the chronology in date order so the reader can follow events.",
                    block_location(e.block, e.start, e.end)) for e in disorder]
    findings += [_f("analysis.chronology-gap", b.block.text[b.start:b.end],
                    f"The chronology has no entry for {(b.date - a.date).days} days "
                    f"({a.date:%d/%m/%Y} to {b.date:%d/%m/%Y}).",
                    "Say what contact or events there were in this period, or that there were none.",
                    block_location(b.block, b.start, b.end)) for a, b in long_gaps]
    findings += [_f("analysis.chronology-missing-event", m.block.text[m.start:m.end],
                    f"The analysis relies on an event on {m.date:%d/%m/%Y} that the chronology does not list.",
                    "Add the event to the chronology.", block_location(m.block, m.start, m.end)) for m in missing]
    findings += _judgement_findings(coverage)
    findings += _learning_findings(coverage, orphans)
    return coverage, findings


def _f(check: str, text: str, message: str, suggestion: str, location: Location | None = None) -> Finding:
    s = spec(check)
    return Finding(check=check, standard=s.standard, severity=s.severity, text=text, message=message,
                   suggestion=suggestion, location=location)


def _practice_findings(coverage: Coverage, unexplored: list[tuple[str, LabelledSentence]]) -> list[Finding]:
    out = []
    for stage, element in coverage.analysis_of_practice.stages.items():
        if element.status != "analysed":
            how = "only narrated" if element.status == "mentioned" else "not discussed"
            out.append(_f("analysis.stage-not-analysed", "",
                          f"{stage.capitalize()} is {how}: no section weighs it.",
                          f"An inspector will look for analysis of {STAGE_PROMPTS[stage]}."))
    for theme, element in coverage.analysis_of_practice.themes.items():
        if element.status == "absent":
            out.append(_f("analysis.theme-absent", "", f"The review does not consider {THEME_NAMES[theme]}.",
                          "Say whether it was relevant to this case and, if so, how well it was handled."))
    for fact, sentence in unexplored:
        out.append(_f("analysis.diversity-unexplored", sentence.sentence.text,
                      f"The case details mention {fact.replace('_', ' ')}, but the analysis never returns to it.",
                      "Explore how it affected the person's engagement and risk, and whether practice took it "
                      "into account.",
                      block_location(sentence.block, sentence.sentence.start, sentence.sentence.end)))
    return out


def _judgement_findings(coverage: Coverage) -> list[Finding]:
    j = coverage.overall_judgements
    out = []
    if not j.sufficiency.present:
        out.append(_f("judgement.no-sufficiency", "", "No clear judgement on whether practice was sufficient.",
                      "State whether all reasonable steps were taken to manage the risk of serious harm, and why."))
    if not j.good_practice.present:
        out.append(_f("judgement.no-good-practice", "", "No good practice is recognised.",
                      "A balanced review recognises what was done well as well as the deficits."))
    if not any(p.present for p in j.systemic_factors.values()):
        out.append(_f("judgement.no-systemic-factors", "",
                      "Criticism stays with individuals: no systemic factor is weighed.",
                      "Weigh workload, management oversight, information sharing, services, training and policy."))
    if not j.interviews["senior_leader"].present:
        out.append(_f("judgement.no-senior-interviews", "", "No senior leader is recorded as interviewed.",
                      "Evidence judgements with interviews including senior managers (for example the Head of PDU)."))
    out += [_f("judgement.hindsight", "", "Hindsight or outcome-bias wording.",
               "Judge decisions on what was known at the time, not on the outcome.", loc) for loc in j.hindsight]
    return out


def _learning_findings(coverage: Coverage, orphans: list[LabelledSentence]) -> list[Finding]:
    learning = coverage.learning
    out = []
    missing = [LEVEL_NAMES[k] for k, p in learning.levels.items() if not p.present]
    if missing:
        only_practitioner = [k for k, p in learning.levels.items() if p.present] == ["practitioner"]
        out.append(_f("learning.missing-level", "", f"No learning at {', '.join(missing)} level.",
                      "Draw learning at every level: practitioner, manager, PDU, region, national, partners."
                      + (" Learning that stops at the practitioner is the commonest weakness." if only_practitioner
                         else "")))
    if not learning.actions:
        out.append(_f("action.no-plan", "", "No action plan was found.",
                      "Translate every learning point into an action with an owner, a deadline and a measure."))
    for action in learning.actions:
        if action.missing:
            out.append(_f("action.not-smart", action.text, f"This action lacks: {', '.join(action.missing)}.",
                          "Make it specific, name an owner by role, set a date and a measure of success, "
                          "and say at which level it applies.", action.location))
    for s in orphans[:MAX_NO_ACTION_FINDINGS]:
        out.append(_f("learning.no-action", s.sentence.text, "This learning point has no matching action.",
                      "Add an action to the plan that delivers this learning.",
                      block_location(s.block, s.sentence.start, s.sentence.end)))
    return out
