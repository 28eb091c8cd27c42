"""Home addresses, streets, schools and workplaces tied to a person.

A house number and street is a direct identifier (error); a street without a number, a school or
a workplace identifies in combination with other details (warning).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from nlp.identity.base import Hit
from nlp.sentences import sentence_bounds, text_of

STREET_TYPES = ("Road|Street|Close|Avenue|Lane|Drive|Way|Crescent|Gardens|Place|Terrace|Row|Grove|Park|"
                "Square|Hill|View|Walk|Mews|Rise|Green|Parade|Croft|Fold|Wynd|Gate|Meadows?|Chase|Yard|"
                "Heights|Bank|Cottages|Villas|Drove|Brow|Nook|Path|Approach|Boulevard|Circus|Embankment|Wharf|Quay")
_WORD = r"[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*"
_STREET = rf"(?:{_WORD}\s+){{1,3}}(?:{STREET_TYPES})\b"
_HOUSE_NUMBER = r"(?!(?:19|20)\d\d\b)\d{1,4}[A-Za-z]?"  # not a year: "in 2022 Castlebridge …"
_ADDRESS = re.compile(
    rf"\b(?:(?:Flat|Apartment|Unit|Room)\s+\d+[A-Za-z]?,?\s+(?:{_WORD}\s+(?:House|Court|Lodge|Tower|Mansions),?\s+)?)?"
    rf"{_HOUSE_NUMBER},?\s+(?:{_STREET}|(?:{_WORD}\s+){{1,2}}Court\b(?<!Crown Court)(?<!Magistrates' Court))"
    rf"(?:,\s+{_WORD}(?:\s+{_WORD})?)?")
_WELSH_ADDRESS = re.compile(  # Welsh street words come first: "14 Heol Tirion", "8 Clos y Dderwen"
    rf"\b{_HOUSE_NUMBER},?\s+(?:Heol|Clos|Ffordd|Stryd|Lôn|Lon|Maes|Rhodfa|Llys|Teras|Cilgant|Nant|Bryn|Cae)"
    rf"(?:\s+(?:y|yr|'r)?\s*{_WORD}){{1,2}}(?:,\s+{_WORD}(?:\s+{_WORD})?)?")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_NUMBER_PLACE_TOWN = re.compile(  # "at 22 Larchway, Oxenholt": a named house or one-word street, then the town
    rf"\b(?:at|to|from)\s+(?P<address>{_HOUSE_NUMBER}\s+(?!(?:{_MONTHS})\b){_WORD},\s+{_WORD})")
_FLAT = re.compile(
    rf"\b(?:Flat|Apartment)\s+\d+[A-Za-z]?,?\s+(?:{_WORD}\s+){{1,3}}(?:House|Court|Lodge|Tower|Mansions)\b")
_BARE_STREET = re.compile(rf"\b(?:on|in|at|of|along|off|near)\s+(?P<street>{_STREET})(?!\s+(?:PDU|Team|Unit|Office|"
                          r"Police|Court|Probation|Hostel|Approved|Centre|Station|Prison|School|Academy|Surgery))")
_INSTITUTION = re.compile(
    rf"\b(?:(?:St\.?\s+)?{_WORD}(?:\s+{_WORD}){{0,3}}\s+(?:(?:Primary|Secondary|High|Junior|Infant|Grammar|Special|"
    rf"Community|C of E|RC|Catholic)\s+)?(?:School|Academy|College|Nursery|Sixth Form|University)"
    rf"|Ysgol\s+{_WORD}(?:[-\s]{_WORD}|-y-{_WORD}|-[a-z]+-{_WORD}){{0,3}})\b")
_WORK_VERB = re.compile(r"\b(?:work(?:s|ed|ing)?|employ(?:ed|er|ment)|job|shift|manag(?:er|ed|es)|staff|"
                        r"colleagues?|boss|apprentice(?:ship)?|volunteer(?:s|ed)?|rider|driver|nurse|cleaner|"
                        r"waitress|waiter|barmaid|barman|receptionist|cashier|fitter|mechanic|chef)\b", re.I)
_BUSINESS = re.compile(
    r"\b(?P<org>(?:[A-Z][A-Za-z'’]+\s+){1,3}(?:Bakery|Café|Cafe|Deliveries|Tyres|Garage|Salon|Shop|Stores?|Lido|"
    r"Pub|Inn|Hotel|Restaurant|Takeaway|Surgery|Pharmacy|Factory|Warehouse|Farm|Ltd|Limited|Motors|Builders|"
    r"Supermarket|Bar|Gym|Leisure Centre|Health Centre|Medical Centre|Garden Centre|Care Home|Nursing Home)"
    r"(?:\s+café)?)\b")
_WORKPLACE = re.compile(
    rf"\b(?:at|for|by|from)\s+(?P<org>(?:the\s+)?(?:{_WORD}|[A-Z][a-z]+[A-Z][a-z]+)(?:(?:\s+|\s+(?:and|&|of)\s+)(?:{_WORD}|[A-Z]{{2,}})){{0,5}}"
    rf"(?:\s+(?:café|cafe|bar|pub))?)")
_NOT_WORKPLACE = re.compile(r"^(?:the\s+)?(?:Probation|Police|Court|Crown|Magistrates|Prison|HMP|Home Office|"
                            r"Ministry|Council|NHS|Parole|Children's|Adult|Social|Mr|Ms|Mrs|Miss|Dr|January|February|"
                            r"March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|"
                            r"Wednesday|Thursday|Friday|Saturday|Sunday)\b")


_AGENCY = re.compile(r"\b(?:Court|Police|Probation|Prison|Council|Service|Services|Team|Unit|Board|Panel|"
                     r"Partnership|Agency|Department|Office|Premises|PDU|Constabulary|Directorate)\b")


_PROGRAMME = re.compile(r"^\s*(?:programme|course|group|scheme|project|intervention|model|framework)\b", re.I)


def find_addresses(doc: Doc) -> list[Hit]:
    text = text_of(doc)
    hits = [Hit("address", m.start(), m.end(), m.group(), "error", key=m.group().lower())
            for pattern in (_ADDRESS, _WELSH_ADDRESS, _FLAT) for m in pattern.finditer(text)]
    hits += [Hit("address", m.start("address"), m.end("address"), m.group("address"), "error",
                 key=m.group("address").lower()) for m in _NUMBER_PLACE_TOWN.finditer(text)]
    covered = [(h.start, h.end) for h in hits]
    for m in _BARE_STREET.finditer(text):
        s, e = m.start("street"), m.end("street")
        if not any(a <= s < b for a, b in covered):
            hits.append(Hit("street", s, e, m.group("street"), "warning", key=m.group("street").lower()))
    return hits


def find_schools(doc: Doc) -> list[Hit]:
    return [Hit("school", m.start(), m.end(), m.group(), "warning", key=m.group().lower())
            for m in _INSTITUTION.finditer(text_of(doc))]


def find_workplaces(doc: Doc) -> list[Hit]:
    """Named organisations in a sentence about someone's work ("worked at Brindley's Bakery")."""
    hits: list[Hit] = []
    text = text_of(doc)
    if not _WORK_VERB.search(text):
        return hits
    for a, b in sentence_bounds(doc):
        sentence = text[a:b]
        if not _WORK_VERB.search(sentence):
            continue
        for m in (*_WORKPLACE.finditer(sentence), *_BUSINESS.finditer(sentence)):
            org = m.group("org")
            after = sentence[m.end("org"): m.end("org") + 30]
            if _NOT_WORKPLACE.match(org) or _AGENCY.search(org + " " + " ".join(after.split()[:2])) \
                    or _PROGRAMME.match(after) \
                    or (len(org.split()) == 1 and (org.isupper() or org.lower() in _single_word_exclusions())):
                continue
            start = a + m.start("org")
            hits.append(Hit("workplace", start, start + len(org), org, "warning", key=org.lower()))
    return hits


@lru_cache(maxsize=1)
def _single_word_exclusions() -> frozenset[str]:
    from nlp.identity.names import name_data

    return frozenset(w.lower() for w in name_data().not_names)
