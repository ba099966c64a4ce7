"""Topic clusters beyond the codebook: one call to fit, then tidy tables.

:func:`analyse_topics` takes the units (paragraphs from ``segments`` or
sentences from ``sentences``, already passed through ``select_units``) and
returns a :class:`TopicResult`: the fitted model (:mod:`analysis.topics.model`),
each topic's stability and NPMI coherence and, with ``n_topics="auto"``, the
curve k was chosen from (:mod:`analysis.topics.quality`). The table functions
below turn a result into the tidy DataFrames the report writes:

=========================== ================================================
:func:`topic_table`          one row per topic: label, size, stability, status
:func:`topic_terms`          top c-TF-IDF terms per topic (long)
:func:`segment_topics`       one row per unit: its topic and weight
:func:`representative_units` the units that carry each topic most strongly
:func:`topic_by_partner`     topic x partner counts and shares
:func:`topic_over_time`      topic x period counts and shares
:func:`topic_theme_cooccurrence` topic x codebook theme (METHODS.md measures)
:func:`project_2d`           a deterministic 2-D map of the units
=========================== ================================================

A topic whose stability is below ``stability_threshold`` has status
``unstable``; every table carries the status and :func:`display_label` puts
"(unstable)" in the name the figures show.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..markup import md_escape
from ..stats import association
from .model import NO_TOPIC, NO_TOPIC_LABEL, TopicModel, build_stop_words, build_vectorizer, fit_topics, vectorize
from .quality import choose_k, npmi_coherence, small_corpus_note, topic_stability


@dataclass
class TopicResult:
    """A fitted topic model with its quality measures and the units it was fit on.

    ``units``: ``id_col, doc_id, partner, text`` in input order; ``stability``
    and ``coherence``: per topic 1..k; ``k_selection``: the curve from
    :func:`analysis.topics.quality.choose_k` (empty when k was given);
    ``stability_runs``: every Hungarian match of every run.
    """

    model: TopicModel
    units: pd.DataFrame
    id_col: str
    stability: np.ndarray
    coherence: np.ndarray
    stability_runs: pd.DataFrame
    k_selection: pd.DataFrame
    stability_threshold: float
    unit: str

    @property
    def status(self) -> list[str]:
        return ["stable" if s >= self.stability_threshold else "unstable" for s in self.stability]


def analyse_topics(units: pd.DataFrame, actor_words: Iterable[str] = (), id_col: str = "seg_id",
                   text_col: str = "text", model: str = "nmf", n_topics: int | str = "auto",
                   k_range: Sequence[int] = (2, 3, 4, 5, 6), seed: int = 0, n_stability_runs: int = 5,
                   stability_threshold: float = 0.5, n_top_terms: int = 10, sample_frac: float = 0.8,
                   max_sample: int = 5000, min_df: int | float = 1, max_df: int | float = 0.5,
                   max_features: int | None = 20000, extra_stop_words: Iterable[str] = (),
                   unit: str = "paragraph") -> TopicResult:
    """Vectorise ``units[text_col]``, choose k (``n_topics="auto"``) or take the
    given int (capped below the number of units with terms), fit, and measure
    each topic's stability and coherence.

    ``actor_words``: names to remove (``Actors.stop_words()``); they also split
    hyphenated tokens ("Viet Nam-US"). Other parameters: see
    :func:`analysis.topics.model.fit_topics` and
    :func:`analysis.topics.quality.topic_stability` / ``choose_k``.
    """
    if units.empty:
        raise ValueError("no units to model: the selection is empty")
    if n_stability_runs < 1:
        raise ValueError(f"n_stability_runs must be at least 1 (stability is measured on refits), got {n_stability_runs}")
    actor_words = sorted(set(actor_words))
    stop = build_stop_words(actor_words, extra_stop_words)
    vec = build_vectorizer(stop, actor_words, min_df=min_df, max_df=max_df, max_features=max_features)
    counts, terms = vectorize(units[text_col].astype(str).tolist(), vec)
    n_with = int((np.diff(counts.indptr) > 0).sum())
    curve = pd.DataFrame(columns=["k", "stability", "coherence", "score", "n_stable", "chosen"])
    if n_topics == "auto":
        k, curve = choose_k(k_range=k_range, model=model, seed=seed, n_runs=n_stability_runs,
                            sample_frac=sample_frac, max_sample=max_sample, counts=counts, terms=terms,
                            n_top_terms=n_top_terms, stability_threshold=stability_threshold)
    else:
        k = max(1, min(int(n_topics), n_with - 1 if n_with > 1 else 1))
    tm = fit_topics(n_topics=k, model=model, seed=seed, counts=counts, terms=terms, n_top_terms=n_top_terms)
    tm.params.update(min_df=min_df, max_df=max_df, max_features=max_features)
    stab, runs = topic_stability(tm, n_runs=n_stability_runs, sample_frac=sample_frac, max_sample=max_sample,
                                 seed=seed)
    coh = npmi_coherence(counts, terms, tm.top_terms)
    keep = pd.DataFrame({id_col: units[id_col].astype(str).to_numpy(),
                         "doc_id": (units["doc_id"] if "doc_id" in units else units[id_col]).astype(str).to_numpy(),
                         "partner": (units["partner"].astype(str).to_numpy() if "partner" in units else "none"),
                         "text": units[text_col].astype(str).to_numpy()})
    return TopicResult(tm, keep, id_col, stab, coh, runs, curve, stability_threshold, unit)


def display_label(topic: int, label: str, status: str = "stable") -> str:
    """The name a figure shows: ``T2 oda · infrastructure`` (+ `` (unstable)``)."""
    if topic == NO_TOPIC:
        return "no topic"
    return f"T{topic} {label}" + (" (unstable)" if status == "unstable" else "")


def topic_table(result: TopicResult) -> pd.DataFrame:
    """One row per topic: ``topic, label, display, size, share, stability,
    coherence_npmi, status, top_terms`` (+ a ``topic = -1`` row when some units
    had no term). ``share`` = size / all units."""
    tm = result.model
    n = len(result.units)
    rows = []
    for t in range(tm.n_topics):
        status = result.status[t]
        rows.append({"topic": t + 1, "label": tm.labels[t], "display": display_label(t + 1, tm.labels[t], status),
                     "size": int(tm.sizes[t]), "share": tm.sizes[t] / n if n else 0.0,
                     "stability": float(result.stability[t]), "coherence_npmi": float(result.coherence[t]),
                     "status": status, "top_terms": ", ".join(tm.top_terms[t])})
    n_none = int((tm.assignment == NO_TOPIC).sum())
    if n_none:
        rows.append({"topic": NO_TOPIC, "label": NO_TOPIC_LABEL, "display": "no topic", "size": n_none,
                     "share": n_none / n, "stability": np.nan, "coherence_npmi": np.nan, "status": "none",
                     "top_terms": ""})
    return pd.DataFrame(rows)


def topic_terms(result: TopicResult, n: int | None = None) -> pd.DataFrame:
    """Top c-TF-IDF terms per topic, long: ``topic, display, status, rank, term, weight``."""
    tm = result.model
    index = {t: i for i, t in enumerate(tm.terms)}
    rows = []
    for t in range(tm.n_topics):
        for r, term in enumerate(tm.top_terms[t][:n]):
            rows.append({"topic": t + 1, "display": display_label(t + 1, tm.labels[t], result.status[t]),
                         "status": result.status[t], "rank": r + 1, "term": term,
                         "weight": float(tm.term_weights[t, index[term]])})
    return pd.DataFrame(rows, columns=["topic", "display", "status", "rank", "term", "weight"])


def segment_topics(result: TopicResult) -> pd.DataFrame:
    """One row per unit: ``<id_col>, doc_id, partner, topic, label, weight,
    status``; ``weight`` = the unit's share of its topic in the model (0..1)."""
    tm = result.model
    a = tm.assignment
    labels = np.array([NO_TOPIC_LABEL, *tm.labels], dtype=object)
    status = np.array(["none", *result.status], dtype=object)
    idx = np.where(a > 0, a, 0)
    w = np.where(a > 0, tm.weights[np.arange(len(a)), np.clip(a - 1, 0, None)], 0.0)
    out = result.units[[result.id_col, "doc_id", "partner"]].copy()
    out["topic"], out["label"], out["weight"], out["status"] = a, labels[idx], np.round(w, 6), status[idx]
    return out.reset_index(drop=True)


