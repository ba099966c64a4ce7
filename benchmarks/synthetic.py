"""Synthetic paragraphs for the benchmarks, recombined from the seed articles'
sentences so that themes, reporting verbs, names and diacritics occur at the
seeds' rates."""
from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def seed_sentences() -> list[str]:
    """Every sentence of every paragraph of the seed articles, in file order."""
    from analysis.corpus.paragraphs import split_paragraphs
    from analysis.corpus.sentences import sentence_spans

    sents = []
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        for p in split_paragraphs(f.read_text(encoding="utf-8")):
            sents += [p[s:e] for s, e in sentence_spans(p)]
    return sents


def synthetic_paragraphs(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` paragraphs (``seg_id, doc_id, para, text``), each joining 1-4 seed
    sentences drawn at random, 10 paragraphs per article."""
    sents = seed_sentences()
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        doc = f"doc{i // 10:05d}"
        rows.append((f"{doc}:p{i % 10:03d}", doc, i % 10, " ".join(rng.choices(sents, k=rng.randint(1, 4)))))
    return pd.DataFrame(rows, columns=["seg_id", "doc_id", "para", "text"])
