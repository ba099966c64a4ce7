"""Near-duplicate paragraphs across articles (two outlets reporting one meeting).

Each paragraph becomes a set of character 8-grams of its folded, lower-cased
text with everything but letters and digits removed, so "Việt Nam" and
"Vietnam", curly and straight quotes, or a changed comma do not hide a copy.
Similarity is the Jaccard index of two such sets. Candidate pairs come from a
sparse product restricted to a content-defined quarter of the rare shingles
(those in few paragraphs), and only
pairs sharing a good part of those are compared exactly, so the work grows with
the number of real overlaps, not with the square of the corpus.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..text import fold

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def compact(text: str) -> str:
    """Folded, lower-case, letters and digits only."""
    return _NON_ALNUM.sub("", fold(text).lower())


def shingle_matrix(compacts: list[str], k: int = 8, n_features: int = 2 ** 22) -> sp.csr_matrix:
    """Binary CSR matrix: row i marks the hashed character k-grams of the
    already :func:`compact`-ed text i. All texts are hashed at once with a
    vectorised polynomial rolling hash over their concatenated bytes."""
    texts = compacts
    compacts = [c.encode("ascii", "ignore") for c in compacts]
    lens = np.fromiter((len(c) for c in compacts), dtype=np.int64, count=len(compacts))
    buf = np.frombuffer(b"".join(compacts), dtype=np.uint8).astype(np.uint64)
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]]) if len(lens) else np.zeros(0, np.int64)
    n_win = np.maximum(lens - k + 1, 0)
    if buf.size < k or n_win.sum() == 0:
        return sp.csr_matrix((len(texts), n_features), dtype=np.float32)
    m = buf.size - k + 1
    h = np.zeros(m, dtype=np.uint64)
    base = np.uint64(1_000_003)
    for j in range(k):  # h = Σ b[i+j]·base^(k-1-j), wrapping in 64 bits
        h = h * base + buf[j:j + m]
    rows = np.repeat(np.arange(len(texts)), n_win)
    pos = np.repeat(starts, n_win) + (np.arange(n_win.sum()) - np.repeat(np.cumsum(n_win) - n_win, n_win))
    cols = (h[pos] % np.uint64(n_features)).astype(np.int64)
    X = sp.csr_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(len(texts), n_features))
    X.sum_duplicates()
    X.data[:] = 1.0
    return X


def near_duplicate_pairs(texts: list[str], groups: list[str], threshold: float = 0.5,
                         k: int = 8, min_chars: int = 40, chunk: int = 2000, sample_every: int = 4,
                         order: list[int] | None = None) -> pd.DataFrame:
    """Pairs (i, j), i < j, of texts in *different* groups whose shingle
    Jaccard ≥ ``threshold``. Texts shorter than ``min_chars`` (compacted) are
    skipped. Returns columns ``i, j, similarity`` sorted by i, j.

    Exact copies (the same compacted text, however many articles carry it, as
    with syndicated wire copy) are grouped first: each copy is paired with the
    group's first text by ``order`` (default: position), similarity 1.0. Near
    copies are then found among one representative per group.
    """
    n = len(texts)
    if n < 2:
        return pd.DataFrame({"i": [], "j": [], "similarity": []})
    order = list(range(n)) if order is None else list(order)
    compacts = [compact(t) for t in texts]
    groups_arr = np.asarray(groups)
    first: dict[str, int] = {}
    for i in sorted(range(n), key=lambda i: (order[i], i)):
        if len(compacts[i]) >= min_chars:
            first.setdefault(compacts[i], i)
    exact = [(first[compacts[i]], i) for i in range(n)
             if len(compacts[i]) >= min_chars and first[compacts[i]] != i
             and groups_arr[first[compacts[i]]] != groups_arr[i]]
    reps = sorted(first.values())
    near = _near_pairs([compacts[r] for r in reps], groups_arr[reps], threshold, k, chunk, sample_every)
    rows = [(min(a, b), max(a, b), 1.0) for a, b in exact]
    rows += [(min(reps[a], reps[b]), max(reps[a], reps[b]), s) for a, b, s in near]
    res = pd.DataFrame(rows, columns=["i", "j", "similarity"]).astype({"i": int, "j": int, "similarity": float})
    return res.sort_values(["i", "j"], kind="stable").reset_index(drop=True)


def _near_pairs(compacts: list[str], groups: np.ndarray, threshold: float, k: int, chunk: int,
                sample_every: int) -> list[tuple[int, int, float]]:
    """(i, j, Jaccard) for distinct compacted texts of different groups at or
    above ``threshold``: candidates share rare shingles, then exact Jaccard."""
    n = len(compacts)
    if n < 2:
        return []
    X = shingle_matrix(compacts, k)
    sizes = np.asarray(X.sum(axis=1)).ravel()
    # candidates share at least one shingle that occurs in few paragraphs
    df = np.asarray((X > 0).sum(axis=0)).ravel()
    rare_cols = df <= max(50, int(0.002 * n))
    # a content-defined quarter of them (hash bucket % 4 == 0) is enough to find
    # a near-copy, which shares hundreds, and cuts the candidate product ~16-fold
    sampled = rare_cols & (np.arange(X.shape[1]) % sample_every == 0)
    R = X[:, sampled] if sampled.any() else X
    rare_sizes = np.asarray(R.sum(axis=1)).ravel()
    RT = R.T.tocsr()
    out: list[tuple[int, int, float]] = []
    for lo in range(0, n, chunk):
        hi = min(n, lo + chunk)
        cand = (R[lo:hi] @ RT).tocoo()
        rows, cols = cand.row + lo, cand.col
        # a near-copy shares a good part of its rare shingles too: a pair sharing
        # only a handful is not worth the exact comparison
        need = np.maximum(2, 0.5 * threshold * np.minimum(rare_sizes[rows], rare_sizes[cols]))
        keep = (rows < cols) & (cand.data >= need) & (groups[rows] != groups[cols])
        rows, cols = rows[keep], cols[keep]
        if rows.size == 0:
            continue
        inter = np.asarray(X[rows].multiply(X[cols]).sum(axis=1)).ravel()
        union = sizes[rows] + sizes[cols] - inter
        sim = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
        sel = sim >= threshold
        out.extend(zip(rows[sel].tolist(), cols[sel].tolist(), sim[sel].astype(float).tolist()))
    return out


def link_duplicates(segments: pd.DataFrame, doc_order: list[str], threshold: float = 0.5,
                    skip: pd.Series | None = None, run=None) -> pd.DataFrame:
    """Fill ``duplicate_of`` and ``dup_similarity`` in a segments table.

    Only content paragraphs (not boilerplate) are compared. A paragraph is linked
    to its most similar paragraph in an article that comes *earlier* in
    ``doc_order`` (by date, then doc_id): the first report of a meeting is the
    original, later ones are its near-duplicates. Rows marked in ``skip`` (a
    headline's copies above photos, already linked) are not compared. ``run``:
    an engine's many-argument map that keeps results on its workers (the Dask
    engine); the pairs are then found partition by partition
    (:mod:`analysis.corpus.crossdup`), the same pairs as in one process.
    """
    segments = segments.reset_index(drop=True)
    segments["duplicate_of"] = ""
    segments["dup_similarity"] = np.nan
    compare = ~segments["boilerplate"].to_numpy(dtype=bool)
    if skip is not None:
        compare &= ~np.asarray(skip, dtype=bool)
    content = segments.index[compare]
    texts = segments.loc[content, "text"].tolist()
    docs = segments.loc[content, "doc_id"].tolist()
    rank = {d: r for r, d in enumerate(doc_order)}
    if run is None:
        pairs = near_duplicate_pairs(texts, docs, threshold=threshold, order=[rank[d] for d in docs])
    else:
        from .crossdup import near_duplicate_pairs_partitioned

        pairs = near_duplicate_pairs_partitioned(texts, docs, threshold=threshold, order=[rank[d] for d in docs],
                                                 run=run, n_parts=max(8, len(texts) // 20000))
    if pairs.empty:
        return segments
    best: dict[int, tuple[float, int]] = {}
    for i, j, s in pairs.itertuples(index=False):
        i, j = int(i), int(j)
        early, late = (i, j) if rank[docs[i]] <= rank[docs[j]] else (j, i)
        if late not in best or s > best[late][0]:
            best[late] = (s, early)
    seg_ids = segments["seg_id"].to_numpy()
    late_idx = [content[late] for late in best]
    segments.loc[late_idx, "duplicate_of"] = [seg_ids[content[early]] for _, early in best.values()]
    segments.loc[late_idx, "dup_similarity"] = [round(float(s), 4) for s, _ in best.values()]
    return segments
