"""Meetings (events) on the seeds and on small corpora written for the test.

The seeds, read by hand: five meetings. With the US: Bangkok, 17 November 2022
(half of the VNS Bangkok article) and Hà Nội, 15 April 2023 (Blinken). With
Japan: Bangkok, 17 November 2022 (the other half of the Bangkok article and the
whole WVR article, which repeats it), Hà Nội, 10 October 2023 (Kamikawa) and
Hà Nội, 12 March 2024 (Komura)."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis.config import load_actors
from analysis.corpus.events import event_for
from analysis.corpus.load import load_corpus, select_units

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
PARTNERS = ROOT / "config" / "partners.yaml"
BANGKOK, WVR, KOMURA, KAMIKAWA, BLINKEN = (
    "000_47b72d136ef06a5a", "001_769d80ff2aa4f581", "002_03c04a4a547f5154",
    "003_b39172c0baee75f5", "004_2582a46d32580f4e")


@pytest.fixture(scope="module")
def actors():
    return load_actors(PARTNERS).select(["us", "japan"])


@pytest.fixture(scope="module")
def seeds(actors):
    return load_corpus(SEEDS, actors)


def write(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    for name, body in files.items():
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def test_seeds_have_five_meetings(seeds):
    ev = seeds.events.set_index("event_id")
    assert sorted(ev.index) == ["japan:2022-11-17", "japan:2023-10-10", "japan:2024-03-12",
                                "us:2022-11-17", "us:2023-04-15"]
    assert (ev["partner"] == "us").sum() == 2 and (ev["partner"] == "japan").sum() == 3
    bangkok_japan = ev.loc["japan:2022-11-17"]
    assert bangkok_japan["doc_ids"] == f"{BANGKOK};{WVR}"
    # the WVR article repeats the Bangkok article's Japan paragraphs and names Hayashi too
    assert bangkok_japan["linked_by"] == "near_duplicates;participants"
    assert bangkok_japan["participants"].split(";")[0] == "Hayashi Yoshimasa"
    assert ev.loc["us:2022-11-17", "doc_ids"] == BANGKOK and ev.loc["us:2022-11-17", "linked_by"] == "article"
    assert ev.loc["japan:2024-03-12", "participants"].startswith("Komura Masahiro")


def test_both_bangkok_articles_date_the_meeting_17_november(seeds):
    docs = seeds.documents.set_index("doc_id")
    assert docs.loc[BANGKOK, "event_date"] == docs.loc[WVR, "event_date"] == "2022-11-17"
    assert docs.loc[BANGKOK, "event_ids"] == "us:2022-11-17;japan:2022-11-17"
    assert docs.loc[WVR, "event_ids"] == "japan:2022-11-17"


def test_segments_and_sentences_carry_their_meeting(seeds):
    seg = seeds.segments.set_index("seg_id")
    # the Bangkok lead names both ministers: it belongs to both meetings
    assert seg.loc[f"{BANGKOK}:p001", "event_id"] == "us:2022-11-17;japan:2022-11-17"
    assert seg.loc[f"{BANGKOK}:p002", "event_id"] == "us:2022-11-17"
    assert seg.loc[f"{BANGKOK}:p009", "event_id"] == "japan:2022-11-17"
    assert seg.loc[f"{BANGKOK}:p000", "event_id"] == ""          # the export header is no part of a meeting
    assert seg.loc[f"{WVR}:p000", "event_id"] == "japan:2022-11-17"   # the headline is
    sents = seeds.sentences.set_index("sent_id")
    assert sents.loc[f"{BANGKOK}:p002:s00", "event_id"] == "us:2022-11-17"
    assert sents.loc[f"{WVR}:p000:s00", "unit"] == "headline"
    # each partner's meeting per row: the lead counts once for each
    assert event_for(seeds.segments, "japan")[seeds.segments.seg_id == f"{BANGKOK}:p001"].item() == "japan:2022-11-17"
    assert event_for(seeds.segments, "us")[seeds.segments.seg_id == f"{BANGKOK}:p009"].item() == ""


def test_oda_comes_up_in_every_japan_meeting(seeds):
    """ODA in 3 of 3 meetings with Japan: Bangkok (the WVR copy's and the
    Bangkok article's 'new-generation official assistance development'),
    Kamikawa ('new-generation official development assistance (ODA)'), Komura
    ('official development assistance (ODA)')."""
    units = select_units(seeds.segments, include_duplicates=True)
    oda = units["text"].str.contains(r"ODA|official (?:development )?assistance", regex=True)
    meetings = set(event_for(units[oda], "japan")) - {""}
    assert meetings == {"japan:2022-11-17", "japan:2023-10-10", "japan:2024-03-12"}


def test_reports_of_one_meeting_join_by_participants_and_date(tmp_path, actors):
    folder = write(tmp_path, {
        # two outlets, their own words, the same meeting: same visitor, dates one day apart
        "a.txt": " date 2024-05-03 VIETNAM, May 3 -\n\nHÀ NỘI — Foreign Minister Bùi Thanh Sơn met Japanese "
                 "Foreign Minister Kamikawa Yoko in Hà Nội on Thursday.\n\nKamikawa pledged new ODA. — VNS\n",
        "b.txt": "Japan, Viet Nam ministers talk rail\n\nHanoi, May 3, 2024 (VNA) – Minister Kamikawa and her host "
                 "discussed the North-South railway on May 3, 2024.\n\nThey agreed to meet again. — VNA\n",
        # the same visitor a month later: another meeting
        "c.txt": "Kamikawa back in Hanoi\n\nKamikawa Yoko held talks in Hanoi on June 20, 2024.\n\n— VNA\n",
        # a US meeting the same day: another partner, another meeting
        "d.txt": "US envoy meets minister\n\nAmbassador Marc Knapper met the minister on May 2, 2024.\n\n— VNA\n",
    })
    ev = load_corpus(folder, actors).events.set_index("event_id")
    assert ev.loc["japan:2024-05-02", "doc_ids"] == "a;b"      # "on Thursday" before Friday 3 May = 2 May
    assert ev.loc["japan:2024-05-02", "linked_by"] == "participants"
    assert ev.loc["japan:2024-06-20", "doc_ids"] == "c"
    assert ev.loc["us:2024-05-02", "doc_ids"] == "d"
    assert len(ev) == 3


def test_an_undated_copy_joins_only_by_near_duplicates(tmp_path, actors):
    body = ("Deputy Prime Minister Tran Hong Ha received the Japanese ambassador to review new-generation ODA "
            "projects and the expressway programme in the coming years.\n\n"
            "The two sides agreed to speed up disbursement of concessional loans for metro lines in Hanoi "
            "and Ho Chi Minh City this year.\n\n")
    folder = write(tmp_path, {
        "a.txt": " date 2024-05-02 VIETNAM, May 2 -\n\nHÀ NỘI — " + body + "— VNS\n",
        "b.txt": "Japan, Viet Nam review ODA\n\n" + body + "VNA\n",              # a copy, no date at all
        "c.txt": "Japanese ambassador visits Hue\n\nThe Japanese ambassador visited Hue to see a school "
                 "Japan has funded.\n\nHe met students there. — VNA\n",          # undated, its own words
    })
    c = load_corpus(folder, actors)
    ev = c.events.set_index("event_id")
    joined = ev[ev.doc_ids == "a;b"]
    assert len(joined) == 1 and joined["linked_by"].item() == "near_duplicates"
    assert joined["event_date"].item() == ""              # the lead names no day; nothing fixes one
    assert ev.loc["japan:undated:c", "doc_ids"] == "c"     # no shared text: not joined to the others
