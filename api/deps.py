"""Dependencies declared once as Annotated aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from app.screen import Engine, load_engine
from app.settings import Settings, get_settings

SettingsDep = Annotated[Settings, Depends(get_settings)]


def _engine(settings: SettingsDep) -> Engine:
    return load_engine(settings)


EngineDep = Annotated[Engine, Depends(_engine)]
