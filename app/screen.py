"""The one function that turns a file into a `Screening`."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from app import __version__
from app.config import ChecksConfig, load_config
from app.errors import ConfigError, ModelError
from app.ingest import read_bytes, read_path
from app.settings import Settings, get_settings
from nlp.acronyms import acronym_findings
from nlp.glossary import Glossary, GlossaryError, load_glossary
from nlp.jargon import jargon_findings
from nlp.pipeline import PipelineUnavailable, load_pipeline
from nlp.readability import readability_findings, section_metrics
from nlp.sentences import parse_blocks, sentences_of
from nlp.structure import structure_findings
from nlp.types import (
    DocumentInfo,
    Finding,
    Rating,
    Ratings,
    Review,
    Screening,
    SectionOut,
    ToolInfo,
)

NOT_RATED = ("Not rated: this version has no trained rating model yet, so no provisional rating is given.",)


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


def screen_review(review: Review, nlp: Language, config: ChecksConfig,
                  glossary: Glossary | None = None) -> Screening:
    glossary = glossary or load_glossary(None)
    parsed_all = list(parse_blocks(nlp, (b for b in review.blocks if b.text.strip())))
    parsed = [(b, d) for b, d in parsed_all if b.kind != "heading"]
    allowed = frozenset(config.terms.allowed)
    thresholds = config.readability_thresholds()
    findings = config.apply([
        *structure_findings(review),
        *acronym_findings(review, parsed_all, glossary, allowed),
        *jargon_findings(review, parsed, glossary, allowed),
        *readability_findings(review, parsed, thresholds),
    ])
    unrated = Rating(reasons=NOT_RATED)
    return Screening(
        tool=ToolInfo(version=__version__, models={"spacy": _pipeline_name(nlp)}),
        document=_document_info(review, section_metrics(parsed, thresholds)),
        findings=_numbered(findings),
        sentences=tuple(sentences_of(parsed)),
        ratings=Ratings(analysis_of_practice=unrated, overall_judgements=unrated, learning=unrated,
                        victims_and_families=unrated, composite=unrated),
    )


def screen_bytes(data: bytes, filename: str, settings: Settings | None = None,
                 config: ChecksConfig | None = None) -> Screening:
    settings = settings or get_settings()
    review = read_bytes(data, filename, settings)
    return screen_review(review, get_pipeline(settings), config or load_config(settings.config_file),
                         get_glossary(settings))


def screen_path(path: Path, settings: Settings | None = None, config: ChecksConfig | None = None) -> Screening:
    settings = settings or get_settings()
    config = config or load_config(settings.config_file)
    review = read_path(path, settings)
    return screen_review(review, get_pipeline(settings), config, get_glossary(settings))
