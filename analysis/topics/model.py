"""Fitting topic models on text units (paragraphs or sentences).

In: a list of unit texts and a stop list. Out: a :class:`TopicModel` holding
the document-term counts, the unit x topic weights, a hard assignment and the
class-based TF-IDF (c-TF-IDF) term weights per topic that label each topic.

- Tokens are the words of :func:`analysis.text.words` (folded, lower-cased) of
  the NFC-normalised text (a letter written with a combining accent would
  otherwise split the word):
  a possessive ``'s`` is cut, and a hyphenated token one of whose parts names an
  actor ("Viet Nam-US", "ASEAN-US") is split so the actor part is dropped.
- Terms are the kept words and the *bigrams of adjacent kept words* (a bigram
  never bridges a removed stop word, so "settlement of war consequences" gives
  "war consequences", not "settlement war") nor clause punctuation. Tokens starting with a digit and
  one-letter tokens are dropped.
- Stop list = scikit-learn's English stop words + the actor and outlet names of
  ``partners.yaml`` (:meth:`analysis.config.Actors.stop_words`) +
  :data:`DIPLOMATIC_STOP_WORDS`, so clusters follow content, not who met whom.
- Models (all scikit-learn, seeded): ``nmf`` (TF-IDF, ``init="nndsvda"``),
  ``kmeans`` (L2-normalised TF-IDF, 3 inits) and ``lda`` (raw counts; batch
  variational Bayes up to 20,000 units, online with 5 passes above).
- Topics are numbered 1..k by size (largest first, ties by model order); a unit
  left with no term after the stop list is assigned topic -1.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfTransformer

from ..text import words

#: Words of diplomatic news that say who met whom, not what was discussed.
#: Kept short on purpose; extend through the ``extra_stop_words`` parameter.
DIPLOMATIC_STOP_WORDS = frozenset({
    # reporting verbs and who-met-whom words
    "said", "says", "say", "told", "added", "adding", "noted", "affirmed", "stressed", "expressed",
    "asked", "proposed", "suggested", "called", "agreed", "hopes", "wishes",
    "sides", "countries", "country", "minister", "ministers", "ministry", "ministries",
    "foreign", "affairs", "secretary", "fm", "fms", "mr", "ms", "mrs",
    # diplomatic filler that every paragraph carries
    "continue", "continued", "including", "especially", "important", "new", "increase", "step",
    "highly", "promote",
})

MODELS = ("nmf", "kmeans", "lda")
#: punctuation that ends a clause: no bigram spans it ("trade; settlement")
_CLAUSE_BREAK = re.compile(r"[,;:!?()\[\]\"\u201c\u201d]|\.(?=\s|$)|\s[-\u2013\u2014]\s")
NO_TOPIC = -1
NO_TOPIC_LABEL = "(no terms left after the stop list)"


def build_stop_words(actor_words: Iterable[str] = (), extra: Iterable[str] = (),
                     english: bool = True, diplomatic: bool = True) -> frozenset[str]:
    """The stop list: English stop words (scikit-learn) + ``actor_words`` (e.g.
    ``Actors.stop_words()``) + :data:`DIPLOMATIC_STOP_WORDS` + ``extra``.
    Every entry is folded and lower-cased like the tokens it removes."""
    out: set[str] = set()
    if english:
        out |= set(ENGLISH_STOP_WORDS)
    if diplomatic:
        out |= DIPLOMATIC_STOP_WORDS
    for w in [*actor_words, *extra]:
        out.update(words(str(w)))
    return frozenset(out)


def make_analyzer(stop_words: Iterable[str], split_words: Iterable[str] = (),
                  ngram_max: int = 2) -> Callable[[str], list[str]]:
    """Return ``analyze(text) -> list of terms`` (words + adjacent-word bigrams).

    ``split_words``: a hyphenated token with a part in this set is split into
    its parts (use the actor names). Stop words are dropped before the bigrams
    are formed and a bigram never spans a dropped word.
    """
    stop = frozenset(stop_words)
    # an actor word that is also an English function word ("to" of "To Lam")
    # must not split "people-to-people"; "us" is the exception ("ASEAN-US")
    split = frozenset(w for w in split_words if len(w) >= 2 and (w == "us" or w not in ENGLISH_STOP_WORDS))
    bigrams = ngram_max >= 2

    memo: dict[str, tuple] = {}

    def parts_of(tok: str) -> tuple:
        # the token's parts, each kept (str) or dropped (None)
        if tok.endswith("'s"):
            tok = tok[:-2]
        parts = [tok]
        if "-" in tok:
            pieces = tok.split("-")
            if split.intersection(pieces):
                parts = pieces
        return tuple(None if (len(t) < 2 or t[0].isdigit() or t in stop) else t for t in parts)

    def analyze(text: str) -> list[str]:
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)  # "Vie\u0323t" -> "Việt" -> "viet"
        out: list[str] = []
        prev = None
        for chunk in _CLAUSE_BREAK.split(text):
            prev = None
            for tok in words(chunk):
                parts = memo.get(tok)
                if parts is None:
                    parts = memo[tok] = parts_of(tok)
                for t in parts:
                    if t is None:
                        prev = None
                        continue
                    out.append(t)
                    if bigrams and prev is not None:
                        out.append(prev + " " + t)
                    prev = t
        return out

    return analyze


def build_vectorizer(stop_words: Iterable[str], split_words: Iterable[str] = (),
                     min_df: int | float = 1, max_df: int | float = 0.5,
                     max_features: int | None = 20000, ngram_max: int = 2) -> CountVectorizer:
    """A CountVectorizer over :func:`make_analyzer` terms (words + bigrams).

    ``min_df``/``max_df`` are document-frequency cut-offs as in scikit-learn;
    ``max_features`` keeps the most frequent terms (bounds memory on big corpora).
    TF-IDF is derived from its counts by :func:`tfidf_from_counts`.
    """
    return CountVectorizer(analyzer=make_analyzer(stop_words, split_words, ngram_max),
                           min_df=min_df, max_df=max_df, max_features=max_features,
                           dtype=np.float32)


def tfidf_from_counts(counts: sparse.spmatrix) -> sparse.csr_matrix:
    """TF-IDF with smoothed idf, sublinear tf and L2-normalised rows (scikit-learn's
    TfidfTransformer); rows with no term stay all-zero."""
    return TfidfTransformer(sublinear_tf=True).fit_transform(counts).astype(np.float32).tocsr()


def vectorize(texts: Sequence[str], vectorizer: CountVectorizer) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Fit ``vectorizer`` on ``texts``; return (counts as CSR float32, term array).
    If the cut-offs leave no term (a tiny corpus), retry with min_df=1, max_df=1.0."""
    try:
        counts = vectorizer.fit_transform(list(texts))
    except ValueError:
        vectorizer.set_params(min_df=1, max_df=1.0)
        counts = vectorizer.fit_transform(list(texts))
    return counts.tocsr(), np.asarray(vectorizer.get_feature_names_out(), dtype=object)


