"""Passage classifier speed: feature extraction + prediction on already-parsed sentences, one core.

Run: python benchmarks/passages.py   (floor: 2,000 sentences per second)
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.ingest import read_path  # noqa: E402
from app.screen import load_engine  # noqa: E402
from app.settings import Settings  # noqa: E402
from nlp.sentences import parse_blocks, parsed_sentences  # noqa: E402

REPEATS = 5


def main() -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    engine = load_engine(Settings())
    ids = json.loads((ROOT / "corpus/splits.json").read_text())["test"]["reviews"]
    items = []
    for doc_id in ids:
        review = read_path(ROOT / "corpus/reviews" / f"{doc_id}.docx")
        kinds = {s.id: s.kind for s in review.sections}
        parsed = list(parse_blocks(engine.nlp, review.body_blocks()))
        items += [(s, kinds[s.block.section]) for s in parsed_sentences(parsed)]
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        engine.passages.label(items)
        best = min(best, time.perf_counter() - start)
    print(f"machine: {platform.machine()} python={platform.python_version()} date={time.strftime('%Y-%m-%d')} "
          "(pinned to one core)")
    print(f"{len(items)} sentences labelled (features + predict) in {best:.3f}s best of {REPEATS}: "
          f"{len(items) / best:.0f} sentences/s")


if __name__ == "__main__":
    main()
