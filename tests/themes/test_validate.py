"""``make validate``: the codebook and the four-line keyword baseline against a
gold labelling, with Wilson intervals; on a gold file written here (by hand, with
the text_sha1 keys of the development set), on the seeds, and on the
development set of real articles when its texts are on this machine."""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import themes as th
from analysis.stats import wilson
from analysis.text import squash
from analysis.themes.baseline import baseline_matrix
from analysis.themes.codebook import load_codebook
from tests.conftest import cli

ROOT = Path(__file__).resolve().parents[2]
DEV_CORPUS = Path("/work/devset/corpus")
DEV_GOLD = ROOT / "tests" / "data" / "dev_gold.csv"

ARTICLE = """Japan offers yen loans to Viet Nam

HÀ NỘI — Japan will provide loans worth 30 billion yen for a new bridge, the ambassador said.

Both sides discussed visa exemption for Vietnamese citizens.

The two sides also talked about the South China Sea. — VNS
"""
# para: 0 headline, 1 loans (oda), 2 visas, 3 scs; labelled by reading
LABELS = [(0, "headline", 1, 0, 0, 0), (1, "", 1, 0, 0, 0), (2, "", 0, 1, 0, 0), (3, "", 0, 0, 0, 1)]


def sha(text: str) -> str:
    return hashlib.sha1(squash(text).encode()).hexdigest()[:10]


@pytest.fixture
def gold_set(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "x1.txt").write_text(ARTICLE, encoding="utf-8")
    lines = [ln for ln in ARTICLE.splitlines() if ln.strip()]
    rows = [dict(source_url="", doc_id="x1", para=p, text_sha1=sha(lines[p]), partner="japan", boilerplate=0,
                 boilerplate_kind=k, oda=o, visas=v, war_legacy=w, scs=s, notes="") for p, k, o, v, w, s in LABELS]
    gold = tmp_path / "gold.csv"
    pd.DataFrame(rows).to_csv(gold, index=False)
    return corpus, gold


def test_validate_scores_codebook_and_baseline_by_hand(gold_set):
    corpus, gold = gold_set
    table, errors, g = th.validate(corpus, gold, load_codebook(ROOT / "config" / "codebook.yaml"))
    t = table.set_index("theme")
    # the codebook finds all four: "yen loans" (headline) and "loans ... yen" (lead), visas, the sea
    assert t.loc["oda", ["tp", "fp", "fn"]].tolist() == [2, 0, 0]
    assert errors.empty
    # the baseline regex knows neither "yen loans" nor loans without "development": oda recall 0
    assert t.loc["oda", "baseline_recall"] == 0 and np.isnan(t.loc["oda", "baseline_precision"])
    assert t.loc["visas", "baseline_f1"] == 1.0
    # Wilson for 2 of 2
    (lo,), (hi,) = wilson([2], [2])
    assert (t.loc["oda", "r_low"], t.loc["oda", "r_high"]) == pytest.approx((lo, hi))
    assert g["unit"].tolist() == ["headline", "paragraph", "paragraph", "paragraph"]


def test_validate_cli_prints_the_table_and_bad_gold_is_one_line(gold_set, tmp_path):
    corpus, gold = gold_set
    run = cli("validate", "--corpus", str(corpus), "--gold", str(gold))
    assert run.returncode == 0, run.stderr
    assert "baseline P" in run.stdout and "oda" in run.stdout and "4 content paragraphs of 1 articles" in run.stdout
    bad = tmp_path / "bad.csv"
    pd.read_csv(gold).assign(text_sha1="0000000000").to_csv(bad, index=False)
    run = cli("validate", "--corpus", str(corpus), "--gold", str(bad))
    assert run.returncode == 2 and run.stderr.count("\n") == 1
    assert run.stderr.startswith(f"error: {bad}: line 2: paragraph 0 of x1 does not match its text_sha1")


def test_the_keyword_baseline_is_the_four_obvious_lines():
    got = baseline_matrix(["ODA for roads", "the oda room", "visas", "war legacies", "Agent Orange", "East Sea",
                           "seafood", "development loans"])
    assert got["oda"].tolist() == [True, False, False, False, False, False, False, True]
    assert got["visas"].tolist() == [False, False, True, False, False, False, False, False]
    assert got["war_legacy"].tolist() == [False, False, False, True, True, False, False, False]
    assert got["scs"].tolist() == [False, False, False, False, False, True, False, False]


def test_seeds_stay_at_f1_095(tmp_path):
    table, _, _ = th.validate(ROOT / "seeds", ROOT / "tests" / "data" / "gold_seeds.csv",
                              load_codebook(ROOT / "config" / "codebook.yaml"))
    assert (table["f1"] >= 0.95).all(), table[["theme", "f1"]]


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="the development set's texts are not on this machine")
def test_dev_set_every_main_theme_reaches_090_and_beats_the_baseline():
    table, _, gold = th.validate(DEV_CORPUS, DEV_GOLD, load_codebook(ROOT / "config" / "codebook.yaml"))
    assert gold["doc_id"].nunique() >= 60
    assert (table["f1"] >= 0.90).all(), table[["theme", "f1"]]
    assert (table["f1"] > table["baseline_f1"]).all(), table[["theme", "f1", "baseline_f1"]]
