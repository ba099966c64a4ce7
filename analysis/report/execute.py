"""Executing one notebook with papermill in a kernel started for the report."""
from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from .spec import KERNEL_ARGUMENTS

# ---------------------------------------------------------------------- execution


@contextlib.contextmanager
def kernel_environment(overrides: dict[str, str] | None = None):
    """Environment for the kernels started inside the block: matplotlib draws
    inline PNGs without a display, hash seeds are fixed. Restored afterwards."""
    env = {"MPLBACKEND": "module://matplotlib_inline.backend_inline", "PYTHONHASHSEED": "0",
           "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    env.update(overrides or {})
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


#: How many times a kernel that dies before it answers is started again.
KERNEL_START_ATTEMPTS = 3


def execute_notebook(notebook: str | Path, output_path: str | Path, parameters: dict,
                     kernel_name: str = "python3", cwd: str | Path | None = None) -> float:
    """Execute ``notebook`` with papermill's Python API (typed parameters),
    saving the executed notebook to ``output_path``; return the wall seconds.

    Raises papermill's ``PapermillExecutionError`` when a cell raises; the
    partial notebook is then already saved at ``output_path``.
    """
    import papermill

    notebook = Path(notebook)
    start = time.perf_counter()
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        try:
            papermill.execute_notebook(
                str(notebook), str(output_path), parameters=parameters, kernel_name=kernel_name,
                cwd=str(cwd if cwd is not None else notebook.parent), progress_bar=False, log_output=False,
                request_save_on_cell_execute=True, extra_arguments=list(KERNEL_ARGUMENTS),
            )
            break
        except RuntimeError as exc:
            # a kernel that dies before its first reply ran no cell: typically the
            # TCP port jupyter_client picked was taken by another process before
            # the kernel bound it. Starting again is safe; anything else is not.
            if "Kernel died before replying" not in str(exc) or attempt == KERNEL_START_ATTEMPTS:
                raise
    return time.perf_counter() - start
