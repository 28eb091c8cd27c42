"""Soak: mixed load (uploads, reads, lists, deletes) from 8 clients against a real server for 20 minutes.
Prints requests and errors per kind and the server's memory (server + workers) after warm-up and at
the end (floor: zero errors, growth under 10% after warm-up).

Run: python benchmarks/soak.py [--minutes 20] [--clients 8] [--warmup-minutes 2]
"""

from __future__ import annotations

import argparse
import collections
import os
import platform
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.store import Store  # noqa: E402
from benchmarks.api_load import rss_mb  # noqa: E402
from tests.live_server import live_server  # noqa: E402

SAMPLE = (ROOT / "examples" / "sample_review.docx").read_bytes()
EXPECTED = {"upload": {201}, "read": {200}, "list": {200}, "delete": {204, 404}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--warmup-minutes", type=float, default=2)
    args = parser.parse_args()
    url = f"sqlite:///{tempfile.mkdtemp()}/soak.sqlite"
    keys = [Store(url).create_key(f"client{n}", "reviewer") for n in range(args.clients)]
    env = {"SFO_PRESCREEN_DATABASE_URL": url, "SFO_PRESCREEN_SCREENING_WORKERS": "2"}
    counts: collections.Counter[str] = collections.Counter()
    errors: collections.Counter[str] = collections.Counter()
    memory: list[tuple[float, float]] = []
    with live_server(env) as server:
        start = time.monotonic()
        stop = start + args.minutes * 60

        def client(n: int) -> None:
            rng = random.Random(n)
            mine: list[str] = []
            auth = {"Authorization": f"Bearer {keys[n]}"}
            with httpx.Client(base_url=server.base, headers=auth, timeout=300) as http:
                while time.monotonic() < stop:
                    kind = rng.choices(["upload", "read", "list", "delete"], [4, 3, 2, 1])[0]
                    if kind in ("read", "delete") and not mine:
                        kind = "upload"
                    try:
                        if kind == "upload":
                            r = http.post("/v1/screenings", files={"file": (f"c{n}.docx", SAMPLE)})
                            if r.status_code == 201:
                                mine.append(r.json()["id"])
                        elif kind == "read":
                            r = http.get(f"/v1/screenings/{rng.choice(mine)}")
                        elif kind == "list":
                            r = http.get("/v1/screenings", params={"limit": 20})
                        else:
                            r = http.delete(f"/v1/screenings/{mine.pop(rng.randrange(len(mine)))}")
                        status = r.status_code
                    except httpx.HTTPError as exc:
                        status = type(exc).__name__  # type: ignore[assignment]
                    counts[kind] += 1
                    if status not in EXPECTED[kind]:
                        errors[f"{kind} {status}"] += 1

        def watch() -> None:
            while time.monotonic() < stop:
                memory.append((time.monotonic() - start, rss_mb(server.process.pid)))
                time.sleep(5)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        threads.append(threading.Thread(target=watch))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - start
    warm = [m for t, m in memory if t >= args.warmup_minutes * 60]
    after_warmup, end = warm[0], max(m for m in warm[-12:])
    print(f"machine: {platform.machine()} cpus={os.cpu_count()} python={platform.python_version()} "
          f"date={time.strftime('%Y-%m-%d')}")
    print(f"{args.clients} clients x {elapsed / 60:.1f} min: {sum(counts.values())} requests "
          f"({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}); errors {sum(errors.values())} "
          f"{dict(errors) if errors else ''}")
    print(f"server + workers RSS: {after_warmup:.0f} MB after {args.warmup_minutes:g} min warm-up, "
          f"{end:.0f} MB at the end (max of last minute), growth {100 * (end - after_warmup) / after_warmup:+.1f}%; "
          f"peak {max(m for _, m in memory):.0f} MB")


if __name__ == "__main__":
    main()
