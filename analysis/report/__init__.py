"""The report stage: from inputs to ``reports/<name>/``.

``prepare`` validates every input and returns the :class:`Bundle` each notebook
starts with (cached by ``fingerprint``'s input hashes); ``outputs`` writes the
tables and figures behind a page; ``spec``, ``params``, ``execute``, ``render``,
``index``, ``manifest`` and ``build`` run the notebooks with papermill, render
them with nbconvert (``templates/``), write the index and manifest, and swap the
finished report into place; ``engines`` (local, dask) run the per-article work,
``progress`` reports each stage, ``uptodate`` tells when nothing needs to
run. The only stage that imports notebook tools; nothing below it imports it.
"""

from importlib import import_module

#: public name -> the module of this package that defines it. Imported on
#: first use (PEP 562), so ``python -m analysis report`` can tell that a
#: report is up to date without importing pandas or the notebook tools.
_EXPORTS = {
    "build_report": "build", "execute_notebook": "execute", "kernel_environment": "execute",
    "corpus_files": "fingerprint", "corpus_hash": "fingerprint", "corpus_key": "fingerprint",
    "file_sha256": "fingerprint", "corpus_summary": "index", "write_index": "index",
    "build_manifest": "manifest", "package_versions": "manifest", "HTMLTable": "outputs", "FigureOutput": "outputs",
    "publish_figure": "outputs", "publish_table": "outputs", "write_figure": "outputs", "write_table": "outputs",
    "find_notebooks": "params", "load_report_config": "params", "notebook_parameters": "params",
    "notebook_title": "params", "resolve_params": "params", "Bundle": "prepare", "footer_rows": "render",
    "render_notebook": "render", "NotebookFailed": "spec", "ReportResult": "spec", "ReportSpec": "spec",
    "project_path": "paths", "project_root": "paths", "open_engine": "engines", "Progress": "progress", "input_fingerprint": "uptodate", "up_to_date": "uptodate",
}


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = sorted(_EXPORTS)
