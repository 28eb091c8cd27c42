"""Read a PDF's text layer (pdfplumber) into blocks in reading order.

Words are split by a gap relative to the font size (justified text neither merges nor splits
them); running headers, footers and page numbers (lines repeated in the page margins) are
dropped; hyphenated line ends are rejoined; lines join into paragraphs by vertical gap; ruled
tables become table cells; larger or bold short lines are offered as headings.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pdfplumber

from app.errors import IngestError
from app.ingest.raw import RawBlock
from app.settings import Settings
from nlp.types import TableCell

X_TOLERANCE_RATIO = 0.15
LINE_Y_TOLERANCE = 2.5
MARGIN_BAND = 0.09
REPEAT_SHARE = 0.5
PARAGRAPH_GAP_FACTOR = 1.45
HEADING_SIZE_FACTOR = 1.12
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–(]?\s*#\s*[-–)]?(?:\s*(?:of|/)\s*#)?$", re.I)
_BULLET = re.compile(r"^(?:[•▪◦●‣*-]|\(?[0-9a-z]{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.:!?;\"”’)]$")


@dataclass
class _Line:
    text: str
    page: int
    top: float
    bottom: float
    x0: float
    size: float
    bold: bool
    page_height: float
    table: list[list[str | None]] | None = None


def _open(data: bytes) -> Any:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        name = type(exc).__name__.lower()
        if "password" in name or "encrypt" in name:
            raise IngestError("encrypted", "the PDF is encrypted with a password: save an unprotected copy "
                              "and try again") from None
        raise IngestError("corrupt", "the PDF is corrupt or truncated: export it again from the original "
                          "document and try again") from None
    return pdf


def _page_lines(page: Any, number: int) -> list[_Line]:
    tables = page.find_tables() if (page.lines or page.rects) else []
    boxes = [t.bbox for t in tables]

    def outside(w: dict[str, Any]) -> bool:
        return not any(b[0] - 1 <= w["x0"] and w["x1"] <= b[2] + 1 and b[1] - 1 <= w["top"] and
                       w["bottom"] <= b[3] + 1 for b in boxes)

    words = page.extract_words(x_tolerance_ratio=X_TOLERANCE_RATIO, y_tolerance=LINE_Y_TOLERANCE,
                               keep_blank_chars=False, extra_attrs=["fontname", "size"])
    rows: list[list[dict[str, Any]]] = []
    for w in sorted((w for w in words if outside(w)), key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - w["top"]) <= LINE_Y_TOLERANCE:
            rows[-1].append(w)
        else:
            rows.append([w])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        lines.append(_Line(
            text=" ".join(w["text"] for w in row), page=number, top=min(w["top"] for w in row),
            bottom=max(w["bottom"] for w in row), x0=row[0]["x0"],
            size=statistics.median(w["size"] for w in row),
            bold=all(_BOLD_FONT.search(w["fontname"]) for w in row), page_height=float(page.height)))
    for t in tables:
        top = t.bbox[1]
        lines.append(_Line(text="", page=number, top=top, bottom=t.bbox[3], x0=t.bbox[0], size=0, bold=False,
                           page_height=float(page.height), table=t.extract()))
    lines.sort(key=lambda ln: ln.top)
    return lines


def _in_margin(line: _Line) -> bool:
    return line.top < line.page_height * MARGIN_BAND or line.bottom > line.page_height * (1 - MARGIN_BAND)


def _drop_running_lines(lines: list[_Line], pages: int) -> list[_Line]:
    """Remove headers, footers and page numbers: margin lines repeated across pages."""
    key = {id(ln): re.sub(r"\d+", "#", ln.text.lower()).strip() for ln in lines}
    counts = Counter(key[id(ln)] for ln in lines if ln.table is None and _in_margin(ln))
    threshold = max(2, int(pages * REPEAT_SHARE))
    return [ln for ln in lines if ln.table is not None or not _in_margin(ln)
            or (counts[key[id(ln)]] < threshold and not _PAGE_NUMBER.match(key[id(ln)]))]


def _join(prev: str, nxt: str) -> str:
    if re.search(r"[A-Za-z]-$", prev) and nxt[:1].islower():
        return prev[:-1] + nxt
    return f"{prev} {nxt}"


def _body_size(lines: list[_Line]) -> float:
    sizes = Counter(round(ln.size, 1) for ln in lines if ln.table is None for _ in ln.text.split())
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _heading_levels(lines: list[_Line], body: float) -> dict[float, int]:
    big = sorted({round(ln.size, 1) for ln in lines if ln.table is None and ln.size > body * HEADING_SIZE_FACTOR},
                 reverse=True)
    return {size: rank + 1 for rank, size in enumerate(big)}


def _typical_gap(lines: list[_Line]) -> float:
    gaps = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False)
            if a.page == b.page and a.table is None and b.table is None and b.top > a.top]
    return statistics.median(gaps) if gaps else 0.0


def _table_blocks(line: _Line, index: int) -> list[RawBlock]:
    blocks = []
    for r, row in enumerate(line.table or []):
        for c, cell in enumerate(row):
            if cell and cell.strip():
                text = re.sub(r"[ \t]+", " ", cell.replace("-\n", "").replace("\n", " ")).strip()
                blocks.append(RawBlock("table_cell", text, page=line.page, cell=TableCell(table=index, row=r, col=c)))
    return blocks


def _paragraphs(lines: list[_Line]) -> list[RawBlock]:
    body = _body_size(lines)
    levels = _heading_levels(lines, body)
    gap = _typical_gap(lines)
    blocks: list[RawBlock] = []
    current: RawBlock | None = None
    prev: _Line | None = None
    tables = 0
    for ln in lines:
        if ln.table is not None:
            blocks.extend(_table_blocks(ln, tables))
            tables += 1
            current, prev = None, None
            continue
        level = levels.get(round(ln.size, 1))
        bold_alone = ln.bold and body and ln.size >= body * 0.95
        starts_new = (
            current is None or prev is None or level is not None or bold_alone
            or current.larger_font or current.all_bold or _BULLET.match(ln.text) is not None
            or (ln.page == prev.page and gap and ln.top - prev.top > gap * PARAGRAPH_GAP_FACTOR)
            or (ln.page != prev.page and _SENTENCE_END.search(current.text) is not None)
        )
        if starts_new or current is None:
            kind = "list_item" if _BULLET.match(ln.text) else "paragraph"
            current = RawBlock(kind, ln.text, level=level, page=ln.page, all_bold=bool(bold_alone),
                               larger_font=level is not None)
            blocks.append(current)
        else:
            current.text = _join(current.text, ln.text)
        prev = ln
    return blocks


def read_pdf(data: bytes, settings: Settings) -> tuple[list[RawBlock], int]:
    """Return the blocks and the page count, or raise `IngestError`."""
    pdf = _open(data)
    with pdf:
        count = len(pdf.pages)
        if count > settings.max_pdf_pages:
            raise IngestError("too_complex", f"the PDF has {count} pages, more than the limit of "
                              f"{settings.max_pdf_pages}: split it or raise SFO_PRESCREEN_MAX_PDF_PAGES")
        lines: list[_Line] = []
        chars = images = 0
        try:
            for number, page in enumerate(pdf.pages, start=1):
                chars += len(page.chars)
                images += len(page.images)
                lines.extend(_page_lines(page, number))
                page.close()
        except Exception:  # damaged content streams surface as assorted pdfminer errors
            raise IngestError("corrupt", "the PDF is damaged and its text cannot be read: export it again "
                              "from the original document and try again") from None
    if chars == 0:
        if images:
            raise IngestError("no_text_layer", "the PDF has no text layer (a scan?): run OCR first, or send "
                              "the original Word document")
        raise IngestError("empty", "the PDF contains no text: nothing to screen")
    return _paragraphs(_drop_running_lines(lines, count)), count