def representative_units(result: TopicResult, n: int = 3, max_chars: int | None = None) -> pd.DataFrame:
    """The ``n`` units of each topic with the highest weight on it (ties: input
    order): ``topic, display, rank, <id_col>, doc_id, partner, weight, text``."""
    seg = segment_topics(result)
    seg["text"] = result.units["text"].to_numpy()
    seg["order"] = np.arange(len(seg))
    seg = seg[seg["topic"] > 0].sort_values(["topic", "weight", "order"], ascending=[True, False, True])
    top = seg.groupby("topic", sort=True).head(n).copy()
    top["rank"] = top.groupby("topic").cumcount() + 1
    disp = dict(zip(topic_table(result)["topic"], topic_table(result)["display"]))
    top["display"] = top["topic"].map(disp)
    if max_chars:
        top["text"] = [t if len(t) <= max_chars else t[: max_chars - 1] + "…" for t in top["text"]]
    return top[["topic", "display", "rank", result.id_col, "doc_id", "partner", "weight", "text"]].reset_index(drop=True)


def topic_by_partner(assignments: pd.DataFrame, topics: pd.DataFrame, partners: Sequence[str] | None = None) -> pd.DataFrame:
    """Units per topic x partner, long: ``topic, display, status, partner,
    n_units, share_of_partner`` (n / the partner's units: each partner's column
    sums to 1) and ``share_of_topic`` (n / the topic's units).

    ``assignments``: :func:`segment_topics`; ``topics``: :func:`topic_table`;
    ``partners``: the partner values to show, in order (default: all seen,
    sorted, with ``both`` and ``none`` last).
    """
    seen = sorted(set(assignments["partner"]) - {"both", "none"})
    seen += [p for p in ("both", "none") if p in set(assignments["partner"])]
    cols = list(partners) if partners else seen
    ct = pd.crosstab(assignments["topic"], assignments["partner"]).reindex(
        index=topics["topic"].tolist(), columns=cols, fill_value=0)
    long = ct.stack().rename("n_units").reset_index()
    long.columns = ["topic", "partner", "n_units"]
    per_partner = assignments["partner"].value_counts()
    per_topic = assignments["topic"].value_counts()
    long["share_of_partner"] = long["n_units"] / long["partner"].map(per_partner).replace(0, np.nan)
    long["share_of_topic"] = long["n_units"] / long["topic"].map(per_topic).replace(0, np.nan)
    long = long.merge(topics[["topic", "display", "status"]], on="topic", how="left")
    return long[["topic", "display", "status", "partner", "n_units", "share_of_partner", "share_of_topic"]].fillna(
        {"share_of_partner": 0.0, "share_of_topic": 0.0})


