"""Labelled sentences from the corpus, parsed in context, as feature rows for the passage model."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from app.corpus.gold import load_gold
from app.ingest import read_path
from nlp.passage_features import sentence_features
from nlp.sentences import parse_blocks


@dataclass
class SentenceSet:
    features: list[dict[str, float]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    hard: list[bool] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    section_kinds: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)

    def add(self, features: dict[str, float], label: str, hard: bool, document: str, kind: str,
            section: str = "") -> None:
        self.features.append(features)
        self.labels.append(label)
        self.hard.append(hard)
        self.documents.append(document)
        self.section_kinds.append(kind)
        self.sections.append(section)


def _review_sentences(nlp: Language, corpus: Path, doc_id: str, out: SentenceSet) -> None:
    gold = load_gold(corpus / "reviews" / f"{doc_id}.json")
    review = read_path(corpus / "reviews" / gold.file)
    kinds = {s.id: s.kind for s in review.sections}
    parsed = list(parse_blocks(nlp, review.body_blocks()))
    for sentence in gold.sentences:
        for block, doc in parsed:
            start = block.text.find(sentence.text)
            if start < 0:
                continue
            span = doc.char_span(start, start + len(sentence.text), alignment_mode="expand")
            if span is not None:
                kind = kinds.get(block.section, "other")
                out.add(sentence_features(span, kind), sentence.label, False, doc_id, kind, block.section)
            break


def _standalone_sentences(nlp: Language, path: Path, out: SentenceSet) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows), strict=True):
        out.add(sentence_features(doc, row["section"]), row["label"], row["hard_case"] != "plain", path.stem,
                row["section"])


def load_split(nlp: Language, corpus: Path, split: str) -> SentenceSet:
    """Every labelled sentence of one split: draft sentences in context, then standalone sentences."""
    spec = json.loads((corpus / "splits.json").read_text(encoding="utf-8"))[split]
    out = SentenceSet()
    for doc_id in spec["reviews"]:
        _review_sentences(nlp, corpus, doc_id, out)
    for name in spec["sentences"]:
        _standalone_sentences(nlp, corpus / "sentences" / f"{name}.jsonl", out)
    return out
