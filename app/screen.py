"""The one function that turns a file into a `Screening`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from app import __version__
from app.config import ChecksConfig, load_config
from app.errors import ConfigError, ModelError
from app.ingest import file_bytes, read_bytes
from app.settings import Settings, get_settings
from nlp.acronyms import acronym_findings
from nlp.coverage import review_coverage
from nlp.glossary import Glossary, GlossaryError, load_glossary
from nlp.identity import identity_details, identity_findings
from nlp.identity import warm_up as warm_identity
from nlp.jargon import jargon_findings
from nlp.language import language_findings, lexicon
from nlp.measure_model import MeasureModel, MeasureModelError, load_measure_model
from nlp.passages import (
    LabelledSentence,
    PassageModel,
    PassageModelError,
    analytical_shares,
    label_review,
    load_passage_model,
    passage_findings,
)
from nlp.pipeline import PipelineUnavailable, load_pipeline
from nlp.rating_features import rating_features
from nlp.rating_gate import evidence_gap
from nlp.ratings import RatingModel, RatingModelError, load_rating_model, unrated
from nlp.readability import readability_findings, section_metrics
from nlp.sentences import block_location, parse_blocks
from nlp.structure import structure_findings
from nlp.types import (
    Block,
    Coverage,
    DocumentInfo,
    Finding,
    Ratings,
    Review,
    Screening,
    SectionOut,
    Sentence,
    ToolInfo,
)

NOT_RATED = ("Not rated: no ratings model is loaded (training mode).",)


def get_pipeline(settings: Settings) -> Language:
    try:
        return load_pipeline(settings.spacy_model)
    except PipelineUnavailable as exc:
        raise ModelError(str(exc)) from None


def _document_info(review: Review, metrics: dict[str, dict[str, float]]) -> DocumentInfo:
    sections = tuple(SectionOut(id=s.id, title=s.title, kind=s.kind, subkind=s.subkind,
                                metrics={k: round(v, 3) for k, v in metrics.get(s.id, {}).items() if v == v})
                     for s in review.sections)
    return DocumentInfo(filename=review.filename, format=review.format, sha256=review.sha256,
                        word_count=review.word_count, pages=review.pages, sections=sections)


def _numbered(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(f.model_copy(update={"id": f"f{i}"}) for i, f in enumerate(findings, start=1))


def _pipeline_name(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def get_glossary(settings: Settings) -> Glossary:
    try:
        return load_glossary(settings.glossary_file)
    except GlossaryError as exc:
        raise ConfigError(str(exc)) from None


@dataclass(frozen=True)
class Engine:
    """Everything a screening needs loaded once per process: language pipeline, glossary, models."""

    nlp: Language
    glossary: Glossary
    passages: PassageModel
    ratings: RatingModel | None
    measures: MeasureModel


@lru_cache(maxsize=4)
def _engine(spacy_model: str, glossary_file: Path | None, models_dir: Path, with_ratings: bool) -> Engine:
    try:
        nlp = load_pipeline(spacy_model)
        passages = load_passage_model(models_dir)
        measures = load_measure_model(models_dir)
        ratings = load_rating_model(models_dir) if with_ratings else None
    except (PipelineUnavailable, PassageModelError, MeasureModelError, RatingModelError) as exc:
        raise ModelError(str(exc)) from None
    try:
        glossary = load_glossary(glossary_file)
    except GlossaryError as exc:
        raise ConfigError(str(exc)) from None
    warm_identity()
    lexicon()
    return Engine(nlp, glossary, passages, ratings, measures)


def load_engine(settings: Settings, with_ratings: bool = True) -> Engine:
    """Load (once) the pipeline, glossary and models; a missing or broken one is a clear error now.

    `with_ratings=False` is for training the ratings model itself.
    """
    return _engine(settings.spacy_model, settings.glossary_file, settings.models_dir, with_ratings)


def _sentences(labelled: list[LabelledSentence]) -> tuple[Sentence, ...]:
    return tuple(Sentence(text=x.sentence.text, label=x.label, score=round(x.score, 4),
                          location=block_location(x.block, x.sentence.start, x.sentence.end)) for x in labelled)


@dataclass(frozen=True)
class Analysis:
    """Every component's output for one review, before it becomes a `Screening`."""

    review: Review
    parsed: list[tuple[Block, Doc]]
    labelled: list[LabelledSentence]
    coverage: Coverage
    findings: list[Finding]
    metrics: dict[str, dict[str, float]]

    def features(self) -> dict[str, float]:
        return rating_features(self.review, self.labelled, self.coverage, self.findings, self.metrics)


