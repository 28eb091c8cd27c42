from __future__ import annotations

import pytest
from spacy.language import Language

from app.settings import Settings
from nlp.pipeline import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline(Settings().spacy_model)


@pytest.fixture()
def settings() -> Settings:
    return Settings()
