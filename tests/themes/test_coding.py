"""Theme coding on the seed articles (as the report runs it) and on small tables
built here. Expectations on the seeds come from reading the articles; the gold
labelling in tests/data/gold_seeds.csv was written by hand (see gold_guide.md)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import themes as th
from analysis.errors import InputError
from analysis.report.prepare import prepare
from analysis.themes.codebook import codebook_from_dict, load_codebook

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "gold_seeds.csv"
BANGKOK, WVR, KOMURA, KAMIKAWA, BLINKEN = (
    "000_47b72d136ef06a5a", "001_769d80ff2aa4f581", "002_03c04a4a547f5154",
    "003_b39172c0baee75f5", "004_2582a46d32580f4e")
MAIN = ["oda", "visas", "war_legacy", "scs"]


@pytest.fixture(scope="module")
def bundle():
    return prepare(ROOT / "seeds", ROOT / "config" / "partners.yaml", ROOT / "config" / "codebook.yaml")


@pytest.fixture(scope="module")
def coding(bundle):
    return th.code_corpus(bundle.segments, bundle.sentences, bundle.documents, bundle.codebook)


@pytest.fixture(scope="module")
def gold():
    return th.load_gold(GOLD, MAIN)


def seg(doc, para):
    return f"{doc}:p{para:03d}"


# --------------------------------------------------------------------------- hits on the seeds
def test_every_hit_points_at_its_text(bundle, coding):
    texts = dict(zip(bundle.segments["seg_id"], bundle.segments["text"]))
    h = coding.hits
    assert len(h) > 100 and h["hit_id"].is_unique
    for r in h.itertuples():
        assert texts[r.seg_id][r.start:r.end] == r.matched
    assert list(h.columns[:8]) == ["hit_id", "seg_id", "doc_id", "theme", "pattern", "matched", "start", "end"]


def test_hits_are_deterministic(bundle):
    a = th.find_hits(bundle.segments, bundle.codebook)
    # the same call with a freshly loaded codebook gives the identical table
    b = th.find_hits(bundle.segments, load_codebook(ROOT / "config" / "codebook.yaml"))
    pd.testing.assert_frame_equal(a, b)
    # the segments in reverse order give the same hits (rows follow the input order; ids do not move)
    rev = th.find_hits(bundle.segments.iloc[::-1], load_codebook(ROOT / "config" / "codebook.yaml"))
    assert rev["hit_id"].iloc[0].startswith(bundle.segments["seg_id"].iloc[-1])   # really reversed
    pd.testing.assert_frame_equal(a, rev.sort_values("hit_id").reset_index(drop=True))


def test_scs_and_war_legacy_only_where_the_articles_talk_about_them(coding):
    m = coding.all_paragraphs
    assert set(m.loc[m["scs"], "unit_id"]) == {seg(BLINKEN, 13)}
    assert set(m.loc[m["war_legacy"], "unit_id"]) == {seg(BANGKOK, 4), seg(BLINKEN, 2), seg(BLINKEN, 8)}


def test_visas_and_oda_with_the_sentences_that_justify_them(coding, bundle):
    h = coding.hits
    visas = h[h["theme"] == "visas"]
    assert set(visas["seg_id"]) == {seg(BANGKOK, 10), seg(WVR, 11), seg(KAMIKAWA, 11), seg(KAMIKAWA, 14)}
    sents = dict(zip(bundle.sentences["sent_id"], bundle.sentences["text"]))
    # the visa request is the SECOND sentence of Bangkok paragraph 10
    bkk = visas[visas["seg_id"] == seg(BANGKOK, 10)]
    assert set(bkk["sent_id"]) == {seg(BANGKOK, 10) + ":s01"}
    assert "simplification of visa granting procedures" in sents[seg(BANGKOK, 10) + ":s01"]
    oda = h[h["theme"] == "oda"]
    assert set(oda["seg_id"]) == {seg(BANGKOK, 8), seg(WVR, 5), seg(KOMURA, 2), seg(KOMURA, 5), seg(KOMURA, 6),
                                  seg(KAMIKAWA, 10), seg(KAMIKAWA, 12)}
    # the garbled "official assistance development" is found, and ODA is never matched in lower case
    assert "new-generation official assistance development" in sents[oda[oda["seg_id"] == seg(BANGKOK, 8)]["sent_id"].iloc[0]]
    assert not any(m == "oda" for m in oda["matched"])


def test_counted_units_leave_out_boilerplate_and_duplicates(coding, bundle):
    segs = bundle.segments.set_index("seg_id")
    counted = coding.counted_hits
    para = counted[counted["unit"] == "paragraph"]
    assert not segs.loc[para["seg_id"], "boilerplate"].any()
    assert (segs.loc[counted["seg_id"], "duplicate_of"].fillna("") == "").all()
    # every paragraph counted is a row of the matrix, with or without a hit; headlines never are
    heads = th.headline_mask(bundle.segments)
    assert len(coding.paragraphs) == len(bundle.segments[~bundle.segments["boilerplate"] & ~heads
                                                         & (bundle.segments["duplicate_of"].fillna("") == "")])
    both = th.code_corpus(bundle.segments, bundle.sentences, bundle.documents, bundle.codebook,
                          include_boilerplate=True, include_duplicates=True)
    assert len(both.paragraphs) == len(bundle.segments) - heads.sum()
    assert set(both.headlines["unit_id"]) <= set(bundle.segments.loc[heads, "seg_id"])


# --------------------------------------------------------------------------- gold labelling
def test_gold_labels_every_seed_paragraph_and_lines_up(gold, bundle):
    assert len(gold) == len(bundle.segments)
    assert set(zip(gold["doc_id"], gold["para"])) == set(zip(bundle.segments["doc_id"], bundle.segments["para"]))
    assert th.check_gold(gold, bundle.segments).empty


def test_check_gold_catches_a_shift(gold, bundle):
    shifted = gold.copy()
    shifted["para"] = shifted["para"] + 1
    assert len(th.check_gold(shifted, bundle.segments)) > 50


def test_codebook_quality_on_the_seeds_is_at_least_0_9(coding, gold):
    q = th.evaluate(coding.all_paragraphs, gold, MAIN).set_index("theme")
    assert (q["n_units"] == int((gold["boilerplate"] == 0).sum())).all()
    assert q.loc["oda", "gold_pos"] == 7 and q.loc["visas", "gold_pos"] == 4
    assert (q["f1"] >= 0.9).all(), q


def test_evaluate_hand_worked():
    gold = pd.DataFrame({"doc_id": "d", "para": range(6), "text_start": "", "boilerplate": [0, 0, 0, 0, 0, 1],
                         "x": [1, 1, 1, 0, 0, 1]})
    pred = pd.DataFrame({"doc_id": "d", "para": range(6), "x": [True, True, False, True, False, False]})
    q = th.evaluate(pred, gold, ["x"]).iloc[0]
    # tp = 2 (paras 0, 1), fp = 1 (para 3), fn = 1 (para 2); para 5 is boilerplate
    assert (q.tp, q.fp, q.fn, q.n_units) == (2, 1, 1, 5)
    assert q.precision == pytest.approx(2 / 3) and q.recall == pytest.approx(2 / 3) and q.f1 == pytest.approx(2 / 3)


def test_quality_report_says_when_gold_is_missing_or_foreign(bundle, coding, tmp_path):
    note, q, _ = th.quality_report(tmp_path / "none.csv", bundle.segments, coding.all_paragraphs, coding.hits, MAIN)
    assert "No gold labelling" in note and q.empty
    other = pd.read_csv(GOLD, dtype=str, keep_default_na=False)
    other["doc_id"] = "zzz_" + other["doc_id"]
    other.to_csv(tmp_path / "other.csv", index=False)
    note, q, _ = th.quality_report(tmp_path / "other.csv", bundle.segments, coding.all_paragraphs, coding.hits, MAIN)
    assert "labels none" in note and q.empty


def test_load_gold_rejects_bad_values(tmp_path):
    bad = tmp_path / "g.csv"
    bad.write_text("doc_id,para,text_start,boilerplate,oda\nd,0,x,0,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2, column 'oda'"):
        th.load_gold(bad, ["oda"])
    with pytest.raises(InputError, match="missing column 'visas'"):
        th.load_gold(bad, ["visas"])


# --------------------------------------------------------------------------- matrices, sentences, documents
CB = codebook_from_dict({"themes": {"aid": {"label": "Aid", "patterns": ["aid"]},
                                    "sea": {"label": "Sea", "patterns": ["sea"]}}})


def small_units():
    segs = pd.DataFrame({
        "seg_id": ["a:p000", "a:p001", "b:p000", "b:p001"], "doc_id": ["a", "a", "b", "b"], "para": [0, 1, 0, 1],
        "text": ["No theme here. Aid is here.", "The sea.", "Aid and sea.", "Nothing."],
        "partner": ["us", "japan", "japan", "none"]})
    sents = pd.DataFrame({
        "sent_id": ["a:p000:s00", "a:p000:s01", "a:p001:s00", "b:p000:s00", "b:p001:s00"],
        "seg_id": ["a:p000", "a:p000", "a:p001", "b:p000", "b:p001"], "doc_id": ["a", "a", "a", "b", "b"],
        "start": [0, 15, 0, 0, 0], "end": [14, 27, 8, 12, 8],
        "text": ["No theme here.", "Aid is here.", "The sea.", "Aid and sea.", "Nothing."],
        "partner": ["us", "us", "japan", "japan", "none"]})
    return segs, sents


def test_matrices_at_every_level():
    segs, sents = small_units()
    hits = th.assign_sentences(th.find_hits(segs, CB), sents)
    assert list(hits["sent_id"]) == ["a:p000:s01", "a:p001:s00", "b:p000:s00", "b:p000:s00"]
    par = th.theme_matrix(segs, hits, CB)
    assert par[["aid", "sea"]].values.tolist() == [[True, False], [False, True], [True, True], [False, False]]
    sen = th.theme_matrix(sents, hits, CB, id_col="sent_id")
    assert sen["aid"].tolist() == [False, True, False, True, False]
    doc = th.document_matrix(par, ["aid", "sea"])
    assert doc[["unit_id", "partner", "n_units", "aid", "sea"]].values.tolist() == [
        ["a", "both", 2, True, True], ["b", "japan", 2, True, True]]
    sl = th.document_matrix(par, ["aid", "sea"], by_partner=True)
    assert sl[["unit_id", "aid", "sea"]].values.tolist() == [
        ["a|japan", False, True], ["a|us", True, False], ["b|japan", True, True]]


def test_kwic_context():
    segs, _ = small_units()
    k = th.kwic(th.find_hits(segs, CB), segs, width=6)
    first = k.iloc[0]
    assert (first["left"], first["matched"], first["right"]) == ("…here.", "Aid", "is he…")


def test_prevalence_and_wilson_interval():
    m = pd.DataFrame({"unit_id": list("abcdefghij"), "doc_id": "d", "partner": ["us"] * 5 + ["japan"] * 5,
                      "x": [True] * 5 + [False] * 5})
    p = th.prevalence(m, ["x"]).set_index("group")
    assert p.loc["all", "share"] == 0.5 and p.loc["us", "share"] == 1.0 and p.loc["japan", "n_with"] == 0
    # Wilson 95% (z = 1.96): centre (p + z^2/2n) / (1 + z^2/n), half-width z/(1 + z^2/n) * sqrt(p(1-p)/n + z^2/4n^2)
    # 5/10: centre 0.5, half-width 1.96/1.38415 * sqrt(0.025 + 0.009604) = 1.41600 * 0.18602 = 0.26341
    #       -> (0.2366, 0.7634)
    assert p.loc["all", "ci_low"] == pytest.approx(0.2366, abs=1e-4)
    assert p.loc["all", "ci_high"] == pytest.approx(0.7634, abs=1e-4)
    # 0/5: the bounds are 0 and z^2/(n + z^2) = 3.8415/8.8415 = 0.4345; 5/5 mirrors it: (1 - 0.4345, 1)
    assert p.loc["japan", "ci_low"] == pytest.approx(0.0, abs=1e-12)
    assert p.loc["japan", "ci_high"] == pytest.approx(0.4345, abs=1e-4)
    assert p.loc["us", "ci_low"] == pytest.approx(1 - 0.4345, abs=1e-4) and p.loc["us", "ci_high"] == pytest.approx(1.0)


def test_add_period(bundle, coding):
    t = th.add_period(coding.paragraphs, bundle.documents, "year")
    assert set(t["period"]) <= {"2022", "2023", "2024"}
    assert set(t.loc[t["doc_id"] == KOMURA, "period"]) == {"2024"}


def test_prevalence_levels_stacks_every_level():
    b = prepare(ROOT / "seeds", ROOT / "config" / "partners.yaml", ROOT / "config" / "codebook.yaml")
    coding = th.code_corpus(b.segments, b.sentences, b.documents, b.codebook)
    prev = th.prevalence_levels(coding, b.codebook.keys)
    assert set(prev["level"]) == {"headline", "sentence", "paragraph", "document"}
    doc_scs = prev[(prev["level"] == "document") & (prev["theme"] == "scs")]
    # one article of five talks about the South China Sea (the Blinken talks)
    assert doc_scs.loc[doc_scs["group"] == "all", ["n_with", "n_units"]].values.tolist() == [[1, 5]]
