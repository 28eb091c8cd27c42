"""Calibrate the readability thresholds on the corpus train split; writes nlp/resources/readability.yaml.

Long sentence: the 90th percentile of sentence length in reviews rated Good or Outstanding on the
victims standard. Hard section: the 5th percentile of those reviews' section reading ease.
Run: python -m app.corpus.calibrate_readability
"""

from __future__ import annotations

import datetime
import json
import math
import sys
from pathlib import Path

import yaml

from app.corpus.gold import load_gold
from app.ingest import read_path
from app.screen import get_pipeline
from app.settings import Settings
from nlp.readability import CHECKED_KINDS, sections_text, words_of
from nlp.sentences import parse_blocks

CORPUS = Path("corpus")
OUT = Path("nlp/resources/readability.yaml")
MIN_SECTION_SENTENCES = 5
LONG_PERCENTILE, HARD_PERCENTILE = 90, 5


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    lo, hi = math.floor(k), math.ceil(k)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def main() -> int:
    train = json.loads((CORPUS / "splits.json").read_text())["train"]["reviews"]
    nlp = get_pipeline(Settings())
    lengths: list[float] = []
    eases: list[float] = []
    docs = 0
    for doc_id in train:
        gold = load_gold(CORPUS / "reviews" / f"{doc_id}.json")
        if gold.ratings.victims_and_families not in ("Good", "Outstanding"):
            continue
        docs += 1
        review = read_path(CORPUS / "reviews" / gold.file)
        kinds = {s.id: s.kind for s in review.sections}
        parsed = list(parse_blocks(nlp, review.body_blocks()))
        for sid, text in sections_text(parsed).items():
            if kinds.get(sid) not in CHECKED_KINDS:
                continue
            lengths += [len(words_of(s)) for s in text.sentences]
            metrics = text.metrics(10_000)
            if metrics["sentences"] >= MIN_SECTION_SENTENCES:
                eases.append(metrics["reading_ease"])
    thresholds = {
        "long_sentence_words": math.ceil(percentile(lengths, LONG_PERCENTILE)),
        "min_section_sentences": MIN_SECTION_SENTENCES,
        "hard_section_reading_ease": round(percentile(eases, HARD_PERCENTILE), 1),
        "calibration": {"split": "train", "reviews": docs, "sentences": len(lengths), "sections": len(eases),
                        "rule": f"p{LONG_PERCENTILE} sentence length, p{HARD_PERCENTILE} section reading ease, "
                                "reviews rated Good/Outstanding on victims_and_families",
                        "date": datetime.date.today().isoformat()},
    }
    header = "# Written by python -m app.corpus.calibrate_readability; override in sfo-prescreen.toml [readability].\n"
    OUT.write_text(header + yaml.safe_dump(thresholds, sort_keys=False), encoding="utf-8")
    sys.stdout.write(yaml.safe_dump(thresholds, sort_keys=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
