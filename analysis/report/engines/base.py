"""What every engine offers: an ordered ``map`` over partitions, with progress."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

#: ``map(func, items) -> [func(item) for item in items]``: the only thing a
#: stage needs from an engine (corpus and themes take it as a plain callable,
#: so they never import the report stage or Dask).
Mapper = Callable[[Callable[[Any], Any], Sequence[Any]], list]


class Engine:
    """Base class: runs ``func`` over ``items`` in the calling process."""

    name = "inline"

    def map(self, func: Callable[[Any], Any], items: Iterable[Any], stage=None) -> list:
        """``[func(x) for x in items]``, in order; ``stage.update()`` after each."""
        out = []
        for item in items:
            out.append(func(item))
            if stage is not None:
                stage.update()
        return out

    def mapper(self, stage=None) -> Mapper:
        """A plain ``map(func, items)`` callable that reports to ``stage``."""
        return lambda func, items: self.map(func, items, stage)

    @property
    def parallelism(self) -> int:
        """How many partitions run at once (sizes the batches)."""
        return 1

    def describe(self) -> dict:
        """What the manifest records about the engine."""
        return {"engine": self.name, "workers": self.parallelism}

    def close(self) -> None:
        pass

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
