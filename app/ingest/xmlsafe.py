"""Parse the XML parts of a DOCX without entity expansion, external fetches or pathological trees."""

from __future__ import annotations

import re

from lxml import etree

from app.errors import IngestError

_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)
MAX_DEPTH = 200
MAX_ATTRIBUTE_CHARS = 65_536  # Word's attributes are ids, sizes and names; a huge one is an attack


def parse_xml(data: bytes, part: str) -> etree._Element:
    """Parse one package part; reject any DTD (entity-expansion and external-entity attacks)."""
    if _DTD.search(data[:4096]) or _DTD.search(data):
        raise IngestError("unsafe_xml", f"the Word document's {part} declares a DTD or entities, which Word "
                          "never writes (an XML attack?): save a new copy from Word and try again")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        if "depth" in str(exc).lower():
            raise _too_deep(part) from None
        raise IngestError("corrupt", f"the Word document's {part} is damaged XML: open it in Word, save a "
                          "new copy and try again") from None
    _check_shape(root, part)
    return root


def _too_deep(part: str) -> IngestError:
    return IngestError("too_complex", f"the Word document's {part} nests elements more than {MAX_DEPTH} "
                       "deep: it is not a normal document")


_TOO_DEEP = etree.XPath("boolean(" + "/*" * (MAX_DEPTH + 1) + ")")
_HUGE_ATTRIBUTE = etree.XPath(f"boolean(//@*[string-length(.) > {MAX_ATTRIBUTE_CHARS}])")


def _check_shape(root: etree._Element, part: str) -> None:
    """Refuse trees nested deeper than any Word writes, or carrying an oversized attribute (XPath: in C)."""
    tree = root.getroottree()
    if _TOO_DEEP(tree):
        raise _too_deep(part)
    if _HUGE_ATTRIBUTE(tree):
        raise IngestError("unsafe_xml", f"the Word document's {part} has an attribute longer than "
                          f"{MAX_ATTRIBUTE_CHARS:,} characters, which Word never writes (an XML attack?): "
                          "save a new copy from Word and try again")
