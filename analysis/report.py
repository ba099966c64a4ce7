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
import platform
import re
import shutil
import sys
import time
from dataclasses import dataclass
from importlib import metadata as _metadata
from pathlib import Path
from typing import Any, Callable, Iterable

from .config import check_keys, load_yaml
from .fingerprint import corpus_files, corpus_hash, file_sha256
from .errors import InputError

TEMPLATES = Path(__file__).parent / "templates"
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")

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
PACKAGES = ("analysis", "numpy", "pandas", "scipy", "scikit-learn", "matplotlib", "papermill",
            "nbconvert", "nbformat", "nbclient", "ipykernel", "jupyterlab", "PyYAML", "Jinja2")

#: Cells removed before rendering (papermill's parameter cells) and the
#: conventional tags a notebook author may use to hide a cell or part of it.
#: Kernel options: activate matplotlib's inline support at start-up (so a Figure
#: that a cell returns is shown as one embedded PNG), then switch pyplot to the
#: non-interactive Agg backend (so figures are never shown twice or shown
#: without being returned: notebooks show what ``publish_figure`` returns),
#: and keep the kernel's own log quiet.
KERNEL_ARGUMENTS = ("--IPKernelApp.matplotlib=inline",
                    "--IPKernelApp.exec_lines=import matplotlib.pyplot as _plt; _plt.switch_backend('Agg'); del _plt",
                    "--IPKernelApp.log_level=ERROR")

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

    def resolved(self) -> "ReportSpec":
        """The same spec with every path made absolute."""
        def ab(p):
            return Path(p).expanduser().resolve()
        return ReportSpec(ab(self.corpus_dir), ab(self.codebook_path), ab(self.partners_path), self.name,
                          ab(self.reports_dir), ab(self.notebooks_dir), ab(self.report_config),
                          self.params_set, tuple(self.only),
                          None if self.partners is None else tuple(self.partners),
                          self.kernel_name, self.quiet)


@dataclass
class ReportResult:
    """What a successful run produced."""

    report_dir: Path
    pages: list[Path]
    manifest: dict


class NotebookFailed(Exception):
    """A notebook raised (or could not run); the partial notebook was kept."""

    def __init__(self, notebook: str, ename: str, evalue: str, partial: Path | None, cell: int | None = None):
        self.notebook, self.ename, self.evalue, self.partial, self.cell = notebook, ename, evalue, partial, cell
        where = f" in cell {cell}" if cell is not None else ""
        super().__init__(f"notebook {notebook} failed{where}: {ename}: {evalue}")


# --------------------------------------------------------------------- notebooks


def find_notebooks(notebooks_dir: str | Path, only: Iterable[str] = ()) -> list[Path]:
    """The notebooks ``NN_name.ipynb`` in ``notebooks_dir``, in name order.

    ``only``: stems (``01_corpus``) or file names to keep; naming one that does
    not exist is an InputError, as is a folder without notebooks.
    """
    notebooks_dir = Path(notebooks_dir)
    if not notebooks_dir.is_dir():
        raise InputError(notebooks_dir, "notebooks folder not found")
    found = sorted(notebooks_dir.glob(NOTEBOOK_GLOB))
    if not found:
        raise InputError(notebooks_dir, f"no notebooks matching {NOTEBOOK_GLOB}")
    only = [o.removesuffix(".ipynb") for o in only]
    if only:
        stems = {p.stem for p in found}
        missing = [o for o in only if o not in stems]
        if missing:
            raise InputError(notebooks_dir, f"no notebook {missing[0]!r} (have: {', '.join(sorted(stems))})")
        found = [p for p in found if p.stem in only]
    return found


def notebook_parameters(path: str | Path) -> dict[str, Any]:
    """The parameters a notebook declares in its ``parameters`` cell:
    ``{name: default-as-written}`` (papermill's inspection, no execution)."""
    import papermill

    try:
        info = papermill.inspect_notebook(str(path))
    except Exception as exc:  # noqa: BLE001 - e.g. no kernelspec, unreadable JSON
        raise InputError(path, f"cannot read its parameters: {' '.join(str(exc).split())}") from None
    return {name: p.get("default") for name, p in info.items()}


def notebook_title(path: str | Path) -> tuple[str, str]:
    """(title, summary) of a notebook: its first Markdown ``# heading`` (else
    the file stem made readable) and the first sentence of prose after it."""
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    title, summary = "", ""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for block in re.split(r"\n\s*\n", cell.source):
            block = block.strip()
            if not block:
                continue
            if block.startswith("#"):
                if not title:
                    title = block.splitlines()[0].lstrip("#").strip()
                continue
            if title and not summary and not block.startswith(("|", "-", "*", ">", "<", "!")):
                text = " ".join(block.split())
                summary = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
                summary = re.sub(r"[*_`]", "", summary)
                summary = summary if len(summary) <= 200 else summary[:197].rstrip() + "…"
        if title and summary:
            break
    if not title:
        title = re.sub(r"^\d+_", "", Path(path).stem).replace("_", " ").capitalize()
    return title, summary


