"""Progress of a report run, one stage at a time.

On a terminal each stage gets a tqdm bar (files parsed, notebooks run …); off
a terminal (a log, CI, ``make report | tee``) each stage prints ONE line when
it ends, with its count and seconds; with ``--quiet`` nothing is printed.
Bars go to stderr; lines go to stdout, so stderr keeps only the notes and the
one line of an error.
"""
from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Iterator
from typing import IO


class Stage:
    """One stage in progress: ``update(n)`` advances it by ``n`` items."""

    def __init__(self, progress: Progress, name: str, total: int | None, unit: str):
        self.progress, self.name, self.total, self.unit = progress, name, total, unit
        self.done = 0
        self.start = time.perf_counter()
        self._lock = threading.Lock()
        self._bar = None
        if progress.mode == "bar":
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=name, unit=f" {unit}", file=progress.stream, leave=True,
                             dynamic_ncols=True, mininterval=0.2)

    def update(self, n: int = 1) -> None:
        with self._lock:
            self.done += n
            if self._bar is not None:
                self._bar.update(n)

    def abandon(self) -> None:
        if self._bar is not None:
            self._bar.leave = False
            self._bar.close()

    def finish(self, note: str = "") -> None:
        seconds = time.perf_counter() - self.start
        if self._bar is not None:
            if note:
                self._bar.set_postfix_str(note, refresh=False)
            self._bar.close()
        elif self.progress.mode == "lines":
            unit = self.unit[:-1] if self.done == 1 and self.unit.endswith("s") else self.unit
            count = f"{self.done:,} {unit}" if self.done or self.total else ""
            parts = [p for p in (count, note, f"{seconds:.1f} s") if p]
            print(f"{self.name}: " + ", ".join(parts), file=self.progress.stream, flush=True)


class Progress:
    """Where a run reports its stages: ``mode`` is ``"bar"`` (a terminal),
    ``"lines"`` (not a terminal) or ``"quiet"``; by default decided from
    ``quiet`` and whether ``stream`` is a terminal."""

    def __init__(self, quiet: bool = False, stream: IO[str] | None = None, mode: str | None = None):
        if mode is None:
            tty = getattr(stream if stream is not None else sys.stderr, "isatty", lambda: False)()
            mode = "quiet" if quiet else ("bar" if tty else "lines")
        # bars on stderr (a terminal); lines on stdout, beside "report written", so
        # that stderr keeps only notes and the one line of an error
        self.stream = stream if stream is not None else (sys.stderr if mode == "bar" else sys.stdout)
        if mode not in ("bar", "lines", "quiet"):
            raise ValueError(f"progress mode must be bar, lines or quiet, got {mode!r}")
        self.mode = mode

    @contextlib.contextmanager
    def stage(self, name: str, total: int | None = None, unit: str = "items") -> Iterator[Stage]:
        """``with progress.stage("parse articles", total=n, unit="files") as s: ... s.update()``."""
        stage = Stage(self, name, total, unit)
        try:
            yield stage
        except BaseException:
            stage.abandon()  # the error says what happened; no "done" line for a stage that failed
            raise
        stage.finish()

    def note(self, message: str) -> None:
        """A line outside any stage (not in quiet mode)."""
        if self.mode != "quiet":
            print(message, file=self.stream, flush=True)


#: A progress that prints nothing (the default of library calls).
SILENT = Progress(mode="quiet")
