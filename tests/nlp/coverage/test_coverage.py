"""Coverage of the standards on small drafts built to show each element present or missing."""

from __future__ import annotations

import pytest
from spacy.language import Language

from app.ingest import read_bytes
from app.settings import Settings
from nlp.coverage import review_coverage
from nlp.coverage.actions import (
    column_roles,
    dash_fields,
    level_decision,
    level_text,
    measure_clause,
    named_level,
    owner_level,
)
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
        ({0: "Action", 1: "Owner", 2: "Learning level"}, {"action": 0, "owner": 1, "level": 2}),
        ({0: "Ref", 1: "Action", 2: "Owner", 3: "By when", 4: "How we will know", 5: "Status"},
         {"action": 1, "owner": 2, "deadline": 3, "measure": 4, "status": 5}),
        # the recommendation, not the learning point it answers; an Action column beside both wins
        ({0: "Ref", 1: "Learning point", 2: "Recommendation", 3: "Lead", 4: "Target date", 5: "Evidence of impact"},
         {"action": 2, "owner": 3, "deadline": 4, "measure": 5}),
        ({0: "Learning point", 1: "Recommendation", 2: "Action", 3: "Owner"}, {"action": 2, "owner": 3}),
        ({0: "Ref", 1: "Action taken", 2: "Owner", 3: "Completed", 4: "Evidence"},
         {"action": 1, "owner": 2, "deadline": 3, "measure": 4}),
        # a header that names the action wins over the owner and date it also mentions; "Action owner" is the owner
        ({0: "No.", 1: "Level", 2: "Action (owner, date)", 3: "Evidence of impact", 4: "Status"},
         {"level": 1, "action": 2, "measure": 3, "status": 4}),
        ({0: "Area for improvement", 1: "What we will do", 2: "Who", 3: "When", 4: "How we will measure it"},
         {"action": 1, "owner": 2, "deadline": 3, "measure": 4}),
        ({0: "Issue", 1: "Response", 2: "Accountable", 3: "Completion", 4: "Assurance"},
         {"action": 1, "owner": 2, "deadline": 3, "measure": 4}),
        ({0: "Partner", 1: "Action", 2: "Lead", 3: "Timescale", 4: "Check"},
         {"action": 1, "owner": 2, "deadline": 3, "measure": 4}),
    ],
)
def test_action_table_columns(headers: dict[int, str], expected: dict[str, int]) -> None:
    assert column_roles(headers) == expected


RECOMMENDATIONS = """# Review

## Recommendations

The learning is mainly for the team, with some for the PDU and for partners.

### Practitioner

- The PSO to complete a reflective supervision session on this case with their SPO.

### Partnership

- Share learning with partners as appropriate.
"""

STATUS = """# Review

## Action plan

| Action | Lead | Status | Level |
|---|---|---|---|
| Moved every high-risk case in the team to the new flexible case team | Head of PDU | Completed January 2025 | PDU |
| Agree a handover protocol with the prison | Head of PDU | Not started | Multi-agency |
"""


def test_recommendations_under_level_sub_headings_and_a_status_column(nlp: Language, model: PassageModel) -> None:
    coverage, _ = _run(nlp, model, RECOMMENDATIONS)
    actions = coverage.learning.actions
    assert [a.text[:20] for a in actions] == ["The PSO to complete ", "Share learning with "]
    assert [a.level for a in actions] == ["practitioner", "multi_agency"]
    coverage, _ = _run(nlp, model, STATUS)
    assert [a.deadline for a in coverage.learning.actions] == [True, False]  # "Completed January 2025" is a date


