"""Hostile requests: oversized and chunked bodies, guessed keys, cross-origin calls, unexpected failures."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.auth import get_store
from api.main import create_app
from api.ratelimit import FailureLimiter
from app.settings import Settings
from app.store import open_store

PROBLEM = "application/problem+json"


def _settings(tmp_path: Path, **overrides: object) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}", screening_workers=0,
                    **overrides)  # type: ignore[arg-type]


@pytest.fixture()
def small_limit(tmp_path: Path) -> tuple[TestClient, dict[str, str]]:
    settings = _settings(tmp_path, max_file_mb=0.01, max_request_mb=0.05)
    key = open_store(settings.database_url).create_key("k", "reviewer")
    return TestClient(create_app(settings)), {"Authorization": f"Bearer {key}"}


def test_declared_oversized_body_is_refused_with_413(small_limit: tuple[TestClient, dict[str, str]]) -> None:
    client, auth = small_limit
    response = client.post("/v1/screenings", files={"file": ("d.txt", b"x" * 200_000)}, headers=auth)
    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM and response.json()["code"] == "too_large"


def test_chunked_body_without_length_is_counted_and_refused(small_limit: tuple[TestClient, dict[str, str]]) -> None:
    client, auth = small_limit

    def chunks() -> Iterator[bytes]:  # no Content-Length: the guard must count (the real-server test shows
        for _ in range(20):            # that it stops reading early; this client buffers the whole body)
            yield b"y" * 65536

    response = client.post("/v1/screenings", content=chunks(),
                           headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 413 and response.json()["code"] == "too_large"


def test_repeated_failed_authentication_is_refused_with_429(tmp_path: Path) -> None:
    settings = _settings(tmp_path, auth_failures_allowed=3, auth_failure_window_s=60)
    key = open_store(settings.database_url).create_key("k", "reviewer")
    client = TestClient(create_app(settings))
    for guess in ("a", "b", "c"):
        assert client.get("/v1/screenings", headers={"Authorization": f"Bearer {guess}"}).status_code == 401
    refused = client.get("/v1/screenings", headers={"Authorization": f"Bearer {key}"})
    assert refused.status_code == 429 and refused.headers["content-type"] == PROBLEM
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert client.get("/healthz").status_code == 200  # only key-protected routes are refused


def test_failure_limiter_is_per_client_and_forgets_after_the_window() -> None:
    limiter = FailureLimiter()
    for _ in range(2):
        limiter.failed("10.0.0.1", window=0.2)
    assert limiter.retry_after("10.0.0.1", allowed=2, window=0.2) is not None
    assert limiter.retry_after("10.0.0.2", allowed=2, window=0.2) is None
    time.sleep(0.25)
    assert limiter.retry_after("10.0.0.1", allowed=2, window=0.2) is None


def test_cors_is_closed_unless_configured(tmp_path: Path) -> None:
    preflight = {"Origin": "https://case-tool.example", "Access-Control-Request-Method": "POST"}
    closed = TestClient(create_app(_settings(tmp_path)))
    response = closed.options("/v1/screenings", headers=preflight)
    assert "access-control-allow-origin" not in response.headers
    assert "access-control-allow-origin" not in closed.get("/healthz", headers={"Origin": preflight["Origin"]}).headers
    opened = TestClient(create_app(_settings(tmp_path, cors_origins=["https://case-tool.example"])))
    allowed = opened.options("/v1/screenings", headers=preflight)
    assert allowed.headers["access-control-allow-origin"] == "https://case-tool.example"
    other = opened.options("/v1/screenings", headers={**preflight, "Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_an_unexpected_failure_is_problem_json_without_details(tmp_path: Path) -> None:
    app = create_app(_settings(tmp_path))

    def broken_store() -> None:
        raise RuntimeError("database password is hunter2")

    app.dependency_overrides[get_store] = broken_store
    response = TestClient(app, raise_server_exceptions=False).get("/v1/screenings",
                                                                    headers={"Authorization": "Bearer x"})
    assert response.status_code == 500 and response.headers["content-type"] == PROBLEM
    assert response.json()["code"] == "internal" and "hunter2" not in response.text
