"""Read a PDF's text layer (pdfium characters, pdfplumber tables) into blocks in reading order.

Words are split by a gap relative to the font size (justified text neither merges nor splits
them); running headers, footers and page numbers (lines repeated in the page margins) are
dropped; hyphenated line ends are rejoined; lines join into paragraphs by vertical gap; ruled
tables become table cells; larger or bold short lines are offered as headings.
"""

from __future__ import annotations

import ctypes
import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from app.errors import IngestError
from app.ingest.raw import RawBlock
from app.settings import Settings
from nlp.types import BlockKind, TableCell

X_TOLERANCE_RATIO = 0.15
LINE_Y_TOLERANCE = 2.5
ASCENT, DESCENT = 0.8, 0.2  # of the font size, above and below the baseline
MARGIN_BAND = 0.09
REPEAT_SHARE = 0.5
PARAGRAPH_GAP_FACTOR = 1.45
HEADING_SIZE_FACTOR = 1.12
_BOLD_WEIGHT = 600
_FONT_NAME_BUFFER = 256
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


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise IngestError("encrypted", "the PDF is encrypted with a password: save an unprotected copy "
                              "and try again") from None
        raise IngestError("corrupt", "the PDF is corrupt or truncated: export it again from the original "
                          "document and try again") from None


def _font_name(textpage: pdfium.PdfTextPage, index: int) -> str:
    buf = ctypes.create_string_buffer(_FONT_NAME_BUFFER)
    flags = ctypes.c_int()
    size = pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buf, _FONT_NAME_BUFFER, ctypes.byref(flags))
    return buf.value.decode("utf-8", "replace") if size else ""


def _is_bold(textpage: pdfium.PdfTextPage, index: int) -> bool:
    weight = pdfium_c.FPDFText_GetFontWeight(textpage.raw, index)
    return weight >= _BOLD_WEIGHT or bool(_BOLD_FONT.search(_font_name(textpage, index)))


@dataclass
class _Word:
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    bold: bool = False


def _page_words(textpage: pdfium.PdfTextPage, height: float) -> list[_Word]:
    """Words from pdfium's character stream: split on spaces, line ends and gaps wider than the font allows."""
    words: list[_Word] = []
    current: _Word | None = None
    for i in range(textpage.count_chars()):
        char = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i))
        if pdfium_c.FPDFText_IsHyphen(textpage.raw, i):
            char = "-"  # pdfium reports a line-end hyphen as U+0002
        if char.isspace() or char == "\x00":
            current = None
            continue
        left, _, right, _ = textpage.get_charbox(i)
        size = pdfium_c.FPDFText_GetFontSize(textpage.raw, i)
        ox, oy = ctypes.c_double(), ctypes.c_double()
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, i, ctypes.byref(ox), ctypes.byref(oy))
        baseline = height - oy.value
        top_y, bottom_y = baseline - size * ASCENT, baseline + size * DESCENT
        gap_limit = max(size, 1.0) * X_TOLERANCE_RATIO * 2
        same_line = current is not None and abs(current.bottom - bottom_y) <= LINE_Y_TOLERANCE
        if current is None or not same_line or left - current.x1 > gap_limit or left < current.x0:
            current = _Word(char, left, right, top_y, bottom_y, size, _is_bold(textpage, i))
            words.append(current)
        else:
            current.text += char
            current.x1 = max(current.x1, right)
            current.top = min(current.top, top_y)
            current.bottom = max(current.bottom, bottom_y)
    return words


def _tables(plumber_page: Any) -> list[Any]:
    return list(plumber_page.find_tables()) if plumber_page is not None else []


def _page_lines(page: pdfium.PdfPage, number: int, plumber_page: Any) -> list[_Line]:
    height = float(page.get_height())
    textpage = page.get_textpage()
    try:
        words = _page_words(textpage, height)
    finally:
        textpage.close()
    tables = _tables(plumber_page)
    boxes = [t.bbox for t in tables]

    def outside(w: _Word) -> bool:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

    rows: list[list[_Word]] = []
    for w in sorted((w for w in words if outside(w)), key=lambda w: (round(w.bottom), w.x0)):
        if rows and abs(rows[-1][0].bottom - w.bottom) <= LINE_Y_TOLERANCE:
            rows[-1].append(w)
        else:
            rows.append([w])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        lines.append(_Line(
            text=" ".join(w.text for w in row), page=number, top=min(w.top for w in row),
            bottom=max(w.bottom for w in row), x0=row[0].x0, size=statistics.median(w.size for w in row),
            bold=all(w.bold for w in row), page_height=height))
    lines.extend(_Line(text="", page=number, top=t.bbox[1], bottom=t.bbox[3], x0=t.bbox[0], size=0, bold=False,
                       page_height=height, table=t.extract()) for t in tables)
    lines.sort(key=lambda ln: ln.top)
    return lines


def _has_paths(page: pdfium.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2))


def _count_images(page: pdfium.PdfPage) -> int:
    return sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))


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
            kind: BlockKind = "list_item" if _BULLET.match(ln.text) else "paragraph"
            current = RawBlock(kind, ln.text, level=level, page=ln.page, all_bold=bool(bold_alone),
                               larger_font=level is not None)
            blocks.append(current)
        else:
            current.text = _join(current.text, ln.text)
        prev = ln
    return blocks


def read_pdf(data: bytes, settings: Settings) -> tuple[list[RawBlock], int]:
    """Return the blocks and the page count, or raise `IngestError`.

    Characters come from pdfium (which pdfplumber itself depends on): six times faster than
    pdfplumber's per-character objects. pdfplumber's table finder runs only on pages with ruling lines.
    """
    pdf = _open(data)
    plumber: Any = None
    try:
        count = len(pdf)
        if count > settings.max_pdf_pages:
            raise IngestError("too_complex", f"the PDF has {count} pages, more than the limit of "
                              f"{settings.max_pdf_pages}: split it or raise SFO_PRESCREEN_MAX_PDF_PAGES")
        lines: list[_Line] = []
        chars = images = 0
        for number in range(1, count + 1):
            page = pdf[number - 1]
            plumber_page = None
            if _has_paths(page):
                plumber = plumber or pdfplumber.open(io.BytesIO(data))
                plumber_page = plumber.pages[number - 1]
            page_lines = _page_lines(page, number, plumber_page)
            chars += sum(len(ln.text) for ln in page_lines) + sum(1 for ln in page_lines if ln.table)
            images += _count_images(page)
            lines.extend(page_lines)
            page.close()
    except IngestError:
        raise
    except Exception:  # damaged content streams surface as assorted pdfium/pdfminer errors
        raise IngestError("corrupt", "the PDF is damaged and its text cannot be read: export it again "
                          "from the original document and try again") from None
    finally:
        if plumber is not None:
            plumber.close()
        pdf.close()
    if chars == 0:
        if images:
            raise IngestError("no_text_layer", "the PDF has no text layer (a scan?): run OCR first, or send "
                              "the original Word document")
        raise IngestError("empty", "the PDF contains no text: nothing to screen")
    return _paragraphs(_drop_running_lines(lines, count)), count
