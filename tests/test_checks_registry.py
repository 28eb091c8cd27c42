from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from nlp.checks import CheckSpec, registry

TESTS = Path(__file__).resolve().parent


def test_every_check_is_exercised_by_a_test() -> None:
    """Meta-test: a check no test names is a check nobody has shown to flag (or not flag) anything."""
    corpus = "\n".join(p.read_text() for p in TESTS.rglob("test_*.py") if p.name != Path(__file__).name)
    missing = [cid for cid in registry() if cid not in corpus]
    assert missing == []


@pytest.mark.parametrize("bad", ["Acronym.undefined", "acronym", "misc.thing", "acronym.Undefined", "acronym..x"])
def test_check_ids_are_dotted_lower_case_with_known_prefix(bad: str) -> None:
    with pytest.raises(ValidationError):
        CheckSpec(id=bad, standard=None, severity="info", description="x")
