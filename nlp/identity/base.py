"""The shape every identity recogniser returns, and the pattern recogniser driven by YAML data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc

from nlp.identity.validators import VALIDATORS
from nlp.sentences import text_of

IdentityKind = Literal[
    "person_name", "staff_name", "address", "street", "postcode", "date_of_birth", "child_age", "phone", "email",
    "school", "workplace", "ni_number", "nhs_number", "vehicle_registration", "social_media", "case_reference",
    "pnc_id", "prison_number",
]
Role = Literal["victim", "child", "staff", "person"]


@dataclass(frozen=True)
class Hit:
    """One identifying detail in a block: char offsets into the block text."""

    kind: IdentityKind
    start: int
    end: int
    text: str
    severity: Literal["error", "warning"]
    score: float = 1.0
    key: str = ""  # what makes two mentions the same thing (a person's surname, a normalised address)
    role: Role = "person"


class PatternRecogniser(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: IdentityKind
    severity: Literal["error", "warning"]
    regex: str
    validator: str | None = None
    needs_context: bool = False
    context: tuple[str, ...] = ()

    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.regex)


class _PatternFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    recognisers: tuple[PatternRecogniser, ...]


@lru_cache(maxsize=1)
def pattern_recognisers() -> tuple[tuple[PatternRecogniser, re.Pattern[str]], ...]:
    raw = resources.files("nlp.resources").joinpath("identity_patterns.yaml").read_text(encoding="utf-8")
    data = _PatternFile.model_validate(yaml.safe_load(raw))
    for r in data.recognisers:
        if r.validator is not None and r.validator not in VALIDATORS:
            raise ValueError(f"identity_patterns.yaml: recogniser {r.id}: unknown validator {r.validator!r}")
    return tuple((r, r.compiled()) for r in data.recognisers)


def _sentence_text(doc: Doc, start: int) -> str:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span.sent.text.lower() if span is not None else text_of(doc).lower()


def find_patterns(doc: Doc) -> list[Hit]:
    hits = []
    text = text_of(doc)
    for rec, pattern in pattern_recognisers():
        for m in pattern.finditer(text):
            score = VALIDATORS[rec.validator](m.group()) if rec.validator else 1.0
            if score <= 0:
                continue
            if rec.needs_context:
                words = set(re.findall(r"[a-z]+", _sentence_text(doc, m.start())))
                if not words & set(rec.context):
                    continue
            hits.append(Hit(rec.kind, m.start(), m.end(), m.group(), rec.severity, score,
                            key=re.sub(r"\s", "", m.group()).upper()))
    return hits
