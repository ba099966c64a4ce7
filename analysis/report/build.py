"""Build a report: validate the inputs, execute every notebook with papermill,
render each to self-contained HTML with nbconvert, write an index page and a
manifest, and swap the result into ``reports/<name>/`` only when all succeeded.

This is the only module of the package that imports notebook tools.

Layout of a finished report (``<reports_dir>/<name>/``)::

    index.html            what the report is, corpus at a glance, links, parameters
    01_corpus.html ...    one page per notebook (no code, nothing fetched)
    data/*.csv            every table and figure's data (written by the notebooks)
    figures/*.png         figures as files (written by the notebooks)
    notebooks/*.ipynb     the executed notebooks
    manifest.json         parameters, versions, input hashes, timings

A run works in ``<reports_dir>/.staging-<name>-<pid>/``. If a notebook fails,
the staging directory becomes ``<reports_dir>/<name>.failed/`` (with the
partial executed notebook) and ``<reports_dir>/<name>/`` is left untouched.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from .execute import execute_notebook, kernel_environment
from .index import write_index
from .labelling import carry_over
from .manifest import build_manifest, report_paths
from .params import find_notebooks, load_report_config, notebook_parameters, notebook_title, resolve_params
from .render import footer_rows, render_notebook
from .shown import hide_paths, hide_paths_in_notebooks
from .spec import NotebookFailed, ReportResult, ReportSpec
from .workspace import check_name, check_reports_dir, clean_stale, report_lock

# ---------------------------------------------------------------------- the run


def _cache_dir(spec: ReportSpec) -> Path:
    """Where the parsed corpus is cached between the check and the notebooks."""
    return spec.notebooks_dir.parent / ".cache"


def _validate_inputs(spec: ReportSpec, partners: list[str], dup_threshold: float = 0.5) -> list[str]:
    """Read and check the corpus and configuration once (InputError on bad input);
    return the notes a reader should see (one partner only, a partner no
    article names), each naming the file it is about.

    The bundle is cached in :func:`_cache_dir`, which the notebooks are given
    as ``cache_dir``, so they do not parse the corpus again. When the cache
    cannot be written (a read-only checkout), the check runs without it."""
    from .prepare import prepare

    args = (str(spec.corpus_dir), str(spec.partners_path), str(spec.codebook_path), list(partners) or None)
    try:
        bundle = prepare(*args, dup_threshold=dup_threshold, cache_dir=str(_cache_dir(spec)))
    except InputError:
        raise
    except OSError:
        bundle = prepare(*args, dup_threshold=dup_threshold)
    n_themes = len(bundle.codebook.themes) if bundle.codebook is not None else 0
    if n_themes < 2:    # a codebook may have one theme; a report's co-occurrence pages need pairs
        raise InputError(spec.codebook_path, f"{n_themes} theme(s): a report needs at least two "
                                             "(the Themes page measures how themes occur together)")
    if spec.labels_path is not None:   # a bad label sheet stops the run here, before anything is written
        from .labelling import check_label_sheet

        check_label_sheet(spec.labels_path, bundle.segments, spec.corpus_dir)
    return list(bundle.warnings)


def _labels_param(spec: ReportSpec, notebook: Path) -> dict:
    """``labels_path`` for a notebook that declares it, when a sheet was given."""
    if spec.labels_path is None or "labels_path" not in notebook_parameters(notebook):
        return {}
    return {"labels_path": str(spec.labels_path)}


def _log(spec: ReportSpec, msg: str) -> None:
    if not spec.quiet:
        print(msg, flush=True)


def _swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging``: rename the old one aside, rename the
    new one in, then delete the old one (on failure the old one is restored)."""
    backup = target.with_name(f".old-{target.name}-{os.getpid()}")
    if target.exists():
        target.rename(backup)
    try:
        staging.rename(target)
    except BaseException:
        if backup.exists():
            backup.rename(target)
        raise
    shutil.rmtree(backup, ignore_errors=True)


def _keep_failed(staging: Path, reports_dir: Path, name: str) -> Path:
    failed = reports_dir / f"{name}.failed"
    if failed.exists():
        shutil.rmtree(failed)
    staging.rename(failed)
    return failed


def build_report(spec: ReportSpec,
                 validate: Callable[[ReportSpec, list[str], float], list[str]] | None = None) -> ReportResult:
    """Build the report described by ``spec``; return where it went.

    The name and the reports folder are checked first (``workspace``); the run
    holds the lock of its report name from its first write to its end.

    Order: check names, notebooks and parameters, validate the inputs with
    ``analysis.report.prepare.prepare`` (InputError on bad input: nothing under the
    reports folder is touched), execute every notebook in a staging folder
    (cwd = the notebooks folder, absolute paths as parameters), render pages,
    write index.html and manifest.json, then swap into ``<reports_dir>/<name>``.
    A failing notebook raises :class:`NotebookFailed` after moving the staging
    folder to ``<reports_dir>/<name>.failed`` (the old report stays as it was).
    ``validate(spec, partners, dup_threshold) -> notes`` replaces the input
    check (default: :func:`_validate_inputs`, which calls ``prepare``).
    """
    with contextlib.ExitStack() as held:
        return _build(spec, validate, held)