INLINE = """# Review

## Action plan

- PSO to complete the e-learning module on professional curiosity. Owner: PSO (case holder). By: 30 April 2025.
- Raise awareness of fire-setting as a risk factor. Owner: not stated. By: not stated.
- Raise awareness of grooming through new partners. Owner: all practitioners. By: ongoing.
- SPOs to consider increasing oversight of cases held by PSOs.
- Provide refresher training. Owner: regional learning and development team. By: TBC.
- Add a review question to the supervision template, so that every case is discussed with the SPO. Owner: SPO.
- SPOs to keep an eye on practitioners' workloads in supervision. Owner: SPOs. By: ongoing.
- Reallocate cases held by PSOs. Owner: Head of PDU. By: May 2025. Measure: at the end of May no PSO holds a medium RoSH case.
- Set up reporting surgeries in the villages; success will be a fall in missed appointments, tracked each quarter.
- Set up a link with the mental health team so that PPs can confirm whether a person is open to services. Owner: Head of PDU. Measure: audit of 10 cases in December 2025.
"""


def test_inline_owner_specific_action_and_measure(nlp: Language, model: PassageModel) -> None:
    coverage, _ = _run(nlp, model, INLINE)
    actions = coverage.learning.actions
    # "Owner: not stated" or "all practitioners" names no one; SPOs as the ones who act do
    assert [a.owner for a in actions[:4]] == [True, False, False, True]
    # inline fields do not lengthen an action; a purpose clause's "discussed" does not make it vague
    assert [a.specific for a in actions[4:7]] == [False, True, False]
    # a threshold and a fall tracked quarterly are measures; "confirm whether" in the action's purpose is not
    assert [a.measure for a in actions[7:]] == [True, True, False]


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


