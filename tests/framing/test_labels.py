"""Relationship labels: what each article calls the relationship, per partner."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.config import load_actors
from analysis.corpus.load import select_units
from analysis.framing.labels import find_labels, label_timeline
from analysis.report.prepare import prepare

ROOT = Path(__file__).resolve().parents[2]
ACTORS = load_actors(ROOT / "config/partners.yaml")


@pytest.fixture(scope="module")
def seeds():
    b = prepare(ROOT / "seeds", ROOT / "config/partners.yaml", ROOT / "config/codebook.yaml")
    return find_labels(select_units(b.sentences), b.actors, b.documents)


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


def test_asean_us_partnership_is_not_vietnams(seeds):
    other = seeds[seeds["scope"] == "other"]
    assert list(other["parties"]) == ["ASEAN-US"]
    assert other.iloc[0]["label"] == "comprehensive strategic partnership"
    tl = label_timeline(seeds, ["us", "japan"])
    assert "comprehensive strategic partnership" not in set(tl[tl["partner"] == "us"]["label"])


def test_dates_come_from_documents(seeds):
    row = seeds[seeds["label"] == "extensive strategic partnership"].iloc[0]
    assert row["date"] == "2023-10-10" and row["doc_id"].startswith("003")
    assert row["matched"] == "extensive strategic partnership"
    assert row["sentence"][row["start"]:row["end"]] == row["matched"]


def _sentences(texts, partner="both"):
    return pd.DataFrame({"sent_id": [f"d:p{i:03d}:s00" for i in range(len(texts))], "doc_id": "d",
                         "text": texts, "partner": partner})


def test_generalises_to_other_phrasings():
    t = find_labels(_sentences([
        "Leaders marked the fiftieth anniversary of the establishment of diplomatic ties between the two nations.",
        "The two countries upgraded their relations to a Comprehensive Strategic Partnership in September 2023.",
        "They pledged to deepen the Vietnam-Japan Comprehensive Strategic Partnership.",
        "Japan backs the ASEAN-Japan Comprehensive Strategic Partnership.",
        "Việt Nam considers Japan a key partner and one of its most important partners.",
        "The two sides will strengthen partnerships with ASEAN.",
        "It is the 30th anniversary of the Việt Nam-US relations.",
    ]), ACTORS)
    got = set(zip(t["partner"], t["scope"], t["kind"], t["label"]))
    assert ("both", "bilateral", "anniversary", "50th anniversary of diplomatic relations") in got
    assert ("both", "bilateral", "upgrade", "upgrade to comprehensive strategic partnership") in got
    assert ("japan", "bilateral", "partnership", "comprehensive strategic partnership") in got   # pair names Japan
    assert ("japan", "other", "partnership", "comprehensive strategic partnership") in got       # ASEAN-Japan
    assert ("both", "bilateral", "partner_rank", "key partner") in got
    assert ("both", "bilateral", "partner_rank", "most important partner") in got
    assert ("us", "bilateral", "anniversary", "30th anniversary of diplomatic relations") in got  # pair inside
    assert not (t["sentence"].str.startswith("The two sides will strengthen")).any()   # bare "partnerships"


def test_timeline_one_partner(seeds):
    tl = label_timeline(seeds, ["japan"])
    assert set(tl["partner"]) == {"japan"}
    r = tl[tl["label"] == "50th anniversary of diplomatic relations"]
    assert sorted(r["date"]) == ["2022-11-17", "2023-10-10", "2024-03-12"]


def test_timeline_figure_with_no_label_at_all():
    """A corpus whose articles name no relationship still gets a figure (it crashed before)."""
    from analysis.plots.framing import labels_timeline

    actors = load_actors(ROOT / "config" / "partners.yaml")
    sents = pd.DataFrame({"sent_id": ["d:p000:s00"], "seg_id": ["d:p000"], "doc_id": ["d"], "para": [0],
                          "sent": [0], "start": [0], "end": [21], "text": ["The US and Japan met."],
                          "partner": ["both"], "partners": ["us;japan"], "boilerplate": [False],
                          "duplicate_of": [""]})
    timeline = label_timeline(find_labels(sents, actors), ["us", "japan"])
    assert timeline.empty
    fig = labels_timeline(timeline, ["us", "japan"])
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert texts.count("no relationship label found") == 1   # one panel says so
