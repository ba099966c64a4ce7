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
from .progress import SILENT, Progress
from .render import footer_rows, render_notebook
from .shown import hide_paths, hide_paths_in_notebooks
from .spec import NotebookFailed, ReportResult, ReportSpec
from .uptodate import input_fingerprint, up_to_date
from .workspace import check_name, check_reports_dir, clean_stale, report_lock

# ---------------------------------------------------------------------- the run


def _cache_dir(spec: ReportSpec) -> Path:
    """Where the parsed corpus is cached between the check and the notebooks
    (``$KIT_CACHE_DIR``, else ``.cache`` beside the notebooks folder)."""
    return Path(os.environ.get("KIT_CACHE_DIR") or spec.notebooks_dir.parent / ".cache")


class _LazyEngine:
    """The run's engine, opened only when the corpus must really be computed
    (a cached bundle needs no pool and no cluster), closed at the end."""

    def __init__(self, spec: ReportSpec):
        self.spec, self.engine = spec, None
        self.record = {"engine": "dask" if spec.scheduler else spec.engine, "bundle": "from the cache"}

    def get(self):
        if self.engine is None:
            from .engines import open_engine

            self.engine = open_engine(self.spec.engine, self.spec.scheduler, self.spec.workers)
            self.record = {**self.engine.describe(), "bundle": "computed"}
        return self.engine

    def close(self) -> None:
        if self.engine is not None:
            self.engine.close()
            self.engine = None


class _EngineMap:
    """``map(func, items)`` on the lazily opened engine, counting partitions in ``stage``."""

    def __init__(self, lazy: _LazyEngine, stage):
        self.lazy, self.stage = lazy, stage

    def __call__(self, func, items):
        return self.lazy.get().map(func, items, self.stage)

    def __getattr__(self, name: str):
        if name == "run":  # an engine that keeps partitions on its workers (Dask) offers it
            engine = self.lazy.get()
            if hasattr(engine, "run"):
                return engine.run
        raise AttributeError(name)


def _parallelism(spec: ReportSpec) -> int:
    """Partitions that run at once, known without starting a cluster when possible."""
    from .engines.local import available_cores

    if spec.engine == "dask" or spec.scheduler:
        return spec.workers or (2 if not spec.scheduler else available_cores())
    return spec.workers or available_cores()


def _validate_inputs(spec: ReportSpec, partners: list[str], dup_threshold: float = 0.5,
                     codings: list[tuple[bool, bool]] = (), progress: Progress = SILENT,
                     record: dict | None = None) -> list[str]:
    """Read and check the corpus and configuration once (InputError on bad input);
    return the notes a reader should see (one partner only, a partner no
    article names), each naming the file it is about.

    The bundle, with the theme coding of each selection in ``codings``, is
    computed on the spec's engine and cached in :func:`_cache_dir`, which the
    notebooks are given as ``cache_dir``, so they neither parse the corpus nor
    code it again. When the cache cannot be written (a read-only checkout), the
    check runs without it. ``record`` receives what the manifest says about
    the engine (its name, workers, and whether the bundle was computed)."""
    from .prepare import prepare

    args = (str(spec.corpus_dir), str(spec.partners_path), str(spec.codebook_path), list(partners) or None)
    lazy = _LazyEngine(spec)
    try:
        with progress.stage("corpus and theme coding", unit="partitions") as stage:
            kw = dict(dup_threshold=dup_threshold, codings=list(codings), map=_EngineMap(lazy, stage),
                      parallelism=_parallelism(spec))
            try:
                bundle = prepare(*args, cache_dir=str(_cache_dir(spec)), **kw)
            except InputError:
                raise
            except OSError:
                bundle = prepare(*args, **kw)
        n_themes = len(bundle.codebook.themes) if bundle.codebook is not None else 0
        if n_themes < 2:    # a codebook may have one theme; a report's co-occurrence pages need pairs
            raise InputError(spec.codebook_path, f"{n_themes} theme(s): a report needs at least two "
                                                 "(the Themes page measures how themes occur together)")
        if spec.labels_path is not None:   # a bad label sheet stops the run here, before anything is written
            from .labelling import check_label_sheet

            check_label_sheet(spec.labels_path, bundle.segments, spec.corpus_dir)
        return list(bundle.warnings)
    finally:
        if record is not None:
            record.update(lazy.record)
        lazy.close()


