"""`sfo-prescreen train measures`: fit the measure-of-success classifier that backs up the measure cues.

Trained on the actions of the corpus train and dev drafts and of the tune writers' action plans
(`corpus/action_plans`), with their gold measure. The regularisation and the probability threshold are chosen
by leaving one writer out at a time, scoring what the screening does: the cues, or the classifier where the
cues find nothing. Reported on the action plans of the holdout writers and on the corpus test split. Writes
models/measure.skops, models/measure.meta.json and the model card models/measure.md.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import skops.io as sio
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_union

from app import __version__
from app.corpus.action_plans import plans, split_writers
from app.corpus.gold import load_gold
from app.errors import ConfigError
from app.evaluate_coverage import match_actions
from app.ingest import read_path
from app.metrics import PRF
from nlp.coverage.actions import check_action, extract_actions
from nlp.measure_model import META_FILE, MODEL_FILE, measure_document
from nlp.types import Review

C_GRID = (1.0, 3.0, 10.0)
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
SEED = 0
HASHED_FEATURES = 2**16


@dataclass(frozen=True)
class Example:
    writer: str
    source: str
    document: str
    gold: bool
    cues: bool  # what the measure cues alone decide


def _examples(review: Review, gold_actions: list[dict[str, Any]], writer: str, source: str) -> Iterator[Example]:
    rows = extract_actions(review)
    checks = [check_action(row) for row in rows]
    for gold, check in match_actions(gold_actions, checks):
        row = rows[checks.index(check)]
        yield Example(writer, source, measure_document(row.cells.get("measure", ""), row.action.text, row.detail),
                      bool(gold["measure"]), check.measure)


def corpus_examples(corpus: Path, splits: tuple[str, ...]) -> list[Example]:
    spec = json.loads((corpus / "splits.json").read_text(encoding="utf-8"))
    out: list[Example] = []
    for split in splits:
        for doc_id in spec[split]["reviews"]:
            gold = load_gold(corpus / "reviews" / f"{doc_id}.json")
            if gold.coverage is None:
                continue
            writer = str(gold.meta.get("writer", doc_id))
            out += _examples(read_path(corpus / "reviews" / gold.file), gold.coverage["actions"], writer, doc_id)
    return out


def plan_examples(corpus: Path, split: str) -> list[Example]:
    return [example for gold, review in plans(corpus, split_writers(corpus, split))
            for example in _examples(review, gold["actions"], gold["writer"], gold["id"])]


def make_pipeline(c: float) -> Pipeline:
    """Hashed word 1-2-grams and character 3-5-grams: stateless, so the artefact holds no vocabulary."""
    features = make_union(HashingVectorizer(ngram_range=(1, 2), n_features=HASHED_FEATURES, alternate_sign=False),
                          HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=HASHED_FEATURES,
                                            alternate_sign=False))
    return Pipeline([("features", features),
                     ("model", LogisticRegression(C=c, class_weight="balanced", max_iter=5000, random_state=SEED))])


def _prf(predicted: np.ndarray, gold: np.ndarray) -> dict[str, float]:
    scores = PRF(tp=int((predicted & gold).sum()), fp=int((predicted & ~gold).sum()),
                 fn=int((~predicted & gold).sum())).as_dict()
    return {k: round(float(v), 4) for k, v in scores.items()}


def writer_cv(examples: list[Example], c: float) -> np.ndarray:
    """Each example's probability from a model fitted without its writer."""
    writers = np.array([e.writer for e in examples])
    documents = np.array([e.document for e in examples], dtype=object)
    gold = np.array([e.gold for e in examples], dtype=bool)
    probability = np.zeros(len(examples))
    for writer in sorted(set(writers)):
        held = writers == writer
        model = make_pipeline(c).fit(list(documents[~held]), list(gold[~held]))
        probability[held] = model.predict_proba(list(documents[held]))[:, 1]
    return probability


def _scored(model: Pipeline, threshold: float, examples: list[Example]) -> dict[str, Any]:
    gold = np.array([e.gold for e in examples], dtype=bool)
    cues = np.array([e.cues for e in examples], dtype=bool)
    learned = model.predict_proba([e.document for e in examples])[:, 1] >= threshold
    return {"n": len(examples), "cues": _prf(cues, gold), "cues_or_model": _prf(cues | learned, gold)}


