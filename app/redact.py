"""`sfo-prescreen redact`: a copy of the draft with every identifying detail replaced by its placeholder.

DOCX in, DOCX out: the text nodes of the copy are edited in place, so styles, tables, numbering and
comments are kept; tracked deletions and moved-from text (invisible, but still in the file) are
removed, since they can hold the very details being redacted. PDF in: a DOCX of the text. Text
in: text out. The original is never touched. The log lists what was replaced, where, and by what.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
from lxml import etree
from pydantic import BaseModel, ConfigDict

from app.ingest import read_bytes
from app.ingest.docx_reader import W, kept_blocks, read_docx_tree
from app.ingest.raw import TextPiece
from app.ingest.sniff import sniff
from app.screen import Engine
from app.settings import Settings
from nlp.identity import Detail, identity_details
from nlp.sentences import parse_blocks
from nlp.types import Review

_INVISIBLE = (f"{{{W}}}del", f"{{{W}}}moveFrom")


class LogEntry(BaseModel):
    model_config = ConfigDict(frozen=True)

    paragraph: int
    section: str
    kind: str
    original: str
    placeholder: str


@dataclass(frozen=True)
class Redaction:
    data: bytes
    extension: str  # ".docx" or ".txt"
    log: tuple[LogEntry, ...]
    notes: tuple[str, ...]


def _details(review: Review, engine: Engine) -> list[Detail]:
    return identity_details(list(parse_blocks(engine.nlp, (b for b in review.blocks if b.text.strip()))))


def replaced_text(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    for start, end, placeholder in sorted(spans, reverse=True):
        text = text[:start] + placeholder + text[end:]
    return text


def _edit_pieces(pieces: Sequence[TextPiece], start: int, end: int, placeholder: str) -> None:
    """Replace block characters [start, end) across the w:t nodes that hold them."""
    first = True
    for piece in pieces:
        node_text = piece.node.text or ""
        lo, hi = piece.offset, piece.offset + len(node_text)
        if hi <= start or lo >= end:
            continue
        a, b = max(start, lo) - lo, min(end, hi) - lo
        piece.node.text = node_text[:a] + (placeholder if first else "") + node_text[b:]
        piece.node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        first = False


def _redact_docx(data: bytes, review: Review, details: list[Detail], settings: Settings) -> bytes:
    raw, root = read_docx_tree(data, settings)
    kept = kept_blocks(raw)
    if len(kept) != len(review.blocks):
        raise RuntimeError("block mapping between reader and redactor diverged")
    for detail in sorted(details, key=lambda d: (d.block.index, d.hit.start), reverse=True):
        block, lead = kept[detail.block.index]
        _edit_pieces(block.pieces or [], detail.hit.start + lead, detail.hit.end + lead, detail.placeholder)
    for tag in _INVISIBLE:
        for el in list(root.iter(tag)):
            el.getparent().remove(el)
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, body if info.filename == "word/document.xml" else src.read(info.filename))
    return out.getvalue()


def _text_blocks(review: Review, details: list[Detail]) -> list[tuple[str, str]]:
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for d in details:
        spans.setdefault(d.block.index, []).append((d.hit.start, d.hit.end, d.placeholder))
    return [(b.kind, replaced_text(b.text, spans.get(b.index, []))) for b in review.blocks]


def _docx_from_text(blocks: list[tuple[str, str]]) -> bytes:
    document = docx.Document()
    for kind, text in blocks:
        if kind == "heading":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text, style="List Bullet" if kind == "list_item" else None)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def redact(data: bytes, filename: str, engine: Engine, settings: Settings) -> Redaction:
    review = read_bytes(data, filename, settings)
    details = _details(review, engine)
    log = tuple(LogEntry(paragraph=d.block.index, section=d.block.section, kind=d.hit.kind, original=d.hit.text,
                         placeholder=d.placeholder) for d in details)
    notes = ("Headers, footers, comments and footnotes are copied unchanged: check them by hand.",)
    kind = sniff(data)
    if kind == "docx":
        return Redaction(_redact_docx(data, review, details, settings), ".docx", log, notes)
    blocks = _text_blocks(review, details)
    if kind == "pdf":
        return Redaction(_docx_from_text(blocks), ".docx", log, ("The PDF's text was rebuilt as a Word document.",))
    return Redaction(("\n\n".join(t for _, t in blocks) + "\n").encode("utf-8"), ".txt", log, ())


def write_log(log: Sequence[LogEntry], path: Path) -> None:
    import csv

    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["paragraph", "section", "kind", "original", "placeholder"])
        writer.writerows([e.paragraph, e.section, e.kind, e.original, e.placeholder] for e in log)
