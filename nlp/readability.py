"""Plain-English measures per section, and findings where a lay reader will struggle.

Metrics (flat dicts, NaN when undefined, after TextDescriptives): mean sentence length, share of
very long sentences, passive-voice share, mean paragraph length, Flesch reading ease
(Flesch 1948: 206.835 − 1.015·words/sentence − 84.6·syllables/word).
Thresholds are calibrated on the corpus's Good and Outstanding reviews (resources/readability.yaml,
written by `python -m app.corpus.calibrate_readability`) and can be overridden in the configuration.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc, Span

from nlp.checks import spec
from nlp.sentences import block_location
from nlp.types import Block, Finding, Review

PASSIVE_DEPS = frozenset({"nsubjpass", "auxpass", "csubjpass"})
CHECKED_KINDS = frozenset({"introduction", "case_summary", "analysis_of_practice", "overall_judgements", "learning",
                           "victim_summary", "other"})
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


class ReadabilityThresholds(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    long_sentence_words: int
    min_section_sentences: int
    hard_section_reading_ease: float
    calibration: dict[str, float | int | str] = {}


@lru_cache(maxsize=1)
def default_thresholds() -> ReadabilityThresholds:
    raw = resources.files("nlp.resources").joinpath("readability.yaml").read_text(encoding="utf-8")
    return ReadabilityThresholds.model_validate(yaml.safe_load(raw))


def syllables(word: str) -> int:
    """Vowel groups, less a silent final e; at least one per word."""
    w = word.lower()
    count = len(_VOWEL_GROUPS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def words_of(sent: Span | Doc) -> list[str]:
    return [t.text for t in sent if not (t.is_punct or t.is_space)]


def is_passive(sent: Span) -> bool:
    return any(t.dep_ in PASSIVE_DEPS for t in sent)


@dataclass
class SectionText:
    sentences: list[Span]
    paragraphs: int

    def metrics(self, long_sentence_words: int) -> dict[str, float]:
        lengths = [len(words_of(s)) for s in self.sentences]
        words = [w for s in self.sentences for w in words_of(s)]
        n = len(lengths)
        if n == 0 or not words:
            return dict.fromkeys(("sentences", "mean_sentence_words", "long_sentence_share", "passive_share",
                                  "mean_paragraph_words", "reading_ease"), math.nan)
        syl = sum(syllables(w) for w in words)
        return {
            "sentences": float(n),
            "mean_sentence_words": len(words) / n,
            "long_sentence_share": sum(x > long_sentence_words for x in lengths) / n,
            "passive_share": sum(is_passive(s) for s in self.sentences) / n,
            "mean_paragraph_words": len(words) / max(self.paragraphs, 1),
            "reading_ease": 206.835 - 1.015 * len(words) / n - 84.6 * syl / len(words),
        }


def sections_text(parsed: Sequence[tuple[Block, Doc]]) -> dict[str, SectionText]:
    out: dict[str, SectionText] = {}
    for block, doc in parsed:
        if block.cell is not None:
            continue
        entry = out.setdefault(block.section, SectionText([], 0))
        entry.sentences.extend(doc.sents)
        entry.paragraphs += 1
    return out


def section_metrics(parsed: Sequence[tuple[Block, Doc]],
                    thresholds: ReadabilityThresholds | None = None) -> dict[str, dict[str, float]]:
    t = thresholds or default_thresholds()
    return {sid: text.metrics(t.long_sentence_words) for sid, text in sections_text(parsed).items()}


def readability_findings(review: Review, parsed: Sequence[tuple[Block, Doc]],
                         thresholds: ReadabilityThresholds | None = None) -> list[Finding]:
    t = thresholds or default_thresholds()
    kinds = {s.id: s for s in review.sections}
    out = []
    long_spec = spec("readability.long-sentence")
    for block, doc in parsed:
        section = kinds.get(block.section)
        if block.cell is not None or section is None or section.kind not in CHECKED_KINDS:
            continue
        for sent in doc.sents:
            n = len(words_of(sent))
            if n > t.long_sentence_words:
                text = sent.text.strip()
                start = sent.start_char + sent.text.find(text)
                out.append(Finding(
                    check="readability.long-sentence", standard=long_spec.standard, severity=long_spec.severity,
                    text=text, score=float(n),
                    message=(f"This sentence has {n} words; a lay reader can follow up to about "
                             f"{t.long_sentence_words}."),
                    suggestion="Split it into two or three sentences, one point each.",
                    location=block_location(block, start, start + len(text))))
    hard = spec("readability.hard-section")
    for sid, m in section_metrics(parsed, t).items():
        section = kinds.get(sid)
        if section is None or section.kind not in CHECKED_KINDS or not section.title:
            continue
        if m["sentences"] >= t.min_section_sentences and m["reading_ease"] < t.hard_section_reading_ease:
            out.append(Finding(
                check="readability.hard-section", standard=hard.standard, severity=hard.severity, text="",
                score=round(m["reading_ease"], 1),
                message=(f"Section '{section.title}' is much harder to read than the corpus's Good reviews "
                         f"(reading ease {m['reading_ease']:.0f}, against a floor of "
                         f"{t.hard_section_reading_ease:.0f}; {m['mean_sentence_words']:.0f} words a sentence, "
                         f"{m['passive_share']:.0%} passive)."),
                suggestion="Use shorter sentences, everyday words and the active voice ('the practitioner did …').",
                location=None))
    return out