def train_measures(corpus: Path, out_dir: Path) -> dict[str, Any]:
    train = corpus_examples(corpus, ("train", "dev")) + plan_examples(corpus, "tune")
    if len({e.writer for e in train}) < 3 or len({e.gold for e in train}) < 2:
        raise ConfigError(f"{corpus} has too few gold actions by too few writers to train the measure model")
    gold = np.array([e.gold for e in train], dtype=bool)
    cues = np.array([e.cues for e in train], dtype=bool)
    cv: list[dict[str, Any]] = []
    for c in C_GRID:
        probability = writer_cv(train, c)
        cv += [{"C": c, "threshold": t, **_prf(cues | (probability >= t), gold)} for t in THRESHOLDS]
    best = max(cv, key=lambda r: (r["f1"], r["threshold"]))
    model = make_pipeline(best["C"]).fit([e.document for e in train], list(gold))
    version = f"measure-{datetime.date.today().isoformat()}"
    meta = {
        "version": version, "threshold": best["threshold"], "C": best["C"], "tool_version": __version__,
        "trained_on": {"actions": len(train), "writers": len({e.writer for e in train}),
                       "with_measure": int(gold.sum())},
        "cv_cues_alone": _prf(cues, gold), "cv": cv,
        "holdout_plans": _scored(model, best["threshold"], plan_examples(corpus, "holdout")),
        "test_split": _scored(model, best["threshold"], corpus_examples(corpus, ("test",))),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    sio.dump(model, out_dir / MODEL_FILE)
    (out_dir / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    (out_dir / "measure.md").write_text(model_card(meta), encoding="utf-8")
    return meta


def _row(name: str, scores: dict[str, float]) -> str:
    return f"| {name} | {scores['precision']:.3f} | {scores['recall']:.3f} | {scores['f1']:.3f} |"


def _table(rows: list[tuple[str, dict[str, float]]]) -> list[str]:
    return ["| | precision | recall | F1 |", "|---|---|---|---|", *(_row(name, scores) for name, scores in rows)]


def model_card(meta: dict[str, Any]) -> str:
    best = next(r for r in meta["cv"] if r["C"] == meta["C"] and r["threshold"] == meta["threshold"])
    held, test = meta["holdout_plans"], meta["test_split"]
    trained = meta["trained_on"]
    return "\n".join([
        f"# Model card: measure of success ({meta['version']})",
        "",
        "## What it does",
        "Says whether an action in a review's action plan states a measure of success (COVERAGE_GUIDE.md,",
        "version 3: a target or threshold, an audit that says what it must find, a repeated check that the",
        "change is happening). The measure cues in `nlp/resources/coverage.yaml` decide first; where they find",
        f"none, this classifier finds one when its probability is at least {meta['threshold']}. It reads the",
        "row's measure clause (its measure column, or the action from a `Measure:` marker on) and the whole",
        "action: hashed word 1-2-grams and character 3-5-grams, logistic regression (balanced classes).",
        "",
        "## Data",
        f"{trained['actions']} gold actions ({trained['with_measure']} with a measure) by {trained['writers']} "
        "writers: the actions of the corpus train and dev drafts (coverage gold version 3) and of the tune writers'",
        "action",
        "plans (`corpus/action_plans`, writer gold with a blind second annotation). All invented text, written",
        "by language models for this project; real action plans will differ.",
        "",
        "## How the settings were chosen",
        "Leaving one writer out at a time, scoring what the screening does (cues, or the model where the cues",
        f"find nothing), over C in {list(C_GRID)} and thresholds {list(THRESHOLDS)}: best C {meta['C']},",
        f"threshold {meta['threshold']}. The cues were written on these same writers, so their cross-validated",
        "figure is optimistic; the held-out figures below are the honest ones.",
        "",
        *_table([("cues alone (in sample)", meta["cv_cues_alone"]), ("cues or model (one writer out)", best)]),
        "",
        "## Held out",
        f"Action plans of the holdout writers ({held['n']} matched actions; never read, never trained on, but",
        "scored after each round of cue changes, so no longer pristine; see benchmarks/RESULTS.md):",
        "",
        *_table([("cues alone", held["cues"]), ("cues or model", held["cues_or_model"])]),
        "",
        f"Corpus test split ({test['n']} actions, coverage gold version 3):",
        "",
        *_table([("cues alone", test["cues"]), ("cues or model", test["cues_or_model"])]),
        "",
        "## Limits",
        "- Trained on invented text by language-model writers; its n-grams favour their wordings.",
        "- It only ever adds a measure the cues missed; it never removes one.",
        "",
        "## Retrain",
        "`sfo-prescreen train measures` (fixed seed) writes models/measure.skops, measure.meta.json and this card.",
        "",
    ])
