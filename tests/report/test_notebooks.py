"""Each notebook run as JupyterLab runs it: a plain IPython kernel (no options,
no matplotlib backend chosen for it), the notebook's own defaults, the working
directory the notebook's folder — and again from the project root, as
``papermill notebooks/NN.ipynb out.ipynb`` or ``jupyter nbconvert --execute``
started there would. Every notebook must run top to bottom and show its
figures as image outputs, each figure once.

Only ``output_dir`` is redirected (into a temporary folder), by a cell placed
right after the parameters cell as papermill would place it; every other path
(the corpus, the config, the gold labelling, the cache) is the notebook's own
default, resolved from the project root."""
from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

from tests.conftest import NOTEBOOKS, ROOT

STEMS = sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def run_plain(stem: str, cwd: Path, output_dir: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    nb.cells.insert(at + 1, new_code_cell(f"output_dir = {str(output_dir)!r}"))
    env_backup = os.environ.pop("MPLBACKEND", None)      # the kernel chooses, as in JupyterLab
    try:
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    finally:
        if env_backup is not None:
            os.environ["MPLBACKEND"] = env_backup
    return nb


def image_outputs(nb) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if o.get("output_type") in ("display_data", "execute_result") and "image/png" in o.get("data", {})]


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("where", ["notebooks", "root"])
def test_notebook_runs_on_a_plain_kernel_and_shows_its_figures(stem, where, tmp_path):
    cwd = NOTEBOOKS if where == "notebooks" else ROOT
    nb = run_plain(stem, cwd, tmp_path / "out")
    images = image_outputs(nb)
    written = sorted((tmp_path / "out" / "figures").glob("*.png"))
    assert written, f"{stem} wrote no figure"
    # every written figure is shown, and shown once (no second copy from the inline backend)
    assert len(images) == len(written), (stem, len(images), [p.name for p in written])
    shown = sorted(o["metadata"]["kit"]["figure"] for o in images)
    assert shown == sorted(p.stem for p in written)
    for o in images:
        alt = o["metadata"]["image/png"]["alt"]
        assert len(alt) > 15 and "No description" not in alt, alt
    # nothing printed a bare Figure repr instead of drawing it
    texts = [o.get("data", {}).get("text/plain", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not any(t.startswith("<Figure size") for t in texts)
    # tables and figures went to the redirected folder, none beside the notebooks
    assert (tmp_path / "out" / "data").is_dir()
    assert not (NOTEBOOKS / "reports").exists() and not (NOTEBOOKS / "seeds").exists()
