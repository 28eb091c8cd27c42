"""Longer coverage-guided fuzz runs of the readers (atheris): executions, crashes and hangs per target.

    python benchmarks/fuzz.py [--seconds 300]

Failing inputs are left in a temporary folder (printed); copy each into tests/fuzz/regressions/<target>/.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fuzz.test_fuzz_readers import SECONDS_PER_TARGET, run_fuzzer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=300)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sfo-fuzz-"))
    for target in sorted(SECONDS_PER_TARGET):
        status, runs, _ = run_fuzzer(target, args.seconds, work / target)
        artifacts = list((work / target / "artifacts").glob("*"))
        crashes = sum(1 for a in artifacts if a.name.startswith("crash-"))
        hangs = sum(1 for a in artifacts if a.name.startswith("timeout-"))
        print(f"{target:9s} {args.seconds:5d} s  {runs:8d} executions  {runs / args.seconds:7.0f}/s  "
              f"crashes {crashes}  hangs {hangs}  exit {status}")
    print(f"inputs and artifacts: {work}")


if __name__ == "__main__":
    main()
