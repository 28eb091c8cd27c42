"""`sfo-prescreen train ratings --corpus DIR`: fit the per-standard rating models on rated reviews.

DIR holds documents with gold files in the corpus format (reviews/ beside splits.json, or the
documents themselves). With a splits.json, the models are fitted on train + dev (the ridge penalty
chosen by cross-validation on those: leaving out one writer at a time where every gold file names
its writer, as the test writers are unseen, else one review at a time) and reported once on test;
without one, every review is used and the figures reported are cross-validated.
Writes models/ratings.skops, ratings.meta.json, ratings.md.
"""

from __future__ import annotations

import datetime
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import skops.io as sio
from sklearn.linear_model import Ridge
from sklearn.model_selection import BaseCrossValidator, LeaveOneGroupOut, LeaveOneOut, cross_val_predict
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from app import __version__
from app.config import ChecksConfig
from app.corpus.gold import Gold, gold_files, load_gold
from app.errors import ConfigError
from app.ingest import read_path
from app.metrics import rating_agreement
from app.screen import analyse, load_engine
from app.settings import Settings
from nlp.rating_features import model_features, oriented
from nlp.ratings import (
    LEARNED,
    META_FILE,
    MODEL_FILE,
    bounded_composite,
    composite_score,
    level_of,
    most_probable,
    ordinal_probabilities,
    score_of,
)
from nlp.types import STANDARDS

ALPHAS = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
MIN_SIGMA = 0.35
COMPARED_RULE = "median"  # the rule the learned composite replaced, reported beside it
MIN_REVIEWS = 8
MIN_WRITERS = 4
TARGETS = (*STANDARDS, "composite")
Rows = list[tuple[Gold, dict[str, float]]]


def make_pipeline(alpha: float) -> Pipeline:
    """Features come in turned higher-is-better, so non-negative weights keep each one pulling the way
    the catalogue documents (a reason never says better writing lowered a rating)."""
    return Pipeline([("scale", StandardScaler()), ("model", Ridge(alpha=alpha, positive=True))])


def _documents(corpus: Path) -> tuple[list[Path], dict[str, list[str]] | None]:
    reviews = corpus / "reviews" if (corpus / "reviews").is_dir() else corpus
    splits_file = corpus / "splits.json"
    splits = None
    if splits_file.is_file():
        data = json.loads(splits_file.read_text(encoding="utf-8"))
        splits = {k: v["reviews"] for k, v in data.items() if not k.startswith("_")}
    return gold_files(reviews), splits


def feature_rows(paths: list[Path], settings: Settings) -> list[tuple[Gold, dict[str, float]]]:
    engine = load_engine(settings, with_ratings=False)
    rows = []
    for path in paths:
        gold = load_gold(path)
        review = read_path(path.parent / gold.file, settings)
        rows.append((gold, analyse(review, engine, ChecksConfig()).features()))
    return rows


def _matrix(rows: Rows, target: str) -> tuple[np.ndarray, np.ndarray]:
    specs = model_features(target)
    x = np.array([oriented(feats, specs) for _, feats in rows])
    y = np.array([score_of(getattr(g.ratings, target)) for g, _ in rows], dtype=float)
    return x, y


def _fit(rows: Rows, target: str) -> tuple[Pipeline, float, float, np.ndarray]:
    """Choose alpha by cross-validation; return the fitted pipeline, alpha, sigma and the held-out scores."""
    x, y = _matrix(rows, target)
    cv, groups = _folds(rows)
    best: tuple[float, float, np.ndarray] | None = None
    for alpha in ALPHAS:
        held_out = np.clip(cross_val_predict(make_pipeline(alpha), x, y, cv=cv, groups=groups), 0, 3)
        rmse = float(np.sqrt(np.mean((held_out - y) ** 2)))
        if best is None or rmse < best[1]:
            best = (alpha, rmse, held_out)
    assert best is not None
    alpha, rmse, held_out = best
    return make_pipeline(alpha).fit(x, y), alpha, max(rmse, MIN_SIGMA), held_out


def _folds(rows: Rows) -> tuple[BaseCrossValidator, list[str] | None]:
    """Leave one writer out where every review names its writer (enough of them), else one review."""
    writers = [str(g.meta.get("writer", "")) for g, _ in rows]
    if all(writers) and len(set(writers)) >= MIN_WRITERS:
        return LeaveOneGroupOut(), writers
    return LeaveOneOut(), None


def _agreement(gold: list[int], predicted: list[int]) -> dict[str, Any]:
    result = rating_agreement([level_of(g) for g in gold], [level_of(p) for p in predicted])
    sd = float(np.std(gold)) or 1.0
    result["standardised_mean_difference"] = round((float(np.mean(predicted)) - float(np.mean(gold))) / sd, 3)
    return result


