"""Dependencies declared once as Annotated aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from spacy.language import Language

from app.screen import get_pipeline
from app.settings import Settings, get_settings

SettingsDep = Annotated[Settings, Depends(get_settings)]


def _pipeline(settings: SettingsDep) -> Language:
    return get_pipeline(settings)


PipelineDep = Annotated[Language, Depends(_pipeline)]
