"""Theme x theme co-occurrence: counts and association measures, overall and per
partner, with a bootstrap over articles for partner differences.

In: a theme matrix (one row per unit — sentence, paragraph or document — with
``doc_id``, ``partner`` and one bool column per theme; see
:mod:`analysis.themes`). Out: one row per unordered pair of themes.

Measures exactly as in ``METHODS.md``: with a = units with both themes, b = X
only, c = Y only, d = neither, N = a+b+c+d:

* Jaccard = a/(a+b+c); P(Y|X) = a/(a+b); lift = aN/((a+b)(a+c));
* PMI = log2(lift); NPMI = PMI / (-log2(a/N)), -1 when a = 0 and both themes
  occur (never together).

Edge cases (documented so the tables can be read): a measure whose denominator
is 0 is NaN (P(Y|X) when X never occurs, Jaccard when neither occurs); PMI is
-inf when a = 0 but both occur; NPMI is NaN (undefined, shown as "no data")
when a theme occurs in no unit at all, when a = N (both themes in every unit:
no contrast to measure) and when there are no units.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ..corpus.partners import partner_mask
from ..markup import md_escape
from ..stats import article_weights, association

PAIR_COLUMNS = ["level", "partner", "theme_a", "theme_b", "a", "b", "c", "d", "n_units", "n_a", "n_b",
                "jaccard", "p_b_given_a", "p_a_given_b", "lift", "pmi", "npmi"]




def _pairs(themes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    i, j = np.triu_indices(len(themes), k=1)
    return i, j


def _counts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Joint counts (k x k, diagonal = theme counts) of a bool unit x theme matrix."""
    x = x.astype(np.int64)
    return x.T @ x, x.sum(axis=0), x.shape[0]


def cooccurrence(matrix: pd.DataFrame, themes: list[str], unit_label: str, partner: str = "all") -> pd.DataFrame:
    """Co-occurrence of every unordered pair of ``themes`` (codebook order,
    ``theme_a`` before ``theme_b``) over the rows of ``matrix``.

    Out: ``level, partner, theme_a, theme_b, a, b, c, d, n_units, n_a, n_b,
    jaccard, p_b_given_a, p_a_given_b, lift, pmi, npmi``; ``level`` is
    ``unit_label`` ("sentence", "paragraph", "document"), ``n_a``/``n_b`` the
    units with each theme, ``a`` the support of every measure."""
    x = matrix[themes].to_numpy(dtype=bool) if len(matrix) else np.zeros((0, len(themes)), bool)
    joint, marg, n = _counts(x)
    i, j = _pairs(themes)
    a = joint[i, j]
    b, c = marg[i] - a, marg[j] - a
    d = n - a - b - c
    out = pd.DataFrame({"level": unit_label, "partner": partner,
                        "theme_a": np.asarray(themes, dtype=object)[i], "theme_b": np.asarray(themes, dtype=object)[j],
                        "a": a, "b": b, "c": c, "d": d, "n_units": n, "n_a": marg[i], "n_b": marg[j]})
    for k, v in association(a, b, c, d).items():
        out[k] = v
    return out[PAIR_COLUMNS]


def partner_units(matrix: pd.DataFrame, partner: str, include_both: bool = False) -> pd.DataFrame:
    """The units attributed to ``partner`` (and, when asked, the ``both`` units
    that name it; see :func:`analysis.corpus.partners.partner_mask`)."""
    return matrix[partner_mask(matrix, partner, include_both)]


def cooccurrence_by_partner(matrix: pd.DataFrame, themes: list[str], unit_label: str, partners: list[str],
                            include_both: bool = False) -> pd.DataFrame:
    """:func:`cooccurrence` overall (partner ``all``) and within the units
    attributed to each partner (``both`` units only when ``include_both``)."""
    parts = [cooccurrence(matrix, themes, unit_label, "all")]
    parts += [cooccurrence(partner_units(matrix, p, include_both), themes, unit_label, p) for p in partners]
    return pd.concat(parts, ignore_index=True)


