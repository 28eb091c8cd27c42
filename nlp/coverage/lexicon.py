"""Cue patterns for coverage (resources/coverage.yaml), compiled once."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict

Cues = dict[str, re.Pattern[str]]


class CoverageLexicon(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    stages: dict[str, tuple[str, ...]]
    stage_filters: dict[str, tuple[str, ...]]
    themes: dict[str, tuple[str, ...]]
    diversity_facts: dict[str, tuple[str, ...]]
    judgements: dict[str, tuple[str, ...]]
    systemic_factors: dict[str, tuple[str, ...]]
    interviews: dict[str, tuple[str, ...]]
    hindsight: tuple[str, ...]
    levels: dict[str, tuple[str, ...]]
    actions: dict[str, tuple[str, ...]]
    action_levels: dict[str, tuple[str, ...]]
    key_areas: dict[str, tuple[str, ...]]


def compile_cues(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern; cues stand alone as words (lookarounds, so "100%" works too)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in phrases) + r")(?!\w)", re.I)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Cues]:
    raw = resources.files("nlp.resources").joinpath("coverage.yaml").read_text(encoding="utf-8")
    data = CoverageLexicon.model_validate(yaml.safe_load(raw))
    out: dict[str, Cues] = {}
    for group in ("stages", "stage_filters", "themes", "diversity_facts", "judgements", "systemic_factors",
                  "interviews", "levels", "actions", "key_areas"):
        out[group] = {name: compile_cues(phrases) for name, phrases in getattr(data, group).items()}
    out["hindsight"] = {"hindsight": compile_cues(data.hindsight)}
    partner = "|".join(f"(?:{p})" for p in data.action_levels.get("partner", ()))
    out["action_levels"] = {name: compile_cues(tuple(p.replace("{partner}", partner) for p in phrases))
                            for name, phrases in data.action_levels.items()}
    return out
