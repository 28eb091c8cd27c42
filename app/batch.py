"""`sfo-prescreen batch DIR --out OUTDIR`: screen every draft in a folder, in parallel across cores.

Writes one screening per draft (JSON, and the annotated DOCX on request), `summary.csv` (one row
per review: ratings and counts by check) and `themes.csv` / `themes.md` (how many reviews analyse
each practice stage, theme and systemic factor and reach each learning level). A broken file is
reported and skipped; the rest go on.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from app.config import ChecksConfig, load_config
from app.errors import PrescreenError
from app.settings import Settings
from app.timelimit import time_limit
from nlp.types import STANDARDS, Screening

SUFFIXES = frozenset({".docx", ".pdf", ".txt", ".md"})
_worker: dict[str, object] = {}


@dataclass
class Outcome:
    path: Path
    screening: Screening | None = None
    annotated: bytes | None = None
    error: str | None = None


@dataclass
class BatchResult:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error]


def drafts_in(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                  and not p.name.startswith((".", "~$")))


def _init(settings: Settings, config: ChecksConfig) -> None:
    from app.screen import load_engine

    _worker["settings"], _worker["config"], _worker["engine"] = settings, config, load_engine(settings)


def _screen_one(path: Path, annotate: bool) -> Outcome:
    from app.ingest import file_bytes, read_bytes
    from app.report.annotated_docx import AnnotationError, annotated_docx
    from app.screen import Engine, screen_review

    settings, config, engine = _worker["settings"], _worker["config"], _worker["engine"]
    assert isinstance(settings, Settings) and isinstance(config, ChecksConfig) and isinstance(engine, Engine)
    try:
        with time_limit(settings.request_timeout_s):
            data = file_bytes(path, settings)
            review = read_bytes(data, path.name, settings)
            screening = screen_review(review, engine, config)
            annotated = annotated_docx(data, review, screening, settings) if annotate else None
        return Outcome(path, screening, annotated)
    except (PrescreenError, AnnotationError) as exc:
        return Outcome(path, error=str(exc))
    except OSError as exc:
        return Outcome(path, error=f"cannot read the file: {exc.strerror}")


def run_batch(directory: Path, out: Path, settings: Settings, jobs: int = 2, annotate: bool = False,
              progress: Callable[[Outcome], None] | None = None) -> BatchResult:
    config = load_config(settings.config_file)
    paths = drafts_in(directory)
    out.mkdir(parents=True, exist_ok=True)
    result = BatchResult()
    with ProcessPoolExecutor(max_workers=max(1, jobs), initializer=_init, initargs=(settings, config)) as pool:
        futures = [pool.submit(_screen_one, p, annotate) for p in paths]
        for future in as_completed(futures):
            outcome = future.result()
            _write_outcome(outcome, directory, out)
            result.outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
    result.outcomes.sort(key=lambda o: str(o.path))
    write_summary(result.outcomes, directory, out / "summary.csv")
    write_themes([o.screening for o in result.outcomes if o.screening], out)
    return result


def _stem(path: Path, directory: Path) -> str:
    return str(path.relative_to(directory).with_suffix("")).replace("/", "__")


def _write_outcome(outcome: Outcome, directory: Path, out: Path) -> None:
    if outcome.screening is not None:
        stem = _stem(outcome.path, directory)
        (out / f"{stem}.json").write_text(outcome.screening.model_dump_json(indent=2), encoding="utf-8")
        if outcome.annotated is not None:
            (out / f"{stem}.annotated.docx").write_bytes(outcome.annotated)


def write_summary(outcomes: Iterable[Outcome], directory: Path, path: Path) -> None:
    outcomes = list(outcomes)
    checks = sorted({f.check for o in outcomes if o.screening for f in o.screening.findings})
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "status", "words", *STANDARDS, "composite", "errors", "warnings", "notes", *checks])
        for o in outcomes:
            name = str(o.path.relative_to(directory))
            if o.screening is None:
                writer.writerow([name, f"skipped: {o.error}"])
                continue
            s = o.screening
            severities = Counter(f.severity for f in s.findings)
            by_check = Counter(f.check for f in s.findings)
            ratings = [getattr(s.ratings, k).rating or "" for k in (*STANDARDS, "composite")]
            writer.writerow([name, "screened", s.document.word_count, *ratings, severities["error"],
                             severities["warning"], severities["info"], *(by_check[c] for c in checks)])


def themes(screenings: list[Screening]) -> list[tuple[str, str, int, int]]:
    """(group, element, reviews where it holds, reviews screened) — the tables of an annual report."""
    rows: list[tuple[str, str, int, int]] = []
    covered = [s.coverage for s in screenings if s.coverage is not None]
    n = len(covered)
    if not covered:
        return rows
    first = covered[0]
    for name in first.analysis_of_practice.stages:
        rows.append(("practice stage analysed", name,
                     sum(c.analysis_of_practice.stages[name].status == "analysed" for c in covered), n))
    for name in first.analysis_of_practice.themes:
        rows.append(("practice theme analysed", name,
                     sum(c.analysis_of_practice.themes[name].status == "analysed" for c in covered), n))
    for name in first.overall_judgements.systemic_factors:
        rows.append(("systemic factor weighed", name,
                     sum(c.overall_judgements.systemic_factors[name].present for c in covered), n))
    for name in first.learning.levels:
        rows.append(("learning level reached", name, sum(c.learning.levels[name].present for c in covered), n))
    for key in (*STANDARDS, "composite"):
        counts = Counter(getattr(s.ratings, key).rating or "not rated" for s in screenings)
        rows.extend(("provisional rating: " + key, level, k, len(screenings)) for level, k in sorted(counts.items()))
    return rows


def write_themes(screenings: list[Screening], out: Path) -> None:
    rows = themes(screenings)
    with (out / "themes.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["group", "element", "reviews", "of"])
        writer.writerows(rows)
    lines = [f"# Themes across {len(screenings)} screened reviews", ""]
    group = None
    for g, element, k, n in rows:
        if g != group:
            lines += ["", f"## {g}", "", "| element | reviews | share |", "|---|---|---|"]
            group = g
        lines.append(f"| {element.replace('_', ' ')} | {k} of {n} | {k / n:.0%} |")
    (out / "themes.md").write_text("\n".join(lines) + "\n", encoding="utf-8")

