"""Batch throughput: the 40 corpus drafts on 2 worker processes (floor: at least 1 document per second).

Run: python benchmarks/batch.py
"""

from __future__ import annotations

import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.batch import run_batch  # noqa: E402
from app.settings import Settings  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        result = run_batch(ROOT / "corpus/reviews", Path(out), Settings(), jobs=2)
        elapsed = time.perf_counter() - start
    n = len(result.outcomes) - len(result.failed)
    print(f"machine: {platform.machine()} python={platform.python_version()} date={time.strftime('%Y-%m-%d')}")
    print(f"{n} drafts screened on 2 workers in {elapsed:.1f}s (workers' start-up included): "
          f"{n / elapsed:.2f} documents/s")


if __name__ == "__main__":
    main()
