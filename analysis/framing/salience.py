"""Theme salience per partner, counted per meeting first, then per article and paragraph.

Input is a *theme matrix*: one row per unit (paragraph) with ``unit_id, doc_id,
partner`` (``event_id`` when the corpus found meetings) and one boolean column
per theme (as built by ``analysis.themes.theme_matrix``). Near-duplicate and
boilerplate units should already be dropped (``analysis.corpus.select_units``)
so a meeting reported by two outlets counts once.

For a partner p:

- its **paragraphs** are the units attributed to p *or* to ``both`` naming p (a
  paragraph naming two partners counts for each of them);
- its **meetings** are the meetings (``event_id``; the article while the corpus
  has none, see :mod:`analysis.framing.meetings`) holding one of its paragraphs,
  its **articles** likewise; a meeting or article carries a theme for p when one
  of *its p-paragraphs* does (the US half of a two-meeting article lends
  nothing to Japan);
- shares: meetings (articles, paragraphs) with the theme / its meetings
  (articles, paragraphs).

Intervals do not flatter (METHODS.md, "Intervals for shares"): a meeting or
article share gets the Wilson score interval (or Clopper–Pearson, ``method =
"exact"``) on that count, never a zero-width one; a paragraph share gets a
percentile bootstrap over meetings only when there are at least
``min_boot_clusters`` of them (paragraphs of one meeting are not independent),
and no interval otherwise (``interval = "none"``). A partner with fewer than
``min_meetings`` meetings is flagged ``comparable = False``: comparisons then say
"too few meetings to compare" and show the counts.
"""
from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from ..corpus.partners import partner_mask
from ..stats import INTERVAL_METHODS, article_weights, share_interval
from .meetings import meeting_ids

SALIENCE_COLUMNS = ["partner", "theme", "level", "k", "n", "share", "ci_low", "ci_high", "interval", "ci",
                    "n_meetings", "n_articles", "comparable", "meeting_source", "n_boot"]
LEVELS = ("meeting", "article", "paragraph")
#: the unit names a reader sees, per level
UNIT_WORDS = {"meeting": ("meeting", "meetings"), "article": ("article", "articles"),
              "paragraph": ("paragraph", "paragraphs")}


def partner_units(matrix: pd.DataFrame, partner: str, count_both: bool = True) -> pd.DataFrame:
    """Rows of ``matrix`` attributed to ``partner`` (and to ``both`` when
    ``count_both``: with a ``partners`` column, only the ``both`` rows that
    name this partner, so with three partners a US-Korea paragraph is not
    counted for Japan). See :func:`analysis.corpus.partners.partner_mask`."""
    return matrix[partner_mask(matrix, partner, count_both)]


