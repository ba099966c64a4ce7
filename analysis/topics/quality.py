"""How far to trust a topic: NPMI coherence, stability across seeds, choice of k.

- Coherence (:func:`npmi_coherence`): for the top-N terms of a topic, count the
  units containing each term (D(i)) and each pair (D(i, j)) among the N units
  the model was fit on; P = D / N;
  NPMI(i, j) = log(P(i, j) / (P(i) P(j))) / -log P(i, j), and -1 when the pair
  never co-occurs (METHODS.md, co-occurrence); 1 when the two always occur
  together. A topic's coherence is the mean over its term pairs, leaving out
  pairs where one term is part of the other ("digital" / "digital transformation").
- Stability (:func:`topic_stability`, Greene, O'Callaghan & Cunningham 2014):
  refit the model with ``n_runs`` other seeds, each on a random ``sample_frac``
  of the units (at most ``max_sample`` units); match each run's topics to the
  reference topics by the Hungarian algorithm on the Jaccard overlap of their
  top-10 terms; a topic's stability is its mean matched Jaccard across runs.
- Choice of k (:func:`choose_k`): for each k, score = mean stability x
  (1 + mean coherence) / 2 (both factors in [0, 1]): a k wins only if its topics
  both come back under resampling and hang together; the highest score wins,
  the smaller k on ties. A solution where one topic holds most of the units
  (more than ``max_topic_share``, default half) is not a set of clusters but one
  lump and a few crumbs: it is never chosen while another k avoids it (when
  every k has such a lump, the least lopsided one is taken and the curve says
  so). On a big corpus k is chosen on a sample.
- Size (:func:`small_corpus_note`): below ``MIN_UNITS`` units or ``MIN_ARTICLES``
  articles the Topics page says the clusters are unreliable, and why.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linear_sum_assignment

from .model import TopicModel, fit_topics, refit


def jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    """|a ∩ b| / |a ∪ b| of two term lists (0 when both are empty)."""
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def match_topics(ref_terms: list[list[str]], run_terms: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Hungarian matching of a run's topics to the reference topics on Jaccard
    of their term lists (scipy.optimize.linear_sum_assignment, maximised).

    Out: (match, overlap) per reference topic: the index of the matched run
    topic (-1 when the run has fewer topics) and the matched Jaccard (0 then).
    """
    sim = np.array([[jaccard(r, s) for s in run_terms] for r in ref_terms], dtype=float).reshape(
        len(ref_terms), len(run_terms))
    match = np.full(len(ref_terms), -1)
    overlap = np.zeros(len(ref_terms))
    if sim.size:
        rows, cols = linear_sum_assignment(sim, maximize=True)
        match[rows] = cols
        overlap[rows] = sim[rows, cols]
    return match, overlap


def stability_from_runs(ref_terms: list[list[str]], runs: list[list[list[str]]]) -> np.ndarray:
    """Each reference topic's mean matched Jaccard over the runs (1.0 = every
    run reproduces its top terms exactly)."""
    if not runs:
        return np.full(len(ref_terms), np.nan)
    return np.mean([match_topics(ref_terms, r)[1] for r in runs], axis=0)


def topic_stability(tm: TopicModel, n_runs: int = 5, sample_frac: float = 0.8, max_sample: int = 5000,
                    seed: int = 0, n_terms: int = 10) -> tuple[np.ndarray, pd.DataFrame]:
    """Stability of each topic of ``tm`` (see module docstring).

    Run r uses seed ``seed + 1 + r`` both for its random subsample of the units
    and for the model. Out: (stability per topic 1..k, a long DataFrame
    ``run, seed, topic, matched_topic, jaccard`` with every match).
    """
    ref = [t[:n_terms] for t in tm.top_terms]
    n = tm.counts.shape[0]
    has_terms = np.flatnonzero(np.diff(tm.counts.indptr) > 0)
    size = int(min(max_sample, max(round(sample_frac * len(has_terms)), tm.n_topics)))
    rows, runs = [], []
    for r in range(n_runs):
        s = seed + 1 + r
        rng = np.random.default_rng(s)
        sub = np.sort(rng.choice(has_terms, size=min(size, len(has_terms)), replace=False)) if len(has_terms) else np.arange(n)
        other = refit(tm, sub, s)
        terms = [t[:n_terms] for t in other.top_terms]
        match, overlap = match_topics(ref, terms)
        runs.append(terms)
        for t in range(tm.n_topics):
            rows.append({"run": r + 1, "seed": s, "topic": t + 1, "matched_topic": int(match[t]) + 1,
                         "jaccard": float(overlap[t])})
    detail = pd.DataFrame(rows, columns=["run", "seed", "topic", "matched_topic", "jaccard"])
    return stability_from_runs(ref, runs), detail


