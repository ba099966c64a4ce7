"""How paths appear in what a report shares (pages, index, manifest, executed
notebooks): relative to the project when inside it (``seeds``,
``config/codebook.yaml``), by their last name otherwise (``/home/ana/articles``
shows as ``articles``), so a shared report does not give away the analyst's
folders. The terminal still shows full paths; the manifest identifies inputs
by their sha256, not by where they were.

(Where a relative path points is :mod:`.paths`'s job.)

Public names: :func:`shown_path`, :func:`path_replacements`, :func:`hide_paths`,
:func:`hide_paths_in_notebooks`.
"""
from __future__ import annotations

import re
from pathlib import Path

__all__ = ["hide_paths", "hide_paths_in_notebooks", "path_replacements", "shown_path"]


def shown_path(path: str | Path, project: str | Path) -> str:
    """``path`` relative to ``project`` (POSIX slashes) when inside it, else its
    last component; ``.`` for the project itself."""
    path, project = Path(path).absolute(), Path(project).absolute()
    try:
        rel = path.relative_to(project)
    except ValueError:
        return path.name or str(path)
    return rel.as_posix() if rel.parts else "."


def path_replacements(paths: dict[str | Path, str | Path | None], project: str | Path) -> list[tuple[str, str]]:
    """``(absolute, shown)`` pairs for the run's paths, longest first (a file in
    a folder is replaced before the folder). ``paths`` maps each path to the
    form to show (``None``: :func:`shown_path`). The project folder itself is
    added, so any other path inside it shows relative to it. Both the path as
    given and with links resolved are replaced."""
    pairs: dict[str, str] = {}
    for path, shown in [*paths.items(), (project, ".")]:
        shown = str(shown) if shown is not None else shown_path(path, project)
        for form in {str(Path(path).absolute()), str(Path(path).resolve())}:
            if len(form) > 1:            # never "/" itself
                pairs.setdefault(form, shown)
    return sorted(pairs.items(), key=lambda kv: -len(kv[0]))


def hide_paths(text: str, pairs: list[tuple[str, str]]) -> str:
    """``text`` with every absolute path of ``pairs`` replaced by its shown form,
    where it stands as a whole path or a path's start (``<project>/x`` -> ``x``;
    ``<project>x`` is left alone)."""
    for absolute, shown in pairs:
        if absolute not in text:
            continue
        pattern = re.compile(re.escape(absolute) + r"(/|(?![\w.\-]))")
        text = pattern.sub(lambda m, s=shown: (("" if s == "." else s + "/") if m[1] == "/" else s), text)
    return text


def hide_paths_in_notebooks(folder: str | Path, pairs: list[tuple[str, str]]) -> None:
    """Apply :func:`hide_paths` to every executed notebook in ``folder``: its
    injected parameters, outputs and tracebacks (the pages are rendered from
    them, and they are shared with the report)."""
    for nb in sorted(Path(folder).glob("*.ipynb")):
        text = nb.read_text(encoding="utf-8")
        # paths inside JSON strings are escaped only for '"' and '\\', which a
        # POSIX path given to the kit rarely holds; replace the JSON-escaped form
        json_pairs = [(a.replace("\\", "\\\\").replace('"', '\\"'), s.replace("\\", "\\\\").replace('"', '\\"'))
                      for a, s in pairs]
        new = hide_paths(text, json_pairs)
        if new != text:
            nb.write_text(new, encoding="utf-8")
