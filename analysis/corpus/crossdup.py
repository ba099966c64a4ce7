"""Near-duplicate paragraphs across partitions, for an engine whose data stays
on its workers (the Dask engine).

The same pairs as :func:`analysis.corpus.duplicates.near_duplicate_pairs`, by
the same rules, computed without holding every paragraph's shingles in one
process:

1. exact copies: each partition hashes its compacted texts (sha1); the hashes
   are grouped on the caller, and each copy is paired with the first text of
   its group by ``order`` (similarity 1.0);
2. near copies, among one representative per group, cut into partitions: each
   partition compacts its texts (kept where they were computed) and counts its
   shingles; the counts are summed (a reduction) to find the rare shingles and
   the content-defined sample of them that proposes candidates; each partition
   then keeps its texts' sampled rare shingles;
3. every pair of partitions (p <= q) proposes the pairs of texts sharing enough
   sampled rare shingles and measures their exact Jaccard (shingles rebuilt for
   those rows only), on a worker; only the pairs at or above the threshold come
   back. This is the candidate rule of the single-process detector (a band of
   one sampled rare shingle, with a minimum share), not MinHash: the same rule
   gives the same pairs, so both engines give the same tables.

``run(func, *iterables, keep)`` is the engine's many-argument map: with
``keep=True`` it returns handles to results left where they were computed
(Dask futures), which later calls may take as arguments. The default runs
everything here, in this process.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .duplicates import compact, shingle_matrix

N_FEATURES = 2 ** 22


def _local_run(func: Callable, *iterables, keep: bool = False) -> list:
    return [func(*args) for args in zip(*iterables)]


def _hashes(texts: list[str], min_chars: int) -> list[bytes | None]:
    """sha1 of each compacted text (None when shorter than ``min_chars``)."""
    out = []
    for t in texts:
        c = compact(t)
        out.append(hashlib.sha1(c.encode("utf-8")).digest() if len(c) >= min_chars else None)
    return out


def _prepare(texts: list[str], k: int) -> dict:
    """One partition of representatives: compacted texts, shingles per text,
    and the partition's shingle counts (columns, counts)."""
    compacts = [compact(t) for t in texts]
    X = shingle_matrix(compacts, k, N_FEATURES)
    cols, counts = np.unique(X.indices, return_counts=True)
    return {"compacts": compacts, "k": k, "sizes": np.asarray(X.sum(axis=1)).ravel(),
            "counts": np.vstack([cols, counts]).astype(np.int64)}


def _column_counts(part: dict) -> np.ndarray:
    return part["counts"]


def _sampled(part: dict, sampled_cols: np.ndarray | None) -> dict:
    """The partition with ``R`` (its shingles restricted to the sampled rare
    columns, which propose candidates) and the size of each row of R; the full
    shingle matrix is not kept (it is rebuilt for the few candidate rows)."""
    X = shingle_matrix(part["compacts"], part["k"], N_FEATURES)
    R = (X[:, sampled_cols] if sampled_cols is not None else X).tocsr()
    return {"compacts": part["compacts"], "k": part["k"], "sizes": part["sizes"], "R": R,
            "rare_sizes": np.asarray(R.sum(axis=1)).ravel()}


def _rows(part: dict, rows: np.ndarray) -> sp.csr_matrix:
    """The shingle matrix of ``rows`` of a partition, in the order given."""
    uniq, inv = np.unique(rows, return_inverse=True)
    X = shingle_matrix([part["compacts"][r] for r in uniq], part["k"], N_FEATURES)
    return X[inv]


