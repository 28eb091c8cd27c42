"""API keys: `Authorization: Bearer KEY`; a missing or wrong key is 401 (problem+json).

Failed attempts are counted per client address; past `auth_failures_allowed` in
`auth_failure_window_s` the client gets 429 with Retry-After for every request that needs a key,
right or wrong, so keys cannot be guessed at speed.
"""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from api.deps import SettingsDep
from api.ratelimit import FailureLimiter
from app.store import ApiKey, Store, open_store


def get_store(settings: SettingsDep) -> Store:
    return open_store(settings.database_url)


StoreDep = Annotated[Store, Depends(get_store)]


def current_key(request: Request, settings: SettingsDep, store: StoreDep,
                authorization: Annotated[str | None, Header()] = None) -> ApiKey:
    client = request.client.host if request.client else "unknown"
    limiter: FailureLimiter = request.app.state.auth_failures  # made by create_app
    wait = limiter.retry_after(client, settings.auth_failures_allowed, settings.auth_failure_window_s)
    if wait is not None:
        raise HTTPException(status_code=429, detail="Too many failed authentications from this client: wait and "
                                                    "retry with a valid key.",
                            headers={"Retry-After": str(max(1, math.ceil(wait)))})
    scheme, _, token = (authorization or "").partition(" ")
    key = store.authenticate(token.strip()) if scheme.lower() == "bearer" and token.strip() else None
    if key is None:
        limiter.failed(client, settings.auth_failure_window_s)
        raise HTTPException(status_code=401, detail="A valid API key is needed: send 'Authorization: Bearer KEY'.",
                            headers={"WWW-Authenticate": "Bearer"})
    return key


KeyDep = Annotated[ApiKey, Depends(current_key)]
