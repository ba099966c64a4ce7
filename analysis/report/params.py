"""Notebooks and their parameters: finding the notebooks, reading their
``parameters`` cells and titles, and resolving a parameter set of ``report.yaml``."""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..config import check_keys, load_yaml
from ..errors import InputError
from .constraints import FROM_COMMAND_LINE, PARAMETERS, check_parameter
from .spec import _SET_KEYS, COMMON_DEFAULTS, NOTEBOOK_GLOB

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


def _literal(text: Any) -> Any:
    """A default as papermill reports it (source text) -> its Python value (None if not a literal)."""
    import ast

    try:
        return ast.literal_eval(text) if isinstance(text, str) else text
    except (ValueError, SyntaxError):
        return None


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
        if "partners" in pset and pset["partners"] is None:
            pset["partners"] = []
        for key in COMMON_DEFAULTS:
            if key in pset:
                check_parameter(path, f"{where}.{key}", key, pset[key])
        nbs = pset.get("notebooks") or {}
        check_keys(path, f"{where}.notebooks", nbs, set(map(str, nbs)))
        for stem, over in nbs.items():
            check_keys(path, f"{where}.notebooks.{stem}", over if over is not None else {}, set(map(str, over or {})))
            for key, value in (over or {}).items():
                if key in PARAMETERS or key in FROM_COMMAND_LINE:
                    check_parameter(path, f"{where}.notebooks.{stem}.{key}", key, value)
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
        for key, value in over.items():   # those the table does not know keep the notebook default's type
            check_parameter(config_path, f"{set_name}.notebooks.{stem}.{key}", key, value, _literal(declared[key]))
    per_notebook = {p.stem: dict(overrides.get(p.stem, {})) for p in notebooks}
    return common, per_notebook
