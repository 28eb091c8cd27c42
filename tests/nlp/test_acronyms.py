"""Acronym candidates, definitions and per-document resolution: should-flag / should-not-flag tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from app.ingest import read_bytes
from nlp.acronym_definitions import best_long_form, glossary_line
from nlp.acronyms import acronym_findings, resolve
from nlp.glossary import GlossaryError, load_glossary
from nlp.sentences import parse_blocks


def _keys(nlp: Language, text: str) -> list[str]:
    doc = nlp(text)
    return [s._.acronym_key for s in doc.spans["acronyms"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The PP updated the OASys and told the SPO.", ["PP", "OASys", "SPO"]),
        ("Two PPs and the SPO's manager checked nDelius and ViSOR.", ["PP", "SPO", "nDelius", "ViSOR"]),
        ("He moved to CAS3 housing; RM2000 and RoSH scores were noted.", ["CAS3", "RM2000", "RoSH"]),
        ("The OMiC model and the PQiP learner, and OASys' author.", ["OMiC", "PQiP", "OASys"]),
    ],
)
def test_candidates_should_flag(nlp: Language, text: str, expected: list[str]) -> None:
    assert _keys(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mr AB met Child B and Victim 1 in Part III of the building.",
        "DO NOT CONTACT THE VICTIM. OFFICIAL SENSITIVE.",
        "I saw him at 10 AM; he weighed 80 KG and lives in the UK.",
        "His postcode is NE12 4XY, his car is AB12 CDE and his insurance number is QQ 12 34 56 C.",
        "Email john.smith@example.com or see www.example.org for details.",
        "Mr McDonald and Ms O'Brien attended; Schedule IV and Annex II apply.",
    ],
)
def test_candidates_should_not_flag(nlp: Language, text: str) -> None:
    assert _keys(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("The Offender Assessment System (OASys) was completed.", "long (SF)"),
        ("The OASys (Offender Assessment System) was completed.", "SF (long)"),
        ("The SPO – the Senior Probation Officer – agreed.", "SF – long"),
        ("OASys stands for Offender Assessment System.", "SF stands for"),
        ("Probation keeps its records on a national database known as nDelius.", "known as SF (known as)"),
        ("MAPPA is the way police, probation and prisons manage the most serious cases together.", "SF is …"),
        ("She met the person on probation (PoP) weekly.", "long (SF)"),
    ],
)
def test_each_definition_pattern(nlp: Language, text: str, pattern: str) -> None:
    doc = nlp(text)
    assert [d._.definition_pattern for d in doc.spans["acronym_definitions"]] == [pattern]


def test_schwartz_hearst_letter_matching() -> None:
    assert best_long_form("OASys", "completed the Offender Assessment System") == "Offender Assessment System"
    assert best_long_form("CAS3", "moved into Community Accommodation Service Tier 3") == \
        "Community Accommodation Service Tier 3"
    assert best_long_form("SPO", "the report was late") is None


def test_glossary_lines() -> None:
    assert glossary_line("SPO – Senior Probation Officer") == ("SPO", "Senior Probation Officer")
    assert glossary_line("OASys: the tool used to assess risk") == ("OASys", "the tool used to assess risk")
    assert glossary_line("The practitioner agreed – reluctantly.") is None


def _resolve(nlp: Language, md: str) -> dict[str, str]:
    review = read_bytes(md.encode(), "r.md")
    parsed = list(parse_blocks(nlp, review.body_blocks()))
    return {r.key: r.status for r in resolve(review, parsed, load_glossary(None))}


def test_document_resolution_first_use_later_glossary_never(nlp: Language) -> None:
    md = (
        "# Review\n\n## Analysis\n\n"
        "The Senior Probation Officer (SPO) read the OASys. The PDU was short of staff.\n\n"
        "The SPO said the OASys was late. The MARAC did not meet.\n\n"
        "Later, the Offender Assessment System (OASys) was reviewed.\n\n"
        "## Glossary\n\nPDU – Probation Delivery Unit\n"
    )
    assert _resolve(nlp, md) == {"SPO": "inline-first-use", "OASys": "inline-later", "PDU": "glossary",
                                 "MARAC": "never"}


def test_glossary_table_counts_as_glossary(nlp: Language) -> None:
    md = ("# Review\n\n## Analysis\n\nThe IOM team met.\n\n## Annex\n\n| Term | Meaning |\n|---|---|\n"
          "| IOM | Integrated Offender Management |\n")
    assert _resolve(nlp, md) == {"IOM": "glossary"}


def test_findings_are_one_per_acronym_at_first_use(nlp: Language) -> None:
    md = "# R\n\n## Analysis\n\nThe PP met Mr K. The PP called again.\n\nThe MAPPA level was 1. The PP agreed.\n"
    review = read_bytes(md.encode(), "r.md")
    parsed = list(parse_blocks(nlp, review.body_blocks()))
    findings = acronym_findings(review, parsed, load_glossary(None))
    by_text = {f.text: f for f in findings}
    assert set(by_text) == {"PP", "MAPPA"}
    pp = by_text["PP"]
    assert pp.check == "acronym.undefined" and pp.severity == "error"
    assert "used 3 times" in pp.message
    assert pp.suggestion and "Probation Practitioner" in pp.suggestion
    block = next(b for b in review.blocks if b.index == pp.location.paragraph)  # type: ignore[union-attr]
    assert block.text[pp.location.start:pp.location.end] == "PP"  # type: ignore[union-attr]


def test_unknown_acronym_suggests_explaining_it(nlp: Language) -> None:
    review = read_bytes(b"# R\n\n## Analysis\n\nThe ZQXW panel met.\n", "r.md")
    findings = acronym_findings(review, list(parse_blocks(nlp, review.body_blocks())), load_glossary(None))
    assert [f.text for f in findings] == ["ZQXW"]
    assert "not in the glossary" in (findings[0].suggestion or "")


def test_allowed_terms_are_not_flagged(nlp: Language) -> None:
    review = read_bytes(b"# R\n\n## Analysis\n\nThe MAPPA panel met.\n", "r.md")
    parsed = list(parse_blocks(nlp, review.body_blocks()))
    assert acronym_findings(review, parsed, load_glossary(None), frozenset({"MAPPA"})) == []


def test_user_glossary_file_adds_and_overrides(tmp_path: Path) -> None:
    user = tmp_path / "ours.yaml"
    user.write_text("acronyms:\n  - short: ZQXW\n    expansion: Zonal Quality Working group\n"
                    "    meaning: our local panel that reviews complex cases\n")
    glossary = load_glossary(user)
    entry = glossary.lookup("ZQXW")
    assert entry is not None and entry.expansion == "Zonal Quality Working group"
    assert glossary.lookup("OASys") is not None
    bad = tmp_path / "bad.yaml"
    bad.write_text("acronyms:\n  - short: X\n")
    with pytest.raises(GlossaryError, match="acronyms.0.expansion"):
        load_glossary(bad)


def test_defined_late_names_where_the_explanation_is(nlp: Language) -> None:
    md = b"# R\n\n## Analysis\n\nThe OASys was late.\n\nThe Offender Assessment System (OASys) matters.\n"
    review = read_bytes(md, "r.md")
    findings = acronym_findings(review, list(parse_blocks(nlp, review.body_blocks())), load_glossary(None))
    assert [(f.check, f.severity, f.text) for f in findings] == [("acronym.defined-late", "warning", "OASys")]
    assert "explained later (paragraph 3)" in findings[0].message
    assert findings[0].location and findings[0].location.paragraph == 2


def test_issue_4_long_form_before_parenthesis_and_colon(nlp: Language) -> None:
    """The tokenizer joins "):" into one token; the definition must still be found."""
    doc = nlp("Multi-Agency Public Protection Arrangements (MAPPA): Category 2, Level 1.")
    assert [d._.definition_pattern for d in doc.spans["acronym_definitions"]] == ["long (SF)"]


def test_relative_clause_gloss_counts_as_explanation(nlp: Language) -> None:
    doc = nlp("He moved to a CAS3 property, which is temporary housing for people leaving prison.")
    assert [d._.definition_pattern for d in doc.spans["acronym_definitions"]] == ["SF, which is …"]


def test_cover_lines_do_not_count_as_first_use(nlp: Language) -> None:
    md = ("# SFO review: Mr K\n\nReviewing manager: SPO, Northmoor SFO Team\n\n## Introduction\n\n"
          "This Serious Further Offence (SFO) review covers one year. The SFO happened in May.\n")
    assert _resolve(nlp, md)["SFO"] == "inline-first-use"
