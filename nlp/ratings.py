"""Provisional ratings per standard and composite, each with the evidence it rests on.

Per standard: a ridge regression of the 0–3 level (Inadequate … Outstanding) on that standard's
named features (`rating_features`), each turned so that higher is better and its weight held
non-negative (no feature can pull against its documented direction); an ordinal reading of its
score with a normal error whose spread is the cross-validated residual on the training reviews
(so the probabilities are calibrated to how wrong the model was on reviews it had not seen).
The composite is learned the same way from every feature, then kept between the lowest and the
highest of the four standards' levels (`composite_score`, the rule it replaced, is kept for
comparison in training). Thin evidence (a fragment, not an SFO review, gibberish, sections in no
sensible order) gives `null` with the reason.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from nlp.model_files import ModelFileError, load_artefact
from nlp.rating_features import FeatureSpec, evidence_locations, model_features, oriented
from nlp.types import (
    RATING_LEVELS,
    STANDARDS,
    Coverage,
    Finding,
    Location,
    Rating,
    RatingEvidence,
    Ratings,
    Standard,
)

MODEL_FILE = "ratings.skops"
META_FILE = "ratings.meta.json"
LEVELS_BEST_FIRST = RATING_LEVELS  # Outstanding, Good, Requires improvement, Inadequate
MAX_REASONS = 3
LEARNED = "learned"  # composite_rule of a model with its own composite pipeline


class RatingModelError(ModelFileError):
    """The ratings model is missing, unreadable or does not match this version's features."""