def ctfidf(counts: sparse.spmatrix, assignment: np.ndarray, n_topics: int) -> np.ndarray:
    """Class-based TF-IDF (Grootendorst 2022, BERTopic), as in METHODS.md:

        W(x, c) = tf(x, c) / sum_x tf(x, c) * ln(1 + A / f_x)

    tf(x, c) = count of term x over the units of topic c; A = mean number of
    tokens (term occurrences) per topic; f_x = count of x over all topics.

    In: unit x term counts, hard assignment (0..n_topics-1; other values are
    ignored). Out: dense (n_topics, n_terms) array; an empty topic has a zero row,
    and a term absent from every topic gets weight 0.
    """
    counts = sparse.csr_matrix(counts)
    mask = (assignment >= 0) & (assignment < n_topics)
    rows = np.flatnonzero(mask)
    member = sparse.csr_matrix((np.ones(len(rows)), (assignment[rows], rows)),
                               shape=(n_topics, counts.shape[0]))
    tf = np.asarray((member @ counts).todense(), dtype=np.float64)
    f = tf.sum(axis=0)
    total_per_topic = tf.sum(axis=1, keepdims=True)
    A = tf.sum() / n_topics
    with np.errstate(divide="ignore", invalid="ignore"):
        norm_tf = np.where(total_per_topic > 0, tf / np.where(total_per_topic > 0, total_per_topic, 1), 0.0)
        idf = np.where(f > 0, np.log1p(A / np.where(f > 0, f, 1)), 0.0)
    return norm_tf * idf


