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
    """(paragraphs, sentences) for ``n`` synthetic paragraphs from the seeds'
    sentences; each paragraph's partner is drawn from us/japan/both; the
    sentences table is split with the corpus layer's splitter."""
    from analysis.corpus.sentences import split_sentences
    from benchmarks.synthetic import synthetic_paragraphs

    segs = synthetic_paragraphs(n, seed)
    rng = random.Random(seed)
    segs["partner"] = [rng.choice(["us", "japan", "japan", "both"]) for _ in range(n)]
    segs["boilerplate"], segs["duplicate_of"] = False, ""
    sentences = split_sentences(segs)
    sentences["partner"] = sentences["para_partner"]
    return segs, sentences


def run(quick: bool = False) -> list[dict]:
    from analysis.config import load_actors
    from analysis.framing.agency import agency
    from analysis.framing.keyness import default_stop_words, keyness

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
