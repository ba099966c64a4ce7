"""Theme salience per partner: per meeting first, intervals that do not flatter."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.framing.salience import counts_phrase, partner_units, salience

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
    # no event_id column: each article is its own meeting, and the table says so
    assert _get(t, "japan", "oda", "meeting").n == 2 and set(t["meeting_source"]) == {"doc_id"}


def test_meetings_are_counted_once_across_outlets():
    # Two outlets (A, B) report meeting M1 with Japan; C reports M2. Japan's paragraphs: A1 A2 B1 C1 C2.
    # Per article ODA is in 3 of 3 (A, B and C through C2, outside any meeting); per meeting in 1 of 2.
    m1, m2, u1 = "japan:2024-01-10", "japan:2024-05-02", "us:2024-01-10"
    m = pd.DataFrame({"unit_id": ["A1", "A2", "B1", "C1", "C2", "A3"], "doc_id": ["A", "A", "B", "C", "C", "A"],
                      "partner": ["japan", "japan", "japan", "japan", "japan", "both"],
                      "partners": ["japan", "japan", "japan", "japan", "japan", "us;japan"],
                      # A3 names both partners in an article reporting two meetings: it carries both ids
                      "event_id": [m1, m1, m1, m2, "", f"{u1};{m1}"],
                      "oda": [True, False, True, False, True, False],
                      "scs": [False, False, False, False, False, True]})
    t = salience(m, ["oda", "scs"], ["japan", "us"])
    meet, art, par = (_get(t, "japan", "oda", lv) for lv in ("meeting", "article", "paragraph"))
    assert (meet.k, meet.n) == (1, 2) and meet.meeting_source == "event_id"
    assert (art.k, art.n) == (3, 3)
    assert (par.k, par.n) == (3, 6)
    assert not meet.comparable           # 2 meetings < 5
    # A3's sea paragraph counts for the US meeting and for Japan's M1, each once
    assert (_get(t, "us", "scs", "meeting").k, _get(t, "us", "scs", "meeting").n) == (1, 1)
    assert (_get(t, "japan", "scs", "meeting").k, _get(t, "japan", "scs", "meeting").n) == (1, 2)


def test_intervals_on_few_meetings_are_wilson_and_never_zero_width():
    # 0 of 19 meetings: Wilson 95% upper = z²/(n+z²) = 3.841459/22.841459 = 0.168179 (not 0%-0%)
    m = pd.DataFrame({"unit_id": [f"u{i}" for i in range(19)], "doc_id": [f"d{i}" for i in range(19)],
                      "partner": "us", "oda": False})
    r = _get(salience(m, ["oda"], ["us"]), "us", "oda", "meeting")
    assert (r.k, r.n, r.interval) == (0, 19, "wilson")
    assert r.ci_low == pytest.approx(0.0, abs=1e-12) and r.ci_high == pytest.approx(0.168179, abs=1e-6)
    # Clopper–Pearson asked for: high = 1 - 0.025^(1/19) = 0.176466
    r = _get(salience(m, ["oda"], ["us"], method="exact"), "us", "oda", "meeting")
    assert r.interval == "exact" and r.ci_high == pytest.approx(0.176466, abs=1e-6)
    assert counts_phrase(r) == "0 of 19 meetings (95% CI 0%–18%, Clopper–Pearson)"


def test_paragraph_share_has_no_interval_from_a_handful_of_meetings():
    # 2 meetings < min_boot_clusters = 20: a bootstrap over them would mean nothing
    r = _get(salience(MATRIX, ["oda"], ["japan"]), "japan", "oda", "paragraph")
    assert r.interval == "none" and pd.isna(r.ci_low) and pd.isna(r.ci_high)
    assert counts_phrase(r) == "1 of 4 paragraphs"


def test_both_paragraphs_can_be_left_to_nobody():
    t = salience(MATRIX, ["oda"], ["japan"], n_boot=10, count_both=False)
    assert _get(t, "japan", "oda", "paragraph").n == 3


def test_bootstrap_interval_by_hand():
    # Asked to bootstrap two meetings (articles A and B): A has 1 of 2 paragraphs with ODA,
    # B 0 of 2. Resamples AA, AB, BB give 2/4, 1/4, 0/4 with chances 1/4, 1/2, 1/4, so the
    # 95% percentile interval is [0, 0.5].
    t = salience(MATRIX, ["oda"], ["japan"], n_boot=4000, seed=1, min_boot_clusters=2)
    r = _get(t, "japan", "oda", "paragraph")
    assert (r.ci_low, r.ci_high, r.interval) == (0.0, 0.5, "bootstrap")


def test_deterministic_and_partner_independent():
    kw = dict(n_boot=300, seed=3, min_boot_clusters=2)
    a = salience(MATRIX, ["oda", "scs"], ["us", "japan"], **kw)
    b = salience(MATRIX, ["oda", "scs"], ["us", "japan"], **kw)
    pd.testing.assert_frame_equal(a, b)
    only_japan = salience(MATRIX, ["oda", "scs"], ["japan"], **kw)
    pd.testing.assert_frame_equal(a[a.partner == "japan"].reset_index(drop=True), only_japan)


def test_partner_without_units():
    t = salience(MATRIX[MATRIX.partner != "both"], ["oda"], ["korea"], n_boot=10)
    assert (t["n"] == 0).all() and t["share"].isna().all()


def test_seeds_themes_sit_where_a_reader_sees_them():
    from analysis import themes as th
    from analysis.corpus.load import select_units
    from analysis.report.prepare import prepare

    b = prepare(ROOT / "seeds", ROOT / "config/partners.yaml", ROOT / "config/codebook.yaml",
                partners=["us", "japan"])
    segs = select_units(b.segments)
    m = th.theme_matrix(segs, th.find_hits(segs, b.codebook, id_col="seg_id"), b.codebook, id_col="seg_id")
    t = salience(m, ["oda", "visas", "war_legacy", "scs"], ["us", "japan"])
    k = t[t.level == "paragraph"].set_index(["partner", "theme"])["k"]
    assert k["us", "war_legacy"] > 0 and k["japan", "war_legacy"] == 0
    assert k["us", "scs"] > 0 and k["japan", "scs"] == 0
    assert k["japan", "oda"] > 0 and k["us", "oda"] == 0
    assert k["japan", "visas"] > 0 and k["us", "visas"] == 0
    # the Japan meeting reported by VNS and by WVR counts once: 3 visa paragraphs, not 4
    assert k["japan", "visas"] == 3
    meet = t[t.level == "meeting"].set_index(["partner", "theme"])
    # too few meetings to compare either way: 2 with the US, 3 or 4 with Japan, fewer than 5
    assert not meet["comparable"].any()
    if set(meet["meeting_source"]) == {"event_id"}:
        # the seeds hold three meetings with Japan, and ODA comes up in all three
        assert (meet.at[("japan", "oda"), "k"], meet.at[("japan", "oda"), "n"]) == (3, 3)
        assert (meet.at[("japan", "visas"), "k"], meet.at[("us", "scs"), "k"]) == (2, 1)
        assert meet.at[("us", "war_legacy"), "n"] == 2


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