def top_terms(weights: np.ndarray, terms: np.ndarray, n: int = 10) -> list[list[str]]:
    """Top-``n`` terms of each row of ``weights`` (ties broken by term order;
    zero-weight terms are never listed)."""
    out = []
    for row in weights:
        order = np.lexsort((np.arange(len(row)), -row))[:n]
        out.append([str(terms[i]) for i in order if row[i] > 0])
    return out


def label_terms(weights_row: np.ndarray, terms: np.ndarray, n: int = 3, pool: int = 30,
                bigram_ratio: float = 0.5) -> list[str]:
    """The ``n`` terms that name a topic: c-TF-IDF order, but a word is replaced
    by a bigram containing it when the bigram's weight is at least
    ``bigram_ratio`` of the word's ("digital transformation" rather than
    "digital"), two such bigrams sharing a word are chained ("south china" +
    "china sea" -> "south china sea"), and a term whose words are all already
    shown is skipped."""
    order = [i for i in np.lexsort((np.arange(len(weights_row)), -weights_row))[:pool] if weights_row[i] > 0]
    cand = [(str(terms[i]), float(weights_row[i])) for i in order]
    chosen: list[str] = []
    covered: set[str] = set()
    for term, w in cand:
        if len(chosen) >= n:
            break
        if set(term.split()) <= covered:
            continue
        if " " not in term:
            better = [t for t, bw in cand if " " in t and term in t.split() and bw >= bigram_ratio * w
                      and not set(t.split()) <= covered and t not in chosen]
            if better:
                term = better[0]
        if " " in term:  # chain bigrams that share a word: "south china" + "china sea"
            first, last = term.split()[0], term.split()[-1]
            for t, bw in cand:
                tw = t.split()
                if len(tw) == 2 and bw >= bigram_ratio * w and t != term:
                    if tw[1] == first and tw[0] not in term.split():
                        term = f"{tw[0]} {term}"
                        break
                    if tw[0] == last and tw[1] not in term.split():
                        term = f"{term} {tw[1]}"
                        break
        chosen.append(term)
        covered.update(term.split())
    return chosen


@dataclass
class TopicModel:
    """A fitted topic model over ``n_units`` units.

    ``weights``: (n_units, k) unit x topic weights, rows summing to 1 (0 for a
    unit with no term); ``assignment``: topic 1..k per unit (-1 = no term);
    ``term_weights``: (k, n_terms) c-TF-IDF; ``top_terms``/``labels`` per topic
    (index 0 = topic 1); ``counts``/``tfidf``/``terms``: the vectorised units.
    """

    model: str
    n_topics: int
    seed: int
    terms: np.ndarray
    counts: sparse.csr_matrix
    tfidf: sparse.csr_matrix
    weights: np.ndarray
    assignment: np.ndarray
    term_weights: np.ndarray
    top_terms: list[list[str]]
    labels: list[str]
    params: dict = field(default_factory=dict)

    @property
    def sizes(self) -> np.ndarray:
        """Units per topic 1..k."""
        return np.bincount(self.assignment[self.assignment > 0], minlength=self.n_topics + 1)[1:]


def _raw_fit(counts, tfidf, n_topics: int, model: str, seed: int, max_iter: int) -> np.ndarray:
    """Unit x topic weights (non-negative) from one seeded scikit-learn model."""
    n_units = counts.shape[0]
    if model == "nmf":
        from sklearn.decomposition import NMF
        est = NMF(n_components=n_topics, init="nndsvda", random_state=seed, max_iter=max_iter, tol=1e-4)
        W = est.fit_transform(tfidf)
    elif model == "kmeans":
        from sklearn.cluster import KMeans
        est = KMeans(n_clusters=n_topics, random_state=seed, n_init=3, max_iter=max_iter)
        labels = est.fit_predict(tfidf)
        centers = est.cluster_centers_
        norms = np.linalg.norm(centers, axis=1, keepdims=True)
        sim = np.asarray(tfidf @ (centers / np.where(norms > 0, norms, 1)).T)
        W = np.clip(sim, 0, None)
        # the hard assignment is k-means' own: put its cluster first on ties
        W[np.arange(n_units), labels] = W.max(axis=1) + 1e-9
    elif model == "lda":
        from sklearn.decomposition import LatentDirichletAllocation
        batch = n_units <= 20000
        est = LatentDirichletAllocation(
            n_components=n_topics, random_state=seed, learning_method="batch" if batch else "online",
            max_iter=min(max_iter, 100) if batch else min(max_iter, 5), batch_size=4096)
        W = est.fit_transform(counts)
    else:
        raise ValueError(f"model must be one of {', '.join(MODELS)}, got {model!r}")
    W = np.asarray(W, dtype=np.float64)
    empty = np.asarray(counts.sum(axis=1)).ravel() == 0
    W[empty] = 0.0
    return W


