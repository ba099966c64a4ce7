"""The label sheet round trip as a user runs it: ``python -m analysis label``
(what ``make label`` calls) on a corpus built here, the sheet filled by the
truth the articles were written with, ``report --labels`` showing precision,
recall and design-corrected prevalence on this corpus, and bad sheets stopped
with one line before anything in the reports folder is touched."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.report.prepare import prepare
from analysis.themes.labels import SHEET_HEAD, SHEET_TAIL
from tests.conftest import ROOT, cli, tree_snapshot
from tests.themes.built_corpus import ARTICLES, truth_of, write_corpus

MAIN = ["oda", "visas", "war_legacy", "scs"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("labels")
    corpus = write_corpus(base / "corpus")
    return base, corpus, base / "reports"


def fill(sheet_path, corpus, out_path):
    """Label every row of a sheet with the truth the articles were written with."""
    segments = prepare(corpus, ROOT / "config" / "partners.yaml", ROOT / "config" / "codebook.yaml").segments
    sheet = pd.read_csv(sheet_path, dtype=str, keep_default_na=False)
    for t in MAIN:
        sheet[t] = [truth_of(segments, s, t) for s in sheet["seg_id"]]
    sheet.to_csv(out_path, index=False)
    return out_path


def test_label_writes_a_blind_stratified_sheet_and_will_not_overwrite_it(built):
    base, corpus, reports = built
    run = cli("label", "--corpus", str(corpus), "--name", "small", "--n", "12", "--reports-dir", str(reports))
    assert run.returncode == 0, run.stderr
    sheet = pd.read_csv(reports / "small" / "label_sheet.csv", dtype=str, keep_default_na=False)
    assert list(sheet.columns) == SHEET_HEAD + MAIN + SHEET_TAIL
    assert len(sheet) == 12 and sheet["seg_id"].is_unique
    assert (sheet[MAIN] == "").all().all()              # nothing pre-filled: label blind
    strata = pd.read_csv(reports / "small" / "label_strata.csv")
    # weights are units in the stratum / units sampled from it, and sum to the counted units
    # (8 headlines + 24 paragraphs)
    assert strata["stratum_units"].sum() == 32
    assert (strata["weight"] == strata["stratum_units"] / strata["stratum_sampled"]).all()
    assert {"coded", "rest"} <= set(strata["kind"])
    again = cli("label", "--corpus", str(corpus), "--name", "small", "--n", "12", "--reports-dir", str(reports))
    assert again.returncode == 2
    assert again.stderr.count("\n") == 1 and again.stderr.startswith(f"error: {reports / 'small' / 'label_sheet.csv'}:")


def test_a_census_sheet_gives_the_hand_counted_scores_on_the_page(built):
    base, corpus, reports = built
    # N above the 32 counted units: every unit is labelled, every weight is 1, so the
    # estimates are the census values counted by hand from the articles:
    # visas: coded = a01 headline, a07 headline ("ease travel ..."), a08 headline + its 3 paragraphs = 6,
    #        all right; true = those 6 + the two a07 paragraphs told without visa words = 8
    #        -> precision 6/6, recall 6/8, prevalence 8/32.
    # oda: a02 headline + 2 paragraphs, all coded: 1, 1, 3/32; war_legacy 4/32; scs 2/32 (a04 headline, p002).
    run = cli("label", "--corpus", str(corpus), "--name", "census", "--n", "100", "--reports-dir", str(reports))
    assert run.returncode == 0, run.stderr
    sheet = reports / "census" / "label_sheet.csv"
    filled = fill(sheet, corpus, base / "census_filled.csv")
    rep = cli("report", "--quiet", "--corpus", str(corpus), "--name", "census", "--reports-dir", str(reports),
              "--only", "02_themes", "--labels", str(filled))
    assert rep.returncode == 0, rep.stderr
    q = pd.read_csv(reports / "census" / "data" / "theme_quality_corpus.csv").set_index("theme")
    assert q.loc["visas", ["precision", "recall", "prevalence"]].tolist() == pytest.approx([1.0, 0.75, 0.25])
    assert q.loc["oda", ["precision", "recall", "prevalence"]].tolist() == pytest.approx([1.0, 1.0, 3 / 32])
    assert q.loc["war_legacy", "prevalence"] == pytest.approx(4 / 32)
    assert q.loc["scs", "prevalence"] == pytest.approx(2 / 32)
    assert (q["n_labelled"] == 32).all() and (q["corpus_units"] == 32).all()
    html = (reports / "census" / "02_themes.html").read_text(encoding="utf-8")
    assert "Validated on this corpus" in html and "Unvalidated on this corpus" not in html
    # the analyst's sheet survives the report that replaced the folder, and the manifest records the labels
    assert sheet.is_file() and (reports / "census" / "label_strata.csv").is_file()
    assert filled.name in (reports / "census" / "manifest.json").read_text(encoding="utf-8")
    # candidate misses: the visa story told without visa words is the top candidate for visas
    misses = pd.read_csv(reports / "census" / "data" / "candidate_misses.csv")
    top = misses[misses["theme"] == "visas"].iloc[0]
    assert top["doc_id"] == "a07_paraphrase"


def test_the_seed_report_says_it_is_unvalidated_on_a_corpus_without_a_sheet(seed_report):
    html = (seed_report.report_dir / "02_themes.html").read_text(encoding="utf-8")
    assert "Unvalidated on this corpus" in html
    assert (seed_report.report_dir / "data" / "candidate_misses.csv").is_file()


def _edited(src, dst, edit):
    sheet = pd.read_csv(src, dtype=str, keep_default_na=False)
    edit(sheet)
    sheet.to_csv(dst, index=False)
    return dst


@pytest.mark.parametrize("edit, words", [
    (lambda s: s.insert(len(s.columns), "confidence", "high"), "unknown column 'confidence'"),
    (lambda s: s.__setitem__("visas", "2"), "column 'visas': '2' is not a label"),
    (lambda s: s.__setitem__("seg_id", s["seg_id"].str.replace("a0", "zz", n=1)), "is not in this corpus"),
    (lambda s: s.__setitem__("corpus_sha256", "0" * 64), "made for another corpus"),
])
def test_a_bad_sheet_stops_the_report_with_one_line_and_touches_nothing(built, edit, words):
    base, corpus, reports = built
    sheet = reports / "census" / "label_sheet.csv"
    if not sheet.exists():
        pytest.skip("needs the census sheet")
    filled = fill(sheet, corpus, base / "ok.csv")
    bad = _edited(filled, base / "bad.csv", edit)
    before = tree_snapshot(reports)
    rep = cli("report", "--quiet", "--corpus", str(corpus), "--name", "census", "--reports-dir", str(reports),
              "--only", "02_themes", "--labels", str(bad))
    assert rep.returncode == 2
    assert rep.stderr.count("\n") == 1 and rep.stderr.startswith(f"error: {bad}:") and words in rep.stderr
    assert tree_snapshot(reports) == before


def test_a_sheet_from_another_corpus_is_refused(built, tmp_path):
    base, corpus, reports = built
    other = write_corpus(tmp_path / "other")
    (other / "a09_extra.txt").write_text(ARTICLES["a05_trade"].replace("record", "new high"), encoding="utf-8")
    sheet = reports / "census" / "label_sheet.csv"
    if not sheet.exists():
        pytest.skip("needs the census sheet")
    filled = fill(sheet, corpus, base / "ok2.csv")
    rep = cli("report", "--quiet", "--corpus", str(other), "--name", "other", "--reports-dir", str(reports),
              "--only", "02_themes", "--labels", str(filled))
    assert rep.returncode == 2 and "made for another corpus" in rep.stderr
    assert not (reports / "other").exists()
