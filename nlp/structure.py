"""Document-level structure checks: were the sections an SFO review needs recognised?"""

from __future__ import annotations

from nlp.checks import spec
from nlp.types import Finding, Review, SectionKind

EXPECTED_SECTIONS: tuple[tuple[SectionKind, str], ...] = (
    ("chronology", "a chronology of significant events"),
    ("analysis_of_practice", "an analysis of practice"),
    ("overall_judgements", "overall judgements or conclusions"),
    ("learning", "a learning section"),
    ("action_plan", "an action plan"),
)


def _finding(check: str, message: str, suggestion: str) -> Finding:
    s = spec(check)
    return Finding(check=check, standard=s.standard, severity=s.severity, text="", message=message,
                   suggestion=suggestion)


def structure_findings(review: Review) -> list[Finding]:
    kinds = {s.kind for s in review.sections}
    if kinds <= {"other"}:
        return [_finding(
            "structure.no-sections",
            "No section headings were recognised, so section-specific checks could not run.",
            "Use headings such as 'Chronology', 'Analysis of practice', 'Overall judgements', 'Learning' "
            "and 'Action plan' (Word Heading styles, numbered or bold headings).")]
    return [_finding("structure.missing-section", f"No section holding {what} was found.",
                     f"Add {what} under its own heading, or check that its heading is recognisable.")
            for kind, what in EXPECTED_SECTIONS if kind not in kinds]
