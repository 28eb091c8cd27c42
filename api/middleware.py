"""A request id on every response, and one structured log line per request — never document text."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

log = logging.getLogger("sfo_prescreen.api")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def install_request_ids(app: FastAPI) -> None:
    @app.middleware("http")
    async def _request_id(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        incoming = request.headers.get("x-request-id", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        request.state.request_id = request_id
        start = time.perf_counter()
        response = await call_next(request)
        response.headers["X-Request-ID"] = request_id
        route = request.scope.get("route")
        log.info(json.dumps({"event": "request", "request_id": request_id, "method": request.method,
                             "route": getattr(route, "path", "unmatched"),
                             "status": response.status_code,
                             "ms": round((time.perf_counter() - start) * 1000, 1)}))
        return response
