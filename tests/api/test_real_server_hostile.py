"""Hostile traffic against a real uvicorn server with a screening worker process."""

from __future__ import annotations

import select
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from app.store import Store
from tests.live_server import ROOT, LiveServer, live_server

BODY_TIMEOUT_S = 2
REQUEST_LIMIT_MB = 1


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, str]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'db.sqlite'}"
    key = Store(url).create_key("hostile", "reviewer")
    env = {"SFO_PRESCREEN_DATABASE_URL": url, "SFO_PRESCREEN_SCREENING_WORKERS": "1",
           "SFO_PRESCREEN_REQUEST_BODY_TIMEOUT_S": str(BODY_TIMEOUT_S),
           "SFO_PRESCREEN_MAX_REQUEST_MB": str(REQUEST_LIMIT_MB)}
    with live_server(env) as live:
        yield live, key


def _connect(live: LiveServer) -> socket.socket:
    return socket.create_connection(("127.0.0.1", live.port), timeout=10)


def _status(sock: socket.socket, wait_s: float = 15) -> int:
    sock.settimeout(wait_s)
    head = b""
    while b"\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            break
        head += chunk
    return int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0


def _head(key: str, extra: str) -> bytes:
    return (f"POST /v1/screenings HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {key}\r\n"
            f"Content-Type: application/json\r\n{extra}\r\n").encode()


def test_chunked_upload_is_refused_long_before_it_is_sent_whole(server: tuple[LiveServer, str]) -> None:
    live, key = server
    sock = _connect(live)
    sock.sendall(_head(key, "Transfer-Encoding: chunked\r\n"))
    chunk = b"z" * 65536
    sent, answered = 0, False
    sock.settimeout(5)
    try:
        for _ in range(2048):  # 128 MB on offer
            sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            sent += len(chunk)
            if select.select([sock], [], [], 0)[0]:
                answered = True
                break
    except OSError:  # the server closed the connection or stopped reading: it refused the rest
        answered = True
    assert answered and sent < 32 * 1_048_576
    assert _status(sock) == 413


def test_slow_client_times_out_with_408(server: tuple[LiveServer, str]) -> None:
    live, key = server
    sock = _connect(live)
    started = time.monotonic()
    sock.sendall(_head(key, "Content-Length: 1000\r\n") + b'{"filename": ')
    assert _status(sock, wait_s=BODY_TIMEOUT_S + 10) == 408
    assert time.monotonic() - started < BODY_TIMEOUT_S + 5


def test_errors_from_a_worker_process_reach_the_client(server: tuple[LiveServer, str]) -> None:
    live, key = server
    auth = {"Authorization": f"Bearer {key}"}
    broken = httpx.post(f"{live.base}/v1/screenings", files={"file": ("d.docx", b"PK\x03\x04 truncated")},
                        headers=auth, timeout=60)
    assert broken.status_code == 422 and broken.json()["code"] == "corrupt"
    with (ROOT / "examples" / "sample_review.docx").open("rb") as fh:
        after = httpx.post(f"{live.base}/v1/screenings", files={"file": ("d.docx", fh)}, headers=auth, timeout=120)
    assert after.status_code == 201  # the worker pool survived the error


def test_the_web_page_report_runs_in_the_worker_and_reports_bad_files(server: tuple[LiveServer, str]) -> None:
    live, _ = server
    bad = httpx.post(f"{live.base}/report", files={"file": ("d.pdf", b"%PDF-1.7 broken")}, timeout=60)
    assert bad.status_code == 422 and "could not be screened" in bad.text
    assert "Content-Security-Policy" in bad.headers


def test_a_client_that_never_finishes_its_headers_cannot_hold_the_server(server: tuple[LiveServer, str]) -> None:
    live, _ = server
    idle = [_connect(live) for _ in range(20)]
    for sock in idle:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # never the blank line
    assert httpx.get(f"{live.base}/healthz", timeout=5).status_code == 200
    for sock in idle:
        sock.close()


def test_server_still_ready_after_the_hostile_requests(server: tuple[LiveServer, str]) -> None:
    live, _ = server
    assert httpx.get(f"{live.base}/readyz", timeout=10).status_code == 200
