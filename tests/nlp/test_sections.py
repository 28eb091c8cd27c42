from __future__ import annotations

import pytest

from app.ingest import read_bytes
from nlp.sections import classify_heading


@pytest.mark.parametrize(
    ("heading", "kind", "subkind"),
    [
        ("Introduction", "introduction", None),
        ("Purpose of the review", "introduction", None),
        ("Terms of reference and methodology", "introduction", None),
        ("Case details", "case_summary", None),
        ("2. Background and sentence", "case_summary", None),
        ("Chronology of significant events", "chronology", None),
        ("Timeline of key contacts", "chronology", None),
        ("Analysis of practice", "analysis_of_practice", None),
        ("Analysis of practice: Planning", "analysis_of_practice", "planning"),
        ("3.1 Assessment", "analysis_of_practice", "assessment"),
        ("Assessment of risk of serious harm", "analysis_of_practice", "assessment"),
        ("Implementation and delivery of services", "analysis_of_practice", "delivery"),
        ("Reviewing", "analysis_of_practice", "reviewing"),
        ("Review of the risk management plan", "analysis_of_practice", "reviewing"),
        ("Overall judgements", "overall_judgements", None),
        ("Conclusions and judgements", "overall_judgements", None),
        ("Good practice", "overall_judgements", None),
        ("4. Learning", "learning", None),
        ("Learning and action plan", "learning", None),
        ("Areas for learning", "learning", None),
        ("Action plan", "action_plan", None),
        ("SMART action plan", "action_plan", None),
        ("Summary for the victim's family", "victim_summary", None),
        ("Glossary", "glossary", None),
        ("Terms used in this review", "glossary", None),
        ("Serious Further Offence Review: Mr K", "other", None),
        ("Appendix", "other", None),
        ("4. Analysis and judgements", "analysis_of_practice", None),
        ("Key lines of enquiry", "analysis_of_practice", None),
        ("Was the plan for supervision fit for purpose?", "analysis_of_practice", None),
        ("Were the licence conditions sufficient?", "analysis_of_practice", None),
        ("Was the risk of serious harm assessed accurately?", "analysis_of_practice", "assessment"),
        ("Were all reasonable steps taken?", "overall_judgements", None),
        ("How the review was carried out", "introduction", None),
    ],
)
def test_heading_wording_maps_to_kind(heading: str, kind: str, subkind: str | None) -> None:
    assert classify_heading(heading) == (kind, subkind)


def test_a_sub_heading_that_reads_like_front_matter_belongs_to_its_analysis_parent() -> None:
    md = ("# Review\n\n## Analysis of practice\n\nThe assessment was weak.\n\n"
          "### Background to the allocation decision\n\nThe case was allocated late because of vacancies.\n")
    review = read_bytes(md.encode(), "r.md")
    assert [s.kind for s in review.sections if s.title.startswith("Background")] == ["analysis_of_practice"]
