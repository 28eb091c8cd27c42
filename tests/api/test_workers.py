"""The screening workers' resource guards: a memory cap that gives a specific error, a dead worker replaced."""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from api.workers import WorkerFailed, limit_memory, run_in_worker, shutdown_pools, within_memory
from app.errors import IngestError
from app.settings import MEBIBYTE, Settings


def _address_space_mb() -> int:
    with open("/proc/self/status") as status:
        line = next(x for x in status if x.startswith("VmSize:"))
    return int(line.split()[1]) // 1024


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * MEBIBYTE))


def _capped_job(allocate_mb: int) -> int:
    cap = _address_space_mb() + 256
    limit_memory(cap)
    return within_memory(_allocate, allocate_mb, megabytes=cap)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_memory_cap_turns_an_oversized_allocation_into_a_specific_error() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:  # a separate process: the cap must not touch pytest
        assert pool.submit(_capped_job, 16).result() == 16 * MEBIBYTE
    with ProcessPoolExecutor(max_workers=1) as pool:
        with pytest.raises(IngestError) as info:
            pool.submit(_capped_job, 2048).result()
    assert info.value.code == "too_complex" and "SFO_PRESCREEN_WORKER_MEMORY_MB" in info.value.message


def _die() -> int:
    os._exit(3)


def _pid() -> int:
    return os.getpid()


def test_a_worker_that_dies_is_a_specific_error_and_is_replaced(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}", screening_workers=1)

    async def scenario() -> int:
        with pytest.raises(WorkerFailed):
            await run_in_worker(settings, _die)
        return await run_in_worker(settings, _pid)

    try:
        assert asyncio.run(scenario()) != os.getpid()
    finally:
        shutdown_pools()
