"""Read plain text and Markdown: detect the encoding, split paragraphs, find headings and tables."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from app.errors import IngestError
from app.ingest.raw import RawBlock
from nlp.types import DocFormat, TableCell

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
MAX_CONTROL_SHARE = 0.01
_ATX = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_LIST = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_BULLET = re.compile(r"^\s*[-*+•]\s+")
_TABLE_SEP = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_HINT = re.compile(r"^(#{1,6}\s|\|.*\||[-*]\s|>\s|```)|\*\*\S|\[[^\]]+\]\(", re.M)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark shows as NUL in every other byte of ASCII-heavy text."""
    probe = data[:4096]
    even, odd = probe[0::2], probe[1::2]
    if len(probe) >= 4 and odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if len(probe) >= 4 and even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes) -> str:
    """Decode text: BOM, BOM-less UTF-16, UTF-8, Windows-1252 (UK Office default), then detection."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc, errors="strict")
            except UnicodeDecodeError:
                raise IngestError("encoding", f"the text file starts with a {enc.upper()} byte-order mark but is "
                                  f"not valid {enc.upper()} (truncated or damaged?): save it again as UTF-8 "
                                  "and try again") from None
    for enc in (e for e in (_bomless_utf16(data), "utf-8", "cp1252") if e is not None):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise IngestError("encoding", "the text file's encoding cannot be recognised: save it as UTF-8 "
                          "and try again")
    return str(best)


def _check_text(text: str) -> None:
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if text and controls / len(text) > MAX_CONTROL_SHARE:
        raise IngestError("unsupported_format", "this is not a DOCX, PDF or text file (binary content): "
                          "send the draft as .docx, .pdf, .txt or .md")


def _table_cells(lines: list[str], index: int) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    row = 0
    for line in lines:
        if _TABLE_SEP.match(line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        blocks.extend(RawBlock("table_cell", c, cell=TableCell(table=index, row=row, col=col))
                      for col, c in enumerate(cells) if c)
        row += 1
    return blocks


def _chunk_blocks(chunk: list[str], tables: int) -> tuple[list[RawBlock], int]:
    if len(chunk) >= 2 and all(ln.lstrip().startswith("|") for ln in chunk):
        return _table_cells(chunk, tables), tables + 1
    if len(chunk) == 1 and (m := _ATX.match(chunk[0].strip())):
        return [RawBlock("heading", m.group(2), level=len(m.group(1)))], tables
    if len(chunk) == 2 and _SETEXT.match(chunk[1].strip()) and chunk[0].strip():
        return [RawBlock("heading", chunk[0].strip(), level=1 if chunk[1].strip()[0] == "=" else 2)], tables
    blocks: list[RawBlock] = []
    for line in chunk:
        stripped = line.strip()
        if (m := _ATX.match(stripped)):
            blocks.append(RawBlock("heading", m.group(2), level=len(m.group(1))))
        elif _LIST.match(line) and (len(chunk) > 1 or blocks or _BULLET.match(line)):  # "1. Scope" alone is a heading
            blocks.append(RawBlock("list_item", _LIST.sub("", stripped, count=1)))
        elif blocks and blocks[-1].kind in ("paragraph", "list_item"):
            blocks[-1].text = f"{blocks[-1].text} {stripped}"
        else:
            blocks.append(RawBlock("paragraph", stripped))
    return blocks, tables


def read_text(data: bytes) -> tuple[list[RawBlock], DocFormat]:
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    _check_text(text)
    if not text.strip():
        raise IngestError("empty", "the file contains no text: nothing to screen")
    fmt: DocFormat = "md" if _MD_HINT.search(text) else "txt"
    blocks: list[RawBlock] = []
    tables = 0
    for chunk in re.split(r"\n[ \t]*\n", text):
        lines = [ln for ln in chunk.split("\n") if ln.strip()]
        if lines:
            new, tables = _chunk_blocks(lines, tables)
            blocks.extend(new)
    return blocks, fmt
