from __future__ import annotations

import pytest
from spacy.language import Language

from app.ingest import read_bytes
from nlp.glossary import JargonEntry, build_glossary
from nlp.jargon import jargon_findings
from nlp.sentences import parse_blocks

GLOSSARY = build_glossary((), (
    JargonEntry(term="licence", variants=("on licence",), meaning="rules for the rest of a sentence"),
    JargonEntry(term="recall", variants=("recalled",), meaning="being sent back to prison"),
    JargonEntry(term="tiering", meaning="deciding how much supervision a case gets"),
))


def _findings(nlp: Language, body: str) -> list[tuple[str, str]]:
    review = read_bytes(f"# R\n\n## Analysis\n\n{body}\n".encode(), "r.md")
    findings = jargon_findings(review, list(parse_blocks(nlp, review.body_blocks())), GLOSSARY)
    return [(f.check, f.text) for f in findings]


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("He was released on licence. He was later recalled.", ["on licence", "recalled"]),
        ("Tiering placed the case low.", ["Tiering"]),
        ("He was recalled on 3 May.\n\nRecall, which means being sent back to prison, followed.", ["recalled"]),
    ],
)
def test_should_flag(nlp: Language, body: str, flagged: list[str]) -> None:
    assert _findings(nlp, body) == [("jargon.unexplained", t) for t in flagged]


@pytest.mark.parametrize(
    "body",
    [
        "He was released on licence, which means he had to follow rules in the community.",
        "He was recalled (sent back to prison) in May.",
        "Tiering – deciding how much supervision a case needs – placed the case low.",
        "Tiering is when probation decides how much supervision a case gets.",
        "Nothing specialist is mentioned in this paragraph.",
    ],
)
def test_should_not_flag(nlp: Language, body: str) -> None:
    assert _findings(nlp, body) == []


def test_one_finding_per_term_with_count_and_later_explanation(nlp: Language) -> None:
    review = read_bytes(b"# R\n\n## Analysis\n\nHe was recalled in May. The recall was quick.\n\n"
                        b"A recall, which means being sent back to prison, is serious.\n", "r.md")
    findings = jargon_findings(review, list(parse_blocks(nlp, review.body_blocks())), GLOSSARY)
    assert len(findings) == 1
    f = findings[0]
    assert f.text == "recalled" and "used 3 times" in f.message and "explained later" in f.message
    assert f.suggestion and "being sent back to prison" in f.suggestion


def test_own_glossary_explains_term(nlp: Language) -> None:
    md = b"# R\n\n## Analysis\n\nHe was recalled.\n\n## Glossary\n\nRecall - being sent back to prison\n"
    review = read_bytes(md, "r.md")
    assert jargon_findings(review, list(parse_blocks(nlp, review.body_blocks())), GLOSSARY) == []
