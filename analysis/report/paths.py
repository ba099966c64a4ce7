"""Where a notebook's relative paths point: the project root, whatever the
working directory.

A notebook's ``parameters`` cell names its inputs relative to the project root
(``corpus_dir = "seeds"``, ``output_dir = "reports/_lab"``), so the same
defaults run in JupyterLab (cwd ``notebooks/``), with ``papermill`` or
``jupyter nbconvert --execute`` started from the root, and under ``make
report`` (which passes absolute paths). :func:`project_path` is applied where
those paths are used (``prepare``, the table and figure writers), so a cell
never has to think about it.
"""
from __future__ import annotations

import os
from pathlib import Path

#: Set to a folder to use it as the project root (a copy of the notebooks elsewhere).
ROOT_ENV = "KIT_PROJECT_ROOT"


def _is_root(folder: Path) -> bool:
    return (folder / "pyproject.toml").is_file() and (folder / "analysis").is_dir()


def project_root() -> Path:
    """The project's root folder: ``$KIT_PROJECT_ROOT`` when set; else the
    checkout this package is imported from (an editable install); else the
    nearest folder at or above the working directory that holds
    ``pyproject.toml`` and ``analysis/``; else the working directory."""
    env = os.environ.get(ROOT_ENV)
    if env:
        return Path(env).expanduser().resolve()
    here = Path(__file__).resolve().parents[2]
    if _is_root(here):
        return here
    cwd = Path.cwd().resolve()
    for folder in (cwd, *cwd.parents):
        if _is_root(folder):
            return folder
    return cwd


def project_path(path: str | os.PathLike | None) -> Path | None:
    """``path`` made absolute: ``~`` expanded, a relative path taken from
    :func:`project_root` (not from the working directory). ``None`` and an
    empty string stay ``None``."""
    if path is None or str(path) == "":
        return None
    p = Path(path).expanduser()
    return p if p.is_absolute() else project_root() / p
