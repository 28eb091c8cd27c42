"""Where an acronym is explained: inline patterns and glossary lines or tables.

Recognised: `long form (SF)`, `SF (long form)`, `SF – long form`, `SF stands for …`,
`known as SF`, `SF is a/the …` at the start of a sentence, glossary lines (`SF – meaning`,
`SF: meaning`) and glossary tables (`Term | Meaning`). Long and short forms are matched letter by
letter as in Schwartz & Hearst (2003), "A simple algorithm for identifying abbreviation
definitions in biomedical text", so acronyms missing from the glossary are recognised too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from nlp.acronym_candidates import Candidate
from nlp.sentences import text_of

DASHES = frozenset({"–", "—", "-", "−", ":", "="})
DEFINING_VERBS = ("stands for", "is short for", "is an abbreviation for", "is the abbreviation for", "means",
                  "refers to", "is shorthand for")
NAMING_PHRASES = ("known as", "called", "referred to as", "abbreviated to", "abbreviated as", "hereafter")
EXPLAINING_COPULA = re.compile(r"^\s*(is|are|was)\s+(a|an|the)\b", re.I)
# "CAS3 housing, which is temporary accommodation …", "the PPCS (which is the team that …)"
RELATIVE_GLOSS = re.compile(r"^(?:\s+[a-z]+){0,2}\s*[,(]\s*(?:which|that) (?:is|are|means)\b")
MAX_PARENTHETICAL_WORDS = 14
_LINE_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[•▪*-])\s+")
_GLOSSARY_LINE = re.compile(
    r"^\s*(?P<short>[A-Za-z][A-Za-z0-9/&]{1,11})s?\s*(?:[–—:=-]|\t|\s{2,}|\()\s*(?P<long>\S.*)$")


@dataclass(frozen=True)
class Definition:
    key: str
    long_form: str
    pattern: str
    start: int  # char offset in the block where the definition (its acronym) sits


def best_long_form(short: str, long: str) -> str | None:
    """Schwartz–Hearst: the shortest tail of `long` whose letters spell `short` in order.

    The first letter of the short form must begin a word of the long form.
    """
    s_idx, l_idx = len(short) - 1, len(long) - 1
    while s_idx >= 0:
        c = short[s_idx].lower()
        if not c.isalnum():
            s_idx -= 1
            continue
        while (l_idx >= 0 and long[l_idx].lower() != c) or (s_idx == 0 and l_idx > 0 and long[l_idx - 1].isalnum()):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
        s_idx -= 1
    start = long.rfind(" ", 0, l_idx + 1) + 1
    found = long[start:].strip()
    return found if len(found.split()) <= min(len(short) + 5, len(short) * 2) and len(found) > len(short) else None


def _window_before(doc: Doc, token_i: int, short: str) -> str:
    """The words before a parenthesis, back to the previous full stop, as many as a long form may have.

    (Bounded by punctuation rather than the parser's sentences, which can break at the parenthesis.)
    """
    limit = min(len(short) + 5, len(short) * 2)
    start = token_i
    while start > 0 and doc[start - 1].text not in (".", "!", "?", ";", ":") and token_i - start < limit * 2:
        start -= 1
    words = [t for t in doc[start:token_i] if not t.is_punct or t.text in "-'’"]
    return " ".join(t.text for t in words[-limit:])


def _inside_parentheses(doc: Doc, open_i: int) -> tuple[str, int] | None:
    """Text inside the parenthesis opened at token `open_i`, and the index of the closing token."""
    for j in range(open_i + 1, min(len(doc), open_i + MAX_PARENTHETICAL_WORDS + 2)):
        if doc[j].text.startswith(")"):
            return doc[open_i + 1: j].text, j
    return None


def _long_then_short(doc: Doc, _text: str, c: Candidate) -> Definition | None:
    """`Offender Assessment System (OASys)`, also `(the OASys)`, `(known as OASys)`, `("OASys")`."""
    i = c.token
    prev = i - 1
    while prev >= 0 and doc[prev].lower_ in ("the", "a", "an", "or", "hereafter", '"', "'", "“", "‘"):
        prev -= 1
    if prev < 1 or doc[prev].text != "(":
        return None
    nxt = i + 1
    while nxt < len(doc) and doc[nxt].text in ('"', "'", "”", "’"):
        nxt += 1
    if nxt >= len(doc) or not doc[nxt].text.startswith(")"):  # the tokenizer may give "):" or ")."
        return None
    window = _window_before(doc, prev, c.key)
    if not window:
        return None
    long = best_long_form(c.key, window)
    if long is None and doc[prev - 1].pos_ not in ("NOUN", "PROPN", "ADJ"):
        return None
    return Definition(c.key, long or window, "long (SF)", c.start)


def _short_then_long(doc: Doc, _text: str, c: Candidate) -> Definition | None:
    """`OASys (Offender Assessment System)` or `OASys (the tool probation uses to assess risk)`."""
    i = c.token + 1
    if i >= len(doc) or doc[i].text != "(":
        return None
    inside = _inside_parentheses(doc, i)
    if inside is None:
        return None
    inner, _ = inside
    words = inner.split()
    if len(words) < 2 or not words[0][0].isalpha() or words[0].lower() in ("see", "para", "paragraph", "page"):
        return None
    return Definition(c.key, best_long_form(c.key, inner) or inner, "SF (long)", c.start)


def _short_dash_long(doc: Doc, _text: str, c: Candidate) -> Definition | None:
    """`SPO – Senior Probation Officer` (letters must match, since dashes also join clauses)."""
    i = c.token + 1
    if i >= len(doc) or doc[i].text not in DASHES:
        return None
    following = doc[i + 1: i + 1 + min(len(c.key) + 5, len(c.key) * 2)].text
    long = best_long_form(c.key, following)
    if long is None:
        return None
    span_end = following.find(long) + len(long)
    return Definition(c.key, following[:span_end].strip(), "SF – long", c.start)


def _short_verb_long(doc: Doc, text: str, c: Candidate) -> Definition | None:
    """`SF stands for …`, `SF means …`, and `SF is a/the …` at the start of a sentence."""
    after = text[c.end:]
    after_plain = re.sub(r"^(?:['’]s?)?\s*", "", after).lower()
    for verb in DEFINING_VERBS:
        if after_plain.startswith(verb):
            return Definition(c.key, after_plain[len(verb):].strip().split(".")[0], f"SF {verb}", c.start)
    if RELATIVE_GLOSS.match(after):
        return Definition(c.key, after.strip(" ,(").split(".")[0], "SF, which is …", c.start)
    token = doc[c.token]
    starts_sentence = token.is_sent_start or (token.i == token.sent.start + 1 and token.sent[0].lower_ == "the")
    if starts_sentence and EXPLAINING_COPULA.match(after):
        return Definition(c.key, after.strip().split(".")[0], "SF is …", c.start)
    return None


def _known_as(_doc: Doc, text: str, c: Candidate) -> Definition | None:
    """`… a national database known as nDelius`."""
    before = text[: c.start].rstrip(" ('\"“‘").lower()
    for phrase in NAMING_PHRASES:
        if before.endswith(phrase):
            head = text[: c.start].rstrip()
            return Definition(c.key, head[max(0, len(head) - 80):], f"known as SF ({phrase})", c.start)
    return None


PATTERNS = (_long_then_short, _short_then_long, _short_dash_long, _short_verb_long, _known_as)


def inline_definitions(doc: Doc, candidates: list[Candidate]) -> list[Definition]:
    out = []
    text = text_of(doc)  # Doc.text joins every token on each access: read it once
    for c in candidates:
        for pattern in PATTERNS:
            if (found := pattern(doc, text, c)) is not None:
                out.append(found)
                break
    return out


def glossary_line(text: str) -> tuple[str, str] | None:
    """A glossary entry written as a line: `SPO – Senior Probation Officer`, `9.1 OASys: the tool …`."""
    m = _GLOSSARY_LINE.match(_LINE_NUMBER.sub("", text))
    if not m:
        return None
    short = m.group("short").rstrip(":")
    if not any(c.isupper() for c in short[1:]) and not short.isupper():
        return None
    return short, m.group("long").strip()
