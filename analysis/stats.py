"""Statistics shared by every stage: article bootstrap weights, Wilson intervals,
the co-occurrence association measures, and Benjamini–Hochberg q-values."""
from __future__ import annotations

import numpy as np


def article_weights(rng: np.random.Generator, n_docs: int, n_boot: int) -> np.ndarray:
    """``(n_boot, n_docs)`` float matrix: how many times each article is drawn
    in each replicate (``n_docs`` draws with replacement, equal chances).
    Multiply it with per-article counts to get every replicate's totals."""
    return rng.multinomial(n_docs, np.full(n_docs, 1.0 / n_docs), size=n_boot).astype(float)

def wilson(k: np.ndarray, n: np.ndarray, z: float = 1.959964) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a proportion k/n (NaN where n = 0)."""
    k, n = np.asarray(k, float), np.asarray(n, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def association(a, b, c, d) -> dict[str, np.ndarray]:
    """The measures of METHODS.md from the 2x2 counts (scalars or arrays, same
    shape). Returns a dict of float arrays: ``jaccard, p_b_given_a,
    p_a_given_b, lift, pmi, npmi``."""
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    n = a + b + c + d
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.where(a + b + c > 0, a / (a + b + c), np.nan)
        p_b_given_a = np.where(a + b > 0, a / (a + b), np.nan)
        p_a_given_b = np.where(a + c > 0, a / (a + c), np.nan)
        denom = (a + b) * (a + c)
        lift = np.where(denom > 0, a * n / denom, np.nan)
        pmi = np.where(lift > 0, np.log2(np.where(lift > 0, lift, 1.0)), np.where(lift == 0, -np.inf, np.nan))
        h = -np.log2(np.where(a > 0, a / np.where(n > 0, n, 1.0), 1.0))   # -log2 p(x,y)
        npmi = np.where(a == 0, -1.0, np.where(h > 0, pmi / np.where(h > 0, h, 1.0), np.nan))
        npmi = np.where(n > 0, npmi, np.nan)
    return {"jaccard": jaccard, "p_b_given_a": p_b_given_a, "p_a_given_b": p_a_given_b,
            "lift": lift, "pmi": pmi, "npmi": npmi}


def bh_adjust(p) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values), monotone, capped at 1."""
    p = np.asarray(p, dtype=float)
    m = len(p)
    if m == 0:
        return p
    order = np.argsort(p, kind="mergesort")
    ranked = p[order] * m / np.arange(1, m + 1)
    q_sorted = np.minimum.accumulate(ranked[::-1])[::-1]
    q = np.empty(m)
    q[order] = np.minimum(q_sorted, 1.0)
    return q