def _levels(scores: dict[str, np.ndarray], sigma: dict[str, float]) -> dict[str, list[int]]:
    """The levels the screening would show for each review (as `RatingModel.rate`): the most probable level per
    standard, and the learned composite kept between the lowest and highest of them."""
    out: dict[str, list[int]] = {s: [score_of(most_probable(ordinal_probabilities(float(v), sigma[s])))
                                     for v in scores[s]] for s in STANDARDS}
    out["composite"] = [bounded_composite(float(v), sigma["composite"], [out[s][i] for s in STANDARDS])[0]
                        for i, v in enumerate(scores["composite"])]
    return out


def _agreements(predicted: dict[str, list[int]], rows: Rows) -> dict[str, Any]:
    gold = {t: [score_of(getattr(g.ratings, t)) for g, _ in rows] for t in TARGETS}
    return {t: _agreement(gold[t], predicted[t]) for t in TARGETS}


def _rule_agreement(predicted: dict[str, list[int]], rows: Rows) -> dict[str, Any]:
    rule = [composite_score({s: predicted[s][i] for s in STANDARDS}, COMPARED_RULE) for i in range(len(rows))]
    return _agreement([score_of(g.ratings.composite) for g, _ in rows], rule)


def _evaluate(models: dict[str, Pipeline], sigma: dict[str, float], rows: Rows) -> dict[str, Any]:
    predicted = _levels({t: np.clip(models[t].predict(_matrix(rows, t)[0]), 0, 3) for t in TARGETS}, sigma)
    return _agreements(predicted, rows) | {"composite_by_rule": _rule_agreement(predicted, rows)}


