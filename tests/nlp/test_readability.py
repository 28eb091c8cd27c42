from __future__ import annotations

import math

import pytest
from spacy.language import Language

from app.ingest import read_bytes
from nlp.readability import ReadabilityThresholds, readability_findings, section_metrics, syllables
from nlp.sentences import parse_blocks

THRESHOLDS = ReadabilityThresholds(long_sentence_words=20, min_section_sentences=2, hard_section_reading_ease=30.0)
LONG = ("The probation practitioner, having considered the information provided by partner agencies over an "
        "extended period of several months, concluded that the risk was manageable within the community.")
HARD = ("Notwithstanding organisational considerations, institutional deficiencies substantially "
        "compromised multidisciplinary communication. Consequently, interdisciplinary accountability "
        "deteriorated considerably.")


@pytest.mark.parametrize(("word", "count"), [("risk", 1), ("practice", 2), ("probation", 3), ("the", 1)])
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def _run(nlp: Language, body: str) -> tuple[list[tuple[str, float | None]], dict[str, dict[str, float]]]:
    review = read_bytes(f"# R\n\n## Analysis of practice\n\n{body}\n".encode(), "r.md")
    parsed = list(parse_blocks(nlp, review.body_blocks()))
    return ([(f.check, f.score) for f in readability_findings(review, parsed, THRESHOLDS)],
            section_metrics(parsed, THRESHOLDS))


def test_long_sentence_is_flagged_with_its_length(nlp: Language) -> None:
    findings, metrics = _run(nlp, LONG + " He agreed.")
    assert ("readability.long-sentence", 27.0) in findings
    analysis = metrics["s2"]
    assert analysis["sentences"] == 2 and analysis["long_sentence_share"] == 0.5


def test_short_plain_sentences_are_not_flagged(nlp: Language) -> None:
    findings, _ = _run(nlp, "The plan was late. Nobody checked it. The risk grew.")
    assert findings == []


def test_hard_section_and_passive_share(nlp: Language) -> None:
    findings, metrics = _run(nlp, HARD + " The plan was written by the manager.")
    assert "readability.hard-section" in [c for c, _ in findings]
    assert metrics["s2"]["passive_share"] == pytest.approx(1 / 3)
    assert metrics["s2"]["reading_ease"] < 30


def test_empty_section_metrics_are_nan(nlp: Language) -> None:
    review = read_bytes(b"# R\n\n| a | b |\n|---|---|\n| c | d |\n", "r.md")
    metrics = section_metrics(list(parse_blocks(nlp, review.body_blocks())), THRESHOLDS)
    assert metrics == {} or all(math.isnan(v) for m in metrics.values() for v in m.values())
