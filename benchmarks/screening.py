"""End-to-end screening speed on the corpus drafts (ingest + spaCy + every analyser), one process.

Run: python benchmarks/screening.py [--split test]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.config import ChecksConfig  # noqa: E402
from app.ingest import read_path  # noqa: E402
from app.screen import load_engine, screen_review  # noqa: E402
from app.settings import Settings  # noqa: E402
from nlp.identity import identity_details, identity_findings  # noqa: E402
from nlp.language import language_findings  # noqa: E402
from nlp.sentences import parse_blocks  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="test")
    args = parser.parse_args()
    ids = json.loads((ROOT / "corpus/splits.json").read_text())[args.split]["reviews"]
    settings = Settings()
    start = time.perf_counter()
    engine = load_engine(settings)
    load = time.perf_counter() - start
    times, words, privacy = [], 0, 0.0
    for doc_id in ids:
        t0 = time.perf_counter()
        review = read_path(ROOT / "corpus/reviews" / f"{doc_id}.docx", settings)
        screen_review(review, engine, ChecksConfig())
        times.append(time.perf_counter() - t0)
        words += review.word_count
        parsed = list(parse_blocks(engine.nlp, (b for b in review.blocks if b.text.strip())))
        t1 = time.perf_counter()
        identity_findings(identity_details(parsed))
        language_findings([(b, d) for b, d in parsed if b.kind != "heading"])
        privacy += time.perf_counter() - t1
    print(f"machine: {platform.machine()} python={platform.python_version()} date={time.strftime('%Y-%m-%d')}")
    median = statistics.median(times)
    print(f"pipeline load {load:.2f}s; {len(ids)} drafts, {words} words; per draft median {median:.2f}s"
          f" max {max(times):.2f}s; {words / sum(times):.0f} words/s")
    print(f"identity + unsuitable-language checks: {privacy:.2f}s of {sum(times):.2f}s "
          f"({privacy / (sum(times) - privacy):.0%} added to the rest of the screening)")


if __name__ == "__main__":
    main()
