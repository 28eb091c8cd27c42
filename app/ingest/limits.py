"""Per-document resource limits, checked on what a reader returns (the DOCX reader also stops early)."""

from __future__ import annotations

from app.errors import IngestError
from app.ingest.raw import RawBlock
from app.settings import Settings


def too_many_blocks(settings: Settings) -> IngestError:
    return IngestError("too_complex", f"the document has more than {settings.max_blocks} paragraphs and table "
                       "cells: split it or raise SFO_PRESCREEN_MAX_BLOCKS")


def too_many_cells(settings: Settings) -> IngestError:
    return IngestError("too_complex", f"the document's tables have more than {settings.max_table_cells} cells: "
                       "split it or raise SFO_PRESCREEN_MAX_TABLE_CELLS")


def check_limits(blocks: list[RawBlock], settings: Settings) -> None:
    """Raise a specific `too_complex` error for the first limit the document exceeds."""
    if len(blocks) > settings.max_blocks:
        raise too_many_blocks(settings)
    cells = sum(1 for b in blocks if b.kind == "table_cell")
    if cells > settings.max_table_cells:
        raise too_many_cells(settings)
    longest = max((len(b.text) for b in blocks), default=0)
    if longest > settings.max_paragraph_chars:
        raise IngestError("too_complex", f"one paragraph has {longest:,} characters, more than the limit of "
                          f"{settings.max_paragraph_chars:,}: break it into paragraphs or raise "
                          "SFO_PRESCREEN_MAX_PARAGRAPH_CHARS")
    total = sum(len(b.text) for b in blocks)
    if total > settings.max_chars:
        raise IngestError("too_complex", f"the document has {total:,} characters of text, more than the limit of "
                          f"{settings.max_chars:,}: split it or raise SFO_PRESCREEN_MAX_CHARS")
