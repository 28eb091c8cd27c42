"""The learned measure-of-success check: shipped model, its place behind the cues, and its errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.ingest import read_bytes
from app.settings import Settings
from nlp.coverage.actions import check_action, extract_actions
from nlp.measure_model import MeasureModel, MeasureModelError, load_measure_model

PLAN = """# Review

## Action plan

| Action | Owner | Timescale | How we will know |
|---|---|---|---|
| Introduce a handover standard for reallocated cases | Head of PDU | 31/07/2025 | Handover notes looked at by the SPO now and then. |
"""


@pytest.fixture(scope="module")
def shipped() -> MeasureModel:
    return load_measure_model(Settings().models_dir)


def test_the_shipped_model_rates_a_stated_finding_above_a_record_of_the_action(shipped: MeasureModel) -> None:
    finding = shipped.probability("A quarterly dip sample of 20 cases shows a recorded review in at least 18.",
                                  "Introduce a handover standard.")
    record = shipped.probability("Training delivered and attendance recorded.", "Run a workshop on stalking.")
    assert finding > shipped.meta.threshold > record
    assert 0.5 <= shipped.meta.threshold < 1


class _Judge:
    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def finds_measure(self, measure_cell: str, action: str, detail: str = "") -> bool:
        self.asked.append(measure_cell)
        return self.answer


def test_the_model_is_asked_only_where_the_cues_find_no_measure() -> None:
    row = extract_actions(read_bytes(PLAN.encode(), "r.md"))[0]
    assert not check_action(row).measure  # "looked at now and then" is no cue
    judge = _Judge(True)
    assert check_action(row, judge).measure and judge.asked == ["Handover notes looked at by the SPO now and then."]
    strong = PLAN.replace("looked at by the SPO now and then", "audited quarterly: 9 of 10 have a recorded meeting")
    row = extract_actions(read_bytes(strong.encode(), "r.md"))[0]
    assert check_action(row, _Judge(False)).measure  # the model never removes a measure the cues found


def test_a_missing_or_foreign_model_file_is_a_clear_error(tmp_path: Path, shipped: MeasureModel) -> None:
    with pytest.raises(MeasureModelError, match="sfo-prescreen train measures"):
        load_measure_model(tmp_path)
    for name in ("measure.skops", "measure.meta.json"):
        shutil.copy(Settings().models_dir / name, tmp_path / name)
    (tmp_path / "measure.meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(MeasureModelError, match="retrain it"):
        load_measure_model(tmp_path)
