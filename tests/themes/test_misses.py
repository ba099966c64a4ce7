"""Candidate misses: a linear model on TF-IDF trained on the codebook's own hits
ranks the uncoded paragraphs; a paraphrase planted among them (a visa story
told without any word the codebook knows) must come first, with the words that
drove its score."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import themes as th
from analysis.themes.codebook import load_codebook

ROOT = Path(__file__).resolve().parents[2]

CODED_VISAS = [
    "Japan agreed to simplify visa procedures for Vietnamese students and workers.",
    "Viet Nam will extend visa exemption for Japanese citizens to 45 days.",
    "The embassy will process visa applications for Vietnamese students online from June.",
    "Korea may ease visa requirements for Vietnamese tourists and business travellers.",
    "The two ministers discussed e-visas and faster approval of applications for students.",
    "Visa-free stays will help Vietnamese citizens travel to Japan for study and business.",
]
OTHER = [
    "Two-way trade between Viet Nam and Japan reached a record last year.",
    "Japanese investors opened three electronics factories in the north.",
    "The ministers discussed supply chains for semiconductors and farm products.",
    "A week of Japanese culture opened in Da Nang with music and tea ceremonies.",
    "The two navies held a joint search and rescue exercise off the coast.",
    "Japan will provide loans worth 40 billion yen for a new metro line.",
    "The sides agreed to hold the next round of talks in Tokyo in the autumn.",
    "Local officials thanked the Japanese delegation for its visit to the province.",
    "The prime ministers welcomed the growth of tourism between the two countries.",
    "The ministers agreed to cooperate on climate change and clean energy.",
    "Vietnamese rice and fruit exports to Japan rose by a fifth.",
    "The parliament chairs discussed exchanges between young lawmakers.",
]
#: the planted paraphrase: entry paperwork eased, with none of the codebook's visa words
PLANTED = "Japan will cut the paperwork Vietnamese students need, with online applications and faster approval."


@pytest.fixture(scope="module")
def corpus():
    texts = CODED_VISAS + OTHER + [PLANTED]
    units = pd.DataFrame({"seg_id": [f"d{i:02d}:p000" for i in range(len(texts))],
                          "doc_id": [f"d{i:02d}" for i in range(len(texts))], "para": 0, "text": texts,
                          "partner": "japan"})
    cb = load_codebook(ROOT / "config" / "codebook.yaml")
    matrix = th.theme_matrix(units, th.find_hits(units, cb), cb)
    return units, matrix, cb


def test_the_codebook_codes_the_visa_paragraphs_but_not_the_paraphrase(corpus):
    units, matrix, _ = corpus
    assert matrix["visas"].tolist() == [True] * len(CODED_VISAS) + [False] * (len(OTHER) + 1)


def test_planted_paraphrase_is_ranked_first_with_its_words(corpus):
    units, matrix, cb = corpus
    misses, notes = th.candidate_misses(units, matrix, ["visas", "oda"], top=5)
    visas = misses[misses["theme"] == "visas"]
    assert visas.iloc[0]["text"] == PLANTED
    assert visas.iloc[0]["rank"] == 1
    assert visas["score"].is_monotonic_decreasing
    words = [w.split(" (")[0] for w in visas.iloc[0]["words"].split("; ")]
    # the words it shares with the coded visa paragraphs drove the score
    assert {"applications", "students"} <= set(words)
    # the coded paragraphs are never candidates
    assert not set(visas["seg_id"]) & set(units["seg_id"][: len(CODED_VISAS)])
    # one coded ODA paragraph is too few to learn from: said so, not guessed
    oda = notes.set_index("theme").loc["oda"]
    assert oda["n_candidates"] == 0 and "at least 2" in oda["note"]
    assert misses[misses["theme"] == "oda"].empty


def test_candidate_misses_are_deterministic(corpus):
    units, matrix, _ = corpus
    a, _ = th.candidate_misses(units, matrix, ["visas"], top=5)
    b, _ = th.candidate_misses(units, matrix, ["visas"], top=5)
    assert a.equals(b)


def test_lookalikes_are_uncoded_units_at_the_top(corpus):
    units, matrix, _ = corpus
    scores, _ = th.miss_scores(units, matrix, ["visas"])
    look = th.lookalike_ids(scores, matrix, ["visas"], per_theme=1)
    assert look == {units["seg_id"].iloc[-1]}
