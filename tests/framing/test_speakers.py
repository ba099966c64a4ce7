"""Speaker attribution and agency: sentences from the seeds read by hand, and
synthetic articles with ministers, outlets and years the seeds do not have."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis import themes as th
from analysis.framing.agency import agency, agency_crosstab
from analysis.framing.sides import SideMatcher, learn_names, looks_vietnamese
from analysis.report.prepare import prepare

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "config"


def _agency(corpus_dir, include_duplicates=True):
    b = prepare(corpus_dir, CONFIG / "partners.yaml", CONFIG / "codebook.yaml")
    sents = b.sentences[~b.sentences["boilerplate"]]
    m = th.theme_matrix(sents, th.find_hits(sents, b.codebook, id_col="sent_id"), b.codebook, id_col="sent_id")
    return agency(b.sentences, b.actors, m, include_duplicates=include_duplicates), b


@pytest.fixture(scope="module")
def seeds():
    return _agency(ROOT / "seeds")[0]


def _verb(table, doc, start, verb):
    """The row of ``verb`` in the sentence of article ``doc`` starting with ``start``."""
    rows = table[table["doc_id"].str.startswith(doc) & table["sentence"].str.startswith(start)
                 & (table["verb"] == verb)]
    assert len(rows) == 1, (doc, start, verb, table[table["doc_id"].str.startswith(doc)][["verb", "sentence"]])
    return rows.iloc[0]


# (article, sentence opening, verb, side, verb class, a theme the sentence must carry or None)
HAND_READ = [
    ("001", "Foreign Minister Son asked the two Foreign Ministries", "asked", "vietnam", "request", None),
    ("001", "He also called for the sending of more Vietnamese workers", "called for", "vietnam", "request", "visas"),
    ("003", "He suggested Japan take measures", "suggested", "vietnam", "request", "visas"),
    ("003", "The Japanese FM affirmed that Japan will increase", "affirmed", "japan", "pledge", "oda"),
    ("003", "She suggested the two sides continue", "suggested", "japan", "request", None),  # she -> Kamikawa
    ("003", "Minister Son proposed accelerating", "proposed", "vietnam", "request", "oda"),
    ("003", "Japan considers Vietnam important market", "hopes", "japan", "request", None),
    ("003", "She said Japan hopes to increase people-to-people", "said", "japan", "pledge", "visas"),
    ("002", "For his part, Komura pledged", "pledged", "japan", "pledge", None),
    ("002", "The host official called on Japan", "called on", "vietnam", "request", "oda"),
    ("002", "Japanese businesses are highly interested", "said", "japan", "assert", None),  # he -> Komura
    ("002", "Japanese businesses are highly interested", "proposing", "japan", "request", None),
    ("002", "The Foreign Minister also asked for boosting", "asked", "vietnam", "request", None),
    ("002", "He asked Komura and the Japanese Ministry", "asked", "vietnam", "request", None),  # he -> Son
    ("004", "Regarding cooperation agenda, Secretary Blinken remarked", "remarked", "us", "pledge", "war_legacy"),
    ("004", "Both sides also exchanged views", "exchanged views", "both", "discuss", None),
    ("004", "The Vietnamese and US diplomats also exchanged views", "exchanged views", "both", "discuss", "scs"),
    ("004", "The Vietnamese diplomat lauded", "lauded", "vietnam", "appraise", None),
    ("004", "He also vowed US's support", "vowed", "us", "pledge", None),
    ("000", "The Vietnamese and US officials expressed", "expressed", "both", "appraise", None),
    ("000", "Japan treasures and wishes to solidify", "wishes", "japan", "pledge", None),
    ("000", "Japan treasures and wishes to solidify", "asking", "japan", "request", None),
]


@pytest.mark.parametrize("doc,start,verb,side,cls,theme", HAND_READ)
def test_hand_read_seed_sentences(seeds, doc, start, verb, side, cls, theme):
    r = _verb(seeds, doc, start, verb)
    assert r["speaker_side"] == side
    assert r["verb_class"] == cls
    if theme:
        assert theme in r["themes"].split(";")


def test_no_false_verbs(seeds):
    # "United States" is not the verb "states"; "including considering adding Vietnam" is not a report
    lead = seeds[seeds["sentence"].str.contains("United States Secretary of State Antony Blinken had official")]
    assert lead.empty
    adding = seeds[seeds["sentence"].str.startswith("He suggested Japan") & (seeds["verb"] == "adding")]
    assert adding.empty


def test_duplicates_dropped_by_default(seeds):
    b = prepare(ROOT / "seeds", CONFIG / "partners.yaml", CONFIG / "codebook.yaml")
    table = agency(b.sentences, b.actors)     # no include_duplicates: the default
    dup = set(b.sentences.loc[b.sentences["duplicate_of"] != "", "sent_id"])
    assert dup and not (set(table["sent_id"]) & dup)
    # the Bangkok repeat of the WVR request is a duplicate: counted only with include_duplicates=True
    assert set(seeds["sent_id"]) & dup
    assert len(table) < len(seeds)


def test_crosstab_on_seeds(seeds):
    dup = seeds["doc_id"].str.startswith("000") & seeds["sentence"].str.startswith(("Minister Sơn asked", "He also called"))
    cross = agency_crosstab(seeds[~dup], themes=["oda", "visas", "war_legacy", "scs"])
    c = cross.set_index(["theme", "speaker_side", "verb_class"])["n_sentences"]
    assert c["visas", "vietnam", "request"] == 2   # 001 "called for ... visa", 003 "suggested ... visas"
    assert c["oda", "vietnam", "request"] == 2     # 002 "called on Japan ... ODA", 003 "proposed ... ODA"
    assert c["oda", "japan", "pledge"] == 1        # 003 "The Japanese FM affirmed that Japan will ..."
    assert ("scs", "japan") not in {(t, s) for t, s, _ in c.index}
    by_partner = agency_crosstab(seeds[~dup], themes=["visas"], partners=["us", "japan"])
    assert set(by_partner["partner"]) == {"japan"}


# ----------------------------------------------------------------------------- unseen ministers and outlets
ARTICLE_JP = """Deputy FM Hằng meets Japanese State Minister

