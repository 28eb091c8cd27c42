"""Coverage of the standards on small drafts built to show each element present or missing."""

from __future__ import annotations

import pytest
from spacy.language import Language

from app.ingest import read_bytes
from app.settings import Settings
from nlp.coverage import review_coverage
from nlp.coverage.actions import column_roles, measure_clause
from nlp.coverage.practice import recommendation_only, stage_text
from nlp.passages import PassageModel, label_review, load_passage_model
from nlp.sentences import parse_blocks
from nlp.types import Coverage, Finding


@pytest.fixture(scope="module")
def model() -> PassageModel:
    return load_passage_model(Settings().models_dir)


def _run(nlp: Language, model: PassageModel, md: str) -> tuple[Coverage, list[Finding]]:
    review = read_bytes(md.encode(), "r.md")
    labelled = label_review(model, review, [(b, d) for b, d in parse_blocks(nlp, review.blocks) if b.kind != "heading"])
    return review_coverage(review, labelled)


STRONG = """# SFO review

## Case details

Mr K is 22 and has ADHD. He was released on licence in 2023.

## Chronology

| Date | Event |
|---|---|
| 01/02/2023 | Mr K was released. |
| 10/02/2023 | First appointment. |
| 05/02/2023 | Home visit. |
| 20/09/2023 | Mr K was arrested. |

## Analysis of practice

### Assessment

The OASys assessment was not sufficient because it did not use the police domestic abuse call-outs. This meant the risk of serious harm was underestimated.

### Reviewing

The assessment was not reviewed after the arrest on 03/06/2023, which was a significant change; this was a missed opportunity because the new risk to his partner was never considered.

## Overall judgements

Not all reasonable steps were taken to manage the risk of serious harm. There was good practice in the prompt referral to housing. The high caseload of 60 cases meant the practitioner had little time, and management oversight was weak. In interview, the Head of PDU said vacancies had not been filled.

## Learning

Practitioners need to make domestic abuse enquiries at the start of every licence. The region needs a shared standard for checks with the police.

## Action plan

| Action | Owner | Timescale | Measure of success |
|---|---|---|---|
| Audit ten licence cases for domestic abuse enquiries and report the results | Head of PDU | 31/03/2024 | 100% of audited cases have checks |
| Remind staff about checks | SPO | Ongoing | |
"""


def test_stages_judgements_levels_and_actions(nlp: Language, model: PassageModel) -> None:
    coverage, findings = _run(nlp, model, STRONG)
    stages = coverage.analysis_of_practice.stages
    assert stages["assessment"].status == "analysed" and stages["reviewing"].status == "analysed"
    assert stages["assessment"].evidence
    j = coverage.overall_judgements
    assert j.sufficiency.present and j.good_practice.present and j.interviews["senior_leader"].present
    assert j.systemic_factors["workload"].present and j.systemic_factors["management_oversight"].present
    levels = coverage.learning.levels
    assert levels["practitioner"].present and levels["region"].present and not levels["national"].present
    first, second = coverage.learning.actions
    assert (first.specific, first.owner, first.deadline, first.measure) == (True, True, True, True)
    assert (second.specific, second.deadline, second.measure) == (False, False, False)
    checks = [f.check for f in findings]
    assert "action.not-smart" in checks and "learning.missing-level" in checks
    assert "judgement.no-sufficiency" not in checks and "judgement.no-senior-interviews" not in checks


def test_chronology_order_gap_and_missing_event(nlp: Language, model: PassageModel) -> None:
    coverage, findings = _run(nlp, model, STRONG)
    chronology = coverage.analysis_of_practice.chronology
    assert chronology is not None and chronology.entries == 4 and chronology.out_of_order == 1
    by_check = {f.check: f for f in findings}
    assert by_check["analysis.chronology-order"].text == "05/02/2023"
    assert "analysis.chronology-gap" in by_check
    assert by_check["analysis.chronology-missing-event"].text == "03/06/2023"


def test_diversity_fact_never_explored(nlp: Language, model: PassageModel) -> None:
    coverage, findings = _run(nlp, model, STRONG)
    assert coverage.analysis_of_practice.diversity_unexplored == ("adhd",)
    assert any(f.check == "analysis.diversity-unexplored" and "ADHD" in f.text for f in findings)


WEAK = """# Review

## Background

On 3 May the PP saw Mr K. He attended his appointments. He was arrested in June.

## Learning

The PP should be more curious.
"""


def test_weak_review_gets_the_gaps_named(nlp: Language, model: PassageModel) -> None:
    coverage, findings = _run(nlp, model, WEAK)
    checks = {f.check for f in findings}
    assert {"judgement.no-sufficiency", "judgement.no-good-practice", "judgement.no-systemic-factors",
            "judgement.no-senior-interviews", "action.no-plan", "analysis.stage-not-analysed",
            "analysis.theme-absent", "learning.no-action"} <= checks
    assert coverage.learning.levels["practitioner"].present and not coverage.learning.levels["region"].present


