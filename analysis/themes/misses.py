"""Candidate misses: the uncoded units most like the coded ones, per theme, with
the words that drove each score, so an analyst sees what the codebook may be
missing and can extend it.

In: unit texts (the counted paragraphs and headlines) and their theme matrix.
Out: :func:`miss_scores` (a score per unit and theme) and
:func:`candidate_misses` (the top uncoded units per theme, ranked, with the
words behind each score).

The model: TF-IDF of words and word pairs (scikit-learn's ``TfidfVectorizer``,
sublinear term frequency, English and caller-given stop words such as the
partners' and outlets' names) and, per theme, a logistic regression (L2,
classes balanced) trained to tell the units the codebook codes from the
others. Its decision function ranks the units the codebook does NOT code; a
unit's "words" are the terms with the largest positive contributions
(coefficient × TF-IDF weight). The model learns from the codebook's own hits,
so it finds what the coded units' vocabulary suggests, not the truth: a
candidate is a lead to read, never a code.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..text import squash

MISS_COLUMNS = ["theme", "rank", "seg_id", "doc_id", "unit", "partner", "score", "words", "text"]
MIN_CODED = 2          # fewer coded units than this: no model for the theme


def _vectorise(texts: list[str], stop_words: Iterable[str]):
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    from ..text import fold

    stop = sorted(set(ENGLISH_STOP_WORDS) | {w.lower() for w in stop_words})
    vec = TfidfVectorizer(preprocessor=lambda t: fold(t).lower(), token_pattern=r"(?u)\b[a-z][a-z\-]+[a-z]\b",
                          stop_words=stop, ngram_range=(1, 2), sublinear_tf=True, min_df=1, dtype=np.float64)
    return vec, vec.fit_transform(texts)


def miss_scores(units: pd.DataFrame, matrix: pd.DataFrame, themes: list[str], stop_words: Iterable[str] = (),
                text_col: str = "text") -> tuple[pd.DataFrame, dict]:
    """A score per unit and theme: the decision function of a logistic
    regression on TF-IDF trained on the codebook's codes of ``units``.

    In: ``units`` (``seg_id`` and ``text``), their theme ``matrix``
    (``unit_id`` = seg_id, bool columns), the themes to model, stop words.
    Out: ``(scores, models)``: ``scores`` has ``seg_id`` and one float column
    per theme (NaN for a theme with fewer than :data:`MIN_CODED` coded units
    or no uncoded unit); ``models`` maps each modelled theme to
    ``(vectoriser, X, coefficients)`` for :func:`candidate_misses`."""
    from sklearn.linear_model import LogisticRegression

    texts = units[text_col].fillna("").astype(str).tolist()
    ids = units["seg_id"].astype(str).tolist()
    m = matrix.set_index("unit_id").reindex(ids)
    scores = pd.DataFrame({"seg_id": ids})
    models: dict = {}
    if not texts:
        for t in themes:
            scores[t] = np.nan
        return scores, models
    try:
        vec, X = _vectorise(texts, stop_words)
    except ValueError:          # no term left after the stop list
        for t in themes:
            scores[t] = np.nan
        return scores, models
    for t in themes:
        y = m[t].fillna(False).to_numpy(dtype=bool) if t in m else np.zeros(len(ids), bool)
        if y.sum() < MIN_CODED or (~y).sum() == 0:
            scores[t] = np.nan
            continue
        clf = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000, solver="liblinear")
        clf.fit(X, y)
        scores[t] = clf.decision_function(X)
        models[t] = (vec, X, clf.coef_[0], y)
    return scores, models


def _top_words(x_row, coef: np.ndarray, terms: np.ndarray, n: int) -> str:
    """The ``n`` terms of one TF-IDF row with the largest positive contribution."""
    idx, vals = x_row.indices, x_row.data
    if len(idx) == 0:
        return ""
    contrib = vals * coef[idx]
    order = np.argsort(-contrib, kind="mergesort")
    return "; ".join(f"{terms[idx[j]]} ({contrib[j]:.2f})" for j in order[:n] if contrib[j] > 0)


def candidate_misses(units: pd.DataFrame, matrix: pd.DataFrame, themes: list[str], top: int = 10,
                     n_words: int = 6, stop_words: Iterable[str] = (), width: int = 240,
                     scores: tuple[pd.DataFrame, dict] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per theme, the ``top`` units the codebook does not code for it that the
    model scores highest, best first.

    Out: ``(misses, notes)``. ``misses``: :data:`MISS_COLUMNS` (``words``: the
    terms behind the score with their contributions, ``text`` shortened to
    ``width`` characters). The score is the model's decision function: higher
    is more like the coded units; a negative score means the model still leans
    towards "not the theme", so read the words before the rank. ``notes``: one row per theme, ``theme,
    n_coded, n_candidates`` (the uncoded units ranked), ``note`` saying when
    no model could be fit.
    ``scores``: a result of :func:`miss_scores` to reuse."""
    got, models = scores if scores is not None else miss_scores(units, matrix, themes, stop_words)
    ids = units["seg_id"].astype(str).tolist()
    rows, notes = [], []
    for t in themes:
        if t not in models:
            n_coded = int(matrix[t].sum()) if t in matrix else 0
            notes.append((t, n_coded, 0, f"not modelled: {n_coded} coded unit(s), at least {MIN_CODED} needed"
                          if n_coded < MIN_CODED else "not modelled: every unit is coded"))
            continue
        vec, X, coef, y = models[t]
        terms = vec.get_feature_names_out()
        s = got[t].to_numpy(float)
        cand = np.flatnonzero(~y)
        cand = cand[np.lexsort((np.arange(len(cand)), -s[cand]))][:top]
        for rank, i in enumerate(cand, 1):
            u = units.iloc[i]
            text = squash(str(u["text"]))
            rows.append((t, rank, ids[i], str(u["doc_id"]), str(u["unit"]) if "unit" in units else "paragraph",
                         str(u.get("partner", "")), round(float(s[i]), 4), _top_words(X[i], coef, terms, n_words),
                         text if len(text) <= width else text[:width - 1].rstrip() + "…"))
        notes.append((t, int(y.sum()), int((~y).sum()), ""))
    return (pd.DataFrame(rows, columns=MISS_COLUMNS),
            pd.DataFrame(notes, columns=["theme", "n_coded", "n_candidates", "note"]))


def lookalike_ids(scores: pd.DataFrame, matrix: pd.DataFrame, themes: list[str], per_theme: int) -> set[str]:
    """The uncoded units (no main theme) ranked in the top ``per_theme`` by
    some theme's score: the label sheet's look-alike stratum."""
    m = matrix.set_index("unit_id").reindex(scores["seg_id"])
    coded = m[themes].fillna(False).to_numpy(dtype=bool).any(axis=1)
    out: set[str] = set()
    for t in themes:
        if t not in scores or scores[t].isna().all():
            continue
        s = scores[t].to_numpy(float)
        cand = np.flatnonzero(~coded)
        cand = cand[np.lexsort((np.arange(len(cand)), -s[cand]))][:per_theme]
        out |= set(scores["seg_id"].iloc[cand])
    return out