def npmi_coherence(counts: sparse.spmatrix, terms: np.ndarray, topic_terms: list[list[str]]) -> np.ndarray:
    """Mean pairwise NPMI of each topic's terms over the units of ``counts``
    (document co-occurrence; formula in the module docstring). A topic with
    fewer than two usable terms gets NaN."""
    index = {t: i for i, t in enumerate(terms)}
    used = sorted({index[t] for tt in topic_terms for t in tt if t in index})
    pos = {c: j for j, c in enumerate(used)}
    B = (sparse.csr_matrix(counts)[:, used] > 0).astype(np.float64)
    N = counts.shape[0]
    co = np.asarray((B.T @ B).todense())
    out = []
    for tt in topic_terms:
        ids = [pos[index[t]] for t in tt if t in index]
        vals = []
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                ta, tb = tt[a], tt[b]
                wa, wb = set(ta.split()), set(tb.split())
                if wa <= wb or wb <= wa:
                    continue
                i, j = ids[a], ids[b]
                nij, ni, nj = co[i, j], co[i, i], co[j, j]
                if nij == 0:
                    vals.append(-1.0)
                elif nij == N:
                    vals.append(1.0)
                else:
                    pij = nij / N
                    vals.append(float(np.log(pij / ((ni / N) * (nj / N))) / -np.log(pij)))
        out.append(float(np.mean(vals)) if vals else np.nan)
    return np.array(out)


def choose_k(texts: Sequence[str] | None = None, k_range: Sequence[int] = (2, 3, 4, 5, 6), model: str = "nmf",
             seed: int = 0, n_runs: int = 5, sample_frac: float = 0.8, max_sample: int = 5000,
             counts: sparse.csr_matrix | None = None, terms: np.ndarray | None = None,
             **fit_kw) -> tuple[int, pd.DataFrame]:
    """Pick the number of topics from ``k_range`` (module docstring: highest
    mean stability x (1 + mean NPMI) / 2; the smaller k on ties).

    k values not below the number of units with terms are skipped (a tiny
    corpus). Above ``max_sample`` units, k is chosen on a seeded random sample
    of ``max_sample`` units. A k whose biggest topic holds more than
    ``max_topic_share`` (a ``fit_kw``, default :data:`MAX_TOPIC_SHARE`) of the
    units is not eligible while another k is. Out: (chosen k, the curve: ``k,
    stability, coherence, score, n_stable, largest_share, eligible, chosen``;
    ``largest_share`` is the share of the units with terms in the biggest topic).
    Other ``fit_kw`` go to :func:`fit_topics`.
    """
    max_topic_share = float(fit_kw.pop("max_topic_share", MAX_TOPIC_SHARE))
    if counts is None:
        from .model import build_vectorizer, vectorize
        vkw = {k: fit_kw.pop(k) for k in ("stop_words", "split_words", "min_df", "max_df", "max_features") if k in fit_kw}
        counts, terms = vectorize(texts, build_vectorizer(**vkw))
    has_terms = np.flatnonzero(np.diff(counts.indptr) > 0)
    if len(has_terms) > max_sample:  # a big corpus: choose k on a seeded sample
        rng = np.random.default_rng(seed)
        counts = counts[np.sort(rng.choice(has_terms, size=max_sample, replace=False))]
    n_with = min(len(has_terms), max_sample)
    ks = sorted({int(k) for k in k_range if 1 <= int(k) < n_with})
    if not ks:
        ks = [max(1, min(2, n_with))]
    rows = []
    threshold = fit_kw.pop("stability_threshold", 0.5)
    for k in ks:
        tm = fit_topics(n_topics=k, model=model, seed=seed, counts=counts, terms=terms, **fit_kw)
        stab, _ = topic_stability(tm, n_runs=n_runs, sample_frac=sample_frac, max_sample=max_sample, seed=seed)
        coh = npmi_coherence(counts, terms, tm.top_terms)
        s, c = float(np.nanmean(stab)), float(np.nanmean(coh)) if np.isfinite(coh).any() else -1.0
        sizes = np.asarray(tm.sizes)
        largest = float(sizes.max() / sizes.sum()) if sizes.sum() else 1.0
        rows.append({"k": k, "stability": s, "coherence": c, "score": s * (1 + c) / 2,
                     "n_stable": int((stab >= threshold).sum()), "largest_share": largest,
                     "eligible": largest <= max_topic_share})
    curve = pd.DataFrame(rows)
    pool = curve[curve["eligible"]]
    if pool.empty:   # every k has one topic holding most units: the least lopsided one
        pool = curve[curve["largest_share"].round(12) == curve["largest_share"].round(12).min()]
    best = int(pool.loc[pool["score"].round(12).idxmax(), "k"])
    curve["chosen"] = curve["k"] == best
    return best, curve


#: a solution whose biggest topic holds more than this share of the units is one lump, not clusters
MAX_TOPIC_SHARE = 0.5
#: below these sizes the Topics page says its clusters are unreliable
MIN_UNITS = 200
MIN_ARTICLES = 20


def small_corpus_note(n_units: int, n_articles: int, unit: str = "paragraph", min_units: int = MIN_UNITS,
                      min_articles: int = MIN_ARTICLES) -> str:
    """Markdown warning when the corpus is too small for topics to mean much
    (fewer than ``min_units`` units or ``min_articles`` articles), saying why;
    "" otherwise."""
    if n_units >= min_units and n_articles >= min_articles:
        return ""
    return (f"**Too small a corpus for reliable topics: {n_units} {unit}s in {n_articles} "
            f"article{'s' if n_articles != 1 else ''}** (this page wants at least {min_units} {unit}s and "
            f"{min_articles} articles). With so few units a topic model splits the vocabulary of a handful of "
            "articles, not recurring subjects: a few words shared by two paragraphs make a \"topic\", refits on "
            "resampled units change the clusters, and most of a topic's units may come from one article. Read "
            "the clusters below as a description of these articles, not as themes of the coverage.")
