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


# A question mark, or a yes/no question's opening ("Was the plan reviewed", "Were all reasonable steps taken");
# "How the review was carried out" is not a question.
_QUESTION = re.compile(r"\?$|^(?:was|were|did|does|is|are|has|have|had|could|should|would|to what extent)\s")
FRONT_MATTER: frozenset[SectionKind] = frozenset({"introduction", "case_summary", "chronology", "glossary"})


def is_question(title: str) -> bool:
    """A heading phrased as a question: a line of enquiry in the analysis."""
    return bool(_QUESTION.search(normalise_heading(title)))


def classify_heading(title: str) -> tuple[SectionKind, SectionSubkind | None]:
    """Return the section kind and analysis sub-kind a heading names, or ("other", None)."""
    text = normalise_heading(title)
    question = is_question(title)
    for rule, patterns in _compiled():
        if question and rule.kind in FRONT_MATTER:
            continue
        if any(p.search(text) for p in patterns):
            return rule.kind, rule.subkind
    return ("analysis_of_practice", None) if question else ("other", None)


def is_known_heading(title: str) -> bool:
    return classify_heading(title)[0] != "other"
