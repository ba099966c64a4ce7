"""Theme coding at scale: 10,000 paragraphs built by recombining the sentences
of the seed paragraphs (so every theme occurs at the seeds' rates, with Vietnamese
diacritics), coded with ONE compiled matcher.

Target (issue 9, the codebook's second edition with near rules): at most 0.1 s
of wall time per 1,000 paragraphs. The CPU time of the same call is reported
beside it, since on a shared machine the wall time also measures the neighbours.
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
    target = 0.1
    c0, t0 = time.process_time(), time.perf_counter()
    hits = find_hits(units, cb)
    c1, t1 = time.process_time(), time.perf_counter()
    theme_matrix(units, hits, cb)
    c2, t2 = time.process_time(), time.perf_counter()
    per_k, per_k_all = (t1 - t0) / n * 1000, (t2 - t0) / n * 1000
    return [
        {"name": f"themes: find_hits, s per 1,000 paragraphs ({n:,} paragraphs, {len(hits):,} hits)",
         "value": round(per_k, 4), "unit": "s", "target": target, "ratio": round(per_k / target, 4),
         "cpu_s": round((c1 - c0) / n * 1000, 4)},
        {"name": "themes: find_hits + theme_matrix, s per 1,000 paragraphs",
         "value": round(per_k_all, 4), "unit": "s", "target": target, "ratio": round(per_k_all / target, 4),
         "cpu_s": round((c2 - c0) / n * 1000, 4)},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