def _labels_param(spec: ReportSpec, notebook: Path) -> dict:
    """``labels_path`` for a notebook that declares it, when a sheet was given."""
    if spec.labels_path is None or "labels_path" not in notebook_parameters(notebook):
        return {}
    return {"labels_path": str(spec.labels_path)}


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


def _dependencies(notebooks: list[Path]) -> dict[str, set[str]]:
    """Notebook stem -> the stems it must wait for: ``metadata.kit.after`` in
    the notebook (a list of stems); notebooks that declare none are independent
    (each starts from the shared bundle) and run at the same time."""
    import nbformat

    stems = {nb.stem for nb in notebooks}
    deps = {}
    for nb in notebooks:
        meta = nbformat.read(str(nb), as_version=4).metadata.get("kit", {}) or {}
        after = meta.get("after", []) if isinstance(meta, dict) else []
        deps[nb.stem] = {str(a).removesuffix(".ipynb") for a in after} & stems
    return deps


def _run_notebooks(spec: ReportSpec, notebooks: list[Path], run_one: Callable[[Path], dict],
                   progress: Progress) -> dict[str, dict[str, float]]:
    """Run ``run_one(notebook)`` for every notebook, up to ``spec.jobs`` at a
    time (default: the cores, at least 2), each as soon as the notebooks it
    waits for are done. The first failure stops new starts, lets the running
    ones finish and is raised. Returns the timings in notebook order."""
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    from .engines.local import available_cores

    jobs = max(1, min(spec.jobs or max(2, available_cores()), len(notebooks)))
    deps = _dependencies(notebooks)
    timings: dict[str, dict[str, float]] = {}
    pending = list(notebooks)
    running: dict = {}
    failure: BaseException | None = None
    with progress.stage("notebooks", total=len(notebooks), unit="notebooks") as stage, \
            ThreadPoolExecutor(max_workers=jobs) as pool:
        try:
            while pending or running:
                if failure is None:
                    for nb in [nb for nb in pending if deps[nb.stem] <= set(timings)][:jobs - len(running)]:
                        pending.remove(nb)
                        running[pool.submit(run_one, nb)] = nb
                if not running:
                    if pending and failure is None:  # waits for a notebook that never comes: a cycle
                        raise InputError(spec.notebooks_dir, "notebooks wait for each other in a cycle: "
                                         + ", ".join(nb.stem for nb in pending))
                    break
                done, _ = wait(list(running), return_when=FIRST_COMPLETED)
                for fut in done:
                    nb = running.pop(fut)
                    try:
                        timings[nb.stem] = fut.result()
                        stage.update()
                    except BaseException as exc:  # noqa: BLE001 - the first failure is raised below
                        failure = failure or exc
        except BaseException:
            for fut in running:
                fut.cancel()
            raise
    if failure is not None:
        raise failure
    return {nb.stem: timings[nb.stem] for nb in notebooks}