def _block(part_p: dict, part_q: dict, off_p: int, off_q: int, groups_p: np.ndarray, groups_q: np.ndarray,
           threshold: float, chunk: int = 2000) -> np.ndarray:
    """(i, j, similarity) rows, global indices i < j, for the texts of partitions
    p and q (p <= q): candidates share sampled rare shingles, then exact Jaccard
    (the rules of :func:`analysis.corpus.duplicates._near_pairs`)."""
    Rp, rp, sp_ = part_p["R"], part_p["rare_sizes"], part_p["sizes"]
    RqT, rq, sq = part_q["R"].T.tocsr(), part_q["rare_sizes"], part_q["sizes"]
    out = []
    for lo in range(0, Rp.shape[0], chunk):
        hi = min(Rp.shape[0], lo + chunk)
        cand = (Rp[lo:hi] @ RqT).tocoo()
        rows, cols = cand.row + lo, cand.col
        need = np.maximum(2, 0.5 * threshold * np.minimum(rp[rows], rq[cols]))
        keep = (rows + off_p < cols + off_q) & (cand.data >= need) & (groups_p[rows] != groups_q[cols])
        rows, cols = rows[keep], cols[keep]
        if rows.size == 0:
            continue
        inter = np.asarray(_rows(part_p, rows).multiply(_rows(part_q, cols)).sum(axis=1)).ravel()
        union = sp_[rows] + sq[cols] - inter
        sim = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
        sel = sim >= threshold
        out.append(np.vstack([rows[sel] + off_p, cols[sel] + off_q, sim[sel]]).T)
    return np.vstack(out) if out else np.zeros((0, 3))


def near_duplicate_pairs_partitioned(texts: Sequence[str], groups: Sequence[str], threshold: float = 0.5,
                                     k: int = 8, min_chars: int = 40, sample_every: int = 4,
                                     order: Sequence[int] | None = None, run: Callable | None = None,
                                     n_parts: int = 8) -> pd.DataFrame:
    """:func:`analysis.corpus.duplicates.near_duplicate_pairs`, partition by
    partition (see the module's docstring): columns ``i, j, similarity``."""
    run = run or _local_run
    texts, n = list(texts), len(texts)
    empty = pd.DataFrame({"i": [], "j": [], "similarity": []}).astype({"i": int, "j": int, "similarity": float})
    if n < 2:
        return empty
    order = list(range(n)) if order is None else list(order)
    groups_arr = np.asarray(groups)
    bounds = _bounds(n, n_parts)
    hashes = [h for part in run(_hashes, [texts[a:b] for a, b in bounds], [min_chars] * len(bounds)) for h in part]
    first: dict[bytes, int] = {}
    for i in sorted(range(n), key=lambda i: (order[i], i)):
        if hashes[i] is not None:
            first.setdefault(hashes[i], i)
    rows = [(min(first[h], i), max(first[h], i), 1.0) for i, h in enumerate(hashes)
            if h is not None and first[h] != i and groups_arr[first[h]] != groups_arr[i]]
    reps = sorted(first.values())
    if len(reps) >= 2:
        rbounds = _bounds(len(reps), n_parts)
        parts = run(_prepare, [[texts[r] for r in reps[a:b]] for a, b in rbounds], [k] * len(rbounds), keep=True)
        df = np.zeros(N_FEATURES, dtype=np.int64)
        for cols_counts in run(_column_counts, parts):          # a reduction of per-partition counts
            df[cols_counts[0]] += cols_counts[1]
        rare = df <= max(50, int(0.002 * len(reps)))
        sampled = rare & (np.arange(N_FEATURES) % sample_every == 0)
        cols = np.flatnonzero(sampled) if sampled.any() else None
        ready = run(_sampled, parts, [cols] * len(parts), keep=True)
        rep_groups = groups_arr[reps]
        offs = [a for a, _ in rbounds]
        pairs = [(p, q) for p in range(len(rbounds)) for q in range(p, len(rbounds))]
        found = run(_block, [ready[p] for p, _ in pairs], [ready[q] for _, q in pairs],
                    [offs[p] for p, _ in pairs], [offs[q] for _, q in pairs],
                    [rep_groups[slice(*rbounds[p])] for p, _ in pairs],
                    [rep_groups[slice(*rbounds[q])] for _, q in pairs], [threshold] * len(pairs))
        for block in found:
            for a, b, s in block:
                ra, rb = reps[int(a)], reps[int(b)]
                rows.append((min(ra, rb), max(ra, rb), float(s)))
    if not rows:
        return empty
    res = pd.DataFrame(rows, columns=["i", "j", "similarity"]).astype({"i": int, "j": int, "similarity": float})
    return res.sort_values(["i", "j"], kind="stable").reset_index(drop=True)


def _bounds(n: int, parts: int) -> list[tuple[int, int]]:
    parts = max(1, min(parts, n))
    cuts = sorted(set(round(k * n / parts) for k in range(parts + 1)))
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
