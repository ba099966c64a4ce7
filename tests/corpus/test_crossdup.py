"""Near-duplicates found partition by partition (the Dask engine's way) are the
pairs the single-process detector finds, whatever the number of partitions."""
from __future__ import annotations

import pandas as pd

from analysis.corpus.crossdup import near_duplicate_pairs_partitioned
from analysis.corpus.duplicates import near_duplicate_pairs

# Four articles (groups a-d) written in the shapes wire copy takes: b copies a's
# paragraph word for word, c rewrites one word of it, d is unrelated; b and c
# also share a second paragraph, e carries a's text but is article a itself.
BASE = ("Foreign Minister Bui Thanh Son and his Japanese counterpart agreed to speed up "
        "new-generation ODA projects and to ease visa procedures for Vietnamese workers.")
OTHER = "The two sides also discussed cooperation in climate change, energy transition and digital transformation."
TEXTS = [BASE, BASE, BASE.replace("speed up", "accelerate"), "Tokyo hosted a trade fair of regional products.",
         OTHER, OTHER + " They noted progress.", BASE]
GROUPS = ["a", "b", "c", "d", "b", "c", "a"]


def test_partitioned_pairs_equal_single_process_pairs():
    expected = near_duplicate_pairs(TEXTS, GROUPS)
    # worked by hand: 1 copies 0 exactly (1.0, and 1 is then no representative of its own);
    # 2 and 0 differ in one phrase; 5 extends 4; 6 is a's own text again: the same
    # article as 0, so it pairs with nothing
    pairs = set(zip(expected["i"], expected["j"]))
    assert pairs == {(0, 1), (0, 2), (4, 5)}
    assert expected.loc[(expected["i"] == 0) & (expected["j"] == 1), "similarity"].item() == 1.0
    for n_parts in (1, 2, 3, 7):
        got = near_duplicate_pairs_partitioned(TEXTS, GROUPS, n_parts=n_parts)
        pd.testing.assert_frame_equal(got, expected)


def test_partitioned_pairs_on_a_built_corpus(tmp_path):
    from analysis.config import load_actors
    from analysis.corpus.load import load_corpus
    from benchmarks.generate import build_corpus
    from tests.conftest import ROOT

    corpus = load_corpus(build_corpus(tmp_path / "c", 60, seed=1), load_actors(ROOT / "config" / "partners.yaml"))
    seg = corpus.segments[~corpus.segments["boilerplate"]]
    texts, groups = seg["text"].tolist(), seg["doc_id"].tolist()
    expected = near_duplicate_pairs(texts, groups)
    assert len(expected) > 10                     # the generator's second-outlet copies
    for n_parts in (2, 5):
        pd.testing.assert_frame_equal(near_duplicate_pairs_partitioned(texts, groups, n_parts=n_parts), expected)
