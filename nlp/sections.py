"""Map a heading's wording to a canonical section kind (rules in resources/section_kinds.yaml)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict

from nlp.types import SectionKind, SectionSubkind

_NUMBERING = re.compile(r"^\s*(?:(?:section|part|chapter)\s+)?(?:\d+(?:\.\d+)*|[ivxlc]+|[a-z])[.):]?\s+", re.I)
_TRAILING = re.compile(r"[\s:.\-–—]+$")


class SectionRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: SectionKind
    subkind: SectionSubkind | None = None
    patterns: tuple[str, ...]


class SectionRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rules: tuple[SectionRule, ...]


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[SectionRule, tuple[re.Pattern[str], ...]], ...]:
    raw = resources.files("nlp.resources").joinpath("section_kinds.yaml").read_text(encoding="utf-8")
    rules = SectionRules.model_validate(yaml.safe_load(raw))
    return tuple((r, tuple(re.compile(p) for p in r.patterns)) for r in rules.rules)


def normalise_heading(title: str) -> str:
    """Lower-case a heading and strip numbering and trailing punctuation."""
    text = _NUMBERING.sub("", title.strip()).strip()
    text = _TRAILING.sub("", text).lower()
    return re.sub(r"\s+", " ", text.replace("’", "'"))


def classify_heading(title: str) -> tuple[SectionKind, SectionSubkind | None]:
    """Return the section kind and analysis sub-kind a heading names, or ("other", None)."""
    text = normalise_heading(title)
    for rule, patterns in _compiled():
        if any(p.search(text) for p in patterns):
            return rule.kind, rule.subkind
    return "other", None


def is_known_heading(title: str) -> bool:
    return classify_heading(title)[0] != "other"
