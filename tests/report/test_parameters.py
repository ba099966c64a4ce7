"""Every notebook parameter is declared once with its type and range
(analysis.report.constraints) and report.yaml is checked against it before
anything runs: a bad value is one line naming the file, the set and the key."""
from __future__ import annotations

import pytest

from analysis.errors import InputError
from analysis.report.constraints import FROM_COMMAND_LINE, PARAMETERS, check_parameter
from analysis.report.params import _literal, find_notebooks, load_report_config, notebook_parameters, resolve_params
from tests.conftest import NOTEBOOKS, ROOT, cli, tree_snapshot

REPORT_YAML = ROOT / "config" / "report.yaml"


def test_every_notebook_parameter_is_declared_and_its_default_allowed():
    for nb in find_notebooks(NOTEBOOKS):
        for name, default in notebook_parameters(nb).items():
            if name in FROM_COMMAND_LINE:
                continue
            assert name in PARAMETERS, f"{nb.name}: parameter {name!r} has no constraint in PARAMETERS"
            check_parameter(nb, name, name, _literal(default))       # the notebook's own default is allowed


def test_the_shipped_parameter_sets_are_valid():
    config = load_report_config(REPORT_YAML)
    notebooks = find_notebooks(NOTEBOOKS)
    for name in config:
        resolve_params(config, name, notebooks, REPORT_YAML)


@pytest.mark.parametrize("yaml_text, where, allowed", [
    ("  notebooks:\n    02_themes: {n_boot: many}\n", "default.notebooks.02_themes.n_boot", "an integer in [20, 1,000,000]"),
    ("  notebooks:\n    02_themes: {n_boot: 0}\n", "default.notebooks.02_themes.n_boot", "got 0"),
    ("  notebooks:\n    04_framing: {ci: 5}\n", "default.notebooks.04_framing.ci", "a number in (0, 1)"),
    ("  notebooks:\n    03_topics: {n_topics: -3}\n", "default.notebooks.03_topics.n_topics", "an integer of at least 2"),
    ("  notebooks:\n    03_topics: {k_range: []}\n", "default.notebooks.03_topics.k_range",
     "a list of at least 1 distinct integers of at least 2"),
    ("  notebooks:\n    03_topics: {k_range: [3, 3]}\n", "default.notebooks.03_topics.k_range", "distinct"),
    ("  notebooks:\n    03_topics: {model: bert}\n", "default.notebooks.03_topics.model", "one of 'nmf'"),
    ("  notebooks:\n    02_themes: {time_freq: week}\n", "default.notebooks.02_themes.time_freq", "'year', 'month'"),
    ("  notebooks:\n    04_framing: {prior_scale: -1}\n", "default.notebooks.04_framing.prior_scale",
     "null or a number above 0"),
    ("  seed: -1\n", "default.seed", "an integer in [0, 4,294,967,295]"),
    ("  seed: 1.5\n", "default.seed", "an integer"),
    ("  dup_threshold: 0\n", "default.dup_threshold", "a number in (0, 1]"),
    ("  include_duplicates: 'no'\n", "default.include_duplicates", "true or false"),
    ("  partners: us\n", "default.partners", "a list of distinct strings"),
    ("  notebooks:\n    01_corpus: {output_dir: /etc}\n", "default.notebooks.01_corpus.output_dir",
     "set from the command line"),
])
def test_a_bad_value_names_the_file_the_set_and_the_key(tmp_path, yaml_text, where, allowed):
    path = tmp_path / "report.yaml"
    path.write_text("default:\n" + yaml_text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        resolve_params(load_report_config(path), "default", find_notebooks(NOTEBOOKS), path)
    assert err.value.path == str(path)
    assert err.value.problem.startswith(f"{where}: ") and allowed in err.value.problem, err.value.problem


def test_a_parameter_the_table_does_not_know_keeps_its_default_type(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell("window = 7\nlabel = 'x'", metadata={"tags": ["parameters"]})])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(tmp_path / "05_new.ipynb"))
    path = tmp_path / "report.yaml"
    path.write_text("default:\n  notebooks:\n    05_new: {window: 14, label: y}\n", encoding="utf-8")
    notebooks = find_notebooks(tmp_path)
    assert resolve_params(load_report_config(path), "default", notebooks, path)[1] == {
        "05_new": {"window": 14, "label": "y"}}
    path.write_text("default:\n  notebooks:\n    05_new: {window: two weeks}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"default.notebooks.05_new.window: expected an integer, got 'two weeks'"):
        resolve_params(load_report_config(path), "default", notebooks, path)


def _run_bad(tmp_path, *args):
    reports = tmp_path / "reports"
    (reports / "previous").mkdir(parents=True)
    (reports / "previous" / "index.html").write_text("<p>the last good report</p>\n", encoding="utf-8")
    (reports / "previous" / "manifest.json").write_text("{}\n", encoding="utf-8")   # what makes it a report
    before = tree_snapshot(reports)
    proc = cli("report", "--reports-dir", str(reports), "--name", "previous", *args, timeout=300)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 2 and len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    assert tree_snapshot(reports) == before
    return lines[0]


def test_a_bad_value_stops_the_cli_before_anything_runs(tmp_path):
    bad = tmp_path / "report.yaml"
    bad.write_text(REPORT_YAML.read_text(encoding="utf-8").replace("n_boot: 1000, ci: 0.95", "n_boot: 1000, ci: 5"),
                   encoding="utf-8")
    line = _run_bad(tmp_path, "--report-config", str(bad))
    assert f"{bad}: default.notebooks.04_framing.ci: expected a number in (0, 1), got 5" in line


def test_a_one_theme_codebook_stops_the_report_before_anything_runs(tmp_path):
    # it was a KeyError inside the Themes notebook: co-occurrence needs pairs of themes
    codebook = tmp_path / "codebook.yaml"
    codebook.write_text("themes:\n  oda:\n    label: ODA\n    main: true\n    patterns: [official development assistance]\n",
                        encoding="utf-8")
    line = _run_bad(tmp_path, "--codebook", str(codebook))
    assert str(codebook) in line and "1 theme(s): a report needs at least two" in line
