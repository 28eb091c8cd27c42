"""What a format reader hands on: blocks in reading order with their layout hints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nlp.types import BlockKind, TableCell


@dataclass(frozen=True)
class TextPiece:
    """A source text node (a DOCX w:t element) and where its text starts in the block's text."""

    offset: int
    node: Any


@dataclass
class RawBlock:
    kind: BlockKind
    text: str
    level: int | None = None
    style: str | None = None
    page: int | None = None
    cell: TableCell | None = None
    all_bold: bool = False
    larger_font: bool = False
    pieces: list[TextPiece] | None = None
