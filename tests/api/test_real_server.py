"""The real server: uvicorn on a free port, spoken to over HTTP (no test client)."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import httpx

from app.store import Store
from tests.live_server import ROOT, live_server


def test_real_server_screens_and_stops_its_workers(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    key = Store(url).create_key("real", "reviewer")
    env = {"SFO_PRESCREEN_DATABASE_URL": url, "SFO_PRESCREEN_SCREENING_WORKERS": "1"}
    with live_server(env) as server:
        with (ROOT / "examples" / "sample_review.docx").open("rb") as fh:
            created = httpx.post(f"{server.base}/v1/screenings", files={"file": ("d.docx", fh)},
                                 headers={"Authorization": f"Bearer {key}"}, timeout=120)
        assert created.status_code == 201 and created.headers["X-Request-ID"]
        ident = created.json()["id"]
        fetched = httpx.get(f"{server.base}/v1/screenings/{ident}", headers={"Authorization": f"Bearer {key}"})
        assert fetched.json()["document"]["filename"] == "d.docx"
        assert httpx.get(f"{server.base}/v1/screenings/{ident}").status_code == 401
        port = server.port
    time.sleep(1)
    leftovers = subprocess.run(["pgrep", "-f", "--", f"--port {port}"], capture_output=True, text=True)
    assert leftovers.returncode == 1 and leftovers.stdout == ""  # pgrep: 1 = no process matched