@pytest.mark.parametrize(
    ("text", "cells", "heading", "expected"),
    [
        # a level column, a leading label and a sub-heading name the level
        ("Review cases held by agency staff.", {"owner": "SPO", "level": "Manager"}, "", ("manager", "column")),
        ("Region: the region will issue guidance on licence conditions.", {}, "", ("region", "label")),
        ("Prison: the prison will send release addresses to the COM.", {}, "", ("multi_agency", "label")),
        ("Publish a practice note on stalking.", {}, "Regional actions", ("region", "heading")),
        # work agreed with a partner agency wins over the regional or PDU owner and over a national word
        ("Agree with the county police a flag for people on licence.", {"owner": "Regional Head of Public Protection"},
         "", ("multi_agency", "partner work")),
        ("The PDU and the local authority should agree a referral route.", {}, "", ("multi_agency", "partner work")),
        ("Ask the drug and alcohol service to notify the PP of any discharge.", {"owner": "Head of PDU"}, "",
         ("multi_agency", "partner work")),
        ("Hold monthly case discussions with the OMU before release.", {"owner": "POM"}, "",
         ("multi_agency", "partner work")),
        ("Agree with Northshire Police that checks include a national search.", {}, "", ("multi_agency", "partner work")),
        # a partner agency as owner, but not HMPPS (a national body) nor a passing mention of the police
        ("Add a check of conduct records to the handover checklist.", {"owner": "Head of OMU, HMP Westmoor"}, "",
         ("multi_agency", "partner owner")),
        ("Refer the question to HM Prison and Probation Service.", {"owner": "RPD"}, "", ("national", "text")),
        ("Remind staff to request police call-out records.", {"owner": "SPO"}, "", ("practitioner", "practitioner acts")),
        ("Complete a national PNC search at allocation.", {"owner": "PP"}, "", ("practitioner", "owner")),
        # a reporting route or a later measure clause does not set the level
        ("The Head of PDU will set a caseload cap of 50, monitored by the regional workforce board.", {}, "",
         ("pdu", "text")),
        ("Hold a recorded transfer discussion for every case moved between PDUs.", {"owner": "Head of PDU"}, "",
         ("region", "text")),
        # a management oversight tool is manager-level whoever owns it, the PDU's own systems are PDU-level
        ("The Head of PDU will add a prompt to the supervision template.", {}, "", ("manager", "oversight tool")),
        ("Team managers will sample two cases per practitioner every month.", {}, "", ("manager", "oversight tool")),
        ("The duty officer will check the shared mailbox twice a day.", {"owner": "SPO"}, "", ("pdu", "text")),
        # a document or requirement takes the owner's level from the PDU up; whole-workforce training there is PDU-wide
        ("Update the approved premises referral process.", {"owner": "Regional Head of Public Protection"}, "",
         ("region", "owner's document or requirement")),
        # countersigning is management oversight whoever requires it (COVERAGE_GUIDE version 3)
        ("Require SPO countersignature of every reduction in RoSH.", {"owner": "Head of Service"}, "",
         ("manager", "oversight tool")),
        ("Deliver training on coercive control to all probation officers.", {"owner": "Regional L&D lead"}, "",
         ("region", "training or workforce change owned above the PDU")),
        ("Deliver training on coercive control to all probation officers.", {"owner": "Head of PDU"}, "",
         ("pdu", "whole workforce")),
        # one practitioner acting is frontline, even with the PDU's own training or a regional course
        ("The PSO will complete the PDU training on violence and review every OASys on her caseload.", {"owner": "SPO"},
         "", ("practitioner", "practitioner acts")),
        # the multi-agency public protection bodies, and the courts, are partners
        ("Add an urgent option to the referral form.", {"owner": "MAPPA coordinator"}, "",
         ("multi_agency", "partner owner")),
        ("Fill coordination vacancies and set a target for early review meetings.", {"owner": "SMB chair"}, "",
         ("multi_agency", "partner owner")),
        ("SPO to raise listing times for breaches with the court.", {}, "", ("multi_agency", "partner work")),
        ("Complete the court report on time.", {}, "", ("practitioner", "default")),
        # span of control and the PDU's own templates and case record are PDU systems
        ("Rebalance the team so that no SPO manages more than twelve practitioners.", {"owner": "Head of PDU"}, "",
         ("pdu", "owner's document or requirement")),
        ("Add partner contact details to the case transfer template.", {"owner": "SPO"}, "", ("pdu", "text")),
        ("Remind duty officers to read the case record before seeing people.", {"owner": "SPO"}, "",
         ("practitioner", "practitioner acts")),
        # the court team is a PDU team; a regional SFO team owns regional learning
        ("Court team to request domestic abuse checks before sentence.", {}, "", ("pdu", "text")),
        ("Share the learning from this review.", {"owner": "SFO Unit"}, "", ("region", "owner")),
        # an SPO checking that the action happened is its measure, not its level
        ("The PP will complete the training by 30 June, and the SPO will check this has happened.", {}, "",
         ("practitioner", "practitioner acts")),
        # frontline practice, even when a manager runs it
        ("The SPO will discuss the review with the PP in supervision.", {}, "", ("practitioner", "text")),
        ("Deliver training on coercive control.", {"owner": "SPO"}, "", ("practitioner", "training")),
        ("Deliver training on coercive control.", {"owner": "Head of PDU"}, "", ("pdu", "owner")),
        ("The SPO will follow up outstanding actions.", {}, "", ("manager", "text")),
        ("Look again at cover arrangements.", {}, "", ("practitioner", "default")),
    ],
)
def test_action_level(text: str, cells: dict[str, str], heading: str, expected: tuple[str, str]) -> None:
    assert level_decision(text, cells, heading) == expected


def test_level_text_drops_inline_fields_measures_and_reporting_routes() -> None:
    label, core, owner = level_text("PDU: the PDU will issue guidance to SPOs. Owner: Head of PDU. Date: May 2025.")
    assert (label, core.strip(), owner) == ("PDU", "the PDU will issue guidance to SPOs.", "Head of PDU")
    _, core, _ = level_text("Brief the team by May 2025; success will be shown in a regional audit.")
    assert "regional" not in core
    _, core, _ = level_text("Amend the form so managers confirm the plan, and the quality lead will audit ten to check "
                            "compliance.")
    assert "quality lead" not in core
    _, core, _ = level_text("Issue guidance, reported quarterly to the regional board.")
    assert "regional" not in core


