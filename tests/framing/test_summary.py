"""The closing summary table: partners side by side, each claim with its counts and source."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis import themes as th
from analysis.corpus.load import select_units
from analysis.framing.agency import agency
from analysis.framing.asks import asks_answers
from analysis.framing.keyness import default_stop_words, keyness
from analysis.framing.labels import find_labels, label_timeline
from analysis.framing.salience import salience
from analysis.framing.summary import summary_table
from analysis.report.prepare import prepare

ROOT = Path(__file__).resolve().parents[2]
MAIN = ["oda", "visas", "war_legacy", "scs"]


def _summary(partners):
    b = prepare(ROOT / "seeds", ROOT / "config/partners.yaml", ROOT / "config/codebook.yaml", partners=partners)
    keys = b.actors.partner_keys
    coding = th.code_corpus(b.segments, b.sentences, b.documents, b.codebook)
    sal = salience(coding.paragraphs, b.codebook.keys, keys)
    kw = keyness(select_units(b.segments), keys, stop_words=default_stop_words(b.actors))
    tl = label_timeline(find_labels(select_units(b.sentences), b.actors, b.documents), keys)
    ag = agency(b.sentences, b.actors, coding.sentences, documents=b.documents)
    asks = asks_answers(ag, keys, b.actors.home.key, b.codebook.keys)
    return summary_table(sal, kw, tl, ag, keys, MAIN, theme_labels=b.codebook.labels,
                         partner_labels={k: a.label for k, a in b.actors.partners.items()}, asks=asks,
                         home_name=b.actors.home.label)


@pytest.fixture(scope="module")
def both():
    return _summary(["us", "japan"])


def _cell(table, claim_start, partner):
    rows = table[table["claim"].str.startswith(claim_start)]
    assert len(rows) == 1, claim_start
    return rows.iloc[0][partner], rows.iloc[0]["source"]


def test_summary_says_what_a_reader_sees(both):
    t = both
    assert list(t.columns[:2]) == ["axis", "claim"] and t.columns[-1] == "source"
    assert {"us", "japan"} <= set(t.columns)
    assert set(t["axis"]) == {"salience", "distinctive vocabulary", "relationship labels", "agency",
                              "asks and answers"}
    only_us, src = _cell(t, "Main themes raised for this partner only", "us")
    assert "War legacy" in only_us and "South China Sea" in only_us and src == "data/salience.csv"
    only_jp, _ = _cell(t, "Main themes raised for this partner only", "japan")
    assert "ODA" in only_jp and "Visas" in only_jp
    names, src = _cell(t, "What the relationship is called", "japan")
    assert "comprehensive strategic partnership" in names and src == "data/relationship_labels.csv"


def test_shares_say_their_counts_and_intervals(both):
    table = both
    # visas: the Bangkok meeting (WVR; the VNS copy is a duplicate) and Kamikawa's visit, of Japan's 3
    # meetings (4 articles). Wilson 95% on 2 of 3: z²/n = 1.280486, centre = (0.666667 + 0.640243) / 2.280486
    # = 0.573084, half = 1.959964·sqrt(0.074074 + 0.106707) / 2.280486 = 0.365424 -> 21%–94%; on 2 of 4
    # articles: centre 0.5, half 1.959964·sqrt(1/16 + 3.841459/64) / 1.960365 = 0.349961 -> 15%–85%.
    visas, src = _cell(table, "Meetings, articles and paragraphs on Visas", "japan")
    assert visas == ("Visas and entry comes up in 2 of 3 Japan meetings (95% CI 21%–94%, Wilson); "
                     "2 of 4 articles (95% CI 15%–85%, Wilson) and 3 of 32 paragraphs."), visas
    assert src == "data/salience.csv"
    # never a zero-width interval for zero: 0 of 2 US articles/meetings is 0%–66%
    us, _ = _cell(table, "Meetings, articles and paragraphs on Visas", "us")
    assert us.startswith("Visas and entry comes up in 0 of 2 United States meetings (95% CI 0%–66%, Wilson)"), us
    only, _ = _cell(table, "Main themes raised for this partner only", "japan")
    assert only.startswith("Too few ") and "at least 5 each are needed" in only


def test_no_distinctive_term_passes_and_the_summary_says_so(both):
    words, src = _cell(both, "Distinctive terms", "us")
    assert words.startswith("No distinctive term of United States passes the threshold")
    assert re.search(r"[\d,]+ terms compared on [\d,]+ United States tokens", words) and src == "data/keyness.csv"


def test_vietnam_asked_japan_about_visas_and_the_answer_was_non_committal(both):
    asked, src = _cell(both, "What the Vietnamese side asked", "japan")
    assert src == "data/asks_answers.csv"
    assert asked.startswith("Viet Nam asked Japan about ")
    # two meetings with a visa request: Kamikawa's answer "will consider facilitating ... entry" (a hedge),
    # and nothing from Japan on visas in the Bangkok meeting
    visas = re.search(r"Visas and entry in 2 (articles|meetings) \(([^)]*\)[^)]*)\)", asked)
    assert visas, asked
    assert "Japan's answer was non-committal" in visas.group(2) and "no answer reported in 1" in visas.group(2)
    # ODA: Kamikawa's "Japan will increase its support ... ODA" is a commitment; Komura answered nothing on ODA
    assert re.search(r"ODA and development aid in 2 (articles|meetings) \(Japan's answer was a commitment "
                     r"\(pledge\) in 1; no answer reported in 1\)", asked), asked
    us, _ = _cell(both, "What the Vietnamese side asked", "us")
    assert us.startswith("No request by Viet Nam to United States")


def test_hedges_are_not_pledges(both):
    pledges, _ = _cell(both, "Pledges by the partner", "japan")
    hedges, _ = _cell(both, "Hedges by the partner", "japan")
    assert "wishes" not in pledges and "hopes" not in pledges
    assert "wishes" in hedges and "Visas and entry (1)" in hedges


def test_summary_with_one_partner():
    t = _summary(["japan"])
    assert list(t.columns) == ["axis", "claim", "japan", "source"]
    words, _ = _cell(t, "Distinctive terms", "japan")
    assert words.startswith("Not computed")
    asks, _ = _cell(t, "Requests by the Vietnamese side", "japan")
    assert "Visas and entry" in asks


def test_partner_labels_from_config_are_escaped_in_prose():
    from analysis.framing.summary import partners_note

    note = partners_note(["us", "x"], {"x": "<img src=x onerror=alert(1)>"})
    import html

    assert "<img" not in note and "**<img src=x onerror=alert(1)>**" in html.unescape(note)