# ----------------------------------------------------------------- parameter sets


def load_report_config(path: str | Path) -> dict[str, dict]:
    """Load ``report.yaml``: a mapping of parameter-set name -> set.

    A set may hold ``description``, ``extends`` (another set's name), the
    common parameters (``partners``, ``include_boilerplate``,
    ``include_duplicates``, ``seed``) and ``notebooks: {<stem>: {param: value}}``
    for per-notebook parameters. Unknown keys and wrong types are InputErrors.
    """
    data = load_yaml(path)
    if not isinstance(data, dict) or not data:
        raise InputError(path, "top level: expected a mapping of parameter-set name -> parameters")
    for name, pset in data.items():
        where = str(name)
        check_keys(path, where, pset, _SET_KEYS)
        if "extends" in pset and pset["extends"] not in data:
            raise InputError(path, f"{where}.extends: no parameter set {pset['extends']!r}")
        if "partners" in pset:
            v = pset["partners"]
            if v is None:
                v = pset["partners"] = []
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise InputError(path, f"{where}.partners: expected a list of partner keys")
        for key in ("include_boilerplate", "include_duplicates"):
            if key in pset and not isinstance(pset[key], bool):
                raise InputError(path, f"{where}.{key}: expected true or false")
        if "seed" in pset and (isinstance(pset["seed"], bool) or not isinstance(pset["seed"], int)):
            raise InputError(path, f"{where}.seed: expected an integer")
        if "dup_threshold" in pset and not (isinstance(pset["dup_threshold"], (int, float))
                                            and not isinstance(pset["dup_threshold"], bool)
                                            and 0 < pset["dup_threshold"] <= 1):
            raise InputError(path, f"{where}.dup_threshold: expected a number in (0, 1]")
        nbs = pset.get("notebooks") or {}
        check_keys(path, f"{where}.notebooks", nbs, set(map(str, nbs)))
        for stem, over in nbs.items():
            check_keys(path, f"{where}.notebooks.{stem}", over if over is not None else {}, set(map(str, over or {})))
    return data


def resolve_params(config: dict[str, dict], set_name: str, notebooks: list[Path],
                   config_path: str | Path = "report.yaml",
                   all_notebooks: list[Path] | None = None) -> tuple[dict, dict[str, dict]]:
    """Resolve parameter set ``set_name`` (following ``extends``) into
    ``(common, per_notebook)``: the common parameters with defaults filled in,
    and ``{stem: {param: value}}`` for every notebook in ``notebooks``.

    Per-notebook parameters are checked against the parameters the notebook
    declares (``all_notebooks``, default ``notebooks``): an unknown notebook or
    parameter is an InputError naming ``config_path``.
    """
    if set_name not in config:
        raise InputError(config_path, f"no parameter set {set_name!r} (have: {', '.join(config)})")
    chain, seen = [], set()
    name = set_name
    while name is not None:
        if name in seen:
            raise InputError(config_path, f"{name}.extends: cycle through {name!r}")
        seen.add(name)
        chain.append(name)
        name = config[name].get("extends")
    common = dict(COMMON_DEFAULTS)
    overrides: dict[str, dict] = {}
    for name in reversed(chain):
        pset = config[name]
        common.update({k: v for k, v in pset.items() if k in COMMON_DEFAULTS})
        for stem, over in (pset.get("notebooks") or {}).items():
            overrides.setdefault(str(stem), {}).update(over or {})
    by_stem = {p.stem: p for p in (all_notebooks or notebooks)}
    for stem, over in overrides.items():
        if stem not in by_stem:
            raise InputError(config_path, f"{set_name}.notebooks: no notebook {stem!r} (have: {', '.join(by_stem)})")
        declared = notebook_parameters(by_stem[stem])
        unknown = sorted(set(over) - set(declared))
        if unknown:
            raise InputError(config_path, f"{set_name}.notebooks.{stem}: unknown parameter {unknown[0]!r} "
                                          f"(the notebook declares: {', '.join(declared)})")
    per_notebook = {p.stem: dict(overrides.get(p.stem, {})) for p in notebooks}
    return common, per_notebook


# ------------------------------------------------------------------------ hashing


