"""Ratings: the composite rule, calibrated ordinal probabilities, and robustness to thin evidence."""

from __future__ import annotations

import io
import json
import random
import shutil
from pathlib import Path

import docx
import numpy as np
import pytest

from app.config import ChecksConfig
from app.ingest import read_bytes, read_path
from app.screen import analyse, load_engine, screen_review
from app.settings import Settings
from nlp.rating_features import features_for, oriented
from nlp.ratings import RatingModelError, bounded_composite, composite_score, load_rating_model, ordinal_probabilities
from nlp.types import RATING_LEVELS, Screening

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "reviews"


def _screen(data: bytes, name: str = "draft.docx") -> Screening:
    return screen_review(read_bytes(data, name), load_engine(Settings()), ChecksConfig())


def _docx(paragraphs: list[tuple[str, str]]) -> bytes:
    d = docx.Document()
    for kind, text in paragraphs:
        if kind == "h":
            d.add_heading(text, 1)
        else:
            d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("scores", "rule", "expected"),
    [
        ({"analysis_of_practice": 3, "overall_judgements": 3, "learning": 3, "victims_and_families": 1}, "rounded-mean", 3),
        ({"analysis_of_practice": 3, "overall_judgements": 3, "learning": 3, "victims_and_families": 1}, "capped", 2),
        ({"analysis_of_practice": 1, "overall_judgements": 3, "learning": 3, "victims_and_families": 3}, "capped", 1),
        ({"analysis_of_practice": 0, "overall_judgements": 0, "learning": 1, "victims_and_families": 1}, "rounded-mean", 1),
        ({"analysis_of_practice": 3, "overall_judgements": 3, "learning": 3, "victims_and_families": 0}, "median", 3),
        ({"analysis_of_practice": 2, "overall_judgements": 1, "learning": 3, "victims_and_families": 0}, "median", 2),
        ({"analysis_of_practice": 1, "overall_judgements": 1, "learning": 2, "victims_and_families": 0}, "median", 1),
    ],
)
def test_composite_rule(scores: dict[str, int], rule: str, expected: int) -> None:
    assert composite_score(scores, rule) == expected


def test_ordinal_probabilities_are_a_distribution_centred_on_the_score() -> None:
    p = ordinal_probabilities(2.1, 0.4)
    assert sum(p.values()) == pytest.approx(1.0, abs=1e-3)
    assert max(p, key=p.__getitem__) == "Good" and set(p) == set(RATING_LEVELS)


def test_real_draft_is_rated_with_located_reasons() -> None:
    screening = _screen((CORPUS / "r04.docx").read_bytes())
    for name in ("analysis_of_practice", "overall_judgements", "learning", "victims_and_families"):
        rating = getattr(screening.ratings, name)
        assert rating.rating in RATING_LEVELS and rating.reasons and rating.evidence
        assert sum(rating.probabilities.values()) == pytest.approx(1.0, abs=1e-3)
    vf = screening.ratings.victims_and_families
    assert vf.rating in ("Inadequate", "Requires improvement")
    assert any(e.locations for e in vf.evidence)
    composite = screening.ratings.composite
    assert composite.rating is not None and composite.evidence
    levels = [RATING_LEVELS.index(getattr(screening.ratings, n).rating) for n in
              ("analysis_of_practice", "overall_judgements", "learning", "victims_and_families")]
    assert min(levels) <= RATING_LEVELS.index(composite.rating) <= max(levels)
    assert "kept between the lowest and highest standard" in composite.reasons[-1]
    assert [e.reason for e in composite.evidence] == list(composite.reasons[:-1])


@pytest.mark.parametrize(("score", "levels", "expected"), [
    (3.0, [1, 1, 2, 1], 2),   # never above the best standard
    (0.0, [2, 2, 3, 2], 2),   # never below the worst
    (1.2, [0, 1, 2, 3], 1),   # inside the range the score decides
    (2.9, [0, 0, 0, 0], 0),   # every level in range far in the tail: the nearest
])
def test_learned_composite_stays_between_the_standards(score: float, levels: list[int], expected: int) -> None:
    level, probabilities = bounded_composite(score, 0.35, levels)
    assert level == expected
    assert sum(probabilities.values()) == pytest.approx(1.0, abs=1e-3)
    outside = [name for k, name in enumerate(reversed(RATING_LEVELS)) if not min(levels) <= k <= max(levels)]
    assert all(probabilities[name] == 0 for name in outside)


