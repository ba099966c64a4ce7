"""The manifest of a report: parameters, package versions, input hashes, timings."""
from __future__ import annotations

import platform
from collections.abc import Iterable
from importlib import metadata as _metadata
from pathlib import Path

from .fingerprint import corpus_files, corpus_hash, file_sha256
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
