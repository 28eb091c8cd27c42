from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample_review.docx"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def test_health_and_ready(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json()["status"] == "ready"


def test_upload_returns_the_screening(client: TestClient) -> None:
    with SAMPLE.open("rb") as fh:
        response = client.post("/v1/screenings", files={"file": ("draft.docx", fh)})
    assert response.status_code == 200
    body = response.json()
    assert body["schema_version"] == "1" and body["document"]["filename"] == "draft.docx"
    assert body["document"]["word_count"] > 300


def test_unreadable_upload_is_problem_json(client: TestClient) -> None:
    response = client.post("/v1/screenings", files={"file": ("x.pdf", b"%PDF-1.4\n%%EOF")})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "corrupt"