def _cluster_counts(ids: np.ndarray, vals: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per cluster: (theme paragraph counts, paragraph count, carries-theme) for the rows' ``ids``."""
    uniq, pos = np.unique(ids, return_inverse=True)
    k = np.zeros((len(uniq), vals.shape[1]))
    np.add.at(k, pos, vals)
    n = np.bincount(pos, minlength=len(uniq)).astype(float)
    return k, n, (k > 0).astype(float)


def salience(matrix: pd.DataFrame, themes: list[str], partners: list[str], ci: float = 0.95,
             method: str = "wilson", min_meetings: int = 5, n_boot: int = 1000, min_boot_clusters: int = 20,
             seed: int = 0, count_both: bool = True, chunk: int = 200) -> pd.DataFrame:
    """Share of each partner's meetings, articles and paragraphs carrying each theme.

    Returns one row per (partner, theme, level), ``level`` in ``meeting``,
    ``article``, ``paragraph``: ``k`` units with the theme out of ``n``,
    ``share``, ``ci_low``/``ci_high`` at level ``ci`` and how they were found
    (``interval``: ``wilson``, ``exact``, ``bootstrap`` over meetings, or
    ``none``), the partner's ``n_meetings`` and ``n_articles``, ``comparable``
    (``n_meetings >= min_meetings``), ``meeting_source`` (``event_id`` or
    ``doc_id``) and ``n_boot``. A partner with no units gets rows with n = 0
    and empty shares. The bootstrap's random stream depends only on ``seed``
    and the partner key, so adding a partner changes no other row.
    """
    if method not in INTERVAL_METHODS:
        raise ValueError(f"method must be one of {', '.join(INTERVAL_METHODS)}, not {method!r}")
    if not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1, not {ci!r}")
    rows = []
    lo_q, hi_q = (1 - ci) / 2, 1 - (1 - ci) / 2
    _, source = meeting_ids(matrix)
    for p in partners:
        mask = partner_mask(matrix, p, count_both)
        sub = matrix[mask]
        meet = meeting_ids(sub, p)[0].to_numpy()
        docs = sub["doc_id"].astype(str).to_numpy()
        vals = sub[themes].astype(bool).to_numpy() if len(sub) else np.zeros((0, len(themes)), bool)
        in_meeting = meet != ""
        mk, _, m_carry = _cluster_counts(meet[in_meeting], vals[in_meeting])
        _, _, a_carry = _cluster_counts(docs, vals)
        n_meet, n_docs = len(mk), len(np.unique(docs))
        comparable = n_meet >= min_meetings
        # paragraphs: resample meetings (a paragraph outside any meeting is its article's own cluster)
        clusters = np.where(in_meeting, meet, np.char.add("doc:", docs.astype(str))) if len(sub) else meet
        ck, cn, _ = _cluster_counts(clusters, vals)
        boot = None
        if len(ck) >= max(int(min_boot_clusters), 2) and n_boot > 0:
            rng = np.random.default_rng([int(seed), zlib.crc32(p.encode("utf-8"))])
            parts = []
            for start in range(0, n_boot, chunk):
                w = article_weights(rng, len(ck), min(chunk, n_boot - start))
                parts.append((w @ ck) / (w @ cn)[:, None])
            boot = np.vstack(parts)
        for ti, t in enumerate(themes):
            for level, k, n in (("meeting", m_carry[:, ti].sum(), n_meet),
                                ("article", a_carry[:, ti].sum(), n_docs),
                                ("paragraph", vals[:, ti].sum(), len(sub))):
                if n == 0:
                    rows.append((p, t, level, 0, 0, np.nan, np.nan, np.nan, "none", ci, n_meet, n_docs,
                                 comparable, source, n_boot))
                    continue
                if level == "paragraph":
                    if boot is not None:
                        low, high = np.quantile(boot[:, ti], [lo_q, hi_q])
                        how = "bootstrap"
                    else:
                        low = high = np.nan
                        how = "none"
                else:
                    low, high = (float(x) for x in share_interval(k, n, ci, method))
                    how = method
                rows.append((p, t, level, int(k), int(n), k / n, float(low), float(high), how, ci, n_meet, n_docs,
                             comparable, source, n_boot))
    return pd.DataFrame(rows, columns=SALIENCE_COLUMNS)


_METHOD_NAMES = {"wilson": "Wilson", "exact": "Clopper–Pearson", "bootstrap": "bootstrap over meetings"}


def counts_phrase(row, level: str | None = None, qualifier: str = "") -> str:
    """ "3 of 3 meetings (95% CI 44%–100%, Wilson)" for one salience row
    (``qualifier``: "Japan" gives "3 of 3 Japan meetings")."""
    level = level or row["level"]
    one, many = UNIT_WORDS[level]
    n = int(row["n"])
    q = f"{qualifier} " if qualifier else ""
    text = f"{int(row['k'])} of {n} {q}{one if n == 1 else many}"
    if n and np.isfinite(row["ci_low"]):
        text += (f" ({row['ci']:.0%} CI {100 * row['ci_low']:.0f}%–{100 * row['ci_high']:.0f}%, "
                 f"{_METHOD_NAMES.get(row['interval'], row['interval'])})")
    return text


def salience_note(table: pd.DataFrame, partner_labels: dict[str, str] | None = None, min_meetings: int = 5) -> str:
    """Markdown stating the units and denominators behind a salience table: per
    partner its meetings, articles and paragraphs, what a meeting is here, and
    whether there are enough meetings to compare."""
    from ..markup import md_escape

    partner_labels = partner_labels or {}
    if table.empty:
        return "No partner to count."
    source = table["meeting_source"].iloc[0]
    parts, few = [], []
    for p, g in table.groupby("partner", sort=False):
        n_para = int(g.loc[g["level"] == "paragraph", "n"].max())
        n_meet, n_art = int(g["n_meetings"].iloc[0]), int(g["n_articles"].iloc[0])
        name = md_escape(partner_labels.get(p, p))
        parts.append(f"{name}: {n_meet} meeting{'s' if n_meet != 1 else ''}, {n_art} article"
                     f"{'s' if n_art != 1 else ''}, {n_para} paragraph{'s' if n_para != 1 else ''}")
        if not bool(g["comparable"].iloc[0]):
            few.append(name)
    what = ("Meetings are the corpus's events." if source == "event_id" else
            "The corpus has no meetings table yet: **each article counts as one meeting**.")
    text = f"**Units.** {'; '.join(parts)}. {what}"
    if few:
        text += (f" **Too few meetings to compare** for {', '.join(few)} (at least {min_meetings} per partner): "
                 "the shares describe these meetings, not a tendency.")
    return text