def fit_topics(texts: Sequence[str] | None = None, n_topics: int = 5, model: str = "nmf", seed: int = 0,
               stop_words: Iterable[str] = (), split_words: Iterable[str] = (),
               min_df: int | float = 1, max_df: int | float = 0.5, max_features: int | None = 20000,
               n_top_terms: int = 10, max_iter: int = 300,
               counts: sparse.csr_matrix | None = None, terms: np.ndarray | None = None) -> TopicModel:
    """Fit one topic model and label its topics with c-TF-IDF.

    In: ``texts`` (one string per unit) and the stop list, or precomputed
    ``counts``/``terms`` (from :func:`vectorize`; then ``texts`` is ignored).
    ``n_topics`` must be between 1 and the number of units with terms.
    Out: :class:`TopicModel`. Same inputs and seed give identical output.
    """
    if model not in MODELS:
        raise ValueError(f"model must be one of {', '.join(MODELS)}, got {model!r}")
    if counts is None:
        vec = build_vectorizer(stop_words, split_words, min_df=min_df, max_df=max_df, max_features=max_features)
        counts, terms = vectorize(texts, vec)
    tfidf = tfidf_from_counts(counts)
    n_with_terms = int((np.diff(counts.indptr) > 0).sum())
    if not 1 <= n_topics <= max(n_with_terms, 1):
        raise ValueError(f"n_topics={n_topics}: need 1 <= n_topics <= units with terms ({n_with_terms})")
    W = _raw_fit(counts, tfidf, n_topics, model, seed, max_iter)
    raw_assign = np.where(W.sum(axis=1) > 0, W.argmax(axis=1), -1)
    # renumber topics by size, largest first (ties: model order)
    size = np.bincount(raw_assign[raw_assign >= 0], minlength=n_topics)
    order = np.lexsort((np.arange(n_topics), -size))
    W = W[:, order]
    rank = np.empty(n_topics, dtype=int)
    rank[order] = np.arange(n_topics)
    assign0 = np.where(raw_assign >= 0, rank[np.clip(raw_assign, 0, None)], -1)
    row_sum = W.sum(axis=1, keepdims=True)
    W = np.where(row_sum > 0, W / np.where(row_sum > 0, row_sum, 1), 0.0)
    tw = ctfidf(counts, assign0, n_topics)
    tops = top_terms(tw, terms, n_top_terms)
    labels = [" · ".join(label_terms(row, terms)) or "(empty topic)" for row in tw]
    return TopicModel(model=model, n_topics=n_topics, seed=seed, terms=terms, counts=counts, tfidf=tfidf,
                      weights=W, assignment=np.where(assign0 >= 0, assign0 + 1, NO_TOPIC),
                      term_weights=tw, top_terms=tops, labels=labels,
                      params={"min_df": min_df, "max_df": max_df, "max_features": max_features,
                              "max_iter": max_iter, "n_top_terms": n_top_terms})


def refit(tm: TopicModel, rows: np.ndarray, seed: int) -> TopicModel:
    """Fit the same model (same k, vocabulary, settings) on a subset of ``tm``'s
    units with another seed; used by the stability analysis."""
    return fit_topics(n_topics=tm.n_topics, model=tm.model, seed=seed,
                      n_top_terms=tm.params["n_top_terms"], max_iter=tm.params["max_iter"],
                      counts=tm.counts[rows], terms=tm.terms)
