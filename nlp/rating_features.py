"""Named, documented measurements a rating rests on (catalogue: resources/rating_features.yaml).

One extractor serves training and serving. Every feature comes from another component's output —
coverage, sentence labels, findings — so a rating can always be explained by pointing at them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from nlp.passages import LabelledSentence
from nlp.types import Coverage, Finding, Location, Review, Standard

Direction = Literal["higher_is_better", "higher_is_worse"]
MAX_COUNT = 10


class FeatureSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    standard: Standard
    direction: Direction
    description: str
    weak: str    # an inspector's words when this feature pulls the rating down
    strong: str  # … and when it holds the rating up
    evidence: tuple[str, ...] = ()  # finding check ids whose locations illustrate it

    @property
    def sign(self) -> float:
        """+1 or -1: multiplying the value by it makes higher mean better for every feature."""
        return 1.0 if self.direction == "higher_is_better" else -1.0


@lru_cache(maxsize=1)
def catalogue() -> tuple[FeatureSpec, ...]:
    raw = resources.files("nlp.resources").joinpath("rating_features.yaml").read_text(encoding="utf-8")
    return tuple(FeatureSpec.model_validate(f) for f in yaml.safe_load(raw)["features"])


def features_for(standard: Standard) -> tuple[FeatureSpec, ...]:
    return tuple(f for f in catalogue() if f.standard == standard)


def model_features(target: str) -> tuple[FeatureSpec, ...]:
    """The features a model rests on: a standard's own, or every feature for the composite."""
    return catalogue() if target == "composite" else features_for(target)  # type: ignore[arg-type]


def oriented(features: dict[str, float], specs: Sequence[FeatureSpec]) -> list[float]:
    """The features of `specs` in order, each turned so that higher is better (the models' input)."""
    return [features[f.name] * f.sign for f in specs]


def _share(labelled: Sequence[LabelledSentence], review: Review, kinds: frozenset[str]) -> float:
    section_kind = {s.id: s.kind for s in review.sections}
    chosen = [s for s in labelled if section_kind[s.block.section] in kinds]
    return sum(s.label == "analytical" for s in chosen) / len(chosen) if chosen else 0.0


def _capped(n: int) -> float:
    return float(min(n, MAX_COUNT))


def rating_features(review: Review, labelled: Sequence[LabelledSentence], coverage: Coverage,
                    findings: Sequence[Finding], section_metrics: dict[str, dict[str, float]]) -> dict[str, float]:
    """Every feature of the catalogue, as a flat dict (0 where the component found nothing)."""
    checks = Counter(f.check for f in findings)
    identity = Counter(f.severity for f in findings if f.check.startswith("identity."))
    language = sum(1 for f in findings if f.check.startswith("language.") and f.severity != "info")
    analysis, judgement, learning = coverage.analysis_of_practice, coverage.overall_judgements, coverage.learning
    actions = learning.actions
    ease = [m["reading_ease"] for m in section_metrics.values() if not math.isnan(m.get("reading_ease", math.nan))]
    long_share = [m["long_sentence_share"] for m in section_metrics.values()
                  if not math.isnan(m.get("long_sentence_share", math.nan))]
    return {
        "stages_analysed": float(sum(e.status == "analysed" for e in analysis.stages.values())),
        "themes_analysed": float(sum(e.status == "analysed" for e in analysis.themes.values())),
        "analytical_share_analysis": _share(labelled, review, frozenset({"analysis_of_practice"})),
        "descriptive_runs": _capped(checks["analysis.descriptive-run"]),
        "diversity_unexplored": _capped(len(analysis.diversity_unexplored)),
        "sufficiency_judged": float(judgement.sufficiency.present),
        "good_practice_recognised": float(judgement.good_practice.present),
        "systemic_factors": float(sum(p.present for p in judgement.systemic_factors.values())),
        "senior_leader_interviewed": float(judgement.interviews["senior_leader"].present),
        "roles_interviewed": float(sum(p.present for p in judgement.interviews.values())),
        "analytical_share_judgements": _share(labelled, review, frozenset({"overall_judgements"})),
        "key_areas_judged": float(sum(p.present for p in judgement.key_areas.values())),
        "hindsight_wording": _capped(len(judgement.hindsight)),
        "learning_levels": float(sum(p.present for p in learning.levels.values())),
        "actions": _capped(len(actions)),
        "smart_share": (sum(not a.missing for a in actions) / len(actions)) if actions else 0.0,
        "learning_without_action": _capped(len(learning.learning_without_action)),
        "actions_already_taken": float(len(learning.action_taken.evidence)),
        "acronyms_unexplained": _capped(checks["acronym.undefined"]),
        "acronyms_explained_late": _capped(checks["acronym.defined-late"]),
        "jargon_unexplained": _capped(checks["jargon.unexplained"]),
        "identifying_details": _capped(identity["error"]),
        "identifying_details_in_combination": _capped(identity["warning"]),
        "unsuitable_language": _capped(language),
        "long_sentence_share": sum(long_share) / len(long_share) if long_share else 0.0,
        "reading_ease": sum(ease) / len(ease) if ease else 0.0,
    }


def evidence_locations(spec: FeatureSpec, findings: Sequence[Finding], coverage: Coverage) -> tuple[Location, ...]:
    """Where in the document a feature's evidence is (findings of its checks, or coverage evidence)."""
    found = tuple(f.location for f in findings if f.check in spec.evidence and f.location is not None)
    if found:
        return found[:3]
    if spec.name in ("stages_analysed", "themes_analysed"):
        elements = coverage.analysis_of_practice.stages if spec.name == "stages_analysed" \
            else coverage.analysis_of_practice.themes
        return tuple(loc for e in elements.values() for loc in e.evidence)[:3]
    if spec.name == "sufficiency_judged":
        return coverage.overall_judgements.sufficiency.evidence[:3]
    if spec.name == "key_areas_judged":
        return tuple(loc for p in coverage.overall_judgements.key_areas.values() for loc in p.evidence[:1])[:3]
    if spec.name == "senior_leader_interviewed":
        return coverage.overall_judgements.interviews["senior_leader"].evidence[:3]
    return ()


__all__ = ["FeatureSpec", "catalogue", "evidence_locations", "features_for", "model_features", "oriented",
           "rating_features"]
