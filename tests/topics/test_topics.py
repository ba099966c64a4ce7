"""Topic clusters: planted topics are recovered, labels follow METHODS.md,
stability and coherence match hand-worked values, names never become topics."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from sklearn.metrics import adjusted_rand_score

from analysis import topics as tp
from analysis.topics.model import build_stop_words, ctfidf, label_terms, make_analyzer
from analysis.topics.quality import match_topics, npmi_coherence, stability_from_runs

ROOT = Path(__file__).resolve().parents[2]

VOCABS = {
    "energy": "solar wind turbine grid battery hydropower emission carbon renewable electricity".split(),
    "health": "hospital vaccine nurse doctor clinic medicine patient surgery epidemic pharmacy".split(),
    "farming": "rice harvest fertiliser irrigation paddy farmer cattle orchard seed drought".split(),
}


def planted_corpus(n_per_topic: int = 30, seed: int = 1) -> tuple[pd.DataFrame, np.ndarray]:
    """Paragraphs drawn from three disjoint vocabularies, 10 words each, plus
    stop words and partner names that must not matter."""
    rng = np.random.default_rng(seed)
    rows, truth = [], []
    for t, vocab in enumerate(VOCABS.values()):
        for i in range(n_per_topic):
            words = list(rng.choice(vocab, size=10))
            words[3:3] = ["the", "Japanese", "side", "said"]
            rows.append({"seg_id": f"d{t}:p{i:03d}", "doc_id": f"d{t}_{i % 3}", "text": " ".join(words) + ".",
                         "partner": ["us", "japan", "both"][i % 3]})
            truth.append(t)
    return pd.DataFrame(rows), np.array(truth)


@pytest.fixture(scope="module")
def actors():
    from analysis.config import load_actors
    return load_actors(ROOT / "config" / "partners.yaml")


@pytest.fixture(scope="module")
def seeds_bundle():
    from analysis.report.prepare import prepare
    return prepare(ROOT / "seeds", ROOT / "config" / "partners.yaml", ROOT / "config" / "codebook.yaml")


@pytest.mark.parametrize("model,bound", [("nmf", 0.9), ("kmeans", 0.9), ("lda", 0.9)])
def test_planted_topics_are_recovered(model, bound, actors):
    units, truth = planted_corpus()
    res = tp.analyse_topics(units, actors.stop_words(), model=model, n_topics=3, n_stability_runs=3)
    assert adjusted_rand_score(truth, res.model.assignment) >= bound
    # each planted vocabulary is one topic's top terms, and every planted topic is stable
    tops = [set(t) for t in res.model.top_terms]
    for vocab in VOCABS.values():
        assert any(len(t & set(vocab)) >= 8 for t in tops)
    assert (res.stability >= 0.8).all()
    assert not {"japanese", "said", "side", "the"} & set(res.model.terms)


def test_auto_picks_three_planted_topics_and_returns_the_curve(actors):
    units, truth = planted_corpus()
    res = tp.analyse_topics(units, actors.stop_words(), n_topics="auto", k_range=[2, 3, 4, 5], n_stability_runs=3)
    curve = res.k_selection
    assert curve["k"].tolist() == [2, 3, 4, 5]
    assert curve["chosen"].sum() == 1
    assert res.model.n_topics == 3 == int(curve.loc[curve["chosen"], "k"].iloc[0])
    # merging two vocabularies into one topic makes k=2 incoherent
    assert curve.set_index("k").loc[3, "coherence"] > curve.set_index("k").loc[2, "coherence"]


def test_same_seed_gives_identical_tables_and_k_is_capped(actors):
    units, _ = planted_corpus(n_per_topic=12)
    a = tp.analyse_topics(units, actors.stop_words(), n_topics="auto", seed=3, n_stability_runs=3)
    b = tp.analyse_topics(units, actors.stop_words(), n_topics="auto", seed=3, n_stability_runs=3)
    pd.testing.assert_frame_equal(tp.topic_table(a), tp.topic_table(b))
    pd.testing.assert_frame_equal(tp.segment_topics(a), tp.segment_topics(b))
    pd.testing.assert_frame_equal(a.k_selection, b.k_selection)
    pd.testing.assert_frame_equal(tp.project_2d(a), tp.project_2d(b))
    tiny = units.iloc[[0, 1, 12, 13, 24]]
    res = tp.analyse_topics(tiny, actors.stop_words(), n_topics=10, n_stability_runs=2)
    assert res.model.n_topics == 4  # capped below the 5 units


def test_ctfidf_matches_a_hand_worked_toy():
    # topic 0: "a a b"; topic 1: "b c"  (terms a, b, c)
    counts = sparse.csr_matrix(np.array([[2, 1, 0], [0, 1, 1]], dtype=float))
    W = ctfidf(counts, np.array([0, 1]), 2)
    # A = 5 tokens / 2 topics = 2.5; f_a = 2, f_b = 2, f_c = 1
    # W(a,0) = 2/3 ln(1 + 2.5/2) = 0.540620; W(b,0) = 1/3 ln 2.25 = 0.270310
    # W(b,1) = 1/2 ln 2.25 = 0.405465;      W(c,1) = 1/2 ln 3.5 = 0.626381
    np.testing.assert_allclose(W, [[0.540620, 0.270310, 0.0], [0.0, 0.405465, 0.626381]], atol=1e-6)


def test_labels_prefer_bigrams_and_chain_them():
    terms = np.array(["digital", "transformation", "digital transformation", "south china", "china sea", "sea",
                      "oda"])
    w = np.array([1.0, 0.9, 0.8, 0.6, 0.6, 0.7, 0.65])
    assert label_terms(w, terms) == ["digital transformation", "south china sea", "oda"]


def test_hungarian_stability_by_hand():
    ref = [["a", "b", "c", "d"], ["e", "f", "g", "h"]]
    assert stability_from_runs(ref, [ref, ref]).tolist() == [1.0, 1.0]
    run = [["e", "f", "g", "x"], ["a", "b", "y", "z"]]  # topics swapped and partly changed
    match, overlap = match_topics(ref, run)
    assert match.tolist() == [1, 0]
    # J({a,b,c,d},{a,b,y,z}) = 2/6; J({e,f,g,h},{e,f,g,x}) = 3/5
    np.testing.assert_allclose(overlap, [1 / 3, 3 / 5])
    np.testing.assert_allclose(stability_from_runs(ref, [run, ref]), [(1 / 3 + 1) / 2, (3 / 5 + 1) / 2])


def test_npmi_coherence_by_hand():
    # units: {x,y}, {x}, {y}, {z, w}, {z, w}
    terms = np.array(["x", "y", "z", "w"])
    counts = sparse.csr_matrix(np.array([[1, 1, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 1], [0, 0, 1, 1]]))
    coh = npmi_coherence(counts, terms, [["x", "y"], ["z", "w"], ["x", "z"]])
    # x,y: P=2/5 each, P(xy)=1/5 -> log((1/5)/(4/25)) / -log(1/5) = log(1.25)/log(5)
    np.testing.assert_allclose(coh, [np.log(1.25) / np.log(5), 1.0, -1.0])


def test_tokens_drop_names_and_keep_content_bigrams(actors):
    an = make_analyzer(build_stop_words(actors.stop_words()), actors.stop_words())
    text = "Vie\u0323t Nam-US ties, Japan's two-way trade; settlement of war consequences and people-to-people exchanges"
    terms = an(text)
    assert "two-way trade" in terms and "war consequences" in terms and "people-to-people exchanges" in terms
    assert not {"viet", "vie", "nam", "us", "japan", "trade settlement", "settlement war"} & set(terms)


def test_seed_topics_follow_content_not_names(seeds_bundle, actors):
    from analysis.corpus.load import select_units

    units = select_units(seeds_bundle.segments)
    res = tp.analyse_topics(units, actors.stop_words(), n_topics="auto")
    names = actors.stop_words()
    for terms in res.model.top_terms:
        for term in terms:
            assert not set(term.split()) & names, term
    assert 2 <= res.model.n_topics <= 6
    # read by hand: the South China Sea paragraph and the ODA/infrastructure
    # paragraphs are distinct topics
    labels = tp.topic_table(res).set_index("topic")
    scs = [t for t, terms in enumerate(res.model.top_terms, 1) if "china sea" in terms]
    oda = [t for t, terms in enumerate(res.model.top_terms, 1) if "oda" in terms or "infrastructure" in terms]
    assert scs and oda and set(scs).isdisjoint(oda)
    assert labels.loc[scs[0], "size"] >= 3
    # the codebook co-occurrence sees the SCS topic carrying the scs theme
    from analysis import themes as th
    hits = th.find_hits(units, seeds_bundle.codebook, id_col="seg_id")
    matrix = th.theme_matrix(units, hits, seeds_bundle.codebook, id_col="seg_id")
    co = tp.topic_theme_cooccurrence(tp.segment_topics(res), matrix, tp.topic_table(res), ["scs", "oda"])
    row = co[(co["topic"] == scs[0]) & (co["theme"] == "scs")].iloc[0]
    assert row["a"] >= 1 and row["lift"] > 1
    assert row["a"] + row["b"] + row["c"] + row["d"] == len(units)


def test_sentence_units_and_tables(seeds_bundle, actors):
    from analysis.corpus.load import select_units

    sents = select_units(seeds_bundle.sentences)
    res = tp.analyse_topics(sents, actors.stop_words(), id_col="sent_id", n_topics=4, unit="sentence")
    seg = tp.segment_topics(res)
    assert seg["sent_id"].tolist() == sents["sent_id"].astype(str).tolist()
    topics = tp.topic_table(res)
    assert topics.loc[topics["topic"] > 0, "size"].sum() + (seg["topic"] < 0).sum() == len(sents)
    # unstable topics are named so everywhere
    for t in topics.itertuples():
        assert ("(unstable)" in t.display) == (t.status == "unstable")
    by_partner = tp.topic_by_partner(seg, topics)
    sums = by_partner.groupby("partner")["share_of_partner"].sum()
    np.testing.assert_allclose(sums.to_numpy(), 1.0)
    rep = tp.representative_units(res, n=2)
    assert (rep.groupby("topic").size() <= 2).all()
    # every topic with units gets representatives, and each one is a unit of that topic
    assert set(rep["topic"]) == set(topics.loc[topics["size"] > 0, "topic"])
    assigned = dict(zip(seg["sent_id"], seg["topic"]))
    assert all(assigned[str(r.sent_id)] == r.topic for r in rep.itertuples())
    over = tp.topic_over_time(seg, seeds_bundle.documents, topics)
    # years read from the seed articles: 000 and 001 (Nov 2022), 003 and 004 (2023), 002 (Mar 2024)
    year = {"000": "2022", "001": "2022", "002": "2024", "003": "2023", "004": "2023"}
    want = seg["doc_id"].str[:3].map(year).value_counts().sort_index()
    got = over.groupby("period")["n_units"].sum().sort_index()
    assert got.to_dict() == want.to_dict() and set(got.index) == {"2022", "2023", "2024"}
    np.testing.assert_allclose(over.groupby("period")["share"].sum().to_numpy(), 1.0)


def test_k_choice_never_takes_one_lump_and_crumbs(monkeypatch):
    """A k whose biggest topic holds most of the units is passed over, even with the best score."""
    from types import SimpleNamespace

    from scipy import sparse

    from analysis.topics import quality

    # k = 2: topics of 9 and 1 units, stability 1.0 -> score 1.0 * (1 + 0) / 2 = 0.5, largest share 0.9
    # k = 3: topics of 4, 3 and 3 units, stability 0.8 -> score 0.8 * (1 + 0) / 2 = 0.4, largest share 0.4
    sizes = {2: np.array([9, 1]), 3: np.array([4, 3, 3])}
    stab = {2: np.array([1.0, 1.0]), 3: np.array([0.8, 0.8, 0.8])}
    monkeypatch.setattr(quality, "fit_topics", lambda n_topics, **kw: SimpleNamespace(
        k=n_topics, sizes=sizes[n_topics], top_terms=[["a"]] * n_topics))
    monkeypatch.setattr(quality, "topic_stability", lambda tm, **kw: (stab[tm.k], None))
    monkeypatch.setattr(quality, "npmi_coherence", lambda counts, terms, tt: np.zeros(len(tt)))
    counts = sparse.csr_matrix(np.ones((10, 2)))
    k, curve = quality.choose_k(k_range=[2, 3], counts=counts, terms=np.array(["a", "b"]))
    c = curve.set_index("k")
    assert (c.at[2, "score"], c.at[3, "score"]) == (0.5, pytest.approx(0.4))
    assert (c.at[2, "largest_share"], bool(c.at[2, "eligible"]), bool(c.at[3, "eligible"])) == (0.9, False, True)
    assert k == 3 and bool(c.at[3, "chosen"])
    # every k a lump: the least lopsided one is taken
    sizes[3] = np.array([7, 2, 1])
    k, curve = quality.choose_k(k_range=[2, 3], counts=counts, terms=np.array(["a", "b"]))
    assert k == 3 and not curve["eligible"].any()


def test_small_corpus_says_so(seeds_bundle):
    from analysis.corpus import select_units
    from analysis.topics.quality import small_corpus_note

    units = select_units(seeds_bundle.segments)
    res = tp.analyse_topics(units, seeds_bundle.actors.stop_words(), n_topics=2, n_stability_runs=2)
    text = tp.topics_summary(res)
    n = len(units)
    assert f"Too small a corpus for reliable topics: {n} paragraphs in 5 articles" in text
    assert small_corpus_note(250, 30) == ""
    assert small_corpus_note(250, 12).startswith("**Too small a corpus for reliable topics: 250 paragraphs in 12")
