"""End-to-end speed and memory: a 10,000-word review screened warm, against a bare spaCy parse of the
same text with the same English pipeline, measured side by side; CLI cold start; peak memory.

Run: python benchmarks/screen.py
Floors (issue 8): warm screening under 3 s and within 2x the bare parse; cold start under 8 s; under 1 GB.
"""

from __future__ import annotations

import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.config import ChecksConfig  # noqa: E402
from app.ingest import read_bytes  # noqa: E402
from app.screen import load_engine, screen_review  # noqa: E402
from app.settings import Settings  # noqa: E402
from benchmarks.long_review import long_review  # noqa: E402

TARGET_WORDS = 10_000
RUNS = 3


def ten_thousand_word_review() -> bytes:
    return long_review(TARGET_WORDS, "r1*.docx")


def best_of(fn: object) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    settings = Settings()
    data = ten_thousand_word_review()
    review = read_bytes(data, "long.docx")
    engine = load_engine(settings)
    bare = spacy.load(settings.spacy_model)
    texts = [b.text for b in review.blocks if b.text.strip()]
    screen_review(review, engine, ChecksConfig())  # warm-up
    screen = best_of(lambda: screen_review(read_bytes(data, "long.docx"), engine, ChecksConfig()))
    parse = best_of(lambda: list(bare.pipe(texts, batch_size=64)))
    with tempfile.NamedTemporaryFile(suffix=".docx") as fh:
        fh.write(data)
        fh.flush()
        start = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "sfo-prescreen"), "check", fh.name, "--format", "json"],
                       capture_output=True, check=False)
        cold = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {platform.machine()} python={platform.python_version()} date={time.strftime('%Y-%m-%d')}")
    print(f"review: {review.word_count} words, {len(texts)} blocks")
    print(f"warm screening {screen:.2f}s; bare spaCy parse {parse:.2f}s; ratio {screen / parse:.2f}x")
    print(f"CLI cold start (check --format json, whole process) {cold:.2f}s; peak RSS of this process {peak:.0f} MB")


if __name__ == "__main__":
    main()