class RatingMeta(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    version: str
    features: dict[str, tuple[str, ...]]
    sigma: dict[str, float]
    composite_rule: Literal["learned"]
    # Models fitted on features turned higher-is-better; an artefact from before this lacks it and is refused.
    orientation: Literal["higher-is-better"]


def level_of(score: int) -> str:
    """0 = Inadequate … 3 = Outstanding."""
    return RATING_LEVELS[3 - score]


def score_of(level: str) -> int:
    return 3 - RATING_LEVELS.index(level)


def ordinal_probabilities(score: float, sigma: float) -> dict[str, float]:
    """P(level) for a normal error around `score`, cut at the half-way points between levels."""
    def cdf(x: float) -> float:
        return 0.5 * (1 + math.erf((x - score) / (sigma * math.sqrt(2))))

    cuts = [-math.inf, 0.5, 1.5, 2.5, math.inf]
    return {level_of(k): round(cdf(cuts[k + 1]) - cdf(cuts[k]), 4) for k in range(4)}


def most_probable(probabilities: dict[str, float]) -> str:
    """The level the ratings show: the most probable one (near a boundary this can differ from rounding
    the score, because the outer levels are open-ended)."""
    return max(probabilities, key=probabilities.__getitem__)


def bounded_composite(score: float, sigma: float, levels: Sequence[int]) -> tuple[int, dict[str, float]]:
    """The learned composite's level and probabilities, kept between the lowest and highest standard level: the
    composite never claims more than the best standard or less than the worst."""
    low, high = min(levels), max(levels)
    probabilities = ordinal_probabilities(score, sigma)
    inside = {level_of(k): probabilities[level_of(k)] for k in range(low, high + 1)}
    total = sum(inside.values())
    if total <= 0:  # every level in range is far in the tail: take the nearest one
        nearest = level_of(min(max(int(math.floor(score + 0.5)), low), high))
        inside, total = {nearest: 1.0}, 1.0
    kept = {level: round(inside.get(level, 0.0) / total, 4) for level in probabilities}
    return score_of(most_probable(kept)), kept


def composite_score(scores: dict[str, int], rule: str = "median") -> int:
    """The composite from the four standards.

    `median` (default): the middle of the four 0–3 scores (the mean of the middle two, rounded half up),
    so one standard far from the others does not move the whole review; it reproduces every gold
    composite of the training drafts from their gold standards (rounded-mean: 29 of 30).
    `rounded-mean`: the mean of the four 0–3 scores, rounded half up.
    `capped`: as above, capped at Requires improvement when analysis or judgements is below Good, and
    never Outstanding unless three standards are Outstanding and none is below Good (DOMAIN.md §7).
    """
    values = [scores[s] for s in STANDARDS]
    if rule == "median":
        middle = sorted(values)[1:3]
        return int(math.floor(sum(middle) / 2 + 0.5))
    composite = int(math.floor(sum(values) / len(values) + 0.5))
    if rule == "capped":
        if scores["analysis_of_practice"] <= 1 or scores["overall_judgements"] <= 1:
            composite = min(composite, 1)
        if composite == 3 and not (sum(v == 3 for v in values) >= 3 and min(values) >= 2):
            composite = 2
    return composite


class RatingModel:
    def __init__(self, pipelines: dict[str, Any], meta: RatingMeta) -> None:
        self.pipelines = pipelines
        self.meta = meta
        for target in (*STANDARDS, "composite"):
            expected = tuple(f.name for f in model_features(target))
            if tuple(meta.features.get(target, ())) != expected or target not in pipelines:
                raise RatingModelError(f"ratings model features for {target} do not match this version: "
                                       "retrain it with `sfo-prescreen train ratings`")

    def rate(self, features: dict[str, float], findings: Sequence[Finding], coverage: Coverage) -> Ratings:
        out: dict[str, Rating] = {}
        scores: dict[str, int] = {}
        for standard in STANDARDS:
            specs, x, score = self._score(standard, features)
            probabilities = ordinal_probabilities(score, self.meta.sigma[standard])
            level = most_probable(probabilities)
            scores[standard] = score_of(level)
            evidence = self._reasons(standard, specs, x, findings, coverage)
            out[standard] = Rating(rating=level, confidence=probabilities[level],
                                   probabilities=probabilities, reasons=tuple(e.reason for e in evidence),
                                   evidence=evidence)
        specs, x, score = self._score("composite", features)
        composite, probabilities = bounded_composite(score, self.meta.sigma["composite"], list(scores.values()))
        evidence = self._reasons("composite", specs, x, findings, coverage)
        level = level_of(composite)
        low, high = level_of(min(scores.values())), level_of(max(scores.values()))
        out["composite"] = Rating(
            rating=level, confidence=probabilities[level], probabilities=probabilities, evidence=evidence,
            reasons=tuple(e.reason for e in evidence) + (
                f"Learned from all the measurements and kept between the lowest and highest standard ({low} to "
                f"{high}); a tool model, not HMIP's published rule.",))
        return Ratings(**out)

    def _score(self, target: str, features: dict[str, float]) -> tuple[tuple[FeatureSpec, ...], np.ndarray, float]:
        specs = model_features(target)
        x = np.array([oriented(features, specs)])
        return specs, x[0], float(np.clip(self.pipelines[target].predict(x)[0], 0, 3))

    def _reasons(self, standard: str, specs: Sequence[FeatureSpec], x: np.ndarray, findings: Sequence[Finding],
                 coverage: Coverage) -> tuple[RatingEvidence, ...]:
        pipe = self.pipelines[standard]
        scaler, ridge = pipe.named_steps["scale"], pipe.named_steps["model"]
        contributions = ridge.coef_ * (x - scaler.mean_) / scaler.scale_
        order = np.argsort(-np.abs(contributions))[:MAX_REASONS]
        out = []
        for i in order:
            if abs(contributions[i]) < 1e-6:
                continue
            spec = specs[i]
            value = float(x[i]) * spec.sign
            text = (spec.weak if contributions[i] < 0 else spec.strong).format(value=value)
            locations = evidence_locations(spec, findings, coverage) if contributions[i] < 0 else ()
            if locations:
                text = text.rstrip(".") + _where(locations) + "."
            out.append(RatingEvidence(reason=text, feature=spec.name, value=round(value, 3),
                                      contribution=round(float(contributions[i]), 3), locations=locations))
        return tuple(out)


def _where(locations: Sequence[Location]) -> str:
    if not locations:
        return ""
    paragraphs = sorted({loc.paragraph for loc in locations})
    return f" (see paragraph{'s' if len(paragraphs) > 1 else ''} {', '.join(str(p) for p in paragraphs)})"


def load_rating_model(models_dir: Path) -> RatingModel:
    pipelines, meta = load_artefact(models_dir / MODEL_FILE, models_dir / META_FILE, RatingMeta, "ratings model",
                                    "sfo-prescreen train ratings", RatingModelError)
    return RatingModel(pipelines, meta)


def unrated(reason: str) -> Ratings:
    rating = Rating(reasons=(reason,))
    return Ratings(**dict.fromkeys((*STANDARDS, "composite"), rating))


__all__ = ["RatingModel", "RatingModelError", "Standard", "bounded_composite", "composite_score", "load_rating_model",
           "unrated"]
