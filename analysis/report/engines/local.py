"""The local engine: a pool of worker processes on this machine's cores."""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

from .base import Engine


def available_cores() -> int:
    """Cores this process may run on (the affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class LocalEngine(Engine):
    """``map`` runs on ``workers`` processes (default: every available core),
    started on first use and kept until :meth:`close`. One item, or one
    worker, runs in the calling process: a pool would cost more than it saves.
    Processes are forked, so they start with the package already imported."""

    name = "local"

    def __init__(self, workers: int | None = None):
        self.workers = workers or available_cores()
        self._pool: ProcessPoolExecutor | None = None

    @property
    def parallelism(self) -> int:
        return self.workers

    def _get_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx)
        return self._pool

    def map(self, func: Callable[[Any], Any], items: Iterable[Any], stage=None) -> list:
        items = list(items)
        if self.workers <= 1 or len(items) <= 1:
            return super().map(func, items, stage)
        pool = self._get_pool()
        futures = [pool.submit(func, item) for item in items]
        for done in as_completed(futures):
            done.result()  # raise the first failure as soon as it happens
            if stage is not None:
                stage.update()
        return [f.result() for f in futures]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
