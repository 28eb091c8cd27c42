"""Agreement measures used by `sfo-prescreen evaluate` (pure functions, no I/O)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from nlp.types import RATING_LEVELS


class PRF(BaseModel):
    model_config = ConfigDict(frozen=True)

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else math.nan

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else math.nan

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        if math.isnan(p) or math.isnan(r) or p + r == 0:
            return 0.0 if self.tp + self.fn else math.nan
        return 2 * p * r / (p + r)

    def as_dict(self) -> dict[str, float]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision, "recall": self.recall,
                "f1": self.f1}


def macro_f1(gold: Sequence[str], predicted: Sequence[str | None], labels: Sequence[str]) -> dict[str, object]:
    """Per-class precision/recall/F1 and their macro mean; a missing prediction counts as wrong."""
    per_class = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        per_class[label] = PRF(tp=tp, fp=fp, fn=fn).as_dict()
    f1s = [float(c["f1"]) for c in per_class.values()]
    return {"macro_f1": sum(f1s) / len(f1s) if f1s else math.nan, "per_class": per_class,
            "labelled": sum(p is not None for p in predicted), "total": len(gold)}


def _index(level: str | None) -> int | None:
    return RATING_LEVELS.index(level) if level in RATING_LEVELS else None


def quadratic_weighted_kappa(gold: Sequence[int], predicted: Sequence[int], categories: int) -> float:
    """Cohen's kappa with quadratic weights over ordinal categories 0..categories-1."""
    n = len(gold)
    if n == 0:
        return math.nan
    observed = [[0.0] * categories for _ in range(categories)]
    for g, p in zip(gold, predicted, strict=True):
        observed[g][p] += 1
    hist_g = [sum(row) for row in observed]
    hist_p = [sum(observed[i][j] for i in range(categories)) for j in range(categories)]
    num = den = 0.0
    for i in range(categories):
        for j in range(categories):
            weight = (i - j) ** 2 / (categories - 1) ** 2
            num += weight * observed[i][j]
            den += weight * hist_g[i] * hist_p[j] / n
    return 1.0 - num / den if den else (1.0 if num == 0 else math.nan)


def rating_agreement(gold: Sequence[str], predicted: Sequence[str | None]) -> dict[str, object]:
    """Exact and adjacent agreement, QWK (over rated documents) and a confusion matrix (rows gold)."""
    pairs = [(_index(g), _index(p)) for g, p in zip(gold, predicted, strict=True)]
    rated = [(g, p) for g, p in pairs if g is not None and p is not None]
    columns = [*RATING_LEVELS, "not rated"]
    matrix = {g: dict.fromkeys(columns, 0) for g in RATING_LEVELS}
    for g_level, p_level in zip(gold, predicted, strict=True):
        matrix[g_level][p_level if p_level in RATING_LEVELS else "not rated"] += 1  # type: ignore[index]
    n = len(pairs)
    return {
        "n": n,
        "rated": len(rated),
        "exact": sum(g == p for g, p in rated) / n if n else math.nan,
        "adjacent": sum(abs(g - p) <= 1 for g, p in rated) / n if n else math.nan,
        "qwk": quadratic_weighted_kappa([g for g, _ in rated], [p for _, p in rated], len(RATING_LEVELS)),
        "confusion": matrix,
    }
