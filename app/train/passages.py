"""`sfo-prescreen train passages`: fit the descriptive/analytical classifier reproducibly.

Trained on the corpus train split, C tuned on dev, reported once on test; writes
models/passages.skops, models/passages.meta.json and the model card models/passages.md.
"""

from __future__ import annotations

import datetime
import json
import math
import time
from pathlib import Path
from typing import Any

import skops.io as sio
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support
from sklearn.pipeline import Pipeline

from app import __version__
from app.corpus.gold import load_gold
from app.screen import get_pipeline
from app.settings import Settings
from app.train.sentence_data import SentenceSet, load_split
from nlp.passages import ANALYSED_KINDS, META_FILE, MODEL_FILE

LABELS = ("descriptive", "analytical")
C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0)
SEED = 0
HASHED_FEATURES = 2**17  # stateless hashing keeps the artefact small (no vocabulary stored)
RUN_LENGTH = 4
MIN_SECTION_SENTENCES = 5
LOW_SHARE_PERCENTILE = 10


def make_pipeline(c: float) -> Pipeline:
    return Pipeline([
        ("features", FeatureHasher(n_features=HASHED_FEATURES, alternate_sign=False)),
        ("model", LogisticRegression(C=c, class_weight="balanced", solver="lbfgs", max_iter=5000,
                                     random_state=SEED)),
    ])


def scores(pipeline: Pipeline, data: SentenceSet, mask: list[bool] | None = None) -> dict[str, Any]:
    rows = [i for i in range(len(data.labels)) if mask is None or mask[i]]
    gold = [data.labels[i] for i in rows]
    pred = list(pipeline.predict([data.features[i] for i in rows]))
    p, r, f, n = precision_recall_fscore_support(gold, pred, labels=list(LABELS), zero_division=0)
    return {
        "n": len(rows),
        "macro_f1": round(float(f1_score(gold, pred, labels=list(LABELS), average="macro")), 4),
        "per_class": {label: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                              "f1": round(float(f[i]), 4), "support": int(n[i])} for i, label in enumerate(LABELS)},
        "confusion": {"rows_gold_cols_predicted": list(LABELS),
                      "matrix": confusion_matrix(gold, pred, labels=list(LABELS)).tolist()},
    }


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    lo, hi = math.floor(k), math.ceil(k)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def low_share_threshold(corpus: Path, train: SentenceSet) -> tuple[float, int]:
    """10th percentile of gold analytical share in analysis/judgement sections of Good+ reviews."""
    good = set()
    for doc_id in set(train.documents):
        gold_path = corpus / "reviews" / f"{doc_id}.json"
        if gold_path.exists() and load_gold(gold_path).ratings.analysis_of_practice in ("Good", "Outstanding"):
            good.add(doc_id)
    sections: dict[tuple[str, str], list[int]] = {}
    for doc, section, kind, label in zip(train.documents, train.sections, train.section_kinds, train.labels,
                                         strict=True):
        if doc in good and kind in ANALYSED_KINDS:
            c = sections.setdefault((doc, section), [0, 0])
            c[0] += label == "analytical"
            c[1] += 1
    shares = [a / n for a, n in sections.values() if n >= MIN_SECTION_SENTENCES]
    return round(_percentile(shares, LOW_SHARE_PERCENTILE), 3), len(shares)


