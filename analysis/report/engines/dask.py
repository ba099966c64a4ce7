"""The Dask engine: partitions run on the workers of a ``distributed`` cluster.

Without a scheduler address a ``LocalCluster`` is started for the run (one
thread per worker process, ``memory_limit`` each) and closed afterwards; with
one (``tcp://host:8786``) the run uses that cluster as it is and leaves it
running. The workers import this package to run the stage functions, so on a
cluster of other machines it must be installed there in the same version.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from ...errors import InputError
from .base import Engine

#: Memory per worker of a cluster started for the run.
DEFAULT_MEMORY = "2GiB"
DEFAULT_WORKERS = 2


class DaskEngine(Engine):
    """``map`` submits one task per item to the cluster and gathers the results in order."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None, memory_limit: str | None = None,
                 timeout: float = 20.0):
        from distributed import Client, LocalCluster

        self.cluster = None
        self.scheduler = scheduler
        try:
            if scheduler:
                self.client = Client(scheduler, timeout=timeout)
            else:
                self.cluster = LocalCluster(n_workers=workers or DEFAULT_WORKERS, threads_per_worker=1,
                                            processes=True, memory_limit=memory_limit or DEFAULT_MEMORY,
                                            dashboard_address=None, scheduler_kwargs={"dashboard": False},
                                            silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            if self.cluster is not None:
                self.cluster.close()
            raise InputError(None, f"Dask scheduler {scheduler or '(local cluster)'}: cannot connect "
                                   f"({' '.join(str(exc).split()) or type(exc).__name__})") from None

    @property
    def parallelism(self) -> int:
        info = self.client.scheduler_info()
        return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))

    def map(self, func: Callable[[Any], Any], items: Iterable[Any], stage=None) -> list:
        from distributed import as_completed

        items = list(items)
        if not items:
            return []
        futures = self.client.map(func, items, pure=False)
        for done in as_completed(futures):
            if done.status == "error":
                done.result()  # raises the task's exception here
            if stage is not None:
                stage.update()
        return self.client.gather(futures)

    def run(self, func: Callable, *iterables, keep: bool = False) -> list:
        """``func`` over the zipped ``iterables`` on the workers. With ``keep``,
        return the futures (the results stay on the workers, and a later call
        may take them as arguments); else the results, in order."""
        futures = self.client.map(func, *iterables, pure=False)
        return futures if keep else self.client.gather(futures)

    def mapper(self, stage=None):
        base = super().mapper(stage)

        def mapped(func, items):
            return base(func, items)

        mapped.run = self.run  # lets the corpus stage keep partitions on the workers
        return mapped

    def describe(self) -> dict:
        return {"engine": self.name, "workers": self.parallelism,
                "scheduler": self.scheduler or "local cluster started for the run"}

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()