def test_owner_and_named_levels() -> None:
    assert owner_level("SPO, Castlebridge PDU") == "manager"  # the role, not where it sits
    assert owner_level("Head of PDU with the Northshire Police DA lead") == "multi_agency"
    assert owner_level("Regional performance manager") == "region"
    assert owner_level("Team") == "practitioner"
    assert owner_level("TBC") is None
    assert named_level("Practitioner and manager") is None  # two levels name none
    assert named_level("Multi-agency") == "multi_agency"
    assert named_level("Action plan") is None


def test_key_areas_judged_only_in_analytical_sentences(nlp: Language, model: PassageModel) -> None:
    coverage, _ = _run(nlp, model, STRONG)
    areas = coverage.overall_judgements.key_areas
    assert set(areas) == {"management_oversight", "safeguarding", "professional_curiosity", "multi_agency"}
    assert areas["management_oversight"].present and areas["management_oversight"].evidence
    assert not areas["professional_curiosity"].present
    narrated = STRONG.replace("management oversight was weak", "the SPO held supervision on 3 May") + (
        "\n\nOn 4 May 2023 the practitioner attended a MAPPA meeting.\n")
    coverage, _ = _run(nlp, model, narrated.replace("## Action plan", "## Analysis of practice\n\n"
                       "The practitioner was not professionally curious: she accepted his account without "
                       "checking it with the police, which meant the risk was not understood.\n\n## Action plan"))
    areas = coverage.overall_judgements.key_areas
    assert areas["professional_curiosity"].present
    assert not areas["management_oversight"].present


def test_an_interview_that_did_not_happen_is_not_evidence(nlp: Language, model: PassageModel) -> None:
    negated = STRONG.replace("In interview, the Head of PDU said vacancies had not been filled.",
                             "Senior leaders had not been interviewed. We did not ask to interview the Head of PDU.")
    coverage, findings = _run(nlp, model, negated)
    assert not coverage.overall_judgements.interviews["senior_leader"].present
    assert "judgement.no-senior-interviews" in [f.check for f in findings]


def test_roles_in_an_interview_table_count(nlp: Language, model: PassageModel) -> None:
    table = STRONG.replace("## Overall judgements", "## Sources\n\n| Person interviewed | Format |\n|---|---|\n"
                           "| Head of PDU | In person |\n| Senior probation officer | Video call |\n\n## Overall judgements")
    coverage, _ = _run(nlp, model, table.replace("In interview, the Head of PDU said vacancies had not been filled.",
                                                 "Vacancies had not been filled."))
    interviews = coverage.overall_judgements.interviews
    assert interviews["senior_leader"].present and interviews["manager"].present


def test_a_request_for_an_interview_is_not_an_interview(nlp: Language, model: PassageModel) -> None:
    requested = STRONG.replace("In interview, the Head of PDU said vacancies had not been filled.",
                               "The Head of PDU was asked for an interview. They were on leave and it was not rearranged.")
    coverage, _ = _run(nlp, model, requested)
    assert not coverage.overall_judgements.interviews["senior_leader"].present
    coverage, _ = _run(nlp, model, STRONG)
    assert coverage.overall_judgements.interviews["senior_leader"].present


def test_action_already_taken_is_recorded(nlp: Language, model: PassageModel) -> None:
    coverage, _ = _run(nlp, model, STRONG)
    assert not coverage.learning.action_taken.present
    taken = STRONG.replace(
        "The region needs a shared standard for checks with the police.",
        "The region needs a shared standard for checks with the police. Since the offence, the PDU has introduced "
        "a weekly check of new licence cases.").replace("| Remind staff about checks | SPO | Ongoing | |",
                                                         "| Brief the team on checks | SPO | Completed 15 February 2024 | |")
    coverage, _ = _run(nlp, model, taken)
    taken_at = coverage.learning.action_taken
    assert taken_at.present and len(taken_at.evidence) == 2


@pytest.mark.parametrize("sentence", [
    "The audit is to be completed by 31 March 2025.",
    "A weekly check has not been introduced.",
    "Learning has been identified for the practitioner.",
])
def test_planned_or_missing_action_is_not_action_taken(nlp: Language, model: PassageModel, sentence: str) -> None:
    coverage, _ = _run(nlp, model, STRONG.replace("The region needs a shared standard for checks with the police.",
                                                  sentence))
    assert not coverage.learning.action_taken.present


