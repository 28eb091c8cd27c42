"""Screenings run off the event loop: in a process pool sized to the cores (each worker loads the
pipeline and models once), stopped and replaced when a screening outruns the time limit. Each
worker's address space is capped (`worker_memory_mb`): a document that needs more gets a specific
error instead of the machine's out-of-memory killer; a worker that dies anyway is replaced.

With `screening_workers = 0` the work runs in a thread of this process instead (tests, tiny
deployments): the time limit still answers the client, but the thread finishes in the background.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from app.errors import IngestError, PrescreenError, ScreeningTimeout
from app.settings import MEBIBYTE, Settings

T = TypeVar("T")

_pools: dict[tuple[int, str], ProcessPoolExecutor] = {}
_lock = threading.Lock()
_worker_settings: dict[str, Settings] = {}


PR_SET_PDEATHSIG = 1


def _die_with_parent(parent_pid: int) -> None:
    """Make the worker stoppable: the server's own signal handlers (inherited through fork) would
    swallow SIGTERM, so restore the default; and on Linux have the kernel kill the worker when the
    server process goes, however it goes."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the shutdown hook still stops the pool
        pass
    if os.getppid() != parent_pid:  # the server died before the line above took effect
        os._exit(1)


class WorkerFailed(PrescreenError):
    def __init__(self) -> None:
        super().__init__("worker_failed", "the screening process stopped unexpectedly while reading this document "
                                          "(it may be malformed): save a new copy and try again")


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space; allocations past it raise MemoryError."""
    if megabytes <= 0:
        return
    import resource

    cap = megabytes * MEBIBYTE
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _init(settings: Settings, parent_pid: int) -> None:
    from app.screen import load_engine

    _die_with_parent(parent_pid)
    _worker_settings["settings"] = settings
    load_engine(settings)
    limit_memory(settings.worker_memory_mb)


def within_memory(job: Callable[..., T], *args: Any, megabytes: int) -> T:
    """Run `job`; running out of the worker's memory is the document's fault, said so specifically."""
    try:
        return job(*args)
    except MemoryError:
        raise IngestError("too_complex", f"screening this document needed more memory than a worker's limit of "
                          f"{megabytes} MB: split it or raise SFO_PRESCREEN_WORKER_MEMORY_MB") from None


def screen_payload(data: bytes, filename: str, settings: Settings) -> str:
    """Screen in whichever process runs this; return the screening as JSON, which pickles small."""
    return within_memory(_screen_json, data, filename, settings, megabytes=settings.worker_memory_mb)


def _screen_json(data: bytes, filename: str, settings: Settings) -> str:
    from app.config import load_config
    from app.ingest import read_bytes
    from app.screen import load_engine, screen_review

    review = read_bytes(data, filename, settings)
    screening = screen_review(review, load_engine(settings), load_config(settings.config_file))
    return screening.model_dump_json()


def _pool(settings: Settings) -> ProcessPoolExecutor:
    key = (settings.screening_workers, settings.model_dump_json())
    with _lock:
        if key not in _pools:
            _pools[key] = ProcessPoolExecutor(max_workers=settings.screening_workers, initializer=_init,
                                              initargs=(settings, os.getpid()))
        return _pools[key]


def _stop(pool: ProcessPoolExecutor) -> None:
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def _replace(settings: Settings) -> None:
    """Stop every process of a pool whose screening outran the limit, so the next call gets a fresh one."""
    key = (settings.screening_workers, settings.model_dump_json())
    with _lock:
        pool = _pools.pop(key, None)
    if pool is not None:
        _stop(pool)


def shutdown_pools() -> None:
    """Stop every worker process (the app's shutdown hook): none may outlive the server."""
    with _lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        _stop(pool)


async def run_in_worker(settings: Settings, fn: Callable[..., T], *args: Any) -> T:
    """Run `fn(*args)` in a screening worker under the time limit; picklable arguments and result."""
    loop = asyncio.get_running_loop()
    if settings.screening_workers <= 0:
        job: Any = loop.run_in_executor(None, fn, *args)
    else:
        try:
            job = asyncio.wrap_future(_pool(settings).submit(fn, *args))
        except BrokenProcessPool:
            _replace(settings)
            job = asyncio.wrap_future(_pool(settings).submit(fn, *args))
    try:
        result: T = await asyncio.wait_for(job, timeout=settings.request_timeout_s)
        return result
    except TimeoutError:
        if settings.screening_workers > 0:
            _replace(settings)
        raise ScreeningTimeout(settings.request_timeout_s) from None
    except BrokenProcessPool:
        _replace(settings)
        raise WorkerFailed() from None


async def run_screening(data: bytes, filename: str, settings: Settings) -> str:
    return await run_in_worker(settings, screen_payload, data, filename, settings)
