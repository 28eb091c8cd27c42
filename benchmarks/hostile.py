"""Every hostile document: the CLI's exit status and time (floor: exit 2 in under 5 s).

    python benchmarks/hostile.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile_docs import HOSTILE  # noqa: E402


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="sfo-hostile-"))
    worst = 0.0
    for name, (build, filename, code) in HOSTILE.items():
        path = folder / filename
        path.write_bytes(build())
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "app.cli", "check", str(path)], cwd=ROOT,
                              capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        worst = max(worst, elapsed)
        said = done.stderr.strip().splitlines()[-1][:90] if done.stderr.strip() else ""
        print(f"{name:34s} {path.stat().st_size / 1_048_576:7.2f} MB  exit {done.returncode}  {elapsed:5.2f} s  "
              f"(expected {code})  {said}")
    print(f"slowest: {worst:.2f} s (CLI start-up included)")


if __name__ == "__main__":
    main()
