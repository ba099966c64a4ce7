"""The closing summary table: partners side by side, each claim with its source."""
from __future__ import annotations

from pathlib import Path

from analysis import themes as th
from analysis.corpus.load import select_units
from analysis.framing.agency import agency
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
    segs = select_units(b.segments)
    m = th.theme_matrix(segs, th.find_hits(segs, b.codebook, id_col="seg_id"), b.codebook, id_col="seg_id")
    sents = b.sentences[~b.sentences["boilerplate"]]
    sm = th.theme_matrix(sents, th.find_hits(sents, b.codebook, id_col="sent_id"), b.codebook, id_col="sent_id")
    sal = salience(m, MAIN, keys, n_boot=200)
    kw = keyness(segs, keys, stop_words=default_stop_words(b.actors))
    tl = label_timeline(find_labels(select_units(b.sentences), b.actors, b.documents), keys)
    ag = agency(b.sentences, b.actors, sm)
    return summary_table(sal, kw, tl, ag, keys, MAIN, theme_labels=b.codebook.labels,
                         partner_labels={k: a.label for k, a in b.actors.partners.items()})


def _cell(table, claim_start, partner):
    rows = table[table["claim"].str.startswith(claim_start)]
    assert len(rows) == 1, claim_start
    return rows.iloc[0][partner], rows.iloc[0]["source"]


def test_summary_says_what_a_reader_sees():
    t = _summary(["us", "japan"])
    assert list(t.columns) == ["axis", "claim", "us", "japan", "source"]
    assert set(t["axis"]) == {"salience", "distinctive vocabulary", "relationship labels", "agency"}
    only_us, src = _cell(t, "Main themes raised for this partner only", "us")
    assert "War legacy" in only_us and "South China Sea" in only_us and src == "data/salience.csv"
    only_jp, _ = _cell(t, "Main themes raised for this partner only", "japan")
    assert "ODA" in only_jp and "Visas" in only_jp
    visas, _ = _cell(t, "Paragraphs and articles on Visas", "japan")
    assert visas.startswith("Visas and entry appears in 3 of ") and "CI" in visas
    asks, src = _cell(t, "Requests by the Vietnamese side", "japan")
    assert "Visas and entry (2)" in asks and "ODA and development aid (2)" in asks and src == "data/agency.csv"
    names, src = _cell(t, "What the relationship is called", "japan")
    assert "comprehensive strategic partnership" in names and src == "data/relationship_labels.csv"
    words, src = _cell(t, "Most distinctive terms", "us")
    assert "sea" in words and src == "data/keyness.csv"


def test_summary_with_one_partner():
    t = _summary(["japan"])
    assert list(t.columns) == ["axis", "claim", "japan", "source"]
    words, _ = _cell(t, "Most distinctive terms", "japan")
    assert words.startswith("Not computed")
    asks, _ = _cell(t, "Requests by the Vietnamese side", "japan")
    assert "Visas and entry" in asks


def test_partner_labels_from_config_are_escaped_in_prose():
    from analysis.framing.summary import partners_note

    note = partners_note(["us", "x"], {"x": "<img src=x onerror=alert(1)>"})
    import html

    assert "<img" not in note and "**<img src=x onerror=alert(1)>**" in html.unescape(note)
