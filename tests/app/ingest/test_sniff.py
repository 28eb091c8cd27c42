from __future__ import annotations

import io
import zipfile

import docx
import pytest

from app.errors import IngestError
from app.ingest import read_bytes
from app.ingest.sniff import sniff
from tests.builders import docx_bytes, image_only_pdf, review_pdf


def _zip(names: list[str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n in names:
            zf.writestr(n, "<x/>")
    return buf.getvalue()


def test_formats_are_recognised_by_content_not_name() -> None:
    d = docx.Document()
    d.add_paragraph("Mr K was released on licence.")
    data = docx_bytes(d)
    review = read_bytes(data, "renamed.pdf")
    assert review.format == "docx"
    assert sniff(review_pdf([("Introduction", ["Some text."])])) == "pdf"
    assert read_bytes(b"# Heading\n\nText.", "notes.docx").format == "md"
    assert read_bytes(b"Plain words only.", "notes.pdf").format == "txt"


@pytest.mark.parametrize(
    ("data", "code", "words"),
    [
        (b"", "empty", "empty"),
        (b"   \n\t \n", "empty", "empty"),
        (_zip(["xl/workbook.xml"]), "unsupported_format", "Excel"),
        (_zip(["content.xml", "mimetype"]), "unsupported_format", "OpenDocument"),
        (_zip(["readme.txt"]), "unsupported_format", "zip archive"),
        (b"PK\x03\x04" + b"\x00" * 40, "corrupt", "corrupt"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "unsupported_format", ".doc"),
        (b"{\\rtf1\\ansi hello}", "unsupported_format", "RTF"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "unsupported_format", "OCR"),
        (bytes(range(256)) * 40, "unsupported_format", "binary"),
    ],
)
def test_unreadable_inputs_get_specific_errors(data: bytes, code: str, words: str) -> None:
    with pytest.raises(IngestError) as info:
        read_bytes(data, "input.bin")
    assert info.value.code == code
    assert words in info.value.message


def test_scan_without_text_layer_asks_for_ocr() -> None:
    with pytest.raises(IngestError) as info:
        read_bytes(image_only_pdf(), "scan.pdf")
    assert info.value.code == "no_text_layer"
    assert "run OCR first" in info.value.message


def test_file_over_the_size_limit_is_refused(settings) -> None:  # type: ignore[no-untyped-def]
    small = settings.model_copy(update={"max_file_mb": 0.001})
    with pytest.raises(IngestError) as info:
        read_bytes(b"x" * 5000, "big.txt", small)
    assert info.value.code == "too_large"