def test_unrelated_report_is_not_rated() -> None:
    text = ("The council resurfaced twelve roads this year and repaired four hundred potholes. " * 25).strip()
    data = _docx([("h", "Introduction"), ("p", text), ("h", "Conclusions"), ("p", text), ("h", "Learning"), ("p", text)])
    screening = _screen(data)
    assert screening.ratings.composite.rating is None
    assert "does not read as an SFO review" in screening.ratings.composite.reasons[0]


def test_truncated_review_is_not_rated() -> None:
    review = read_path(CORPUS / "r14.docx")
    kept = [(("h" if b.kind == "heading" else "p"), b.text) for b in review.blocks[:12]]
    screening = _screen(_docx(kept))
    assert screening.ratings.analysis_of_practice.rating is None
    assert "too few to judge" in screening.ratings.analysis_of_practice.reasons[0]


def test_shuffled_review_is_not_rated() -> None:
    review = read_path(CORPUS / "r14.docx")
    blocks = [(("h" if b.kind == "heading" else "p"), b.text) for b in review.blocks]
    random.Random(4).shuffle(blocks)
    screening = _screen(_docx(blocks))
    assert screening.ratings.composite.rating is None


PARAPHRASES = (("the practitioner", "the probation practitioner"), (" said ", " stated "), ("However,", "But"),
               (" because ", " since "), ("was not", "wasn't"), ("did not", "didn't"), ("Mr ", "Mr. "))


def test_paraphrased_review_keeps_its_ratings_within_one_level() -> None:
    review = read_path(CORPUS / "r14.docx")
    original = _screen((CORPUS / "r14.docx").read_bytes())
    rewritten = []
    for b in review.blocks:
        text = b.text
        for old, new in PARAPHRASES:
            text = text.replace(old, new)
        rewritten.append(("h" if b.kind == "heading" else "p", text))
    paraphrased = _screen(_docx(rewritten))
    for name in ("analysis_of_practice", "overall_judgements", "learning", "victims_and_families", "composite"):
        a, b = getattr(original.ratings, name).rating, getattr(paraphrased.ratings, name).rating
        assert a is not None and b is not None
        assert abs(RATING_LEVELS.index(a) - RATING_LEVELS.index(b)) <= 1, name


def test_missing_ratings_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RatingModelError, match="no ratings model"):
        load_rating_model(tmp_path)


def test_every_feature_pulls_the_way_the_catalogue_documents() -> None:
    """Better on any one feature never lowers a rating (weights on higher-is-better features are >= 0)."""
    model = load_rating_model(Settings().models_dir)
    features = analyse(read_path(CORPUS / "r04.docx"), load_engine(Settings()), ChecksConfig()).features()
    for standard in ("analysis_of_practice", "overall_judgements", "learning", "victims_and_families"):
        specs = features_for(standard)  # type: ignore[arg-type]
        assert (model.pipelines[standard].named_steps["model"].coef_ >= 0).all(), standard
        base = model.pipelines[standard].predict(np.array([oriented(features, specs)]))[0]
        for spec in specs:
            better = dict(features)
            better[spec.name] = features[spec.name] + spec.sign * 5
            moved = model.pipelines[standard].predict(np.array([oriented(better, specs)]))[0]
            assert moved >= base - 1e-9, spec.name


def test_reasons_read_the_way_their_values_point() -> None:
    """A reason pulling a rating down says the weak thing; one holding it up says the strong thing."""
    screening = _screen((CORPUS / "r04.docx").read_bytes())
    for name in ("analysis_of_practice", "overall_judgements", "learning", "victims_and_families"):
        specs = {f.name: f for f in features_for(name)}  # type: ignore[arg-type]
        for evidence in getattr(screening.ratings, name).evidence:
            spec = specs[evidence.feature]
            template = spec.weak if evidence.contribution < 0 else spec.strong
            assert evidence.reason.startswith(template.split("{")[0].rstrip(". ")), evidence.reason


def test_a_model_trained_before_features_were_oriented_is_refused(tmp_path: Path) -> None:
    models = Settings().models_dir
    shutil.copy(models / "ratings.skops", tmp_path / "ratings.skops")
    meta = json.loads((models / "ratings.meta.json").read_text(encoding="utf-8"))
    del meta["orientation"]
    (tmp_path / "ratings.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(RatingModelError, match="retrain it"):
        load_rating_model(tmp_path)