def package_versions(names: Iterable[str] = PACKAGES) -> dict[str, str]:
    """Installed versions of ``names`` (``"not installed"`` when missing)."""
    out = {}
    for name in names:
        try:
            out[name] = _metadata.version(name)
        except _metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def build_manifest(spec: ReportSpec, notebooks: list[Path], common: dict, per_notebook: dict) -> dict:
    """The run record: parameters, versions and sha256 of every input file.
    (Timings and the creation time are added when the run finishes.)"""
    spec = spec.resolved()
    files = corpus_files(spec.corpus_dir)
    corpus = {p.relative_to(spec.corpus_dir).as_posix(): file_sha256(p) for p in files}
    configs = {}
    for p in (spec.codebook_path, spec.partners_path, spec.report_config):
        if p.is_file():
            configs[str(p)] = file_sha256(p)
    return {
        "report": spec.name,
        "parameter_set": spec.params_set,
        "parameters": {
            "corpus_dir": str(spec.corpus_dir),
            "codebook_path": str(spec.codebook_path),
            "partners_path": str(spec.partners_path),
            **common,
        },
        "notebook_parameters": per_notebook,
        "notebooks": [p.name for p in notebooks],
        "corpus": {"files": len(corpus), "sha256": corpus_hash(corpus.values())},
        "inputs": {
            "corpus": corpus,
            "config": configs,
            "notebooks": {p.name: file_sha256(p) for p in notebooks},
        },
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "packages": package_versions(),
    }


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


def _exporter():
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    c = Config()
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = set(REMOVE_CELL_TAGS)
    c.TagRemovePreprocessor.remove_input_tags = set(REMOVE_INPUT_TAGS)
    c.TagRemovePreprocessor.remove_all_outputs_tags = set(REMOVE_OUTPUT_TAGS)
    c.HTMLExporter.exclude_input = True
    c.HTMLExporter.exclude_input_prompt = True
    c.HTMLExporter.exclude_output_prompt = True
    exporter = HTMLExporter(config=c, template_name="kit", extra_template_basedirs=[str(TEMPLATES)])
    exporter.register_preprocessor(_drop_stderr, enabled=True)
    return exporter