THRESHOLDS = """# Review

## Action plan

| Action | Owner | By when | How we will know |
|---|---|---|---|
| Introduce shared cover for the police alert inbox | Head of PDU | 31/07/2025 | No alert waited over one working day in the quarter. |
| Introduce a three-way handover meeting for high-risk cases | Head of PDU | 31/07/2025 | Dip sample of 10 reallocations; 9 of 10 have a recorded meeting. |
| Introduce a template for recording escalation discussions | Head of PDU | 31/03/2025 | Monthly management check for three months. |
| The SPO to include contact log checks in quarterly audits | SPO | 30/06/2025 | Audit tool updated. |
"""


COUNTED = """# Review

## Action plan

| Action | Owner | By when | Measure of success |
|---|---|---|---|
| Publish a guide on licence variation | Head of PDU | 31/07/2025 | Number of variation requests monitored quarterly by the PDU. |
| Add an urgent option to the MAPPA referral form | Head of PDU | 31/07/2025 | Time to urgent meetings reported quarterly to the Board. |
| A named officer now checks the shared inbox twice daily | SPO | Completed | Inbox audit: all notifications forwarded within one working day. |
| Hold a practice session on escalating domestic risk | SPO | 31/05/2025 | Session delivered; file audit in May 2025 of 10 cases. |
| Run a workshop on psychology reports | SPO | 31/05/2025 | 14 of 15 staff attended. |
| Brief every PDU on violence in drug-using cases | SPO | 31/05/2025 | Briefing delivered, with at least 80% of practitioners attending. |
| Agree a protocol on call-outs with the police | Head of PDU | 31/10/2025 | Success measured by a joint audit of shared call-outs in January 2026. |
| Reinstate a daily duty check of emails | Head of PDU | 31/12/2025 | The duty log will be audited in March 2026 to confirm that checks are taking place. |
| Change the case record view so that flags reach the PP | Head of PDU | 31/07/2025 | Flags are live and confirmed by a test in August 2025. |
| Issue the oversight guidance | Head of PDU | 31/07/2025 | Guidance issued; regional audit repeated in December 2025. |
| Add a learning-needs section to programme referrals | Programmes manager | 31/05/2025 | Referrals checked by the treatment manager contain the section. |
"""


def test_counts_on_a_cycle_and_stated_findings_are_measures_attendance_and_one_off_checks_are_not(
        nlp: Language, model: PassageModel) -> None:
    coverage, _ = _run(nlp, model, COUNTED)
    # a year is not "N of M"; "measured by" an audit that says nothing of what it must find is no measure
    assert [a.measure for a in coverage.learning.actions] == [True, True, True, False, False, False, False, True,
                                                              False, False, True]


def test_thresholds_samples_and_periodic_checks_are_measures(nlp: Language, model: PassageModel) -> None:
    coverage, _ = _run(nlp, model, THRESHOLDS)
    # a periodic audit is a measure in the measure column, not when it is the action itself
    assert [a.measure for a in coverage.learning.actions] == [True, True, True, False]


def test_saying_there_is_none_is_not_good_practice_or_a_judgement(nlp: Language, model: PassageModel) -> None:
    coverage, _ = _run(nlp, model, STRONG)
    assert coverage.overall_judgements.sufficiency.present and coverage.overall_judgements.good_practice.present
    none = STRONG.replace("Not all reasonable steps were taken to manage the risk of serious harm. There was good "
                          "practice in the prompt referral to housing.",
                          "It is difficult to say whether all reasonable steps were taken, because the review did not "
                          "identify any good practice to weigh against the gaps.") + (
        "\n## Good practice\n\nNone identified.\n")
    coverage, findings = _run(nlp, model, none)
    assert not coverage.overall_judgements.sufficiency.present
    assert not coverage.overall_judgements.good_practice.present
    assert {"judgement.no-sufficiency", "judgement.no-good-practice"} <= {f.check for f in findings}


