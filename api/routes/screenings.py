"""/v1/screenings: create (file upload or JSON text), list, fetch, delete, and downloads."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response
from pydantic import ValidationError

from api.auth import KeyDep, StoreDep
from api.deps import EngineDep, SettingsDep
from api.models import ScreeningOut, ScreeningPage, ScreeningSummary, TextDraft
from api.workers import run_screening
from app.errors import IngestError
from app.ingest import read_bytes
from app.store import StoredScreening
from nlp.types import Screening

router = APIRouter(prefix="/v1/screenings", tags=["screenings"])
UPLOAD_BODY = {"requestBody": {"content": {
    "multipart/form-data": {"schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}},
                                       "required": ["file"]}},
    "application/json": {"schema": TextDraft.model_json_schema()}}}}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


async def _draft(request: Request, limit: int) -> tuple[str, bytes]:
    kind = request.headers.get("content-type", "")
    if kind.startswith("multipart/form-data"):
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise HTTPException(status_code=422, detail="Send the draft as a multipart field named 'file'.")
        data = await upload.read(limit + 1)
        return upload.filename or "upload", data
    if kind.startswith("application/json"):
        try:
            body = TextDraft.model_validate_json(await request.body())
        except ValidationError:
            raise HTTPException(status_code=422, detail="Send JSON {\"filename\": ..., \"text\": ...}.") from None
        return body.filename, body.text.encode("utf-8")
    raise HTTPException(status_code=415, detail="Send the draft as multipart/form-data (field 'file') or JSON text.")


def _out(stored: StoredScreening) -> ScreeningOut:
    return ScreeningOut(**stored.screening.model_dump(), id=stored.id, created_at=stored.created_at)


@router.post("", response_model=ScreeningOut, status_code=201, openapi_extra=UPLOAD_BODY)
async def create_screening(request: Request, settings: SettingsDep, store: StoreDep, key: KeyDep) -> ScreeningOut:
    """Screen a draft (DOCX, PDF, text or Markdown; detected by content) and store the screening."""
    filename, data = await _draft(request, settings.max_file_bytes)
    if len(data) > settings.max_file_bytes:
        raise IngestError("too_large", f"the file is larger than the limit of {settings.max_file_mb:g} MB")
    screening_json = await run_screening(data, filename, settings)
    screening = Screening.model_validate_json(screening_json)
    store.purge(settings.retention_days)  # retention is enforced whenever something new is stored
    ident = store.save(screening, key, data if settings.store_documents else None)
    stored = store.get(ident, key)
    assert stored is not None
    return _out(stored)


@router.get("", response_model=ScreeningPage)
def list_screenings(store: StoreDep, key: KeyDep, limit: Annotated[int, Query(ge=1, le=200)] = 50,
                    offset: Annotated[int, Query(ge=0)] = 0, since: dt.datetime | None = None,
                    until: dt.datetime | None = None, rating: str | None = None) -> ScreeningPage:
    """Screenings visible to this key, newest first, filtered by date and composite rating."""
    total, rows = store.list(key, limit, offset, since, until, rating)
    return ScreeningPage(total=total, limit=limit, offset=offset,
                         items=[ScreeningSummary(id=i, created_at=c, filename=f, composite=r) for i, c, f, r in rows])


def _find(store: StoreDep, key: KeyDep, ident: str) -> StoredScreening:
    stored = store.get(ident, key)
    if stored is None:
        raise HTTPException(status_code=404, detail="No such screening.")
    return stored


@router.get("/{ident}", response_model=ScreeningOut)
def get_screening(ident: str, store: StoreDep, key: KeyDep) -> ScreeningOut:
    return _out(_find(store, key, ident))


@router.delete("/{ident}", status_code=204)
def delete_screening(ident: str, store: StoreDep, key: KeyDep) -> Response:
    if not store.delete(ident, key):
        raise HTTPException(status_code=404, detail="No such screening.")
    return Response(status_code=204)


def _document(stored: StoredScreening) -> bytes:
    if stored.document is None:
        raise HTTPException(status_code=409, detail="The document was not stored (SFO_PRESCREEN_STORE_DOCUMENTS is "
                                                    "off), so this download cannot be made: screen it again.")
    return stored.document


@router.get("/{ident}/annotated.docx", response_class=Response,
            responses={200: {"content": {DOCX_TYPE: {}}}})
def annotated(ident: str, store: StoreDep, key: KeyDep, settings: SettingsDep) -> Response:
    """The draft with a Word comment on each flagged span."""
    from app.report.annotated_docx import annotated_docx

    stored = _find(store, key, ident)
    data = _document(stored)
    review = read_bytes(data, stored.screening.document.filename, settings)
    return Response(annotated_docx(data, review, stored.screening, settings), media_type=DOCX_TYPE,
                    headers={"Content-Disposition": 'attachment; filename="annotated.docx"'})


@router.get("/{ident}/report.html", response_class=Response, responses={200: {"content": {"text/html": {}}}})
def report(ident: str, store: StoreDep, key: KeyDep, settings: SettingsDep) -> Response:
    """The self-contained HTML report."""
    from app.report.html import render_html

    stored = _find(store, key, ident)
    review = read_bytes(_document(stored), stored.screening.document.filename, settings)
    return Response(render_html(review, stored.screening), media_type="text/html")


@router.get("/{ident}/redacted.docx", response_class=Response, responses={200: {"content": {DOCX_TYPE: {}}}})
def redacted(ident: str, store: StoreDep, key: KeyDep, settings: SettingsDep, engine: EngineDep) -> Response:
    """A copy with every identifying detail replaced by its placeholder."""
    from app.redact import redact

    stored = _find(store, key, ident)
    result = redact(_document(stored), stored.screening.document.filename, engine, settings)
    media = DOCX_TYPE if result.extension == ".docx" else "text/plain"
    return Response(result.data, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="redacted{result.extension}"'})
