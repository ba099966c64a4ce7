"""Statistics shared by every stage: article bootstrap weights, intervals for a
share (Wilson score, Clopper–Pearson exact), the co-occurrence association
measures, and Benjamini–Hochberg q-values.

Public names: ``article_weights``, ``wilson``, ``exact_interval``,
``share_interval``, ``association``, ``bh_adjust``, ``g2``.
"""
from __future__ import annotations

import numpy as np
from scipy import stats as _st

#: methods of :func:`share_interval`
INTERVAL_METHODS = ("wilson", "exact")


def article_weights(rng: np.random.Generator, n_docs: int, n_boot: int) -> np.ndarray:
    """``(n_boot, n_docs)`` float matrix: how many times each article is drawn
    in each replicate (``n_docs`` draws with replacement, equal chances).
    Multiply it with per-article counts to get every replicate's totals."""
    return rng.multinomial(n_docs, np.full(n_docs, 1.0 / n_docs), size=n_boot).astype(float)


def _z(ci: float) -> float:
    return float(_st.norm.ppf(1 - (1 - ci) / 2))


def wilson(k, n, z: float = 1.959964) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a proportion k/n (NaN where n = 0).

    Never zero-width for n > 0: 0 of 19 gives [0, 0.168] at 95%, 19 of 19
    gives [0.832, 1]. ``z`` is the normal quantile (1.96 for 95%)."""
    k, n = np.asarray(k, float), np.asarray(n, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        low, high = np.clip(centre - half, 0.0, 1.0), np.clip(centre + half, 0.0, 1.0)
    bad = ~(n > 0)
    return np.where(bad, np.nan, low), np.where(bad, np.nan, high)


def exact_interval(k, n, ci: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Clopper–Pearson ("exact") interval for k/n from the beta quantiles:
    low = B(α/2; k, n−k+1) (0 when k = 0), high = B(1−α/2; k+1, n−k) (1 when
    k = n). NaN where n = 0. Wider than Wilson; the safe choice for a count of a
    handful of meetings."""
    k, n = np.asarray(k, float), np.asarray(n, float)
    a = 1 - ci
    with np.errstate(invalid="ignore", divide="ignore"):
        low = np.where(k > 0, _st.beta.ppf(a / 2, np.where(k > 0, k, 1), n - k + 1), 0.0)
        high = np.where(k < n, _st.beta.ppf(1 - a / 2, k + 1, np.where(k < n, n - k, 1)), 1.0)
    bad = ~(n > 0)
    return np.where(bad, np.nan, low), np.where(bad, np.nan, high)


def share_interval(k, n, ci: float = 0.95, method: str = "wilson") -> tuple[np.ndarray, np.ndarray]:
    """The interval of a share k/n at level ``ci`` by ``method`` (``wilson`` or ``exact``)."""
    if method == "wilson":
        return wilson(k, n, _z(ci))
    if method == "exact":
        return exact_interval(k, n, ci)
    raise ValueError(f"method must be one of {INTERVAL_METHODS}, not {method!r}")


def association(a, b, c, d) -> dict[str, np.ndarray]:
    """The measures of METHODS.md from the 2x2 counts (scalars or arrays, same
    shape). Returns a dict of float arrays: ``jaccard, p_b_given_a,
    p_a_given_b, lift, pmi, npmi``.

    NPMI is −1 when both themes occur but never together (a = 0), and NaN
    (undefined, not "never together") when either theme occurs in no unit at
    all, when a = N, or when there are no units."""
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
        npmi = np.where((n > 0) & (denom > 0), npmi, np.nan)
    return {"jaccard": jaccard, "p_b_given_a": p_b_given_a, "p_a_given_b": p_a_given_b,
            "lift": lift, "pmi": pmi, "npmi": npmi}


def bh_adjust(p) -> np.ndarray:
    """Benjamini–Hochberg q-values through ``scipy.stats.false_discovery_control``,
    computed over the finite p-values only: a NaN (or infinite) p-value stays NaN
    and neither counts in m nor spoils the others' q."""
    p = np.asarray(p, dtype=float)
    q = np.full(p.shape, np.nan)
    ok = np.isfinite(p)
    if ok.any():
        q[ok] = _st.false_discovery_control(np.clip(p[ok], 0.0, 1.0), method="bh")
    return q


def g2(o11, o12, o21, o22) -> np.ndarray:
    """Dunning's log-likelihood G² = 2 Σ O ln(O / E) over a 2×2 table of counts
    (Dunning 1993), with E = row total × column total / N; a cell with O = 0 adds
    nothing. Arrays of the same shape (or scalars); NaN where N = 0."""
    o = [np.asarray(x, dtype=float) for x in (o11, o12, o21, o22)]
    n = o[0] + o[1] + o[2] + o[3]
    rows = (o[0] + o[1], o[0] + o[1], o[2] + o[3], o[2] + o[3])
    cols = (o[0] + o[2], o[1] + o[3], o[0] + o[2], o[1] + o[3])
    total = np.zeros_like(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        for obs, r, c in zip(o, rows, cols, strict=True):
            e = r * c / n
            total = total + np.where(obs > 0, obs * np.log(obs / np.where(e > 0, e, 1.0)), 0.0)
    return np.where(n > 0, 2 * total, np.nan)
