"""The report stage: from inputs to ``reports/<name>/``.

``prepare`` validates every input and returns the :class:`Bundle` each notebook
starts with (cached by ``fingerprint``'s input hashes); ``outputs`` writes the
tables and figures behind a page; ``spec``, ``params``, ``execute``, ``render``,
``index``, ``manifest`` and ``build`` run the notebooks with papermill, render
them with nbconvert (``templates/``), write the index and manifest, and swap the
finished report into place. The only stage that imports notebook tools; nothing
below it imports it.
"""

from .build import build_report
from .execute import execute_notebook, kernel_environment
from .fingerprint import corpus_files, corpus_hash, corpus_key, file_sha256
from .index import corpus_summary, write_index
from .manifest import build_manifest, package_versions
from .outputs import FigureOutput, HTMLTable, publish_figure, publish_table, write_figure, write_table
from .params import find_notebooks, load_report_config, notebook_parameters, notebook_title, resolve_params
from .paths import project_path, project_root
from .prepare import Bundle
from .render import footer_rows, render_notebook
from .spec import NotebookFailed, ReportResult, ReportSpec

__all__ = ["Bundle", "FigureOutput", "HTMLTable", "NotebookFailed", "ReportResult", "ReportSpec", "build_manifest",
    "build_report", "corpus_files", "corpus_hash", "corpus_key", "corpus_summary", "execute_notebook",
    "file_sha256", "find_notebooks", "footer_rows", "kernel_environment", "load_report_config",
    "notebook_parameters", "notebook_title", "package_versions", "project_path", "project_root", "publish_figure", "publish_table",
    "render_notebook", "resolve_params", "write_figure", "write_index", "write_table"]
