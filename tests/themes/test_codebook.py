"""The codebook's pattern language and validation, on small codebooks and texts
written here (expectations read by hand), and the shipped codebook on sentences
that are NOT from the seed articles (does it generalise?)."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.themes.codebook import codebook_from_dict, load_codebook
from analysis.themes.coding import find_hits

ROOT = Path(__file__).resolve().parents[2]
CODEBOOK = ROOT / "config" / "codebook.yaml"


def book(**themes) -> object:
    """A codebook from keyword arguments: name=dict(patterns=[...], ...)."""
    return codebook_from_dict({"themes": {k: {"label": k, **v} for k, v in themes.items()}})


def hits_of(cb, *texts: str) -> pd.DataFrame:
    units = pd.DataFrame({"seg_id": [f"u{i}" for i in range(len(texts))], "doc_id": "d", "text": list(texts)})
    return find_hits(units, cb)


def matched(cb, text: str) -> list[tuple[str, str]]:
    h = hits_of(cb, text)
    return list(zip(h["theme"], h["matched"]))


@pytest.fixture(scope="module")
def shipped():
    return load_codebook(CODEBOOK)


# --------------------------------------------------------------------------- the shipped codebook
def test_shipped_codebook_has_the_four_main_themes_first(shipped):
    assert shipped.main_keys == ["oda", "visas", "war_legacy", "scs"]
    assert shipped.keys[:4] == shipped.main_keys
    assert {"trade_investment", "digital_green", "people_labour", "high_level", "multilateral",
            "security_defence"} <= set(shipped.keys)
    for t in shipped.themes:
        assert t.label and t.description


# --------------------------------------------------------------------------- the pattern language
def test_words_match_whole_visa_is_not_in_visage():
    cb = book(visas=dict(patterns=["visa"]))
    assert matched(cb, "Her visage was calm; the supervisa form.") == []
    assert matched(cb, "A visa-free regime and a Visa.") == [("visas", "visa"), ("visas", "Visa")]


def test_wildcard_inside_a_word():
    cb = book(oda=dict(patterns=["concessional loan*"]))
    assert matched(cb, "concessional loans and a concessional loan; concessional terms") == [
        ("oda", "concessional loans"), ("oda", "concessional loan")]


def test_lone_star_is_exactly_one_word():
    cb = book(visas=dict(patterns=["entry of * citizens"]))
    assert matched(cb, "the entry of Vietnamese citizens") == [("visas", "entry of Vietnamese citizens")]
    assert matched(cb, "the entry of citizens") == []
    assert matched(cb, "the entry of many Vietnamese citizens") == []


def test_phrases_span_spaces_and_hyphens():
    cb = book(w=dict(patterns=["dioxin remediation", "people-to-people", "e-visa*"]))
    got = matched(cb, "dioxin-remediation, dioxin   remediation, people to people, evisas, e visa")
    assert [m for _, m in got] == ["dioxin-remediation", "dioxin   remediation", "people to people", "evisas", "e visa"]


def test_case_insensitive_by_default_and_case_sensitive_acronyms():
    cb = book(oda=dict(patterns=["agent orange"], case_sensitive=["ODA"]),
              scs=dict(case_sensitive=["DOC", "COC"]))
    assert matched(cb, "AGENT ORANGE and Agent Orange") == [("oda", "AGENT ORANGE"), ("oda", "Agent Orange")]
    assert matched(cb, "oda, Oda and ODA") == [("oda", "ODA")]
    assert matched(cb, "a doc, a Doc, the DOC and a COC; coc") == [("scs", "DOC"), ("scs", "COC")]


def test_US_is_not_us():
    cb = book(us=dict(case_sensitive=["US"]))
    assert matched(cb, "He told us that the US and US-Japan ties matter, not USA or bus.") == [
        ("us", "US"), ("us", "US")]


def test_diacritics_do_not_matter_either_way():
    cb = book(scs=dict(patterns=["Bien Dong", "Hoàng Sa"]))
    assert matched(cb, "Biển Đông and Hoang Sa") == [("scs", "Biển Đông"), ("scs", "Hoang Sa")]


def test_combining_accents_keep_offsets():
    # "Bùi" typed with a combining grave accent (as in one seed file before NFC)
    text = "Minister Bu\u0300i Thanh So\u031bn and Biên Hoa\u0300 dioxin"
    cb = book(p=dict(patterns=["Bui Thanh Son", "Bien Hoa"]))
    h = hits_of(cb, text)
    assert list(h["matched"]) == ["Bu\u0300i Thanh So\u031bn", "Biên Hoa\u0300"]
    for r in h.itertuples():
        assert text[r.start:r.end] == r.matched
    assert unicodedata.normalize("NFC", h["matched"][0]) == "Bùi Thanh Sơn"


def test_exclusions_veto_only_their_theme():
    cb = book(visas=dict(patterns=["visa"], exclude=["Visa card*"]),
              war=dict(patterns=["consequences of the war"], exclude=["war in Ukraine"]),
              cards=dict(patterns=["card"]))
    assert matched(cb, "Pay with a Visa card, apply for a visa.") == [("cards", "card"), ("visas", "visa")]
    assert matched(cb, "the consequences of the war in Ukraine") == []
    assert matched(cb, "address the consequences of the war in Viet Nam") == [("war", "consequences of the war")]


def test_longest_phrase_wins_across_themes_unless_nested():
    plain = book(scs=dict(patterns=["South China Sea"]), china=dict(patterns=["China"]))
    assert matched(plain, "in the South China Sea, China said") == [("scs", "South China Sea"), ("china", "China")]
    nested = book(scs=dict(patterns=["South China Sea"]), china=dict(patterns=["China"], nested=True))
    got = matched(nested, "in the South China Sea, China said")
    assert got == [("scs", "South China Sea"), ("china", "China"), ("china", "China")]
    h = hits_of(nested, "in the South China Sea")
    assert h.loc[h["theme"] == "china", "start"].tolist() == [13]


def test_same_phrase_in_two_themes_counts_for_both():
    cb = book(security=dict(patterns=["peacekeeping"]), multilateral=dict(patterns=["peacekeeping", "UN peacekeeping"]))
    assert matched(cb, "peacekeeping operations") == [("security", "peacekeeping"), ("multilateral", "peacekeeping")]


def test_offsets_point_at_the_match():
    cb = book(oda=dict(patterns=["official development assistance"], case_sensitive=["ODA"]))
    text = "Japan's official development assistance (ODA) to Việt Nam"
    h = hits_of(cb, text)
    assert list(zip(h["start"], h["end"])) == [(8, 39), (41, 44)]
    assert list(h["hit_id"]) == ["u0:h00", "u0:h01"]


# --------------------------------------------------------------------------- malformed codebooks
@pytest.mark.parametrize("spec, words", [
    ({"label": "X", "patterns": ["visa (entry)"]}, ["'visas'", "'visa (entry)'", "'('"]),
    ({"label": "X", "patterns": [""]}, ["'visas'", "empty pattern"]),
    ({"label": "X", "patterns": ["*"]}, ["'visas'", "'*'", "any word"]),
    ({"label": "X", "patterns": ["* visa"]}, ["'visas'", "between two words"]),
    ({"label": "X", "patterns": ["visa", "Visa"]}, ["'visas'", "'Visa'", "listed twice"]),
    ({"label": "X", "patterns": ["vis**"]}, ["'visas'", "'**'"]),
    ({"label": "X", "patterns": [3]}, ["'visas'", "expected a string"]),
    ({"label": "X", "exclude": ["visa card"]}, ["'visas'", "needs at least one phrase"]),
    ({"label": "X", "patterns": ["visa"], "main": "yes"}, ["'visas'", "main", "true or false"]),
    ({"label": "X", "patterns": ["visa"], "pattern": ["x"]}, ["'visas'", "unknown key 'pattern'"]),
    ({"patterns": ["visa"]}, ["'visas'", "missing required key 'label'"]),
])
def test_malformed_theme_names_theme_pattern_and_problem(spec, words):
    with pytest.raises(InputError) as err:
        codebook_from_dict({"themes": {"visas": spec}}, "book.yaml")
    msg = str(err.value)
    assert msg.startswith("book.yaml: ")
    for w in words:
        assert w in msg


def test_bad_theme_key_and_settings():
    with pytest.raises(InputError, match="'Visas'.*lower-case"):
        codebook_from_dict({"themes": {"Visas": {"label": "V", "patterns": ["visa"]}}})
    with pytest.raises(InputError, match="reserved"):
        codebook_from_dict({"themes": {"partner": {"label": "V", "patterns": ["visa"]}}})
    with pytest.raises(InputError, match="diacritics"):
        codebook_from_dict({"settings": {"diacritics": "maybe"}, "themes": {"v": {"label": "V", "patterns": ["visa"]}}})


def test_bad_files(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        load_codebook(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("themes:\n  visas: {label: V, patterns: [visa\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.yaml: malformed YAML"):
        load_codebook(bad)


def test_diacritic_sensitive_setting():
    cb = codebook_from_dict({"settings": {"diacritics": "sensitive"},
                             "themes": {"scs": {"label": "S", "patterns": ["Biển Đông"]}}})
    assert matched(cb, "Biển Đông, Bien Dong") == [("scs", "Biển Đông")]


# --------------------------------------------------------------------------- generalisation: unseen wording
UNSEEN = [
    # text, themes a careful reader would code (main themes only)
    ("Japan pledged concessional loans worth 50 billion yen through JICA for the metro line.", {"oda"}),
    ("The USAID-funded project clears unexploded ordnance (UXO) in Quang Tri.", {"oda", "war_legacy"}),
    ("Both sides discussed Agent Orange victims and the search for soldiers missing in action (MIA).", {"war_legacy"}),
    ("Bomb and mine clearance continues in central provinces.", {"war_legacy"}),
    ("Viet Nam extended visa exemption for Japanese citizens and launched e-visas for all countries.", {"visas"}),
    ("Japan will consider a visa waiver for Vietnamese tourists.", {"visas"}),
    ("Tensions rose near the Spratly and Paracel islands in the East Sea.", {"scs"}),
    ("The ministers called for an effective and substantive COC in line with UNCLOS 1982.", {"scs"}),
    # traps
    ("He sent the doc to the office; the oda room was closed.", set()),
    ("Her visage showed the importance of imported goods.", set()),
    ("Pay with your Visa card at the airport.", set()),
    ("They discussed the consequences of the war in Ukraine on food prices.", set()),
    ("China and Viet Nam discussed rice exports.", set()),
]


@pytest.mark.parametrize("text, expected", UNSEEN)
def test_shipped_codebook_on_unseen_wording(shipped, text, expected):
    h = hits_of(shipped, text)
    assert set(h["theme"]) & set(shipped.main_keys) == expected


def test_analyst_adds_a_china_theme_to_the_shipped_codebook():
    import yaml

    data = yaml.safe_load(CODEBOOK.read_text(encoding="utf-8"))
    data["themes"]["china"] = {"label": "China", "patterns": ["China", "Chinese"]}
    cb = codebook_from_dict(data)
    got = matched(cb, "freedom of navigation in the South China Sea; China and Chinese firms")
    assert got == [("scs", "freedom of navigation"), ("scs", "South China Sea"), ("china", "China"), ("china", "Chinese")]
    data["themes"]["china"]["nested"] = True
    got = matched(codebook_from_dict(data), "the South China Sea")
    assert got == [("scs", "South China Sea"), ("china", "China")]