HÀ NỘI — Deputy Minister of Foreign Affairs Nguyễn Minh Hằng on Tuesday received Tsuge Yoshifumi, State Minister for Foreign Affairs of Japan, in Hà Nội.

Hằng proposed that Japan soon exempt visas for Vietnamese citizens and continue to provide ODA for infrastructure projects.

Tsuge said Japan will consider the request and continue its support for Việt Nam's development. He also invited the Vietnamese side to attend the Expo in Osaka.

The Deputy Minister thanked Japan for its assistance.

The guest pledged to promote exchanges between localities. — The Saigon Times
"""

ARTICLE_US = """WASHINGTON — Foreign Minister Lê Hoài Trung held talks with US Deputy Secretary of State Richard Verma on Monday, March 3, 2025.

Verma affirmed that the United States supports a strong, independent and prosperous Việt Nam.

Trung asked the US to soon recognise Việt Nam's market economy status. "We will continue to work with Việt Nam on war legacy issues," said Verma.

Ramirez, the American ambassador, stressed the importance of trade. Trần Văn Nam, a Vietnamese deputy minister, urged more scholarships.

Trung said Việt Nam hopes the US will continue to help settle war consequences.

The two officials also discussed the East Sea issue. — Saigon Times
"""


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    d = tmp_path_factory.mktemp("unseen")
    (d / "a1.txt").write_text(ARTICLE_JP, encoding="utf-8")
    (d / "a2.txt").write_text(ARTICLE_US, encoding="utf-8")
    return _agency(d)[0]


@pytest.mark.parametrize("doc,start,verb,side,cls", [
    ("a1", "Hằng proposed", "proposed", "vietnam", "request"),        # Vietnamese letters in the name
    ("a1", "Tsuge said", "said", "japan", "pledge"),                   # learnt: "Tsuge Yoshifumi, ... of Japan"
    ("a1", "He also invited", "invited", "japan", "request"),          # he -> Tsuge
    ("a1", "The Deputy Minister thanked", "thanked", "vietnam", "appraise"),  # unqualified title, home outlet
    ("a1", "The guest pledged", "pledged", "japan", "pledge"),         # guest -> the article's partner
    ("a2", "Verma affirmed", "affirmed", "us", "assert"),              # learnt: "US Deputy Secretary of State Richard Verma"
    ("a2", "Trung asked", "asked", "vietnam", "request"),              # learnt from the configured full name
    ("a2", '"We will continue', "said", "us", "assert"),               # post-posed: ", said Verma"
    ("a2", "Ramirez, the American ambassador", "stressed", "us", "assert"),    # "Name, the <adj> <title>"
    ("a2", "Trần Văn Nam, a Vietnamese deputy minister", "urged", "vietnam", "request"),
    ("a2", "The two officials also discussed", "discussed", "both", "discuss"),
    # the US is the subject of "will", not Viet Nam: an assertion, not a Vietnamese pledge
    ("a2", "Trung said Việt Nam hopes", "said", "vietnam", "assert"),
])
def test_unseen_ministers_and_outlets(synthetic, doc, start, verb, side, cls):
    r = _verb(synthetic, doc, start, verb)
    assert (r["speaker_side"], r["verb_class"]) == (side, cls)


def test_learn_names_and_vietnamese_names():
    from analysis.config import load_actors

    sides = SideMatcher.from_actors(load_actors(CONFIG / "partners.yaml"))
    learnt = learn_names(["Minister Sơn met his Japanese counterpart Iwaya Takeshi and Japan's Foreign Minister "
                          "Nakano Ken in Tokyo."], sides)
    assert learnt["takeshi"] == "japan" and learnt["nakano"] == "japan"
    assert looks_vietnamese("Nguyen Van A") and looks_vietnamese("Hằng") and not looks_vietnamese("Richard Verma")


def test_one_partner_config(tmp_path):
    b = prepare(ROOT / "seeds", CONFIG / "partners.yaml", CONFIG / "codebook.yaml", partners=["japan"])
    table = agency(b.sentences, b.actors)
    assert not table.empty and "us" not in set(table["speaker_side"])
    assert set(table["speaker_side"]) <= {"vietnam", "japan", "both", "unknown"}
