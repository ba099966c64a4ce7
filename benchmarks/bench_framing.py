"""Framing at scale: keyness and speaker/agency attribution on 10,000 synthetic
paragraphs (1,000 articles of 10 paragraphs), built by recombining the seed
articles' sentences, so reporting verbs, pronouns, names and partners occur at
the seeds' rates.

Target (issue 5): keyness + agency on ~10,000 paragraphs in 10 seconds.
"""
from __future__ import annotations

import random
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 10.0


def build_units(n: int, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(paragraphs, sentences) for ``n`` synthetic paragraphs: each paragraph
    joins 1-4 seed sentences; its partner is drawn from us/japan/both; the
    sentences table is split with the corpus layer's splitter."""
    from analysis.article import split_paragraphs
    from analysis.sentences import sentence_spans, split_sentences

    sents = []
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        for p in split_paragraphs(f.read_text(encoding="utf-8")):
            sents += [p[s:e] for s, e in sentence_spans(p)]
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        doc = f"doc{i // 10:05d}"
        text = " ".join(rng.choices(sents, k=rng.randint(1, 4)))
        rows.append((f"{doc}:p{i % 10:03d}", doc, i % 10, text, rng.choice(["us", "japan", "japan", "both"]),
                     False, ""))
    segs = pd.DataFrame(rows, columns=["seg_id", "doc_id", "para", "text", "partner", "boilerplate", "duplicate_of"])
    sentences = split_sentences(segs)
    sentences["partner"] = sentences["para_partner"]
    return segs, sentences


def run(quick: bool = False) -> list[dict]:
    from analysis.config import load_actors
    from analysis.keyness import default_stop_words, keyness
    from analysis.speakers import agency

    n = 2_000 if quick else 10_000
    segs, sentences = build_units(n)
    actors = load_actors(ROOT / "config" / "partners.yaml")
    stop = default_stop_words(actors)
    t0 = time.perf_counter()
    kw = keyness(segs, ["us", "japan"], min_count=2, stop_words=stop)
    t1 = time.perf_counter()
    ag = agency(sentences, actors)
    t2 = time.perf_counter()
    scale = 10_000 / n  # report per 10,000 paragraphs
    k, a = (t1 - t0) * scale, (t2 - t1) * scale
    return [
        {"name": f"framing: keyness, s per 10,000 paragraphs ({n:,} timed, {len(kw):,} terms)",
         "value": round(k, 3), "unit": "s", "target": TARGET_S, "ratio": round(k / TARGET_S, 4)},
        {"name": f"framing: agency, s per 10,000 paragraphs ({len(sentences):,} sentences, {len(ag):,} verbs)",
         "value": round(a, 3), "unit": "s", "target": TARGET_S, "ratio": round(a / TARGET_S, 4)},
        {"name": "framing: keyness + agency, s per 10,000 paragraphs",
         "value": round(k + a, 3), "unit": "s", "target": TARGET_S, "ratio": round((k + a) / TARGET_S, 4)},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
