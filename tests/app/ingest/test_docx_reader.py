from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.enum.text import WD_BREAK
from msoffcrypto.format.ooxml import OOXMLFile

from app.errors import IngestError
from app.ingest import read_bytes
from nlp.types import Review
from tests.builders import (
    add_content_control,
    add_text_box,
    add_tracked_paragraph,
    docx_bytes,
    rezip,
    zip_bomb_docx,
)


def _read(document: docx.document.Document) -> Review:
    return read_bytes(docx_bytes(document), "draft.docx")


def _texts(review: Review) -> list[str]:
    return [b.text for b in review.blocks]


def _headings(review: Review) -> list[tuple[str, str, str | None]]:
    by_id = {s.id: s for s in review.sections}
    return [(b.text, by_id[b.section].kind, by_id[b.section].subkind) for b in review.blocks if b.kind == "heading"]


def test_heading_styles_make_sections_in_body_order() -> None:
    d = docx.Document()
    d.add_heading("Serious Further Offence Review: Mr K", 0)
    d.add_heading("Analysis of practice", 1)
    d.add_heading("Assessment", 2)
    d.add_paragraph("The assessment did not use police information.")
    d.add_heading("Risk to children", 2)
    d.add_paragraph("Children's Services were not contacted.")
    d.add_heading("Learning", 1)
    d.add_paragraph("The region needs a domestic abuse enquiry standard.")
    review = _read(d)
    assert _headings(review) == [
        ("Serious Further Offence Review: Mr K", "other", None),
        ("Analysis of practice", "analysis_of_practice", None),
        ("Assessment", "analysis_of_practice", "assessment"),
        ("Risk to children", "analysis_of_practice", None),
        ("Learning", "learning", None),
    ]
    para = next(b for b in review.blocks if b.text.startswith("Children's"))
    assert review.section(para.section).title == "Risk to children"  # type: ignore[union-attr]


def test_numbered_headings_in_normal_style() -> None:
    d = docx.Document()
    for text in ("1. Introduction", "This review covers one year.", "3.2 Planning",
                 "3.2.1 The plan was late because the practitioner was absent.", "4. Learning",
                 "1. Home visits were missed"):
        d.add_paragraph(text)
    review = _read(d)
    assert [h[0] for h in _headings(review)] == ["1. Introduction", "3.2 Planning", "4. Learning"]
    assert _headings(review)[1][1:] == ("analysis_of_practice", "planning")
    assert next(b for b in review.blocks if b.text.startswith("1. Home")).kind == "paragraph"


def test_short_bold_lines_standing_alone_are_headings() -> None:
    d = docx.Document()
    d.add_paragraph().add_run("Chronology").bold = True
    d.add_paragraph("On 3 May the practitioner met Mr K.")
    d.add_paragraph().add_run("Implementation and delivery of services").bold = True
    d.add_paragraph("Contact was weekly.")
    p = d.add_paragraph()
    p.add_run("Important: ").bold = True
    p.add_run("this sentence has a bold lead-in but is body text.")
    d.add_paragraph().add_run("The practitioner was not told about the call-outs.").bold = True
    review = _read(d)
    assert _headings(review) == [("Chronology", "chronology", None),
                                 ("Implementation and delivery of services", "analysis_of_practice", "delivery")]


def test_tables_become_cells_with_row_and_column() -> None:
    d = docx.Document()
    d.add_heading("Chronology", 1)
    t = d.add_table(rows=3, cols=2)
    rows = [("Date", "Event"), ("01/02/2026", "Released on licence."), ("09/02/2026", "First appointment.")]
    for r, (a, b) in enumerate(rows):
        t.cell(r, 0).text, t.cell(r, 1).text = a, b
    t.cell(2, 1).add_paragraph("He arrived late.")
    review = _read(d)
    cells = [(b.text, b.cell.row, b.cell.col) for b in review.blocks if b.cell]  # type: ignore[union-attr]
    assert cells[:4] == [("Date", 0, 0), ("Event", 0, 1), ("01/02/2026", 1, 0), ("Released on licence.", 1, 1)]
    assert cells[-1] == ("First appointment.\nHe arrived late.", 2, 1)
    assert all(b.kind == "table_cell" and b.section == review.sections[-1].id for b in review.blocks if b.cell)


def test_tracked_insertions_are_in_and_deletions_out() -> None:
    d = docx.Document()
    add_tracked_paragraph(d, "The practitioner ", "did not ", "promptly ", "request police checks.")
    review = _read(d)
    assert _texts(review) == ["The practitioner did not request police checks."]


def test_content_controls_and_text_boxes_are_read_once() -> None:
    d = docx.Document()
    d.add_paragraph("Before the control.")
    add_content_control(d, "Reviewing manager: SPO, Northmoor team")
    add_text_box(d, "Anchor paragraph.", "Boxed summary for the family.")
    texts = _texts(_read(d))
    assert texts == ["Before the control.", "Reviewing manager: SPO, Northmoor team", "Anchor paragraph.",
                     "Boxed summary for the family."]