def train_ratings(corpus: Path, out_dir: Path, settings: Settings) -> dict[str, Any]:
    paths, splits = _documents(corpus)
    if len(paths) < MIN_REVIEWS:
        raise ConfigError(f"{corpus} has {len(paths)} rated reviews with gold files; at least {MIN_REVIEWS} are needed")
    rows = feature_rows(paths, settings)
    if splits:
        fit_ids = set(splits.get("train", [])) | set(splits.get("dev", []))
        fit_rows = [r for r in rows if r[0].id in fit_ids]
        test_rows = [r for r in rows if r[0].id in set(splits.get("test", []))]
    else:
        fit_rows, test_rows = rows, []
    models: dict[str, Pipeline] = {}
    meta_std: dict[str, dict[str, Any]] = {}
    held_out: dict[str, np.ndarray] = {}
    for target in TARGETS:
        pipe, alpha, sigma, held_out[target] = _fit(fit_rows, target)
        models[target] = pipe
        meta_std[target] = {"alpha": alpha, "sigma": round(sigma, 4),
                            "weights": dict(zip([f.name for f in model_features(target)],
                                                (round(float(w), 4) for w in pipe.named_steps["model"].coef_),
                                                strict=True))}
    sigmas = {t: meta_std[t]["sigma"] for t in TARGETS}
    cv_levels = _levels(held_out, sigmas)
    meta = {
        "version": f"ratings-{datetime.date.today().isoformat()}",
        "features": {t: [f.name for f in model_features(t)] for t in TARGETS},
        "sigma": sigmas,
        "composite_rule": LEARNED,
        "orientation": "higher-is-better",
        "standards": meta_std,
        "cross_validation": {"folds": "one writer left out" if _folds(fit_rows)[1] else "one review left out",
                             "agreement": _agreements(cv_levels, fit_rows)
                             | {"composite_by_rule": _rule_agreement(cv_levels, fit_rows)}},
        "data": {"corpus": str(corpus), "fitted_on": len(fit_rows), "tested_on": len(test_rows),
                 "split": "train+dev fitted, test held out" if test_rows else "all reviews, cross-validated figures"},
        "test": _evaluate(models, sigmas, test_rows) if test_rows else None,
        "trained_with": {"sfo_prescreen": __version__},
        "date": datetime.date.today().isoformat(),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    sio.dump(models, out_dir / MODEL_FILE)
    (out_dir / META_FILE).write_text(json.dumps(meta, indent=2, default=_json_default) + "\n", encoding="utf-8")
    (out_dir / "ratings.md").write_text(model_card(meta), encoding="utf-8")
    return meta


def _json_default(value: object) -> object:
    if isinstance(value, float) and math.isnan(value):
        return None
    return str(value)


def _row(name: str, r: dict[str, Any]) -> str:
    smd = r["standardised_mean_difference"]
    return f"| {name} | {r['exact']:.2f} | {r['adjacent']:.2f} | {r['qwk']:.2f} | {smd:+.2f} |"


def _table(agreement: dict[str, Any]) -> str:
    return ("| standard | exact | adjacent | QWK | standardised mean difference |\n|---|---|---|---|---|\n"
            + "\n".join(_row(k, v) for k, v in agreement.items()))


def _confusion(agreement: dict[str, Any]) -> str:
    """One confusion matrix per standard and for the composite (rows gold, columns predicted)."""
    out = ["Confusion matrices (rows gold; columns predicted: Outstanding, Good, Requires improvement, "
           "Inadequate, not rated):"]
    for target in TARGETS:
        out.append(f"\n**{target}**\n\n| gold | O | G | RI | I | not rated |\n|---|---|---|---|---|---|")
        out += [f"| {gold} | " + " | ".join(str(v) for v in row.values()) + " |"
                for gold, row in agreement[target]["confusion"].items()]
    return "\n".join(out)


def model_card(meta: dict[str, Any]) -> str:
    test = meta["test"]
    cv = meta["cross_validation"]
    learned, rule = cv["agreement"]["composite"]["exact"], cv["agreement"]["composite_by_rule"]["exact"]
    held_out = (f"## Metrics on the held-out test split\n{_table(test)}\n\n{_confusion(test)}" if test
                else "## No held-out split\nSee the cross-validated figures above.")
    weights = "\n".join(f"- **{s}** (ridge alpha {v['alpha']}, sigma {v['sigma']}): "
                        + ", ".join(f"{k} {w:.2f}" for k, w in v["weights"].items())
                        for s, v in meta["standards"].items())
    return f"""# Model card: provisional ratings

Version `{meta['version']}`, trained {meta['date']} by `sfo-prescreen train ratings`.

**Provisional suggestions, not inspection outcomes.** Trained on invented review drafts written for
this project; agreement with HM Inspectorate of Probation on real reviews is unknown until the model
is retrained and measured on real, rated reviews (`sfo-prescreen train ratings --corpus DIR`,
`sfo-prescreen evaluate DIR`).

## What it does
For each standard, a ridge regression of the level (0 Inadequate … 3 Outstanding) on that standard's
named features (`nlp/resources/rating_features.yaml`: coverage of stages and themes, analytical
share, judgements, systemic factors, interviews, learning levels, SMART actions, unexplained
acronyms, identifying details, unsuitable language, readability). Each feature is turned so that
higher is better and its weight is held non-negative: a feature can only pull the way the catalogue
documents (fewer unexplained acronyms never lowers a rating), whatever quirk the training drafts
have, so every reason shown is one an inspector would accept. Features the drafts give no support
get weight 0. The score is read as an ordinal
level with a normal error whose spread (sigma) is the cross-validated error on the training reviews,
which gives the probabilities. Reasons are the features that moved the score most (weight × how far
the review is from the average), in an inspector's words, with the paragraphs that show them.
Composite: **learned**, a ridge regression of the composite level on every feature above (the
same orientation and non-negative weights), read as a level the same way and then kept between the
lowest and the highest of the four standards' levels, so it never claims more than the best
standard or less than the worst. It replaced the median of the four levels (the rule HMIP's
unpublished characteristics were approximated by, `composite_by_rule` below) because, leaving one
writer out at a time on the training drafts, it agreed exactly with the gold composite
more often ({learned:.2f} against {rule:.2f}): a median of four
separately noisy levels compounds their errors, while one model over all the evidence averages them
out. Its reasons are the features that moved it most, as for a standard. Reviews too short, not
SFO reviews, not prose, or with sections in no sensible order get `null` with the reason.

## Data
{meta['data']['split']}: fitted on {meta['data']['fitted_on']} reviews, tested on {meta['data']['tested_on']}
(`{meta['data']['corpus']}`; writers of test reviews are not among those of the training reviews).

## Weights (standardised features, each turned higher-is-better)
{weights}

## Cross-validated on the training reviews ({cv['folds']})
The ridge penalty and sigma are chosen here; these are the levels the screening would have shown
for reviews (by writers) the fit did not see. `composite_by_rule` is the median of the four
predicted levels, for comparison.

{_table(cv['agreement'])}

{held_out}

## Limits
- Few test reviews: every figure has a wide margin of error.
- The corpus was written to fit its ratings, so its quality signals are cleaner than real reviews'.
- Features depend on the other components; their errors flow into the ratings.

## Retrain
`sfo-prescreen train ratings --corpus corpus` (deterministic: no random state involved).
"""
