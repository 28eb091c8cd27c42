"""The per-screening time limit of the CLI and batch workers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.batch import run_batch
from app.cli import cli
from app.errors import ScreeningTimeout
from app.settings import Settings, get_settings
from app.timelimit import time_limit

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample_review.docx"


def test_time_limit_interrupts_a_long_computation_and_restores_the_alarm() -> None:
    started = time.monotonic()
    with pytest.raises(ScreeningTimeout) as info, time_limit(0.2):
        while True:
            sum(range(1000))
    assert time.monotonic() - started < 2 and info.value.code == "timeout"
    with time_limit(5):  # a limit that is not reached changes nothing
        assert sum(range(10)) == 45


def test_cli_stops_a_screening_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SFO_PRESCREEN_REQUEST_TIMEOUT_S", "0.001")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["check", str(SAMPLE)])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2 and "longer than the limit" in result.stderr


def test_batch_reports_a_screening_past_the_limit_and_goes_on(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.docx").write_bytes(SAMPLE.read_bytes())
    result = run_batch(drafts, tmp_path / "out", Settings(request_timeout_s=0.001), jobs=1)
    assert [o.error for o in result.outcomes if o.error] and "longer than the limit" in result.outcomes[0].error
