"""API load: 8 concurrent clients posting a 5,000-word review for 60 s to a real uvicorn server on
loopback. Prints throughput, p50/p95 latency, errors (floor: zero) and the server's peak memory.

Run: python benchmarks/api_load.py [--seconds 60] [--clients 8]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.store import Store  # noqa: E402
from benchmarks.long_review import long_review  # noqa: E402
from tests.live_server import LiveServer, live_server  # noqa: E402


def five_thousand_words() -> bytes:
    return long_review(5000, "r2*.docx")


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, from /proc."""
    total = 0
    for p in [pid, *(int(c) for c in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True,
                                                     text=True).stdout.split())]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            continue
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    url = f"sqlite:///{tmp}/load.sqlite"
    key = Store(url).create_key("load", "reviewer")
    env = {"SFO_PRESCREEN_DATABASE_URL": url, "SFO_PRESCREEN_SCREENING_WORKERS": "2"}
    with live_server(env) as server:
        measure(args, key, server)


def measure(args: argparse.Namespace, key: str, server: LiveServer) -> None:
    base = server.base
    data = five_thousand_words()
    latencies: list[float] = []
    errors: list[str] = []
    peak = [0.0]
    stop = time.perf_counter() + args.seconds

    def client() -> None:
        with httpx.Client(timeout=300) as http:
            while time.perf_counter() < stop:
                start = time.perf_counter()
                r = http.post(f"{base}/v1/screenings", files={"file": ("review.docx", data)},
                              headers={"Authorization": f"Bearer {key}"})
                latencies.append(time.perf_counter() - start)
                if r.status_code != 201:
                    errors.append(str(r.status_code))

    def watch() -> None:
        while time.perf_counter() < stop:
            peak[0] = max(peak[0], rss_mb(server.process.pid))
            time.sleep(1)

    threads = [threading.Thread(target=client) for _ in range(args.clients)] + [threading.Thread(target=watch)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    p95 = ordered[int(0.95 * (len(ordered) - 1))] if ordered else float("nan")
    print(f"machine: {platform.machine()} cpus={os.cpu_count()} python={platform.python_version()} "
          f"date={time.strftime('%Y-%m-%d')}")
    print(f"{args.clients} clients x {args.seconds:.0f}s, 5,000-word DOCX: {len(latencies)} requests in {elapsed:.0f}s "
          f"= {len(latencies) / elapsed:.2f}/s; p50 {statistics.median(ordered):.2f}s, p95 {p95:.2f}s; "
          f"errors {len(errors)}; server peak RSS (with workers) {peak[0]:.0f} MB")


if __name__ == "__main__":
    main()
