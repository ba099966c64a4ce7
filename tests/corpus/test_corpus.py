"""The corpus layer on the seed articles and on small corpora built here.

Expectations on the seeds were written by reading the five articles."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.config import load_actors
from analysis.corpus.load import load_corpus, select_units
from analysis.corpus.sentences import sentence_spans
from analysis.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
PARTNERS = ROOT / "config" / "partners.yaml"

BANGKOK, WVR, KOMURA, KAMIKAWA, BLINKEN = (
    "000_47b72d136ef06a5a", "001_769d80ff2aa4f581", "002_03c04a4a547f5154",
    "003_b39172c0baee75f5", "004_2582a46d32580f4e")


@pytest.fixture(scope="module")
def actors():
    return load_actors(PARTNERS)


@pytest.fixture(scope="module")
def seeds(actors):
    return load_corpus(SEEDS, actors)


def write(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    for name, body in files.items():
        (folder / name).write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    return folder


# ----------------------------------------------------------------- seeds: documents
def test_seed_dates_outlets_and_how_they_were_found(seeds):
    docs = seeds.documents.set_index("doc_id")
    expected = {  # read from the articles: (published, event date, how the event date was found, outlet, dateline)
        # published Friday 18 November 2022 (export header); the meeting "on Thursday" = 17 November
        BANGKOK: ("2022-11-18", "2022-11-17", "relative", "VNS", "BANGKOK"),
        WVR: ("", "2022-11-17", "text", "WVR", ""),       # "On November 17" + "November 12, 2022" five days before
        KOMURA: ("2024-03-12", "2024-03-12", "text", "VNS", "HÀ NỘI"),   # "in Hà Nội on March 12"
        KAMIKAWA: ("", "2023-10-10", "text", "VNA", ""),  # "on October 10" + "September 13, 2023" 27 days before
        BLINKEN: ("2023-04-15", "2023-04-15", "relative", "VNS", "HÀ NỘI"),  # "on Saturday", published Saturday
    }
    for doc_id, (published, event, source, outlet, dateline) in expected.items():
        row = docs.loc[doc_id]
        got = (row.published, row.event_date, row.event_date_source, row.outlet, row.dateline)
        assert got == (published, event, source, outlet, dateline), doc_id
        assert (row.date, row.date_source) == (event, source)          # `date` is the event date
    assert "November 12, 2022" in docs.loc[WVR, "event_date_evidence"]
    assert docs.loc[BANGKOK, "published_source"] == "header"


def test_seed_partners_per_article(seeds):
    docs = seeds.documents.set_index("doc_id")
    assert docs.loc[BANGKOK, "partner"] == "both"          # two meetings in one article
    assert docs.loc[BANGKOK, "partners"] == "japan;us"
    # the related-links block of the WVR article names the US: boilerplate does not count
    assert docs.loc[WVR, "partner"] == "japan"
    assert docs.loc[KOMURA, "partner"] == docs.loc[KAMIKAWA, "partner"] == "japan"
    assert docs.loc[BLINKEN, "partner"] == "us"


def test_seed_titles(seeds):
    docs = seeds.documents.set_index("doc_id")
    assert docs.loc[WVR, "title"] == "Foreign Minister meets Japanese Foreign Minister Hayashi Yoshimasa"
    assert docs.loc[KAMIKAWA, "title"] == "Vietnamese, Japanese foreign ministers hold talks"
    assert docs.loc[BANGKOK, "title_source"] == "lead"
    assert not docs.loc[BANGKOK, "title"].startswith("BANGKOK")


# ----------------------------------------------------------------- seeds: segments
def test_wvr_boilerplate_is_flagged_and_kept(seeds):
    seg = seeds.segments[seeds.segments.doc_id == WVR].set_index("para")
    kinds = seg["boilerplate_kind"]
    # the headline and its copies above the photos are their own unit, never boilerplate
    assert list(seg.index[seg.unit == "headline"]) == [0, 2, 6, 9, 12]
    assert not seg.loc[[0, 2, 6, 9, 12], "boilerplate"].any()
    assert (seg.loc[[2, 6, 9, 12], "duplicate_of"] == f"{WVR}:p000").all()
    assert seg.loc[0, "duplicate_of"] == ""
    assert list(kinds[kinds == "caption"].index) == [3, 7, 10, 13]
    assert list(kinds[kinds == "related_links"].index) == [17, 18, 19, 20, 21, 22]
    assert kinds[23] == "signature"                       # (Source: WVR/VNA)
    assert seg.loc[17, "text"] == "TIN LIÊN QUAN"        # kept, with its diacritics
    content = seg[~seg.boilerplate & (seg.unit == "paragraph")]
    assert list(content.index) == [1, 4, 5, 8, 11, 14, 15, 16]
    # every content paragraph of this article is about Japan
    assert set(content["partner"]) == {"japan"}


def test_other_seed_boilerplate(seeds):
    seg = seeds.segments.set_index("seg_id")
    assert seg.loc[f"{BANGKOK}:p000", "boilerplate_kind"] == "header"
    assert seg.loc[f"{KAMIKAWA}:p002", "boilerplate_kind"] == "caption"
    assert seg.loc[f"{KAMIKAWA}:p003", "boilerplate_kind"] == "caption"
    assert seg.loc[f"{KAMIKAWA}:p016", "boilerplate_kind"] == "signature"   # closing "VNA"
    assert not seg.loc[f"{BLINKEN}:p013", "boilerplate"]                     # "… (COC). — VNS" is content


def test_bangkok_partner_per_paragraph(seeds):
    seg = seeds.segments[seeds.segments.doc_id == BANGKOK].set_index("para")
    assert seg.loc[1, "partner"] == "both"               # lead names Blinken and Hayashi
    assert list(seg.loc[2:6, "partner"]) == ["us"] * 5
    assert seg.loc[4, "partner_source"] == "inherited"   # "To promote bilateral ties, the two sides …"
    assert list(seg.loc[7:13, "partner"]) == ["japan"] * 7
    assert seg.loc[13, "partner_source"] == "inherited"  # "The ministers also exchanged views …"


def test_bangkok_japan_paragraphs_link_to_the_other_outlet(seeds):
    seg = seeds.segments.set_index("seg_id")
    links = {f"{BANGKOK}:p{p:03d}": f"{WVR}:p{q:03d}" for p, q in
             [(7, 4), (8, 5), (9, 8), (10, 11), (11, 14), (12, 15), (13, 16)]}
    for late, early in links.items():
        assert seg.loc[late, "duplicate_of"] == early, late
        assert seg.loc[late, "dup_similarity"] >= 0.9
    # the US half of the Bangkok article has no twin, nor do the other articles' paragraphs
    others = seg[~seg.index.isin(links) & (seg.unit == "paragraph")]
    assert (others["duplicate_of"] == "").all()
    docs = seeds.documents.set_index("doc_id")
    assert docs.loc[BANGKOK, "duplicate_of"] == ""       # only half of it is a copy


def test_select_units_counts_a_meeting_once(seeds):
    units = select_units(seeds.segments)
    assert not units["boilerplate"].any()
    assert (units["duplicate_of"] == "").all()
    assert (units["unit"] == "paragraph").all()
    n_headlines = (seeds.segments.unit == "headline").sum()
    assert n_headlines == 5 + 1 + 0 + 0             # WVR: the headline and its four copies; Kamikawa: one
    assert len(units) == len(seeds.segments) - seeds.segments.boilerplate.sum() - n_headlines - 7
    assert len(select_units(seeds.segments, include_duplicates=True)) == len(units) + 7
    # headlines when asked for: the two first headlines, not the four copies
    with_heads = select_units(seeds.segments, include_headlines=True)
    assert len(with_heads) == len(units) + 2
    assert set(with_heads[with_heads.unit == "headline"]["seg_id"]) == {f"{WVR}:p000", f"{KAMIKAWA}:p000"}


def test_sentences_keep_offsets_and_partners(seeds):
    sents = seeds.sentences
    seg = seeds.segments.set_index("seg_id")
    for row in sents.sample(20, random_state=1).itertuples():
        assert seg.loc[row.seg_id, "text"][row.start:row.end] == row.text
    blinken = sents[sents.seg_id == f"{BLINKEN}:p002"]
    assert len(blinken) == 1  # "US$123 billion" and "COVID-19" do not split the sentence
    assert (sents[(sents.doc_id == BLINKEN) & ~sents.boilerplate]["partner"] == "us").all()


# ----------------------------------------------------------------- generalising
def test_other_outlet_shapes(tmp_path, actors):
    folder = write(tmp_path, {
        "a.txt": "Viet Nam, US hold talks on trade\n\nBy Jane Doe\n\n"
                 "HANOI (Reuters) - Deputy Foreign Minister Le Thi Thu Hang met\n"
                 "U.S. Ambassador Marc Knapper on January 5. They discussed the\n"
                 "trade agreement the two countries signed on December 20,\n"
                 "2023, and the next steps for the two economies this year.\n\n"
                 "Let us work together, Knapper said.\n\n"
                 "Related news:\nUS, Japan pledge support\nVietnam and Japan hold dialogue\n",
        "b.txt": "Japan pledges loans\n\nHà Nội, March 3 (VNA) – Japanese Ambassador Ito Naoki said Japan "
                 "would provide concessional loans on March 3, 2025.\n\nThe sides agreed. — VNA\n",
    })
    c = load_corpus(folder, actors)
    docs = c.documents.set_index("doc_id")
    assert docs.loc["a", "date"] == "2024-01-05"          # January article citing December 2023
    assert docs.loc["a", "outlet"] == "Reuters"           # unknown agency shown as written
    assert docs.loc["a", "dateline"] == "HANOI"
    assert docs.loc["a", "partner"] == "us"
    assert docs.loc["b", "outlet"] == "VNA" and docs.loc["b", "dateline"] == "Hà Nội"
    assert docs.loc["b", "date"] == "2025-03-03"
    seg = c.segments[c.segments.doc_id == "a"].set_index("para")
    assert seg.loc[1, "boilerplate_kind"] == "byline"
    # the hard-wrapped lead is one paragraph again
    assert seg.loc[2, "text"].endswith("the next steps for the two economies this year.")
    assert list(seg.loc[4:6, "boilerplate_kind"]) == ["related_links"] * 3
    # "us" the pronoun is not the US; the paragraph names Knapper, a US diplomat
    assert seg.loc[3, "partner"] == "us"


@pytest.mark.parametrize("text,expected", [
    ("Let us hope the two sides agree.", "none"),
    ("Trade hit US$123 billion.", "none"),
    ("The US and Japan agreed.", "both"),
    ("Washington welcomed the step.", "us"),
    ("Vietnamese and Japanese officials met.", "japan"),
    ("The U.S. side agreed.", "us"),
])
def test_partner_mentions(text, expected, actors):
    from analysis.corpus.partners import build_matchers, label_for, partners_named

    assert label_for(partners_named(text, build_matchers(actors))) == expected


def test_exclusions_and_diacritics(tmp_path):
    cfg = tmp_path / "partners.yaml"
    cfg.write_text("home: {key: vietnam, label: Viet Nam, names: [Viet Nam]}\n"
                   "partners:\n  china: {label: China, names: [China, Beijing], exclude: [South China Sea]}\n"
                   "  korea: {label: Korea, names: [Hàn Quốc, Korea]}\n", encoding="utf-8")
    from analysis.corpus.partners import build_matchers, partners_named

    m = build_matchers(load_actors(cfg))
    assert partners_named("Peace in the South China Sea matters.", m) == []
    assert partners_named("China and the South China Sea.", m) == ["china"]
    assert partners_named("Quan hệ Việt Nam - Han Quoc", m) == ["korea"]


def test_config_typed_with_combining_accents_still_matches(tmp_path, actors):
    import unicodedata

    cfg = tmp_path / "partners.yaml"
    text = ("home: {key: vietnam, label: Viet Nam, names: [Việt Nam], people: [Bùi Thanh Sơn]}\n"
            "partners:\n  korea: {label: Korea, names: [Hàn Quốc]}\n")
    cfg.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    from analysis.corpus.partners import build_matchers, partners_named

    loaded = load_actors(cfg)
    assert loaded.home.people == ("Bùi Thanh Sơn",)            # NFC again
    assert partners_named("Quan hệ với Hàn Quốc", build_matchers(loaded)) == ["korea"]


def test_one_partners_exclusion_does_not_hide_another(tmp_path):
    cfg = tmp_path / "partners.yaml"
    cfg.write_text("home: {key: vietnam, label: Viet Nam, names: [Viet Nam]}\n"
                   "partners:\n  korea: {label: Korea, names: [Korea, Seoul], exclude: [North Korea]}\n"
                   "  dprk: {label: DPRK, names: [North Korea, Pyongyang]}\n", encoding="utf-8")
    from analysis.corpus.partners import build_matchers, partners_named

    m = build_matchers(load_actors(cfg))
    assert partners_named("Talks with North Korea resumed.", m) == ["dprk"]
    assert partners_named("Seoul and Pyongyang", m) == ["korea", "dprk"]


def test_sentence_splitting_abbreviations():
    text = "The U.S. President met Mr. Nguyen at 9 a.m. on Jan. 5. Trade rose 1.5 per cent. J. Smith agreed."
    got = [text[s:e] for s, e in sentence_spans(text)]
    assert got == ["The U.S. President met Mr. Nguyen at 9 a.m. on Jan. 5.", "Trade rose 1.5 per cent.",
                   "J. Smith agreed."]


def test_metadata_overrides(tmp_path, actors):
    folder = write(tmp_path, {"x.txt": "Talks\n\nThe US and Viet Nam held talks.\n",
                              "metadata.csv": "doc_id,date,outlet\nx,2021-06-01,Nhan Dan\n"})
    doc = load_corpus(folder, actors).documents.iloc[0]
    assert (doc.date, doc.date_source, doc.outlet) == ("2021-06-01", "metadata", "Nhan Dan")


# ----------------------------------------------------------------- bad input
@pytest.mark.parametrize("files,name,problem", [
    ({}, "corpus", "folder is empty"),
    ({"notes.md": "x"}, "corpus", "no .txt files"),
    ({"a.txt": b"Caf\xe9 talks\n"}, "a.txt", "not UTF-8"),
    ({"a.txt": "  \n\n"}, "a.txt", "empty file"),
    ({"a.txt": "Talks\n\nThe US met.\n", "metadata.csv": "doc_id,date\nb,2020-01-01\n"}, "metadata.csv",
     "'b', which is not in the corpus"),
    ({"a.txt": "Talks\n\nThe US met.\n", "metadata.csv": "doc_id,colour\na,red\n"}, "metadata.csv",
     "unknown column 'colour'"),
    ({"a.txt": "Talks\n\nThe US met.\n", "metadata.csv": "doc_id,date\na,someday\n"}, "metadata.csv",
     "is not a date"),
    ({"a.txt": "Talks\n\nThe US met.\n", "metadata.csv": "doc_id,date\na,today\n"}, "metadata.csv",
     "is not a date"),
    ({"a.txt": "Talks\n\nThe US met.\n", "metadata.csv": "doc_id,date\na,2023\n"}, "metadata.csv",
     "is not a date"),
])
def test_bad_corpus_names_file_and_problem(tmp_path, actors, files, name, problem):
    folder = write(tmp_path, files)
    with pytest.raises(InputError) as err:
        load_corpus(folder, actors)
    assert Path(err.value.path).name == name
    assert problem in err.value.problem


def test_missing_folder(tmp_path, actors):
    with pytest.raises(InputError, match="corpus folder not found"):
        load_corpus(tmp_path / "nope", actors)


@pytest.mark.parametrize("body,problem", [
    ("home: [unclosed\n", "malformed YAML at line"),
    ("home: {key: vn, label: VN, names: [VN]}\npartners: {us: {label: US, names: [US]}}\ncolours: 1\n",
     "unknown key 'colours'"),
    ("home: {key: vn, label: VN, names: [VN]}\npartners: {us: {label: US, nmes: [US]}}\n",
     "partners.us: unknown key 'nmes'"),
    ("home: {key: vn, label: VN, names: [VN]}\npartners: {}\n", "partners: expected a non-empty mapping"),
])
def test_bad_partners_yaml(tmp_path, body, problem):
    cfg = tmp_path / "partners.yaml"
    cfg.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_actors(cfg)
    assert err.value.path == str(cfg)
    assert problem in err.value.problem


def test_unknown_partner_selection(actors):
    with pytest.raises(InputError, match="unknown partner 'china'"):
        actors.select(["us", "china"])


def test_deterministic_tables(actors):
    a, b = load_corpus(SEEDS, actors), load_corpus(SEEDS, actors)
    pd.testing.assert_frame_equal(a.documents, b.documents)
    pd.testing.assert_frame_equal(a.segments, b.segments)


def test_one_partner_selected_keeps_the_other_out(actors):
    """A Japan-only report must not take the Bangkok article's US paragraphs for Japan's."""
    japan_only = load_corpus(SEEDS, actors.select(["japan"]))
    seg = japan_only.segments[japan_only.segments.doc_id == BANGKOK].set_index("para")
    assert list(seg.loc[2:6, "partner"]) == ["other"] * 5     # named or inherited US paragraphs
    assert seg.loc[1, "partner"] == "japan"                   # the lead names both: Japan is the selected one
    assert list(seg.loc[7:13, "partner"]) == ["japan"] * 7
    docs = japan_only.documents.set_index("doc_id")
    assert docs.loc[BLINKEN, "partner"] == "none" and docs.loc[BANGKOK, "partner"] == "japan"


def test_partners_column_says_what_both_means(seeds):
    seg = seeds.segments.set_index("seg_id")
    assert seg.loc[f"{BANGKOK}:p001", "partners"] == "us;japan"
    assert seg.loc[f"{BANGKOK}:p004", "partners"] == "us"      # inherited with the label
    sents = seeds.sentences.set_index("sent_id")
    assert sents.loc[f"{BANGKOK}:p001:s00", "partners"] == "us;japan"
    # "To promote bilateral ties, the two sides agreed …" names no one: the paragraph's keys
    assert sents.loc[f"{BANGKOK}:p004:s00", ["partner", "partners"]].tolist() == ["us", "us"]


def test_an_article_copied_whole_is_linked_as_a_document(tmp_path, actors):
    body = ("HANOI — Deputy Prime Minister Tran Hong Ha received the Japanese ambassador on Monday to review "
            "new-generation ODA projects and the expressway programme.\n\n"
            "The two sides agreed to speed up disbursement of concessional loans for metro lines in Hanoi "
            "and Ho Chi Minh City this year.\n\n"
            "The ambassador said Japan would simplify visa procedures for Vietnamese trainees and students.\n")
    folder = write(tmp_path, {"a.txt": " date 2024-05-02 VIETNAM, May 2 -\n\n" + body + "— VNS\n",
                              "b.txt": "Japan, Viet Nam review ODA\n\n" + body.replace("HANOI —", "HANOI (VNA) -")
                                       + "VNA\n"})
    docs = load_corpus(folder, actors).documents.set_index("doc_id")
    # published Thursday 2 May 2024; received "on Monday" = 29 April
    assert docs.loc["a", "published"] == "2024-05-02" and docs.loc["a", "event_date"] == "2024-04-29"
    assert docs.loc["b", "date_source"] == "missing"      # "on Monday" with nothing to count from
    # b has no date: it sorts after a, so b is the copy
    assert docs.loc["b", "duplicate_of"] == "a" and docs.loc["a", "duplicate_of"] == ""


def test_partner_counts_per_article_then_per_month_for_large_corpora(seeds):
    from analysis.corpus.summary import partner_paragraph_counts

    per_article = partner_paragraph_counts(seeds.segments, seeds.documents).set_index("doc_id")
    assert per_article.loc[BANGKOK, ["us", "japan", "both"]].tolist() == [5, 7, 1]   # read above
    per_month = partner_paragraph_counts(seeds.segments, seeds.documents, max_articles=3).set_index("month")
    assert list(per_month.index) == ["2022-11", "2023-04", "2023-10", "2024-03"]
    assert per_month.loc["2022-11", "japan"] == 7 + 8       # the two Bangkok-meeting articles


def test_timeline_draws_every_article_whatever_the_number_of_outlets():
    from analysis.plots.corpus import timeline

    table = pd.DataFrame({"doc_id": [f"d{i}" for i in range(12)], "date": [f"2023-{i + 1:02d}-01" for i in range(12)],
                          "partner": ["us", "japan"] * 6, "outlet": [f"O{i}" for i in range(11)] + ["O0"],
                          "title": ["x"] * 12})
    ax = timeline(table, ["us", "japan"]).axes[0]
    assert sum(len(c.get_offsets()) for c in ax.collections) == 12      # nine markers used to drop three
    legend = [h.get_label() for h in ax.get_legend().legend_handles]
    assert len(legend) == 9 and legend[-1] == "other outlets" and "O0" in legend


def test_bundle_units_and_labels():
    from analysis.report.prepare import prepare

    b = prepare(SEEDS, PARTNERS)
    table, id_col = b.units("sentence")
    assert id_col == "sent_id" and len(table) == len(b.sentences)
    with pytest.raises(ValueError, match="'paragraph' or 'sentence'"):
        b.units("article")
    assert b.labels() == {"vietnam": "Viet Nam", "both": "both sides", "us": "United States", "japan": "Japan",
                          "korea": "South Korea"}


def test_cache_key_sees_a_renamed_file(tmp_path):
    from analysis.report.fingerprint import corpus_files, corpus_hash, corpus_key, file_sha256

    folder = write(tmp_path, {"a.txt": "Talks\n\nThe US met.\n"})
    before_key = corpus_key(folder)
    before_hash = corpus_hash(file_sha256(p) for p in corpus_files(folder))
    (folder / "a.txt").rename(folder / "b.txt")                # the doc_id changes
    assert corpus_key(folder) != before_key
    assert corpus_hash(file_sha256(p) for p in corpus_files(folder)) == before_hash   # same bytes


def test_cache_keeps_the_partner_order_asked_for(tmp_path):
    from analysis.report.prepare import prepare

    a = prepare(SEEDS, PARTNERS, partners=["us", "japan"], cache_dir=tmp_path)
    b = prepare(SEEDS, PARTNERS, partners=["japan", "us"], cache_dir=tmp_path)
    assert a.partner_keys == ["us", "japan"] and b.partner_keys == ["japan", "us"]
    assert len(list(tmp_path.glob("bundle-*.pkl"))) == 2


def test_cache_keeps_only_the_newest_bundles(tmp_path):
    from analysis.report.prepare import prepare

    for threshold in (0.5, 0.6, 0.7):
        prepare(SEEDS, PARTNERS, dup_threshold=threshold, cache_dir=tmp_path, keep_cached=2)
    assert len(list(tmp_path.glob("bundle-*.pkl"))) == 2
