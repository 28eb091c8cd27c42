"""The descriptive/analytical classifier as shipped in models/, and the findings built on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from app.ingest import read_bytes
from app.settings import Settings
from app.train.passages import make_pipeline
from nlp.passage_features import sentence_features
from nlp.passages import PassageModel, PassageModelError, label_review, load_passage_model, passage_findings
from nlp.sentences import parse_blocks

MODELS = Settings().models_dir


@pytest.fixture(scope="module")
def model() -> PassageModel:
    return load_passage_model(MODELS)


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("On 3 May 2023 the practitioner saw Mr K at the office.", "descriptive"),
        ("Mr K was released on licence to approved premises on 14 July 2022.", "descriptive"),
        ("This was not sufficient, because the police information was never requested.", "analytical"),
        ("It is likely that the high caseload limited the time available for home visits.", "analytical"),
        ("The region needs a shared standard for domestic abuse enquiries at allocation.", "analytical"),
        ("Had the assessment been reviewed after the arrest, the risk to the new partner would have been clear.",
         "analytical"),
    ],
)
def test_clear_sentences_get_the_right_label(nlp: Language, model: PassageModel, sentence: str, label: str) -> None:
    review = read_bytes(f"# R\n\n## Analysis of practice\n\n{sentence}\n".encode(), "r.md")
    labelled = label_review(model, review, list(parse_blocks(nlp, review.body_blocks())))
    assert [x.label for x in labelled] == [label]
    assert 0.5 <= labelled[0].score <= 1.0


RUN = ("On 3 May Mr K attended. On 10 May he attended again. On 17 May he reported no change. "
       "On 24 May he missed the appointment. On 31 May he attended late.")


def _findings(nlp: Language, model: PassageModel, heading: str) -> list[str]:
    review = read_bytes(f"# R\n\n## {heading}\n\n{RUN}\n".encode(), "r.md")
    labelled = label_review(model, review, list(parse_blocks(nlp, review.body_blocks())))
    return [f.check for f in passage_findings(review, labelled, model.meta)]


def test_descriptive_run_in_analysis_is_flagged(nlp: Language, model: PassageModel) -> None:
    assert _findings(nlp, model, "Analysis of practice") == ["analysis.descriptive-run",
                                                             "analysis.low-analytical-share"]


def test_chronology_is_expected_to_be_descriptive(nlp: Language, model: PassageModel) -> None:
    assert _findings(nlp, model, "Chronology of significant events") == []


def test_analytical_section_is_not_flagged(nlp: Language, model: PassageModel) -> None:
    body = ("The plan was not sufficient because it ignored the police call-outs. This meant the risk to "
            "a new partner was underestimated. The practitioner should have asked for domestic abuse checks. "
            "It is likely that the caseload of 60 cases contributed. The SPO judged that oversight was weak. "
            "The region needs to review allocation so that this does not happen again.")
    review = read_bytes(f"# R\n\n## Analysis of practice\n\n{body}\n".encode(), "r.md")
    labelled = label_review(model, review, list(parse_blocks(nlp, review.body_blocks())))
    assert passage_findings(review, labelled, model.meta) == []


def test_missing_or_damaged_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PassageModelError, match="no passage model"):
        load_passage_model(tmp_path)
    (tmp_path / "passages.skops").write_bytes(b"not a model")
    (tmp_path / "passages.meta.json").write_text((MODELS / "passages.meta.json").read_text())
    with pytest.raises(PassageModelError, match="cannot be loaded"):
        load_passage_model(tmp_path)


def test_training_is_reproducible(nlp: Language) -> None:
    rows = [json.loads(line) for line in (Path(__file__).resolve().parents[2] / "corpus/sentences/h1.jsonl")
            .read_text().splitlines()]
    features = [sentence_features(doc, r["section"]) for r, doc in zip(rows, nlp.pipe(r["text"] for r in rows),
                                                                         strict=True)]
    labels = [r["label"] for r in rows]
    first = make_pipeline(1.0).fit(features, labels).named_steps["model"].coef_
    second = make_pipeline(1.0).fit(features, labels).named_steps["model"].coef_
    assert (first == second).all()


def test_model_card_reports_the_floors() -> None:
    meta = json.loads((MODELS / "passages.meta.json").read_text())
    assert meta["test"]["macro_f1"] >= 0.88
    card = (MODELS / "passages.md").read_text()
    assert "Hard cases only" in card and "Confusion matrix" in card and "sfo-prescreen train passages" in card
