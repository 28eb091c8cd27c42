"""SIGKILL the server in the middle of uploads, restart it: every acknowledged screening is intact
(SQLite, and PostgreSQL where a server is reachable)."""

from __future__ import annotations

import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.store import Store
from tests.databases import KINDS, fresh_database
from tests.live_server import ROOT, live_server

CLIENTS = 6
DRAFT = (ROOT / "examples" / "sample_review.docx").read_bytes()


def _upload_until_stopped(base: str, key: str, n: int, acknowledged: list[dict[str, str]],
                          stop: threading.Event, refused: list[str]) -> None:
    i = 0
    while not stop.is_set():
        i += 1
        try:
            r = httpx.post(f"{base}/v1/screenings", files={"file": (f"c{n}-{i}.docx", DRAFT)},
                           headers={"Authorization": f"Bearer {key}"}, timeout=60)
        except httpx.HTTPError:  # the server is gone (or slow): try again until told to stop
            time.sleep(0.2)
            continue
        if r.status_code == 201:
            body = r.json()
            acknowledged.append({"id": body["id"], "filename": body["document"]["filename"]})
        else:
            refused.append(f"{r.status_code} {r.text[:200]}")


@pytest.fixture(params=KINDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with fresh_database(request.param, tmp_path) as url:
        yield url


def test_killed_server_loses_nothing_it_acknowledged(database_url: str) -> None:
    url = database_url
    store = Store(url)
    key = store.create_key("uploader", "reviewer")
    inspector = store.create_key("inspector", "inspector")
    env = {"SFO_PRESCREEN_DATABASE_URL": url, "SFO_PRESCREEN_SCREENING_WORKERS": "2"}
    acknowledged: list[dict[str, str]] = []
    refused: list[str] = []
    stop = threading.Event()
    with live_server(env) as server:
        threads = [threading.Thread(target=_upload_until_stopped, args=(server.base, key, n, acknowledged, stop, refused))
                   for n in range(CLIENTS)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 240
        while len(acknowledged) < 4 and time.monotonic() < deadline:
            time.sleep(0.1)
        server.process.kill()  # SIGKILL mid-upload: no shutdown hook runs
        server.process.wait(timeout=10)
        stop.set()
        for t in threads:
            t.join(timeout=70)
        port = server.port
    assert len(acknowledged) >= 4 and not refused, refused[:3]
    for _ in range(20):  # the workers die with the server
        orphans = subprocess.run(["pgrep", "-f", "--", f"--port {port}"], capture_output=True, text=True)
        if orphans.stdout == "":
            break
        time.sleep(0.5)
    assert orphans.stdout == ""

    store.engine.dispose()
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with live_server(env) as server:
        for item in acknowledged:
            got = httpx.get(f"{server.base}/v1/screenings/{item['id']}", headers={"Authorization": f"Bearer {key}"})
            assert got.status_code == 200 and got.json()["document"]["filename"] == item["filename"]
        listed = httpx.get(f"{server.base}/v1/screenings", params={"limit": 200},
                           headers={"Authorization": f"Bearer {inspector}"}).json()
        assert listed["total"] >= len(acknowledged)  # a screening may be stored just before its reply was lost
        for row in listed["items"]:  # and nothing stored is half-written
            whole = httpx.get(f"{server.base}/v1/screenings/{row['id']}",
                              headers={"Authorization": f"Bearer {inspector}"})
            assert whole.status_code == 200 and whole.json()["ratings"]["composite"] is not None
