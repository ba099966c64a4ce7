"""A careless or hostile user at the command line: report names, the reports
folder, two runs at once, runs stopped by a signal, and what a shared report
gives away. Each case ends in one line (an error, or what an interrupted run
kept) and leaves the last good report as it was."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, cli, tree_snapshot


@pytest.fixture
def reports(tmp_path) -> Path:
    """A reports folder holding a previous good report ``previous`` and a README."""
    reports = tmp_path / "reports"
    (reports / "previous" / "data").mkdir(parents=True)
    (reports / "previous" / "index.html").write_text("<p>the last good report</p>\n", encoding="utf-8")
    (reports / "previous" / "manifest.json").write_text("{}\n", encoding="utf-8")
    (reports / "README.md").write_text("# Reports\n", encoding="utf-8")
    return reports


def run_bad(reports: Path, *args: str, name: str = "previous") -> str:
    before = tree_snapshot(reports) if reports.is_dir() else None
    proc = cli("report", "--reports-dir", str(reports), f"--name={name}", "--only", "01_corpus", *args, timeout=300)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 2, f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    if before is not None:
        assert tree_snapshot(reports) == before, "the reports folder changed"
    return lines[0]


# ---- report names


def test_a_name_that_is_not_a_report_is_never_taken_over(reports):
    line = run_bad(reports, name="README.md")
    assert "README.md" in line and "not a report" in line
    (reports / "notes").mkdir()
    (reports / "notes" / "mine.txt").write_text("keep me\n", encoding="utf-8")
    line = run_bad(reports, name="notes")
    assert "notes" in line and "not a report" in line


@pytest.mark.parametrize("name", ["default\n", ".", "..", "-x", "a/b", "x.failed", "a" * 101])
def test_a_bad_name_is_refused_with_the_rule(reports, name):
    line = run_bad(reports, name=name)
    assert repr(name) in line and "start with a letter or digit" in line


# ---- the reports folder


def test_a_reports_folder_that_is_a_file_is_an_error_line(tmp_path):
    a_file = tmp_path / "reports.txt"
    a_file.write_text("not a folder\n", encoding="utf-8")
    line = run_bad(a_file)
    assert str(a_file) in line and "not a folder" in line
    line = run_bad(a_file / "below")
    assert "reports.txt" in line and "not a folder" in line
    assert a_file.read_text(encoding="utf-8") == "not a folder\n"


def test_a_reports_folder_that_cannot_be_written_is_an_error(tmp_path, monkeypatch):
    # as root (CI) a chmod'ed folder stays writable, so the refusal is simulated where the kit asks
    from analysis.errors import InputError
    from analysis.report import ReportSpec, build_report

    ro = tmp_path / "ro"
    ro.mkdir()
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != ro)
    with pytest.raises(InputError, match="cannot write to the reports folder"):
        build_report(ReportSpec(reports_dir=ro, notebooks_dir=ROOT / "notebooks", corpus_dir=SEEDS,
                                report_config=ROOT / "config" / "report.yaml"), validate=lambda *a: [])
    assert list(ro.iterdir()) == []


def test_a_short_metadata_row_is_an_error_line(tmp_path, reports):
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "metadata.csv").write_text("doc_id,title,outlet\n000_47b72d136ef06a5a,A title\n", encoding="utf-8")
    line = run_bad(reports, "--corpus", str(corpus))
    assert "metadata.csv" in line and "line 2: 2 fields, the header has 3" in line


# ---- two runs, interrupted runs


def test_a_second_run_of_the_same_name_stops_at_once(reports):
    from analysis.report.workspace import report_lock

    with report_lock(reports, "previous"):
        line = run_bad(reports)
    assert f"another run (process {os.getpid()})" in line and "previous" in line
    assert not (reports / ".lock-previous").exists()


def start(reports: Path, name: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "analysis", "report", "--reports-dir", str(reports),
                             "--name", name, "--only", "01_corpus", "02_themes"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def wait_for_staging(proc: subprocess.Popen, reports: Path, timeout: float = 240) -> Path:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = [p for p in reports.glob(".staging-*") if (p / "notebooks").is_dir()]
        if found and proc.poll() is None:
            time.sleep(1.0)                   # let the kernel start
            return found[0]
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.2)
    raise AssertionError("the run never started")


@pytest.mark.parametrize("signum, code, whole_group", [(signal.SIGINT, 130, True), (signal.SIGTERM, 143, False)])
def test_a_signal_ends_the_run_with_one_line_saying_what_was_kept(reports, signum, code, whole_group):
    before = tree_snapshot(reports / "previous")
    proc = start(reports, "previous")
    wait_for_staging(proc, reports)
    if whole_group:        # Ctrl-C in a terminal: the run and its kernel both get SIGINT
        os.killpg(proc.pid, signum)
    else:
        proc.send_signal(signum)
    out, err = proc.communicate(timeout=120)
    lines = [line for line in err.splitlines() if line.strip()]
    assert proc.returncode == code, err
    assert "Traceback" not in err and len(lines) == 1, err
    assert lines[0].startswith(f"interrupted by {signal.Signals(signum).name}: the partial run is kept in ")
    assert "previous.failed" in lines[0] and "left untouched" in lines[0]
    assert (reports / "previous.failed" / "notebooks").is_dir()
    assert tree_snapshot(reports / "previous") == before
    assert not list(reports.glob(".staging-*")) and not list(reports.glob(".lock-*"))


def test_folders_of_killed_runs_are_removed_by_the_next_run(reports):
    proc = start(reports, "previous")
    staging = wait_for_staging(proc, reports)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    assert staging.is_dir(), "SIGKILL leaves the staging folder behind"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (reports / f".staging-other-{dead.pid}" / "notebooks").mkdir(parents=True)   # another name, process gone
    alive = reports / f".staging-other-{os.getpid()}"                            # another name, still running
    alive.mkdir()
    proc = cli("report", "--reports-dir", str(reports), "--name", "previous", "--only", "01_corpus", timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert not staging.exists() and not (reports / f".staging-other-{dead.pid}").exists()
    assert alive.is_dir()


# ---- what a shared report gives away


def test_shared_files_show_no_absolute_paths(report_runs):
    run = report_runs["hostile"].check()
    corpus_dir = Path(run.args[run.args.index("--corpus") + 1])
    secrets = [str(corpus_dir), str(corpus_dir.parent), str(ROOT), str(run.reports_dir)]
    for path in sorted(run.report_dir.rglob("*")):
        if path.suffix in (".html", ".json", ".ipynb", ".csv"):
            text = path.read_text(encoding="utf-8")
            leaked = [s for s in secrets if s in text]
            assert not leaked, f"{path.relative_to(run.report_dir)} shows {leaked}"
    manifest = json.loads((run.report_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["corpus_dir"] == corpus_dir.name            # outside the project: its name
    assert manifest["parameters"]["codebook_path"] == "config/codebook.yaml"  # inside: relative to it
    assert "config/partners.yaml" in manifest["inputs"]["config"]


def test_manifest_lists_every_installed_distribution(seed_report):
    from importlib import metadata

    manifest = json.loads((seed_report.report_dir / "manifest.json").read_text(encoding="utf-8"))
    installed = manifest["installed"]
    names = [item.split("==")[0].lower() for item in installed]
    assert names == sorted(names) and len(names) == len(set(names))
    assert f"numpy=={metadata.version('numpy')}" in installed
    assert f"traitlets=={metadata.version('traitlets')}" in installed      # not only the direct dependencies


def test_kernel_log_lines_do_not_reach_the_terminal(tmp_path):
    # jupyter_client interrupts a kernel when shutting it down; the kernel then logs
    # "KeyboardInterrupt caught in kernel." at ERROR level on a run that succeeded
    from jupyter_client import KernelManager

    from analysis.report.spec import KERNEL_ARGUMENTS

    log = tmp_path / "kernel.err"
    km = KernelManager(kernel_name="python3")
    with log.open("w") as err:
        km.start_kernel(extra_arguments=list(KERNEL_ARGUMENTS), stderr=err)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=60)
            kc.execute_interactive("get_ipython().kernel.log.error('KeyboardInterrupt caught in kernel.')",
                                   timeout=60)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)
    assert "KeyboardInterrupt caught in kernel" not in log.read_text()
