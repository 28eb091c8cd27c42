"""Victim and third-party identifying details: `identity.*` findings with consistent placeholders.

Recall first: a missed detail is worse than a false alarm. Recognisers (one file each) return
`Hit`s per block; overlaps are resolved (the longer span wins, a specific kind beats a generic
name), mentions of the same person are linked by surname or first name, and every mention gets the
same placeholder ("[Victim 1]", "[Address 2]") that the redacted copy uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc

from nlp.checks import spec
from nlp.identity.base import Hit, find_patterns
from nlp.identity.contact import find_child_ages, find_dates_of_birth, find_phones
from nlp.identity.names import find_names, name_data, person_key
from nlp.identity.places import find_addresses, find_schools, find_workplaces
from nlp.sentences import block_location
from nlp.types import Block, Finding

RECOGNISERS: tuple[Callable[[Doc], list[Hit]], ...] = (
    find_patterns, find_phones, find_dates_of_birth, find_child_ages, find_addresses, find_schools,
    find_workplaces, find_names,
)
_GENERIC = frozenset({"person_name", "workplace", "street"})
PLACEHOLDER_LABELS = {
    "person_name": "Person", "staff_name": "Staff member", "address": "Address", "street": "Street",
    "postcode": "Postcode", "date_of_birth": "Date of birth", "child_age": "Age", "phone": "Phone number",
    "email": "Email", "school": "School", "workplace": "Workplace", "ni_number": "NI number",
    "nhs_number": "NHS number", "vehicle_registration": "Vehicle", "social_media": "Social media handle",
    "case_reference": "Reference", "pnc_id": "PNC ID", "prison_number": "Prison number",
}
ROLE_LABELS = {"victim": "Victim", "child": "Child", "staff": "Staff member"}


@dataclass(frozen=True)
class Detail:
    """A resolved identifying detail in a block, with its placeholder."""

    block: Block
    hit: Hit
    placeholder: str


@lru_cache(maxsize=1)
def messages() -> dict[str, dict[str, str]]:
    raw = resources.files("nlp.resources").joinpath("identity_messages.yaml").read_text(encoding="utf-8")
    data: dict[str, dict[str, str]] = yaml.safe_load(raw)
    return data


def _resolve_overlaps(hits: list[Hit]) -> list[Hit]:
    ordered = sorted(hits, key=lambda h: (-(h.end - h.start), h.kind in _GENERIC, h.kind != "staff_name"))
    kept: list[Hit] = []
    for h in ordered:
        if not any(h.start < k.end and k.start < h.end for k in kept):
            kept.append(h)
    return sorted(kept, key=lambda h: h.start)


def block_hits(doc: Doc) -> list[Hit]:
    return _resolve_overlaps([h for recognise in RECOGNISERS for h in recognise(doc)])


def _link_people(found: list[tuple[Block, Hit]]) -> dict[str, str]:
    """Map first names to the surname key of a full name that starts with them."""
    links: dict[str, str] = {}
    for _, h in found:
        words = h.text.split()
        if h.kind in ("person_name", "staff_name") and len(words) >= 2 and words[0][0].isupper():
            links.setdefault(words[0].lower(), h.key)
    return links


def _placeholders(found: list[tuple[Block, Hit]]) -> list[Detail]:
    links = _link_people(found)
    roles: dict[str, str] = {}
    for _, h in found:
        key = links.get(h.key, h.key)
        if h.role != "person" and key not in roles:
            roles[key] = h.role
    numbers: dict[tuple[str, str], str] = {}
    counters: dict[str, int] = {}
    out = []
    for block, h in found:
        key = links.get(h.key, h.key) if h.kind in ("person_name", "staff_name") else h.key
        label = ROLE_LABELS.get(roles.get(key, ""), "") if h.kind in ("person_name", "staff_name") else ""
        label = label or PLACEHOLDER_LABELS[h.kind]
        ident = (label, key)
        if ident not in numbers:
            counters[label] = counters.get(label, 0) + 1
            numbers[ident] = f"[{label} {counters[label]}]"
        out.append(Detail(block, replace(h, key=key), numbers[ident]))
    return out


def _later_mentions(parsed: Sequence[tuple[Block, Doc]], found: list[tuple[Block, Hit]]) -> list[tuple[Block, Hit]]:
    """Once "Chloe Brannigan" is found, every bare "Chloe" or "Brannigan" elsewhere is the same person."""
    titles = {t.lower() for t in name_data().titles}
    names: dict[str, tuple[str, str]] = {}
    for _, h in found:
        words = [w for w in h.text.split() if w.lower().strip(".") not in titles]
        if h.kind in ("person_name", "staff_name") and len(words) >= 2:
            for w in (words[0], words[-1]):
                names.setdefault(w, (h.kind, h.severity))
    if not names:
        return found
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")
    covered = {(b.index, h.start, h.end) for b, h in found}
    extra = []
    for block, _ in parsed:
        taken = [(h.start, h.end) for b, h in found if b.index == block.index]
        for m in pattern.finditer(block.text):
            if any(s < m.end() and m.start() < e for s, e in taken) or (block.index, m.start(), m.end()) in covered:
                continue
            kind, severity = names[m.group()]
            extra.append((block, Hit(kind, m.start(), m.end(), m.group(), severity,  # type: ignore[arg-type]
                                     key=person_key(m.group()))))
    return sorted([*found, *extra], key=lambda bh: (bh[0].index, bh[1].start))


def identity_details(parsed: Sequence[tuple[Block, Doc]]) -> list[Detail]:
    """Every identifying detail in the review, in reading order, with consistent placeholders."""
    found = [(block, h) for block, doc in parsed for h in block_hits(doc)]
    return _placeholders(_later_mentions(parsed, found))


def warm_up() -> None:
    """Load and compile every identity resource now (start-up), not on the first document."""
    from nlp.identity.base import pattern_recognisers
    from nlp.identity.names import _patterns

    pattern_recognisers()
    _patterns()
    messages()


def _check_id(kind: str) -> str:
    return "identity." + ("street-name" if kind == "street" else kind.replace("_", "-"))


def identity_findings(details: Sequence[Detail]) -> list[Finding]:
    out = []
    for d in details:
        check = _check_id(d.hit.kind)
        s = spec(check)
        text = messages()[d.hit.kind]
        out.append(Finding(
            check=check, standard=s.standard, severity=d.hit.severity, text=d.hit.text, kind=d.hit.kind,
            score=round(d.hit.score, 2), message=text["why"],
            suggestion=text["instead"].format(placeholder=d.placeholder),
            location=block_location(d.block, d.hit.start, d.hit.end)))
    return out
