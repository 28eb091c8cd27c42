from __future__ import annotations

from collections import Counter

import pytest
from spacy.language import Language

from app.ingest import read_bytes
from nlp.language import language_findings, lexicon
from nlp.sentences import parse_blocks


def _found(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    review = read_bytes(text.encode(), "r.txt")
    return [(f.check, f.severity, f.text) for f in language_findings(list(parse_blocks(nlp, review.blocks)))]


def test_lexicon_has_enough_entries_in_every_category() -> None:
    counts = Counter(e.category for e, _ in lexicon())
    assert sum(counts.values()) >= 80
    assert set(counts) == {"blame", "mutualising", "minimising", "doubting", "derogatory", "sexualising", "graphic",
                           "responsibility-shifting"}
    assert all(e.reason and e.alternative for e, _ in lexicon())


@pytest.mark.parametrize(
    ("text", "check"),
    [
        ("Ms B had put herself at risk by going to his flat.", "language.blame"),
        ("They had a volatile relationship for several years.", "language.mutualising"),
        ("The victim appeared mature for her age.", "language.sexualising"),
        ("He said he simply snapped when she left.", "language.responsibility-shifting"),
        ("It was only a slap, the record said.", "language.minimising"),
        ("The so-called victim made the allegation.", "language.doubting"),
        ("She was described as a junkie.", "language.derogatory"),
        ("He stabbed her repeatedly in the neck.", "language.graphic"),
        ("The conclusion was that the victim had brought trouble on himself.", "language.blame"),
        ("Ms H did not help matters by accepting the friend request.", "language.blame"),
    ],
)
def test_should_flag(nlp: Language, text: str, check: str) -> None:
    assert check in [c for c, _, _ in _found(nlp, text)]


@pytest.mark.parametrize(
    "text",
    [
        "There is no suggestion that Ms B put herself at risk.",
        "The practitioner assessed the risk to Ms B and put a safety plan in place.",
        "Mr K was recalled to prison after missing two appointments.",
        "The relationship ended in March and Ms B moved to a new address.",
    ],
)
def test_should_not_flag(nlp: Language, text: str) -> None:
    assert _found(nlp, text) == []


def test_quoted_wording_is_a_note_not_an_error(nlp: Language) -> None:
    found = _found(nlp, 'Mr K told the PP that "she put herself at risk", a view this review rejects.')
    assert found and all(severity == "info" for _, severity, _ in found)
