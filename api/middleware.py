"""A request id on every response, and one structured log line per request — never document text.

Plain ASGI (not BaseHTTPMiddleware), so errors raised while the body is read reach the error handlers
as themselves.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid

from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("sfo_prescreen.api")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIds:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        start = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["X-Request-ID"] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            route = scope.get("route")
            log.info(json.dumps({"event": "request", "request_id": request_id, "method": scope.get("method"),
                                 "route": getattr(route, "path", "unmatched"), "status": status,
                                 "ms": round((time.perf_counter() - start) * 1000, 1)}))


def install_request_ids(app: FastAPI) -> None:
    app.add_middleware(RequestIds)
