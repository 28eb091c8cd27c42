"""API keys: `Authorization: Bearer KEY`; a missing or wrong key is 401 (problem+json)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, HTTPException

from api.deps import SettingsDep
from app.store import ApiKey, Store, open_store


def get_store(settings: SettingsDep) -> Store:
    return open_store(settings.database_url)


StoreDep = Annotated[Store, Depends(get_store)]


def current_key(store: StoreDep, authorization: Annotated[str | None, Header()] = None) -> ApiKey:
    scheme, _, token = (authorization or "").partition(" ")
    key = store.authenticate(token.strip()) if scheme.lower() == "bearer" and token.strip() else None
    if key is None:
        raise HTTPException(status_code=401, detail="A valid API key is needed: send 'Authorization: Bearer KEY'.",
                            headers={"WWW-Authenticate": "Bearer"})
    return key


KeyDep = Annotated[ApiKey, Depends(current_key)]