def train_passages(corpus: Path, out_dir: Path, settings: Settings) -> dict[str, Any]:
    nlp = get_pipeline(settings)
    train, dev, test = (load_split(nlp, corpus, s) for s in ("train", "dev", "test"))
    tuning = {}
    for c in C_GRID:
        tuning[c] = scores(make_pipeline(c).fit(train.features, train.labels), dev)["macro_f1"]
    best_c = max(C_GRID, key=lambda c: (tuning[c], -c))
    pipeline = make_pipeline(best_c).fit(train.features, train.labels)
    start = time.perf_counter()
    pipeline.predict_proba(test.features)
    predict_rate = len(test.features) / (time.perf_counter() - start)
    threshold, sections = low_share_threshold(corpus, train)
    meta = {
        "version": f"passages-{datetime.date.today().isoformat()}",
        "labels": list(LABELS),
        "run_length": RUN_LENGTH,
        "min_section_sentences": MIN_SECTION_SENTENCES,
        "low_share_threshold": threshold,
        "low_share_calibration": {"percentile": LOW_SHARE_PERCENTILE, "sections": sections,
                                  "from": "train-split reviews rated Good/Outstanding on analysis of practice"},
        "trained_with": {"sfo_prescreen": __version__, "spacy_pipeline": nlp.meta.get("name"), "C": best_c,
                         "class_weight": "balanced", "solver": "lbfgs", "seed": SEED,
                         "hashed_features": HASHED_FEATURES},
        "data": {name: {"sentences": len(d.labels), "analytical": d.labels.count("analytical"),
                        "hard_cases": sum(d.hard)} for name, d in (("train", train), ("dev", dev), ("test", test))},
        "dev_tuning_macro_f1": {str(c): f for c, f in tuning.items()},
        "dev": scores(pipeline, dev),
        "test": scores(pipeline, test),
        "test_hard_cases": scores(pipeline, test, test.hard),
        "test_drafts_only": scores(pipeline, test, [not h and d.startswith("r") for h, d in
                                                    zip(test.hard, test.documents, strict=True)]),
        "predict_only_sentences_per_second": round(predict_rate),
        "date": datetime.date.today().isoformat(),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    sio.dump(pipeline, out_dir / MODEL_FILE)
    (out_dir / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (out_dir / "passages.md").write_text(model_card(meta), encoding="utf-8")
    return meta


def _class_rows(result: dict[str, Any]) -> str:
    return "\n".join(f"| {label} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |"
                     for label, m in result["per_class"].items())


def model_card(meta: dict[str, Any]) -> str:
    test, hard, dev = meta["test"], meta["test_hard_cases"], meta["dev"]
    matrix = test["confusion"]["matrix"]
    data = meta["data"]
    return f"""# Model card: passage classifier (descriptive / analytical)

Version `{meta['version']}`, trained {meta['date']} by `sfo-prescreen train passages`.

## What it does
Labels each body sentence of an SFO review draft `descriptive` (narrates what happened or what a
record shows) or `analytical` (explains why, weighs sufficiency, judges, draws learning), with the
probability of the label. Findings built on it: `analysis.descriptive-run` (≥ {meta['run_length']}
descriptive sentences in a row in an analysis or judgement section) and
`analysis.low-analytical-share` (such a section, ≥ {meta['min_section_sentences']} sentences, with an
analytical share under {meta['low_share_threshold']:.0%} — the {meta['low_share_calibration']['percentile']}th
percentile of {meta['low_share_calibration']['sections']} sections in {meta['low_share_calibration']['from']}).

## Model
scikit-learn `FeatureHasher` ({meta['trained_with']['hashed_features']} buckets) + `LogisticRegression`
(lbfgs, class_weight balanced, C = {meta['trained_with']['C']} chosen on dev from
{list(meta['dev_tuning_macro_f1'])}; dev macro-F1 by C: {meta['dev_tuning_macro_f1']}). Features: lemma uni/bi-grams,
cue families (causal, contrastive, counterfactual, hedging, evaluative, learning, reporting —
`nlp/resources/passage_cues.yaml`), tense/aspect and modal tags, negation, perfect aspect,
date and number density, length bucket, quotation, and the section kind. spaCy pipeline:
`{meta['trained_with']['spacy_pipeline']}`. No sentence embeddings. Saved with skops; loading
refuses any type outside scikit-learn/numpy/scipy.

## Data
The invented corpus (`corpus/README.md`), split by document and writer (train/dev/test writers are
disjoint). Action-plan sentences are unlabelled in the gold and not used.

| split | sentences | analytical | hard cases |
|---|---|---|---|
| train | {data['train']['sentences']} | {data['train']['analytical']} | {data['train']['hard_cases']} |
| dev | {data['dev']['sentences']} | {data['dev']['analytical']} | {data['dev']['hard_cases']} |
| test | {data['test']['sentences']} | {data['test']['analytical']} | {data['test']['hard_cases']} |

## Metrics on the held-out test split (writers never seen in training)
Macro-F1 **{test['macro_f1']:.3f}** over {test['n']} sentences (dev: {dev['macro_f1']:.3f}).

| class | precision | recall | F1 | support |
|---|---|---|---|---|
{_class_rows(test)}

Confusion matrix (rows gold, columns predicted; descriptive, analytical):
`{matrix}`

Hard cases only (standalone test sentences written to be difficult — analytical sentences full of
dates, quoted evaluations, judgements without "because", hedged analysis, learning statements,
chronology entries written as analysis): macro-F1 **{hard['macro_f1']:.3f}** over {hard['n']}.

| class | precision | recall | F1 | support |
|---|---|---|---|---|
{_class_rows(hard)}

Draft sentences only (in context): macro-F1 {meta['test_drafts_only']['macro_f1']:.3f} over
{meta['test_drafts_only']['n']}.

Speed: predict only, {meta['predict_only_sentences_per_second']} sentences/s on this machine; with
feature extraction see `benchmarks/passages.py` and `benchmarks/RESULTS.md`.

## Limits
- Trained and measured on invented text written by language models to a brief; real reviews are
  messier and their analysis subtler. Measure on your own reviews with `sfo-prescreen evaluate`.
- Labels come from each writer's own judgement; no inter-annotator agreement was measured.
- English only; sentence boundaries from spaCy.

## Retrain
`sfo-prescreen train passages [--corpus corpus] [--out models]` (fixed seed; same data, same model).
"""
