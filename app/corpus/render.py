"""Render parsed corpus sources as Word documents and PDFs, in the layout their meta file names."""

from __future__ import annotations

import io
from dataclasses import dataclass
from html import escape

import docx
from docx.document import Document

from app.corpus.source import Element, strip_markers

HeadingStyle = str  # "styles" | "bold" | "numbered"


@dataclass
class Layout:
    headings: HeadingStyle = "styles"
    numbered_paragraphs: bool = False


class _Numberer:
    """Numbers headings ("3.", "3.2") and body paragraphs ("3.4") the way numbered reviews do."""

    def __init__(self) -> None:
        self.section = 0
        self.sub = 0
        self.para = 0

    def heading(self, level: int) -> str:
        if level <= 1:
            self.section, self.sub, self.para = self.section + 1, 0, 0
            return f"{self.section}."
        self.sub += 1
        return f"{self.section}.{self.sub}"

    def paragraph(self) -> str:
        self.para += 1
        return f"{max(self.section, 1)}.{self.para}"


def heading_text(el: Element, layout: Layout, numberer: _Numberer) -> str:
    if layout.headings == "numbered":
        return f"{numberer.heading(el.level)} {el.text}"
    return el.text


def body_text(el: Element, layout: Layout, numberer: _Numberer) -> str:
    text = strip_markers(el.text)
    if layout.numbered_paragraphs and el.kind == "paragraph" and numberer.section > 0:
        return f"{numberer.paragraph()} {text}"
    return text


def render_docx(elements: list[Element], layout: Layout) -> bytes:
    document: Document = docx.Document()
    numberer = _Numberer()
    for el in elements:
        if el.kind == "title" and layout.headings == "styles":
            document.add_heading(el.text, level=0)
        elif el.kind == "title":
            document.add_paragraph().add_run(el.text).bold = True
        elif el.kind == "heading":
            text = heading_text(el, layout, numberer)
            if layout.headings == "styles":
                document.add_heading(text, level=el.level)
            elif layout.headings == "bold":
                document.add_paragraph().add_run(text).bold = True
            else:
                document.add_paragraph(text)
        elif el.kind == "table":
            _docx_table(document, el)
        elif el.kind == "list_item":
            document.add_paragraph(body_text(el, layout, numberer),
                                   style="List Number" if el.ordered else "List Bullet")
        else:
            document.add_paragraph(body_text(el, layout, numberer))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _docx_table(document: Document, el: Element) -> None:
    width = max(len(r) for r in el.rows)
    table = document.add_table(rows=len(el.rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(el.rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = strip_markers(value)
            if r == 0:
                for run in table.cell(r, c).paragraphs[0].runs:
                    run.bold = True


def render_pdf(elements: list[Element], layout: Layout) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    sheet = getSampleStyleSheet()
    body = ParagraphStyle("b", parent=sheet["BodyText"], fontName="Helvetica", fontSize=10.5, leading=14,
                          spaceAfter=7)
    cell = ParagraphStyle("c", parent=body, fontSize=9, leading=11, spaceAfter=0)
    bold = ParagraphStyle("bh", parent=body, fontName="Helvetica-Bold", spaceBefore=8)
    numberer = _Numberer()
    flow: list[object] = []
    for el in elements:
        if el.kind == "title":
            flow.append(Paragraph(escape(el.text), sheet["Title"]))
        elif el.kind == "heading":
            style = bold if layout.headings == "bold" else sheet["Heading2" if el.level > 1 else "Heading1"]
            flow.append(Paragraph(escape(heading_text(el, layout, numberer)), style))
        elif el.kind == "table":
            rows = [[Paragraph(escape(strip_markers(v)), cell) for v in row] for row in el.rows]
            table = Table(rows, repeatRows=1)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow.extend([table, Spacer(1, 8)])
        else:
            prefix = "• " if el.kind == "list_item" else ""
            flow.append(Paragraph(escape(prefix + body_text(el, layout, numberer)), body))
    buf = io.BytesIO()

    def decorate(canvas: object, doc: SimpleDocTemplate) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont("Helvetica", 8)  # type: ignore[attr-defined]
        canvas.drawString(72, A4[1] - 36, "OFFICIAL SENSITIVE")  # type: ignore[attr-defined]
        canvas.drawRightString(A4[0] - 72, 28, f"Page {doc.page}")  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    SimpleDocTemplate(buf, pagesize=A4, title="SFO review (invented)").build(
        flow, onFirstPage=decorate, onLaterPages=decorate)
    return buf.getvalue()
