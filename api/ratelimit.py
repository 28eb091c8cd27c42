"""Failed authentications counted per client: too many in a window and the client is refused (429)."""

from __future__ import annotations

import threading
import time
from collections import deque

MAX_CLIENTS = 100_000


class FailureLimiter:
    """Sliding-window counts of failed attempts per client address, in memory, bounded in size."""

    def __init__(self) -> None:
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, client: str, allowed: int, window: float) -> float | None:
        """Seconds until `client` may try again, or None when it is not blocked."""
        now = time.monotonic()
        with self._lock:
            times = self._failures.get(client)
            if not times:
                return None
            while times and times[0] <= now - window:
                times.popleft()
            if len(times) < allowed:
                return None
            return max(0.0, times[0] + window - now)

    def failed(self, client: str, window: float) -> None:
        now = time.monotonic()
        with self._lock:
            if client not in self._failures and len(self._failures) >= MAX_CLIENTS:
                self._forget_stale(now, window)
            times = self._failures.setdefault(client, deque())
            times.append(now)

    def _forget_stale(self, now: float, window: float) -> None:
        stale = [c for c, t in self._failures.items() if not t or t[-1] <= now - window]
        for client in stale:
            del self._failures[client]
        while len(self._failures) >= MAX_CLIENTS:  # all recent: drop the oldest-inserted clients
            del self._failures[next(iter(self._failures))]