def analyse(review: Review, engine: Engine, config: ChecksConfig) -> Analysis:
    parsed_all = list(parse_blocks(engine.nlp, (b for b in review.blocks if b.text.strip())))
    parsed = [(b, d) for b, d in parsed_all if b.kind != "heading"]
    allowed = frozenset(config.terms.allowed)
    thresholds = config.readability_thresholds()
    labelled = label_review(engine.passages, review, parsed)
    coverage, coverage_found = review_coverage(review, labelled, config.coverage.chronology_gap_days, engine.measures)
    findings = config.apply([
        *structure_findings(review),
        *acronym_findings(review, parsed_all, engine.glossary, allowed),
        *jargon_findings(review, parsed, engine.glossary, allowed),
        *passage_findings(review, labelled, engine.passages.meta),
        *identity_findings(identity_details(parsed_all)),
        *language_findings(parsed),
        *coverage_found,
        *readability_findings(review, parsed, thresholds),
    ])
    metrics = section_metrics(parsed, thresholds)
    for sid, share in analytical_shares(labelled).items():
        metrics.setdefault(sid, {})["analytical_share"] = share
    return Analysis(review, parsed, labelled, coverage, findings, metrics)


def _ratings(analysis: Analysis, engine: Engine) -> Ratings:
    if engine.ratings is None:
        return unrated(NOT_RATED[0])
    gap = evidence_gap(analysis.review, analysis.parsed)
    if gap is not None:
        return unrated(gap)
    return engine.ratings.rate(analysis.features(), analysis.findings, analysis.coverage)


def screen_review(review: Review, engine: Engine, config: ChecksConfig) -> Screening:
    analysis = analyse(review, engine, config)
    models = {"spacy": _pipeline_name(engine.nlp), "passages": engine.passages.meta.version,
              "measures": engine.measures.meta.version}
    if engine.ratings is not None:
        models["ratings"] = engine.ratings.meta.version
    return Screening(
        tool=ToolInfo(version=__version__, models=models),
        document=_document_info(review, analysis.metrics),
        findings=_numbered(analysis.findings),
        sentences=_sentences(analysis.labelled),
        ratings=_ratings(analysis, engine),
        coverage=analysis.coverage,
    )


def screen_bytes(data: bytes, filename: str, settings: Settings | None = None,
                 config: ChecksConfig | None = None) -> Screening:
    settings = settings or get_settings()
    engine = load_engine(settings)
    review = read_bytes(data, filename, settings)
    return screen_review(review, engine, config or load_config(settings.config_file))


def screen_path(path: Path, settings: Settings | None = None, config: ChecksConfig | None = None) -> Screening:
    return screen_file(path, settings, config)[2]


def screen_file(path: Path, settings: Settings | None = None,
                config: ChecksConfig | None = None) -> tuple[bytes, Review, Screening]:
    """The file's bytes, the review read from them, and its screening (renderers need all three)."""
    settings = settings or get_settings()
    config = config or load_config(settings.config_file)
    data = file_bytes(path, settings)
    review = read_bytes(data, path.name, settings)  # before the models load: a bad file is refused at once
    return data, review, screen_review(review, load_engine(settings), config)
