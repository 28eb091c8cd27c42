from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from app.settings import Settings, get_settings
from app.store import open_store

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample_review.docx"


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}", store_documents=True,
                        screening_workers=0)
    app = create_app()
    app.dependency_overrides[get_settings] = lambda: settings
    yield TestClient(app)


def _keys(client: TestClient) -> dict[str, dict[str, str]]:
    settings = client.app.dependency_overrides[get_settings]()  # type: ignore[attr-defined]
    store = open_store(settings.database_url)
    return {name: {"Authorization": f"Bearer {store.create_key(name, role)}"}
            for name, role in (("alice", "reviewer"), ("bob", "reviewer"), ("ines", "inspector"))}


def _post(client: TestClient, headers: dict[str, str]) -> dict[str, object]:
    with SAMPLE.open("rb") as fh:
        response = client.post("/v1/screenings", files={"file": ("draft.docx", fh)}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def test_health_and_ready(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json()["status"] == "ready"


def test_create_fetch_list_delete_with_roles(client: TestClient) -> None:
    keys = _keys(client)
    body = _post(client, keys["alice"])
    ident = body["id"]
    assert body["schema_version"] == "1" and body["document"]["filename"] == "draft.docx"  # type: ignore[index]
    assert client.get(f"/v1/screenings/{ident}", headers=keys["alice"]).json()["id"] == ident
    assert client.get(f"/v1/screenings/{ident}", headers=keys["bob"]).status_code == 404
    assert client.get(f"/v1/screenings/{ident}", headers=keys["ines"]).status_code == 200
    assert client.get("/v1/screenings", headers=keys["bob"]).json()["total"] == 0
    page = client.get("/v1/screenings", params={"limit": 10}, headers=keys["ines"]).json()
    assert page["total"] == 1 and page["items"][0]["id"] == ident
    tomorrow = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).isoformat()
    assert client.get("/v1/screenings", params={"since": tomorrow}, headers=keys["ines"]).json()["total"] == 0
    assert client.delete(f"/v1/screenings/{ident}", headers=keys["bob"]).status_code == 404
    assert client.delete(f"/v1/screenings/{ident}", headers=keys["alice"]).status_code == 204
    assert client.get(f"/v1/screenings/{ident}", headers=keys["alice"]).status_code == 404


def test_json_text_draft_and_downloads(client: TestClient) -> None:
    keys = _keys(client)
    response = client.post("/v1/screenings", json={"filename": "d.md", "text": "# R\n\nThe OASys was late."},
                           headers=keys["alice"])
    assert response.status_code == 201
    ident = _post(client, keys["alice"])["id"]
    annotated = client.get(f"/v1/screenings/{ident}/annotated.docx", headers=keys["alice"])
    assert annotated.status_code == 200 and annotated.content[:2] == b"PK"
    assert "<mark" in client.get(f"/v1/screenings/{ident}/report.html", headers=keys["alice"]).text
    assert client.get(f"/v1/screenings/{ident}/redacted.docx", headers=keys["alice"]).content[:2] == b"PK"


def test_errors_are_problem_json(client: TestClient) -> None:
    keys = _keys(client)
    assert client.post("/v1/screenings", files={"file": ("x.pdf", b"x")}).status_code == 401
    bad = client.get("/v1/screenings", headers={"Authorization": "Bearer sfo_wrong"})
    assert bad.status_code == 401 and bad.headers["content-type"].startswith("application/problem+json")
    unreadable = client.post("/v1/screenings", files={"file": ("x.pdf", b"%PDF-1.4\n%%EOF")}, headers=keys["alice"])
    assert unreadable.status_code == 422 and unreadable.json()["code"] == "corrupt"
    image = client.post("/v1/screenings", files={"file": ("x.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 50)},
                        headers=keys["alice"])
    assert image.status_code == 415
    wrong_type = client.post("/v1/screenings", content=b"hello", headers={**keys["alice"], "content-type": "text/plain"})
    assert wrong_type.status_code == 415
    assert len(client.get("/v1/checks").json()) > 30


def test_revoked_key_and_retention_purge(client: TestClient) -> None:
    keys = _keys(client)
    settings = client.app.dependency_overrides[get_settings]()  # type: ignore[attr-defined]
    store = open_store(settings.database_url)
    _post(client, keys["alice"])
    assert store.purge(older_than_days=1) == 0
    assert store.purge(older_than_days=0) == 1
    assert store.revoke_key("alice")
    assert client.get("/v1/screenings", headers=keys["alice"]).status_code == 401


def test_request_id_is_echoed_or_made(client: TestClient) -> None:
    assert client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["X-Request-ID"] == "abc-123"
    made = client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"}).headers["X-Request-ID"]
    assert made != "bad id with spaces" and len(made) == 32


def test_slow_screening_is_stopped_with_504(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}", screening_workers=1,
                        request_timeout_s=0.05)
    app = create_app()
    app.dependency_overrides[get_settings] = lambda: settings
    client = TestClient(app)
    key = open_store(settings.database_url).create_key("k", "reviewer")
    with SAMPLE.open("rb") as fh:
        response = client.post("/v1/screenings", files={"file": ("d.docx", fh)},
                               headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 504 and response.json()["code"] == "timeout"


def test_logs_never_contain_document_text(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    keys = _keys(client)
    caplog.set_level("DEBUG")
    secret = "Zebediah Quillfeather lives at 14 Mossbank Terrace"
    client.post("/v1/screenings", json={"filename": "secret-name.md", "text": f"# R\n\n{secret}."},
                headers=keys["alice"])
    client.post("/v1/screenings", json={"filename": "x.md", "text": ""}, headers=keys["alice"])
    assert caplog.records and "request_id" in caplog.text
    assert "Quillfeather" not in caplog.text and "Mossbank" not in caplog.text and "secret-name" not in caplog.text
