"""Shared fixtures: the report CLI run end to end, as a user runs it.

Building a report executes every notebook, so the runs the report tests need
(the seeds, the seeds again for determinism, the seeds plus an article with
live-looking HTML in it) are started ONCE per session, side by side, and shared.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
NOTEBOOKS = ROOT / "notebooks"

#: An article whose headline and body carry HTML that must show as text.
HOSTILE_ARTICLE = """date 2023-05-02 VIETNAM, May 2 -

Minister meets Japanese envoy <script>alert(1)</script> in Hà Nội

HÀ NỘI — Minister of Foreign Affairs Bùi Thanh Sơn received Japanese Ambassador Yamada Takio <script>alert(1)</script> on Tuesday, and the two sides discussed official development assistance (ODA) for infrastructure.

The Japanese ambassador said Japan would continue to provide ODA to Việt Nam and ease visa procedures for Vietnamese workers <img src=x onerror=alert(2)>.

Sơn thanked Japan and asked the Japanese side to keep supporting Việt Nam in addressing the consequences of war, including unexploded ordnance.

Both sides agreed on the importance of freedom of navigation in the East Sea (South China Sea) under international law. — VNS
"""


@dataclass
class Run:
    """One finished ``python -m analysis report`` run."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    reports_dir: Path
    name: str

    @property
    def report_dir(self) -> Path:
        return self.reports_dir / self.name

    def check(self) -> Run:
        assert self.returncode == 0, f"report run failed ({self.returncode}):\n{self.stdout}\n{self.stderr}"
        return self


def cli(*args: str, cwd: Path = ROOT, env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run ``python -m analysis <args>`` in a fresh process, as the Makefile does."""
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=cwd, env={**os.environ, **(env or {})},
                          capture_output=True, text=True, timeout=timeout)


def start_report(reports_dir: Path, name: str, *extra: str) -> tuple[subprocess.Popen, list[str]]:
    args = [sys.executable, "-m", "analysis", "report", "--quiet", "--reports-dir", str(reports_dir),
            "--name", name, *extra]
    # the runs go side by side on few cores: one BLAS thread each, no oversubscription
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True), args


def hostile_corpus(path: Path) -> Path:
    """The seeds plus one article with ``<script>`` in its headline and text."""
    shutil.copytree(SEEDS, path)
    (path / "900_hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    return path


def tree_snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative path -> bytes), to prove nothing changed."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def report_runs(tmp_path_factory) -> dict[str, Run]:
    """Three report runs started together: ``seeds`` (the default report),
    ``again`` (the same inputs, to check determinism) and ``hostile`` (the
    seeds plus an article carrying HTML)."""
    base = tmp_path_factory.mktemp("reports")
    corpus = hostile_corpus(tmp_path_factory.mktemp("corpus") / "hostile")
    plans = {
        "seeds": (base / "a", "seeds", ()),
        "again": (base / "b", "seeds", ()),
        "hostile": (base / "c", "hostile", ("--corpus", str(corpus))),
    }
    procs = {key: (start_report(d, n, *extra), d, n) for key, (d, n, extra) in plans.items()}
    runs = {}
    for key, ((proc, args), d, n) in procs.items():
        out, err = proc.communicate(timeout=900)
        runs[key] = Run(args, proc.returncode, out, err, d, n)
    return runs


@pytest.fixture(scope="session")
def seed_report(report_runs) -> Run:
    """The report on the seeds, built by the CLI into a temporary reports folder."""
    return report_runs["seeds"].check()
