from __future__ import annotations

import math

import pytest
from sklearn.metrics import cohen_kappa_score

from app.metrics import PRF, macro_f1, quadratic_weighted_kappa, rating_agreement


def test_prf() -> None:
    m = PRF(tp=3, fp=1, fn=2)
    assert (m.precision, m.recall) == (0.75, 0.6)
    assert m.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert math.isnan(PRF(tp=0, fp=0, fn=0).f1)


@pytest.mark.parametrize(("gold", "pred"), [([0, 1, 2, 3, 3, 2], [0, 2, 2, 3, 1, 2]), ([0, 0, 1, 3], [1, 0, 1, 2])])
def test_qwk_matches_scikit_learn(gold: list[int], pred: list[int]) -> None:
    expected = cohen_kappa_score(gold, pred, weights="quadratic", labels=[0, 1, 2, 3])
    assert quadratic_weighted_kappa(gold, pred, 4) == pytest.approx(expected)


def test_macro_f1_counts_missing_predictions_as_wrong() -> None:
    result = macro_f1(["analytical", "descriptive", "descriptive"], ["analytical", None, "descriptive"],
                      ("descriptive", "analytical"))
    assert result["per_class"]["descriptive"]["recall"] == 0.5  # type: ignore[index]
    assert result["labelled"] == 2


def test_rating_agreement_with_unrated_documents() -> None:
    result = rating_agreement(["Good", "Inadequate", "Outstanding"], ["Good", "Requires improvement", None])
    assert result["exact"] == pytest.approx(1 / 3) and result["adjacent"] == pytest.approx(2 / 3)
    assert result["rated"] == 2
    assert result["confusion"]["Outstanding"]["not rated"] == 1  # type: ignore[index]
