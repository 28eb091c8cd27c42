"""UK phone numbers (libphonenumber via `phonenumbers`), dates of birth and children's exact ages."""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import Leniency
from spacy.tokens import Doc

from nlp.identity.base import Hit
from nlp.sentences import sentence_bounds, text_of

UK_NATIONAL_DIGITS = 11  # 0 + 10 digits
_NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                 "sixteen seventeen").split()
ADULT_AGE = 18
_AGE = re.compile(
    r"\b(?:aged|age)\s+(?P<a>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\b(?:\s+(?:years?|months?))?"
    r"|\b(?P<b>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")[- ](?:year|month)s?[- ]old\b", re.I)
# "who is now 9", "who was then 4": an age with no "aged" or "year-old", counted only beside a child word.
_BARE_AGE = re.compile(r"\bwho\s+(?:is|was)\s+(?:now\s+|then\s+)?(?P<a>\d{1,2}|" + "|".join(_NUMBER_WORDS)
                       + r")\b(?!\s*(?:%|per\b|times\b|[.,/:]\d))", re.I)
_CHILD_WORDS = re.compile(r"\b(?:son|daughter|child|children|baby|boy|girl|grandson|granddaughter|stepson|"
                          r"stepdaughter|toddler|infant|pupil|niece|nephew|sibling|brother|sister)s?\b", re.I)
_DATE = (r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|"
         r"July|August|September|October|November|December)\s+\d{4}")
_DOB = re.compile(r"\b(?:born(?:\s+on)?|date\s+of\s+birth(?:\s+(?:is|was|of))?|d\.?o\.?b\.?)\s*[:,]?\s*(?:on\s+)?"
                  rf"(?P<date>{_DATE})", re.I)


def find_phones(doc: Doc) -> list[Hit]:
    hits = []
    for m in phonenumbers.PhoneNumberMatcher(text_of(doc), "GB", leniency=Leniency.POSSIBLE):
        digits = re.sub(r"\D", "", m.raw_string)
        uk_shape = (digits.startswith("0") and len(digits) == UK_NATIONAL_DIGITS) or \
            (m.raw_string.startswith("+44") and len(digits) == UK_NATIONAL_DIGITS + 1)
        if uk_shape:
            hits.append(Hit("phone", m.start, m.end, m.raw_string, "error", key=digits[-10:]))
    return hits


def _age(value: str) -> int:
    return int(value) if value.isdigit() else _NUMBER_WORDS.index(value.lower()) + 1


def find_dates_of_birth(doc: Doc) -> list[Hit]:
    return [Hit("date_of_birth", m.start("date"), m.end("date"), m.group("date"), "error", key=m.group("date"))
            for m in _DOB.finditer(text_of(doc))]


def find_child_ages(doc: Doc) -> list[Hit]:
    """Exact ages under 18, or any age said of a child ("her son, aged 7", "a 9-year-old")."""
    hits: list[Hit] = []
    text = text_of(doc)
    matches = list(_AGE.finditer(text))
    if not matches and not _BARE_AGE.search(text):
        return hits
    bounds = sentence_bounds(doc)
    for m in matches:
        a, b = next(((a, b) for a, b in bounds if a <= m.start() < b), (0, len(text)))
        age = _age(m.group("a") or m.group("b"))
        if age < ADULT_AGE and (_CHILD_WORDS.search(text[a:b]) or age < ADULT_AGE - 4):
            hits.append(Hit("child_age", m.start(), m.end(), m.group(), "warning", key=m.group()))
    for m in _BARE_AGE.finditer(text):
        a, b = next(((a, b) for a, b in bounds if a <= m.start() < b), (0, len(text)))
        if _age(m.group("a")) < ADULT_AGE and _CHILD_WORDS.search(text[a:b]):
            hits.append(Hit("child_age", m.start(), m.end(), m.group(), "warning", key=m.group()))
    return hits
