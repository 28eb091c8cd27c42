"""A long review for benchmarks: corpus drafts' text joined under their headings up to N words."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from app.ingest import read_path

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "reviews"


def long_review(words: int, pattern: str = "r*.docx") -> bytes:
    """A DOCX whose body (headings and paragraphs, no tables) reaches `words` words."""
    document = docx.Document()
    count = 0
    for path in sorted(CORPUS.glob(pattern)):
        for block in read_path(path).blocks:
            if block.kind == "heading":
                document.add_heading(block.text, 1)
            elif block.cell is None:
                document.add_paragraph(block.text)
                count += len(block.text.split())
            if count >= words:
                buf = io.BytesIO()
                document.save(buf)
                return buf.getvalue()
    raise RuntimeError(f"the corpus has fewer than {words} words matching {pattern}")
