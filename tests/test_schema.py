from __future__ import annotations

from pathlib import Path

from app.report.json_report import screening_schema

SCHEMA = Path(__file__).resolve().parents[1] / "docs" / "screening.schema.json"


def test_committed_schema_matches_the_models() -> None:
    """Renaming or removing a field must be a deliberate schema change: regenerate with `sfo-prescreen schema`."""
    assert SCHEMA.read_text() == screening_schema()
