"""The `sfo-prescreen` command line."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from app import __version__
from app.errors import PrescreenError
from app.report.json_report import render_json, screening_schema
from app.report.text import render_text
from app.screen import screen_file
from app.settings import get_settings
from app.timelimit import time_limit
from nlp.checks import registry

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2

cli = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Pre-screen Serious Further Offence review drafts against the HMIP standards.")


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    docx = "docx"
    html = "html"


def _fail(message: str) -> None:
    sys.stderr.write(f"error: {' '.join(message.split())}\n")
    raise typer.Exit(EXIT_INPUT)


def _write(content: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(content)
        return
    try:
        output.write_text(content, encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror}")


@cli.command()
def check(
    file: Annotated[Path, typer.Argument(help="The review draft: .docx, .pdf, .txt or .md (detected by content).")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Checks configuration (TOML).")] = None,
) -> None:
    """Screen one draft. Exit 0: no errors found; 1: error-severity findings; 2: unreadable input."""
    settings = get_settings()
    if config is not None:
        settings = settings.model_copy(update={"config_file": config})
    if output is not None and output.resolve() == file.resolve():
        _fail("--output names the input file: choose another path so the draft is not overwritten")
    if fmt is OutputFormat.docx and output is None:
        _fail("--format docx writes a Word file: give it a name with --output OUT.docx")
    try:
        with time_limit(settings.request_timeout_s):
            data, review, screening = screen_file(file, settings)
    except PrescreenError as exc:
        _fail(exc.message)
        return
    if fmt is OutputFormat.docx and output is not None:
        from app.report.annotated_docx import AnnotationError, annotated_docx

        try:
            _write_bytes(annotated_docx(data, review, screening, settings), output)
        except AnnotationError as exc:
            _fail(f"cannot annotate this draft: {exc}")
    elif fmt is OutputFormat.html:
        from app.report.html import render_html

        _write(render_html(review, screening), output)
    else:
        _write(render_json(screening) if fmt is OutputFormat.json else render_text(screening), output)
    raise typer.Exit(EXIT_FINDINGS if screening.has_errors() else EXIT_OK)


@cli.command()
def evaluate(
    directory: Annotated[Path, typer.Argument(help="Folder of documents, each with a gold NAME.json beside it.")],
    split: Annotated[str | None, typer.Option(help="Only this split of splits.json (train, dev, test).")] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write the full results as JSON.")] = None,
) -> None:
    """Screen every gold-annotated draft in DIRECTORY and measure each component against the gold."""
    from app.evaluate import evaluate as run_evaluation
    from app.report.evaluation import render_evaluation

    if not directory.is_dir():
        _fail(f"{directory} is not a folder")
    try:
        result = run_evaluation(directory, split, get_settings())
    except PrescreenError as exc:
        _fail(exc.message)
        return
    sys.stdout.write(render_evaluation(result))
    if json_path is not None:
        _write(json.dumps(result, indent=2, default=str) + "\n", json_path)


@cli.command()
def batch(
    directory: Annotated[Path, typer.Argument(help="Folder of drafts (searched recursively).")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the screenings and summaries.")],
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes (one per core).")] = 2,
    annotated: Annotated[bool, typer.Option("--annotated/--no-annotated", help="Also write annotated DOCX.")] = False,
) -> None:
    """Screen every draft in DIRECTORY in parallel; write screenings, summary.csv and themes."""
    from rich.progress import Progress

    from app.batch import drafts_in, run_batch

    if not directory.is_dir():
        _fail(f"{directory} is not a folder")
    total = len(drafts_in(directory))
    with Progress(transient=True) as bar:
        task = bar.add_task("screening", total=total)
        result = run_batch(directory, out, get_settings(), jobs=jobs, annotate=annotated,
                           progress=lambda _: bar.advance(task))
    for outcome in result.failed:
        sys.stderr.write(f"skipped {outcome.path}: {outcome.error}\n")
    sys.stdout.write(f"{total - len(result.failed)} screened, {len(result.failed)} skipped; "
                     f"summary: {out / 'summary.csv'}; themes: {out / 'themes.md'}\n")
    raise typer.Exit(EXIT_FINDINGS if result.failed else EXIT_OK)


@cli.command()
def redact(
    file: Annotated[Path, typer.Argument(help="The review draft (.docx, .pdf, .txt, .md).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The redacted copy (.docx; .txt for text input).")],
    log: Annotated[Path | None, typer.Option(help="Redaction log (CSV); default beside OUTPUT.")] = None,
) -> None:
    """Write a copy with every identifying detail replaced by a consistent placeholder, and a log."""
    from app.ingest import file_bytes
    from app.redact import redact as run_redaction
    from app.redact import write_log
    from app.screen import load_engine

    settings = get_settings()
    if output.resolve() == file.resolve():
        _fail("--output names the input file: choose another path so the draft is not overwritten")
    try:
        result = run_redaction(file_bytes(file, settings), file.name, load_engine(settings), settings)
    except PrescreenError as exc:
        _fail(exc.message)
        return
    if output.suffix.lower() != result.extension:
        _fail(f"this input gives a {result.extension} copy: name the output with that extension")
    log_path = log or output.with_name(output.stem + ".redaction-log.csv")
    _write_bytes(result.data, output)
    write_log(result.log, log_path)
    sys.stdout.write(f"{len(result.log)} details replaced; copy: {output}; log: {log_path}\n")
    for note in result.notes:
        sys.stdout.write(f"note: {note}\n")


def _write_bytes(data: bytes, output: Path) -> None:
    try:
        output.write_bytes(data)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror}")


keys_app = typer.Typer(help="Manage API keys for the HTTP service.", no_args_is_help=True)
cli.add_typer(keys_app, name="keys")


class KeyRole(StrEnum):
    reviewer = "reviewer"
    inspector = "inspector"


@keys_app.command("create")
def keys_create(
    name: Annotated[str, typer.Option(help="A name for the key (who or what uses it).")],
    role: Annotated[KeyRole, typer.Option(help="reviewer: sees its own screenings; inspector: sees all.")],
) -> None:
    """Create a key; it is printed once, alone on the last line, and stored only as a hash."""
    from app.store import open_store

    try:
        key = open_store(get_settings().database_url).create_key(name, role.value)
    except PrescreenError as exc:
        _fail(exc.message)
        return
    sys.stdout.write(f"key {name!r} ({role.value}) created; copy it now, it is not shown again:\n{key}\n")


@keys_app.command("revoke")
def keys_revoke(name: Annotated[str, typer.Argument(help="The key's name.")]) -> None:
    """Revoke a key by name."""
    from app.store import open_store

    if not open_store(get_settings().database_url).revoke_key(name):
        _fail(f"no active key named {name!r}")
    sys.stdout.write(f"key {name!r} revoked\n")


@keys_app.command("list")
def keys_list() -> None:
    """List keys: name, role, and whether revoked (never the key itself)."""
    from app.store import open_store

    for name, role, revoked in open_store(get_settings().database_url).list_keys():
        sys.stdout.write(f"{name}\t{role}\t{'revoked' if revoked else 'active'}\n")


train_app = typer.Typer(help="Retrain a model from the corpus.", no_args_is_help=True)
cli.add_typer(train_app, name="train")


@train_app.command("passages")
def train_passages_command(
    corpus: Annotated[Path, typer.Option(help="Corpus folder (reviews/, sentences/, splits.json).")] = Path("corpus"),
    out: Annotated[Path | None, typer.Option(help="Where to write the model (default: the models folder).")] = None,
) -> None:
    """Train the descriptive/analytical sentence classifier; writes the skops file and model card."""
    from app.train.passages import train_passages

    settings = get_settings()
    if not (corpus / "splits.json").is_file():
        _fail(f"{corpus} has no splits.json: point --corpus at a corpus folder")
    meta = train_passages(corpus, out or settings.models_dir, settings)
    sys.stdout.write(f"passage model {meta['version']}: test macro-F1 {meta['test']['macro_f1']:.3f}, "
                     f"hard cases {meta['test_hard_cases']['macro_f1']:.3f}; written to {out or settings.models_dir}\n")


@train_app.command("measures")
def train_measures_command(
    corpus: Annotated[Path, typer.Option(help="Corpus folder (reviews/, action_plans/).")] = Path("corpus"),
    out: Annotated[Path | None, typer.Option(help="Where to write the model (default: the models folder).")] = None,
) -> None:
    """Train the measure-of-success classifier that backs up the measure cues; writes the skops file and card."""
    from app.train.measures import train_measures

    settings = get_settings()
    if not (corpus / "splits.json").is_file() or not (corpus / "action_plans" / "splits.json").is_file():
        _fail(f"{corpus} has no splits.json or action_plans/splits.json: point --corpus at a corpus folder")
    try:
        meta = train_measures(corpus, out or settings.models_dir)
    except PrescreenError as exc:
        _fail(exc.message)
        return
    held = meta["holdout_plans"]
    sys.stdout.write(f"measure model {meta['version']}: threshold {meta['threshold']}; holdout plans F1 "
                     f"{held['cues']['f1']:.3f} (cues) -> {held['cues_or_model']['f1']:.3f}; "
                     f"written to {out or settings.models_dir}\n")


@train_app.command("ratings")
def train_ratings_command(
    corpus: Annotated[Path, typer.Option(help="Folder of rated reviews with gold files.")] = Path("corpus"),
    out: Annotated[Path | None, typer.Option(help="Where to write the model (default: the models folder).")] = None,
) -> None:
    """Train the provisional rating models from rated reviews; writes the skops file and model card."""
    from app.train.ratings import train_ratings

    settings = get_settings()
    try:
        meta = train_ratings(corpus, out or settings.models_dir, settings)
    except PrescreenError as exc:
        _fail(exc.message)
        return
    test = meta["test"]
    summary = (f"composite exact {test['composite']['exact']:.2f}, adjacent {test['composite']['adjacent']:.2f}"
               if test else "no held-out split")
    sys.stdout.write(f"ratings model {meta['version']}: {summary}; written to {out or settings.models_dir}\n")


@cli.command()
def checks() -> None:
    """List every check: id, standard, default severity and description."""
    for spec in registry().values():
        sys.stdout.write(f"{spec.id}\t{spec.standard or '-'}\t{spec.severity}\t{spec.description}\n")


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the screening object."""
    sys.stdout.write(screening_schema())


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
) -> None:
    """Start the HTTP API (FastAPI on uvicorn)."""
    import uvicorn

    uvicorn.run("api.main:create_app", factory=True, host=host, port=port, workers=workers)


@cli.command()
def version() -> None:
    """Print the version."""
    sys.stdout.write(f"sfo-prescreen {__version__}\n")


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
