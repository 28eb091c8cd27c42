"""Read a review draft (DOCX, PDF, text or Markdown) into a `Review`, choosing the reader by content."""

from __future__ import annotations

from pathlib import Path

from app.errors import IngestError
from app.ingest.assemble import assemble
from app.ingest.docx_reader import read_docx
from app.ingest.limits import check_limits
from app.ingest.pdf_reader import read_pdf
from app.ingest.sniff import sniff
from app.ingest.text_reader import read_text
from app.settings import Settings, get_settings
from nlp.types import Review

__all__ = ["file_bytes", "read_bytes", "read_path"]


def read_bytes(data: bytes, filename: str, settings: Settings | None = None) -> Review:
    """Parse `data`; raise `IngestError` with an actionable message if it cannot be read."""
    settings = settings or get_settings()
    if len(data) > settings.max_file_bytes:
        raise IngestError("too_large", f"the file is {len(data) / 1_048_576:.1f} MB, more than the limit of "
                          f"{settings.max_file_mb:g} MB: split it or raise SFO_PRESCREEN_MAX_FILE_MB")
    kind = sniff(data)
    pages = None
    if kind == "docx":
        raw, fmt = read_docx(data, settings), "docx"
    elif kind == "pdf":
        (raw, pages), fmt = read_pdf(data, settings), "pdf"
    else:
        raw, fmt = read_text(data)
    if not any(b.text.strip() for b in raw):
        raise IngestError("empty", "the document contains no text: nothing to screen")
    check_limits(raw, settings)
    return assemble(raw, filename=filename, fmt=fmt, data=data, pages=pages)  # type: ignore[arg-type]


def read_path(path: Path, settings: Settings | None = None) -> Review:
    """Read a file without modifying it; a missing or unreadable path is an `IngestError`."""
    settings = settings or get_settings()
    return read_bytes(file_bytes(path, settings), path.name, settings)


def file_bytes(path: Path, settings: Settings) -> bytes:
    """A file's bytes, refusing it before reading when it is over the size limit."""
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise IngestError("too_large", f"the file is {size / 1_048_576:.1f} MB, more than the limit of "
                              f"{settings.max_file_mb:g} MB: split it or raise SFO_PRESCREEN_MAX_FILE_MB")
        data = path.read_bytes()
    except IsADirectoryError:
        raise IngestError("unreadable", f"{path} is a folder: give a file (or use batch)") from None
    except FileNotFoundError:
        raise IngestError("unreadable", f"{path} does not exist: check the path") from None
    except PermissionError:
        raise IngestError("unreadable", f"{path} cannot be read (permission denied)") from None
    return data
