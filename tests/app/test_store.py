"""The store against SQLite always, and against the machine's PostgreSQL when one is reachable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from app.cli import cli
from app.store import Store
from nlp.types import DocumentInfo, Rating, Ratings, Screening, ToolInfo
from tests.databases import KINDS, fresh_database

runner = CliRunner()


@pytest.fixture(params=KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with fresh_database(request.param, tmp_path) as url:
        s = Store(url)
        yield s
        s.engine.dispose()


def _screening(name: str) -> Screening:
    rated = Rating(rating="Good", reasons=("r",))
    return Screening(tool=ToolInfo(version="t"),
                     document=DocumentInfo(filename=name, format="txt", sha256="0" * 64, word_count=1, sections=()),
                     findings=(), sentences=(),
                     ratings=Ratings(analysis_of_practice=rated, overall_judgements=rated, learning=rated,
                                     victims_and_families=rated, composite=rated))


def test_keys_roles_and_screenings(store: Store) -> None:
    alice = store.authenticate(store.create_key("alice", "reviewer"))
    ines = store.authenticate(store.create_key("ines", "inspector"))
    assert alice and ines and alice.role == "reviewer" and store.authenticate("sfo_nope") is None
    ident = store.save(_screening("a.txt"), alice, b"document")
    got = store.get(ident, alice)
    assert got and got.document == b"document" and got.screening.document.filename == "a.txt"
    assert store.get(ident, ines) is not None
    assert store.list(ines, 10, 0, rating="Good")[0] == 1 and store.list(ines, 10, 0, rating="Inadequate")[0] == 0
    assert store.migrate() == 1  # idempotent
    assert store.revoke_key("alice") and store.authenticate("x") is None
    assert store.purge(0) == 1


def test_key_hashes_not_keys_are_stored(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    key = Store(f"sqlite:///{db}").create_key("k", "reviewer")
    assert key.encode() not in db.read_bytes()


def test_keys_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.settings import get_settings

    monkeypatch.setenv("SFO_PRESCREEN_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    get_settings.cache_clear()
    try:
        created = runner.invoke(cli, ["keys", "create", "--name", "case-tool", "--role", "inspector"])
        assert created.exit_code == 0
        key = created.stdout.strip().splitlines()[-1]
        assert key.startswith("sfo_") and " " not in key
        assert "case-tool\tinspector\tactive" in runner.invoke(cli, ["keys", "list"]).stdout
        assert runner.invoke(cli, ["keys", "revoke", "case-tool"]).exit_code == 0
        assert runner.invoke(cli, ["keys", "revoke", "case-tool"]).exit_code == 2
    finally:
        get_settings.cache_clear()


WRITERS, SAVES_EACH = 4, 25


def _write_many(url: str, name: str) -> int:
    store = Store(url)
    key = store.authenticate(store.create_key(name, "reviewer"))
    assert key is not None
    for i in range(SAVES_EACH):
        store.save(_screening(f"{name}-{i}.docx"), key, b"document bytes")
    store.engine.dispose()
    return SAVES_EACH


def test_concurrent_writers_in_separate_processes_lose_nothing(store: Store) -> None:
    import multiprocessing

    url = store.engine.url.render_as_string(hide_password=False)
    with multiprocessing.get_context("fork").Pool(WRITERS) as pool:
        written = pool.starmap(_write_many, [(url, f"writer{n}") for n in range(WRITERS)])
    assert sum(written) == WRITERS * SAVES_EACH
    inspector = store.authenticate(store.create_key("checker", "inspector"))
    assert inspector is not None
    total, rows = store.list(inspector, limit=200, offset=0)
    assert total == WRITERS * SAVES_EACH
    assert {r[2] for r in rows} == {f"writer{n}-{i}.docx" for n in range(WRITERS) for i in range(SAVES_EACH)}


def test_sqlite_store_runs_in_wal_mode(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30_000
