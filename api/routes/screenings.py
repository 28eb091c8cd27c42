from __future__ import annotations

from fastapi import APIRouter, UploadFile

from api.deps import EngineDep, SettingsDep
from app.config import load_config
from app.errors import IngestError
from app.ingest import read_bytes
from app.screen import screen_review
from nlp.types import Screening

router = APIRouter(prefix="/v1/screenings", tags=["screenings"])


@router.post("", response_model=Screening)
async def create_screening(file: UploadFile, settings: SettingsDep, engine: EngineDep) -> Screening:
    """Screen an uploaded draft (DOCX, PDF, text or Markdown; detected by content)."""
    data = await file.read(settings.max_file_bytes + 1)
    if len(data) > settings.max_file_bytes:
        raise IngestError("too_large", f"the file is larger than the limit of {settings.max_file_mb:g} MB")
    review = read_bytes(data, file.filename or "upload", settings)
    return screen_review(review, engine, load_config(settings.config_file))
