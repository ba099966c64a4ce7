"""The manifest of a report: parameters, package versions, input hashes, timings."""
from __future__ import annotations

import platform
from collections.abc import Iterable
from importlib import metadata as _metadata
from pathlib import Path

from .fingerprint import corpus_files, corpus_hash, file_sha256
from .shown import path_replacements, shown_path
from .spec import PACKAGES, ReportSpec

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


def installed_distributions() -> list[str]:
    """Every installed distribution as ``name==version``, sorted by name (what
    ``pip freeze`` lists, read without starting pip)."""
    seen = {}
    for dist in _metadata.distributions():
        name = dist.metadata["Name"]
        if name and name.lower() not in seen:
            seen[name.lower()] = f"{name}=={dist.version}"
    return [seen[k] for k in sorted(seen)]


def project_dir(spec: ReportSpec) -> Path:
    """The project a run belongs to: the folder holding the notebooks folder."""
    return spec.resolved().notebooks_dir.parent


def report_paths(spec: ReportSpec, staging: str | Path | None = None) -> list[tuple[str, str]]:
    """``(absolute, shown)`` pairs for every path of a run (:mod:`.shown`); the
    staging folder shows as the report's folder."""
    spec = spec.resolved()
    project = project_dir(spec)
    paths = {p: None for p in (spec.corpus_dir, spec.codebook_path, spec.partners_path, spec.report_config,
                               spec.notebooks_dir, spec.reports_dir)}
    if staging is not None:
        paths[Path(staging)] = shown_path(spec.reports_dir / spec.name, project)
    return path_replacements(paths, project)


def build_manifest(spec: ReportSpec, notebooks: list[Path], common: dict, per_notebook: dict) -> dict:
    """The run record: parameters, versions and sha256 of every input file.
    (Timings and the creation time are added when the run finishes.) Paths are
    shown relative to the project or by their last name (:mod:`.shown`): the
    inputs are identified by their hashes, not by the analyst's folders."""
    spec = spec.resolved()
    project = project_dir(spec)
    files = corpus_files(spec.corpus_dir)
    corpus = {p.relative_to(spec.corpus_dir).as_posix(): file_sha256(p) for p in files}
    configs = {}   # the label sheet, when given, is an input like the config files
    for p in (spec.codebook_path, spec.partners_path, spec.report_config, spec.labels_path):
        if p is not None and p.is_file():
            configs[shown_path(p, project)] = file_sha256(p)
    return {
        "report": spec.name,
        "parameter_set": spec.params_set,
        "parameters": {
            "corpus_dir": shown_path(spec.corpus_dir, project),
            "codebook_path": shown_path(spec.codebook_path, project),
            "partners_path": shown_path(spec.partners_path, project),
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
        "installed": installed_distributions(),
    }
