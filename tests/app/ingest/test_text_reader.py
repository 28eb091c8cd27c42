from __future__ import annotations

import pytest

from app.errors import IngestError
from app.ingest import read_bytes

TEXT = "Summary for the family\n\nThe probation practitioner’s plan was not reviewed – a gap.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_common_encodings_are_detected(encoding: str) -> None:
    review = read_bytes(TEXT.encode(encoding), "notes.txt")
    assert review.blocks[-1].text == "The probation practitioner’s plan was not reviewed – a gap."
    assert review.blocks[0].kind == "heading"


def test_latin1_text_is_read() -> None:
    text = "Café meeting notes\n\nThe naïve assessment was completed in the café on 3 May 2026."
    review = read_bytes(text.encode("latin-1"), "n.txt")
    assert "naïve" in review.blocks[-1].text


def test_markdown_headings_lists_and_tables() -> None:
    md = (
        "# SFO review: Mr K\n\n## Chronology\n\n| Date | Event |\n|---|---|\n| 01/02/2026 | Released. |\n\n"
        "## Analysis of practice\n\nThe plan was weak\nbecause it was rushed.\n\n- First point\n- Second point\n"
    )
    review = read_bytes(md.encode(), "r.md")
    assert review.format == "md"
    kinds = [(b.kind, b.text) for b in review.blocks]
    assert kinds == [
        ("heading", "SFO review: Mr K"), ("heading", "Chronology"),
        ("table_cell", "Date"), ("table_cell", "Event"), ("table_cell", "01/02/2026"), ("table_cell", "Released."),
        ("heading", "Analysis of practice"), ("paragraph", "The plan was weak because it was rushed."),
        ("list_item", "First point"), ("list_item", "Second point"),
    ]
    assert [s.kind for s in review.sections] == ["other", "chronology", "analysis_of_practice"]


def test_plain_text_numbered_headings_and_blank_line_paragraphs() -> None:
    text = "1. Introduction\n\nThis review covers\nsix months.\n\n3.2 Planning\n\nThe plan was late.\n"
    review = read_bytes(text.encode(), "r.txt")
    assert review.format == "txt"
    assert [(b.kind, b.text) for b in review.blocks] == [
        ("heading", "1. Introduction"), ("paragraph", "This review covers six months."),
        ("heading", "3.2 Planning"), ("paragraph", "The plan was late."),
    ]


def test_control_characters_mean_binary() -> None:
    with pytest.raises(IngestError) as info:
        read_bytes(("text " + "\x01\x02\x03\x04" * 50).encode(), "x.txt")
    assert info.value.code == "unsupported_format"
