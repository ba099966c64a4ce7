"""Theme coding at scale: 10,000 paragraphs built by recombining the sentences
of the seed paragraphs (so every theme occurs at the seeds' rates, with Vietnamese
diacritics), coded with ONE compiled matcher.

Target (issue 3): well under 1 second per 1,000 paragraphs.
"""
from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def build_paragraphs(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` synthetic paragraphs (``seg_id, doc_id, para, text``) from the seeds' sentences."""
    from benchmarks.synthetic import synthetic_paragraphs

    return synthetic_paragraphs(n, seed)


def run(quick: bool = False) -> list[dict]:
    from analysis.themes.codebook import load_codebook
    from analysis.themes.coding import find_hits, theme_matrix

    n = 2_000 if quick else 10_000
    units = build_paragraphs(n)
    cb = load_codebook(ROOT / "config" / "codebook.yaml")
    _ = cb.matcher  # compile once, outside the timing (it is cached on the codebook)
    t0 = time.perf_counter()
    hits = find_hits(units, cb)
    t1 = time.perf_counter()
    theme_matrix(units, hits, cb)
    t2 = time.perf_counter()
    per_k = (t1 - t0) / n * 1000
    per_k_all = (t2 - t0) / n * 1000
    return [
        {"name": f"themes: find_hits, s per 1,000 paragraphs ({n:,} paragraphs, {len(hits):,} hits)",
         "value": round(per_k, 4), "unit": "s", "target": 1.0, "ratio": round(per_k / 1.0, 4)},
        {"name": "themes: find_hits + theme_matrix, s per 1,000 paragraphs",
         "value": round(per_k_all, 4), "unit": "s", "target": 1.0, "ratio": round(per_k_all / 1.0, 4)},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
