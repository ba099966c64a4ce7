"""What the report layer costs: the full build on the seeds (validate, execute
every notebook with papermill, render with nbconvert, index, manifest) against
the same steps on ONE empty notebook, measured in the same process and run.

The empty-notebook build is the fixed cost of the machinery (a kernel start,
the parameter injection, one render, the index); the ratio says how much the
notebooks' own work adds on top of it.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

import nbformat

from analysis.report.build import build_report
from analysis.report.params import find_notebooks
from analysis.report.spec import ReportSpec

ROOT = Path(__file__).resolve().parents[1]

#: Targets: the seeds report within a minute; the machinery alone within 10 s;
#: the seeds report at most 2x an empty run per notebook.
TARGET_SEEDS_S = 60.0
TARGET_EMPTY_S = 10.0


def _empty_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "00_empty.ipynb"
    nbformat.write(nb, path)
    return path


def _timed_build(spec: ReportSpec) -> float:
    start = time.perf_counter()
    build_report(spec)
    return time.perf_counter() - start


def run(quick: bool = False) -> list[dict]:
    """Build the seeds report (``quick``: only the first notebook) and the
    one-empty-notebook report into a temporary folder; return the rows."""
    notebooks = find_notebooks(ROOT / "notebooks")
    only = (notebooks[0].stem,) if quick else ()
    n = 1 if quick else len(notebooks)
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        tmp = Path(tmp)
        empty_dir = tmp / "empty_notebooks"
        empty_dir.mkdir()
        _empty_notebook(empty_dir)
        plain_config = tmp / "report.yaml"
        plain_config.write_text("default: {}\n", encoding="utf-8")
        common = dict(corpus_dir=ROOT / "seeds", codebook_path=ROOT / "config" / "codebook.yaml",
                      partners_path=ROOT / "config" / "partners.yaml", reports_dir=tmp / "reports", quiet=True)
        seeds_s = _timed_build(ReportSpec(name="seeds", notebooks_dir=ROOT / "notebooks",
                                          report_config=ROOT / "config" / "report.yaml", only=only, **common))
        empty_s = _timed_build(ReportSpec(name="empty", notebooks_dir=empty_dir, report_config=plain_config, **common))
    ratio = seeds_s / empty_s
    return [
        {"name": f"report_seeds_wall ({n} notebooks)", "value": round(seeds_s, 2), "unit": "s",
         "target": TARGET_SEEDS_S, "ratio": round(seeds_s / TARGET_SEEDS_S, 3)},
        {"name": "report_one_empty_notebook_wall", "value": round(empty_s, 2), "unit": "s",
         "target": TARGET_EMPTY_S, "ratio": round(empty_s / TARGET_EMPTY_S, 3)},
        {"name": "report_seeds_over_empty", "value": round(ratio, 2), "unit": "x",
         "target": 2.0 * n, "ratio": round(ratio / (2.0 * n), 3)},
    ]
