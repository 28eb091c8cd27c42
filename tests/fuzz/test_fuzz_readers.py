"""Fuzzing in the suite: every input the fuzzer ever broke a reader with is refused cleanly now, and a
bounded coverage-guided run (about a minute in all) finds no new failure. Longer runs: benchmarks/fuzz.py."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import IngestError
from app.ingest import read_bytes
from tests.live_server import ROOT

REGRESSIONS = sorted((Path(__file__).parent / "regressions").glob("*/*"))
SECONDS_PER_TARGET = {"docx": 20, "docx-xml": 20, "pdf": 20}


@pytest.mark.parametrize("path", REGRESSIONS, ids=[f"{p.parent.name}/{p.name}" for p in REGRESSIONS])
def test_inputs_that_once_broke_a_reader_are_refused_cleanly(path: Path) -> None:
    name = "fuzz.pdf" if path.parent.name == "pdf" else "fuzz.docx"
    try:
        read_bytes(path.read_bytes(), name)
    except IngestError as exc:
        assert exc.code and exc.message


def run_fuzzer(target: str, seconds: int, work: Path) -> tuple[int, int, str]:
    """Run one target for `seconds`; return (exit status, executions, output)."""
    seeds, artifacts = work / f"corpus-{target}", work / "artifacts"
    seeds.mkdir(parents=True, exist_ok=True)
    artifacts.mkdir(exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-m", "tests.fuzz.readers", target, str(seeds), f"-max_total_time={seconds}",
         "-timeout=5", "-rss_limit_mb=3000", f"-artifact_prefix={artifacts}/", "-print_final_stats=1"],
        cwd=ROOT, capture_output=True, text=True, timeout=seconds + 120)
    runs = re.search(r"Done (\d+) runs", done.stderr)
    return done.returncode, int(runs.group(1)) if runs else 0, done.stderr[-3000:]


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris is not installed here")
@pytest.mark.parametrize("target", sorted(SECONDS_PER_TARGET))
def test_bounded_fuzz_run_finds_no_failure(target: str, tmp_path: Path) -> None:
    status, runs, output = run_fuzzer(target, SECONDS_PER_TARGET[target], tmp_path)
    assert status == 0, output
    assert runs > 100, output  # it really ran
