"""What one report run depends on (:class:`ReportSpec`), the layout constants of
a report, and the exceptions and results of a run."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).parent / "templates"
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
#: A report name, matched whole (``fullmatch``): see :func:`analysis.report.workspace.check_name`.
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")

#: The parameters every notebook declares, with the defaults a parameter set
#: may override (paths are not here: they come from the command line).
COMMON_DEFAULTS: dict[str, Any] = {
    "partners": [],
    "include_boilerplate": False,
    "include_duplicates": False,
    "seed": 0,
    "dup_threshold": 0.5,
}
_SET_KEYS = {"description", "extends", "notebooks", *COMMON_DEFAULTS}

#: Packages whose versions go into the manifest (distribution names).
PACKAGES = ("vn-framing-kit", "numpy", "pandas", "scipy", "scikit-learn", "matplotlib", "papermill",
            "nbconvert", "nbformat", "nbclient", "ipykernel", "jupyterlab", "PyYAML", "Jinja2", "dask",
            "distributed", "tqdm")

#: Cells removed before rendering (papermill's parameter cells) and the
#: conventional tags a notebook author may use to hide a cell or part of it.
#: Kernel options: the report's kernels are plain IPython kernels, as in
#: JupyterLab (figures show because ``publish_figure`` returns a displayable
#: PNG and closes the matplotlib figure, so each shows once); only the kernel's
#: own log is kept quiet: at shutdown jupyter_client interrupts the kernel,
#: which logs "KeyboardInterrupt caught in kernel." at ERROR on a run that
#: succeeded (a cell's own error reaches the notebook, not this log).
KERNEL_ARGUMENTS = ("--IPKernelApp.log_level=CRITICAL",)

REMOVE_CELL_TAGS = ("parameters", "injected-parameters", "remove-cell", "remove_cell")
REMOVE_INPUT_TAGS = ("remove-input", "remove_input", "hide-input")
REMOVE_OUTPUT_TAGS = ("remove-output", "remove_output", "hide-output")


# --------------------------------------------------------------------------- spec


@dataclass(frozen=True)
class ReportSpec:
    """Everything one report run depends on. Paths may be relative (to the cwd).

    ``partners`` is the partner selection: ``None`` takes it from the parameter
    set, ``()``/list overrides it (``[]`` = every partner in partners.yaml).
    ``only`` restricts the run to the named notebooks (stems like ``01_corpus``).
    """

    corpus_dir: Path = Path("seeds")
    codebook_path: Path = Path("config/codebook.yaml")
    partners_path: Path = Path("config/partners.yaml")
    name: str = "default"
    reports_dir: Path = Path("reports")
    notebooks_dir: Path = Path("notebooks")
    report_config: Path = Path("config/report.yaml")
    params_set: str = "default"
    only: tuple[str, ...] = ()
    partners: tuple[str, ...] | None = None
    kernel_name: str = "python3"
    quiet: bool = False
    labels_path: Path | None = None    # a filled label sheet (make label) to validate the codebook on this corpus
    #: where the corpus and theme coding are computed: "local" or "dask"
    #: (``scheduler``: the address of an existing Dask cluster); ``workers``:
    #: processes of the local pool or of the local Dask cluster (default: cores; 2)
    engine: str = "local"
    scheduler: str | None = None
    workers: int | None = None
    #: notebooks run at the same time (default: the cores, at least 2)
    jobs: int | None = None
    #: run even when the report is up to date with its inputs
    force: bool = False

    def resolved(self) -> ReportSpec:
        """The same spec with every path made absolute."""
        def ab(p):
            return Path(p).expanduser().resolve()
        return replace(self, corpus_dir=ab(self.corpus_dir), codebook_path=ab(self.codebook_path),
                       partners_path=ab(self.partners_path), reports_dir=ab(self.reports_dir),
                       notebooks_dir=ab(self.notebooks_dir), report_config=ab(self.report_config),
                       only=tuple(self.only), partners=None if self.partners is None else tuple(self.partners),
                       labels_path=None if self.labels_path is None else ab(self.labels_path))


@dataclass
class ReportResult:
    """What a successful run produced."""

    report_dir: Path
    pages: list[Path]
    manifest: dict
    #: True when nothing ran because the report was up to date with its inputs
    up_to_date: bool = False


class NotebookFailed(Exception):
    """A notebook raised (or could not run); the partial notebook was kept."""

    def __init__(self, notebook: str, ename: str, evalue: str, partial: Path | None, cell: int | None = None):
        self.notebook, self.ename, self.evalue, self.partial, self.cell = notebook, ename, evalue, partial, cell
        where = f" in cell {cell}" if cell is not None else ""
        super().__init__(f"notebook {notebook} failed{where}: {ename}: {evalue}")
