"""Weighted log-odds (Monroe, Colaresi & Quinn 2008) checked against the
METHODS.md formula worked out by hand on a tiny corpus."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.framing.keyness import default_stop_words, keyness, tokens
from analysis.report.outputs import write_table
from analysis.stats import bh_adjust

ROOT = Path(__file__).resolve().parents[2]

# group i ("us"): visa visa oda   -> n_i = 3
# group j ("japan"): oda war      -> n_j = 2
TINY = pd.DataFrame({"text": ["visa visa", "oda", "oda war"], "partner": ["us", "us", "japan"]})


def _row(table, term):
    return table.set_index("term").loc[term]


def test_log_odds_by_hand_pooled_prior():
    # prior = pooled counts: alpha_visa = 2, alpha_oda = 2, alpha_war = 1, alpha0 = 5
    t = keyness(TINY, ["us", "japan"], min_count=1)
    visa = _row(t, "visa")
    # delta = ln[(2+2)/(3+5-2-2)] - ln[(0+2)/(2+5-0-2)] = ln(4/4) - ln(2/5)
    assert visa["delta"] == pytest.approx(math.log(1.0) - math.log(2 / 5))
    assert visa["var"] == pytest.approx(1 / 4 + 1 / 2)
    # ln(1) - ln(2/5) = ln 2.5 = 0.916291; z = 0.916291 / sqrt(0.75) = 1.058041
    assert visa["z"] == pytest.approx(math.log(2.5) / math.sqrt(0.75), rel=1e-8)
    oda = _row(t, "oda")
    # ln[(1+2)/(3+5-1-2)] - ln[(1+2)/(2+5-1-2)] = ln(3/5) - ln(3/4)
    assert oda["delta"] == pytest.approx(math.log(3 / 5) - math.log(3 / 4))
    assert oda["z"] == pytest.approx((math.log(0.6) - math.log(0.75)) / math.sqrt(2 / 3))
    war = _row(t, "war")
    # ln[(0+1)/(3+5-0-1)] - ln[(1+1)/(2+5-1-1)] = ln(1/7) - ln(2/5); var = 1/1 + 1/2
    assert war["z"] == pytest.approx((math.log(1 / 7) - math.log(2 / 5)) / math.sqrt(1.5))
    assert (visa["n_i"], visa["n_j"], visa["alpha0"]) == (3, 2, 5)
    assert visa["alpha_w"] == pytest.approx(2.0)


def test_log_odds_by_hand_scaled_prior():
    # alpha0 = 10: alpha_visa = 10 * 2/5 = 4
    t = keyness(TINY, ["us", "japan"], min_count=1, prior_scale=10)
    visa = _row(t, "visa")
    # ln[(2+4)/(3+10-2-4)] - ln[(0+4)/(2+10-0-4)] = ln(6/7) - ln(4/8); var = 1/6 + 1/4
    assert visa["delta"] == pytest.approx(math.log(6 / 7) - math.log(0.5))
    assert visa["z"] == pytest.approx((math.log(6 / 7) - math.log(0.5)) / math.sqrt(1 / 6 + 1 / 4))
    assert visa["alpha_w"] == pytest.approx(4.0) and visa["alpha0"] == 10


def test_min_count_floor_keeps_totals_and_prior():
    t = keyness(TINY, ["us", "japan"], min_count=2)
    assert set(t["term"]) == {"visa", "oda"}            # war (1) is under the floor
    assert set(t["n_i"]) == {3} and set(t["n_j"]) == {2}  # but still counted in n and alpha0
    assert set(t["alpha0"]) == {5}


def test_bh_by_hand():
    # sorted p 0.01 0.03 0.04 0.5 (m = 4): raw 0.04, 0.06, 0.0533, 0.5 -> monotone 0.04, 0.0533, 0.0533, 0.5
    q = bh_adjust([0.01, 0.04, 0.03, 0.5])
    assert q == pytest.approx([0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.5])


def test_p_values_two_sided_and_significance():
    units = pd.DataFrame({"text": ["visa " * 40 + "oda " * 5, "oda " * 40 + "visa " * 5],
                          "partner": ["japan", "us"]})
    t = keyness(units, ["japan", "us"], min_count=1, fdr_q=0.1)
    visa = _row(t, "visa")
    # n_i = n_j = 45, pooled prior alpha_visa = alpha_oda = 45, alpha0 = 90:
    # delta = ln[(40+45)/(45+90-40-45)] - ln[(5+45)/(45+90-5-45)] = ln(85/50) - ln(50/85) = 2 ln 1.7
    # var = 1/85 + 1/50; z = 1.061257 / 0.178227 = 5.9545
    assert visa["z"] == pytest.approx(2 * math.log(1.7) / math.sqrt(1 / 85 + 1 / 50))
    assert visa["z"] > 3 and visa["p"] == pytest.approx(2 * (1 - 0.5 * (1 + math.erf(visa["z"] / math.sqrt(2)))))
    assert bool(visa["significant"]) and _row(t, "oda")["z"] < -3
    oda = _row(t, "oda")   # the mirror image: same |z|, same p, also significant
    assert oda["z"] == pytest.approx(-visa["z"]) and bool(oda["significant"])


def test_csv_rows_can_be_recomputed(tmp_path):
    t = keyness(TINY, ["us", "japan"], min_count=1, prior_scale=7)
    back = pd.read_csv(write_table(t, "keyness", tmp_path))
    # the CSV must hold every term, so that the loop below checks something
    assert sorted(back["term"]) == ["oda", "visa", "war"]
    # pooled prior scaled to alpha0 = 7: alpha_w = 7 * (pooled count of w) / 5 -> visa 2.8, oda 2.8, war 1.4
    assert (back["alpha0"] == 7).all()
    assert back.set_index("term")["alpha_w"].to_dict() == pytest.approx({"visa": 2.8, "oda": 2.8, "war": 1.4})
    for r in back.itertuples():
        a = r.alpha_w
        delta = (math.log((r.y_i + a) / (r.n_i + r.alpha0 - r.y_i - a))
                 - math.log((r.y_j + a) / (r.n_j + r.alpha0 - r.y_j - a)))
        assert delta == pytest.approx(r.delta, rel=1e-5)
        assert r.z == pytest.approx(delta / math.sqrt(1 / (r.y_i + a) + 1 / (r.y_j + a)), rel=1e-5)


def test_one_vs_rest_with_three_partners():
    units = pd.DataFrame({"text": ["visa", "war war", "sea", "visa oda"], "partner": ["japan", "us", "korea", "korea"]})
    t = keyness(units, ["japan", "us", "korea"], min_count=1)
    assert sorted(t["comparison"].unique()) == ["japan vs rest", "korea vs rest", "us vs rest"]
    visa = t[(t["group"] == "korea") & (t["term"] == "visa")].iloc[0]
    assert (visa["y_i"], visa["y_j"], visa["n_i"], visa["n_j"]) == (1, 1, 3, 3)


def test_one_partner_gives_an_empty_table():
    t = keyness(TINY, ["us"])
    assert t.empty and "z" in t.columns


def test_tokens_drop_stop_words_possessives_numbers():
    assert tokens("Japan's ODA in 2023 and the people-to-people ties", {"japan", "the", "and", "in"}) == \
        ["oda", "people-to-people", "ties"]


def test_seeds_vocabulary_leans_the_expected_way():
    from analysis.corpus.load import select_units
    from analysis.report.prepare import prepare

    b = prepare(ROOT / "seeds", ROOT / "config/partners.yaml", ROOT / "config/codebook.yaml")
    t = keyness(select_units(b.segments), ["us", "japan"], stop_words=default_stop_words(b.actors))
    z = t.set_index("term")["z"]
    assert "japan" not in z.index and "blinken" not in z.index  # actor names are dropped
    assert z["sea"] > 0 and z["war"] > 0          # South China Sea, war legacy: US side
    assert z["oda"] < 0 and z["citizens"] < 0     # ODA, citizens' visas: Japan side
    assert np.all(t["total"] >= 2)


# ----------------------------------------------------------------------------- multi-word terms
from analysis.framing.terms import find_collocations, term_spec, unit_terms  # noqa: E402
from analysis.stats import g2  # noqa: E402

# us: "south sea" x4, "trade deal"; japan: "visa rule" x3, "trade deal"
PAIRS = pd.DataFrame({"text": ["south sea", "south sea", "south sea", "south sea", "trade deal",
                               "visa rule", "visa rule", "visa rule", "trade deal"],
                      "partner": ["us"] * 5 + ["japan"] * 4})


def test_collocations_by_dunnings_g2_worked_by_hand():
    # adjacent pairs: (south, sea) 4, (visa, rule) 3, (trade, deal) 2; N = 9.
    # (south, sea): O = [4, 0, 0, 5], E = [16/9, 20/9, 20/9, 25/9]
    #   G² = 2 (4 ln(4 / 1.777778) + 5 ln(5 / 2.777778)) = 2 (3.243721 + 2.938933) = 12.365308
    # (visa, rule): O = [3, 0, 0, 6], E = [1, 2, 2, 4]: G² = 2 (3 ln 3 + 6 ln 1.5) = 11.457255
    # (trade, deal): O = [2, 0, 0, 7], E = [4/9, 14/9, 14/9, 49/9]: G² = 2 (2 ln 4.5 + 7 ln(9/7)) = 9.534712
    assert g2(4, 0, 0, 5) == pytest.approx(12.365308, abs=1e-6)
    assert g2(3, 0, 0, 6) == pytest.approx(11.457255, abs=1e-6)
    assert g2(2, 0, 0, 7) == pytest.approx(9.534712, abs=1e-6)
    spec = term_spec()
    pairs, table = find_collocations(PAIRS["text"], spec, min_count=2, min_g2=10.83)
    # the two pairs above the stated threshold (G² >= 10.83, p = 0.001) are kept, trade deal is not
    assert set(table["term"]) == {"south sea", "visa rule"}
    assert table.set_index("term").loc["south sea", "g2"] == pytest.approx(12.365308, abs=1e-6)


def test_keyness_counts_a_collocation_as_one_term_by_hand():
    t = keyness(PAIRS, ["us", "japan"], min_count=1, spec=term_spec(), collocation_min_count=2)
    # terms: us south sea 4, trade 1, deal 1 (n_i = 6); japan visa rule 3, trade 1, deal 1 (n_j = 5)
    assert sorted(t["term"]) == ["deal", "south sea", "trade", "visa rule"]
    r = _row(t, "south sea")
    assert (r["kind"], r["y_i"], r["y_j"], r["n_i"], r["n_j"], r["alpha0"]) == ("collocation", 4, 0, 6, 5, 11)
    # δ = ln[(4+4)/(6+11-4-4)] - ln[(0+4)/(5+11-0-4)] = ln(8/9) - ln(1/3) = 0.980829; var = 1/8 + 1/4
    # z = 0.980829 / sqrt(0.375) = 1.601687
    assert r["delta"] == pytest.approx(0.980829, abs=1e-6) and r["z"] == pytest.approx(1.601687, abs=1e-6)
    assert _row(t, "trade")["kind"] == "word"


def test_codebook_phrases_titles_and_partner_compounds():
    from analysis.config import load_actors
    from analysis.themes.codebook import codebook_from_dict

    cb = codebook_from_dict({"themes": {"war": {"label": "War", "patterns": ["settlement of war consequences",
                                                                              "South China Sea*"]}}})
    spec = term_spec(load_actors(ROOT / "config/partners.yaml"), cb)
    terms = unit_terms("Deputy Foreign Minister Kamikawa said the Viet Nam-Japan and ASEAN-US ties cover the "
                       "settlement of war consequences and the South China Seas.", spec)
    # the codebook phrases whole (a trailing * reads any ending), stop words inside them kept;
    # titles, reporting verbs, names and partner compounds gone
    assert terms == ["ties", "cover", "settlement of war consequences", "south china seas"]
    # without the phrase, a dropped stop word breaks the run: "settlement" and "war consequences"
    # are never joined into "settlement war"
    bare = term_spec(load_actors(ROOT / "config/partners.yaml"))
    pairs, _ = find_collocations(["the settlement of war consequences", "trade deals"] * 5, bare, min_count=3,
                                 min_g2=0)
    assert ("settlement", "war") not in pairs and ("war", "consequences") in pairs


def test_seed_keyness_on_phrases_and_nothing_passes():
    from analysis.corpus.load import select_units
    from analysis.report.prepare import prepare

    b = prepare(ROOT / "seeds", ROOT / "config/partners.yaml", ROOT / "config/codebook.yaml", partners=["us", "japan"])
    t = keyness(select_units(b.segments), ["us", "japan"], spec=term_spec(b.actors, b.codebook))
    terms = set(t["term"])
    assert "south china sea" in terms and not {"south", "china", "sea"} & terms
    assert not {"secretary", "foreign", "affairs", "minister", "prime", "deputy", "affirmed"} & terms
    assert not any("-" in x and ("us" in x.split("-") or "japan" in x.split("-")) for x in terms)
    z = t.set_index("term")["z"]
    assert z["south china sea"] > 0 and z["oda"] < 0
    # a few hundred terms per side: no term passes BH at q <= 0.1
    assert not t["significant"].any() and np.isfinite(t["q"]).all()
