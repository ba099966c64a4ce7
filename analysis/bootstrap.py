"""Resampling articles with replacement, shared by every bootstrap interval."""
from __future__ import annotations

import numpy as np


def article_weights(rng: np.random.Generator, n_docs: int, n_boot: int) -> np.ndarray:
    """``(n_boot, n_docs)`` float matrix: how many times each article is drawn
    in each replicate (``n_docs`` draws with replacement, equal chances).
    Multiply it with per-article counts to get every replicate's totals."""
    return rng.multinomial(n_docs, np.full(n_docs, 1.0 / n_docs), size=n_boot).astype(float)
