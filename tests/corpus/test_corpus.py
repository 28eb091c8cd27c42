"""The corpus is data other components train and are measured on: its promises are tested here."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from app.corpus.action_plans import plan_review
from app.corpus.build import missing_texts
from app.corpus.gold import Gold, gold_files, load_gold
from app.ingest import read_path
from nlp.types import RATING_LEVELS

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
GOLDS = {p.stem: load_gold(p) for p in gold_files(CORPUS / "reviews")}
PDF_GOLDS = {p.stem: load_gold(p) for p in gold_files(CORPUS / "reviews_pdf")}
HARD_CASES = {"dates_analytical", "quoted_evaluation", "judgement_without_because", "hedged_analysis",
              "learning_statement", "chronology_as_analysis", "plain"}


def test_at_least_forty_drafts_eight_per_composite_level() -> None:
    assert len(GOLDS) >= 40
    levels = Counter(g.ratings.composite for g in GOLDS.values())
    assert all(levels[level] >= 8 for level in RATING_LEVELS), levels
    assert sum(1 for g in GOLDS.values() if len(set(g.ratings.model_dump().values())) > 1) >= 10
    assert len(PDF_GOLDS) >= 3


@pytest.mark.parametrize("doc_id", sorted(GOLDS))
def test_gold_texts_are_exact_substrings_of_the_document(doc_id: str) -> None:
    gold = GOLDS[doc_id]
    path = CORPUS / "reviews" / gold.file
    assert missing_texts(gold, path.read_bytes(), gold.file) == []
    words = read_path(path).word_count
    assert 1500 <= words <= 4000, words


@pytest.mark.parametrize("doc_id", sorted(PDF_GOLDS))
def test_pdf_twins_keep_their_gold_texts(doc_id: str) -> None:
    gold = PDF_GOLDS[doc_id]
    assert missing_texts(gold, (CORPUS / "reviews_pdf" / gold.file).read_bytes(), gold.file) == []


def _sentence_sets() -> dict[str, list[dict[str, str]]]:
    return {p.stem: [json.loads(line) for line in p.read_text().splitlines() if line.strip()]
            for p in sorted((CORPUS / "sentences").glob("*.jsonl"))}


def test_standalone_sentences_are_well_formed_and_hard() -> None:
    sets = _sentence_sets()
    rows = [r for rows in sets.values() for r in rows]
    assert all(r["label"] in ("descriptive", "analytical") and r["hard_case"] in HARD_CASES for r in rows)
    assert sum(r["hard_case"] != "plain" for r in rows) >= 400


def test_five_thousand_labelled_sentences_in_all() -> None:
    in_drafts = sum(len(g.sentences) for g in GOLDS.values())
    standalone = sum(len(rows) for rows in _sentence_sets().values())
    assert in_drafts + standalone >= 5000


def test_splits_are_by_document_and_writer_and_cover_everything() -> None:
    splits = json.loads((CORPUS / "splits.json").read_text())
    names = [name for name in ("train", "dev", "test", "check") if name in splits]
    assert names[:3] == ["train", "dev", "test"] and set(splits) - {"_about"} == set(names)
    reviews = [r for name in names for r in splits[name]["reviews"]]
    assert sorted(reviews) == sorted(g.id for g in GOLDS.values())
    writers = {name: {GOLDS[r].meta["writer"] for r in splits[name]["reviews"]} for name in names}
    assert not writers["train"] & writers["test"] and not writers["dev"] & writers["test"]
    if "check" in writers:  # a second held-out set: writers in no other split
        assert not writers["check"] & (writers["train"] | writers["dev"] | writers["test"])
    sentence_sets = [s for name in names for s in splits[name]["sentences"]]
    assert sorted(sentence_sets) == sorted(_sentence_sets())
    assert set(splits["test"]["sentences"]) <= writers["test"]
    test_levels = Counter(GOLDS[r].ratings.composite for r in splits["test"]["reviews"])
    assert all(test_levels[level] >= 2 for level in RATING_LEVELS)


def test_gold_format_rejects_unknown_fields() -> None:
    data = GOLDS["r01"].model_dump()
    data["surprise"] = 1
    with pytest.raises(ValueError):
        Gold.model_validate(data)


PLANS = CORPUS / "action_plans"
LEVELS = {"practitioner", "manager", "pdu", "region", "national", "multi_agency"}


@pytest.mark.parametrize("plan", sorted(p.stem for p in PLANS.glob("ap*.json")))
def test_action_plan_gold_is_in_the_plan_as_the_tool_reads_it(plan: str) -> None:
    gold = json.loads((PLANS / f"{plan}.json").read_text(encoding="utf-8"))
    blocks = [b.text for b in plan_review((PLANS / f"{plan}.md").read_text(encoding="utf-8"), f"{plan}.docx").blocks]
    assert gold["actions"]
    for action in gold["actions"]:
        assert any(action["text"] in block for block in blocks), action["text"]
        assert action["level"] in LEVELS
        assert all(isinstance(action[k], bool) for k in ("specific", "owner", "deadline", "measure"))


def test_action_plan_writers_are_in_exactly_one_split() -> None:
    splits = json.loads((PLANS / "splits.json").read_text(encoding="utf-8"))
    tune, holdout = set(splits["tune"]), set(splits["holdout"])
    writers = {json.loads(p.read_text(encoding="utf-8"))["writer"] for p in PLANS.glob("ap*.json")}
    assert not tune & holdout and writers == tune | holdout
