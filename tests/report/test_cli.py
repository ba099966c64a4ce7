"""Bad input through the CLI, as a user meets it: each case exits with code 2,
prints ONE line ``error: <file>: <problem>`` naming the offending file, and
leaves an existing report (and the rest of the reports folder) untouched."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, cli, tree_snapshot

PARTNERS = ROOT / "config" / "partners.yaml"
CODEBOOK = ROOT / "config" / "codebook.yaml"


@pytest.fixture
def reports(tmp_path) -> Path:
    """A reports folder holding a previous good report ``previous``."""
    reports = tmp_path / "reports"
    (reports / "previous" / "data").mkdir(parents=True)
    (reports / "previous" / "index.html").write_text("<p>the last good report</p>\n", encoding="utf-8")
    (reports / "previous" / "manifest.json").write_text("{}\n", encoding="utf-8")   # what makes it a report
    (reports / "previous" / "data" / "documents.csv").write_text("doc_id\na\n", encoding="utf-8")
    return reports


def seeds_copy(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    return corpus


def run_bad(reports: Path, *args: str):
    before = tree_snapshot(reports)
    proc = cli("report", "--reports-dir", str(reports), "--name", "previous", *args, timeout=120)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 2, f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: "), lines[0]
    assert tree_snapshot(reports) == before, "the reports folder changed"
    assert "Traceback" not in proc.stderr
    return lines[0]


# ---- the corpus folder


def test_missing_folder(tmp_path, reports):
    line = run_bad(reports, "--corpus", str(tmp_path / "nowhere"))
    assert "nowhere" in line and "not found" in line


def test_empty_folder(tmp_path, reports):
    (tmp_path / "empty").mkdir()
    line = run_bad(reports, "--corpus", str(tmp_path / "empty"))
    assert f"{tmp_path / 'empty'}:" in line and "empty" in line.split(":", 2)[2]


def test_folder_without_txt_files(tmp_path, reports):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "readme.md").write_text("# not an article\n", encoding="utf-8")
    (folder / "article.docx").write_bytes(b"PK\x03\x04")
    line = run_bad(reports, "--corpus", str(folder))
    assert f"{folder}:" in line and ".txt" in line


def test_non_utf8_file(tmp_path, reports):
    corpus = seeds_copy(tmp_path)
    (corpus / "005_latin1.txt").write_bytes("Hà Nam, café\n\nThe minister met the US envoy.\n".encode("latin-1"))
    line = run_bad(reports, "--corpus", str(corpus))
    assert "005_latin1.txt" in line and "UTF-8" in line


def test_empty_txt_file(tmp_path, reports):
    corpus = seeds_copy(tmp_path)
    (corpus / "006_empty.txt").write_text("", encoding="utf-8")
    line = run_bad(reports, "--corpus", str(corpus))
    assert "006_empty.txt" in line and "empty" in line


def test_metadata_naming_a_missing_document(tmp_path, reports):
    corpus = seeds_copy(tmp_path)
    (corpus / "metadata.csv").write_text("doc_id,outlet\n000_47b72d136ef06a5a,VNS\n999_not_there,VNA\n", encoding="utf-8")
    line = run_bad(reports, "--corpus", str(corpus))
    assert "metadata.csv" in line and "999_not_there" in line


# ---- the YAML files


def test_malformed_codebook(tmp_path, reports):
    bad = tmp_path / "codebook.yaml"
    bad.write_text("themes:\n  oda:\n    label: ODA\n    patterns: [ODA, loans\n", encoding="utf-8")
    line = run_bad(reports, "--codebook", str(bad))
    assert "codebook.yaml" in line and "YAML" in line


def test_malformed_partners(tmp_path, reports):
    bad = tmp_path / "partners.yaml"
    bad.write_text("home:\n  key: vietnam\n\tlabel: Viet Nam\n", encoding="utf-8")
    line = run_bad(reports, "--partners", str(bad))
    assert "partners.yaml" in line and "YAML" in line


def test_unknown_key_in_partners(tmp_path, reports):
    bad = tmp_path / "partners.yaml"
    bad.write_text(PARTNERS.read_text(encoding="utf-8").replace("  japan:\n", "  japan:\n    colour: red\n"),
                   encoding="utf-8")
    line = run_bad(reports, "--partners", str(bad))
    assert "partners.yaml" in line and "'colour'" in line and "japan" in line


def test_unknown_key_in_codebook_theme(tmp_path, reports):
    text = CODEBOOK.read_text(encoding="utf-8")
    first_label = text.index("\n    label:")
    bad = tmp_path / "codebook.yaml"
    bad.write_text(text[:first_label] + "\n    colour: red" + text[first_label:], encoding="utf-8")
    line = run_bad(reports, "--codebook", str(bad))
    assert "codebook.yaml" in line and "colour" in line


def test_unknown_key_in_report_config(tmp_path, reports):
    bad = tmp_path / "report.yaml"
    bad.write_text("default:\n  partners: []\n  include_duplicate: true\n", encoding="utf-8")
    line = run_bad(reports, "--report-config", str(bad))
    assert "report.yaml" in line and "'include_duplicate'" in line


def test_unknown_notebook_parameter_in_report_config(tmp_path, reports):
    bad = tmp_path / "report.yaml"
    bad.write_text("default:\n  notebooks:\n    01_corpus: {no_such_parameter: 3}\n", encoding="utf-8")
    line = run_bad(reports, "--report-config", str(bad))
    assert "report.yaml" in line and "01_corpus" in line and "no_such_parameter" in line


def test_unknown_parameter_set(reports):
    line = run_bad(reports, "--params-set", "nightly")
    assert "report.yaml" in line and "'nightly'" in line


# ---- the partner selection and the run options


def test_unknown_partner_key(reports):
    line = run_bad(reports, "--partner", "us,china")
    assert "partners.yaml" in line and "'china'" in line


def test_unknown_notebook_in_only(reports):
    line = run_bad(reports, "--only", "07_nowhere")
    assert "notebooks" in line and "07_nowhere" in line


def test_bad_report_name(reports):
    line = run_bad(reports, "--name", "../escape")
    assert "'../escape'" in line


def test_help_lists_the_options():
    proc = cli("report", "--help")
    assert proc.returncode == 0
    for option in ("--corpus", "--name", "--codebook", "--partners", "--partner", "--params-set", "--only",
                   "--notebooks-dir", "--reports-dir"):
        assert option in proc.stdout


# ---- one partner only: not an error, but said, naming the file


def test_one_partner_only_is_said_and_the_report_is_written(tmp_path):
    reports = tmp_path / "reports"
    proc = cli("report", "--reports-dir", str(reports), "--name", "japan", "--partner", "japan",
               "--only", "01_corpus", timeout=300)
    assert proc.returncode == 0, proc.stderr
    notes = [line for line in proc.stderr.splitlines() if line.startswith("note: ")]
    assert len(notes) == 1 and str(PARTNERS) in notes[0] and "only one partner (japan)" in notes[0]
    index = (reports / "japan" / "index.html").read_text(encoding="utf-8")
    assert "only one partner (japan)" in index
    docs = (reports / "japan" / "data" / "documents.csv").read_text(encoding="utf-8")
    assert "004_2582a46d32580f4e" in docs
