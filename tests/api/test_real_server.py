"""The real server: uvicorn on a free port, spoken to over HTTP (no test client)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from app.store import Store

ROOT = Path(__file__).resolve().parents[2]


def test_real_server_screens_and_stops_its_workers(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    key = Store(url).create_key("real", "reviewer")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "SFO_PRESCREEN_DATABASE_URL": url, "SFO_PRESCREEN_SCREENING_WORKERS": "1"}
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.main:create_app", "--factory", "--port",
                               str(port), "--log-level", "warning"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        with (ROOT / "examples" / "sample_review.docx").open("rb") as fh:
            created = httpx.post(f"{base}/v1/screenings", files={"file": ("d.docx", fh)},
                                 headers={"Authorization": f"Bearer {key}"}, timeout=120)
        assert created.status_code == 201 and created.headers["X-Request-ID"]
        ident = created.json()["id"]
        fetched = httpx.get(f"{base}/v1/screenings/{ident}", headers={"Authorization": f"Bearer {key}"})
        assert fetched.json()["document"]["filename"] == "d.docx"
        assert httpx.get(f"{base}/v1/screenings/{ident}").status_code == 401
    finally:
        server.terminate()
        server.wait(timeout=30)
    time.sleep(1)
    leftovers = subprocess.run(["pgrep", "-f", "--", f"--port {port}"], capture_output=True, text=True)
    assert leftovers.returncode == 1 and leftovers.stdout == ""  # pgrep: 1 = no process matched
