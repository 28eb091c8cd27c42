"""Errors as application/problem+json (RFC 9457), never a traceback."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from app.errors import PrescreenError

_STATUS = {"too_large": 413, "model": 503, "config": 500}
PROBLEM = "application/problem+json"


def problem(status: int, title: str, detail: str, code: str) -> JSONResponse:
    return JSONResponse({"type": f"urn:sfo-prescreen:error:{code}", "title": title, "status": status,
                         "detail": detail, "code": code}, status_code=status, media_type=PROBLEM)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(PrescreenError)
    async def _prescreen_error(_: Request, exc: PrescreenError) -> JSONResponse:
        status = _STATUS.get(exc.code, 422)
        return problem(status, "The document could not be screened", exc.message, exc.code)
