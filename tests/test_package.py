"""The package's face: its distribution name, version, console script,
licence and lock file, and the Makefile passing a user's values as they are."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_distribution_has_its_own_name_one_version_and_a_console_script():
    from importlib import metadata

    import analysis

    project = PYPROJECT["project"]
    assert project["name"] == "vn-framing-kit"        # "analysis" on PyPI is somebody else's
    assert "version" not in project and project["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "analysis.__version__"}
    assert metadata.version("vn-framing-kit") == analysis.__version__
    assert project["scripts"] == {"framing-kit": "analysis.__main__:main"}
    assert project["license"] == "MIT" and (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_version_option_prints_the_one_version():
    import analysis

    proc = subprocess.run([sys.executable, "-m", "analysis", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and proc.stdout.strip() == f"python -m analysis {analysis.__version__}"
    script = Path(sys.executable).with_name("framing-kit")
    if script.exists():      # installed by `make setup`; runs the same command line
        proc = subprocess.run([str(script), "--version"], capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode == 0 and proc.stdout.strip() == f"framing-kit {analysis.__version__}"
        proc = subprocess.run([str(script), "report", "--help"], capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode == 0 and "usage: framing-kit report" in proc.stdout


def _name(requirement: str) -> str:
    return requirement.split(";")[0].split("==")[0].strip().lower().replace("_", "-")


def test_the_lock_pins_every_dependency_within_the_ranges():
    from packaging.requirements import Requirement

    lines = [line.strip() for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    pins = {}
    for line in lines:
        req = Requirement(line)
        assert str(req.specifier).startswith("=="), f"not an exact pin: {line}"
        pins[_name(req.name)] = req.specifier
    ranges = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]
              + PYPROJECT["project"]["optional-dependencies"]["dev"]]
    for req in ranges:
        assert _name(req.name) in pins, f"{req.name} is not in requirements.lock"
        version = str(pins[_name(req.name)]).removeprefix("==")
        assert req.specifier.contains(version), f"the lock's {req.name} {version} is outside {req.specifier}"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_makefile_passes_paths_with_quotes_and_backquotes_as_they_are(tmp_path):
    # a stand-in python records the arguments make gives it; the stamp says "installed"
    fake = tmp_path / "bin"
    fake.mkdir()
    record = tmp_path / "args"
    (fake / "python").write_text(f'#!/bin/sh\nfor a in "$@"; do printf "%s\\0" "$a"; done > "{record}"\n')
    (fake / "python").chmod(0o755)
    stamp = tmp_path / "stamp"
    stamp.touch()
    os.utime(stamp, (2**31 - 1, 2**31 - 1))     # newer than pyproject.toml and the lock
    pwned = tmp_path / "PWNED"
    corpus = f"my `touch {pwned}` \"quoted\" it's dir"     # (a $ is make's own syntax there: $$)
    proc = subprocess.run(["make", "--no-print-directory", "report", f"BIN={fake}", f"STAMP={stamp}",
                           f"CORPUS={corpus}", "NAME=x", "COMPARE=us,japan", "ONLY=01_corpus 02_themes"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert not pwned.exists(), "a backquote in CORPUS ran a command"
    args = record.read_text().split("\0")[:-1]
    assert args[:4] == ["-m", "analysis", "report", "--corpus"] and args[4] == corpus
    assert args[args.index("--partner") + 1] == "us,japan"
    assert args[args.index("--only") + 1:args.index("--only") + 3] == ["01_corpus", "02_themes"]
