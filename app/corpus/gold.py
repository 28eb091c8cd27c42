"""The corpus gold format: one `NAME.json` beside each review draft (issue 3)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from nlp.types import RatingLevel, SentenceLabel

AcronymHow = Literal["inline-first-use", "inline-later", "glossary", "never"]
IdentifierKind = Literal[
    "person_name", "staff_name", "address", "postcode", "date_of_birth", "child_age", "phone", "email",
    "school", "workplace", "ni_number", "nhs_number", "vehicle_registration", "social_media",
    "case_reference", "pnc_id", "prison_number",
]


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldRatings(_Gold):
    analysis_of_practice: RatingLevel
    overall_judgements: RatingLevel
    learning: RatingLevel
    victims_and_families: RatingLevel
    composite: RatingLevel


class GoldAcronym(_Gold):
    short: str
    explained: bool
    how: AcronymHow

    @property
    def is_positive(self) -> bool:
        """A lay reader meets it unexplained: never explained, or explained only after first use."""
        return self.how in ("never", "inline-later")


class GoldIdentifier(_Gold):
    text: str
    kind: IdentifierKind


class GoldSentence(_Gold):
    text: str
    label: SentenceLabel


class Gold(BaseModel):
    """Annotations of one draft; every `text` is an exact substring of one block of the document."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    file: str
    ratings: GoldRatings
    rationale: dict[str, str]
    acronyms: tuple[GoldAcronym, ...] = ()
    identifiers: tuple[GoldIdentifier, ...] = ()
    insensitive: tuple[str, ...] = ()
    must_not_flag: tuple[str, ...] = ()
    sentences: tuple[GoldSentence, ...] = ()
    coverage: dict[str, Any] | None = None
    meta: dict[str, object] = Field(default_factory=dict)


def load_gold(path: Path) -> Gold:
    return Gold.model_validate(json.loads(path.read_text(encoding="utf-8")))


def gold_files(directory: Path) -> list[Path]:
    """Gold files in `directory`: every `*.json` whose `file` names a document beside it."""
    out = []
    for path in sorted(directory.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        if isinstance(data, dict) and "file" in data and "ratings" in data and (directory / data["file"]).exists():
            out.append(path)
    return out
