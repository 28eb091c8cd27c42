"""The one function that turns a file into a `Screening`."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from app import __version__
from app.config import ChecksConfig, load_config
from app.errors import ModelError
from app.ingest import read_bytes, read_path
from app.settings import Settings, get_settings
from nlp.pipeline import PipelineUnavailable, load_pipeline
from nlp.sentences import review_sentences
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


def _document_info(review: Review) -> DocumentInfo:
    sections = tuple(SectionOut(id=s.id, title=s.title, kind=s.kind, subkind=s.subkind) for s in review.sections)
    return DocumentInfo(filename=review.filename, format=review.format, sha256=review.sha256,
                        word_count=review.word_count, pages=review.pages, sections=sections)


def _numbered(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(f.model_copy(update={"id": f"f{i}"}) for i, f in enumerate(findings, start=1))


def _pipeline_name(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def screen_review(review: Review, nlp: Language, config: ChecksConfig) -> Screening:
    findings = config.apply(structure_findings(review))
    unrated = Rating(reasons=NOT_RATED)
    return Screening(
        tool=ToolInfo(version=__version__, models={"spacy": _pipeline_name(nlp)}),
        document=_document_info(review),
        findings=_numbered(findings),
        sentences=tuple(review_sentences(nlp, review)),
        ratings=Ratings(analysis_of_practice=unrated, overall_judgements=unrated, learning=unrated,
                        victims_and_families=unrated, composite=unrated),
    )


def screen_bytes(data: bytes, filename: str, settings: Settings | None = None,
                 config: ChecksConfig | None = None) -> Screening:
    settings = settings or get_settings()
    review = read_bytes(data, filename, settings)
    return screen_review(review, get_pipeline(settings), config or load_config(settings.config_file))


def screen_path(path: Path, settings: Settings | None = None, config: ChecksConfig | None = None) -> Screening:
    settings = settings or get_settings()
    config = config or load_config(settings.config_file)
    review = read_path(path, settings)
    return screen_review(review, get_pipeline(settings), config)
