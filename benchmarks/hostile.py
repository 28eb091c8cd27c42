"""Every hostile document: the CLI's exit status and time, then the API's status and time on a real
server with one screening worker (floor: exit 2 / 4xx in under 5 s).

    python benchmarks/hostile.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile_docs import HOSTILE  # noqa: E402


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="sfo-hostile-"))
    worst = 0.0
    for name, (build, filename, code) in HOSTILE.items():
        path = folder / filename
        path.write_bytes(build())
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "app.cli", "check", str(path)], cwd=ROOT,
                              capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        worst = max(worst, elapsed)
        said = done.stderr.strip().splitlines()[-1][:90] if done.stderr.strip() else ""
        print(f"{name:34s} {path.stat().st_size / 1_048_576:7.2f} MB  exit {done.returncode}  {elapsed:5.2f} s  "
              f"(expected {code})  {said}")
    print(f"slowest: {worst:.2f} s (CLI start-up included)")
    api(folder)


def api(folder: Path) -> None:
    import httpx

    from app.store import Store
    from tests.live_server import live_server

    url = f"sqlite:///{folder / 'db.sqlite'}"
    key = Store(url).create_key("hostile", "reviewer")
    env = {"SFO_PRESCREEN_DATABASE_URL": url, "SFO_PRESCREEN_SCREENING_WORKERS": "1"}
    worst = 0.0
    with live_server(env) as server, httpx.Client(base_url=server.base, timeout=60,
                                                   headers={"Authorization": f"Bearer {key}"}) as http:
        http.post("/v1/screenings", json={"filename": "warm.md", "text": "# Warm-up\n\nThe worker starts."})
        for name, (_, filename, code) in HOSTILE.items():
            data = HOSTILE[name][0]()
            start = time.perf_counter()
            r = http.post("/v1/screenings", files={"file": (filename, data)})
            elapsed = time.perf_counter() - start
            worst = max(worst, elapsed)
            got = r.json().get("code") if r.headers.get("content-type", "").startswith("application/problem") else "?"
            print(f"API {name:30s} {r.status_code} {got:14s} {elapsed:5.2f} s  (expected {code})")
    print(f"API slowest: {worst:.2f} s")


if __name__ == "__main__":
    main()
