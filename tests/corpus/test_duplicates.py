"""Near-duplicate detection on corpora built in the test."""
from __future__ import annotations

import random

import pandas as pd

from analysis.corpus.duplicates import compact, link_duplicates, near_duplicate_pairs

WORDS = ("cooperation investment partnership ministers visit trade energy climate digital transition "
         "agreement talks exchange people culture security maritime labour training economy forum").split()


def sentence(rng: random.Random, n: int = 30) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)) + "."


def test_compact_ignores_diacritics_case_space_and_punctuation():
    assert compact("Việt Nam – “Hà Nội”") == compact("VIETNAM - \"Ha Noi\"") == "vietnamhanoi"


def test_planted_copies_are_found_and_nothing_else():
    rng = random.Random(3)
    originals = [sentence(rng) for _ in range(300)]
    texts, groups = list(originals), [f"d{i // 3}" for i in range(300)]
    planted = {}
    for k in range(20):  # 20 later articles copy a paragraph, with two words changed
        src = rng.randrange(300)
        ws = originals[src].split()
        for _ in range(2):
            ws[rng.randrange(len(ws))] = "changed"
        planted[len(texts)] = src
        texts.append(" ".join(ws))
        groups.append(f"copy{k}")
    pairs = near_duplicate_pairs(texts, groups, threshold=0.5)
    found = {(int(i), int(j)) for i, j in zip(pairs["i"], pairs["j"])}
    assert found == {(src, copy) for copy, src in planted.items()}
    assert (pairs["similarity"] > 0.6).all()


def test_same_article_is_never_its_own_duplicate():
    text = "The two ministers agreed to step up cooperation in trade, investment and energy transition."
    assert near_duplicate_pairs([text, text], ["a", "a"]).empty
    assert len(near_duplicate_pairs([text, text], ["a", "b"])) == 1


def test_the_earlier_article_is_the_original():
    text = "The two ministers agreed to step up cooperation in trade, investment and energy transition."
    segs = pd.DataFrame({"seg_id": ["new:p000", "old:p000"], "doc_id": ["new", "old"], "text": [text, text],
                         "boilerplate": [False, False]})
    out = link_duplicates(segs, doc_order=["old", "new"]).set_index("seg_id")
    assert out.loc["new:p000", "duplicate_of"] == "old:p000"
    assert out.loc["old:p000", "duplicate_of"] == ""


def test_syndicated_copy_in_many_articles_links_every_copy_to_the_first():
    """Wire copy carried by 40 outlets: every later copy points at the earliest (exact copies
    used to be missed past ~20, when all their shingles stopped being rare)."""
    text = ("Deputy Prime Minister and Foreign Minister Bui Thanh Son held talks with his Japanese counterpart "
            "on Tuesday, agreeing to speed up new-generation ODA projects and simplify visa procedures.")
    filler = random.Random(7)
    segs = pd.DataFrame({
        "seg_id": [f"d{i:02d}:p000" for i in range(40)] + [f"d{i:02d}:p001" for i in range(40)],
        "doc_id": [f"d{i:02d}" for i in range(40)] * 2,
        "text": [text] * 40 + [sentence(filler) for _ in range(40)],
        "boilerplate": [False] * 80,
    })
    order = [f"d{i:02d}" for i in range(39, -1, -1)]          # d39 is the earliest article
    out = link_duplicates(segs, doc_order=order).set_index("seg_id")
    assert out.loc["d39:p000", "duplicate_of"] == ""
    assert (out.loc[[f"d{i:02d}:p000" for i in range(39)], "duplicate_of"] == "d39:p000").all()
    assert (out.loc[[f"d{i:02d}:p001" for i in range(40)], "duplicate_of"] == "").all()


def test_many_near_copies_are_still_found():
    rng = random.Random(11)
    base = sentence(rng, 40)
    texts, groups = [], []
    for k in range(30):                                      # 30 outlets, each changing two words
        ws = base.split()
        for _ in range(2):
            ws[rng.randrange(len(ws))] = f"edit{k}"
        texts.append(" ".join(ws))
        groups.append(f"o{k}")
    pairs = near_duplicate_pairs(texts, groups)
    assert len(pairs) == 30 * 29 // 2