def test_a_judgement_on_one_decision_is_not_an_overall_judgement(nlp: Language, model: PassageModel) -> None:
    local = STRONG.replace("Not all reasonable steps were taken to manage the risk of serious harm. ", "").replace(
        "The OASys assessment was not sufficient because", "The risk of serious harm level was appropriate, but the "
        "OASys assessment missed detail because")
    coverage, _ = _run(nlp, model, local)
    assert not coverage.overall_judgements.sufficiency.present


def _multi_agency_learning(nlp: Language, model: PassageModel, learning: str) -> bool:
    """Whether STRONG, with `learning` in place of its regional learning sentence, has multi-agency learning."""
    coverage, _ = _run(nlp, model, STRONG.replace("The region needs a shared standard for checks with the police.",
                                                  learning))
    return coverage.learning.levels["multi_agency"].present


def test_multi_agency_learning_is_work_with_partners_not_a_check_with_them(nlp: Language, model: PassageModel) -> None:
    assert not _multi_agency_learning(nlp, model,
                                      "The practitioner should check with children's services when a child visits.")
    assert _multi_agency_learning(nlp, model,
                                  "Probation and Northmoor Police should agree how arrests of people on licence are shared.")


def test_one_practitioner_sharing_with_the_police_is_not_learning_for_the_partnership(
        nlp: Language, model: PassageModel) -> None:
    shared = ("The PP should review the OASys and should share it with the police. Raise awareness of the MARAC "
              "process across the team. Staff need to be aware of the MAPPA process.")
    assert not _multi_agency_learning(nlp, model, shared)
    assert _multi_agency_learning(nlp, model, shared.replace(
        "Raise awareness of the MARAC process across the team.",
        "The PDU will raise listing times for breaches with the court."))
    # MAPPA named as the subject of learning beyond frontline awareness still counts
    assert _multi_agency_learning(nlp, model, shared.replace(
        "Raise awareness of the MARAC process across the team.",
        "Notifications for people not managed under MAPPA will be raised with partners."))


LISTS = """# Review

## Learning and actions

The following learning has been identified.

- The practitioner should request police checks at the start of every licence.
- Information from hostels about threats should be acted on and the risk reviewed.

The following actions have been agreed.

- The SPO will dip sample ten licence cases every quarter from April 2025 to check police checks were requested.
- The Head of PDU will agree an information sharing arrangement with the hostel provider by 30 June 2025.
"""


def test_a_list_introduced_as_learning_is_not_a_list_of_actions(nlp: Language, model: PassageModel) -> None:
    coverage, _ = _run(nlp, model, LISTS)
    texts = [a.text for a in coverage.learning.actions]
    assert len(texts) == 2 and "SPO will dip sample" in texts[0] and "Head of PDU will agree" in texts[1]
    numbered = LISTS.replace("- The practitioner should", "- Action 1: The practitioner should")
    coverage, _ = _run(nlp, model, numbered)
    assert len(coverage.learning.actions) == 3


def test_an_spo_who_only_owns_practitioner_learning_is_not_manager_learning(nlp: Language, model: PassageModel) -> None:
    owned = """# Review

## Learning

The practitioner should request police checks at the start of every licence.

## Action plan

| Action | Owner | Timescale |
|---|---|---|
| The PP will complete training on domestic abuse checks | SPO | 31/05/2025 |
| The PP to reflect on this review in supervision with the SPO | SPO | 30/06/2025 |
"""
    coverage, _ = _run(nlp, model, owned)
    assert not coverage.learning.levels["manager"].present
    coverage, _ = _run(nlp, model, owned.replace("at the start of every licence.", "at the start of every licence. "
                                                 "SPOs need to check in supervision that the checks were made."))
    assert coverage.learning.levels["manager"].present


FACTORS = """# Review

## Analysis of practice

The PP completed domestic abuse checks quickly when Mr L disclosed the new relationship, which was good practice.
The plan focused on finding him accommodation because his housing was unstable, which was the right priority.
His induction appointment was thorough because the PSO explained every condition of the licence.
"""


