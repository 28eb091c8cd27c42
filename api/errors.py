"""Errors as application/problem+json (RFC 9457), never a traceback."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.errors import PrescreenError

log = logging.getLogger("sfo_prescreen.api")

_STATUS = {"too_large": 413, "model": 503, "config": 500, "unsupported_format": 415, "timeout": 504}
PROBLEM = "application/problem+json"


def problem(status: int, title: str, detail: str, code: str) -> JSONResponse:
    return JSONResponse({"type": f"urn:sfo-prescreen:error:{code}", "title": title, "status": status,
                         "detail": detail, "code": code}, status_code=status, media_type=PROBLEM)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(PrescreenError)
    async def _prescreen_error(_: Request, exc: PrescreenError) -> JSONResponse:
        status = _STATUS.get(exc.code, 422)
        return problem(status, "The document could not be screened", exc.message, exc.code)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {401: "unauthorized", 404: "not_found", 405: "method_not_allowed", 408: "request_timeout",
                409: "conflict", 413: "too_large", 415: "unsupported_media_type", 429: "too_many_requests"}.get(
            exc.status_code, f"http_{exc.status_code}")
        response = problem(exc.status_code, code.replace("_", " ").capitalize(), str(exc.detail), code)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected %s while handling a request", type(exc).__name__)  # never the message: may hold text
        return problem(500, "Internal error", "The service failed unexpectedly; the request id identifies the "
                       "failure in the service's logs.", "internal")

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return problem(422, "Invalid request", f"{where}: {first.get('msg', 'invalid')}", "invalid_request")
