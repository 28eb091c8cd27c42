from __future__ import annotations

import difflib
import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from app.errors import IngestError
from app.ingest import read_bytes
from nlp.types import Review
from tests.builders import review_pdf

PARAGRAPHS = (
    "The probation practitioner completed the assessment three weeks after release, which was later than "
    "the expected timescale, and it did not draw on the police domestic abuse call-out information that "
    "was available at the time.",
    "Contact was maintained weekly in the first month, and the practitioner recorded that Mr K presented "
    "as settled, although no home visit was completed and the new relationship was never verified.",
    "The senior probation officer said in interview that the team carried several vacancies during this "
    "period, and that supervision sessions had been cancelled on four occasions because of sickness.",
)
SECTIONS = [(f"Section {i}: Analysis of practice", PARAGRAPHS * 3) for i in range(1, 5)]


@pytest.fixture(scope="module")
def long_pdf() -> Review:
    return read_bytes(review_pdf(SECTIONS), "review.pdf")


def test_words_match_the_source_text(long_pdf: Review) -> None:
    got = " ".join(b.text for b in long_pdf.blocks if b.kind != "heading").split()
    want = " ".join(p for _, ps in SECTIONS for p in ps).split()
    ratio = difflib.SequenceMatcher(a=got, b=want, autojunk=False).ratio()
    assert ratio > 0.99, ratio


def test_paragraphs_are_joined_lines_and_kept_apart(long_pdf: Review) -> None:
    body = [b.text for b in long_pdf.blocks if b.kind == "paragraph"]
    assert body[:3] == list(PARAGRAPHS)


def test_running_headers_and_page_numbers_are_removed(long_pdf: Review) -> None:
    assert long_pdf.pages and long_pdf.pages >= 3
    text = "\n".join(b.text for b in long_pdf.blocks)
    assert "OFFICIAL SENSITIVE" not in text
    assert "Page 2" not in text


def test_headings_from_font_size_and_page_numbers_kept(long_pdf: Review) -> None:
    headings = [b for b in long_pdf.blocks if b.kind == "heading"]
    assert [h.text for h in headings] == [t for t, _ in SECTIONS]
    assert {s.kind for s in long_pdf.sections} == {"analysis_of_practice"}
    assert long_pdf.blocks[-1].page == long_pdf.pages
    assert long_pdf.blocks[0].page == 1


def test_table_cells_keep_row_and_column() -> None:
    table = [("Date", "Event"), ("01/02/2026", "Released on licence to approved premises.")]
    review = read_bytes(review_pdf([("Chronology", ["Key events follow."])], table=table), "c.pdf")
    cells = [(b.text, b.cell.row, b.cell.col) for b in review.blocks if b.cell]  # type: ignore[union-attr]
    assert cells == [("Date", 0, 0), ("Event", 0, 1), ("01/02/2026", 1, 0),
                     ("Released on licence to approved premises.", 1, 1)]
    assert review.sections[-1].kind == "chronology"


def _hand_drawn(lines: list[tuple[str, str]]) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    y = 750
    for font, text in lines:
        c.setFont(font, 10)
        c.drawString(72, y, text)
        y -= 13
    c.showPage()
    c.save()
    return buf.getvalue()


def test_hyphenated_line_ends_are_rejoined_and_bold_lines_are_headings() -> None:
    data = _hand_drawn([
        ("Helvetica-Bold", "Assessment"),
        ("Helvetica", "The practitioner completed the assess-"),
        ("Helvetica", "ment late. A risk-"),
        ("Helvetica", "Management plan was written."),
    ])
    review = read_bytes(data, "h.pdf")
    assert review.blocks[0].kind == "heading"
    assert review.sections[-1].subkind == "assessment"
    expected = "The practitioner completed the assessment late. A risk- Management plan was written."
    assert review.blocks[1].text == expected


def test_encrypted_pdf_needs_the_password_removed() -> None:
    data = review_pdf([("Introduction", ["Text."])], encrypt="secret")
    with pytest.raises(IngestError) as info:
        read_bytes(data, "locked.pdf")
    assert info.value.code == "encrypted"


def test_truncated_pdf_is_reported_not_crashed() -> None:
    data = review_pdf(SECTIONS)
    with pytest.raises(IngestError) as info:
        read_bytes(data[: len(data) // 3], "cut.pdf")
    assert info.value.code in {"corrupt", "empty"}


def test_garbage_after_pdf_magic_is_corrupt() -> None:
    with pytest.raises(IngestError) as info:
        read_bytes(b"%PDF-1.7\n" + b"\x13\x37garbage" * 50, "bad.pdf")
    assert info.value.code in {"corrupt", "empty"}
