"""Read a DOCX body as the reader sees the final version.

python-docx's `paragraph.text` drops text inside tracked insertions (`w:ins`) and ignores content
controls and text boxes, so the body XML is walked directly: insertions kept, deletions and
moved-from text dropped, `w:sdt` content and `w:txbxContent` paragraphs read, headers, footers,
footnotes and comments left out (they live in other package parts).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from app.errors import IngestError
from app.ingest.limits import too_many_blocks, too_many_cells
from app.ingest.raw import RawBlock, TextPiece
from app.ingest.xmlsafe import parse_xml
from app.ingest.ziplimits import open_package, read_member
from app.settings import Settings
from nlp.types import TableCell

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W}}}"
_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.I)
_TITLE_STYLES = frozenset({"title"})
_LIST_STYLE = re.compile(r"list", re.I)
_SKIPPED = frozenset({f"{_W}del", f"{_W}moveFrom", f"{_W}instrText", f"{_W}delText", f"{_W}rPr", f"{_W}pPr",
                      f"{_W}commentReference", f"{_W}footnoteReference", f"{_W}endnoteReference",
                      f"{{{MC}}}Fallback"})
_ON_OFF_FALSE = frozenset({"0", "false", "off"})


@dataclass
class _Styles:
    names: dict[str, str] = field(default_factory=dict)
    outline: dict[str, int] = field(default_factory=dict)
    bold: set[str] = field(default_factory=set)
    numbered: set[str] = field(default_factory=set)


def _val(el: etree._Element | None) -> str | None:
    return None if el is None else el.get(f"{_W}val")


def _on(el: etree._Element | None) -> bool:
    return el is not None and (_val(el) or "true").lower() not in _ON_OFF_FALSE


def _read_styles(root: etree._Element | None) -> _Styles:
    """Style names, outline levels, bold and numbering, resolved through `w:basedOn` chains."""
    styles = _Styles()
    if root is None:
        return styles
    based: dict[str, str] = {}
    own_bold: dict[str, bool] = {}
    own_outline: dict[str, int] = {}
    for st in root.iter(f"{_W}style"):
        sid = st.get(f"{_W}styleId") or ""
        styles.names[sid] = (_val(st.find(f"{_W}name")) or sid).strip()
        if (lvl := _val(st.find(f"{_W}pPr/{_W}outlineLvl"))) is not None and lvl.isdigit():
            own_outline[sid] = int(lvl) + 1
        if (b := st.find(f"{_W}rPr/{_W}b")) is not None:
            own_bold[sid] = _on(b)
        if st.find(f"{_W}pPr/{_W}numPr") is not None:
            styles.numbered.add(sid)
        if (parent := _val(st.find(f"{_W}basedOn"))) is not None:
            based[sid] = parent
    for sid in styles.names:
        chain, cur = [], sid
        while cur and cur not in chain:
            chain.append(cur)
            cur = based.get(cur, "")
        if next((own_bold[c] for c in chain if c in own_bold), False):
            styles.bold.add(sid)
        outline = next((own_outline[c] for c in chain if c in own_outline), None)
        if outline is not None:
            styles.outline[sid] = outline
    return styles


def _in_fallback(el: etree._Element) -> bool:
    return any(a.tag == f"{{{MC}}}Fallback" for a in el.iterancestors())


def _text_parts(el: etree._Element) -> Iterator[tuple[str, bool, etree._Element | None]]:
    """Yield (text, is_bold, w:t element or None) for each visible run piece of a paragraph, in order."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED or tag == f"{_W}txbxContent":
            continue
        if tag == f"{_W}r":
            bold = _on(child.find(f"{_W}rPr/{_W}b"))
            for piece in child:
                if piece.tag == f"{_W}t":
                    yield piece.text or "", bold, piece
                elif piece.tag == f"{_W}tab":
                    yield "\t", bold, None
                elif piece.tag in (f"{_W}br", f"{_W}cr"):
                    yield "\n", bold, None
                elif piece.tag == f"{_W}noBreakHyphen":
                    yield "-", bold, None
                elif piece.tag not in _SKIPPED:
                    yield from _text_parts(piece)
        else:
            yield from _text_parts(child)


