"""Parse the XML parts of a DOCX without entity expansion, external fetches or pathological trees."""

from __future__ import annotations

import re

from lxml import etree

from app.errors import IngestError

_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)
MAX_DEPTH = 200


def parse_xml(data: bytes, part: str) -> etree._Element:
    """Parse one package part; reject any DTD (entity-expansion and external-entity attacks)."""
    if _DTD.search(data[:4096]) or _DTD.search(data):
        raise IngestError("unsafe_xml", f"the Word document's {part} declares a DTD or entities, which Word "
                          "never writes (an XML attack?): save a new copy from Word and try again")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise IngestError("corrupt", f"the Word document's {part} is damaged XML: open it in Word, save a "
                          "new copy and try again") from None
    if _depth(root) > MAX_DEPTH:
        raise IngestError("too_complex", f"the Word document's {part} nests elements more than {MAX_DEPTH} "
                          "deep: it is not a normal document")
    return root


def _depth(root: etree._Element) -> int:
    deepest = 0
    stack = [(root, 1)]
    while stack:
        el, d = stack.pop()
        deepest = max(deepest, d)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, d + 1) for child in el)
    return deepest
