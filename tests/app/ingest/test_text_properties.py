"""Property-based tests (hypothesis) of the text and Markdown reader, and of screening whatever it reads."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.config import ChecksConfig
from app.errors import IngestError, PrescreenError
from app.ingest import read_bytes
from app.screen import load_engine, screen_review
from app.settings import Settings

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _letters(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c).startswith("L"))


@PROPERTY
@given(st.binary(max_size=4096), st.sampled_from(["d.txt", "d.md", "d.docx", "d.pdf", "noext"]))
def test_any_bytes_are_read_or_refused_with_a_specific_error(data: bytes, name: str) -> None:
    try:
        review = read_bytes(data, name)
    except IngestError as exc:
        assert exc.code and exc.message and "\n" not in exc.message
    else:
        assert review.blocks and all(b.text.strip() for b in review.blocks)


printable = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), min_size=1, max_size=2000)


@PROPERTY
@given(printable)
def test_text_keeps_every_letter_in_order(text: str) -> None:
    try:
        review = read_bytes(text.encode("utf-8"), "d.txt")
    except IngestError as exc:
        assert exc.code == "empty" and not text.strip()
        return
    assert _letters("".join(b.text for b in review.blocks)) == _letters(text)


words = st.text(st.characters(whitelist_categories=("Lu", "Ll")), min_size=1, max_size=12)
sentence = st.lists(words, min_size=1, max_size=15).map(" ".join)
heading = st.tuples(st.integers(1, 3), st.lists(words, min_size=1, max_size=5).map(" ".join)).map(
    lambda h: ("heading", "#" * h[0] + " " + h[1], 1))
paragraph = st.lists(sentence, min_size=1, max_size=4).map(lambda s: ("paragraph", ". ".join(s) + ".", 0))
table = st.lists(st.lists(words, min_size=2, max_size=2), min_size=1, max_size=5).map(
    lambda rows: ("table", "| A | B |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows), 2 * len(rows) + 2))


@PROPERTY
@given(st.lists(st.one_of(heading, paragraph, table), min_size=1, max_size=12))
def test_markdown_structure_is_kept(parts: list[tuple[str, str, int]]) -> None:
    review = read_bytes("\n\n".join(text for _, text, _ in parts).encode(), "d.md")
    assert sum(1 for b in review.blocks if b.kind == "heading") == sum(1 for kind, _, _ in parts if kind == "heading")
    assert sum(1 for b in review.blocks if b.kind == "table_cell") == sum(n for kind, _, n in parts if kind == "table")
    assert len({b.cell.table for b in review.blocks if b.cell}) == sum(1 for kind, _, _ in parts if kind == "table")


ENGINE_SETTINGS = Settings()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(heading, paragraph, table, printable.map(lambda t: ("raw", t, 0))), min_size=1,
                max_size=8))
def test_screening_whatever_is_read_never_fails_unexpectedly(parts: list[tuple[str, str, int]]) -> None:
    try:
        review = read_bytes("\n\n".join(text for _, text, _ in parts).encode(), "d.md")
    except IngestError:
        return
    try:
        screening = screen_review(review, load_engine(ENGINE_SETTINGS), ChecksConfig())
    except PrescreenError:
        return
    assert screening.document.word_count >= 0
    for finding in screening.findings:
        if finding.location is not None:
            text = review.blocks[finding.location.paragraph].text
            assert 0 <= finding.location.start <= finding.location.end <= len(text)