def build_report(spec: ReportSpec,
                 validate: Callable[..., list[str]] | None = None,
                 progress: Progress | None = None) -> ReportResult:
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

    When the finished report's manifest carries the same input fingerprint
    (:mod:`analysis.report.uptodate`) and ``spec.force`` is not set, nothing
    runs (``ReportResult.up_to_date``). The corpus and its theme coding are
    computed on the spec's engine; notebooks that do not wait for each other
    run at the same time (``spec.jobs``) and their pages are rendered side by
    side. ``progress``: where stages are reported (default: from ``spec.quiet``).
    """
    with contextlib.ExitStack() as held:
        return _build(spec, validate, held, progress)


def _build(spec: ReportSpec, validate, held: contextlib.ExitStack, progress: Progress | None = None) -> ReportResult:
    """:func:`build_report`'s run; ``held`` keeps the report name's lock until it returns."""
    check_reports_dir(spec.reports_dir, create=False)
    check_name(spec.name, spec.reports_dir)
    spec = spec.resolved()
    progress = progress or Progress(quiet=spec.quiet)
    fingerprint = input_fingerprint(spec)
    if not spec.force:
        done = up_to_date(spec, fingerprint)
        if done is not None:
            target = spec.reports_dir / spec.name
            return ReportResult(target, [target / f"{Path(n).stem}.html" for n in done.get("notebooks", [])],
                                done, up_to_date=True)
    all_notebooks = find_notebooks(spec.notebooks_dir)
    notebooks = find_notebooks(spec.notebooks_dir, spec.only)
    config = load_report_config(spec.report_config)
    common, per_notebook = resolve_params(config, spec.params_set, notebooks, spec.report_config, all_notebooks)
    if spec.partners is not None:
        common["partners"] = list(spec.partners)
    codings = [(bool(common["include_boilerplate"]), bool(common["include_duplicates"]))]
    engine_record: dict = {}
    if validate is None:
        notes = _validate_inputs(spec, common["partners"], common["dup_threshold"], codings, progress,
                                 engine_record)
    else:
        notes = validate(spec, common["partners"], common["dup_threshold"])
    notes = notes or []
    for note in notes:
        print(f"note: {note}", file=sys.stderr, flush=True)

    manifest = build_manifest(spec, notebooks, common, per_notebook)
    manifest["notes"] = [hide_paths(n, report_paths(spec)) for n in notes]
    manifest["fingerprint"] = fingerprint
    manifest["engine"] = engine_record
    title = f"Framing report: {spec.name}"
    check_reports_dir(spec.reports_dir)
    held.enter_context(report_lock(spec.reports_dir, spec.name))
    clean_stale(spec.reports_dir, spec.name)
    staging = spec.reports_dir / f".staging-{spec.name}-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    (staging / "notebooks").mkdir(parents=True)
    run_start = time.perf_counter()
    start_cwd = os.getcwd()
    pages = []
    for nb in notebooks:
        t, s = notebook_title(nb)
        pages.append({"href": f"{nb.stem}.html", "title": t, "summary": s, "stem": nb.stem})

    def run_one(nb: Path) -> dict[str, float]:
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
        try:
            seconds = execute_notebook(nb, executed, params, spec.kernel_name, cwd=spec.notebooks_dir)
        except Exception as exc:  # noqa: BLE001 - any failure keeps the partial notebook
            raise _Failed(nb, exc) from exc
        return {"execute_s": round(seconds, 3)}

    try:
        with kernel_environment():
            try:
                try:
                    timings = _run_notebooks(spec, notebooks, run_one, progress)
                finally:
                    # papermill changes the process's working directory around each run; with
                    # notebooks side by side in threads, one run can restore another's, so the
                    # folder the report was started from is put back for the index and the swap
                    os.chdir(start_cwd)
            except _Failed as failed_nb:
                exc = failed_nb.exc
                ename = getattr(exc, "ename", type(exc).__name__)
                evalue = getattr(exc, "evalue", str(exc))
                cell = getattr(exc, "exec_count", None)
                failed = _keep_failed(staging, spec.reports_dir, spec.name)
                partial = failed / "notebooks" / failed_nb.notebook.name
                raise NotebookFailed(failed_nb.notebook.name, ename,
                                     str(evalue).splitlines()[0] if str(evalue) else "",
                                     partial if partial.exists() else None, cell) from exc
        hide_paths_in_notebooks(staging / "notebooks", report_paths(spec, staging))
        rows = footer_rows(manifest)

        def render_one(page: dict) -> float:
            start = time.perf_counter()
            nav = [{**p, "current": p["stem"] == page["stem"]} for p in pages]
            render_notebook(staging / "notebooks" / f"{page['stem']}.ipynb", staging / page["href"], {
                "title": title, "page_title": f"{page['title']} · {spec.name}", "report_name": spec.name,
                "notebook": f"{page['stem']}.ipynb", "pages": nav, "footer_rows": rows,
                "articles_href": "articles/index.html",
            })
            return round(time.perf_counter() - start, 3)

        from concurrent.futures import ThreadPoolExecutor

        with progress.stage("pages", total=len(pages), unit="pages") as stage, \
                ThreadPoolExecutor(max_workers=max(1, min(len(pages), spec.jobs or 2))) as pool:
            for page, seconds in zip(pages, pool.map(render_one, pages)):
                timings[page["stem"]]["render_s"] = seconds
                stage.update()
        write_index(staging, pages, manifest, title, partners_path=spec.partners_path)
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


class _Failed(Exception):
    """A notebook's execution failed: carries the notebook and papermill's exception."""

    def __init__(self, notebook: Path, exc: BaseException):
        super().__init__(str(exc))
        self.notebook, self.exc = notebook, exc
