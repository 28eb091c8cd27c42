"""Property-based requests generated from the service's own OpenAPI document (bounded examples):
no 5xx, and every error is problem+json."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from api.main import create_app
from app.settings import Settings
from app.store import open_store

_db = Path(tempfile.mkdtemp(prefix="sfo-schemathesis-")) / "db.sqlite"
SETTINGS = Settings(database_url=f"sqlite:///{_db}", screening_workers=0, store_documents=True,
                    auth_failures_allowed=1_000_000, max_file_mb=1)
KEY = open_store(SETTINGS.database_url).create_key("schemathesis", "inspector")
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(SETTINGS))


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_generated_requests_get_no_server_error(case: schemathesis.Case) -> None:
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {KEY}"}
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])
    if response.status_code >= 400:
        assert response.headers["content-type"] == ["application/problem+json"], (case.method, case.path)
