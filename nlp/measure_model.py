"""A learned second opinion on an action's measure of success, for wordings the measure cues do not know.

The cues in `resources/coverage.yaml` decide first; where they find no measure, this classifier (word and
character n-grams of the row's measure clause and action) may still find one when it is confident. Card:
models/measure.md; retrain with `sfo-prescreen train measures`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from nlp.coverage.actions import measure_clause
from nlp.model_files import ModelFileError, load_artefact

MODEL_FILE = "measure.skops"
META_FILE = "measure.meta.json"


class MeasureModelError(ModelFileError):
    """The measure model is missing, unreadable or not what this version expects."""


class MeasureMeta(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    version: str
    threshold: float


def measure_document(measure_cell: str, action: str, detail: str = "") -> str:
    """What the classifier reads: the measure clause (measure column, or the action from a "Measure:" marker on),
    then the whole action."""
    text = f"{action} {detail}".strip()
    return f"{measure_clause(measure_cell, text)} || {text}"


class MeasureModel:
    def __init__(self, pipeline: Any, meta: MeasureMeta) -> None:
        classes = [bool(c) for c in pipeline.classes_]
        if classes != [False, True]:
            raise MeasureModelError(f"measure model classes {classes} are not [False, True]: retrain it")
        self.pipeline = pipeline
        self.meta = meta

    def probability(self, measure_cell: str, action: str, detail: str = "") -> float:
        return float(self.pipeline.predict_proba([measure_document(measure_cell, action, detail)])[0, 1])

    def finds_measure(self, measure_cell: str, action: str, detail: str = "") -> bool:
        return self.probability(measure_cell, action, detail) >= self.meta.threshold


def load_measure_model(models_dir: Path) -> MeasureModel:
    pipeline, meta = load_artefact(models_dir / MODEL_FILE, models_dir / META_FILE, MeasureMeta, "measure model",
                                   "sfo-prescreen train measures", MeasureModelError)
    return MeasureModel(pipeline, meta)
