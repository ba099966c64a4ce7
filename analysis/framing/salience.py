"""Theme salience per partner, with bootstrap intervals resampled by article.

Input is a *theme matrix*: one row per unit (paragraph) with ``unit_id, doc_id,
partner`` and one boolean column per theme (as built by
``analysis.themes.theme_matrix``). Near-duplicate and boilerplate units should
already be dropped (``analysis.corpus.select_units``) so a meeting reported by
two outlets counts once.

For a partner p:

- its **paragraphs** are the units attributed to p *or* to ``both`` (a paragraph
  naming two partners counts for each of them);
- its **articles** are the articles holding at least one of its paragraphs, and an
  article carries a theme for p when one of *its p-paragraphs* does (so the US
  half of a two-meeting article does not lend its themes to Japan);
- paragraph share = paragraphs with the theme / its paragraphs; article share =
  articles carrying it / its articles;
- the interval is the percentile bootstrap over articles: articles are drawn
  with replacement (``n_boot`` times, fixed ``seed``) and both shares recomputed.
"""
from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from ..corpus.partners import partner_mask
from ..stats import article_weights

SALIENCE_COLUMNS = ["partner", "theme", "level", "k", "n", "share", "ci_low", "ci_high",
                    "n_articles", "n_boot", "ci"]


def partner_units(matrix: pd.DataFrame, partner: str, count_both: bool = True) -> pd.DataFrame:
    """Rows of ``matrix`` attributed to ``partner`` (and to ``both`` when
    ``count_both``: with a ``partners`` column, only the ``both`` rows that
    name this partner, so with three partners a US-Korea paragraph is not
    counted for Japan). See :func:`analysis.corpus.partners.partner_mask`."""
    return matrix[partner_mask(matrix, partner, count_both)]


def salience(matrix: pd.DataFrame, themes: list[str], partners: list[str], n_boot: int = 1000,
             ci: float = 0.95, seed: int = 0, count_both: bool = True, chunk: int = 200) -> pd.DataFrame:
    """Share of each partner's paragraphs and articles carrying each theme.

    Returns one row per (partner, theme, level) with ``level`` in
    ``paragraph``/``article``: ``k`` units with the theme out of ``n``, ``share``,
    ``ci_low``/``ci_high`` (percentile bootstrap, ``ci`` level, articles
    resampled), ``n_articles``, ``n_boot``, ``ci``. A partner with no units gets
    rows with n = 0 and empty shares. The random stream depends only on
    ``seed`` and the partner key, so adding a partner changes no other row.
    """
    rows = []
    lo_q, hi_q = (1 - ci) / 2, 1 - (1 - ci) / 2
    for p in partners:
        sub = partner_units(matrix, p, count_both)
        docs = pd.Index(sorted(sub["doc_id"].unique()))
        n_docs = len(docs)
        if n_docs == 0:
            for t in themes:
                for level in ("paragraph", "article"):
                    rows.append((p, t, level, 0, 0, np.nan, np.nan, np.nan, 0, n_boot, ci))
            continue
        vals = sub[themes].astype(bool).to_numpy()
        doc_pos = docs.get_indexer(sub["doc_id"])
        para_k = np.zeros((n_docs, len(themes)))
        np.add.at(para_k, doc_pos, vals)
        para_n = np.bincount(doc_pos, minlength=n_docs).astype(float)
        art_k = (para_k > 0).astype(float)
        rng = np.random.default_rng([int(seed), zlib.crc32(p.encode("utf-8"))])
        boot_para, boot_art = [], []
        for start in range(0, n_boot, chunk):
            m = article_weights(rng, n_docs, min(chunk, n_boot - start))
            boot_para.append((m @ para_k) / (m @ para_n)[:, None])
            boot_art.append((m @ art_k) / n_docs)
        bp = np.vstack(boot_para) if boot_para else np.empty((0, len(themes)))
        ba = np.vstack(boot_art) if boot_art else np.empty((0, len(themes)))
        for ti, t in enumerate(themes):
            for level, k, n, boot in (("paragraph", para_k[:, ti].sum(), para_n.sum(), bp),
                                      ("article", art_k[:, ti].sum(), float(n_docs), ba)):
                if len(boot):
                    low, high = np.quantile(boot[:, ti], [lo_q, hi_q])
                else:
                    low = high = np.nan
                rows.append((p, t, level, int(k), int(n), k / n, float(low), float(high), n_docs, n_boot, ci))
    out = pd.DataFrame(rows, columns=SALIENCE_COLUMNS)
    return out