def test_headers_footers_and_comments_are_not_body_text() -> None:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "OFFICIAL SENSITIVE"
    d.sections[0].footer.paragraphs[0].text = "Page 1"
    p = d.add_paragraph("The plan was reviewed.")
    d.add_comment(p.runs, text="Check this date", author="Inspector")
    texts = _texts(_read(d))
    assert texts == ["The plan was reviewed."]


def test_list_items_and_line_breaks() -> None:
    d = docx.Document()
    d.add_paragraph("Reviewing was weak.", style="List Bullet")
    run = d.add_paragraph("First line").add_run()
    run.add_break(WD_BREAK.LINE)
    run.add_text("second line")
    review = _read(d)
    assert [b.kind for b in review.blocks] == ["list_item", "paragraph"]
    assert review.blocks[1].text == "First line\nsecond line"


@pytest.fixture()
def small_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("A short draft.")
    return docx_bytes(d)


def test_truncated_docx_is_corrupt(small_docx: bytes) -> None:
    with pytest.raises(IngestError) as info:
        read_bytes(small_docx[: len(small_docx) // 2], "draft.docx")
    assert info.value.code == "corrupt"


def test_damaged_body_xml_is_corrupt(small_docx: bytes) -> None:
    broken = rezip(small_docx, {"word/document.xml": b"<w:document><w:body><w:p>"})
    with pytest.raises(IngestError) as info:
        read_bytes(broken, "draft.docx")
    assert info.value.code == "corrupt"


def test_zip_bomb_is_refused_before_inflating(small_docx: bytes) -> None:
    bomb = zip_bomb_docx(small_docx, inflated_mb=300)
    assert len(bomb) < 1_000_000
    with pytest.raises(IngestError) as info:
        read_bytes(bomb, "draft.docx")
    assert info.value.code == "zip_bomb"


def test_high_compression_ratio_is_refused(small_docx: bytes, settings) -> None:  # type: ignore[no-untyped-def]
    bomb = zip_bomb_docx(small_docx, inflated_mb=20)
    with pytest.raises(IngestError) as info:
        read_bytes(bomb, "draft.docx", settings)
    assert info.value.code == "zip_bomb"
    assert "compressed" in info.value.message


@pytest.mark.parametrize(
    "payload",
    [
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
        b"<w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
        b"<w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>",
    ],
)
def test_entity_attacks_are_rejected(small_docx: bytes, payload: bytes) -> None:
    with pytest.raises(IngestError) as info:
        read_bytes(rezip(small_docx, {"word/document.xml": payload}), "draft.docx")
    assert info.value.code == "unsafe_xml"


def test_deep_nesting_is_rejected(small_docx: bytes) -> None:
    depth = 5000
    body = (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + b"<w:sdt><w:sdtContent>" * depth + b"</w:sdtContent></w:sdt>" * depth + b"</w:body></w:document>")
    with pytest.raises(IngestError) as info:
        read_bytes(rezip(small_docx, {"word/document.xml": body}), "draft.docx")
    assert info.value.code in {"too_complex", "corrupt"}


def test_password_protected_docx(small_docx: bytes) -> None:
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(small_docx)).encrypt("secret", out)
    with pytest.raises(IngestError) as info:
        read_bytes(out.getvalue(), "draft.docx")
    assert info.value.code == "encrypted"
    assert "password" in info.value.message


def test_docx_without_text_is_empty() -> None:
    with pytest.raises(IngestError) as info:
        _read(docx.Document())
    assert info.value.code == "empty"


def test_reading_never_modifies_the_package(small_docx: bytes) -> None:
    before = bytes(small_docx)
    read_bytes(small_docx, "draft.docx")
    assert small_docx == before
    assert zipfile.ZipFile(io.BytesIO(small_docx)).testzip() is None


def test_numbered_headings_continue_the_documents_own_sequence() -> None:
    d = docx.Document()
    for text in ("1. Introduction", "Text.", "2. Sources", "Interviews were held.", "3. Ms D", "More text.",
                 "3.1 Assessment", "Text.", "4. Were all reasonable steps taken?", "Text.",
                 "1. Home visits", "7. Something later"):
        d.add_paragraph(text)
    review = _read(d)
    assert [h[0] for h in _headings(review)] == ["1. Introduction", "2. Sources", "3. Ms D", "3.1 Assessment",
                                                 "4. Were all reasonable steps taken?"]


def test_field_lines_and_glossary_entries_are_not_headings() -> None:
    d = docx.Document()
    for text in ("Reviewing manager: SPO, Harrowdale team", "Date of charge: 10 November 2023",
                 "SARA – Spousal Assault Risk Assessment", "Learning"):
        d.add_paragraph(text)
    d.add_paragraph().add_run("Was practice sufficient?").bold = True
    review = _read(d)
    assert [h[0] for h in _headings(review)] == ["Learning", "Was practice sufficient?"]
