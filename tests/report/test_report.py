"""The report, built end to end by the CLI (``python -m analysis report``) on
the seeds: what it contains, that it is self-contained and escaped, that it is
deterministic, and that a failing notebook leaves the last good report alone."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tests.conftest import NOTEBOOKS, cli, tree_snapshot

NOTEBOOK_STEMS = sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))

# a tag that loads or links something: <script src=...>, <link href=...>, <img src=...>, <iframe src=...>
EXTERNAL = re.compile(r"<(?:script|link|img|iframe|source|video|audio|embed)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//",
                      re.IGNORECASE)
CSS_EXTERNAL = re.compile(r"@import\s+(?:url\()?\s*[\"']?\s*(?:https?:)?//|url\(\s*[\"']?\s*(?:https?:)?//", re.IGNORECASE)


def html_pages(report_dir: Path) -> list[Path]:
    return sorted(report_dir.glob("*.html"))


def test_report_has_index_pages_manifest_and_tables(seed_report):
    report = seed_report.report_dir
    assert (report / "index.html").is_file()
    pages = {p.stem for p in html_pages(report)} - {"index", "evidence"}
    assert pages == set(NOTEBOOK_STEMS), "one page per notebook"
    assert (report / "evidence.html").is_file() and (report / "articles" / "index.html").is_file()
    for stem in NOTEBOOK_STEMS:
        assert (report / "notebooks" / f"{stem}.ipynb").is_file(), "executed notebook kept"
    assert (report / "data" / "documents.csv").is_file()
    assert len(list((report / "data").glob("*.csv"))) >= len(NOTEBOOK_STEMS)
    # nothing left behind next to the report
    leftovers = [p.name for p in seed_report.reports_dir.iterdir() if p.name != seed_report.name]
    assert leftovers == []


def test_manifest_records_inputs_parameters_and_versions(seed_report):
    import hashlib

    manifest = json.loads((seed_report.report_dir / "manifest.json").read_text(encoding="utf-8"))
    seeds = sorted((Path(__file__).parents[2] / "seeds").glob("*.txt"))
    assert manifest["corpus"]["files"] == 5
    assert set(manifest["inputs"]["corpus"]) == {p.name for p in seeds}
    # the hash of a file is the sha256 of its bytes, recomputed here independently for every seed
    digests = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in seeds}
    assert manifest["inputs"]["corpus"] == digests
    # the corpus fingerprint: sha256 over the sorted file hashes, one per line (no analysis code involved)
    assert manifest["corpus"]["sha256"] == hashlib.sha256("\n".join(sorted(digests.values())).encode()).hexdigest()
    assert manifest["parameters"]["partners"] == ["us", "japan"]     # the default set of config/report.yaml
    assert manifest["parameters"]["include_duplicates"] is False
    assert manifest["parameters"]["corpus_dir"].endswith("seeds")
    assert set(manifest["inputs"]["notebooks"]) == {f"{s}.ipynb" for s in NOTEBOOK_STEMS}
    assert any(Path(p).name == "partners.yaml" for p in manifest["inputs"]["config"])
    nbconvert = tuple(int(x) for x in manifest["packages"]["nbconvert"].split(".")[:3])
    assert nbconvert >= (7, 17, 1)
    assert manifest["packages"]["pandas"][0].isdigit()
    assert set(manifest["timings"]["notebooks"]) == set(NOTEBOOK_STEMS)


def test_pages_fetch_nothing_from_the_network(seed_report):
    for page in html_pages(seed_report.report_dir) + sorted((seed_report.report_dir / "articles").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert not EXTERNAL.search(text), f"{page.name}: {EXTERNAL.search(text).group(0)}"
        assert not CSS_EXTERNAL.search(text), f"{page.name}: {CSS_EXTERNAL.search(text).group(0)}"
        # every script on the page is inline (no src at all)
        assert not re.search(r"<script\b[^>]*\bsrc\s*=", text, re.IGNORECASE), page.name


def test_pages_show_no_code_and_link_to_each_other(seed_report):
    report = seed_report.report_dir
    for stem in NOTEBOOK_STEMS:
        text = (report / f"{stem}.html").read_text(encoding="utf-8")
        text = text[text.index("<body"):]  # the page itself, not the stylesheet
        # no code input areas, no In[ ]/Out[ ] prompts, no papermill parameter cells
        assert "jp-InputArea-editor" not in text and "highlight hl-python" not in text
        assert "In&nbsp;[" not in text and "Out[" not in text
        assert "injected-parameters" not in text
        assert "from analysis" not in text and "publish_table(" not in text
        # navigation to the index and every section, and the manifest in the footer
        assert 'href="index.html"' in text
        for other in NOTEBOOK_STEMS:
            assert f'href="{other}.html"' in text
        assert 'href="manifest.json"' in text and "sha256" in text
    index = (report / "index.html").read_text(encoding="utf-8")
    for stem in NOTEBOOK_STEMS:
        assert f'href="{stem}.html"' in index


def test_index_summarises_the_seed_corpus(seed_report):
    index = (seed_report.report_dir / "index.html").read_text(encoding="utf-8")
    # read from the seeds: 5 articles, 2022-11-17 (the WVR article) to 2024-03-12 (Komura's visit)
    assert re.search(r'kit-num">5</div><div class="kit-lbl">documents', index)
    assert "2022-11-17 – 2024-03-12" in index
    for outlet in ("VNS", "VNA", "WVR"):
        assert f"<td>{outlet}</td>" in index
    # the seven Bangkok paragraphs that repeat the WVR article
    assert re.search(r'kit-num">7</div><div class="kit-lbl">near-duplicate paragraphs', index)


def test_index_carries_the_framing_summary_linked_to_its_tables(seed_report):
    index = (seed_report.report_dir / "index.html").read_text(encoding="utf-8")
    assert "Framing in one table" in index
    links = set(re.findall(r'<a href="(data/[a-z_]+\.csv)">', index))
    assert {"data/salience.csv", "data/keyness.csv", "data/relationship_labels.csv", "data/agency.csv"} <= links
    for link in links:
        assert (seed_report.report_dir / link).is_file(), link
    # what a careful reader of the seeds sees, in the table's own words: too few meetings to compare,
    # and the counts
    assert re.search(r"Found in the United States coverage and not the other: War legacy \(2 of 2 "
                     r"(articles|meetings)\) and South China Sea \(1 of 2 (articles|meetings)\)", index)
    assert re.search(r"Found in the Japan coverage and not the other: ODA and development aid \(3 of [34] "
                     r"(articles|meetings)\) and Visas and entry \(2 of [34] (articles|meetings)\)", index)
    assert "Viet Nam asked Japan about" in index
    assert re.search(r"Japan(&#x27;|&#39;|')s answer was non-committal", index)


def test_article_html_is_escaped_never_live(report_runs):
    run = report_runs["hostile"].check()
    pages = html_pages(run.report_dir) + sorted((run.report_dir / "articles").glob("*.html"))
    texts = {p.name: p.read_text(encoding="utf-8") for p in pages}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in texts["900_hostile.html"], "the article view shows it as text"
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in t for t in texts.values()), \
        "the article's <script> should be shown as text somewhere (the documents table)"
    for name, text in texts.items():
        assert "<script>alert(1)" not in text, name
        assert "<img src=x" not in text, name
    # the raw text is kept in the data
    docs = (run.report_dir / "data" / "documents.csv").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" in docs


def test_rerun_gives_byte_identical_tables(report_runs):
    first, second = report_runs["seeds"].check(), report_runs["again"].check()
    a = {p.name: p.read_bytes() for p in (first.report_dir / "data").glob("*.csv")}
    b = {p.name: p.read_bytes() for p in (second.report_dir / "data").glob("*.csv")}
    assert a and a.keys() == b.keys()
    different = sorted(k for k in a if a[k] != b[k])
    assert different == []


def _failing_notebook() -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = new_code_cell('corpus_dir = "../seeds"\noutput_dir = "../reports/_lab"')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        new_markdown_cell("# A notebook that fails"),
        params,
        new_code_cell('print("first cell ran")'),
        new_code_cell('raise ValueError("deliberate failure for the test")'),
        new_code_cell('print("never reached")'),
    ]
    return nb


def test_failing_notebook_keeps_previous_report(seed_report, tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    # named to run first, so the test does not wait for the real notebooks
    nbformat.write(_failing_notebook(), notebooks / "00_fails.ipynb")
    before = tree_snapshot(seed_report.report_dir)

    proc = cli("report", "--quiet", "--reports-dir", str(seed_report.reports_dir), "--name", seed_report.name,
               "--notebooks-dir", str(notebooks))

    assert proc.returncode == 1, proc.stderr
    assert "00_fails.ipynb" in proc.stderr
    assert "ValueError: deliberate failure for the test" in proc.stderr
    partial = seed_report.reports_dir / f"{seed_report.name}.failed" / "notebooks" / "00_fails.ipynb"
    assert f"partial notebook: {partial}" in proc.stderr
    executed = nbformat.read(partial, as_version=4)
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert any(o.get("text", "").strip() == "first cell ran" for o in outputs)
    assert any(o.get("ename") == "ValueError" for o in outputs)
    assert not any("never reached" in o.get("text", "") for o in outputs)
    # the last good report is byte for byte what it was, and no staging folder is left
    assert tree_snapshot(seed_report.report_dir) == before
    assert sorted(p.name for p in seed_report.reports_dir.iterdir()) == [seed_report.name, f"{seed_report.name}.failed"]
    shutil.rmtree(seed_report.reports_dir / f"{seed_report.name}.failed")



# ---- the pieces the CLI is made of, on small inputs built here


def _notebook_with_parameters(path: Path, source: str) -> Path:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cell = new_code_cell(source)
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [new_markdown_cell("# Title\n\nFirst sentence here. Second one."), cell]
    nbformat.write(nb, path)
    return path


def test_find_notebooks_in_name_order_and_only(tmp_path):
    from analysis.errors import InputError
    from analysis.report.params import find_notebooks

    for name in ("02_b.ipynb", "01_a.ipynb", "10_c.ipynb", "notes.ipynb", "1_x.ipynb"):
        _notebook_with_parameters(tmp_path / name, "seed = 0")
    assert [p.name for p in find_notebooks(tmp_path)] == ["01_a.ipynb", "02_b.ipynb", "10_c.ipynb"]
    assert [p.name for p in find_notebooks(tmp_path, ["10_c", "01_a.ipynb"])] == ["01_a.ipynb", "10_c.ipynb"]
    try:
        find_notebooks(tmp_path, ["03_missing"])
    except InputError as exc:
        assert exc.path == str(tmp_path) and "'03_missing'" in exc.problem
    else:
        raise AssertionError("an unknown notebook must be an InputError")


def test_parameter_sets_extend_and_reach_one_notebook(tmp_path):
    from analysis.errors import InputError
    from analysis.report.params import load_report_config, resolve_params

    a = _notebook_with_parameters(tmp_path / "01_a.ipynb", "seed = 0\nn_topics = 'auto'")
    b = _notebook_with_parameters(tmp_path / "02_b.ipynb", "seed = 0\nn_boot = 1000")
    config_path = tmp_path / "report.yaml"
    config_path.write_text(
        "default:\n  partners: []\n  notebooks:\n    01_a: {n_topics: 6}\n"
        "quick:\n  extends: default\n  seed: 3\n  partners: [us]\n  notebooks:\n    02_b: {n_boot: 200}\n",
        encoding="utf-8")
    config = load_report_config(config_path)
    common, per = resolve_params(config, "quick", [a, b], config_path)
    assert common == {"partners": ["us"], "include_boilerplate": False, "include_duplicates": False, "seed": 3,
                      "dup_threshold": 0.5}
    assert per == {"01_a": {"n_topics": 6}, "02_b": {"n_boot": 200}}
    common, per = resolve_params(config, "default", [b], config_path, all_notebooks=[a, b])
    assert common["seed"] == 0 and per == {"02_b": {}}

    config_path.write_text("default:\n  notebooks:\n    02_b: {n_boots: 200}\n", encoding="utf-8")
    try:
        resolve_params(load_report_config(config_path), "default", [a, b], config_path)
    except InputError as exc:
        assert exc.path == str(config_path) and "'n_boots'" in exc.problem and "02_b" in exc.problem
    else:
        raise AssertionError("a parameter the notebook does not declare must be an InputError")


def test_corpus_hash_ignores_order_and_sees_every_byte():
    from analysis.report.fingerprint import corpus_hash

    assert corpus_hash(["aa", "bb"]) == corpus_hash(["bb", "aa"])
    assert corpus_hash(["aa", "bb"]) != corpus_hash(["aa", "bc"])
    # sha256 of "aa\nbb", worked out independently of the function
    import hashlib

    assert corpus_hash(["bb", "aa"]) == hashlib.sha256(b"aa\nbb").hexdigest()


def test_notebook_title_and_summary(tmp_path):
    from analysis.report.params import notebook_title

    path = _notebook_with_parameters(tmp_path / "03_topic_clusters.ipynb", "seed = 0")
    assert notebook_title(path) == ("Title", "First sentence here.")
    bare = tmp_path / "05_more_stuff.ipynb"
    nbformat.write(new_notebook(), bare)
    assert notebook_title(bare) == ("More stuff", "")


def test_a_kernel_that_dies_at_start_is_started_again(monkeypatch, tmp_path):
    """Parallel runs can race for a kernel port; a kernel lost before its first
    reply ran no cell, so the run starts it again (at most KERNEL_START_ATTEMPTS)."""
    import papermill

    from analysis.report import execute as report

    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) < 3:
            raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    report.execute_notebook(tmp_path / "x.ipynb", tmp_path / "out.ipynb", {})
    assert len(calls) == 3

    calls.clear()

    def always(*args, **kwargs):
        calls.append(1)
        raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(papermill, "execute_notebook", always)
    try:
        report.execute_notebook(tmp_path / "x.ipynb", tmp_path / "out.ipynb", {})
    except RuntimeError:
        pass
    else:
        raise AssertionError("a kernel that never starts must fail the run")
    assert len(calls) == report.KERNEL_START_ATTEMPTS

    calls.clear()

    def cell_error(*args, **kwargs):
        calls.append(1)
        raise RuntimeError("some other failure")

    monkeypatch.setattr(papermill, "execute_notebook", cell_error)
    try:
        report.execute_notebook(tmp_path / "x.ipynb", tmp_path / "out.ipynb", {})
    except RuntimeError:
        pass
    else:
        raise AssertionError("other errors must propagate")
    assert len(calls) == 1                       # other errors are never retried