def _drop_stderr(nb, resources):
    """Preprocessor: drop stderr streams (warnings, progress bars) from the page;
    the executed notebook beside the report keeps them."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    return nb, resources


def render_notebook(executed: str | Path, html_path: str | Path, kit: dict) -> Path:
    """Render an executed notebook to ``html_path`` with the kit template (no
    code, no prompts, no parameter cells, nothing fetched); ``kit`` fills the
    header and footer (``title``, ``report_name``, ``notebook``, ``pages``,
    ``footer_rows``)."""
    import nbformat

    nb = nbformat.read(str(executed), as_version=4)
    body, _ = _exporter().from_notebook_node(nb, resources={"kit": kit, "metadata": {"name": kit.get("page_title", "")}})
    Path(html_path).write_text(body, encoding="utf-8")
    return Path(html_path)


def footer_rows(manifest: dict) -> list[tuple[str, str]]:
    """The manifest summary shown at the foot of every page (deterministic:
    no timings, no timestamps)."""
    params = manifest["parameters"]
    rows = [("corpus", f"{manifest['corpus']['files']} files, sha256 {manifest['corpus']['sha256']}")]
    rows += [(k, json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v) for k, v in params.items()]
    if manifest.get("parameter_set"):
        rows.append(("parameter set", manifest["parameter_set"]))
    rows.append(("python", manifest["python"]))
    rows.append(("packages", ", ".join(f"{k} {v}" for k, v in manifest["packages"].items())))
    return rows


# -------------------------------------------------------------------------- index


def corpus_summary(report_dir: str | Path, top: int = 12) -> dict | None:
    """Cards and breakdowns for the index page, read from ``data/documents.csv``
    (and ``data/segments.csv`` for boilerplate when present); None when absent."""
    import pandas as pd

    report_dir = Path(report_dir)
    path = report_dir / "data" / "documents.csv"
    if not path.is_file():
        return None
    docs = pd.read_csv(path, dtype=str, keep_default_na=False)
    cards = [{"label": "documents", "value": str(len(docs))}]
    if "date" in docs:
        dates = sorted(d for d in docs["date"] if d)
        if dates:
            cards.append({"label": "date range", "value": dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"})
        missing = int((docs["date"] == "").sum())
        if missing:
            cards.append({"label": "without a date", "value": str(missing)})
    if "outlet" in docs:
        cards.append({"label": "outlets", "value": str(docs["outlet"].nunique())})
    if "n_words" in docs:
        words = pd.to_numeric(docs["n_words"], errors="coerce").fillna(0).sum()
        cards.append({"label": "words (excluding boilerplate)", "value": f"{int(words):,}"})
    if "duplicate_of" in docs:
        cards.append({"label": "near-duplicate documents", "value": str(int((docs["duplicate_of"] != "").sum()))})
    seg_path = report_dir / "data" / "segments.csv"
    if seg_path.is_file():
        segs = pd.read_csv(seg_path, dtype=str, keep_default_na=False)
        if "boilerplate" in segs:
            n = int(segs["boilerplate"].str.lower().isin(["true", "1"]).sum())
            cards.append({"label": "boilerplate paragraphs", "value": str(n)})
        if "duplicate_of" in segs:
            n = int((segs["duplicate_of"] != "").sum())
            cards.append({"label": "near-duplicate paragraphs (counted once)", "value": str(n)})
    breakdowns = []
    for col, caption in (("outlet", "Documents by outlet"), ("partner", "Documents by partner"),
                         ("year", "Documents by year")):
        if col == "year" and "date" in docs:
            values = docs["date"].str[:4].replace("", "unknown")
        elif col in docs:
            values = docs[col].replace("", "unknown")
        else:
            continue
        counts = values.value_counts()
        counts = counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable") if col != "year" else counts.sort_index()
        breakdowns.append((caption, [(str(k), int(v)) for k, v in counts.head(top).items()]))
    return {"cards": cards, "breakdowns": breakdowns}


_DATA_LINK = re.compile(r"^data/[A-Za-z0-9_\-]+\.csv$")


def _table_html(path: Path, max_rows: int = 40) -> str:
    """An escaped HTML table of a CSV; a cell that names one of the report's
    own ``data/*.csv`` files becomes a link to it (nothing else is linked)."""
    import html

    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False).head(max_rows)
    df.columns = [html.escape(str(c)) for c in df.columns]
    formatters = {c: (lambda v: f'<a href="{v}">{v}</a>' if _DATA_LINK.match(v) else html.escape(v))
                  for c in df.columns}
    return df.to_html(index=False, escape=False, border=0, classes="kit-table", formatters=formatters)


def write_index(report_dir: str | Path, pages: list[dict], manifest: dict, title: str) -> Path:
    """Write ``index.html``: what the report is, the corpus at a glance, links
    to every section page, the framing summary table when notebook 04 wrote
    ``data/framing_summary.csv``, and the parameters. Everything escaped."""
    import jinja2
    from markupsafe import Markup

    report_dir = Path(report_dir)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    framing = report_dir / "data" / "framing_summary.csv"
    params = [(k, v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)) for k, v in manifest["parameters"].items()]
    for stem, over in manifest.get("notebook_parameters", {}).items():
        for k, v in over.items():
            params.append((f"{stem}.{k}", v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)))
    text = env.get_template("report_index.html.j2").render(
        title=title,
        css=Markup((TEMPLATES / "kit" / "static" / "kit.css").read_text(encoding="utf-8")),
        pages=pages,
        corpus=corpus_summary(report_dir),
        framing_table=Markup(_table_html(framing)) if framing.is_file() else None,
        notes=manifest.get("notes", []),
        params=params,
        footer_rows=footer_rows(manifest),
    )
    out = report_dir / "index.html"
    out.write_text(text, encoding="utf-8")
    return out


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
    from .pipeline import prepare

    args = (str(spec.corpus_dir), str(spec.partners_path), str(spec.codebook_path), list(partners) or None)
    try:
        return list(prepare(*args, dup_threshold=dup_threshold, cache_dir=str(_cache_dir(spec))).warnings)
    except InputError:
        raise
    except OSError:
        return list(prepare(*args, dup_threshold=dup_threshold).warnings)


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

    Order: check names, notebooks and parameters, validate the inputs with
    ``analysis.pipeline.prepare`` (InputError on bad input: nothing under the
    reports folder is touched), execute every notebook in a staging folder
    (cwd = the notebooks folder, absolute paths as parameters), render pages,
    write index.html and manifest.json, then swap into ``<reports_dir>/<name>``.
    A failing notebook raises :class:`NotebookFailed` after moving the staging
    folder to ``<reports_dir>/<name>.failed`` (the old report stays as it was).
    ``validate(spec, partners, dup_threshold) -> notes`` replaces the input
    check (default: :func:`_validate_inputs`, which calls ``prepare``).
    """
    if not NAME_RE.match(spec.name) or spec.name.endswith(".failed"):
        raise InputError(None, f"report name {spec.name!r}: use letters, digits, '_', '-', '.'")
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
    manifest["notes"] = list(notes)
    title = f"Framing report: {spec.name}"
    spec.reports_dir.mkdir(parents=True, exist_ok=True)
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
            })
            timings[page["stem"]]["render_s"] = round(time.perf_counter() - start, 3)
        write_index(staging, pages, manifest, title)
        manifest["timings"] = {"notebooks": timings, "total_s": round(time.perf_counter() - run_start, 3)}
        manifest["created"] = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
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
    _swap_in(staging, target)
    stale = spec.reports_dir / f"{spec.name}.failed"
    if stale.exists():
        shutil.rmtree(stale)
    return ReportResult(target, [target / p["href"] for p in pages], manifest)

