"""The package's rooms import one way: ground floor < corpus < themes, topics <
framing < plots < report < the command line (docs/architecture.md).

Every ``import`` and ``from ... import`` of every module in ``analysis/`` is read
with :mod:`ast` (nested imports included), resolved to the room it names, and
checked against the rooms that room may use. A module that imports from a
stage above it fails here, naming the file, the line and the import.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "analysis"

GROUND = {"config", "errors", "text", "stats", "markup"}
#: room -> the rooms it may import (besides itself)
ALLOWED = {
    "ground": {"ground"},
    "corpus": {"ground"},
    "themes": {"ground", "corpus"},
    "topics": {"ground", "corpus"},
    "framing": {"ground", "corpus", "themes"},
    "plots": {"ground", "corpus", "themes", "topics", "framing"},
    "report": {"ground", "corpus", "themes", "topics", "framing", "plots"},
    "cli": {"ground", "corpus", "themes", "topics", "framing", "plots", "report"},
}
#: notebook and rendering tools: only the report room may import them
NOTEBOOK_TOOLS = {"papermill", "nbconvert", "nbclient", "nbformat", "jupyter_client", "IPython", "ipykernel"}


def room_of(parts: tuple[str, ...]) -> str:
    """The room of a module given as dotted parts below ``analysis``."""
    if not parts or parts[0] in ("__init__", "__version__"):
        return "ground"          # the package root holds only __version__
    head = parts[0]
    if head in GROUND:
        return "ground"
    if head == "__main__":
        return "cli"
    if head in ALLOWED:
        return head
    raise AssertionError(f"analysis/{'/'.join(parts)}: a module outside every room (add it to a room)")


def module_parts(path: Path, package: Path = PACKAGE) -> tuple[str, ...]:
    rel = path.relative_to(package).with_suffix("")
    parts = rel.parts
    return parts[:-1] if parts[-1] == "__init__" else parts


def imports_of(path: Path, package_dir: Path = PACKAGE):
    """(kind, line, target, text) of every import: kind "analysis" with the dotted
    parts below analysis, or "other" with the top-level name."""
    tree = ast.parse(path.read_text(), filename=str(path))
    here = module_parts(path, package_dir)
    package = here if path.name == "__init__.py" else here[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = base + tuple(node.module.split(".")) if node.module else base
                names = [target + (a.name,) if not node.module else target for a in node.names]
                for t in names:
                    yield "analysis", node.lineno, t, ast.unparse(node)
            elif node.module and node.module.split(".")[0] == "analysis":
                yield "analysis", node.lineno, tuple(node.module.split(".")[1:]), ast.unparse(node)
            elif node.module:
                yield "other", node.lineno, node.module.split(".")[0], ast.unparse(node)
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "analysis":
                    yield "analysis", node.lineno, tuple(a.name.split(".")[1:]), ast.unparse(node)
                else:
                    yield "other", node.lineno, a.name.split(".")[0], ast.unparse(node)


MODULES = sorted(PACKAGE.rglob("*.py"))


def violations(path: Path, package_dir: Path = PACKAGE) -> list[str]:
    """Every import of ``path`` that goes up the stages, as a readable line."""
    parts = module_parts(path, package_dir)
    room = room_of(parts) if parts else "ground"
    out = []
    for kind, line, target, text in sorted(imports_of(path, package_dir), key=lambda x: x[1]):
        if kind == "analysis":
            other = room_of(target)
            if not (other == room or other in ALLOWED[room]):
                out.append(f"{path.name}:{line}: `{text}` — the {room} room may not import the {other} room")
        elif target in NOTEBOOK_TOOLS and room not in ("report", "cli"):
            out.append(f"{path.name}:{line}: `{text}` — only the report room imports notebook tools")
    return out


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_flow_one_way(path):
    assert violations(path) == []


def test_modules_stay_small():
    """No module much longer than 400 lines: a long module mixes jobs."""
    long = {str(p.relative_to(ROOT)): n for p in MODULES if (n := len(p.read_text().splitlines())) > 450}
    assert not long, f"modules over 450 lines: {long}"


def test_the_check_catches_an_upward_import(tmp_path):
    """The checker itself, on a built package: corpus importing themes (relative
    and absolute, nested in a function), and themes importing papermill, are
    refused; corpus importing the ground floor is not."""
    pkg = tmp_path / "analysis"
    (pkg / "corpus").mkdir(parents=True)
    bad = pkg / "corpus" / "probe.py"
    bad.write_text("from ..text import fold\n"
                   "def f():\n    from ..themes.coding import find_hits\n"
                   "import analysis.framing.salience\n")
    found = violations(bad, pkg)
    assert len(found) == 2 and "themes room" in found[0] and "framing room" in found[1]
    (pkg / "themes").mkdir()
    tool = pkg / "themes" / "probe.py"
    tool.write_text("import papermill\nfrom ..corpus import load\n")
    assert [v.split("—")[1].strip() for v in violations(tool, pkg)] == ["only the report room imports notebook tools"]


def test_every_stage_names_its_public_functions():
    """Each subpackage's __init__ has a docstring of the stage and an __all__
    whose names import."""
    import importlib

    for room in ("corpus", "themes", "topics", "framing", "report"):
        mod = importlib.import_module(f"analysis.{room}")
        assert mod.__doc__ and len(mod.__doc__.split()) > 30, f"analysis/{room}/__init__.py: no stage docstring"
        assert mod.__all__, f"analysis/{room}/__init__.py: no __all__"
        for name in mod.__all__:
            assert callable(getattr(mod, name)), f"analysis.{room}.{name} is not a function or class"
