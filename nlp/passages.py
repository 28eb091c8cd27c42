"""Descriptive versus analytical: label every sentence, and find where a section says what but not why.

The model (scikit-learn, saved with skops in models/) scores `sentence_features`; findings:
`analysis.descriptive-run` (four or more descriptive sentences in a row in an analysis or
judgement section) and `analysis.low-analytical-share` (a section whose analytical share is below
what the corpus's Good reviews show). Chronologies are expected to be descriptive and are exempt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc

from nlp.checks import spec
from nlp.model_files import ModelFileError, load_artefact
from nlp.passage_features import sentence_features
from nlp.sentences import ParsedSentence, block_location, parsed_sentences
from nlp.types import Block, Finding, Review, SectionKind, SentenceLabel

MODEL_FILE = "passages.skops"
META_FILE = "passages.meta.json"
ANALYSED_KINDS: frozenset[SectionKind] = frozenset({"analysis_of_practice", "overall_judgements"})


class PassageModelError(ModelFileError):
    """The passage model is missing, unreadable or not what this version expects."""


class PassageMeta(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    version: str
    labels: tuple[SentenceLabel, SentenceLabel]
    run_length: int
    min_section_sentences: int
    low_share_threshold: float


@dataclass(frozen=True)
class LabelledSentence:
    sentence: ParsedSentence
    label: SentenceLabel
    score: float  # probability of `label`
    analytical: float  # probability of "analytical"

    @property
    def block(self) -> Block:
        return self.sentence.block


class PassageModel:
    """A loaded classifier with its calibration; `label` scores parsed sentences."""

    def __init__(self, pipeline: Any, meta: PassageMeta) -> None:
        self.pipeline = pipeline
        self.meta = meta
        classes = list(pipeline.classes_)
        if sorted(classes) != sorted(meta.labels):
            raise PassageModelError(f"passage model classes {classes} do not match {list(meta.labels)}")
        self._analytical = classes.index("analytical")

    def analytical_probabilities(self, features: Sequence[dict[str, float]]) -> np.ndarray:
        if not features:
            return np.zeros(0)
        return np.asarray(self.pipeline.predict_proba(list(features))[:, self._analytical])

    def label(self, items: Sequence[tuple[ParsedSentence, str]]) -> list[LabelledSentence]:
        """Label (sentence, section kind) pairs in one batch."""
        probs = self.analytical_probabilities([sentence_features(s.span, kind) for s, kind in items])
        out = []
        for (sentence, _), p in zip(items, probs, strict=True):
            label: SentenceLabel = "analytical" if p >= 0.5 else "descriptive"
            out.append(LabelledSentence(sentence, label, float(p if label == "analytical" else 1 - p), float(p)))
        return out


def load_passage_model(models_dir: Path) -> PassageModel:
    """Load models_dir/passages.skops after checking every type it holds is a scikit-learn/numpy one."""
    pipeline, meta = load_artefact(models_dir / MODEL_FILE, models_dir / META_FILE, PassageMeta, "passage model",
                                   "sfo-prescreen train passages", PassageModelError)
    return PassageModel(pipeline, meta)


def label_review(model: PassageModel, review: Review,
                 parsed: Sequence[tuple[Block, Doc]]) -> list[LabelledSentence]:
    kinds = {s.id: s.kind for s in review.sections}
    return model.label([(s, kinds.get(s.block.section, "other")) for s in parsed_sentences(parsed)])


def analytical_shares(labelled: Sequence[LabelledSentence]) -> dict[str, float]:
    counts: dict[str, list[int]] = {}
    for s in labelled:
        c = counts.setdefault(s.block.section, [0, 0])
        c[0] += s.label == "analytical"
        c[1] += 1
    return {sid: a / n for sid, (a, n) in counts.items() if n}


def passage_findings(review: Review, labelled: Sequence[LabelledSentence], meta: PassageMeta) -> list[Finding]:
    kinds = {s.id: s for s in review.sections}
    out = []
    run: list[LabelledSentence] = []

    def close_run() -> None:
        if len(run) >= meta.run_length:
            s = spec("analysis.descriptive-run")
            first, last = run[0], run[-1]
            out.append(Finding(
                check="analysis.descriptive-run", standard=s.standard, severity=s.severity, text=first.sentence.text,
                score=round(float(np.mean([1 - x.analytical for x in run])), 3),
                message=(f"{len(run)} descriptive sentences in a row from here (paragraphs {first.block.index}–"
                         f"{last.block.index}) describe what happened without saying why."),
                suggestion="Say why this happened: which underlying factors explain it, and was practice sufficient?",
                location=block_location(first.block, first.sentence.start, first.sentence.end)))
        run.clear()

    for sentence in labelled:
        section = kinds.get(sentence.block.section)
        in_scope = section is not None and section.kind in ANALYSED_KINDS
        if run and (not in_scope or sentence.label == "analytical" or run[-1].block.section != sentence.block.section):
            close_run()
        if in_scope and sentence.label == "descriptive":
            run.append(sentence)
    close_run()
    out.extend(_low_share_findings(review, labelled, meta))
    return out


def _low_share_findings(review: Review, labelled: Sequence[LabelledSentence], meta: PassageMeta) -> list[Finding]:
    s = spec("analysis.low-analytical-share")
    sizes: dict[str, int] = {}
    for x in labelled:
        sizes[x.block.section] = sizes.get(x.block.section, 0) + 1
    shares = analytical_shares(labelled)
    out = []
    for section in review.sections:
        share = shares.get(section.id)
        if share is None or section.kind not in ANALYSED_KINDS or sizes[section.id] < meta.min_section_sentences:
            continue
        if share < meta.low_share_threshold:
            out.append(Finding(
                check="analysis.low-analytical-share", standard=s.standard, severity=s.severity, text="",
                score=round(share, 3),
                message=(f"Only {share:.0%} of the sentences in '{section.title or 'this section'}' analyse practice "
                         f"(Good reviews in the corpus have at least {meta.low_share_threshold:.0%})."),
                suggestion="For each event described, add why it happened and whether practice was sufficient.",
                location=None))
    return out