def _build(spec: ReportSpec, validate, held: contextlib.ExitStack) -> ReportResult:
    """:func:`build_report`'s run; ``held`` keeps the report name's lock until it returns."""
    check_reports_dir(spec.reports_dir, create=False)
    check_name(spec.name, spec.reports_dir)
    spec = spec.resolved()
    all_notebooks = find_notebooks(spec.notebooks_dir)
    notebooks = find_notebooks(spec.notebooks_dir, spec.only)
    config = load_report_config(spec.report_config)
    common, per_notebook = resolve_params(config, spec.params_set, notebooks, spec.report_config, all_notebooks)
    if spec.partners is not None:
        common["partners"] = list(spec.partners)
    notes = (validate or _validate_inputs)(spec, common["partners"], common["dup_threshold"]) or []
    for note in notes:
        print(f"note: {note}", file=sys.stderr, flush=True)

    manifest = build_manifest(spec, notebooks, common, per_notebook)
    manifest["notes"] = [hide_paths(n, report_paths(spec)) for n in notes]
    title = f"Framing report: {spec.name}"
    check_reports_dir(spec.reports_dir)
    held.enter_context(report_lock(spec.reports_dir, spec.name))
    clean_stale(spec.reports_dir, spec.name)
    staging = spec.reports_dir / f".staging-{spec.name}-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    (staging / "notebooks").mkdir(parents=True)
    timings: dict[str, dict[str, float]] = {}
    run_start = time.perf_counter()
    try:
        with kernel_environment():
            for nb in notebooks:
                executed = staging / "notebooks" / nb.name
                params = {
                    "corpus_dir": str(spec.corpus_dir),
                    "codebook_path": str(spec.codebook_path),
                    "partners_path": str(spec.partners_path),
                    "output_dir": str(staging),
                    "cache_dir": str(_cache_dir(spec)),
                    **common,
                    **per_notebook.get(nb.stem, {}),
                    **_labels_param(spec, nb),
                }
                _log(spec, f"running {nb.name} ...")
                try:
                    seconds = execute_notebook(nb, executed, params, spec.kernel_name, cwd=spec.notebooks_dir)
                except Exception as exc:  # noqa: BLE001 - any failure keeps the partial notebook
                    ename = getattr(exc, "ename", type(exc).__name__)
                    evalue = getattr(exc, "evalue", str(exc))
                    cell = getattr(exc, "exec_count", None)
                    failed = _keep_failed(staging, spec.reports_dir, spec.name)
                    partial = failed / "notebooks" / nb.name
                    raise NotebookFailed(nb.name, ename, str(evalue).splitlines()[0] if str(evalue) else "",
                                         partial if partial.exists() else None, cell) from exc
                timings[nb.stem] = {"execute_s": round(seconds, 3)}
                _log(spec, f"  done in {seconds:.1f} s")
        hide_paths_in_notebooks(staging / "notebooks", report_paths(spec, staging))
        pages = []
        for nb in notebooks:
            t, s = notebook_title(nb)
            pages.append({"href": f"{nb.stem}.html", "title": t, "summary": s, "stem": nb.stem})
        rows = footer_rows(manifest)
        for page in pages:
            start = time.perf_counter()
            nav = [{**p, "current": p["stem"] == page["stem"]} for p in pages]
            render_notebook(staging / "notebooks" / f"{page['stem']}.ipynb", staging / page["href"], {
                "title": title, "page_title": f"{page['title']} · {spec.name}", "report_name": spec.name,
                "notebook": f"{page['stem']}.ipynb", "pages": nav, "footer_rows": rows,
                "articles_href": "articles/index.html",
            })
            timings[page["stem"]]["render_s"] = round(time.perf_counter() - start, 3)
        write_index(staging, pages, manifest, title)
        manifest["timings"] = {"notebooks": timings, "total_s": round(time.perf_counter() - run_start, 3)}
        manifest["created"] = _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except NotebookFailed:
        raise
    except BaseException as exc:
        if staging.exists():
            failed = _keep_failed(staging, spec.reports_dir, spec.name)
            if not isinstance(exc, KeyboardInterrupt):
                raise NotebookFailed("(rendering)", type(exc).__name__, str(exc), failed) from exc
        raise
    target = spec.reports_dir / spec.name
    carry_over(target, staging)      # the analyst's label sheet survives a new report
    _swap_in(staging, target)
    stale = spec.reports_dir / f"{spec.name}.failed"
    if stale.exists():
        shutil.rmtree(stale)
    return ReportResult(target, [target / p["href"] for p in pages], manifest)
