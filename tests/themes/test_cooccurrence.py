"""Co-occurrence measures against values worked out by hand (METHODS.md), on
matrices built here, plus the per-partner and bootstrap rules."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.themes import cooccurrence as co


def test_measures_hand_worked():
    # a=2, b=1, c=1, d=6, N=10
    m = co.association(2, 1, 1, 6)
    assert m["jaccard"] == pytest.approx(0.5)                 # 2 / 4
    assert m["p_b_given_a"] == pytest.approx(2 / 3)           # 2 / 3
    assert m["lift"] == pytest.approx(20 / 9)                 # 2*10 / (3*3)
    assert m["pmi"] == pytest.approx(math.log2(20 / 9))       # log2(2.2222) = 1.152003
    # a/N = 0.2: NPMI = 1.152003 / -log2(0.2) = 1.152003 / 2.321928 = 0.496141
    assert m["npmi"] == pytest.approx(math.log2(20 / 9) / -math.log2(0.2))
    assert m["npmi"] == pytest.approx(0.496141, abs=1e-6)


def test_independent_and_perfect_pairs():
    ind = co.association(1, 1, 1, 1)          # p(x,y) = 1/4 = p(x) p(y)
    assert ind["lift"] == pytest.approx(1.0) and ind["npmi"] == pytest.approx(0.0)
    perfect = co.association(2, 0, 0, 2)      # always together, each in half the units
    assert perfect["lift"] == pytest.approx(2.0) and perfect["pmi"] == pytest.approx(1.0)
    assert perfect["npmi"] == pytest.approx(1.0) and perfect["jaccard"] == 1.0


def test_never_together_is_minus_one():
    m = co.association(0, 3, 2, 5)
    assert m["npmi"] == -1.0 and m["lift"] == 0.0 and m["jaccard"] == 0.0 and m["pmi"] == -math.inf
    absent = co.association(0, 0, 2, 8)       # X never occurs: undefined ("no data"), not "never together"
    assert np.isnan(absent["npmi"]) and np.isnan(absent["p_b_given_a"]) and np.isnan(absent["lift"])


def test_undefined_cases_are_nan():
    every = co.association(4, 0, 0, 0)        # both in every unit: no contrast
    assert np.isnan(every["npmi"]) and every["lift"] == pytest.approx(1.0)
    none = co.association(0, 0, 0, 0)
    assert np.isnan(none["npmi"]) and np.isnan(none["jaccard"])


def matrix():
    # 8 units in 4 articles; x,y,z by hand
    return pd.DataFrame({
        "unit_id": [f"u{i}" for i in range(8)],
        "doc_id": ["d1", "d1", "d2", "d2", "d3", "d3", "d4", "d4"],
        "partner": ["us", "us", "us", "both", "japan", "japan", "japan", "none"],
        "x": [1, 1, 0, 1, 1, 0, 0, 0],
        "y": [1, 0, 0, 1, 1, 1, 0, 0],
        "z": [0, 0, 1, 0, 0, 0, 0, 1],
    }).astype({"x": bool, "y": bool, "z": bool})


def test_cooccurrence_counts_by_hand():
    t = co.cooccurrence(matrix(), ["x", "y", "z"], "paragraph").set_index(["theme_a", "theme_b"])
    xy = t.loc[("x", "y")]
    # x & y in u0, u3, u4 -> a=3; x only u1 -> b=1; y only u5 -> c=1; d = 3
    assert (xy.a, xy.b, xy.c, xy.d, xy.n_units, xy.n_a, xy.n_b) == (3, 1, 1, 3, 8, 4, 4)
    assert xy.p_b_given_a == pytest.approx(0.75) and xy.p_a_given_b == pytest.approx(0.75)
    assert xy.jaccard == pytest.approx(3 / 5)                   # a / (a+b+c)
    assert xy.lift == pytest.approx(3 * 8 / 16)
    assert xy.npmi == pytest.approx(math.log2(1.5) / -math.log2(3 / 8))
    assert t.loc[("x", "z")].npmi == -1.0 and t.loc[("x", "z")].a == 0
    assert list(t.index) == [("x", "y"), ("x", "z"), ("y", "z")]


def test_per_partner_counts_only_that_partners_units():
    t = co.cooccurrence_by_partner(matrix(), ["x", "y", "z"], "paragraph", ["us", "japan"])
    us = t[(t["partner"] == "us") & (t["theme_a"] == "x") & (t["theme_b"] == "y")].iloc[0]
    assert us.n_units == 3 and us.a == 1 and us.b == 1 and us.c == 0   # u0, u1, u2 ('both' u3 left out)
    with_both = co.cooccurrence_by_partner(matrix(), ["x", "y"], "paragraph", ["us"], include_both=True)
    assert with_both[with_both["partner"] == "us"].iloc[0].n_units == 4
    jp = t[(t["partner"] == "japan") & (t["theme_a"] == "x") & (t["theme_b"] == "y")].iloc[0]
    assert (jp.n_units, jp.a, jp.b, jp.c) == (3, 1, 0, 1)


def test_square_is_symmetric_and_conditional_is_not():
    t = co.cooccurrence(matrix(), ["x", "y", "z"], "paragraph")
    sq = co.square(t, ["x", "y", "z"], "npmi")
    assert sq.loc["x", "y"] == sq.loc["y", "x"] and np.isnan(sq.loc["x", "x"])
    assert sq.loc["x", "y"] == pytest.approx(math.log2(1.5) / -math.log2(3 / 8))
    cond = co.square(t, ["x", "z"] + ["y"], "p_b_given_a")
    assert cond.loc["y", "z"] == pytest.approx(0.0) and cond.loc["x", "y"] == pytest.approx(0.75)
    # an asymmetric pair: w only in u0, x in u0 u1 u3 u4 -> P(w | x) = 1/4, P(x | w) = 1/1
    m = matrix().assign(w=[True] + [False] * 7)
    cond = co.square(co.cooccurrence(m, ["x", "w"], "paragraph"), ["x", "w"], "p_b_given_a")
    assert cond.loc["x", "w"] == pytest.approx(0.25)           # row A = x, column B = w: P(w | x)
    assert cond.loc["w", "x"] == pytest.approx(1.0)            # P(x | w)


def test_bootstrap_identical_partners_give_zero():
    m = matrix()
    twin = m.copy()
    twin["partner"] = "japan"
    twin["doc_id"] = twin["doc_id"] + "j"
    m2 = pd.concat([m.assign(partner="us"), twin], ignore_index=True)
    d = co.bootstrap_difference(m2, ["x", "y"], "us", "japan", "paragraph", n_boot=200, seed=1)
    r = d.iloc[0]
    assert r["diff"] == 0.0 and r.npmi_a == r.npmi_b
    assert r.n_articles == 8 and 0 < r.n_valid <= 200
    assert r.ci_low <= 0.0 <= r.ci_high


def test_bootstrap_resamples_articles():
    # us units all in ONE of two articles: a replicate without it has no us units
    m = pd.DataFrame({"unit_id": list("abcdef"), "doc_id": ["d1"] * 3 + ["d2"] * 3,
                      "partner": ["us"] * 3 + ["japan"] * 3,
                      "x": [True, True, False, True, False, False], "y": [True, False, True, True, True, False]})
    d = co.bootstrap_difference(m, ["x", "y"], "us", "japan", "paragraph", n_boot=2000, seed=0).iloc[0]
    # P(d1 not drawn in 2 draws) = 1/4, same for d2: about half the replicates lack a partner
    assert 850 < d.n_valid < 1150
    again = co.bootstrap_difference(m, ["x", "y"], "us", "japan", "paragraph", n_boot=2000, seed=0).iloc[0]
    assert (d.ci_low, d.ci_high) == (again.ci_low, again.ci_high)
    # with only one article per partner every valid replicate reproduces the full-data NPMI
    assert d.ci_low == pytest.approx(d["diff"]) and d.ci_high == pytest.approx(d["diff"])


def test_level_disagreement():
    rows = []
    for level, vals in {"sentence": [0.5, -1.0, 0.2], "paragraph": [0.6, 0.1, 0.3], "document": [0.2, 0.8, 0.4]}.items():
        for (a, b), v in zip([("x", "y"), ("x", "z"), ("y", "z")], vals):
            rows.append({"level": level, "partner": "all", "theme_a": a, "theme_b": b, "a": 1, "npmi": v})
    t = co.level_disagreement(pd.DataFrame(rows))
    top = t.iloc[0]
    # x-z ranks 3, 3, 1 -> spread 2; x-y ranks 1, 1, 3 -> spread 2; y-z 2, 2, 2 -> 0
    assert set(map(tuple, t[t["rank_spread"] == 2][["theme_a", "theme_b"]].values)) == {("x", "y"), ("x", "z")}
    assert t.iloc[-1][["theme_a", "theme_b"]].tolist() == ["y", "z"] and top.rank_spread == 2
    agree = co.level_rank_agreement(t).set_index(["level_1", "level_2"])
    assert agree.loc[("sentence", "paragraph"), "spearman"] == pytest.approx(1.0)
    assert agree.loc[("sentence", "document"), "spearman"] == pytest.approx(-1.0)


def test_partner_difference_needs_exactly_two_partners():
    from analysis.themes.cooccurrence import partner_difference

    m = pd.DataFrame({"unit_id": list("abcd"), "doc_id": ["d1", "d1", "d2", "d2"],
                      "partner": ["us", "us", "japan", "japan"], "x": [True, True, False, True],
                      "y": [True, False, False, True]})
    table, note = partner_difference(m, ["x", "y"], ["japan"], "paragraph")
    assert table.empty and "1 partner(s)" in note and "exactly two" in note
    table, note = partner_difference(m, ["x", "y"], ["us", "japan"], "paragraph", n_boot=50)
    assert list(table[["theme_a", "theme_b"]].iloc[0]) == ["x", "y"] and "50 bootstrap replicates" in note