def test_systemic_factors_are_about_the_system_not_case_events(nlp: Language, model: PassageModel) -> None:
    coverage, _ = _run(nlp, model, FACTORS)
    factors = coverage.overall_judgements.systemic_factors
    assert not any(factors[f].present for f in ("information_sharing", "specialist_services", "training_experience"))
    systemic = FACTORS.replace(
        "which was good practice.", "but the information was not shared with the police because no agreement "
        "required it.").replace(
        "which was the right priority.", "but there was a long waiting list for mental health services, which "
        "delayed treatment.").replace(
        "because the PSO explained", "but the PSO was newly qualified and had not been trained to explain")
    coverage, _ = _run(nlp, model, systemic)
    factors = coverage.overall_judgements.systemic_factors
    assert all(factors[f].present for f in ("information_sharing", "specialist_services", "training_experience"))


LABELLED = """# Review

## Recommendations

The review found three areas for improvement, set out below.

Recommendation 1 – Strengthen management oversight of cases where risk is escalating. Lead: SPOs, Harbourne Central team. Target date: by the next quarterly performance meeting.

(a) SPOs will record an oversight entry on every flagged case within five working days.

(b) Measure: the Head of PDU will dip sample ten flagged cases each quarter; the sample should show an entry in all ten.

Recommendation 2 – The Business Manager will make sure every practitioner in the PDU completes the regional domestic abuse course by end Sept 2025.

8.1 Progress against every recommendation will be reported to the quality board each quarter.

## Next steps

10.1 The SPO will take a fresh look at the risk assessment with the practitioner in supervision within 6 weeks.
"""


def test_labelled_and_numbered_action_paragraphs_with_their_sub_points(nlp: Language, model: PassageModel) -> None:
    coverage, _ = _run(nlp, model, LABELLED)
    actions = coverage.learning.actions
    assert [a.text[:16] for a in actions] == ["Recommendation 1", "Recommendation 2", "10.1 The SPO wil"]
    first, second, third = actions
    assert first.measure and first.deadline  # the measure is in sub-point (b); "the next ... meeting" is a date
    assert first.level == "manager"  # "Harbourne Central team" is a place, not the central team
    assert second.deadline and second.level == "pdu"  # a regional course the PDU's staff attend is not regional change
    assert third.specific  # "a fresh look at" is not the vague "look at"


THEMES = """# Review

## Learning and improvement plan

The review found that risk was not reviewed when circumstances changed.

- SPO to check in monthly supervision that every licence case has a recorded risk review – SPO – July 2025

### Working with the police

- Improve communication with police – HoPDU – ongoing
- Add polygraph disclosures as a standing item on the MAPPA Level 2 agenda – MAPPA Co-ord – Q2
- Quarterly audit of approved premises sign-in against curfew logs; target no unexplained absences – AP manager – Q3
"""


def test_dash_fields_theme_sub_headings_and_an_improvement_plan(nlp: Language, model: PassageModel) -> None:
    coverage, _ = _run(nlp, model, THEMES)
    actions = coverage.learning.actions
    assert len(actions) == 4
    assert all(a.owner for a in actions)  # the role after the dashes
    assert [a.deadline for a in actions] == [True, False, True, True]  # "ongoing" is no date
    assert [a.specific for a in actions] == [True, False, True, True]  # "Improve communication" is an aim
    assert [a.measure for a in actions] == [True, False, False, True]  # "check ... that every"; "target no"
    assert actions[2].level == "multi_agency"  # the MAPPA agenda, owned by the MAPPA coordinator


def test_dash_fields_need_a_role_or_a_date() -> None:
    assert dash_fields("Refresh the checks guidance – HoPDU – Jun 25")[1] == {"owner": "HoPDU", "deadline": "Jun 25"}
    assert dash_fields("Agree a protocol with the police – this was raised at MAPPA twice")[1] == {}
