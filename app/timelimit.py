"""A time limit on one screening in the CLI and batch workers (the API stops its worker processes instead).

SIGALRM interrupts Python code; a long call inside C code is interrupted when it returns. Only the
main thread of a process can take signals, so elsewhere the limit is not applied.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from app.errors import ScreeningTimeout


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def _expired(_signum: int, _frame: FrameType | None) -> None:
        raise ScreeningTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
