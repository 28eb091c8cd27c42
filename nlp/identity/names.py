"""Names of private people and of staff.

Sources: spaCy's PERSON entities; titles with a surname ("Mrs Pauline Merridew", "Ms Lee");
names tied to a role ("the victim, Jane", "her son Tom", "his ex-partner Ms Lee"). Pseudonyms and
initials ("Mr A", "Ms AB", "Victim 1", "Child C") are never names. A name next to a staff role
("the SPO, Carys Mostyn") is a staff name (warning: use the role instead).
Data (titles, relations, staff roles, words that end a name): resources/identity_names.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc, Span

from nlp.identity.base import Hit, Role
from nlp.sentences import text_of


class NameData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    titles: tuple[str, ...]
    child_relations: tuple[str, ...]
    adult_relations: tuple[str, ...]
    victim_words: tuple[str, ...]
    staff_roles: tuple[str, ...]
    not_names: tuple[str, ...]


@lru_cache(maxsize=1)
def first_names() -> tuple[str, ...]:
    raw = resources.files("nlp.resources").joinpath("first_names.txt").read_text(encoding="utf-8")
    return tuple(ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=1)
def name_data() -> NameData:
    raw = resources.files("nlp.resources").joinpath("identity_names.yaml").read_text(encoding="utf-8")
    return NameData.model_validate(yaml.safe_load(raw))


_CAP = r"[A-Z](?:[a-z][a-z'’]*|['’][A-Z][a-z]+)(?:-[A-Z][a-z'’]+|-[a-z]+)*"  # Tom, O'Brien, Ellie-Mae; not R's


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    d = name_data()
    titles = "|".join(d.titles)
    relations = "|".join((*d.child_relations, *d.adult_relations))
    victims = "|".join(d.victim_words)
    staff = "|".join(sorted(d.staff_roles, key=len, reverse=True))
    given = "|".join(first_names())
    return {
        "titled": re.compile(rf"\b(?:{titles})\.?\s+(?P<name>{_CAP}(?:\s+{_CAP})?)"),
        "related": re.compile(rf"\b(?:(?i:her|his|their|a|an|the victim's)|[A-Z][a-z]+'s)\s+(?:(?:young|older|younger|"
                              rf"eldest|youngest|new|former|late|\d+-year-old)\s+)?(?P<rel>{relations}),?\s+"
                              rf"(?:named\s+|called\s+)?(?P<name>(?:(?:{titles})\.?\s+)?{_CAP}(?:\s+{_CAP})?)"),
        "victim": re.compile(rf"\b(?:the\s+)?(?:{victims}),?\s+(?:named\s+|called\s+|was\s+|is\s+)?"
                             rf"(?P<name>{_CAP}(?:\s+{_CAP})?)"),
        "appositive": re.compile(rf"\b(?P<name>{_CAP}),\s+(?:the|a|an|her|his|their|Mr [A-Z]'s|Ms [A-Z]'s)\s+"
                                 rf"(?:(?:\d+|[a-z]+)-year-old\s+|young\s+|eldest\s+|youngest\s+)?(?P<rel>{relations})\b"),
        "given_surname": re.compile(rf"\b(?P<name>(?:{given})\s+{_CAP})\b"),
        "staff_before": re.compile(rf"\b(?:{staff}),?\s+(?P<name>(?:(?:{titles})\.?\s+)?{_CAP}(?:\s+{_CAP})?)"),
        "staff_after": re.compile(rf"(?P<name>{_CAP}\s+{_CAP}),?\s+(?:\(|the\s+)?(?:{staff})\b"),
    }


def _is_pseudonym(text: str) -> bool:
    """"Mr A", "Ms AB", "Victim 1", "Child C", "JMc": letters, initials or numbers, not a name."""
    words = [w.strip(".,") for w in text.split()]
    titles = {t.lower() for t in name_data().titles}
    rest = [w for w in words if w.lower() not in titles]
    return not rest or all(len(w) <= 3 and (w.isupper() or w.isdigit() or re.fullmatch(r"[A-Z][A-Z]?[a-z]?", w))
                           for w in rest)


def _clean(name: str) -> str | None:
    """The name without a possessive; None for pseudonyms and for anything holding a non-name word."""
    not_names = {w.lower() for w in name_data().not_names}
    words = re.sub(r"['’]s?$", "", name.strip()).split()
    if not words or any(w.lower() in not_names for w in words) or _is_pseudonym(" ".join(words)):
        return None
    parts = [p for w in words for p in w.split("-") if p]
    if any(any(c.isupper() for c in p[1:]) and not re.fullmatch(r"(?:Mc|Mac|O')[A-Z][a-z]+", p) for p in parts):
        return None  # RoSH, OMiC: acronyms, not names
    return " ".join(words)


def person_key(name: str) -> str:
    """Surname (last word), lower-case: links "Jordan Mellish" and "Mr Mellish"."""
    titles = {t.lower() for t in name_data().titles}
    words = [w for w in name.replace("’", "'").split() if w.lower().strip(".") not in titles]
    return words[-1].lower().removesuffix("'s") if words else name.lower()


# A name followed by more capitalised words and then an organisation or place word is the organisation's or the
# place's name ("Ellerdyke and Morrow Vale Serious Further Offence Team", "the Morrowby team").
_ORG_AFTER = re.compile(r"^(?:\s+(?:and|&))?(?:\s+[A-Z][a-z]+){0,3}\s*(?:SFO|PDU|(?i:team|unit|office|area|patch|"
                        r"cluster|hub)|Service|Court|Police|Constabulary|Probation|Council|Hospital|School|Academy|"
                        r"Centre|Prison|Road|Street|Lane|Avenue|Close|Way|Park|Homes|Housing|Metropolitan|Region|"
                        r"Regional|Area|Division|Serious|Crown|Magistrates)\b")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|to|near|towards|around|outside|of|into)\s*$")


def _hit(doc_text: str, start: int, name: str, role: Role) -> Hit | None:
    cleaned = _clean(name)
    if cleaned is None:
        return None
    if _ORG_AFTER.match(doc_text[start + len(name):]):
        return None
    offset = doc_text.find(cleaned, start)
    if offset < 0:
        return None
    if role == "staff":
        return Hit("staff_name", offset, offset + len(cleaned), cleaned, "warning", key=person_key(cleaned), role=role)
    return Hit("person_name", offset, offset + len(cleaned), cleaned, "error", key=person_key(cleaned), role=role)


def _entity_ok(ent: Span) -> bool:
    not_names = {w.lower() for w in name_data().not_names}
    words = [t for t in ent if not t.is_punct]
    return bool(words) and all(t.text[:1].isupper() for t in words) and not any(
        t.lower_ in not_names for t in words) and not any(t.is_upper and len(t) > 1 for t in words)


def find_names(doc: Doc) -> list[Hit]:
    text = text_of(doc)
    pats = _patterns()
    child_rel = {r.lower() for r in name_data().child_relations}
    hits: list[Hit] = []
    roles: tuple[tuple[str, Role], ...] = (("staff_before", "staff"), ("staff_after", "staff"), ("victim", "victim"))
    for key, role in roles:
        for m in pats[key].finditer(text):
            if (h := _hit(text, m.start("name"), m.group("name"), role)) is not None:
                hits.append(h)
    for key in ("related", "appositive"):
        for m in pats[key].finditer(text):
            relation: Role = "child" if m.group("rel").lower() in child_rel else "person"
            if (h := _hit(text, m.start("name"), m.group("name"), relation)) is not None:
                hits.append(h)
    for m in pats["given_surname"].finditer(text):
        if (h := _hit(text, m.start("name"), m.group("name"), "person")) is not None:
            hits.append(h)
    for m in pats["titled"].finditer(text):
        if (h := _hit(text, m.start(), m.group(), "person")) is not None:
            hits.append(h)
    for ent in doc.ents:
        # A lone first name or surname is left to the role patterns above: NER mistakes towns for people.
        if ent.label_ == "PERSON" and len(ent) > 1 and _entity_ok(ent) and not _PLACE_BEFORE.search(
                text[max(0, ent.start_char - 12): ent.start_char]):
            if (h := _hit(text, ent.start_char, ent.text, "person")) is not None:
                hits.append(h)
    return hits