def test_hindsight_wording_is_flagged(nlp: Language, model: PassageModel) -> None:
    md = "# R\n\n## Overall judgements\n\nThe practitioner clearly should have known he would offend.\n"
    _, findings = _run(nlp, model, md)
    assert [f.check for f in findings if f.check == "judgement.hindsight"] == ["judgement.hindsight"]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({0: "Action", 1: "Owner", 2: "Timescale", 3: "Measure of success"},
         {"action": 0, "owner": 1, "deadline": 2, "measure": 3}),
        ({0: "Learning point", 1: "Action", 2: "Action owner", 3: "By when"},
         {"action": 1, "owner": 2, "deadline": 3}),
        ({0: "No.", 1: "Recommendation", 2: "Lead", 3: "Target date", 4: "Level"},
         {"action": 1, "owner": 2, "deadline": 3, "level": 4}),
    ],
)
def test_action_table_columns(headers: dict[int, str], expected: dict[str, int]) -> None:
    assert column_roles(headers) == expected


MEASURES = """# Review

## Action plan

| Action | Owner | Timescale | Measure of success |
|---|---|---|---|
| Agree a referral protocol with the local police force for new arrests | Head of PDU | 31/05/2025 | Protocol signed and monitored by the partnership board. |
| Introduce a checklist for every transferred case in the team | SPO | Next supervision | All transfers use the checklist, checked quarterly by the SPO. |
| Deliver a workshop on stalking risk to the whole team | SPO | 30/06/2025 | Attendance confirmed by training records. |
| Add a prompt on new partners to the supervision template | Head of PDU | 30/06/2025 | A joint review in 2025 confirms partners are checked. |
| Revise the handover template for cases moving between offices | SPO | 30/06/2025 | Templates audited in July contain a risk summary. |
| Brief the team on recall thresholds and warning signs | SPO | 30/06/2025 | Briefing delivered. |

Progress against this plan will be monitored by the Head of PDU every quarter.
"""


def test_measure_needs_a_result_not_a_reporting_route(nlp: Language, model: PassageModel) -> None:
    coverage, _ = _run(nlp, model, MEASURES)
    actions = coverage.learning.actions
    assert [a.measure for a in actions] == [False, True, False, True, True, False]
    assert actions[1].deadline  # "next supervision" is a timescale


def test_closing_monitoring_line_is_not_an_action(nlp: Language, model: PassageModel) -> None:
    coverage, _ = _run(nlp, model, MEASURES)
    assert len(coverage.learning.actions) == 6
    assert not any(a.text.startswith("Progress against") for a in coverage.learning.actions)


def test_scope_of_the_action_is_not_its_measure() -> None:
    assert measure_clause("", "The SPO will review all cases in the team by 31 July.") == ""
    assert measure_clause("", "Issue guidance. Measure: all cases have a plan.").startswith("Measure: all cases")
    assert measure_clause("Audit shows checks in all cases.", "Issue guidance.") == "Audit shows checks in all cases."


def test_action_scope_without_measure(nlp: Language, model: PassageModel) -> None:
    md = ("# R\n\n## Action plan\n\n- The SPO will check that all cases in the team have a police check by "
          "31 July 2025.\n- Issue a practice note on new partners. Measure: all cases audited in September show "
          "the check, reviewed monthly by the SPO.\n")
    coverage, _ = _run(nlp, model, md)
    assert [a.measure for a in coverage.learning.actions] == [False, True]


COMBINED = """# Review

## Learning and action plan

Practitioners need to check the police record whenever a new partner is disclosed.

- The SPO will run a session for practitioners on new-partner checks by 30 June 2025.
- The Head of PDU will add a new-partner prompt to the supervision template by 31 July 2025.

## Action plan

### Regional actions

- The regional quality team will publish guidance on new-partner checks by 30 September 2025.

### For the victim's family

- The family were told about the outcome of the review in person.
"""


def test_actions_in_combined_sections_and_level_subsections(nlp: Language, model: PassageModel) -> None:
    coverage, _ = _run(nlp, model, COMBINED)
    texts = [a.text.removeprefix("- ") for a in coverage.learning.actions]  # the Markdown reader keeps the marker
    assert texts == ["The SPO will run a session for practitioners on new-partner checks by 30 June 2025.",
                     "The Head of PDU will add a new-partner prompt to the supervision template by 31 July 2025.",
                     "The regional quality team will publish guidance on new-partner checks by 30 September 2025."]


def test_recommendation_is_not_analysis_of_a_stage() -> None:
    assert recommendation_only("The PP should review the OASys after any arrest.")
    assert recommendation_only("Managers must check the plan at each transfer.")
    assert not recommendation_only("The OASys should have been reviewed after the arrest.")
    assert not recommendation_only("The plan was weak, so practitioners should now check plans at transfer.")


def test_reviewing_phrase_is_not_about_assessment() -> None:
    assert "OASys" not in stage_text("assessment", "The OASys should have been reviewed after the arrest.")
    assert "OASys" in stage_text("assessment", "The OASys underestimated the risk to his partner.")
    assert "plan" not in stage_text("planning", "The plan was not updated when he moved.")
    assert "plan" in stage_text("reviewing", "The plan was not updated when he moved.")


STAGES = """# Review

## Analysis of practice

### Planning

Relying on the restraining order alone was not enough, because Mr K had breached orders before.

### Assessment

The OASys should have been reviewed after the arrest in June, which was a clear change in his circumstances.

## Learning

The PP should review the risk management plan whenever circumstances change.
"""


def test_stage_analysis_must_be_about_the_stage(nlp: Language, model: PassageModel) -> None:
    coverage, _ = _run(nlp, model, STAGES)
    stages = coverage.analysis_of_practice.stages
    assert stages["planning"].status == "analysed"  # one judgement under its own heading
    assert stages["assessment"].status != "analysed"  # that sentence is about reviewing
    assert stages["reviewing"].status == "analysed"
