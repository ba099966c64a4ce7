"""Theme prevalence: the share of units of each group carrying each theme, with
Wilson intervals, at every level; and the period of a unit for over-time views."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..stats import wilson
from .coding import Coding


def prevalence(matrix: pd.DataFrame, themes: list[str], by: str | None = "partner", level: str = "paragraph",
               include_all: bool = True) -> pd.DataFrame:
    """Share of units carrying each theme, per value of column ``by`` (and
    overall as group ``all`` when ``include_all``). Out (long): ``level, group,
    theme, n_units, n_with, share, ci_low, ci_high`` (95% Wilson interval)."""
    parts = []
    if include_all or by is None:
        parts.append(("all", matrix))
    if by is not None:
        parts += [(str(k), g) for k, g in matrix.groupby(by, sort=True)]
    rows = []
    for group, g in parts:
        for t in themes:
            rows.append((level, group, t, len(g), int(g[t].sum())))
    out = pd.DataFrame(rows, columns=["level", "group", "theme", "n_units", "n_with"])
    with np.errstate(invalid="ignore", divide="ignore"):
        out["share"] = out["n_with"] / out["n_units"].where(out["n_units"] > 0)
    out["ci_low"], out["ci_high"] = wilson(out["n_with"], out["n_units"])
    return out


def add_period(matrix: pd.DataFrame, documents: pd.DataFrame, freq: str = "year") -> pd.DataFrame:
    """Add a ``period`` column from the article date (``year`` -> ``2023``,
    ``month`` -> ``2023-04``; ``unknown`` when the date is missing)."""
    n = {"year": 4, "month": 7}.get(freq)
    if n is None:
        raise ValueError(f"freq must be 'year' or 'month', not {freq!r}")
    dates = dict(zip(documents["doc_id"].astype(str), documents["date"].fillna("").astype(str)))
    out = matrix.copy()
    out["period"] = [dates.get(d, "")[:n] or "unknown" for d in out["doc_id"]]
    return out



def prevalence_levels(coding: Coding, themes: list[str]) -> pd.DataFrame:
    """:func:`prevalence` per partner at headline, sentence, paragraph and
    document level, stacked in one long table (column ``level``; the headline
    level is left out for a corpus without headlines)."""
    parts = [prevalence(coding.paragraphs, themes, by="partner", level="paragraph"),
             prevalence(coding.sentences, themes, by="partner", level="sentence"),
             prevalence(coding.documents, themes, by="partner", level="document")]
    if len(coding.headlines):
        parts.insert(0, prevalence(coding.headlines, themes, by="partner", level="headline"))
    return pd.concat(parts, ignore_index=True)


def prevalence_over_time(matrix: pd.DataFrame, documents: pd.DataFrame, themes: list[str], partners: list[str],
                         freq: str = "year", level: str = "paragraph") -> pd.DataFrame:
    """Share of each partner's units carrying each theme, per period of the
    article's date (:func:`add_period`). A unit counts for every selected
    partner in its ``partners`` (a ``both`` paragraph for each of them, as in
    salience). Out (long): ``level, partner, period, theme, n_units, n_with,
    share, ci_low, ci_high`` (95% Wilson interval)."""
    timed = add_period(matrix, documents, freq)
    if "partners" in timed:
        lists = [str(x).split(";") if str(x) else [] for x in timed["partners"].fillna("")]
    else:
        lists = [[str(x)] for x in timed["partner"]]
    parts = []
    for p in partners:
        mine = timed[[p in x for x in lists]]
        if mine.empty:
            continue
        t = prevalence(mine, themes, by="period", level=level, include_all=False).rename(columns={"group": "period"})
        t.insert(1, "partner", p)
        parts.append(t)
    cols = ["level", "partner", "period", "theme", "n_units", "n_with", "share", "ci_low", "ci_high"]
    return pd.concat(parts, ignore_index=True)[cols] if parts else pd.DataFrame(columns=cols)
