"""Up to date means instant: a report whose inputs did not change is not run
again (decided from its manifest); a changed article, parameter or notebook is."""
from __future__ import annotations

import json
import shutil
import time
from dataclasses import replace

from analysis.report.spec import ReportSpec
from analysis.report.uptodate import input_fingerprint
from tests.conftest import NOTEBOOKS, ROOT, SEEDS, cli


def test_fingerprint_sees_articles_parameters_notebooks_and_code(tmp_path):
    corpus, notebooks = tmp_path / "corpus", tmp_path / "notebooks"
    shutil.copytree(SEEDS, corpus)
    shutil.copytree(NOTEBOOKS, notebooks, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    config = tmp_path / "report.yaml"
    shutil.copy(ROOT / "config" / "report.yaml", config)
    spec = ReportSpec(corpus_dir=corpus, notebooks_dir=notebooks, report_config=config,
                      codebook_path=ROOT / "config" / "codebook.yaml", partners_path=ROOT / "config" / "partners.yaml")
    base = input_fingerprint(spec)
    assert input_fingerprint(spec) == base                                   # deterministic
    assert input_fingerprint(replace(spec, engine="dask", workers=3)) == base  # engines give the same tables
    assert input_fingerprint(replace(spec, params_set="with_duplicates")) != base
    assert input_fingerprint(replace(spec, partners=("us",))) != base
    article = sorted(corpus.glob("*.txt"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    changed = input_fingerprint(spec)
    assert changed != base
    (corpus / ".notes.txt").write_text("a hidden file counts too", encoding="utf-8")
    assert input_fingerprint(spec) != changed
    changed = input_fingerprint(spec)
    config.write_text(config.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert input_fingerprint(spec) != changed
    changed = input_fingerprint(spec)
    sheet = tmp_path / "labels.csv"
    sheet.write_text("seg_id,oda\n", encoding="utf-8")
    with_sheet = input_fingerprint(replace(spec, labels_path=sheet))
    assert with_sheet != changed
    sheet.write_text("seg_id,oda\nx:p000,1\n", encoding="utf-8")
    assert input_fingerprint(replace(spec, labels_path=sheet)) != with_sheet   # a label filled in re-runs
    nb = notebooks / "01_corpus.ipynb"
    nb.write_bytes(nb.read_bytes().replace(b"# 1 ", b"# One "))
    assert input_fingerprint(spec) != changed


def test_nothing_changed_returns_at_once_a_changed_article_runs_again(tmp_path):
    corpus, reports = tmp_path / "corpus", tmp_path / "reports"
    shutil.copytree(SEEDS, corpus)
    args = ("report", "--corpus", str(corpus), "--reports-dir", str(reports), "--only", "01_corpus")
    first = cli(*args)
    assert first.returncode == 0, first.stderr
    manifest = json.loads((reports / "default" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["fingerprint"]) == 64
    start = time.perf_counter()
    again = cli(*args)
    seconds = time.perf_counter() - start
    assert again.returncode == 0 and "report up to date" in again.stdout, again.stdout + again.stderr
    assert seconds < 5, seconds          # about 0.3 s on an idle machine; a loaded CI gets slack
    assert json.loads((reports / "default" / "manifest.json").read_text(encoding="utf-8"))["created"] == manifest["created"]
    article = sorted(corpus.glob("*.txt"))[-1]
    article.write_text(article.read_text(encoding="utf-8").replace("Japan", "Japan", 1) + "\nA new closing line.\n",
                       encoding="utf-8")
    third = cli(*args)
    assert third.returncode == 0 and "report written" in third.stdout, third.stdout + third.stderr
    assert json.loads((reports / "default" / "manifest.json").read_text(encoding="utf-8"))["fingerprint"] != \
        manifest["fingerprint"]
    forced = cli(*args, "--force")
    assert forced.returncode == 0 and "report written" in forced.stdout