def topic_over_time(assignments: pd.DataFrame, documents: pd.DataFrame, topics: pd.DataFrame,
                    freq: str = "year") -> pd.DataFrame:
    """Units per topic x period of the article's date: ``period, topic,
    display, status, n_units, share`` (share of the period's units).
    ``freq``: ``year`` (``2023``) or ``month`` (``2023-04``); undated articles
    fall in period ``unknown``."""
    width = {"year": 4, "month": 7}.get(freq)
    if width is None:
        raise ValueError(f"freq must be 'year' or 'month', got {freq!r}")
    dates = documents.set_index("doc_id")["date"].fillna("").astype(str)
    period = assignments["doc_id"].map(dates).fillna("").str[:width].replace("", "unknown")
    df = assignments.assign(period=period)
    ct = df.groupby(["period", "topic"]).size().rename("n_units").reset_index()
    ct["share"] = ct["n_units"] / ct["period"].map(df["period"].value_counts())
    ct = ct.merge(topics[["topic", "display", "status"]], on="topic", how="left")
    return ct.sort_values(["period", "topic"])[["period", "topic", "display", "status", "n_units", "share"]].reset_index(drop=True)


def topic_theme_cooccurrence(assignments: pd.DataFrame, theme_matrix: pd.DataFrame, topics: pd.DataFrame,
                             themes: Sequence[str], id_col: str = "seg_id") -> pd.DataFrame:
    """How often each topic co-occurs with each codebook theme, in units.

    ``theme_matrix``: one row per unit, ``unit_id`` + one bool column per
    theme (``analysis.themes.theme_matrix``). For topic X and theme Y over the
    N units of ``assignments``: a = units in X with Y, b = X without Y, c = Y
    outside X, d = neither; ``jaccard = a/(a+b+c)``, ``p_theme_given_topic =
    a/(a+b)``, ``lift = aN/((a+b)(a+c))``, ``npmi = log2(lift)/-log2(a/N)``
    (-1 when a = 0), computed by :func:`analysis.stats.association`
    as everywhere else (NaN where a ratio has no units). Out: one row per
    topic x theme.
    """
    tm = theme_matrix.set_index(theme_matrix["unit_id"].astype(str))
    ids = assignments[id_col].astype(str)
    rows = []
    N = len(assignments)
    for theme in themes:
        has = ids.map(tm[theme]).fillna(False).astype(bool).to_numpy() if theme in tm else np.zeros(N, bool)
        for t, disp, status in topics[["topic", "display", "status"]].itertuples(index=False):
            inx = (assignments["topic"] == t).to_numpy()
            a = int((inx & has).sum())
            b = int((inx & ~has).sum())
            c = int((~inx & has).sum())
            d = N - a - b - c
            m = association(a, b, c, d)
            rows.append({"topic": t, "display": disp, "status": status, "theme": theme, "a": a, "b": b, "c": c,
                         "d": d, "n_units": N, "jaccard": float(m["jaccard"]),
                         "p_theme_given_topic": float(m["p_b_given_a"]), "lift": float(m["lift"]),
                         "npmi": float(m["npmi"])})
    return pd.DataFrame(rows)


