"""`sfo-prescreen evaluate`: screen every draft with a gold file and measure each component.

Works on any folder of documents with gold files in the corpus format (corpus/README.md), so an
organisation can measure the tool on its own rated reviews.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.config import ChecksConfig
from app.corpus.gold import Gold, gold_files, load_gold
from app.errors import ConfigError
from app.evaluate_coverage import coverage_agreement
from app.ingest import read_path
from app.metrics import PRF, macro_f1, rating_agreement
from app.screen import load_engine, screen_review
from app.settings import Settings
from nlp.types import STANDARDS, Coverage, Finding, Review, Screening

SENTENCE_LABELS = ("descriptive", "analytical")
LOOKALIKE_PREFIXES = ("identity.", "language.")
_PLURAL = re.compile(r"(?:'s|’s|s'|s|')$")


@dataclass
class _Tally:
    acronyms: list[int] = field(default_factory=lambda: [0, 0, 0])
    first_use_flagged: list[int] = field(default_factory=lambda: [0, 0])
    identity: list[int] = field(default_factory=lambda: [0, 0])
    lookalikes: list[int] = field(default_factory=lambda: [0, 0])
    identity_precision: list[int] = field(default_factory=lambda: [0, 0])
    language_precision: list[int] = field(default_factory=lambda: [0, 0])
    insensitive: list[int] = field(default_factory=lambda: [0, 0])
    gold_labels: list[str] = field(default_factory=list)
    predicted_labels: list[str | None] = field(default_factory=list)
    boundaries: list[int] = field(default_factory=lambda: [0, 0])
    gold_ratings: dict[str, list[str]] = field(default_factory=dict)
    predicted_ratings: dict[str, list[str | None]] = field(default_factory=dict)
    documents: list[str] = field(default_factory=list)
    coverage: list[tuple[dict[str, Any], Coverage]] = field(default_factory=list)


def select(directory: Path, split: str | None) -> list[Path]:
    """Gold files in `directory`, limited to `split` from splits.json beside or above it."""
    files = gold_files(directory)
    if split is None:
        return files
    for candidate in (directory / "splits.json", directory.parent / "splits.json"):
        if candidate.is_file():
            splits = json.loads(candidate.read_text(encoding="utf-8"))
            if split not in splits:
                known = ", ".join(k for k in splits if not k.startswith("_"))
                raise ConfigError(f"{candidate} has no split {split!r} (it has {known})")
            wanted = set(splits[split]["reviews"])
            return [f for f in files if load_gold(f).id in wanted]
    raise ConfigError(f"--split {split} needs a splits.json in {directory} or its parent")


def _occurrences(review: Review, text: str) -> Iterable[tuple[int, int, int]]:
    for block in review.blocks:
        start = block.text.find(text)
        while start >= 0 and text:
            yield block.index, start, start + len(text)
            start = block.text.find(text, start + 1)


def _covered(review: Review, text: str, findings: list[Finding]) -> bool:
    """Is some occurrence of `text` overlapped by one of `findings`?"""
    for paragraph, start, end in _occurrences(review, text):
        for f in findings:
            loc = f.location
            if loc and loc.paragraph == paragraph and loc.start < end and start < loc.end:
                return True
    return False


def _acronym_key(text: str) -> str:
    return _PLURAL.sub("", text) if len(text) > 2 else text


def _score_acronyms(gold: Gold, screening: Screening, tally: _Tally) -> None:
    predicted = {_acronym_key(f.text) for f in screening.findings if f.check.startswith("acronym.")}
    positives = {_acronym_key(a.short) for a in gold.acronyms if a.is_positive}
    first_use = {_acronym_key(a.short) for a in gold.acronyms if a.how == "inline-first-use"}
    tally.first_use_flagged[0] += len(predicted & first_use)
    tally.first_use_flagged[1] += len(first_use)
    tally.acronyms[0] += len(predicted & positives)
    tally.acronyms[1] += len(predicted - positives)
    tally.acronyms[2] += len(positives - predicted)


def _score_sentences(gold: Gold, review: Review, screening: Screening, tally: _Tally) -> None:
    by_block: dict[int, list[tuple[int, int, str | None]]] = {}
    for s in screening.sentences:
        by_block.setdefault(s.location.paragraph, []).append((s.location.start, s.location.end, s.label))
    predicted_texts = {s.text for s in screening.sentences}
    for sentence in gold.sentences:
        label = None
        tally.boundaries[0] += sentence.text in predicted_texts
        tally.boundaries[1] += 1
        for paragraph, start, end in _occurrences(review, sentence.text):
            overlaps = [(min(end, e) - max(start, s), lab) for s, e, lab in by_block.get(paragraph, [])]
            best = max(overlaps, default=(0, None))
            if best[0] > 0:
                label = best[1]
                break
        tally.gold_labels.append(sentence.label)
        tally.predicted_labels.append(label)


def score_document(gold: Gold, review: Review, screening: Screening, tally: _Tally) -> None:
    findings = list(screening.findings)
    identity = [f for f in findings if f.check.startswith("identity.")]
    language = [f for f in findings if f.check.startswith("language.")]
    lookalike = [f for f in findings if f.check.startswith(LOOKALIKE_PREFIXES)]
    _score_acronyms(gold, screening, tally)
    tally.identity[0] += sum(_covered(review, i.text, identity) for i in gold.identifiers)
    for found, golds, pair in ((identity, [i.text for i in gold.identifiers], tally.identity_precision),
                               (language, list(gold.insensitive), tally.language_precision)):
        pair[0] += sum(any(_covered(review, t, [f]) for t in golds) for f in found)
        pair[1] += len(found)
    tally.identity[1] += len(gold.identifiers)
    tally.lookalikes[0] += sum(_covered(review, t, lookalike) for t in gold.must_not_flag)
    tally.lookalikes[1] += len(gold.must_not_flag)
    tally.insensitive[0] += sum(_covered(review, t, language) for t in gold.insensitive)
    tally.insensitive[1] += len(gold.insensitive)
    _score_sentences(gold, review, screening, tally)
    for key in (*STANDARDS, "composite"):
        tally.gold_ratings.setdefault(key, []).append(getattr(gold.ratings, key))
        tally.predicted_ratings.setdefault(key, []).append(getattr(screening.ratings, key).rating)
    tally.documents.append(gold.id)
    if gold.coverage is not None and screening.coverage is not None:
        tally.coverage.append((gold.coverage, screening.coverage))


def _share(pair: list[int]) -> float | None:
    return pair[0] / pair[1] if pair[1] else None


def evaluate(directory: Path, split: str | None, settings: Settings) -> dict[str, object]:
    files = select(directory, split)
    if not files:
        raise ConfigError(f"no gold files (NAME.json beside its document) found in {directory}")
    engine = load_engine(settings)
    tally = _Tally()
    config = ChecksConfig()
    for path in files:
        gold = load_gold(path)
        review = read_path(path.parent / gold.file, settings)
        score_document(gold, review, screen_review(review, engine, config), tally)
    acronyms = PRF(tp=tally.acronyms[0], fp=tally.acronyms[1], fn=tally.acronyms[2])
    return {
        "directory": str(directory), "split": split, "documents": tally.documents,
        "acronyms": {**acronyms.as_dict(), "defined_at_first_use_flagged": tally.first_use_flagged[0],
                     "defined_at_first_use": tally.first_use_flagged[1]},
        "identity": {"recall": _share(tally.identity), "found": tally.identity[0], "gold": tally.identity[1],
                     "precision": _share(tally.identity_precision), "findings": tally.identity_precision[1],
                     "must_not_flag_flagged_share": _share(tally.lookalikes),
                     "must_not_flag_flagged": tally.lookalikes[0], "must_not_flag": tally.lookalikes[1]},
        "unsuitable_language": {"recall": _share(tally.insensitive), "precision": _share(tally.language_precision),
                                "findings": tally.language_precision[1], "found": tally.insensitive[0],
                                "gold": tally.insensitive[1]},
        "sentences": {**macro_f1(tally.gold_labels, tally.predicted_labels, SENTENCE_LABELS),
                      "boundary_exact_share": _share(tally.boundaries)},
        "ratings": {k: rating_agreement(tally.gold_ratings[k], tally.predicted_ratings[k])
                    for k in tally.gold_ratings},
        "coverage": coverage_agreement(tally.coverage) if tally.coverage else None,
    }
