"""The one exception type that bad input raises.

Every loader raises :class:`InputError` with the offending file and a one-line
description, so the CLI can print ``path: problem`` and exit non-zero.
"""
from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: names the file (or config entry) and what is wrong with it."""

    def __init__(self, path: str | Path | None, problem: str):
        self.path = str(path) if path is not None else None
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path else problem)
