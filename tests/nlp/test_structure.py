from __future__ import annotations

from app.ingest import read_bytes
from nlp.structure import structure_findings


def test_missing_expected_sections_are_named() -> None:
    md = b"# Chronology\n\nEvents.\n\n# Analysis of practice\n\nWhy.\n\n# Learning\n\nLessons.\n"
    findings = structure_findings(read_bytes(md, "r.md"))
    assert [(f.check, f.message) for f in findings] == [
        ("structure.missing-section", "No section holding overall judgements or conclusions was found."),
        ("structure.missing-section", "No section holding an action plan was found."),
    ]


def test_complete_review_has_no_structure_findings() -> None:
    md = b"# Chronology\n\nA.\n\n# Analysis\n\nB.\n\n# Conclusions\n\nC.\n\n# Learning\n\nD.\n\n# Action plan\n\nE.\n"
    assert structure_findings(read_bytes(md, "r.md")) == []


def test_no_sections_is_one_finding() -> None:
    findings = structure_findings(read_bytes(b"Just one paragraph of text.", "r.txt"))
    assert [f.check for f in findings] == ["structure.no-sections"]