def project_2d(result: TopicResult, space: str = "tfidf", seed: int = 0) -> pd.DataFrame:
    """A deterministic 2-D map of the units: TruncatedSVD (seeded, sign-fixed
    by scikit-learn) of the TF-IDF matrix (``space="tfidf"``) or PCA of the
    unit x topic weights (``space="topics"``). Out: ``<id_col>, topic,
    display, status, x, y``."""
    from sklearn.decomposition import PCA, TruncatedSVD

    tm = result.model
    if space == "tfidf":
        X = tm.tfidf
        if min(X.shape) > 2:
            xy = TruncatedSVD(n_components=2, random_state=seed).fit_transform(X)
        else:
            xy = np.zeros((X.shape[0], 2))
            dense = X.toarray()
            xy[:, : min(2, dense.shape[1])] = dense[:, :2]
    elif space == "topics":
        W = tm.weights
        xy = PCA(n_components=2, random_state=seed).fit_transform(W) if min(W.shape) >= 2 else np.c_[W[:, :1], np.zeros(len(W))]
    else:
        raise ValueError(f"space must be 'tfidf' or 'topics', got {space!r}")
    seg = segment_topics(result)
    disp = dict(zip(topic_table(result)["topic"], topic_table(result)["display"]))
    return pd.DataFrame({result.id_col: seg[result.id_col], "topic": seg["topic"], "display": seg["topic"].map(disp),
                         "status": seg["status"], "x": np.round(xy[:, 0], 6), "y": np.round(xy[:, 1], 6)})


__all__ = ["TopicResult", "analyse_topics", "display_label", "topic_table", "topic_terms", "segment_topics",
           "representative_units", "topic_by_partner", "topic_over_time", "topic_theme_cooccurrence",
           "project_2d", "topics_summary", "build_stop_words"]


def topics_summary(result: TopicResult) -> str:
    """A Markdown paragraph for the report: how k was set, each topic with its
    label, size, stability and coherence, and which topics are unstable."""
    topics = topic_table(result)
    tm = result.model
    n = len(result.units)
    if len(result.k_selection):
        best = result.k_selection[result.k_selection["chosen"]].iloc[0]
        how = (f"k = {tm.n_topics} was chosen from k = {', '.join(map(str, result.k_selection['k']))} "
               f"(score {best['score']:.2f} = stability {best['stability']:.2f} × (1 + coherence "
               f"{best['coherence']:.2f}) / 2)")
    else:
        how = f"k = {tm.n_topics} was set by the report's parameters"
    lines = [f"The {tm.model.upper()} model found **{tm.n_topics} topics** in {n} {result.unit}s; {how}.", ""]
    for r in topics[topics["topic"] > 0].itertuples(index=False):
        flag = " — **unstable**: do not read much into it" if r.status == "unstable" else ""
        lines.append(f"- **T{r.topic} {md_escape(r.label)}**: {r.size} {result.unit}s ({r.share:.0%}), "
                     f"stability {r.stability:.2f}, coherence {r.coherence_npmi:.2f}{flag}")
    unstable = topics[topics["status"] == "unstable"]
    lines.append("")
    if len(unstable):
        lines.append(f"{len(unstable)} of {tm.n_topics} topics fall below the stability threshold of "
                     f"{result.stability_threshold:.2f}: refits on resampled {result.unit}s do not reproduce "
                     f"their top terms, so they may be noise of this corpus rather than a real cluster.")
    else:
        lines.append(f"Every topic reaches the stability threshold of {result.stability_threshold:.2f}.")
    if len(result.k_selection) and "eligible" in result.k_selection and not result.k_selection["eligible"].any():
        lines.append(f" Every k tried left one topic holding most of the {result.unit}s; the least lopsided "
                     "solution is shown.")
    note = small_corpus_note(n, result.units["doc_id"].nunique(), result.unit)
    if note:
        lines.extend(["", note])
    none = int((tm.assignment < 0).sum())
    if none:
        lines.append(f" {none} {result.unit}s kept no term after the stop list and have no topic.")
    return "\n".join(lines)
