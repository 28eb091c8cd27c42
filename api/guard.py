"""Request bodies under a size limit and a time limit, enforced while they are read.

A declared Content-Length over the limit is refused at the first read; a chunked body is counted as
it arrives and refused the moment it passes the limit, so an oversized upload is never held whole.
A client that sends its body too slowly gets 408. Both are raised inside the application, so they
reach the client as problem+json like every other error.
"""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.settings import Settings, get_settings


def app_settings(app: Any) -> Settings:
    """The settings the app's routes see (tests and embedders override `get_settings`)."""
    provider = getattr(app, "dependency_overrides", {}).get(get_settings, get_settings)
    settings: Settings = provider()
    return settings


def _too_large(limit: int) -> HTTPException:
    return HTTPException(status_code=413, detail=f"The request body is larger than the limit of "
                                                 f"{round(limit / 1_048_576, 2):g} MB: send a smaller file.")


class RequestGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        settings = app_settings(scope.get("app"))
        limit, timeout = settings.max_request_bytes, settings.request_body_timeout_s
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        oversized = declared.isdigit() and int(declared) > limit
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        received = 0
        done = False

        async def guarded_receive() -> Message:
            nonlocal received, done
            if done:
                return await receive()
            if oversized:
                raise _too_large(limit)
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                raise HTTPException(status_code=408, detail=f"The request body did not arrive within "
                                                            f"{timeout:g} s: check the connection and retry.") from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _too_large(limit)
                done = not message.get("more_body", False)
            else:
                done = True
            return message

        await self.app(scope, guarded_receive, send)
