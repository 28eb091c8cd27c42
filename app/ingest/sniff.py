"""Recognise a document's format from its bytes, never from its name."""

from __future__ import annotations

import io
import zipfile
from typing import Literal

from app.errors import IngestError
from app.ingest.ziplimits import ZIP_ERRORS

Sniffed = Literal["docx", "pdf", "text"]

_PDF_MAGIC = b"%PDF-"
_PDF_SEARCH_WINDOW = 1024
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BINARY_PROBE = 8192
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_KNOWN_BINARIES: tuple[tuple[bytes, str], ...] = (
    (b"{\\rtf", "an RTF document: save it from Word as .docx"),
    (b"\x89PNG", "a PNG image: run OCR first, or send the original Word or PDF file"),
    (b"\xff\xd8\xff", "a JPEG image: run OCR first, or send the original Word or PDF file"),
    (b"GIF8", "a GIF image: send the original Word or PDF file"),
    (b"II*\x00", "a TIFF image (a scan?): run OCR first, or send the original Word or PDF file"),
    (b"MM\x00*", "a TIFF image (a scan?): run OCR first, or send the original Word or PDF file"),
)


def sniff(data: bytes) -> Sniffed:
    """Return the format of `data` or raise `IngestError` naming what the file is instead."""
    if not data.strip():
        raise IngestError("empty", "the file is empty: nothing to screen")
    if _PDF_MAGIC in data[:_PDF_SEARCH_WINDOW]:
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        return _sniff_zip(data)
    if data.startswith(_OLE_MAGIC):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            raise IngestError("encrypted", "the Word document is password-protected: remove the password "
                              "(File > Info > Protect Document) and save it again")
        raise IngestError("unsupported_format", "this is a legacy Word 97-2003 (.doc) or other Office file: "
                          "save it as .docx and try again")
    for magic, what in _KNOWN_BINARIES:
        if data.startswith(magic):
            raise IngestError("unsupported_format", f"this is {what}")
    probe = data[:_BINARY_PROBE]
    if b"\x00" in probe and not probe.startswith(_UTF16_BOMS) and not _looks_utf16(probe):
        raise IngestError("unsupported_format", "this is not a DOCX, PDF or text file (binary content): "
                          "send the draft as .docx, .pdf, .txt or .md")
    return "text"


def _looks_utf16(probe: bytes) -> bool:
    """UTF-16 without a BOM: every other byte NUL in ASCII-heavy text."""
    even, odd = probe[0::2], probe[1::2]
    return len(probe) >= 4 and (odd.count(0) > 0.9 * len(odd) or even.count(0) > 0.9 * len(even))


def _sniff_zip(data: bytes) -> Sniffed:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except ZIP_ERRORS:
        raise IngestError("corrupt", "the file looks like a Word document (.docx) but is corrupt or "
                          "truncated: open it in Word, save a new copy and try again") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
        raise IngestError("unsupported_format", "this is an Excel or PowerPoint file, not a Word document: "
                          "send the draft as .docx, .pdf, .txt or .md")
    if "content.xml" in names:
        raise IngestError("unsupported_format", "this is an OpenDocument file: save it as .docx and try again")
    raise IngestError("unsupported_format", "this is a zip archive, not a Word document: "
                      "send the draft as .docx, .pdf, .txt or .md")
