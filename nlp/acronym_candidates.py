"""Which tokens are acronyms a lay reader may need explained.

Candidates: all-capital tokens of two or more letters (MAPPA, PPs, CAS3, RM2000), mixed-case
forms (OASys, RoSH, ViSOR, nDelius, PQiP), plurals and possessives reduced to their base.
Not candidates: Roman numerals, shouted words and protective markings, pseudonym letters
("Mr AB", "Child B"), units, "I", common-knowledge abbreviations, e-mail addresses and URLs,
postcodes, vehicle registrations and National Insurance numbers.
Data: resources/acronym_exclusions.yaml. Approach after scispacy's abbreviation detector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc, Token

from nlp.sentences import text_of

_ALL_CAPS = re.compile(r"^[A-Z][A-Z0-9&]*[A-Z0-9]$")
_MIXED = re.compile(r"^(?:[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*|[a-z]{1,2}[A-Z][A-Za-z0-9]+)$")
_SCOTS_IRISH_NAME = re.compile(r"^(?:Ma?c|O')[A-Z][a-z]+$")
_CAMEL_CASE_WORDS = re.compile(r"^(?:[A-Z][a-z]{2,}){2,}$")  # QuickDash, WhatsApp: brand names
_SMALL_ROMAN = re.compile(r"^(?=[IVX])X{0,3}(IX|IV|V?I{0,3})$")
_ANY_ROMAN = re.compile(r"^(?=[IVXLCDM])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
# Identifiers whose letter groups look like acronyms: postcode, vehicle registration, NI number.
_IDENTIFIER_TEXT = re.compile(
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"
    r"|\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b"
    r"|\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"
)
_PLURAL = re.compile(r"^(?P<base>[A-Z][A-Z0-9]+)s$")


class Exclusions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    common_knowledge: frozenset[str]
    units: frozenset[str]
    shouted: frozenset[str]
    pseudonym_titles: frozenset[str]
    numeral_cues: frozenset[str]


@lru_cache(maxsize=1)
def exclusions() -> Exclusions:
    raw = resources.files("nlp.resources").joinpath("acronym_exclusions.yaml").read_text(encoding="utf-8")
    return Exclusions.model_validate(yaml.safe_load(raw))


@dataclass(frozen=True)
class Candidate:
    """An acronym occurrence: `key` is its base form (PPs -> PP), `start`/`end` char offsets of the base."""

    key: str
    start: int
    end: int
    token: int


def base_form(text: str) -> str | None:
    """The acronym a token spells, or None: "PPs" -> "PP", "OASys" -> "OASys", "Police" -> None."""
    if plural := _PLURAL.match(text):
        return plural.group("base")
    if _ALL_CAPS.match(text) and sum(c.isalpha() for c in text) >= 2:
        return text
    if _MIXED.match(text) and not _SCOTS_IRISH_NAME.match(text) and not _CAMEL_CASE_WORDS.match(text):
        return text
    return None


def _shouting(token: Token, ex: Exclusions) -> bool:
    """A protective marking or shouted word, or part of a run of three or more capitalised words
    that contains one ("DO NOT CONTACT MS B")."""
    if token.text in ex.shouted:
        return True
    doc = token.doc

    def capital_word(t: Token) -> bool:
        return t.is_alpha and t.is_upper

    left = token.i
    while left > 0 and capital_word(doc[left - 1]):
        left -= 1
    right = token.i
    while right + 1 < len(doc) and capital_word(doc[right + 1]):
        right += 1
    run = doc[left: right + 1]
    return len(run) >= 3 and any(t.text in ex.shouted for t in run)


def _is_numeral(token: Token, ex: Exclusions) -> bool:
    previous = token.doc[token.i - 1].lower_ if token.i else ""
    return bool(_SMALL_ROMAN.match(token.text)) or (previous in ex.numeral_cues and bool(_ANY_ROMAN.match(token.text)))


def _after_pseudonym_title(token: Token, ex: Exclusions) -> bool:
    return token.i > 0 and token.doc[token.i - 1].lower_.rstrip(".") in ex.pseudonym_titles


def find_candidates(doc: Doc, allowed: frozenset[str] = frozenset()) -> list[Candidate]:
    """Acronym occurrences in `doc`, in order."""
    ex = exclusions()
    masked = [(m.start(), m.end()) for m in _IDENTIFIER_TEXT.finditer(text_of(doc))]
    out = []
    for token in doc:
        if token.like_email or token.like_url or not token.text[:1].isalpha():
            continue
        text = token.text[:-1] if token.text.endswith(".") and len(token.text) > 3 else token.text
        key = base_form(text)
        if key is None or key in allowed or key.upper() in ex.common_knowledge | ex.units:
            continue
        if _is_numeral(token, ex) or _shouting(token, ex) or _after_pseudonym_title(token, ex):
            continue
        if any(s <= token.idx < e for s, e in masked):
            continue
        out.append(Candidate(key=key, start=token.idx, end=token.idx + len(key), token=token.i))
    return out
