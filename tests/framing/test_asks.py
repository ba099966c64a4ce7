"""Asks and answers: each request paired with the other side's answer in the same meeting."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import themes as th
from analysis.framing.agency import agency
from analysis.framing.asks import asks_answers, asks_sentences, asks_summary
from analysis.report.prepare import prepare

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seeds():
    b = prepare(ROOT / "seeds", ROOT / "config/partners.yaml", ROOT / "config/codebook.yaml")
    coding = th.code_corpus(b.segments, b.sentences, b.documents, b.codebook)
    ag = agency(b.sentences, b.actors, coding.sentences, documents=b.documents)
    return asks_answers(ag, b.actors.partner_keys, "vietnam", b.codebook.keys)


def _row(asks, asker, theme, doc):
    r = asks[(asks["asker"] == asker) & (asks["theme"] == theme) & asks["doc_ids"].str.contains(doc)]
    assert len(r) == 1, (asker, theme, doc, asks[["meeting_id", "asker", "theme"]])
    return r.iloc[0]


def test_vietnams_requests_and_japans_answers_on_the_seeds(seeds):
    # Kamikawa's visit (003): Son asks for easier visas; Kamikawa "will consider facilitating ... entry"
    v = _row(seeds, "vietnam", "visas", "003")
    assert v["ask_sentence"].startswith("He suggested Japan take measures")
    assert v["answer"] == "hedge" and v["answer_order"] == "after"
    assert v["answer_sentence"].startswith("She said Japan hopes to increase people-to-people exchanges")
    # the Bangkok meeting (WVR): Son calls for visa simplification; Hayashi says nothing on visas
    b = _row(seeds, "vietnam", "visas", "001")
    assert b["ask_sentence"].startswith("He also called for the sending") and b["answer"] == "none"
    assert b["answer_sentence"] == ""
    # ODA: Son proposes new-generation ODA (003) and Kamikawa commits; Komura (002) answers nothing on ODA
    o = _row(seeds, "vietnam", "oda", "003")
    assert o["answer"] == "pledge" and o["answer_sentence"].startswith("The Japanese FM affirmed that Japan will")
    assert _row(seeds, "vietnam", "oda", "002")["answer"] == "none"
    # the VNS copy of the Bangkok meeting is a near-duplicate: its request is not counted again
    assert not seeds["doc_ids"].str.contains("000").any() or set(seeds.loc[seeds["doc_ids"].str.contains("000"),
                                                                           "partner"]) == {"us"}


def test_summary_sentence_counts_meetings_and_answers(seeds):
    s = asks_summary(seeds)
    visas = s[(s["asker"] == "vietnam") & (s["theme"] == "visas")].iloc[0]
    assert (visas["n_meetings"], visas["hedge"], visas["none"], visas["pledge"]) == (2, 1, 1, 0)
    text = asks_sentences(seeds[seeds["theme"] == "visas"], "vietnam", "japan", {"visas": "visas"},
                          {"vietnam": "Viet Nam", "japan": "Japan"})
    assert text == ("Viet Nam asked Japan about visas in 2 meetings (Japan's answer was non-committal "
                    "(a hope or an intention, no commitment) in 1; no answer reported in 1).")


def _table(rows):
    cols = ["meeting_id", "doc_id", "sent_id", "partner", "partners", "speaker_side", "verb_class", "verb",
            "themes", "sentence"]
    return pd.DataFrame(rows, columns=cols)


def test_most_committal_answer_wins_and_joint_agreement_counts():
    # meeting M1: home asks on visas; the partner hedges, then both sides agree; the partner also pledges on ODA
    t = _table([
        ("M1", "d", "d:p001:s00", "japan", "japan", "vietnam", "request", "asked", "visas", "Ask visas."),
        ("M1", "d", "d:p002:s00", "japan", "japan", "japan", "hedge", "hopes", "visas", "Hope visas."),
        ("M1", "d", "d:p003:s00", "japan", "japan", "both", "agree", "agreed", "visas", "Agree visas."),
        ("M1", "d", "d:p004:s00", "japan", "japan", "japan", "pledge", "pledged", "oda", "Pledge ODA."),
        # meeting M2: the partner's answer comes before the request and is only a statement
        ("M2", "e", "e:p001:s00", "japan", "japan", "japan", "assert", "said", "visas", "Say visas."),
        ("M2", "e", "e:p002:s00", "japan", "japan", "vietnam", "request", "urged", "visas", "Urge visas."),
        # the partner asks; the home side answers nothing on that theme
        ("M2", "e", "e:p003:s00", "japan", "japan", "japan", "request", "proposed", "oda", "Propose ODA."),
    ])
    a = asks_answers(t, ["japan"], "vietnam", ["oda", "visas"])
    got = {(r.meeting_id, r.asker, r.theme): (r.answer, r.answer_classes, r.answer_order) for r in a.itertuples()}
    assert got == {("M1", "vietnam", "visas"): ("agree", "agree;hedge", "after"),
                   ("M2", "vietnam", "visas"): ("assert", "assert", "before"),
                   ("M2", "japan", "oda"): ("none", "", "")}
    # the pledge on ODA in M1 answers no request: no row for it
    assert not ((a["meeting_id"] == "M1") & (a["theme"] == "oda")).any()


def test_no_requests_gives_an_empty_table():
    t = _table([("M1", "d", "d:p001:s00", "us", "us", "us", "pledge", "vowed", "war_legacy", "Vow.")])
    assert asks_answers(t, ["us"], "vietnam").empty
    assert asks_sentences(asks_answers(t, ["us"], "vietnam"), "vietnam", "us", {}, {"vietnam": "Viet Nam",
                                                                                       "us": "the US"}) == \
        "No request by Viet Nam to the US found on a theme of the codebook."
