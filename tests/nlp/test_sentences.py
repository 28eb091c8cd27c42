from __future__ import annotations

import pytest
from spacy.language import Language

from app.ingest import read_bytes
from nlp.sentences import review_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr K was seen by the PP. He said he was fine.", ["Mr K was seen by the PP.", "He said he was fine."]),
        ("The case, ref. No. 4521, was reviewed e.g. by the SPO. The plan was late.",
         ["The case, ref. No. 4521, was reviewed e.g. by the SPO.", "The plan was late."]),
        ("Approx. 14 contacts were missed, i.e. half. This mattered.",
         ["Approx. 14 contacts were missed, i.e. half.", "This mattered."]),
        ("• The practitioner did not check. Risk rose.", ["The practitioner did not check.", "Risk rose."]),
        ("3.4 We call her Ms V. We also met Mr K. Smith later.",
         ["We call her Ms V.", "We also met Mr K. Smith later."]),
        ("3 May 2022: Mr S told the PP he had moved. He gave no address.",
         ["3 May 2022: Mr S told the PP he had moved.", "He gave no address."]),
        ("Seen on 3 Feb. 2022 by the PSO. It was fine.", ["Seen on 3 Feb. 2022 by the PSO.", "It was fine."]),
    ],
)
def test_sentence_boundaries_respect_abbreviations(nlp: Language, text: str, expected: list[str]) -> None:
    review = read_bytes(text.encode(), "s.txt")
    assert [s.text for s in review_sentences(nlp, review)] == expected


def test_every_sentence_is_located_exactly_and_headings_are_excluded(nlp: Language) -> None:
    md = "# Chronology\n\n| Date | Event |\n|---|---|\n| 01/02/2026 | Released. He went home. |\n\n" \
         "## Learning\n\nThe region needs a standard. Staff agreed."
    review = read_bytes(md.encode(), "r.md")
    sentences = review_sentences(nlp, review)
    blocks = {b.index: b for b in review.blocks}
    for s in sentences:
        assert blocks[s.location.paragraph].text[s.location.start:s.location.end] == s.text
        assert blocks[s.location.paragraph].kind != "heading"
    assert [s.text for s in sentences] == ["Date", "Event", "01/02/2026", "Released.", "He went home.",
                                           "The region needs a standard.", "Staff agreed."]
    cell = next(s for s in sentences if s.text == "He went home.")
    assert (cell.location.row, cell.location.col) == (1, 1)
