"""Near rules (a cue near a context) on small codebooks, worked by hand, and the
shipped codebook on sentences written here in the shapes of diplomatic news:
the kinds of misses the first edition had, and the traps a broader codebook
must keep out (none of these sentences is copied from an article)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.themes.codebook import codebook_from_dict, load_codebook
from analysis.themes.coding import find_hits

ROOT = Path(__file__).resolve().parents[2]


def book(**themes):
    return codebook_from_dict({"themes": {k: {"label": k, **v} for k, v in themes.items()}})


def hits_of(cb, *texts: str) -> pd.DataFrame:
    units = pd.DataFrame({"seg_id": [f"u{i}" for i in range(len(texts))], "doc_id": "d", "text": list(texts)})
    return find_hits(units, cb)


LOANS = book(oda=dict(near=[dict(cue=["loan*"], context=["yen", "ODA"], unless=["mortgage*"], within=4,
                                 case_sensitive=["ODA"])]))


def test_context_within_n_words_either_side_worked_by_hand():
    h = hits_of(LOANS,
                # after "loans": worth(1) 100(2) billion(3) yen(4) -> inside a window of 4
                "Japan offered loans worth 100 billion yen.",
                # yen is the 5th word after "loans" -> outside
                "loans of one two three four yen",
                # the context before the cue: "ODA"(1 word before "loans")
                "new ODA loans",
                # ODA is case-sensitive in this rule: "oda" is not it
                "the oda loans")
    assert list(zip(h["seg_id"], h["matched"], h["pattern"])) == [
        ("u0", "loans", "loan* near yen"), ("u2", "loans", "loan* near ODA")]
    # the hit is the cue: offsets point at "loans" ("Japan " 6 + "offered " 8 = 14; "new ODA " = 8), not at the context
    assert (h["start"].tolist(), h["end"].tolist()) == ([14, 8], [19, 13])


def test_unless_vetoes_and_no_window_crosses_units():
    h = hits_of(LOANS, "a mortgage loan priced in yen", "Banks offered loans.", "100 billion yen")
    # u0: yen is within 4 words, but so is "mortgage" -> vetoed; u1/u2: the context is in the next unit
    assert h.empty


def test_unless_only_rule_and_the_whole_unit_window():
    cb = book(visas=dict(near=[dict(cue=["visa", "visas"], unless=["Mastercard", "payment*"], within="unit")]))
    h = hits_of(cb, "Visa and Mastercard reported growth; ten words later the firm spoke of visa cards again.",
                "Japan eased visas for students.", "Visas: a payment is due at the embassy.")
    # u0 names Mastercard somewhere: every "visa" in it is vetoed; u2 has "payment" in the same unit
    assert h["seg_id"].tolist() == ["u1"]
    assert h["pattern"].tolist() == ["visas"]


def test_a_cue_claimed_by_a_longer_phrase_is_not_a_second_hit():
    cb = book(oda=dict(patterns=["yen loan*"], near=[dict(cue=["loan*"], context=["yen"])]))
    h = hits_of(cb, "a yen loan and loans in yen")
    assert list(zip(h["matched"], h["pattern"])) == [("yen loan", "yen loan*"), ("loans", "loan* near yen")]


def test_theme_exclusions_veto_near_hits_too():
    cb = book(oda=dict(near=[dict(cue=["aid"], context=["million"])], exclude=["humanitarian aid"]))
    assert hits_of(cb, "2 million USD in humanitarian aid").empty
    assert len(hits_of(cb, "2 million USD in development aid")) == 1


@pytest.mark.parametrize("rule, words", [
    ({"cue": ["loan*"]}, "needs a context or an unless list"),
    ({"cue": [], "context": ["yen"]}, "cue: needs at least one phrase"),
    ({"cue": ["loan*"], "context": ["yen"], "within": 0}, "within: expected a number of words"),
    ({"cue": ["loan*"], "context": ["yen"], "within": "paragraph"}, "within: expected a number of words"),
    ({"cue": ["loan*"], "context": ["yen"], "case_sensitive": ["ODA"]}, "is not one of the rule's"),
    ({"cue": ["loan*"], "context": ["ye(n"]}, "not part of the pattern language"),
    ({"cue": ["loan*"], "near": ["yen"]}, "near"),
])
def test_malformed_near_rule_names_theme_rule_and_problem(rule, words):
    with pytest.raises(InputError) as err:
        codebook_from_dict({"themes": {"oda": {"label": "ODA", "near": [rule]}}})
    assert "theme 'oda'" in str(err.value) and words in str(err.value)


def test_codebook_table_shows_near_rules():
    t = LOANS.table()
    assert t["kind"].tolist() == ["near"]
    assert t["pattern"].iloc[0] == "loan* near yen, ODA; not near mortgage* (within 4 words)"


# --------------------------------------------------------------------------- the shipped codebook
@pytest.fixture(scope="module")
def shipped():
    return load_codebook(ROOT / "config" / "codebook.yaml")


MISSES = [
    # a government's or an agency's loans and grants, without "concessional"
    ("Tokyo will lend 40 billion yen in loans for the southern metro line.", {"oda"}),
    ("KOICA will disburse 30 million USD for vocational schools this year.", {"oda"}),
    ("The Korean government pledged grants of 15 million USD for rural clinics.", {"oda"}),
    ("The two finance ministers signed loan agreements for three expressway projects.", {"oda"}),
    ("The World Bank approved a loan of 100 million USD for coastal infrastructure.", {"oda"}),
    # remains of the missing, without "search for"
    ("Viet Nam handed over the remains of two US airmen at Da Nang airport.", {"war_legacy"}),
    ("Forensic experts examined remains believed to be of soldiers missing since 1972.", {"war_legacy"}),
    # mine and bomb clearance, decontaminated land
    ("Mine and bomb clearance teams have made 900 hectares safe in Quang Tri.", {"war_legacy"}),
    ("Clearing landmines left over from the war remains a priority for the province.", {"war_legacy"}),
    ("The US will decontaminate the land around the former air base by 2030.", {"war_legacy"}),
    # fast-track / business-track entry, residence status
    ("Both sides agreed a fast-track entry arrangement for business people and experts.", {"visas"}),
    ("Japan reopened business track travel for Vietnamese engineers.", {"visas"}),
    ("Japan will create a new status of residence for foreign care workers.", {"visas"}),
    ("The minister asked Seoul to ease entry restrictions on Vietnamese travellers.", {"visas"}),
    # the sea by other names and instruments
    ("They backed the 2016 arbitral award in the case the Philippines brought over the sea.", {"scs"}),
    ("ASEAN and China should soon conclude an effective COC in line with international law.", {"scs"}),
    ("Tokyo worries about tensions in the East and South China Seas.", {"scs"}),
]

TRAPS = [
    # Official Security Assistance and military aid; humanitarian, disaster and COVID-19 aid
    ("Japan will give coastal radars to the Philippines under its Official Security Assistance.", set()),
    ("Congress approved 500 million USD in military aid for the region.", set()),
    ("The US sent 2 million USD in humanitarian aid after the typhoon.", set()),
    ("Korea provided disaster relief and emergency aid worth 1 million USD to flooded provinces.", set()),
    ("Japan donated COVID-19 vaccines and 3 million USD of medical aid.", set()),
    ("The JICA president met the foreign minister in Tokyo on Monday.", set()),
    # Visa the company
    ("Visa Inc. and Mastercard reported record card payments in Viet Nam.", set()),
    ("The US-based VISA company will build an online payment system for the city; VISA hopes to expand.", set()),
    # DOC for a Department of Commerce
    ("The US Department of Commerce (DOC) set anti-dumping duties on frozen shrimp; the DOC will review them.", set()),
    # trade war and the war in Ukraine
    ("The US-China trade war has moved factories to Viet Nam.", set()),
    ("The war in Ukraine pushed fertiliser prices up and the consequences of the war in Ukraine linger.", set()),
    # seafood and sea freight
    ("Seafood exports rose while sea freight rates fell in May.", set()),
    # entering a market, entry into force
    ("Vietnamese dragon fruit is entering the Japanese market this year.", set()),
    ("The agreement's entry into force is expected next year.", set()),
    # the verb "remains", Korea's East Sea, maritime security with no sea named
    ("The relationship remains strong and the search for new markets remains important.", set()),
    ("North Korea fired two ballistic missiles into the East Sea on Tuesday.", set()),
    ("Cooperation will cover maritime security, search and rescue and cybersecurity.", set()),
    # labour and tourism alone are not visas
    ("Tourism from Korea rose and more trainees joined the technical intern programme.", set()),
]


@pytest.mark.parametrize("text, expected", MISSES + TRAPS)
def test_shipped_codebook_domain_misses_and_traps(shipped, text, expected):
    h = hits_of(shipped, text)
    assert set(h["theme"]) & set(shipped.main_keys) == expected, list(zip(h["theme"], h["pattern"]))


@pytest.mark.parametrize("text, expected", [
    ("Both sides stressed peace, security and stability in the region.", False),
    ("Food security and energy security were on the agenda.", False),
    ("The UN Security Council met on Friday.", False),
    ("The two ministries agreed to deepen security cooperation and defence industry ties.", True),
    ("Japan will hand over patrol vessels to the coast guard.", True),
])
def test_security_and_defence_is_not_peace_security_and_stability(shipped, text, expected):
    assert ("security_defence" in set(hits_of(shipped, text)["theme"])) is expected
