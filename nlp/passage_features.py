"""Features of one sentence for the descriptive/analytical classifier (cues in resources/passage_cues.yaml).

One extractor serves training and serving: lemma uni- and bi-grams, cue families (causal,
contrastive, counterfactual, hedging, evaluative, learning, reporting), tense and aspect, modal
verbs, negation, date and number density, length, and the kind of section the sentence sits in.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc, Span

_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
                   r"oct|nov|dec)[a-z]*\b|\b(?:january|february|march|april|may|june|july|august|september|"
                   r"october|november|december) \d{4}\b", re.I)
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?%?")
LENGTH_BUCKETS = (8, 15, 25, 40)


class Cues(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    causal: tuple[str, ...]
    contrastive: tuple[str, ...]
    counterfactual: tuple[str, ...]
    hedge: tuple[str, ...]
    evaluative: tuple[str, ...]
    learning: tuple[str, ...]
    reporting: tuple[str, ...]


@lru_cache(maxsize=1)
def cues() -> dict[str, tuple[re.Pattern[str], ...]]:
    raw = resources.files("nlp.resources").joinpath("passage_cues.yaml").read_text(encoding="utf-8")
    model = Cues.model_validate(yaml.safe_load(raw))
    return {family: tuple(re.compile(rf"\b{re.escape(p)}\b") for p in phrases)
            for family, phrases in model.model_dump().items()}


@lru_cache(maxsize=1)
def _family_patterns() -> dict[str, re.Pattern[str]]:
    return {family: re.compile("|".join(p.pattern for p in patterns)) for family, patterns in cues().items()}


def sentence_features(sent: Span | Doc, section_kind: str) -> dict[str, float]:
    """A flat feature dict for one parsed sentence."""
    text = sent.text
    lower = f" {text.lower()} "
    tokens = [t for t in sent if not (t.is_space or t.is_punct)]
    n = max(len(tokens), 1)
    feats: dict[str, float] = {f"section={section_kind}": 1.0}
    lemmas = [t.lemma_.lower() if not t.like_num else "<num>" for t in tokens]
    for lemma in lemmas:
        feats[f"w={lemma}"] = 1.0
    for a, b in zip(lemmas, lemmas[1:], strict=False):
        feats[f"b={a}_{b}"] = 1.0
    for family, patterns in cues().items():
        if not _family_patterns()[family].search(lower):  # one scan rules out most families
            continue
        hits = sum(1 for p in patterns if p.search(lower))
        feats[f"cue={family}"] = float(hits)
    tags = [t.tag_ for t in tokens]
    for tag in ("VBD", "VBZ", "VBP", "VBN", "VBG", "MD"):
        if tag in tags:
            feats[f"tag={tag}"] = tags.count(tag) / n
    if any(t.dep_ == "neg" for t in tokens):
        feats["negation"] = 1.0
    if any(t.lower_ in ("have", "has", "had") and t.head.tag_ == "VBN" for t in tokens):
        feats["perfect"] = 1.0
    dates = len(_DATE.findall(text))
    feats["dates"] = float(dates)
    feats["numbers_share"] = len(_NUMBER.findall(text)) / n
    if tokens and (tokens[0].like_num or _DATE.match(text.strip())):
        feats["starts_with_date"] = 1.0
    feats[f"length<={next((b for b in LENGTH_BUCKETS if n <= b), 'long')}"] = 1.0
    if '"' in text or "“" in text or "'" in text[:1]:
        feats["quote"] = 1.0
    return feats
