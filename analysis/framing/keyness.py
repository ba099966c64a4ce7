"""Distinctive vocabulary: weighted log-odds ratio with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words", *Political Analysis* 16(4).
The formula is exactly the one in ``METHODS.md``: for word w and groups i, j,

    δ_w  = ln[(y_w^i + α_w) / (n^i + α0 − y_w^i − α_w)] − ln[(y_w^j + α_w) / (n^j + α0 − y_w^j − α_w)]
    σ²_w = 1/(y_w^i + α_w) + 1/(y_w^j + α_w)
    z_w  = δ_w / √σ²_w

with the informative prior α_w = α0 · (pooled count of w / pooled token total),
the pooled counts being those of the two groups compared (so Σ_w α_w = α0).
``prior_scale=None`` (the default) sets α0 to the pooled token total, i.e.
α_w is simply w's pooled count.

Terms are words *and multi-word terms kept whole* (:mod:`analysis.framing.terms`):
the codebook's phrases and collocations of adjacent words that pass Dunning's G²,
so "south china sea" is one term, not *south*, *china* and *sea*; job titles,
roles and partner compounds ("vietnam-us") are stop terms.

Inputs are units (paragraphs or sentences) with a text and a partner column; the
output keeps every count that enters the formula (y_i, y_j, n_i, n_j, α_w, α0),
so any row of ``data/keyness.csv`` can be recomputed by hand. Benjamini–Hochberg
runs over the finite p-values of each comparison
(:func:`analysis.stats.bh_adjust`, through ``scipy.stats.false_discovery_control``).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy.stats import norm
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..markup import md_escape
from ..stats import bh_adjust
from ..text import words
from .terms import MIN_G2, ROLE_WORDS, TermSpec, term_kind, unit_terms, with_collocations

KEYNESS_COLUMNS = [
    "comparison", "group", "reference", "term", "kind", "y_i", "y_j", "n_i", "n_j", "total",
    "alpha_w", "alpha0", "delta", "var", "z", "p", "q", "significant",
]


def default_stop_words(actors=None, drop_actor_names: bool = True) -> set[str]:
    """scikit-learn's English stop words, job titles and roles
    (:data:`analysis.framing.terms.ROLE_WORDS`), plus (by default) every word of
    every actor and outlet name in ``partners.yaml`` (``Actors.stop_words()``), so
    that the distinctive vocabulary is about content, not about who was there."""
    stop = set(ENGLISH_STOP_WORDS) | set(ROLE_WORDS)
    if actors is not None and drop_actor_names:
        stop |= actors.stop_words()
    return stop


def tokens(text: str, stop_words: Iterable[str] = (), drop_numbers: bool = True) -> list[str]:
    """Content tokens of ``text``: :func:`analysis.text.words` (folded, lower
    case, hyphenated words whole), with a trailing possessive ``'s`` removed,
    stop words, one-letter tokens and (by default) tokens without a letter
    (numbers, dates such as 2023-04-15) dropped."""
    stop = stop_words if isinstance(stop_words, (set, frozenset)) else set(stop_words)
    out = []
    for w in words(text):
        if w.endswith("'s"):
            w = w[:-2]
        if len(w) < 2 or w in stop or (drop_numbers and not any(c.isalpha() for c in w)):
            continue
        out.append(w)
    return out


def term_counts(units: pd.DataFrame, groups: list[str], text_col: str = "text", group_col: str = "partner",
                stop_words: Iterable[str] = (), drop_numbers: bool = True, spec: TermSpec | None = None) -> pd.DataFrame:
    """Term counts per group: a DataFrame indexed by term (sorted), one int column
    per group in ``groups``. Units whose ``group_col`` is not in ``groups``
    (``both``, ``none``, other partners) are not counted. With ``spec`` the
    terms are :func:`analysis.framing.terms.unit_terms` (phrases and
    collocations whole); without, the words of :func:`tokens`."""
    stop = set(stop_words)
    counters = {g: Counter() for g in groups}
    for text, g in zip(units[text_col], units[group_col], strict=True):
        if g in counters:
            counters[g].update(unit_terms(text, spec) if spec is not None else tokens(text, stop, drop_numbers))
    vocab = sorted(set().union(*counters.values())) if counters else []
    data = {g: [counters[g].get(t, 0) for t in vocab] for g in groups}
    return pd.DataFrame(data, index=pd.Index(vocab, name="term"), dtype="int64")


def log_odds(y_i, y_j, prior_scale: float | None = None) -> pd.DataFrame:
    """Weighted log-odds with the informative Dirichlet prior, term by term.

    ``y_i``, ``y_j``: count vectors over the *whole* vocabulary (same order).
    α_w = α0 · (y_i + y_j)_w / Σ(y_i + y_j); α0 = ``prior_scale`` or, when None,
    the pooled total. Returns columns ``y_i, y_j, n_i, n_j, alpha_w, alpha0,
    delta, var, z`` (one row per term, same order as the input).
    """
    y_i = np.asarray(y_i, dtype=float)
    y_j = np.asarray(y_j, dtype=float)
    pooled = y_i + y_j
    total = pooled.sum()
    n_i, n_j = y_i.sum(), y_j.sum()
    alpha0 = float(total if prior_scale is None else prior_scale)
    if alpha0 <= 0 or total <= 0:
        alpha_w = np.zeros_like(pooled)
    else:
        alpha_w = alpha0 * pooled / total
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log((y_i + alpha_w) / (n_i + alpha0 - y_i - alpha_w))
                 - np.log((y_j + alpha_w) / (n_j + alpha0 - y_j - alpha_w)))
        var = 1.0 / (y_i + alpha_w) + 1.0 / (y_j + alpha_w)
        z = delta / np.sqrt(var)
    return pd.DataFrame({"y_i": y_i.astype("int64"), "y_j": y_j.astype("int64"),
                         "n_i": int(n_i), "n_j": int(n_j), "alpha_w": alpha_w, "alpha0": alpha0,
                         "delta": delta, "var": var, "z": z})




def comparisons(partners: list[str]) -> list[tuple[str, str]]:
    """Which groups are compared: with two partners, the first against the
    second (positive z = distinctive of the first); with more, each against the
    rest (``reference = "rest"``); with one or none, nothing."""
    if len(partners) < 2:
        return []
    if len(partners) == 2:
        return [(partners[0], partners[1])]
    return [(p, "rest") for p in partners]


def keyness(units: pd.DataFrame, partners: list[str], min_count: int = 2, prior_scale: float | None = None,
            fdr_q: float = 0.1, stop_words: Iterable[str] = (), text_col: str = "text",
            group_col: str = "partner", drop_numbers: bool = True, spec: TermSpec | None = None,
            collocation_min_count: int = 3, min_g2: float = MIN_G2) -> pd.DataFrame:
    """Distinctive terms, partner against partner (or each against the rest).

    ``units``: one row per unit (paragraph) with ``text_col`` and ``group_col``;
    only units attributed to exactly one of ``partners`` are counted (units
    attributed to ``both`` say the same thing about each and are left out).
    ``spec`` (:func:`analysis.framing.terms.term_spec`: stop terms, codebook
    phrases) makes multi-word terms; its collocations are found on the compared
    units (at least ``collocation_min_count`` times, G² ≥ ``min_g2``) unless it
    already has some. Without ``spec``, ``stop_words`` and single words.
    The prior (α_w) and n_i, n_j come from the whole vocabulary after stop
    terms; terms whose pooled count is below ``min_count`` are then dropped and
    the Benjamini–Hochberg correction runs over the remaining terms of each
    comparison. ``p`` is two-sided from z (standard normal); ``significant``
    is ``q <= fdr_q``; ``kind`` is ``word``, ``collocation`` or ``phrase``.

    Returns one row per (comparison, term), columns ``KEYNESS_COLUMNS``, sorted
    by comparison then z descending then term.
    """
    frames = []
    partners = list(partners)
    if spec is not None and not spec.collocations:
        compared = units[units[group_col].isin(partners)][text_col]
        spec, _ = with_collocations(spec, compared, collocation_min_count, min_g2)
    counts = term_counts(units, partners, text_col, group_col, stop_words, drop_numbers, spec)
    for gi, gj in comparisons(partners):
        yi = counts[gi].to_numpy()
        yj = (counts[[p for p in partners if p != gi]].sum(axis=1) if gj == "rest" else counts[gj]).to_numpy()
        res = log_odds(yi, yj, prior_scale)
        res.insert(0, "term", counts.index.to_numpy())
        res = res[(res["y_i"] + res["y_j"]) >= max(int(min_count), 1)].copy()
        res["total"] = res["y_i"] + res["y_j"]
        res["p"] = 2.0 * norm.sf(np.abs(res["z"].to_numpy()))
        res["q"] = bh_adjust(res["p"].to_numpy())
        res["significant"] = res["q"] <= fdr_q
        res["comparison"] = f"{gi} vs {gj}"
        res["group"], res["reference"] = gi, gj
        res["kind"] = [term_kind(t, spec) if spec is not None else "word" for t in res["term"]]
        frames.append(res)
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in KEYNESS_COLUMNS})
    out = pd.concat(frames, ignore_index=True)[KEYNESS_COLUMNS]
    out = out.sort_values(["comparison", "z", "term"], ascending=[True, False, True], kind="mergesort")
    return out.reset_index(drop=True)


def top_terms(table: pd.DataFrame, partner: str, n: int = 10, significant_only: bool = False) -> pd.DataFrame:
    """The ``n`` terms most distinctive of ``partner`` in a :func:`keyness` table:
    rows where it is the group with z > 0, or the (two-partner) reference with
    z < 0; returned with a ``z_for`` column (z oriented towards ``partner``)."""
    if table.empty:
        return table.assign(z_for=pd.Series(dtype=float))
    own = table[(table["group"] == partner) & (table["z"] > 0)].assign(z_for=lambda d: d["z"])
    ref = table[(table["reference"] == partner) & (table["z"] < 0)].assign(z_for=lambda d: -d["z"])
    out = pd.concat([own, ref])
    if significant_only:
        out = out[out["significant"]]
    return out.sort_values(["z_for", "term"], ascending=[False, True], kind="mergesort").head(n)


def prior_note(table: pd.DataFrame, prior_scale: float | None, min_count: int, fdr_q: float) -> str:
    """A Markdown sentence stating the prior and the filters behind a :func:`keyness` table."""
    if table.empty:
        return ("No term is compared: either fewer than two partners are selected, or the selected "
                "partners' paragraphs hold no term reaching the minimum count.")
    parts = []
    for comp, g in table.groupby("comparison", sort=False):
        a0 = g["alpha0"].iloc[0]
        n_i, n_j = int(g["n_i"].iloc[0]), int(g["n_j"].iloc[0])
        parts.append(f"{md_escape(comp)}: n_i = {n_i:,} and n_j = {n_j:,} tokens, α0 = {a0:,.6g}, "
                     f"{len(g):,} terms kept, {int(g['significant'].sum())} significant")
    how = ("α0 = the pooled token total, so α_w is simply the pooled count of w"
           if prior_scale is None else f"α0 = {prior_scale:g} (parameter `prior_scale`)")
    return (f"**Prior.** Informative Dirichlet prior α_w = α0 · (pooled count of w / pooled total), "
            f"the pooled counts being those of the two groups compared; {how}. "
            f"Terms with a pooled count below {min_count} are not shown (they still count in n and α0); "
            f"p-values are two-sided from z, Benjamini–Hochberg adjusted across the kept terms of each "
            f"comparison, significant at q ≤ {fdr_q:g}. " + "; ".join(parts) + ".")
