"""Build real DOCX and PDF fixtures for the tests (python-docx, lxml, reportlab)."""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Sequence

import docx
from docx.oxml.ns import qn
from lxml import etree
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def docx_bytes(document: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _w(tag: str, **attrs: str) -> etree._Element:
    el = etree.Element(qn(f"w:{tag}"))
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def _run(text: str, deleted: bool = False) -> etree._Element:
    r = _w("r")
    t = _w("delText" if deleted else "t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r


def add_tracked_paragraph(document: docx.document.Document, before: str, inserted: str, deleted: str,
                          after: str) -> None:
    """A paragraph with a tracked insertion and a tracked deletion between plain runs."""
    p = document.add_paragraph(before)._p
    ins = _w("ins", id="901", author="Reviewer", date="2026-01-01T00:00:00Z")
    ins.append(_run(inserted))
    dele = _w("del", id="902", author="Reviewer", date="2026-01-01T00:00:00Z")
    dele.append(_run(deleted, deleted=True))
    p.append(ins)
    p.append(dele)
    p.append(_run(after))


def add_content_control(document: docx.document.Document, text: str) -> None:
    """A block-level content control (w:sdt) holding one paragraph, as corporate templates use."""
    sdt = _w("sdt")
    sdt.append(_w("sdtPr"))
    content = _w("sdtContent")
    p = _w("p")
    p.append(_run(text))
    content.append(p)
    sdt.append(content)
    document.element.body.insert(len(document.element.body) - 1, sdt)


def add_text_box(document: docx.document.Document, anchor_text: str, box_text: str) -> None:
    """A paragraph anchoring a text box, in Word's form: DrawingML choice plus a VML fallback copy."""
    p = document.add_paragraph(anchor_text)._p
    r = _w("r")
    alt = etree.SubElement(r, f"{{{MC_NS}}}AlternateContent")
    for branch in ("Choice", "Fallback"):
        holder = etree.SubElement(alt, f"{{{MC_NS}}}{branch}")
        box = etree.SubElement(holder, "shape")
        content = _w("txbxContent")
        inner = _w("p")
        inner.append(_run(box_text))
        content.append(inner)
        box.append(content)
    p.append(r)


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """Copy a DOCX package, replacing some parts."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(copy.copy(info), replace.get(info.filename, src.read(info.filename)))
    return out.getvalue()


def zip_bomb_docx(base: bytes, inflated_mb: int) -> bytes:
    """A DOCX whose package also holds a highly compressible part of `inflated_mb` MB."""
    src = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        dst.writestr("word/media/padding.bin", b"\0" * (inflated_mb * 1024 * 1024))
    return out.getvalue()


def pdf_from_flowables(flowables: Sequence[object], *, header: str | None = None, footer: bool = True,
                       encrypt: str | None = None) -> bytes:
    """Render platypus flowables, with a running header and a 'Page N of M'-style footer."""
    buf = io.BytesIO()

    def decorate(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        if header:
            canvas.drawString(72, A4[1] - 40, header)
        if footer:
            canvas.drawRightString(A4[0] - 72, 30, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(buf, pagesize=A4, encrypt=encrypt, title="fixture")
    doc.build(list(flowables), onFirstPage=decorate, onLaterPages=decorate)
    return buf.getvalue()


def styles() -> dict[str, ParagraphStyle]:
    sheet = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=sheet["BodyText"], fontName="Helvetica", fontSize=10, leading=13,
                          alignment=TA_JUSTIFY, spaceAfter=8)
    return {"h1": sheet["Heading1"], "h2": sheet["Heading2"], "body": body,
            "bold": ParagraphStyle("bold", parent=body, fontName="Helvetica-Bold", alignment=0)}


def review_pdf(sections: Sequence[tuple[str, Sequence[str]]], *, table: Sequence[Sequence[str]] | None = None,
               header: str | None = "OFFICIAL SENSITIVE - SFO review", encrypt: str | None = None) -> bytes:
    st = styles()
    flow: list[object] = []
    for title, paragraphs in sections:
        flow.append(Paragraph(title, st["h1"]))
        flow.extend(Paragraph(text, st["body"]) for text in paragraphs)
        if table is not None and title.lower().startswith("chronology"):
            t = Table([list(r) for r in table], colWidths=[90, 360])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
            flow.extend([t, Spacer(1, 12)])
    return pdf_from_flowables(flow, header=header, encrypt=encrypt)


def image_only_pdf() -> bytes:
    """A 'scanned' page: an image and no text layer."""
    from PIL import Image

    img = Image.new("RGB", (200, 100), "white")
    png = io.BytesIO()
    img.save(png, format="PNG")
    png.seek(0)
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    from reportlab.lib.utils import ImageReader

    canvas.drawImage(ImageReader(png), 72, 600, width=400, height=200)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()
