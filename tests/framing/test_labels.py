"""Relationship labels as quotations: what each article calls the relationship,
whose label it is, its kind, and the date of the event it names."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.config import load_actors
from analysis.corpus.load import select_units
from analysis.framing.labels import find_labels, label_timeline
from analysis.report.prepare import prepare

ROOT = Path(__file__).resolve().parents[2]
ACTORS = load_actors(ROOT / "config/partners.yaml").select(["us", "japan"])


@pytest.fixture(scope="module")
def seeds():
    b = prepare(ROOT / "seeds", ROOT / "config/partners.yaml", ROOT / "config/codebook.yaml", partners=["us", "japan"])
    return find_labels(select_units(b.sentences), b.actors, b.documents, b.events)


def _labels(table, partner, scope="bilateral"):
    return set(table[(table["partner"] == partner) & (table["scope"] == scope)]["label"])


def test_seed_labels_read_by_hand(seeds):
    us = _labels(seeds, "us")
    assert {"comprehensive partnership", "leading partner", "10th anniversary of comprehensive partnership"} <= us
    japan = _labels(seeds, "japan")
    assert {"comprehensive strategic partnership", "extensive strategic partnership",
            "partner of leading importance", "50th anniversary of diplomatic relations",
            "upgrade to comprehensive strategic partnership"} <= japan
    # the US relationship is never called strategic in these articles; Japan's never just "comprehensive"
    assert "comprehensive strategic partnership" not in us and "comprehensive partnership" not in japan


def test_the_2023_upgrade_is_dated_by_its_sentence_not_by_the_article(seeds):
    # "He said 2023 was a particularly successful year ... as it saw the elevation of their ties to a
    # comprehensive strategic partnership" -- in an article about Komura's visit of 2024-03-12
    up = seeds[seeds["kind"] == "upgrade"].iloc[0]
    assert up["label"] == "upgrade to comprehensive strategic partnership" and up["partner"] == "japan"
    assert (up["label_date"], up["date_source"], up["date"]) == ("2023", "sentence", "2024-03-12")
    assert up["quote"] == "elevation of their ties to a comprehensive strategic partnership"
    assert up["sentence"][up["start"]:up["end"]] == up["quote"]


def test_a_new_height_is_an_aspiration_not_an_upgrade(seeds):
    # "... elevate it to a new height in the coming time"
    asp = seeds[seeds["quote"] == "elevate it to a new height"]
    assert list(asp["kind"]) == ["aspiration"] and "upgrade to new height" not in set(seeds["label"])


def test_role_of_leading_importance_is_japans_rank_of_vietnam(seeds):
    # "Hayashi affirmed that Việt Nam holds a role of leading importance in his country's foreign policy"
    r = seeds[seeds["label"] == "role of leading importance"].iloc[0]
    assert (r["kind"], r["whose"], r["holder"], r["partner"]) == ("rank", "partner on home", "japan", "japan")
    # "Minister Son noted that Japan remains a partner of leading importance of Việt Nam": the reverse
    r = seeds[seeds["label"] == "partner of leading importance"].iloc[0]
    assert (r["whose"], r["holder"]) == ("home on partner", "vietnam")
    # "Việt Nam considers the US one of its leading partners"
    r = seeds[(seeds["label"] == "leading partner") & seeds["doc_id"].str.startswith("004")].iloc[0]
    assert (r["whose"], r["holder"], r["quote"]) == ("home on partner", "vietnam", "one of its leading partners")


def test_asean_us_partnership_is_not_vietnams(seeds):
    other = seeds[seeds["scope"] == "other"]
    assert list(other["parties"]) == ["ASEAN-US"] and set(other["whose"]) == {"third party"}
    assert other.iloc[0]["label"] == "comprehensive strategic partnership"
    tl = label_timeline(seeds, ["us", "japan"])
    assert "comprehensive strategic partnership" not in set(tl[tl["partner"] == "us"]["label"])


def test_dates_come_from_the_meetings(seeds):
    row = seeds[seeds["label"] == "extensive strategic partnership"].iloc[0]
    assert row["date"] == "2023-10-10" and row["doc_id"].startswith("003")
    assert row["quote"] == "extensive strategic partnership"
    assert row["sentence"][row["start"]:row["end"]] == row["quote"]


def _sentences(texts, partner="both", doc_date="2024-03-12"):
    sents = pd.DataFrame({"sent_id": [f"d:p{i:03d}:s00" for i in range(len(texts))], "doc_id": "d",
                          "text": texts, "partner": partner})
    return sents, pd.DataFrame({"doc_id": ["d"], "date": [doc_date]})


def _one(t, start):
    rows = t[t["sentence"].str.startswith(start)]
    assert len(rows) >= 1, (start, t[["label", "sentence"]])
    return rows


def test_generalises_to_other_phrasings():
    sents, docs = _sentences([
        "Leaders marked the fiftieth anniversary of the establishment of diplomatic ties between the two nations.",
        "The two countries upgraded their relations to a Comprehensive Strategic Partnership in September 2023.",
        "They pledged to deepen the Vietnam-Japan Comprehensive Strategic Partnership.",
        "Japan backs the ASEAN-Japan Comprehensive Strategic Partnership.",
        "Việt Nam considers Japan a key partner and one of its most important partners.",
        "The two sides will strengthen partnerships with ASEAN.",
        "It is the 30th anniversary of the Việt Nam-US relations.",
    ])
    t = find_labels(sents, ACTORS, docs)
    got = set(zip(t["scope"], t["kind"], t["label"]))
    assert ("bilateral", "anniversary", "50th anniversary of diplomatic relations") in got
    assert ("bilateral", "upgrade", "upgrade to comprehensive strategic partnership") in got
    assert ("bilateral", "status", "comprehensive strategic partnership") in got
    assert ("other", "status", "comprehensive strategic partnership") in got       # ASEAN-Japan
    assert ("bilateral", "rank", "key partner") in got and ("bilateral", "rank", "most important partner") in got
    assert ("bilateral", "anniversary", "30th anniversary of diplomatic relations") in got  # pair inside
    assert not (t["sentence"].str.startswith("The two sides will strengthen")).any()   # bare "partnerships"
    up = _one(t, "The two countries upgraded").iloc[0]
    assert (up["label_date"], up["date_source"]) == ("2023-09", "sentence")


def test_quotes_mechanisms_ordinals_and_third_countries():
    sents, docs = _sentences([
        # curly quotes around the label, and a month with no year: the latest November before the meeting
        "In November, the two countries elevated their ties to a “Comprehensive Strategic Partnership”.",
        # straight quotes, and a label that names a dialogue, not the relationship
        'They hailed the "Extensive Strategic Partnership" and the strategic partnership dialogue.',
        "The Japan-Viet Nam Comprehensive Strategic Partnership Dialogue met in Tokyo.",
        # the ordinal stays
        "Japan is Việt Nam's fourth-largest trading partner and its second largest investor.",
        # another country's framework, in an article about Japan
        "Việt Nam and China are building their comprehensive strategic cooperative partnership, Vietnam-China "
        "ties being a separate matter.",
        "Viet Nam - China comprehensive strategic cooperative partnership remains stable.",
        # an announced upgrade
        "The two leaders announced that the countries would become comprehensive strategic partners.",
    ], partner="japan")
    t = find_labels(sents, ACTORS, docs)
    up = _one(t, "In November").iloc[0]
    assert (up["kind"], up["label"], up["label_date"], up["quoted"]) == (
        "upgrade", "upgrade to comprehensive strategic partnership", "2023-11", True)
    ext = _one(t, "They hailed")
    assert list(ext["label"]) == ["extensive strategic partnership"] and bool(ext.iloc[0]["quoted"])
    assert ext.iloc[0]["quote"] == "Extensive Strategic Partnership"
    assert not t["sentence"].str.startswith("The Japan-Viet").any()      # a dialogue, not a label
    ranks = set(_one(t, "Japan is Việt Nam's")["label"])
    assert ranks == {"fourth-largest trading partner", "second largest investor"}
    china = t[t["sentence"].str.startswith("Viet Nam - China")].iloc[0]
    assert (china["scope"], china["whose"], china["parties"]) == ("other", "third party", "Viet Nam-China")
    become = _one(t, "The two leaders announced").iloc[0]
    assert (become["kind"], become["label"]) == ("upgrade", "upgrade to comprehensive strategic partnership")
    # on the timeline only Japan's own relationship, each upgrade at its own date
    tl = label_timeline(t, ["japan"])
    assert set(tl.loc[tl["kind"] == "upgrade", "date"]) == {"2023-11", "2024-03-12"}


def test_timeline_one_partner(seeds):
    tl = label_timeline(seeds, ["japan"])
    assert set(tl["partner"]) == {"japan"}
    r = tl[tl["label"] == "50th anniversary of diplomatic relations"]
    assert sorted(r["date"]) == ["2022-11-17", "2023-10-10", "2024-03-12"]


def test_timeline_figure_with_no_label_at_all():
    """A corpus whose articles name no relationship still gets a figure (it crashed before)."""
    from analysis.plots.framing import labels_timeline

    sents = pd.DataFrame({"sent_id": ["d:p000:s00"], "seg_id": ["d:p000"], "doc_id": ["d"], "para": [0],
                          "sent": [0], "start": [0], "end": [21], "text": ["The US and Japan met."],
                          "partner": ["both"], "partners": ["us;japan"], "boilerplate": [False],
                          "duplicate_of": [""]})
    timeline = label_timeline(find_labels(sents, ACTORS), ["us", "japan"])
    assert timeline.empty
    fig = labels_timeline(timeline, ["us", "japan"])
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert texts.count("no relationship label found") == 1   # one panel says so
