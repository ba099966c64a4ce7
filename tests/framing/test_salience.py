"""Theme salience per partner with article-level bootstrap intervals."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.framing.salience import partner_units, salience

ROOT = Path(__file__).resolve().parents[2]

# Three articles. Japan's paragraphs: A1 A2 B2 B3 (B3 is 'both'); US: B1 B3 C1.
MATRIX = pd.DataFrame({
    "unit_id": ["A1", "A2", "B1", "B2", "B3", "C1"],
    "doc_id": ["A", "A", "B", "B", "B", "C"],
    "partner": ["japan", "japan", "us", "japan", "both", "us"],
    "oda": [True, False, False, False, False, False],
    "visas": [False, False, False, True, False, False],
    "scs": [False, False, True, False, False, False],
})


def _get(t, partner, theme, level):
    return t[(t.partner == partner) & (t.theme == theme) & (t.level == level)].iloc[0]


def test_counts_by_hand():
    t = salience(MATRIX, ["oda", "visas", "scs"], ["us", "japan"], n_boot=200)
    oda = _get(t, "japan", "oda", "paragraph")
    assert (oda.k, oda.n, oda.share) == (1, 4, 0.25)          # A1 of A1 A2 B2 B3
    assert _get(t, "japan", "oda", "article").share == 0.5    # A of A, B
    scs = _get(t, "us", "scs", "paragraph")
    assert (scs.k, scs.n) == (1, 3)                           # B1 of B1 B3 C1
    assert _get(t, "us", "scs", "article").k == 1             # B, not C
    # article B carries visas for Japan (B2) but not for the US
    assert _get(t, "japan", "visas", "article").k == 1 and _get(t, "us", "visas", "article").k == 0


def test_both_paragraphs_can_be_left_to_nobody():
    t = salience(MATRIX, ["oda"], ["japan"], n_boot=10, count_both=False)
    assert _get(t, "japan", "oda", "paragraph").n == 3


def test_bootstrap_interval_by_hand():
    # Japan has two articles: A (1 of 2 paragraphs with ODA) and B (0 of 2).
    # Resamples AA, AB, BB give 2/4, 1/4, 0/4, with chances 1/4, 1/2, 1/4, so the
    # 95% percentile interval is [0, 0.5].
    t = salience(MATRIX, ["oda"], ["japan"], n_boot=4000, seed=1)
    r = _get(t, "japan", "oda", "paragraph")
    assert (r.ci_low, r.ci_high) == (0.0, 0.5)


def test_deterministic_and_partner_independent():
    a = salience(MATRIX, ["oda", "scs"], ["us", "japan"], n_boot=300, seed=3)
    b = salience(MATRIX, ["oda", "scs"], ["us", "japan"], n_boot=300, seed=3)
    pd.testing.assert_frame_equal(a, b)
    only_japan = salience(MATRIX, ["oda", "scs"], ["japan"], n_boot=300, seed=3)
    pd.testing.assert_frame_equal(a[a.partner == "japan"].reset_index(drop=True), only_japan)


def test_partner_without_units():
    t = salience(MATRIX[MATRIX.partner != "both"], ["oda"], ["korea"], n_boot=10)
    assert (t["n"] == 0).all() and t["share"].isna().all()


def test_seeds_themes_sit_where_a_reader_sees_them():
    from analysis import themes as th
    from analysis.corpus.load import select_units
    from analysis.report.prepare import prepare

    b = prepare(ROOT / "seeds", ROOT / "config/partners.yaml", ROOT / "config/codebook.yaml")
    segs = select_units(b.segments)
    m = th.theme_matrix(segs, th.find_hits(segs, b.codebook, id_col="seg_id"), b.codebook, id_col="seg_id")
    t = salience(m, ["oda", "visas", "war_legacy", "scs"], ["us", "japan"], n_boot=200)
    k = t[t.level == "paragraph"].set_index(["partner", "theme"])["k"]
    assert k["us", "war_legacy"] > 0 and k["japan", "war_legacy"] == 0
    assert k["us", "scs"] > 0 and k["japan", "scs"] == 0
    assert k["japan", "oda"] > 0 and k["us", "oda"] == 0
    assert k["japan", "visas"] > 0 and k["us", "visas"] == 0
    # the Japan meeting reported by VNS and by WVR counts once: 3 visa paragraphs, not 4
    assert k["japan", "visas"] == 3


def test_one_rule_for_both_units_across_salience_cooccurrence_and_agency():
    """With three partners, a paragraph about the US and Korea is not Japan's."""
    from analysis.framing.agency import agency_crosstab
    from analysis.themes import cooccurrence

    m = pd.DataFrame({"unit_id": ["a", "b", "c", "d"], "doc_id": ["x"] * 4,
                      "partner": ["us", "japan", "both", "both"], "partners": ["us", "japan", "us;korea", ""]})
    assert list(partner_units(m, "japan")["unit_id"]) == ["b", "d"]          # "" = a table without the column
    assert list(partner_units(m, "korea")["unit_id"]) == ["c", "d"]
    assert list(cooccurrence.partner_units(m, "us", include_both=True)["unit_id"]) == ["a", "c", "d"]
    assert list(cooccurrence.partner_units(m, "us")["unit_id"]) == ["a"]
    agency = m.assign(sent_id=m["unit_id"], themes="oda", speaker_side="vietnam", verb_class="request")
    tab = agency_crosstab(agency, partners=["us", "japan", "korea"])
    assert dict(zip(tab["partner"], tab["n_sentences"])) == {"us": 3, "japan": 2, "korea": 2}