def _textboxes(p: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs inside text boxes anchored in `p` (the DrawingML choice, not the VML fallback)."""
    for box in p.iter(f"{_W}txbxContent"):
        if not _in_fallback(box):
            yield from box.iter(f"{_W}p")


class _BodyWalker:
    def __init__(self, styles: _Styles, settings: Settings) -> None:
        self.styles = styles
        self.settings = settings
        self.blocks: list[RawBlock] = []
        self.tables = 0

    def add(self, block: RawBlock) -> None:
        if len(self.blocks) >= self.settings.max_blocks:
            raise too_many_blocks(self.settings)
        self.blocks.append(block)

    def walk(self, container: etree._Element) -> None:
        for child in container:
            if child.tag == f"{_W}p":
                self.paragraph(child)
            elif child.tag == f"{_W}tbl":
                self.table(child)
            elif child.tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    self.walk(content)
            elif child.tag in (f"{_W}ins", f"{_W}moveTo", f"{_W}customXml", f"{_W}smartTag"):
                self.walk(child)

    def paragraph_text(self, p: etree._Element) -> tuple[str, bool]:
        text, bold, _ = self.paragraph_pieces(p)
        return text, bold

    def paragraph_pieces(self, p: etree._Element) -> tuple[str, bool, list[TextPiece]]:
        """The paragraph's visible text, whether it is all bold, and its w:t nodes with their offsets."""
        parts = list(_text_parts(p))
        pieces, offset = [], 0
        for t, _, node in parts:
            if node is not None:
                pieces.append(TextPiece(offset, node))
            offset += len(t)
        text = "".join(t for t, _, _ in parts)
        visible = [b for t, b, _ in parts if t.strip()]
        style_bold = (self.style_id(p) or "") in self.styles.bold
        return text, bool(visible) and all(b or style_bold for b in visible), pieces

    def style_id(self, p: etree._Element) -> str | None:
        return _val(p.find(f"{_W}pPr/{_W}pStyle"))

    def paragraph(self, p: etree._Element) -> None:
        if p.find(f"{_W}pPr/{_W}rPr/{_W}del") is not None and not self.paragraph_text(p)[0].strip():
            return
        text, bold, pieces = self.paragraph_pieces(p)
        sid = self.style_id(p)
        name = self.styles.names.get(sid or "", sid or "Normal")
        if text.strip():
            block = self._classify(p, text, bold, sid, name)
            block.pieces = pieces
            self.add(block)
        for inner in _textboxes(p):
            inner_text, inner_bold, inner_pieces = self.paragraph_pieces(inner)
            if inner_text.strip():
                self.add(RawBlock("paragraph", inner_text, style="Text Box", all_bold=inner_bold, pieces=inner_pieces))

    def _classify(self, p: etree._Element, text: str, bold: bool, sid: str | None, name: str) -> RawBlock:
        m = _HEADING_STYLE.match(name)
        outline = _val(p.find(f"{_W}pPr/{_W}outlineLvl"))
        if m:
            return RawBlock("heading", text, level=int(m.group(1)), style=name)
        if name.lower() in _TITLE_STYLES:
            return RawBlock("heading", text, level=0, style=name)
        if outline is not None and outline.isdigit() and int(outline) < 9:
            return RawBlock("heading", text, level=int(outline) + 1, style=name)
        if sid in self.styles.outline and self.styles.outline[sid] < 10:
            return RawBlock("heading", text, level=self.styles.outline[sid], style=name)
        listed = p.find(f"{_W}pPr/{_W}numPr") is not None or sid in self.styles.numbered \
            or bool(_LIST_STYLE.search(name))
        return RawBlock("list_item" if listed else "paragraph", text, style=name, all_bold=bold)

    def table(self, tbl: etree._Element) -> None:
        index = self.tables
        self.tables += 1
        for r, tr in enumerate(tbl.iterchildren(f"{_W}tr")):
            for c, tc in enumerate(self._cells(tr)):
                texts, pieces, offset = [], [], 0
                for p in tc.iter(f"{_W}p"):
                    if _in_fallback(p):
                        continue
                    t, _, own = self.paragraph_pieces(p)
                    if t.strip():
                        pieces += [TextPiece(offset + piece.offset, piece.node) for piece in own]
                        texts.append(t)
                        offset += len(t) + 1
                text = "\n".join(texts)
                if text.strip():
                    self.add(RawBlock("table_cell", text, cell=TableCell(table=index, row=r, col=c), pieces=pieces))

    @staticmethod
    def _cells(tr: etree._Element) -> Iterator[etree._Element]:
        for child in tr:
            if child.tag == f"{_W}tc":
                yield child
            elif child.tag == f"{_W}sdt":
                yield from child.iter(f"{_W}tc")


def walk_body(body: etree._Element, styles_root: etree._Element | None, settings: Settings) -> list[RawBlock]:
    """Blocks of a body element already parsed elsewhere (python-docx's tree, for the annotated copy)."""
    walker = _BodyWalker(_read_styles(styles_root), settings)
    walker.walk(body)
    return walker.blocks


def kept_blocks(raw: list[RawBlock]) -> list[tuple[RawBlock, int]]:
    """Raw blocks that become review blocks (same order as `Review.blocks`), with the characters
    `assemble` trims from their start."""
    return [(r, len(r.text) - len(r.text.lstrip("\r\n"))) for r in raw if r.text.strip("\r\n").strip()]


def read_docx(data: bytes, settings: Settings) -> list[RawBlock]:
    return read_docx_tree(data, settings)[0]


def read_docx_tree(data: bytes, settings: Settings) -> tuple[list[RawBlock], etree._Element]:
    """The blocks and the parsed body XML they point into (the redactor edits that tree)."""
    zf = open_package(data, settings)
    with zf:
        body_xml = read_member(zf, "word/document.xml", settings)
        names = set(zf.namelist())
        styles_root = parse_xml(read_member(zf, "word/styles.xml", settings), "styles") \
            if "word/styles.xml" in names else None
    root = parse_xml(body_xml, "document body")
    body = root.find(f"{_W}body")
    if body is None:
        raise IngestError("corrupt", "the Word document has no body: open it in Word, save a new copy and try again")
    if _COUNT_TEXT_PARAGRAPHS(body) > settings.max_blocks:  # refuse at C speed before walking them
        raise too_many_blocks(settings)
    if _COUNT_CELLS(body) > settings.max_table_cells:
        raise too_many_cells(settings)
    walker = _BodyWalker(_read_styles(styles_root), settings)
    walker.walk(body)
    return walker.blocks, root


_NS = {"w": _W.strip("{}")}
_COUNT_TEXT_PARAGRAPHS = etree.XPath("count(.//w:p[.//w:t])", namespaces=_NS)
_COUNT_CELLS = etree.XPath("count(.//w:tc)", namespaces=_NS)
