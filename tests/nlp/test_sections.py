from __future__ import annotations

import pytest

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
    ],
)
def test_heading_wording_maps_to_kind(heading: str, kind: str, subkind: str | None) -> None:
    assert classify_heading(heading) == (kind, subkind)
