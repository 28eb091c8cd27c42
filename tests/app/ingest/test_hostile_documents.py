"""Every hostile document is refused with its specific error (exit 2 from the CLI), the file untouched."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.errors import IngestError
from app.ingest import read_bytes
from tests.hostile_docs import HOSTILE

runner = CliRunner()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_document_gets_its_specific_error(name: str) -> None:
    build, filename, code = HOSTILE[name]
    with pytest.raises(IngestError) as info:
        read_bytes(build(), filename)
    assert info.value.code == code, info.value.message


@pytest.mark.parametrize("name", ["billion laughs", "huge attribute (3 MB)", "30,000 table cells", "501-page PDF"])
def test_cli_refuses_hostile_documents_with_exit_2_and_one_line(tmp_path: Path, name: str) -> None:
    build: Callable[[], bytes]
    build, filename, _ = HOSTILE[name]
    path = tmp_path / filename
    path.write_bytes(build())
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_limits_are_configurable(settings) -> None:  # type: ignore[no-untyped-def]
    build, filename, _ = HOSTILE["30,000 table cells"]
    relaxed = settings.model_copy(update={"max_table_cells": 40_000})
    assert read_bytes(build(), filename, relaxed).blocks  # under a raised limit it reads
