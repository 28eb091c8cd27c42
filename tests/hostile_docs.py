"""Hostile documents, built in memory: each must be refused with a specific error, quickly.

Shared by tests/app/ingest/test_hostile_documents.py and benchmarks/hostile.py (which times them).
"""

from __future__ import annotations

import io
import random
import string
from collections.abc import Callable

import docx
from reportlab.pdfgen.canvas import Canvas

from tests.builders import docx_bytes, image_only_pdf, rezip, zip_bomb_docx

W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def small_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("A short draft.")
    return docx_bytes(d)


def _body(inner: bytes) -> bytes:
    return b'<?xml version="1.0"?><w:document ' + W + b"><w:body>" + inner + b"</w:body></w:document>"


def billion_laughs() -> bytes:
    entities = b'<!ENTITY lol0 "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, b"".join(b"&lol%d;" % (i - 1) for _ in range(10))) for i in range(1, 10))
    doc = b'<?xml version="1.0"?><!DOCTYPE lolz [' + entities + b"]><w:document " + W + \
        b"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    return rezip(small_docx(), {"word/document.xml": doc})


def external_entity() -> bytes:
    doc = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document ' + W + \
        b"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
    return rezip(small_docx(), {"word/document.xml": doc})


def deep_nesting(depth: int = 20_000) -> bytes:
    return rezip(small_docx(), {"word/document.xml": _body(
        b"<w:sdt><w:sdtContent>" * depth + b"</w:sdtContent></w:sdt>" * depth)})


def moderately_deep_nesting() -> bytes:
    """Deeper than any Word document, shallower than the XML parser's own limit."""
    return deep_nesting(depth=110)  # 220 levels


def huge_attribute() -> bytes:
    return rezip(small_docx(), {"word/document.xml": _body(
        b'<w:p w:rsidR="' + b"".join(_varied_text(250_000)) + b'"><w:r><w:t>Text</w:t></w:r></w:p>')})


def _varied_text(count: int) -> list[bytes]:
    """Texts that do not compress like a zip bomb (the ratio limit would refuse them first)."""
    rng = random.Random(7)
    return [("".join(rng.choice(string.ascii_letters) for _ in range(12))).encode() for _ in range(count)]


def many_paragraphs() -> bytes:
    return rezip(small_docx(), {"word/document.xml": _body(b"".join(
        b"<w:p><w:r><w:t>" + t + b"</w:t></w:r></w:p>" for t in _varied_text(60_000)))})


def many_table_cells() -> bytes:
    texts = iter(_varied_text(30_000))
    row = b"<w:tr>%s</w:tr>"
    rows = b"".join(row % b"".join(b"<w:tc><w:p><w:r><w:t>" + next(texts) + b"</w:t></w:r></w:p></w:tc>"
                                   for _ in range(100)) for _ in range(300))
    return rezip(small_docx(), {"word/document.xml": _body(
        b"<w:p><w:r><w:t>Table</w:t></w:r></w:p><w:tbl>" + rows + b"</w:tbl>")})


def one_huge_paragraph() -> bytes:
    return ("word " * 60_000).encode()


def too_much_text() -> bytes:
    sentence = "A sentence of ordinary length about nothing much at all, written to fill the page up. " * 1
    return ((sentence + sentence[:32]) + "\n\n").encode() * 30_000


def zip_bomb() -> bytes:
    return zip_bomb_docx(small_docx(), inflated_mb=300)


def too_many_pdf_pages() -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf)
    for i in range(501):
        canvas.drawString(72, 720, f"Page {i}")
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def truncated_pdf() -> bytes:
    return too_many_pdf_pages()[:5000]


# name -> (builder, filename, expected error code)
HOSTILE: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "billion laughs": (billion_laughs, "d.docx", "unsafe_xml"),
    "external entity": (external_entity, "d.docx", "unsafe_xml"),
    "deep nesting (40,000 levels)": (deep_nesting, "d.docx", "too_complex"),
    "deep nesting (220 levels)": (moderately_deep_nesting, "d.docx", "too_complex"),
    "huge attribute (3 MB)": (huge_attribute, "d.docx", "unsafe_xml"),
    "60,000 paragraphs": (many_paragraphs, "d.docx", "too_complex"),
    "30,000 table cells": (many_table_cells, "d.docx", "too_complex"),
    "one 300,000-character paragraph": (one_huge_paragraph, "d.txt", "too_complex"),
    "3.6 million characters": (too_much_text, "d.txt", "too_complex"),
    "zip bomb (300 MB)": (zip_bomb, "d.docx", "zip_bomb"),
    "501-page PDF": (too_many_pdf_pages, "d.pdf", "too_complex"),
    "truncated PDF": (truncated_pdf, "d.pdf", "corrupt"),
    "scanned PDF": (image_only_pdf, "d.pdf", "no_text_layer"),
}