def cooccurrence_table(matrices: dict[str, pd.DataFrame], themes: list[str], partners: list[str],
                       include_both: bool = False, partner_matrices: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """All levels in one tidy table: ``matrices`` maps a level name
    ("sentence", "paragraph", "document") to its theme matrix; the per-partner
    rows use ``partner_matrices[level]`` when given (e.g. documents split by
    partner, :func:`analysis.themes.document_matrix` with ``by_partner=True``)."""
    parts = []
    for lvl, m in matrices.items():
        pm = (partner_matrices or {}).get(lvl, m)
        parts.append(cooccurrence(m, themes, lvl, "all"))
        parts += [cooccurrence(partner_units(pm, p, include_both), themes, lvl, p) for p in partners]
    return pd.concat(parts, ignore_index=True)


def square(pairs: pd.DataFrame, themes: list[str], measure: str = "npmi") -> pd.DataFrame:
    """A symmetric theme x theme frame of one measure from a pair table of one
    level and partner (diagonal NaN). For P(B|A) the row is A, the column B."""
    out = pd.DataFrame(np.nan, index=themes, columns=themes)
    for r in pairs.itertuples(index=False):
        if measure == "p_b_given_a":
            out.loc[r.theme_a, r.theme_b] = r.p_b_given_a
            out.loc[r.theme_b, r.theme_a] = r.p_a_given_b
        else:
            out.loc[r.theme_a, r.theme_b] = out.loc[r.theme_b, r.theme_a] = getattr(r, measure)
    return out


# --------------------------------------------------------------------------- bootstrap by article
def _doc_stats(matrix: pd.DataFrame, themes: list[str], docs: list[str]) -> np.ndarray:
    """Per article: [N, n_theme (k), joint (pairs)] as an (n_docs x (1+k+P)) array."""
    i, j = _pairs(themes)
    k = len(themes)
    out = np.zeros((len(docs), 1 + k + len(i)))
    pos = {d: n for n, d in enumerate(docs)}
    for doc, g in matrix.groupby("doc_id", sort=False):
        if doc not in pos:
            continue
        joint, marg, n = _counts(g[themes].to_numpy(dtype=bool))
        out[pos[doc]] = np.concatenate([[n], marg, joint[i, j]])
    return out


def _npmi_from_stats(stats: np.ndarray, k: int) -> np.ndarray:
    i, j = np.triu_indices(k, k=1)
    n = stats[..., :1]
    marg = stats[..., 1:1 + k]
    a = stats[..., 1 + k:]
    b, c = marg[..., i] - a, marg[..., j] - a
    d = n - a - b - c
    return association(a, b, c, d)["npmi"]


def bootstrap_difference(matrix: pd.DataFrame, themes: list[str], partner_a: str, partner_b: str,
                         unit_label: str, n_boot: int = 1000, seed: int = 0, ci: float = 0.95,
                         include_both: bool = False, min_support: int = 0) -> pd.DataFrame:
    """NPMI of each pair within ``partner_a``'s units minus within ``partner_b``'s,
    with a percentile bootstrap interval resampling ARTICLES with replacement.

    Every article that has units of either partner is a resampling unit; a
    replicate draws as many articles as there are, with replacement, and
    recomputes both partners' NPMI from the drawn articles' units (an article
    drawn twice counts twice). Replicates where a difference is undefined (a
    partner without units, or NaN NPMI) are dropped; ``n_valid`` says how many
    remain. Out: ``level, theme_a, theme_b, partner_a, partner_b, npmi_a,
    npmi_b, diff, ci_low, ci_high, n_valid, n_articles, a_support, b_support``
    (the supports: units with both themes for each partner); pairs whose
    support is below ``min_support`` for BOTH partners are left out.
    """
    k = len(themes)
    ma = partner_units(matrix, partner_a, include_both)
    mb = partner_units(matrix, partner_b, include_both)
    docs = sorted(set(ma["doc_id"]) | set(mb["doc_id"]))
    i, j = _pairs(themes)
    sa, sb = _doc_stats(ma, themes, docs), _doc_stats(mb, themes, docs)
    full_a, full_b = _npmi_from_stats(sa.sum(axis=0), k), _npmi_from_stats(sb.sum(axis=0), k)
    lo = hi = np.full(len(i), np.nan)
    n_valid = np.zeros(len(i), dtype=int)
    if docs and n_boot > 0:
        rng = np.random.default_rng(seed)
        w = article_weights(rng, len(docs), n_boot)
        diff = _npmi_from_stats(w @ sa, k) - _npmi_from_stats(w @ sb, k)
        ok = np.isfinite(diff)
        n_valid = ok.sum(axis=0)
        alpha = (1 - ci) / 2
        masked = np.where(ok, diff, np.nan)
        with warnings.catch_warnings():   # all-NaN columns (a partner never has units) stay NaN
            warnings.simplefilter("ignore", RuntimeWarning)
            lo = np.nanquantile(masked, alpha, axis=0)
            hi = np.nanquantile(masked, 1 - alpha, axis=0)
        lo, hi = np.where(n_valid > 0, lo, np.nan), np.where(n_valid > 0, hi, np.nan)
    t = np.asarray(themes, dtype=object)
    out = pd.DataFrame({"level": unit_label, "theme_a": t[i], "theme_b": t[j], "partner_a": partner_a,
                         "partner_b": partner_b, "npmi_a": full_a, "npmi_b": full_b, "diff": full_a - full_b,
                         "ci_low": lo, "ci_high": hi, "n_valid": n_valid, "n_articles": len(docs),
                        "a_support": sa.sum(axis=0)[1 + k:].astype(int), "b_support": sb.sum(axis=0)[1 + k:].astype(int)})
    keep = np.maximum(out["a_support"], out["b_support"]) >= min_support
    return out[keep].reset_index(drop=True)


# --------------------------------------------------------------------------- levels disagree?
def level_disagreement(pairs: pd.DataFrame, levels: list[str] = ("sentence", "paragraph", "document"),
                       partner: str = "all", measure: str = "npmi", min_support: int = 1) -> pd.DataFrame:
    """Where sentence, paragraph and document level rank the theme pairs differently.

    In: the all-levels pair table (:func:`cooccurrence_table`). Pairs with
    support ``a >= min_support`` at some level are ranked by ``measure`` within
    each level (1 = strongest; ties share the best rank; a pair whose measure is
    undefined at a level gets no rank there).
    Out: one row per pair with the measure, support and rank at each level and
    ``rank_spread`` (largest minus smallest rank), sorted by spread, largest first."""
    p = pairs[(pairs["partner"] == partner) & pairs["level"].isin(levels)]
    levels = [lv for lv in levels if lv in set(p["level"])]
    keep = p.groupby(["theme_a", "theme_b"])["a"].max()
    keep = keep[keep >= min_support].index
    p = p.set_index(["theme_a", "theme_b"]).loc[lambda df: df.index.isin(keep)].reset_index()
    wide = None
    for lv in levels:
        q = p[p["level"] == lv][["theme_a", "theme_b", measure, "a"]].copy()
        q[f"rank_{lv}"] = q[measure].rank(ascending=False, method="min", na_option="keep").astype("Int64")
        q = q.rename(columns={measure: f"{measure}_{lv}", "a": f"a_{lv}"})
        wide = q if wide is None else wide.merge(q, on=["theme_a", "theme_b"], how="outer")
    if wide is None:
        return pd.DataFrame(columns=["theme_a", "theme_b", "rank_spread"])
    ranks = wide[[f"rank_{lv}" for lv in levels]]
    wide["rank_spread"] = (ranks.max(axis=1) - ranks.min(axis=1)).astype("Int64")
    return wide.sort_values(["rank_spread", "theme_a", "theme_b"], ascending=[False, True, True],
                            kind="mergesort").reset_index(drop=True)


def level_rank_agreement(disagreement: pd.DataFrame, measure: str = "npmi") -> pd.DataFrame:
    """Spearman correlation of the pair rankings between each two levels of a
    :func:`level_disagreement` table (``level_1, level_2, n_pairs, spearman``)."""
    cols = [c for c in disagreement.columns if c.startswith("rank_") and c != "rank_spread"]
    rows = []
    for x in range(len(cols)):
        for y in range(x + 1, len(cols)):
            r = disagreement[cols[x]].corr(disagreement[cols[y]], method="spearman") if len(disagreement) > 1 else np.nan
            rows.append((cols[x][5:], cols[y][5:], len(disagreement), r))
    return pd.DataFrame(rows, columns=["level_1", "level_2", "n_pairs", "spearman"])


def describe_bootstrap(diff: pd.DataFrame, partner_a: str, partner_b: str, level: str, n_boot: int) -> str:
    """One sentence for the report about a :func:`bootstrap_difference` table."""
    partner_a, partner_b = md_escape(partner_a), md_escape(partner_b)
    if diff.empty:
        return (f"No pair of themes occurs together in the {level}s of {partner_a} or {partner_b}: "
                "there is no partner difference to estimate.")
    return (f"NPMI({partner_a}) − NPMI({partner_b}) at {level} level: {n_boot} bootstrap replicates over "
            f"{int(diff['n_articles'].max())} articles, {len(diff)} pairs seen together for at least one partner.")


def partner_difference(matrix: pd.DataFrame, themes: list[str], compare: list[str], level: str,
                       n_boot: int = 1000, seed: int = 0, include_both: bool = False) -> tuple[pd.DataFrame, str]:
    """The NPMI difference between the two partners in ``compare`` with its
    bootstrap interval (:func:`bootstrap_difference`), and the sentence the
    report shows about it. With fewer or more than two partners the table is
    empty and the sentence says why."""
    if len(compare) != 2:
        return pd.DataFrame(), (f"{len(compare)} partner(s) selected for the comparison "
                                f"({md_escape(', '.join(compare)) or 'none'}): the difference needs exactly two.")
    a, b = compare
    diff = bootstrap_difference(matrix, themes, a, b, level, n_boot=n_boot, seed=seed,
                                include_both=include_both, min_support=1)
    return diff, describe_bootstrap(diff, a, b, level, n_boot)
