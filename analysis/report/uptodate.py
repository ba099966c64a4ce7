"""Is a report up to date? One fingerprint of everything a report depends on.

The fingerprint is a sha256 over: the run's settings (report name, parameter
set, partner selection, notebooks asked for, kernel, the paths given), the
bytes of the codebook, the partners file and the report config, the bytes of
every notebook, every corpus file's name and bytes, the package's own source
(``analysis/**/*.py`` and its templates), the Python version and the versions
of the packages in the manifest. It is written into ``manifest.json``; a run
whose fingerprint equals the finished report's stops at once, saying so. A
changed article, parameter, notebook, rule or package re-runs (any file under
the corpus folder counts, even one the reader leaves out: the check may re-run
for nothing, never skip a change). The engine is not part of it: every engine
gives the same tables.

Only the standard library is imported here, so the check costs the hashing
of the inputs (about 0.2 s for 70 MB of articles) and no pandas import.
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
from pathlib import Path

from .fingerprint import file_sha256
from .manifest import package_versions
from .spec import NOTEBOOK_GLOB, ReportSpec

PACKAGE_DIR = Path(__file__).resolve().parents[1]


def _source_files() -> list[Path]:
    return sorted(p for p in PACKAGE_DIR.rglob("*")
                  if p.is_file() and (p.suffix == ".py" or "templates" in p.relative_to(PACKAGE_DIR).parts)
                  and "__pycache__" not in p.parts)


def _every_file(root: Path) -> list[Path]:
    """Every file under ``root``, hidden ones and subfolders included: a superset
    of what the corpus reader takes (so no change it would see is missed), found
    without importing the corpus stage (and pandas with it)."""
    if not root.is_dir():
        return []
    out = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        out += [Path(folder) / f for f in files if (Path(folder) / f).is_file()]
    return sorted(out)


def input_fingerprint(spec: ReportSpec) -> str:
    """The sha256 (hex) of everything the report of ``spec`` depends on."""
    spec = spec.resolved()
    h = hashlib.sha256()

    def add(label: str, value: str) -> None:
        h.update(f"{label}\t{value}\n".encode())

    labels = getattr(spec, "labels_path", None)   # a filled label sheet (make label) is an input too
    settings = {"name": spec.name, "params_set": spec.params_set, "only": sorted(spec.only),
                "partners": None if spec.partners is None else list(spec.partners), "kernel": spec.kernel_name,
                "corpus_dir": str(spec.corpus_dir), "codebook": str(spec.codebook_path),
                "partners_path": str(spec.partners_path), "report_config": str(spec.report_config),
                "notebooks_dir": str(spec.notebooks_dir), "labels": str(labels or "")}
    add("settings", json.dumps(settings, sort_keys=True))
    for label, path in (("codebook", spec.codebook_path), ("partners", spec.partners_path),
                        ("report_config", spec.report_config), ("labels", labels or Path("-"))):
        add(label, file_sha256(path) if path.is_file() else "-")
    for nb in sorted(spec.notebooks_dir.glob(NOTEBOOK_GLOB)) if spec.notebooks_dir.is_dir() else []:
        add(f"notebook {nb.name}", file_sha256(nb))
    for p in _every_file(spec.corpus_dir):
        add(f"corpus {p.relative_to(spec.corpus_dir).as_posix()}", file_sha256(p))
    for p in _source_files():
        add(f"source {p.relative_to(PACKAGE_DIR).as_posix()}", file_sha256(p))
    add("python", platform.python_version())
    add("packages", json.dumps(package_versions(), sort_keys=True))
    return h.hexdigest()


def up_to_date(spec: ReportSpec, fingerprint: str | None = None) -> dict | None:
    """The finished report's manifest when it was built from exactly these
    inputs (same fingerprint) and every page it lists is still there; else None."""
    spec = spec.resolved()
    target = spec.reports_dir / spec.name
    try:
        manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict):
        return None
    fingerprint = fingerprint or input_fingerprint(spec)
    if manifest.get("fingerprint") != fingerprint:
        return None
    pages = ["index.html"] + [Path(n).stem + ".html" for n in manifest.get("notebooks", [])]
    if not all((target / p).is_file() for p in pages):
        return None
    return manifest
