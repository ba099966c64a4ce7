"""Execution engines: where the per-article work of a report runs.

An engine maps a function over partitions (batches of article files, chunks
of paragraphs) and returns the results in input order; the stages decide what
a partition is and how the per-partition results are reduced, so every engine
gives the same tables. Two engines:

- ``local`` (the default): a process pool on this machine's cores (work too
  small to pay for one runs in the calling process);
- ``dask``: a Dask ``distributed`` cluster, either a ``LocalCluster`` started
  for the run or an existing scheduler (``SCHEDULER=tcp://host:8786``), whose
  workers must have this package installed.

``open_engine(name, scheduler=None, workers=None)`` returns one; use it as a
context manager so pools and clusters are shut down.
"""
from __future__ import annotations

from ...errors import InputError
from .base import Engine, Mapper
from .local import LocalEngine

ENGINES = ("local", "dask")


def open_engine(name: str = "local", scheduler: str | None = None, workers: int | None = None,
                memory_limit: str | None = None) -> Engine:
    """The engine called ``name`` (``scheduler`` implies ``dask``). Bad names
    and a scheduler that cannot be reached are :class:`InputError`."""
    name = (name or "local").strip().lower()
    if scheduler and name == "local":
        name = "dask"
    if name not in ENGINES:
        raise InputError(None, f"engine {name!r}: use one of {', '.join(ENGINES)}")
    if workers is not None and workers < 1:
        raise InputError(None, f"workers {workers}: expected a whole number of at least 1")
    if name == "local":
        return LocalEngine(workers)
    from .dask import DaskEngine

    return DaskEngine(scheduler=scheduler, workers=workers, memory_limit=memory_limit)


__all__ = ["ENGINES", "Engine", "LocalEngine", "Mapper", "open_engine"]
