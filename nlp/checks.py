"""The registry of checks: id, standard, default severity and description (data in resources/checks.yaml)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, field_validator

from nlp.types import Severity, Standard

CHECK_PREFIXES = frozenset({"acronym", "jargon", "identity", "language", "analysis", "judgement", "learning",
                            "action", "readability", "structure"})
_CHECK_ID = re.compile(r"^[a-z]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$")


class CheckSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    standard: Standard | None
    severity: Severity
    description: str

    @field_validator("id")
    @classmethod
    def _valid_id(cls, value: str) -> str:
        if not _CHECK_ID.match(value) or value.split(".")[0] not in CHECK_PREFIXES:
            raise ValueError(f"check id {value!r} must be dotted lower-case with a prefix in {sorted(CHECK_PREFIXES)}")
        return value


class _Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    checks: tuple[CheckSpec, ...]


@lru_cache(maxsize=1)
def registry() -> dict[str, CheckSpec]:
    """All checks by id, loaded and validated once."""
    raw = resources.files("nlp.resources").joinpath("checks.yaml").read_text(encoding="utf-8")
    catalogue = _Catalogue.model_validate(yaml.safe_load(raw))
    ids = [c.id for c in catalogue.checks]
    if len(ids) != len(set(ids)):
        raise ValueError("checks.yaml lists a check id twice")
    return {c.id: c for c in catalogue.checks}


def spec(check_id: str) -> CheckSpec:
    return registry()[check_id]
