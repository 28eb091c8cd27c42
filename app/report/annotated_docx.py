"""The annotated copy: the draft with a Word comment anchored on each flagged span (python-docx ≥ 1.2).

The draft's own formatting, tracked changes and existing comments are kept: runs are split only at
the edges of flagged text. A first comment, on the opening paragraph, carries the provisional
ratings with their reasons and the findings that have no single place in the text. PDF and text
drafts are first rendered as a plain Word document of their text, then annotated the same way.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence

import docx
from docx.document import Document
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from app.ingest.docx_reader import W, kept_blocks, walk_body
from app.ingest.raw import TextPiece
from app.settings import Settings
from nlp.types import STANDARDS, Finding, Review, Screening

AUTHOR, INITIALS = "sfo-prescreen", "SP"
_W = f"{{{W}}}"
STANDARD_NAMES = {"analysis_of_practice": "Analysis of practice", "overall_judgements": "Overall judgements",
                  "learning": "Learning", "victims_and_families": "Victims and their families",
                  "composite": "Composite"}
MAX_SUMMARY_FINDINGS = 12


class AnnotationError(RuntimeError):
    """The copy could not be aligned with the screened text (the draft changed between the two reads)."""


def _split_piece(pieces: list[TextPiece], offset: int) -> None:
    """Make `offset` fall on the boundary between two runs, splitting the run that straddles it."""
    for i, piece in enumerate(pieces):
        text = piece.node.text or ""
        if piece.offset < offset < piece.offset + len(text):
            cut = offset - piece.offset
            run = piece.node.getparent()
            after = copy.deepcopy(run)
            for child in list(after):
                if child.tag != f"{_W}rPr":
                    after.remove(child)
            tail_t = copy.deepcopy(piece.node)
            tail_t.text = text[cut:]
            tail_t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            after.append(tail_t)
            moving = False
            for child in list(run):  # children after the split point move to the new run
                if moving:
                    run.remove(child)
                    after.append(child)
                if child is piece.node:
                    moving = True
            piece.node.text = text[:cut]
            piece.node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run.addnext(after)
            pieces.insert(i + 1, TextPiece(offset, tail_t))
            return


def _paragraph_of(run: etree._Element, document: Document) -> Paragraph:
    p = next(a for a in run.iterancestors() if a.tag == f"{_W}p")
    return Paragraph(p, document._body)


def _comment_text(f: Finding) -> str:
    text = f"{f.severity.upper()} · {f.check}: {f.message}"
    return text + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "")


def _summary(screening: Screening, unplaced: Sequence[Finding]) -> str:
    lines = ["sfo-prescreen pre-screen (provisional suggestions, not an inspection outcome)."]
    for key in (*STANDARDS, "composite"):
        rating = getattr(screening.ratings, key)
        lines.append(f"{STANDARD_NAMES[key]}: {rating.rating or 'not rated'}")
        lines.extend(f"  – {reason}" for reason in rating.reasons[:3])
    if unplaced:
        lines.append("Across the whole review:")
        lines.extend(f"  – {f.message}" for f in unplaced[:MAX_SUMMARY_FINDINGS])
    return "\n".join(lines)


def annotate(document: Document, review: Review, screening: Screening, settings: Settings) -> int:
    """Add the comments to `document` (whose text is the screened review); return how many."""
    raw = walk_body(document.element.body, document.styles.element, settings)
    kept = kept_blocks(raw)
    if [r.text.strip("\r\n") for r, _ in kept] != [b.text for b in review.blocks]:
        raise AnnotationError("the document's text does not match the screened text")
    placed = [f for f in screening.findings if f.location is not None and f.text]
    by_block: dict[int, list[Finding]] = {}
    for f in placed:
        by_block.setdefault(f.location.paragraph, []).append(f)  # type: ignore[union-attr]
    count = 0
    for index, findings in by_block.items():
        block, lead = kept[index]
        pieces = list(block.pieces or [])
        for offset in sorted({o for f in findings for o in (f.location.start + lead, f.location.end + lead)},  # type: ignore[union-attr]
                             reverse=True):
            _split_piece(pieces, offset)
        for f in findings:
            start, end = f.location.start + lead, f.location.end + lead  # type: ignore[union-attr]
            runs: list[etree._Element] = []
            for piece in pieces:
                if start <= piece.offset < end and (piece.node.text or "") and piece.node.getparent() not in runs:
                    runs.append(piece.node.getparent())
            if runs:
                paragraph = _paragraph_of(runs[0], document)
                document.add_comment([Run(r, paragraph) for r in runs], text=_comment_text(f), author=AUTHOR,
                                     initials=INITIALS)
                count += 1
    first = next((r for r, _ in kept if r.pieces), None)
    if first is not None and first.pieces:
        run = first.pieces[0].node.getparent()
        unplaced = [f for f in screening.findings if f.location is None or not f.text]
        document.add_comment([Run(run, _paragraph_of(run, document))], text=_summary(screening, unplaced),
                             author=AUTHOR, initials=INITIALS)
        count += 1
    return count


def plain_docx(review: Review) -> Document:
    """A Word rendering of a PDF or text draft whose reading gives back the same blocks."""
    document = docx.Document()
    tables: dict[int, list[tuple[int, int, str]]] = {}
    order: list[tuple[str, object]] = []
    for b in review.blocks:
        if b.cell is not None:
            if b.cell.table not in tables:
                tables[b.cell.table] = []
                order.append(("table", b.cell.table))
            tables[b.cell.table].append((b.cell.row, b.cell.col, b.text))
        else:
            order.append((b.kind, b.text))
    for kind, value in order:
        if kind == "table":
            cells = tables[value]  # type: ignore[index]
            table = document.add_table(rows=max(r for r, _, _ in cells) + 1, cols=max(c for _, c, _ in cells) + 1)
            table.style = "Table Grid"
            for r, c, text in cells:
                table.cell(r, c).text = text
        elif kind == "heading":
            document.add_heading(str(value), level=1)
        else:
            document.add_paragraph(str(value), style="List Bullet" if kind == "list_item" else None)
    return document


def annotated_docx(data: bytes | None, review: Review, screening: Screening, settings: Settings) -> bytes:
    """The annotated copy: of the original DOCX when `data` is one, else of a rendering of the text."""
    if review.format == "docx" and data is not None:
        document = docx.Document(io.BytesIO(data))
    else:
        document = plain_docx(review)
        rendered = io.BytesIO()
        document.save(rendered)
        from app.ingest import read_bytes  # the rendering must read back as the same blocks

        if [b.text for b in read_bytes(rendered.getvalue(), "rendered.docx", settings).blocks] != \
                [b.text for b in review.blocks]:
            raise AnnotationError("the Word rendering of this draft does not read back as the same text")
        document = docx.Document(io.BytesIO(rendered.getvalue()))
    annotate(document, review, screening, settings)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
